//! The files `compose` writes: the agreed areas as GeoJSON (RFC 7946, WGS 84), ESRI Shapefile
//! and GeoPackage (both RD New), the assignment and the statistics as CSV.

use std::path::{Path, PathBuf};

use geo::MultiPolygon;

use crate::compose::{ComposeResult, Composition};
use crate::io::{
    OutFeature, ReprojectError, Reprojector, WriteError, json_value, write_atomic, write_geojson,
    write_geopackage, write_shapefile, xlsx_bytes,
};
use crate::model::{Crs, Field, FieldType, Layer, Value};

/// The attribute table of the areas: name, unit count, km², the units' sums, parts, cuts.
fn area_table(result: &ComposeResult) -> (Vec<Field>, Vec<Vec<Value>>) {
    let sum_names: Vec<String> = result
        .areas
        .first()
        .map(|a| a.sums.keys().cloned().collect())
        .unwrap_or_default();
    let mut fields = vec![
        Field {
            name: "gebied".into(),
            kind: FieldType::Text,
        },
        Field {
            name: "units".into(),
            kind: FieldType::Integer,
        },
        Field {
            name: "area_km2".into(),
            kind: FieldType::Float,
        },
    ];
    fields.extend(sum_names.iter().map(|n| Field {
        name: n.clone(),
        kind: FieldType::Float,
    }));
    fields.push(Field {
        name: "parts".into(),
        kind: FieldType::Integer,
    });
    fields.push(Field {
        name: "cuts".into(),
        kind: FieldType::Text,
    });
    let rows = result
        .areas
        .iter()
        .map(|a| {
            let mut row = vec![
                Value::Text(a.name.clone()),
                Value::Integer(a.units.len() as i64),
                Value::Float((a.area_m2 / 1e6 * 1e6).round() / 1e6),
            ];
            row.extend(
                sum_names
                    .iter()
                    .map(|n| Value::Float(a.sums.get(n).copied().unwrap_or(0.0))),
            );
            row.push(Value::Integer(
                a.parts.len().max(usize::from(!a.geometry.0.is_empty())) as i64,
            ));
            let cuts: Vec<String> = a
                .cut_partners()
                .map(|p| format!("{}:{} ({:.0}%)", p.layer, p.id, p.share_of_partner * 100.0))
                .collect();
            row.push(Value::Text(cuts.join("; ")));
            row
        })
        .collect();
    (fields, rows)
}

fn reprojected(
    geometry: &MultiPolygon<f64>,
    reprojector: Option<&Reprojector>,
) -> Result<MultiPolygon<f64>, ReprojectError> {
    let mut out = geometry.clone();
    if let Some(r) = reprojector {
        r.project_multipolygon(&mut out)?;
    }
    Ok(out)
}

