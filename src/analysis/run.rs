//! One analysis run over several divisions: problems inside each, crosswalk and fit between
//! every pair, and the atlas over a base layer.

use geo::MultiPolygon;
use rayon::prelude::*;
use std::sync::{Arc, Mutex};

use super::cache::{
    AnalysisCache, LayerKey, LayerProblems, PairKey, PairResult, layer_content, layer_key, pair_key,
};
use serde::Serialize;

use super::atlas::{Atlas, atlas};
use super::crosswalk::{CrosswalkRow, CrosswalkRows, PairReport, crosswalk, pair_report};
use super::prepare::{Adjustment, PreparedLayer};
use super::problems::{Problem, ProblemKind, gaps, overlaps};
use crate::geometry::{MIN_PIECE_AREA_M2, snap, union_all};
use std::borrow::Borrow;

use crate::model::Layer;

/// Settings of a run.
#[derive(Debug, Clone, Serialize)]
pub struct AnalysisOptions {
    /// Gaps and overlaps narrower than this (m) are slivers.
    pub sliver_width_m: f64,
    /// Every coordinate is rounded to this grid (m) before overlay.
    pub grid_m: f64,
    /// A numeric field (e.g. inwoners) to weight shares by.
    pub weight_field: Option<String>,
    /// The index (in the layers given) of the base layer for the atlas.
    pub base_layer: Option<usize>,
    /// Whether to compute the crosswalks between the layers (and the atlas); without, only
    /// the problems inside each layer (as a map highlighting them needs).
    pub between_layers: bool,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            sliver_width_m: 5.0,
            grid_m: 0.001,
            weight_field: None,
            base_layer: None,
            between_layers: true,
        }
    }
}

/// Counts and areas of one kind of problem.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Tally {
    pub count: usize,
    pub area_m2: f64,
}

impl Tally {
    fn add(&mut self, area: f64) {
        self.count += 1;
        self.area_m2 += area;
    }
}

/// What the run found in one layer.
#[derive(Debug, Clone, Serialize)]
pub struct LayerReport {
    pub name: String,
    pub path: String,
    pub features: usize,
    pub area_m2: f64,
    pub gaps: Tally,
    pub overlaps: Tally,
    pub slivers: Tally,
    pub repaired: usize,
    pub skipped: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_total: Option<f64>,
}

/// The settings as the report states them.
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    pub working_crs: String,
    pub sliver_width_m: f64,
    pub grid_m: f64,
    pub min_piece_area_m2: f64,
    pub extent: Option<String>,
    pub base: Option<String>,
    pub weight_field: Option<String>,
    pub weight_method: Option<&'static str>,
    pub repair_method: &'static str,
}

/// Everything one run found.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub settings: Settings,
    pub layers: Vec<LayerReport>,
    pub pairs: Vec<Arc<PairReport>>,
    /// Real gaps and overlaps first, largest first; then slivers, largest first.
    /// Each shared with the cache, not copied.
    pub problems: Vec<Arc<Problem>>,
    /// Every pair's rows, pair after pair (shared with the cache, not copied).
    pub crosswalk: CrosswalkRows,
    pub atlas: Option<Atlas>,
    /// Features repaired or left out, with the reason.
    pub adjustments: Vec<Adjustment>,
}

/// Names as given, made unique by a suffix where two layers share one.
fn unique_names<L: Borrow<Layer>>(layers: &[L]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for layer in layers.iter().map(Borrow::borrow) {
        let mut name = layer.name.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{}_{n}", layer.name);
            n += 1;
        }
        names.push(name);
    }
    names
}

/// The overlaps and gaps inside one layer.
fn layer_problems(
    layer: &PreparedLayer,
    extent: Option<&MultiPolygon<f64>>,
    sliver_width: f64,
) -> Vec<Problem> {
    let (mut found, gaps) = rayon::join(
        || overlaps(layer, sliver_width),
        || gaps(layer, extent, sliver_width),
    );
    found.extend(gaps);
    found
}

/// Every layer's problems in one list, layer after layer and then sorted as the report has
/// them: real gaps and overlaps first, then slivers, each largest first.
fn in_report_order(per_layer: &[LayerProblems]) -> Vec<Arc<Problem>> {
    let mut problems: Vec<Arc<Problem>> = per_layer.iter().flat_map(|found| found.iter().cloned()).collect();
    problems.sort_by(|a, b| {
        (a.kind == ProblemKind::Sliver)
            .cmp(&(b.kind == ProblemKind::Sliver))
            .then(b.area_m2.total_cmp(&a.area_m2))
    });
    problems
}

