//! Cleaning a division into a coverage, with the semantics of GEOS 3.14's CoverageCleaner
//! (PostGIS ST_CoverageClean, shapely `coverage_clean`): every face of the overlay of the
//! inputs goes to exactly one input. A face inside one input stays with it; a face inside
//! several (an overlap) goes to one of them by the merge rule; a gap (a face inside none that
//! the division encloses) whose largest inscribed circle is at most `gap_width` across goes to
//! the neighbour with the longest shared border; wider gaps, and gaps open to the outside, stay.
//!
//! Faces are found exactly, without a noding library: each pair overlap `a ∩ b` (a < b) is cut
//! by every other input that touches it, and a face covered by the set S is kept only in the
//! pair of S's two lowest members, so each overlap face is seen once. Shared borders are the
//! edges of a piece lying on the candidate's boundary.

use geo::{Area, BooleanOps, BoundingRect, MultiPolygon, Polygon, Rect};
use rayon::prelude::*;
use serde::Serialize;

use super::prepare::PreparedLayer;
use crate::geometry::{
    MIN_PIECE_AREA_M2, build_coverage, intersection_with_crumbs, narrower_than, segment_distance_squared,
    union_all,
};
use crate::model::{Layer, WORKING_GRID_M};

/// Vertices of the cleaned pieces closer than this (m) are one vertex: well above the
/// overlay's rounding (under 0.3 mm within the Netherlands), well below anything drawn.
const SNAP_M: f64 = 0.005;

/// Which input an overlap goes to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MergeRule {
    /// The input sharing the longest border with it (its current cleaned area).
    #[default]
    LongestBorder,
    /// The input of the largest area.
    MaxArea,
    /// The input of the smallest area.
    MinArea,
    /// The input listed first.
    MinIndex,
}

impl MergeRule {
    pub const ALL: [MergeRule; 4] = [
        MergeRule::LongestBorder,
        MergeRule::MaxArea,
        MergeRule::MinArea,
        MergeRule::MinIndex,
    ];

    /// `longest-border`, `max-area`, `min-area`, `min-index`.
    pub fn name(self) -> &'static str {
        match self {
            MergeRule::LongestBorder => "longest-border",
            MergeRule::MaxArea => "max-area",
            MergeRule::MinArea => "min-area",
            MergeRule::MinIndex => "min-index",
        }
    }

    pub fn parse(text: &str) -> Option<MergeRule> {
        MergeRule::ALL.into_iter().find(|r| r.name() == text.trim().to_ascii_lowercase())
    }
}

/// A piece that changed hands.
#[derive(Clone, Debug, Serialize)]
pub struct Reassigned {
    /// `overlap` or `gap`.
    pub kind: &'static str,
    /// The inputs covering it (an overlap) or bordering it (a gap).
    pub from: Vec<String>,
    /// The input it went to.
    pub to: String,
    pub area_m2: f64,
    #[serde(skip)]
    pub geometry: Polygon<f64>,
}

/// A gap left as it is: wider than the gap width.
#[derive(Clone, Debug, Serialize)]
pub struct RemainingGap {
    pub bordering: Vec<String>,
    pub area_m2: f64,
    #[serde(skip)]
    pub geometry: Polygon<f64>,
}

/// The cleaned division and what went where.
#[derive(Clone, Debug)]
pub struct Cleaned {
    /// One geometry per input feature, in order (empty for an input covered entirely by
    /// others that lost every face).
    pub geometries: Vec<MultiPolygon<f64>>,
    pub reassigned: Vec<Reassigned>,
    pub remaining_gaps: Vec<RemainingGap>,
    /// Ids of inputs left without area.
    pub emptied: Vec<String>,
}

