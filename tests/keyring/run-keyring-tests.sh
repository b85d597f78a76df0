#!/usr/bin/env bash
# Runs the keyring tests twice: inside a private D-Bus session with a fresh, unlocked GNOME Keyring
# (in a temporary HOME, so the user's keyrings are never touched), and with no session bus at all.
# Usage: run-keyring-tests.sh BUILD_DIR
set -euo pipefail
build=$1
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME=$home XDG_DATA_HOME=$home/.local/share XDG_RUNTIME_DIR=$home dbus-run-session -- sh -c '
  printf "test-keyring-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  exec "$0/tests/keyring_tests" --gtest_filter="Keyring.*"' "$build" 2>&1 | grep -v "Failed to set fd limit"
env -u DISPLAY DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/gimp-gpt-image-test-bus \
  "$build/tests/keyring_tests" --gtest_filter="NoSecretService.*"
