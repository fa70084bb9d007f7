//! Every file of the shared CBS data loads with the right features, CRS, areas and text.

mod util;

use gebieden::io::{LoadOptions, load};
use gebieden::model::{Crs, Layer, Value};
use util::shared;

fn load_one(path: &std::path::Path) -> Layer {
    let mut layers = load(path, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(layers.len(), 1, "{}", path.display());
    layers.remove(0)
}

const PAIRS: &[(&str, usize)] = &[
    ("oude_ijsselstreek_buurten_2019", 32),
    ("oude_ijsselstreek_wijken_2019", 4),
    ("gemeenten_2019_oude_ijsselstreek_e.o", 7),
    ("gemeenten_2022_oude_ijsselstreek_e.o", 6),
    ("ggdregios_2022_oost_nl", 2),
    ("veiligheidsregios_2019_oost_nl", 2),
    ("pc4_oude_ijsselstreek_e.o", 26),
];

#[test]
fn rd_and_wgs84_copies_load_and_agree_on_area() {
    for &(stem, count) in PAIRS {
        let rd = load_one(&shared(&format!("{stem}.rd.geojson")));
        let wgs = load_one(&shared(&format!("{stem}.wgs84.geojson")));
        assert_eq!(rd.features.len(), count, "{stem}");
        assert_eq!(wgs.features.len(), count, "{stem}");
        assert_eq!(rd.source_crs, Crs::RD_NEW, "{stem}");
        assert_eq!(wgs.source_crs, Crs::WGS84, "{stem}");
        assert_eq!(rd.invalid_features().count(), 0, "{stem}");
        assert_eq!(wgs.invalid_features().count(), 0, "{stem}");
        let (a, b) = (rd.area_m2(), wgs.area_m2());
        assert!(
            ((a - b) / a).abs() < 0.0005,
            "{stem}: RD {a} m², WGS84 {b} m²"
        );
    }
}

#[test]
fn oude_ijsselstreek_is_32_buurten_of_137_7_km2() {
    let buurten = load_one(&shared("oude_ijsselstreek_buurten_2019.rd.geojson"));
    assert_eq!(buurten.features.len(), 32);
    let km2 = buurten.area_m2() / 1e6;
    assert!((km2 - 137.7).abs() / 137.7 < 0.001, "{km2} km²");
    assert_eq!(buurten.id_field.as_deref(), Some("buurtcode"));
    let ulft = buurten
        .feature_index("BU15090000")
        .expect("Ulft-Centrum is there");
    assert_eq!(
        buurten.attribute(ulft, "buurtnaam"),
        Some(&Value::Text("Ulft-Centrum en Ulft-Oost".into()))
    );
}

#[test]
fn shapefiles_load_with_their_crs_and_encoding() {
    let buurten = load_one(&shared("shp/oude_ijsselstreek_buurten_2019.shp"));
    assert_eq!(
        (buurten.features.len(), buurten.source_crs),
        (32, Crs::RD_NEW)
    );
    let pc4 = load_one(&shared("shp/pc4_oude_ijsselstreek_e.o.shp"));
    assert_eq!((pc4.features.len(), pc4.source_crs), (26, Crs::RD_NEW));
    assert_eq!(pc4.id_field.as_deref(), Some("postcode"));

    let wijken = load_one(&shared(
        "shp/oude_ijsselstreek_wijken_2019_wgs84_cp1252.shp",
    ));
    assert_eq!((wijken.features.len(), wijken.source_crs), (4, Crs::WGS84));
    let remarks: Vec<String> = (0..4)
        .map(|i| wijken.attribute(i, "opmerking").unwrap().to_string())
        .collect();
    assert_eq!(
        remarks,
        [
            "Ulft en Etten",
            "Gendringen, Megchelen, Netterden ë",
            "Silvolde-Terborg: café",
            "Varsseveld ü"
        ]
    );
    let geojson = load_one(&shared("oude_ijsselstreek_buurten_2019.rd.geojson"));
    assert!((buurten.area_m2() - geojson.area_m2()).abs() / geojson.area_m2() < 1e-6);
}

#[test]
fn every_geopackage_layer_loads() {
    let layers = load(
        &shared("gpkg/oude_ijsselstreek.gpkg"),
        &LoadOptions::default(),
    )
    .unwrap();
    let found: Vec<(&str, usize, Crs)> = layers
        .iter()
        .map(|l| (l.name.as_str(), l.features.len(), l.source_crs))
        .collect();
    assert_eq!(
        found,
        vec![
            ("buurten", 32, Crs::RD_NEW),
            ("gemeenten", 6, Crs::RD_NEW),
            ("pc4", 26, Crs::RD_NEW),
            ("wijken", 4, Crs::RD_NEW),
        ]
    );
    let pc4 = &layers[2];
    let inwoners: f64 = (0..pc4.features.len())
        .filter_map(|i| pc4.attribute(i, "inwoners_2021").and_then(Value::as_f64))
        .sum();
    assert!(inwoners > 39_000.0, "{inwoners}");
}

#[test]
fn the_national_layers_load() {
    let buurten = load_one(&shared("nl/buurten_2019.rd.geojson"));
    assert_eq!(buurten.features.len(), 13_594);
    let pc4 = load_one(&shared("nl/pc4_2020.rd.geojson"));
    assert_eq!(pc4.features.len(), 4_067);
    assert_eq!(pc4.source_crs, Crs::RD_NEW);
    let km2 = pc4.area_m2() / 1e6;
    assert!(km2 > 30_000.0 && km2 < 42_000.0, "{km2}");
}

#[test]
fn reprojection_matches_the_published_wgs84_copy_vertex_by_vertex() {
    // The shared WGS84 copies were made by pyproj with the same 7-parameter shift; the first
    // vertex of Ulft-Centrum must land within a metre of the RD copy's.
    let rd = load_one(&shared("oude_ijsselstreek_buurten_2019.rd.geojson"));
    let wgs = load_one(&shared("oude_ijsselstreek_buurten_2019.wgs84.geojson"));
    let a = rd.features[0].geometry.0[0].exterior().0[0];
    let b = wgs.features[0].geometry.0[0]
        .exterior()
        .0
        .iter()
        .min_by(|p, q| {
            (p.x - a.x)
                .hypot(p.y - a.y)
                .total_cmp(&(q.x - a.x).hypot(q.y - a.y))
        })
        .copied()
        .unwrap();
    assert!((a.x - b.x).hypot(a.y - b.y) < 1.0, "{a:?} vs {b:?}");
}

#[test]
fn inspect_json_has_the_documented_keys() {
    let output = util::run(&[
        "inspect",
        "--json",
        shared("gpkg/oude_ijsselstreek.gpkg").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", util::stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let layers = report.as_array().unwrap();
    assert_eq!(layers.len(), 4);
    for key in [
        "name",
        "path",
        "format",
        "crs",
        "features",
        "geometry_types",
        "area_km2",
        "bbox_wgs84",
        "id_field",
        "fields",
        "invalid",
        "skipped",
    ] {
        assert!(layers[0].get(key).is_some(), "missing key {key}");
    }
    let buurten = &layers[0];
    assert_eq!(buurten["format"], "geopackage");
    assert_eq!(buurten["crs"], "EPSG:28992");
    assert_eq!(buurten["features"], 32);
    assert_eq!(buurten["id_field"], "buurtcode");
    assert_eq!(
        buurten["fields"][0],
        serde_json::json!({"name": "buurtcode", "type": "text"})
    );
    let bbox: Vec<f64> = serde_json::from_value(buurten["bbox_wgs84"].clone()).unwrap();
    assert!(
        bbox[0] > 6.2 && bbox[2] < 6.6 && bbox[1] > 51.8 && bbox[3] < 52.1,
        "{bbox:?}"
    );
}
