"""Independent check of piece widths: GEOS' MaximumInscribedCircle (shapely) of the pieces of
Oude IJsselstreek buurten × PC4 with at most 30 edges, written with their rings (RD, metres) as
tests/fixtures/oij_piece_widths_geos.json. The cargo test `widths_match_geos` measures the same
rings with gebieden's `inscribed_diameter`, so CI checks widths against GEOS without Python.

    bench/.venv/bin/python bench/geos_width_fixture.py
"""
import json

import shapely

from oij_overlay import buurten_pc4_pieces, root

pieces = buurten_pc4_pieces().explode(index_parts=False)
rows = []
for buurt, postcode, polygon in zip(pieces.buurtcode, pieces.postcode, pieces.geometry):
    rings = [polygon.exterior, *polygon.interiors]
    if polygon.area < 0.01 or sum(len(r.coords) - 1 for r in rings) > 30:
        continue
    # Tolerance 0.1 mm: GEOS refines its grid until the circle is that close to the true one.
    circle = shapely.maximum_inscribed_circle(polygon, tolerance=0.0001)
    rows.append({
        "buurtcode": buurt,
        "postcode": postcode,
        "rings": [[list(c) for c in r.coords] for r in rings],
        "width_m": round(2 * circle.length, 5),
    })
rows.sort(key=lambda r: (r["buurtcode"], r["postcode"], r["width_m"]))
out = root / "tests" / "fixtures" / "oij_piece_widths_geos.json"
lines = ",\n".join(json.dumps(r, separators=(",", ":")) for r in rows)
out.write_text(f'{{"geos":"{shapely.geos_version_string}","pieces":[\n{lines}\n]}}\n')
print(f"{len(rows)} pieces (GEOS {shapely.geos_version_string}) -> {out}")
