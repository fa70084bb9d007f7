//! GeoJSON reader: FeatureCollection, single Feature or bare geometry; RFC 7946 (WGS 84) unless
//! the legacy `crs` member names another CRS.

use std::fmt;
use std::path::Path;

use geo::Coord;
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use super::LoadErrorKind;
use super::build::{RawFeature, RawGeometry, RawLayer, RawPolygon};
use crate::model::{Crs, Field, FieldType, SourceFormat, Value};

type Properties = serde_json::Map<String, serde_json::Value>;

#[derive(Deserialize)]
struct Document {
    #[serde(rename = "type")]
    kind: Option<String>,
    name: Option<String>,
    crs: Option<serde_json::Value>,
    features: Option<Vec<JsonFeature>>,
    // A single Feature at the top level.
    id: Option<serde_json::Value>,
    properties: Option<Properties>,
    #[serde(default, deserialize_with = "nullable_geometry")]
    geometry: Option<JsonGeometry>,
    // A bare geometry at the top level.
    coordinates: Option<Coords>,
    geometries: Option<Vec<JsonGeometry>>,
}

#[derive(Deserialize)]
struct JsonFeature {
    id: Option<serde_json::Value>,
    properties: Option<Properties>,
    #[serde(default, deserialize_with = "nullable_geometry")]
    geometry: Option<JsonGeometry>,
}

#[derive(Deserialize)]
struct JsonGeometry {
    #[serde(rename = "type")]
    kind: String,
    coordinates: Option<Coords>,
    geometries: Option<Vec<JsonGeometry>>,
}

fn nullable_geometry<'de, D: Deserializer<'de>>(d: D) -> Result<Option<JsonGeometry>, D::Error> {
    Option::<JsonGeometry>::deserialize(d)
}

/// Nested coordinate arrays of any depth; `null` stands for a missing number and becomes NaN,
/// so that the feature is flagged instead of the whole file refused. An array that starts with
/// a number is read as a position on the spot: a tree of one small array per position would
/// take ten times the memory of the file.
enum Coords {
    Number(f64),
    /// `[x, y, …]`: height and measure are dropped.
    Position(f64, f64),
    /// An array that starts with a number but is no position: its length, and whether its
    /// first two elements were numbers.
    BadPosition {
        len: usize,
        numeric: bool,
    },
    List(Vec<Coords>),
}

impl<'de> Deserialize<'de> for Coords {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CoordsVisitor;
        impl<'de> Visitor<'de> for CoordsVisitor {
            type Value = Coords;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or an array of coordinates")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Coords, E> {
                Ok(Coords::Number(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Coords, E> {
                Ok(Coords::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Coords, E> {
                Ok(Coords::Number(v as f64))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Coords, E> {
                Ok(Coords::Number(f64::NAN))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Coords, A::Error> {
                let Some(first) = seq.next_element::<Coords>()? else {
                    return Ok(Coords::List(Vec::new()));
                };
                if let Coords::Number(x) = first {
                    let second = seq.next_element::<Coords>()?;
                    let mut len = 1 + usize::from(second.is_some());
                    while seq.next_element::<de::IgnoredAny>()?.is_some() {
                        len += 1;
                    }
                    return Ok(match second {
                        Some(Coords::Number(y)) => Coords::Position(x, y),
                        Some(_) => Coords::BadPosition {
                            len,
                            numeric: false,
                        },
                        None => Coords::BadPosition { len, numeric: true },
                    });
                }
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(4).max(1));
                items.push(first);
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Coords::List(items))
            }
        }
        d.deserialize_any(CoordsVisitor)
    }
}

pub(crate) fn read(path: &Path) -> Result<RawLayer, LoadErrorKind> {
    let bytes = std::fs::read(path)?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadErrorKind::EmptyFile);
    }
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let document = parse(&bytes)?;
    // The parsed document owns its data: the file's bytes can go before the layer is built.
    drop(bytes);
    from_document(document, name)
}

fn parse(bytes: &[u8]) -> Result<Document, LoadErrorKind> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // serde would read a top-level array as a struct by position; GeoJSON is always an object.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(LoadErrorKind::NotGeoJson(
            "the top level must be a JSON object (a FeatureCollection, Feature or geometry)".into(),
        ));
    }
    match serde_json::from_slice::<Document>(bytes) {
        Ok(document) => Ok(document),
        Err(first) => {
            // Python's json module writes NaN and Infinity, which JSON does not allow. Reading
            // them as missing numbers flags the features concerned instead of refusing the file.
            if let Some(cleaned) = replace_non_finite_literals(bytes)
                && let Ok(document) = serde_json::from_slice::<Document>(&cleaned)
            {
                return Ok(document);
            }
            if let Err(e) = std::str::from_utf8(bytes) {
                return Err(not_utf8(bytes, e.valid_up_to()));
            }
            if first.classify() == serde_json::error::Category::Data
                && let Some(kind) = locate_feature_error(bytes)
            {
                return Err(kind);
            }
            Err(describe_json_error(&first))
        }
    }
}

