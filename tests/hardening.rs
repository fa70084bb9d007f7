//! The bad-input corpus of the hardening issue (#7), beyond the foundation's: every format, each
//! case either refused with a message naming file, feature and reason (exit 2, no panic) or
//! read correctly. The files are in tests/bad_input/ (the shapefiles are made by
//! tests/bad_input/make_shapefiles.py); GeoPackages, the million-vertex polygon and the huge
//! file are made by the tests themselves.

mod util;

use std::path::Path;

use gebieden::io::{LoadOptions, load};
use geo::Area;
use util::{assert_says, corpus, flagged, refused, run, stderr};

/// Runs `inspect --json` on a file that must load, and returns its one layer's summary.
fn accepted(path: &Path) -> serde_json::Value {
    let output = run(&["inspect", "--json", path.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}: {}",
        path.display(),
        stderr(&output)
    );
    let mut report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    report.as_array_mut().unwrap().remove(0)
}

// ---- GeoJSON ----

#[test]
fn mixed_geometry_types_keep_the_polygons_and_count_the_rest() {
    let layer = accepted(&corpus("mixed_geometries.geojson"));
    assert_eq!(layer["features"], 2, "the Polygon and the MultiPolygon");
    assert_eq!(layer["skipped"], 2);
    assert_eq!(layer["skipped_types"]["Point"], 1);
    assert_eq!(layer["skipped_types"]["LineString"], 1);
}

#[test]
fn nested_geometry_collections_give_up_their_polygons() {
    let layer = accepted(&corpus("nested_geometry_collection.geojson"));
    assert_eq!(layer["features"], 1);
    // Two squares of 0.01° at 51.9° N.
    let km2 = layer["area_km2"].as_f64().unwrap();
    assert!((km2 - 1.531).abs() < 0.01, "{km2}");
}

#[test]
fn a_hole_outside_its_shell() {
    assert_says(
        &flagged(&corpus("hole_outside_shell.geojson"), &[]),
        &["feature 0", "hole 1 of part 1 lies outside its outer ring"],
    );
}

