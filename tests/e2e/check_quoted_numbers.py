#!/usr/bin/python3
"""Checks that README.md and bench/README.md quote the seam and PSNR numbers the e2e suite itself
measured in this run, in every GIMP (tests/run-all.sh passes the files run_e2e.py --numbers wrote).

  check_quoted_numbers.py tests/out/e2e-numbers-gimp2.10.txt ...          # check
  check_quoted_numbers.py --write tests/out/e2e-numbers-gimp2.10.txt ...  # rewrite the tables

Each README holds the table between the markers below; the check fails when a table differs from
what was measured or a GIMP's numbers are missing. Prints "N passed, N failed"."""
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
READMES = ("README.md", os.path.join("bench", "README.md"))
BEGIN = "<!-- e2e seam numbers: begin (tests/e2e/check_quoted_numbers.py keeps this in step) -->"
END = "<!-- e2e seam numbers: end -->"
SEAM = re.compile(r"^gimp(\S+) seam_error_colour_matching: seam error: ([\d.]+) without colour matching, "
                  r"([\d.]+) with it \((-?\d+)% less\)$")
PSNR = re.compile(r"^gimp(\S+) identity_answer_psnr: PSNR inside the selection with the identity answer: "
                  r"(\S+) dB$")
LARGE = re.compile(r"^gimp(\S+) large_region_scaled_up: PSNR inside a large selection \(scaled up\) "
                   r"with the identity answer: (\S+) dB$")


def measured_rows(paths):
    """One table row per GIMP version, from run_e2e.py's numbers files; raises on a gap."""
    seam, psnr, large = {}, {}, {}
    for path in paths:
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if m := SEAM.match(line):
                seam[m.group(1)] = m.group(2, 3, 4)
            elif m := PSNR.match(line):
                psnr[m.group(1)] = m.group(2)
            elif m := LARGE.match(line):
                large[m.group(1)] = m.group(2)
            elif line:
                raise ValueError(f"{path}: a line this check does not know: {line!r}")
    versions = sorted(set(seam) | set(psnr) | set(large), key=lambda v: [int(x) for x in v.split(".")])
    missing = [v for v in versions if v not in seam or v not in psnr or v not in large]
    if missing or not versions:
        raise ValueError(f"numbers missing for GIMP {', '.join(missing) or '(every version)'}: "
                         "did the seam suite run?")
    return [f"| {v} | {seam[v][0]} | {seam[v][1]} | {seam[v][2]}% | {psnr[v]} dB | {large[v]} dB |"
            for v in versions]


def table(rows):
    return "\n".join([BEGIN, "| GIMP | seam error, no matching | seam error, matching | reduction | "
                      "PSNR, identity answer | PSNR, large selection scaled up |",
                      "|---|---|---|---|---|---|", *rows, END])


def main(argv):
    write = "--write" in argv
    paths = [a for a in argv if a != "--write"]
    passed = failed = 0
    try:
        expected = table(measured_rows(paths))
    except (OSError, ValueError) as error:
        print(f"FAIL the e2e suite's numbers: {error}")
        print("0 passed, 1 failed")
        return 1
    for name in READMES:
        path = os.path.join(TOP, name)
        text = open(path, encoding="utf-8").read()
        start, end = text.find(BEGIN), text.find(END)
        if start < 0 or end < start:
            print(f"FAIL {name} has no table of the e2e suite's seam numbers (markers missing)")
            failed += 1
            continue
        quoted = text[start:end + len(END)]
        if write and quoted != expected:
            open(path, "w", encoding="utf-8").write(text[:start] + expected + text[end + len(END):])
            quoted = expected
        if quoted == expected:
            print(f"ok   {name} quotes the seam and PSNR numbers this run measured")
            passed += 1
        else:
            print(f"FAIL {name} quotes other seam or PSNR numbers than this run measured:\n{quoted}\n"
                  f"       measured:\n{expected}\n       (update with --write, and say which run)")
            failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
