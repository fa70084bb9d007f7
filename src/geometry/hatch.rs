//! Hatching: how the map marks a feature whose geometry is invalid without hiding what lies
//! under it.

/// Diagonal hatch lines (45°, `spacing` apart) clipped to the rings (even-odd), as segments;
/// for marking features whose geometry is invalid.
pub fn hatch(rings: &[Vec<[f64; 2]>], spacing: f64) -> Vec<[[f64; 2]; 2]> {
    if spacing.is_nan() || spacing <= 0.0 {
        return Vec::new();
    }
    // Lines x + y = u; along a line, x − y orders the crossings.
    let (mut u_min, mut u_max) = (f64::INFINITY, f64::NEG_INFINITY);
    for p in rings.iter().flatten() {
        u_min = u_min.min(p[0] + p[1]);
        u_max = u_max.max(p[0] + p[1]);
    }
    if !u_min.is_finite() || (u_max - u_min) / spacing > 10_000.0 {
        return Vec::new();
    }
    let mut segments = Vec::new();
    let mut u = (u_min / spacing).ceil() * spacing;
    while u <= u_max {
        let mut crossings: Vec<f64> = Vec::new();
        for ring in rings {
            for w in ring.windows(2) {
                let (ua, ub) = (w[0][0] + w[0][1], w[1][0] + w[1][1]);
                if (ua <= u) != (ub <= u) {
                    let t = (u - ua) / (ub - ua);
                    let x = w[0][0] + t * (w[1][0] - w[0][0]);
                    let y = w[0][1] + t * (w[1][1] - w[0][1]);
                    crossings.push(x - y);
                }
            }
        }
        crossings.sort_by(f64::total_cmp);
        for pair in crossings.chunks_exact(2) {
            // x = (u + v) / 2, y = (u − v) / 2
            let point = |v: f64| [(u + v) / 2.0, (u - v) / 2.0];
            segments.push([point(pair[0]), point(pair[1])]);
        }
        u += spacing;
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hatching_stays_inside_and_skips_holes() {
        let outer = vec![
            [0.0, 0.0],
            [10.0, 0.0],
            [10.0, 10.0],
            [0.0, 10.0],
            [0.0, 0.0],
        ];
        let hole = vec![[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0], [4.0, 4.0]];
        let segments = hatch(std::slice::from_ref(&outer), 1.0);
        assert!(!segments.is_empty());
        for [a, b] in &segments {
            for p in [a, b] {
                assert!(
                    p[0] >= -1e-9 && p[0] <= 10.0 + 1e-9 && p[1] >= -1e-9 && p[1] <= 10.0 + 1e-9,
                    "{p:?}"
                );
            }
        }
        // The line through the hole's centre (x + y = 10) is cut in two by the hole.
        let with_hole = hatch(&[outer, hole], 1.0);
        assert!(with_hole.len() > segments.len());
    }
}
