//! What `inspect` reports about a layer; the same summary feeds the GUI's layer details.

use geo::Coord;
use serde::Serialize;

use super::Reprojector;
use crate::model::{Crs, Field, Layer};

/// A feature whose geometry failed a check on load.
#[derive(Debug, Clone, Serialize)]
pub struct InvalidFeature {
    pub id: String,
    pub reason: String,
}

/// The facts about a loaded layer; serialised as one object of `inspect --json`.
#[derive(Debug, Clone, Serialize)]
pub struct LayerSummary {
    pub name: String,
    pub path: String,
    pub format: &'static str,
    /// The CRS of the source file.
    pub crs: String,
    pub working_crs: String,
    pub features: usize,
    pub geometry_types: Vec<String>,
    /// Area in km² measured in the working CRS.
    pub area_km2: f64,
    /// [min lon, min lat, max lon, max lat]; `null` for a layer without geometry.
    pub bbox_wgs84: Option<[f64; 4]>,
    pub id_field: Option<String>,
    pub fields: Vec<Field>,
    pub invalid: Vec<InvalidFeature>,
    /// Features left out because they hold no polygon.
    pub skipped: usize,
    /// The skipped features by geometry type.
    pub skipped_types: std::collections::BTreeMap<String, usize>,
    /// How the file was read where the user might have expected otherwise (e.g. ids numbered).
    pub notes: Vec<String>,
}

/// The WGS 84 bounding box of a working-CRS rectangle. Its edges are sampled, because a
/// projected rectangle is not a rectangle in degrees.
pub fn bbox_wgs84(layer: &Layer) -> Option<[f64; 4]> {
    let rect = layer.bounding_rect()?;
    let (min, max) = (rect.min(), rect.max());
    let steps = 16;
    let mut samples = Vec::with_capacity(4 * (steps + 1));
    for k in 0..=steps {
        let t = k as f64 / steps as f64;
        let x = min.x + (max.x - min.x) * t;
        let y = min.y + (max.y - min.y) * t;
        samples.extend([
            Coord { x, y: min.y },
            Coord { x, y: max.y },
            Coord { x: min.x, y },
            Coord { x: max.x, y },
        ]);
    }
    if let Some(reprojector) = Reprojector::new(layer.working_crs, Crs::WGS84).ok()? {
        reprojector.project_in_place(&mut samples).ok()?;
    }
    let round = |v: f64| (v * 1e6).round() / 1e6;
    let fold = |f: fn(f64, f64) -> f64, pick: fn(&Coord<f64>) -> f64, start: f64| {
        samples.iter().map(pick).fold(start, f)
    };
    Some([
        round(fold(f64::min, |c| c.x, f64::INFINITY)),
        round(fold(f64::min, |c| c.y, f64::INFINITY)),
        round(fold(f64::max, |c| c.x, f64::NEG_INFINITY)),
        round(fold(f64::max, |c| c.y, f64::NEG_INFINITY)),
    ])
}

/// Summarises a loaded layer.
pub fn summarise(layer: &Layer) -> LayerSummary {
    summarise_with(layer, &crate::model::PlainWords)
}

/// The summary with the notes' fixes worded by the front end.
pub fn summarise_with(layer: &Layer, words: &dyn crate::model::FixWords) -> LayerSummary {
    LayerSummary {
        name: layer.name.clone(),
        path: layer.source.display().to_string(),
        format: layer.format.as_str(),
        crs: layer.source_crs.to_string(),
        working_crs: layer.working_crs.to_string(),
        features: layer.features.len(),
        geometry_types: layer.geometry_types.keys().cloned().collect(),
        area_km2: (layer.area_m2() / 1e6 * 1e4).round() / 1e4,
        bbox_wgs84: bbox_wgs84(layer),
        id_field: layer.id_field.clone(),
        fields: layer.fields.clone(),
        invalid: layer
            .invalid_features()
            .map(|f| InvalidFeature {
                id: f.id.clone(),
                reason: f.problem_summary(),
            })
            .collect(),
        skipped: layer.skipped_count(),
        skipped_types: layer.skipped.clone(),
        notes: layer.notes.iter().map(|n| n.describe(words)).collect(),
    }
}
