"""The geopandas side of the benchmark: read two divisions and overlay them (intersection),
writing the crosswalk as CSV. With --read-only it only reads both files."""
import sys

import geopandas as gpd

args = sys.argv[1:]
read_only = args[0] == "--read-only"
if read_only:
    args = args[1:]
a = gpd.read_file(args[0])
b = gpd.read_file(args[1])
if read_only:
    sys.exit(0)
a["id_a"] = a["buurtcode"] if "buurtcode" in a else a.index.astype(str)
b["id_b"] = b["postcode"].astype(str) if "postcode" in b else b.index.astype(str)
pieces = gpd.overlay(a[["id_a", "geometry"]], b[["id_b", "geometry"]], how="intersection", keep_geom_type=True)
pieces["area_m2"] = pieces.geometry.area
pieces[["id_a", "id_b", "area_m2"]].to_csv(args[2], index=False)
