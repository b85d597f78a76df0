#!/usr/bin/env bash
# The demo: installs what is missing, builds the plug-in for GIMP 2.10 (Debian 12's GIMP) and runs a
# Generative Fill in headless GIMP; writes demo-output.png. Without OPENAI_API_KEY it talks to the
# local stand-in API. Pass --gimp 3.0 to run it in GIMP 3 (the Debian 13 chroot, built on first use).
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
if [ "$gimp" = 3.0 ]; then
  root=$(tools/gimp3-chroot.sh)
  trap 'umount "$root/proc" 2>/dev/null || true' EXIT
  plugin=$(tools/build-gimp3.sh)
  exec_args=(--gimp 3.0 --plugin "$plugin" --root "$root")
else
  [ -f build/gimp2/build.ninja ] || meson setup build/gimp2 -Dgimp=2 >/dev/null
  ninja -C build/gimp2 >/dev/null
  exec_args=(--gimp 2.10 --plugin build/gimp2/plugin/hosts/gimp-gpt-image)
fi
/usr/bin/python3 tools/demo.py "${exec_args[@]}" "${args[@]}"
