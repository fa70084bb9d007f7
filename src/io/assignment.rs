//! Reading an assignment: one row per base unit naming its area, as partners and the 2013
//! proposal deliver it — a CSV (`unit,area`) or a spreadsheet, e.g. a care provider's list of
//! postcodes per team. Columns are found by their header, else as the user names them, else
//! the first two.

use std::collections::HashMap;
use std::path::Path;

use super::table::{Table, read_table};
use super::{LoadError, LoadErrorKind};
use crate::model::{Composition, Layer, PaintMode};

/// Header names of the column of unit ids, in order of preference.
const UNIT_COLUMNS: &[&str] = &[
    "unit",
    "eenheid",
    "buurtcode",
    "wijkcode",
    "bu_code",
    "wk_code",
    "pc4",
    "pc6",
    "postcode",
    "code",
    "id",
];

/// Header names of the column of area names, in order of preference.
const AREA_COLUMNS: &[&str] = &[
    "area",
    "gebied",
    "gebiedsnaam",
    "team",
    "wijkteam",
    "zorgteam",
    "district",
    "wijk",
];

/// Which sheet and columns of a table hold the assignment; unset: found as described above.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableOptions {
    pub sheet: Option<String>,
    /// The header of the column of unit ids.
    pub unit_column: Option<String>,
    /// The header of the column of area names.
    pub area_column: Option<String>,
}

/// Reads `path` (CSV or spreadsheet) into a composition over the units of `units`, finding
/// the columns by their headers. See [`read_assignment_with`].
pub fn read_assignment(path: &Path, units: &Layer) -> Result<Composition, LoadError> {
    read_assignment_with(path, units, &TableOptions::default())
}

/// Reads `path` into a composition over the units of `units`. Areas are created in the order
/// they first appear. A row naming a unit the layer does not have, a unit given two different
/// areas, or columns that cannot be found is an error naming the line (or sheet and row);
/// exact duplicate rows and rows with an empty area are allowed (the latter leave the unit
/// unassigned). Unit ids match exactly, else ignoring case and spaces ("7064 AB" = "7064ab").
pub fn read_assignment_with(
    path: &Path,
    units: &Layer,
    options: &TableOptions,
) -> Result<Composition, LoadError> {
    let table = read_table(path, options.sheet.as_deref())?;
    assignment_from_table(&table, units, options).map_err(|kind| LoadError::new(path, kind))
}

/// Reads a table in which nobody named the sheet (the window's "Tabel inlezen…"): the first
/// sheet that holds an assignment, so a workbook that starts with a sheet of explanation still
/// reads; when none does, the first sheet's reason.
pub fn read_assignment_any_sheet(path: &Path, units: &Layer) -> Result<Composition, LoadError> {
    let first = read_assignment(path, units);
    if first.is_ok() {
        return first;
    }
    for sheet in super::table::sheet_names(path)?.into_iter().skip(1) {
        let options = TableOptions {
            sheet: Some(sheet),
            ..TableOptions::default()
        };
        if let Ok(composition) = read_assignment_with(path, units, &options) {
            return Ok(composition);
        }
    }
    first
}

