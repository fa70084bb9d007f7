#!/usr/bin/env bash
# Benchmark: `gebieden map` of the national CBS buurten (13,594 areas) on A3 at 300 dpi
# (3508 × 4961 px PNG), portrait and landscape, and as a vector PDF. Prints the best wall time
# and its peak memory of the whole process (reading the file included).
#
#   bash bench/map_national.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
buurten="../shared/data/nl/buurten_2019.rd.geojson"
cargo build --release -q
source bench/measure.sh

show() { printf '%-26s %8s %8s\n' $(measure "$@"); }
printf '%-26s %8s %8s\n' "" "wall-s" "peak-MB"
show "A3-portrait-300dpi-PNG" target/release/gebieden map "$buurten" --out "$out/p.png" --paper A3 --dpi 300
show "A3-landscape-300dpi-PNG" target/release/gebieden map "$buurten" --out "$out/l.png" --paper A3 --dpi 300 --landscape
show "A3-portrait-PDF" target/release/gebieden map "$buurten" --out "$out/p.pdf" --paper A3
