//! Building a coverage from pieces: each piece belongs to one feature, the pieces tile the
//! plane (up to the rounding of the boolean operations that cut them), and the result must be
//! a coverage in the strict sense GEOS checks (`coverage_is_valid`): where two features meet,
//! their edges match vertex for vertex.
//!
//! Pieces cut by separate boolean operations disagree by the overlay's rounding: the same
//! corner comes out a fraction of a millimetre apart, and a vertex of one piece lies on the
//! middle of its neighbour's edge. So the linework is noded once, for all pieces together:
//! vertices closer than the tolerance become one vertex, and a vertex lying on another piece's
//! edge is inserted into that edge. Then each feature's pieces are dissolved without another
//! boolean operation (which would round again): edges shared by two of its pieces cancel, and
//! the edges left are walked into rings. Every output vertex is one of the noded vertices, so
//! neighbours share them exactly.

use std::collections::HashMap;

use geo::{Coord, LineString, MultiPolygon, Polygon};
use rayon::prelude::*;
use rstar::{AABB, RTree, primitives::GeomWithData};

use super::ring::{point_in_ring, signed_area};

/// Rings below this area (m²) after noding are degenerate (a collapsed sliver) and left out.
const DEGENERATE_AREA_M2: f64 = 1e-6;

/// One geometry per feature (`features` of them) from `pieces` (owner, polygon), with shared
/// edges matching vertex for vertex. Vertices closer than `tolerance` are merged.
pub fn build_coverage(pieces: &[(usize, &Polygon<f64>)], features: usize, tolerance: f64) -> Vec<MultiPolygon<f64>> {
    // 1. One vertex for all coordinates within the tolerance of each other (in input order,
    //    so the result does not depend on threads).
    let mut vertices = VertexSnapper::new(tolerance);
    let mut rings: Vec<(usize, Vec<u32>)> = Vec::new();
    for &(owner, polygon) in pieces {
        for (k, ring) in std::iter::once(polygon.exterior()).chain(polygon.interiors()).enumerate() {
            let mut ids: Vec<u32> = Vec::with_capacity(ring.0.len());
            for &c in &ring.0 {
                let id = vertices.id(c);
                if ids.last() != Some(&id) {
                    ids.push(id);
                }
            }
            while ids.len() > 1 && ids.first() == ids.last() {
                ids.pop();
            }
            if ids.len() < 3 {
                continue;
            }
            // Shells counter-clockwise, holes clockwise, whatever the piece came with: the
            // dissolve below keeps the feature on the left of every edge.
            let ring: Vec<Coord<f64>> = ids.iter().map(|&id| vertices.coords[id as usize]).collect();
            if (signed_area(&ring) > 0.0) != (k == 0) {
                ids.reverse();
            }
            rings.push((owner, ids));
        }
    }
    let coords = vertices.coords;

    // 2. Every vertex, to find the ones lying on another piece's edge. Not only edges without
    //    their reverse need them: two pieces can share an edge and both miss a third piece's
    //    vertex lying on it (a needle narrower than the tolerance would then stay folded).
    let all: Vec<GeomWithData<[f64; 2], u32>> = coords
        .iter()
        .enumerate()
        .map(|(id, c)| GeomWithData::new([c.x, c.y], id as u32))
        .collect();
    let all = RTree::bulk_load(all);

    // 3. Insert into each edge the vertices lying on it.
    let tolerance_squared = tolerance * tolerance;
    let noded: Vec<(usize, Vec<u32>)> = rings
        .par_iter()
        .map(|(owner, ids)| {
            let mut out = Vec::with_capacity(ids.len());
            for (u, v) in ring_edges(ids) {
                out.push(u);
                let (a, b) = (coords[u as usize], coords[v as usize]);
                let envelope = AABB::from_corners(
                    [a.x.min(b.x) - tolerance, a.y.min(b.y) - tolerance],
                    [a.x.max(b.x) + tolerance, a.y.max(b.y) + tolerance],
                );
                let length_squared = (b.x - a.x).powi(2) + (b.y - a.y).powi(2);
                if length_squared == 0.0 {
                    continue;
                }
                let mut on_edge: Vec<(f64, u32)> = all
                    .locate_in_envelope(envelope)
                    .filter(|p| p.data != u && p.data != v)
                    .filter_map(|p| {
                        let c = coords[p.data as usize];
                        let t = ((c.x - a.x) * (b.x - a.x) + (c.y - a.y) * (b.y - a.y)) / length_squared;
                        let foot = Coord {
                            x: a.x + (b.x - a.x) * t,
                            y: a.y + (b.y - a.y) * t,
                        };
                        let off = (c.x - foot.x).powi(2) + (c.y - foot.y).powi(2);
                        (t > 0.0 && t < 1.0 && off <= tolerance_squared).then_some((t, p.data))
                    })
                    .collect();
                on_edge.sort_by(|x, y| x.0.total_cmp(&y.0));
                out.extend(on_edge.into_iter().map(|(_, id)| id));
            }
            out.dedup();
            while out.len() > 1 && out.first() == out.last() {
                out.pop();
            }
            (*owner, out)
        })
        .collect();

    // 4. Each feature's pieces dissolved by cancelling the edges they share.
    let mut by_feature: Vec<Vec<Vec<u32>>> = vec![Vec::new(); features];
    for (owner, ids) in noded {
        if owner < features && ids.len() >= 3 {
            by_feature[owner].push(ids);
        }
    }
    by_feature.par_iter().map(|rings| dissolve(rings, &coords)).collect()
}

