//! Reprojection between the CRSs in `model::Crs`, with the pure-Rust proj4rs.

use geo::Coord;
use proj4rs::proj::Proj;
use proj4rs::transform::{Transform, TransformClosure, transform};

use super::reproject_rd::{CellGrid, project_rounded_with};
use crate::model::Crs;

/// Rounds to the precision a file keeps (`scale` = 10^decimals); the shortest form of the result
/// is then written (223534.15). Never −0.
pub fn round_to(value: f64, scale: f64) -> f64 {
    let rounded = (value * scale).round() / scale;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// Why coordinates could not be reprojected.
#[derive(Debug, Clone, thiserror::Error)]
#[error("cannot reproject from {from} to {to}: {reason}")]
pub struct ReprojectError {
    pub from: Crs,
    pub to: Crs,
    pub reason: String,
}

/// Converts coordinates from one CRS to another. Geographic coordinates are in degrees
/// (longitude, latitude), projected ones in the CRS's units (metres).
pub struct Reprojector {
    from: Crs,
    to: Crs,
    from_proj: Proj,
    to_proj: Proj,
    /// Whether this is RD New to degrees, which `project_rounded` takes from cells (made on
    /// its first call: a reprojector for a single point or a layer's bounds needs none).
    through_cells: bool,
    cells: std::sync::OnceLock<CellGrid>,
}

impl std::fmt::Debug for Reprojector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Reprojector({} → {})", self.from, self.to)
    }
}

struct Coords<'a>(&'a mut [Coord<f64>]);

impl Transform for Coords<'_> {
    fn transform_coordinates<F: TransformClosure>(
        &mut self,
        f: &mut F,
    ) -> proj4rs::errors::Result<()> {
        for c in self.0.iter_mut() {
            let (x, y, _) = f(c.x, c.y, 0.0)?;
            c.x = x;
            c.y = y;
        }
        Ok(())
    }
}

impl Reprojector {
    /// A reprojector from `from` to `to`, or `None` when they are the same CRS.
    pub fn new(from: Crs, to: Crs) -> Result<Option<Reprojector>, ReprojectError> {
        if from == to {
            return Ok(None);
        }
        let error = |reason: String| ReprojectError { from, to, reason };
        let from_proj =
            Proj::from_proj_string(from.proj_string()).map_err(|e| error(e.to_string()))?;
        let to_proj = Proj::from_proj_string(to.proj_string()).map_err(|e| error(e.to_string()))?;
        Ok(Some(Reprojector {
            from,
            to,
            from_proj,
            to_proj,
            through_cells: from == Crs::RD_NEW && to.is_geographic(),
            cells: std::sync::OnceLock::new(),
        }))
    }

    /// Reprojects the coordinates in place.
    pub fn project_in_place(&self, coords: &mut [Coord<f64>]) -> Result<(), ReprojectError> {
        if self.from.is_geographic() {
            for c in coords.iter_mut() {
                c.x = c.x.to_radians();
                c.y = c.y.to_radians();
            }
        }
        transform(&self.from_proj, &self.to_proj, &mut Coords(coords)).map_err(|e| {
            ReprojectError {
                from: self.from,
                to: self.to,
                reason: e.to_string(),
            }
        })?;
        if self.to.is_geographic() {
            for c in coords.iter_mut() {
                c.x = c.x.to_degrees();
                c.y = c.y.to_degrees();
            }
        }
        if let Some(bad) = coords
            .iter()
            .find(|c| !(c.x.is_finite() && c.y.is_finite()))
        {
            return Err(ReprojectError {
                from: self.from,
                to: self.to,
                reason: format!(
                    "a coordinate falls outside the projection's domain ({:?})",
                    bad
                ),
            });
        }
        Ok(())
    }

    /// Reprojects the coordinates in place and rounds them to `1 / scale`, the precision a file
    /// keeps: the values [`Self::project_in_place`] and [`round_to`] give, from RD New to
    /// degrees through the cells of `reproject_rd` where that gives the same.
    pub fn project_rounded(
        &self,
        coords: &mut [Coord<f64>],
        scale: f64,
    ) -> Result<(), ReprojectError> {
        if !self.through_cells {
            self.project_in_place(coords)?;
            for c in coords.iter_mut() {
                *c = Coord {
                    x: round_to(c.x, scale),
                    y: round_to(c.y, scale),
                };
            }
            return Ok(());
        }
        let cells = self.cells.get_or_init(CellGrid::new);
        let exact = |points: &mut [Coord<f64>]| self.project_in_place(points);
        project_rounded_with(coords, scale, |c| cells.project(c, &exact), |c| self.project(c))
    }

    /// Reprojects every ring of a multipolygon in place.
    pub fn project_multipolygon(
        &self,
        geometry: &mut geo::MultiPolygon<f64>,
    ) -> Result<(), ReprojectError> {
        for polygon in geometry.0.iter_mut() {
            let mut result = Ok(());
            polygon.exterior_mut(|ring| result = self.project_in_place(&mut ring.0));
            result?;
            let mut result = Ok(());
            polygon.interiors_mut(|rings| {
                for ring in rings {
                    if result.is_ok() {
                        result = self.project_in_place(&mut ring.0);
                    }
                }
            });
            result?;
        }
        Ok(())
    }

    /// Reprojects one coordinate.
    pub fn project(&self, coord: Coord<f64>) -> Result<Coord<f64>, ReprojectError> {
        let mut one = [coord];
        self.project_in_place(&mut one)?;
        Ok(one[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::coord;

    #[test]
    fn amersfoort_tower_lies_where_rdnaptrans_puts_it() {
        // RD origin (155000, 463000) is the Onze Lieve Vrouwetoren in Amersfoort:
        // 52.15517440 N, 5.38720621 E (RDNAPTRANS reference).
        let to_wgs84 = Reprojector::new(Crs::RD_NEW, Crs::WGS84).unwrap().unwrap();
        let lonlat = to_wgs84
            .project(coord! { x: 155_000.0, y: 463_000.0 })
            .unwrap();
        let metres_north = (lonlat.y - 52.155_174_40) * 111_250.0;
        let metres_east = (lonlat.x - 5.387_206_21) * 111_250.0 * 52.155_f64.to_radians().cos();
        assert!(metres_north.hypot(metres_east) < 1.0, "{lonlat:?}");

        let back = Reprojector::new(Crs::WGS84, Crs::RD_NEW).unwrap().unwrap();
        let rd = back
            .project(coord! { x: 5.387_206_21, y: 52.155_174_40 })
            .unwrap();
        assert!((rd.x - 155_000.0).hypot(rd.y - 463_000.0) < 1.0, "{rd:?}");
    }

    #[test]
    fn every_known_crs_round_trips_through_wgs84() {
        let ulft = coord! { x: 6.38, y: 51.89 };
        for epsg in [28992, 4258, 4289, 3857, 32631, 32632, 25831, 25832, 3035] {
            let crs = Crs::from_epsg(epsg).unwrap();
            let there = Reprojector::new(Crs::WGS84, crs).unwrap().unwrap();
            let back = Reprojector::new(crs, Crs::WGS84).unwrap().unwrap();
            let projected = there.project(ulft).unwrap();
            let round = back.project(projected).unwrap();
            assert!(
                (round.x - ulft.x).abs() < 1e-7 && (round.y - ulft.y).abs() < 1e-7,
                "EPSG:{epsg}: {round:?}"
            );
        }
    }

    #[test]
    fn same_crs_needs_no_reprojector() {
        assert!(
            Reprojector::new(Crs::RD_NEW, Crs::RD_NEW)
                .unwrap()
                .is_none()
        );
    }
}
