"""A finer partner division for the scaling bench: every PC4 area cut along a square grid of
CELL metres (a PC6-like division of the same territory, with the same ragged PC4 edges, overlaps
and gaps), written as RD GeoJSON with ids "<postcode>-<col>-<row>".

    python bench/split_grid.py PC4.geojson CELL OUT.geojson
"""
import sys

import geopandas as gpd
import numpy as np
import shapely

source, cell, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
pc4 = gpd.read_file(source)
xmin, ymin, xmax, ymax = pc4.total_bounds
cols = np.arange(np.floor(xmin / cell), np.ceil(xmax / cell))
rows = np.arange(np.floor(ymin / cell), np.ceil(ymax / cell))
cx, cy = np.meshgrid(cols, rows)
cx, cy = cx.ravel(), cy.ravel()
cells = shapely.box(cx * cell, cy * cell, (cx + 1) * cell, (cy + 1) * cell)
tree = shapely.STRtree(cells)
area_index, cell_index = tree.query(pc4.geometry.values, predicate="intersects")
pieces = shapely.intersection(pc4.geometry.values[area_index], cells[cell_index])
codes = pc4["postcode"].astype(str).values[area_index]
ids = [f"{c}-{int(x)}-{int(y)}" for c, x, y in zip(codes, cx[cell_index], cy[cell_index])]
keep = shapely.area(pieces) > 1.0
# Only the polygonal parts: a cut along an edge can leave a line where the area touches the cell.
polygons = [
    shapely.MultiPolygon([g for g in getattr(p, "geoms", [p]) if g.geom_type == "Polygon"])
    for p in pieces[keep]
]
result = gpd.GeoDataFrame(
    {"postcode": np.asarray(ids)[keep]}, geometry=shapely.set_precision(polygons, 0.001), crs=pc4.crs
)
result = result[~result.geometry.is_empty]
result.to_file(out, driver="GeoJSON")
print(len(result))