/// A unit id as people type it: no spaces, one case.
fn loose(id: &str) -> String {
    id.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The row the table starts at: the first with at least two filled cells. Rows above it are a
/// title (often merged over the columns), not the header.
fn header_row(table: &Table) -> usize {
    table
        .rows
        .iter()
        .position(|(_, cells)| cells.iter().filter(|c| !c.trim().is_empty()).count() >= 2)
        .unwrap_or(0)
}

/// Where the unit and area columns are, and whether the first row is a header.
fn find_columns(
    table: &Table,
    units: &HashMap<String, &str>,
    options: &TableOptions,
) -> Result<(usize, usize, bool), LoadErrorKind> {
    let Some((_, first)) = table.rows.get(header_row(table)) else {
        return Err(LoadErrorKind::EmptyFile);
    };
    let named = |name: &str| {
        first
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let by_header = |names: &[&str]| names.iter().find_map(|n| named(n));
    let header_list = || first.join(", ");
    let explicit = |given: &Option<String>| -> Result<Option<usize>, LoadErrorKind> {
        match given {
            None => Ok(None),
            Some(name) => named(name).map(Some).ok_or_else(|| {
                LoadErrorKind::Format(format!(
                    "{}: there is no column '{name}'; the header has: {}",
                    table.place(table.rows[header_row(table)].0),
                    header_list()
                ))
            }),
        }
    };
    let unit = explicit(&options.unit_column)?.or_else(|| by_header(UNIT_COLUMNS));
    let area = explicit(&options.area_column)?.or_else(|| by_header(AREA_COLUMNS));
    match (unit, area) {
        (Some(unit), Some(area)) if unit != area => Ok((unit, area, true)),
        // Headers nobody could guess: the first two columns, as a person would read them. The
        // first row is data when it names a unit, else a header.
        (None, None) if first.len() >= 2 => {
            let is_data = units.contains_key(&loose(&first[0]));
            Ok((0, 1, !is_data))
        }
        _ => Err(LoadErrorKind::Format(format!(
            "the header must name the columns 'unit' and 'area' (or in Dutch e.g. 'buurtcode' and 'gebied'); it has: {}",
            header_list()
        ))),
    }
}

/// The composition a table describes over the units of `units`.
pub fn assignment_from_table(
    table: &Table,
    units: &Layer,
    options: &TableOptions,
) -> Result<Composition, LoadErrorKind> {
    let known: HashMap<String, &str> = units
        .features
        .iter()
        .map(|f| (loose(&f.id), f.id.as_str()))
        .collect();
    let (unit_column, area_column, has_header) = find_columns(table, &known, options)?;
    let mut composition = Composition::default();
    let mut seen: HashMap<String, (String, usize)> = HashMap::new();
    let fail = |number: usize, what: String| {
        LoadErrorKind::Format(format!("{}: {what}", table.place(number)))
    };
    let first = header_row(table) + usize::from(has_header);
    for (number, cells) in table.rows.iter().skip(first) {
        let cell = |column: usize| cells.get(column).map_or("", |c| c.trim());
        let (typed, area) = (cell(unit_column), cell(area_column).to_string());
        if typed.is_empty() {
            continue;
        }
        let Some(&unit) = known.get(typed).or_else(|| known.get(&loose(typed))) else {
            return Err(fail(
                *number,
                format!(
                    "unit '{typed}' is not in {} (ids come from its field '{}')",
                    units.name,
                    units.id_field.as_deref().unwrap_or("feature index")
                ),
            ));
        };
        if let Some((earlier, earlier_number)) = seen.get(unit) {
            if *earlier != area {
                let earlier_place = match &table.sheet {
                    Some(_) => format!("row {earlier_number}"),
                    None => format!("line {earlier_number}"),
                };
                return Err(fail(
                    *number,
                    format!(
                        "unit '{unit}' goes to '{area}', but {earlier_place} puts it in '{earlier}'"
                    ),
                ));
            }
            continue;
        }
        seen.insert(unit.to_string(), (area.clone(), *number));
        if area.is_empty() {
            continue;
        }
        if composition.area(&area).is_none() {
            composition
                .add_area(&area)
                .map_err(|e| fail(*number, e.to_string()))?;
        }
        composition
            .assign([unit], Some(&area), PaintMode::Overwrite)
            .map_err(|e| fail(*number, e.to_string()))?;
    }
    Ok(composition)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Crs;

    fn pc4() -> Layer {
        let square = geo::wkt!(MULTIPOLYGON(((0. 0.,1. 0.,1. 1.,0. 0.))));
        Layer::from_geometries(
            "pc4",
            Crs::RD_NEW,
            ["7064", "7071", "7081"].map(|id| (id.to_string(), square.clone())),
        )
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            sheet: Some("Teams".into()),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| (i + 1, r.iter().map(|c| c.to_string()).collect()))
                .collect(),
        }
    }

    #[test]
    fn headers_nobody_guesses_mean_the_first_two_columns() {
        let options = TableOptions::default();
        // A header of its own words.
        let c = assignment_from_table(
            &table(&[&["Postcodegebied", "Zorgaanbieder"], &["7064", "Noord"]]),
            &pc4(),
            &options,
        )
        .unwrap();
        assert_eq!(c.assignment["7064"], "Noord");
        // No header at all: the first row is data.
        let c = assignment_from_table(
            &table(&[&["7064", "Noord"], &["7071", "Zuid"]]),
            &pc4(),
            &options,
        )
        .unwrap();
        assert_eq!(c.assignment.len(), 2);
    }

    #[test]
    fn columns_named_by_the_user_and_sheet_rows_in_messages() {
        let options = TableOptions {
            unit_column: Some("PC".into()),
            area_column: Some("Wijkteam 2024".into()),
            ..TableOptions::default()
        };
        let rows: &[&[&str]] = &[
            &["Naam", "PC", "Wijkteam 2024"],
            &["x", "7064", "Noord"],
            &["y", "9999", "Zuid"],
        ];
        let error = assignment_from_table(&table(rows), &pc4(), &options)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("sheet 'Teams', row 3: unit '9999' is not in pc4"),
            "{error}"
        );
        let wrong = TableOptions {
            unit_column: Some("Postcode".into()),
            ..TableOptions::default()
        };
        let error = assignment_from_table(&table(rows), &pc4(), &wrong)
            .unwrap_err()
            .to_string();
        assert!(error.contains("there is no column 'Postcode'"), "{error}");
    }

    #[test]
    fn a_title_above_the_header_is_passed_over() {
        let rows: &[&[&str]] = &[
            &["Zorgteams 2024 (samengevoegde cel)", ""],
            &["", ""],
            &["Postcode", "Team"],
            &["7064", "Noord"],
        ];
        let c = assignment_from_table(&table(rows), &pc4(), &TableOptions::default()).unwrap();
        assert_eq!(c.assignment["7064"], "Noord");
    }

    #[test]
    fn a_unit_in_two_areas_names_both_rows() {
        let rows: &[&[&str]] = &[
            &["postcode", "team"],
            &["7064", "Noord"],
            &["7 064", "Noord"],
            &["7064", "Zuid"],
        ];
        let error = assignment_from_table(&table(rows), &pc4(), &TableOptions::default())
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("row 4: unit '7064' goes to 'Zuid', but row 2 puts it in 'Noord'"),
            "{error}"
        );
    }
}
