//! Splitting a base unit where the agreed boundary runs through it (in Oude IJsselstreek,
//! "Ulft-zuid" is not a CBS buurt): a line across the unit makes two units.

use geo::{Area, BooleanOps, BoundingRect, Coord, LineString, MultiPolygon, Polygon};

use crate::model::{Feature, Layer, Split, Value};

/// Why a split cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    #[error("unit '{0}' is not in the base layer")]
    UnknownUnit(String),
    #[error("a split line needs at least two different points")]
    TooShort,
    #[error("the split line crosses itself")]
    CrossesItself,
    #[error("the line does not cut unit '{0}' in two")]
    DoesNotCut(String),
}

/// Where a ray from `origin` along `direction` leaves the box [min x, min y, max x, max y].
fn exit_point(origin: Coord<f64>, direction: Coord<f64>, bounds: [f64; 4]) -> Coord<f64> {
    let mut t = f64::INFINITY;
    if direction.x > 0.0 {
        t = t.min((bounds[2] - origin.x) / direction.x);
    } else if direction.x < 0.0 {
        t = t.min((bounds[0] - origin.x) / direction.x);
    }
    if direction.y > 0.0 {
        t = t.min((bounds[3] - origin.y) / direction.y);
    } else if direction.y < 0.0 {
        t = t.min((bounds[1] - origin.y) / direction.y);
    }
    Coord {
        x: origin.x + direction.x * t,
        y: origin.y + direction.y * t,
    }
}

/// Position along the box outline, counter-clockwise from the bottom-left corner.
fn perimeter_position(p: Coord<f64>, b: [f64; 4]) -> f64 {
    let (w, h) = (b[2] - b[0], b[3] - b[1]);
    let eps = 1e-9 * (w + h);
    if (p.y - b[1]).abs() <= eps {
        p.x - b[0]
    } else if (p.x - b[2]).abs() <= eps {
        w + (p.y - b[1])
    } else if (p.y - b[3]).abs() <= eps {
        w + h + (b[2] - p.x)
    } else {
        2.0 * w + h + (b[3] - p.y)
    }
}

