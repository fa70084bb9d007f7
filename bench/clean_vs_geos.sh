#!/usr/bin/env bash
# Issue 14: gebieden's `clean` against GEOS 3.14's CoverageCleaner (shapely 2.2) on the Oude
# IJsselstreek and the national PC4 areas with a 10 m gap width: wall time of both, their ratio,
# and the largest per-feature symmetric difference. Creates bench/.venv on first use (PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! bench/.venv/bin/python -c "import shapely, geopandas; assert shapely.geos_version >= (3, 14)" 2> /dev/null; then
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install -q "shapely>=2.2" geopandas pyogrio
fi
cargo build --release -q
for file in ../shared/data/pc4_oude_ijsselstreek_e.o.rd.geojson ../shared/data/nl/pc4_2020.rd.geojson; do
    bench/.venv/bin/python bench/clean_vs_geos.py "$file" 10 target/release/gebieden
done
# mapshaper's -clean on the national PC4, side by side (npm registry; skipped without npm).
if command -v npm > /dev/null; then
    [ -x bench/.npm/node_modules/.bin/mapshaper ] || (mkdir -p bench/.npm && cd bench/.npm && npm install -q mapshaper > /dev/null 2>&1)
    out="$(mktemp -d)"
    /usr/bin/time -f "mapshaper -clean %e s, %M KB" bench/.npm/node_modules/.bin/mapshaper ../shared/data/nl/pc4_2020.rd.geojson -clean -o "$out/ms.geojson" > /dev/null 2> "$out/time" || true
    tail -1 "$out/time"
    /usr/bin/time -f "gebieden clean %e s, %M KB" target/release/gebieden clean ../shared/data/nl/pc4_2020.rd.geojson --gap-width 10 --out "$out/ours.gpkg" > /dev/null 2> "$out/time2"
    tail -1 "$out/time2"
    rm -rf "$out"
fi
