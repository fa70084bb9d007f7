//! GeoJSON writer: RFC 7946 FeatureCollections in WGS 84, or in the working CRS with a legacy
//! `crs` member (for RD files that QGIS and GDAL open as RD).

use std::io::Write;
use std::path::Path;

use geo::{Coord, MultiPolygon};
use serde_json::{Map, Value as Json, json};

use super::{Reprojector, write_atomic};
use crate::model::{Crs, Value};

/// One feature to write: properties in order, and a multipolygon in `crs`.
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

fn round(value: f64, decimals: i32) -> Json {
    let factor = 10f64.powi(decimals);
    serde_json::Number::from_f64((value * factor).round() / factor)
        .map(Json::Number)
        .unwrap_or(Json::Null)
}

fn ring_json(coords: &[Coord<f64>], decimals: i32) -> Json {
    Json::Array(
        coords
            .iter()
            .map(|c| Json::Array(vec![round(c.x, decimals), round(c.y, decimals)]))
            .collect(),
    )
}

/// Builds a FeatureCollection. With `to` = WGS 84 it follows RFC 7946 (counter-clockwise outer
/// rings, 7 decimals ≈ 1 cm, no `crs` member); otherwise it keeps metres with 3 decimals (1 mm)
/// and names the CRS.
pub fn feature_collection(
    name: &str,
    features: &[OutFeature],
    from: Crs,
    to: Crs,
) -> Result<Json, super::ReprojectError> {
    let reprojector = Reprojector::new(from, to)?;
    let decimals = if to.is_geographic() { 7 } else { 3 };
    let mut out = Vec::with_capacity(features.len());
    for feature in features {
        let mut polygons = Vec::new();
        for polygon in &feature.geometry.0 {
            let mut rings = Vec::new();
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                let mut coords = ring.0.clone();
                if let Some(r) = &reprojector {
                    r.project_in_place(&mut coords)?;
                }
                rings.push(ring_json(&coords, decimals));
            }
            polygons.push(Json::Array(rings));
        }
        let geometry = if polygons.len() == 1 {
            json!({"type": "Polygon", "coordinates": polygons.remove(0)})
        } else {
            json!({"type": "MultiPolygon", "coordinates": polygons})
        };
        let properties: Map<String, Json> = feature.properties.iter().cloned().collect();
        out.push(json!({"type": "Feature", "properties": properties, "geometry": geometry}));
    }
    let mut collection = Map::new();
    collection.insert("type".into(), json!("FeatureCollection"));
    collection.insert("name".into(), json!(name));
    if to != Crs::WGS84 {
        collection.insert(
            "crs".into(),
            json!({"type": "name", "properties": {"name": format!("urn:ogc:def:crs:EPSG::{}", to.epsg())}}),
        );
    }
    collection.insert("features".into(), Json::Array(out));
    Ok(Json::Object(collection))
}

/// Writes a FeatureCollection atomically, one feature per line so diffs stay readable.
pub fn write_feature_collection(path: &Path, collection: &Json) -> std::io::Result<()> {
    let mut bytes = Vec::new();
    let Json::Object(map) = collection else {
        return Err(std::io::Error::other("not a JSON object"));
    };
    bytes.extend_from_slice(b"{\n");
    for (key, value) in map {
        if key == "features" {
            continue;
        }
        writeln!(bytes, "{}: {},", Json::String(key.clone()), value)?;
    }
    bytes.extend_from_slice(b"\"features\": [\n");
    let features = map
        .get("features")
        .and_then(|f| f.as_array())
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    for (i, feature) in features.iter().enumerate() {
        serde_json::to_writer(&mut bytes, feature)?;
        bytes.extend_from_slice(if i + 1 < features.len() {
            b",\n"
        } else {
            b"\n"
        });
    }
    bytes.extend_from_slice(b"]\n}\n");
    write_atomic(path, &bytes)
}
