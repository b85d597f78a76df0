#!/usr/bin/env bash
# The demo: installs what is missing, builds the plug-in for GIMP 2.10 (Debian 12's GIMP) and runs a
# Generative Fill in headless GIMP; writes demo-output.png. Without OPENAI_API_KEY it talks to the
# local stand-in API. Pass --gimp 3.2 or --gimp 3.0 to run it in GIMP 3.2 or 3.0 (this machine's
# own, or a Debian chroot built on first use: forky for 3.2, trixie for 3.0).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
gimp=2.10
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --gimp) gimp=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
tools/install-deps.sh
case "$gimp" in
  3.0|3.2)
    if pkg-config --exists gimp-3.0 && command -v "gimp-console-$gimp" >/dev/null &&
       case "$(pkg-config --modversion gimp-3.0)" in "$gimp".*) true ;; *) false ;; esac; then
      # This machine has that GIMP itself.
      [ -f build/gimp3/build.ninja ] || meson setup build/gimp3 -Dgimp=3 -Dtests=false >/dev/null
      ninja -C build/gimp3 >/dev/null
      exec_args=(--gimp "$gimp" --plugin build/gimp3/plugin/hosts/gimp-gpt-image)
    else
      root=$(tools/gimp3-chroot.sh "$gimp")
      trap 'umount "$root/proc" 2>/dev/null || true' EXIT
      plugin=$(tools/build-gimp3.sh "$gimp")
      exec_args=(--gimp "$gimp" --plugin "$plugin" --root "$root")
    fi ;;
  2.10)
    [ -f build/gimp2/build.ninja ] || meson setup build/gimp2 -Dgimp=2 >/dev/null
    ninja -C build/gimp2 >/dev/null
    exec_args=(--gimp 2.10 --plugin build/gimp2/plugin/hosts/gimp-gpt-image) ;;
  *) echo "tools/demo.sh: --gimp must be 2.10, 3.0 or 3.2, not $gimp" >&2; exit 2 ;;
esac
/usr/bin/python3 tools/demo.py "${exec_args[@]}" "${args[@]}"
