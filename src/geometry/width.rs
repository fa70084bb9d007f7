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
    fn new(centre: Coord<f64>, half: f64, boundary: &Boundary) -> Cell {
        let distance = boundary.signed_distance(centre);
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

/// Edges per run of [`Boundary`].
const EDGES_PER_RUN: usize = 8;

/// How much nearer (m) than its box an edge's computed distance may come, from rounding: far
/// more than the last bits of national coordinates (10⁻¹¹ m), far less than anything measured.
const ROUNDING_SLACK: f64 = 1e-6;

/// A polygon's boundary in runs of [`EDGES_PER_RUN`] consecutive edges with their boxes, for
/// the distances of many points to it (a width search measures hundreds of cells of the same
/// piece): a run whose box lies farther from the point than the nearest edge found so far is
/// not measured, and one wholly above or below it has no edge the even-odd ray can cross. The
/// distance is the same to the bit as [`signed_distance`] gives: the same minimum over the
/// edges that can hold it, the same crossings.
struct Boundary<'p> {
    rings: Vec<&'p [Coord<f64>]>,
    runs: Vec<EdgeRun>,
}

struct EdgeRun {
    ring: usize,
    /// Edges first..end of the ring (edge i runs from point i to point i + 1).
    first: usize,
    end: usize,
    min: Coord<f64>,
    max: Coord<f64>,
}

