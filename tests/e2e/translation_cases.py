"""Runs a real GIMP in other languages and checks that the plug-in speaks them: the procedures' menu
labels, and an error the plug-in raises itself (a blank prompt, refused before any request).

GIMP 3 translates a plug-in's labels in the plug-in process, so the PDB answers with the label as
the menus show it. GIMP 2.10 keeps the English label and translates it in its menus through the
text domain and folder the plug-in registered; the check reads that registration from pluginrc
and asks gettext the question GIMP asks (dgettext with that domain and folder)."""
import os
import re
import subprocess

from fill_cases import Check

EDIT_LABEL = "Generative _Fill..."
SETTINGS_LABEL = "_Settings..."

# Written out here rather than read from po/, so a broken catalogue cannot agree with itself.
LANGUAGES = {
    "zh_CN.UTF-8": {
        EDIT_LABEL: "生成式填充(_F)...",
        SETTINGS_LABEL: "设置(_S)...",
        "blank_prompt": "提示词为空：请描述选区中应出现的内容。",
    },
    "de_DE.UTF-8": {
        EDIT_LABEL: "Generative _Füllung...",
        SETTINGS_LABEL: "_Einstellungen...",
        "blank_prompt": "Die Beschreibung ist leer: Beschreiben Sie, was in der Auswahl erscheinen soll.",
    },
}

BLANK_PROMPT_2_10 = """(let* ((img (car (gimp-image-new 64 64 RGB)))
       (layer (car (gimp-layer-new img 64 64 RGB-IMAGE "bg" 100 NORMAL-MODE))))
  (gimp-image-insert-layer img layer 0 0)
  (catch #f (plug-in-gpt-image-edit RUN-NONINTERACTIVE img layer "   " "medium" "auto" 1
                                    "auto" "low" "png" 100 -1 0 "visible" 0 0 0 0 (vector) "off")))"""

LABELS_AND_BLANK_PROMPT_3 = """from gi.repository import Gimp
pdb = Gimp.get_pdb()
for name in ("plug-in-gpt-image-edit", "plug-in-gpt-image-settings"):
    print("LABEL", name, "=", pdb.lookup_procedure(name).get_menu_label())
image = Gimp.Image.new(64, 64, Gimp.ImageBaseType.RGB)
layer = Gimp.Layer.new(image, "bg", 64, 64, Gimp.ImageType.RGB_IMAGE, 100, Gimp.LayerMode.NORMAL)
image.insert_layer(layer, None, 0)
edit = pdb.lookup_procedure("plug-in-gpt-image-edit")
config = edit.create_config()
config.set_property("run-mode", Gimp.RunMode.NONINTERACTIVE)
config.set_property("image", image)
config.set_core_object_array("drawables", [layer])
config.set_property("prompt", "   ")
result = edit.run(config)
print("STATUS", result.index(0))
# The call's own error: GIMP 3.2 prints "Execution error for procedure ..." only for interactive
# calls, so the message is read from the result and the PDB's last error, not from GIMP's console.
if result.index(0) != Gimp.PDBStatusType.SUCCESS and result.length() > 1:
    print("ERROR", result.index(1))
print("LAST ERROR", pdb.get_last_error())
"""


def registered_catalogue_2_10(home):
    """The (domain, folder) GIMP 2.10 recorded for the plug-in in pluginrc, or None."""
    profile = os.path.join(home, ".config/GIMP/2.10")
    pluginrc = os.path.join(profile, "pluginrc")
    if not os.path.exists(pluginrc):
        return None
    text = open(pluginrc, "rb").read().decode("utf-8", "replace")
    start = re.search(r'\(plug-in-def "[^"]*/gimp-gpt-image"', text)
    if not start:
        return None
    entry = text[start.start():].split("\n(plug-in-def ", 1)[0]  # its locale-def follows its proc-defs
    match = re.search(r'\(locale-def "([^"]+)" "([^"]+)"\)', entry)
    return (match.group(1), match.group(2).replace("${gimp_dir}", profile)) if match else None


def gettext_lookup(domain, folder, language, text):
    """What glibc's dgettext answers in `language`, as GIMP 2.10 asks it for a menu label."""
    env = {"PATH": "/usr/bin:/bin", "LANG": language, "TEXTDOMAINDIR": folder}
    return subprocess.run(["gettext", "-d", domain, text], env=env, stdout=subprocess.PIPE,
                          check=True).stdout.decode("utf-8")


def run_translation_cases(runner, environment):
    """Yields (name, failures): one GIMP run per language."""
    for language, expected in LANGUAGES.items():
        c = Check()
        work = runner.work_dir(f"gimp{runner.version}-language-{language.split('.')[0]}")
        env = dict(environment, LANG=language)
        if runner.version == "2.10":
            _, output = runner.run(work, BLANK_PROMPT_2_10, env, language="scheme")
            catalogue = registered_catalogue_2_10(os.path.join(work, "home"))
            if c.expect(catalogue is not None, "pluginrc registers no text domain for the plug-in"):
                domain, folder = catalogue
                for label in (EDIT_LABEL, SETTINGS_LABEL):
                    c.equal(gettext_lookup(domain, folder, language, label), expected[label],
                            f"menu label {label!r} as GIMP 2.10 translates it")
        else:
            _, output = runner.run(work, LABELS_AND_BLANK_PROMPT_3, env, language="python")
            for name, label in (("plug-in-gpt-image-edit", EDIT_LABEL), ("plug-in-gpt-image-settings", SETTINGS_LABEL)):
                c.expect(f"LABEL {name} = {expected[label]}" in output,
                         f"menu label of {name} is not {expected[label]!r}; see {work}/gimp-output.txt")
        c.expect(expected["blank_prompt"] in output,
                 f"the blank-prompt error is not in {language}; see {work}/gimp-output.txt")
        yield f"translated_{language.split('.')[0]}", c.failures
