//! What a composition amounts to: each area's geometry (the dissolved union of its units), its
//! statistics, how the partner divisions relate to it, and the checks a project group needs
//! to see before agreeing.

use std::collections::{BTreeMap, HashMap};

use geo::{Area, Contains, InteriorPoint, MultiPolygon, Polygon};
use serde::Serialize;

use super::{Composition, apply_splits};
use crate::analysis::{PreparedLayer, crosswalk, union_all};
use crate::model::{Crs, FieldType, Layer, WORKING_GRID_M};

/// One connected piece of an area, with the units in it.
#[derive(Clone, Debug, Serialize)]
pub struct Part {
    pub area_m2: f64,
    pub units: Vec<String>,
}

/// How one partner area relates to an agreed area.
#[derive(Clone, Debug, Serialize)]
pub struct PartnerOverlap {
    pub layer: String,
    pub id: String,
    /// Share of the partner area that lies in this agreed area.
    pub share_of_partner: f64,
    /// Share of this agreed area that the partner area covers.
    pub share_of_area: f64,
    /// True when the shared piece is only a sliver.
    pub sliver: bool,
}

/// One agreed area, composed.
#[derive(Clone, Debug, Serialize)]
pub struct AreaResult {
    pub name: String,
    pub colour: [u8; 3],
    pub units: Vec<String>,
    pub area_m2: f64,
    /// Sums of the units' numeric fields (e.g. inwoners), by field name.
    pub sums: BTreeMap<String, f64>,
    /// More than one part means the area is not contiguous.
    pub parts: Vec<Part>,
    /// Partner areas sharing territory with this area, largest share of the area first.
    pub partners: Vec<PartnerOverlap>,
    #[serde(skip)]
    pub geometry: MultiPolygon<f64>,
}

/// A partner area counts as cut by an agreed area when between 5 % and 95 % of it lies there:
/// smaller shares are the generalisation differences between sources (hundreds of metres along
/// a boundary), not a decision to split the partner's area.
pub const CUT_SHARE: f64 = 0.05;

impl AreaResult {
    /// Partner areas this area cuts: a real share of them lies here, but not (nearly) all.
    pub fn cut_partners(&self) -> impl Iterator<Item = &PartnerOverlap> {
        self.partners.iter().filter(|p| {
            !p.sliver && p.share_of_partner >= CUT_SHARE && p.share_of_partner <= 1.0 - CUT_SHARE
        })
    }
}

/// What needs attention before the composition can be agreed.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Checks {
    /// Units of the base layer without an area.
    pub unassigned: Vec<String>,
    /// Assigned ids that are not units of the base layer.
    pub unknown_units: Vec<String>,
    /// Areas made of more than one part.
    pub split_areas: Vec<String>,
    /// Areas without units.
    pub empty_areas: Vec<String>,
    /// (area, partner layer, partner id): the area cuts only a sliver off a partner area.
    pub sliver_cuts: Vec<(String, String, String)>,
    /// Splits that could not be made, with the reason; the units stay whole.
    pub split_errors: Vec<String>,
}

impl Checks {
    /// True when every unit is assigned and every area is one piece (the CLI's exit code 0).
    pub fn complete(&self) -> bool {
        self.unassigned.is_empty()
            && self.split_areas.is_empty()
            && self.unknown_units.is_empty()
            && self.split_errors.is_empty()
    }
}

/// The composed division.
#[derive(Clone, Debug, Serialize)]
pub struct ComposeResult {
    pub units_layer: String,
    pub working_crs: Crs,
    pub areas: Vec<AreaResult>,
    pub checks: Checks,
    /// The base units with the splits applied, when there are splits.
    #[serde(skip)]
    pub split_units: Option<Layer>,
}

impl ComposeResult {
    /// The part of a split unit at a map position, for painting parts; `None` when no split
    /// unit lies there.
    pub fn split_part_at(&self, pos_in_map: [f64; 2]) -> Option<&str> {
        let layer = self.split_units.as_ref()?;
        let point = geo::Point::new(pos_in_map[0], pos_in_map[1]);
        layer
            .features
            .iter()
            .filter(|f| {
                f.id.rsplit_once('-')
                    .is_some_and(|(_, n)| n == "1" || n == "2")
            })
            .find(|f| f.geometry.contains(&point))
            .map(|f| f.id.as_str())
    }

    /// The areas as a layer (id = area name), e.g. to analyse against partners or to draw.
    pub fn as_layer(&self) -> Layer {
        areas_layer(&self.areas, self.working_crs)
    }
}

fn areas_layer(areas: &[AreaResult], working_crs: Crs) -> Layer {
    let features = areas
        .iter()
        .filter(|a| !a.geometry.0.is_empty())
        .map(|a| (a.name.clone(), a.geometry.clone()));
    let mut layer = Layer::from_geometries("gebieden", working_crs, features);
    layer.source = "gebieden".into();
    layer
}

