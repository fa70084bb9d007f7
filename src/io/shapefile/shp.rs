//! The geometry part of a shapefile (.shp): polygon records, rings organised into polygons.

use geo::Coord;
use shapefile::ReadableShape;

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
    let what = match shape_type {
        0 => return Ok(RawGeometry::Missing),
        5 | 15 | 25 => "polygon",
        31 => "MultiPatch",
        other => return Ok(RawGeometry::Other(shape_type_name(other))),
    };
    // The counts and part offsets are checked against the record before the crate sees it:
    // it reserves what the record claims, and a negative or huge count would abort the process.
    let layout = part_layout(content, what, if shape_type == 31 { 4 } else { 0 })?;
    let record = record_as_the_crate_wants(content, shape_type, &layout)?;
    let shape = shapefile::Shape::read_from(&mut &record[..], record.len() as i32)
        .map_err(|e| format!("the {what} record cannot be read: {e}"))?;
    let rings = |rings: Vec<Vec<Coord<f64>>>| -> Vec<Vec<Coord<f64>>> {
        rings.into_iter().filter(|r| !r.is_empty()).collect()
    };
    let (type_name, rings) = match shape {
        shapefile::Shape::Polygon(p) => ("Polygon", rings(xy_rings(p.rings(), |c| (c.x, c.y)))),
        shapefile::Shape::PolygonM(p) => ("PolygonM", rings(xy_rings(p.rings(), |c| (c.x, c.y)))),
        shapefile::Shape::PolygonZ(p) => ("PolygonZ", rings(xy_rings(p.rings(), |c| (c.x, c.y)))),
        shapefile::Shape::Multipatch(patches) => return Ok(multipatch_polygons(patches.patches())),
        other => return Err(format!("unexpected {} record", other.shapetype())),
    };
    if rings.is_empty() {
        return Ok(RawGeometry::Missing);
    }
    Ok(RawGeometry::Polygons {
        type_name: type_name.into(),
        polygons: organise_rings(rings),
    })
}

/// The rings of a polygon record as plain coordinates, in file order (the crate's outer/inner
/// labels come from winding alone; `organise_rings` decides by containment).
fn xy_rings<P>(
    rings: &[shapefile::PolygonRing<P>],
    xy: impl Fn(&P) -> (f64, f64),
) -> Vec<Vec<Coord<f64>>> {
    rings
        .iter()
        .map(|ring| {
            ring.points()
                .iter()
                .map(|p| {
                    let (x, y) = xy(p);
                    Coord { x, y }
                })
                .collect()
        })
        .collect()
}

/// The record cut to the length its counts call for. Writers pad records or leave out the
/// optional measures; GDAL reads such records and so do we, but the crate wants the exact
/// length of a record with or without measures.
fn record_as_the_crate_wants<'a>(
    content: &'a [u8],
    shape_type: i32,
    layout: &PartLayout,
) -> Result<&'a [u8], String> {
    let (parts, points) = (layout.parts, layout.points);
    let per_part = if shape_type == 31 { 8 } else { 4 };
    let xy = 44 + parts * per_part + points * 16;
    let range = 16 + points * 8;
    let (without_measures, with_measures) = match shape_type {
        15 | 31 => (xy + range, xy + 2 * range),
        25 => (xy, xy + range),
        _ => (xy, xy),
    };
    if content.len() >= with_measures {
        Ok(&content[..with_measures])
    } else if content.len() >= without_measures {
        Ok(&content[..without_measures])
    } else {
        Err(format!(
            "{parts} parts and {points} points need {without_measures} bytes with their heights, but the record has {}",
            content.len()
        ))
    }
}

/// How many parts and points a polygon or MultiPatch record holds.
struct PartLayout {
    parts: usize,
    points: usize,
}

/// Reads the part and point counts and the part offsets (followed by `per_part_extra` bytes a
/// part, as MultiPatch part types), checking they fit the record.
fn part_layout(content: &[u8], what: &str, per_part_extra: usize) -> Result<PartLayout, String> {
    if content.len() < 44 {
        return Err(format!("the {what} record is shorter than its header"));
    }
    let parts = le_i32(content, 36);
    let points = le_i32(content, 40);
    if parts < 0 || points < 0 {
        return Err(format!(
            "negative part or point count ({parts} parts, {points} points)"
        ));
    }
    let (parts, points) = (parts as usize, points as usize);
    let points_at = 44 + parts * (4 + per_part_extra);
    if points_at + points * 16 > content.len() {
        return Err(format!(
            "{parts} parts and {points} points do not fit in a record of {} bytes",
            content.len()
        ));
    }
    // The crate reads each part's points as the difference of two offsets.
    let mut starts: Vec<i64> = (0..parts)
        .map(|i| i64::from(le_i32(content, 44 + i * 4)))
        .collect();
    starts.push(points as i64);
    if starts.iter().any(|&s| s < 0 || s > points as i64) {
        return Err(format!("a part offset lies outside the {points} points"));
    }
    if starts.windows(2).any(|w| w[0] > w[1]) {
        return Err("part offsets are out of order".into());
    }
    Ok(PartLayout { parts, points })
}

