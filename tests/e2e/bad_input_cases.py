"""Bad and unusual input, in a real GIMP: each case works correctly or fails with a clear error;
never a crash, never a changed image after a failure."""
import os

import numpy as np
from PIL import Image

from gimp_runner import is_gimp3
from fill_cases import (ELLIPSE, SELECT_ELLIPSE, check_layer, check_outside_exact, check_refused, check_request_image,
                        ellipse_inside, load, rect_inside, request_for)

FRAME = (250, 125, 300, 300)  # the ellipse's layer (see fill_cases.ellipse_check)


def scheme_on_texture(prepare="", anchor="base", call=None, select=SELECT_ELLIPSE, export=True):
    """Scheme for a case on the texture: `prepare` (may define `anchor`), the export of the image as
    it is before the fill, the selection, then `call` (default: fill above `anchor`)."""
    def scheme(p):
        fill = call or f'(t-fill img {anchor} "{p["prompt"]}" "medium" "auto" 1)'
        flat = f'"{p["after"]}"' if export else "#f"
        before = f'(t-export img "{p["before"]}")' if export else ""
        return f"""(let* ((img (t-load "{p['input']}")) (base (vector-ref (t-layers img) 0)))
  (let* ({prepare or "(unused 0)"})
    {before}
    {select}
    (t-run-call "{p['report']}" {flat} img {anchor} (lambda () {fill}))))"""
    return scheme


def scheme_on_new_image(width, height, select, export=True):
    def scheme(p):
        flat = f'"{p["after"]}"' if export else "#f"
        before = f'(t-export img "{p["before"]}")' if export else ""
        return f"""(let* ((img (t-new-image {width} {height})) (base (vector-ref (t-layers img) 0)))
  {before}
  {select}
  (t-run-call "{p['report']}" {flat} img base (lambda () (t-fill img base "{p['prompt']}" "medium" "auto" 1))))"""
    return scheme


def refused(message):
    def check(c, p, report, before, after, requests, output):
        check_refused(c, report, before, after, output, message)
        c.expect(request_for(requests, p["prompt"]) is None, "a request was sent although the input was refused")
    return check


def ellipse_placed(above_anchor=True, top=True, upload_shows_frame=False):
    """The fill worked: a masked layer over the ellipse's frame, nothing outside the selection changed.
    With `upload_shows_frame`, the picture uploaded is also compared with the frame as GIMP showed it
    (for precisions other than 8-bit gamma: read as linear light it would be far too bright)."""
    def check(c, p, report, before, after, requests, output):
        if upload_shows_frame:
            # Compared with the 8-bit sRGB texture the image was made from: converting the precision
            # does not change how it looks, while an export of a linear image need not be sRGB.
            record = request_for(requests, p["prompt"])
            c.expect(record is not None, "no request was recorded for the fill")
            if record is not None:
                check_request_image(c, p["dir"], record, FRAME, load(p["texture_host"]))
        c.equal(report.get("result", -1) > 0, True, "the fill succeeded")
        c.equal(report.get("count_after"), report.get("count_before", 0) + 1, "top-level layers after the fill")
        c.equal((report.get("x"), report.get("y"), report.get("width"), report.get("height")), FRAME,
                "layer offset and size")
        c.equal(report.get("has_mask"), 1, "layer mask present")
        if above_anchor:
            c.equal(report.get("above_anchor"), 1, "the new layer is just above the drawable it was given")
        if top:
            c.equal(report.get("top_is_result"), 1, "the new layer is at the top of the stack")
        if c.expect(before is not None and after is not None, "the image was not exported before and after the call"):
            check_outside_exact(c, before, after, ~ellipse_inside(before.shape[:2], *ELLIPSE, grow=1.5))
    return check


def one_pixel_check(c, p, report, before, after, requests, output):
    # 1x1 + margin 32 = 65x65 at (368,268); nearest size 1024x1024, so the frame stays 65x65.
    check_layer(c, report, 368, 268, 65, 65, True, "Generative Fill: " + p["prompt"])
    check_outside_exact(c, before, after, ~rect_inside(before.shape[:2], 400, 300, 1, 1))
    changed = np.any(before[300, 400] != after[300, 400])
    c.expect(changed, "the selected pixel was not filled")