/// Cleans `layer` into a coverage.
pub fn clean(layer: &Layer, gap_width: f64, rule: MergeRule) -> Cleaned {
    let prepared = PreparedLayer::new(layer, &layer.name, WORKING_GRID_M, None);
    // Prepared layers leave out features without area; map back to the input's order.
    let input_of: Vec<usize> = {
        let mut positions = Vec::with_capacity(prepared.len());
        let mut next = 0;
        for (k, feature) in layer.features.iter().enumerate() {
            if next < prepared.len() && prepared.ids[next] == feature.id {
                positions.push(k);
                next += 1;
            }
        }
        positions
    };
    let n = prepared.len();
    // Outer rings counter-clockwise, holes clockwise, as the unions below rely on (the readers
    // guarantee it; layers made in code may not).
    let oriented: Vec<MultiPolygon<f64>> = prepared
        .geometries
        .par_iter()
        .map(|g| geo::orient::Orient::orient(g.as_ref(), geo::orient::Direction::Default))
        .collect();
    let geometries: Vec<&MultiPolygon<f64>> = oriented.iter().collect();
    let boxes: Vec<Option<Rect<f64>>> = geometries.iter().map(|g| g.bounding_rect()).collect();

    // Each overlap face once, with the inputs covering it.
    let faces: Vec<(Vec<usize>, Polygon<f64>)> = (0..n)
        .into_par_iter()
        .flat_map_iter(|a| {
            let Some(rect) = boxes[a] else { return Vec::new() };
            let mut found = Vec::new();
            for b in prepared.index.candidates(rect).filter(|&b| b > a) {
                let pair = intersection_with_crumbs(geometries[a], geometries[b]);
                if pair.0.is_empty() {
                    continue;
                }
                let Some(pair_box) = pair.bounding_rect() else { continue };
                let mut pieces: Vec<(Vec<usize>, MultiPolygon<f64>)> = vec![(vec![a, b], pair)];
                for k in prepared.index.candidates(pair_box).filter(|&k| k != a && k != b) {
                    let mut next = Vec::with_capacity(pieces.len() * 2);
                    for (set, piece) in pieces {
                        // Crumbs too: a crumb of a triple overlap left in two pair faces
                        // would be given to two inputs.
                        let inside = without_empty(piece.intersection(geometries[k]));
                        if inside.0.is_empty() {
                            next.push((set, piece));
                            continue;
                        }
                        let outside = without_empty(piece.difference(geometries[k]));
                        let mut with_k = set.clone();
                        with_k.push(k);
                        next.push((with_k, inside));
                        if !outside.0.is_empty() {
                            next.push((set, outside));
                        }
                    }
                    pieces = next;
                }
                for (mut set, piece) in pieces {
                    set.sort_unstable();
                    // Seen from the pair of its two lowest inputs only.
                    if set[0] == a && set[1] == b {
                        found.extend(piece.0.into_iter().map(|p| (set.clone(), p)));
                    }
                }
            }
            found
        })
        // Even a crumb of an overlap goes to someone: left to nobody it would be a hole.
        .filter(|(_, p)| p.unsigned_area() > 0.0)
        .collect();

    // What each input keeps for itself: its area outside every other input. (Subtracting only
    // its overlap faces would be cheaper, but leaves hair slivers along the faces' far sides
    // that would count as border twice.)
    let exclusive: Vec<MultiPolygon<f64>> = (0..n)
        .into_par_iter()
        .map(|i| {
            let Some(rect) = boxes[i] else { return MultiPolygon::new(vec![]) };
            let others: Vec<Polygon<f64>> = prepared
                .index
                .candidates(rect)
                .filter(|&j| j != i)
                .flat_map(|j| geometries[j].0.iter().cloned())
                .collect();
            if others.is_empty() {
                return geometries[i].clone();
            }
            geometries[i].difference(&union_all(&others))
        })
        .collect();

    let mut won: Vec<Vec<Polygon<f64>>> = vec![Vec::new(); n];
    let mut reassigned = Vec::new();
    let areas = &prepared.areas;
    // Largest faces first, so the border a small face is measured against includes the big
    // ones already given out (GEOS merges in a similar greedy order).
    let mut order: Vec<usize> = (0..faces.len()).collect();
    order.sort_by(|&x, &y| faces[y].1.unsigned_area().total_cmp(&faces[x].1.unsigned_area()));
    for f in order {
        let (set, face) = &faces[f];
        let winner = match rule {
            MergeRule::MinIndex => set[0],
            MergeRule::MaxArea => *set
                .iter()
                .max_by(|&&x, &&y| areas[x].total_cmp(&areas[y]).then(y.cmp(&x)))
                .unwrap_or(&set[0]),
            MergeRule::MinArea => *set
                .iter()
                .min_by(|&&x, &&y| areas[x].total_cmp(&areas[y]).then(x.cmp(&y)))
                .unwrap_or(&set[0]),
            MergeRule::LongestBorder => longest_border(face, set, &exclusive, &won),
        };
        won[winner].push(face.clone());
        if face.unsigned_area() < MIN_PIECE_AREA_M2 {
            // Rounding crumbs are given out, not reported.
            continue;
        }
        reassigned.push(Reassigned {
            kind: "overlap",
            from: set.iter().map(|&i| prepared.ids[i].clone()).collect(),
            to: prepared.ids[winner].clone(),
            area_m2: face.unsigned_area(),
            geometry: face.clone(),
        });
    }

    // Gaps the division encloses: holes in the union of all inputs.
    let all: Vec<Polygon<f64>> = geometries.iter().flat_map(|g| g.0.iter().cloned()).collect();
    let covered = union_all(&all);
    let covered_boxes: Vec<Option<Rect<f64>>> = covered.0.iter().map(|p| p.bounding_rect()).collect();
    let holes: Vec<Polygon<f64>> = covered
        .0
        .par_iter()
        .enumerate()
        .flat_map_iter(|(k, p)| {
            let (covered, covered_boxes) = (&covered, &covered_boxes);
            p.interiors().iter().flat_map(move |r| {
                // A hole's ring runs clockwise; as an area of its own it must run
                // counter-clockwise.
                let hole = geo::orient::Orient::orient(&Polygon::new(r.clone(), vec![]), geo::orient::Direction::Default);
                // Islands of the division inside the hole are not part of the gap.
                let islands: Vec<Polygon<f64>> = match hole.bounding_rect() {
                    Some(hole_box) => covered
                        .0
                        .iter()
                        .zip(covered_boxes)
                        .enumerate()
                        .filter(|&(j, (_, b))| j != k && b.is_some_and(|b| contains_box(hole_box, b)))
                        .map(|(_, (island, _))| island.clone())
                        .collect(),
                    None => Vec::new(),
                };
                if islands.is_empty() {
                    vec![hole]
                } else {
                    hole.difference(&MultiPolygon::new(islands)).0
                }
            })
        })
        .filter(|p| p.unsigned_area() > 0.0)
        .collect();
    // Gaps never share a border with each other (they are separate holes), so what each one
    // borders, and so where it goes, can be decided for all at once.
    enum GapFate {
        Crumb(usize),
        Filled(usize, Vec<usize>),
        Stays(Vec<usize>),
    }
    let fates: Vec<Option<GapFate>> = holes
        .par_iter()
        .map(|hole| {
            let rect = hole.bounding_rect()?;
            let around: Vec<usize> = prepared.index.candidates_near(rect, WORKING_GRID_M * 2.0).collect();
            let borders: Vec<(usize, f64)> = around
                .iter()
                .map(|&i| (i, border_with(i, hole, &exclusive, &won)))
                .filter(|&(_, length)| length > 1e-3)
                .collect();
            let bordering: Vec<usize> = borders.iter().map(|&(i, _)| i).collect();
            // A crumb the overlay's rounding left between neighbours is not a gap anyone drew:
            // it is closed whatever the gap width, and not reported.
            if hole.unsigned_area() < MIN_PIECE_AREA_M2 {
                return Some(match longest_of(&borders) {
                    Some(winner) => GapFate::Crumb(winner),
                    None if !around.is_empty() => GapFate::Crumb(around[0]),
                    None => GapFate::Stays(bordering),
                });
            }
            let narrow = gap_width > 0.0 && narrower_than(hole, gap_width * (1.0 + 1e-9) + 1e-6);
            Some(match longest_of(&borders) {
                Some(winner) if narrow => GapFate::Filled(winner, bordering),
                _ => GapFate::Stays(bordering),
            })
        })
        .collect();
    let mut remaining_gaps = Vec::new();
    for (hole, fate) in holes.into_iter().zip(fates) {
        match fate {
            None => {}
            Some(GapFate::Crumb(winner)) => won[winner].push(hole),
            Some(GapFate::Filled(winner, bordering)) => {
                reassigned.push(Reassigned {
                    kind: "gap",
                    from: bordering.iter().map(|&i| prepared.ids[i].clone()).collect(),
                    to: prepared.ids[winner].clone(),
                    area_m2: hole.unsigned_area(),
                    geometry: hole.clone(),
                });
                won[winner].push(hole);
            }
            Some(GapFate::Stays(bordering)) if hole.unsigned_area() >= MIN_PIECE_AREA_M2 => {
                remaining_gaps.push(RemainingGap {
                    bordering: bordering.iter().map(|&i| prepared.ids[i].clone()).collect(),
                    area_m2: hole.unsigned_area(),
                    geometry: hole,
                });
            }
            Some(GapFate::Stays(_)) => {}
        }
    }

    // Each input's own part and what it won, noded together so neighbours share their edges
    // vertex for vertex.
    let pieces: Vec<(usize, &Polygon<f64>)> = (0..n)
        .flat_map(|i| exclusive[i].0.iter().chain(&won[i]).map(move |p| (i, p)))
        .collect();
    let cleaned = build_coverage(&pieces, n, SNAP_M);
    let mut geometries_out = vec![MultiPolygon::new(vec![]); layer.features.len()];
    for (i, geometry) in cleaned.into_iter().enumerate() {
        geometries_out[input_of[i]] = geometry;
    }
    let emptied = layer
        .features
        .iter()
        .zip(&geometries_out)
        .filter(|(_, g)| g.unsigned_area() < MIN_PIECE_AREA_M2)
        .map(|(f, _)| f.id.clone())
        .collect();
    Cleaned {
        geometries: geometries_out,
        reassigned,
        remaining_gaps,
        emptied,
    }
}

