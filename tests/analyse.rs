//! The overlay analysis (#3) on real CBS data and through the CLI.

mod util;

use std::collections::HashMap;

use gebieden::analysis::{AnalysisOptions, ProblemKind, analyse, union_all};
use gebieden::io::{LoadOptions, load};
use gebieden::model::Layer;
use geo::{Area, BooleanOps, Polygon};
use util::{demo, run, shared, stderr};

fn load_one(path: &std::path::Path) -> Layer {
    load(path, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .remove(0)
}

fn union(layer: &Layer) -> geo::MultiPolygon<f64> {
    let polygons: Vec<Polygon<f64>> = layer
        .features
        .iter()
        .flat_map(|f| f.geometry.0.clone())
        .collect();
    union_all(&polygons)
}

#[test]
fn every_buurt_lies_wholly_in_its_wijk() {
    let buurten = load_one(&shared("oude_ijsselstreek_buurten_2019.rd.geojson"));
    let wijken = load_one(&shared("oude_ijsselstreek_wijken_2019.rd.geojson"));
    let analysis = analyse(
        &[buurten.clone(), wijken],
        None,
        &AnalysisOptions::default(),
    );
    let pair = &analysis.pairs[0];
    assert!(
        (pair.fit_a_in_b - 1.0).abs() < 1e-6,
        "fit {}",
        pair.fit_a_in_b
    );
    for (i, feature) in buurten.features.iter().enumerate() {
        let wijkcode = buurten.attribute(i, "wijkcode").unwrap().to_string();
        let inside: Vec<_> = analysis
            .crosswalk
            .iter()
            .filter(|r| r.id_a == feature.id && !r.sliver)
            .collect();
        assert_eq!(inside.len(), 1, "{}: {:?}", feature.id, inside);
        assert_eq!(inside[0].id_b, wijkcode);
        assert!(
            (inside[0].share_a - 1.0).abs() < 1e-6,
            "{} share {}",
            feature.id,
            inside[0].share_a
        );
    }
    // One source, exact tiling: no gaps, overlaps or slivers inside either layer.
    assert!(
        analysis.problems.is_empty(),
        "{:?}",
        analysis.problems.first()
    );
}

#[test]
fn buurten_against_pc4_add_up() {
    // The CBS PC4 polygons overlap each other a little (about 5 ha in this area), so where two
    // postcodes overlap inside a buurt the crosswalk rightly counts that area twice. The sums are
    // checked against the unions with exactly that overlap (found by the analysis) added back.
    let buurten = load_one(&shared("oude_ijsselstreek_buurten_2019.rd.geojson"));
    let pc4 = load_one(&shared("pc4_oude_ijsselstreek_e.o.rd.geojson"));
    let analysis = analyse(
        &[buurten.clone(), pc4.clone()],
        None,
        &AnalysisOptions::default(),
    );
    let pc4_overlaps: Vec<(geo::MultiPolygon<f64>, f64)> = analysis
        .problems
        .iter()
        .filter(|p| {
            p.layer == pc4.name
                && (p.kind == ProblemKind::Overlap || p.sliver_of == Some(ProblemKind::Overlap))
        })
        .map(|p| {
            (
                geo::MultiPolygon::new(vec![(*p.geometry).clone()]),
                (p.ids.len() - 1) as f64,
            )
        })
        .collect();
    assert!(!pc4_overlaps.is_empty());
    let double_counted = |region: &geo::MultiPolygon<f64>| -> f64 {
        pc4_overlaps
            .iter()
            .map(|(piece, extra)| piece.intersection(region).unsigned_area() * extra)
            .sum()
    };

    let pc4_union = union(&pc4);
    let buurten_union = union(&buurten);
    let expected =
        buurten_union.intersection(&pc4_union).unsigned_area() + double_counted(&buurten_union);
    let total: f64 = analysis.crosswalk.iter().map(|r| r.area_m2).sum();
    assert!(
        ((total - expected) / expected).abs() < 1e-4,
        "crosswalk {total} vs unions {expected}"
    );

    for feature in &buurten.features {
        let area = feature.geometry.unsigned_area();
        let covered = (feature.geometry.intersection(&pc4_union).unsigned_area()
            + double_counted(&feature.geometry))
            / area;
        let shares: f64 = analysis
            .crosswalk
            .iter()
            .filter(|r| r.id_a == feature.id)
            .map(|r| r.share_a)
            .sum();
        assert!(
            (shares - covered).abs() < 1e-4,
            "{}: shares {shares}, covered {covered}",
            feature.id
        );
    }
}

#[test]
fn widths_match_geos() {
    // tests/fixtures/oij_piece_widths_geos.json holds the pieces of Oude IJsselstreek buurten ×
    // PC4 with at most 30 edges and GEOS' MaximumInscribedCircle of each (tolerance 0.1 mm),
    // made by bench/geos_width_fixture.py. Pieces of up to 12 edges are measured exactly; the
    // larger ones by a search whose circle is a real one inside, so never wider than GEOS'.
    let text = std::fs::read_to_string(util::fixture("oij_piece_widths_geos.json")).unwrap();
    let fixture: serde_json::Value = serde_json::from_str(&text).unwrap();
    let (mut exact, mut searched) = (0, 0);
    for piece in fixture["pieces"].as_array().unwrap() {
        let rings: Vec<geo::LineString<f64>> = piece["rings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|ring| {
                let points: Vec<(f64, f64)> = ring
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| (c[0].as_f64().unwrap(), c[1].as_f64().unwrap()))
                    .collect();
                geo::LineString::from(points)
            })
            .collect();
        let edges: usize = rings.iter().map(|r| r.0.len() - 1).sum();
        let polygon = Polygon::new(rings[0].clone(), rings[1..].to_vec());
        let geos = piece["width_m"].as_f64().unwrap();
        let ours = gebieden::geometry::inscribed_diameter(&polygon);
        let name = format!("{} × {} ({edges} edges)", piece["buurtcode"], piece["postcode"]);
        if edges <= 12 {
            assert!((ours - geos).abs() <= 0.001, "{name}: gebieden {ours} m, GEOS {geos} m");
            exact += 1;
        } else {
            assert!(ours <= geos + 0.001, "{name}: gebieden {ours} m, GEOS {geos} m");
            searched += 1;
        }
    }
    assert!(exact > 200 && searched > 10, "{exact} exact, {searched} searched");
}

