"""Shared by the GEOS fixture scripts (imported): geopandas.overlay of Oude IJsselstreek buurten
× PC4, one row per buurt and postcode with its shared piece."""
import pathlib

import geopandas as gpd

root = pathlib.Path(__file__).resolve().parent.parent
data = root.parent / "shared" / "data"


def buurten_pc4_pieces():
    a = gpd.read_file(data / "oude_ijsselstreek_buurten_2019.rd.geojson")[["buurtcode", "geometry"]]
    b = gpd.read_file(data / "pc4_oude_ijsselstreek_e.o.rd.geojson")[["postcode", "geometry"]]
    b["postcode"] = b["postcode"].astype(str)
    return gpd.overlay(a, b, how="intersection", keep_geom_type=True)