/// Which part of `parts` holds each unit (by an interior point of its largest polygon).
fn parts_of(area_parts: &MultiPolygon<f64>, units: &[(&str, &MultiPolygon<f64>)]) -> Vec<Part> {
    let mut parts: Vec<Part> = area_parts
        .0
        .iter()
        .map(|p| Part {
            area_m2: p.unsigned_area(),
            units: Vec::new(),
        })
        .collect();
    for (id, geometry) in units {
        let largest: Option<&Polygon<f64>> = geometry
            .0
            .iter()
            .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()));
        let Some(point) = largest.and_then(|p| p.interior_point()) else {
            continue;
        };
        if let Some(i) = area_parts.0.iter().position(|part| part.contains(&point)) {
            parts[i].units.push(id.to_string());
        }
    }
    parts.sort_by(|a, b| b.area_m2.total_cmp(&a.area_m2));
    parts
}

/// Composes the division: dissolves each area's units, sums their numeric fields, relates the
/// areas to every partner division, and runs the checks.
pub fn compose<L: std::borrow::Borrow<Layer>>(
    units: &Layer,
    composition: &Composition,
    partners: &[L],
    sliver_width: f64,
) -> ComposeResult {
    let mut split_errors = Vec::new();
    let split_units = if composition.splits.is_empty() {
        None
    } else {
        match apply_splits(units, &composition.splits) {
            Ok(layer) => Some(layer),
            Err(e) => {
                split_errors.push(e.to_string());
                None
            }
        }
    };
    let mut result = compose_units(
        split_units.as_ref().unwrap_or(units),
        composition,
        partners,
        sliver_width,
    );
    result.checks.split_errors = split_errors;
    result.split_units = split_units;
    result
}

