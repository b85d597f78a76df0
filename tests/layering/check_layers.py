#!/usr/bin/python3
"""The layers of the code point down only: core <- ui <- hosts.

  plugin/core   GIMP-free: no libgimp, GTK, GDK, GEGL or babl header
  ui            the dialogs (GTK): nothing of plugin/hosts, no "gimp2/..." or "gimp3/..." path
  plugin/hosts  the libgimp glue, which may use both

Each layer has one include root (plugin/core, ui, plugin/hosts), so a quoted include must name a
file under one root only: a name found under two would compile against whichever root the
compiler happens to search first. And the core's and the ui's meson files never name the hosts,
so neither library can be built against them.

  check_layers.py [TREE]     (default: the tree this file is in)
Prints one line per rule and, last, "N passed, N failed"; exits non-zero when a rule is broken."""
import os
import re
import sys

SOURCE_ENDINGS = (".h", ".hh", ".hpp", ".c", ".cc", ".cpp")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
# Headers that bring a GIMP, a toolkit or an image library into a file.
GIMP_OR_TOOLKIT = re.compile(r"^(libgimp|libgimpwidgets|libgimpbase|libgimpui|libgimpcolor|libgimpconfig|"
                             r"libgimpmath|gtk/|gdk/|gdk-pixbuf/|gegl|babl)")
ROOTS = {"core": "plugin/core", "ui": "ui", "hosts": "plugin/hosts"}


def sources(tree, folder):
    for root, _, names in os.walk(os.path.join(tree, folder)):
        for name in sorted(names):
            if name.endswith(SOURCE_ENDINGS):
                yield os.path.join(root, name)


def includes(path):
    """(line number, '<' or '"', name) for each #include of a file."""
    text = open(path, encoding="utf-8", errors="replace").read()
    for match in INCLUDE.finditer(text):
        yield text.count("\n", 0, match.start()) + 1, match.group(1), match.group(2)


def where(tree, path, line):
    return f"{os.path.relpath(path, tree)}:{line}"


def core_includes_no_gimp(tree):
    """plugin/core includes no libgimp, GTK, GDK, GEGL or babl header."""
    for path in sources(tree, ROOTS["core"]):
        for line, _, name in includes(path):
            if GIMP_OR_TOOLKIT.match(name):
                yield f"{where(tree, path, line)} includes {name}"


def ui_includes_no_host(tree):
    """ui includes no file of plugin/hosts and no "gimp2/..." or "gimp3/..." path."""
    hosts = os.path.join(tree, ROOTS["hosts"])
    for path in sources(tree, ROOTS["ui"]):
        for line, kind, name in includes(path):
            if kind != '"':
                continue
            if name.startswith(("gimp2/", "gimp3/")):
                yield f"{where(tree, path, line)} includes {name}, a GIMP version's host path"
            elif os.path.exists(os.path.join(hosts, name)):
                yield f"{where(tree, path, line)} includes {name}, which is a file of plugin/hosts"


def includes_resolve_once(tree):
    """No quoted include names a file, or a folder, that is under two of the include roots."""
    for layer in ROOTS.values():
        for path in sources(tree, layer):
            for line, kind, name in includes(path):
                if kind != '"':
                    continue
                found = [root for root in ROOTS.values() if os.path.isfile(os.path.join(tree, root, name))]
                folder = name.split("/", 1)[0] if "/" in name else ""
                with_folder = [root for root in ROOTS.values() if folder and
                               os.path.isdir(os.path.join(tree, root, folder))]
                if len(found) > 1:
                    yield f"{where(tree, path, line)} includes {name}, found under {' and '.join(found)}"
                elif len(with_folder) > 1:
                    yield (f"{where(tree, path, line)} includes {name}: its folder {folder}/ is under "
                           f"{' and '.join(with_folder)}")


def meson_names_no_hosts(tree):
    """ui/meson.build and plugin/meson.build never name the hosts."""
    for build in ("ui/meson.build", "plugin/meson.build"):
        path = os.path.join(tree, build)
        for number, text in enumerate(open(path, encoding="utf-8"), 1):
            code = text.split("#", 1)[0]
            if "hosts" in code:
                yield f"{build}:{number} names the hosts: {code.strip()}"


RULES = [core_includes_no_gimp, ui_includes_no_host, includes_resolve_once, meson_names_no_hosts]


def main():
    tree = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                           os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    passed = failed = 0
    for rule in RULES:
        broken = list(rule(tree))
        if broken:
            failed += 1
            print(f"FAIL {rule.__name__}: {rule.__doc__}")
            for line in broken:
                print("       - " + line)
        else:
            passed += 1
            print(f"ok   {rule.__name__}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
