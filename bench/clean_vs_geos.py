"""Issue 14: gebieden's coverage cleaning against GEOS 3.14's CoverageCleaner (shapely 2.2
`coverage_clean`), same files, same settings (gap width, longest-border merge). Prints the wall
time of each, and per feature the symmetric difference between the two results.

    bash bench/clean_vs_geos.sh            (makes bench/.venv with shapely >= 2.2 on first use)
    python bench/clean_vs_geos.py INPUT GAP_WIDTH GEBIEDEN_BINARY [--fixture OUT.json]
"""
import json, subprocess, sys, tempfile, time, pathlib
import geopandas as gpd
import shapely

source, gap_width, binary = sys.argv[1], float(sys.argv[2]), sys.argv[3]
fixture = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--fixture" else None
frame = gpd.read_file(source).set_crs(28992, allow_override=True)
started = time.perf_counter()
geos = shapely.coverage_clean(frame.geometry.values, gap_width=gap_width)
geos_s = time.perf_counter() - started
with tempfile.TemporaryDirectory() as tmp:
    out = pathlib.Path(tmp) / "clean.gpkg"
    started = time.perf_counter()
    subprocess.run([binary, "clean", source, "--gap-width", str(gap_width), "--out", str(out)], check=True, stdout=subprocess.DEVNULL)
    ours_s = time.perf_counter() - started
    ours = gpd.read_file(out).geometry.values
worst = 0.0
rows = {}
key = next(c for c in ("postcode", "buurtcode", "id") if c in frame.columns)
for k, (a, b) in enumerate(zip(geos, ours)):
    diff = shapely.symmetric_difference(a, b).area
    worst = max(worst, diff / max(a.area, 1.0))
    rows[str(frame[key].iloc[k])] = {"geos_area_m2": a.area, "symdiff_m2": diff}
print(f"{pathlib.Path(source).name}: {len(frame)} features, gap width {gap_width} m")
print(f"GEOS coverage_clean {geos_s:.2f} s; gebieden clean (whole process) {ours_s:.2f} s; ratio {ours_s / geos_s:.3f}")
print(f"largest per-feature symmetric difference: {worst * 100:.3f} % of the feature")
# GEOS's own check of a coverage: valid polygons, and neighbours' shared edges matching vertex for vertex.
print(f"gebieden output: {int(shapely.is_valid(ours).sum())}/{len(ours)} valid, coverage_is_valid: {bool(shapely.coverage_is_valid(ours))}")
if fixture:
    pathlib.Path(fixture).write_text(json.dumps(rows, indent=1, sort_keys=True))
