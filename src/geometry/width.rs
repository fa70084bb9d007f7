//! The width of a piece: the diameter of the largest circle that fits inside it, found with the
//! "pole of inaccessibility" search (Mapbox polylabel): a priority queue of square cells,
//! refined where a better centre may still be found.
//!
//! ```
//! use gebieden::geometry::inscribed_diameter;
//! use geo::wkt;
//! // A strip 2 m wide and 100 m long is 2 m wide.
//! let strip = wkt!(POLYGON((0. 0.,100. 0.,100. 2.,0. 2.,0. 0.)));
//! assert!((inscribed_diameter(&strip) - 2.0).abs() < 0.02);
//! ```

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use geo::{Area, BoundingRect, Coord, Polygon};

struct Cell {
    centre: Coord<f64>,
    half: f64,
    /// Signed distance from the centre to the boundary (positive inside).
    distance: f64,
    /// The best distance any point of this cell could have.
    potential: f64,
}

impl Cell {
    fn new(centre: Coord<f64>, half: f64, polygon: &Polygon<f64>) -> Cell {
        let distance = signed_distance(centre, polygon);
        Cell {
            centre,
            half,
            distance,
            potential: distance + half * std::f64::consts::SQRT_2,
        }
    }
}

impl PartialEq for Cell {
    fn eq(&self, other: &Self) -> bool {
        self.potential == other.potential
    }
}
impl Eq for Cell {}
impl PartialOrd for Cell {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Cell {
    fn cmp(&self, other: &Self) -> Ordering {
        self.potential.total_cmp(&other.potential)
    }
}

/// Squared distance from `p` to the segment a–b.
pub fn segment_distance_squared(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length_squared = dx * dx + dy * dy;
    let t = if length_squared > 0.0 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / length_squared).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (x, y) = (a.x + t * dx - p.x, a.y + t * dy - p.y);
    x * x + y * y
}

/// A proven lower bound of the inscribed radius: every point of a polygon lies within the
/// inscribed radius r of its boundary, so its area is at most perimeter × r, and r ≥ A / P.
fn radius_lower_bound(polygon: &Polygon<f64>) -> f64 {
    let perimeter: f64 = std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .map(|ring| {
            ring.lines()
                .map(|l| (l.end.x - l.start.x).hypot(l.end.y - l.start.y))
                .sum::<f64>()
        })
        .sum();
    if perimeter > 0.0 {
        polygon.unsigned_area() / perimeter
    } else {
        0.0
    }
}

/// Distance from `p` to the polygon's boundary, positive inside and negative outside.
fn signed_distance(p: Coord<f64>, polygon: &Polygon<f64>) -> f64 {
    let mut inside = false;
    let mut best = f64::INFINITY;
    for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
        for line in ring.lines() {
            let (a, b) = (line.start, line.end);
            if super::ring::edge_crosses_ray(a, b, p) {
                inside = !inside;
            }
            best = best.min(segment_distance_squared(p, a, b));
        }
    }
    let distance = best.sqrt();
    if inside { distance } else { -distance }
}

/// Pops without improvement after which a width search stops refining.
const STALL_LIMIT: usize = 16;

