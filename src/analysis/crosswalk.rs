//! Between two divisions: which area of A lies in which area of B and how much (the crosswalk),
//! and how well A nests in B (the fit).

use std::sync::Arc;

use geo::Area;
use rayon::prelude::*;
use serde::Serialize;

use super::prepare::PreparedLayer;
use crate::geometry::{is_sliver, union_of_boxes};

/// One (a, b) pair that shares area.
#[derive(Debug, Clone, Serialize)]
pub struct CrosswalkRow {
    pub layer_a: String,
    pub id_a: String,
    pub layer_b: String,
    pub id_b: String,
    pub area_m2: f64,
    /// Fraction of a's area inside b.
    pub share_a: f64,
    /// Fraction of b's area inside a.
    pub share_b: f64,
    /// True when every part of the shared piece is narrower than the sliver width.
    pub sliver: bool,
    /// a's weight (e.g. inwoners) inside the piece, spread by area over a.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_a: Option<f64>,
    /// b's weight inside the piece, spread by area over b.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_b: Option<f64>,
}

/// The crosswalk rows of every pair of layers, pair after pair. A pair's rows are held once and
/// shared, not copied: the window's cache keeps them for the next run, and every analysis the
/// window shows (its tables, the differences list, the map preview) reads the same rows
/// (nationally 42,000 rows, about 8 MB).
#[derive(Debug, Clone, Default)]
pub struct CrosswalkRows {
    pairs: Vec<Arc<[CrosswalkRow]>>,
}

impl CrosswalkRows {
    /// The rows of each pair, in order.
    pub fn from_pairs(pairs: Vec<Arc<[CrosswalkRow]>>) -> CrosswalkRows {
        CrosswalkRows { pairs }
    }

    /// How many rows all pairs have.
    pub fn len(&self) -> usize {
        self.pairs.iter().map(|rows| rows.len()).sum()
    }

    /// True when no pair shares any area.
    pub fn is_empty(&self) -> bool {
        self.pairs.iter().all(|rows| rows.is_empty())
    }

    /// Every row, pair after pair.
    pub fn iter(&self) -> impl Iterator<Item = &CrosswalkRow> + Clone {
        self.pairs.iter().flat_map(|rows| rows.iter())
    }

    /// Each pair's rows.
    pub fn pairs(&self) -> impl Iterator<Item = &[CrosswalkRow]> {
        self.pairs.iter().map(|rows| &rows[..])
    }

    /// Row `index` of [`CrosswalkRows::iter`].
    pub fn get(&self, mut index: usize) -> Option<&CrosswalkRow> {
        for rows in &self.pairs {
            match rows.get(index) {
                Some(row) => return Some(row),
                None => index -= rows.len(),
            }
        }
        None
    }

    /// Tells these rows from others: equal only for the same pairs' rows (the same shared
    /// rows), so a view derived from them (a sorted table) can be kept while it is.
    pub fn identity(&self) -> usize {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for rows in &self.pairs {
            (rows.as_ptr() as usize, rows.len()).hash(&mut hasher);
        }
        hasher.finish() as usize
    }
}

