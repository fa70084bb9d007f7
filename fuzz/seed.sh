#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with starting inputs: the demo data, the bad-input corpus, the
# shared CBS files (../shared/data, not committed here) and files written by gebieden itself.
#
#   bash fuzz/seed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/data
corpus=fuzz/corpus
mkdir -p "$corpus"/{geojson,shapefile,geopackage,prj,project,assignment,analyse,table}
cargo build --release -q
made="$(mktemp -d)"
trap 'rm -rf "$made"' EXIT

# Files gebieden writes: the six 2013 areas as GeoJSON, Shapefile and GeoPackage, and a project.
target/release/gebieden compose --units "$shared/oude_ijsselstreek_buurten_2019.rd.geojson" \
    --assign "$shared/gebieden_2013_voorstel.csv" --out "$made" > /dev/null || true

cp data/*.geojson tests/bad_input/*.geojson tests/bad_input/*.json "$made/areas.geojson" "$corpus/geojson/"
cp data/*.geojson tests/bad_input/*.geojson "$made/areas.geojson" "$corpus/analyse/"
cp "$shared/gpkg/"*.gpkg "$made/areas.gpkg" "$corpus/geopackage/"
cp "$shared/shp/"*.prj "$corpus/prj/"
python3 - "$corpus" "$made" "$shared" <<'PY'
import glob, json, os, struct, sys
corpus, made, shared = sys.argv[1:4]

def pack(*parts):
    """Length-prefixed parts, as fuzz_targets/common.rs `split` reads them."""
    out = b""
    for p in parts[:-1]:
        out += struct.pack("<I", len(p)) + p
    return out + parts[-1]

stems = [p[:-4] for p in glob.glob(os.path.join(shared, "shp", "*.shp"))]
stems.append(os.path.join(made, "areas"))
for stem in stems:
    parts = [open(stem + ext, "rb").read() if os.path.exists(stem + ext) else b""
             for ext in (".shp", ".dbf", ".prj")]
    name = os.path.basename(stem)
    open(os.path.join(corpus, "shapefile", name), "wb").write(pack(*parts))
    # Without a .prj too.
    open(os.path.join(corpus, "shapefile", name + "-noprj"), "wb").write(pack(parts[0], parts[1], b""))

demo = json.load(open("data/buurten.geojson"))
codes = [f["properties"]["buurtcode"] for f in demo["features"]]
areas = ["Noord", "Zuid", "Oost", "West"]
rows = ["buurtcode,gebied"] + [f"{c},{areas[i % 4]}" for i, c in enumerate(codes)]
open(os.path.join(corpus, "assignment", "demo.csv"), "w").write("\n".join(rows) + "\n")
rows = ["unit;area"] + [f"{c};Gebied {i % 3}" for i, c in enumerate(codes[:10])]
open(os.path.join(corpus, "assignment", "semicolon.csv"), "w", encoding="cp1252").write("\n".join(rows) + "\n")

project = {
    "format": "gebieden-project", "version": 1,
    "layers": [{"path": "data/buurten.geojson", "style": {"visible": True}},
               {"path": "data/politie.geojson", "table": None, "id_field": "beat"}],
    "base_layer": 0,
    "composition": {"areas": [{"name": "Noord", "colour": [230, 159, 0], "note": ""}],
                    "assignment": {codes[0]: "Noord"}, "locked": [], "splits": []},
    "analysis": {"sliver_width_m": 5.0}, "language": "nl",
    "map": {"title": "Zonnedaal", "paper": "A3", "landscape": True, "dpi": 300, "format": "pdf"},
}
open(os.path.join(corpus, "project", "demo.gebieden"), "w").write(json.dumps(project, indent=1))
PY
for wkt in 'PROJCS["RD_New",GEOGCS["GCS_Amersfoort",DATUM["D_Amersfoort",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Double_Stereographic"],PARAMETER["False_Easting",155000.0],PARAMETER["False_Northing",463000.0],PARAMETER["Central_Meridian",5.38763888888889],PARAMETER["Scale_Factor",0.9999079],PARAMETER["Latitude_Of_Origin",52.15616055555555],UNIT["Meter",1.0]]' \
           'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]'; do
    printf '%s' "$wkt" > "$corpus/prj/$(printf '%s' "$wkt" | md5sum | cut -c1-8).prj"
done
# Spreadsheets: the statistics compose writes, behind the byte that picks the reader (0: .xlsx).
{ printf '\x00'; cat "$made/stats.xlsx"; } > "$corpus/table/stats.xlsx"
for dir in "$corpus"/*; do echo "$(basename "$dir"): $(ls "$dir" | wc -l) seeds"; done
