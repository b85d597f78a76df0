"""End-to-end cases for Generate Layer, Generate Image and reference images, in a real GIMP.

Geometry follows plugin/core/generate_layer.h: the target is the selection's bounding box or the
canvas; gpt-image-1.5 is asked for the standard size nearest the target's aspect, and the answer is
letterboxed (or cropped) into the target. The stand-in answers generations with a gradient, or with
a coloured disc on transparency for background "transparent"."""
import json
import os

import numpy as np
from PIL import Image

from fault_cases import placed, relay_note
from fill_cases import ELLIPSE, SELECT_ELLIPSE, check_refused, load, rect_inside, request_for

RECT = (100, 80, 300, 200)  # 3:2, so gpt-image-1.5's 1536x1024 fits it exactly
SELECT_RECT = f"(gimp-image-select-rectangle img CHANNEL-OP-REPLACE {' '.join(map(str, RECT))})"
SQUARE = (200, 100, 400, 400)
SELECT_SQUARE = f"(gimp-image-select-rectangle img CHANNEL-OP-REPLACE {' '.join(map(str, SQUARE))})"


def on_texture(call, select="", prepare=""):
    """Scheme: load the texture, `prepare` (may bind names), export it, select, then run `call`
    (Scheme using img, base and p's prompt) and report the layer it returns."""
    def scheme(p):
        return f"""(let* ((img (t-load "{p['input']}")) (base (vector-ref (t-layers img) 0)))
  (let* ({prepare or "(unused 0)"})
    (t-export img "{p['before']}")
    {select}
    (t-run-call "{p['report']}" "{p['after']}" img base (lambda () {call.format(prompt=p['prompt'])}))))"""
    return scheme


def new_image(call, prepare=""):
    def scheme(p):
        return f"""(let* ({prepare or "(unused 0)"})
  (t-run-new "{p['report']}" "{p['after']}" (lambda () {call.format(prompt=p['prompt'])})))"""
    return scheme


def generation_record(c, requests, prompt, size):
    record = request_for(requests, prompt)
    if c.expect(record is not None, "the stand-in received no request"):
        c.equal(record["path"], "/v1/images/generations", "endpoint")
        c.equal(record["fields"].get("size"), size, "request size")
    return record


def layer_at(c, report, rect, name, top=True):
    c.equal(report.get("count_after"), report.get("count_before", 0) + 1, "layers after generating")
    c.equal((report.get("x"), report.get("y"), report.get("width"), report.get("height")), rect, "layer offset and size")
    c.equal(report.get("has_mask"), 0, "a generated layer has no mask")
    c.equal(report.get("name"), name, "layer name")
    if top:
        c.equal(report.get("top_is_result"), 1, "the new layer is above the active layer")


def changed(before, after):
    return np.any(before != after, axis=-1)


def into_selection_check(c, p, report, before, after, requests, output):
    layer_at(c, report, RECT, "Generated: " + p["prompt"])
    inside = rect_inside(before.shape[:2], *RECT)
    diff = changed(before, after)
    c.expect(not (diff & ~inside).any(), "pixels outside the selection's box changed")
    c.expect(diff[inside].mean() > 0.95, "the selection's box was not covered by the generated picture")
    record = generation_record(c, requests, p["prompt"], "1536x1024")
    if record:
        f = record["fields"]
        c.equal((f.get("model"), f.get("quality"), f.get("n"), f.get("stream"), f.get("partial_images")),
                ("gpt-image-1.5", "medium", 1, True, 2), "JSON body")
        c.expect("background" not in f and "input_fidelity" not in f, "fields at their default were sent")


def canvas_letterbox_check(c, p, report, before, after, requests, output):
    # 800x600 asks for 1536x1024 (nearest aspect); fitted to 800x533, bars of 33 px above and below.
    layer_at(c, report, (0, 0, 800, 600), "Generated: " + p["prompt"])
    diff = changed(before, after)
    c.expect(not diff[:30].any() and not diff[-30:].any(), "the letterbox bars are not transparent")
    c.expect(diff[40:-40].mean() > 0.95, "the picture does not fill the middle")
    generation_record(c, requests, p["prompt"], "1536x1024")


def canvas_crop_check(c, p, report, before, after, requests, output):
    layer_at(c, report, (0, 0, 800, 600), "Generated: " + p["prompt"])
    c.expect(changed(before, after).mean() > 0.95, "cropping left parts of the canvas uncovered")
    generation_record(c, requests, p["prompt"], "1536x1024")


