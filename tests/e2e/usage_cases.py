"""End-to-end cases for the usage ledger's reader: the monthly budget and the usage procedure. One
GIMP session of the fill suite, with a usage.csv seeded into its profile before GIMP starts and
GPT_IMAGE_MONTHLY_BUDGET set to $10. The cases run in this order: a fill whose estimate passes the
budget is refused (nothing sent, the image unchanged), the usage procedure returns the seeded
file's totals, then a fill under the budget goes through.

Every figure below is worked out by hand from the seeded lines and the shipped catalogue's prices
(plugin/catalogue/models.json, gpt-image-1.5: image output $32 per 1M tokens; 1024x1024 is 4,160
output tokens at high and 272 at low; each of the 2 streamed previews 100 more)."""
import datetime
import os

from fill_cases import SELECT_ELLIPSE, check_refused, request_for, texture_case
from gimp_runner import profile_dir

BUDGET = "10"
_NOW = datetime.datetime.now(datetime.timezone.utc)
THIS_MONTH = _NOW.strftime("%Y-%m")
LAST_MONTH = (_NOW.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
HEADER = ("time,procedure,host,model,quality,size,n,input_tokens,output_tokens,cost_usd,seconds,outcome,"
          "request_id,prompt\n")
SEEDED = HEADER + "".join([
    # Last month: not this month's spend, but all time's.
    f"{LAST_MONTH}-28T12:00:00Z,plug-in-gpt-image-edit,api.openai.com,gpt-image-1.5,high,1024x1024,1,90,4160,"
    "50.000000,40.000,ok,req_a,\n",
    # This month: $9.00 and $0.90 spent, a failure and a cached answer (no spend), a call whose cost
    # is unknown (a relay without usage), a prompt kept with a comma, quotes and a line break.
    f"{THIS_MONTH}-01T00:00:01Z,plug-in-gpt-image-new,api.openai.com,gpt-image-1.5,high,1024x1024,1,90,4160,"
    "9.000000,20.000,ok,req_b,\n",
    f"{THIS_MONTH}-01T00:00:02Z,plug-in-gpt-image-edit,api.openai.com,gpt-image-1.5,high,1024x1024,1,90,4160,"
    "0.900000,30.000,ok,req_c,\"a kite, \"\"red\"\"\nover the sea\"\n",
    f"{THIS_MONTH}-01T00:00:03Z,plug-in-gpt-image-edit,api.openai.com,gpt-image-1.5,high,1024x1024,1,,,"
    ",2.000,error:api,req_d,\n",
    f"{THIS_MONTH}-01T00:00:04Z,plug-in-gpt-image-edit,api.openai.com,gpt-image-1.5,high,1024x1024,1,,,"
    "0.000000,0.010,cached,,\n",
    f"{THIS_MONTH}-01T00:00:05Z,plug-in-gpt-image-expand,relay.example,gpt-image-1.5,low,1024x1024,1,,,"
    ",10.000,ok,,\n",
    "a line someone typed, not a ledger line\n",
])
# By hand: calls 6 (the junk line is not one), failures 1, this month $9.00 + $0.90 = $9.90, all
# time $59.90, calls this month 5, median of the ok calls' seconds (10, 20, 30, 40) = 25, cost
# unknown for 2 (the failure, the relay's call).
EXPECTED = {"calls": 6, "failures": 1, "spend_this_month": 9.90, "spend_all_time": 59.90, "calls_this_month": 5,
            "median_seconds": 25.0, "unknown_cost_calls": 2}
# (4160 + 2 x 100) x $32 / 1M = $0.13952: $9.90 + $0.13952 passes $10. At low, (272 + 200) x $32 / 1M
# = $0.015104: $9.90 + $0.015104 does not.
REFUSED_SENTENCE_PARTS = ("$0.1395", "$9.90", "$10.00", "GPT_IMAGE_MONTHLY_BUDGET")


def seeded(scheme):
    """The case's Scheme, after writing the seeded ledger into the session's profile (before GIMP starts)."""
    def build(p):
        folder = os.path.join(p["home"], profile_dir(p["gimp"]), "gimp-gpt-image")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "usage.csv"), "w", encoding="utf-8", newline="") as f:
            f.write(SEEDED)
        return scheme(p)
    return build


def usage_scheme(p):
    call = ("(plug-in-gpt-image-usage RUN-NONINTERACTIVE)" if p["gimp"] == "2.10"
            else "(plug-in-gpt-image-usage #:run-mode RUN-NONINTERACTIVE)")
    names = ["calls", "failures", "spend_this_month", "spend_all_time", "calls_this_month", "median_seconds",
             "unknown_cost_calls"]
    pairs = " ".join(f'(list "{name}" (car (list-tail figures {i})))' for i, name in enumerate(names))
    return f'(let ((figures {call})) (t-report "{p["report"]}" (list (list "count" (length figures)) {pairs})))'


def refused_check(c, p, report, before, after, requests, output):
    check_refused(c, report, before, after, output, "monthly budget")
    for part in REFUSED_SENTENCE_PARTS:
        c.expect(part in output, f"the refusal does not say {part!r}")
    c.expect(request_for(requests, p["prompt"]) is None, "the stand-in received a request although the budget refused it")


def usage_check(c, p, report, before, after, requests, output):
    c.equal(report.get("count"), 7, "figures returned")
    for name, expected in EXPECTED.items():
        value = report.get(name)
        try:
            c.expect(abs(float(value) - expected) < 1e-6, f"{name}: expected {expected}, got {value!r}")
        except (TypeError, ValueError):
            c.failures.append(f"{name}: not a number: {value!r}")


