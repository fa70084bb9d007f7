//! Nesting partner divisions in base units (issue 14): `gebieden nest` on the Oude IJsselstreek
//! buurten, checked against an independent geopandas/GEOS computation
//! (`tests/fixtures/make_nest_fixture.py`): the same buurten per partner area, the misfit within
//! 0.5 %.

mod util;

use std::collections::BTreeMap;

use util::{run, shared, stderr, stdout};

fn read_nest_csv(path: &std::path::Path) -> (Vec<String>, BTreeMap<String, Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r.iter().map(str::to_string).collect())
        })
        .collect();
    (header, rows)
}

#[test]
fn nesting_agrees_with_geopandas_on_real_data() {
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/nest_oude_ijsselstreek.json")).unwrap(),
    )
    .unwrap();
    let base = shared("oude_ijsselstreek_buurten_2019.rd.geojson");
    for (name, file) in [("wijken", "oude_ijsselstreek_wijken_2019.rd.geojson"), ("pc4", "pc4_oude_ijsselstreek_e.o.rd.geojson")] {
        let dir = tempfile::tempdir().unwrap();
        let output = run(&["nest", shared(file).to_str().unwrap(), "--base", base.to_str().unwrap(), "--out", dir.path().to_str().unwrap()]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(stdout(&output).contains("worst fits"), "{}", stdout(&output));
        let (header, rows) = read_nest_csv(&dir.path().join("nest.csv"));
        assert_eq!(header, ["partner_id", "units", "unit_count", "area_m2", "misfit_m2", "misfit_share"]);
        let expected = expected[name].as_object().unwrap();
        assert_eq!(rows.len(), expected.len(), "{name}");
        for (id, row) in &rows {
            let want = &expected[id];
            let mut units: Vec<&str> = row[1].split_whitespace().collect();
            units.sort();
            let want_units: Vec<&str> = want["units"].as_array().unwrap().iter().map(|u| u.as_str().unwrap()).collect();
            assert_eq!(units, want_units, "{name} {id}");
            assert_eq!(row[2], want_units.len().to_string());
            let area: f64 = row[3].parse().unwrap();
            let misfit: f64 = row[4].parse().unwrap();
            let want_area = want["area_m2"].as_f64().unwrap();
            let want_misfit = want["misfit_m2"].as_f64().unwrap();
            assert!((area - want_area).abs() <= want_area * 0.005, "{name} {id}: area {area} vs {want_area}");
            assert!(
                (misfit - want_misfit).abs() <= want_area * 0.005,
                "{name} {id}: misfit {misfit} vs {want_misfit} (of {want_area})"
            );
            let share: f64 = row[5].parse().unwrap();
            assert!((share - misfit / area).abs() < 1e-5);
        }
        // The partner division rebuilt from whole buurten, one feature per partner area.
        let nested: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("nested.geojson")).unwrap()).unwrap();
        let features = nested["features"].as_array().unwrap();
        assert_eq!(features.len(), rows.len());
        for feature in features {
            let id = feature["properties"]["partner_id"].as_str().unwrap();
            assert_eq!(feature["properties"]["units"].as_str().unwrap(), rows[id][1]);
            assert!(feature["properties"]["kleur"].as_str().unwrap().starts_with('#'));
        }
    }
}

#[test]
fn a_weight_adds_the_people_living_outside_their_units() {
    let dir = tempfile::tempdir().unwrap();
    let base = shared("oude_ijsselstreek_buurten_2019.rd.geojson");
    let pc4 = shared("pc4_oude_ijsselstreek_e.o.rd.geojson");
    let output = run(&[
        "nest", pc4.to_str().unwrap(), "--base", base.to_str().unwrap(), "--weight", "inwoners_2021", "--out", dir.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let (header, rows) = read_nest_csv(&dir.path().join("nest.csv"));
    assert_eq!(&header[6..], ["weight_total", "weight_outside"]);
    // The weight is the PC4's own (buurten have none): Ulft's 10,515 inwoners, spread by area.
    let ulft = &rows["7071"];
    let total: f64 = ulft[6].parse().unwrap();
    let outside: f64 = ulft[7].parse().unwrap();
    let share: f64 = ulft[5].parse().unwrap();
    assert!((total - 10_515.0).abs() < 0.5, "{total}");
    assert!(outside >= 0.0 && outside <= total * share + 0.5, "{outside} of {total}, misfit share {share}");

    let output = run(&["nest", pc4.to_str().unwrap(), "--base", base.to_str().unwrap(), "--weight", "nergens", "--out", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no layer has the weight field 'nergens'"), "{}", stderr(&output));
    let output = run(&["nest", "/nonexistent/politie.shp", "--base", base.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("politie.shp"), "{}", stderr(&output));
}
