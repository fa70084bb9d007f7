//! Nesting a partner division in base units: "which buurten make up this police area, and how
//! much does not fit?". Every base unit goes to the partner area holding the largest share of
//! its area; per partner area, its units and the misfit, the area of the symmetric difference
//! between the partner area and the union of its units.
//!
//! The misfit needs no second overlay: units tile without overlapping, so the union of a
//! partner area's units has the sum of their areas, and its overlap with the partner area is
//! the sum of the crosswalk pieces of those units; |P △ U| = |P| + |U| − 2 |P ∩ U|.

use serde::Serialize;

use super::crosswalk::crosswalk;
use super::prepare::PreparedLayer;
use crate::geometry::union_all;
use crate::model::{Layer, WORKING_GRID_M};

/// One partner area and the units nested in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NestRow {
    pub partner_id: String,
    /// The base units assigned to it, in the base layer's order.
    pub units: Vec<String>,
    pub area_m2: f64,
    /// Area of the symmetric difference between the partner area and its units' union.
    pub misfit_m2: f64,
    /// `misfit_m2 / area_m2`.
    pub misfit_share: f64,
    /// With a weight: the partner area's weight (e.g. inwoners), and the part of it living
    /// outside its units; spread by area.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_total: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_outside: Option<f64>,
}

/// The nest of a partner division in base units.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Nest {
    pub partner: String,
    pub base: String,
    /// One row per partner area, in the partner layer's order.
    pub rows: Vec<NestRow>,
    /// Base unit id → the partner area it went to (`None`: it shares no area with any).
    pub assignment: Vec<(String, Option<String>)>,
}

impl Nest {
    /// Rows by misfit share, worst first.
    pub fn worst_first(&self) -> Vec<&NestRow> {
        let mut rows: Vec<&NestRow> = self.rows.iter().collect();
        rows.sort_by(|a, b| b.misfit_share.total_cmp(&a.misfit_share));
        rows
    }
}

/// Nests `partner` in `base`. `weight_field` is looked for on the base units first (inwoners of
/// buurten, spread over a partner area by the area of each unit inside it), else on the
/// partner areas (spread by area inside each).
pub fn nest(partner: &Layer, base: &Layer, weight_field: Option<&str>) -> Nest {
    let on_base = weight_field.filter(|f| base.field_index(f).is_some());
    let on_partner = weight_field.filter(|f| on_base.is_none() && partner.field_index(f).is_some());
    let units = PreparedLayer::new(base, &base.name, WORKING_GRID_M, on_base);
    let areas = PreparedLayer::new(partner, &partner.name, WORKING_GRID_M, on_partner);
    let rows = crosswalk(&units, &areas, 0.0);

    // Each unit to the partner area holding most of it (ties: the first partner area).
    let index_of: std::collections::HashMap<&str, usize> =
        areas.ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    let mut best: Vec<Option<(usize, f64)>> = vec![None; units.len()];
    let unit_index: std::collections::HashMap<&str, usize> =
        units.ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    // Per (unit, partner): shared area and the unit's weight inside it.
    let mut shared: Vec<Vec<(usize, f64, f64)>> = vec![Vec::new(); units.len()];
    for row in &rows {
        let (Some(&u), Some(&p)) = (unit_index.get(row.id_a.as_str()), index_of.get(row.id_b.as_str())) else {
            continue;
        };
        shared[u].push((p, row.area_m2, row.weight_a.unwrap_or(0.0)));
        let better = match best[u] {
            None => true,
            Some((q, area)) => row.area_m2 > area || (row.area_m2 == area && p < q),
        };
        if better {
            best[u] = Some((p, row.area_m2));
        }
    }

    let mut units_of: Vec<Vec<usize>> = vec![Vec::new(); areas.len()];
    for (u, choice) in best.iter().enumerate() {
        if let Some((p, _)) = choice {
            units_of[*p].push(u);
        }
    }
    let weighted = on_base.is_some() || on_partner.is_some();
    // The units' weight inside each partner area, in one pass over the pieces.
    let mut weight_in = vec![0.0; areas.len()];
    for &(p, _, w) in shared.iter().flatten() {
        weight_in[p] += w;
    }
    let nest_rows = (0..areas.len())
        .map(|p| {
            let mine = &units_of[p];
            let units_area: f64 = mine.iter().map(|&u| units.areas[u]).sum();
            let inside: f64 = mine
                .iter()
                .flat_map(|&u| shared[u].iter().filter(|(q, _, _)| *q == p))
                .map(|(_, area, _)| area)
                .sum();
            let area = areas.areas[p];
            let misfit = (area + units_area - 2.0 * inside).max(0.0);
            let (weight_total, weight_outside) = if on_base.is_some() {
                // The units' weight inside this partner area, and the part of it in units
                // that went elsewhere.
                let all = weight_in[p];
                let in_own: f64 = mine
                    .iter()
                    .flat_map(|&u| shared[u].iter().filter(|(q, _, _)| *q == p))
                    .map(|(_, _, w)| w)
                    .sum();
                (Some(all), Some((all - in_own).max(0.0)))
            } else if let Some(weights) = &areas.weights {
                let total = weights[p];
                let outside_area = (area - inside).max(0.0);
                (Some(total), Some(total * outside_area / area))
            } else {
                (None, None)
            };
            NestRow {
                partner_id: areas.ids[p].clone(),
                units: mine.iter().map(|&u| units.ids[u].clone()).collect(),
                area_m2: area,
                misfit_m2: misfit,
                misfit_share: if area > 0.0 { misfit / area } else { 0.0 },
                weight_total: weight_total.filter(|_| weighted),
                weight_outside: weight_outside.filter(|_| weighted),
            }
        })
        .collect();
    Nest {
        partner: partner.name.clone(),
        base: base.name.clone(),
        rows: nest_rows,
        assignment: units
            .ids
            .iter()
            .zip(&best)
            .map(|(id, choice)| (id.clone(), choice.map(|(p, _)| areas.ids[p].clone())))
            .collect(),
    }
}