def under_budget_check(c, p, report, before, after, requests, output):
    c.equal(report.get("count_after"), report.get("count_before", 0) + 1, "layers after a fill under the budget")
    record = request_for(requests, p["prompt"])
    if c.expect(record is not None, "the fill under the budget sent no request"):
        c.equal(record["fields"].get("quality"), "low", "the quality sent")


SESSION = ("budget", lambda standin, proxy: {"GPT_IMAGE_MONTHLY_BUDGET": BUDGET})
CASES = [
    ("ledger_budget_refuses_a_fill_past_it", "a lighthouse past the budget",
     seeded(texture_case(SELECT_ELLIPSE, "high", 1)), refused_check, SESSION),
    ("ledger_usage_returns_the_totals", "", seeded(usage_scheme), usage_check, SESSION),
    ("ledger_budget_lets_a_fill_under_it_through", "a lighthouse under the budget",
     seeded(texture_case(SELECT_ELLIPSE, "low", 1)), under_budget_check, SESSION),
]


# Issue 19's own scenario, on the real ledger lines (no seeded file): two fills are recorded with
# what they cost, and the budget, set between the second's cost and the third's estimate, refuses the
# third. The stand-in reports the usage the prompt asks for (standin-usage), so each fill costs
# what the catalogue's prices make of these tokens; the test works the figures out itself.
from ledger_cache_cases import token_prices  # noqa: E402

SPENT_USAGE = (20, 280, 1056)  # text input, image input, output tokens per fill
# The estimate of each low fill, by hand: 1024x1024 low is 272 output tokens, plus 2 previews of
# 100, at gpt-image-1.5's $32 per 1M image output tokens.
LOW_ESTIMATE = (272 + 2 * 100) * 32 / 1e6


def fill_cost(model="gpt-image-1.5"):
    prices = token_prices(model)
    text, image, output = SPENT_USAGE
    return (text * prices["text_input"] + image * prices["image_input"] + output * prices["image_output"]) / 1e6


# The first and second fills fit (0 + e, c + e); the third does not (2c + e). Half a fill's cost on
# either side of the line.
SPENT_BUDGET = 1.5 * fill_cost() + LOW_ESTIMATE


def spent_prompt(word):
    return f"a budget {word} standin-usage:{','.join(map(str, SPENT_USAGE))}"


def ledger_rows(p):
    import csv
    path = os.path.join(p["home"], profile_dir(p["gimp"]), "gimp-gpt-image", "usage.csv")
    return list(csv.DictReader(open(path, encoding="utf-8"))) if os.path.exists(path) else []


def spent_fill_check(c, p, report, before, after, requests, output):
    under_budget_check(c, p, report, before, after, requests, output)
    rows = [row for row in ledger_rows(p) if row["outcome"] == "ok"]
    c.expect(len(rows) in (1, 2), f"{len(rows)} ledger lines after this fill")
    if rows:
        c.equal(rows[-1]["cost_usd"], f"{fill_cost():.6f}", "the fill's cost in the ledger (usage x catalogue prices)")


def spent_refused_check(c, p, report, before, after, requests, output):
    check_refused(c, report, before, after, output, "monthly budget")
    c.expect(request_for(requests, p["prompt"]) is None, "the stand-in received the refused fill")
    rows = ledger_rows(p)
    c.equal(len(rows), 2, "ledger lines: the two fills, none for the refused one")
    spent = f"${2 * fill_cost():.2f}"
    for part in (f"${LOW_ESTIMATE:.4f}", spent, f"${SPENT_BUDGET:.2f}"):
        c.expect(part in output, f"the refusal does not say {part!r}")


SPENT_SESSION = ("budget_spent", lambda standin, proxy: {"GPT_IMAGE_MONTHLY_BUDGET": f"{SPENT_BUDGET:.6f}"})
CASES += [
    ("ledger_budget_first_fill_recorded", spent_prompt("kite"), texture_case(SELECT_ELLIPSE, "low", 1),
     spent_fill_check, SPENT_SESSION),
    ("ledger_budget_second_fill_recorded", spent_prompt("boat"), texture_case(SELECT_ELLIPSE, "low", 1),
     spent_fill_check, SPENT_SESSION),
    ("ledger_budget_refuses_the_third", spent_prompt("tent"), texture_case(SELECT_ELLIPSE, "low", 1),
     spent_refused_check, SPENT_SESSION),
]


# The History window's source is the same request path: after the two fills, History's "latest" is
# the second fill's answer, put back without a request.
def history_after_fills_scheme(p):
    from history_cases import history_call
    return f"""(let* ((img (t-new-image 64 48)) (base (vector-ref (t-layers img) 0)))
  (t-export img "{p['before']}")
  (t-run-call "{p['report']}" "{p['after']}" img base (lambda () {history_call(p, "latest")})))"""


def history_after_fills_check(c, p, report, before, after, requests, output):
    c.expect(report.get("result", -1) > 0, "History placed no layer")
    c.equal(report.get("name"), "History: " + spent_prompt("boat"), "the newest entry is the second fill's answer")
    c.equal((report.get("width"), report.get("height")), (64, 48), "the layer is scaled to the canvas")
    c.equal(len(ledger_rows(p)), 2, "History wrote a ledger line (nothing is sent)")


CASES.append(("ledger_fills_then_latest_result_inserted", "", history_after_fills_scheme, history_after_fills_check,
              SPENT_SESSION))
