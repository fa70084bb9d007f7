//! The files `analyse` writes: crosswalk.csv, problems.geojson, atlas.csv and report.json.
//! Their names, headers and properties are a public interface that scripts depend on.

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::analysis::{Analysis, Atlas, CrosswalkRow};
use crate::io::{OutFeature, WriteError, write_atomic, write_atomic_with, write_geojson_with};
use crate::model::Crs;

/// The exact header of crosswalk.csv (weight columns follow when a weight field is used).
pub const CROSSWALK_HEADER: [&str; 8] = [
    "layer_a", "id_a", "layer_b", "id_b", "area_m2", "share_a", "share_b", "sliver",
];

fn csv_bytes(
    header: &[String],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(&row)?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// Writes the crosswalk as CSV.
pub fn write_crosswalk_csv(path: &Path, rows: &[CrosswalkRow]) -> Result<(), WriteError> {
    let weighted = rows
        .iter()
        .any(|r| r.weight_a.is_some() || r.weight_b.is_some());
    let mut header: Vec<String> = CROSSWALK_HEADER.iter().map(|s| s.to_string()).collect();
    if weighted {
        header.extend(["weight_a".to_string(), "weight_b".to_string()]);
    }
    let optional = |w: Option<f64>| w.map(|w| format!("{w:.3}")).unwrap_or_default();
    let bytes = csv_bytes(
        &header,
        rows.iter().map(|r| {
            let mut row = vec![
                r.layer_a.clone(),
                r.id_a.clone(),
                r.layer_b.clone(),
                r.id_b.clone(),
                format!("{:.3}", r.area_m2),
                format!("{:.9}", r.share_a),
                format!("{:.9}", r.share_b),
                r.sliver.to_string(),
            ];
            if weighted {
                row.extend([optional(r.weight_a), optional(r.weight_b)]);
            }
            row
        }),
    )
    .map_err(|e| WriteError::new(path, e))?;
    write_atomic(path, &bytes).map_err(|e| WriteError::new(path, e))
}

/// Writes the atlas as CSV: `unit`, then per other layer its id and `<layer>_share`.
pub fn write_atlas_csv(path: &Path, atlas: &Atlas) -> Result<(), WriteError> {
    let mut header = vec!["unit".to_string()];
    for layer in &atlas.layers {
        header.push(layer.clone());
        header.push(format!("{layer}_share"));
    }
    let bytes = csv_bytes(
        &header,
        atlas.rows.iter().map(|row| {
            let mut out = vec![row.unit.clone()];
            for (best, share) in row.best.iter().zip(&row.share) {
                out.push(best.clone().unwrap_or_default());
                out.push(format!("{share:.6}"));
            }
            out
        }),
    )
    .map_err(|e| WriteError::new(path, e))?;
    write_atomic(path, &bytes).map_err(|e| WriteError::new(path, e))
}

/// Writes the problems as an RFC 7946 FeatureCollection in WGS 84.
pub fn write_problems_geojson(
    path: &Path,
    analysis: &Analysis,
    working_crs: Crs,
) -> Result<(), WriteError> {
    // Each problem becomes a feature only as the writer reaches it: a second copy of every
    // problem's geometry at once would be the largest allocation of the whole run.
    let feature = |i: usize| {
        let p = &analysis.problems[i];
        let mut properties = vec![
            ("kind".to_string(), json!(p.kind.as_str())),
            ("layer".to_string(), json!(p.layer)),
            ("ids".to_string(), json!(p.ids)),
            (
                "area_m2".to_string(),
                json!((p.area_m2 * 1000.0).round() / 1000.0),
            ),
            (
                "width_m".to_string(),
                json!((p.width_m * 1000.0).round() / 1000.0),
            ),
        ];
        if let Some(of) = p.sliver_of {
            properties.push(("sliver_of".to_string(), json!(of.as_str())));
        }
        OutFeature {
            properties,
            geometry: geo::MultiPolygon::new(vec![(*p.geometry).clone()]),
        }
    };
    write_geojson_with(
        path,
        "problems",
        analysis.problems.len(),
        feature,
        working_crs,
        Crs::WGS84,
    )
    .map_err(|e| WriteError::new(path, e))
}

/// Writes the whole analysis as compact JSON.
pub fn write_report_json(path: &Path, analysis: &Analysis) -> Result<(), WriteError> {
    write_atomic_with(path, |out| {
        serde_json::to_writer(out, analysis).map_err(std::io::Error::other)
    })
    .map_err(|e| WriteError::new(path, e))
}

/// Writes every output of `analyse` into `dir` (created if needed) and returns the paths.
pub fn write_analysis(
    dir: &Path,
    analysis: &Analysis,
    working_crs: Crs,
) -> Result<Vec<PathBuf>, WriteError> {
    std::fs::create_dir_all(dir).map_err(|e| WriteError::new(dir, e))?;
    let crosswalk = dir.join("crosswalk.csv");
    let problems = dir.join("problems.geojson");
    let atlas = dir.join("atlas.csv");
    let report = dir.join("report.json");
    // The files are independent; writing them side by side halves the wait on two cores.
    let (tables, (geojson, json)) = rayon::join(
        || {
            write_crosswalk_csv(&crosswalk, &analysis.crosswalk)?;
            analysis
                .atlas
                .as_ref()
                .map(|a| write_atlas_csv(&atlas, a))
                .transpose()
        },
        || {
            rayon::join(
                || write_problems_geojson(&problems, analysis, working_crs),
                || write_report_json(&report, analysis),
            )
        },
    );
    let wrote_atlas = tables?.is_some();
    geojson?;
    json?;
    let mut written = vec![crosswalk, problems];
    if wrote_atlas {
        written.push(atlas);
    }
    written.push(report);
    Ok(written)
}
