"""End-to-end cases for the model catalogue (plugin/catalogue/models.json and the user's own
models.json in the profile): the pixel floor of gpt-image-2, the xhigh quality of gpt-image-2.5, a
made-up model added by the user file, and a broken user file. Each runs in a GIMP of its own, with
the model chosen through OPENAI_IMAGE_MODEL.

Geometry follows plugin/core/context_plan.h; the sizes are worked out by hand in each check."""
import json
import os

from fill_cases import (ELLIPSE, SELECT_ELLIPSE, check_inside_colour, check_layer, check_outside_exact,
                        check_refused, ellipse_inside, prompt_colour, rect_inside, request_for, texture_case)
from gimp_runner import profile_dir

SMALL = (300, 200, 300, 200)
SELECT_SMALL = f"(gimp-image-select-rectangle img CHANNEL-OP-REPLACE {' '.join(map(str, SMALL))})"
# Selection 300x200 + margin 75 = region 450x350 at (225,125): 157,500 px, below gpt-image-2's floor
# of 655,360. Scaled by sqrt(655360/157500) = 2.0399 to 917.9x713.9, rounded up to multiples of 16:
# 928x720. The frame is the region grown to 928:720, 451x350 at (225,125); it is uploaded at
# 928x720 and the answer is scaled back to it.
SMALL_FRAME = (225, 125, 451, 350)
FLOOR_SIZE = "928x720"

MADE_UP_MODEL = "studio-canvas-1"
USER_CATALOGUE = {"models": [{
    "name": MADE_UP_MODEL,
    "sizes": {"rule": "standard", "sizes": ["1024x1024", "1536x1024", "1024x1536"]},
    "qualities": ["auto", "low", "medium", "high"],
    "output_formats": ["png", "webp"], "streaming": True, "max_n": 4,
    "source": "end-to-end test", "date": "2026-11-29"}]}


def with_user_catalogue(scheme, text):
    """The case's Scheme, after writing `text` as models.json into the session's GIMP profile. The
    Scheme is built before GIMP starts, so the file is in place when the plug-in first reads it."""
    def build(p):
        folder = os.path.join(p["home"], profile_dir(p["gimp"]), "gimp-gpt-image")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "models.json"), "w") as f:
            f.write(text)
        return scheme(p)
    return build


def model_session(name, model, serve=False):
    """A session whose GIMP uses `model`; `serve`: the stand-in serves the name as a relay would."""
    def change(standin, proxy):
        if serve:
            standin.control(serve_models=[model])
        return {"OPENAI_IMAGE_MODEL": model}
    return (name, change)


def floor_check(quality):
    def check(c, p, report, before, after, requests, output):
        check_layer(c, report, *SMALL_FRAME, True, "Generative Fill: " + p["prompt"])
        shape = before.shape[:2]
        check_outside_exact(c, before, after, ~rect_inside(shape, *SMALL))
        check_inside_colour(c, after, rect_inside(shape, *SMALL, grow=-3), prompt_colour(p["prompt"]))
        record = request_for(requests, p["prompt"])
        if c.expect(record is not None, "the stand-in received no request"):
            f = record["fields"]
            c.equal((f.get("size"), f.get("quality")), (FLOOR_SIZE, quality), "request size and quality")
            c.equal((record.get("image_size"), record.get("mask_size")), (FLOOR_SIZE, FLOOR_SIZE),
                    "uploaded sizes (enlarged to the pixel floor)")
            c.expect("input_fidelity" not in f, "input_fidelity was sent to a model that refuses it")
    return check


def made_up_check(c, p, report, before, after, requests, output):
    # As fill_ellipse: bbox 200x150 + margin 50 = 300x250 at (250,150); 1024x1024; frame 300x300.
    frame = (250, 125, 300, 300)
    check_layer(c, report, *frame, True, "Generative Fill: " + p["prompt"])
    shape = before.shape[:2]
    check_outside_exact(c, before, after, ~ellipse_inside(shape, *ELLIPSE, grow=1.5))
    check_inside_colour(c, after, ellipse_inside(shape, *ELLIPSE, grow=-3), prompt_colour(p["prompt"]))
    record = request_for(requests, p["prompt"])
    if c.expect(record is not None, "the stand-in received no request"):
        f = record["fields"]
        # A model the catalogue did not know would get neither output_format nor streaming: these
        # come from the user's entry.
        c.equal((f.get("model"), f.get("size"), f.get("output_format")), (MADE_UP_MODEL, "1024x1024", "png"),
                "request fields")
        c.equal((record.get("stream"), record.get("partial_images")), (True, 2), "streamed as the entry allows")


def broken_check(c, p, report, before, after, requests, output):
    check_refused(c, report, before, after, output, "models.json, entry 1 (" + MADE_UP_MODEL + ")")
    c.expect("qualities" in output, "the refusal does not name the field")
    c.equal(request_for(requests, p["prompt"]), None, "a request was sent despite the broken catalogue")


BROKEN = '{"models": [{"name": "%s", "qualities": "high"}]}' % MADE_UP_MODEL

CASES = [
    ("models_gpt_image_2_small_selection", "a small copper bell", texture_case(SELECT_SMALL, "medium", 1),
     floor_check("medium"), model_session("gpt2", "gpt-image-2")),
    ("models_gpt_image_2_5_xhigh", "a very detailed moth", texture_case(SELECT_SMALL, "xhigh", 1),
     floor_check("xhigh"), model_session("flare", "gpt-image-2.5-flare")),
    ("models_made_up_from_user_file", "a studio teapot",
     with_user_catalogue(texture_case(SELECT_ELLIPSE, "medium", 1), json.dumps(USER_CATALOGUE)), made_up_check,
     model_session("made_up", MADE_UP_MODEL, serve=True)),
    ("models_broken_user_file", "a refused teapot",
     with_user_catalogue(texture_case(SELECT_ELLIPSE, "medium", 1), BROKEN), broken_check,
     model_session("broken", MADE_UP_MODEL, serve=True)),
]
