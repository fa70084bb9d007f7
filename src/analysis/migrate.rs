//! Carrying an agreed division to a new vintage of its base units (CBS renumbers, splits and
//! merges buurten every year): every new unit goes to the area holding the largest part of it,
//! and says how it relates to the old units — the same, recoded, split, merged, reshaped — or
//! that it straddles areas and must be decided by hand. Vintages come from differently
//! generalised sources, so "the same place" allows a boundary band, never exact geometry.

use std::collections::HashMap;

use geo::{Euclidean, Length};
use serde::Serialize;

use super::crosswalk::crosswalk;
use super::prepare::PreparedLayer;
use crate::model::{Layer, WORKING_GRID_M};

/// How a new unit relates to the old ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MigrationStatus {
    /// Same code, same place.
    Same,
    /// Another code, same place.
    Recode,
    /// Part of one old unit.
    Split,
    /// Two or more old units together.
    Merged,
    /// None of these: boundaries moved.
    Reshaped,
    /// Less than the minimum share in one area: to be decided.
    Straddles,
}

impl MigrationStatus {
    pub const ALL: [MigrationStatus; 6] = [
        MigrationStatus::Same,
        MigrationStatus::Recode,
        MigrationStatus::Split,
        MigrationStatus::Merged,
        MigrationStatus::Reshaped,
        MigrationStatus::Straddles,
    ];

    pub fn name(self) -> &'static str {
        match self {
            MigrationStatus::Same => "same",
            MigrationStatus::Recode => "recode",
            MigrationStatus::Split => "split",
            MigrationStatus::Merged => "merged",
            MigrationStatus::Reshaped => "reshaped",
            MigrationStatus::Straddles => "straddles",
        }
    }
}

/// One new unit.
#[derive(Clone, Debug, Serialize)]
pub struct MigratedUnit {
    pub unit: String,
    /// The area holding the largest part of it (`None`: outside every area, or straddling).
    pub area: Option<String>,
    /// The area holding most of it, straddling or not.
    pub best_area: Option<String>,
    /// Its area inside `best_area` / its area inside any area (by weight with a weight field).
    pub share: f64,
    /// The same by area, always.
    pub area_share: f64,
    pub status: MigrationStatus,
    /// The old units it came from (holding a real part of it), largest first.
    pub from: Vec<String>,
    /// Its weight carried from the old units (spread by area), with a weight field.
    pub weight: Option<f64>,
}

/// The migration of a division.
#[derive(Clone, Debug)]
pub struct Migration {
    pub units: Vec<MigratedUnit>,
}

impl Migration {
    pub fn count(&self, status: MigrationStatus) -> usize {
        self.units.iter().filter(|u| u.status == status).count()
    }
}

/// Places are "the same" when they differ by no more than a band this wide (m) along their
/// boundary: the generalisation difference between CBS vintages.
pub const SAME_PLACE_BAND_M: f64 = 15.0;

/// Old units with less than this share of a new unit are not among those it came from.
const FROM_SHARE: f64 = 0.05;

