#!/usr/bin/env bash
# Issue 12: gebieden's readers against the geojson and shapefile crates on the two national
# files (GeoJSON as shared; Shapefile made from them with ogr2ogr when GDAL is installed).
# Best of 3 runs: wall time and peak memory. `bash bench/readers.sh`
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
source bench/measure.sh
cargo build --release -q --bench readers
bin=$(ls -t target/release/deps/readers-* | grep -v '\.d$' | head -1)
files=(../shared/data/nl/buurten_2019.rd.geojson ../shared/data/nl/pc4_2020.rd.geojson)
echo "reader file wall_s peak_MB"
for f in "${files[@]}"; do
    measure "ours $(basename "$f")" "$bin" ours "$f"
    measure "geojson-crate $(basename "$f")" "$bin" geojson-crate "$f"
done
if command -v ogr2ogr > /dev/null; then
    for f in "${files[@]}"; do
        shp="$out/$(basename "$f" .rd.geojson).shp"
        ogr2ogr -f "ESRI Shapefile" "$shp" "$f" -lco ENCODING=UTF-8 2> /dev/null
        measure "ours $(basename "$shp")" "$bin" ours "$shp"
        measure "shapefile-crate $(basename "$shp")" "$bin" shapefile-crate "$shp"
    done
fi
