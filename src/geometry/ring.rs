//! Small facts about rings (slices of coordinates, closed or not) shared by the readers, the
//! load checks, the width search and the map's hit tests: one even-odd test for all of them.

use geo::Coord;

/// The shoelace area, positive for counter-clockwise rings (y up).
pub fn signed_area(ring: &[Coord<f64>]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a.x * b.y - b.x * a.y
        })
        .sum::<f64>()
        / 2.0
}

/// Whether the edge a–b crosses the ray from `p` towards +x: the step of the even-odd test,
/// for callers that walk the edges themselves (e.g. to measure distances on the way).
pub fn edge_crosses_ray(a: Coord<f64>, b: Coord<f64>, p: Coord<f64>) -> bool {
    (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x
}

/// Even-odd point-in-ring test; a point exactly on the boundary may go either way.
pub fn point_in_ring(ring: &[Coord<f64>], p: Coord<f64>) -> bool {
    point_in_ring_by(ring.len(), |i| ring[i], p)
}

/// The same test for rings of `[x, y]` points, as the map's drawing caches keep them.
pub fn point_in_ring_xy(ring: &[[f64; 2]], [x, y]: [f64; 2]) -> bool {
    point_in_ring_by(ring.len(), |i| Coord::from(ring[i]), Coord { x, y })
}

/// Even-odd over any number of rings (holes flip "inside" back): a point in a polygon.
pub fn point_in_rings_xy(rings: &[Vec<[f64; 2]>], p: [f64; 2]) -> bool {
    rings
        .iter()
        .filter(|ring| point_in_ring_xy(ring, p))
        .count()
        % 2
        == 1
}

fn point_in_ring_by(n: usize, vertex: impl Fn(usize) -> Coord<f64>, p: Coord<f64>) -> bool {
    let mut inside = false;
    let Some(mut j) = n.checked_sub(1) else {
        return false;
    };
    for i in 0..n {
        if edge_crosses_ray(vertex(i), vertex(j), p) {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Midpoints of the first `n` edges: probe points that lie on a ring but rarely on a vertex
/// another ring shares.
pub fn edge_midpoints(ring: &[Coord<f64>], n: usize) -> impl Iterator<Item = Coord<f64>> + '_ {
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
        let square = vec![[0., 0.], [4., 0.], [4., 4.], [0., 4.]];
        let hole = vec![[1., 1.], [3., 1.], [3., 3.], [1., 3.]];
        assert!(point_in_ring_xy(&square, [2., 2.]));
        assert!(!point_in_rings_xy(&[square.clone(), hole], [2., 2.]));
        assert!(point_in_rings_xy(&[square], [2., 2.]));
    }
}