/// Shapefiles store all rings of a record in one list. Which are outer rings and which holes
/// is decided by containment, as GDAL organises polygons, not by winding alone (writers get
/// the winding wrong): a ring inside an odd number of others is a hole of the smallest ring
/// around it, every other ring is an outer ring. So a hole wound like a shell still cuts its
/// area out, and a ring that nothing contains is never lost.
fn organise_rings(rings: Vec<Vec<Coord<f64>>>) -> Vec<RawPolygon> {
    if rings.len() == 1 {
        return vec![rings];
    }
    let n = rings.len();
    let areas: Vec<f64> = rings.iter().map(|r| signed_area(r).abs()).collect();
    let boxes: Vec<[f64; 4]> = rings.iter().map(|r| ring_box(r)).collect();
    // Larger rings first: a ring can only lie inside a larger one.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| areas[b].total_cmp(&areas[a]));
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut depth = vec![0usize; n];
    for (k, &i) in order.iter().enumerate() {
        let probe = edge_midpoints(&rings[i], 1).next().unwrap_or(rings[i][0]);
        // The smallest larger ring around it: the first that contains it, smallest first.
        if let Some(&j) = order[..k].iter().rev().find(|&&j| {
            let b = boxes[j];
            probe.x >= b[0]
                && probe.x <= b[2]
                && probe.y >= b[1]
                && probe.y <= b[3]
                && point_in_ring(&rings[j], probe)
        }) {
            parent[i] = Some(j);
            depth[i] = depth[j] + 1;
        }
    }
    // Outer rings in file order, each with its holes.
    let mut polygon_of: Vec<Option<usize>> = vec![None; n];
    let mut polygons: Vec<RawPolygon> = Vec::new();
    let mut rings: Vec<Option<Vec<Coord<f64>>>> = rings.into_iter().map(Some).collect();
    for i in 0..n {
        if depth[i].is_multiple_of(2) {
            polygon_of[i] = Some(polygons.len());
            polygons.push(vec![rings[i].take().unwrap_or_default()]);
        }
    }
    for i in 0..n {
        if let (Some(ring), Some(owner)) = (rings[i].take(), parent[i].and_then(|p| polygon_of[p]))
        {
            polygons[owner].push(ring);
        }
    }
    polygons
}

/// The box [min x, min y, max x, max y] around a ring.
fn ring_box(ring: &[Coord<f64>]) -> [f64; 4] {
    ring.iter().fold(
        [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ],
        |b, c| [b[0].min(c.x), b[1].min(c.y), b[2].max(c.x), b[3].max(c.y)],
    )
}

