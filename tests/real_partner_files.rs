//! Issue 12: real partner files, judged by GDAL. The fixtures are made by scripts in
//! tests/fixtures/ with GDAL itself, which also recorded what it reads from them; gebieden must
//! read the same polygon features with the same area.

mod util;

use std::path::{Path, PathBuf};

use gebieden::io::{LoadOptions, load};
use gebieden::model::LayerNote;
use geo::Area;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// What GDAL read from the fixtures, as the scripts recorded it.
fn expected(file: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(fixture(file)).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn a_partner_geopackage_reads_as_gdal_reads_it() {
    let layers = load(&fixture("partner.gpkg"), &LoadOptions::default()).unwrap();
    let gdal = expected("partner.gpkg.expected.json");
    let mut read = Vec::new();
    for layer in &layers {
        let wanted = &gdal[&layer.name];
        let area: f64 = layer
            .features
            .iter()
            .map(|f| f.geometry.unsigned_area())
            .sum();
        assert_eq!(
            layer.features.len() as u64,
            wanted["polygon_features"].as_u64().unwrap(),
            "{}",
            layer.name
        );
        let gdal_area = wanted["area_m2"].as_f64().unwrap();
        // Curves are segmented in chords of 4° as GDAL does; where the chords start may differ.
        assert!(
            (area - gdal_area).abs() <= gdal_area * 1e-4,
            "{}: {area} m², GDAL {gdal_area} m²",
            layer.name
        );
        read.push(layer.name.as_str());
    }
    read.sort();
    assert_eq!(read, ["bogen", "verzameling", "vlakken", "wijken"]);
    // The tables without polygons are named in a note, not silently dropped.
    let skipped: Vec<&str> = layers
        .iter()
        .flat_map(|l| &l.notes)
        .filter_map(|n| match n {
            LayerNote::TableSkipped { table, .. } => Some(table.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(skipped.contains(&"meldpunten") && skipped.contains(&"leeg"));
    let bogen = layers.iter().find(|l| l.name == "bogen").unwrap();
    assert!(bogen.notes.contains(&LayerNote::CurvesLinearised(2)));
    assert!(
        bogen.invalid_features().next().is_none(),
        "segmented rings are valid"
    );
}

#[test]
fn partner_shapefiles_read_as_gdal_reads_them() {
    let gdal = expected("shp/expected.json");
    for (name, wanted) in gdal.as_object().unwrap() {
        let path = fixture(&format!("shp/{name}.shp"));
        let layers = load(&path, &LoadOptions::default()).unwrap();
        let layer = &layers[0];
        assert_eq!(
            layer.features.len() as u64,
            wanted["features"].as_u64().unwrap(),
            "{name}"
        );
        let area: f64 = layer
            .features
            .iter()
            .map(|f| f.geometry.unsigned_area())
            .sum();
        let gdal_area = wanted["area_m2"].as_f64().unwrap();
        assert!(
            (area - gdal_area).abs() < 0.01,
            "{name}: {area} m², GDAL {gdal_area} m²"
        );
        let names: Vec<String> = match layer.field_index("naam") {
            Some(column) => layer
                .features
                .iter()
                .map(|f| f.attributes[column].to_string())
                .collect(),
            None => Vec::new(),
        };
        let gdal_names: Vec<&str> = wanted["names"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect();
        assert_eq!(names, gdal_names, "{name}");
        assert!(
            layer.invalid_features().next().is_none(),
            "{name}: read as valid polygons"
        );
    }
}

#[test]
fn a_belgian_partner_file_in_lambert_72_lands_where_gdal_puts_it() {
    // Baarle-Hertog's neighbours send Belgian Lambert 72 (EPSG:31370), a code gebieden did
    // not know before issue 12. GDAL 3.6 puts (200000, 230000) at RD (134088.46, 376529.73).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("belgie.geojson");
    std::fs::write(
        &path,
        r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::31370"}},
            "features":[{"type":"Feature","properties":{"naam":"Grens"},"geometry":{"type":"Polygon",
            "coordinates":[[[200000,230000],[200100,230000],[200100,230100],[200000,230100],[200000,230000]]]}}]}"#,
    )
    .unwrap();
    let layer = load(&path, &LoadOptions::default()).unwrap().remove(0);
    assert_eq!(layer.source_crs.epsg(), 31370);
    let corner = layer.features[0].geometry.0[0]
        .exterior()
        .0
        .iter()
        .map(|c| (c.x - 134_088.46).hypot(c.y - 376_529.73))
        .fold(f64::INFINITY, f64::min);
    // Both use a 7-parameter datum shift; they agree to a few metres.
    assert!(corner < 5.0, "{corner} m from GDAL's position");
}
