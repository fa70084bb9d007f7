//! Carrying an agreement to a new buurt vintage (issue 18): the Groesbeek 2015 buurten grouped
//! by wijk, migrated to the Berg en Dal 2019 buurten, against an independent geopandas/GEOS
//! computation (`tests/fixtures/make_migrate_fixture.py` → `migrate_groesbeek.json`).

mod util;

use util::{run, shared, stderr, stdout};

#[test]
fn groesbeek_wijken_carried_to_the_2019_buurten_agree_with_geos() {
    let dir = tempfile::tempdir().unwrap();
    let old = shared("vintage/gm1945_berg_en_dal_buurten_2015.rd.geojson");
    let new = shared("vintage/gm1945_berg_en_dal_buurten_2019.rd.geojson");
    // The agreement: every 2015 buurt in its wijk.
    let buurten: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&old).unwrap()).unwrap();
    let mut csv = String::from("unit,area\n");
    for f in buurten["features"].as_array().unwrap() {
        csv += &format!("{},{}\n", f["properties"]["buurtcode"].as_str().unwrap(), f["properties"]["wijkcode"].as_str().unwrap());
    }
    let assign = dir.path().join("wijken.csv");
    std::fs::write(&assign, csv).unwrap();
    let out = dir.path().join("migratie");
    let output = run(&[
        "migrate", "--units", old.to_str().unwrap(), "--assign", assign.to_str().unwrap(), "--to", new.to_str().unwrap(),
        "--out", out.to_str().unwrap(),
    ]);
    // Straddlers are to be decided: exit 1, and they are named.
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stdout(&output).contains("to be decided"), "{}", stdout(&output));

    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/migrate_groesbeek.json")).unwrap(),
    )
    .unwrap();
    let table = std::fs::read_to_string(out.join("migration.csv")).unwrap();
    let mut lines = table.lines();
    assert_eq!(lines.next(), Some("unit,area,share,status,from"));
    let mut seen = 0;
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let (unit, area, share, status) = (cells[0], cells[1], cells[2].parse::<f64>().unwrap(), cells[3]);
        let geos = &expected[unit];
        assert_eq!(area, geos["area"].as_str().unwrap(), "{unit}: the wijk holding most of it");
        let geos_share = geos["share"].as_f64().unwrap();
        assert!((share - geos_share).abs() <= 0.01, "{unit}: share {share} against GEOS {geos_share}");
        assert_eq!(status == "straddles", geos_share < 0.9, "{unit}: {status} at GEOS share {geos_share}");
        seen += 1;
    }
    assert_eq!(seen, expected.as_object().unwrap().len(), "every new buurt");
    // assignment.csv: every new buurt, straddlers without an area.
    let assignment = std::fs::read_to_string(out.join("assignment.csv")).unwrap();
    assert_eq!(assignment.lines().count(), seen + 1);
    assert_eq!(assignment.lines().filter(|l| l.ends_with(',')).count(), 3);
}

#[test]
fn migrate_refuses_bad_input_with_exit_2() {
    let old = shared("vintage/gm1945_berg_en_dal_buurten_2015.rd.geojson");
    let output = run(&["migrate", "--units", old.to_str().unwrap(), "--assign", "/nonexistent.csv", "--to", old.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("nonexistent.csv"), "{}", stderr(&output));
    let output = run(&["migrate", "--units", old.to_str().unwrap(), "--assign", "/x.csv", "--to", old.to_str().unwrap(), "--min-share", "2"]);
    assert_eq!(output.status.code(), Some(2));
}