/// Migrates `old_areas` (the agreed areas, made of `old_units`) onto `new_units`.
pub fn migrate(
    old_units: &Layer,
    old_areas: &Layer,
    new_units: &Layer,
    weight_field: Option<&str>,
    min_share: f64,
) -> Migration {
    let weight = weight_field.filter(|f| old_units.field_index(f).is_some());
    let new = PreparedLayer::new(new_units, &new_units.name, WORKING_GRID_M, None);
    let old = PreparedLayer::new(old_units, &old_units.name, WORKING_GRID_M, weight);
    let areas = PreparedLayer::new(old_areas, &old_areas.name, WORKING_GRID_M, None);
    let perimeter = |g: &geo::MultiPolygon<f64>| -> f64 {
        g.0.iter()
            .map(|p| Euclidean.length(p.exterior()) + p.interiors().iter().map(|r| Euclidean.length(r)).sum::<f64>())
            .sum()
    };
    let new_perimeters: Vec<f64> = new.geometries.iter().map(|g| perimeter(g)).collect();
    let old_perimeters: Vec<f64> = old.geometries.iter().map(|g| perimeter(g)).collect();
    let old_index: HashMap<&str, usize> = old.ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    let new_index: HashMap<&str, usize> = new.ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();

    // New unit × old unit, and old unit × area (for weights spread into the areas).
    let mut with_old: Vec<Vec<(usize, f64)>> = vec![Vec::new(); new.len()];
    for row in crosswalk(&new, &old, 0.0) {
        if let (Some(&n), Some(&o)) = (new_index.get(row.id_a.as_str()), old_index.get(row.id_b.as_str())) {
            with_old[n].push((o, row.area_m2));
        }
    }
    let area_names: Vec<String> = areas.ids.clone();
    let mut with_areas: Vec<Vec<(usize, f64)>> = vec![Vec::new(); new.len()];
    for row in crosswalk(&new, &areas, 0.0) {
        if let (Some(&n), Some(a)) = (new_index.get(row.id_a.as_str()), areas.ids.iter().position(|id| id == &row.id_b)) {
            with_areas[n].push((a, row.area_m2));
        }
    }
    // Which area each old unit lies in (most of it), to spread its weight by.
    let old_area: Vec<Option<usize>> = {
        let mut best: Vec<Option<(usize, f64)>> = vec![None; old.len()];
        for row in crosswalk(&old, &areas, 0.0) {
            if let (Some(&o), Some(a)) = (old_index.get(row.id_a.as_str()), areas.ids.iter().position(|id| id == &row.id_b))
                && best[o].is_none_or(|(_, area)| row.area_m2 > area)
            {
                best[o] = Some((a, row.area_m2));
            }
        }
        best.into_iter().map(|b| b.map(|(a, _)| a)).collect()
    };

    let units = (0..new.len())
        .map(|n| {
            let inside_any: f64 = with_areas[n].iter().map(|(_, a)| a).sum();
            let best = with_areas[n]
                .iter()
                .copied()
                .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
            let area_share = best.map_or(0.0, |(_, a)| if inside_any > 0.0 { a / inside_any } else { 0.0 });
            // With a weight: the old units' weight inside this new unit, by the area each of
            // those old units lies in.
            let (share, carried) = match &old.weights {
                Some(weights) => {
                    let mut by_area: HashMap<usize, f64> = HashMap::new();
                    let mut total = 0.0;
                    for &(o, shared) in &with_old[n] {
                        let w = weights[o] * shared / old.areas[o].max(1e-9);
                        total += w;
                        if let Some(a) = old_area[o] {
                            *by_area.entry(a).or_insert(0.0) += w;
                        }
                    }
                    let in_best = best.and_then(|(a, _)| by_area.get(&a).copied()).unwrap_or(0.0);
                    let share = if total > 0.0 { in_best / total } else { area_share };
                    (share, Some(total))
                }
                None => (area_share, None),
            };
            let mut from: Vec<(usize, f64)> = with_old[n]
                .iter()
                .copied()
                .filter(|&(_, shared)| shared >= FROM_SHARE * new.areas[n])
                .collect();
            from.sort_by(|x, y| y.1.total_cmp(&x.1));
            let band_new = new_perimeters[n] * SAME_PLACE_BAND_M;
            let within = |o: usize, shared: f64| old.areas[o] - shared <= old_perimeters[o] * SAME_PLACE_BAND_M;
            let holds = |shared: f64| new.areas[n] - shared <= band_new;
            let same_place = |o: usize, shared: f64| within(o, shared) && holds(shared);
            let status = if best.is_some() && share < min_share {
                MigrationStatus::Straddles
            } else if let Some(&(o, shared)) = from.iter().find(|&&(o, _)| old.ids[o] == new.ids[n]) {
                if same_place(o, shared) { MigrationStatus::Same } else { reshaped_or(&from, holds, within) }
            } else if let Some(&(o, shared)) = from.first() {
                if same_place(o, shared) {
                    MigrationStatus::Recode
                } else {
                    reshaped_or(&from, holds, within)
                }
            } else {
                MigrationStatus::Reshaped
            };
            let area = best
                .filter(|_| status != MigrationStatus::Straddles)
                .map(|(a, _)| area_names[a].clone());
            MigratedUnit {
                unit: new.ids[n].clone(),
                area,
                best_area: best.map(|(a, _)| area_names[a].clone()),
                share,
                area_share,
                status,
                from: from.iter().map(|&(o, _)| old.ids[o].clone()).collect(),
                weight: carried,
            }
        })
        .collect();
    Migration { units }
}