fn contains_box(outer: Rect<f64>, inner: Rect<f64>) -> bool {
    outer.min().x <= inner.min().x
        && outer.min().y <= inner.min().y
        && outer.max().x >= inner.max().x
        && outer.max().y >= inner.max().y
}

fn without_empty(geometry: MultiPolygon<f64>) -> MultiPolygon<f64> {
    MultiPolygon::new(geometry.0.into_iter().filter(|p| p.unsigned_area() > 0.0).collect())
}

/// The longest of measured borders (ties: the lowest index); none when there are none.
fn longest_of(borders: &[(usize, f64)]) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for &(c, length) in borders {
        best = match best {
            Some((b, l)) if !(length > l + 1e-9 || (length > l - 1e-9 && c < b)) => Some((b, l)),
            _ => Some((c, length)),
        };
    }
    best.map(|(c, _)| c)
}

/// The candidate sharing the longest border with `piece` (ties: the lowest index).
fn longest_border(
    piece: &Polygon<f64>,
    candidates: &[usize],
    exclusive: &[MultiPolygon<f64>],
    won: &[Vec<Polygon<f64>>],
) -> usize {
    let mut best = (candidates[0], f64::NEG_INFINITY);
    for &c in candidates {
        let length = border_with(c, piece, exclusive, won);
        if length > best.1 + 1e-9 || (length > best.1 - 1e-9 && c < best.0) {
            best = (c, length);
        }
    }
    best.0
}

