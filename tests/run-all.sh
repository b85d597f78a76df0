#!/usr/bin/env bash
# Runs every test: the core's unit tests (plain and under ASan/UBSan), then the end-to-end and
# interactive tests in a real GIMP 2.10, GIMP 3.0 and GIMP 3.2 against the stand-in API. Installs
# what is missing first (apt; the Debian 13 chroot for GIMP 3.0 and the Debian forky chroot for
# GIMP 3.2, unless this machine has that GIMP itself).
# The last line is "N passed, N failed"; the exit code is non-zero when anything failed.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
passed=0
failed=0
log_dir="$top/tests/out"
mkdir -p "$log_dir"
rm -f "$log_dir"/e2e-numbers-*.txt  # a suite that does not run must not leave an old run's numbers

# Configures a build directory with exactly these options, whatever it held before.
configure() {
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then meson configure "$dir" "$@"; else meson setup "$dir" "$@"; fi
}
step() { printf '\n== %s  (at %d s)\n' "$*" "$SECONDS"; }  # where the time goes, step by step
die() { echo "$*" >&2; echo "$passed passed, $((failed + 1)) failed"; exit 1; }

# Adds a suite's counts from its "N passed, N failed" line or GoogleTest's summary.
count_gtest() {
  local out=$1 ok bad
  # Sum over every GoogleTest run in the log (the keyring tests run twice).
  ok=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) tests\?\..*/\1/p' "$out" | awk '{s += $1} END {if (NR) print s}')
  bad=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) tests\?, listed below.*/\1/p' "$out" | awk '{s += $1} END {if (NR) print s}')
  [ -n "$ok$bad" ] || { failed=$((failed + 1)); echo "(no test summary: counted as one failure)"; return; }
  passed=$((passed + ${ok:-0})); failed=$((failed + ${bad:-0}))
}
count_summary() {
  local line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1)
  [ -n "$line" ] || { failed=$((failed + 1)); echo "(no test summary: counted as one failure)"; return; }
  passed=$((passed + $(echo "$line" | cut -d' ' -f1))); failed=$((failed + $(echo "$line" | cut -d' ' -f3)))
}

step "dependencies"
tools/install-deps.sh || die "could not install the build dependencies"

step "build for GIMP 2.10 (warnings are errors)"
configure build/gimp2 -Dgimp=2 -Dtests=true -Dwerror=true > "$log_dir/meson-gimp2.txt" || die "meson setup failed"
ninja -C build/gimp2 > "$log_dir/build-gimp2.txt" 2>&1 || { cat "$log_dir/build-gimp2.txt"; die "build failed"; }

step "core unit tests"
build/gimp2/tests/core_unit_tests 2>&1 | tee "$log_dir/unit.txt" | grep -E '^\[  (FAILED|PASSED) |Failure' 
count_gtest "$log_dir/unit.txt"

step "peak memory while the largest accepted answer is read (README, Limits)"
build/gimp2/tests/answer_memory_tests 2>&1 | tee "$log_dir/memory.txt" | grep -E '^\[  (FAILED|PASSED) |Failure|peak'
count_gtest "$log_dir/memory.txt"

step "keyring tests (a private D-Bus session with GNOME Keyring, then no Secret Service at all)"
tests/keyring/run-keyring-tests.sh build/gimp2 2>&1 | tee "$log_dir/keyring.txt" | grep -E '^\[  (FAILED|PASSED) |Failure'
count_gtest "$log_dir/keyring.txt"

step "core unit tests under AddressSanitizer and UndefinedBehaviorSanitizer"
configure build/sanitize -Dgimp=none -Dtests=true -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false \
  > "$log_dir/meson-sanitize.txt" || die "meson setup (sanitizers) failed"
ninja -C build/sanitize > "$log_dir/build-sanitize.txt" 2>&1 || { cat "$log_dir/build-sanitize.txt"; die "sanitizer build failed"; }
# LeakSanitizer is on: the core no longer links GEGL, whose global caches were never freed.
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  build/sanitize/tests/core_unit_tests 2>&1 | tee "$log_dir/unit-sanitize.txt" | grep -E '^\[  (FAILED|PASSED) |Failure|runtime error|ERROR: (AddressSanitizer|LeakSanitizer)'
if grep -qE 'runtime error|ERROR: (AddressSanitizer|LeakSanitizer)' "$log_dir/unit-sanitize.txt"; then
  echo "sanitizer findings: see $log_dir/unit-sanitize.txt"; failed=$((failed + 1))
fi
count_gtest "$log_dir/unit-sanitize.txt"

step "fuzzing: each libFuzzer harness for 30 s (clang, ASan + UBSan)"
tests/fuzz/run-fuzzers.sh 30 2>&1 | tee "$log_dir/fuzz.txt"
count_summary "$log_dir/fuzz.txt"

step "translations: catalogues complete and in step with the sources"
/usr/bin/python3 tests/i18n/check_catalogues.py 2>&1 | tee "$log_dir/catalogues.txt"
count_summary "$log_dir/catalogues.txt"

