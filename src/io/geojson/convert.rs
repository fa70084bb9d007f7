//! From the `geojson` crate's types to raw features: the declared CRS, fields inferred from
//! the properties, and polygons from any geometry that holds them.

use ::geojson::{Feature, GeoJson, Geometry, GeometryValue, PolygonType, Position};

use super::*;

/// Python's `json` writes NaN and Infinity, which JSON does not allow; `parse` turns them into
/// this number so the crate can read the file, and here it becomes a missing value again.
pub(super) const NON_FINITE_STAND_IN: f64 = f64::MAX;

pub(super) fn declared_crs(crs: Option<&serde_json::Value>) -> Result<Crs, String> {
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

pub(super) fn from_geojson(document: GeoJson, file_stem: String) -> Result<RawLayer, LoadErrorKind> {
    // The legacy `crs` member and GDAL's `name` are foreign members to RFC 7946.
    let (features, foreign) = match document {
        GeoJson::FeatureCollection(collection) => (collection.features, collection.foreign_members),
        GeoJson::Feature(feature) => {
            let foreign = feature.foreign_members.clone();
            (vec![feature], foreign)
        }
        GeoJson::Geometry(geometry) => {
            let foreign = geometry.foreign_members.clone();
            (
                vec![Feature {
                    geometry: Some(geometry),
                    ..Feature::default()
                }],
                foreign,
            )
        }
    };
    let foreign = foreign.unwrap_or_default();
    let features = features
        .into_iter()
        .map(|feature| ParsedFeature {
            id: feature.id.map(|id| match id {
                ::geojson::feature::Id::String(s) => s,
                ::geojson::feature::Id::Number(n) => n.to_string(),
            }),
            properties: feature.properties,
            geometry: match feature.geometry {
                None => Ok(RawGeometry::Missing),
                Some(g) => convert_geometry(g),
            },
        })
        .collect();
    layer_of(features, foreign.get("crs"), foreign.get("name"), file_stem)
}

/// One feature as a reader of the document found it.
pub(super) struct ParsedFeature {
    /// The feature's `id`, as text.
    pub id: Option<String>,
    pub properties: Option<serde_json::Map<String, serde_json::Value>>,
    /// Its geometry, or why its positions cannot be read.
    pub geometry: Result<RawGeometry, String>,
}

/// The layer of a document's features, with the collection's `crs` and `name` members (foreign
/// members to RFC 7946, written by GDAL and older tools) where it has them.
pub(super) fn layer_of(
    features: Vec<ParsedFeature>,
    crs: Option<&serde_json::Value>,
    name: Option<&serde_json::Value>,
    file_stem: String,
) -> Result<RawLayer, LoadErrorKind> {
    let crs = declared_crs(crs);
    let name = name
        .and_then(|n| n.as_str())
        .filter(|n| !n.trim().is_empty())
        .map(str::to_string)
        .unwrap_or(file_stem);

    let fields = infer_fields(features.iter().map(|f| f.properties.as_ref()));
    let mut raw_features = Vec::with_capacity(features.len());
    for (index, feature) in features.into_iter().enumerate() {
        let geometry = feature.geometry.map_err(|reason| LoadErrorKind::Feature {
            feature: feature.id.clone().unwrap_or_else(|| index.to_string()),
            reason,
        })?;
        let mut properties = feature.properties.unwrap_or_default();
        let attributes = fields
            .iter()
            .map(|field| to_value(properties.shift_remove(&field.name), field.kind))
            .collect();
        raw_features.push(RawFeature {
            native_id: feature.id,
            attributes,
            geometry,
        });
    }
    Ok(RawLayer {
        notes: Vec::new(),
        name,
        format: SourceFormat::GeoJson,
        crs,
        fields,
        features: raw_features,
        native_id_name: Some("id".into()),
    })
}

pub(super) fn infer_fields<'f>(
    all_properties: impl Iterator<Item = Option<&'f serde_json::Map<String, serde_json::Value>>>,
) -> Vec<Field> {
    let mut fields: Vec<(String, Option<FieldType>)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for properties in all_properties.flatten() {
        for (name, value) in properties {
            let kind = match value {
                serde_json::Value::Null => None,
                serde_json::Value::Number(n) if n.as_f64() == Some(NON_FINITE_STAND_IN) => None,
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

pub(super) fn to_value(value: Option<serde_json::Value>, kind: FieldType) -> Value {
    use serde_json::Value as J;
    match (value, kind) {
        (None | Some(J::Null), _) => Value::Null,
        (Some(J::Number(n)), _) if n.as_f64() == Some(NON_FINITE_STAND_IN) => Value::Null,
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

pub(super) fn convert_geometry(geometry: Geometry) -> Result<RawGeometry, String> {
    let type_name = geometry.value.type_name().to_string();
    let mut polygons = Vec::new();
    collect_polygons(geometry.value, &mut polygons, 0)?;
    Ok(raw_geometry(type_name, polygons))
}

/// A geometry of this type holding these polygons (a GeometryCollection's in order): points and
/// lines hold none, and are no area.
pub(super) fn raw_geometry(type_name: String, polygons: Vec<RawPolygon>) -> RawGeometry {
    if polygons.is_empty() {
        RawGeometry::Other(type_name)
    } else {
        RawGeometry::Polygons {
            type_name,
            polygons,
        }
    }
}

/// How deep GeometryCollections may nest before a feature is refused.
pub(super) const MAX_NESTING: usize = 32;

fn collect_polygons(
    value: GeometryValue,
    polygons: &mut Vec<RawPolygon>,
    depth: usize,
) -> Result<(), String> {
    match value {
        GeometryValue::Polygon { coordinates } => polygons.push(to_polygon(coordinates)?),
        GeometryValue::MultiPolygon { coordinates } => {
            for part in coordinates {
                polygons.push(to_polygon(part)?);
            }
        }
        GeometryValue::GeometryCollection { geometries } => {
            if depth >= MAX_NESTING {
                return Err(format!(
                    "GeometryCollections nested more than {MAX_NESTING} deep"
                ));
            }
            for member in geometries {
                collect_polygons(member.value, polygons, depth + 1)?;
            }
        }
        GeometryValue::Point { .. }
        | GeometryValue::MultiPoint { .. }
        | GeometryValue::LineString { .. }
        | GeometryValue::MultiLineString { .. } => {}
    }
    Ok(())
}

fn to_polygon(rings: PolygonType) -> Result<RawPolygon, String> {
    rings
        .into_iter()
        .map(|ring| ring.iter().map(to_coord).collect())
        .collect()
}

fn to_coord(position: &Position) -> Result<Coord<f64>, String> {
    let finite = |v: f64| if v == NON_FINITE_STAND_IN { f64::NAN } else { v };
    match position.as_slice() {
        [x, y, ..] => Ok(Coord {
            x: finite(*x),
            y: finite(*y),
        }),
        short => Err(format!(
            "a position has {} number(s); it needs at least 2",
            short.len()
        )),
    }
}

/// Why a JSON value is not the GeoJSON object it should be, for messages about one feature.
pub(super) fn not_a_feature(feature: &serde_json::Value) -> Option<String> {
    let error = serde_json::from_value::<Feature>(feature.clone()).err()?;
    Some(explain_shape_error(feature, &error.to_string()))
}

/// The crate's serde messages speak of untagged enums and dimensions; say what the user's
/// file has wrong in GeoJSON's terms where the shape is recognisable.
pub(super) fn explain_shape_error(feature: &serde_json::Value, crate_message: &str) -> String {
    let geometry = feature.get("geometry").unwrap_or(feature);
    if let Some(kind) = geometry.get("type").and_then(|t| t.as_str())
        && !matches!(
            kind,
            "Point"
                | "MultiPoint"
                | "LineString"
                | "MultiLineString"
                | "Polygon"
                | "MultiPolygon"
                | "GeometryCollection"
        )
        && geometry.get("coordinates").is_some()
    {
        return format!("unknown geometry type '{kind}'");
    }
    if let Some(properties) = feature.get("properties")
        && !properties.is_null()
        && !properties.is_object()
    {
        return format!(
            "\"properties\" must be an object, not {}",
            describe_json_value(properties)
        );
    }
    if let (Some(kind), Some(coordinates)) = (
        geometry.get("type").and_then(|t| t.as_str()),
        geometry.get("coordinates"),
    ) {
        let expected_depth = match kind {
            "Point" => 1,
            "MultiPoint" | "LineString" => 2,
            "MultiLineString" | "Polygon" => 3,
            "MultiPolygon" => 4,
            _ => 0,
        };
        let depth = nesting_depth(coordinates);
        if expected_depth > 0 && depth != expected_depth {
            return if depth < expected_depth {
                format!("{kind} coordinates are nested one level too shallow ({depth} levels of arrays, {expected_depth} expected)")
            } else {
                format!("{kind} coordinates are nested too deep ({depth} levels of arrays, {expected_depth} expected)")
            };
        }
        if let Some(value) = non_number_in_positions(coordinates) {
            return format!(
                "a position must be an array of numbers [x, y]; it holds {}",
                describe_json_value(value)
            );
        }
    }
    format!("not a GeoJSON feature: {crate_message}")
}

fn nesting_depth(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::Array(items) => 1 + items.first().map_or(0, nesting_depth),
        _ => 0,
    }
}

/// The first value in nested coordinate arrays that is neither an array nor a number.
fn non_number_in_positions(value: &serde_json::Value) -> Option<&serde_json::Value> {
    match value {
        serde_json::Value::Array(items) => items.iter().find_map(|item| match item {
            serde_json::Value::Number(_) => None,
            serde_json::Value::Array(_) => non_number_in_positions(item),
            other => Some(other),
        }),
        serde_json::Value::Number(_) => None,
        other => Some(other),
    }
}

/// A value as a message shows it: its kind, and the value itself where it is short.
fn describe_json_value(value: &serde_json::Value) -> String {
    let text = value.to_string();
    match value {
        serde_json::Value::Null => "null".into(),
        serde_json::Value::Array(_) | serde_json::Value::Object(_) if text.len() > 40 => {
            json_kind(value).into()
        }
        _ => format!("{} {text}", json_kind(value)),
    }
}
