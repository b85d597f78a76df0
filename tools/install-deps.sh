#!/usr/bin/env bash
# Installs (with apt) what building, testing and the demo need on Debian 12, and nothing when it is
# all there already. GIMP 3 itself comes from the chroot that tools/gimp3-chroot.sh builds.
set -euo pipefail
packages=(g++ meson ninja-build pkg-config gimp libgimp2.0-dev libgegl-dev libjson-glib-dev
          libcurl4-openssl-dev libpng-dev zlib1g-dev libturbojpeg0-dev libwebp-dev libsecret-1-dev libgtest-dev libbenchmark-dev ca-certificates
          python3 python3-pil python3-numpy python3-polib debootstrap xvfb xauth xdotool imagemagick gnome-keyring dbus openssl rsync
          gettext locales fonts-dejavu-core clang libclang-rt-14-dev)
# The translation tests run GIMP in these languages; glibc ignores a catalogue whose locale is not built.
test_locales=(zh_CN de_DE)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
missing_locales=()
for l in "${test_locales[@]}"; do
  locale -a 2>/dev/null | grep -qx "$l.utf8" || missing_locales+=("$l")
done
[ ${#missing[@]} -eq 0 ] && [ ${#missing_locales[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing packages: ${missing[*]}; missing locales: ${missing_locales[*]}. Run this again as root (sudo $0)." >&2
  exit 1
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
for l in "${test_locales[@]}"; do
  locale -a | grep -qx "$l.utf8" || localedef -i "$l" -f UTF-8 "$l.UTF-8"
done
