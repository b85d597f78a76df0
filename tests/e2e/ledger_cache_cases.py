"""End-to-end cases for the spending ledger and the result cache (issue 19), run in the fill
session (no GIMP of their own). One case checks several things: two sent fills leave two ledger
lines whose cost is what the stand-in's usage and the catalogue's price give; `cache reuse` on an
identical fill sends nothing, places the same pixels and is recorded as `cached`; a changed prompt
with `reuse` is sent."""
import csv
import io
import json
import os

import numpy as np

from gimp_runner import profile_dir

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOGUE = os.path.join(HERE, "..", "..", "plugin", "catalogue", "models.json")
HEADER = ("time,procedure,host,model,quality,size,n,input_tokens,output_tokens,cost_usd,seconds,outcome,"
          "request_id,prompt")
# What the stand-in's usage says for these prompts (images_api_standin.py, "standin-usage").
TEXT_TOKENS, IMAGE_TOKENS, OUTPUT_TOKENS = 20, 280, 1056
RECT = "(gimp-image-select-rectangle img CHANNEL-OP-REPLACE 40 40 120 80)"


def token_prices(model):
    """The catalogue's token prices (USD per 1M) for `model`: the longest matching prefix."""
    entries = json.load(open(CATALOGUE, encoding="utf-8"))["models"]
    best = max((e for e in entries if model.startswith(e["prefix"])), key=lambda e: len(e["prefix"]))
    return best["prices"]["tokens"]


def reuse_scheme(p):
    """Fill (off), export, take the layer away, fill the identical request (reuse) and report it,
    then fill a changed prompt (reuse)."""
    changed = p["prompt"].replace("apple", "pear")
    return f"""(let* ((img (t-load "{p['input']}")) (base (vector-ref (t-layers img) 0)))
  {RECT}
  (let ((first (t-fill-cache img base "{p['prompt']}" "off")))
    (t-export img "{p['before']}")
    (gimp-image-remove-layer img first))
  (t-run-call "{p['report']}" "{p['after']}" img base (lambda () (t-fill-cache img base "{p['prompt']}" "reuse")))
  (t-fill-cache img base "{changed}" "reuse"))"""


def reuse_check(c, p, report, before, after, requests, output):
    prompt, changed = p["prompt"], p["prompt"].replace("apple", "pear")
    sent = [r for r in requests if r.get("fields", {}).get("prompt") == prompt]
    sent_changed = [r for r in requests if r.get("fields", {}).get("prompt") == changed]
    c.equal(len(sent), 1, "requests sent for the prompt filled twice (the second with cache reuse)")
    c.equal(len(sent_changed), 1, "requests sent for the changed prompt with cache reuse")
    c.expect(report.get("result", -1) > 0, "the reused fill placed no layer")
    c.equal(report.get("top_is_result"), 1, "the reused layer is above the active layer")
    if c.expect(before is not None and after is not None, "no exports"):
        c.expect(np.array_equal(before, after), "the reused fill's pixels differ from the first fill's")
    ledger_path = os.path.join(p["home"], profile_dir(p["gimp"]), "gimp-gpt-image", "usage.csv")
    if not c.expect(os.path.exists(ledger_path), f"no ledger at {ledger_path}"):
        return
    text = open(ledger_path, encoding="utf-8").read()
    c.equal(text.splitlines()[0], HEADER, "the ledger's header")
    c.expect(p["key"] not in text, "the API key is in the ledger")
    c.expect(prompt not in text, "the prompt is in the ledger though keeping prompts is off")
    rows = list(csv.DictReader(io.StringIO(text)))
    c.expect(len(rows) >= 3, f"the ledger has {len(rows)} lines")
    if len(rows) < 3 or not sent or not sent_changed:
        return
    first, reused, third = rows[-3:]  # this case's three calls, the last of the session
    c.equal([first["outcome"], reused["outcome"], third["outcome"]], ["ok", "cached", "ok"], "outcomes")
    for row, record in ((first, sent[0]), (reused, sent[0]), (third, sent_changed[0])):
        f = record["fields"]
        c.equal((row["procedure"], row["host"], row["model"], row["quality"], row["size"], row["n"]),
                ("plug-in-gpt-image-edit", "127.0.0.1", f.get("model"), f.get("quality"), f.get("size"), f.get("n")),
                "ledger line's procedure, host, model, quality, size, n")
    prices = token_prices(sent[0]["fields"]["model"])
    expected = (TEXT_TOKENS * prices["text_input"] + IMAGE_TOKENS * prices["image_input"]
                + OUTPUT_TOKENS * prices["image_output"]) / 1e6
    for row in (first, third):
        c.equal((row["input_tokens"], row["output_tokens"]), (str(TEXT_TOKENS + IMAGE_TOKENS), str(OUTPUT_TOKENS)),
                "tokens from the stand-in's usage")
        c.equal(row["cost_usd"], f"{expected:.6f}", "cost from the usage and the catalogue's prices")
    c.equal((reused["cost_usd"], reused["input_tokens"]), ("0.000000", ""), "a cached answer costs nothing")


LEDGER_CACHE_CASES = [
    ("ledger_and_cache_reuse", f"a ledger apple standin-usage:{TEXT_TOKENS},{IMAGE_TOKENS},{OUTPUT_TOKENS}",
     reuse_scheme, reuse_check),
]