#[test]
fn crosswalk_matches_geopandas() {
    // tests/fixtures/oij_buurten_pc4_geopandas.csv is geopandas.overlay (GEOS 3.14) of the same
    // two files, made by bench/geopandas_crosswalk_fixture.py.
    let buurten = load_one(&shared("oude_ijsselstreek_buurten_2019.rd.geojson"));
    let pc4 = load_one(&shared("pc4_oude_ijsselstreek_e.o.rd.geojson"));
    let analysis = analyse(&[buurten, pc4], None, &AnalysisOptions::default());
    let ours: HashMap<(String, String), f64> = analysis
        .crosswalk
        .iter()
        .map(|r| ((r.id_a.clone(), r.id_b.clone()), r.area_m2))
        .collect();
    let text = std::fs::read_to_string(util::fixture("oij_buurten_pc4_geopandas.csv")).unwrap();
    let mut compared = 0;
    for line in text.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        let geos: f64 = fields[2].parse().unwrap();
        let key = (fields[0].to_string(), fields[1].to_string());
        match ours.get(&key) {
            Some(&area) => {
                let tolerance = (geos * 1e-4).max(1.0);
                assert!(
                    (area - geos).abs() <= tolerance,
                    "{key:?}: gebieden {area} m², GEOS {geos} m²"
                );
                compared += 1;
            }
            // Pieces below gebieden's noise floor (0.01 m²) are left out on purpose.
            None => assert!(geos < 1.0, "{key:?} ({geos} m²) is missing"),
        }
    }
    assert!(compared > 100, "{compared}");
    assert!(ours.len() <= compared + 5);
}

#[test]
fn the_demo_shows_the_planted_differences() {
    let names = ["buurten", "politie", "corporatie", "zorgteams"];
    let layers: Vec<Layer> = names
        .iter()
        .map(|n| load_one(&demo(&format!("{n}.geojson"))))
        .collect();
    let extent = load_one(&demo("gemeentegrens.geojson"));
    let options = AnalysisOptions {
        base_layer: Some(0),
        weight_field: Some("inwoners".into()),
        ..Default::default()
    };
    let analysis = analyse(&layers, Some(&extent), &options);
    let real: Vec<_> = analysis
        .problems
        .iter()
        .filter(|p| p.kind != ProblemKind::Sliver)
        .collect();
    assert_eq!(real.len(), 2, "{real:#?}");
    assert_eq!(
        (real[0].kind, real[0].layer.as_str()),
        (ProblemKind::Gap, "politie")
    );
    assert!(
        (200_000.0..350_000.0).contains(&real[0].area_m2),
        "{}",
        real[0].area_m2
    );
    assert_eq!(
        (real[1].kind, real[1].layer.as_str()),
        (ProblemKind::Overlap, "corporatie")
    );
    assert_eq!(real[1].ids, ["D1", "D2"]);
    // Redigitised partner boundaries leave slivers; the CBS buurten tile exactly.
    assert!(
        analysis
            .problems
            .iter()
            .any(|p| p.kind == ProblemKind::Sliver && p.layer == "politie")
    );
    assert!(!analysis.problems.iter().any(|p| p.layer == "buurten"));
    // Slivers come after the real problems.
    let first_sliver = analysis
        .problems
        .iter()
        .position(|p| p.kind == ProblemKind::Sliver)
        .unwrap();
    assert!(
        analysis.problems[first_sliver..]
            .iter()
            .all(|p| p.kind == ProblemKind::Sliver)
    );
    // The police boundary cuts buurten in half: some buurt's best police area holds only about half of it.
    let atlas = analysis.atlas.as_ref().unwrap();
    let police = atlas.layers.iter().position(|l| l == "politie").unwrap();
    assert!(
        atlas
            .rows
            .iter()
            .any(|r| (0.4..0.6).contains(&r.share[police]))
    );
    let zorg = atlas.layers.iter().position(|l| l == "zorgteams").unwrap();
    assert!(atlas.rows.iter().all(|r| r.share[zorg] > 0.99));
}

