#!/usr/bin/python3
"""The demo: Generative Fill in a real, headless GIMP. Without OPENAI_API_KEY it runs against the
project's stand-in API on loopback (which paints the selection with a flat colour derived from the
prompt); with a key it calls the real Images API (OPENAI_BASE_URL, OPENAI_IMAGE_MODEL apply).

  tools/demo.py --gimp 2.10 --plugin build/gimp2/plugin/hosts/gimp-gpt-image [--prompt TEXT] [--output FILE]
  tools/demo.py --gimp 3.2 --plugin "$(tools/build-gimp3.sh 3.2)" --root "$(tools/gimp3-chroot.sh 3.2)"
"""
import argparse
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))

import numpy as np  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from gimp_runner import VERSIONS, GimpRunner  # noqa: E402
from standin_process import StandIn  # noqa: E402

SELECTION = (360, 120, 220, 200)  # an ellipse in the sky


def make_scene(path):
    """A small landscape: sky gradient, hills, a lake."""
    w, h = 960, 640
    y = np.linspace(0, 1, h)[:, None]
    sky = np.stack([90 + 100 * y, 150 + 80 * y, 235 - 20 * y], axis=-1) * np.ones((1, w, 1))
    image = Image.fromarray(sky.astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(image)
    draw.ellipse((-200, 380, 600, 900), fill=(70, 130, 60))
    draw.ellipse((350, 400, 1200, 1000), fill=(55, 110, 50))
    draw.rectangle((0, 560, w, h), fill=(60, 100, 150))
    image.save(path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gimp", choices=VERSIONS, default="2.10")
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--root", default="", help="chroot holding this GIMP")
    parser.add_argument("--prompt", default="a red hot air balloon")
    parser.add_argument("--output", default="demo-output.png")
    args = parser.parse_args()

    runner = GimpRunner(args.gimp, args.plugin, args.root)
    work = runner.work_dir("demo-gimp" + args.gimp)
    standin = None
    environment = {name: os.environ[name] for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_IMAGE_MODEL")
                   if os.environ.get(name)}
    if "OPENAI_API_KEY" not in environment:
        standin = StandIn(work, "demo-key-for-the-local-stand-in")
        environment = {"OPENAI_API_KEY": standin.key, "OPENAI_BASE_URL": standin.base_url}
        print(f"No OPENAI_API_KEY set: using the local stand-in API at {standin.base_url}")
    else:
        print(f"Using the Images API at {environment.get('OPENAI_BASE_URL', 'https://api.openai.com/v1')}")
    try:
        scene = os.path.join(work, "scene.png")
        make_scene(scene)
        result = os.path.join(work, "result.png")
        report = os.path.join(work, "report.txt")
        body = f"""(let* ((img (t-load "{runner.inside(scene)}")) (base (vector-ref (t-layers img) 0)))
  (gimp-image-select-ellipse img CHANNEL-OP-REPLACE {' '.join(map(str, SELECTION))})
  (t-run-case "{runner.inside(report)}" "{runner.inside(result)}" img base "{args.prompt}" "medium" "auto" 1))"""
        code, output = runner.run(work, body, environment)
        lines = dict(line.rstrip("\n").partition(" ")[::2] for line in open(report)) if os.path.exists(report) else {}
        if int(lines.get("result", "-1")) <= 0:
            print(output[-3000:])
            # The call's own error (GIMP 3.2 does not print it for a batch call).
            if os.path.exists(report + ".error"):
                print("The call failed: " + open(report + ".error", encoding="utf-8", errors="replace").read())
            print("The fill did not succeed: see the GIMP output above.")
            return 1
        shutil.copyfile(result, args.output)
        shutil.copyfile(scene, os.path.splitext(args.output)[0] + "-input.png")
        print(f"GIMP {args.gimp} added the layer \"{lines['name']}\" ({lines['width']}x{lines['height']} at "
              f"{lines['x']},{lines['y']}, masked by the selection).")
        print(f"Wrote {args.output} (flattened result) and {os.path.splitext(args.output)[0]}-input.png (input).")
        return 0
    finally:
        if standin:
            standin.stop()


if __name__ == "__main__":
    sys.exit(main())
