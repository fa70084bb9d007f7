//! The bad-input corpus of the foundation issue (#2): every case exits with code 2 and a
//! message that names the file, the feature where there is one, and the reason.

mod util;

use util::{assert_says, copy_shapefile, corpus, flagged, refused, run, stderr};

#[test]
fn truncated_json() {
    assert_says(
        &refused(&corpus("truncated.geojson"), &[]),
        &["not valid JSON", "ends too early", "line 1"],
    );
}

#[test]
fn wrong_top_level_type() {
    assert_says(
        &refused(&corpus("topology.json"), &[]),
        &["not GeoJSON", "'Topology'", "TopoJSON"],
    );
    assert_says(
        &refused(&corpus("array_top_level.geojson"), &[]),
        &["not GeoJSON", "top level must be a JSON object"],
    );
}

#[test]
fn bowtie_polygon_is_named_with_feature_and_place() {
    let message = flagged(&corpus("bowtie.geojson"), &[]);
    assert_says(
        &message,
        &[
            "feature vlinder",
            "outer ring of part 1 crosses itself near (6.050000, 51.950000)",
        ],
    );
}

#[test]
fn ring_of_three_points() {
    assert_says(
        &flagged(&corpus("ring_of_3_points.geojson"), &[]),
        &["feature driehoekje", "only 3 points", "at least 4"],
    );
}

#[test]
fn nan_coordinate() {
    assert_says(
        &flagged(&corpus("nan_coordinate.geojson"), &[]),
        &["feature leeg-getal", "non-finite coordinate", "position 2"],
    );
}

#[test]
fn empty_feature_collection_and_empty_file() {
    assert_says(
        &refused(&corpus("empty_collection.geojson"), &[]),
        &["contains no features"],
    );
    assert_says(
        &refused(&corpus("empty.geojson"), &[]),
        &["the file is empty"],
    );
}

#[test]
fn points_only() {
    assert_says(
        &refused(&corpus("points_only.geojson"), &[]),
        &["no polygon features", "2 × Point"],
    );
}

#[test]
fn rd_coordinates_in_a_file_that_implies_wgs84() {
    assert_says(
        &refused(&corpus("rd_without_crs.geojson"), &[]),
        &[
            "cannot be in EPSG:4326",
            "look like RD New",
            "--crs EPSG:28992",
        ],
    );
    // With the override the same file loads.
    let output = run(&[
        "inspect",
        corpus("rd_without_crs.geojson").to_str().unwrap(),
        "--crs",
        "EPSG:28992",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn unknown_crs_member() {
    assert_says(
        &refused(&corpus("unknown_crs.geojson"), &[]),
        // EPSG:2154 (Lambert-93) was unknown here before issue 12; the file now names a code
        // the EPSG registry does not have.
        &["EPSG::99999", "--crs EPSG:N"],
    );
}

#[test]
fn unsupported_extension_and_directory() {
    assert_says(
        &refused(&corpus("gebieden.kml"), &[]),
        &["unsupported file type '.kml'"],
    );
    let message = refused(&corpus(""), &[]);
    assert_says(&message, &["is a directory, not a file"]);
}

#[test]
fn shapefile_without_dbf() {
    let dir = tempfile::tempdir().unwrap();
    let shp = copy_shapefile("oude_ijsselstreek_buurten_2019", dir.path(), &["dbf"]);
    // Issue 12: the shapes load, numbered, as GDAL reads them; a note says what is missing.
    let output = run(&["inspect", "--json", shp.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_says(
        &stderr(&output),
        &["note: ", "no .dbf beside the .shp", "numbered"],
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report[0]["features"], 32);
    assert_eq!(report[0]["fields"].as_array().unwrap().len(), 0);
}

#[test]
fn shapefile_without_prj_names_the_override() {
    let dir = tempfile::tempdir().unwrap();
    let shp = copy_shapefile("oude_ijsselstreek_buurten_2019", dir.path(), &["prj"]);
    assert_says(
        &refused(&shp, &[]),
        &[
            "no .prj",
            "look like RD New (--crs EPSG:28992)",
            "--crs EPSG:N",
        ],
    );
    let output = run(&["inspect", shp.to_str().unwrap(), "--crs", "EPSG:28992"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn shapefile_with_an_unknown_prj() {
    let dir = tempfile::tempdir().unwrap();
    let shp = copy_shapefile("oude_ijsselstreek_buurten_2019", dir.path(), &[]);
    std::fs::write(
        shp.with_extension("prj"),
        r#"PROJCS["RGF93_Lambert_93",GEOGCS["GCS_RGF_1993",DATUM["D_RGF_1993",SPHEROID["GRS_1980",6378137.0,298.257222101]]],PROJECTION["Lambert_Conformal_Conic"],UNIT["Meter",1.0]]"#,
    )
    .unwrap();
    assert_says(
        &refused(&shp, &[]),
        &["the .prj", "RGF93_Lambert_93", "--crs EPSG:N"],
    );
}

#[test]
fn shapefile_with_a_dbf_of_another_layer() {
    let dir = tempfile::tempdir().unwrap();
    let shp = copy_shapefile("oude_ijsselstreek_buurten_2019", dir.path(), &["dbf"]);
    std::fs::copy(
        util::shared_data().join("shp/pc4_oude_ijsselstreek_e.o.dbf"),
        shp.with_extension("dbf"),
    )
    .unwrap();
    assert_says(
        &refused(&shp, &[]),
        &["the .dbf has 26 records but the .shp has 32 shapes"],
    );
}

#[test]
fn geopackage_without_polygon_layers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("haltes.gpkg");
    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute_batch(
        "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY, organization TEXT, organization_coordsys_id INTEGER, definition TEXT, description TEXT);
         INSERT INTO gpkg_spatial_ref_sys VALUES ('RD New', 28992, 'EPSG', 28992, '', '');
         CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT, identifier TEXT, description TEXT, last_change TEXT, min_x REAL, min_y REAL, max_x REAL, max_y REAL, srs_id INTEGER);
         CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT, srs_id INTEGER, z INTEGER, m INTEGER);
         CREATE TABLE haltes (fid INTEGER PRIMARY KEY, geom BLOB, naam TEXT);
         INSERT INTO gpkg_contents (table_name, data_type, srs_id) VALUES ('haltes', 'features', 28992);
         INSERT INTO gpkg_geometry_columns VALUES ('haltes', 'geom', 'POINT', 28992, 0, 0);",
    )
    .unwrap();
    drop(db);
    assert_says(
        &refused(&path, &[]),
        &["no polygon layers", "haltes (POINT)"],
    );

    let not_sqlite = dir.path().join("kapot.gpkg");
    std::fs::write(&not_sqlite, b"this is not a database at all").unwrap();
    assert_says(&refused(&not_sqlite, &[]), &["not a GeoPackage"]);
}

#[test]
fn id_field_that_is_missing_or_not_unique() {
    let buurten = util::shared("oude_ijsselstreek_buurten_2019.rd.geojson");
    assert_says(
        &refused(&buurten, &["--id-field", "wijkcode"]),
        &["id field 'wijkcode' is not unique", "WK150900"],
    );
    assert_says(
        &refused(&buurten, &["--id-field", "bu_code"]),
        &["id field 'bu_code' does not exist", "buurtcode, buurtnaam"],
    );
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let output = run(&[
        "inspect",
        "--json",
        corpus("truncated.geojson").to_str().unwrap(),
        util::demo("buurten.geojson").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report.as_array().unwrap().len(), 1);
}
