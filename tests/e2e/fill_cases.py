"""End-to-end cases for plug-in-gpt-image-edit. Each case has Scheme that runs in GIMP and a check
in Python that reads what GIMP reported and exported and what the stand-in API received.

Expected layer geometry follows the planning rule in plugin/core/context_plan.h: the selection's
bounding box grown by max(32, larger side / 4), clamped to the canvas, then grown about its centre
to the request size's aspect and kept on the canvas."""
import hashlib
import os

import numpy as np
from PIL import Image

GAIN, OFFSET = 0.8, 20  # the stand-in's colour drift outside the mask, like a real model's


def prompt_colour(prompt, index=0):
    digest = hashlib.sha256(f"{prompt}#{index}".encode()).digest()
    return np.array(list(digest[:3]), dtype=np.int16)


def make_texture(path, width=800, height=600):
    """A picture with gradients and a checker, so misplaced pixels show."""
    y, x = np.mgrid[0:height, 0:width]
    rgb = np.stack([x * 255 // width, y * 255 // height, ((x // 16 + y // 16) % 2) * 80 + 40], axis=-1)
    Image.fromarray(rgb.astype(np.uint8), "RGB").save(path)


def load(path):
    return np.asarray(Image.open(path).convert("RGBA")).astype(np.int16)


def ellipse_inside(shape, ex, ey, ew, eh, grow):
    """Pixels whose centre lies inside the ellipse grown by `grow` px (negative shrinks)."""
    h, w = shape
    y, x = np.mgrid[0:h, 0:w]
    cx, cy, rx, ry = ex + ew / 2, ey + eh / 2, ew / 2 + grow, eh / 2 + grow
    return ((x + 0.5 - cx) / rx) ** 2 + ((y + 0.5 - cy) / ry) ** 2 <= 1


def rect_inside(shape, rx, ry, rw, rh, grow=0):
    h, w = shape
    y, x = np.mgrid[0:h, 0:w]
    return (x >= rx - grow) & (x < rx + rw + grow) & (y >= ry - grow) & (y < ry + rh + grow)


class Check:
    """Collects failed expectations of one case."""

    def __init__(self):
        self.failures = []

    def expect(self, condition, message):
        if not condition:
            self.failures.append(message)
        return condition

    def equal(self, actual, expected, what):
        return self.expect(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


def request_for(requests, prompt):
    matching = [r for r in requests if r.get("fields", {}).get("prompt") == prompt]
    return matching[-1] if matching else None


def check_layer(c, report, x, y, w, h, masked, name):
    c.equal(report.get("count_after"), report.get("count_before", 0) + 1, "layers after the fill")
    c.equal(report.get("top_is_result"), 1, "the new layer is above the active layer")
    c.equal((report.get("x"), report.get("y"), report.get("width"), report.get("height")), (x, y, w, h),
            "layer offset and size")
    c.equal(report.get("has_mask"), 1 if masked else 0, "layer mask present")
    c.equal(report.get("name"), name, "layer name")


def check_outside_exact(c, before, after, keep):
    changed = np.any(before != after, axis=-1) & keep
    c.expect(not changed.any(), f"{int(changed.sum())} pixels outside the selection changed "
                                f"(first at {np.argwhere(changed)[:1].tolist()})")


def check_inside_colour(c, after, inside, colour, tolerance=3):
    diff = np.abs(after[..., :3] - colour)[inside]
    c.expect(diff.max() <= tolerance, f"inside the selection the stand-in's colour {colour.tolist()} differs by up "
                                      f"to {int(diff.max())}")


def check_request_mask(c, case_dir, record, frame, selected, upload_size):
    """The uploaded mask is transparent exactly where the selection is, at the upload size."""
    folder = os.path.join(case_dir, "..", "requests", str(record["index"]))
    mask = np.asarray(Image.open(os.path.join(folder, "mask.png")).convert("RGBA"))
    c.equal(mask.shape[:2], (upload_size[1], upload_size[0]), "mask size")
    fx, fy, fw, fh = frame
    v, u = np.mgrid[0:mask.shape[0], 0:mask.shape[1]]
    cx = (fx + (u + 0.5) * fw / mask.shape[1]).astype(int)
    cy = (fy + (v + 0.5) * fh / mask.shape[0]).astype(int)
    inside, outside = selected
    alpha = mask[..., 3]
    c.expect((alpha[inside[cy, cx]] <= 10).all(), "mask is not transparent everywhere inside the selection")
    c.expect((alpha[outside[cy, cx]] >= 245).all(), "mask is not opaque everywhere outside the selection")


def check_request_image(c, case_dir, record, frame, before):
    """The uploaded image shows the frame of the visible picture (compared at the frame's size)."""
    folder = os.path.join(case_dir, "..", "requests", str(record["index"]))
    fx, fy, fw, fh = frame
    sent = np.asarray(Image.open(os.path.join(folder, "image.png")).convert("RGBA").resize((fw, fh), Image.BOX))
    original = before[fy:fy + fh, fx:fx + fw]
    error = np.abs(sent.astype(np.int16) - original)[4:-4, 4:-4].mean()
    c.expect(error < 4, f"the uploaded image does not match the frame (mean error {error:.1f})")


# --- the cases ---------------------------------------------------------------------------------


def texture_case(select, quality, variations, prepare=""):
    """Scheme for a case on the texture: optional preparation, export of the untouched image,
    the selection `select` (Scheme using `img`), then the fill."""
    def scheme(p):
        return f"""(let* ((img (t-load "{p['input']}")) (base (vector-ref (t-layers img) 0)))
  {prepare}
  (t-export img "{p['before']}")
  {select}
  (t-run-case "{p['report']}" "{p['after']}" img base "{p['prompt']}" "{quality}" "auto" {variations}))"""
    return scheme


ELLIPSE = (300, 200, 200, 150)
SELECT_ELLIPSE = f"(gimp-image-select-ellipse img CHANNEL-OP-REPLACE {' '.join(map(str, ELLIPSE))})"



def ellipse_check(c, p, report, before, after, requests, output):
    # bbox 200x150 + margin 50 = 300x250 at (250,150); nearest size 1024x1024; frame 300x300, which
    # is smaller than the request and so goes at its own resolution.
    frame = (250, 125, 300, 300)
    check_layer(c, report, *frame, True, "Generative Fill: " + p["prompt"])
    shape = before.shape[:2]
    check_outside_exact(c, before, after, ~ellipse_inside(shape, *ELLIPSE, grow=1.5))
    check_inside_colour(c, after, ellipse_inside(shape, *ELLIPSE, grow=-3), prompt_colour(p["prompt"]))
    record = request_for(requests, p["prompt"])
    if c.expect(record is not None, "the stand-in received no request"):
        f = record["fields"]
        c.equal((f.get("model"), f.get("quality"), f.get("size"), f.get("n"), f.get("output_format")),
                ("gpt-image-1.5", "medium", "1024x1024", "1", "png"), "request fields")
        c.equal((record.get("image_size"), record.get("mask_size")), ("300x300", "300x300"), "uploaded sizes")
        c.equal((record.get("stream"), record.get("partial_images")), (True, 2), "streamed with two previews (the default)")
        check_request_mask(c, p["dir"], record, frame, (ellipse_inside(shape, *ELLIPSE, grow=-2),
                                                        ~ellipse_inside(shape, *ELLIPSE, grow=2)), (300, 300))
        check_request_image(c, p["dir"], record, frame, before)


RECT = (40, 40, 120, 80)
SELECT_RECT = f"(gimp-image-select-rectangle img CHANNEL-OP-REPLACE {' '.join(map(str, RECT))})"



def variations_check(c, p, report, before, after, requests, output):
    # bbox 120x80 + margin 32 = 184x144 at (8,8); nearest 1536x1024; frame 216x144 pushed onto x=0.
    name = "Generative Fill: " + p["prompt"]
    c.equal((report.get("is_group"), report.get("children"), report.get("name")), (1, 3, name), "the layer group")
    c.equal(report.get("count_after"), report.get("count_before", 0) + 1, "top-level layers after the fill")
    for i in range(3):
        k = f"child{i}_"
        c.equal((report.get(k + "x"), report.get(k + "y"), report.get(k + "width"), report.get(k + "height")),
                (0, 8, 216, 144), f"variation {i + 1} offset and size")
        c.equal(report.get(k + "has_mask"), 1, f"variation {i + 1} has a layer mask")
        c.equal(report.get(k + "visible"), 1 if i == 0 else 0, f"variation {i + 1} visibility")
        c.equal(report.get(k + "name"), f"{name} #{i + 1}", f"variation {i + 1} name")
    shape = before.shape[:2]
    check_outside_exact(c, before, after, ~rect_inside(shape, *RECT))
    # 3 px in: the answer comes down about 7x (1536x1024 to 216x144), and at the rectangle's corners
    # the Lanczos lobes of two edges add up 2 px in.
    check_inside_colour(c, after, rect_inside(shape, *RECT, grow=-3), prompt_colour(p["prompt"], 0))
    record = request_for(requests, p["prompt"])
    if c.expect(record is not None, "the stand-in received no request"):
        c.equal((record["fields"].get("n"), record["fields"].get("size")), ("3", "1536x1024"), "request n and size")


ERROR_MESSAGE = "Your request was rejected by the safety system."



def error_check(c, p, report, before, after, requests, output):
    c.equal(report.get("result"), -1, "the call failed")
    c.equal(report.get("count_after"), report.get("count_before"), "layer count after a failed call")
    c.expect(np.array_equal(before, after), "the image changed after a failed call")
    c.expect(ERROR_MESSAGE in output, "GIMP did not show the API's own error message")
    c.expect("The safety system refused the request (HTTP 400)" in output,
             "the error does not say the safety system refused it, with the HTTP status")



def no_selection_check(c, p, report, before, after, requests, output):
    # The whole 800x600 canvas; nearest size 1536x1024 needs a 900x600 frame: 50 px padding each side.
    check_layer(c, report, 0, 0, 800, 600, False, "Generative Fill: " + p["prompt"])
    record = request_for(requests, p["prompt"])
    if c.expect(record is not None, "the stand-in received no request"):
        c.expect("mask" not in record["files"], "a mask was sent without a selection")
        c.equal((record["fields"].get("size"), record.get("image_size")), ("1536x1024", "900x600"),
                "request size without a selection")
    # The stand-in half-tints the whole picture; check a patch in the middle (it drifts like a model).
    colour = prompt_colour(p["prompt"])
    drifted = np.clip(np.round(before[..., :3] * GAIN + OFFSET), 0, 255)
    expected = (drifted + colour) / 2
    patch = (slice(250, 350), slice(350, 450))
    error = np.abs(after[..., :3][patch] - expected[patch]).mean()
    c.expect(error < 4, f"the whole-image answer is not placed where it belongs (mean error {error:.1f})")


LARGE_RECT = (2000, 1500, 300, 200)


def large_scheme(p):
    return f"""(let* ((img (t-new-image 6000 4000)) (base (vector-ref (t-layers img) 0)))
  (gimp-image-select-rectangle img CHANNEL-OP-REPLACE {' '.join(map(str, LARGE_RECT))})
  (t-run-case "{p['report']}" "{p['after']}" img base "{p['prompt']}" "medium" "auto" 1))"""


def large_check(c, p, report, before, after, requests, output):
    # bbox 300x200 + margin 75 = 450x350 at (1925,1425); nearest 1536x1024; frame 525x350.
    check_layer(c, report, 1888, 1425, 525, 350, True, "Generative Fill: " + p["prompt"])
    record = request_for(requests, p["prompt"])
    if c.expect(record is not None, "the stand-in received no request"):
        c.equal((record["fields"].get("size"), record.get("image_size"), record.get("mask_size")),
                ("1536x1024", "525x350", "525x350"), "a 24 MP photo uploads only the frame, at its own resolution")
        c.expect(record["bytes"] < 1536 * 1024 * 4, f"the upload is {record['bytes']} bytes")
    c.expect(after.shape[:2] == (4000, 6000), "the exported image has the canvas size")
    check_outside_exact(c, np.full_like(after, 255), after, ~rect_inside(after.shape[:2], *LARGE_RECT))



def grayscale_check(c, p, report, before, after, requests, output):
    check_layer(c, report, 250, 125, 300, 300, True, "Generative Fill: " + p["prompt"])
    check_outside_exact(c, before, after, ~ellipse_inside(before.shape[:2], *ELLIPSE, grow=1.5))


def advanced_scheme(p):
    """A layer above the texture, red at the top and transparent below, covers part of the frame;
    the fill samples the texture layer alone, with every advanced option away from its default."""
    return f"""(let* ((img (t-load "{p['input']}")) (base (vector-ref (t-layers img) 0)))
  (let ((cover (t-new-transparent-layer img 800 600 "cover")))
    (gimp-image-insert-layer img cover 0 0)
    (gimp-context-set-foreground '(255 0 0))
    (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 0 0 800 260)
    (gimp-drawable-edit-fill cover FILL-FOREGROUND))
  (t-export img "{p['before']}")
  {SELECT_ELLIPSE}
  (let* ((before (vector-length (t-layers img)))
         (result (catch -1 (t-fill-advanced img base "{p['prompt']}" "opaque" "high" "jpeg" 80 10 8 "layer"))))
    (t-report "{p['report']}"
      (append (list (list "result" result) (list "count_before" before)
                    (list "count_after" (vector-length (t-layers img))) (list "top_is_result" 0))
              (if (> result 0) (t-describe "" result) '())))
    (t-export img "{p['after']}")))"""


def advanced_check(c, p, report, before, after, requests, output):
    # bbox 200x150 + margin 10 = 220x170 at (290,190); nearest 1536x1024; frame 255x170 centred on x=400.
    c.equal((report.get("x"), report.get("y"), report.get("width"), report.get("height")), (273, 190, 255, 170),
            "layer offset and size with a 10 px context margin")
    c.equal(report.get("has_mask"), 1, "layer mask present")
    record = request_for(requests, p["prompt"])
    if c.expect(record is not None, "the stand-in received no request"):
        f = record["fields"]
        c.equal((f.get("background"), f.get("input_fidelity"), f.get("output_format"), f.get("output_compression")),
                ("opaque", "high", "jpeg", "80"), "advanced request fields")
        # The base layer alone was sent: no red from the layer above it.
        texture = load(p["texture_host"])
        check_request_image(c, p["dir"], record, (273, 190, 255, 170), texture)
    shape = before.shape[:2]
    # Feathered by 8 px (sigma 4): far outside the selection nothing changes; on its edge, a blend.
    check_outside_exact(c, before, after, ~ellipse_inside(shape, *ELLIPSE, grow=14))
    # A ring 3-5 px outside the selection: untouched by a hard mask, partly filled by a soft one.
    ring = ellipse_inside(shape, *ELLIPSE, grow=5) & ~ellipse_inside(shape, *ELLIPSE, grow=3)
    ring[:270] = False  # above that, the red cover layer hides the fill
    colour = prompt_colour(p["prompt"])
    blended = (np.abs(after[..., :3][ring] - colour).max(axis=-1) > 8) & np.any(after[ring] != before[ring], axis=-1)
    c.expect(blended.mean() > 0.9, f"the selection's edge is not softened (blended share {blended.mean():.2f})")


def retried_check(c, p, report, before, after, requests, output):
    check_layer(c, report, 250, 125, 300, 300, True, "Generative Fill: " + p["prompt"][:48] + "…")
    attempts = [r for r in requests if r.get("fields", {}).get("prompt") == p["prompt"]]
    c.equal([r.get("status") for r in attempts], [429, 200], "a rate-limited request tried again")


def settings_scheme(p):
    """Saves settings through the procedure, fills with them, then tries an unsafe base URL."""
    return f"""(let* ((img (t-load "{p['input']}")) (base (vector-ref (t-layers img) 0)))
  (t-export img "{p['before']}")
  (t-settings "{p['base_url']}" "gpt-image-1-mini" "org-e2e" "proj_e2e" 120 "")
  {SELECT_ELLIPSE}
  (t-run-case "{p['report']}" "{p['after']}" img base "{p['prompt']}" "medium" "auto" 1)
  (t-report "{p['report']}.unsafe"
    (list (list "result" (t-catch-error (lambda () (t-settings "http://images.example.com/v1" "gpt-image-1" "" "" 60 "") 1)))))
  (if (pair? t-last-error) (t-write-error "{p['report']}.unsafe.error")))"""


def settings_check(c, p, report, before, after, requests, output):
    check_layer(c, report, 250, 125, 300, 300, True, "Generative Fill: " + p["prompt"])
    record = request_for(requests, p["prompt"])
    if c.expect(record is not None, "the stand-in received no request"):
        c.equal(record["fields"].get("model"), "gpt-image-1-mini", "the model saved by the settings procedure")
        c.equal((record.get("openai-organization"), record.get("openai-project")), ("org-e2e", "proj_e2e"),
                "organization and project headers")
    settings = os.path.join(p["home"], f".config/GIMP/{p['gimp']}/gimp-gpt-image/settings.ini")
    if c.expect(os.path.exists(settings), "no settings file in GIMP's profile"):
        text = open(settings).read()
        c.expect("model=gpt-image-1-mini" in text and "timeout_seconds=120" in text, "settings file content")
    unsafe_report = os.path.join(p["dir"], "report.txt.unsafe")
    unsafe = open(unsafe_report).read() if os.path.exists(unsafe_report) else ""
    c.expect(unsafe.startswith("result -1"), "an http:// base URL to another host was saved")
    # The refused call's own error (GIMP 3.2 prints it on the console only for interactive calls).
    error = os.path.join(p["dir"], "report.txt.unsafe.error")
    text = open(error, encoding="utf-8", errors="replace").read() if os.path.exists(error) else ""
    c.expect("Refusing plain http://" in text, "the unsafe base URL error was not shown")


def no_streaming_scheme(p):
    return f"""(let* ((img (t-load "{p['input']}")) (base (vector-ref (t-layers img) 0)))
  (t-export img "{p['before']}")
  {SELECT_ELLIPSE}
  (t-run-call "{p['report']}" "{p['after']}" img base (lambda () (t-fill-streaming img base "{p['prompt']}" 0))))"""


def no_streaming_check(c, p, report, before, after, requests, output):
    """The same fill as fill_ellipse with streaming off: the same layer, a plain JSON answer."""
    frame = (250, 125, 300, 300)
    check_layer(c, report, *frame, True, "Generative Fill: " + p["prompt"])
    shape = before.shape[:2]
    check_outside_exact(c, before, after, ~ellipse_inside(shape, *ELLIPSE, grow=1.5))
    check_inside_colour(c, after, ellipse_inside(shape, *ELLIPSE, grow=-3), prompt_colour(p["prompt"]))
    record = request_for(requests, p["prompt"])
    if c.expect(record is not None, "the stand-in received no request"):
        c.equal((record.get("stream"), record.get("partial_images")), (False, 0), "not streamed")


CASES = [
    ("fill_ellipse", "a red apple on the table", texture_case(SELECT_ELLIPSE, "medium", 1), ellipse_check),
    ("fill_ellipse_without_streaming", "a green apple on the table", no_streaming_scheme, no_streaming_check),
    ("variations_group", "three brass lamps", texture_case(SELECT_RECT, "low", 3), variations_check),
    ("api_error_leaves_image", "a cat standin-fail:400:moderation_blocked:" + ERROR_MESSAGE,
     texture_case(SELECT_ELLIPSE, "medium", 1), error_check),
    ("no_selection_whole_image", "make it an evening scene", texture_case("(gimp-selection-none img)", "high", 1),
     no_selection_check),
    ("large_image_small_upload", "a small boat", large_scheme, large_check),
    ("grayscale_image", "a smooth stone",
     texture_case(SELECT_ELLIPSE, "medium", 1, prepare="(gimp-image-convert-grayscale img)"), grayscale_check),
    ("advanced_options", "an advanced plum", advanced_scheme, advanced_check),
    ("rate_limit_retried", "a kite standin-fail-once:429:rate_limit_exceeded:Rate limit reached",
     texture_case(SELECT_ELLIPSE, "medium", 1), retried_check),
    # Last: it changes the saved model for the rest of the session.
    ("settings_procedure", "a settings-driven pear", settings_scheme, settings_check),
]


def attempts_with(requests, prompt):
    """The stand-in's records of every request that carried `prompt`, oldest first."""
    return [r for r in requests if r.get("fields", {}).get("prompt") == prompt]


def check_refused(c, report, before, after, output, message):
    """A call that must fail cleanly: error result, no new layer, the image as it was, the reason shown."""
    c.equal(report.get("result"), -1, "the call failed")
    c.equal(report.get("count_after"), report.get("count_before"), "layer count after a refused call")
    if c.expect(before is not None and after is not None, "the image was not exported before and after the call"):
        c.expect(np.array_equal(before, after), "the image changed although the call failed")
    c.expect(message in output, f"GIMP's output does not say {message!r}")

# Issue 19 (cache-19): the ledger and the result cache, in this session (no GIMP of their own).
from ledger_cache_cases import LEDGER_CACHE_CASES  # noqa: E402

CASES += LEDGER_CACHE_CASES