/// GeoJSON is UTF-8 (RFC 7946); files saved by old Windows tools are often Windows-1252.
fn not_utf8(bytes: &[u8], at: usize) -> LoadErrorKind {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = at
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
        + 1;
    LoadErrorKind::Json(format!(
        "the file is not UTF-8 text, as GeoJSON must be: byte 0x{:02X} at line {line}, column {column} (Windows-1252?); save the file as UTF-8",
        bytes[at]
    ))
}

/// For a file that is valid JSON but not the GeoJSON shape: the feature at fault, by its id
/// or number, and what is wrong with it. Only on this error path is the file read a second
/// time, as a plain JSON tree.
fn locate_feature_error(bytes: &[u8]) -> Option<LoadErrorKind> {
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let features = match value.get("features")? {
        serde_json::Value::Array(features) => features,
        other => {
            return Some(LoadErrorKind::NotGeoJson(format!(
                "\"features\" must be an array of features, not {}",
                json_kind(other)
            )));
        }
    };
    features.iter().enumerate().find_map(|(index, feature)| {
        let error = JsonFeature::deserialize(feature).err()?;
        let label = match feature.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => index.to_string(),
        };
        Some(LoadErrorKind::Feature {
            feature: label,
            reason: format!("not a GeoJSON feature: {error}"),
        })
    })
}

fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "true/false",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "text",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

fn describe_json_error(error: &serde_json::Error) -> LoadErrorKind {
    use serde_json::error::Category;
    match error.classify() {
        Category::Data => {
            let text = error.to_string();
            if text.contains("expected struct Document") {
                LoadErrorKind::NotGeoJson("the top level must be a JSON object (a FeatureCollection, Feature or geometry)".into())
            } else {
                LoadErrorKind::NotGeoJson(text)
            }
        }
        Category::Eof => LoadErrorKind::Json(format!(
            "the file ends too early (truncated?) at line {}, column {}",
            error.line(),
            error.column()
        )),
        _ => LoadErrorKind::Json(error.to_string()),
    }
}

/// Replaces bare `NaN`, `Infinity` and `-Infinity` tokens outside strings with `null`.
fn replace_non_finite_literals(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut replaced = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            out.push(b);
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        let rest = &bytes[i..];
        let token = [&b"-Infinity"[..], b"Infinity", b"NaN"]
            .into_iter()
            .find(|t| rest.starts_with(t));
        if let Some(token) = token {
            out.extend_from_slice(b"null");
            i += token.len();
            replaced = true;
            continue;
        }
        if b == b'"' {
            in_string = true;
        }
        out.push(b);
        i += 1;
    }
    replaced.then_some(out)
}

fn declared_crs(crs: Option<&serde_json::Value>) -> Result<Crs, String> {
    let Some(crs) = crs else {
        return Ok(Crs::WGS84);
    };
    if crs.is_null() {
        return Ok(Crs::WGS84);
    }
    let properties = crs.get("properties");
    let name = properties
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .map(str::to_string)
        .or_else(|| {
            properties.and_then(|p| p.get("code")).map(|code| {
                format!(
                    "EPSG:{}",
                    code.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| code.to_string())
                )
            })
        });
    match name {
        Some(name) => Crs::parse(&name).map_err(|e| e.to_string()),
        None => Err(format!(
            "the crs member {crs} names no coordinate reference system"
        )),
    }
}

