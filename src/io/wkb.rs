//! Well-known binary, as stored in GeoPackage geometry blobs (ISO and extended Z/M codes).

use geo::Coord;

use super::build::{RawGeometry, RawPolygon};

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    little_endian: bool,
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let slice = self
            .bytes
            .get(self.pos..self.pos + N)
            .ok_or("the geometry ends too early (truncated WKB)")?;
        self.pos += N;
        let mut out = [0u8; N];
        out.copy_from_slice(slice);
        Ok(out)
    }

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take::<4>()?;
        Ok(if self.little_endian {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    }

    fn f64(&mut self) -> Result<f64, String> {
        let b = self.take::<8>()?;
        Ok(if self.little_endian {
            f64::from_le_bytes(b)
        } else {
            f64::from_be_bytes(b)
        })
    }

    /// A count that must fit in what is left of the blob, so a corrupt count cannot make us
    /// allocate gigabytes.
    fn count(&mut self, min_item_bytes: usize) -> Result<usize, String> {
        let n = self.u32()? as usize;
        let left = self.bytes.len().saturating_sub(self.pos);
        if n.saturating_mul(min_item_bytes) > left {
            return Err(format!(
                "a count of {n} does not fit in the {left} bytes left (corrupt WKB)"
            ));
        }
        Ok(n)
    }
}

/// Splits a WKB type code into (base type 1–7…, coordinate dimension).
fn decode_type(code: u32) -> (u32, usize) {
    let has_z_ewkb = code & 0x8000_0000 != 0;
    let has_m_ewkb = code & 0x4000_0000 != 0;
    let iso = code & 0x0FFF_FFFF;
    let base = iso % 1000;
    let (z, m) = match iso / 1000 {
        1 => (true, false),
        2 => (false, true),
        3 => (true, true),
        _ => (has_z_ewkb, has_m_ewkb),
    };
    (base, 2 + usize::from(z) + usize::from(m))
}

fn type_name(base: u32) -> String {
    match base {
        1 => "Point",
        2 => "LineString",
        3 => "Polygon",
        4 => "MultiPoint",
        5 => "MultiLineString",
        6 => "MultiPolygon",
        7 => "GeometryCollection",
        8 => "CircularString",
        9 => "CompoundCurve",
        10 => "CurvePolygon",
        11 => "MultiCurve",
        12 => "MultiSurface",
        _ => "unknown geometry",
    }
    .to_string()
}

/// Reads one WKB geometry; polygons (also inside multi-geometries and collections) are kept,
/// everything else is read past. Curved geometry (CircularString, CompoundCurve, CurvePolygon,
/// MultiSurface) is turned into segments as GDAL does: an arc becomes chords of at most 4°.
#[cfg(test)]
pub(crate) fn read(bytes: &[u8]) -> Result<RawGeometry, String> {
    read_counting_curves(bytes).map(|(geometry, _)| geometry)
}

/// Like [`read`], also telling whether curves were turned into segments.
pub(crate) fn read_counting_curves(bytes: &[u8]) -> Result<(RawGeometry, bool), String> {
    let mut reader = Reader {
        bytes,
        pos: 0,
        little_endian: true,
    };
    let mut found = Found::default();
    let base = read_into(&mut reader, &mut found, 0)?;
    let geometry = if found.polygons.is_empty() {
        if matches!(base, 3 | 6 | 10 | 12) {
            RawGeometry::Missing
        } else {
            RawGeometry::Other(type_name(base))
        }
    } else {
        RawGeometry::Polygons {
            type_name: type_name(base),
            polygons: found.polygons,
        }
    };
    Ok((geometry, found.curved))
}

#[derive(Default)]
struct Found {
    polygons: Vec<RawPolygon>,
    /// Whether a curve was turned into segments.
    curved: bool,
}

