//! The geometry part of a shapefile (.shp): polygon records, rings organised into polygons.

use geo::Coord;

use crate::geometry::{edge_midpoints, point_in_ring, signed_area};
use crate::io::build::{RawGeometry, RawPolygon};

/// Reads every record of a .shp file; record `i` is DBF row `i`.
pub(crate) fn read_records(bytes: &[u8]) -> Result<Vec<RawGeometry>, String> {
    if bytes.len() < 100 {
        return Err(format!(
            "the .shp is {} bytes, shorter than its 100-byte header",
            bytes.len()
        ));
    }
    if be_i32(bytes, 0) != 9994 {
        return Err(
            "the .shp does not start with the shapefile signature (9994); is it a shapefile?"
                .into(),
        );
    }
    let declared_length = be_i32(bytes, 24).max(0) as usize * 2;
    // Some writers get the header length wrong; trust the bytes we actually have.
    let end = if declared_length >= 100 && declared_length <= bytes.len() {
        declared_length
    } else {
        bytes.len()
    };
    let mut records = Vec::new();
    let mut pos = 100;
    while pos + 8 <= end {
        let number = be_i32(bytes, pos);
        let length = be_i32(bytes, pos + 4);
        if length < 0 {
            return Err(format!("record {number}: negative length {length}"));
        }
        let start = pos + 8;
        let stop = start + length as usize * 2;
        if stop > bytes.len() {
            return Err(format!(
                "record {} is cut off: it needs {} bytes but the file ends after {} (truncated .shp?)",
                records.len() + 1,
                stop - start,
                bytes.len() - start
            ));
        }
        let geometry = read_shape(&bytes[start..stop])
            .map_err(|e| format!("record {}: {e}", records.len() + 1))?;
        records.push(geometry);
        pos = stop;
    }
    Ok(records)
}