/// One list, as the rows were before they were shared: report.json and `--json` keep their shape.
impl Serialize for CrosswalkRows {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// Every pair of features of `a` and `b` that share more than the noise floor, by feature of
/// `a`, and within one by id of `b`.
///
/// The candidate pairs are shared out one by one rather than by feature of `a`: one large
/// feature with hundreds of candidates (a rural buurt, a lake) would otherwise be one task,
/// and the analysis would end on one core while the other waits for it (nationally the last
/// ~100 ms).
pub fn crosswalk(a: &PreparedLayer, b: &PreparedLayer, sliver_width: f64) -> Vec<CrosswalkRow> {
    let candidates: Vec<(usize, usize)> = (0..a.len())
        .into_par_iter()
        .flat_map_iter(|i| {
            let found: Vec<usize> = match union_of_boxes(&a.part_boxes[i]) {
                Some(rect) => b.index.candidates(rect).collect(),
                None => Vec::new(),
            };
            found.into_iter().map(move |j| (i, j))
        })
        .collect();
    // Per candidate only what the overlay measured (16 bytes, not a row of four strings).
    let shared: Vec<Option<(f64, bool)>> = candidates
        .par_iter()
        .map(|&(i, j)| {
            let piece = a.intersection(i, b, j);
            if piece.0.is_empty() {
                return None;
            }
            let sliver = piece.0.iter().all(|p| is_sliver(p, sliver_width));
            Some((piece.unsigned_area(), sliver))
        })
        .collect();
    let row = |i: usize, j: usize, area: f64, sliver: bool| {
        let share_a = area / a.areas[i];
        let share_b = area / b.areas[j];
        CrosswalkRow {
            layer_a: a.name.clone(),
            id_a: a.ids[i].clone(),
            layer_b: b.name.clone(),
            id_b: b.ids[j].clone(),
            area_m2: area,
            share_a,
            share_b,
            sliver,
            weight_a: a.weights.as_ref().map(|w| w[i] * share_a),
            weight_b: b.weights.as_ref().map(|w| w[j] * share_b),
        }
    };
    // Candidates come feature by feature of `a`; each feature's rows are put in order of b's
    // ids (a stable sort, as the rows of one feature always were).
    let mut ordered = Vec::with_capacity(shared.iter().flatten().count());
    let mut start = 0;
    while start < candidates.len() {
        let i = candidates[start].0;
        let end = start + candidates[start..].iter().take_while(|c| c.0 == i).count();
        let first = ordered.len();
        ordered.extend(
            candidates[start..end]
                .iter()
                .zip(&shared[start..end])
                .filter_map(|(&(i, j), found)| found.map(|(area, sliver)| row(i, j, area, sliver))),
        );
        ordered[first..].sort_by(|x: &CrosswalkRow, y: &CrosswalkRow| x.id_b.cmp(&y.id_b));
        start = end;
    }
    ordered
}

/// For one feature: the area of the other division holding most of it.
#[derive(Debug, Clone, Serialize)]
pub struct BestMatch {
    pub id: String,
    /// `None` when nothing of the other division covers it.
    pub best: Option<String>,
    pub share: f64,
}

/// How two divisions relate as a whole.
#[derive(Debug, Clone, Serialize)]
pub struct PairReport {
    pub layer_a: String,
    pub layer_b: String,
    pub pieces: usize,
    pub sliver_pieces: usize,
    pub shared_area_m2: f64,
    /// Area-weighted mean over a of the largest share of a inside one b (1.0: A nests in B).
    pub fit_a_in_b: f64,
    /// The same the other way round.
    pub fit_b_in_a: f64,
    /// Weight-weighted fits, when a weight field is given and both layers have it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weighted_fit_a_in_b: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weighted_fit_b_in_a: Option<f64>,
    pub best_a_in_b: Vec<BestMatch>,
    pub best_b_in_a: Vec<BestMatch>,
}

/// The best match of every feature of `layer`, from crosswalk rows where it is side A
/// (`a_side`) or side B.
pub fn best_matches(layer: &PreparedLayer, rows: &[CrosswalkRow], a_side: bool) -> Vec<BestMatch> {
    let position: std::collections::HashMap<&str, usize> = layer
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let mut best: Vec<BestMatch> = layer
        .ids
        .iter()
        .map(|id| BestMatch {
            id: id.clone(),
            best: None,
            share: 0.0,
        })
        .collect();
    for row in rows {
        let (own, other, share) = if a_side {
            (&row.id_a, &row.id_b, row.share_a)
        } else {
            (&row.id_b, &row.id_a, row.share_b)
        };
        if let Some(&i) = position.get(own.as_str())
            && share > best[i].share
        {
            best[i] = BestMatch {
                id: own.clone(),
                best: Some(other.clone()),
                share,
            };
        }
    }
    best
}

fn mean_fit(best: &[BestMatch], weights: &[f64]) -> f64 {
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    best.iter()
        .zip(weights)
        .map(|(m, w)| m.share * w)
        .sum::<f64>()
        / total
}

/// Summarises the crosswalk of `a` and `b`.
pub fn pair_report(a: &PreparedLayer, b: &PreparedLayer, rows: &[CrosswalkRow]) -> PairReport {
    let best_a_in_b = best_matches(a, rows, true);
    let best_b_in_a = best_matches(b, rows, false);
    let weighted = |layer: &PreparedLayer, best: &[BestMatch]| {
        layer.weights.as_ref().map(|w| mean_fit(best, w))
    };
    PairReport {
        layer_a: a.name.clone(),
        layer_b: b.name.clone(),
        pieces: rows.len(),
        sliver_pieces: rows.iter().filter(|r| r.sliver).count(),
        shared_area_m2: rows.iter().map(|r| r.area_m2).sum(),
        fit_a_in_b: mean_fit(&best_a_in_b, &a.areas),
        fit_b_in_a: mean_fit(&best_b_in_a, &b.areas),
        weighted_fit_a_in_b: weighted(a, &best_a_in_b),
        weighted_fit_b_in_a: weighted(b, &best_b_in_a),
        best_a_in_b,
        best_b_in_a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Crs, Feature, Field, FieldType, Layer, SourceFormat, Value};
    use geo::{MultiPolygon, wkt};

    fn layer(
        name: &str,
        geometries: Vec<MultiPolygon<f64>>,
        weights: Option<Vec<i64>>,
    ) -> PreparedLayer<'static> {
        let layer = Layer {
            name: name.into(),
            source: name.into(),
            table: None,
            format: SourceFormat::GeoJson,
            source_crs: Crs::RD_NEW,
            working_crs: Crs::RD_NEW,
            id_field: None,
            fields: vec![Field {
                name: "inwoners".into(),
                kind: FieldType::Integer,
            }],
            features: geometries
                .into_iter()
                .enumerate()
                .map(|(i, geometry)| Feature {
                    id: format!("{name}{i}"),
                    attributes: vec![
                        weights
                            .as_ref()
                            .map(|w| Value::Integer(w[i]))
                            .unwrap_or(Value::Null),
                    ],
                    geometry,
                    problems: vec![],
                })
                .collect(),
            geometry_types: Default::default(),
            skipped: Default::default(),
            notes: Vec::new(),
        };
        PreparedLayer::new(Box::leak(Box::new(layer)), name, 0.001, Some("inwoners"))
    }

