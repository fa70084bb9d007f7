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
