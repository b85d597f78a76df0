"""End-to-end cases for plug-in-gpt-image-remove: the fill without a prompt. The stand-in paints
the masked area with a colour derived from the prompt it received, so the colour inside the
selection proves the request asked exactly the removal prompt written here (a literal, not the
plug-in's own text)."""
import numpy as np

from fill_cases import (ELLIPSE, RECT, SELECT_ELLIPSE, SELECT_RECT, check_inside_colour, check_layer,
                        check_outside_exact, check_refused, check_request_image, check_request_mask,
                        ellipse_inside, prompt_colour, rect_inside)

INSTRUCTION = ("Remove everything inside the masked area and fill it with a seamless, natural continuation of the "
               "surrounding scene: the same background, surfaces, textures, lighting, shadows and perspective. "
               "Do not add any new object, person, animal, text or logo.")
HINT = "the bench and its shadow"


def remove_case(select, hint):
    def scheme(p):
        return f"""(let* ((img (t-load "{p['input']}")) (base (vector-ref (t-layers img) 0)))
  {select}
  (t-export img "{p['before']}")
  (t-run-call "{p['report']}" "{p['after']}" img base (lambda () (t-remove img base "{hint}"))))"""
    return scheme


def removal_requests(requests, prompt):
    return [r for r in requests if r.get("fields", {}).get("prompt") == prompt]


def with_hint_check(c, p, report, before, after, requests, output):
    prompt = INSTRUCTION + " What to remove: " + HINT + "."
    frame = (250, 125, 300, 300)  # as the fill's ellipse case: the same plan
    check_layer(c, report, *frame, True, "Remove: " + HINT)
    shape = before.shape[:2]
    check_outside_exact(c, before, after, ~ellipse_inside(shape, *ELLIPSE, grow=1.5))
    check_inside_colour(c, after, ellipse_inside(shape, *ELLIPSE, grow=-3), prompt_colour(prompt))
    sent = removal_requests(requests, prompt)
    if c.expect(len(sent) == 1, f"the stand-in received {len(sent)} requests with the removal prompt and hint"):
        record = sent[0]
        c.expect(record.get("path", "").endswith("/images/edits"), f"the removal went to {record.get('path')}")
        check_request_mask(c, p["dir"], record, frame, (ellipse_inside(shape, *ELLIPSE, grow=-2),
                                                        ~ellipse_inside(shape, *ELLIPSE, grow=2)), (300, 300))
        check_request_image(c, p["dir"], record, frame, before)


def without_hint_check(c, p, report, before, after, requests, output):
    c.equal(report.get("name"), "Remove: selection", "layer name without a hint")
    c.equal(report.get("has_mask"), 1, "layer mask present")
    shape = before.shape[:2]
    check_outside_exact(c, before, after, ~rect_inside(shape, *RECT))
    check_inside_colour(c, after, rect_inside(shape, *RECT, grow=-3), prompt_colour(INSTRUCTION))
    c.equal(len(removal_requests(requests, INSTRUCTION)), 1, "requests with the bare removal prompt")


def no_selection_check(c, p, report, before, after, requests, output):
    check_refused(c, report, before, after, output, "Remove needs a selection")
    c.expect(not [r for r in requests if "What to remove: nothing selected" in r.get("fields", {}).get("prompt", "")],
             "a request was sent without a selection")


CASES = [
    ("remove_with_hint", "", remove_case(SELECT_ELLIPSE, HINT), with_hint_check),
    ("remove_without_hint", "", remove_case(SELECT_RECT, ""), without_hint_check),
    ("remove_needs_selection", "", remove_case("(gimp-selection-none img)", "nothing selected"), no_selection_check),
]
