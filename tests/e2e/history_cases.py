"""End-to-end cases for plug-in-gpt-image-history run by scripts: entries are seeded into the
session's result cache with the cache's own writer (tests/history/history_seed.cc: each entry's
image a gradient with its own blue), then `entry` names one ("latest", or a key's first digits) and
the case checks the layer it inserted against that image as the seeder stored it, read with PIL.
Nothing is sent to the API, so these cases share the generate session."""
import os
import subprocess

import numpy as np
from PIL import Image

from fill_cases import check_layer, check_refused, load, rect_inside
from gimp_runner import profile_dir

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDER = os.environ.get("HISTORY_SEED", os.path.join(HERE, "..", "..", "build", "gimp2", "tests", "history_seed"))
SIZE = (96, 64)  # each entry's image
PROMPTS = ["first seeded", "second seeded", "third seeded newest"]
SELECTION = (8, 12, 48, 32)  # x, y, w, h: the prefix case scales the oldest entry into it
_seeded = {}  # per session home: [(key, image path)] oldest first


def seed(p):
    """Seeds the session's cache once (the cases of a session share its profile)."""
    if p["home"] not in _seeded:
        cache = os.path.join(p["home"], profile_dir(p["gimp"]), "gimp-gpt-image", "cache")
        out = subprocess.run([SEEDER, cache, f"{SIZE[0]}x{SIZE[1]}", *PROMPTS], check=True, capture_output=True,
                             text=True).stdout
        _seeded[p["home"]] = [tuple(line.split(" ", 1)) for line in out.splitlines()]
    return _seeded[p["home"]]


def history_call(p, entry):
    if p["gimp"] == "2.10":
        return f'(car (plug-in-gpt-image-history RUN-NONINTERACTIVE img base "{entry}"))'
    return (f'(car (plug-in-gpt-image-history #:run-mode RUN-NONINTERACTIVE #:image img #:drawables (vector base) '
            f'#:entry "{entry}"))')


def history_case(entry_of, select):
    def scheme(p):
        entry = entry_of(seed(p))
        return f"""(let* ((img (t-new-image {SIZE[0]} {SIZE[1]})) (base (vector-ref (t-layers img) 0)))
  {select}
  (t-export img "{p['before']}")
  (t-run-call "{p['report']}" "{p['after']}" img base (lambda () {history_call(p, entry)})))"""
    return scheme


def stored_image(p, index):
    return np.asarray(Image.open(_seeded[p["home"]][index][1]).convert("RGBA")).astype(np.int16)


def latest_check(c, p, report, before, after, requests, output):
    check_layer(c, report, 0, 0, SIZE[0], SIZE[1], False, "History: " + PROMPTS[-1])
    c.equal(report.get("above_anchor"), 1, "the layer sits directly above the active layer")
    # The canvas is the entry's size: nothing to scale, so every pixel is the stored image's.
    if after is not None:
        c.expect(np.array_equal(after, stored_image(p, -1)), "the inserted layer's pixels differ from the newest "
                                                            "entry's image")


def prefix_check(c, p, report, before, after, requests, output):
    x, y, w, h = SELECTION
    check_layer(c, report, x, y, w, h, False, "History: " + PROMPTS[0])
    if before is None or after is None:
        return
    inside = rect_inside(before.shape[:2], x, y, w, h)
    c.expect(np.array_equal(before[~inside], after[~inside]), "pixels outside the selection's box changed")
    # Scaled by GIMP into the selection's box: close to the oldest entry's image scaled the same way.
    expected = np.asarray(Image.open(_seeded[p["home"]][0][1]).convert("RGBA").resize((w, h), Image.BICUBIC))
    difference = np.abs(after[y:y + h, x:x + w, :3] - expected[:, :, :3].astype(np.int16))
    c.expect(difference.mean() < 4, f"the scaled layer differs from the oldest entry by {difference.mean():.1f} "
                                    "on average (another entry, or not scaled into the box)")


def unknown_check(c, p, report, before, after, requests, output):
    check_refused(c, report, before, after, output, "No History entry has a key starting with")


CASES = [
    ("history_latest", "", history_case(lambda seeded: "latest", "(gimp-selection-none img)"), latest_check),
    ("history_prefix", "", history_case(lambda seeded: seeded[0][0][:6],
                                        "(gimp-image-select-rectangle img CHANNEL-OP-REPLACE {} {} {} {})".format(
                                            *SELECTION)), prefix_check),
    ("history_unknown", "", history_case(lambda seeded: "0123abcd", "(gimp-selection-none img)"), unknown_check),
]
