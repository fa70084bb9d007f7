//! Nesting a partner division in base units, and the files `nest` writes: `nest.csv` (its header
//! is a public interface) and `nested.geojson`, the partner division rebuilt from whole units.

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::analysis::{Nest, nest, nested_geometries};
use crate::io::{OutFeature, WriteError, write_atomic, write_geojson};
use crate::model::{Crs, Layer};

use super::OpsError;
use super::analyse::AnalyseError;

/// The exact header of nest.csv (`weight_total,weight_outside` follow with a weight).
pub const NEST_HEADER: [&str; 6] = [
    "partner_id",
    "units",
    "unit_count",
    "area_m2",
    "misfit_m2",
    "misfit_share",
];

/// Nests `partner` in `base`; the weight field must be on one of the two.
pub fn nest_layers(partner: &Layer, base: &Layer, weight_field: Option<&str>) -> Result<Nest, OpsError> {
    if let Some(field) = weight_field
        && base.field_index(field).is_none()
        && partner.field_index(field).is_none()
    {
        return Err(AnalyseError::NoWeightField(field.to_string()).into());
    }
    Ok(nest(partner, base, weight_field))
}

/// Where the window writes what it derives from a layer's file (its nest, its cleaned copy):
/// beside the project (or, before it is saved, beside the file), named after the file.
pub fn derived_path(source: &Path, project_dir: Option<&Path>, suffix: &str) -> PathBuf {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "laag".into());
    let dir = project_dir
        .map(Path::to_path_buf)
        .or_else(|| source.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    dir.join(format!("{stem}{suffix}"))
}

/// The folder of a partner layer's nest (see [`derived_path`]).
pub fn nest_dir(partner_source: &Path, project_dir: Option<&Path>) -> PathBuf {
    derived_path(partner_source, project_dir, "-genest")
}

/// Writes `nest.csv` and `nested.geojson` (RFC 7946, WGS 84) into `dir`; returns their paths.
pub fn write_nest(dir: &Path, nest: &Nest, base: &Layer) -> Result<Vec<PathBuf>, WriteError> {
    std::fs::create_dir_all(dir).map_err(|e| WriteError::new(dir, e))?;
    let csv_path = dir.join("nest.csv");
    write_atomic(&csv_path, &nest_csv(nest).map_err(|e| WriteError::new(&csv_path, e))?)
        .map_err(|e| WriteError::new(&csv_path, e))?;
    let geojson_path = dir.join("nested.geojson");
    let features = nest
        .rows
        .iter()
        .zip(nested_geometries(nest, base))
        .map(|(row, geometry)| OutFeature {
            properties: vec![
                // `gebied` names the area wherever gebieden reads it back (id, labels, maps).
                ("gebied".into(), json!(row.partner_id)),
                ("partner_id".into(), json!(row.partner_id)),
                ("units".into(), json!(row.units.join(" "))),
                ("unit_count".into(), json!(row.units.len())),
                ("misfit_m2".into(), json!(round(row.misfit_m2, 3))),
                ("misfit_share".into(), json!(round(row.misfit_share, 6))),
                ("kleur".into(), json!(misfit_colour(row.misfit_share))),
            ],
            geometry,
        })
        .collect();
    let name = format!("{} in {}", nest.partner, nest.base);
    write_geojson(&geojson_path, &name, features, base.working_crs, Crs::WGS84)
        .map_err(|e| WriteError::new(&geojson_path, e))?;
    Ok(vec![csv_path, geojson_path])
}

/// Green for a clean fit, through yellow (10 % misfit) to red (30 % or more).
pub fn misfit_colour(share: f64) -> String {
    const STOPS: [(f64, [f64; 3]); 3] = [
        (0.0, [26.0, 152.0, 80.0]),
        (0.1, [254.0, 224.0, 139.0]),
        (0.3, [215.0, 48.0, 39.0]),
    ];
    let share = share.clamp(0.0, 0.3);
    let k = if share <= 0.1 { 0 } else { 1 };
    let (a, b) = (STOPS[k], STOPS[k + 1]);
    let t = (share - a.0) / (b.0 - a.0);
    let c = |i: usize| (a.1[i] + (b.1[i] - a.1[i]) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", c(0), c(1), c(2))
}

fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

fn nest_csv(nest: &Nest) -> Result<Vec<u8>, csv::Error> {
    let weighted = nest.rows.iter().any(|r| r.weight_total.is_some());
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = NEST_HEADER.to_vec();
    if weighted {
        header.extend(["weight_total", "weight_outside"]);
    }
    writer.write_record(&header)?;
    for row in &nest.rows {
        let mut record = vec![
            row.partner_id.clone(),
            row.units.join(" "),
            row.units.len().to_string(),
            format!("{:.3}", row.area_m2),
            format!("{:.3}", row.misfit_m2),
            format!("{:.6}", row.misfit_share),
        ];
        if weighted {
            let cell = |w: Option<f64>| w.map(|w| format!("{w:.3}")).unwrap_or_default();
            record.extend([cell(row.weight_total), cell(row.weight_outside)]);
        }
        writer.write_record(&record)?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}
