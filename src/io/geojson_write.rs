//! GeoJSON writer: RFC 7946 FeatureCollections in WGS 84, or in the working CRS with a legacy
//! `crs` member (for RD files that QGIS and GDAL open as RD). Features are the `geojson` crate's
//! types, written one per line as they come, so large outputs never sit in memory as a JSON tree.

use std::borrow::Cow;
use std::path::Path;

use geo::MultiPolygon;
use rayon::prelude::*;
use serde_json::{Value as Json, json};

use super::reproject::round_to;
use super::{Reprojector, write_atomic_with};
use crate::model::{Crs, Value};

/// One feature to write: properties in order, and a multipolygon in the source CRS.
#[derive(Clone)]
pub struct OutFeature {
    pub properties: Vec<(String, Json)>,
    pub geometry: MultiPolygon<f64>,
}

/// Converts an attribute value to JSON.
pub fn json_value(value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Integer(i) => json!(i),
        Value::Float(f) => serde_json::Number::from_f64(*f)
            .map(Json::Number)
            .unwrap_or(Json::Null),
        Value::Text(t) => Json::String(t.clone()),
    }
}

/// Reprojects rings for the writer, each distinct vertex once. Every ring ends on its first
/// vertex, and the pieces a file holds share most of theirs with their neighbours (an overlap
/// and the sliver beside it, the parts of one gap): nationally 272,000 positions of problems are
/// 165,000 distinct points. Through proj4rs a point costs about 0.7 µs, a lookup a few
/// nanoseconds. (From RD New to degrees `Reprojector::project_rounded` takes the cells of
/// `reproject_rd` instead, about 30 ns a point, and the memory gains nothing measurable there;
/// it does for every other working CRS.) A point projects to the same coordinates alone as in a
/// ring, so the file does not change.
#[derive(Default)]
struct RingProjection {
    /// The ring being written, projected.
    ring: Vec<geo::Coord<f64>>,
    /// Its points not projected before, and where they came from.
    missing: Vec<geo::Coord<f64>>,
    missing_keys: Vec<CoordKey>,
    known: std::collections::HashMap<CoordKey, geo::Coord<f64>, CoordKeyHasher>,
}

/// A coordinate by its exact bits.
type CoordKey = (u64, u64);

/// Points remembered at most; past this the memory is cleared and filled anew.
const KNOWN_POINTS: usize = 1 << 16;

impl RingProjection {
    fn project(
        &mut self,
        reprojector: &Reprojector,
        ring: &[geo::Coord<f64>],
        scale: f64,
    ) -> std::io::Result<&[geo::Coord<f64>]> {
        let key = |c: &geo::Coord<f64>| (c.x.to_bits(), c.y.to_bits());
        if self.known.len() + ring.len() > KNOWN_POINTS {
            self.known.clear();
        }
        self.missing.clear();
        self.missing_keys.clear();
        for c in ring {
            let k = key(c);
            if let std::collections::hash_map::Entry::Vacant(slot) = self.known.entry(k) {
                // Filled below once projected; marks a point met twice in this ring as queued.
                slot.insert(*c);
                self.missing.push(*c);
                self.missing_keys.push(k);
            }
        }
        if !self.missing.is_empty() {
            let projected = reprojector.project_rounded(&mut self.missing, scale);
            if let Err(e) = projected {
                // The points stay unprojected in memory: forget them with the failed ring.
                for k in &self.missing_keys {
                    self.known.remove(k);
                }
                return Err(std::io::Error::other(e));
            }
            for (k, c) in self.missing_keys.iter().zip(&self.missing) {
                self.known.insert(*k, *c);
            }
        }
        self.ring.clear();
        for c in ring {
            match self.known.get(&key(c)) {
                Some(p) => self.ring.push(*p),
                None => return Err(std::io::Error::other("a reprojected point went missing")),
            }
        }
        Ok(&self.ring)
    }
}

/// Hashes a [`CoordKey`] by multiplying and folding its two words: the keys are exact
/// coordinates, not chosen by anyone, and SipHash would cost more than it saves here.
#[derive(Default, Clone, Copy)]
struct CoordKeyHasher;

impl std::hash::BuildHasher for CoordKeyHasher {
    type Hasher = FoldingHasher;
    fn build_hasher(&self) -> FoldingHasher {
        FoldingHasher(0)
    }
}

struct FoldingHasher(u64);

impl std::hash::Hasher for FoldingHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, word: u64) {
        let mixed = u128::from(self.0 ^ word) * 0x9E37_79B9_7F4A_7C15_u128;
        self.0 = (mixed as u64) ^ ((mixed >> 64) as u64);
    }
}

