"""End-to-end cases for Generate Image with a list of canvases (one prompt, many formats): the
requests go out side by side, at most 3 at once; a canvas that fails is named and the others are
kept; a 429 on one request pauses the others instead of failing them.

The prompt's markers (tests/standin/images_api_standin.py) make each answer take 0.3 s, so the
requests overlap, and their arrival and answer times show the plug-in's concurrency limit. gpt-image-1.5
asks square-post and icon as 1024x1024, story as 1024x1536 and link-preview as 1536x1024; the
failing size is keyed on that."""
from collections import Counter

CANVASES = "square-post, story,link-preview ,icon"
MADE = {"square-post": "1080x1080", "link-preview": "1200x630", "icon": "1024x1024"}
THINK = "standin-fault:think:0.3"


def many_formats(canvases):
    """Scheme: Generate Image with `canvases` (no streaming: the think marker answers in one piece),
    reporting the result, the error, and the sizes of the images it opened."""
    def scheme(p):
        if p["gimp"] == "2.10":
            ids = "(vector->list (cadr (gimp-image-list)))"
            call = (f'(car (plug-in-gpt-image-new RUN-NONINTERACTIVE "{canvases}" "{p["prompt"]}" "medium" "auto" 1 '
                    f'"auto" "png" 100 0 "letterbox" "low" 0 (vector) "off"))')
        else:
            ids = "(vector->list (car (gimp-get-images)))"
            call = (f'(car (plug-in-gpt-image-new #:run-mode RUN-NONINTERACTIVE #:canvas "{canvases}" '
                    f'#:prompt "{p["prompt"]}" #:partial-images 0))')
        return f"""(let* ((before {ids})
       (result (t-catch-error (lambda () {call})))
       (made (let loop ((left {ids}) (out ""))
               (cond ((null? left) out)
                     ((memv (car left) before) (loop (cdr left) out))
                     (else (loop (cdr left) (string-append out " " (number->string (t-image-width (car left)))
                                                           "x" (number->string (t-image-height (car left))))))))))
  (t-report "{p['report']}"
    (append (list (list "result" result) (list "made" made))
            (if (> result 0)
                (list (list "result_size" (string-append (number->string (t-image-width result)) "x"
                                                         (number->string (t-image-height result)))))
                '())))
  (if (pair? t-last-error) (t-write-error "{p['report']}.error")))"""
    return scheme


def of_prompt(requests, prompt):
    return [r for r in requests if r.get("fields", {}).get("prompt") == prompt]


def made_sizes(report):
    return Counter(str(report.get("made", "")).split())


def most_at_once(sent):
    """The most of `sent` the stand-in was serving at once: each from its arrival until its answer
    began. (The stand-in's own "in_flight" also counts requests of earlier cases still sleeping in a
    fault the client gave up on, so it is not this case's alone.)"""
    return max((sum(1 for s in sent if s["time"] <= r["time"] < s.get("answered", float("inf"))) for r in sent),
               default=0)


def one_fails_check(c, p, report, before, after, requests, output):
    c.equal(p["error"], None, "the run failed although three canvases were made")
    c.equal(made_sizes(report), Counter(MADE.values()), "the sizes of the images opened")
    c.equal(report.get("result_size"), "1080x1080", "the returned image is the first canvas's")
    line = "story (1080x1920): "
    c.expect(line in output and "Tall formats are paused for this test." in output,
             f"GIMP's output does not name the failed canvas ({line!r} and the server's words)")
    sent = of_prompt(requests, p["prompt"])
    c.equal(Counter(r["fields"].get("size") for r in sent),
            Counter({"1024x1024": 2, "1024x1536": 1, "1536x1024": 1}), "request sizes")
    most = most_at_once(sent)
    c.expect(2 <= most <= 3, f"{most} requests were in flight at once; the plug-in sends 2 to 3 side by side")


def rate_limited_check(c, p, report, before, after, requests, output):
    c.equal(p["error"], None, "a 429 on one request failed the run")
    c.equal(made_sizes(report), Counter(dict(MADE, story="1080x1920").values()), "the sizes of the images opened")
    sent = of_prompt(requests, p["prompt"])
    limited = [r for r in sent if r.get("status") == 429]
    if c.expect(len(limited) == 1, f"{len(limited)} requests were answered 429; the marker limits one"):
        t = limited[0]["time"]
        # Those sent with it were already on their way; any sent after the 429 was answered (the
        # fourth canvas, whose turn comes when a 0.3 s answer is in, and the retry) waited out the
        # server's 1 s pause.
        later = [r["time"] - t for r in sent if r["time"] - t > 0.2]
        c.expect(later and min(later) >= 0.9, f"requests sent {later} s after the 429 did not wait the 1 s it asked")
        c.equal(len(sent), 5, "requests (four canvases and one retry)")


CASES = [
    ("formats_one_fails_others_kept", f"four formats {THINK} standin-fail-size:1024x1536:400::"
                                      "Tall formats are paused for this test.",
     many_formats(CANVASES), one_fails_check),
    ("formats_429_slows_the_others", f"four formats paused {THINK} standin-fail-once:429::Rate limit reached.",
     many_formats(CANVASES), rate_limited_check),
]