/// Reads one geometry (byte order, type, body) into `found`; returns its base type.
fn read_into(reader: &mut Reader, found: &mut Found, depth: usize) -> Result<u32, String> {
    if depth > 32 {
        return Err("geometry collections nested more than 32 deep".into());
    }
    let order = reader.take::<1>()?[0];
    reader.little_endian = match order {
        0 => false,
        1 => true,
        other => return Err(format!("unknown WKB byte order {other}")),
    };
    let (base, dimension) = decode_type(reader.u32()?);
    match base {
        // Point, LineString: read past.
        1 => {
            for _ in 0..dimension {
                reader.f64()?;
            }
        }
        2 => {
            read_points(reader, dimension)?;
        }
        3 => found.polygons.push(read_polygon(reader, dimension)?),
        // Multi-geometries and collections: their members, whatever they are.
        4..=7 | 11 | 12 => {
            let n = reader.count(9)?;
            for _ in 0..n {
                read_into(reader, found, depth + 1)?;
            }
        }
        // Curves outside a polygon are lines: read past.
        8 | 9 => {
            read_curve(reader, base, dimension, depth)?;
        }
        10 => {
            let rings = reader.count(9)?;
            let mut polygon = Vec::with_capacity(rings);
            for _ in 0..rings {
                let (ring_base, ring_dimension) = read_header(reader)?;
                polygon.push(read_curve(reader, ring_base, ring_dimension, depth + 1)?);
            }
            found.polygons.push(polygon);
            found.curved = true;
        }
        other => return Err(format!("unsupported WKB geometry type {other}")),
    }
    Ok(base)
}

/// A nested geometry's byte order and type.
fn read_header(reader: &mut Reader) -> Result<(u32, usize), String> {
    let order = reader.take::<1>()?[0];
    reader.little_endian = match order {
        0 => false,
        1 => true,
        other => return Err(format!("unknown WKB byte order {other}")),
    };
    Ok(decode_type(reader.u32()?))
}

fn read_points(reader: &mut Reader, dimension: usize) -> Result<Vec<Coord<f64>>, String> {
    let points = reader.count(dimension * 8)?;
    let mut line = Vec::with_capacity(points);
    for _ in 0..points {
        let x = reader.f64()?;
        let y = reader.f64()?;
        for _ in 2..dimension {
            reader.f64()?;
        }
        line.push(Coord { x, y });
    }
    Ok(line)
}

/// A LineString, CircularString or CompoundCurve (whose body is read already up to its
/// points) as a line of segments.
fn read_curve(
    reader: &mut Reader,
    base: u32,
    dimension: usize,
    depth: usize,
) -> Result<Vec<Coord<f64>>, String> {
    if depth > 32 {
        return Err("curves nested more than 32 deep".into());
    }
    match base {
        2 => read_points(reader, dimension),
        8 => Ok(segment_arcs(&read_points(reader, dimension)?)),
        9 => {
            let parts = reader.count(9)?;
            let mut line: Vec<Coord<f64>> = Vec::new();
            for _ in 0..parts {
                let (part_base, part_dimension) = read_header(reader)?;
                if !matches!(part_base, 2 | 8) {
                    return Err(format!(
                        "a CompoundCurve holds a {}, not a line or arc",
                        type_name(part_base)
                    ));
                }
                let part = read_curve(reader, part_base, part_dimension, depth + 1)?;
                // Consecutive parts share their end and start point.
                let skip = usize::from(line.last().is_some() && line.last() == part.first());
                line.extend(part.into_iter().skip(skip));
            }
            Ok(line)
        }
        other => Err(format!(
            "a curved ring must be a line, arc or compound curve, not a {}",
            type_name(other)
        )),
    }
}

/// The largest angle one chord of an arc may span: GDAL's default (OGR_ARC_STEPSIZE, 4°).
const ARC_STEP_DEGREES: f64 = 4.0;

/// A CircularString (arcs through every three points, sharing ends) as straight segments.
fn segment_arcs(points: &[Coord<f64>]) -> Vec<Coord<f64>> {
    let mut line: Vec<Coord<f64>> = points.first().copied().into_iter().collect();
    for arc in points.windows(3).step_by(2) {
        line.extend(segment_arc(arc[0], arc[1], arc[2]));
    }
    line
}

