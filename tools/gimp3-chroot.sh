#!/usr/bin/env bash
# Builds (once) a Debian chroot holding GIMP 3 and its development files, because Debian 12 ships
# only GIMP 2.10: Debian 13 "trixie" for GIMP 3.0, Debian forky for GIMP 3.2. Idempotent: an
# existing, complete chroot is reused.
#   tools/gimp3-chroot.sh [3.0|3.2]    -> prints the chroot directory (default 3.0)
# GIMP3_CHROOT (3.0) and GIMP32_CHROOT (3.2) override the locations
# (default /var/cache/gimp-gpt-image/trixie and /var/cache/gimp-gpt-image/forky).
set -euo pipefail
version=${1:-3.0}
case "$version" in
  3.0) suite=trixie; root=${GIMP3_CHROOT:-/var/cache/gimp-gpt-image/trixie}; script=trixie ;;
  # forky is still testing: debootstrap knows it through the sid script, and its Release file is
  # past its Valid-Until date, which apt must be told to accept.
  3.2) suite=forky; root=${GIMP32_CHROOT:-/var/cache/gimp-gpt-image/forky}; script=sid ;;
  *) echo "tools/gimp3-chroot.sh: version must be 3.0 or 3.2, not $version" >&2; exit 2 ;;
esac
stamp="$root/.gimp-gpt-image-ready"
packages=(gimp libgimp-3.0-dev g++ meson ninja-build pkg-config libcurl4-openssl-dev
          libjson-glib-dev libgegl-dev libpng-dev zlib1g-dev libturbojpeg0-dev libwebp-dev libsecret-1-dev
          ca-certificates gettext locales fonts-dejavu-core)
# Languages the translation tests run GIMP in (built with localedef; part of the readiness stamp).
test_locales=(zh_CN de_DE)

ready="${packages[*]} locales: ${test_locales[*]}"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$ready" ]; then
  echo "$root"; exit 0
fi
[ "$(id -u)" = 0 ] || { echo "tools/gimp3-chroot.sh: building the chroot needs root" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "tools/gimp3-chroot.sh: install debootstrap first" >&2; exit 1; }

mkdir -p "$root"
if [ ! -x "$root/usr/bin/apt-get" ]; then
  debootstrap --variant=minbase "$suite" "$root" http://deb.debian.org/debian "/usr/share/debootstrap/scripts/$script" >&2
fi
echo 'Acquire::Check-Valid-Until "false";' > "$root/etc/apt/apt.conf.d/99gimp-gpt-image-valid-until"
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
chroot "$root" /usr/bin/env DEBIAN_FRONTEND=noninteractive apt-get update >&2
chroot "$root" /usr/bin/env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${packages[@]}" >&2
for l in "${test_locales[@]}"; do chroot "$root" localedef -i "$l" -f UTF-8 "$l.UTF-8"; done
echo "$ready" > "$stamp"
echo "$root"