    #[test]
    fn halves_of_a_square_against_quarters() {
        let a = layer(
            "a",
            vec![
                wkt!(MULTIPOLYGON(((0. 0.,100. 0.,100. 50.,0. 50.,0. 0.)))),
                wkt!(MULTIPOLYGON(((0. 50.,100. 50.,100. 100.,0. 100.,0. 50.)))),
            ],
            Some(vec![1000, 10]),
        );
        let b = layer(
            "b",
            vec![
                wkt!(MULTIPOLYGON(((0. 0.,30. 0.,30. 100.,0. 100.,0. 0.)))),
                wkt!(MULTIPOLYGON(((30. 0.,100. 0.,100. 100.,30. 100.,30. 0.)))),
            ],
            None,
        );
        let rows = crosswalk(&a, &b, 5.0);
        assert_eq!(rows.len(), 4);
        let row = rows
            .iter()
            .find(|r| r.id_a == "a0" && r.id_b == "b1")
            .unwrap();
        assert!((row.area_m2 - 3500.0).abs() < 1e-6);
        assert!((row.share_a - 0.7).abs() < 1e-9);
        assert!((row.share_b - 0.5).abs() < 1e-9);
        assert!(!row.sliver);
        assert_eq!(row.weight_a.map(|w| w.round()), Some(700.0));
        let report = pair_report(&a, &b, &rows);
        assert!((report.fit_a_in_b - 0.7).abs() < 1e-9);
        assert!((report.fit_b_in_a - 0.5).abs() < 1e-9);
        assert_eq!(report.best_a_in_b[0].best.as_deref(), Some("b1"));
    }

    #[test]
    fn a_nested_division_fits_perfectly_and_touching_neighbours_share_nothing() {
        let small = layer(
            "s",
            vec![
                wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.)))),
                wkt!(MULTIPOLYGON(((10. 0.,20. 0.,20. 10.,10. 10.,10. 0.)))),
            ],
            None,
        );
        let big = layer(
            "g",
            vec![wkt!(MULTIPOLYGON(((0. 0.,20. 0.,20. 10.,0. 10.,0. 0.))))],
            None,
        );
        let rows = crosswalk(&small, &big, 5.0);
        assert_eq!(rows.len(), 2);
        assert!(pair_report(&small, &big, &rows).fit_a_in_b > 1.0 - 1e-9);
        assert!(
            crosswalk(&small, &small, 5.0)
                .iter()
                .all(|r| r.id_a == r.id_b)
        );
    }

    #[test]
    fn a_thin_shared_strip_is_a_sliver() {
        let a = layer(
            "a",
            vec![wkt!(MULTIPOLYGON(((0. 0.,102. 0.,102. 100.,0. 100.,0. 0.))))],
            None,
        );
        let b = layer(
            "b",
            vec![wkt!(MULTIPOLYGON(((100. 0.,200. 0.,200. 100.,100. 100.,100. 0.))))],
            None,
        );
        let rows = crosswalk(&a, &b, 5.0);
        assert_eq!(rows.len(), 1);
        assert!(rows[0].sliver);
    }
}