fn from_document(document: Document, file_stem: String) -> Result<RawLayer, LoadErrorKind> {
    let kind = document.kind.clone().unwrap_or_default();
    let crs = declared_crs(document.crs.as_ref());
    let name = document
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or(file_stem);
    let json_features: Vec<JsonFeature> = match kind.as_str() {
        "FeatureCollection" => document.features.ok_or_else(|| {
            LoadErrorKind::NotGeoJson("a FeatureCollection needs a \"features\" array".into())
        })?,
        "Feature" => vec![JsonFeature {
            id: document.id,
            properties: document.properties,
            geometry: document.geometry,
        }],
        "Polygon" | "MultiPolygon" | "GeometryCollection" | "Point" | "MultiPoint"
        | "LineString" | "MultiLineString" => vec![JsonFeature {
            id: None,
            properties: None,
            geometry: Some(JsonGeometry {
                kind,
                coordinates: document.coordinates,
                geometries: document.geometries,
            }),
        }],
        "" => {
            return Err(LoadErrorKind::NotGeoJson(
                "the top-level object has no \"type\" member".into(),
            ));
        }
        other => {
            return Err(LoadErrorKind::NotGeoJson(format!(
                "top-level type '{other}' is not a FeatureCollection, Feature or geometry{}",
                if other == "Topology" {
                    " (TopoJSON: convert it to GeoJSON first)"
                } else {
                    ""
                }
            )));
        }
    };

    let fields = infer_fields(&json_features);
    let mut features = Vec::with_capacity(json_features.len());
    for (index, feature) in json_features.into_iter().enumerate() {
        let native_id = feature.id.as_ref().and_then(|id| match id {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        });
        let label = native_id.clone().unwrap_or_else(|| index.to_string());
        let geometry = match feature.geometry {
            None => RawGeometry::Missing,
            Some(g) => convert_geometry(g).map_err(|reason| LoadErrorKind::Feature {
                feature: label.clone(),
                reason,
            })?,
        };
        let mut properties = feature.properties.unwrap_or_default();
        let attributes = fields
            .iter()
            .map(|field| to_value(properties.remove(&field.name), field.kind))
            .collect();
        features.push(RawFeature {
            native_id,
            attributes,
            geometry,
        });
    }
    Ok(RawLayer {
        name,
        format: SourceFormat::GeoJson,
        crs,
        fields,
        features,
        native_id_name: Some("id".into()),
    })
}

fn infer_fields(features: &[JsonFeature]) -> Vec<Field> {
    let mut fields: Vec<(String, Option<FieldType>)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for feature in features {
        let Some(properties) = &feature.properties else {
            continue;
        };
        for (name, value) in properties {
            let kind = match value {
                serde_json::Value::Null => None,
                serde_json::Value::Bool(_) => Some(FieldType::Bool),
                serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => {
                    Some(FieldType::Integer)
                }
                serde_json::Value::Number(_) => Some(FieldType::Float),
                _ => Some(FieldType::Text),
            };
            let slot = *index.entry(name.clone()).or_insert_with(|| {
                fields.push((name.clone(), None));
                fields.len() - 1
            });
            let current = &mut fields[slot].1;
            *current = match (*current, kind) {
                (None, k) => k,
                (Some(c), Some(k)) => Some(c.widen(k)),
                (c, None) => c,
            };
        }
    }
    fields
        .into_iter()
        .map(|(name, kind)| Field {
            name,
            kind: kind.unwrap_or(FieldType::Text),
        })
        .collect()
}

fn to_value(value: Option<serde_json::Value>, kind: FieldType) -> Value {
    use serde_json::Value as J;
    match (value, kind) {
        (None | Some(J::Null), _) => Value::Null,
        (Some(J::Bool(b)), FieldType::Bool) => Value::Bool(b),
        (Some(J::Number(n)), FieldType::Integer) => n
            .as_i64()
            .map(Value::Integer)
            .unwrap_or_else(|| Value::Text(n.to_string())),
        (Some(J::Number(n)), FieldType::Float) => {
            n.as_f64().map(Value::Float).unwrap_or(Value::Null)
        }
        (Some(J::String(s)), _) => Value::Text(s),
        (Some(other), _) => Value::Text(other.to_string()),
    }
}

fn convert_geometry(geometry: JsonGeometry) -> Result<RawGeometry, String> {
    let mut polygons = Vec::new();
    let mut others = Vec::new();
    collect_polygons(
        geometry.kind.as_str(),
        geometry.coordinates,
        geometry.geometries,
        &mut polygons,
        &mut others,
        0,
    )?;
    Ok(if polygons.is_empty() {
        RawGeometry::Other(geometry.kind)
    } else {
        RawGeometry::Polygons {
            type_name: geometry.kind,
            polygons,
        }
    })
}

fn collect_polygons(
    kind: &str,
    coordinates: Option<Coords>,
    geometries: Option<Vec<JsonGeometry>>,
    polygons: &mut Vec<RawPolygon>,
    others: &mut Vec<String>,
    depth: usize,
) -> Result<(), String> {
    const MAX_NESTING: usize = 32;
    match kind {
        "Polygon" => polygons.push(to_polygon(
            coordinates.ok_or("Polygon has no coordinates")?,
        )?),
        "MultiPolygon" => match coordinates.ok_or("MultiPolygon has no coordinates")? {
            Coords::List(parts) => {
                for part in parts {
                    polygons.push(to_polygon(part)?);
                }
            }
            Coords::Number(_) | Coords::Position(..) | Coords::BadPosition { .. } => {
                return Err("MultiPolygon coordinates must be an array of polygons".into());
            }
        },
        "GeometryCollection" => {
            if depth >= MAX_NESTING {
                return Err(format!(
                    "GeometryCollections nested more than {MAX_NESTING} deep"
                ));
            }
            for member in geometries.ok_or("GeometryCollection has no geometries")? {
                collect_polygons(
                    &member.kind,
                    member.coordinates,
                    member.geometries,
                    polygons,
                    others,
                    depth + 1,
                )?;
            }
        }
        "Point" | "MultiPoint" | "LineString" | "MultiLineString" => others.push(kind.to_string()),
        other => return Err(format!("unknown geometry type '{other}'")),
    }
    Ok(())
}

