//! Differences inside one division: overlaps (covered twice) and gaps (not covered).

use std::sync::Arc;

use geo::{Area, BoundingRect, Coord, MultiPolygon, Polygon, Rect};
use rstar::primitives::Rectangle;
use rstar::{AABB, RTree};
use rayon::prelude::*;
use serde::Serialize;

use super::index::FeatureIndex;
use super::prepare::PreparedLayer;
use crate::geometry::{
    MIN_PIECE_AREA_M2, covered_twice, drop_noise, holes_of, intersection_of_parts, rect_intersection, spatial_order,
    union_of_boxes, union_all, union_holes, union_piled,
};
use crate::geometry::{segment_distance_squared, width_and_sliver};

/// What kind of difference a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProblemKind {
    /// Territory the division leaves uncovered, wider than the sliver width.
    Gap,
    /// Territory covered by two or more areas, wider than the sliver width.
    Overlap,
    /// A gap or overlap narrower than the sliver width: a digitising mismatch.
    Sliver,
}

impl ProblemKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ProblemKind::Gap => "gap",
            ProblemKind::Overlap => "overlap",
            ProblemKind::Sliver => "sliver",
        }
    }
}

/// One gap, overlap or sliver.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub kind: ProblemKind,
    /// For a sliver: whether it is a thin gap or a thin overlap.
    pub sliver_of: Option<ProblemKind>,
    pub layer: String,
    /// The overlapping features, or the features bordering a gap.
    pub ids: Vec<String>,
    pub area_m2: f64,
    /// Diameter of the largest circle inside the piece.
    pub width_m: f64,
    /// The piece, in the working CRS. Shared, so that the results a window keeps for its next
    /// run (`AnalysisCache`) and the analysis it shows hold one copy of each piece.
    #[serde(skip)]
    pub geometry: Arc<Polygon<f64>>,
}

/// Measures a piece and classes it as `raw` (gap or overlap) or as a sliver of that kind.
fn classify(
    raw: ProblemKind,
    piece: &Polygon<f64>,
    sliver_width: f64,
) -> (f64, ProblemKind, Option<ProblemKind>) {
    let (width, sliver) = width_and_sliver(piece, sliver_width);
    if sliver {
        (width, ProblemKind::Sliver, Some(raw))
    } else {
        (width, raw, None)
    }
}

/// The ids of features, sorted as text so that reports read the same every run.
fn sorted_ids(layer: &PreparedLayer, indices: &[usize]) -> Vec<String> {
    let mut ids: Vec<String> = indices.iter().map(|&i| layer.ids[i].clone()).collect();
    ids.sort();
    ids
}