step "layers point down: the core includes no GIMP or GTK, the ui no host header, one include root each"
/usr/bin/python3 tests/layering/check_layers.py 2>&1 | tee "$log_dir/layers.txt"
count_summary "$log_dir/layers.txt"

step "README: the models table is what the model catalogue says"
/usr/bin/python3 tools/models_table.py --check 2>&1 | tee "$log_dir/models-table.txt"
count_summary "$log_dir/models-table.txt"

step "the stand-in API checked against its contract and its hostile relays (no GIMP)"
/usr/bin/python3 tests/standin/test_standin.py 2>&1 | tee "$log_dir/standin.txt"
count_summary "$log_dir/standin.txt"

step "end to end in GIMP 2.10"
/usr/bin/python3 tests/e2e/run_e2e.py --gimp 2.10 --plugin build/gimp2/plugin/hosts/gimp-gpt-image \
  --numbers "$log_dir/e2e-numbers-gimp2.10.txt" 2>&1 | tee "$log_dir/e2e-gimp2.txt"
count_summary "$log_dir/e2e-gimp2.txt"

step "mutation check: small breakages on a copy of the tree, each must be caught by a test"
tests/mutation/run-mutations.sh 2>&1 | tee "$log_dir/mutation.txt"
count_summary "$log_dir/mutation.txt"

step "interactive runs in GIMP 2.10 (dialog, undo) under Xvfb"
/usr/bin/python3 tests/e2e/run_interactive.py --gimp 2.10 --plugin build/gimp2/plugin/hosts/gimp-gpt-image \
  --screenshots "$log_dir/screenshots" 2>&1 | tee "$log_dir/interactive-gimp2.txt"
count_summary "$log_dir/interactive-gimp2.txt"

# GIMP 3.0 and GIMP 3.2: a machine that has that GIMP itself (libgimp-3.0 of that version and its
# console binary) uses it; otherwise it runs in its Debian chroot (trixie for 3.0, forky for 3.2),
# built on first use. The chroots' /proc mounts are undone at exit.
chroot_roots=()
unmount_chroots() { local r; for r in "${chroot_roots[@]}"; do umount "$r/proc" 2>/dev/null || true; done; }
trap unmount_chroots EXIT

host_has_gimp() {  # host_has_gimp 3.0|3.2
  pkg-config --exists gimp-3.0 && command -v "gimp-console-$1" >/dev/null &&
    case "$(pkg-config --modversion gimp-3.0)" in "$1".*) true ;; *) false ;; esac
}

gimp3_suites() {  # gimp3_suites 3.0|3.2
  local version=$1 plugin root=""
  step "build for GIMP $version (warnings are errors)"
  if host_has_gimp "$version"; then
    # This machine has GIMP $version itself.
    configure build/gimp3 -Dgimp=3 -Dtests=false -Dwerror=true > "$log_dir/meson-gimp$version.txt" || die "meson setup failed"
    ninja -C build/gimp3 > "$log_dir/build-gimp$version.txt" 2>&1 || { cat "$log_dir/build-gimp$version.txt"; die "GIMP $version build failed"; }
    plugin=build/gimp3/plugin/hosts/gimp-gpt-image
  else
    root=$(tools/gimp3-chroot.sh "$version" 2> "$log_dir/chroot-$version.txt") ||
      { tail -20 "$log_dir/chroot-$version.txt"; die "could not build the GIMP $version chroot"; }
    chroot_roots+=("$root")
    plugin=$(tools/build-gimp3.sh "$version" 2> "$log_dir/build-gimp$version.txt") ||
      { cat "$log_dir/build-gimp$version.txt"; die "GIMP $version build failed"; }
  fi

  step "end to end in GIMP $version"
  /usr/bin/python3 tests/e2e/run_e2e.py --gimp "$version" --plugin "$plugin" --root "$root" \
    --numbers "$log_dir/e2e-numbers-gimp$version.txt" 2>&1 | tee "$log_dir/e2e-gimp$version.txt"
  count_summary "$log_dir/e2e-gimp$version.txt"

  step "interactive runs in GIMP $version (dialog, undo) under Xvfb"
  /usr/bin/python3 tests/e2e/run_interactive.py --gimp "$version" --plugin "$plugin" --root "$root" \
    --screenshots "$log_dir/screenshots" 2>&1 | tee "$log_dir/interactive-gimp$version.txt"
  count_summary "$log_dir/interactive-gimp$version.txt"
}

gimp3_suites 3.0
gimp3_suites 3.2

step "the READMEs quote the seam and PSNR numbers this run measured in every GIMP"
/usr/bin/python3 tests/e2e/check_quoted_numbers.py "$log_dir/e2e-numbers-gimp2.10.txt" \
  "$log_dir/e2e-numbers-gimp3.0.txt" "$log_dir/e2e-numbers-gimp3.2.txt" 2>&1 | tee "$log_dir/quoted-numbers.txt"
count_summary "$log_dir/quoted-numbers.txt"

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
