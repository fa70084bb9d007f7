//! RD New to geographic coordinates for the files gebieden writes, rounded to the file's
//! precision, with the values proj4rs gives but at a fraction of its cost.
//!
//! Every problem, area and map gebieden writes as RFC 7946 GeoJSON is reprojected from RD to
//! WGS 84: for the national analysis 165,000 points, 6 % of all its work, most of it proj4rs
//! finding the ellipsoidal latitude by iteration (six rounds of a sine, a power and an arc
//! tangent a point) and shifting the datum through geocentric coordinates.
//!
//! The mapping is smooth everywhere on RD's grid, so per cell of 10 × 10 km it is taken once at
//! 5 × 5 Chebyshev points, with proj4rs, and every point inside the cell is then a polynomial of
//! degree 4 in x and y (a few dozen multiplications: 200,000 points in 6 ms instead of 133 ms).
//! For a mapping whose fifth derivatives are of the order of 1/R⁴ the interpolation error in a
//! 10 km cell is far below 10⁻¹⁵ degree; what is left is proj4rs's own iteration, which stops
//! within 10⁻¹² rad in the sine of its last step, and rounding: the two differ by at most
//! 1.2 × 10⁻¹³ degree over all of RD (every 500 m) and by 0.9 × 10⁻¹³ degree over every point
//! of the national data (tests). Each cell is checked against proj4rs at four other points when
//! it is made; a cell that fails is left to proj4rs.
//!
//! Files keep 7 decimals (1 cm) of a degree. A value within [`MARGIN`] (a thousandth of that)
//! of a rounding boundary, where a difference in its last bits could round it the other way,
//! is projected with proj4rs itself, so every value written is the one proj4rs gives.

use std::sync::OnceLock;

use geo::Coord;

use super::reproject::ReprojectError;

/// The part of RD's grid covered by cells (its own bounds, with a margin); outside it proj4rs
/// projects every point.
const WEST: f64 = -30_000.0;
const SOUTH: f64 = 270_000.0;
const COLUMNS: usize = 36;
const ROWS: usize = 38;
/// A cell's side (m).
const SIDE: f64 = 10_000.0;
/// Chebyshev points per axis (the polynomial's degree is one less).
const NODES: usize = 5;

/// How close (degrees) a value may come to a rounding boundary of the file before proj4rs
/// projects it instead: 800 times the largest difference between the two (1.2 × 10⁻¹³°).
pub const MARGIN: f64 = 1e-10;

/// How far (degrees) a cell's polynomial may be from proj4rs at its check points.
const CELL_TOLERANCE: f64 = 1e-12;

/// One cell's polynomials: Chebyshev coefficients of x (longitude) and y (latitude) in the
/// cell's own coordinates u, v ∈ [−1, 1], relative to the value at one of its nodes (so that
/// the sums run over small numbers, and the large one is added once, last).
struct CellPolynomial {
    reference: Coord<f64>,
    x: [[f64; NODES]; NODES],
    y: [[f64; NODES]; NODES],
}

/// The cells over RD's grid, each made when a point first falls in it.
pub struct CellGrid {
    cells: Vec<OnceLock<Option<CellPolynomial>>>,
}