def transparent_check(c, p, report, before, after, requests, output):
    # A 400x400 box asks for 1024x1024; the stand-in draws a disc on transparency.
    layer_at(c, report, SQUARE, "Generated: " + p["prompt"])
    x, y, w, h = SQUARE
    diff = changed(before, after)
    c.expect(not diff[y:y + 40, x:x + 40].any(), "the answer's transparent corner hides the picture below")
    c.expect(diff[y + 150:y + 250, x + 150:x + 250].all(), "the opaque disc did not arrive")
    record = generation_record(c, requests, p["prompt"], "1024x1024")
    if record:
        c.equal(record["fields"].get("background"), "transparent", "background sent")


def variations_check(c, p, report, before, after, requests, output):
    name = "Generated: " + p["prompt"]
    c.equal((report.get("is_group"), report.get("children"), report.get("name")), (1, 3, name), "the layer group")
    for i in range(3):
        k = f"child{i}_"
        c.equal((report.get(k + "x"), report.get(k + "y"), report.get(k + "width"), report.get(k + "height")), RECT,
                f"variation {i + 1} offset and size")
        c.equal(report.get(k + "visible"), 1 if i == 0 else 0, f"variation {i + 1} visibility")
        c.equal(report.get(k + "name"), f"{name} #{i + 1}", f"variation {i + 1} name")
    record = generation_record(c, requests, p["prompt"], "1536x1024")
    if record:
        c.equal(record["fields"].get("n"), 3, "n")


def new_image_check(expected_size, request_size, bars):
    def check(c, p, report, before, after, requests, output):
        width, height = expected_size
        c.expect(report.get("result", -1) > 0, "no image was made")
        c.equal(report.get("images_after"), report.get("images_before", 0) + 1, "open images")
        c.equal((report.get("image_width"), report.get("image_height")), expected_size, "image size")
        c.equal((report.get("count_after"), report.get("x"), report.get("y"), report.get("width"),
                 report.get("height")), (1, 0, 0, width, height), "one layer covering the canvas")
        c.equal(report.get("dirty"), 0, "a new image starts clean")
        c.equal(report.get("name"), "Generated: " + p["prompt"], "layer name")
        generation_record(c, requests, p["prompt"], request_size)
        if c.expect(after is not None, "the new image was not exported"):
            alpha = after[..., 3]
            if bars:
                c.expect((alpha[:bars - 5] == 0).all() and (alpha[-(bars - 5):] == 0).all(),
                         "the letterbox bars are not transparent")
                c.expect((alpha[bars + 5:-(bars + 5)] == 255).all(), "the picture between the bars is not opaque")
            else:
                c.expect((alpha == 255).all(), "a cropped answer leaves transparent pixels")
    return check


def sent_images(c, p, requests, names, sizes, masked):
    record = request_for(requests, p["prompt"])
    if c.expect(record is not None, "the stand-in received no request"):
        c.equal(record["path"], "/v1/images/edits", "endpoint")
        c.equal(record.get("image_names"), names, "image parts, in order")
        c.equal(record.get("image_sizes"), sizes, "image sizes (references bounded by the request size)")
        c.equal("mask" in record["files"], masked, "mask sent")
    return record


def references_check(c, p, report, before, after, requests, output):
    layer_at(c, report, RECT, "Generated: " + p["prompt"])
    # Request 1536x1024: the 3000x1500 reference comes down to 1536x768; the 800x600 one stays.
    sent_images(c, p, requests, ["image[]", "image[]"], ["1536x768", "800x600"], False)
    folder = os.path.join(p["dir"], "..", "requests")
    record = request_for(requests, p["prompt"])
    if record:
        first = np.asarray(Image.open(os.path.join(folder, str(record["index"]), "image.png")).convert("RGB"))
        c.expect(np.abs(first.astype(int) - [200, 30, 30]).max() <= 2, "the first reference is not the red picture")


def fill_references_check(c, p, report, before, after, requests, output):
    c.expect(report.get("result", -1) > 0, "the fill with a reference failed")
    c.equal(report.get("has_mask"), 1, "the fill's layer keeps its selection mask")
    # The ellipse's frame (300x300) goes at its own size; the reference (2000x1000) is bounded by the
    # request size 1024x1024 and goes at 1024x512 after the capture.
    sent_images(c, p, requests, ["image[]", "image[]"], ["300x300", "1024x512"], True)