/// A split (the new unit inside one old unit that is larger), a merge (old units each inside
/// the new unit, together filling it), or else reshaped.
fn reshaped_or(from: &[(usize, f64)], holds: impl Fn(f64) -> bool, within: impl Fn(usize, f64) -> bool) -> MigrationStatus {
    if let Some(&(o, shared)) = from.first()
        && holds(shared)
        && !within(o, shared)
    {
        return MigrationStatus::Split;
    }
    let inside: Vec<&(usize, f64)> = from.iter().filter(|&&(o, shared)| within(o, shared)).collect();
    if inside.len() >= 2 && holds(inside.iter().map(|(_, s)| s).sum()) {
        return MigrationStatus::Merged;
    }
    MigrationStatus::Reshaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Crs;
    use geo::{MultiPolygon, Rect};

    fn square(x0: f64, y0: f64, x1: f64, y1: f64) -> MultiPolygon<f64> {
        MultiPolygon::new(vec![Rect::new((x0, y0), (x1, y1)).to_polygon()])
    }

    fn layer(name: &str, features: Vec<(&str, MultiPolygon<f64>)>) -> Layer {
        Layer::from_geometries(name, Crs::RD_NEW, features.into_iter().map(|(id, g)| (id.to_string(), g)))
    }

    /// Old: four 1 km units in a row, A = units 1–2 (west), B = units 3–4 (east).
    fn old() -> (Layer, Layer) {
        let units = layer(
            "buurten_2015",
            vec![
                ("u1", square(0.0, 0.0, 1000.0, 1000.0)),
                ("u2", square(1000.0, 0.0, 2000.0, 1000.0)),
                ("u3", square(2000.0, 0.0, 3000.0, 1000.0)),
                ("u4", square(3000.0, 0.0, 4000.0, 1000.0)),
            ],
        );
        let areas = layer("gebieden", vec![("A", square(0.0, 0.0, 2000.0, 1000.0)), ("B", square(2000.0, 0.0, 4000.0, 1000.0))]);
        (units, areas)
    }

    fn status_of(m: &Migration, unit: &str) -> (MigrationStatus, Option<String>) {
        let u = m.units.iter().find(|u| u.unit == unit).unwrap();
        (u.status, u.area.clone())
    }

    #[test]
    fn recodes_splits_merges_moved_boundaries_and_straddlers_are_told_apart() {
        let (old_units, old_areas) = old();
        let new_units = layer(
            "buurten_2019",
            vec![
                // u1 as it was, 5 m off (a generalisation difference): the same.
                ("u1", square(5.0, 0.0, 1005.0, 1000.0)),
                // u2 under a new code: a recode.
                ("n2", square(1005.0, 0.0, 2000.0, 1000.0)),
                // u3 split in two.
                ("n3a", square(2000.0, 0.0, 2500.0, 1000.0)),
                ("n3b", square(2500.0, 0.0, 3000.0, 1000.0)),
                // u4 plus a strip east of it that was nobody's: reshaped, still in B.
                ("n4", square(3000.0, 0.0, 4300.0, 1000.0)),
            ],
        );
        let m = migrate(&old_units, &old_areas, &new_units, None, 0.9);
        assert_eq!(status_of(&m, "u1"), (MigrationStatus::Same, Some("A".into())));
        assert_eq!(status_of(&m, "n2"), (MigrationStatus::Recode, Some("A".into())));
        assert_eq!(status_of(&m, "n3a"), (MigrationStatus::Split, Some("B".into())));
        assert_eq!(status_of(&m, "n3b"), (MigrationStatus::Split, Some("B".into())));
        assert_eq!(status_of(&m, "n4"), (MigrationStatus::Reshaped, Some("B".into())));
    }

    #[test]
    fn a_merge_within_an_area_and_a_unit_straddling_two() {
        let (old_units, old_areas) = old();
        let new_units = layer(
            "buurten_2019",
            vec![
                ("n12", square(0.0, 0.0, 2000.0, 1000.0)),
                // Across the A|B line: 40 % in A, 60 % in B.
                ("n34", square(1600.0, 0.0, 2600.0, 1000.0)),
            ],
        );
        let m = migrate(&old_units, &old_areas, &new_units, None, 0.9);
        assert_eq!(status_of(&m, "n12"), (MigrationStatus::Merged, Some("A".into())));
        let straddler = m.units.iter().find(|u| u.unit == "n34").unwrap();
        assert_eq!(straddler.status, MigrationStatus::Straddles);
        assert_eq!(straddler.area, None);
        assert_eq!(straddler.best_area.as_deref(), Some("B"));
        assert!((straddler.share - 0.6).abs() < 1e-6);
        assert_eq!(straddler.from, ["u3", "u2"]);
        assert_eq!(m.count(MigrationStatus::Straddles), 1);
    }
}
