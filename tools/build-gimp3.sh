#!/usr/bin/env bash
# Builds the GIMP 3 variant inside the chroot of GIMP 3.0 (Debian 13) or 3.2 (Debian forky)
# (tools/gimp3-chroot.sh) from a copy of this tree, and prints the path of the built plug-in on the
# host.   tools/build-gimp3.sh [3.0|3.2]   (default 3.0)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$("$here/tools/gimp3-chroot.sh" "${1:-3.0}")
# One copy and build per source tree, so two checkouts (or two runs) never share a build.
tree_id=$(printf %s "$here" | md5sum | cut -c1-12)
src=/src/gimp-gpt-image-$tree_id
mkdir -p "$root$src"
# Mirror the sources (not builds, not git) so the chroot sees exactly this tree. Compared by
# content, and without keeping source times: a changed file is always newer than its old object,
# whichever tree built last, and an unchanged one is not rebuilt.
rsync -rc --delete --exclude=/build --exclude=/.git --exclude=/tests/out "$here/" "$root$src/"
build=/src/build-gimp3-$tree_id  # outside the copied tree, so rebuilds are incremental
chroot "$root" /bin/sh -c "if test -f $build/build.ninja; then meson setup --reconfigure $build $src >&2; \
  else meson setup $build $src -Dgimp=3 -Dtests=false -Dwerror=true >&2; fi && ninja -C $build >&2"
echo "$root$build/plugin/hosts/gimp-gpt-image"