/// Every piece covered by two or more features. Pairs come from the R-tree; pieces of three or
/// more features (which show up once per pair) are merged into one piece naming them all.
pub fn overlaps(layer: &PreparedLayer, sliver_width: f64) -> Vec<Problem> {
    // The features' boxes from their parts' (measured once when the layer was prepared).
    let boxes: Vec<Option<Rect<f64>>> = layer.part_boxes.iter().map(|parts| union_of_boxes(parts)).collect();
    let twice = CoveredTwice::find(layer, &boxes);
    let pairs: Vec<(usize, usize, MultiPolygon<f64>)> = (0..layer.len())
        .into_par_iter()
        .flat_map_iter(|i| {
            let Some(rect) = boxes[i] else {
                return Vec::new();
            };
            let (boxes, twice) = (&boxes, &twice);
            layer
                .index
                .candidates(rect)
                .filter(|&j| j > i)
                .filter(move |&j| {
                    boxes[j]
                        .and_then(|other| rect_intersection(rect, other))
                        .is_some_and(|shared| twice.meets(shared))
                })
                .filter_map(|j| {
                    let piece = layer.intersection(i, layer, j);
                    (!piece.0.is_empty()).then_some((i, j, piece))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut pieces: Vec<(Vec<usize>, Polygon<f64>)> = pairs
        .into_iter()
        .flat_map(|(i, j, piece)| piece.0.into_iter().map(move |p| (vec![i, j], p)))
        .collect();
    merge_multiple_overlaps(&mut pieces);
    pieces
        .into_par_iter()
        .map(|(ids, geometry)| {
            let (width, kind, sliver_of) = classify(ProblemKind::Overlap, &geometry, sliver_width);
            Problem {
                kind,
                sliver_of,
                layer: layer.name.clone(),
                ids: sorted_ids(layer, &ids),
                area_m2: geometry.unsigned_area(),
                width_m: width,
                geometry: Arc::new(geometry),
            }
        })
        .collect()
}

/// The places a layer covers twice or more, found by overlays of compact chunks of it rather
/// than of every pair of neighbours: a pair of features can only overlap where one of these
/// lies in both their boxes. Each chunk's overlay takes in every neighbour of its members, so
/// the places two features of different chunks share are found too. (Exact up to i_overlay's
/// integer grid for the chunk, a few hundredths of a millimetre for a chunk 50 km across: an
/// overlap thinner than that would have to run for hundreds of metres to reach the noise floor
/// of 0.01 m²; nationally the pairs found are exactly those an overlay of every pair finds.)
///
/// Worth it for a layer that is (nearly) a clean coverage, as CBS buurten and most municipal
/// divisions are: nationally 52,030 pairs of neighbouring buurten, 92 with a place covered
/// twice in their shared box. Not for a layer whose neighbours mostly overlap (the national
/// PC4: 14,200 of 15,352), where the chunks' overlays would come on top of the pairs' own. A
/// small first chunk tells which kind of layer this is: for a clean coverage its places are
/// kept, for an overlapping one its overlay is the only one spent in vain.
struct CoveredTwice {
    /// `None`: every pair is to be overlaid.
    places: Option<RTree<Rectangle<[f64; 2]>>>,
}

/// How many features one overlay of [`CoveredTwice`] takes (with their neighbours).
const COVERED_TWICE_CHUNK: usize = 512;

/// How many features the first overlay of [`CoveredTwice`] takes, the one that tells whether
/// the layer's neighbours mostly overlap (nationally, PC4: 346 of the 370 neighbouring pairs
/// of its first 64 features, 3,522 of 3,762 of its first 512; buurten: 46 of 316, 52 of
/// 3,592). Either answer gives the same pieces; a wrong one only costs time.
const COVERED_TWICE_PROBE: usize = 64;

/// Above this share of neighbouring pairs with a place covered twice in their shared box, the
/// pairs are overlaid without looking for those places first.
const MOSTLY_OVERLAPPING: f64 = 0.5;

impl CoveredTwice {
    fn find(layer: &PreparedLayer, boxes: &[Option<Rect<f64>>]) -> CoveredTwice {
        let order = spatial_order(boxes);
        if order.is_empty() {
            return CoveredTwice { places: None };
        }
        let (first, rest) = order.split_at(order.len().min(COVERED_TWICE_PROBE));
        let rest: Vec<&[usize]> = rest.chunks(COVERED_TWICE_CHUNK).collect();
        let probe = CoveredTwice {
            places: Some(RTree::bulk_load(Self::places_in(layer, boxes, first))),
        };
        if rest.is_empty() {
            return probe;
        }
        let (mut pairs, mut overlapping) = (0usize, 0usize);
        for &i in first.iter() {
            let Some(rect) = boxes[i] else { continue };
            for j in layer.index.candidates(rect).filter(|&j| j != i) {
                if let Some(shared) = boxes[j].and_then(|other| rect_intersection(rect, other)) {
                    pairs += 1;
                    overlapping += usize::from(probe.meets(shared));
                }
            }
        }
        if overlapping as f64 > MOSTLY_OVERLAPPING * pairs as f64 {
            return CoveredTwice { places: None };
        }
        let mut places: Vec<Rectangle<[f64; 2]>> = rest
            .par_iter()
            .flat_map_iter(|chunk| Self::places_in(layer, boxes, chunk))
            .collect();
        if let Some(tree) = probe.places {
            places.extend(tree.iter().copied());
        }
        CoveredTwice {
            places: Some(RTree::bulk_load(places)),
        }
    }

    /// The places covered twice among the features of `chunk` and their neighbours.
    fn places_in(
        layer: &PreparedLayer,
        boxes: &[Option<Rect<f64>>],
        chunk: &[usize],
    ) -> Vec<Rectangle<[f64; 2]>> {
        let mut members: Vec<usize> = chunk
            .iter()
            .filter_map(|&i| boxes[i])
            .flat_map(|rect| layer.index.candidates(rect))
            .collect();
        members.sort_unstable();
        members.dedup();
        covered_twice(members.iter().map(|&i| layer.geometries[i].as_ref()))
            .into_iter()
            .map(|r| Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]))
            .collect()
    }

    /// Whether the pair sharing box `rect` may overlap: some place covered twice lies in (or
    /// within a metre of) it.
    fn meets(&self, rect: Rect<f64>) -> bool {
        let Some(places) = &self.places else {
            return true;
        };
        let pad = 1.0;
        let envelope = AABB::from_corners(
            [rect.min().x - pad, rect.min().y - pad],
            [rect.max().x + pad, rect.max().y + pad],
        );
        places.locate_in_envelope_intersecting(envelope).next().is_some()
    }
}

/// Where three or more features overlap, each pair reports the same spot. Pieces that overlap
/// each other are unioned into one piece with all their features.
fn merge_multiple_overlaps(pieces: &mut Vec<(Vec<usize>, Polygon<f64>)>) {
    if pieces.len() < 2 {
        return;
    }
    // The pieces are measured and tested where they lie, not copied into multipolygons of
    // their own (nationally PC4 has 31,000 overlap pieces, 7 MB of coordinates).
    let boxes: Vec<Option<Rect<f64>>> = pieces.iter().map(|(_, p)| p.bounding_rect()).collect();
    let index = FeatureIndex::from_boxes(boxes.iter().copied());
    let overlap = |i: usize, j: usize| {
        let (a, b) = (std::slice::from_ref(&pieces[i].1), std::slice::from_ref(&pieces[j].1));
        let shared = intersection_of_parts(a, &boxes[i..=i], b, &boxes[j..=j]);
        !drop_noise(shared).0.is_empty()
    };
    // Union-find over pieces that share area.
    let mut parent: Vec<usize> = (0..pieces.len()).collect();
    fn find(parent: &mut [usize], i: usize) -> usize {
        let mut root = i;
        while parent[root] != root {
            root = parent[root];
        }
        let mut j = i;
        while parent[j] != root {
            let next = parent[j];
            parent[j] = root;
            j = next;
        }
        root
    }
    let mut merged_any = false;
    for i in 0..pieces.len() {
        let Some(rect) = boxes[i] else {
            continue;
        };
        // Pieces of one pair are disjoint, and three features can only overlap where two pieces
        // share a feature; only then is the (costly) overlay worth doing.
        let shared: Vec<usize> = index
            .candidates(rect)
            .filter(|&j| j > i)
            .filter(|&j| {
                pieces[i].0 != pieces[j].0 && pieces[i].0.iter().any(|id| pieces[j].0.contains(id))
            })
            .filter(|&j| {
                boxes[j]
                    .and_then(|r| rect_intersection(rect, r))
                    .is_some_and(|r| r.width() > 0.0 && r.height() > 0.0)
            })
            .filter(|&j| overlap(i, j))
            .collect();
        for j in shared {
            let (a, b) = (find(&mut parent, i), find(&mut parent, j));
            if a != b {
                parent[b] = a;
                merged_any = true;
            }
        }
    }
    if !merged_any {
        return;
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> =
        std::collections::BTreeMap::new();
    for i in 0..pieces.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let old = std::mem::take(pieces);
    for members in groups.values() {
        let mut ids: Vec<usize> = members
            .iter()
            .flat_map(|&m| old[m].0.iter().copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let polygons: Vec<Polygon<f64>> = members.iter().map(|&m| old[m].1.clone()).collect();
        for polygon in union_piled(&polygons).0 {
            pieces.push((ids.clone(), polygon));
        }
    }
}

/// Everything the division leaves uncovered: the holes in its union and, with an extent (e.g.
/// the municipal boundary), every part of the extent it does not cover, open-sided gaps along
/// the edge included. Each gap names the features that border it.
pub fn gaps(
    layer: &PreparedLayer,
    extent: Option<&MultiPolygon<f64>>,
    sliver_width: f64,
) -> Vec<Problem> {
    let polygons: Vec<&Polygon<f64>> = layer.geometries.iter().flat_map(|g| &g.0).collect();
    let mut pieces: Vec<Polygon<f64>> = match extent {
        None => union_holes(&polygons),
        Some(extent) => {
            // The part of the extent outside the layer takes its whole union.
            use geo::BooleanOps;
            let union = union_all(&polygons);
            let holes = holes_of(&union);
            let mut inside = drop_noise(extent.difference(&union)).0;
            // Holes beyond the extent are still holes in the division.
            let beyond = drop_noise(MultiPolygon::new(holes).difference(extent));
            inside.extend(beyond.0);
            inside
        }
    };
    pieces.retain(|p| p.unsigned_area() >= MIN_PIECE_AREA_M2);
    if pieces.is_empty() {
        return Vec::new();
    }
    let runs = EdgeRuns::of(layer);
    pieces
        .into_par_iter()
        .map(|geometry| {
            let (width, kind, sliver_of) = classify(ProblemKind::Gap, &geometry, sliver_width);
            let ids = sorted_ids(layer, &bordering(layer, &runs, &geometry));
            Problem {
                kind,
                sliver_of,
                layer: layer.name.clone(),
                ids,
                area_m2: geometry.unsigned_area(),
                width_m: width,
                geometry: Arc::new(geometry),
            }
        })
        .collect()
}

/// How close (m) a feature's boundary must come to a gap to count as its neighbour; overlay
/// output lies on the input edges to well within this.
const TOUCH_TOLERANCE: f64 = 0.01;

/// How many consecutive edges of a ring share one box in [`EdgeRuns`].
const EDGES_PER_RUN: usize = 32;

/// A run of up to [`EDGES_PER_RUN`] consecutive edges of one ring and their box.
struct EdgeRun {
    polygon: u32,
    /// 0 is the exterior, k the k-th hole.
    ring: u32,
    first_edge: u32,
    bounds: Rect<f64>,
}

/// Per feature, boxes over runs of its boundary edges. A gap is mostly a small sliver beside
/// large neighbours; the boxes let [`bordering`] skip all but the few runs near the gap
/// instead of testing every edge of every neighbour.
struct EdgeRuns(Vec<Vec<EdgeRun>>);

impl EdgeRuns {
    fn of(layer: &PreparedLayer) -> EdgeRuns {
        EdgeRuns(
            layer
                .geometries
                .par_iter()
                .map(|geometry| {
                    let mut runs = Vec::new();
                    for (polygon, part) in geometry.0.iter().enumerate() {
                        let rings = std::iter::once(part.exterior()).chain(part.interiors());
                        for (ring, line) in rings.enumerate() {
                            let coords = &line.0;
                            let edges = coords.len().saturating_sub(1);
                            for first_edge in (0..edges).step_by(EDGES_PER_RUN) {
                                let last_point = (first_edge + EDGES_PER_RUN).min(edges);
                                let bounds = coords[first_edge + 1..=last_point].iter().fold(
                                    Rect::new(coords[first_edge], coords[first_edge]),
                                    |bounds, &c| {
                                        let (min, max) = (bounds.min(), bounds.max());
                                        Rect::new(
                                            Coord { x: min.x.min(c.x), y: min.y.min(c.y) },
                                            Coord { x: max.x.max(c.x), y: max.y.max(c.y) },
                                        )
                                    },
                                );
                                runs.push(EdgeRun {
                                    polygon: polygon as u32,
                                    ring: ring as u32,
                                    first_edge: first_edge as u32,
                                    bounds,
                                });
                            }
                        }
                    }
                    runs
                })
                .collect(),
        )
    }
}

/// The features whose boundary touches the piece: some vertex of the piece lies on one of their
/// edges. Only the edges in runs near the piece's box are measured, so large neighbours stay
/// cheap.
fn bordering(layer: &PreparedLayer, runs: &EdgeRuns, piece: &Polygon<f64>) -> Vec<usize> {
    let Some(rect) = piece.bounding_rect() else {
        return Vec::new();
    };
    let (min, max) = (rect.min(), rect.max());
    let t = TOUCH_TOLERANCE;
    let outside = |low: Coord<f64>, high: Coord<f64>| {
        high.x < min.x - t || low.x > max.x + t || high.y < min.y - t || low.y > max.y + t
    };
    // Sorted by x, so that an edge is measured only against the vertices within its own
    // x-range: a large gap (a lake, the sea) has thousands of vertices and as many neighbours'
    // edges inside its box.
    let mut vertices: Vec<Coord<f64>> = std::iter::once(piece.exterior())
        .chain(piece.interiors())
        .flat_map(|r| r.0.iter().copied())
        .collect();
    vertices.sort_unstable_by(|a, b| a.x.total_cmp(&b.x));
    let near_edge = |a: Coord<f64>, b: Coord<f64>, low: Coord<f64>, high: Coord<f64>| {
        let first = vertices.partition_point(|v| v.x < low.x - t);
        let end = vertices.partition_point(|v| v.x <= high.x + t);
        vertices[first..end.max(first)].iter().any(|&v| {
            v.y >= low.y - t && v.y <= high.y + t && segment_distance_squared(v, a, b) <= t * t
        })
    };
    let mut found: Vec<usize> = layer
        .index
        .candidates_near(rect, t)
        .filter(|&i| {
            let geometry = &layer.geometries[i];
            runs.0[i].iter().any(|run| {
                if outside(run.bounds.min(), run.bounds.max()) {
                    return false;
                }
                let part = &geometry.0[run.polygon as usize];
                let ring = match run.ring {
                    0 => part.exterior(),
                    k => &part.interiors()[k as usize - 1],
                };
                let first = run.first_edge as usize;
                let last_point = (first + EDGES_PER_RUN).min(ring.0.len() - 1);
                ring.0[first..=last_point].windows(2).any(|edge| {
                    let (a, b) = (edge[0], edge[1]);
                    let low = Coord { x: a.x.min(b.x), y: a.y.min(b.y) };
                    let high = Coord { x: a.x.max(b.x), y: a.y.max(b.y) };
                    !outside(low, high) && near_edge(a, b, low, high)
                })
            })
        })
        .collect();
    found.sort_unstable();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::intersection;
    use crate::model::{Crs, Layer};
    use geo::wkt;

    fn layer(geometries: Vec<MultiPolygon<f64>>) -> PreparedLayer<'static> {
        let features = geometries
            .into_iter()
            .enumerate()
            .map(|(i, geometry)| (format!("f{i}"), geometry));
        let layer = Layer::from_geometries("test", Crs::RD_NEW, features);
        PreparedLayer::new(Box::leak(Box::new(layer)), "test", 0.001, None)
    }

    #[test]
    fn two_squares_overlapping_by_a_known_area() {
        let prepared = layer(vec![
            wkt!(MULTIPOLYGON(((0. 0.,100. 0.,100. 100.,0. 100.,0. 0.)))),
            wkt!(MULTIPOLYGON(((60. 0.,160. 0.,160. 100.,60. 100.,60. 0.)))),
        ]);
        let found = overlaps(&prepared, 5.0);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, ProblemKind::Overlap);
        assert!((found[0].area_m2 - 4000.0).abs() < 1e-6);
        assert!((found[0].width_m - 40.0).abs() < 0.2);
        assert_eq!(found[0].ids, ["f0", "f1"]);
    }

    #[test]
    fn three_features_over_one_spot_make_one_piece() {
        let prepared = layer(vec![
            wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.)))),
            wkt!(MULTIPOLYGON(((5. 0.,15. 0.,15. 10.,5. 10.,5. 0.)))),
            wkt!(MULTIPOLYGON(((7. 0.,20. 0.,20. 10.,7. 10.,7. 0.)))),
        ]);
        // Covered twice or more from x = 5 to 15 (three times from 7 to 10): one piece, 100 m².
        let found = overlaps(&prepared, 1.0);
        assert_eq!(found.len(), 1);
        let total: f64 = found.iter().map(|p| p.area_m2).sum();
        assert!((total - 100.0).abs() < 1e-6, "{total}");
        assert!(found.iter().all(|p| p.ids == ["f0", "f1", "f2"]));
    }

    /// A 40 × 40 grid of 10 m cells (more than one chunk of the covered-twice search), with the
    /// cells for which `grows` holds pushed `by` metres into their right-hand neighbour.
    fn grid(grows: impl Fn(usize, usize) -> bool, by: f64) -> PreparedLayer<'static> {
        let n = 40;
        layer(
            (0..n * n)
                .map(|k| {
                    let (i, j) = ((k % n) as f64, (k / n) as f64);
                    let right = if grows(k % n, k / n) { by } else { 0.0 };
                    let (x0, y0) = (120_000.0 + i * 10.0, 480_000.0 + j * 10.0);
                    let (x1, y1) = (x0 + 10.0 + right, y0 + 10.0);
                    MultiPolygon::new(vec![geo::Rect::new((x0, y0), (x1, y1)).to_polygon()])
                })
                .collect(),
        )
    }

    /// The pairs of features that overlap, by overlaying every pair of them.
    fn overlapping_pairs_by_hand(layer: &PreparedLayer) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        for i in 0..layer.len() {
            for j in i + 1..layer.len() {
                if !intersection(&layer.geometries[i], &layer.geometries[j]).0.is_empty() {
                    let mut ids = [layer.ids[i].clone(), layer.ids[j].clone()];
                    ids.sort();
                    pairs.push((ids[0].clone(), ids[1].clone()));
                }
            }
        }
        pairs.sort();
        pairs
    }

    fn overlapping_pairs_found(layer: &PreparedLayer) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = overlaps(layer, 5.0)
            .iter()
            .flat_map(|p| {
                p.ids.iter().enumerate().flat_map(|(k, a)| {
                    p.ids[k + 1..].iter().map(move |b| (a.clone(), b.clone()))
                })
            })
            .collect();
        pairs.sort();
        pairs.dedup();
        pairs
    }

    #[test]
    fn overlaps_in_a_clean_coverage_are_found_across_chunks() {
        // 111 cells spread over the grid overlap their right-hand neighbour, some of them across
        // the seams between chunks of the Hilbert order, while the 6,000-odd other neighbours
        // only touch.
        let prepared = grid(|i, j| i < 39 && j % 2 == 0 && (i + j) % 7 == 0, 0.5);
        let twice = CoveredTwice::find(&prepared, &boxes_of(&prepared));
        // Found once per chunk whose overlay takes in both cells.
        let mut places: Vec<String> = twice
            .places
            .iter()
            .flat_map(|tree| tree.iter())
            .map(|r| format!("{:.2?} {:.2?}", r.lower(), r.upper()))
            .collect();
        places.sort();
        places.dedup();
        assert_eq!(places.len(), 111);
        let found = overlapping_pairs_found(&prepared);
        assert_eq!(found.len(), 111);
        assert_eq!(found, overlapping_pairs_by_hand(&prepared));
    }

    #[test]
    fn a_layer_of_mostly_overlapping_neighbours_overlays_every_pair() {
        let prepared = grid(|_, _| true, 0.5);
        let twice = CoveredTwice::find(&prepared, &boxes_of(&prepared));
        assert!(twice.places.is_none());
        assert_eq!(overlapping_pairs_found(&prepared).len(), 39 * 40);
        assert_eq!(overlapping_pairs_found(&prepared), overlapping_pairs_by_hand(&prepared));
    }

    fn boxes_of(layer: &PreparedLayer) -> Vec<Option<Rect<f64>>> {
        layer.geometries.iter().map(|g| g.bounding_rect()).collect()
    }

    #[test]
    fn a_ring_of_polygons_around_a_hole() {
        // Four blocks around a 20 × 20 hole in the middle of a 60 × 60 square.
        let prepared = layer(vec![
            wkt!(MULTIPOLYGON(((0. 0.,60. 0.,60. 20.,0. 20.,0. 0.)))),
            wkt!(MULTIPOLYGON(((0. 40.,60. 40.,60. 60.,0. 60.,0. 40.)))),
            wkt!(MULTIPOLYGON(((0. 20.,20. 20.,20. 40.,0. 40.,0. 20.)))),
            wkt!(MULTIPOLYGON(((40. 20.,60. 20.,60. 40.,40. 40.,40. 20.)))),
        ]);
        let found = gaps(&prepared, None, 5.0);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, ProblemKind::Gap);
        assert!((found[0].area_m2 - 400.0).abs() < 1e-6);
        assert!((found[0].width_m - 20.0).abs() < 0.1);
        assert_eq!(found[0].ids, ["f0", "f1", "f2", "f3"]);
        assert!(overlaps(&prepared, 5.0).is_empty());
    }

    #[test]
    fn gap_neighbours_through_edge_runs_match_testing_every_edge() {
        // Squares with 4 × 60 edges each (so several runs per ring), every eleventh one left
        // out: the neighbours named must be exactly those a test of every edge against every
        // vertex of the gap finds, and a square one cell away must not be among them.
        let n = 12;
        let square = |i: usize, j: usize| {
            let (x0, y0) = (i as f64 * 10.0, j as f64 * 10.0);
            let corners = [(x0, y0), (x0 + 10.0, y0), (x0 + 10.0, y0 + 10.0), (x0, y0 + 10.0)];
            let mut ring: Vec<Coord<f64>> = (0..4)
                .flat_map(|side| {
                    let (a, b) = (corners[side], corners[(side + 1) % 4]);
                    (0..60).map(move |k| {
                        let f = k as f64 / 60.0;
                        Coord { x: a.0 + (b.0 - a.0) * f, y: a.1 + (b.1 - a.1) * f }
                    })
                })
                .collect();
            ring.push(ring[0]);
            MultiPolygon::new(vec![Polygon::new(ring.into(), vec![])])
        };
        let left_out = |i: usize, j: usize| (i * 7 + j * 3).is_multiple_of(11) && i > 0 && j > 0 && i < n - 1 && j < n - 1;
        let prepared = layer(
            (0..n * n)
                .filter(|k| !left_out(k % n, k / n))
                .map(|k| square(k % n, k / n))
                .collect(),
        );
        let runs = EdgeRuns::of(&prepared);
        let found = gaps(&prepared, None, 5.0);
        assert!(found.len() >= 5, "{} gaps", found.len());
        let t = TOUCH_TOLERANCE;
        for gap in &found {
            let piece: &Polygon<f64> = &gap.geometry;
            let by_hand: Vec<usize> = (0..prepared.geometries.len())
                .filter(|&i| {
                    prepared.geometries[i].0[0].exterior().lines().any(|edge| {
                        piece.exterior().0.iter().any(|&v| {
                            segment_distance_squared(v, edge.start, edge.end) <= t * t
                        })
                    })
                })
                .collect();
            assert_eq!(bordering(&prepared, &runs, piece), by_hand);
            // A lone left-out cell borders its four side neighbours and four corner ones.
            assert_eq!(by_hand.len(), 8);
        }
    }

    #[test]
    fn a_two_metre_gap_is_a_sliver() {
        let prepared = layer(vec![
            wkt!(MULTIPOLYGON(((0. 0.,100. 0.,100. 100.,0. 100.,0. 0.)))),
            wkt!(MULTIPOLYGON(((102. 0.,200. 0.,200. 100.,102. 100.,102. 0.)))),
        ]);
        let extent = wkt!(MULTIPOLYGON(((0. 0.,200. 0.,200. 100.,0. 100.,0. 0.))));
        let found = gaps(&prepared, Some(&extent), 5.0);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].kind, found[0].sliver_of),
            (ProblemKind::Sliver, Some(ProblemKind::Gap))
        );
        assert!((found[0].area_m2 - 200.0).abs() < 1e-6);
        assert!((found[0].width_m - 2.0).abs() < 0.05);
        assert_eq!(found[0].ids, ["f0", "f1"]);
    }

    #[test]
    fn an_open_sided_strip_along_the_extent() {
        // The division stops 30 m short of the municipal boundary on the east side.
        let prepared = layer(vec![
            wkt!(MULTIPOLYGON(((0. 0.,50. 0.,50. 100.,0. 100.,0. 0.)))),
            wkt!(MULTIPOLYGON(((50. 0.,170. 0.,170. 100.,50. 100.,50. 0.)))),
        ]);
        let extent = wkt!(MULTIPOLYGON(((0. 0.,200. 0.,200. 100.,0. 100.,0. 0.))));
        assert!(gaps(&prepared, None, 5.0).is_empty());
        let found = gaps(&prepared, Some(&extent), 5.0);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, ProblemKind::Gap);
        assert!((found[0].area_m2 - 3000.0).abs() < 1e-6);
        assert_eq!(found[0].ids, ["f1"]);
    }
}
