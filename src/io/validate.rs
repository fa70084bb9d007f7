//! Geometry checks on load. They run on the rings exactly as read (source coordinates), so a
//! problem's location matches what the user sees in their own GIS.

use geo::line_intersection::{LineIntersection, line_intersection};
use geo::{Coord, Line};

use crate::geometry::{edge_midpoints, point_in_ring};
use crate::model::{GeometryProblem, RingRole};

/// Everything wrong with polygon `polygon_index` of a feature, outer ring first.
pub fn polygon_problems(polygon_index: usize, rings: &[Vec<Coord<f64>>]) -> Vec<GeometryProblem> {
    let mut problems = Vec::new();
    if rings.is_empty() {
        // `"coordinates": []`: an empty polygon, which has no place on a map of areas.
        problems.push(GeometryProblem::TooFewPoints {
            ring: RingRole {
                polygon: polygon_index,
                hole: None,
            },
            points: 0,
        });
    }
    for (ring_index, ring) in rings.iter().enumerate() {
        let role = RingRole {
            polygon: polygon_index,
            hole: ring_index.checked_sub(1),
        };
        if let Some(index) = ring
            .iter()
            .position(|c| !(c.x.is_finite() && c.y.is_finite()))
        {
            problems.push(GeometryProblem::NonFinite { ring: role, index });
        }
        let finite: Vec<Coord<f64>> = ring
            .iter()
            .copied()
            .filter(|c| c.x.is_finite() && c.y.is_finite())
            .collect();
        let closed = finite.len() >= 2 && finite.first() == finite.last();
        if finite.len() >= 2 && !closed {
            problems.push(GeometryProblem::NotClosed { ring: role });
        }
        let positions = finite.len() + usize::from(!closed && !finite.is_empty());
        if positions < 4 || distinct_points(&finite) < 3 {
            problems.push(GeometryProblem::TooFewPoints {
                ring: role,
                points: positions,
            });
            continue;
        }
        if ring_index > 0
            && let Some(shell) = rings.first()
            && hole_outside(shell, &finite)
        {
            problems.push(GeometryProblem::HoleOutsideShell { ring: role });
        }
    }
    if !problems.is_empty() {
        return problems;
    }
    // A flat ring also "crosses itself" (it runs back over its own edges), but zero area is the
    // better explanation; a bowtie's signed area can be zero too, so flatness is tested directly.
    if rings.first().is_some_and(|shell| is_flat(shell)) {
        problems.push(GeometryProblem::ZeroArea {
            polygon: polygon_index,
        });
    } else {
        let role = |ring: usize| RingRole {
            polygon: polygon_index,
            hole: ring.checked_sub(1),
        };
        match topology(rings) {
            Some(Topology::Crossing(ring, at)) => {
                problems.push(GeometryProblem::SelfIntersection {
                    ring: role(ring),
                    at,
                });
            }
            Some(Topology::SelfTouching(ring, at)) => {
                problems.push(GeometryProblem::SelfTouching {
                    ring: role(ring),
                    at,
                });
            }
            Some(Topology::Disconnected(at)) => {
                problems.push(GeometryProblem::DisconnectedInterior {
                    polygon: polygon_index,
                    at,
                });
            }
            None => {}
        }
    }
    problems
}

/// Where two different rings touch, each place once (by the bits of its coordinates).
struct Touch {
    rings: (usize, usize),
    key: (u64, u64),
    at: Coord<f64>,
}

/// What is wrong with how a polygon's rings meet, as GEOS judges validity.
enum Topology {
    /// Two edges cross or run over each other (ring, where).
    Crossing(usize, Coord<f64>),
    /// A ring touches itself at a point (ring, where).
    SelfTouching(usize, Coord<f64>),
    /// Rings touch so that the inside is cut in pieces (one of the places).
    Disconnected(Coord<f64>),
}

fn distinct_points(ring: &[Coord<f64>]) -> usize {
    let mut count = 0;
    let mut last: Option<Coord<f64>> = None;
    let end = if ring.len() > 1 && ring.first() == ring.last() {
        ring.len() - 1
    } else {
        ring.len()
    };
    for &c in &ring[..end] {
        if last != Some(c) {
            count += 1;
            last = Some(c);
        }
        if count >= 3 {
            break;
        }
    }
    count
}

/// True when every point lies on one straight line, so the ring encloses nothing.
fn is_flat(ring: &[Coord<f64>]) -> bool {
    let Some(&a) = ring.first() else { return true };
    let Some(&b) = ring.iter().find(|&&c| c != a) else {
        return true;
    };
    let scale = (b.x - a.x).hypot(b.y - a.y);
    ring.iter().all(|c| {
        ((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)).abs()
            <= 1e-12 * scale * scale.max(1.0)
    })
}