/// The partner division rebuilt from whole units: per partner area the union of its units
/// (empty for an area no unit went to), in the nest's row order.
pub fn nested_geometries(nest: &Nest, base: &Layer) -> Vec<geo::MultiPolygon<f64>> {
    let by_id: std::collections::HashMap<&str, &geo::MultiPolygon<f64>> = base
        .features
        .iter()
        .map(|f| (f.id.as_str(), &f.geometry))
        .collect();
    nest.rows
        .iter()
        .map(|row| {
            let polygons: Vec<geo::Polygon<f64>> = row
                .units
                .iter()
                .filter_map(|id| by_id.get(id.as_str()))
                .flat_map(|g| g.0.iter().cloned())
                .collect();
            union_all(&polygons)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Crs, Field, FieldType, Value};
    use geo::wkt;

    /// Four unit squares of 100 m in a row, with inwoners 10, 20, 30, 40.
    fn units() -> Layer {
        let mut layer = Layer::from_geometries(
            "buurten",
            Crs::RD_NEW,
            (0..4).map(|k| {
                let x = f64::from(k) * 100.0;
                (
                    format!("U{k}"),
                    geo::MultiPolygon::new(vec![geo::Rect::new((x, 0.0), (x + 100.0, 100.0)).to_polygon()]),
                )
            }),
        );
        layer.fields.push(Field {
            name: "inwoners".into(),
            kind: FieldType::Integer,
        });
        for (k, f) in layer.features.iter_mut().enumerate() {
            f.attributes.push(Value::Integer(10 * (k as i64 + 1)));
        }
        layer
    }

    #[test]
    fn a_partner_on_unit_boundaries_nests_perfectly() {
        let partner = Layer::from_geometries(
            "politie",
            Crs::RD_NEW,
            [
                ("A".to_string(), wkt!(MULTIPOLYGON(((0. 0.,200. 0.,200. 100.,0. 100.,0. 0.))))),
                ("B".to_string(), wkt!(MULTIPOLYGON(((200. 0.,400. 0.,400. 100.,200. 100.,200. 0.))))),
            ],
        );
        let nest = nest(&partner, &units(), None);
        assert_eq!(nest.rows[0].units, ["U0", "U1"]);
        assert_eq!(nest.rows[1].units, ["U2", "U3"]);
        assert!(nest.rows.iter().all(|r| r.misfit_m2.abs() < 1e-6));
        assert_eq!(nest.rows[0].weight_total, None);
    }

    #[test]
    fn a_boundary_through_a_unit_gives_it_to_the_larger_side_and_counts_the_misfit() {
        // A runs to x = 230: U2 is 30 % in A, 70 % in B, so it goes to B.
        let partner = Layer::from_geometries(
            "politie",
            Crs::RD_NEW,
            [
                ("A".to_string(), wkt!(MULTIPOLYGON(((0. 0.,230. 0.,230. 100.,0. 100.,0. 0.))))),
                ("B".to_string(), wkt!(MULTIPOLYGON(((230. 0.,400. 0.,400. 100.,230. 100.,230. 0.))))),
            ],
        );
        let nest = nest(&partner, &units(), Some("inwoners"));
        let (a, b) = (&nest.rows[0], &nest.rows[1]);
        assert_eq!(a.units, ["U0", "U1"]);
        assert_eq!(b.units, ["U2", "U3"]);
        // A: 23,000 m², its units 20,000, shared 20,000 → misfit 3,000.
        assert!((a.misfit_m2 - 3_000.0).abs() < 1e-3, "{}", a.misfit_m2);
        assert!((a.misfit_share - 3_000.0 / 23_000.0).abs() < 1e-9);
        // B: 17,000 m², its units 20,000, shared 17,000 → misfit 3,000.
        assert!((b.misfit_m2 - 3_000.0).abs() < 1e-3);
        // A's inwoners: 10 + 20 + 30 % of U2's 30 = 39; 9 of them live in U2, which went to B.
        assert!((a.weight_total.unwrap() - 39.0).abs() < 1e-6);
        assert!((a.weight_outside.unwrap() - 9.0).abs() < 1e-6);
        assert!((b.weight_outside.unwrap() - 0.0).abs() < 1e-6);
        // Equal misfit, but B is the smaller area: B fits worse.
        assert_eq!(nest.worst_first()[0].partner_id, "B");
    }

    #[test]
    fn an_area_no_unit_falls_to_is_kept_empty_and_rebuilt_empty() {
        let partner = Layer::from_geometries(
            "zorg",
            Crs::RD_NEW,
            [
                ("Groot".to_string(), wkt!(MULTIPOLYGON(((0. 0.,380. 0.,380. 100.,0. 100.,0. 0.))))),
                ("Klein".to_string(), wkt!(MULTIPOLYGON(((380. 0.,400. 0.,400. 100.,380. 100.,380. 0.))))),
            ],
        );
        let base = units();
        let nest = nest(&partner, &base, None);
        assert_eq!(nest.rows[1].units, Vec::<String>::new());
        assert!((nest.rows[1].misfit_share - 1.0).abs() < 1e-9, "all of it misfits");
        let rebuilt = nested_geometries(&nest, &base);
        assert!(rebuilt[1].0.is_empty());
        assert!((geo::Area::unsigned_area(&rebuilt[0]) - 40_000.0).abs() < 1e-3);
        assert_eq!(rebuilt[0].0.len(), 1, "four squares dissolve into one");
    }
}