/// The cache, also after a run that panicked while holding it (its entries are whole: each is
/// put in at once).
fn lock_cache(cache: &Mutex<AnalysisCache>) -> std::sync::MutexGuard<'_, AnalysisCache> {
    cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Analyses the layers (all in one working CRS). `extent` is the territory every division
/// should cover, e.g. the municipal boundary.
pub fn analyse<L: Borrow<Layer> + Sync>(
    layers: &[L],
    extent: Option<&Layer>,
    options: &AnalysisOptions,
) -> Analysis {
    analyse_with_cache(layers, extent, options, None)
}

/// [`analyse`], taking what an earlier run found for unchanged layers and pairs from `cache`
/// and keeping what this run computes: after a change to one layer, only its problems and
/// the pairs with it are computed again.
pub fn analyse_with_cache<L: Borrow<Layer> + Sync>(
    layers: &[L],
    extent: Option<&Layer>,
    options: &AnalysisOptions,
    cache: Option<&Mutex<AnalysisCache>>,
) -> Analysis {
    analyse_streaming(layers, extent, options, cache, &|_| {})
}

/// A part of an analysis that is complete while the rest is still being computed, handed out
/// by [`analyse_streaming`] as it is: the command line writes it to its file at once.
pub enum Ready<'r> {
    /// Every layer's problems, in the order of [`Analysis::problems`].
    Problems(&'r [Arc<Problem>]),
    /// Every pair's rows, as [`Analysis::crosswalk`].
    Crosswalk(&'r CrosswalkRows),
}

/// [`analyse_with_cache`], handing each part to `ready` the moment it is complete: the
/// problems of the layers and the crosswalks between them are computed side by side, and
/// whichever is done first can be written while the other is still running.
pub fn analyse_streaming<L: Borrow<Layer> + Sync>(
    layers: &[L],
    extent: Option<&Layer>,
    options: &AnalysisOptions,
    cache: Option<&Mutex<AnalysisCache>>,
    ready: &(dyn Fn(Ready<'_>) + Sync),
) -> Analysis {
    let names = unique_names(layers);
    let weight = options.weight_field.as_deref();
    let prepared: Vec<PreparedLayer> = layers
        .par_iter()
        .zip(&names)
        .map(|(layer, name)| PreparedLayer::new(layer.borrow(), name, options.grid_m, weight))
        .collect();
    let extent_geometry: Option<MultiPolygon<f64>> = extent.map(|layer| {
        let polygons: Vec<geo::Polygon<f64>> = layer
            .features
            .iter()
            .flat_map(|f| snap(&f.geometry, options.grid_m).0)
            .collect();
        union_all(&polygons)
    });

    // With a cache, what an earlier run found for an unchanged layer or pair is taken from it,
    // and only the rest is computed.
    // The lock is held to look up and to store, not while computing: the window's map preview
    // and its analysis may run at the same time.
    let mut kept = cache.map(lock_cache);
    if let Some(kept) = kept.as_mut() {
        kept.begin_run();
    }
    // Fingerprints read every coordinate; without a cache they are not needed.
    let content = |layer: &Layer| cache.map_or(0, |_| layer_content(layer));
    let extent_content = extent.map(content);
    let layer_keys: Vec<LayerKey> = layers
        .iter()
        .zip(&names)
        .map(|(layer, name)| {
            layer_key(
                content(layer.borrow()),
                name,
                extent_content,
                options.sliver_width_m,
                options.grid_m,
            )
        })
        .collect();
    let known_layers: Vec<Option<LayerProblems>> = layer_keys
        .iter()
        .map(|&key| kept.as_mut().and_then(|c| c.layer(key)))
        .collect();
    let layer_was_known: Vec<bool> = known_layers.iter().map(Option::is_some).collect();
    let pair_indices: Vec<(usize, usize)> = (0..prepared.len())
        .flat_map(|i| (i + 1..prepared.len()).map(move |j| (i, j)))
        .filter(|_| options.between_layers)
        .collect();
    let pair_keys: Vec<PairKey> = pair_indices
        .iter()
        .map(|&(i, j)| {
            pair_key(
                layer_keys[i],
                layer_keys[j],
                prepared[i].weights.as_deref(),
                prepared[j].weights.as_deref(),
            )
        })
        .collect();
    let known_pairs: Vec<Option<PairResult>> = pair_keys
        .iter()
        .map(|&key| kept.as_mut().and_then(|c| c.pair(key)))
        .collect();
    let pair_was_known: Vec<bool> = known_pairs.iter().map(Option::is_some).collect();
    drop(kept);

    // The problems inside each layer and the crosswalks between them are independent: run
    // side by side, one's sequential stretches (the union of a layer, merging piled overlaps)
    // leave the other core to the other.
    let ((per_layer, problems), (per_pair, rows)) = rayon::join(
        || {
            let per_layer = prepared
                .par_iter()
                .zip(known_layers)
                .map(|(layer, known)| {
                    known.unwrap_or_else(|| {
                        layer_problems(layer, extent_geometry.as_ref(), options.sliver_width_m)
                            .into_iter()
                            .map(Arc::new)
                            .collect()
                    })
                })
                .collect::<Vec<_>>();
            let problems = in_report_order(&per_layer);
            ready(Ready::Problems(&problems));
            (per_layer, problems)
        },
        || {
            let per_pair = pair_indices
                .par_iter()
                .zip(known_pairs)
                .map(|(&(i, j), known)| {
                    known.unwrap_or_else(|| {
                        let rows = crosswalk(&prepared[i], &prepared[j], options.sliver_width_m);
                        let report = pair_report(&prepared[i], &prepared[j], &rows);
                        (Arc::from(rows), Arc::new(report))
                    })
                })
                .collect::<Vec<_>>();
            let rows = CrosswalkRows::from_pairs(per_pair.iter().map(|(rows, _)| rows.clone()).collect());
            ready(Ready::Crosswalk(&rows));
            (per_pair, rows)
        },
    );
    if let Some(mut cache) = cache.map(lock_cache) {
        for ((key, problems), known) in layer_keys.iter().zip(&per_layer).zip(&layer_was_known) {
            if !known {
                cache.keep_layer(*key, problems.clone());
            }
        }
        for ((key, result), known) in pair_keys.iter().zip(&per_pair).zip(&pair_was_known) {
            if !known {
                cache.keep_pair(*key, result.clone());
            }
        }
    }

    let mut reports = Vec::new();
    for ((layer, source), found) in prepared
        .iter()
        .zip(layers.iter().map(Borrow::borrow))
        .zip(per_layer)
    {
        let mut report = LayerReport {
            name: layer.name.clone(),
            path: source.source.display().to_string(),
            features: layer.len(),
            area_m2: layer.total_area(),
            gaps: Tally::default(),
            overlaps: Tally::default(),
            slivers: Tally::default(),
            repaired: layer.repaired.len(),
            skipped: layer.skipped.len(),
            weight_total: layer.weights.as_ref().map(|w| w.iter().sum()),
        };
        for problem in found.iter() {
            match problem.kind {
                ProblemKind::Gap => report.gaps.add(problem.area_m2),
                ProblemKind::Overlap => report.overlaps.add(problem.area_m2),
                ProblemKind::Sliver => report.slivers.add(problem.area_m2),
            }
        }
        reports.push(report);
    }

    let (pair_rows, pairs): (Vec<_>, Vec<_>) = per_pair.into_iter().unzip();

    let atlas = options
        .base_layer
        .filter(|&b| b < prepared.len())
        .map(|base| {
            let others: Vec<(&str, &[CrosswalkRow], bool)> = pair_indices
                .iter()
                .zip(&pair_rows)
                .filter(|((i, j), _)| *i == base || *j == base)
                .map(|(&(i, j), rows)| {
                    let other = if i == base { j } else { i };
                    (prepared[other].name.as_str(), &rows[..], i == base)
                })
                .collect();
            atlas(&prepared[base], &others)
        });

    let adjustments = prepared
        .iter()
        .flat_map(|p| p.repaired.iter().chain(&p.skipped).cloned())
        .collect();
    Analysis {
        settings: Settings {
            working_crs: layers
                .first()
                .map(|l| l.borrow().working_crs.to_string())
                .unwrap_or_default(),
            sliver_width_m: options.sliver_width_m,
            grid_m: options.grid_m,
            min_piece_area_m2: MIN_PIECE_AREA_M2,
            extent: extent.map(|l| l.source.display().to_string()),
            base: options.base_layer.and_then(|b| names.get(b).cloned()),
            weight_field: options.weight_field.clone(),
            weight_method: options.weight_field.as_ref().map(
                |_| "spread by area inside each source feature (uniform density within a feature)",
            ),
            repair_method: "invalid features are replaced by the union of their own rings under the non-zero winding rule",
        },
        layers: reports,
        pairs,
        problems,
        crosswalk: rows,
        atlas,
        adjustments,
    }
}
