"""Faults injected by the stand-in API (see its docstring), each in a real GIMP: the plug-in either
copes (retries, scales, places what came) or fails the call with a sentence that says what
happened, and the image is left exactly as it was. Runs with short timeouts so a hang shows in
seconds; the default two retries stay on."""
import re

import numpy as np

from fill_cases import (ELLIPSE, SELECT_ELLIPSE, attempts_with, check_inside_colour, check_layer,
                        check_outside_exact, check_refused, ellipse_inside, prompt_colour, request_for,
                        texture_case)

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
    c.expect("variations (asked 3, answered 2" in output, "the user is not told that one variation is missing")


def case(name, marker, check, variations=1, session=None):
    return (f"fault_{name}", f"a pear {marker}", texture_case(SELECT_ELLIPSE, "medium", variations), check) + \
        ((session,) if session else ())


# --- hostile relays (issue 14) -----------------------------------------------------------------
# Besides what each check says, run_e2e checks for every case that the key is in none of GIMP's
# output, the procedure's error text and the profile.

ERROR_CAP = 1000  # the plug-in's sentences plus the server's text, capped at a few hundred characters
CRASH_WORDS = ("crashed", "wire", "returned no return values", "did not return")


def error_text(c, p):
    """The procedure's error text (written by t-run-call), or "" with a failure when there is none."""
    c.expect(bool(p.get("error")), "no error text was captured from the failed call")
    return p.get("error") or ""


def failed_cleanly(c, p, report, before, after, output):
    """Refused without a crash: error result, no layer, image unchanged, a short error text."""
    c.equal(report.get("result"), -1, "the call failed")
    c.equal(report.get("count_after"), report.get("count_before"), "layer count after a refused call")
    if c.expect(before is not None and after is not None, "the image was not exported before and after the call"):
        c.expect(np.array_equal(before, after), "the image changed although the call failed")
    text = error_text(c, p)
    c.expect(not any(word in text for word in CRASH_WORDS), f"the plug-in crashed: {text[:200]!r}")
    c.expect(len(text) <= ERROR_CAP, f"the error text is {len(text)} characters long (the server's text is "
                                     "not capped)")
    return text


def session_requests(p, requests):
    return requests[p["first_request"]:]


def echoed_key(expected):
    """A 401 whose body (or request id) echoes the key: refused, the server's words shown, the key not."""
    def check(c, p, report, before, after, requests, output):
        text = failed_cleanly(c, p, report, before, after, output)
        c.expect("(HTTP 401)" in text, f"the error does not name the refused key (HTTP 401): {text[:300]!r}")
        c.expect(expected in text, f"the server's own words {expected!r} are missing: {text[:300]!r}")
        c.expect(not re.search(r"Bearer\s+\S*sk-", text), f"a bearer token is shown: {text[:300]!r}")
        c.equal(len(attempts_with(requests, p["prompt"])), 1, "requests made")
    return check


def echoed_key_event_check(c, p, report, before, after, requests, output):
    text = failed_cleanly(c, p, report, before, after, output)
    c.expect("could not be generated" in text, f"the server's own words are missing: {text[:300]!r}")
    c.expect(not re.search(r"Bearer\s+\S*sk-", text), f"a bearer token is shown: {text[:300]!r}")
    c.equal(len(attempts_with(requests, p["prompt"])), 1, "requests made")


def control_characters_check(c, p, report, before, after, requests, output):
    text = failed_cleanly(c, p, report, before, after, output)
    c.expect("Your prompt was refused" in text, f"the server's own words are missing: {text[:300]!r}")
    found = sorted({f"0x{ord(ch):02x}" for ch in text if ch in "\x1b\r\x07\x08\x00\x7f"})
    c.expect(not found, f"control characters from the server reach the error text: {found}")


def deep_json(answer_words):
    """JSON nested 100000 deep: the call fails cleanly with a sentence about the server's answer
    (`answer_words`, a regular expression)."""
    def check(c, p, report, before, after, requests, output):
        text = failed_cleanly(c, p, report, before, after, output)
        c.expect(re.search(answer_words, text, re.I), f"the error does not name the server's answer: {text[:300]!r}")
        c.equal(len(attempts_with(requests, p["prompt"])), 1, "requests made")
    return check


def flood_check(c, p, report, before, after, requests, output):
    """40 previews that decode to 8192x8192 each, then the image: the fill must still place the
    image within the 5 s request timeout (only the previews asked for may be decoded)."""
    placed()(c, p, report, before, after, requests, output)
    record = (attempts_with(requests, p["prompt"]) or [{}])[-1]
    c.equal((record.get("stream"), record.get("partial_images")), (True, 2), "streamed, two previews asked for")


PROXY_VARIABLES = ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "ALL_PROXY", "all_proxy")


def proxy_environment(standin, proxy):
    """Every proxy variable curl knows pointing at a listener that records what reaches it."""
    return {name: proxy.url for name in PROXY_VARIABLES}