fn be_i32(b: &[u8], at: usize) -> i32 {
    i32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn le_i32(b: &[u8], at: usize) -> i32 {
    i32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn le_f64(b: &[u8], at: usize) -> f64 {
    let mut buf = [0u8; 8];
    buf.copy_from_slice(&b[at..at + 8]);
    f64::from_le_bytes(buf)
}

fn shape_type_name(code: i32) -> String {
    match code {
        1 | 11 | 21 => "Point".into(),
        3 | 13 | 23 => "LineString".into(),
        8 | 18 | 28 => "MultiPoint".into(),
        31 => "MultiPatch".into(),
        other => format!("shape type {other}"),
    }
}

fn read_shape(content: &[u8]) -> Result<RawGeometry, String> {
    if content.len() < 4 {
        return Err("the record is empty".into());
    }
    let shape_type = le_i32(content, 0);
    match shape_type {
        0 => return Ok(RawGeometry::Missing),
        5 | 15 | 25 => {}
        other => return Ok(RawGeometry::Other(shape_type_name(other))),
    }
    if content.len() < 44 {
        return Err("the polygon record is shorter than its header".into());
    }
    let parts = le_i32(content, 36);
    let points = le_i32(content, 40);
    if parts < 0 || points < 0 {
        return Err(format!(
            "negative part or point count ({parts} parts, {points} points)"
        ));
    }
    let (parts, points) = (parts as usize, points as usize);
    let points_at = 44 + parts * 4;
    if points_at + points * 16 > content.len() {
        return Err(format!(
            "{parts} parts and {points} points do not fit in a record of {} bytes",
            content.len()
        ));
    }
    let mut starts: Vec<usize> = (0..parts)
        .map(|i| le_i32(content, 44 + i * 4).max(0) as usize)
        .collect();
    starts.push(points);
    if starts.windows(2).any(|w| w[0] > w[1]) {
        return Err("part offsets are out of order".into());
    }
    let coords: Vec<Coord<f64>> = (0..points)
        .map(|i| Coord {
            x: le_f64(content, points_at + i * 16),
            y: le_f64(content, points_at + i * 16 + 8),
        })
        .collect();
    let rings: Vec<Vec<Coord<f64>>> = starts
        .windows(2)
        .map(|w| coords[w[0]..w[1]].to_vec())
        .filter(|r| !r.is_empty())
        .collect();
    if rings.is_empty() {
        return Ok(RawGeometry::Missing);
    }
    Ok(RawGeometry::Polygons {
        type_name: if shape_type == 5 {
            "Polygon"
        } else if shape_type == 15 {
            "PolygonZ"
        } else {
            "PolygonM"
        }
        .into(),
        polygons: organise_rings(rings),
    })
}

/// Shapefiles store all rings of a record in one list: outer rings clockwise, holes
/// counter-clockwise. Each hole goes to the smallest outer ring that contains it; a hole that
/// no outer ring contains is taken as an outer ring itself (as GDAL does), so no area is lost.
fn organise_rings(rings: Vec<Vec<Coord<f64>>>) -> Vec<RawPolygon> {
    if rings.len() == 1 {
        return vec![rings];
    }
    let (mut shells, mut holes) = (Vec::new(), Vec::new());
    for ring in rings {
        if signed_area(&ring) <= 0.0 {
            shells.push(ring);
        } else {
            holes.push(ring);
        }
    }
    let shell_areas: Vec<f64> = shells.iter().map(|s| signed_area(s).abs()).collect();
    let mut polygons: Vec<RawPolygon> = shells.into_iter().map(|s| vec![s]).collect();
    let shell_count = polygons.len();
    for hole in holes {
        let probe = edge_midpoints(&hole, 1).next().unwrap_or(hole[0]);
        // Only real outer rings own holes, not holes that became outer rings themselves
        // (found by fuzzing: a hole inside such a one).
        let owner = polygons[..shell_count]
            .iter()
            .enumerate()
            .filter(|(_, p)| point_in_ring(&p[0], probe))
            .min_by(|a, b| shell_areas[a.0].total_cmp(&shell_areas[b.0]))
            .map(|(i, _)| i);
        match owner {
            Some(i) => polygons[i].push(hole),
            None => polygons.push(vec![hole]),
        }
    }
    polygons
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(points: &[(f64, f64)]) -> Vec<Coord<f64>> {
        points.iter().map(|&(x, y)| Coord { x, y }).collect()
    }

    #[test]
    fn a_hole_inside_a_hole_without_shell_does_not_panic() {
        // Both rings counter-clockwise (holes by the shapefile rule), no outer ring at all:
        // the big one becomes an outer ring itself, the small one lies inside it.
        let big = ring(&[(0., 0.), (10., 0.), (10., 10.), (0., 10.), (0., 0.)]);
        let small = ring(&[(2., 2.), (4., 2.), (4., 4.), (2., 4.), (2., 2.)]);
        let polygons = organise_rings(vec![big, small]);
        assert_eq!(
            polygons.len(),
            2,
            "each kept as its own polygon, no area lost"
        );
    }

    #[test]
    fn holes_go_to_the_smallest_containing_shell() {
        let big = ring(&[(0., 0.), (0., 10.), (10., 10.), (10., 0.), (0., 0.)]);
        let island = ring(&[(20., 0.), (20., 5.), (25., 5.), (25., 0.), (20., 0.)]);
        let hole = ring(&[(1., 1.), (2., 1.), (2., 2.), (1., 2.), (1., 1.)]);
        let polygons = organise_rings(vec![big, hole, island]);
        assert_eq!(polygons.len(), 2);
        assert_eq!(polygons[0].len(), 2);
        assert_eq!(polygons[1].len(), 1);
    }

    #[test]
    fn an_orphan_hole_becomes_a_shell() {
        let a = ring(&[(0., 0.), (0., 1.), (1., 1.), (1., 0.), (0., 0.)]);
        let backwards = ring(&[(5., 5.), (6., 5.), (6., 6.), (5., 6.), (5., 5.)]);
        assert_eq!(organise_rings(vec![a, backwards]).len(), 2);
    }

    #[test]
    fn short_files_are_refused_with_reason() {
        assert!(
            read_records(&[0u8; 50])
                .unwrap_err()
                .contains("shorter than its 100-byte header")
        );
        let mut header = vec![0u8; 100];
        header[..4].copy_from_slice(&9994i32.to_be_bytes());
        header.extend_from_slice(&1i32.to_be_bytes());
        header.extend_from_slice(&100i32.to_be_bytes());
        header.extend_from_slice(&5i32.to_le_bytes());
        assert!(read_records(&header).unwrap_err().contains("cut off"));
    }
}