impl<'p> Boundary<'p> {
    fn new(polygon: &'p Polygon<f64>) -> Boundary<'p> {
        let rings: Vec<&[Coord<f64>]> = std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .map(|ring| &ring.0[..])
            .collect();
        let mut runs = Vec::new();
        for (index, ring) in rings.iter().enumerate() {
            let edges = ring.len().saturating_sub(1);
            for first in (0..edges).step_by(EDGES_PER_RUN) {
                let end = (first + EDGES_PER_RUN).min(edges);
                let (mut min, mut max) = (ring[first], ring[first]);
                for c in &ring[first + 1..=end] {
                    min = Coord { x: min.x.min(c.x), y: min.y.min(c.y) };
                    max = Coord { x: max.x.max(c.x), y: max.y.max(c.y) };
                }
                runs.push(EdgeRun { ring: index, first, end, min, max });
            }
        }
        Boundary { rings, runs }
    }

    /// [`signed_distance`] of `p`, measuring only the runs that can matter.
    fn signed_distance(&self, p: Coord<f64>) -> f64 {
        let box_distance_squared = |run: &EdgeRun| {
            let dx = (run.min.x - p.x).max(p.x - run.max.x).max(0.0);
            let dy = (run.min.y - p.y).max(p.y - run.max.y).max(0.0);
            dx * dx + dy * dy
        };
        let mut inside = false;
        let mut best = f64::INFINITY;
        // Beyond this a run's edges cannot come nearer than `best`, rounding included.
        let mut reach = f64::INFINITY;
        let mut measure = |run: &EdgeRun, inside: &mut bool| {
            let near = box_distance_squared(run) <= reach;
            // No edge of a run wholly above or wholly at or below p crosses its ray.
            let straddles = run.min.y <= p.y && run.max.y > p.y;
            if !near && !straddles {
                return;
            }
            let ring = self.rings[run.ring];
            let before = best;
            for edge in ring[run.first..=run.end].windows(2) {
                let (a, b) = (edge[0], edge[1]);
                if straddles && super::ring::edge_crosses_ray(a, b, p) {
                    *inside = !*inside;
                }
                if near {
                    best = best.min(segment_distance_squared(p, a, b));
                }
            }
            if best < before {
                let distance = best.sqrt() + ROUNDING_SLACK;
                reach = distance * distance;
            }
        };
        // The run nearest to p first, so that the others are mostly skipped.
        let nearest = (0..self.runs.len()).min_by(|&i, &j| {
            box_distance_squared(&self.runs[i]).total_cmp(&box_distance_squared(&self.runs[j]))
        });
        let mut crossings_of_nearest = false;
        if let Some(n) = nearest {
            measure(&self.runs[n], &mut crossings_of_nearest);
        }
        for (i, run) in self.runs.iter().enumerate() {
            if Some(i) != nearest {
                measure(run, &mut inside);
            }
        }
        if crossings_of_nearest {
            inside = !inside;
        }
        let distance = best.sqrt();
        if inside { distance } else { -distance }
    }
}

/// Edges up to which a piece's circle is found exactly ([`exact_inscribed_radius`]).
const EXACT_EDGES: usize = 12;

/// Edges and inward corners up to which the exact circle is tried (at most 816 triples).
const EXACT_SITES: usize = 18;

/// What the largest circle inside a polygon can touch: an edge (its line, as the inward unit
/// normal and offset: inside means normal · p ≥ offset) or an inward-pointing (reflex) corner.
#[derive(Clone, Copy)]
enum Site {
    Edge { nx: f64, ny: f64, offset: f64 },
    Corner(Coord<f64>),
}

/// The inscribed radius of a piece with at most [`EXACT_EDGES`] edges (holes included),
/// exactly; `None` for a larger piece.
///
/// The centre of the largest circle inside a polygon is a vertex of its medial axis: a point
/// at the same distance from three of its edges (inside their interiors) or inward corners.
/// Each three such sites give at most two points at equal distance (a linear system, with one
/// quadratic for a corner); the answer is the best of those points' true distances to the
/// boundary. Every candidate is a real point, so numerical error can only make one look
/// narrower than it is, never wider. Most pieces between two partners' boundaries are triangles
/// and quadrilaterals: a few dozen candidates instead of a search over hundreds of cells, and
/// exact where the search stops within 1 % — or, on thin triangles, at half the width.
pub fn exact_inscribed_radius(polygon: &Polygon<f64>) -> Option<f64> {
    exact_inscribed_circle(polygon).map(|(_, radius)| radius)
}

/// [`exact_inscribed_radius`] with the circle's centre.
fn exact_inscribed_circle(polygon: &Polygon<f64>) -> Option<(Coord<f64>, f64)> {
    let rings = || std::iter::once(polygon.exterior()).chain(polygon.interiors());
    if rings().map(|r| r.0.len().saturating_sub(1)).sum::<usize>() > EXACT_EDGES {
        return None;
    }
    // Corners relative to one of them, so that the products below keep their digits at
    // national coordinates (10⁵ m).
    let origin = *polygon.exterior().0.first()?;
    let mut sites: Vec<Site> = Vec::with_capacity(2 * EXACT_EDGES);
    for (index, ring) in rings().enumerate() {
        let mut corners: Vec<Coord<f64>> = Vec::with_capacity(ring.0.len());
        for &c in &ring.0 {
            let local = Coord {
                x: c.x - origin.x,
                y: c.y - origin.y,
            };
            if corners.last() != Some(&local) {
                corners.push(local);
            }
        }
        if corners.len() > 1 && corners.first() == corners.last() {
            corners.pop();
        }
        let n = corners.len();
        if n < 3 {
            continue;
        }
        // The inside lies left of an anticlockwise outer ring and of a clockwise hole.
        let anticlockwise = super::ring::signed_area(&corners) > 0.0;
        let left = if (index == 0) == anticlockwise { 1.0 } else { -1.0 };
        for i in 0..n {
            let (a, b, c) = (corners[i], corners[(i + 1) % n], corners[(i + 2) % n]);
            let (dx, dy) = (b.x - a.x, b.y - a.y);
            let length = dx.hypot(dy);
            if length > 0.0 {
                let (nx, ny) = (-dy * left / length, dx * left / length);
                sites.push(Site::Edge {
                    nx,
                    ny,
                    offset: nx * a.x + ny * a.y,
                });
            }
            // b turns away from the inside: a circle can touch it.
            if left * (dx * (c.y - b.y) - dy * (c.x - b.x)) < 0.0 {
                sites.push(Site::Corner(b));
            }
        }
    }
    if sites.len() > EXACT_SITES {
        return None;
    }
    let mut best = (origin, 0.0f64);
    for i in 0..sites.len() {
        for j in i + 1..sites.len() {
            for k in j + 1..sites.len() {
                for (x, y, r) in equidistant_points([sites[i], sites[j], sites[k]]) {
                    // The true distance can only be larger where it is measured from an
                    // edge's line instead of the edge, so a candidate no better than the best
                    // so far cannot win.
                    if r <= best.1 {
                        continue;
                    }
                    let centre = Coord {
                        x: origin.x + x,
                        y: origin.y + y,
                    };
                    let distance = signed_distance(centre, polygon);
                    if distance > best.1 {
                        best = (centre, distance);
                    }
                }
            }
        }
    }
    Some(best)
}

/// The points (x, y) at one distance r > 0 from three sites, inside each edge's half-plane:
/// normal · c − r = offset for an edge, |c − corner| = r for a corner.
fn equidistant_points(sites: [Site; 3]) -> impl Iterator<Item = (f64, f64, f64)> {
    let mut found = [None, None];
    // Linear equations a · (x, y, r) = b: one per edge, and one per corner after the first
    // (equal distance to two corners: 2 (p − q) · c = |p|² − |q|²). Fixed arrays: this runs
    // for every three sites of every piece.
    let mut equations = [([0.0; 3], 0.0); 3];
    let mut count = 0;
    let mut first_corner: Option<Coord<f64>> = None;
    for site in sites {
        match site {
            Site::Edge { nx, ny, offset } => {
                equations[count] = ([nx, ny, -1.0], offset);
                count += 1;
            }
            Site::Corner(q) => match first_corner {
                None => first_corner = Some(q),
                Some(p) => {
                    equations[count] = (
                        [2.0 * (p.x - q.x), 2.0 * (p.y - q.y), 0.0],
                        p.x * p.x + p.y * p.y - q.x * q.x - q.y * q.y,
                    );
                    count += 1;
                }
            },
        }
    }
    match (first_corner, &equations[..count]) {
        (None, &[(a, p), (b, q), (c, s)]) => found[0] = solve_three(a, b, c, [p, q, s]),
        (Some(corner), &[(a, p), (b, q)]) => {
            // Two planes meet in a line u0 + t·d of (x, y, r); the corner adds
            // (x − cx)² + (y − cy)² = r², a quadratic in t.
            let d = cross(a, b);
            let norm = dot(d, d);
            if norm > 1e-24 {
                let (aa, ab, bb) = (dot(a, a), dot(a, b), dot(b, b));
                let u0: [f64; 3] = std::array::from_fn(|m| {
                    ((p * bb - q * ab) * a[m] + (q * aa - p * ab) * b[m]) / norm
                });
                let e = [u0[0] - corner.x, u0[1] - corner.y, u0[2]];
                let qa = d[0] * d[0] + d[1] * d[1] - d[2] * d[2];
                let qb = 2.0 * (e[0] * d[0] + e[1] * d[1] - e[2] * d[2]);
                let qc = e[0] * e[0] + e[1] * e[1] - e[2] * e[2];
                let at = |t: f64| Some((u0[0] + t * d[0], u0[1] + t * d[1], u0[2] + t * d[2]));
                if qa.abs() < 1e-12 * (qb.abs() + qc.abs()).max(1e-300) {
                    if qb != 0.0 {
                        found[0] = at(-qc / qb);
                    }
                } else {
                    let discriminant = qb * qb - 4.0 * qa * qc;
                    if discriminant >= 0.0 {
                        let root = discriminant.sqrt();
                        found = [at((-qb - root) / (2.0 * qa)), at((-qb + root) / (2.0 * qa))];
                    }
                }
            }
        }
        _ => {}
    }
    found.into_iter().flatten().filter(|&(_, _, r)| r > 0.0 && r.is_finite())
}

fn cross(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}

fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

/// Solves the rows a, b, c · u = right by Cramer's rule; `None` when they fix no single u.
fn solve_three(a: [f64; 3], b: [f64; 3], c: [f64; 3], right: [f64; 3]) -> Option<(f64, f64, f64)> {
    let determinant = dot(a, cross(b, c));
    if determinant.abs() < 1e-12 {
        return None;
    }
    let column = |index: usize| {
        let mut rows = [a, b, c];
        for (row, value) in rows.iter_mut().zip(right) {
            row[index] = value;
        }
        dot(rows[0], cross(rows[1], rows[2])) / determinant
    };
    Some((column(0), column(1), column(2)))
}

/// Pops without improvement after which a width search stops refining.
const STALL_LIMIT: usize = 16;

/// A good first centre for thin pieces: for each vertex, the midpoint between it and the nearest
/// point on a non-adjacent edge (the other side of a sliver); returns the best such centre's
/// distance to the boundary, a proven lower bound of the inscribed radius.
fn across_estimate(polygon: &Polygon<f64>, boundary: &Boundary) -> (f64, Option<Coord<f64>>) {
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
            let distance = boundary.signed_distance(middle);
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
    let boundary = Boundary::new(polygon);
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
                &boundary,
            ));
            x += size;
        }
        y += size;
    }
    let (across, across_centre) = across_estimate(polygon, &boundary);
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
                &boundary,
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

