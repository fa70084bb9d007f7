//! Small facts about raw rings (slices of coordinates, closed or not) shared by the readers and
//! the load checks.

use geo::Coord;

/// The shoelace area, positive for counter-clockwise rings (y up).
pub(crate) fn signed_area(ring: &[Coord<f64>]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a.x * b.y - b.x * a.y
        })
        .sum::<f64>()
        / 2.0
}

/// Even-odd point-in-ring test; a point exactly on the boundary may go either way.
pub(crate) fn point_in_ring(ring: &[Coord<f64>], p: Coord<f64>) -> bool {
    let mut inside = false;
    let Some(mut j) = ring.len().checked_sub(1) else {
        return false;
    };
    for i in 0..ring.len() {
        let (a, b) = (ring[i], ring[j]);
        if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Midpoints of the first `n` edges: probe points that lie on a ring but rarely on a vertex
/// another ring shares.
pub(crate) fn edge_midpoints(
    ring: &[Coord<f64>],
    n: usize,
) -> impl Iterator<Item = Coord<f64>> + '_ {
    ring.windows(2).take(n).map(|w| Coord {
        x: (w[0].x + w[1].x) / 2.0,
        y: (w[0].y + w[1].y) / 2.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_sign_follows_orientation_and_points_test_inside() {
        let ccw = [
            Coord { x: 0., y: 0. },
            Coord { x: 2., y: 0. },
            Coord { x: 2., y: 2. },
            Coord { x: 0., y: 2. },
        ];
        assert_eq!(signed_area(&ccw), 4.0);
        assert!(point_in_ring(&ccw, Coord { x: 1., y: 1. }));
        assert!(!point_in_ring(&ccw, Coord { x: 3., y: 1. }));
        assert!(!point_in_ring(&[], Coord { x: 0., y: 0. }));
    }
}