/// The border `piece` shares with input `i`'s cleaned area so far. That area is its own part
/// and the pieces it won, all disjoint, so the border is the sum of the borders with each:
/// no union is needed, and only pieces near `piece` are measured.
fn border_with(
    i: usize,
    piece: &Polygon<f64>,
    exclusive: &[MultiPolygon<f64>],
    won: &[Vec<Polygon<f64>>],
) -> f64 {
    let Some(rect) = piece.bounding_rect() else {
        return 0.0;
    };
    let near = |other: &Polygon<f64>| {
        other.bounding_rect().is_some_and(|b| {
            b.min().x <= rect.max().x + 1.0
                && b.max().x >= rect.min().x - 1.0
                && b.min().y <= rect.max().y + 1.0
                && b.max().y >= rect.min().y - 1.0
        })
    };
    shared_border(piece, &exclusive[i])
        + won[i]
            .iter()
            .filter(|w| near(w))
            .map(|w| shared_border(piece, &MultiPolygon::new(vec![w.clone()])))
            .sum::<f64>()
}

/// The length of border `piece` shares with `area`: the parts of `piece`'s edges that lie on
/// `area`'s boundary (within 5 mm, the overlay's rounding). Pieces are cut from the inputs, so
/// their edges are pieces of the inputs' edges; comparing edges, not perimeters of a union,
/// stays right where rounding leaves the two a hair apart.
fn shared_border(piece: &Polygon<f64>, area: &MultiPolygon<f64>) -> f64 {
    const ON_BOUNDARY_M: f64 = 0.005;
    let Some(rect) = piece.bounding_rect() else {
        return 0.0;
    };
    let margin = 1.0;
    let grown = Rect::new(
        (rect.min().x - margin, rect.min().y - margin),
        (rect.max().x + margin, rect.max().y + margin),
    );
    let (g_min, g_max) = (grown.min(), grown.max());
    let segments: Vec<(geo::Coord<f64>, geo::Coord<f64>)> = area
        .0
        .iter()
        .filter(|p| {
            p.bounding_rect().is_some_and(|b| {
                b.min().x <= g_max.x && b.max().x >= g_min.x && b.min().y <= g_max.y && b.max().y >= g_min.y
            })
        })
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .flat_map(|ring| ring.lines().map(|l| (l.start, l.end)))
        .filter(|(a, b)| {
            a.x.max(b.x) >= g_min.x && a.x.min(b.x) <= g_max.x && a.y.max(b.y) >= g_min.y && a.y.min(b.y) <= g_max.y
        })
        .collect();
    if segments.is_empty() {
        return 0.0;
    }
    let tolerance = ON_BOUNDARY_M * ON_BOUNDARY_M;
    std::iter::once(piece.exterior())
        .chain(piece.interiors())
        .flat_map(|ring| ring.lines())
        .map(|edge| {
            // Points along the edge, so an edge that runs past two neighbours is shared out
            // between them by length.
            let length = (edge.end.x - edge.start.x).hypot(edge.end.y - edge.start.y);
            // Only the boundary segments beside this edge can hold it.
            let (min_x, max_x) = (edge.start.x.min(edge.end.x) - ON_BOUNDARY_M, edge.start.x.max(edge.end.x) + ON_BOUNDARY_M);
            let (min_y, max_y) = (edge.start.y.min(edge.end.y) - ON_BOUNDARY_M, edge.start.y.max(edge.end.y) + ON_BOUNDARY_M);
            let beside: Vec<(geo::Coord<f64>, geo::Coord<f64>)> = segments
                .iter()
                .copied()
                .filter(|(a, b)| {
                    a.x.max(b.x) >= min_x && a.x.min(b.x) <= max_x && a.y.max(b.y) >= min_y && a.y.min(b.y) <= max_y
                })
                .collect();
            if beside.is_empty() {
                return 0.0;
            }
            let samples = ((length / 0.5).ceil() as usize).clamp(1, 64);
            let on_boundary = (0..samples)
                .filter(|&k| {
                    let t = (k as f64 + 0.5) / samples as f64;
                    let point = geo::Coord {
                        x: edge.start.x + (edge.end.x - edge.start.x) * t,
                        y: edge.start.y + (edge.end.y - edge.start.y) * t,
                    };
                    beside
                        .iter()
                        .any(|&(a, b)| segment_distance_squared(point, a, b) <= tolerance)
                })
                .count();
            length * on_boundary as f64 / samples as f64
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Crs;
    use geo::wkt;

    fn layer(features: Vec<(&str, MultiPolygon<f64>)>) -> Layer {
        Layer::from_geometries("partner", Crs::RD_NEW, features.into_iter().map(|(id, g)| (id.to_string(), g)))
    }

    fn area(g: &MultiPolygon<f64>) -> f64 {
        g.unsigned_area()
    }

    /// The cleaned layer is a coverage: no two outputs overlap more than the noise floor.
    fn assert_no_overlaps(cleaned: &Cleaned) {
        for (i, a) in cleaned.geometries.iter().enumerate() {
            for b in &cleaned.geometries[i + 1..] {
                let shared = area(&a.intersection(b));
                assert!(shared < 0.01, "overlap of {shared} m² left");
            }
        }
    }

    #[test]
    fn an_overlap_strip_goes_by_the_merge_rule() {
        // A 0–110 × 0–100 (11,000 m²), B 100–300 × 0–100 (20,000 m²): a 10 m strip in both.
        let a = wkt!(MULTIPOLYGON(((0. 0.,110. 0.,110. 100.,0. 100.,0. 0.))));
        let b = wkt!(MULTIPOLYGON(((100. 0.,300. 0.,300. 100.,100. 100.,100. 0.))));
        let input = layer(vec![("A", a), ("B", b)]);
        let by = |rule| clean(&input, 0.0, rule);
        let max = by(MergeRule::MaxArea);
        assert!((area(&max.geometries[0]) - 10_000.0).abs() < 0.01);
        assert!((area(&max.geometries[1]) - 20_000.0).abs() < 0.01);
        assert_no_overlaps(&max);
        let min = by(MergeRule::MinArea);
        assert!((area(&min.geometries[0]) - 11_000.0).abs() < 0.01);
        let first = by(MergeRule::MinIndex);
        assert!((area(&first.geometries[0]) - 11_000.0).abs() < 0.01);
        // The strip's long sides: 100 m border with A's own part (x = 100), 100 m with B's
        // (x = 110): a tie, to the lowest index.
        let border = by(MergeRule::LongestBorder);
        assert!((area(&border.geometries[0]) - 11_000.0).abs() < 0.01);
        assert_eq!(border.reassigned.len(), 1);
        assert_eq!(border.reassigned[0].from, ["A", "B"]);
    }

    #[test]
    fn longest_border_gives_a_corner_overlap_to_the_side_it_lies_along() {
        // B overlaps A in a 10 × 50 notch along A's east edge: the notch borders A on three
        // sides (10 + 50 + 10 m) and B on one (50 m).
        let a = wkt!(MULTIPOLYGON(((0. 0.,100. 0.,100. 100.,0. 100.,0. 0.))));
        let b = wkt!(MULTIPOLYGON(((90. 25.,200. 25.,200. 75.,90. 75.,90. 25.))));
        let cleaned = clean(&layer(vec![("A", a), ("B", b)]), 0.0, MergeRule::LongestBorder);
        assert_eq!(cleaned.reassigned[0].to, "A");
        assert!((area(&cleaned.geometries[0]) - 10_000.0).abs() < 0.01);
        assert_no_overlaps(&cleaned);
    }

    #[test]
    fn a_narrow_gap_is_filled_and_a_wide_one_stays() {
        // Three squares around two holes: a 2 m wide slot and a 40 m square hole.
        let a = wkt!(MULTIPOLYGON(((0. 0.,100. 0.,100. 100.,0. 100.,0. 0.),(10. 10.,12. 10.,12. 90.,10. 90.,10. 10.),(40. 40.,80. 40.,80. 80.,40. 80.,40. 40.))));
        let cleaned = clean(&layer(vec![("A", a)]), 5.0, MergeRule::LongestBorder);
        assert!((area(&cleaned.geometries[0]) - (10_000.0 - 1_600.0)).abs() < 0.01);
        assert_eq!(cleaned.remaining_gaps.len(), 1);
        assert!((cleaned.remaining_gaps[0].area_m2 - 1_600.0).abs() < 0.01);
        assert_eq!(cleaned.reassigned.iter().filter(|r| r.kind == "gap").count(), 1);
    }

    #[test]
    fn an_island_in_a_hole_keeps_its_area_and_the_ring_around_it_is_filled() {
        // A has a 20 × 20 hole; B is an 18 × 18 island in it, leaving a 1 m wide ring.
        let a = wkt!(MULTIPOLYGON(((0. 0.,100. 0.,100. 100.,0. 100.,0. 0.),(40. 40.,40. 60.,60. 60.,60. 40.,40. 40.))));
        let b = wkt!(MULTIPOLYGON(((41. 41.,59. 41.,59. 59.,41. 59.,41. 41.))));
        let cleaned = clean(&layer(vec![("A", a), ("B", b)]), 5.0, MergeRule::LongestBorder);
        assert!((area(&cleaned.geometries[1]) - 324.0).abs() < 1e-6, "the island is not given to A");
        // The ring borders A along 80 m and B along 72 m.
        assert!((area(&cleaned.geometries[0]) - (9_600.0 + 76.0)).abs() < 1e-6);
        assert_no_overlaps(&cleaned);
        assert!(cleaned.remaining_gaps.is_empty());
    }

    #[test]
    fn a_gap_touching_three_areas_goes_to_the_longest_border() {
        // A (west half), B (north-east) and C (south-east) leave a triangle-free slot between
        // them: a 2 × 60 m slot running along A's east edge, touching B and C at its side.
        let a = wkt!(MULTIPOLYGON(((0. 0.,100. 0.,100. 100.,0. 100.,0. 0.))));
        let b = wkt!(MULTIPOLYGON(((102. 50.,200. 50.,200. 100.,100. 100.,100. 80.,102. 80.,102. 50.))));
        let c = wkt!(MULTIPOLYGON(((100. 0.,200. 0.,200. 50.,102. 50.,102. 20.,100. 20.,100. 0.))));
        let cleaned = clean(&layer(vec![("A", a), ("B", b), ("C", c)]), 5.0, MergeRule::LongestBorder);
        let gap = cleaned.reassigned.iter().find(|r| r.kind == "gap").expect("the slot is filled");
        assert_eq!(gap.to, "A", "60 m along A against 30 m along B and C each");
        assert_eq!(gap.from.len(), 3);
        assert!(cleaned.remaining_gaps.is_empty());
        assert_no_overlaps(&cleaned);
    }

    #[test]
    fn a_triple_overlap_is_one_face_for_one_input() {
        let a = wkt!(MULTIPOLYGON(((0. 0.,60. 0.,60. 60.,0. 60.,0. 0.))));
        let b = wkt!(MULTIPOLYGON(((40. 0.,100. 0.,100. 60.,40. 60.,40. 0.))));
        let c = wkt!(MULTIPOLYGON(((0. 40.,100. 40.,100. 100.,0. 100.,0. 40.))));
        let cleaned = clean(&layer(vec![("A", a), ("B", b), ("C", c)]), 0.0, MergeRule::MinIndex);
        let triple: Vec<&Reassigned> = cleaned.reassigned.iter().filter(|r| r.from.len() == 3).collect();
        assert_eq!(triple.len(), 1);
        assert!((triple[0].area_m2 - 400.0).abs() < 0.01);
        assert_eq!(triple[0].to, "A");
        assert_no_overlaps(&cleaned);
        let total: f64 = cleaned.geometries.iter().map(area).sum();
        assert!((total - 10_000.0).abs() < 0.05, "the union is kept: {total}");
    }

    #[test]
    fn an_input_fully_covered_by_another_is_kept_empty_and_named() {
        let big = wkt!(MULTIPOLYGON(((0. 0.,100. 0.,100. 100.,0. 100.,0. 0.))));
        let small = wkt!(MULTIPOLYGON(((10. 10.,20. 10.,20. 20.,10. 20.,10. 10.))));
        let cleaned = clean(&layer(vec![("Groot", big), ("Klein", small)]), 0.0, MergeRule::MaxArea);
        assert_eq!(cleaned.geometries.len(), 2);
        assert!(cleaned.geometries[1].0.is_empty() || area(&cleaned.geometries[1]) < 0.01);
        assert_eq!(cleaned.emptied, ["Klein"]);
    }
}
