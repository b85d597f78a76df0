"""Checks the translations against the sources, so a new or changed sentence cannot ship untranslated:

- every source file that marks strings for translation is listed in po/POTFILES;
- each language in po/LINGUAS compiles with format and accelerator checks (msgfmt -c);
- each language translates every message the sources hold now (the template is extracted afresh
  with the same keywords meson uses, merged without fuzzy matching, and must come out complete);
- in the dialogs of DISTINCT_MNEMONICS (settings, fill, generate and remove, in GIMP 2.10 and 3), no two labels
  share a mnemonic (Alt+letter), nor one of the buttons GIMP adds, in English and in each language.

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


# The dialogs whose labels must each have their own Alt+letter: the msgids with one "_" before a
# letter that occur in the dialog's source files (msgfmt's accelerator check looks at one message at
# a time only), plus the buttons GIMP adds itself, which our labels must keep clear of.
# The GIMP 2.10 dialogs get Help from GTK 2; GIMP 3's procedure dialogs add Help, Reset, Cancel, OK
# and the two settings buttons, in the wording of GIMP 3.0's and 3.2's own catalogue (gimp30-libgimp).
GIMP2_BUTTONS = {"en": ("_Help",), "de": ("_Hilfe",), "zh_CN": ("帮助(_H)",)}
GIMP3_BUTTONS = {
    "en": ("_Help", "_Reset", "_Cancel", "_OK", "_Load Saved Settings", "_Save Settings"),
    "de": ("_Hilfe", "_Zurücksetzen", "Abbre_chen", "_OK", "_Gespeicherte Einstellungen laden",
           "Einstellungen _speichern"),
    "zh_CN": ("帮助(_H)", "重置(_R)", "取消(_C)", "确定(_O)", "加载保存的设置(_L)", "保存设置(_S)"),
}
PROMPT_DIALOG_PARTS = ("ui/common/prompt_tools.cc", "ui/common/reference_picker.cc")
# Each dialog: the source files whose marked labels it shows, the procedures whose argument labels
# it shows, its buttons. The argument labels come from the procedure tables (procedures.cc), so they
# are taken from the registered procedures in tests/e2e/golden/procedures-3.txt: GIMP 3 labels the
# dialogs' widgets with them, and GIMP 2.10's hand-built dialog labels each row with its form label,
# which the table spells as the argument's label and more ("_Quality" -> "_Quality:").
DISTINCT_MNEMONICS = {
    "settings dialog": (("ui/common/settings_dialog.cc",), (), GIMP2_BUTTONS),
    "GIMP 2.10 fill dialog": (("ui/gtk2/prompt_dialog.cc",) + PROMPT_DIALOG_PARTS,
                              ("gimp2", "plug-in-gpt-image-edit"), GIMP2_BUTTONS),
    "GIMP 2.10 generate dialogs": (("ui/gtk2/prompt_dialog.cc", "ui/common/canvas_preset_combo.cc",
                                    "ui/common/canvas_preset_checks.cc")
                                   + PROMPT_DIALOG_PARTS,
                                   ("gimp2", "plug-in-gpt-image-generate", "plug-in-gpt-image-new"), GIMP2_BUTTONS),
    "GIMP 3 fill dialog": (("ui/gtk3/prompt_dialog.cc",) + PROMPT_DIALOG_PARTS, ("plug-in-gpt-image-edit",),
                           GIMP3_BUTTONS),
    "GIMP 3 generate dialogs": (("ui/gtk3/prompt_dialog.cc", "ui/common/canvas_preset_combo.cc",
                                 "ui/common/canvas_preset_checks.cc")
                                + PROMPT_DIALOG_PARTS, ("plug-in-gpt-image-generate", "plug-in-gpt-image-new"),
                                GIMP3_BUTTONS),
    # Remove: the hint line, the fill's advanced choices, no prompt tools and no reference chooser.
    "GIMP 2.10 remove dialog": (("ui/gtk2/prompt_dialog.cc",), ("gimp2", "plug-in-gpt-image-remove"), GIMP2_BUTTONS),
    "GIMP 3 remove dialog": (("ui/gtk3/prompt_dialog.cc",), ("plug-in-gpt-image-remove",), GIMP3_BUTTONS),
    "GIMP 2.10 expand dialog": (("ui/gtk2/prompt_dialog.cc", "ui/common/canvas_preset_combo.cc") + PROMPT_DIALOG_PARTS,
                                ("gimp2", "plug-in-gpt-image-expand"), GIMP2_BUTTONS),
    "GIMP 3 expand dialog": (("ui/gtk3/prompt_dialog.cc", "ui/common/canvas_preset_combo.cc") + PROMPT_DIALOG_PARTS,
                             ("plug-in-gpt-image-expand",), GIMP3_BUTTONS),
}
# Shown only where the procedure has a canvas (Generate Image), though its source is shared.
CANVAS_ONLY = {"Pr_eset:"}
PROCEDURE_TABLES = "plugin/core/procedures.cc"
GIMP3_PROCEDURES = os.path.join(TOP, "tests", "e2e", "golden", "procedures-3.txt")


def argument_labels(procedures):
    """The English labels of the named procedures' arguments, as GIMP 3 registers them."""
    labels, current = set(), None
    with open(GIMP3_PROCEDURES, encoding="utf-8") as f:
        for line in f:
            started = re.match(r'\s*\(proc-def "([^"]+)"', line)
            if started:
                current = started.group(1)
            argument = re.match(r'\s*\(proc-arg \d+ "[^"]*" "[^"]*" "[^"]*" "([^"]*)"', line)
            if argument and current in procedures:
                labels.add(argument.group(1))
    if procedures and not labels:
        raise SystemExit(f"no argument labels for {procedures} in {GIMP3_PROCEDURES}")
    return labels