#[test]
fn analyse_writes_the_documented_files() {
    let out = tempfile::tempdir().unwrap();
    let output = run(&[
        "analyse",
        demo("politie.geojson").to_str().unwrap(),
        demo("corporatie.geojson").to_str().unwrap(),
        "--base",
        demo("buurten.geojson").to_str().unwrap(),
        "--extent",
        demo("gemeentegrens.geojson").to_str().unwrap(),
        "--weight",
        "inwoners",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let summary = util::stdout(&output);
    assert!(
        summary.contains("politie") && summary.contains("gap"),
        "{summary}"
    );

    let crosswalk = std::fs::read_to_string(out.path().join("crosswalk.csv")).unwrap();
    let header = crosswalk.lines().next().unwrap();
    assert!(
        header.starts_with("layer_a,id_a,layer_b,id_b,area_m2,share_a,share_b,sliver"),
        "{header}"
    );
    assert!(
        crosswalk
            .lines()
            .skip(1)
            .any(|l| l.ends_with("true") || l.contains(",true,"))
    );

    let problems: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join("problems.geojson")).unwrap(),
    )
    .unwrap();
    assert_eq!(problems["type"], "FeatureCollection");
    assert!(
        problems.get("crs").is_none(),
        "RFC 7946 output has no crs member"
    );
    let first = &problems["features"][0];
    for key in ["kind", "layer", "ids", "area_m2", "width_m"] {
        assert!(first["properties"].get(key).is_some(), "missing {key}");
    }
    assert!(first["properties"]["ids"].is_array());
    let lon = first["geometry"]["coordinates"][0][0][0].as_f64().unwrap();
    assert!((6.0..6.5).contains(&lon), "WGS84 longitude {lon}");

    let atlas = std::fs::read_to_string(out.path().join("atlas.csv")).unwrap();
    assert_eq!(
        atlas.lines().next().unwrap(),
        "unit,politie,politie_share,corporatie,corporatie_share"
    );
    assert_eq!(atlas.lines().count(), 25);

    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("report.json")).unwrap())
            .unwrap();
    assert_eq!(report["layers"].as_array().unwrap().len(), 3);
    assert_eq!(report["pairs"].as_array().unwrap().len(), 3);
    assert_eq!(report["settings"]["weight_field"], "inwoners");
    assert!(
        report["settings"]["weight_method"]
            .as_str()
            .unwrap()
            .contains("spread by area")
    );
}