fn to_polygon(coordinates: Coords) -> Result<RawPolygon, String> {
    const SHAPE: &str =
        "Polygon coordinates must be an array of rings, each an array of [x, y] positions";
    let Coords::List(rings) = coordinates else {
        return Err(SHAPE.into());
    };
    rings
        .into_iter()
        .map(|ring| {
            match ring {
            Coords::List(positions) => positions
                .into_iter()
                .map(to_coord)
                .collect::<Result<Vec<_>, _>>(),
            Coords::Position(..) | Coords::BadPosition { .. } => Err(
                "Polygon coordinates are nested one level too shallow (rings of positions expected)"
                    .into(),
            ),
            Coords::Number(_) => Err(SHAPE.to_string()),
        }
        })
        .collect()
}

fn to_coord(position: Coords) -> Result<Coord<f64>, String> {
    match position {
        Coords::Position(x, y) => Ok(Coord { x, y }),
        Coords::BadPosition { len, numeric: true } => Err(format!(
            "a position has {len} number(s); it needs at least 2"
        )),
        Coords::List(numbers) if numbers.is_empty() => {
            Err("a position has 0 number(s); it needs at least 2".into())
        }
        Coords::BadPosition { .. } | Coords::List(_) => {
            Err("a position must be an array of numbers [x, y]".into())
        }
        Coords::Number(_) => Err(
            "Polygon coordinates are nested one level too shallow (rings of positions expected)"
                .into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(text: &str) -> Result<RawLayer, LoadErrorKind> {
        from_document(parse(text.as_bytes())?, "test".into())
    }

    #[test]
    fn reads_a_bare_polygon_in_wgs84() {
        let raw =
            layer(r#"{"type":"Polygon","coordinates":[[[6,51],[7,51],[7,52],[6,51]]]}"#).unwrap();
        assert_eq!(raw.crs, Ok(Crs::WGS84));
        assert!(
            matches!(&raw.features[0].geometry, RawGeometry::Polygons { polygons, .. } if polygons[0][0].len() == 4)
        );
    }

    #[test]
    fn reads_the_legacy_crs_member() {
        let raw = layer(r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[]}"#).unwrap();
        assert_eq!(raw.crs, Ok(Crs::RD_NEW));
    }

    #[test]
    fn infers_field_types_across_features() {
        let raw = layer(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"a":1,"b":"x","c":null},"geometry":null},
            {"type":"Feature","properties":{"a":1.5,"b":"y","c":true},"geometry":null}]}"#,
        )
        .unwrap();
        let kinds: Vec<(&str, FieldType)> = raw
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.kind))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("a", FieldType::Float),
                ("b", FieldType::Text),
                ("c", FieldType::Bool)
            ]
        );
        assert_eq!(raw.features[0].attributes[0], Value::Float(1.0));
    }

    #[test]
    fn nan_literals_become_flagged_coordinates() {
        let raw =
            layer(r#"{"type":"Polygon","coordinates":[[[6,51],[NaN,51],[7,52],[6,51]]]}"#).unwrap();
        let RawGeometry::Polygons { polygons, .. } = &raw.features[0].geometry else {
            panic!()
        };
        assert!(polygons[0][0][1].x.is_nan());
    }

    #[test]
    fn polygons_inside_a_geometry_collection_count() {
        let raw = layer(r#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"Polygon","coordinates":[[[6,51],[7,51],[7,52],[6,51]]]}]}"#).unwrap();
        assert!(
            matches!(&raw.features[0].geometry, RawGeometry::Polygons { polygons, .. } if polygons.len() == 1)
        );
    }

    #[test]
    fn wrong_shapes_are_explained() {
        let err = layer(r#"{"type":"Topology","objects":{}}"#).err().unwrap();
        assert!(err.to_string().contains("TopoJSON"));
        let err = layer(r#"[1,2]"#).err().unwrap();
        assert!(
            err.to_string().contains("top level must be a JSON object"),
            "{err}"
        );
        let err = layer(r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[1,2]]}}"#).err().unwrap();
        assert!(err.to_string().contains("ends too early"), "{err}");
    }
}
