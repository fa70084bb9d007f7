//! Cleaning a partner division into a coverage (issue 14): the Oude IJsselstreek PC4 areas,
//! whose CBS polygons overlap each other and leave slivers, cleaned with a 10 m gap width.

mod util;

use gebieden::analysis::{AnalysisOptions, ProblemKind, analyse};
use util::{run, shared, stderr, stdout};

#[test]
fn cleaned_pc4_areas_no_longer_overlap_and_keep_only_wide_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pc4_schoon.gpkg");
    let pc4 = shared("pc4_oude_ijsselstreek_e.o.rd.geojson");
    let output = run(&["clean", pc4.to_str().unwrap(), "--gap-width", "10", "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("overlaps") && text.contains("reassigned (longest-border, gaps up to 10 m)"), "{text}");
    assert!(text.contains("gaps wider than 10 m left as they are"), "{text}");

    let before = gebieden::io::load(&pc4, &Default::default()).unwrap().remove(0);
    let after = gebieden::io::load(&out, &Default::default()).unwrap().remove(0);
    let ids = |l: &gebieden::model::Layer| l.features.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&after), ids(&before), "one output per input, same ids");
    assert!(after.features.iter().all(|f| f.is_valid()), "valid output geometry");
    assert_eq!(after.fields.iter().map(|f| &f.name).collect::<Vec<_>>(), before.fields.iter().map(|f| &f.name).collect::<Vec<_>>());

    let analysis = analyse(&[after], None, &AnalysisOptions::default());
    let real_overlaps = analysis.problems.iter().filter(|p| p.kind == ProblemKind::Overlap).count();
    assert_eq!(real_overlaps, 0, "no overlaps wider than a sliver remain");
    for gap in analysis.problems.iter().filter(|p| p.kind == ProblemKind::Gap) {
        assert!(gap.width_m > 10.0, "a gap of {} m was left", gap.width_m);
    }
    // Neighbours share their edges exactly: nothing is left between them.
    let slivers: f64 = analysis.problems.iter().filter(|p| p.kind == ProblemKind::Sliver).map(|p| p.area_m2).sum();
    assert!(slivers < 0.01, "{slivers} m² of slivers left (42,740 m² before)");
}

#[test]
fn clean_refuses_what_it_cannot_do_with_a_message() {
    let pc4 = shared("pc4_oude_ijsselstreek_e.o.rd.geojson");
    let output = run(&["clean", pc4.to_str().unwrap(), "--merge", "biggest", "--out", "/tmp/x.geojson"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("longest-border, max-area, min-area or min-index"));
    let output = run(&["clean", pc4.to_str().unwrap(), "--out", "/tmp/x.kml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains(".geojson, .gpkg or .shp"));
}

/// Against GEOS 3.14's CoverageCleaner (shapely 2.2 `coverage_clean`, gap width 10 m,
/// longest border): every cleaned PC4 area within 0.05 % of GEOS's (the fixture is made by
/// `bench/clean_vs_geos.py`, which also measured the symmetric differences: at most 0.012 %).
#[test]
fn cleaned_areas_agree_with_geos() {
    use geo::Area;
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/clean_pc4_oude_ijsselstreek.json")).unwrap(),
    )
    .unwrap();
    let pc4 = gebieden::io::load(&shared("pc4_oude_ijsselstreek_e.o.rd.geojson"), &Default::default()).unwrap().remove(0);
    let cleaned = gebieden::ops::clean_layer(&pc4, 10.0, gebieden::analysis::MergeRule::LongestBorder);
    for (feature, geometry) in pc4.features.iter().zip(&cleaned.geometries) {
        let geos = expected[&feature.id]["geos_area_m2"].as_f64().unwrap();
        let ours = geometry.unsigned_area();
        assert!((ours - geos).abs() <= geos * 0.0005, "{}: {ours} m² against GEOS {geos} m²", feature.id);
    }
}

/// The cleaned layer is a coverage in GEOS's strict sense (`coverage_is_valid`): where two
/// areas meet, every vertex of one on the other's boundary (within 4 mm, under the 5 mm the
/// cleaning snaps at) is a vertex of the other too, so
/// no hair-thin gap or overlap is left between them, and the only holes are the wide gaps.
#[test]
fn cleaned_neighbours_share_their_edges_vertex_for_vertex() {
    use geo::{Area, BooleanOps, BoundingRect, Coord};
    use std::collections::HashSet;
    let pc4 = gebieden::io::load(&shared("pc4_oude_ijsselstreek_e.o.rd.geojson"), &Default::default()).unwrap().remove(0);
    let cleaned = gebieden::ops::clean_layer(&pc4, 10.0, gebieden::analysis::MergeRule::LongestBorder);
    let rings = |g: &geo::MultiPolygon<f64>| -> Vec<Vec<Coord<f64>>> {
        g.0.iter().flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors())).map(|r| r.0.clone()).collect()
    };
    let key = |c: &Coord<f64>| (c.x.to_bits(), c.y.to_bits());
    let vertex_sets: Vec<HashSet<(u64, u64)>> =
        cleaned.geometries.iter().map(|g| rings(g).iter().flatten().map(key).collect()).collect();
    let distance_to_segment = |p: Coord<f64>, a: Coord<f64>, b: Coord<f64>| {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let t = if dx == 0.0 && dy == 0.0 { 0.0 } else { (((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0) };
        (p.x - a.x - t * dx).hypot(p.y - a.y - t * dy)
    };
    let mut checked = 0;
    for (i, a) in cleaned.geometries.iter().enumerate() {
        let a_box = a.bounding_rect().unwrap();
        for (j, b) in cleaned.geometries.iter().enumerate() {
            let b_box = b.bounding_rect().unwrap();
            if i == j || a_box.max().x < b_box.min().x || b_box.max().x < a_box.min().x || a_box.max().y < b_box.min().y || b_box.max().y < a_box.min().y {
                continue;
            }
            let b_rings = rings(b);
            for v in rings(a).iter().flatten() {
                let near = b_rings.iter().any(|r| r.windows(2).any(|s| distance_to_segment(*v, s[0], s[1]) < 0.004));
                if near {
                    checked += 1;
                    assert!(vertex_sets[j].contains(&key(v)), "{}'s vertex {v:?} lies on {}'s edge but is not its vertex", pc4.features[i].id, pc4.features[j].id);
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} shared vertices seen");
    // No overlaps, and the only holes left are the three gaps wider than 10 m.
    for (i, a) in cleaned.geometries.iter().enumerate() {
        for b in &cleaned.geometries[i + 1..] {
            assert!(a.intersection(b).unsigned_area() < 1e-6);
        }
    }
    let polygons: Vec<geo::Polygon<f64>> = cleaned.geometries.iter().flat_map(|g| g.0.iter().cloned()).collect();
    let union = geo::unary_union(&polygons);
    let holes: Vec<f64> = union.0.iter().flat_map(|p| p.interiors()).map(|r| geo::Polygon::new(r.clone(), vec![]).unsigned_area()).collect();
    assert_eq!(holes.len(), 3, "holes left: {holes:?}");
    assert!(holes.iter().all(|&a| a > 1000.0), "{holes:?}");
}
