//! Tables as partners send them: CSV (UTF-8 or Windows-1252, comma or semicolon) or a
//! spreadsheet (.xlsx, .xls, .ods, read with calamine). Every cell becomes text the way a person
//! reads it: a postcode typed as a number is "7064", not "7064.0".

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use super::{LoadError, LoadErrorKind};

/// The file extensions read as spreadsheets.
pub const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// A table: rows of text cells, each with the number a person would look it up by (the CSV
/// line or the spreadsheet row), and the sheet it came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// The sheet of a spreadsheet; `None` for CSV.
    pub sheet: Option<String>,
    /// Rows in file order, empty ones left out: (line or row number, cells).
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// "line 4" in a CSV, "sheet 'Teams', row 4" in a spreadsheet.
    pub fn place(&self, number: usize) -> String {
        match &self.sheet {
            Some(sheet) => format!("sheet '{sheet}', row {number}"),
            None => format!("line {number}"),
        }
    }
}

/// Whether a path names a spreadsheet (by its extension).
pub fn is_spreadsheet(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        SPREADSHEET_EXTENSIONS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(e))
    })
}

/// Reads a CSV or spreadsheet; of a spreadsheet the sheet named, else the first.
pub fn read_table(path: &Path, sheet: Option<&str>) -> Result<Table, LoadError> {
    let fail = |kind| LoadError::new(path, kind);
    if is_spreadsheet(path) {
        read_spreadsheet(path, sheet).map_err(fail)
    } else {
        let bytes = std::fs::read(path).map_err(|e| fail(LoadErrorKind::Io(e)))?;
        read_csv(&bytes).map_err(fail)
    }
}

fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        // Dutch Excel saves CSV in Windows-1252.
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// The sheets of a spreadsheet, in their order (empty for a CSV).
pub fn sheet_names(path: &Path) -> Result<Vec<String>, LoadError> {
    if !is_spreadsheet(path) {
        return Ok(Vec::new());
    }
    open_workbook_auto(path)
        .map(|workbook| workbook.sheet_names())
        .map_err(|e| {
            LoadError::new(
                path,
                LoadErrorKind::Format(format!("not a spreadsheet gebieden can read: {e}")),
            )
        })
}

/// A CSV in UTF-8 or Windows-1252, separated by commas or (Dutch Excel) semicolons.
pub fn read_csv(bytes: &[u8]) -> Result<Table, LoadErrorKind> {
    // The csv crate counts lines right only for "\n" endings (Excel writes "\r\n").
    let text = decode(bytes).replace("\r\n", "\n");
    let first_line = text.lines().next().unwrap_or_default();
    if first_line.trim().is_empty() {
        return Err(LoadErrorKind::EmptyFile);
    }
    let delimiter = if first_line.contains(';') && !first_line.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| LoadErrorKind::Format(format!("not valid CSV: {e}")))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push((line, cells));
        }
    }
    Ok(Table { sheet: None, rows })
}

fn read_spreadsheet(path: &Path, sheet: Option<&str>) -> Result<Table, LoadErrorKind> {
    let mut workbook = open_workbook_auto(path)
        .map_err(|e| LoadErrorKind::Format(format!("not a spreadsheet gebieden can read: {e}")))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            .cloned()
            .ok_or_else(|| {
                LoadErrorKind::Format(format!(
                    "has no sheet '{wanted}' (it has: {})",
                    names.join(", ")
                ))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| LoadErrorKind::Format("has no sheets".into()))?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| LoadErrorKind::Format(format!("sheet '{name}' cannot be read: {e}")))?;
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let first_column = range.start().map_or(0, |(_, column)| column as usize);
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let number = first_row + i + 1;
        // Cells keep their column: a table that starts in column C still has A and B empty.
        let mut cells = vec![String::new(); first_column];
        for (j, cell) in row.iter().enumerate() {
            cells.push(cell_text(cell).map_err(|reason| {
                LoadErrorKind::Format(format!(
                    "sheet '{name}', row {number}, column {}: {reason}",
                    column_letters(first_column + j)
                ))
            })?);
        }
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push((number, cells));
        }
    }
    if rows.is_empty() {
        return Err(LoadErrorKind::Format(format!("sheet '{name}' is empty")));
    }
    Ok(Table {
        sheet: Some(name),
        rows,
    })
}

/// A cell as text: whole numbers without ".0" (codes typed as numbers), formulas by the value
/// the spreadsheet last computed; an error value (#N/A, #REF!) is refused.
fn cell_text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.trim().to_string(),
        Data::Int(n) => n.to_string(),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", *x as i64),
        Data::Float(x) => x.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(date) => date.to_string(),
        Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Error(error) => {
            return Err(format!(
                "the cell holds the error {error} (a formula that could not be computed); fix it in the spreadsheet"
            ));
        }
    })
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_codes_and_columns_as_letters() {
        assert_eq!(cell_text(&Data::Float(7064.0)).unwrap(), "7064");
        assert_eq!(cell_text(&Data::Float(2.5)).unwrap(), "2.5");
        assert_eq!(cell_text(&Data::Int(7071)).unwrap(), "7071");
        assert!(
            cell_text(&Data::Error(calamine::CellErrorType::NA))
                .unwrap_err()
                .contains("#N/A")
        );
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }

    #[test]
    fn csv_in_windows_1252_with_semicolons() {
        let table = read_csv(b"buurtcode;gebied\r\nBU1;Ulft-Noord \xe9\r\n\r\n").unwrap();
        assert_eq!(table.rows.len(), 2, "the empty line is left out");
        assert_eq!(
            table.rows[1],
            (2, vec!["BU1".into(), "Ulft-Noord é".into()])
        );
        assert_eq!(table.place(2), "line 2");
    }
}