#[test]
fn analyse_reports_bad_input_like_inspect() {
    let output = run(&[
        "analyse",
        util::corpus("truncated.geojson").to_str().unwrap(),
        demo("buurten.geojson").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("truncated.geojson"));
    let output = run(&[
        "analyse",
        demo("buurten.geojson").to_str().unwrap(),
        "--weight",
        "bewoners",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no layer has the weight field 'bewoners'"));
}

#[test]
fn invalid_features_are_repaired_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = run(&[
        "analyse",
        util::corpus("bowtie.geojson").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("feature vlinder: repaired"),
        "{}",
        stderr(&output)
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["adjustments"][0]["id"], "vlinder");
}

#[test]
fn a_second_run_redoes_only_what_changed() {
    use gebieden::analysis::{AnalysisCache, CacheUse, analyse_with_cache};
    use std::sync::Mutex;
    let names = ["politie", "corporatie", "zorgteams"];
    let mut layers: Vec<Layer> = names
        .iter()
        .map(|n| load_one(&demo(&format!("{n}.geojson"))))
        .collect();
    let extent = load_one(&demo("gemeentegrens.geojson"));
    let options = AnalysisOptions {
        weight_field: Some("inwoners".into()),
        ..Default::default()
    };
    let report = |a: &gebieden::analysis::Analysis| serde_json::to_string(a).unwrap();
    let cache = Mutex::new(AnalysisCache::new());
    let used = || cache.lock().unwrap().last_run;

    let first = analyse_with_cache(&layers, Some(&extent), &options, Some(&cache));
    assert_eq!(
        used(),
        CacheUse { layers_reused: 0, layers_computed: 3, pairs_reused: 0, pairs_computed: 3 }
    );
    assert_eq!(report(&first), report(&analyse(&layers, Some(&extent), &options)));

    let again = analyse_with_cache(&layers, Some(&extent), &options, Some(&cache));
    assert_eq!(
        used(),
        CacheUse { layers_reused: 3, layers_computed: 0, pairs_reused: 3, pairs_computed: 0 }
    );
    assert_eq!(report(&again), report(&first));
    // The second run reads the first run's rows, not a copy of them.
    let shared_rows = |a: &gebieden::analysis::Analysis| -> Vec<*const gebieden::analysis::CrosswalkRow> {
        a.crosswalk.pairs().map(|rows| rows.as_ptr()).collect()
    };
    assert_eq!(shared_rows(&again), shared_rows(&first));
    assert_eq!(again.crosswalk.identity(), first.crosswalk.identity());
    assert!(std::sync::Arc::ptr_eq(&again.pairs[0], &first.pairs[0]));
    assert!(!first.problems.is_empty());
    assert!(again.problems.iter().zip(&first.problems).all(|(a, b)| std::sync::Arc::ptr_eq(a, b)));

    // One area of the police division moves 50 m: its problems and its two pairs are redone,
    // the pair of the other two is not, and the result is what a fresh run finds.
    use geo::Translate;
    layers[0].features[0].geometry = layers[0].features[0].geometry.translate(50.0, 0.0);
    let changed = analyse_with_cache(&layers, Some(&extent), &options, Some(&cache));
    assert_eq!(
        used(),
        CacheUse { layers_reused: 2, layers_computed: 1, pairs_reused: 1, pairs_computed: 2 }
    );
    assert_eq!(report(&changed), report(&analyse(&layers, Some(&extent), &options)));
    assert_ne!(report(&changed), report(&first));
    // Pairs are politie×corporatie, politie×zorgteams, corporatie×zorgteams: only the last is kept.
    let (before, after) = (shared_rows(&first), shared_rows(&changed));
    assert_eq!(after[2], before[2]);
    assert!(after[0] != before[0] && after[1] != before[1]);
    assert_ne!(changed.crosswalk.identity(), first.crosswalk.identity());

    // Another sliver width changes every layer's problems.
    let wider = AnalysisOptions { sliver_width_m: 8.0, ..options.clone() };
    analyse_with_cache(&layers, Some(&extent), &wider, Some(&cache));
    assert_eq!(used().layers_computed, 3);
}

#[test]
fn the_national_union_in_chunks_equals_one_overlay() {
    // 4,067 PC4 areas are united in chunks of 512 and then the chunks' outlines; one overlay of
    // everything is the reference. The chunks once filled two lakes (Volkerak 48 km², 31 km²)
    // whose hole one chunk returned with the wrong turn, and before that, with a grid per chunk,
    // opened hundreds of hair-thin seams.
    let pc4 = load_one(&shared("nl/pc4_2020.rd.geojson"));
    let polygons: Vec<Polygon<f64>> = pc4
        .features
        .iter()
        .flat_map(|f| gebieden::analysis::snap(&f.geometry, 0.001).0)
        .collect();
    let chunked = union_all(&polygons);
    let whole = geo::unary_union(&polygons);
    let holes = |u: &geo::MultiPolygon<f64>| -> Vec<f64> {
        let mut areas: Vec<f64> = u
            .0
            .iter()
            .flat_map(|p| p.interiors().iter().map(|r| Polygon::new(r.clone(), vec![]).unsigned_area()))
            .filter(|a| *a >= 1.0)
            .collect();
        areas.sort_by(f64::total_cmp);
        areas
    };
    let (h_chunked, h_whole) = (holes(&chunked), holes(&whole));
    assert_eq!(chunked.0.len(), whole.0.len());
    assert_eq!(h_chunked.len(), h_whole.len());
    for (a, b) in h_chunked.iter().zip(&h_whole) {
        assert!((a - b).abs() <= 1.0 + b * 1e-4, "hole of {a} m² where one overlay has {b} m²");
    }
    assert!((chunked.unsigned_area() - whole.unsigned_area()).abs() < 10.0);
}