/// The points after `start` along the arc from `start` through `middle` to `end`.
fn segment_arc(start: Coord<f64>, middle: Coord<f64>, end: Coord<f64>) -> Vec<Coord<f64>> {
    // The circle through the three points; collinear points are a straight line.
    let (ax, ay) = (start.x, start.y);
    let (bx, by) = (middle.x, middle.y);
    let (cx, cy) = (end.x, end.y);
    let d = 2.0 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
    let full_circle = start == end;
    if d.abs() < 1e-12 && !full_circle {
        return vec![middle, end];
    }
    let (ux, uy) = if full_circle {
        ((ax + bx) / 2.0, (ay + by) / 2.0)
    } else {
        let a2 = ax * ax + ay * ay;
        let b2 = bx * bx + by * by;
        let c2 = cx * cx + cy * cy;
        (
            (a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by)) / d,
            (a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax)) / d,
        )
    };
    let radius = ((ax - ux).powi(2) + (ay - uy).powi(2)).sqrt();
    let angle = |p: Coord<f64>| (p.y - uy).atan2(p.x - ux);
    let (a0, a1, a2) = (angle(start), angle(middle), angle(end));
    let tau = std::f64::consts::TAU;
    // Sweep from start to end passing the middle point: counter-clockwise if the middle lies
    // on the counter-clockwise way, else clockwise.
    let ccw = |from: f64, to: f64| (to - from).rem_euclid(tau);
    let sweep = if full_circle {
        tau
    } else if ccw(a0, a1) <= ccw(a0, a2) {
        ccw(a0, a2)
    } else {
        -ccw(a2, a0)
    };
    let steps = ((sweep.abs().to_degrees() / ARC_STEP_DEGREES).ceil() as usize).max(2);
    let mut out: Vec<Coord<f64>> = (1..steps)
        .map(|i| {
            let t = a0 + sweep * i as f64 / steps as f64;
            Coord {
                x: ux + radius * t.cos(),
                y: uy + radius * t.sin(),
            }
        })
        .collect();
    out.push(end);
    out
}

fn read_polygon(reader: &mut Reader, dimension: usize) -> Result<RawPolygon, String> {
    let rings = reader.count(4)?;
    let mut polygon = Vec::with_capacity(rings);
    for _ in 0..rings {
        polygon.push(read_points(reader, dimension)?);
    }
    Ok(polygon)
}

