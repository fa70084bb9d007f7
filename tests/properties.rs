//! Properties of the overlay that must hold for any divisions (#7), checked with proptest on
//! random tilings: jittered grids whose cells are sometimes merged in pairs, over the same
//! rectangle in RD New. The crosswalk of a divides each a-area exactly; the crosswalk is the same
//! both ways round; gaps, overlaps and covered area add up to the extent; and a composition
//! exported and read back has the areas it had.

use std::collections::BTreeMap;

use gebieden::analysis::{AnalysisOptions, ProblemKind, analyse};
use gebieden::compose::{Composition, PaintMode, compose};
use gebieden::io::{LoadOptions, load};
use gebieden::model::{Crs, Layer};
use gebieden::ops::write_composition;
use geo::{Area, BooleanOps, Coord, LineString, MultiPolygon, Polygon};
use proptest::prelude::*;

/// The extent every tiling covers: 6 × 4 km, placed in the Achterhoek.
const ORIGIN: (f64, f64) = (220_000.0, 435_000.0);
const WIDTH: f64 = 6_000.0;
const HEIGHT: f64 = 4_000.0;

/// A random division of the extent: a grid of `nx` × `ny` cells whose inner corners are moved
/// by up to a quarter cell (so every cell stays a simple polygon; the edges of the extent stay
/// straight), with some horizontal neighbours merged.
#[derive(Clone, Debug)]
struct Tiling {
    nx: usize,
    ny: usize,
    /// Offsets of the (nx + 1) × (ny + 1) corners as fractions of a quarter cell, −1…1.
    jitter: Vec<(f64, f64)>,
    /// Per cell: whether it is merged with its right-hand neighbour.
    merge: Vec<bool>,
}

fn tiling() -> impl Strategy<Value = Tiling> {
    (2usize..7, 2usize..6).prop_flat_map(|(nx, ny)| {
        let corners = (nx + 1) * (ny + 1);
        (
            Just(nx),
            Just(ny),
            prop::collection::vec((-1.0f64..1.0, -1.0f64..1.0), corners),
            prop::collection::vec(prop::bool::weighted(0.25), nx * ny),
        )
            .prop_map(|(nx, ny, jitter, merge)| Tiling {
                nx,
                ny,
                jitter,
                merge,
            })
    })
}

impl Tiling {
    fn corner(&self, i: usize, j: usize) -> Coord<f64> {
        let (sx, sy) = (WIDTH / self.nx as f64, HEIGHT / self.ny as f64);
        let (jx, jy) = self.jitter[j * (self.nx + 1) + i];
        // Corners on the edge of the extent only slide along it.
        let dx = if i == 0 || i == self.nx {
            0.0
        } else {
            jx * sx * 0.24
        };
        let dy = if j == 0 || j == self.ny {
            0.0
        } else {
            jy * sy * 0.24
        };
        // Whole metres: both divisions then share corners exactly where they meet the edge.
        Coord {
            x: (ORIGIN.0 + i as f64 * sx + dx).round(),
            y: (ORIGIN.1 + j as f64 * sy + dy).round(),
        }
    }

    /// The cells as (id, polygon): each cell is the ring through its corners, a merged pair
    /// the ring around both.
    fn cells(&self) -> Vec<(String, MultiPolygon<f64>)> {
        let mut cells = Vec::new();
        for j in 0..self.ny {
            let mut i = 0;
            while i < self.nx {
                let wide = if i + 1 < self.nx && self.merge[j * self.nx + i] {
                    2
                } else {
                    1
                };
                let mut ring = Vec::new();
                for k in 0..=wide {
                    ring.push(self.corner(i + k, j));
                }
                for k in (0..=wide).rev() {
                    ring.push(self.corner(i + k, j + 1));
                }
                ring.push(ring[0]);
                let polygon = Polygon::new(LineString::new(ring), vec![]);
                cells.push((format!("c{j}-{i}"), MultiPolygon::new(vec![polygon])));
                i += wide;
            }
        }
        cells
    }

    fn layer(&self, name: &str) -> Layer {
        Layer::from_geometries(name, Crs::RD_NEW, self.cells())
    }
}

/// The length of all rings of a geometry (m).
fn outline_length(geometry: &MultiPolygon<f64>) -> f64 {
    geometry
        .0
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .flat_map(|ring| ring.0.windows(2))
        .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
        .sum()
}

fn extent() -> Layer {
    let rect = geo::Rect::new(
        Coord {
            x: ORIGIN.0,
            y: ORIGIN.1,
        },
        Coord {
            x: ORIGIN.0 + WIDTH,
            y: ORIGIN.1 + HEIGHT,
        },
    );
    Layer::from_geometries(
        "grens",
        Crs::RD_NEW,
        [(
            "grens".to_string(),
            MultiPolygon::new(vec![rect.to_polygon()]),
        )],
    )
}

/// Close enough for areas of square kilometres overlaid on a 1 mm grid: pieces under 0.01 m²
/// are dropped as noise, a few per pair at most.
fn assert_close(got: f64, expected: f64, what: &str) {
    let tolerance = 1.0 + expected.abs() * 1e-7;
    assert!(
        (got - expected).abs() <= tolerance,
        "{what}: {got} vs {expected}"
    );
}

