"""End-to-end cases for Generative Expand (plug-in-gpt-image-expand), in a real GIMP.

Each case scales the texture to a 160x120 picture and expands it. Geometry follows
plugin/core/expand_plan.h: the picture sits where the anchor says, the new layer covers the whole
canvas, masked to the new area plus a blend band (auto: 7 px for 160x120). The stand-in answers an
edit with the prompt's colour where the mask paints, so the new area must show that colour, and
with standin-expand-check in the prompt it refuses a request that is not transparent exactly where
its mask paints or shows no picture edge beside it (images_api_standin.py)."""
import os
import sys

import numpy as np

from fill_cases import GAIN, OFFSET, check_refused

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "standin"))
from images_api_standin import prompt_colour  # noqa: E402

PICTURE = (160, 120)
BAND = 7  # auto_blend_band: min(160, 120) / 16
INSTRUCTION = ("Extend this picture into the transparent area around it: continue the scene naturally, matching its "
               "light, perspective, colours and style, with no visible seam, border or frame.")
MODEL_SIZES = {"1024x1024", "1536x1024", "1024x1536"}  # gpt-image-1.5, the suites' model


def sent_prompt(prompt):
    return INSTRUCTION + (" In the new area: " + prompt if prompt.strip() else "")


def expand(canvas, anchor, prepare=""):
    """Scheme: load and scale the texture, `prepare` it, export it, expand with `canvas` and
    `anchor`, report the result (report.txt) and the image's and the old layer's geometry (extra.txt)."""
    def scheme(p):
        if p["gimp"] == "2.10":
            call = (f'(car (plug-in-gpt-image-expand RUN-NONINTERACTIVE img base "{p["prompt"]}" "{canvas}" "{anchor}" '
                    f'"medium" 1 "auto" "low" "png" 100 -1 0 0 (vector) "off"))')
            width, height = "gimp-image-width", "gimp-image-height"
        else:
            call = (f'(car (plug-in-gpt-image-expand #:run-mode RUN-NONINTERACTIVE #:image img #:drawables (vector base) '
                    f'#:prompt "{p["prompt"]}" #:canvas "{canvas}" #:anchor "{anchor}" #:partial-images 0))')
            width, height = "gimp-image-get-width", "gimp-image-get-height"
        extra = os.path.join(os.path.dirname(p["report"]), "extra.txt")
        return f"""(let* ((img (t-load "{p['input']}")) (base (vector-ref (t-layers img) 0)))
  (gimp-image-scale img {PICTURE[0]} {PICTURE[1]})
  {prepare}
  (t-export img "{p['before']}")
  (t-run-call "{p['report']}" "{p['after']}" img base (lambda () {call}))
  (t-report "{extra}" (list (list "image_width" (car ({width} img))) (list "image_height" (car ({height} img)))
                           (list "base_x" (car (t-offsets base))) (list "base_y" (cadr (t-offsets base)))
                           (list "base_width" (t-width base)) (list "base_height" (t-height base)))))"""
    return scheme


def read_extra(p):
    out = {}
    path = os.path.join(p["dir"], "extra.txt")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            key, _, value = line.strip().partition(" ")
            out[key] = int(value)
    return out