def check_proxy_unused(c, p):
    received = p["proxy"].connections()
    key = p["key"]
    c.expect(not any(key.encode() in data for data in received), "the API key reached the proxy")
    c.expect(not received, f"the proxy in the environment was used: {len(received)} connection(s), first bytes "
                           f"{[data[:60].replace(key.encode(), b'<THE KEY>') for data in received[:2]]}")


def proxy_check(c, p, report, before, after, requests, output):
    """Plain http to loopback with a proxy in the environment: straight to the stand-in."""
    placed()(c, p, report, before, after, requests, output)
    check_proxy_unused(c, p)


def host_127_prefix_environment(standin, proxy):
    # No DNS needed: the plug-in must refuse the host by its name. The proxy variables are set too,
    # so that a plug-in that accepted the URL would hand the request (and the key) to the listener.
    return dict(proxy_environment(standin, proxy), OPENAI_BASE_URL=f"http://127.0.0.1.example.com:{standin.port}/v1")


def nothing_sent(c, p, requests):
    c.equal(len(session_requests(p, requests)), 0, "requests that reached the stand-in in this GIMP session")
    check_proxy_unused(c, p)


def host_127_prefix_check(c, p, report, before, after, requests, output):
    text = failed_cleanly(c, p, report, before, after, output)
    c.expect("Refusing plain http://" in text, f"the error does not refuse plain http: {text[:300]!r}")
    nothing_sent(c, p, requests)


def settings_scheme(base_url):
    def scheme(p):
        return f"""(t-report "{p['report']}"
  (list (list "result" (t-catch-error (lambda () (t-settings "{base_url}" "gpt-image-1" "" "" 60 "") 1)))))
(if (pair? t-last-error) (t-write-error "{p['report']}.error"))"""
    return scheme


def settings_refused_check(c, p, report, before, after, requests, output):
    c.equal(report.get("result"), -1, "saving the base URL failed")
    text = error_text(c, p)
    c.expect("Refusing plain http://" in text, f"the error does not refuse plain http: {text[:300]!r}")


def cr_key_environment(standin, proxy):
    # As a CRLF env file gives it: OPENAI_API_KEY="sk-...\r".
    return {"OPENAI_API_KEY": standin.key + "\r"}


def cr_key_check(c, p, report, before, after, requests, output):
    """White space around the key is no part of it (README): the request goes with exactly the
    clean key (the stand-in accepts nothing else) and the fill succeeds; no malformed header."""
    placed()(c, p, report, before, after, requests, output)
    c.equal([(r.get("auth"), r.get("status")) for r in session_requests(p, requests)], [("bearer", 200)],
            "the stand-in's view of the key (Authorization header) and its answer")


def injected_key_environment(standin, proxy):
    # A control character inside the key: a CR LF that would start a header of its own.
    return {"OPENAI_API_KEY": standin.key + "\r\nX-Injected: 1"}


def injected_key_check(c, p, report, before, after, requests, output):
    """Refused with a sentence about the key before anything is sent."""
    text = failed_cleanly(c, p, report, before, after, output)
    c.expect(re.search(r"\bkey\b", text, re.I), f"the error does not say the key is at fault: {text[:300]!r}")
    nothing_sent(c, p, requests)


PROXY_SESSION = ("proxy", proxy_environment)
HOST_127_SESSION = ("host127", host_127_prefix_environment)
CR_KEY_SESSION = ("crkey", cr_key_environment)
INJECTED_KEY_SESSION = ("injectedkey", injected_key_environment)

HOSTILE = [
    case("hostile_echoed_key", "standin-fault:echo_key", echoed_key("Incorrect API key provided")),
    case("hostile_echoed_bearer_header", "standin-fault:echo_bearer", echoed_key("Incorrect API key provided")),
    case("hostile_key_as_request_id", "standin-fault:echo_request_id", echoed_key("Incorrect API key provided")),
    case("hostile_key_in_stream_error_event", "standin-fault:echo_key_event", echoed_key_event_check),
    case("hostile_control_characters", "standin-fault:control_chars", control_characters_check),
    # An error body nobody can read: its status is what the server said.
    case("hostile_deep_json_error_body", "standin-fault:deep_error", deep_json(r"\(HTTP 400\)")),
    case("hostile_deep_json_stream_event", "standin-fault:deep_event", deep_json(r"answer|server|response")),
    case("hostile_preview_flood", "standin-fault:preview_flood:40", flood_check),
    case("hostile_proxy_in_environment", "on a loopback base URL", proxy_check, session=PROXY_SESSION),
    case("hostile_base_url_host_starts_with_127", "for a host that only starts with 127", host_127_prefix_check,
         session=HOST_127_SESSION),
    ("fault_hostile_settings_refuse_127_prefix_host", "", settings_scheme("http://127.attacker.example/v1"),
     settings_refused_check, HOST_127_SESSION),
    case("hostile_key_with_trailing_cr", "with a CRLF key", cr_key_check, session=CR_KEY_SESSION),
    case("hostile_key_with_line_break_inside", "with a header in the key", injected_key_check,
         session=INJECTED_KEY_SESSION),
]


