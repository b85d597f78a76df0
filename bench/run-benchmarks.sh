#!/usr/bin/env bash
# Every benchmark in one command (needs root, like the tests: it installs with apt and builds the
# GIMP 3.0 and 3.2 chroots when this machine has no GIMP 3):
#   sudo bench/run-benchmarks.sh            # 1, 12, 24, 50 and 100 MP in GIMP 2.10, 3.0 and 3.2
#   sudo bench/run-benchmarks.sh 1,24       # fewer sizes
# Builds the plug-in (build/gimp2, and GIMP 3's in the chroot), runs the Google Benchmark
# micro-benchmark of the pipeline on plain buffers, then the GIMP runner (bench/gimp_bench.py) in
# all three GIMPs; results go to bench/results/ (JSON) and the tables to the terminal for
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

# GIMP 3.0 and 3.2: the machine's own when it has that version, else its Debian chroot (trixie for
# 3.0, forky for 3.2), as tests/run-all.sh does.
roots=()
trap 'for r in "${roots[@]}"; do umount "$r/proc" 2>/dev/null || true; done' EXIT
gimp3_plugin() {  # gimp3_plugin 3.0|3.2: sets plugin and root for that version
  if pkg-config --exists gimp-3.0 && command -v "gimp-console-$1" >/dev/null &&
     case "$(pkg-config --modversion gimp-3.0)" in "$1".*) true ;; *) false ;; esac; then
    meson setup --reconfigure build/gimp3 -Dgimp=3 -Dtests=false >/dev/null 2>&1 || meson setup build/gimp3 -Dgimp=3 -Dtests=false >/dev/null
    ninja -C build/gimp3 >/dev/null
    plugin=build/gimp3/plugin/hosts/gimp-gpt-image root=""
  else
    root=$(tools/gimp3-chroot.sh "$1")
    roots+=("$root")
    plugin=$(tools/build-gimp3.sh "$1" 2>/dev/null)
  fi
}
echo "== building the GIMP 3.0 and GIMP 3.2 plug-ins"
gimp3_plugin 3.0; plugin30=$plugin root30=$root
gimp3_plugin 3.2; plugin32=$plugin root32=$root

echo "== GIMP 2.10, GIMP 3.0 and GIMP 3.2"
/usr/bin/python3 bench/gimp_bench.py --gimp all --sizes "$sizes" --plugin3 "$plugin30" --root3 "$root30" \
  --plugin32 "$plugin32" --root32 "$root32" --out bench/results/gimp_bench.json --markdown