/// A MultiPatch record (3D surfaces of triangle strips, fans and rings) as polygons, as GDAL
/// reads it: every triangle of a strip or fan a polygon; an outer ring with the inner rings
/// after it, or a first ring with the rings after it, one polygon with holes.
fn multipatch_polygons(patches: &[shapefile::Patch]) -> RawGeometry {
    use shapefile::Patch;
    let mut polygons: Vec<RawPolygon> = Vec::new();
    let close = |mut ring: Vec<Coord<f64>>| {
        if ring.first() != ring.last()
            && let Some(&first) = ring.first()
        {
            ring.push(first);
        }
        ring
    };
    // The polygon an inner ring or ring belongs to: the last outer or first ring.
    let mut ring_owner: Option<usize> = None;
    for patch in patches {
        let ring: Vec<Coord<f64>> = patch
            .points()
            .iter()
            .map(|p| Coord { x: p.x, y: p.y })
            .collect();
        match patch {
            // Triangle strip: every three consecutive points; fan: around the first point.
            Patch::TriangleStrip(_) => {
                ring_owner = None;
                polygons.extend(ring.windows(3).map(|t| vec![close(t.to_vec())]));
            }
            Patch::TriangleFan(_) => {
                ring_owner = None;
                polygons.extend(
                    ring.windows(2)
                        .skip(1)
                        .map(|pair| vec![close(vec![ring[0], pair[0], pair[1]])]),
                );
            }
            // Outer or first ring: a new polygon; inner ring or ring: a hole of that one.
            Patch::OuterRing(_) | Patch::FirstRing(_) => {
                ring_owner = Some(polygons.len());
                polygons.push(vec![close(ring)]);
            }
            Patch::InnerRing(_) | Patch::Ring(_) => {
                match ring_owner.and_then(|i| polygons.get_mut(i)) {
                    Some(polygon) => polygon.push(close(ring)),
                    None => {
                        ring_owner = Some(polygons.len());
                        polygons.push(vec![close(ring)]);
                    }
                }
            }
        }
    }
    if polygons.is_empty() {
        RawGeometry::Missing
    } else {
        RawGeometry::Polygons {
            type_name: "MultiPatch".into(),
            polygons,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(points: &[(f64, f64)]) -> Vec<Coord<f64>> {
        points.iter().map(|&(x, y)| Coord { x, y }).collect()
    }

    #[test]
    fn a_hole_inside_a_hole_without_shell_does_not_panic() {
        // Both rings counter-clockwise (holes by the shapefile rule), no outer ring at all
        // (found by fuzzing). By containment (issue 12) the big one is the outer ring and the
        // small one its hole.
        let big = ring(&[(0., 0.), (10., 0.), (10., 10.), (0., 10.), (0., 0.)]);
        let small = ring(&[(2., 2.), (4., 2.), (4., 4.), (2., 4.), (2., 2.)]);
        let polygons = organise_rings(vec![big, small]);
        assert_eq!(polygons.len(), 1);
        assert_eq!(polygons[0].len(), 2);
    }

    #[test]
    fn a_hole_wound_like_a_shell_is_a_hole() {
        // A counter-clockwise outer ring with a clockwise ring inside it: the inner one is a
        // hole all the same, and an island in that hole is an outer ring again.
        let shell = ring(&[(0., 0.), (10., 0.), (10., 10.), (0., 10.), (0., 0.)]);
        let hole = ring(&[(2., 2.), (2., 8.), (8., 8.), (8., 2.), (2., 2.)]);
        let island = ring(&[(4., 4.), (4., 6.), (6., 6.), (6., 4.), (4., 4.)]);
        let polygons = organise_rings(vec![shell, hole, island]);
        assert_eq!(polygons.len(), 2);
        assert_eq!(polygons[0].len(), 2, "outer ring and its hole");
        assert_eq!(polygons[1].len(), 1, "the island");
    }

    #[test]
    fn multipatch_strips_fans_and_rings_become_polygons() {
        fn record(parts: &[(i32, &[(f64, f64)])]) -> Vec<u8> {
            let points: usize = parts.iter().map(|(_, p)| p.len()).sum();
            let mut out = 31i32.to_le_bytes().to_vec();
            out.extend_from_slice(&[0u8; 32]);
            out.extend_from_slice(&(parts.len() as i32).to_le_bytes());
            out.extend_from_slice(&(points as i32).to_le_bytes());
            let mut start = 0;
            for (_, p) in parts {
                out.extend_from_slice(&(start as i32).to_le_bytes());
                start += p.len();
            }
            for (kind, _) in parts {
                out.extend_from_slice(&kind.to_le_bytes());
            }
            for (_, p) in parts {
                for (x, y) in *p {
                    out.extend_from_slice(&x.to_le_bytes());
                    out.extend_from_slice(&y.to_le_bytes());
                }
            }
            // Heights: their range, then one per point (all zero).
            out.extend_from_slice(&[0u8; 16]);
            out.extend_from_slice(&vec![0u8; points * 8]);
            out
        }
        let strip: &[(f64, f64)] = &[(0., 0.), (0., 1.), (1., 0.), (1., 1.)];
        let outer: &[(f64, f64)] = &[(5., 5.), (9., 5.), (9., 9.), (5., 9.), (5., 5.)];
        let inner: &[(f64, f64)] = &[(6., 6.), (6., 7.), (7., 7.), (7., 6.), (6., 6.)];
        let RawGeometry::Polygons {
            polygons,
            type_name,
        } = read_shape(&record(&[(0, strip), (2, outer), (3, inner)])).unwrap()
        else {
            panic!()
        };
        assert_eq!(type_name, "MultiPatch");
        assert_eq!(polygons.len(), 3, "two triangles and a ring with a hole");
        assert_eq!(polygons[0][0].len(), 4, "a closed triangle");
        assert_eq!(polygons[2].len(), 2);
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
