#!/usr/bin/env bash
# Benchmark: `gebieden analyse` of the national pair (CBS buurten 2019 × PC4 2020) against
# geopandas.overlay of the same two files, side by side on this machine. Prints wall time and
# peak memory of each whole process (reading included) and their ratio, each the median of
# [runs] runs (default 3).
#
#   bash bench/analyse_vs_geopandas.sh [runs]
#
# Creates bench/.venv with geopandas on first use (needs PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
data="../shared/data/nl"
a="$data/buurten_2019.rd.geojson"
b="$data/pc4_2020.rd.geojson"
source bench/venv.sh
cargo build --release -q
source bench/measure.sh

gebieden=$(measure gebieden target/release/gebieden analyse "$a" "$b" --out "$out/gebieden")
geopandas=$(measure geopandas bench/.venv/bin/python bench/geopandas_overlay.py "$a" "$b" "$out/geopandas.csv")
load_g=$(measure gebieden-load target/release/gebieden inspect "$a" "$b")
load_p=$(measure geopandas-load bench/.venv/bin/python bench/geopandas_overlay.py --read-only "$a" "$b")

printf '%-16s %8s %8s\n' "" "wall s" "peak MB"
for line in "$gebieden" "$geopandas" "$load_g" "$load_p"; do
    set -- $line
    printf '%-16s %8s %8s\n' "$1" "$2" "$3"
done
set -- $gebieden; g_wall=$2; g_mem=$3
set -- $geopandas; p_wall=$2; p_mem=$3
awk -v gw="$g_wall" -v pw="$p_wall" -v gm="$g_mem" -v pm="$p_mem" \
    'BEGIN { printf "analyse: gebieden/geopandas wall %.2f, memory %.2f\n", gw / pw, gm / pm }'
set -- $load_g; lg=$2; set -- $load_p; lp=$2
awk -v g="$lg" -v p="$lp" 'BEGIN { printf "reading: gebieden/geopandas wall %.2f\n", g / p }'
