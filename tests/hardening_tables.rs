//! The bad-input corpus of the hardening issue (#7), part two: GeoPackages, project files and
//! assignment CSVs (GeoJSON and Shapefile are in hardening.rs). Each case is refused with a
//! message naming file, feature and reason (exit 2, no panic) or read correctly; since issue 12
//! a GeoPackage with an unusable table or feature loads the rest, with a note naming it.

mod util;

use std::path::{Path, PathBuf};

use gebieden::io::{LoadOptions, load, read_assignment, read_project};
use util::{assert_says, corpus, demo, refused, run, stderr, stdout};

// ---- GeoPackage ----

/// A copy of the shared GeoPackage changed by `sql` (GDAL's R-tree triggers call spatial SQL
/// functions plain SQLite lacks, so they are dropped first).
fn changed_geopackage(dir: &Path, name: &str, sql: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(util::shared("gpkg/oude_ijsselstreek.gpkg"), &path).unwrap();
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&path, permissions).unwrap();
    let db = rusqlite::Connection::open(&path).unwrap();
    let triggers: Vec<String> = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for trigger in triggers {
        db.execute_batch(&format!("DROP TRIGGER \"{trigger}\""))
            .unwrap();
    }
    db.execute_batch(sql).unwrap();
    path
}

/// Runs `inspect` on a GeoPackage that loads in part: exit 0, the tables that load, and the
/// notes on stderr (issue 12: one unusable table never sinks the file).
fn loads_in_part(path: &Path, tables: usize) -> String {
    let output = run(&["inspect", "--json", path.to_str().unwrap()]);
    let notes = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{notes}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report.as_array().unwrap().len(), tables, "{report}");
    assert!(notes.starts_with("note: "), "{notes}");
    notes
}

#[test]
fn a_geopackage_with_its_own_srs_for_rd() {
    let dir = tempfile::tempdir().unwrap();
    let path = changed_geopackage(
        dir.path(),
        "eigen_srs.gpkg",
        "INSERT INTO gpkg_spatial_ref_sys VALUES ('RD van de gemeente', 100000, 'gemeente', 1,
            (SELECT definition FROM gpkg_spatial_ref_sys WHERE srs_id = 28992), '');
         UPDATE gpkg_geometry_columns SET srs_id = 100000;
         UPDATE gpkg_contents SET srs_id = 100000;",
    );
    let layers = load(&path, &LoadOptions::default()).unwrap();
    assert_eq!(layers.len(), 4);
    let buurten = layers.iter().find(|l| l.name == "buurten").unwrap();
    assert_eq!(buurten.source_crs, gebieden::model::Crs::RD_NEW);
    assert_eq!(buurten.features.len(), 32);
}

#[test]
fn a_geopackage_with_an_srs_nobody_knows() {
    let dir = tempfile::tempdir().unwrap();
    let path = changed_geopackage(
        dir.path(),
        "lokaal.gpkg",
        "INSERT INTO gpkg_spatial_ref_sys VALUES ('Lokaal stelsel', 100001, 'gemeente', 7, 'LOCAL_CS[\"bouwtekening\"]', '');
         UPDATE gpkg_geometry_columns SET srs_id = 100001 WHERE table_name = 'wijken';",
    );
    assert_says(
        &loads_in_part(&path, 3),
        &[
            "table 'wijken' of the same file is left out",
            "'Lokaal stelsel' (gemeente 7)",
            "--crs EPSG:28992",
        ],
    );
    let path = changed_geopackage(
        dir.path(),
        "zoek.gpkg",
        "PRAGMA foreign_keys = OFF; UPDATE gpkg_geometry_columns SET srs_id = 4242 WHERE table_name = 'wijken';",
    );
    assert_says(
        &loads_in_part(&path, 3),
        &[
            "table 'wijken'",
            "SRS id 4242 is not in gpkg_spatial_ref_sys",
        ],
    );
    // No table left: refused, the first one's reason given.
    let path = changed_geopackage(
        dir.path(),
        "niets.gpkg",
        "PRAGMA foreign_keys = OFF; UPDATE gpkg_geometry_columns SET srs_id = 4242;",
    );
    assert_says(
        &refused(&path, &[]),
        &["layer '", "SRS id 4242 is not in gpkg_spatial_ref_sys"],
    );
}

