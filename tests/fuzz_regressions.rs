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