fn segments_cross(a: Coord<f64>, b: Coord<f64>, c: Coord<f64>, d: Coord<f64>) -> bool {
    let orient = |p: Coord<f64>, q: Coord<f64>, r: Coord<f64>| {
        (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x)
    };
    let (d1, d2, d3, d4) = (
        orient(c, d, a),
        orient(c, d, b),
        orient(a, b, c),
        orient(a, b, d),
    );
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// Cuts a unit's geometry along a line, extended straight beyond its ends so that it crosses
/// the unit whole. The part left of the line comes first. The two parts share the cut exactly,
/// so together they are the unit again.
pub fn split_geometry(
    geometry: &MultiPolygon<f64>,
    line: &[[f64; 2]],
) -> Result<[MultiPolygon<f64>; 2], SplitError> {
    let mut points: Vec<Coord<f64>> = Vec::with_capacity(line.len());
    for &[x, y] in line {
        let c = Coord { x, y };
        if points.last() != Some(&c) {
            points.push(c);
        }
    }
    if points.len() < 2 {
        return Err(SplitError::TooShort);
    }
    for i in 0..points.len() - 1 {
        for j in i + 2..points.len() - 1 {
            if segments_cross(points[i], points[i + 1], points[j], points[j + 1]) {
                return Err(SplitError::CrossesItself);
            }
        }
    }
    let Some(rect) = geometry.bounding_rect() else {
        return Err(SplitError::DoesNotCut(String::new()));
    };
    // A box well around the unit and the line: the cutting polygon runs along its outline.
    let mut b = [rect.min().x, rect.min().y, rect.max().x, rect.max().y];
    for p in &points {
        b = [b[0].min(p.x), b[1].min(p.y), b[2].max(p.x), b[3].max(p.y)];
    }
    let margin = ((b[2] - b[0]) + (b[3] - b[1])).max(1.0);
    let b = [b[0] - margin, b[1] - margin, b[2] + margin, b[3] + margin];
    let unit = |c: Coord<f64>| {
        let l = c.x.hypot(c.y);
        Coord {
            x: c.x / l,
            y: c.y / l,
        }
    };
    let n = points.len();
    let start = exit_point(points[0], unit(points[0] - points[1]), b);
    let end = exit_point(points[n - 1], unit(points[n - 1] - points[n - 2]), b);
    // Left of the line: along the line, then counter-clockwise round the box back to its start.
    let mut ring = vec![start];
    ring.extend(points.iter().copied());
    ring.push(end);
    let corners = [
        Coord { x: b[0], y: b[1] },
        Coord { x: b[2], y: b[1] },
        Coord { x: b[2], y: b[3] },
        Coord { x: b[0], y: b[3] },
    ];
    let perimeter = 2.0 * ((b[2] - b[0]) + (b[3] - b[1]));
    let (from, to) = (perimeter_position(end, b), perimeter_position(start, b));
    let span = (to - from).rem_euclid(perimeter);
    let mut passed: Vec<(f64, Coord<f64>)> = corners
        .iter()
        .map(|&c| ((perimeter_position(c, b) - from).rem_euclid(perimeter), c))
        .filter(|(t, _)| *t > 0.0 && *t < span)
        .collect();
    passed.sort_by(|x, y| x.0.total_cmp(&y.0));
    ring.extend(passed.into_iter().map(|(_, c)| c));
    ring.push(start);
    let left = Polygon::new(LineString::new(ring), vec![]);
    let left_part = geometry.intersection(&left);
    let right_part = geometry.difference(&left);
    let tiny = geometry.unsigned_area() * 1e-9;
    if left_part.unsigned_area() <= tiny || right_part.unsigned_area() <= tiny {
        return Err(SplitError::DoesNotCut(String::new()));
    }
    Ok([left_part, right_part])
}

/// The base layer with every split applied in order: each split unit is replaced by its two
/// parts. Numeric attributes (inwoners) are divided by area, so sums stay right; text is copied.
pub fn apply_splits(units: &Layer, splits: &[Split]) -> Result<Layer, SplitError> {
    let mut layer = units.clone();
    for split in splits {
        let index = layer
            .features
            .iter()
            .position(|f| f.id == split.unit)
            .ok_or_else(|| SplitError::UnknownUnit(split.unit.clone()))?;
        let feature = layer.features.remove(index);
        let parts = split_geometry(&feature.geometry, &split.line).map_err(|e| match e {
            SplitError::DoesNotCut(_) => SplitError::DoesNotCut(split.unit.clone()),
            other => other,
        })?;
        let total = feature.geometry.unsigned_area();
        for (n, part) in parts.into_iter().enumerate().rev() {
            let share = if total > 0.0 {
                part.unsigned_area() / total
            } else {
                0.5
            };
            let attributes = feature
                .attributes
                .iter()
                .map(|v| match v {
                    Value::Integer(i) => Value::Float(*i as f64 * share),
                    Value::Float(f) => Value::Float(f * share),
                    other => other.clone(),
                })
                .collect();
            layer.features.insert(
                index,
                Feature {
                    id: format!("{}-{}", feature.id, n + 1),
                    attributes,
                    geometry: part,
                    problems: feature.problems.clone(),
                },
            );
        }
    }
    Ok(layer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::wkt;

    #[test]
    fn a_line_across_a_square_makes_two_halves() {
        let square = wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.))));
        // Drawn upwards at x = 4: the left part is x < 4.
        let [left, right] = split_geometry(&square, &[[4.0, 2.0], [4.0, 8.0]]).unwrap();
        assert!((left.unsigned_area() - 40.0).abs() < 1e-9);
        assert!((right.unsigned_area() - 60.0).abs() < 1e-9);
        // Drawn downwards, the sides swap.
        let [left, _] = split_geometry(&square, &[[4.0, 8.0], [4.0, 2.0]]).unwrap();
        assert!((left.unsigned_area() - 60.0).abs() < 1e-9);
    }

    #[test]
    fn a_bent_line_splits_along_its_bends_and_the_parts_fit_back_together() {
        let square = wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.))));
        let [a, b] = split_geometry(&square, &[[-1.0, 5.0], [5.0, 5.0], [5.0, 11.0]]).unwrap();
        assert!((a.unsigned_area() + b.unsigned_area() - 100.0).abs() < 1e-9);
        assert!((a.unsigned_area() - 25.0).abs() < 1e-9 || (b.unsigned_area() - 25.0).abs() < 1e-9);
        assert!(a.intersection(&b).unsigned_area() < 1e-9);
    }

    #[test]
    fn lines_that_miss_or_cross_themselves_are_refused() {
        let square = wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.))));
        assert!(matches!(
            split_geometry(&square, &[[20.0, 0.0], [20.0, 10.0]]),
            Err(SplitError::DoesNotCut(_))
        ));
        assert_eq!(
            split_geometry(&square, &[[1.0, 1.0], [1.0, 1.0]]),
            Err(SplitError::TooShort)
        );
        let zigzag = [[1.0, 1.0], [9.0, 9.0], [9.0, 1.0], [1.0, 9.0]];
        assert_eq!(
            split_geometry(&square, &zigzag),
            Err(SplitError::CrossesItself)
        );
    }
}