/// Merges coordinates closer than a tolerance into one vertex, the first one seen.
struct VertexSnapper {
    coords: Vec<Coord<f64>>,
    cells: HashMap<(i64, i64), Vec<u32>>,
    cell: f64,
    tolerance_squared: f64,
}

impl VertexSnapper {
    fn new(tolerance: f64) -> Self {
        let tolerance = tolerance.max(1e-9);
        VertexSnapper {
            coords: Vec::new(),
            cells: HashMap::new(),
            cell: tolerance,
            tolerance_squared: tolerance * tolerance,
        }
    }

    fn id(&mut self, c: Coord<f64>) -> u32 {
        let (cx, cy) = ((c.x / self.cell).floor() as i64, (c.y / self.cell).floor() as i64);
        let mut best: Option<(u32, f64)> = None;
        for dx in -1..=1 {
            for dy in -1..=1 {
                let Some(ids) = self.cells.get(&(cx + dx, cy + dy)) else { continue };
                for &id in ids {
                    let o = self.coords[id as usize];
                    let d = (o.x - c.x).powi(2) + (o.y - c.y).powi(2);
                    if d <= self.tolerance_squared && best.is_none_or(|(_, bd)| d < bd) {
                        best = Some((id, d));
                    }
                }
            }
        }
        if let Some((id, _)) = best {
            return id;
        }
        let id = self.coords.len() as u32;
        self.coords.push(c);
        self.cells.entry((cx, cy)).or_default().push(id);
        id
    }
}

/// The edges of an open ring of vertex ids, the closing one included.
fn ring_edges(ids: &[u32]) -> impl Iterator<Item = (u32, u32)> + '_ {
    (0..ids.len()).map(move |k| (ids[k], ids[(k + 1) % ids.len()]))
}