# Argument labels the GIMP 3 dialogs never show (the reference picker stands in for the argument).
NOT_SHOWN = {"_References"}


def mnemonic(text):
    found = re.search(r"_(\w)", text)
    return found.group(1).lower() if found else None


def widget(text):
    """One widget's label: the texts a widget shows in turn ("Refere_nce images: none", "…: %d
    chosen") agree up to their colon."""
    return re.split(r"[:：]", text)[0]


def mnemonic_clashes(po_path, language):
    """Problems for each pair of labels in one DISTINCT_MNEMONICS dialog sharing a mnemonic."""
    import polib  # only this check needs it
    entries = [entry for entry in polib.pofile(po_path)
               if not entry.obsolete and entry.msgid.count("_") == 1 and mnemonic(entry.msgid)
               and entry.msgid not in NOT_SHOWN]
    problems = []
    for dialog, (sources, procedures, buttons) in DISTINCT_MNEMONICS.items():
        gimp2 = procedures[:1] == ("gimp2",)
        shown_arguments = argument_labels(procedures[1:] if gimp2 else procedures)
        if gimp2:  # the form labels the table gives those arguments
            shown_arguments = {entry.msgid for entry in entries
                               if any(path == PROCEDURE_TABLES for path, _ in entry.occurrences)
                               and any(entry.msgid != label and entry.msgid.startswith(label)
                                       for label in shown_arguments)}
        hidden = set() if any("canvas" in source for source in sources) else CANVAS_ONLY
        labels = collections.defaultdict(dict)  # letter -> widget -> label
        for button in buttons[language]:
            labels[mnemonic(button)][widget(button)] = f"{button!r} (GIMP's button)"
        for entry in entries:
            text = entry.msgid if language == "en" else entry.msgstr
            if entry.msgid in hidden:
                continue
            if mnemonic(text) and (entry.msgid in shown_arguments
                                   or any(path in sources for path, _ in entry.occurrences)):
                labels[mnemonic(text)].setdefault(widget(text), repr(text))
        problems += [f"{language}: {dialog}: Alt+{letter} for {' and '.join(sorted(texts.values()))}"
                     for letter, texts in sorted(labels.items()) if len(texts) > 1]
    return problems


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