def tiny_image_check(c, p, report, before, after, requests, output):
    # The whole 10x10 canvas is the region; its square frame asks for 1024x1024 and is sent enlarged
    # 13 times to pass the smallest upload side (128 px), not scaled all the way up to the request.
    check_layer(c, report, 0, 0, 10, 10, True, "Generative Fill: " + p["prompt"])
    check_outside_exact(c, before, after, ~rect_inside(before.shape[:2], 3, 3, 4, 4))
    record = request_for(requests, p["prompt"])
    if c.expect(record is not None, "the stand-in received no request"):
        c.equal((record["fields"].get("size"), record.get("image_size"), record.get("mask_size")),
                ("1024x1024", "130x130", "130x130"), "a 10x10 image: request size and upload sizes")


def huge_image_check(c, p, report, before, after, requests, output):
    # bbox 300x200 + margin 75 = 450x350 at (5925,5925); nearest 1536x1024; frame 525x350 about its centre.
    check_layer(c, report, 5888, 5925, 525, 350, True, "Generative Fill: " + p["prompt"])
    record = request_for(requests, p["prompt"])
    if c.expect(record is not None, "the stand-in received no request"):
        c.equal((record["fields"].get("size"), record.get("image_size")), ("1536x1024", "525x350"),
                "a 144 MP image uploads only the frame, at its own resolution")


def no_layers_check(c, p, report, before, after, requests, output):
    c.equal(report.get("result"), -1, "the call failed")
    c.expect(request_for(requests, p["prompt"]) is None, "a request was sent for an image without layers")
    if is_gimp3(p["gimp"]):  # GIMP 2.10 itself refuses a call without a drawable before the plug-in runs
        c.expect("The image has no layers" in output, "the plug-in does not say the image has no layers")


def half_opacity_check(c, p, report, before, after, requests, output):
    """One layer at 50% opacity: what is visible is that layer half transparent, so the upload must be
    GIMP's composite, not the layer's own pixels (which the plug-in reads directly only for a single
    layer at full opacity)."""
    ellipse_placed()(c, p, report, before, after, requests, output)
    record = request_for(requests, p["prompt"])
    if c.expect(record is not None, "the stand-in received no request"):
        sent = Image.open(os.path.join(p["dir"], "..", "requests", str(record["index"]), "image.png"))
        alpha = np.asarray(sent.convert("RGBA"))[..., 3]
        c.expect(abs(float(alpha.mean()) - 127.5) < 2,
                 f"the upload's alpha averages {alpha.mean():.1f}, not half: it is not what is visible")


LONG_PROMPT = "(make-string 32001 #\\a)"