/// A hole is outside its shell when most of its first vertices are; a hole that merely touches
/// the shell at a vertex stays valid.
fn hole_outside(shell: &[Coord<f64>], hole: &[Coord<f64>]) -> bool {
    let shell: Vec<Coord<f64>> = shell
        .iter()
        .copied()
        .filter(|c| c.x.is_finite() && c.y.is_finite())
        .collect();
    if shell.len() < 3 {
        return false;
    }
    let probes: Vec<Coord<f64>> = edge_midpoints(hole, 3).collect();
    let outside = probes
        .iter()
        .filter(|&&p| !point_in_ring(&shell, p))
        .count();
    outside * 2 > probes.len()
}

struct Segment {
    line: Line<f64>,
    ring: usize,
    index: usize,
    ring_segments: usize,
    min_x: f64,
    max_x: f64,
}

/// How the polygon's rings meet, by a sweep over segments sorted on x (so a polygon of a
/// million vertices stays fast): the first place where two edges cross or run over each other;
/// else a ring that touches itself; else rings that touch in a cycle — a hole touching the
/// outer ring twice, or two holes touching each other and the outer ring — which cuts the
/// inside in pieces. Segments that share a vertex in sequence only count when they fold back
/// over each other.
fn topology(rings: &[Vec<Coord<f64>>]) -> Option<Topology> {
    let mut segments = Vec::new();
    for (ring_index, ring) in rings.iter().enumerate() {
        let mut coords: Vec<Coord<f64>> = Vec::with_capacity(ring.len() + 1);
        for &c in ring {
            if coords.last() != Some(&c) {
                coords.push(c);
            }
        }
        if coords.len() > 1 && coords.first() != coords.last() {
            coords.push(coords[0]);
        }
        let ring_segments = coords.len().saturating_sub(1);
        for (index, w) in coords.windows(2).enumerate() {
            segments.push(Segment {
                line: Line::new(w[0], w[1]),
                ring: ring_index,
                index,
                ring_segments,
                min_x: w[0].x.min(w[1].x),
                max_x: w[0].x.max(w[1].x),
            });
        }
    }
    segments.sort_by(|a, b| a.min_x.total_cmp(&b.min_x));
    let mut self_touch: Option<(usize, Coord<f64>)> = None;
    let mut touches: Vec<Touch> = Vec::new();
    for (i, a) in segments.iter().enumerate() {
        let (a_min_y, a_max_y) = (
            a.line.start.y.min(a.line.end.y),
            a.line.start.y.max(a.line.end.y),
        );
        for b in segments[i + 1..].iter().take_while(|b| b.min_x <= a.max_x) {
            if b.line.start.y.min(b.line.end.y) > a_max_y
                || b.line.start.y.max(b.line.end.y) < a_min_y
            {
                continue;
            }
            let adjacent = a.ring == b.ring
                && (a.index.abs_diff(b.index) == 1
                    || a.index.abs_diff(b.index) + 1 == a.ring_segments);
            match line_intersection(a.line, b.line) {
                Some(LineIntersection::SinglePoint {
                    intersection,
                    is_proper,
                }) if is_proper && !adjacent => {
                    return Some(Topology::Crossing(a.ring.min(b.ring), intersection));
                }
                Some(LineIntersection::Collinear { intersection })
                    if intersection.start != intersection.end =>
                {
                    return Some(Topology::Crossing(a.ring.min(b.ring), intersection.start));
                }
                Some(LineIntersection::SinglePoint { intersection, .. }) if !adjacent => {
                    if a.ring == b.ring {
                        self_touch.get_or_insert((a.ring, intersection));
                    } else {
                        let key = (intersection.x.to_bits(), intersection.y.to_bits());
                        touches.push(Touch {
                            rings: (a.ring.min(b.ring), a.ring.max(b.ring)),
                            key,
                            at: intersection,
                        });
                    }
                }
                _ => {}
            }
        }
    }
    if let Some((ring, at)) = self_touch {
        return Some(Topology::SelfTouching(ring, at));
    }
    // Rings as nodes, touch places as edges: a cycle closes off a piece of the inside.
    touches.sort_by_key(|t| (t.rings, t.key));
    touches.dedup_by_key(|t| (t.rings, t.key));
    let mut parent: Vec<usize> = (0..rings.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for touch in touches {
        let (a, b) = touch.rings;
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra == rb {
            return Some(Topology::Disconnected(touch.at));
        }
        parent[ra] = rb;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(points: &[(f64, f64)]) -> Vec<Coord<f64>> {
        points.iter().map(|&(x, y)| Coord { x, y }).collect()
    }

    #[test]
    fn a_square_is_valid() {
        let square = ring(&[(0., 0.), (1., 0.), (1., 1.), (0., 1.), (0., 0.)]);
        assert!(polygon_problems(0, &[square]).is_empty());
    }

    #[test]
    fn a_bowtie_crosses_itself_in_the_middle() {
        let bowtie = ring(&[(0., 0.), (2., 2.), (2., 0.), (0., 2.), (0., 0.)]);
        let problems = polygon_problems(0, &[bowtie]);
        assert_eq!(
            problems,
            vec![GeometryProblem::SelfIntersection {
                ring: RingRole {
                    polygon: 0,
                    hole: None
                },
                at: Coord { x: 1.0, y: 1.0 }
            }]
        );
        assert!(
            problems[0]
                .to_string()
                .contains("crosses itself near (1.000000, 1.000000)")
        );
    }

    fn coords(points: &[(f64, f64)]) -> Vec<Coord<f64>> {
        points.iter().map(|&(x, y)| Coord { x, y }).collect()
    }

    #[test]
    fn a_ring_through_its_own_point_touches_itself() {
        // An outer ring pinched in at (5, 5): the "inverted hole" GEOS refuses.
        let pinched = coords(&[
            (0., 0.),
            (10., 0.),
            (10., 10.),
            (5., 5.),
            (7., 3.),
            (3., 3.),
            (5., 5.),
            (0., 10.),
            (0., 0.),
        ]);
        let problems = polygon_problems(0, &[pinched]);
        assert!(
            matches!(problems[..], [GeometryProblem::SelfTouching { at, .. }] if at == Coord { x: 5., y: 5. }),
            "{problems:?}"
        );
    }

    #[test]
    fn holes_that_cut_the_inside_in_two_disconnect_it() {
        let shell = coords(&[(0., 0.), (10., 0.), (10., 10.), (0., 10.), (0., 0.)]);
        // A hole touching the outer ring once is fine.
        let once = coords(&[(0., 5.), (3., 4.), (3., 6.), (0., 5.)]);
        assert!(polygon_problems(0, &[shell.clone(), once]).is_empty());
        // Touching it twice, left and right edge, cuts the square in two.
        let twice = coords(&[(0., 5.), (5., 4.), (10., 5.), (5., 6.), (0., 5.)]);
        let problems = polygon_problems(0, &[shell.clone(), twice]);
        assert!(
            matches!(
                problems[..],
                [GeometryProblem::DisconnectedInterior { polygon: 0, .. }]
            ),
            "{problems:?}"
        );
        // Two holes touching each other and each the outer ring: a chain across.
        let left = coords(&[(0., 5.), (5., 4.), (5., 6.), (0., 5.)]);
        let right = coords(&[(5., 5.), (9., 4.), (10., 5.), (9., 6.), (5., 5.)]);
        let problems = polygon_problems(0, &[shell, left, right]);
        assert!(
            matches!(problems[..], [GeometryProblem::DisconnectedInterior { .. }]),
            "{problems:?}"
        );
    }

    #[test]
    fn a_spike_folding_back_counts_as_crossing() {
        let spiked = ring(&[
            (0., 0.),
            (4., 0.),
            (4., 4.),
            (4., 6.),
            (4., 5.),
            (0., 4.),
            (0., 0.),
        ]);
        assert!(matches!(
            polygon_problems(0, &[spiked]).as_slice(),
            [GeometryProblem::SelfIntersection { .. }]
        ));
    }

    #[test]
    fn short_unclosed_nonfinite_and_flat_rings_are_named() {
        let three = ring(&[(0., 0.), (1., 0.), (0., 0.)]);
        assert!(matches!(
            polygon_problems(0, &[three])[0],
            GeometryProblem::TooFewPoints { points: 3, .. }
        ));

        let open = ring(&[(0., 0.), (1., 0.), (1., 1.), (0., 1.)]);
        assert_eq!(
            polygon_problems(0, &[open]),
            vec![GeometryProblem::NotClosed {
                ring: RingRole {
                    polygon: 0,
                    hole: None
                }
            }]
        );

        let nan = ring(&[(0., 0.), (f64::NAN, 0.), (1., 1.), (0., 1.), (0., 0.)]);
        assert!(matches!(
            polygon_problems(0, &[nan])[0],
            GeometryProblem::NonFinite { index: 1, .. }
        ));

        let flat = ring(&[(0., 0.), (1., 0.), (2., 0.), (0., 0.)]);
        assert!(
            polygon_problems(0, &[flat])
                .iter()
                .any(|p| matches!(p, GeometryProblem::ZeroArea { .. }))
        );
    }

    #[test]
    fn a_hole_outside_its_shell_is_found() {
        let shell = ring(&[(0., 0.), (4., 0.), (4., 4.), (0., 4.), (0., 0.)]);
        let inner = ring(&[(1., 1.), (1., 2.), (2., 2.), (2., 1.), (1., 1.)]);
        let outer = ring(&[(10., 10.), (10., 12.), (12., 12.), (12., 10.), (10., 10.)]);
        assert!(polygon_problems(0, &[shell.clone(), inner]).is_empty());
        assert_eq!(
            polygon_problems(0, &[shell, outer]),
            vec![GeometryProblem::HoleOutsideShell {
                ring: RingRole {
                    polygon: 0,
                    hole: Some(0)
                }
            }]
        );
    }
}