def expanded(canvas, at, windows, uploads, name, blended=()):
    """The check of a successful expansion to `canvas` (w, h) with the picture at `at` (x, y), sent
    as `windows` requests whose uploads have the sizes `uploads`. `blended` are the column ranges
    [x0, x1) where a later window is ramped into an earlier one: the stand-in gives back the earlier
    answer there drifted (GAIN, OFFSET), so each pixel lies between the colour and its drifted copy."""
    def check(c, p, report, before, after, requests, output):
        extra = read_extra(p)
        c.equal((extra.get("image_width"), extra.get("image_height")), canvas, "canvas size after expanding")
        c.equal((extra.get("base_x"), extra.get("base_y"), extra.get("base_width"), extra.get("base_height")),
                at + PICTURE, "the old layer's offset and size")
        c.equal(report.get("count_after"), report.get("count_before", 0) + 1, "layers after expanding")
        c.equal(report.get("top_is_result"), 1, "the new layer is above the old one")
        c.equal((report.get("x"), report.get("y"), report.get("width"), report.get("height"), report.get("has_mask")),
                (0, 0) + canvas + (1,), "the new layer covers the canvas, with a mask")
        c.equal(report.get("name"), name, "layer name")
        prompt = sent_prompt(p["prompt"])
        mine = [r for r in requests[p["first_request"]:] if r.get("fields", {}).get("prompt") == prompt]
        c.equal(len(mine), windows, "requests sent")
        c.equal(sorted(r.get("image_size") for r in mine), sorted(uploads), "upload sizes")
        for r in mine:
            c.expect(r["fields"].get("size") in MODEL_SIZES, f"request size {r['fields'].get('size')} is not the model's")
            c.expect(r.get("expand_transparent_where_painted") and r.get("expand_edge_present"),
                     f"request {r['index']}: not transparent exactly where painted, or no picture edge")
        if not c.expect(after is not None and after.shape[:2] == canvas[::-1], "the exported image has the canvas size"):
            return
        x, y = at
        inner = (slice(y + BAND + 1, y + PICTURE[1] - BAND - 1), slice(x + BAND + 1, x + PICTURE[0] - BAND - 1))
        c.expect(np.array_equal(after[inner], before[BAND + 1:PICTURE[1] - BAND - 1, BAND + 1:PICTURE[0] - BAND - 1]),
                 "the old picture changed inside the blend band")
        new = np.ones(after.shape[:2], bool)
        new[max(0, y - 4):y + PICTURE[1] + 4, max(0, x - 4):x + PICTURE[0] + 4] = False
        colour = np.array(prompt_colour(prompt, 0))
        drifted = np.clip(np.round(colour * GAIN + OFFSET), 0, 255)
        low, high = np.minimum(colour, drifted) - 4, np.maximum(colour, drifted) + 4
        for x0, x1 in blended:
            band = after[:, x0:x1, :3].astype(int)
            c.expect(((band >= low) & (band <= high)).all(), f"columns {x0}..{x1 - 1} are not a blend of the answers")
            new[:, x0:x1] = False
        close = (np.abs(after[..., :3] - colour) <= 4).all(axis=-1)
        c.expect(close[new].mean() > 0.99, f"the new area is not the answer's colour ({close[new].mean():.3f})")
    return check


def refused_keeps_canvas(message):
    def check(c, p, report, before, after, requests, output):
        check_refused(c, report, before, after, output, message)
        extra = read_extra(p)
        c.equal((extra.get("image_width"), extra.get("image_height"), extra.get("base_x"), extra.get("base_y")),
                PICTURE + (0, 0), "canvas size and layer offset after a failed expansion")
    return check


CASES = [
    # A preset, centred: 1024x1024 is one square request, sent at the frame's own size.
    ("expand_preset_center", "a meadow standin-expand-check", expand("icon", "center"),
     expanded((1024, 1024), (432, 452), 1, ["1024x1024"], "Expand: a meadow standin-expand-check")),
    # WxH growing both sides, anchored at a side, blank prompt: 240x200 leaves 80 spare columns (all
    # right of the picture) and 80 spare rows (40 above, 40 below), so the picture sits at (0, 40);
    # top-left would give (0, 0), bottom-left (0, 80), center (40, 40). One 1:1 request, frame 240x240.
    ("expand_size_left_blank", "", expand("240x200", "left"),
     expanded((240, 200), (0, 40), 1, ["240x240"], "Expand: 240x200")),
    # WxH, anchored at a corner.
    ("expand_size_bottom_right", "a lake standin-expand-check", expand("300x200", "bottom-right"),
     expanded((300, 200), (140, 80), 1, ["300x200"], "Expand: a lake standin-expand-check")),
    # Too wide for one request: three windows of 1536x1024 at 1:1, at x 0, 1032 and 2064 (evenly
    # spread, overlapping by 504). The third (x 2064..3599) sees no picture (x 0..159), only the
    # second window's answer, which must be there as its context (standin-expand-check). Windows 2
    # and 3 are ramped into the earlier answer over x 1032..1535 and 2064..2567.
    ("expand_split_wide", "a shore standin-expand-check", expand("3600x120", "left"),
     expanded((3600, 120), (0, 0), 3, ["1536x1024"] * 3, "Expand: a shore standin-expand-check",
              blended=[(1032, 1536), (2064, 2568)])),
    # A failed request leaves the image as it was, canvas size included.
    ("expand_failure_keeps_canvas", "standin-fail:400:invalid_value:No expansion today", expand("300x200", "top"),
     refused_keeps_canvas("No expansion today")),
    # A canvas smaller than the image is the caller's mistake, told before anything is sent.
    ("expand_smaller_canvas_refused", "a hill", expand("100x100", "center"),
     refused_keeps_canvas("is smaller than the image")),
    ("expand_indexed_refused", "a hill", expand("300x200", "center", "(t-convert-indexed img)"),
     refused_keeps_canvas("Generative Expand works on RGB and grayscale images")),
]
