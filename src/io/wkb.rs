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

/// Reads one WKB geometry; polygons (also inside multi-geometries and collections) are kept.
pub(crate) fn read(bytes: &[u8]) -> Result<RawGeometry, String> {
    let mut reader = Reader {
        bytes,
        pos: 0,
        little_endian: true,
    };
    let mut polygons = Vec::new();
    let base = read_into(&mut reader, &mut polygons, 0)?;
    Ok(if polygons.is_empty() {
        if matches!(base, 3 | 6) {
            RawGeometry::Missing
        } else {
            RawGeometry::Other(type_name(base))
        }
    } else {
        RawGeometry::Polygons {
            type_name: type_name(base),
            polygons,
        }
    })
}

fn read_into(
    reader: &mut Reader,
    polygons: &mut Vec<RawPolygon>,
    depth: usize,
) -> Result<u32, String> {
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
        3 => polygons.push(read_polygon(reader, dimension)?),
        6 | 7 => {
            let n = reader.count(9)?;
            for _ in 0..n {
                read_into(reader, polygons, depth + 1)?;
            }
        }
        1 | 2 | 4 | 5 => {}
        10 | 12 => {
            return Err(format!(
                "{} (curved geometry) is not supported; linearise it in your GIS first",
                type_name(base)
            ));
        }
        other => return Err(format!("unsupported WKB geometry type {other}")),
    }
    Ok(base)
}

fn read_polygon(reader: &mut Reader, dimension: usize) -> Result<RawPolygon, String> {
    let rings = reader.count(4)?;
    let mut polygon = Vec::with_capacity(rings);
    for _ in 0..rings {
        let points = reader.count(dimension * 8)?;
        let mut ring = Vec::with_capacity(points);
        for _ in 0..points {
            let x = reader.f64()?;
            let y = reader.f64()?;
            for _ in 2..dimension {
                reader.f64()?;
            }
            ring.push(Coord { x, y });
        }
        polygon.push(ring);
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

    #[test]
    fn points_are_other_geometry() {
        let mut bytes = vec![1u8];
        bytes.extend_from_slice(&1u32.to_le_bytes());
        bytes.extend_from_slice(&1.0f64.to_le_bytes());
        bytes.extend_from_slice(&2.0f64.to_le_bytes());
        assert!(matches!(read(&bytes).unwrap(), RawGeometry::Other(t) if t == "Point"));
    }
}
