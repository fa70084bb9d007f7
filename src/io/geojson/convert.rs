//! From the JSON document to raw features: the declared CRS, fields inferred from the
//! properties, and polygons from any geometry that holds them.

use super::*;

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

pub(super) fn from_document(
    document: Document,
    file_stem: String,
) -> Result<RawLayer, LoadErrorKind> {
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
        notes: Vec::new(),
        name,
        format: SourceFormat::GeoJson,
        crs,
        fields,
        features,
        native_id_name: Some("id".into()),
    })
}

pub(super) fn infer_fields(features: &[JsonFeature]) -> Vec<Field> {
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

pub(super) fn to_value(value: Option<serde_json::Value>, kind: FieldType) -> Value {
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

pub(super) fn convert_geometry(geometry: JsonGeometry) -> Result<RawGeometry, String> {
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

pub(super) fn collect_polygons(
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

pub(super) fn to_polygon(coordinates: Coords) -> Result<RawPolygon, String> {
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

pub(super) fn to_coord(position: Coords) -> Result<Coord<f64>, String> {
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
