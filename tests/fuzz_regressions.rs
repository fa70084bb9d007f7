//! Inputs the fuzzers (fuzz/, see the README) found to crash gebieden, each kept as a test of
//! what it covers. The input files are in tests/fuzz_regressions/<target>/, in the fuzz
//! target's own format; each must now load or be refused with a message, without panicking.

use gebieden::io::{LoadOptions, load};

#[path = "../fuzz/fuzz_targets/common.rs"]
#[allow(dead_code)]
mod common;

fn input(target: &str, name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target)
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The shapefile target: the input holds the .shp, .dbf and .prj, split as the target does.
fn load_shapefile_input(bytes: &[u8]) -> Result<usize, String> {
    let dir = tempfile::tempdir().unwrap();
    let parts = common::split(bytes, 3);
    let shp = dir.path().join("input.shp");
    std::fs::write(&shp, parts[0]).unwrap();
    std::fs::write(dir.path().join("input.dbf"), parts[1]).unwrap();
    if !parts[2].is_empty() {
        std::fs::write(dir.path().join("input.prj"), parts[2]).unwrap();
    }
    load(&shp, &LoadOptions::default())
        .map(|layers| layers.len())
        .map_err(|e| e.to_string())
}

#[test]
fn shapefile_with_a_hole_inside_a_hole_that_had_no_outer_ring() {
    // Found by the shapefile target after 6,700 runs: a counter-clockwise ring (a hole) with no
    // outer ring became an outer ring itself, and a second hole inside it indexed past the list
    // of outer-ring areas.
    let result = load_shapefile_input(&input("shapefile", "hole_in_an_orphan_hole"));
    if let Err(message) = result {
        assert!(message.contains("input.shp"), "{message}");
    }
}

#[test]
fn analysis_of_a_division_whose_broken_areas_pile_up() {
    // Found by the analyse target as a timeout: a mutated copy of the demo's care teams whose
    // repaired areas overlap many times over; uniting the 65 overlap pieces of one spot in one
    // `unary_union` took 3.2 s (over 10 s under the fuzzer), two at a time it takes 5 ms. The
    // result must still be one overlap naming every area involved, with the area of the union.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zorgteams.geojson");
    std::fs::write(&path, input("analyse", "piled_overlaps.geojson")).unwrap();
    let layer = load(&path, &LoadOptions::default()).unwrap().remove(0);
    let analysis = gebieden::analysis::analyse(
        &[&layer],
        None,
        &gebieden::analysis::AnalysisOptions::default(),
    );
    let overlaps: Vec<_> = analysis
        .problems
        .iter()
        .filter(|p| p.kind == gebieden::analysis::ProblemKind::Overlap)
        .collect();
    assert!(!overlaps.is_empty());
    // Overlap pieces never overlap each other: they are merged where they touch.
    use geo::{Area, BooleanOps};
    let total: f64 = overlaps.iter().map(|p| p.area_m2).sum();
    let union = overlaps
        .iter()
        .fold(geo::MultiPolygon::new(vec![]), |u, p| u.union(p.geometry.as_ref()))
        .unsigned_area();
    assert!(
        (total - union).abs() < 1.0 + union * 1e-6,
        "{total} vs {union}"
    );
}
