#!/usr/bin/env bash
# Scaling bench: `gebieden analyse` of the national CBS buurten (13,594) against partner
# divisions of growing size: PC4 (4,067) and PC4 cut along square grids of 6, 3 and 1.5 km
# (about 10,000, 18,000 and 41,000 polygons; bench/split_grid.py). Prints, per size, the median
# wall time and peak memory of the whole process over [runs] runs (default 3), and how both
# grew against the number of polygons: a growth factor of 1.0 per step is linear, below 1 is
# better than linear.
#
#   bash bench/scaling.sh [runs]
#
# The grid divisions are made once into bench/.scaling (needs geopandas: bench/.venv).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
data="../shared/data/nl"
buurten="$data/buurten_2019.rd.geojson"
pc4="$data/pc4_2020.rd.geojson"
source bench/venv.sh
mkdir -p bench/.scaling
for cell in 6000 3000 1500; do
    [ -s "bench/.scaling/pc4_grid_$cell.geojson" ] ||
        bench/.venv/bin/python bench/split_grid.py "$pc4" "$cell" "bench/.scaling/pc4_grid_$cell.geojson" > /dev/null
done
cargo build --release -q
source bench/measure.sh

count() { bench/.venv/bin/python -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["features"]))' "$1"; }
printf '%-22s %9s %8s %8s %12s %12s\n' "partner division" "polygons" "wall s" "peak MB" "time growth" "memory growth"
previous=""
for division in "$pc4" bench/.scaling/pc4_grid_6000.geojson bench/.scaling/pc4_grid_3000.geojson bench/.scaling/pc4_grid_1500.geojson; do
    polygons=$(count "$division")
    set -- $(measure size target/release/gebieden analyse "$buurten" "$division" --out "$out/analyse")
    wall=$2; mem=$3
    # Work is both layers' polygons; the growth factor is the time ratio over the work ratio.
    work=$((polygons + 13594))
    if [ -n "$previous" ]; then
        set -- $previous
        growth=$(awk -v w="$wall" -v pw="$1" -v n="$work" -v pn="$3" 'BEGIN { printf "%.2f", (w / pw) / (n / pn) }')
        mgrowth=$(awk -v m="$mem" -v pm="$2" -v n="$work" -v pn="$3" 'BEGIN { printf "%.2f", (m / pm) / (n / pn) }')
    else
        growth="-"; mgrowth="-"
    fi
    printf '%-22s %9s %8s %8s %12s %12s\n' "$(basename "$division" .geojson)" "$polygons" "$wall" "$mem" "$growth" "$mgrowth"
    previous="$wall $mem $work"
done