/// The union of one feature's pieces, which touch but do not overlap: every edge two pieces
/// share appears once in each direction and cancels; the rest are walked into rings keeping
/// the feature on their left, then holes are put in the shells around them.
fn dissolve(rings: &[Vec<u32>], coords: &[Coord<f64>]) -> MultiPolygon<f64> {
    let position = |id: u32| coords[id as usize];
    let mut net: HashMap<(u32, u32), i32> = HashMap::new();
    for ids in rings {
        for (u, v) in ring_edges(ids) {
            *net.entry((u, v)).or_insert(0) += 1;
        }
    }
    // Keep each direction only as often as it outnumbers its reverse.
    let mut outgoing: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut keys: Vec<(u32, u32)> = net.keys().copied().collect();
    keys.sort_unstable();
    for (u, v) in keys {
        let forward = net.get(&(u, v)).copied().unwrap_or(0);
        let backward = net.get(&(v, u)).copied().unwrap_or(0);
        for _ in 0..(forward - backward).max(0) {
            outgoing.entry(u).or_default().push(v);
        }
    }
    let angle = |from: u32, to: u32| {
        let (a, b) = (position(from), position(to));
        (b.y - a.y).atan2(b.x - a.x)
    };
    let mut starts: Vec<u32> = outgoing.keys().copied().collect();
    starts.sort_unstable();
    let mut walked: Vec<Vec<Coord<f64>>> = Vec::new();
    for start in starts {
        while let Some(first) = outgoing.get_mut(&start).and_then(|targets| targets.pop()) {
            let mut ring = vec![start];
            let (mut from, mut at) = (start, first);
            let limit = net.len() + 1;
            while at != start && ring.len() <= limit {
                ring.push(at);
                // The next edge is the first one clockwise from the way back: it keeps the
                // feature on the left and splits rings where two shells touch at a point.
                let back = angle(at, from);
                let Some(targets) = outgoing.get_mut(&at) else { break };
                if targets.is_empty() {
                    break;
                }
                let mut best = 0;
                let mut best_turn = f64::INFINITY;
                for (k, &to) in targets.iter().enumerate() {
                    let mut turn = back - angle(at, to);
                    while turn <= 0.0 {
                        turn += std::f64::consts::TAU;
                    }
                    while turn > std::f64::consts::TAU {
                        turn -= std::f64::consts::TAU;
                    }
                    if turn < best_turn {
                        best_turn = turn;
                        best = k;
                    }
                }
                let next = targets.swap_remove(best);
                from = at;
                at = next;
            }
            for simple in split_at_repeats(ring) {
                walked.push(simple.into_iter().map(position).collect());
            }
        }
    }
    // (area, shell ring, its holes)
    type Shell = (f64, Vec<Coord<f64>>, Vec<LineString<f64>>);
    let mut shells: Vec<Shell> = Vec::new();
    let mut holes: Vec<Vec<Coord<f64>>> = Vec::new();
    for ring in walked {
        let area = signed_area(&ring);
        if area >= DEGENERATE_AREA_M2 {
            shells.push((area, ring, Vec::new()));
        } else if area <= -DEGENERATE_AREA_M2 {
            holes.push(ring);
        }
    }
    // The smallest shell around a hole holds it.
    shells.sort_by(|a, b| a.0.total_cmp(&b.0));
    for hole in holes {
        let hole_area = -signed_area(&hole);
        let holder = shells.iter().position(|(area, shell, _)| {
            *area >= hole_area && inside_except_shared(&hole, shell)
        });
        if let Some(k) = holder {
            let mut closed = hole;
            closed.push(closed[0]);
            shells[k].2.push(LineString::new(closed));
        }
    }
    MultiPolygon::new(
        shells
            .into_iter()
            .rev()
            .map(|(_, mut shell, holes)| {
                shell.push(shell[0]);
                Polygon::new(LineString::new(shell), holes)
            })
            .collect(),
    )
}

/// A walked ring that passes a vertex twice (a shell pinched at a point, or a fold the
/// snapping left) as the simple loops it is made of, each of at least three vertices.
fn split_at_repeats(ring: Vec<u32>) -> Vec<Vec<u32>> {
    let mut loops = Vec::new();
    let mut stack: Vec<u32> = Vec::with_capacity(ring.len());
    let mut on_stack: HashMap<u32, usize> = HashMap::new();
    for id in ring.into_iter().chain(std::iter::once(u32::MAX)) {
        // The sentinel closes whatever is left as the last loop.
        let at = if id == u32::MAX { Some(0) } else { on_stack.get(&id).copied() };
        if let Some(start) = at {
            let closed: Vec<u32> = stack.drain(start..).collect();
            for c in &closed {
                on_stack.remove(c);
            }
            if closed.len() >= 3 {
                loops.push(closed);
            }
            if id == u32::MAX {
                break;
            }
        }
        on_stack.insert(id, stack.len());
        stack.push(id);
    }
    loops
}

