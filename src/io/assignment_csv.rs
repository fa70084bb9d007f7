//! Reading an assignment CSV (`unit,area`, one row per base unit), as partners and the 2013
//! proposal deliver it: UTF-8 or Windows-1252 (Excel), comma or semicolon separated.

use std::collections::HashMap;
use std::path::Path;

use super::{LoadError, LoadErrorKind};
use crate::compose::{Composition, PaintMode};
use crate::model::Layer;

fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        // Dutch Excel saves CSV in Windows-1252.
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// Names accepted for the column of unit ids, in order of preference.
const UNIT_COLUMNS: &[&str] = &[
    "unit",
    "eenheid",
    "buurtcode",
    "wijkcode",
    "bu_code",
    "wk_code",
    "pc4",
    "postcode",
    "code",
    "id",
];

/// Names accepted for the column of area names, in order of preference.
const AREA_COLUMNS: &[&str] = &["area", "gebied", "gebiedsnaam", "team"];

/// Reads `path` into a composition over the units of `units`. Areas are created in the order
/// they first appear. A row naming a unit the layer does not have, a unit given two different
/// areas, or a missing `unit`/`area` column is an error naming the line; exact duplicate rows
/// and rows with an empty area are allowed (the latter leave the unit unassigned).
pub fn read_assignment(path: &Path, units: &Layer) -> Result<Composition, LoadError> {
    let fail = |kind| LoadError::new(path, kind);
    let bytes = std::fs::read(path).map_err(|e| fail(LoadErrorKind::Io(e)))?;
    let text = decode(&bytes);
    let first_line = text.lines().next().unwrap_or_default();
    if first_line.trim().is_empty() {
        return Err(fail(LoadErrorKind::EmptyFile));
    }
    let delimiter = if first_line.contains(';') && !first_line.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| {
            fail(LoadErrorKind::Format(format!(
                "the header cannot be read: {e}"
            )))
        })?
        .clone();
    // The first of these names that the header has (Dutch spreadsheets say buurtcode, gebied).
    let column = |names: &[&str]| {
        names.iter().find_map(|name| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        })
    };
    let (Some(unit_column), Some(area_column)) = (column(UNIT_COLUMNS), column(AREA_COLUMNS))
    else {
        return Err(fail(LoadErrorKind::Format(format!(
            "the header must name the columns 'unit' and 'area' (or in Dutch e.g. 'buurtcode' and 'gebied'); it has: {}",
            headers.iter().collect::<Vec<_>>().join(", ")
        ))));
    };
    let known: HashMap<&str, ()> = units.features.iter().map(|f| (f.id.as_str(), ())).collect();
    let mut composition = Composition::default();
    let mut seen: HashMap<String, (String, u64)> = HashMap::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| fail(LoadErrorKind::Format(format!("not valid CSV: {e}"))))?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let unit = record
            .get(unit_column)
            .unwrap_or_default()
            .trim()
            .to_string();
        let area = record
            .get(area_column)
            .unwrap_or_default()
            .trim()
            .to_string();
        if unit.is_empty() {
            continue;
        }
        if !known.contains_key(unit.as_str()) {
            return Err(fail(LoadErrorKind::Format(format!(
                "line {line}: unit '{unit}' is not in {} (ids come from its field '{}')",
                units.name,
                units.id_field.as_deref().unwrap_or("feature index")
            ))));
        }
        if let Some((earlier, earlier_line)) = seen.get(&unit) {
            if *earlier != area {
                return Err(fail(LoadErrorKind::Format(format!(
                    "line {line}: unit '{unit}' goes to '{area}', but line {earlier_line} puts it in '{earlier}'"
                ))));
            }
            continue;
        }
        seen.insert(unit.clone(), (area.clone(), line));
        if area.is_empty() {
            continue;
        }
        if composition.area(&area).is_none() {
            composition
                .add_area(&area)
                .map_err(|e| fail(LoadErrorKind::Format(format!("line {line}: {e}"))))?;
        }
        composition
            .assign([unit.as_str()], Some(&area), PaintMode::Overwrite)
            .map_err(|e| fail(LoadErrorKind::Format(format!("line {line}: {e}"))))?;
    }
    Ok(composition)
}
