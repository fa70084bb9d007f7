//! A layer made ready for overlay: snapped to the grid, invalid features repaired (or left out
//! with a reason), areas computed and the R-tree built.

use std::borrow::Cow;

use geo::{Area, CoordsIter, MultiPolygon, Rect};
use rayon::prelude::*;
use serde::Serialize;

use super::index::FeatureIndex;
use crate::geometry::{drop_noise, intersection_of_parts, part_boxes, repair, snap, union_of_boxes};
use crate::model::Layer;

/// A feature the analysis changed or left out, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Adjustment {
    pub layer: String,
    pub id: String,
    pub reason: String,
}

/// A layer ready for overlay. Geometry already on the grid (as loaded) is borrowed, not copied.
pub struct PreparedLayer<'a> {
    pub name: String,
    pub ids: Vec<String>,
    pub geometries: Vec<Cow<'a, MultiPolygon<f64>>>,
    pub areas: Vec<f64>,
    /// Per feature, the boxes of its parts, for the pairwise overlays.
    pub part_boxes: Vec<Vec<Option<Rect<f64>>>>,
    /// Per feature, the value of the `--weight` field (population), when the layer has it.
    pub weights: Option<Vec<f64>>,
    pub index: FeatureIndex,
    pub repaired: Vec<Adjustment>,
    pub skipped: Vec<Adjustment>,
}

impl<'a> PreparedLayer<'a> {
    /// Prepares `layer` under `name` (names are made unique by the caller).
    pub fn new(
        layer: &'a Layer,
        name: &str,
        grid: f64,
        weight_field: Option<&str>,
    ) -> PreparedLayer<'a> {
        // Snapping, repair, area and part boxes feature by feature on all cores; only the
        // bookkeeping below is sequential.
        type Made<'a> = (Cow<'a, MultiPolygon<f64>>, Option<String>, f64, Vec<Option<Rect<f64>>>);
        let results: Vec<Made<'a>> = layer
            .features
            .par_iter()
            .map(|feature| {
                let snapped = if on_grid(&feature.geometry, grid) {
                    Cow::Borrowed(&feature.geometry)
                } else {
                    Cow::Owned(snap(&feature.geometry, grid))
                };
                let (geometry, reason) = if feature.is_valid() {
                    (snapped, None)
                } else {
                    let reason = format!(
                        "repaired ({}): taken as the area its rings enclose (non-zero winding union)",
                        feature.problem_summary()
                    );
                    (Cow::Owned(repair(&snapped)), Some(reason))
                };
                let area = geometry.unsigned_area();
                let boxes = part_boxes(&geometry);
                (geometry, reason, area, boxes)
            })
            .collect();
        let mut prepared = PreparedLayer {
            name: name.to_string(),
            ids: Vec::new(),
            geometries: Vec::new(),
            areas: Vec::new(),
            part_boxes: Vec::new(),
            weights: None,
            index: FeatureIndex::build(std::iter::empty()),
            repaired: Vec::new(),
            skipped: Vec::new(),
        };
        let weight_column = weight_field.and_then(|f| layer.field_index(f));
        let mut weights = Vec::new();
        for (feature, (geometry, repaired, area, boxes)) in layer.features.iter().zip(results) {
            let adjustment = |reason: String| Adjustment {
                layer: name.to_string(),
                id: feature.id.clone(),
                reason,
            };
            if area <= 0.0 {
                prepared
                    .skipped
                    .push(adjustment("left out: no area remains after repair".into()));
                continue;
            }
            if let Some(reason) = repaired {
                prepared.repaired.push(adjustment(reason));
            }
            if let Some(column) = weight_column {
                weights.push(
                    feature
                        .attributes
                        .get(column)
                        .and_then(|v| v.as_f64())
                        .unwrap_or(0.0),
                );
            }
            prepared.ids.push(feature.id.clone());
            prepared.areas.push(area);
            prepared.part_boxes.push(boxes);
            prepared.geometries.push(geometry);
        }
        prepared.weights = weight_column.map(|_| weights);
        // A feature's box is the box around its parts' boxes (minima and maxima of the same
        // coordinates, so exactly the box geo would measure again).
        prepared.index = FeatureIndex::from_boxes(prepared.part_boxes.iter().map(|boxes| union_of_boxes(boxes)));
        prepared
    }

    /// The exact intersection of feature `i` with feature `j` of `other` (pieces below the
    /// noise floor dropped), with the parts' boxes measured once per layer.
    pub fn intersection(&self, i: usize, other: &PreparedLayer, j: usize) -> MultiPolygon<f64> {
        drop_noise(intersection_of_parts(
            &self.geometries[i].0,
            &self.part_boxes[i],
            &other.geometries[j].0,
            &other.part_boxes[j],
        ))
    }

    /// Total area (m²).
    pub fn total_area(&self) -> f64 {
        self.areas.iter().sum()
    }

    /// The number of features taking part.
    pub fn len(&self) -> usize {
        self.geometries.len()
    }

    /// True when no feature takes part.
    pub fn is_empty(&self) -> bool {
        self.geometries.is_empty()
    }
}

/// True when every coordinate is already a multiple of `grid` (as the loader leaves them).
fn on_grid(geometry: &MultiPolygon<f64>, grid: f64) -> bool {
    geometry
        .coords_iter()
        .all(|c| (c.x / grid).round() * grid == c.x && (c.y / grid).round() * grid == c.y)
}