/// A good first centre for thin pieces: for each vertex, the midpoint between it and the nearest
/// point on a non-adjacent edge (the other side of a sliver); returns the best such centre's
/// distance to the boundary, a proven lower bound of the inscribed radius.
fn across_estimate(polygon: &Polygon<f64>) -> (f64, Option<Coord<f64>>) {
    let ring = &polygon.exterior().0;
    let n = ring.len().saturating_sub(1);
    if !(4..=128).contains(&n) || !polygon.interiors().is_empty() {
        return (0.0, None);
    }
    let mut best = (0.0f64, None);
    for i in 0..n {
        let v = ring[i];
        let mut nearest: Option<(f64, Coord<f64>)> = None;
        for j in 0..n {
            // Skip the two edges that meet at v.
            if j == i || (j + 1) % n == i {
                continue;
            }
            let (a, b) = (ring[j], ring[j + 1]);
            let (dx, dy) = (b.x - a.x, b.y - a.y);
            let length_squared = dx * dx + dy * dy;
            let t = if length_squared > 0.0 {
                (((v.x - a.x) * dx + (v.y - a.y) * dy) / length_squared).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let p = Coord {
                x: a.x + t * dx,
                y: a.y + t * dy,
            };
            let d = (p.x - v.x).hypot(p.y - v.y);
            if nearest.is_none_or(|(best_d, _)| d < best_d) {
                nearest = Some((d, p));
            }
        }
        if let Some((_, p)) = nearest {
            let middle = Coord {
                x: (v.x + p.x) / 2.0,
                y: (v.y + p.y) / 2.0,
            };
            let distance = signed_distance(middle, polygon);
            if distance > best.0 {
                best = (distance, Some(middle));
            }
        }
    }
    best
}

/// Runs the search. With `stop_at = Some(r)` it returns as soon as it is certain whether the
/// inscribed radius reaches `r`; otherwise it refines until the answer is within `precision`
/// (absolute) or 1 % (relative), or the cell budget is spent.
///
/// The search starts from the proven lower bound r ≥ A / P (`radius_lower_bound`).
/// For a thin sliver that bound is already within a fraction of a percent (A ≈ w·L, P ≈ 2L),
/// which is what the budget would otherwise be spent proving.
fn search(polygon: &Polygon<f64>, precision: f64, stop_at: Option<f64>) -> f64 {
    search_with_centre(polygon, precision, stop_at).0
}

/// [`search`], also returning the centre of the best circle found (when one was).
fn search_with_centre(
    polygon: &Polygon<f64>,
    precision: f64,
    stop_at: Option<f64>,
) -> (f64, Option<Coord<f64>>) {
    let Some(bounds) = polygon.bounding_rect() else {
        return (0.0, None);
    };
    let (width, height) = (bounds.width(), bounds.height());
    let lower_bound = radius_lower_bound(polygon);
    if stop_at.is_some_and(|target| lower_bound >= target) {
        return (lower_bound, None);
    }
    // The first cells are as large as the box's short side, but never so small that a long,
    // thin sliver starts out as hundreds of thousands of cells.
    let size = width.min(height).max(width.max(height) / 16.0);
    if size <= 0.0 || !size.is_finite() {
        return (lower_bound, None);
    }
    // The box's centre is one distance computation; when it already proves the answer, the
    // grid and the across-the-piece estimate (quadratic in the vertices) are not needed.
    let centre = Coord {
        x: bounds.min().x + width / 2.0,
        y: bounds.min().y + height / 2.0,
    };
    let centre_distance = signed_distance(centre, polygon);
    if stop_at.is_some_and(|target| centre_distance >= target) {
        return (centre_distance, Some(centre));
    }
    let half = size / 2.0;
    let mut queue = BinaryHeap::new();
    let mut y = bounds.min().y;
    while y < bounds.max().y {
        let mut x = bounds.min().x;
        while x < bounds.max().x {
            queue.push(Cell::new(
                Coord {
                    x: x + half,
                    y: y + half,
                },
                half,
                polygon,
            ));
            x += size;
        }
        y += size;
    }
    let (across, across_centre) = across_estimate(polygon);
    let mut best_centre = if across > centre_distance {
        across_centre
    } else {
        Some(centre).filter(|_| centre_distance > 0.0)
    };
    let mut best = centre_distance.max(across).max(lower_bound);
    let budget = 256 + 4 * polygon.exterior().0.len();
    let mut visited = 0;
    let mut since_improvement = 0;
    // Cells come out best-potential first, so the popped cell's potential bounds the answer
    // from above: once it is within the precision of `best` (or cannot reach `stop_at`), no
    // cell can do better. On hair-thin slivers that proof would take millions of cells, so the
    // search also ends when many cells in a row bring no improvement.
    while let Some(cell) = queue.pop() {
        if cell.distance > best {
            best = cell.distance;
            best_centre = Some(cell.centre);
            since_improvement = 0;
        } else {
            since_improvement += 1;
        }
        if stop_at.is_some_and(|target| best >= target || cell.potential < target) {
            return (best, best_centre);
        }
        if cell.potential - best <= precision.max(best * 0.01) {
            break;
        }
        visited += 1;
        if visited > budget || (stop_at.is_none() && since_improvement > STALL_LIMIT) {
            break;
        }
        let h = cell.half / 2.0;
        for (dx, dy) in [(-h, -h), (h, -h), (-h, h), (h, h)] {
            queue.push(Cell::new(
                Coord {
                    x: cell.centre.x + dx,
                    y: cell.centre.y + dy,
                },
                h,
                polygon,
            ));
        }
    }
    (best, best_centre)
}

/// The pole of inaccessibility: the point inside the polygon farthest from its boundary, where
/// a label fits best, with its distance to the boundary (m).
pub fn pole_of_inaccessibility(polygon: &Polygon<f64>) -> Option<(Coord<f64>, f64)> {
    let precision = polygon
        .bounding_rect()
        .map(|b| (b.width().max(b.height()) * 0.002).max(0.01))?;
    let (radius, centre) = search_with_centre(polygon, precision, None);
    match centre {
        Some(c) => Some((c, signed_distance(c, polygon).max(0.0))),
        None => {
            use geo::InteriorPoint;
            polygon
                .interior_point()
                .map(|p| (p.0, signed_distance(p.0, polygon).max(0.0).min(radius)))
        }
    }
}

/// The diameter (m) of the largest circle inside the polygon, to about 1 cm or 1 % of its
/// size, whichever is coarser.
pub fn inscribed_diameter(polygon: &Polygon<f64>) -> f64 {
    2.0 * search(polygon, 0.005, None)
}

/// A quick diameter for a piece already known to be a sliver: the widest circle found from the
/// area/perimeter bound and the across-the-piece centres, without the refining search. It is a
/// lower bound, exact for a straight strip and within a few percent for lens-shaped slivers.
pub fn sliver_diameter(polygon: &Polygon<f64>) -> f64 {
    2.0 * radius_lower_bound(polygon).max(across_estimate(polygon).0)
}

/// The smallest width of the polygon's convex hull (rotating calipers, checked per hull edge):
/// an upper bound of the inscribed diameter, tight for straight slivers.
pub fn hull_width(polygon: &Polygon<f64>) -> f64 {
    use geo::ConvexHull;
    let hull = polygon.convex_hull();
    let points = &hull.exterior().0;
    let n = points.len().saturating_sub(1);
    if n < 3 {
        return 0.0;
    }
    let mut best = f64::INFINITY;
    for i in 0..n {
        let (a, b) = (points[i], points[i + 1]);
        let length = (b.x - a.x).hypot(b.y - a.y);
        if length == 0.0 {
            continue;
        }
        let farthest = points[..n]
            .iter()
            .map(|p| ((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)).abs() / length)
            .fold(0.0, f64::max);
        best = best.min(farthest);
    }
    if best.is_finite() { best } else { 0.0 }
}

/// Whether the piece is narrower than `sliver_width`, decided as cheaply as possible: the
/// area/perimeter bound (one pass over the edges) proves most large pieces are not, a thin
/// convex hull proves a straight piece is, and only pieces that neither settles (curved
/// slivers) need the search.
pub fn is_sliver(polygon: &Polygon<f64>, sliver_width: f64) -> bool {
    match quick_sliver_test(polygon, sliver_width) {
        Some(answer) => answer,
        None => narrower_than(polygon, sliver_width),
    }
}

/// The proofs that need no search: `Some(false)` when the area/perimeter bound already fits a
/// circle `sliver_width` wide, `Some(true)` when the convex hull is narrower than that.
fn quick_sliver_test(polygon: &Polygon<f64>, sliver_width: f64) -> Option<bool> {
    if radius_lower_bound(polygon) >= sliver_width / 2.0 {
        return Some(false);
    }
    (hull_width(polygon) < sliver_width).then_some(true)
}

/// The piece's width, and whether it is narrower than `sliver_width`: the full search for
/// pieces that are not slivers, the quick estimate for slivers (whose exact width matters less).
pub fn width_and_sliver(polygon: &Polygon<f64>, sliver_width: f64) -> (f64, bool) {
    let sliver = match quick_sliver_test(polygon, sliver_width) {
        Some(true) => true,
        Some(false) => false,
        None => {
            // The width is needed anyway for a piece that is no sliver, and the circle it
            // finds, when wide enough, is the proof: only a narrower result needs the search
            // that settles the question.
            let diameter = inscribed_diameter(polygon);
            if diameter < sliver_width && narrower_than(polygon, sliver_width) {
                true
            } else {
                return (diameter.max(sliver_width), false);
            }
        }
    };
    if sliver {
        return (sliver_diameter(polygon).min(sliver_width), true);
    }
    // The decision found a circle at least `sliver_width` wide; a search that stops early must
    // not report less.
    (inscribed_diameter(polygon).max(sliver_width), false)
}

/// True when no circle of diameter `width` fits inside the polygon; faster than computing the
/// diameter, because the search stops as soon as the answer is certain.
pub fn narrower_than(polygon: &Polygon<f64>, width: f64) -> bool {
    search(polygon, 0.0005, Some(width / 2.0)) < width / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::wkt;

    #[test]
    fn a_square_is_as_wide_as_its_side() {
        let square = wkt!(POLYGON((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.)));
        assert!((inscribed_diameter(&square) - 10.0).abs() < 0.05);
    }

    #[test]
    fn a_diagonal_sliver_is_narrow() {
        // 2 m wide, 500 m long, at 45°.
        let d = 2.0 / std::f64::consts::SQRT_2;
        let sliver = Polygon::new(
            geo::LineString::from(vec![
                (0.0, 0.0),
                (d, -d),
                (350.0 + d, 350.0 - d),
                (350.0, 350.0),
                (0.0, 0.0),
            ]),
            vec![],
        );
        let w = inscribed_diameter(&sliver);
        assert!((w - 2.0).abs() < 0.05, "{w}");
        assert!(narrower_than(&sliver, 5.0));
        assert!(!narrower_than(&sliver, 1.0));
    }

    #[test]
    fn the_pole_of_an_l_shape_lies_in_its_wide_arm() {
        let l = wkt!(POLYGON((0. 0.,100. 0.,100. 20.,20. 20.,20. 100.,0. 100.,0. 0.)));
        let (pole, radius) = pole_of_inaccessibility(&l).unwrap();
        // Where the arms meet a circle of radius 20√2/(1+√2) ≈ 11.7 fits.
        assert!((10.0..11.8).contains(&radius), "{radius}");
        use geo::Contains;
        assert!(l.contains(&geo::Point(pole)));
    }

    #[test]
    fn holes_make_pieces_narrower() {
        let ring = wkt!(POLYGON((0. 0.,100. 0.,100. 100.,0. 100.,0. 0.),(3. 3.,3. 97.,97. 97.,97. 3.,3. 3.)));
        let w = inscribed_diameter(&ring);
        assert!((w - 3.0).abs() < 0.1, "{w}");
    }
}
