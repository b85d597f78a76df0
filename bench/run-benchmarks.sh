#!/usr/bin/env bash
# Every benchmark in one command (needs root, like the tests: it installs with apt and builds the
# GIMP 3 chroot when this machine has no GIMP 3):
#   sudo bench/run-benchmarks.sh            # 1, 12, 24, 50 and 100 MP in GIMP 2.10 and GIMP 3
#   sudo bench/run-benchmarks.sh 1,24       # fewer sizes
# Builds the plug-in (build/gimp2, and GIMP 3's in the chroot), runs the Google Benchmark
# micro-benchmark of the pipeline on plain buffers, then the GIMP runner (bench/gimp_bench.py) in
# both GIMPs; results go to bench/results/ (JSON) and the tables to the terminal for
# bench/README.md. Benchmarks report; they never pass or fail.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
sizes=${1:-1,12,24,50,100}
mkdir -p bench/results

tools/install-deps.sh
if [ -f build/gimp2/build.ninja ]; then meson configure build/gimp2 -Dgimp=2 -Dtests=true >/dev/null
else meson setup build/gimp2 -Dgimp=2 -Dtests=true >/dev/null; fi
ninja -C build/gimp2 >/dev/null

echo "== pipeline micro-benchmark (no GIMP)"
build/gimp2/bench/pipeline_bench --benchmark_out=bench/results/pipeline_bench.json --benchmark_out_format=json

echo "== building the GIMP 3 plug-in"
if pkg-config --exists gimp-3.0 && command -v gimp-console-3.0 >/dev/null; then
  meson setup --reconfigure build/gimp3 -Dgimp=3 -Dtests=false >/dev/null 2>&1 || meson setup build/gimp3 -Dgimp=3 -Dtests=false >/dev/null
  ninja -C build/gimp3 >/dev/null
  plugin3=build/gimp3/plugin/hosts/gimp-gpt-image root3=""
else
  root3=$(tools/gimp3-chroot.sh)
  trap 'umount "$root3/proc" 2>/dev/null || true' EXIT
  plugin3=$(tools/build-gimp3.sh 2>/dev/null)
fi

echo "== GIMP 2.10 and GIMP 3"
/usr/bin/python3 bench/gimp_bench.py --gimp both --sizes "$sizes" --plugin3 "$plugin3" --root3 "$root3" \
  --out bench/results/gimp_bench.json --markdown