/// The diameter (m) of the largest circle inside the polygon: exact for a piece of at most a
/// dozen edges ([`exact_inscribed_radius`]), otherwise to about 1 cm or 1 % of its size,
/// whichever is coarser.
pub fn inscribed_diameter(polygon: &Polygon<f64>) -> f64 {
    2.0 * exact_inscribed_radius(polygon).unwrap_or_else(|| search(polygon, 0.005, None))
}

/// A quick diameter for a piece already known to be a sliver: the widest circle found from the
/// area/perimeter bound and the across-the-piece centres, without the refining search. It is a
/// lower bound, exact for a straight strip and within a few percent for lens-shaped slivers.
pub fn sliver_diameter(polygon: &Polygon<f64>) -> f64 {
    2.0 * radius_lower_bound(polygon).max(across_estimate(polygon, &Boundary::new(polygon)).0)
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
        None => match exact_inscribed_radius(polygon) {
            Some(radius) => 2.0 * radius < sliver_width,
            None => narrower_than(polygon, sliver_width),
        },
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

/// The piece's width, and whether it is narrower than `sliver_width`: exact for pieces of at
/// most a dozen edges (most pieces, and most slivers, are triangles and quadrilaterals); for
/// larger ones
/// the full search for pieces that are not slivers, the quick estimate for slivers (whose
/// exact width matters less).
pub fn width_and_sliver(polygon: &Polygon<f64>, sliver_width: f64) -> (f64, bool) {
    if let Some(radius) = exact_inscribed_radius(polygon) {
        return (2.0 * radius, 2.0 * radius < sliver_width);
    }
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
    fn distances_through_edge_runs_are_those_of_every_edge() {
        // Real outlines (Oude IJsselstreek PC4 areas, holes and all) and points inside, around
        // and far from them, on their vertices' heights and on their edges: the same distance to
        // the bit, inside and out.
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/data/pc4_oude_ijsselstreek_e.o.rd.geojson");
        let layers = crate::ops::load_files(&[path], &Default::default());
        let Some(Ok(layers)) = layers.into_iter().next() else {
            panic!("the Oude IJsselstreek PC4 file does not load");
        };
        let mut polygons: Vec<Polygon<f64>> =
            layers.iter().flat_map(|l| &l.features).flat_map(|f| f.geometry.0.clone()).collect();
        polygons.push(wkt!(POLYGON((0. 0.,100. 0.,100. 100.,0. 100.,0. 0.),(10. 10.,10. 90.,90. 90.,90. 10.,10. 10.))));
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut unit = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut compared = 0;
        for polygon in &polygons {
            let boundary = Boundary::new(polygon);
            let bounds = polygon.bounding_rect().unwrap();
            let (w, h) = (bounds.width(), bounds.height());
            let ring = &polygon.exterior().0;
            let mut points: Vec<Coord<f64>> = (0..200)
                .map(|_| Coord {
                    x: bounds.min().x - w + 3.0 * w * unit(),
                    y: bounds.min().y - h + 3.0 * h * unit(),
                })
                .collect();
            for k in (0..ring.len() - 1).step_by(7) {
                let (a, b) = (ring[k], ring[k + 1]);
                let t = unit();
                points.push(Coord { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) });
                points.push(Coord { x: bounds.min().x + w * unit(), y: a.y });
                points.push(a);
            }
            for p in points {
                let (ours, theirs) = (boundary.signed_distance(p), signed_distance(p, polygon));
                assert_eq!(ours.to_bits(), theirs.to_bits(), "{p:?}: {ours} against {theirs}");
                compared += 1;
            }
        }
        assert!(compared > 5_000, "{compared}");
    }

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
        // A frame 3 m wide: where two sides meet, a circle touching both outer edges and the
        // hole's corner fits, 6√2/(1+√2) ≈ 3.51 m across, wider than the sides themselves.
        let ring = wkt!(POLYGON((0. 0.,100. 0.,100. 100.,0. 100.,0. 0.),(3. 3.,3. 97.,97. 97.,97. 3.,3. 3.)));
        let w = inscribed_diameter(&ring);
        let corner = 6.0 * 2f64.sqrt() / (1.0 + 2f64.sqrt());
        assert!((w - corner).abs() < 1e-9, "{w}");
    }

    fn polygon_of(corners: &[(f64, f64)]) -> Polygon<f64> {
        Polygon::new(geo::LineString::from(corners.to_vec()), vec![])
    }

    #[test]
    fn a_convex_piece_has_its_exact_circle() {
        // The 3-4-5 triangle's incircle has radius (3 + 4 − 5) / 2 = 1, here at Dutch national
        // coordinates, clockwise and anticlockwise.
        let (x, y) = (212_345.678, 456_789.012);
        let triangle = [(x, y), (x + 4.0, y), (x, y + 3.0), (x, y)];
        let mut backwards = triangle;
        backwards.reverse();
        for corners in [triangle, backwards] {
            let r = exact_inscribed_radius(&polygon_of(&corners)).unwrap();
            assert!((r - 1.0).abs() < 1e-9, "{r}");
        }
        // A strip is as wide as it is, whatever its length; a regular hexagon of side 1 has an
        // incircle of radius √3/2; a repeated corner and a straight corner change nothing.
        let strip = polygon_of(&[(0., 0.), (300., 0.), (300., 0.4), (0., 0.4), (0., 0.)]);
        assert!((exact_inscribed_radius(&strip).unwrap() - 0.2).abs() < 1e-12);
        let hexagon: Vec<(f64, f64)> = (0..=6)
            .map(|k| {
                let a = k as f64 * std::f64::consts::TAU / 6.0;
                (a.cos(), a.sin())
            })
            .collect();
        let r = exact_inscribed_radius(&polygon_of(&hexagon)).unwrap();
        assert!((r - 3f64.sqrt() / 2.0).abs() < 1e-12, "{r}");
        let square = polygon_of(&[(0., 0.), (5., 0.), (10., 0.), (10., 0.), (10., 10.), (0., 10.), (0., 0.)]);
        assert!((exact_inscribed_radius(&square).unwrap() - 5.0).abs() < 1e-12);
        assert!((inscribed_diameter(&square) - 10.0).abs() < 1e-12);
    }

    #[test]
    fn inward_corners_and_holes_are_touched_exactly() {
        // Where the arms of an L 20 wide meet, the circle touches the two outer edges and the
        // inward corner: r = 20√2/(1+√2).
        let l = wkt!(POLYGON((0. 0.,100. 0.,100. 20.,20. 20.,20. 100.,0. 100.,0. 0.)));
        let r = exact_inscribed_radius(&l).unwrap();
        assert!((r - 20.0 * 2f64.sqrt() / (1.0 + 2f64.sqrt())).abs() < 1e-9, "{r}");
        // A square 10 wide around a hole 2 wide: the circle in a corner touches the hole's corner.
        let holed = wkt!(POLYGON((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(4. 4.,4. 6.,6. 6.,6. 4.,4. 4.)));
        let r = exact_inscribed_radius(&holed).unwrap();
        assert!((r - 4.0 * 2f64.sqrt() / (1.0 + 2f64.sqrt())).abs() < 1e-9, "{r}");
        // A piece with more edges is left to the search.
        let circle: Vec<(f64, f64)> = (0..=40)
            .map(|k| {
                let a = k as f64 * std::f64::consts::TAU / 40.0;
                (a.cos(), a.sin())
            })
            .collect();
        assert_eq!(exact_inscribed_radius(&polygon_of(&circle)), None);
        assert!((inscribed_diameter(&polygon_of(&circle)) - 2.0).abs() < 0.03);
    }

    #[test]
    fn the_exact_circle_is_the_widest_on_a_fine_grid_and_beats_the_search() {
        // Random pieces, convex (hulls of random points) and not (stars of random corners),
        // long and short. Every point's distance to the boundary is a circle inside, so the
        // best point of a grid of spacing h is at most the exact radius and, the distance
        // changing no faster than the point moves, at least the exact radius − h/√2. The
        // search's circle is also at most the exact one (it aims at 1 % or 5 mm but may stop
        // after many cells without improvement, and on thin triangles at half).
        use geo::ConvexHull;
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut random = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let (mut solved, mut shortest) = (0, f64::INFINITY);
        for round in 0..300 {
            let (sx, sy) = (1.0 + 200.0 * random(), 0.05 + 50.0 * random());
            let (x0, y0) = (150_000.0, 400_000.0);
            let corners = 3 + (random() * 8.0) as usize;
            let piece = if round % 2 == 0 {
                let points: Vec<geo::Point<f64>> = (0..corners)
                    .map(|_| geo::Point::new(x0 + sx * random(), y0 + sy * random()))
                    .collect();
                geo::MultiPoint(points).convex_hull()
            } else {
                // One corner in each of `corners` equal turns about the centre: a simple ring.
                let turn = std::f64::consts::TAU / corners as f64;
                let mut ring: Vec<(f64, f64)> = (0..corners)
                    .map(|k| {
                        let a = (k as f64 + 0.8 * random()) * turn;
                        let reach = 0.2 + random();
                        (x0 + sx * reach * a.cos(), y0 + sy * reach * a.sin())
                    })
                    .collect();
                ring.push(ring[0]);
                polygon_of(&ring)
            };
            if piece.unsigned_area() <= 0.0 {
                continue;
            }
            let Some((_, exact)) = exact_inscribed_circle(&piece) else {
                continue;
            };
            solved += 1;
            let Some(bounds) = piece.bounding_rect() else {
                continue;
            };
            let h = bounds.width().min(bounds.height()) / 100.0;
            let mut on_grid = 0.0f64;
            let mut y = bounds.min().y;
            while y <= bounds.max().y {
                let mut x = bounds.min().x;
                while x <= bounds.max().x {
                    on_grid = on_grid.max(signed_distance(Coord { x, y }, &piece));
                    x += h;
                }
                y += h;
            }
            assert!(on_grid <= exact + 1e-6, "grid {on_grid} > exact {exact}");
            assert!(on_grid >= exact - h / std::f64::consts::SQRT_2 - 1e-6, "grid {on_grid} ≪ exact {exact}");
            let searched = search(&piece, 0.005, None);
            assert!(searched <= exact + 1e-6, "{searched} > {exact}");
            shortest = shortest.min(searched / exact);
            let width = 2.0 * exact;
            assert_eq!(width_and_sliver(&piece, 5.0), (width, width < 5.0));
            assert_eq!(is_sliver(&piece, 5.0), width < 5.0);
        }
        assert!(solved > 250, "{solved}");
        println!("the search's circle at worst {shortest:.3} of the exact one");
    }
}