/// Writes a multipolygon as little-endian ISO WKB.
pub(crate) fn write_multipolygon(multi: &geo::MultiPolygon<f64>) -> Vec<u8> {
    let mut out = Vec::new();
    out.push(1u8);
    out.extend_from_slice(&6u32.to_le_bytes());
    out.extend_from_slice(&(multi.0.len() as u32).to_le_bytes());
    for polygon in &multi.0 {
        out.push(1u8);
        out.extend_from_slice(&3u32.to_le_bytes());
        let rings: Vec<&geo::LineString<f64>> = std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .collect();
        out.extend_from_slice(&(rings.len() as u32).to_le_bytes());
        for ring in rings {
            out.extend_from_slice(&(ring.0.len() as u32).to_le_bytes());
            for c in &ring.0 {
                out.extend_from_slice(&c.x.to_le_bytes());
                out.extend_from_slice(&c.y.to_le_bytes());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::wkt;

    #[test]
    fn multipolygons_round_trip() {
        let multi = wkt!(MULTIPOLYGON(((0. 0.,1. 0.,1. 1.,0. 0.)),((5. 5.,6. 5.,6. 6.,5. 5.),(5.2 5.1,5.8 5.1,5.8 5.7,5.2 5.1))));
        let RawGeometry::Polygons {
            polygons,
            type_name,
        } = read(&write_multipolygon(&multi)).unwrap()
        else {
            panic!()
        };
        assert_eq!(type_name, "MultiPolygon");
        assert_eq!(polygons.len(), 2);
        assert_eq!(polygons[1].len(), 2);
        assert_eq!(polygons[1][1][2], Coord { x: 5.8, y: 5.7 });
    }

    #[test]
    fn corrupt_counts_do_not_allocate() {
        let mut bytes = vec![1u8];
        bytes.extend_from_slice(&3u32.to_le_bytes());
        bytes.extend_from_slice(&u32::MAX.to_le_bytes());
        assert!(read(&bytes).unwrap_err().contains("corrupt WKB"));
    }

    fn header(out: &mut Vec<u8>, kind: u32) {
        out.push(1u8);
        out.extend_from_slice(&kind.to_le_bytes());
    }

    fn points(out: &mut Vec<u8>, points: &[(f64, f64)]) {
        out.extend_from_slice(&(points.len() as u32).to_le_bytes());
        for (x, y) in points {
            out.extend_from_slice(&x.to_le_bytes());
            out.extend_from_slice(&y.to_le_bytes());
        }
    }

    #[test]
    fn a_polygon_after_a_point_and_a_line_in_a_collection() {
        let mut bytes = Vec::new();
        header(&mut bytes, 7);
        bytes.extend_from_slice(&3u32.to_le_bytes());
        header(&mut bytes, 1);
        bytes.extend_from_slice(&1.0f64.to_le_bytes());
        bytes.extend_from_slice(&2.0f64.to_le_bytes());
        header(&mut bytes, 2);
        points(&mut bytes, &[(0., 0.), (5., 5.)]);
        bytes.extend_from_slice(&write_multipolygon(
            &wkt!(MULTIPOLYGON(((0. 0.,1. 0.,1. 1.,0. 0.)))),
        ));
        let RawGeometry::Polygons { polygons, .. } = read(&bytes).unwrap() else {
            panic!()
        };
        assert_eq!(polygons.len(), 1);
        assert_eq!(polygons[0][0].len(), 4);
    }

    #[test]
    fn a_curve_polygon_of_a_full_circle_becomes_segments() {
        // A circle of radius 10 as one CircularString (start = end, middle opposite).
        let mut bytes = Vec::new();
        header(&mut bytes, 10);
        bytes.extend_from_slice(&1u32.to_le_bytes());
        header(&mut bytes, 8);
        points(&mut bytes, &[(10., 0.), (-10., 0.), (10., 0.)]);
        let (geometry, curved) = read_counting_curves(&bytes).unwrap();
        assert!(curved);
        let RawGeometry::Polygons {
            polygons,
            type_name,
        } = geometry
        else {
            panic!()
        };
        assert_eq!(type_name, "CurvePolygon");
        let ring: Vec<geo::Coord<f64>> = polygons[0][0].clone();
        assert_eq!(ring.len(), 91, "90 chords of 4°, closed");
        let area = geo::Area::unsigned_area(&geo::Polygon::new(geo::LineString(ring), vec![]));
        // A 90-gon inscribed in the circle: within 0.1 % of π r².
        assert!(
            (area / (std::f64::consts::PI * 100.0) - 1.0).abs() < 1e-3,
            "{area}"
        );
    }

    #[test]
    fn a_half_circle_arc_goes_through_its_middle_point() {
        let arc = segment_arc(
            Coord { x: 10., y: 0. },
            Coord { x: 0., y: -10. },
            Coord { x: -10., y: 0. },
        );
        assert_eq!(arc.len(), 45);
        // Clockwise through (0, -10): every point below the x axis.
        assert!(arc[..arc.len() - 1].iter().all(|p| p.y < 0.0));
        assert_eq!(
            segment_arc(
                Coord { x: 0., y: 0. },
                Coord { x: 1., y: 1. },
                Coord { x: 2., y: 2. }
            )
            .len(),
            2
        );
    }

    #[test]
    fn points_are_other_geometry() {
        let mut bytes = vec![1u8];
        bytes.extend_from_slice(&1u32.to_le_bytes());
        bytes.extend_from_slice(&1.0f64.to_le_bytes());
        bytes.extend_from_slice(&2.0f64.to_le_bytes());
        assert!(matches!(read(&bytes).unwrap(), RawGeometry::Other(t) if t == "Point"));
    }
}
