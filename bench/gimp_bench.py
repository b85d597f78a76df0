#!/usr/bin/python3
"""What the plug-in itself costs in a real, headless GIMP, against the image size.

For images of 1, 12, 24, 50 and 100 MP, each with a small (300x200) and a large (the left half of
the canvas) selection, it runs Generative Fill against the stand-in API (no streaming, so it
answers at once) with the plug-in's own stage timings on (GPT_IMAGE_TIMINGS=1), and reports per
stage (capture, encode, upload bytes, decode, place), the plug-in process's peak resident memory,
and the bytes uploaded next to
  - the floor: the same request image and mask (as the stand-in received them) re-encoded as the
    smallest PNG Pillow makes (optimize=True), and
  - the naive upload: the whole image as PNG (what a plug-in that uploads the image would send).
The overhead is the plug-in's own work (capture + encode + decode + place); the request itself
(upload, the stand-in's work, download) is not counted, since against a real API it is the 10-60 s
wait. Results go to a JSON file; --markdown prints the table for bench/README.md.

  /usr/bin/python3 bench/gimp_bench.py                      # GIMP 2.10 on the host, all sizes
  /usr/bin/python3 bench/gimp_bench.py --gimp 3.0           # GIMP 3.0 (after tests/run-all.sh built it)
  /usr/bin/python3 bench/gimp_bench.py --gimp 3.2           # GIMP 3.2 (its forky chroot)
  /usr/bin/python3 bench/gimp_bench.py --sizes 1,24 --markdown
"""
import argparse
import io
import json
import os
import platform
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "e2e"))

from PIL import Image  # noqa: E402

from gimp_runner import GimpRunner  # noqa: E402
from standin_process import StandIn  # noqa: E402

KEY = "sk-bench-0123456789"
CHROOT = "/var/cache/gimp-gpt-image/trixie"     # GIMP 3.0
CHROOT_32 = "/var/cache/gimp-gpt-image/forky"   # GIMP 3.2
WAIT_MS = 20000  # a typical wait for the API's answer, the yardstick for the overhead
TIMINGS = re.compile(r"gimp-gpt-image timings: (.*)")

# Version-specific Scheme: a fill with the defaults but no streaming, and a grey gradient image.
FILL = {
    "2.10": '(plug-in-gpt-image-edit RUN-NONINTERACTIVE img layer "bench" "medium" "auto" 1 "auto" "low" "png" 100 '
            '-1 -1 "visible" 1 -1 0 0 (vector) "off")',
    "3.0": '(plug-in-gpt-image-edit #:run-mode RUN-NONINTERACTIVE #:image img #:drawables (vector layer) '
           '#:prompt "bench" #:partial-images 0)',
}
FILL["3.2"] = FILL["3.0"]


def canvas_of(megapixels):
    """About `megapixels` MP at 3:2, as photos are."""
    height = round((megapixels * 1e6 / 1.5) ** 0.5)
    return round(height * 1.5), height


# The small selection's overhead is the headline and a single run of it varies by about a fifth
# between runs (GIMP's own work in the capture), so it is filled this many times and the run with
# the median overhead is reported; the large selection's seconds vary less than they matter.
SMALL_REPEATS = 5