pub(super) fn csv_bytes(rows: Vec<Vec<String>>) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.write_record(&row)?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// Writes areas.geojson, areas.shp (+ .shx .dbf .prj .cpg), areas.gpkg, assignment.csv,
/// stats.csv, stats.xlsx and report.json (checks and per-area details) into `dir` (created if needed); returns the paths.
pub fn write_composition(
    dir: &Path,
    result: &ComposeResult,
    composition: &Composition,
    units: &Layer,
) -> Result<Vec<PathBuf>, WriteError> {
    std::fs::create_dir_all(dir).map_err(|e| WriteError::new(dir, e))?;
    let (fields, rows) = area_table(result);
    // The map files also carry each area's colour and where the units came from, so a map
    // drawn from them later looks the same and still credits its source.
    let source = super::credit_of(units);
    let mut map_fields = fields.clone();
    map_fields.push(Field {
        name: "kleur".into(),
        kind: FieldType::Text,
    });
    if source.is_some() {
        map_fields.push(Field {
            name: "bron".into(),
            kind: FieldType::Text,
        });
    }
    let map_rows: Vec<Vec<Value>> = rows
        .iter()
        .zip(&result.areas)
        .map(|(row, area)| {
            let [r, g, b] = area.colour;
            let mut row = row.clone();
            row.push(Value::Text(format!("#{r:02x}{g:02x}{b:02x}")));
            if let Some(source) = &source {
                row.push(Value::Text(source.clone()));
            }
            row
        })
        .collect();
    let geometries: Vec<&MultiPolygon<f64>> = result.areas.iter().map(|a| &a.geometry).collect();
    let mut written = Vec::new();

    let path = dir.join("areas.geojson");
    let features: Vec<OutFeature> = map_rows
        .iter()
        .zip(&geometries)
        .map(|(row, geometry)| {
            let properties: Vec<(String, serde_json::Value)> = map_fields
                .iter()
                .zip(row)
                .map(|(f, v)| (f.name.clone(), json_value(v)))
                .collect();
            OutFeature {
                properties,
                geometry: (*geometry).clone(),
            }
        })
        .collect();
    write_geojson(&path, "gebieden", features, result.working_crs, Crs::WGS84)
        .map_err(|e| WriteError::new(&path, e))?;
    written.push(path);

    // Shapefile and GeoPackage in RD New, as Dutch partners' GIS expect.
    let to_rd =
        Reprojector::new(result.working_crs, Crs::RD_NEW).map_err(|e| WriteError::new(dir, e))?;
    let records: Vec<(Vec<Value>, MultiPolygon<f64>)> = map_rows
        .iter()
        .zip(&geometries)
        .map(|(row, geometry)| Ok((row.clone(), reprojected(geometry, to_rd.as_ref())?)))
        .collect::<Result<_, ReprojectError>>()
        .map_err(|e| WriteError::new(dir, e))?;
    let path = dir.join("areas.shp");
    write_shapefile(&path, &map_fields, &records, Crs::RD_NEW)
        .map_err(|e| WriteError::new(&path, e))?;
    written.push(path);
    let path = dir.join("areas.gpkg");
    write_geopackage(&path, "gebieden", &map_fields, &records, Crs::RD_NEW)
        .map_err(|e| WriteError::new(&path, e))?;
    written.push(path);

    let path = dir.join("assignment.csv");
    let mut assignment = vec![vec!["unit".to_string(), "area".to_string()]];
    assignment.extend(units.features.iter().map(|f| {
        vec![
            f.id.clone(),
            composition
                .assignment
                .get(&f.id)
                .cloned()
                .unwrap_or_default(),
        ]
    }));
    let bytes = csv_bytes(assignment).map_err(|e| WriteError::new(&path, e))?;
    write_atomic(&path, &bytes).map_err(|e| WriteError::new(&path, e))?;
    written.push(path);

    let path = dir.join("stats.csv");
    let stats_header: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.name == "gebied" {
                "area".to_string()
            } else {
                f.name.clone()
            }
        })
        .collect();
    let mut stats = vec![stats_header.clone()];
    stats.extend(
        rows.iter()
            .map(|row| row.iter().map(|v| v.to_string()).collect()),
    );
    let bytes = csv_bytes(stats).map_err(|e| WriteError::new(&path, e))?;
    write_atomic(&path, &bytes).map_err(|e| WriteError::new(&path, e))?;
    written.push(path);
    // The same table for Excel, where most municipal staff open it.
    let path = dir.join("stats.xlsx");
    let bytes = xlsx_bytes("stats", &stats_header, &rows).map_err(|e| WriteError::new(&path, e))?;
    write_atomic(&path, &bytes).map_err(|e| WriteError::new(&path, e))?;
    written.push(path);

    // The checks and per-area details (units, parts, partner overlaps) in one document.
    let path = dir.join("report.json");
    let bytes = serde_json::to_vec_pretty(result).map_err(|e| WriteError::new(&path, e))?;
    write_atomic(&path, &bytes).map_err(|e| WriteError::new(&path, e))?;
    written.push(path);
    Ok(written)
}
