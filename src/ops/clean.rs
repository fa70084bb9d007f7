//! Cleaning a partner division into a coverage (`gebieden clean`, the window's "Opschonen…"),
//! and writing a division in the format its file name asks for.

use std::path::Path;

use geo::MultiPolygon;
use serde_json::Value as Json;

use crate::analysis::{Cleaned, MergeRule, clean};
use crate::io::{OutFeature, WriteError, json_value, write_geojson, write_geopackage, write_shapefile};
use crate::model::{Crs, Field, FieldType, Layer, Value};

/// Cleans `layer`: overlaps go by `rule`, enclosed gaps at most `gap_width_m` across to the
/// neighbour with the longest shared border.
pub fn clean_layer(layer: &Layer, gap_width_m: f64, rule: MergeRule) -> Cleaned {
    clean(layer, gap_width_m.max(0.0), rule)
}

/// The cleaned layer: the input's features, ids and attributes with the cleaned geometry.
pub fn cleaned_layer(layer: &Layer, cleaned: &Cleaned, name: &str) -> Layer {
    let mut out = layer.clone();
    out.name = name.to_string();
    for (feature, geometry) in out.features.iter_mut().zip(&cleaned.geometries) {
        feature.geometry = geometry.clone();
        feature.problems.clear();
    }
    out
}

/// Writes a division to `path`: GeoJSON (RFC 7946, WGS 84), Shapefile (RD New, UTF-8) or
/// GeoPackage by the extension, with the features' ids and attributes.
pub fn write_division(path: &Path, layer: &Layer) -> Result<(), WriteError> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    // Ids that live in no attribute (GeoJSON ids, numbering) go in an `id` field, so the
    // written division keeps them.
    let mut fields = layer.fields.clone();
    let with_id = layer.id_field.is_none();
    if with_id {
        fields.insert(
            0,
            Field {
                name: "id".into(),
                kind: FieldType::Text,
            },
        );
    }
    let records: Vec<(Vec<Value>, MultiPolygon<f64>)> = layer
        .features
        .iter()
        .map(|f| {
            let mut values = f.attributes.clone();
            if with_id {
                values.insert(0, Value::Text(f.id.clone()));
            }
            (values, f.geometry.clone())
        })
        .collect();
    let crs = layer.working_crs;
    match extension.as_str() {
        "geojson" | "json" => {
            let features = records
                .into_iter()
                .map(|(values, geometry)| OutFeature {
                    properties: fields
                        .iter()
                        .zip(&values)
                        .map(|(f, v)| (f.name.clone(), json_value(v)))
                        .collect::<Vec<(String, Json)>>(),
                    geometry,
                })
                .collect();
            write_geojson(path, &layer.name, features, crs, Crs::WGS84).map_err(|e| WriteError::new(path, e))
        }
        "shp" => write_shapefile(path, &fields, &records, crs).map_err(|e| WriteError::new(path, e)),
        "gpkg" => {
            let table = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| layer.name.clone());
            write_geopackage(path, &table, &fields, &records, crs).map_err(|e| WriteError::new(path, e))
        }
        _ => Err(WriteError::new(
            path,
            "the output must be .geojson, .shp or .gpkg",
        )),
    }
}
