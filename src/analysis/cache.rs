//! Results of earlier runs, kept so that a front end that analyses often (the window: after
//! each change, for the tables, the differences list and the printed map's preview) redoes only
//! what changed: the problems of a layer whose content, name and settings are unchanged, and
//! the crosswalk of a pair of such layers, are taken from here.

use std::collections::HashMap;
use std::sync::Arc;

use super::crosswalk::{CrosswalkRow, PairReport};
use super::problems::Problem;
use crate::model::Layer;

/// What a layer's problems depend on: its content under its (unique) name, the extent's
/// content, the sliver width and the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct LayerKey(u64);

/// What a pair's crosswalk depends on: both layers' keys and the weight field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct PairKey(u64);

/// A layer's problems, each shared with every analysis that shows it.
pub(super) type LayerProblems = Arc<[Arc<Problem>]>;

/// A pair's crosswalk rows and its summary, as a run computed them (shared, never copied).
pub(super) type PairResult = (Arc<[CrosswalkRow]>, Arc<PairReport>);

/// Runs after which an unused result is dropped: enough for the window's analysis and the
/// map preview (which checks the partners without the extent) to keep each other's results.
const KEEP_RUNS: u64 = 4;

/// Kept results, with the run that last used each.
#[derive(Default)]
pub struct AnalysisCache {
    run: u64,
    layers: HashMap<LayerKey, (u64, LayerProblems)>,
    pairs: HashMap<PairKey, (u64, PairResult)>,
    /// How many layer and pair results the last run took from here, and how many it computed.
    pub last_run: CacheUse,
}

/// How a run used the cache.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheUse {
    pub layers_reused: usize,
    pub layers_computed: usize,
    pub pairs_reused: usize,
    pub pairs_computed: usize,
}

impl AnalysisCache {
    pub fn new() -> AnalysisCache {
        AnalysisCache::default()
    }

    /// Starts a run: results not used for [`KEEP_RUNS`] runs are dropped.
    pub(super) fn begin_run(&mut self) {
        self.run += 1;
        let oldest = self.run.saturating_sub(KEEP_RUNS);
        self.layers.retain(|_, (used, _)| *used > oldest);
        self.pairs.retain(|_, (used, _)| *used > oldest);
        self.last_run = CacheUse::default();
    }

    pub(super) fn layer(&mut self, key: LayerKey) -> Option<LayerProblems> {
        let found = take_for_run(&mut self.layers, key, self.run);
        self.last_run.layers_reused += usize::from(found.is_some());
        found
    }

    pub(super) fn keep_layer(&mut self, key: LayerKey, problems: LayerProblems) {
        self.last_run.layers_computed += 1;
        self.layers.insert(key, (self.run, problems));
    }

    pub(super) fn pair(&mut self, key: PairKey) -> Option<PairResult> {
        let found = take_for_run(&mut self.pairs, key, self.run);
        self.last_run.pairs_reused += usize::from(found.is_some());
        found
    }

    pub(super) fn keep_pair(&mut self, key: PairKey, result: PairResult) {
        self.last_run.pairs_computed += 1;
        self.pairs.insert(key, (self.run, result));
    }
}

/// A kept result, marked as used by `run`.
fn take_for_run<K: std::hash::Hash + Eq, V: Clone>(kept: &mut HashMap<K, (u64, V)>, key: K, run: u64) -> Option<V> {
    kept.get_mut(&key).map(|(used, value)| {
        *used = run;
        value.clone()
    })
}

/// FNV-1a, fed field by field.
struct Fingerprint(u64);

impl Fingerprint {
    fn new() -> Fingerprint {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }
    fn number(&mut self, value: u64) -> &mut Self {
        self.bytes(&value.to_le_bytes())
    }
}

/// The content of a layer that its problems and crosswalks depend on: ids and every
/// coordinate (weights go into the pair's key).
pub(super) fn layer_content(layer: &Layer) -> u64 {
    let mut print = Fingerprint::new();
    print.number(layer.features.len() as u64);
    for feature in &layer.features {
        print.bytes(feature.id.as_bytes()).number(0);
        for polygon in &feature.geometry.0 {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                print.number(ring.0.len() as u64);
                for c in &ring.0 {
                    print.number(c.x.to_bits()).number(c.y.to_bits());
                }
            }
        }
    }
    print.0
}

pub(super) fn layer_key(
    content: u64,
    name: &str,
    extent: Option<u64>,
    sliver_width_m: f64,
    grid_m: f64,
) -> LayerKey {
    let mut print = Fingerprint::new();
    print
        .number(content)
        .bytes(name.as_bytes())
        .number(0)
        .number(extent.map_or(0, |e| e ^ 1))
        .number(sliver_width_m.to_bits())
        .number(grid_m.to_bits());
    LayerKey(print.0)
}

/// A pair's key: both layers' keys and each one's weights (the weight field's values, which
/// weighted shares and fits are computed from).
pub(super) fn pair_key(
    a: LayerKey,
    b: LayerKey,
    weights_a: Option<&[f64]>,
    weights_b: Option<&[f64]>,
) -> PairKey {
    let mut print = Fingerprint::new();
    print.number(a.0).number(b.0);
    for weights in [weights_a, weights_b] {
        print.number(weights.map_or(0, |w| w.len() as u64 + 1));
        for w in weights.unwrap_or(&[]) {
            print.number(w.to_bits());
        }
    }
    PairKey(print.0)
}
