#!/usr/bin/env bash
# The suite shows it has teeth: each mutation below is a small, realistic breakage applied to a
# copy of the tree; the copy is rebuilt and the tests that guard that behaviour are run. A
# mutation that no test notices ("survived") fails this script, and so does one whose pattern no
# longer matches the source (the list must follow the code).
#   tests/mutation/run-mutations.sh            (GIMP 2.10 must be installed for the e2e mutation)
# Prints one line per mutation and, last, "N passed, N failed" (passed = the breakage was caught).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/gimp-gpt-image-mutation-XXXXXX")
trap 'rm -rf "$work"' EXIT
caught=0
survived=0

# The tracked sources only (no builds), so the copy builds exactly what is committed plus edits.
(cd "$top" && git ls-files -z --cached --others --exclude-standard | rsync -a --from0 --files-from=- ./ "$work/src/")
meson setup "$work/build" "$work/src" -Dgimp=2 -Dtests=true > "$work/setup.txt" 2>&1 || { cat "$work/setup.txt"; echo "0 passed, 1 failed"; exit 1; }
targets=(tests/core_unit_tests plugin/hosts/gimp-gpt-image)
ninja -C "$work/build" "${targets[@]}" > "$work/build.txt" 2>&1 || { tail -30 "$work/build.txt"; echo "0 passed, 1 failed"; exit 1; }
unit="$work/build/tests/core_unit_tests"

# mutate NAME FILE PYTHON-OLD PYTHON-NEW TEST-COMMAND...: the test command must fail on the mutant.
mutate() {
  local name=$1 file=$2 old=$3 new=$4; shift 4
  local path="$work/src/$file"
  cp "$path" "$work/original"
  if ! /usr/bin/python3 - "$path" "$old" "$new" <<'PY'
import sys
path, old, new = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
if text.count(old) != 1:
    sys.exit(1)
open(path, "w", encoding="utf-8").write(text.replace(old, new))
PY
  then
    echo "FAIL $name: its pattern is not found once in $file (update tests/mutation/run-mutations.sh)"
    survived=$((survived + 1)); return
  fi
  if ! ninja -C "$work/build" "${targets[@]}" > "$work/build.txt" 2>&1; then
    echo "FAIL $name: the mutant does not build"; tail -5 "$work/build.txt"; survived=$((survived + 1))
  elif "$@" > "$work/$name.txt" 2>&1; then
    echo "FAIL $name: survived, no test noticed (ran: $*)"; survived=$((survived + 1))
  else
    echo "ok   $name: caught"; caught=$((caught + 1))
  fi
  cp "$work/original" "$path"
}

# Uploads must carry their content type; the real API (and the stand-in) refuse others. (Without
# curl_mime_type at all, libcurl guesses image/png from the ".png" file name, so the breakage is a
# wrong type, as a careless change would send.)
mutate content_type plugin/core/images_api_client.cc \
  '      curl_mime_type(p, part.content_type.c_str());' '      curl_mime_type(p, "application/octet-stream");' \
  "$unit" --gtest_filter='ImagesApiClient.*:ClientStreaming.*'
# The resampler's pixel grid shifted by half a pixel.
mutate half_pixel_shift plugin/core/resample.cc \
  'const double centre = (i + 0.5) / scale - 0.5;' 'const double centre = (i + 0.5) / scale;' \
  "$unit" --gtest_filter='RasterOps.*'
# The edit mask inverted: the model would repaint everything but the selection.
mutate mask_inverted plugin/core/raster_ops.cc \
  'static_cast<std::uint8_t>(255 - selection.pixels[i])' 'static_cast<std::uint8_t>(selection.pixels[i])' \
  "$unit" --gtest_filter='RasterOps.*:GenerativeFill.*:EditRequest.*'
# One retry fewer than the setting asks for.
mutate one_retry_fewer plugin/core/images_api_client.cc \
  'const int attempts = 1 + std::max(0, connection_.max_retries);' 'const int attempts = std::max(1, connection_.max_retries);' \
  "$unit" --gtest_filter='ClientFaults.*:ImagesApiClient.*'
# Plain http through a proxy from the environment (the key would reach it in clear).
mutate proxy_for_plain_http plugin/core/images_api_client.cc \
  'if (url.rfind("http://", 0) == 0) curl_easy_setopt(h, CURLOPT_NOPROXY, "*");' '' \
  "$unit" --gtest_filter='HostileRelays.*'
# An echoed key left in the error (only the client's last net removed).
mutate key_in_errors plugin/core/images_api_client.cc \
  'throw GenerativeError(e.kind(), without_secret(e.what(), key), e.http_status());' \
  'throw GenerativeError(e.kind(), e.what(), e.http_status()); (void)key;' \
  "$unit" --gtest_filter='HostileRelays.*'
# Generative Expand: an upload that shows something where its mask paints (visible once scaled).
mutate expand_upload_not_cleared plugin/core/expand_job.cc \
  '        std::fill_n(sent.at(x, y), 4, 0);' '        (void)0;' \
  "$unit" --gtest_filter='ExpandRequest.*'
# Generative Expand: the picture anchored right put at the left edge.
mutate expand_anchor_right plugin/core/expand_plan.cc \
  'case ExpandAnchor::Right: x = spare_x; break;' 'case ExpandAnchor::Right: x = 0; break;' \
  "$unit" --gtest_filter='ExpandPlan.*'
# High-bit-depth images read as linear light: the upload far too bright. Only GIMP can tell.
if command -v gimp-console-2.10 > /dev/null; then
  # (The test images have no alpha channel: their layers are read through the R'G'B' path.)
  mutate linear_light_upload plugin/hosts/drawable_pixels.cc \
    'babl_format(has_alpha ? "R'"'"'G'"'"'B'"'"'A u8" : "R'"'"'G'"'"'B'"'"' u8")' \
    'babl_format(has_alpha ? "R'"'"'G'"'"'B'"'"'A u8" : "RGB u8")' \
    /usr/bin/python3 "$top/tests/e2e/run_e2e.py" --gimp 2.10 --plugin "$work/build/plugin/hosts/gimp-gpt-image" \
    --only _bit_
  # A layer mask started from the wrong fill: the tiles left unwritten show the wrong thing.
  mutate mask_fill_inverted plugin/hosts/image_access.cc \
    'add_filled_mask({layer}, writes.fill == 255)' \
    'add_filled_mask({layer}, writes.fill != 255)' \
    /usr/bin/python3 "$top/tests/e2e/run_e2e.py" --gimp 2.10 --plugin "$work/build/plugin/hosts/gimp-gpt-image" \
    --only large_region_scaled_up
else
  echo "FAIL linear_light_upload: gimp-console-2.10 is not installed, so it could not run"; survived=$((survived + 1))
  echo "FAIL mask_fill_inverted: gimp-console-2.10 is not installed, so it could not run"; survived=$((survived + 1))
fi

echo
echo "$caught passed, $survived failed"
[ "$survived" -eq 0 ]