fn compose_units<L: std::borrow::Borrow<Layer>>(
    units: &Layer,
    composition: &Composition,
    partners: &[L],
    sliver_width: f64,
) -> ComposeResult {
    let index: HashMap<&str, usize> = units
        .features
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let numeric: Vec<(usize, &str)> = units
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.kind, FieldType::Integer | FieldType::Float))
        .map(|(i, f)| (i, f.name.as_str()))
        .collect();
    let mut checks = Checks {
        unassigned: units
            .features
            .iter()
            .filter(|f| !composition.assignment.contains_key(&f.id))
            .map(|f| f.id.clone())
            .collect(),
        unknown_units: composition
            .assignment
            .keys()
            .filter(|u| !index.contains_key(u.as_str()))
            .cloned()
            .collect(),
        ..Checks::default()
    };

    let mut areas: Vec<AreaResult> = composition
        .areas
        .iter()
        .map(|def| {
            let members: Vec<(&str, &MultiPolygon<f64>)> = composition
                .units_of(&def.name)
                .filter_map(|u| {
                    index
                        .get(u)
                        .map(|&i| (units.features[i].id.as_str(), &units.features[i].geometry))
                })
                .collect();
            let polygons: Vec<Polygon<f64>> = members
                .iter()
                .flat_map(|(_, g)| g.0.iter().cloned())
                .collect();
            let geometry = union_all(&polygons);
            let mut sums = BTreeMap::new();
            for &(column, name) in &numeric {
                let total: f64 = members
                    .iter()
                    .filter_map(|(id, _)| {
                        index
                            .get(id)
                            .and_then(|&i| units.features[i].attributes[column].as_f64())
                    })
                    .sum();
                sums.insert(name.to_string(), total);
            }
            AreaResult {
                name: def.name.clone(),
                colour: def.colour,
                units: members.iter().map(|(id, _)| id.to_string()).collect(),
                area_m2: geometry.unsigned_area(),
                sums,
                parts: if geometry.0.len() > 1 {
                    parts_of(&geometry, &members)
                } else {
                    Vec::new()
                },
                partners: Vec::new(),
                geometry,
            }
        })
        .collect();

    checks.empty_areas = areas
        .iter()
        .filter(|a| a.units.is_empty())
        .map(|a| a.name.clone())
        .collect();
    checks.split_areas = areas
        .iter()
        .filter(|a| a.parts.len() > 1)
        .map(|a| a.name.clone())
        .collect();

    if !partners.is_empty() {
        let layer = areas_layer(&areas, units.working_crs);
        let prepared_areas = PreparedLayer::new(&layer, "gebieden", WORKING_GRID_M, None);
        for partner in partners.iter().map(std::borrow::Borrow::borrow) {
            let prepared = PreparedLayer::new(partner, &partner.name, WORKING_GRID_M, None);
            for row in crosswalk(&prepared_areas, &prepared, sliver_width) {
                let Some(area) = areas.iter_mut().find(|a| a.name == row.id_a) else {
                    continue;
                };
                if row.sliver && row.share_b < 0.99 {
                    checks.sliver_cuts.push((
                        area.name.clone(),
                        partner.name.clone(),
                        row.id_b.clone(),
                    ));
                }
                area.partners.push(PartnerOverlap {
                    layer: partner.name.clone(),
                    id: row.id_b,
                    share_of_partner: row.share_b,
                    share_of_area: row.share_a,
                    sliver: row.sliver,
                });
            }
        }
        for area in &mut areas {
            area.partners
                .sort_by(|a, b| b.share_of_area.total_cmp(&a.share_of_area));
        }
    }

    ComposeResult {
        units_layer: units.name.clone(),
        working_crs: units.working_crs,
        areas,
        checks,
        split_units: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::PaintMode;
    use crate::model::{Feature, Field, SourceFormat, Value};
    use geo::wkt;

    fn units() -> Layer {
        let squares = [
            (
                "a",
                wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.)))),
            ),
            (
                "b",
                wkt!(MULTIPOLYGON(((10. 0.,20. 0.,20. 10.,10. 10.,10. 0.)))),
            ),
            (
                "c",
                wkt!(MULTIPOLYGON(((20. 0.,30. 0.,30. 10.,20. 10.,20. 0.)))),
            ),
        ];
        Layer {
            name: "buurten".into(),
            source: "buurten".into(),
            table: None,
            format: SourceFormat::GeoJson,
            source_crs: Crs::RD_NEW,
            working_crs: Crs::RD_NEW,
            id_field: Some("code".into()),
            fields: vec![Field {
                name: "inwoners".into(),
                kind: FieldType::Integer,
            }],
            features: squares
                .into_iter()
                .enumerate()
                .map(|(i, (id, geometry))| Feature {
                    id: id.into(),
                    attributes: vec![Value::Integer(100 * (i as i64 + 1))],
                    geometry,
                    problems: vec![],
                })
                .collect(),
            geometry_types: Default::default(),
            skipped: Default::default(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn areas_dissolve_their_units_and_sum_their_fields() {
        let mut c = Composition::default();
        c.add_area("Oost").unwrap();
        c.assign(["b", "c"], Some("Oost"), PaintMode::Overwrite)
            .unwrap();
        let result = compose(&units(), &c, &[] as &[Layer], 5.0);
        let oost = &result.areas[0];
        assert_eq!(oost.geometry.0.len(), 1, "b and c share an edge: one piece");
        assert!((oost.area_m2 - 200.0).abs() < 1e-9);
        assert_eq!(oost.sums["inwoners"], 500.0);
        assert_eq!(result.checks.unassigned, ["a"]);
        assert!(!result.checks.complete());
    }

    #[test]
    fn a_non_contiguous_area_lists_its_parts() {
        let mut c = Composition::default();
        c.add_area("Rand").unwrap();
        c.add_area("Leeg").unwrap();
        c.add_area("Midden").unwrap();
        c.assign(["a", "c"], Some("Rand"), PaintMode::Overwrite)
            .unwrap();
        c.assign(["b"], Some("Midden"), PaintMode::Overwrite)
            .unwrap();
        let result = compose(&units(), &c, &[] as &[Layer], 5.0);
        assert_eq!(result.checks.split_areas, ["Rand"]);
        assert_eq!(result.checks.empty_areas, ["Leeg"]);
        let parts: Vec<&Vec<String>> = result.areas[0].parts.iter().map(|p| &p.units).collect();
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().any(|u| u == &&vec!["a".to_string()]));
    }

    #[test]
    fn a_split_unit_goes_to_two_areas_and_its_inwoners_follow_the_area() {
        let mut c = Composition::default();
        c.add_area("West").unwrap();
        c.add_area("Oost").unwrap();
        c.splits.push(crate::compose::Split {
            unit: "b".into(),
            line: vec![[14.0, 0.0], [14.0, 10.0]],
        });
        c.assign(["a", "b-1"], Some("West"), PaintMode::Overwrite)
            .unwrap();
        c.assign(["b-2", "c"], Some("Oost"), PaintMode::Overwrite)
            .unwrap();
        let result = compose(&units(), &c, &[] as &[Layer], 1.0);
        assert!(result.checks.complete(), "{:?}", result.checks);
        // Drawn upwards at x = 14: b-1 (left of the line) is 10..14, b-2 is 14..20.
        let oost = &result.areas[1];
        assert!((oost.area_m2 - 160.0).abs() < 1e-6, "{}", oost.area_m2);
        assert!((oost.sums["inwoners"] - (200.0 * 0.6 + 300.0)).abs() < 1e-6);
        assert_eq!(
            result.split_units.as_ref().map(|l| l.features.len()),
            Some(4)
        );
    }

    #[test]
    fn partner_areas_that_an_area_cuts_are_named() {
        let mut c = Composition::default();
        c.add_area("West").unwrap();
        c.add_area("Oost").unwrap();
        c.assign(["a"], Some("West"), PaintMode::Overwrite).unwrap();
        c.assign(["b", "c"], Some("Oost"), PaintMode::Overwrite)
            .unwrap();
        let mut police = units();
        police.name = "politie".into();
        police.features.truncate(1);
        police.features[0].id = "P1".into();
        police.features[0].geometry = wkt!(MULTIPOLYGON(((0. 0.,15. 0.,15. 10.,0. 10.,0. 0.))));
        let result = compose(&units(), &c, &[police], 1.0);
        let oost = result.areas.iter().find(|a| a.name == "Oost").unwrap();
        let cut: Vec<&PartnerOverlap> = oost.cut_partners().collect();
        assert_eq!(cut.len(), 1);
        assert_eq!(cut[0].id, "P1");
        assert!((cut[0].share_of_partner - 1.0 / 3.0).abs() < 1e-9);
    }
}