#[test]
fn duplicate_ids_are_numbered_with_a_note() {
    let path = corpus("duplicate_ids.geojson");
    let output = run(&["inspect", "--json", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert_says(
        &stderr(&output),
        &[
            "note: ",
            "duplicate_ids.geojson",
            "own ids are not unique ('W1' occurs more than once)",
            "numbered instead",
            "--id-field",
        ],
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report[0]["id_field"], serde_json::Value::Null);
    assert_eq!(report[0]["notes"].as_array().unwrap().len(), 1);
}

#[test]
fn degrees_declared_as_rd() {
    assert_says(
        &refused(&corpus("degrees_declared_as_rd.geojson"), &[]),
        &[
            "(6.0, 51.9)",
            "cannot be in EPSG:28992",
            "look like longitude/latitude (--crs EPSG:4326)",
        ],
    );
}

#[test]
fn a_feature_without_geometry_is_skipped_and_counted() {
    let layer = accepted(&corpus("null_geometry.geojson"));
    assert_eq!(layer["features"], 1);
    assert_eq!(layer["skipped"], 1);
}

#[test]
fn an_empty_polygon_is_flagged() {
    assert_says(
        &flagged(&corpus("empty_coordinates.geojson"), &[]),
        &[
            "feature 0",
            "outer ring of part 1 is empty (no coordinates)",
        ],
    );
}

#[test]
fn coordinates_written_as_text() {
    assert_says(
        &refused(&corpus("string_coordinates.geojson"), &[]),
        &["feature 0", "a position must be an array of numbers", "text \"6.0\""],
    );
}

#[test]
fn heights_are_ignored() {
    let layer = accepted(&corpus("three_dimensional.geojson"));
    assert_eq!(layer["features"], 1);
    assert!(layer["area_km2"].as_f64().unwrap() > 0.7);
}

#[test]
fn an_unclosed_ring() {
    assert_says(
        &flagged(&corpus("unclosed_ring.geojson"), &[]),
        &["feature 0", "outer ring of part 1 is not closed"],
    );
}

#[test]
fn a_polygon_without_area() {
    assert_says(
        &flagged(&corpus("zero_area.geojson"), &[]),
        &["feature 0", "part 1 has zero area"],
    );
}

#[test]
fn absurd_coordinates_are_refused_readably() {
    let message = refused(&corpus("huge_coordinates.geojson"), &[]);
    assert_says(
        &message,
        &["(1.000e300, 1.000e300)", "cannot be in EPSG:4326"],
    );
    assert!(message.len() < 400, "no 300-digit numbers: {message}");
}

#[test]
fn features_that_are_not_an_array() {
    assert_says(
        &refused(&corpus("features_not_an_array.geojson"), &[]),
        &["\"features\" must be an array of features, not an object"],
    );
}

#[test]
fn properties_that_are_not_an_object() {
    assert_says(
        &refused(&corpus("properties_not_an_object.geojson"), &[]),
        &["feature 0", "\"properties\" must be an object, not a number 5"],
    );
}

#[test]
fn arrays_nested_thousands_deep() {
    assert_says(
        &refused(&corpus("deeply_nested.geojson"), &[]),
        &["not valid JSON", "recursion limit exceeded"],
    );
}

#[test]
fn an_unknown_geometry_type() {
    assert_says(
        &refused(&corpus("unknown_geometry_type.geojson"), &[]),
        &["feature 0", "unknown geometry type 'Circle'"],
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    assert_eq!(accepted(&corpus("bom.geojson"))["features"], 1);
}

#[test]
fn windows_1252_text_in_geojson() {
    assert_says(
        &refused(&corpus("latin1_bytes.geojson"), &[]),
        &[
            "not UTF-8",
            "byte 0xE9 at line 1, column 91",
            "save the file as UTF-8",
        ],
    );
}

/// A circle of `n` vertices around the RD origin as GeoJSON in RD New.
fn circle_geojson(n: usize, radius: f64) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(n * 40);
    text.push_str(r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:28992"}},"features":[{"type":"Feature","id":"rond","properties":{},"geometry":{"type":"Polygon","coordinates":[["#);
    for i in 0..=n {
        let angle = (i % n) as f64 / n as f64 * std::f64::consts::TAU;
        let _ = write!(
            text,
            "{}[{:.3},{:.3}]",
            if i == 0 { "" } else { "," },
            155_000.0 + radius * angle.cos(),
            463_000.0 + radius * angle.sin()
        );
    }
    text.push_str("]]}}]}");
    text
}

#[test]
fn a_polygon_of_a_million_vertices() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("miljoen.geojson");
    let radius = 20_000.0;
    std::fs::write(&path, circle_geojson(1_000_000, radius)).unwrap();
    let layer = load(&path, &LoadOptions::default()).unwrap().remove(0);
    let feature = &layer.features[0];
    assert!(feature.problems.is_empty(), "{:?}", feature.problems);
    assert_eq!(feature.geometry.0[0].exterior().0.len(), 1_000_001);
    let expected = std::f64::consts::PI * radius * radius;
    let area = feature.geometry.unsigned_area();
    assert!(
        ((area - expected) / expected).abs() < 1e-6,
        "{area} vs {expected}"
    );
}

#[test]
fn a_huge_file() {
    // 300,000 small squares in a grid, about 90 MB of GeoJSON.
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("groot.geojson");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    write!(
        file,
        r#"{{"type":"FeatureCollection","crs":{{"type":"name","properties":{{"name":"EPSG:28992"}}}},"features":["#
    )
    .unwrap();
    let n = 300_000;
    for i in 0..n {
        let (x, y) = (
            100_000.0 + (i % 600) as f64 * 50.0,
            400_000.0 + (i / 600) as f64 * 50.0,
        );
        write!(
            file,
            r#"{}{{"type":"Feature","properties":{{"code":"V{i:06}","naam":"Vak {i}"}},"geometry":{{"type":"Polygon","coordinates":[[[{x},{y}],[{},{y}],[{},{}],[{x},{}],[{x},{y}]]]}}}}"#,
            if i == 0 { "" } else { "," },
            x + 50.0,
            x + 50.0,
            y + 50.0,
            y + 50.0
        )
        .unwrap();
    }
    write!(file, "]}}").unwrap();
    drop(file);
    assert!(std::fs::metadata(&path).unwrap().len() > 50_000_000);
    let layer = load(&path, &LoadOptions::default()).unwrap().remove(0);
    assert_eq!(layer.features.len(), n);
    assert_eq!(layer.id_field.as_deref(), Some("code"));
    assert!(layer.invalid_features().next().is_none());
    assert!((layer.area_m2() - n as f64 * 2500.0).abs() < 1.0);
}

// ---- Shapefile ----

#[test]
fn a_shapefile_without_its_shx_reads_fine() {
    let layer = accepted(&corpus("no_shx.shp"));
    assert_eq!(layer["features"], 2);
    assert_eq!(layer["crs"], "EPSG:28992");
    assert!((layer["area_km2"].as_f64().unwrap() - 2.0).abs() < 1e-6);
}

#[test]
fn a_dbf_promising_more_records_than_it_holds() {
    assert_says(
        &refused(&corpus("dbf_wrong_count.shp"), &[]),
        &["the .dbf header promises 40 records but the file holds only 2"],
    );
}

#[test]
fn a_dbf_with_fewer_records_than_the_shp() {
    assert_says(
        &refused(&corpus("dbf_fewer_records.shp"), &[]),
        &["the .dbf has 1 records but the .shp has 2 shapes"],
    );
}

#[test]
fn a_truncated_shp() {
    assert_says(
        &refused(&corpus("shp_truncated.shp"), &[]),
        &["record 2 is cut off", "truncated .shp?"],
    );
}

#[test]
fn a_point_shapefile() {
    assert_says(
        &refused(&corpus("points.shp"), &[]),
        &["no polygon features", "1 × Point"],
    );
}

#[test]
fn a_file_that_is_not_a_shapefile() {
    assert_says(
        &refused(&corpus("bad_file_code.shp"), &[]),
        &["does not start with the shapefile signature (9994)"],
    );
}

#[test]
fn a_record_claiming_a_billion_parts() {
    assert_says(
        &refused(&corpus("billion_parts.shp"), &[]),
        &["record 1", "1000000000 parts", "do not fit"],
    );
}

#[test]
fn an_unknown_code_page() {
    // Issue 12: read as the text looks, with a note, instead of refused.
    let output = run(&["inspect", corpus("unknown_cpg.shp").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_says(
        &stderr(&output),
        &["code page gebieden does not know ('KLINGON-8')", "read as"],
    );
}

#[test]
fn a_dbf_from_dos_in_code_page_850() {
    let layer = load(&corpus("dos_850.shp"), &LoadOptions::default())
        .unwrap()
        .remove(0);
    assert_eq!(
        layer.attribute(0, "naam").unwrap().to_string(),
        "Café Noord"
    );
    assert_eq!(
        layer.attribute(1, "naam").unwrap().to_string(),
        "Zuid-Brügge"
    );
}