/// Whether `hole` lies inside `shell`, judged at a hole vertex that is not also on the shell
/// (a hole may touch its shell at a vertex), or else at the middle of a hole edge.
fn inside_except_shared(hole: &[Coord<f64>], shell: &[Coord<f64>]) -> bool {
    let probe = hole
        .iter()
        .copied()
        .find(|c| !shell.contains(c))
        .unwrap_or_else(|| Coord {
            x: (hole[0].x + hole[1].x) / 2.0,
            y: (hole[0].y + hole[1].y) / 2.0,
        });
    point_in_ring(shell, probe)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area, wkt};

    fn vertices_of(g: &MultiPolygon<f64>) -> Vec<Coord<f64>> {
        g.0.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .flat_map(|r| r.0.iter().copied())
            .collect()
    }

    #[test]
    fn pieces_a_hair_apart_come_out_sharing_their_vertices() {
        // A's east edge runs x = 100 with a corner at y = 50 that B lacks; B's west edge is
        // 0.2 mm off and has a vertex at y = 30 that A lacks.
        let a = wkt!(POLYGON((0. 0.,100. 0.,100. 50.,100. 100.,0. 100.,0. 0.)));
        let b = wkt!(POLYGON((100.0002 0.,200. 0.,200. 100.,100.0002 100.,100.0001 30.,100.0002 0.)));
        let out = build_coverage(&[(0, &a), (1, &b)], 2, 0.005);
        let (va, vb) = (vertices_of(&out[0]), vertices_of(&out[1]));
        // Every vertex of either on the shared line x ≈ 100 is a vertex of both.
        for c in va.iter().chain(&vb).filter(|c| (c.x - 100.0).abs() < 0.01) {
            assert!(va.contains(c) && vb.contains(c), "{c:?} is not shared");
        }
        assert!(va.iter().any(|c| (c.y - 30.0).abs() < 1e-9), "B's vertex was inserted into A");
        assert!((out[0].unsigned_area() + out[1].unsigned_area() - 20_000.0).abs() < 0.05);
    }

    #[test]
    fn a_features_pieces_dissolve_into_one_polygon_with_its_hole() {
        // A ring of four pieces around a 10 × 10 hole, all of one feature.
        let pieces = [
            wkt!(POLYGON((0. 0.,30. 0.,30. 10.,0. 10.,0. 0.))),
            wkt!(POLYGON((0. 20.,30. 20.,30. 30.,0. 30.,0. 20.))),
            wkt!(POLYGON((0. 10.,10. 10.,10. 20.,0. 20.,0. 10.))),
            wkt!(POLYGON((20. 10.,30. 10.,30. 20.,20. 20.,20. 10.))),
        ];
        let refs: Vec<(usize, &Polygon<f64>)> = pieces.iter().map(|p| (0, p)).collect();
        let out = build_coverage(&refs, 1, 0.005);
        assert_eq!(out[0].0.len(), 1);
        assert_eq!(out[0].0[0].interiors().len(), 1);
        assert!((out[0].unsigned_area() - 800.0).abs() < 1e-6);
    }

    #[test]
    fn shells_touching_at_a_corner_stay_two_polygons() {
        let pieces = [
            wkt!(POLYGON((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.))),
            wkt!(POLYGON((10. 10.,20. 10.,20. 20.,10. 20.,10. 10.))),
        ];
        let refs: Vec<(usize, &Polygon<f64>)> = pieces.iter().map(|p| (0, p)).collect();
        let out = build_coverage(&refs, 1, 0.005);
        assert_eq!(out[0].0.len(), 2);
        assert!((out[0].unsigned_area() - 200.0).abs() < 1e-9);
    }
}
