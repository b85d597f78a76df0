"""Faults injected by the stand-in API (see its docstring), each in a real GIMP: the plug-in either
copes (retries, scales, places what came) or fails the call with a sentence that says what
happened, and the image is left exactly as it was. Runs with short timeouts so a hang shows in
seconds; the default two retries stay on."""
from fill_cases import (ELLIPSE, SELECT_ELLIPSE, attempts_with, check_layer, check_outside_exact,
                        check_refused, ellipse_inside, texture_case)

ENVIRONMENT = {"GPT_IMAGE_TIMEOUT": "5", "GPT_IMAGE_STALL_TIMEOUT": "2"}
FRAME = (250, 125, 300, 300)  # the ellipse's layer (see fill_cases.ellipse_check)


def refused(message, attempts):
    def check(c, p, report, before, after, requests, output):
        check_refused(c, report, before, after, output, message)
        c.equal(len(attempts_with(requests, p["prompt"])), attempts, "requests made")
    return check


def placed(attempts=1):
    def check(c, p, report, before, after, requests, output):
        check_layer(c, report, *FRAME, True, "Generative Fill: " + p["prompt"][:48] + ("…" if len(p["prompt"]) > 48 else ""))
        check_outside_exact(c, before, after, ~ellipse_inside(before.shape[:2], *ELLIPSE, grow=1.5))
        c.equal(len(attempts_with(requests, p["prompt"])), attempts, "requests made")
    return check


def rate_limit_check(c, p, report, before, after, requests, output):
    placed(attempts=2)(c, p, report, before, after, requests, output)
    times = [r["time"] for r in attempts_with(requests, p["prompt"])]
    if len(times) == 2:
        c.expect(times[1] - times[0] >= 0.95, f"the retry came {times[1] - times[0]:.2f} s after the 429, "
                                              "not after the 1 s retry-after asked for")


def fewer_check(c, p, report, before, after, requests, output):
    c.equal(report.get("is_group"), 1, "the variations are in a group")
    c.equal(report.get("children"), 2, "layers in the group: the two images that came")
    c.expect("2 of the 3 variations" in output, "the user is not told that one variation is missing")


def case(name, marker, check, variations=1):
    return (f"fault_{name}", f"a pear {marker}", texture_case(SELECT_ELLIPSE, "medium", variations), check)


CASES = [
    case("429_retry_after_then_success", "standin-fail-once:429:rate_limit_exceeded:Rate limit reached",
         rate_limit_check),
    case("500_three_times", "standin-fail:500::The server had an error while processing your request",
         refused("The service failed (HTTP 500) (3 attempts)", 3)),
    case("reset_mid_body", "standin-fault:reset", refused("broke off before the answer was complete", 3)),
    case("reset_once_then_success", "standin-fault-once:reset", placed(attempts=2)),
    case("never_answers", "standin-fault:hang:600", refused("within 5 s (the request timeout) (3 attempts)", 3)),
    case("truncated_body", "standin-fault:truncate", refused("broke off before the answer was complete", 3)),
    case("malformed_json", "standin-fault:malformed_json", refused("is not valid JSON", 1)),
    case("invalid_base64", "standin-fault:bad_base64", refused("an image that is not valid base64", 1)),
    case("not_an_image", "standin-fault:not_image", refused("not a PNG, JPEG or WebP image", 1)),
    case("wrong_shape", "standin-fault:wrong_shape", refused("its shape does not match", 1)),
    case("smaller_image_scaled", "standin-fault:half_size", placed()),
    case("fewer_images", "standin-fault:fewer", fewer_check, variations=3),
    # A plain JSON answer holds no previews: the cap is one image's 48 MiB of base64 + 1 MiB.
    case("huge_body", "standin-fault:huge:300", refused("is larger than 49 MB", 1)),
    case("stall", "standin-fault:stall:60", refused("stalled: no data moved for 2 s (the stall timeout) (3 attempts)", 3)),
    case("slow_drip_under_stall_timeout", "standin-fault:drip:1.2", placed()),
    case("model_thinking_is_not_a_stall", "standin-fault:think:3", placed()),
    case("relay_ignores_stream", "standin-stream-ignore", placed()),
    case("stream_error_event", "standin-stream-error",
         refused("reported an error while it was generating the image", 1)),
    case("stream_ends_without_image", "standin-stream-cut", refused("ended without a finished image", 1)),
]
