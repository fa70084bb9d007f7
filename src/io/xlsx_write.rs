//! Writing a table as an Excel workbook (rust_xlsxwriter): what municipal staff open first.
//! Numbers stay numbers, so sums and sorting work in Excel.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::model::Value;

/// One sheet named `sheet` with a bold, frozen header row and the rows below it.
pub fn xlsx_bytes(
    sheet: &str,
    header: &[String],
    rows: &[Vec<Value>],
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet)?;
    let bold = Format::new().set_bold();
    for (column, name) in header.iter().enumerate() {
        worksheet.write_string_with_format(0, column as u16, name, &bold)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (column, value) in row.iter().enumerate() {
            let c = column as u16;
            match value {
                Value::Integer(n) => worksheet.write_number(r, c, *n as f64)?,
                Value::Float(x) if x.is_finite() => worksheet.write_number(r, c, *x)?,
                Value::Null => worksheet,
                other => worksheet.write_string(r, c, other.to_string())?,
            };
        }
    }
    worksheet.set_freeze_panes(1, 0)?;
    worksheet.autofit();
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    #[test]
    fn a_written_workbook_reads_back_with_numbers_as_numbers() {
        let bytes = xlsx_bytes(
            "stats",
            &["area".into(), "inwoners".into()],
            &[vec![Value::Text("Terborg".into()), Value::Float(4575.0)]],
        )
        .unwrap();
        let mut workbook: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = workbook.worksheet_range("stats").unwrap();
        assert_eq!(range.get((0, 0)), Some(&Data::String("area".into())));
        assert_eq!(range.get((1, 1)), Some(&Data::Float(4575.0)));
    }
}