def selections(width, height):
    """(name, rectangle, how many fills) for each selection."""
    return [("300x200", (width // 2 - 150, height // 2 - 100, 300, 200), SMALL_REPEATS),
            ("half", (0, 0, width // 2, height), 1)]


def scheme_for_size(version, width, height, naive_path):
    """Makes the image, exports it whole (the naive upload), then fills each selection in turn
    (deleting the result, so every fill sees the same image)."""
    fills = []
    for _, (x, y, w, h), repeats in selections(width, height):
        fills += repeats * [f"""(gimp-image-select-rectangle img CHANNEL-OP-REPLACE {x} {y} {w} {h})
    (let ((result {FILL[version]})) (gimp-image-remove-layer img (car result)))"""]
    return f"""(let* ((img (t-new-image {width} {height})) (layer (vector-ref (t-layers img) 0)))
  (gimp-drawable-edit-gradient-fill layer GRADIENT-LINEAR 0 FALSE 1 0 TRUE 0 0 {width} {height})
  (gimp-drawable-edit-gradient-fill layer GRADIENT-CONICAL-SYMMETRIC 0 FALSE 1 0 TRUE
                                    {width // 3} {height // 3} {width // 2} {height // 5})
  (t-export img "{naive_path}")
  {" ".join(fills)}
  (gimp-image-delete img))"""


def smallest_png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.tell()


def upload_floors(stored, request_size):
    """Two yardsticks for the bytes sent, from the image and mask as the stand-in received them:
    the floor (the request-size image and mask as the smallest PNGs Pillow makes; when the plug-in
    sent a smaller frame at its own resolution, those pictures scaled up to the request size, which
    is what sending the request size would have meant) and the best encoding of the very pixels sent
    (how close the plug-in's PNG encoder comes to Pillow's slowest)."""
    width, height = (int(v) for v in request_size.split("x"))
    floor = best = 0
    for name in ("image.png", "mask.png"):
        sent = Image.open(os.path.join(stored, name))
        sent.load()
        best += smallest_png(sent)
        floor += smallest_png(sent if sent.size == (width, height) else sent.resize((width, height), Image.LANCZOS))
    return floor, best


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    return f"{platform.node() or 'host'}: {cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, {platform.platform()}"


def stage_overhead(stage):
    """What the plug-in itself costs around the request."""
    return stage["capture_ms"] + stage["encode_ms"] + stage["decode_ms"] + stage["place_ms"]


def run_version(version, plugin, root, sizes):
    runner = GimpRunner(version, plugin, root)
    work = runner.work_dir("bench-gimp" + version)
    standin = StandIn(work, KEY)
    standin.control(gain=1.0, offset=0)
    environment = {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": standin.base_url, "GPT_IMAGE_TIMINGS": "1"}
    rows = []
    try:
        for megapixels in sizes:
            width, height = canvas_of(megapixels)
            folder = os.path.join(work, f"{megapixels}MP")
            os.makedirs(folder)
            naive = os.path.join(folder, "whole-image.png")
            seen = len(standin.requests())
            started = time.time()
            code, output = runner.run(folder, scheme_for_size(version, width, height, runner.inside(naive)),
                                      environment, timeout=3600)
            timings = [dict(pair.split("=") for pair in m.group(1).split()) for m in TIMINGS.finditer(output)]
            requests = standin.requests()[seen:]
            fills = sum(repeats for _, _, repeats in selections(width, height))
            if len(timings) != fills or len(requests) != fills:
                raise RuntimeError(f"{megapixels} MP: expected {fills} fills, got {len(timings)} timing lines and "
                                   f"{len(requests)} requests (exit {code}); see {folder}/gimp-output.txt")
            naive_bytes = os.path.getsize(naive)
            runs = list(zip(timings, requests))
            for name, rect, repeats in selections(width, height):
                mine, runs = runs[:repeats], runs[repeats:]
                measured = [({k: float(v) for k, v in t.items()}, record) for t, record in mine]
                overheads = [stage_overhead(stage) for stage, _ in measured]
                stage, record = sorted(measured, key=lambda m: stage_overhead(m[0]))[len(measured) // 2]
                stored = os.path.join(standin.record_dir, str(record["index"]))
                floor, best = upload_floors(stored, record["fields"]["size"])
                overhead = stage_overhead(stage)
                rows.append({
                    "gimp": version, "megapixels": megapixels, "canvas": f"{width}x{height}", "selection": name,
                    "request_size": record["fields"]["size"], "upload_size": record["image_size"],
                    "capture_ms": stage["capture_ms"], "encode_ms": stage["encode_ms"],
                    "decode_ms": stage["decode_ms"], "place_ms": stage["place_ms"],
                    "request_ms": stage["request_ms"], "overhead_ms": overhead,
                    "fills": repeats, "overhead_ms_of_every_fill": overheads,
                    "overhead_of_20s_wait": overhead / WAIT_MS,
                    "upload_bytes": int(stage["upload_bytes"]), "floor_bytes": floor,
                    "upload_over_floor": stage["upload_bytes"] / floor, "best_encoding_bytes": best,
                    "upload_over_best_encoding": stage["upload_bytes"] / best, "naive_bytes": naive_bytes,
                    "peak_rss_kb": int(stage["peak_rss_kb"]),
                })
                spread = f" (median of {repeats}: {min(overheads):.0f}-{max(overheads):.0f})" if repeats > 1 else ""
                print(f"gimp{version} {megapixels:>3} MP {name:>7}: overhead {overhead:8.0f} ms{spread} "
                      f"({100 * overhead / WAIT_MS:5.2f}% of 20 s: capture {stage['capture_ms']:.0f}, encode "
                      f"{stage['encode_ms']:.0f}, decode {stage['decode_ms']:.0f}, place {stage['place_ms']:.0f})  upload {stage['upload_bytes'] / 1024:7.0f} KB "
                      f"= {stage['upload_bytes'] / floor:4.2f}x floor, {stage['upload_bytes'] / best:4.2f}x best encoding, naive {naive_bytes / 1024:9.0f} KB  "
                      f"peak RSS {int(stage['peak_rss_kb']) / 1024:6.0f} MB", flush=True)
            print(f"    ({time.time() - started:.0f} s for this size, GIMP's start-up and image set-up included)")
    finally:
        standin.stop()
    return rows


def headline(rows):
    """The ratios the issue names, per GIMP version."""
    out = {}
    for version in sorted({r["gimp"] for r in rows}):
        mine = [r for r in rows if r["gimp"] == version]
        pick = lambda mp, sel: next((r for r in mine if r["megapixels"] == mp and r["selection"] == sel), None)  # noqa: E731
        entry = {"worst_upload_over_floor": max(r["upload_over_floor"] for r in mine),
                 "worst_upload_over_best_encoding": max(r["upload_over_best_encoding"] for r in mine)}
        if pick(24, "300x200"):
            entry["overhead_of_20s_wait_24MP_small"] = pick(24, "300x200")["overhead_of_20s_wait"]
        if pick(24, "300x200") and pick(100, "300x200"):
            entry["peak_rss_100MP_over_24MP_small"] = pick(100, "300x200")["peak_rss_kb"] / pick(24, "300x200")["peak_rss_kb"]
        out[version] = entry
    return out


def markdown(rows):
    lines = ["| GIMP | image | selection | capture | encode | decode | place | overhead / 20 s | sent at | upload | "
             "upload / floor | upload / best PNG | naive upload | peak RSS |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['gimp']} | {r['megapixels']} MP | {r['selection']} | {r['capture_ms']:.0f} ms | "
                     f"{r['encode_ms']:.0f} ms | {r['decode_ms']:.0f} ms | {r['place_ms']:.0f} ms | "
                     f"{100 * r['overhead_of_20s_wait']:.2f}% | {r['upload_size']} | {r['upload_bytes'] / 1024:.0f} KB | "
                     f"{r['upload_over_floor']:.2f}x | {r['upload_over_best_encoding']:.2f}x | {r['naive_bytes'] / 2 ** 20:.1f} MB | "
                     f"{r['peak_rss_kb'] / 1024:.0f} MB |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gimp", default="2.10", help="2.10, 3.0, 3.2, both (2.10 and 3.0) or all")
    parser.add_argument("--sizes", default="1,12,24,50,100", help="megapixels, comma-separated")
    parser.add_argument("--plugin2", default=os.path.join(HERE, "..", "build/gimp2/plugin/hosts/gimp-gpt-image"))
    parser.add_argument("--plugin3", default=None, help="the GIMP 3 plug-in (default: what tools/build-gimp3.sh builds)")
    parser.add_argument("--root3", default=CHROOT, help="chroot holding GIMP 3.0 ('' for the host)")
    parser.add_argument("--plugin32", default=None, help="the GIMP 3.2 plug-in (default: tools/build-gimp3.sh 3.2)")
    parser.add_argument("--root32", default=CHROOT_32, help="chroot holding GIMP 3.2 ('' for the host)")
    parser.add_argument("--out", default=os.path.join(HERE, "results", "gimp_bench.json"))
    parser.add_argument("--markdown", action="store_true", help="also print the README table")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    versions = {"both": ["2.10", "3.0"], "all": ["2.10", "3.0", "3.2"]}.get(args.gimp, [args.gimp])
    plugins = {"2.10": args.plugin2, "3.0": args.plugin3, "3.2": args.plugin32}
    roots = {"2.10": "", "3.0": args.root3, "3.2": args.root32}
    rows = []
    for version in versions:
        if version not in plugins:
            print(f"unknown GIMP version {version}", file=sys.stderr)
            return 2
        if plugins[version] is None:
            plugins[version] = subprocess.run([os.path.join(HERE, "..", "tools", "build-gimp3.sh"), version], check=True,
                                              capture_output=True, text=True).stdout.strip()
        plugin = os.path.abspath(plugins[version])
        if not os.path.exists(plugin):
            print(f"no GIMP {version} plug-in at {plugin}: build it first (tests/run-all.sh)", file=sys.stderr)
            return 1
        rows += run_version(version, plugin, roots[version], sizes)
    result = {"machine": machine(), "date": time.strftime("%Y-%m-%d"), "wait_ms": WAIT_MS,
              "headline": headline(rows), "rows": rows}
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result["headline"], indent=1))
    print(f"results: {args.out}")
    if args.markdown:
        print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
