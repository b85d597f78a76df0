"""Checks the translations against the sources, so a new or changed sentence cannot ship untranslated:

- every source file that marks strings for translation is listed in po/POTFILES;
- each language in po/LINGUAS compiles with format and accelerator checks (msgfmt -c);
- each language translates every message the sources hold now (the template is extracted afresh
  with the same keywords meson uses, merged without fuzzy matching, and must come out complete);
- in the dialogs of DISTINCT_MNEMONICS, no two labels share a mnemonic (Alt+letter), in English and
  in each language.

Prints one line per check and "N passed, N failed"."""
import collections
import os
import re
import subprocess
import sys
import tempfile

TOP = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PO = os.path.join(TOP, "po")
SOURCE_FOLDERS = ("plugin", "ui")
MARKED = re.compile(r'\b(N?_|C_|NC_)\("')
# meson's 'glib' preset plus our own printf-style helper (see po/meson.build).
XGETTEXT_ARGS = ["--from-code=UTF-8", "--add-comments=TRANSLATORS:", "--keyword=_", "--keyword=N_",
                 "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3",
                 "--keyword=g_dpgettext2:2c,3", "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format",
                 "--flag=NC_:2:pass-c-format", "--flag=g_dngettext:2:pass-c-format",
                 "--flag=g_strdup_printf:1:c-format", "--flag=format_text:1:c-format"]


# Dialogs whose labels must each have their own Alt+letter (the msgids with one "_" before a letter
# that occur in the file; msgfmt's accelerator check looks at one message at a time only).
DISTINCT_MNEMONICS = ("ui/common/settings_dialog.cc",)


def mnemonic(text):
    found = re.search(r"_(\w)", text)
    return found.group(1).lower() if found else None


def mnemonic_clashes(po_path, language):
    """Problems for each pair of labels in one DISTINCT_MNEMONICS dialog sharing a mnemonic."""
    import polib  # only this check needs it
    labels = collections.defaultdict(lambda: collections.defaultdict(list))  # file -> letter -> labels
    for entry in polib.pofile(po_path):
        if entry.obsolete or entry.msgid.count("_") != 1 or not mnemonic(entry.msgid):
            continue
        text = entry.msgid if language == "en" else entry.msgstr
        for path, _ in entry.occurrences:
            if path in DISTINCT_MNEMONICS and mnemonic(text):
                labels[path][mnemonic(text)].append(text)
    return [f"{language}: {path}: Alt+{letter} for {' and '.join(repr(t) for t in texts)}"
            for path, letters in labels.items() for letter, texts in letters.items() if len(set(texts)) > 1]


def listed(name):
    with open(os.path.join(PO, name), encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def main():
    results = []
    potfiles = set(listed("POTFILES"))
    marked = []
    for folder in SOURCE_FOLDERS:
        for root, _, files in os.walk(os.path.join(TOP, folder)):
            for name in files:
                if name.endswith((".cc", ".h")):
                    path = os.path.relpath(os.path.join(root, name), TOP)
                    if MARKED.search(open(os.path.join(TOP, path), encoding="utf-8").read()):
                        marked.append(path)
    unlisted = sorted(set(marked) - potfiles)
    missing = sorted(p for p in potfiles if not os.path.exists(os.path.join(TOP, p)))
    results.append(("POTFILES lists every file with translatable strings",
                    [f"not in po/POTFILES: {p}" for p in unlisted] + [f"listed but absent: {p}" for p in missing]))

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "template.pot")
        subprocess.run(["xgettext", *XGETTEXT_ARGS, "-D", TOP, "-f", os.path.join(PO, "POTFILES"), "-o", pot],
                       check=True)
        for language in listed("LINGUAS"):
            problems = []
            po = os.path.join(PO, f"{language}.po")
            compiled = subprocess.run(["msgfmt", "-c", "--check-accelerators=_", "-o", os.devnull, po],
                                      stderr=subprocess.PIPE, text=True)
            if compiled.returncode != 0:
                problems.append("msgfmt -c: " + compiled.stderr.strip())
            merged = os.path.join(tmp, f"{language}.po")
            subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, pot], check=True)
            stats = subprocess.run(["msgfmt", "--statistics", "-o", os.devnull, merged],
                                   stderr=subprocess.PIPE, text=True).stderr.strip()
            if "untranslated" in stats or "fuzzy" in stats:
                problems.append(f"not every current message is translated ({stats}); run "
                                f"`ninja -C build gimp-gpt-image-update-po` and translate the new ones")
            results.append((f"catalogue {language} is complete and well-formed", problems))
            results.append((f"catalogue {language}: each label of a dialog has its own mnemonic",
                            mnemonic_clashes(po, language)))
        results.append(("English: each label of a dialog has its own mnemonic",
                        mnemonic_clashes(os.path.join(PO, "gimp-gpt-image.pot"), "en")))

    failed = 0
    for name, problems in results:
        print(("FAIL " if problems else "ok   ") + name)
        for problem in problems:
            print("       - " + problem)
        failed += bool(problems)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
