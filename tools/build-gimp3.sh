#!/usr/bin/env bash
# Builds the GIMP 3 variant inside the Debian 13 chroot (tools/gimp3-chroot.sh) from a copy of this
# tree, and prints the path of the built plug-in on the host.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$("$here/tools/gimp3-chroot.sh")
src=/src/gimp-gpt-image
mkdir -p "$root$src"
# Copy the sources (not builds, not git) so the chroot sees exactly this tree.
tar -C "$here" --exclude=./build --exclude=./.git --exclude='./tests/out' -cf - . | (rm -rf "${root:?}$src" && mkdir -p "$root$src" && tar -C "$root$src" -xf -)
build=/src/build-gimp3  # outside the copied tree, so rebuilds are incremental
chroot "$root" /bin/sh -c "(test -f $build/build.ninja || meson setup $build $src -Dgimp=3 -Dtests=false -Dwerror=true >&2) && ninja -C $build >&2"
echo "$root$build/plugin/hosts/gimp-gpt-image"