impl CellGrid {
    pub fn new() -> CellGrid {
        CellGrid {
            cells: (0..COLUMNS * ROWS).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The point in degrees, from its cell's polynomial; `None` outside the grid or in a cell
    /// left to proj4rs. `exact` projects points the way the polynomial stands in for.
    pub fn project(
        &self,
        point: Coord<f64>,
        exact: &impl Fn(&mut [Coord<f64>]) -> Result<(), ReprojectError>,
    ) -> Option<Coord<f64>> {
        let column = ((point.x - WEST) / SIDE).floor();
        let row = ((point.y - SOUTH) / SIDE).floor();
        if !(0.0..COLUMNS as f64).contains(&column) || !(0.0..ROWS as f64).contains(&row) {
            return None;
        }
        let (column, row) = (column as usize, row as usize);
        let corner = Coord {
            x: WEST + column as f64 * SIDE,
            y: SOUTH + row as f64 * SIDE,
        };
        let cell = self.cells[row * COLUMNS + column]
            .get_or_init(|| CellPolynomial::fit(corner, exact))
            .as_ref()?;
        let (u, v) = local(point, corner);
        Some(cell.at(u, v))
    }
}

impl Default for CellGrid {
    fn default() -> Self {
        Self::new()
    }
}

/// A point's coordinates in the cell with this south-west corner, each in [−1, 1].
fn local(point: Coord<f64>, corner: Coord<f64>) -> (f64, f64) {
    let half = SIDE / 2.0;
    (
        (point.x - corner.x - half) / half,
        (point.y - corner.y - half) / half,
    )
}

/// The Chebyshev points of the first kind on [−1, 1].
fn chebyshev_nodes() -> [f64; NODES] {
    std::array::from_fn(|k| ((2 * k + 1) as f64 * std::f64::consts::PI / (2 * NODES) as f64).cos())
}

/// T₀(t) … T₄(t).
fn chebyshev_polynomials(t: f64) -> [f64; NODES] {
    let mut values = [1.0; NODES];
    values[1] = t;
    for k in 2..NODES {
        values[k] = 2.0 * t * values[k - 1] - values[k - 2];
    }
    values
}

impl CellPolynomial {
    /// Interpolates `exact` over the cell at the 5 × 5 Chebyshev points and checks the result
    /// at four points between them; `None` when it cannot be projected there or the check
    /// fails.
    fn fit(
        corner: Coord<f64>,
        exact: &impl Fn(&mut [Coord<f64>]) -> Result<(), ReprojectError>,
    ) -> Option<CellPolynomial> {
        let half = SIDE / 2.0;
        let at = |u: f64, v: f64| Coord {
            x: corner.x + half + u * half,
            y: corner.y + half + v * half,
        };
        let nodes = chebyshev_nodes();
        let mut values: Vec<Coord<f64>> = nodes
            .iter()
            .flat_map(|&v| nodes.iter().map(move |&u| (u, v)))
            .map(|(u, v)| at(u, v))
            .collect();
        exact(&mut values).ok()?;
        let reference = values[NODES * NODES / 2];
        for value in &mut values {
            *value = Coord {
                x: value.x - reference.x,
                y: value.y - reference.y,
            };
        }
        // Coefficients by the discrete Chebyshev transform (exact at the nodes).
        let basis: [[f64; NODES]; NODES] = nodes.map(chebyshev_polynomials);
        let coefficient = |component: fn(&Coord<f64>) -> f64, i: usize, j: usize| {
            let mut sum = 0.0;
            for (b, basis_v) in basis.iter().enumerate() {
                for (a, basis_u) in basis.iter().enumerate() {
                    sum += component(&values[b * NODES + a]) * basis_u[i] * basis_v[j];
                }
            }
            let weight = |k: usize| if k == 0 { 1.0 } else { 2.0 };
            sum * weight(i) * weight(j) / (NODES * NODES) as f64
        };
        let cell = CellPolynomial {
            reference,
            x: std::array::from_fn(|i| std::array::from_fn(|j| coefficient(|c| c.x, i, j))),
            y: std::array::from_fn(|i| std::array::from_fn(|j| coefficient(|c| c.y, i, j))),
        };
        let checks = [(-0.5, -0.5), (0.5, -0.5), (-0.5, 0.5), (0.5, 0.5)];
        let mut expected: Vec<Coord<f64>> = checks.iter().map(|&(u, v)| at(u, v)).collect();
        exact(&mut expected).ok()?;
        let close = checks.iter().zip(&expected).all(|(&(u, v), want)| {
            let got = cell.at(u, v);
            (got.x - want.x).abs() <= CELL_TOLERANCE && (got.y - want.y).abs() <= CELL_TOLERANCE
        });
        close.then_some(cell)
    }

    /// The polynomials at (u, v).
    fn at(&self, u: f64, v: f64) -> Coord<f64> {
        let (tu, tv) = (chebyshev_polynomials(u), chebyshev_polynomials(v));
        let sum = |coefficients: &[[f64; NODES]; NODES]| {
            let mut total = 0.0;
            for (i, row) in coefficients.iter().enumerate() {
                let mut inner = 0.0;
                for (j, c) in row.iter().enumerate() {
                    inner += c * tv[j];
                }
                total += tu[i] * inner;
            }
            total
        };
        Coord {
            x: self.reference.x + sum(&self.x),
            y: self.reference.y + sum(&self.y),
        }
    }
}

/// Projects each point and rounds it to `1 / scale`: from `approximate` where it gives a value
/// (within [`MARGIN`] / 100 of the exact one) that lies clear of a rounding boundary, and from
/// `exact` elsewhere, so that every result is the exact value rounded.
pub fn project_rounded_with<E>(
    coords: &mut [Coord<f64>],
    scale: f64,
    approximate: impl Fn(Coord<f64>) -> Option<Coord<f64>>,
    exact: impl Fn(Coord<f64>) -> Result<Coord<f64>, E>,
) -> Result<(), E> {
    for c in coords.iter_mut() {
        let clear = approximate(*c)
            .filter(|p| !near_rounding_boundary(p.x, scale) && !near_rounding_boundary(p.y, scale));
        let projected = match clear {
            Some(p) => p,
            None => exact(*c)?,
        };
        *c = Coord {
            x: super::reproject::round_to(projected.x, scale),
            y: super::reproject::round_to(projected.y, scale),
        };
    }
    Ok(())
}

/// Whether `value` lies within [`MARGIN`] of a boundary between two values rounded to
/// `1 / scale`, where a difference in its last bits could round it the other way.
pub fn near_rounding_boundary(value: f64, scale: f64) -> bool {
    let scaled = value * scale;
    let fraction = scaled - scaled.floor();
    (fraction - 0.5).abs() < MARGIN * scale
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Reprojector;
    use crate::model::Crs;

    /// The largest difference (degrees) between the cells and proj4rs over the points, and
    /// how many points were compared.
    fn largest_difference(points: impl Iterator<Item = Coord<f64>>) -> (f64, usize) {
        let proj = Reprojector::new(Crs::RD_NEW, Crs::WGS84).unwrap().unwrap();
        let exact = |coords: &mut [Coord<f64>]| proj.project_in_place(coords);
        let grid = CellGrid::new();
        let mut worst = 0.0f64;
        let mut count = 0;
        for rd in points {
            let ours = grid
                .project(rd, &exact)
                .expect("every cell of RD passes its check");
            let theirs = proj.project(rd).unwrap();
            worst = worst
                .max((ours.x - theirs.x).abs())
                .max((ours.y - theirs.y).abs());
            count += 1;
        }
        (worst, count)
    }

    #[test]
    fn agrees_with_proj4rs_to_the_last_bits_over_all_of_rd() {
        // Every 500 m over the grid, off the cells' edges and nodes.
        let points = (0..720).flat_map(|i| {
            (0..760).map(move |j| Coord {
                x: WEST + 500.0 * i as f64 + 0.123,
                y: SOUTH + 500.0 * j as f64 + 0.456,
            })
        });
        let (worst, count) = largest_difference(points);
        assert!(count > 500_000);
        assert!(worst < MARGIN / 100.0, "{worst:e}°");
    }

    #[test]
    fn agrees_with_proj4rs_on_every_point_of_the_national_data() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/nl");
        let paths = [
            root.join("buurten_2019.rd.geojson"),
            root.join("pc4_2020.rd.geojson"),
        ];
        let layers: Vec<crate::model::Layer> = crate::ops::load_files(&paths, &Default::default())
            .into_iter()
            .flat_map(|loaded| loaded.expect("the national data loads"))
            .collect();
        use geo::CoordsIter;
        let points = layers
            .iter()
            .flat_map(|l| &l.features)
            .flat_map(|f| f.geometry.coords_iter());
        let (worst, count) = largest_difference(points);
        assert!(count > 500_000);
        assert!(worst < MARGIN / 100.0, "{worst:e}°");
    }

    #[test]
    fn a_cell_that_does_not_match_is_left_to_the_exact_projection() {
        // A mapping with a kink inside the cell cannot pass the check.
        let kinked = |coords: &mut [Coord<f64>]| {
            for c in coords.iter_mut() {
                *c = Coord {
                    x: (c.x - 155_004.0).abs() / 1e5,
                    y: c.y / 1e5,
                };
            }
            Ok(())
        };
        let grid = CellGrid::new();
        let point = |x: f64, y: f64| Coord { x, y };
        assert!(grid.project(point(155_100.0, 463_100.0), &kinked).is_none());
        // Outside the grid there is no cell at all.
        let grid = CellGrid::new();
        let proj = Reprojector::new(Crs::RD_NEW, Crs::WGS84).unwrap().unwrap();
        let exact = |coords: &mut [Coord<f64>]| proj.project_in_place(coords);
        let projects = |x: f64, y: f64| grid.project(point(x, y), &exact).is_some();
        assert!(!projects(1_000_000.0, 463_000.0));
        assert!(!projects(f64::NAN, 463_000.0));
        assert!(projects(155_000.0, 463_000.0));
    }

    #[test]
    fn a_value_near_a_boundary_of_the_seventh_decimal_is_told() {
        assert!(near_rounding_boundary(5.123_456_75, 1e7));
        assert!(near_rounding_boundary(5.123_456_750_000_01, 1e7));
        assert!(!near_rounding_boundary(5.123_456_74, 1e7));
        assert!(!near_rounding_boundary(5.123_456_7, 1e7));
    }

    #[test]
    fn rounded_values_are_proj4rs_values_rounded_near_boundaries_too() {
        // Points every 97 m over all of RD, rounded to the 7 decimals of a file: bit for bit
        // what proj4rs and rounding give, the values near a boundary (projected by proj4rs)
        // among them.
        let proj = Reprojector::new(Crs::RD_NEW, Crs::WGS84).unwrap().unwrap();
        let points: Vec<Coord<f64>> = (0..3_700)
            .flat_map(|i| (0..3_900).map(move |j| (i, j)))
            .step_by(7)
            .map(|(i, j)| Coord {
                x: WEST + 97.0 * i as f64 + 0.5,
                y: SOUTH + 97.0 * j as f64 + 0.25,
            })
            .collect();
        // And points that land as close to a boundary as proj4rs can put them: half-way
        // longitudes and latitudes projected back to RD.
        let back = Reprojector::new(Crs::WGS84, Crs::RD_NEW).unwrap().unwrap();
        let mut on_boundaries: Vec<Coord<f64>> = (0..20_000)
            .map(|k| Coord {
                x: (33_500_000.0 + (k * 7_919 % 40_000_000) as f64 + 0.5) / 1e7,
                y: (507_600_000.0 + (k * 104_729 % 30_000_000) as f64 + 0.5) / 1e7,
            })
            .collect();
        back.project_in_place(&mut on_boundaries).unwrap();
        let points: Vec<Coord<f64>> = points.into_iter().chain(on_boundaries).collect();
        let mut ours = points.clone();
        proj.project_rounded(&mut ours, 1e7).unwrap();
        let mut theirs = points;
        proj.project_in_place(&mut theirs).unwrap();
        let mut near = 0;
        for (a, b) in ours.iter().zip(&theirs) {
            near +=
                usize::from(near_rounding_boundary(b.x, 1e7) || near_rounding_boundary(b.y, 1e7));
            let b = Coord {
                x: crate::io::reproject::round_to(b.x, 1e7),
                y: crate::io::reproject::round_to(b.y, 1e7),
            };
            assert_eq!(
                (a.x.to_bits(), a.y.to_bits()),
                (b.x.to_bits(), b.y.to_bits())
            );
        }
        assert!(near > 5_000, "{near} values near a boundary");
    }

    #[test]
    fn a_value_near_a_boundary_is_taken_from_the_exact_projection() {
        // An approximation off by half the margin, on values right at rounding boundaries:
        // rounded, it would land on the other side of half of them.
        let exact = |c: Coord<f64>| -> Result<Coord<f64>, ()> {
            Ok(Coord {
                x: c.x / 1e5,
                y: c.y / 1e5,
            })
        };
        let off = |c: Coord<f64>| {
            Some(Coord {
                x: c.x / 1e5 + MARGIN / 2.0,
                y: c.y / 1e5 - MARGIN / 2.0,
            })
        };
        let points: Vec<Coord<f64>> = (0..1_000)
            .map(|k| Coord {
                x: (5.0 + k as f64 * 1e-4 + 0.5e-7) * 1e5,
                y: (52.0 + k as f64 * 1e-4 + 0.5e-7) * 1e5,
            })
            .collect();
        let mut ours = points.clone();
        project_rounded_with(&mut ours, 1e7, off, exact).unwrap();
        for (ours, point) in ours.iter().zip(&points) {
            let want = exact(*point).unwrap();
            let want = (
                crate::io::reproject::round_to(want.x, 1e7),
                crate::io::reproject::round_to(want.y, 1e7),
            );
            assert_eq!((ours.x, ours.y), want);
        }
        // Away from the boundaries the approximation is used as it is.
        let mut clear = vec![Coord {
            x: 5.123_456_71e5,
            y: 52.0e5,
        }];
        project_rounded_with(&mut clear, 1e7, |_| Some(Coord { x: 1.0, y: 2.0 }), exact).unwrap();
        assert_eq!(clear[0], Coord { x: 1.0, y: 2.0 });
    }
}
