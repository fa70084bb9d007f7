"""Independent check of the crosswalk: geopandas.overlay (GEOS) of Oude IJsselstreek buurten ×
PC4, written as tests/fixtures/oij_buurten_pc4_geopandas.csv. The cargo test
`crosswalk_matches_geopandas` compares gebieden's crosswalk with it, so CI checks against GEOS
without needing Python.

    bench/.venv/bin/python bench/geopandas_crosswalk_fixture.py
"""
import shapely

from oij_overlay import buurten_pc4_pieces, root

pieces = buurten_pc4_pieces()
pieces["area_m2"] = pieces.geometry.area
pieces = pieces[pieces["area_m2"] > 0].sort_values(["buurtcode", "postcode"])
out = root / "tests" / "fixtures" / "oij_buurten_pc4_geopandas.csv"
pieces[["buurtcode", "postcode", "area_m2"]].to_csv(out, index=False, float_format="%.4f")
print(f"{len(pieces)} pieces, {pieces.area_m2.sum():.1f} m² (GEOS {shapely.geos_version_string}) -> {out}")
