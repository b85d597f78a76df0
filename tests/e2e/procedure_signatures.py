"""The public face of the plug-in's procedures, as GIMP itself recorded it, against a golden file.

Scripts call the procedures by name and by argument (by position in GIMP 2.10, by name in GIMP 3),
so their names, menu entries, blurbs and every argument's name, type, description, default, range
and choices must not change by accident. GIMP writes all of that into the profile's pluginrc when
it registers the plug-in: GIMP 2.10 the names, types and descriptions; GIMP 3 the whole parameter
specifications (defaults, ranges, choices and their labels too). The plug-in's block of that file,
its install path and time stamp taken out, must equal tests/e2e/golden/procedures-2.10.txt in GIMP
2.10 and procedures-3.txt in GIMP 3.0 and 3.2 (both record the same block).

After a change that is meant to alter the public face, the dump of the run is left in
tests/out/procedures-<version>.txt; look at the difference and copy it over the golden file."""
import difflib
import os

GOLDEN_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden")
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "out")
PLUGIN = "gimp-gpt-image"


def golden_path(version):
    return os.path.join(GOLDEN_DIR, "procedures-2.10.txt" if version == "2.10" else "procedures-3.txt")


def block_end(text, start):
    """The index just after the parenthesised expression opening at text[start] ("("), reading
    quoted strings (with their backslash escapes) as strings, so a "(" in a blurb does not count."""
    depth, i, in_string = 0, start, False
    while i < len(text):
        ch = text[i]
        if in_string:
            if ch == "\\":
                i += 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("the plug-in's block in pluginrc does not end")


def plugin_block(pluginrc_text):
    """The plug-in's (plug-in-def …) block, its first line reduced to the plug-in's name: that line
    holds the install path and the binary's modification time, which differ from run to run."""
    marker = f'/{PLUGIN}/{PLUGIN}" '
    at = pluginrc_text.find(marker)
    if at < 0:
        raise LookupError("pluginrc has no block for the plug-in (it was not registered)")
    start = pluginrc_text.rfind("(plug-in-def ", 0, at)
    block = pluginrc_text[start:block_end(pluginrc_text, start)]
    first, _, rest = block.partition("\n")
    return f'(plug-in-def "{PLUGIN}"\n{rest}\n'


def run_signatures(runner, work, environment):
    """Yields ("signatures", failures): one GIMP session that only registers the plug-in."""
    failures = []
    try:
        folder = os.path.join(work, "signatures")
        os.makedirs(folder)
        code, output = runner.run(folder, '(display "registered")', environment, language="scheme")
        pluginrc = os.path.join(runner.profile(os.path.join(folder, "home")), "pluginrc")
        if not os.path.exists(pluginrc):
            failures.append(f"GIMP wrote no pluginrc (exit code {code}); see {folder}/gimp-output.txt")
        else:
            # Other plug-ins may leave bytes that are not UTF-8 (icons); the plug-in's own block is UTF-8.
            actual = plugin_block(open(pluginrc, encoding="utf-8", errors="surrogateescape").read())
            os.makedirs(OUT_DIR, exist_ok=True)
            dump = os.path.abspath(os.path.join(OUT_DIR, f"procedures-{runner.version}.txt"))
            with open(dump, "w", encoding="utf-8") as f:
                f.write(actual)
            golden = golden_path(runner.version)
            expected = open(golden, encoding="utf-8").read() if os.path.exists(golden) else ""
            if actual != expected:
                diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                                 "golden", "this run", lineterm="", n=1))
                failures.append(f"the procedures' public face differs from {os.path.relpath(golden)} "
                                f"(this run's dump: {dump}):\n" + "\n".join("         " + line for line in diff[:40]))
    except Exception as error:  # a broken run must be reported, not stop the suite
        failures.append(f"{type(error).__name__}: {error}")
    yield "signatures", failures