def refused(message):
    def check(c, p, report, before, after, requests, output):
        check_refused(c, report, before, after, output, message)
        c.expect(request_for(requests, p["prompt"]) is None, "a request was sent although the input was refused")
    return check


def new_refused(message):
    def check(c, p, report, before, after, requests, output):
        c.equal(report.get("result"), -1, "the call failed")
        c.equal(report.get("images_after"), report.get("images_before"), "an image was left behind")
        c.expect(message in output, f"GIMP's output does not say {message!r}")
        c.expect(request_for(requests, p["prompt"]) is None, "a request was sent although the input was refused")
    return check


def solid_image(name, width, height, colour):
    """Scheme binding `name` to the layer of a new image filled with `colour` (r g b)."""
    r, g, b = colour
    return (f"({name}-img (t-new-image {width} {height})) ({name} (vector-ref (t-layers {name}-img) 0)) "
            f"({name}-fill (begin (gimp-context-set-foreground '({r} {g} {b})) "
            f"(gimp-drawable-fill {name} FILL-FOREGROUND)))")


# --- what each call cost, shown with the result (issue 16) --------------------------------------
# The stand-in answers with the usage a "standin-usage:TEXT,IMAGE,OUTPUT" marker names; the
# expected line is worked out here from the catalogue's token prices for the session's model
# (gpt-image-1.5), and GIMP's output must carry it exactly once (one message per call).
CATALOGUE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "plugin", "catalogue",
                         "models.json")


def expected_cost_line(model, text, image, output):
    entries = json.load(open(CATALOGUE, encoding="utf-8"))["models"]
    prices = next(e for e in entries if e.get("name", e.get("prefix")) == model)["prices"]["tokens"]
    usd = (text * prices["text_input"] + image * prices["image_input"] + output * prices["image_output"]) / 1e6
    return f"Cost: ${usd:.2f} ({text + image} input and {output} output tokens)"


def cost_check(usage, placed_check):
    def check(c, p, report, before, after, requests, output):
        placed_check(c, p, report, before, after, requests, output)
        line = expected_cost_line("gpt-image-1.5", *usage)
        c.expect(output.count(line) == 1, f"GIMP's output does not say, once, {line!r}")
    return check


def layer_placed(c, p, report, before, after, requests, output):
    layer_at(c, report, RECT, "Generated: " + p["prompt"])


def image_made(c, p, report, before, after, requests, output):
    c.expect(report.get("result", -1) > 0, "no image was made")


# --- relays that quietly drop what a generation asked (issue 16) ---------------------------------
def lazy_generation_check(c, p, report, before, after, requests, output):
    """Asked for 1536x1024 at medium quality as a streamed JPEG; the relay answered 768x512 at
    quality high as a plain PNG. The layer still fills the selection's box; one note names all four."""
    into_selection_check(c, p, report, before, after, requests, output)
    note = relay_note("size (asked 1536x1024, answered 768x512; scaled to fit)", "quality (asked medium, answered high)",
                      "output format (asked jpeg, answered png)", "streaming (answered in one piece, without previews)")
    c.expect(output.count(note) == 1, f"GIMP's output does not say, once, {note!r}")


def lazy_new_image_check(c, p, report, before, after, requests, output):
    c.expect(report.get("result", -1) > 0, "no image was made")
    c.equal((report.get("image_width"), report.get("image_height")), (1200, 630), "image size")
    note = relay_note("size (asked 1536x1024, answered 768x512; scaled to fit)",
                      "streaming (answered in one piece, without previews)")
    c.expect(output.count(note) == 1, f"GIMP's output does not say, once, {note!r}")


