//! The atlas: for each unit of a base division (e.g. CBS buurten), the area of every other
//! division that holds most of it, and how much.

use serde::Serialize;

use super::crosswalk::{CrosswalkRow, best_matches};
use super::prepare::PreparedLayer;

/// One base unit's row.
#[derive(Debug, Clone, Serialize)]
pub struct AtlasRow {
    pub unit: String,
    /// Per other layer (in `Atlas::layers` order): the id holding most of the unit.
    pub best: Vec<Option<String>>,
    /// Per other layer: the share of the unit inside that id.
    pub share: Vec<f64>,
}

/// The atlas over all layers for one base layer.
#[derive(Debug, Clone, Serialize)]
pub struct Atlas {
    pub base: String,
    pub layers: Vec<String>,
    pub rows: Vec<AtlasRow>,
}

/// Builds the atlas. `crosswalks` holds, per other layer, its rows with the base and whether
/// the base was side A there.
pub fn atlas(base: &PreparedLayer, others: &[(&str, &[CrosswalkRow], bool)]) -> Atlas {
    let matches: Vec<_> = others
        .iter()
        .map(|(_, rows, base_is_a)| best_matches(base, rows, *base_is_a))
        .collect();
    let rows = base
        .ids
        .iter()
        .enumerate()
        .map(|(i, unit)| AtlasRow {
            unit: unit.clone(),
            best: matches.iter().map(|m| m[i].best.clone()).collect(),
            share: matches.iter().map(|m| m[i].share).collect(),
        })
        .collect();
    Atlas {
        base: base.name.clone(),
        layers: others.iter().map(|(name, _, _)| name.to_string()).collect(),
        rows,
    }
}
