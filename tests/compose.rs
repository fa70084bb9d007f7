//! Composing the agreed division (#5): the six Oude IJsselstreek areas of 2013, the exports,
//! and bad assignment files.

mod util;

use gebieden::compose::compose;
use gebieden::io::{LoadOptions, load, read_assignment};
use gebieden::model::Layer;
use geo::Area;
use util::{run, shared, stderr, stdout};

fn load_one(path: &std::path::Path) -> Layer {
    load(path, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .remove(0)
}

fn buurten() -> Layer {
    load_one(&shared("oude_ijsselstreek_buurten_2019.rd.geojson"))
}

#[test]
fn the_six_areas_of_2013_cover_the_municipality_in_one_piece_each() {
    let units = buurten();
    let composition = read_assignment(&shared("gebieden_2013_voorstel.csv"), &units).unwrap();
    let result = compose(&units, &composition, &[] as &[Layer], 5.0);
    assert_eq!(result.areas.len(), 6);
    assert!(result.checks.complete(), "{:?}", result.checks);
    assert!(result.checks.unassigned.is_empty() && result.checks.empty_areas.is_empty());
    for area in &result.areas {
        assert_eq!(area.geometry.0.len(), 1, "{} is one piece", area.name);
    }
    let total: f64 = result.areas.iter().map(|a| a.area_m2).sum();
    let expected = units.area_m2();
    assert!(
        ((total - expected) / expected).abs() < 1e-4,
        "{total} vs {expected}"
    );
    // The dissolve is exact along shared buurt edges: the areas do not overlap or leave gaps.
    let analysis = gebieden::analysis::analyse(&[result.as_layer()], None, &Default::default());
    assert!(
        analysis.problems.is_empty(),
        "{:?}",
        analysis.problems.first()
    );
    let varsseveld = &result.areas[0];
    assert_eq!(varsseveld.units.len(), 8);
}

#[test]
fn compose_writes_exports_that_read_back_with_the_same_geometry() {
    let out = tempfile::tempdir().unwrap();
    let output = run(&[
        "compose",
        "--units",
        shared("oude_ijsselstreek_buurten_2019.rd.geojson")
            .to_str()
            .unwrap(),
        "--assign",
        shared("gebieden_2013_voorstel.csv").to_str().unwrap(),
        "--partners",
        shared("oude_ijsselstreek_wijken_2019.rd.geojson")
            .to_str()
            .unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    let summary = stdout(&output);
    assert!(summary.contains("6 areas from 32 units"), "{summary}");
    assert!(summary.contains("Checks: complete"), "{summary}");
    // Bontebrug goes with Ulft although CBS puts it in wijk 02: Terborg and Silvolde cut WK150902.
    assert!(summary.contains("WK150902"), "{summary}");

    let units = buurten();
    let composition = read_assignment(&shared("gebieden_2013_voorstel.csv"), &units).unwrap();
    let expected = compose(&units, &composition, &[] as &[Layer], 5.0);
    for (file, tolerance) in [
        ("areas.shp", 1e-9),
        ("areas.gpkg", 1e-9),
        ("areas.geojson", 5e-4),
    ] {
        let layer = load_one(&out.path().join(file));
        assert_eq!(layer.features.len(), 6, "{file}");
        for (feature, area) in layer.features.iter().zip(&expected.areas) {
            let name = layer
                .attribute(layer.feature_index(&feature.id).unwrap(), "gebied")
                .unwrap()
                .to_string();
            assert_eq!(name, area.name, "{file}");
            let read = feature.geometry.unsigned_area();
            assert!(
                ((read - area.area_m2) / area.area_m2).abs() < tolerance,
                "{file} {name}: {read} vs {}",
                area.area_m2
            );
        }
    }
    let assignment = std::fs::read_to_string(out.path().join("assignment.csv")).unwrap();
    assert_eq!(assignment.lines().next(), Some("unit,area"));
    assert_eq!(assignment.lines().count(), 33);
    let stats = std::fs::read_to_string(out.path().join("stats.csv")).unwrap();
    assert!(stats.starts_with("area,units,area_km2"), "{stats}");
    assert_eq!(
        std::fs::read_to_string(out.path().join("areas.cpg")).unwrap(),
        "UTF-8"
    );

    // GDAL, when installed, must open the exports too.
    if let Ok(ogr) = std::process::Command::new("ogrinfo")
        .args(["-so", "-al"])
        .arg(out.path().join("areas.gpkg"))
        .output()
    {
        let text = String::from_utf8_lossy(&ogr.stdout);
        assert!(
            ogr.status.success() && text.contains("Feature Count: 6"),
            "{text}{}",
            String::from_utf8_lossy(&ogr.stderr)
        );
        let ogr = std::process::Command::new("ogrinfo")
            .args(["-so", "-al"])
            .arg(out.path().join("areas.shp"))
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&ogr.stdout);
        assert!(
            ogr.status.success()
                && text.contains("Feature Count: 6")
                && text.contains("Amersfoort"),
            "{text}"
        );
    }
}

fn compose_with(csv: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("toewijzing.csv");
    std::fs::write(&path, csv).unwrap();
    let out = dir.path().join("out");
    run(&[
        "compose",
        "--units",
        shared("oude_ijsselstreek_buurten_2019.rd.geojson")
            .to_str()
            .unwrap(),
        "--assign",
        path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

#[test]
fn an_incomplete_composition_exits_1_and_names_what_is_missing() {
    let full = std::fs::read_to_string(shared("gebieden_2013_voorstel.csv")).unwrap();
    let without_terborg: String = full
        .lines()
        .filter(|l| !l.starts_with("BU15090200"))
        .map(|l| format!("{l}\n"))
        .collect();
    let output = compose_with(&without_terborg);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("1 units without an area: BU15090200"),
        "{}",
        stdout(&output)
    );

    // Ulft-West in area 4 instead of Ulft-Centrum splits area 4 in two (see the shared data's
    // README): Bontebrug touches only Ulft-Centrum en Ulft-Oost.
    let split: String = full
        .lines()
        .map(|l| match l.split(',').next() {
            Some("BU15090001") => "BU15090001,4 Ulft-zuid en Bontebrug".to_string(),
            Some("BU15090000") => {
                "BU15090000,\"5 Ulft-noord, Ulft-centrum, Varsselder-Veldhunten en Etten\""
                    .to_string()
            }
            _ => l.to_string(),
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let output = compose_with(&split);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("is in 2 parts"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn bad_assignment_files_are_refused_with_the_line() {
    let output = compose_with("unit,area\nBU15090300,1\nBU99999999,2\n");
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains(
            "toewijzing.csv: line 3: unit 'BU99999999' is not in oude_ijsselstreek_buurten_2019"
        ),
        "{message}"
    );

    let output = compose_with("unit,area\nBU15090300,1\nBU15090300,2\n");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .contains("line 3: unit 'BU15090300' goes to '2', but line 2 puts it in '1'"),
        "{}",
        stderr(&output)
    );

    let output = compose_with("buurt;gebied\nBU15090300;1\n");
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("must name the columns 'unit' and 'area'")
            && message.contains("it has: buurt, gebied"),
        "{message}"
    );

    // Exact duplicate rows and Excel's semicolons are fine.
    let output = compose_with("unit;area\nBU15090300;1\nBU15090300;1\n");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
}

#[test]
fn ulft_centrum_split_in_two_goes_to_areas_4_and_5() {
    // "Ulft-zuid" is not a CBS buurt: the agreed line runs through Ulft-Centrum en Ulft-Oost.
    let units = buurten();
    let mut composition = read_assignment(&shared("gebieden_2013_voorstel.csv"), &units).unwrap();
    let ulft = &units.features[units.feature_index("BU15090000").unwrap()];
    let rect = geo::BoundingRect::bounding_rect(&ulft.geometry).unwrap();
    let middle = (rect.min().y + rect.max().y) / 2.0;
    composition.splits.push(gebieden::compose::Split {
        unit: "BU15090000".into(),
        line: vec![[rect.min().x - 10.0, middle], [rect.max().x + 10.0, middle]],
    });
    composition.assignment.remove("BU15090000");
    let north = "5 Ulft-noord, Ulft-centrum, Varsselder-Veldhunten en Etten";
    let south = "4 Ulft-zuid en Bontebrug";
    composition
        .assignment
        .insert("BU15090000-1".into(), north.into());
    composition
        .assignment
        .insert("BU15090000-2".into(), south.into());
    let result = compose(&units, &composition, &[] as &[Layer], 5.0);
    assert!(
        result.checks.unassigned.is_empty() && result.checks.unknown_units.is_empty(),
        "{:?}",
        result.checks
    );
    assert!(result.checks.split_errors.is_empty());
    let total: f64 = result.areas.iter().map(|a| a.area_m2).sum();
    assert!(((total - units.area_m2()) / units.area_m2()).abs() < 1e-4);
    let split = result.split_units.as_ref().unwrap();
    assert_eq!(split.features.len(), 33);
    let halves: f64 = ["BU15090000-1", "BU15090000-2"]
        .iter()
        .map(|id| {
            split.features[split.feature_index(id).unwrap()]
                .geometry
                .unsigned_area()
        })
        .sum();
    let whole = ulft.geometry.unsigned_area();
    assert!(
        ((halves - whole) / whole).abs() < 1e-8,
        "{halves} vs {whole}"
    );
}
