#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (ASan + UBSan, core instrumented for coverage) in
# build/fuzz and runs each for a bounded time from its seed corpus in tests/fuzz/corpus.
#   tests/fuzz/run-fuzzers.sh [SECONDS]     (default 30 per harness)
# Prints one line per harness and "N passed, N failed"; a crash, a sanitizer report or a timeout
# is a failure, and the input that caused it is kept in tests/out/fuzz/.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-30}
build="$top/build/fuzz"
out="$top/tests/out/fuzz"
mkdir -p "$out"
if [ -f "$build/build.ninja" ]; then
  meson configure "$build" -Dfuzzing=true > "$out/meson.txt" 2>&1
else
  CC=clang CXX=clang++ meson setup "$build" "$top" -Dgimp=none -Dtests=false -Dfuzzing=true -Dwerror=true \
    -Db_sanitize=address,undefined -Db_lundef=false > "$out/meson.txt" 2>&1
fi || { cat "$out/meson.txt"; echo "0 passed, 1 failed"; exit 1; }
ninja -C "$build" > "$out/build.txt" 2>&1 || { tail -30 "$out/build.txt"; echo "0 passed, 1 failed"; exit 1; }

passed=0 failed=0
for pair in fuzz_response_parser:response fuzz_image_decoder:image fuzz_event_stream:stream; do
  harness=${pair%%:*} corpus=${pair##*:}
  work=$(mktemp -d)  # new inputs go here, never into the seed corpus in the repository
  # halt_on_error makes UBSan findings fatal like ASan's.
  if UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$build/tests/fuzz/$harness" -max_total_time="$seconds" \
       -timeout=10 -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$out/$harness-" -print_final_stats=1 \
       "$work" "$top/tests/fuzz/corpus/$corpus" > "$out/$harness.txt" 2>&1; then
    echo "ok   fuzz $harness ($(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$harness.txt" | grep -o '[0-9]*$') runs)"
    passed=$((passed + 1))
  else
    echo "FAIL fuzz $harness: see $out/$harness.txt"
    grep -E 'ERROR|runtime error|SUMMARY' "$out/$harness.txt" | head -5
    failed=$((failed + 1))
  fi
  rm -rf "$work"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
