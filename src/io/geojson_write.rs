//! GeoJSON writer: RFC 7946 FeatureCollections in WGS 84, or in the working CRS with a legacy
//! `crs` member (for RD files that QGIS and GDAL open as RD). Features are the `geojson` crate's
//! types, written one per line as they come, so large outputs never sit in memory as a JSON tree.

use std::path::Path;

use geo::MultiPolygon;
use geojson::{GeometryValue, Position};
use rayon::prelude::*;
use serde_json::{Value as Json, json};

use super::{Reprojector, write_atomic_with};
use crate::model::{Crs, Value};

/// One feature to write: properties in order, and a multipolygon in the source CRS.
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

/// Rounds to the precision the file keeps; ryu then writes the shortest form (223534.15).
fn rounded(value: f64, scale: f64) -> f64 {
    let rounded = (value * scale).round() / scale;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// A Polygon when there is one part (as GDAL writes), else a MultiPolygon.
fn geometry_value(geometry: &MultiPolygon<f64>, scale: f64) -> GeometryValue {
    let polygon = |polygon: &geo::Polygon<f64>| -> Vec<Vec<Position>> {
        std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .map(|ring| {
                ring.0
                    .iter()
                    .map(|c| Position::from([rounded(c.x, scale), rounded(c.y, scale)]))
                    .collect()
            })
            .collect()
    };
    match geometry.0.as_slice() {
        [single] => GeometryValue::Polygon {
            coordinates: polygon(single),
        },
        parts => GeometryValue::MultiPolygon {
            coordinates: parts.iter().map(polygon).collect(),
        },
    }
}

/// Writes a FeatureCollection atomically. Geometry comes in `from` and is written in `to`: with
/// `to` = WGS 84 the file follows RFC 7946 (7 decimals ≈ 1 cm, no `crs` member); otherwise it
/// keeps metres with 3 decimals (1 mm) and names the CRS.
pub fn write_geojson(
    path: &Path,
    name: &str,
    mut features: Vec<OutFeature>,
    from: Crs,
    to: Crs,
) -> std::io::Result<()> {
    if let Some(reprojector) = Reprojector::new(from, to).map_err(std::io::Error::other)? {
        features
            .par_iter_mut()
            .try_for_each(|f| reprojector.project_multipolygon(&mut f.geometry))
            .map_err(std::io::Error::other)?;
    }
    let scale = if to.is_geographic() { 1e7 } else { 1e3 };
    write_atomic_with(path, |out| {
        // The envelope is written here so that each feature gets a line of its own: the demo
        // data and users' outputs stay readable and diff well. The features are the crate's.
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
        for (i, feature) in features.into_iter().enumerate() {
            if i > 0 {
                out.write_all(b",\n")?;
            }
            let feature = geojson::Feature {
                geometry: Some(geojson::Geometry::new(geometry_value(
                    &feature.geometry,
                    scale,
                ))),
                properties: Some(feature.properties.into_iter().collect()),
                ..Default::default()
            };
            serde_json::to_writer(&mut *out, &feature)?;
        }
        out.write_all(b"\n]\n}\n")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::wkt;

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
