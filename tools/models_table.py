#!/usr/bin/python3
"""The README's models table, generated from the shipped model catalogue (plugin/catalogue/models.json).

  tools/models_table.py            prints the table
  tools/models_table.py --write    puts it into README.md between the models-table markers
  tools/models_table.py --check    exits non-zero when README.md's table is not what the catalogue says
                                   (run by tests/run-all.sh; last line "N passed, N failed")"""
import json
import os
import sys

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
CATALOGUE = os.path.join(TOP, "plugin", "catalogue", "models.json")
README = os.path.join(TOP, "README.md")
BEGIN, END = "<!-- models-table:begin (tools/models_table.py --write) -->", "<!-- models-table:end -->"
BACKGROUND = {"none": "no field", "opaque": "opaque only", "transparent-preview": "transparent (preview)",
              "transparent": "transparent"}


def sizes(rule):
    if rule["rule"] in ("standard", "square"):
        return ", ".join(rule["sizes"])
    text = f"any WxH, multiples of {rule.get('step', 16)}, long edge ≤ {rule.get('max_long_edge', 3840)}"
    if rule.get("max_short_edge"):
        text += f", short edge ≤ {rule['max_short_edge']}"
    text += f", aspect ≤ {rule.get('max_aspect', 3):g}:1"
    if rule.get("min_pixels"):
        text += f", ≥ {rule['min_pixels']:,} px"
    if rule.get("max_pixels"):
        text += f", ≤ {rule['max_pixels']:,} px"
    return text


def prices(entry):
    p = entry.get("prices", {})
    parts = []
    if "tokens" in p:
        t = p["tokens"]
        parts.append(f"tokens ${t['text_input']:g} / ${t['image_input']:g} / ${t['image_output']:g} per 1M "
                     f"(text in / image in / image out; {t['source']}, {t['date']})")
    if "per_image" in p:
        parts.append(f"per-image table ({p['per_image']['source']}, {p['per_image']['date']})")
    if "output_tokens" in p:
        parts.append(f"output tokens per size ({p['output_tokens']['source']}, {p['output_tokens']['date']})")
    return "; ".join(parts) or "unknown"


def row(name, e):
    yes = lambda flag: "yes" if flag else "no"  # noqa: E731
    return (f"| {name} | {sizes(e['sizes'])} | {', '.join(e['qualities'])} | {yes(e.get('input_fidelity'))} | "
            f"{BACKGROUND[e.get('background', 'none')]} | {', '.join(e.get('output_formats', ['png']))} | "
            f"{yes(e.get('streaming'))} | {e.get('prompt_limit', 32000)} | {prices(e)} |")


def table():
    catalogue = json.load(open(CATALOGUE, encoding="utf-8"))
    unknown = catalogue["unknown_model"]
    lines = ["| model | sizes | qualities | input fidelity | background | output formats | streaming | prompt limit "
             "| prices |", "|---|---|---|---|---|---|---|---|---|"]
    for entry in catalogue["models"]:
        merged = dict(unknown, **entry)
        name = f"`{entry['name']}`" if "name" in entry else f"`{entry['prefix']}`…"
        lines.append(row(name, merged))
    lines.append(row("any other name", unknown))
    return "\n".join(lines) + "\n"


def main():
    text = open(README, encoding="utf-8").read()
    if BEGIN not in text or END not in text:
        print("README.md has no models-table markers\n0 passed, 1 failed")
        return 1
    head, rest = text.split(BEGIN, 1)
    current, tail = rest.split(END, 1)
    wanted = "\n" + table()
    if "--write" in sys.argv:
        open(README, "w", encoding="utf-8").write(head + BEGIN + wanted + END + tail)
        return 0
    if "--check" in sys.argv:
        if current == wanted:
            print("ok   README models table matches plugin/catalogue/models.json\n1 passed, 0 failed")
            return 0
        print("FAIL README models table differs from plugin/catalogue/models.json; run tools/models_table.py --write"
              "\n0 passed, 1 failed")
        return 1
    sys.stdout.write(table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