# --- relays that quietly drop what was asked (issue 16) ------------------------------------------
# The stand-in's lazy relay (standin-lazy:...) ignores the fields named and its answer shows it, as
# a real relay's does. The fill is placed all the same and one note after placement says what was
# ignored; run_e2e's "output" holds GIMP's messages of the batch run.

def relay_note(*items):
    return "The relay ignored part of the request: " + "; ".join(items) + "."


def lazy_size_stream_check(c, p, report, before, after, requests, output):
    """A streamed 1024x1024 request answered with plain JSON at 512x512: the layer is where the
    ellipse's always is, the rest of the image exactly as it was, the fill in the prompt's colour,
    and the note names both fields."""
    placed()(c, p, report, before, after, requests, output)
    check_inside_colour(c, after, ellipse_inside(before.shape[:2], *ELLIPSE, grow=-3), prompt_colour(p["prompt"]))
    record = request_for(requests, p["prompt"])
    if c.expect(record is not None, "the stand-in received no request"):
        c.equal((record["fields"].get("size"), record.get("stream")), ("1024x1024", True), "asked size and stream")
    note = relay_note("size (asked 1024x1024, answered 512x512; scaled to fit)",
                      "streaming (answered in one piece, without previews)")
    c.expect(output.count(note) == 1, f"GIMP's output does not say, once, {note!r}")


def lazy_background_scheme(p):
    """The fill, then the original layer hidden: the flattened export shows the new layer alone
    (white where it lets anything through)."""
    return f"""(let* ((img (t-load "{p['input']}")) (base (vector-ref (t-layers img) 0)))
  (t-export img "{p['before']}")
  {SELECT_ELLIPSE}
  (t-run-case "{p['report']}" #f img base "{p['prompt']}" "medium" "auto" 1)
  (gimp-item-set-visible base FALSE)
  (t-export img "{p['after']}"))"""


def lazy_background_check(c, p, report, before, after, requests, output):
    """The request asked for an opaque background; the relay cut out the area to edit (alpha 0).
    The answer is laid over the original, so the new layer alone shows the original there: nothing
    of what lies below shows through (with the original layer hidden, that would be white)."""
    check_layer(c, report, *FRAME, True, "Generative Fill: " + p["prompt"][:48] + ("…" if len(p["prompt"]) > 48 else ""))
    inside = ellipse_inside(before.shape[:2], *ELLIPSE, grow=-3)
    error = np.abs(after[..., :3] - before[..., :3])[inside]
    c.expect(error.max() <= 8, f"inside the selection the new layer is not the original laid under the cut-out "
                               f"answer (differs by up to {int(error.max())}; white would be a hole)")
    record = request_for(requests, p["prompt"])
    if c.expect(record is not None, "the stand-in received no request"):
        c.equal(record["fields"].get("background"), "opaque", "background asked for an opaque picture")
    note = relay_note("background (asked opaque, answered with transparency; laid over the original)")
    c.expect(output.count(note) == 1, f"GIMP's output does not say, once, {note!r}")


def lazy_quality_format_scheme(p):
    """The fill asking for JPEG (quality medium, the t-fill-advanced defaults otherwise)."""
    return f"""(let* ((img (t-load "{p['input']}")) (base (vector-ref (t-layers img) 0)))
  (t-export img "{p['before']}")
  {SELECT_ELLIPSE}
  (t-run-call "{p['report']}" "{p['after']}" img base
              (lambda () (t-fill-advanced img base "{p['prompt']}" "auto" "low" "jpeg" 80 -1 0 "visible"))))"""


def lazy_quality_format_check(c, p, report, before, after, requests, output):
    """A relay that answers quality high and a PNG to a request for medium and JPEG: the fill is
    placed as usual, and one note names both fields."""
    placed()(c, p, report, before, after, requests, output)
    record = request_for(requests, p["prompt"])
    if c.expect(record is not None, "the stand-in received no request"):
        c.equal((record["fields"].get("quality"), record["fields"].get("output_format")), ("medium", "jpeg"),
                "asked quality and output format")
    note = relay_note("quality (asked medium, answered high)", "output format (asked jpeg, answered png)")
    c.expect(output.count(note) == 1, f"GIMP's output does not say, once, {note!r}")


LAZY_RELAY = [
    case("relay_lazy_ignores_size_and_stream", "standin-lazy:size,stream", lazy_size_stream_check),
    ("fault_relay_lazy_ignores_quality_and_output_format", "a pear standin-lazy:quality,output_format",
     lazy_quality_format_scheme, lazy_quality_format_check),
    ("fault_relay_lazy_transparent_answer", "a pear standin-lazy:background", lazy_background_scheme,
     lazy_background_check),
]


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
] + LAZY_RELAY + HOSTILE