fn crosswalk_areas(a: &Layer, b: &Layer) -> BTreeMap<(String, String), (f64, f64, f64)> {
    analyse(&[a, b], None, &AnalysisOptions::default())
        .crosswalk
        .iter()
        .map(|row| {
            (
                (row.id_a.clone(), row.id_b.clone()),
                (row.area_m2, row.share_a, row.share_b),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_crosswalk_divides_every_area_exactly(a in tiling(), b in tiling()) {
        let (a, b) = (a.layer("a"), b.layer("b"));
        let rows = crosswalk_areas(&a, &b);
        for feature in &a.features {
            let pieces: f64 = rows
                .iter()
                .filter(|((id_a, _), _)| *id_a == feature.id)
                .map(|(_, (area, _, _))| area)
                .sum();
            assert_close(pieces, feature.geometry.unsigned_area(), &feature.id);
        }
        let total: f64 = rows.values().map(|(area, _, _)| area).sum();
        assert_close(total, WIDTH * HEIGHT, "all pieces");
    }

    #[test]
    fn the_crosswalk_is_the_same_both_ways_round(a in tiling(), b in tiling()) {
        let (a, b) = (a.layer("a"), b.layer("b"));
        let forward = crosswalk_areas(&a, &b);
        let backward = crosswalk_areas(&b, &a);
        let flipped: BTreeMap<(String, String), (f64, f64, f64)> = backward
            .into_iter()
            .map(|((id_b, id_a), (area, share_b, share_a))| ((id_a, id_b), (area, share_a, share_b)))
            .collect();
        prop_assert_eq!(
            forward.keys().collect::<Vec<_>>(),
            flipped.keys().collect::<Vec<_>>()
        );
        for (key, (area, share_a, share_b)) in &forward {
            let (area2, share_a2, share_b2) = flipped[key];
            assert_close(*area, area2, &format!("{key:?}"));
            prop_assert!((share_a - share_a2).abs() < 1e-9 && (share_b - share_b2).abs() < 1e-9);
        }
    }

    #[test]
    fn gaps_overlaps_and_cover_add_up_to_the_extent(
        a in tiling(),
        removed in prop::collection::vec(0usize..64, 0..4),
        patch in (0.0f64..0.8, 0.0f64..0.8, 0.05f64..0.2, 0.05f64..0.2),
    ) {
        // Some cells left out (gaps) and a rectangle laid over others (overlaps).
        let mut cells = a.cells();
        for r in removed {
            if cells.len() > 1 {
                cells.remove(r % cells.len());
            }
        }
        let (px, py, pw, ph) = patch;
        let corner = |fx: f64, fy: f64| Coord {
            x: (ORIGIN.0 + fx * WIDTH).round(),
            y: (ORIGIN.1 + fy * HEIGHT).round(),
        };
        let rect = geo::Rect::new(corner(px, py), corner(px + pw, py + ph));
        cells.push(("lap".into(), MultiPolygon::new(vec![rect.to_polygon()])));
        let layer = Layer::from_geometries("c", Crs::RD_NEW, cells);
        let analysis = analyse(&[&layer], Some(&extent()), &AnalysisOptions::default());
        let total = |kind: ProblemKind| -> f64 {
            analysis
                .problems
                .iter()
                .filter(|p| p.kind == kind || p.sliver_of == Some(kind))
                .map(|p| p.area_m2)
                .sum()
        };
        let (gaps, overlaps) = (total(ProblemKind::Gap), total(ProblemKind::Overlap));
        let features: f64 = layer.features.iter().map(|f| f.geometry.unsigned_area()).sum();
        // The union, measured independently of the analysis.
        let union = layer
            .features
            .iter()
            .fold(MultiPolygon::new(vec![]), |u, f| u.union(&f.geometry))
            .unsigned_area();
        assert_close(gaps + union, WIDTH * HEIGHT, "gaps + covered = extent");
        assert_close(features - overlaps, union, "features − overlaps = covered");
    }

    #[test]
    fn a_composition_exported_and_read_back_has_the_same_areas(
        a in tiling(),
        picks in prop::collection::vec(0usize..4, 64),
    ) {
        let units = a.layer("eenheden");
        let names = ["Noord", "Zuid", "Oost", "West"];
        let mut composition = Composition::default();
        for (feature, pick) in units.features.iter().zip(&picks) {
            let name = names[*pick];
            if composition.area(name).is_none() {
                composition.add_area(name).unwrap();
            }
            composition
                .assign([feature.id.as_str()], Some(name), PaintMode::Overwrite)
                .unwrap();
        }
        let result = compose(&units, &composition, &[] as &[Layer], 5.0);
        let dir = tempfile::tempdir().unwrap();
        write_composition(dir.path(), &result, &composition, &units).unwrap();
        // (area, outline length) of each agreed area.
        let expected: BTreeMap<&str, (f64, f64)> = result
            .areas
            .iter()
            .map(|a| (a.name.as_str(), (a.geometry.unsigned_area(), outline_length(&a.geometry))))
            .collect();
        // GeoJSON is written in WGS 84 with 7 decimals (RFC 7946): every corner may move by up
        // to a centimetre, so the area by up to the outline's length × 1 cm. Shapefile and
        // GeoPackage stay in RD New and must match to the square millimetre.
        for (file, per_metre) in [("areas.geojson", 0.01), ("areas.shp", 0.0), ("areas.gpkg", 0.0)] {
            let layer = load(&dir.path().join(file), &LoadOptions::default()).unwrap().remove(0);
            let read: BTreeMap<String, f64> = layer
                .features
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    (
                        layer.attribute(i, "gebied").unwrap().to_string(),
                        f.geometry.unsigned_area(),
                    )
                })
                .collect();
            prop_assert_eq!(read.len(), expected.len(), "{}", file);
            for (name, (area, outline)) in &expected {
                let got = read[*name];
                prop_assert!(
                    (got - area).abs() <= outline * per_metre + 1e-6,
                    "{}: {} has {} instead of {}", file, name, got, area
                );
            }
        }
    }
}