def bad_input_cases(version):
    cases = [
        ("bad_blank_prompt", "   ", scheme_on_texture(), refused("The prompt is empty")),
        ("bad_prompt_over_limit", "a long prompt",
         scheme_on_texture(call=f'(t-fill img base {LONG_PROMPT} "medium" "auto" 1)'),
         refused("The prompt has 32001 characters; gpt-image-1.5 accepts at most 32000")),
        ("bad_indexed_image", "an indexed apple", scheme_on_texture(prepare="(unused (t-convert-indexed img))"),
         refused("convert this indexed image")),
        ("input_16_bit_precision", "a 16-bit apple",
         scheme_on_texture(prepare="(unused (t-convert-precision img 'u16))"), ellipse_placed(upload_shows_frame=True)),
        ("input_32_bit_float_precision", "a float apple",
         scheme_on_texture(prepare="(unused (t-convert-precision img 'float))"), ellipse_placed(upload_shows_frame=True)),
        ("input_half_opacity_layer", "an apple through a veil",
         scheme_on_texture(prepare="(unused (gimp-layer-set-opacity base 50))"), half_opacity_check),
        ("input_layer_partly_off_canvas", "a plum beside the edge",
         scheme_on_texture(prepare="""(side (t-new-transparent-layer img 400 300 "off the edge"))
                (unused (gimp-image-insert-layer img side 0 0))
                (unused (gimp-layer-set-offsets side -150 -100))
                (unused (gimp-drawable-fill side FILL-FOREGROUND))""", anchor="side",
                           call='(t-fill-sampling img side "a plum beside the edge" "layer")'),
         ellipse_placed()),
        ("input_selection_misses_drawable", "a plum far from its layer",
         scheme_on_texture(prepare="""(small (t-new-transparent-layer img 100 100 "small"))
                (unused (gimp-image-insert-layer img small 0 0))""", anchor="small"), ellipse_placed()),
        ("input_one_pixel_selection", "a single pixel",
         scheme_on_texture(select="(gimp-image-select-rectangle img CHANNEL-OP-REPLACE 400 300 1 1)"),
         one_pixel_check),
        ("input_10x10_image", "a tiny dot",
         scheme_on_new_image(10, 10, "(gimp-image-select-rectangle img CHANNEL-OP-REPLACE 3 3 4 4)"),
         tiny_image_check),
        ("input_12000x12000_image", "a lighthouse far away",
         scheme_on_new_image(12000, 12000, "(gimp-image-select-rectangle img CHANNEL-OP-REPLACE 6000 6000 300 200)",
                             export=False), huge_image_check),
        ("input_layer_group_as_drawable", "a grouped apple",
         scheme_on_texture(prepare="""(group (t-new-group img "group"))
                (unused (gimp-image-insert-layer img group 0 0))
                (inner (t-new-transparent-layer img 800 600 "inside the group"))
                (unused (gimp-image-insert-layer img inner group 0))""", anchor="group"), ellipse_placed()),
        ("input_text_layer_as_drawable", "an apple under words",
         scheme_on_texture(prepare='(words (t-text-layer img "Hello"))', anchor="words"), ellipse_placed()),
        ("input_layer_mask_as_drawable", "an apple through a mask",
         scheme_on_texture(prepare="(mask (t-add-mask base))", anchor="mask",
                           call='(t-fill img mask "an apple through a mask" "medium" "auto" 1)'),
         ellipse_placed(above_anchor=False)),
        ("input_channel_as_drawable", "an apple from a channel",
         scheme_on_texture(prepare="(channel (t-new-channel img 800 600))", anchor="channel"),
         ellipse_placed(above_anchor=False)),
        ("bad_no_layers", "an apple in nothing",
         lambda p: f"""(let* ((img (t-new-empty-image 200 100)))
  (gimp-image-select-rectangle img CHANNEL-OP-REPLACE 10 10 50 50)
  (t-run-call "{p['report']}" #f img 0 (lambda () {no_layers_call(version, p)})))""", no_layers_check),
    ]
    if not is_gimp3(version):
        # GIMP 2.10 scripts pass references as item ids, so a deleted (or mistyped) one reaches the
        # plug-in, whose sentence quotes the id. GIMP 3 cannot have these cases: a Script-Fu call
        # passes objects, and GIMP drops a deleted one before the plug-in runs, leaving no trace of
        # it (measured in 3.0: `(list gone)` arrives as no array at all, `(list base gone)` as an
        # array holding `base` alone), so nothing tells the plug-in a reference was meant.
        deleted_layer = """(gone (t-new-transparent-layer img 50 50 "gone"))
                (unused (gimp-image-insert-layer img gone 0 -1))
                (unused (gimp-image-remove-layer img gone))"""
        cases.append(("bad_reference_deleted", "a reference deleted before the call",
                      scheme_on_texture(prepare=deleted_layer,
                                        call='(t-fill-refs img base "a reference deleted before the call" (list gone))'),
                      refused("Reference 1 is not a layer or channel of an open image (id ")))
        # Counted in the order given, so the sentence names the right one of several.
        cases.append(("bad_reference_deleted_second", "a second reference deleted before the call",
                      scheme_on_texture(prepare=deleted_layer,
                                        call='(t-fill-refs img base "a second reference deleted before the call" '
                                             '(list base gone))'),
                      refused("Reference 2 is not a layer or channel of an open image (id ")))
    if is_gimp3(version):
        cases.append(("input_several_drawables", "an apple for two layers",
                      scheme_on_texture(prepare="""(second (t-new-transparent-layer img 800 600 "second"))
                (unused (gimp-image-insert-layer img second 0 1))""",
                                        call='(t-fill-drawables img (vector base second) "an apple for two layers")'),
                      ellipse_placed(top=False)))
    return cases


def no_layers_call(version, p):
    if is_gimp3(version):
        return f'(t-fill-drawables img (vector) "{p["prompt"]}")'
    return f'(t-fill img -1 "{p["prompt"]}" "medium" "auto" 1)'
