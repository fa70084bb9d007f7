//! Carrying an agreement to a new vintage of its base units: the old composition composed, the
//! new units given to the areas that hold them (`analysis::migrate`), the changes per area,
//! and the files `gebieden migrate` writes.

use std::path::{Path, PathBuf};

use geo::Area;

use crate::analysis::{Migration, MigrationStatus, migrate};
use crate::io::{WriteError, write_atomic};
use crate::model::{Composition, Layer};

use super::compose_files::csv_bytes;
use super::{compose_layers, number};

/// `migration.csv`'s header (with a weight field, `weight` follows).
pub const MIGRATION_HEADER: &str = "unit,area,share,status,from";

/// One area before and after.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaShift {
    pub area: String,
    pub km2: [f64; 2],
    /// The weight (e.g. inwoners) of its units, old and carried: with a weight field only.
    pub weight: Option<[f64; 2]>,
}

impl AreaShift {
    /// Whether the area changed by more than 1 % in area or weight.
    pub fn notable(&self) -> bool {
        let changed = |[a, b]: [f64; 2]| (b - a).abs() > 0.01 * a.abs().max(1e-9);
        changed(self.km2) || self.weight.is_some_and(changed)
    }
}

/// The whole migration.
#[derive(Clone, Debug)]
pub struct MigrationResult {
    pub migration: Migration,
    /// The new composition: every unit with an area (straddlers left without).
    pub composition: Composition,
    pub areas: Vec<AreaShift>,
    pub weight_field: Option<String>,
}

/// Migrates `composition` (over `old_units`) onto `new_units`.
pub fn migrate_composition(
    old_units: &Layer,
    composition: &Composition,
    new_units: &Layer,
    weight_field: Option<&str>,
    min_share: f64,
) -> MigrationResult {
    let settings = crate::model::AnalysisSettings::default();
    let old = compose_layers(old_units, composition, &[], &settings);
    let migration = migrate(old_units, &old.as_layer(), new_units, weight_field, min_share);
    let mut new = Composition {
        areas: composition.areas.clone(),
        ..Composition::default()
    };
    for unit in &migration.units {
        if let Some(area) = &unit.area {
            new.assignment.insert(unit.unit.clone(), area.clone());
        }
    }
    let weight_field = weight_field.filter(|f| old_units.field_index(f).is_some()).map(str::to_string);
    let new_area: std::collections::HashMap<&str, f64> =
        new_units.features.iter().map(|f| (f.id.as_str(), f.geometry.unsigned_area())).collect();
    let areas = composition
        .areas
        .iter()
        .map(|def| {
            let before = old.areas.iter().find(|a| a.name == def.name);
            let after: Vec<&crate::analysis::MigratedUnit> =
                migration.units.iter().filter(|u| u.area.as_deref() == Some(def.name.as_str())).collect();
            let km2_after: f64 = after.iter().filter_map(|u| new_area.get(u.unit.as_str())).sum::<f64>() / 1e6;
            let weight = weight_field.as_ref().map(|f| {
                [
                    before.and_then(|b| b.sums.get(f).copied()).unwrap_or(0.0),
                    after.iter().filter_map(|u| u.weight).sum(),
                ]
            });
            AreaShift {
                area: def.name.clone(),
                km2: [before.map_or(0.0, |b| b.area_m2 / 1e6), km2_after],
                weight,
            }
        })
        .collect();
    MigrationResult {
        migration,
        composition: new,
        areas,
        weight_field,
    }
}

/// The new units with the weight the migration carried over (the old units' population spread by
/// area) as a field of their own, `<field>_<old year>` (or `<field>_oud` without a year), so
/// that the composition over the new units still counts inhabitants of the vintage it was
/// agreed on. Unchanged when no weight was carried, or the new units already have that field.
pub fn with_carried_weight(new_units: &Layer, result: &MigrationResult, old_year: Option<i32>) -> (Layer, Option<String>) {
    let Some(weight) = &result.weight_field else {
        return (new_units.clone(), None);
    };
    let name = match old_year {
        Some(year) => format!("{weight}_{year}"),
        None => format!("{weight}_oud"),
    };
    if new_units.field_index(&name).is_some() {
        return (new_units.clone(), None);
    }
    let carried: std::collections::HashMap<&str, f64> =
        result.migration.units.iter().filter_map(|u| u.weight.map(|w| (u.unit.as_str(), w))).collect();
    let mut layer = new_units.clone();
    layer.fields.push(crate::model::Field {
        name: name.clone(),
        kind: crate::model::FieldType::Float,
    });
    for feature in &mut layer.features {
        let value = carried
            .get(feature.id.as_str())
            .map_or(crate::model::Value::Null, |w| crate::model::Value::Float((w * 10.0).round() / 10.0));
        feature.attributes.push(value);
    }
    (layer, Some(name))
}

/// Writes `assignment.csv` (`unit,area`: every new unit, empty area for a straddler) and
/// `migration.csv` (`unit,area,share,status,from[,weight]`) into `dir`.
pub fn write_migration(dir: &Path, result: &MigrationResult) -> Result<Vec<PathBuf>, WriteError> {
    std::fs::create_dir_all(dir).map_err(|e| WriteError::new(dir, e))?;
    let mut written = Vec::new();
    let path = dir.join("assignment.csv");
    let mut rows = vec![vec!["unit".to_string(), "area".into()]];
    rows.extend(result.migration.units.iter().map(|u| vec![u.unit.clone(), u.area.clone().unwrap_or_default()]));
    let bytes = csv_bytes(rows).map_err(|e| WriteError::new(&path, e))?;
    write_atomic(&path, &bytes).map_err(|e| WriteError::new(&path, e))?;
    written.push(path);

    let path = dir.join("migration.csv");
    let mut header: Vec<String> = MIGRATION_HEADER.split(',').map(String::from).collect();
    if result.weight_field.is_some() {
        header.push("weight".into());
    }
    let mut rows = vec![header];
    for u in &result.migration.units {
        let mut row = vec![
            u.unit.clone(),
            // A straddler names the area holding most of it, for the decision.
            u.area.clone().or_else(|| u.best_area.clone()).unwrap_or_default(),
            format!("{:.4}", u.share),
            u.status.name().to_string(),
            u.from.join(" "),
        ];
        if result.weight_field.is_some() {
            row.push(u.weight.map(number).unwrap_or_default());
        }
        rows.push(row);
    }
    let bytes = csv_bytes(rows).map_err(|e| WriteError::new(&path, e))?;
    write_atomic(&path, &bytes).map_err(|e| WriteError::new(&path, e))?;
    written.push(path);
    Ok(written)
}

/// How many units of each status, for the summary.
pub fn status_counts(migration: &Migration) -> Vec<(MigrationStatus, usize)> {
    MigrationStatus::ALL.iter().map(|&s| (s, migration.count(s))).collect()
}