#[test]
fn a_geopackage_with_a_damaged_geometry() {
    let dir = tempfile::tempdir().unwrap();
    let path = changed_geopackage(
        dir.path(),
        "kapotte_vorm.gpkg",
        "UPDATE wijken SET geom = X'00010203' WHERE fid = (SELECT min(fid) FROM wijken);",
    );
    assert_says(
        &loads_in_part(&path, 4),
        &[
            "layer 'wijken'",
            "1 feature(s) left out",
            "feature 1",
            "not a GeoPackage binary",
        ],
    );
}

#[test]
fn a_geopackage_listing_a_table_that_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let path = changed_geopackage(dir.path(), "weg.gpkg", "DROP TABLE wijken;");
    assert_says(
        &loads_in_part(&path, 3),
        &["table 'wijken'", "no such table: wijken"],
    );
}

// ---- Project files ----

#[test]
fn a_project_from_a_future_version() {
    let path = corpus("future_version.gebieden");
    let error = read_project(&path).unwrap_err().to_string();
    assert_says(
        &error,
        &[
            "future_version.gebieden",
            "newer gebieden",
            "project version 99",
            "update gebieden",
        ],
    );
    let output = run(&["map", path.to_str().unwrap(), "--out", "unused.png"]);
    assert_eq!(output.status.code(), Some(2));
    assert_says(&stderr(&output), &["project version 99"]);
}

#[test]
fn json_that_is_not_a_project() {
    assert_says(
        &read_project(&corpus("not_a_project.gebieden"))
            .unwrap_err()
            .to_string(),
        &[
            "not a gebieden project",
            "no \"format\": \"gebieden-project\"",
        ],
    );
    assert_says(
        &read_project(&corpus("project_bad_layers.gebieden"))
            .unwrap_err()
            .to_string(),
        &[
            "not a gebieden project",
            "\"buurten.geojson\", expected a sequence",
        ],
    );
}

// ---- Assignment CSV ----

fn demo_units() -> gebieden::model::Layer {
    load(&demo("buurten.geojson"), &LoadOptions::default())
        .unwrap()
        .remove(0)
}

fn csv_error(file: &str) -> String {
    read_assignment(&corpus(file), &demo_units())
        .unwrap_err()
        .to_string()
}

#[test]
fn a_csv_naming_an_unknown_unit() {
    assert_says(
        &csv_error("assign_unknown_unit.csv"),
        &[
            "assign_unknown_unit.csv",
            "line 3",
            "unit 'BU12345678' is not in buurten",
        ],
    );
}

#[test]
fn a_csv_with_duplicate_and_conflicting_rows() {
    // The same row twice is harmless.
    let composition = read_assignment(&corpus("assign_duplicate_rows.csv"), &demo_units()).unwrap();
    assert_eq!(composition.assignment.len(), 2);
    // The same unit in two areas is a conflict, named with both lines.
    assert_says(
        &csv_error("assign_conflicting_rows.csv"),
        &[
            "line 4",
            "unit 'BU99990100' goes to 'Zuid', but line 2 puts it in 'Noord'",
        ],
    );
}

#[test]
fn a_csv_without_an_area_column_or_empty() {
    assert_says(
        &csv_error("assign_one_column.csv"),
        &[
            "must name the columns 'unit' and 'area'",
            "it has: buurtcode",
        ],
    );
    assert_says(&csv_error("assign_empty.csv"), &["the file is empty"]);
}

#[test]
fn a_dutch_excel_csv() {
    // Windows-1252, semicolons, Dutch column names.
    let composition = read_assignment(&corpus("assign_cp1252.csv"), &demo_units()).unwrap();
    let names: Vec<&str> = composition.areas.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Café Noord", "Zuidoever ‘t Veld"]);
}

#[test]
fn compose_reports_a_bad_csv_through_the_cli() {
    let output = run(&[
        "compose",
        "--units",
        demo("buurten.geojson").to_str().unwrap(),
        "--assign",
        corpus("assign_unknown_unit.csv").to_str().unwrap(),
        "--out",
        tempfile::tempdir().unwrap().path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert_says(&stderr(&output), &["error: ", "line 3", "BU12345678"]);
}