COST_AND_RELAY_CASES = [
    ("cost_shown_after_fill", "a pear standin-usage:37,1200,14160",
     on_texture('(t-fill img base "{prompt}" "medium" "auto" 1)', SELECT_ELLIPSE),
     cost_check((37, 1200, 14160), placed())),
    ("cost_shown_after_generate_layer", "a kite standin-usage:41,0,6240",
     on_texture('(t-generate img base "{prompt}" "auto" 1 "auto" "png" "letterbox" (list))', SELECT_RECT),
     cost_check((41, 0, 6240), layer_placed)),
    ("cost_shown_after_generate_image", "a poster standin-usage:43,0,8320",
     new_image('(t-generate-new "1200x630" "{prompt}" "auto" "letterbox" (list))'),
     cost_check((43, 0, 8320), image_made)),
    ("generate_relay_lazy_size_quality_format_stream", "standin-lazy:size,quality,output_format,stream",
     on_texture('(t-generate img base "{prompt}" "auto" 1 "auto" "jpeg" "letterbox" (list))', SELECT_RECT),
     lazy_generation_check),
    ("new_image_relay_lazy_size_stream", "a poster standin-lazy:size,stream",
     new_image('(t-generate-new "1200x630" "{prompt}" "auto" "letterbox" (list))'),
     lazy_new_image_check),
]


CASES = [
    ("generate_into_selection", "a lighthouse at dusk",
     on_texture('(t-generate img base "{prompt}" "auto" 1 "auto" "png" "letterbox" (list))', SELECT_RECT),
     into_selection_check),
    ("generate_canvas_letterboxed", "a wide mountain panorama",
     on_texture('(t-generate img base "{prompt}" "auto" 1 "auto" "png" "letterbox" (list))'), canvas_letterbox_check),
    ("generate_canvas_cropped", "a wide mountain panorama, cropped",
     on_texture('(t-generate img base "{prompt}" "auto" 1 "auto" "png" "crop" (list))'), canvas_crop_check),
    ("generate_transparent_keeps_alpha", "a sticker of a fox",
     on_texture('(t-generate img base "{prompt}" "auto" 1 "transparent" "png" "letterbox" (list))', SELECT_SQUARE),
     transparent_check),
    ("generate_variations_group", "three ideas for a logo",
     on_texture('(t-generate img base "{prompt}" "auto" 3 "auto" "png" "letterbox" (list))', SELECT_RECT),
     variations_check),
    ("new_image_story_letterboxed", "a story background",
     new_image('(t-generate-new "story" "{prompt}" "auto" "letterbox" (list))'),
     # 1024x1536 fitted to 1080x1620 in 1080x1920: bars of 150 px.
     new_image_check((1080, 1920), "1024x1536", 150)),
    ("new_image_custom_cropped", "a link preview",
     new_image('(t-generate-new "1200x630" "{prompt}" "auto" "crop" (list))'),
     new_image_check((1200, 630), "1536x1024", 0)),
    ("generate_with_references", "the first product on the second table",
     on_texture('(t-generate img base "{prompt}" "auto" 1 "auto" "png" "letterbox" (list red base))', SELECT_RECT,
                solid_image("red", 3000, 1500, (200, 30, 30))),
     references_check),
    ("fill_with_reference", "the pattern of the reference",
     on_texture('(t-fill-refs img base "{prompt}" (list wide))', SELECT_ELLIPSE,
                solid_image("wide", 2000, 1000, (20, 160, 60))),
     fill_references_check),
    ("bad_reference_is_a_group", "a reference that is a group",
     on_texture('(t-generate img base "{prompt}" "auto" 1 "auto" "png" "letterbox" (list base group))', SELECT_RECT,
                "(group (t-new-group img \"refs\")) (placed (gimp-image-insert-layer img group 0 -1))"),
     refused('Reference 2 ("refs") is a layer group')),
    ("bad_seventeen_references", "seventeen references",
     on_texture('(t-generate img base "{prompt}" "auto" 1 "auto" "png" "letterbox" '
                '(list base base base base base base base base base base base base base base base base base))',
                SELECT_RECT),
     refused("17 reference images were given; the API takes at most 16")),
    ("bad_fill_sixteen_references", "sixteen references for a fill",
     on_texture('(t-fill-refs img base "{prompt}" '
                '(list base base base base base base base base base base base base base base base base))',
                SELECT_ELLIPSE),
     refused("a fill takes at most 15")),
    ("bad_transparent_jpeg", "a transparent jpeg",
     on_texture('(t-generate img base "{prompt}" "auto" 1 "transparent" "jpeg" "letterbox" (list))', SELECT_RECT),
     refused("A transparent background needs output format png or webp")),
    ("bad_new_image_canvas", "an unknown canvas",
     new_image('(t-generate-new "poster" "{prompt}" "auto" "letterbox" (list))'),
     new_refused('Canvas "poster" is neither WIDTHxHEIGHT nor a preset')),
] + COST_AND_RELAY_CASES