/// Writes a Polygon when there is one part (as GDAL writes), else a MultiPolygon, as GeoJSON
/// geometry, each ring reprojected (when `reprojector` is given) through `scratch` as it is
/// written, so no copy of the whole geometry is made. Numbers go through serde_json, so they
/// read exactly as a serialised `geojson::Geometry` would, without a vector allocated per
/// position.
fn write_geometry(
    out: &mut Vec<u8>,
    parts: &[geo::Polygon<f64>],
    reprojector: Option<&Reprojector>,
    scratch: &mut RingProjection,
    scale: f64,
) -> std::io::Result<()> {
    fn number(out: &mut Vec<u8>, value: f64) -> std::io::Result<()> {
        serde_json::to_writer(&mut *out, &value).map_err(std::io::Error::other)
    }
    let mut polygon = |out: &mut Vec<u8>, polygon: &geo::Polygon<f64>| -> std::io::Result<()> {
        out.push(b'[');
        for (r, ring) in std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .enumerate()
        {
            if r > 0 {
                out.push(b',');
            }
            let coords: &[geo::Coord<f64>] = match reprojector {
                Some(reprojector) => scratch.project(reprojector, &ring.0, scale)?,
                None => &ring.0,
            };
            out.push(b'[');
            for (k, c) in coords.iter().enumerate() {
                out.extend_from_slice(if k > 0 { b",[" } else { b"[" });
                number(out, round_to(c.x, scale))?;
                out.push(b',');
                number(out, round_to(c.y, scale))?;
                out.push(b']');
            }
            out.push(b']');
        }
        out.push(b']');
        Ok(())
    };
    match parts {
        [single] => {
            out.extend_from_slice(br#"{"type":"Polygon","coordinates":"#);
            polygon(out, single)?;
        }
        parts => {
            out.extend_from_slice(br#"{"type":"MultiPolygon","coordinates":["#);
            for (k, part) in parts.iter().enumerate() {
                if k > 0 {
                    out.push(b',');
                }
                polygon(out, part)?;
            }
            out.push(b']');
        }
    }
    out.push(b'}');
    Ok(())
}

/// Writes a FeatureCollection atomically. Geometry comes in `from` and is written in `to`: with
/// `to` = WGS 84 the file follows RFC 7946 (7 decimals ≈ 1 cm, no `crs` member); otherwise it
/// keeps metres with 3 decimals (1 mm) and names the CRS.
pub fn write_geojson(
    path: &Path,
    name: &str,
    features: Vec<OutFeature>,
    from: Crs,
    to: Crs,
) -> std::io::Result<()> {
    write_geojson_with(path, name, features.len(), |i| features[i].clone(), from, to)
}

/// Features made per batch while writing.
const BATCH: usize = 4096;

/// [`write_geojson`] for `count` features made by `feature(i)` as the writer gets to them:
/// each batch is made, reprojected and serialised on all cores, then written in order, so the
/// file is the same as a one-by-one write and no more than a batch is held twice (for outputs
/// whose features would otherwise be a second copy of data the caller already holds).
pub fn write_geojson_with(
    path: &Path,
    name: &str,
    count: usize,
    feature: impl Fn(usize) -> OutFeature + Sync,
    from: Crs,
    to: Crs,
) -> std::io::Result<()> {
    write_geojson_parts(
        path,
        name,
        count,
        |i| {
            let OutFeature {
                properties,
                geometry,
            } = feature(i);
            let properties: serde_json::Map<String, Json> = properties.into_iter().collect();
            (properties, Cow::Owned(geometry.0))
        },
        from,
        to,
    )
}

/// [`write_geojson_with`] for features whose properties are any serialisable value written as
/// a JSON object (a struct with named fields, a map) and whose parts the caller may lend
/// instead of handing over: nothing is built per feature that the file does not need.
pub fn write_geojson_parts<'g, P: serde::Serialize>(
    path: &Path,
    name: &str,
    count: usize,
    feature: impl Fn(usize) -> (P, Cow<'g, [geo::Polygon<f64>]>) + Sync,
    from: Crs,
    to: Crs,
) -> std::io::Result<()> {
    let reprojector = Reprojector::new(from, to).map_err(std::io::Error::other)?;
    let scale = if to.is_geographic() { 1e7 } else { 1e3 };
    let serialise = |scratch: &mut RingProjection, i: usize| -> std::io::Result<Vec<u8>> {
        let (properties, parts) = feature(i);
        let positions: usize = parts.iter().map(|p| p.exterior().0.len()).sum();
        let mut line = Vec::with_capacity(64 + 24 * positions);
        line.extend_from_slice(br#"{"type":"Feature","geometry":"#);
        write_geometry(&mut line, &parts, reprojector.as_ref(), scratch, scale)?;
        line.extend_from_slice(br#","properties":"#);
        serde_json::to_writer(&mut line, &properties).map_err(std::io::Error::other)?;
        line.push(b'}');
        Ok(line)
    };
    write_atomic_with(path, |out| {
        // The envelope is written here so that each feature gets a line of its own: the demo
        // data and users' outputs stay readable and diff well.
        write!(
            out,
            "{{\n\"type\": \"FeatureCollection\",\n\"name\": {},\n",
            Json::String(name.to_string())
        )?;
        if to != Crs::WGS84 {
            writeln!(
                out,
                "\"crs\": {{\"type\": \"name\", \"properties\": {{\"name\": \"urn:ogc:def:crs:EPSG::{}\"}}}},",
                to.epsg()
            )?;
        }
        out.write_all(b"\"features\": [\n")?;
        for start in (0..count).step_by(BATCH) {
            let lines: Vec<Vec<u8>> = (start..(start + BATCH).min(count))
                .into_par_iter()
                .map_init(RingProjection::default, serialise)
                .collect::<std::io::Result<_>>()?;
            for (k, line) in lines.iter().enumerate() {
                if start + k > 0 {
                    out.write_all(b",\n")?;
                }
                out.write_all(line)?;
            }
        }
        out.write_all(b"\n]\n}\n")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::wkt;

    #[test]
    fn rings_projected_through_the_memory_match_projecting_each_ring_whole() {
        let reprojector = Reprojector::new(Crs::RD_NEW, Crs::WGS84).unwrap().unwrap();
        // Rings sharing vertices with the ones before, closed, with a point met twice, and
        // enough of them that the memory is cleared and filled anew on the way.
        let ring = |k: usize| -> Vec<geo::Coord<f64>> {
            let corner = |i: usize| geo::Coord {
                x: 200_000.0 + ((k + i) % 701) as f64 * 13.257,
                y: 440_000.0 + ((k * 3 + i) % 997) as f64 * 7.913,
            };
            let mut coords: Vec<_> = (0..40).map(corner).collect();
            coords.push(corner(7));
            coords.push(corner(0));
            coords
        };
        let mut scratch = RingProjection::default();
        for k in 0..(2 * KNOWN_POINTS / 40) {
            let coords = ring(k);
            let mut whole = coords.clone();
            reprojector.project_in_place(&mut whole).unwrap();
            let whole: Vec<geo::Coord<f64>> = whole
                .iter()
                .map(|c| geo::Coord { x: round_to(c.x, 1e7), y: round_to(c.y, 1e7) })
                .collect();
            let through_memory = scratch.project(&reprojector, &coords, 1e7).unwrap();
            let bits = |c: &[geo::Coord<f64>]| -> Vec<(u64, u64)> {
                c.iter().map(|c| (c.x.to_bits(), c.y.to_bits())).collect()
            };
            assert_eq!(bits(through_memory), bits(&whole), "ring {k}");
        }
        assert!(scratch.known.len() <= KNOWN_POINTS);
    }

    #[test]
    fn a_ring_that_cannot_be_projected_leaves_nothing_behind() {
        let reprojector = Reprojector::new(Crs::RD_NEW, Crs::WGS84).unwrap().unwrap();
        let mut scratch = RingProjection::default();
        let bad = [
            geo::Coord { x: 200_000.0, y: 440_000.0 },
            geo::Coord { x: f64::NAN, y: 440_000.0 },
            geo::Coord { x: 200_000.0, y: 440_000.0 },
        ];
        assert!(scratch.project(&reprojector, &bad, 1e7).is_err());
        assert!(scratch.known.is_empty());
        let good = [bad[0], geo::Coord { x: 201_000.0, y: 441_000.0 }, bad[0]];
        let mut whole = good.to_vec();
        reprojector.project_rounded(&mut whole, 1e7).unwrap();
        assert_eq!(scratch.project(&reprojector, &good, 1e7).unwrap(), &whole[..]);
    }

    #[test]
    fn writes_readable_rd_and_wgs84_geojson() {
        let dir = tempfile::tempdir().unwrap();
        let feature = || OutFeature {
            properties: vec![("naam".into(), json!("Ulft \"Oost\""))],
            geometry: wkt!(MULTIPOLYGON(((223534.15 434780.15,223791.83 434496.42,223957.16 434218.8,223534.15 434780.15)))),
        };
        let rd = dir.path().join("rd.geojson");
        write_geojson(&rd, "test", vec![feature()], Crs::RD_NEW, Crs::RD_NEW).unwrap();
        let text = std::fs::read_to_string(&rd).unwrap();
        let parsed: Json = serde_json::from_str(&text).unwrap();
        assert_eq!(
            parsed["crs"]["properties"]["name"],
            "urn:ogc:def:crs:EPSG::28992"
        );
        assert_eq!(
            parsed["features"][0]["geometry"]["coordinates"][0][0],
            json!([223534.15, 434780.15])
        );
        assert_eq!(parsed["features"][0]["properties"]["naam"], "Ulft \"Oost\"");

        let wgs = dir.path().join("wgs.geojson");
        write_geojson(&wgs, "test", vec![feature()], Crs::RD_NEW, Crs::WGS84).unwrap();
        let parsed: Json = serde_json::from_str(&std::fs::read_to_string(&wgs).unwrap()).unwrap();
        assert!(parsed.get("crs").is_none());
        let lon = parsed["features"][0]["geometry"]["coordinates"][0][0][0]
            .as_f64()
            .unwrap();
        assert!((lon - 6.38).abs() < 0.05, "{lon}");
    }
}
