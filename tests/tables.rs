//! Issue 12: a care provider's division is a list of postcodes per team in Excel. The
//! spreadsheets here are made by the test (rust_xlsxwriter; an OpenDocument file written by
//! hand), with postcodes typed as numbers, a title row, a second sheet and formulas.

mod util;

use std::io::Write;
use std::path::{Path, PathBuf};

use gebieden::io::{LoadOptions, TableOptions, load, read_assignment_with};
use gebieden::model::Layer;
use rust_xlsxwriter::{Formula, Workbook};
use util::{run, shared, stderr, stdout};

fn pc4() -> Layer {
    load(
        &shared("pc4_oude_ijsselstreek_e.o.rd.geojson"),
        &LoadOptions::default(),
    )
    .unwrap()
    .remove(0)
}

/// The team of each of Oude IJsselstreek's postcodes, as a care provider might divide them.
const TEAMS: &[(u32, &str)] = &[
    (7051, "Team Oost"),
    (7054, "Team Oost"),
    (7055, "Team Oost"),
    (7065, "Team Oost"),
    (7061, "Team Midden"),
    (7064, "Team Midden"),
    (7071, "Team Ulft"),
    (7075, "Team Ulft"),
    (7076, "Team Ulft"),
    (7077, "Team West"),
    (7078, "Team West"),
    (7081, "Team West"),
    (7083, "Team West"),
];

/// An Excel file: a notes sheet first, then "Teams" with a merged title, the header, and
/// postcodes as numbers (one as a formula).
fn teams_xlsx(dir: &Path) -> PathBuf {
    let mut workbook = Workbook::new();
    let notes = workbook.add_worksheet();
    notes.set_name("Toelichting").unwrap();
    notes
        .write_string(0, 0, "Indeling van de zorgteams, peildatum 1 januari")
        .unwrap();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Teams").unwrap();
    sheet
        .merge_range(0, 0, 0, 1, "Zorgteams 2024", &Default::default())
        .unwrap();
    sheet.write_string(2, 0, "Postcode").unwrap();
    sheet.write_string(2, 1, "Team").unwrap();
    for (i, (postcode, team)) in TEAMS.iter().enumerate() {
        let row = 3 + i as u32;
        if i == 0 {
            // A formula with the value the spreadsheet computed.
            sheet
                .write_formula(row, 0, Formula::new("=7000+51").set_result("7051"))
                .unwrap();
        } else {
            sheet.write_number(row, 0, *postcode).unwrap();
        }
        sheet.write_string(row, 1, *team).unwrap();
    }
    let path = dir.join("zorgteams.xlsx");
    workbook.save(&path).unwrap();
    path
}

/// A minimal OpenDocument spreadsheet: postcode and wijkteam, postcodes as floats.
fn teams_ods(dir: &Path) -> PathBuf {
    let mut rows = String::from(
        "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>pc4</text:p></table:table-cell><table:table-cell office:value-type=\"string\"><text:p>wijkteam</text:p></table:table-cell></table:table-row>",
    );
    for (postcode, team) in TEAMS {
        rows.push_str(&format!(
            "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"{postcode}\"><text:p>{postcode}</text:p></table:table-cell><table:table-cell office:value-type=\"string\"><text:p>{team}</text:p></table:table-cell></table:table-row>"
        ));
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Blad1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let path = dir.join("wijkteams.ods");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
    path
}

fn assert_teams(composition: &gebieden::model::Composition) {
    assert_eq!(composition.assignment.len(), TEAMS.len());
    for (postcode, team) in TEAMS {
        assert_eq!(composition.assignment[&postcode.to_string()], *team);
    }
    let names: Vec<&str> = composition.areas.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        ["Team Oost", "Team Midden", "Team Ulft", "Team West"]
    );
}

#[test]
fn an_excel_sheet_of_postcodes_per_team() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = teams_xlsx(dir.path());
    let options = TableOptions {
        sheet: Some("teams".into()),
        ..TableOptions::default()
    };
    assert_teams(&read_assignment_with(&xlsx, &pc4(), &options).unwrap());

    // The first sheet holds only a note: a clear message, naming the sheet.
    let error = read_assignment_with(&xlsx, &pc4(), &TableOptions::default())
        .unwrap_err()
        .to_string();
    assert!(error.contains("zorgteams.xlsx"), "{error}");
    assert!(error.contains("must name the columns"), "{error}");

    // The window names no sheet: the first that holds an assignment is read.
    assert_teams(&gebieden::io::read_assignment_any_sheet(&xlsx, &pc4()).unwrap());

    let missing = TableOptions {
        sheet: Some("Blad1".into()),
        ..TableOptions::default()
    };
    let error = read_assignment_with(&xlsx, &pc4(), &missing)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("has no sheet 'Blad1' (it has: Toelichting, Teams)"),
        "{error}"
    );
}

#[test]
fn an_opendocument_sheet_reads_alike() {
    let dir = tempfile::tempdir().unwrap();
    let ods = teams_ods(dir.path());
    assert_teams(&read_assignment_with(&ods, &pc4(), &TableOptions::default()).unwrap());
}

/// `compose` of the PC4 areas with the teams of `sheet` in `xlsx`, written to `out`.
fn compose_sheet(xlsx: &Path, sheet: &str, out: &Path) -> std::process::Output {
    run(&[
        "compose",
        "--units",
        shared("pc4_oude_ijsselstreek_e.o.rd.geojson")
            .to_str()
            .unwrap(),
        "--assign",
        xlsx.to_str().unwrap(),
        "--sheet",
        sheet,
        "--out",
        out.to_str().unwrap(),
    ])
}

#[test]
fn compose_takes_a_spreadsheet_and_writes_stats_for_excel() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = teams_xlsx(dir.path());
    let out = dir.path().join("uit");
    let output = compose_sheet(&xlsx, "Teams", &out);
    // The postcodes of the neighbours are in no team: the checks say so (exit 1).
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("4 areas from 26 units"),
        "{}",
        stdout(&output)
    );
    let assignment = std::fs::read_to_string(out.join("assignment.csv")).unwrap();
    assert!(assignment.contains("\n7064,Team Midden\n"), "{assignment}");
    use calamine::Reader;
    let mut stats: calamine::Xlsx<_> = calamine::open_workbook(out.join("stats.xlsx")).unwrap();
    let range = stats.worksheet_range("stats").unwrap();
    assert_eq!(
        range.get((0, 0)),
        Some(&calamine::Data::String("area".into()))
    );
    assert_eq!(range.get_size().0, 5, "header and four teams");

    // A sheet that is not there: exit 2, the sheets named.
    let output = compose_sheet(&xlsx, "Wijken", &out);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("has no sheet 'Wijken'"));
}

#[test]
fn bad_tables_get_clear_messages() {
    let dir = tempfile::tempdir().unwrap();
    let units = pc4();
    let write = |name: &str, fill: &dyn Fn(&mut rust_xlsxwriter::Worksheet)| {
        let mut workbook = Workbook::new();
        fill(workbook.add_worksheet());
        let path = dir.path().join(name);
        workbook.save(&path).unwrap();
        path
    };
    let message = |path: &Path| {
        read_assignment_with(path, &units, &TableOptions::default())
            .unwrap_err()
            .to_string()
    };

    let empty = write("leeg.xlsx", &|_| {});
    assert!(
        message(&empty).contains("sheet 'Sheet1' is empty"),
        "{}",
        message(&empty)
    );

    let conflicting = write("dubbel.xlsx", &|sheet| {
        sheet.write_string(0, 0, "postcode").unwrap();
        sheet.write_string(0, 1, "team").unwrap();
        sheet.write_number(1, 0, 7064).unwrap();
        sheet.write_string(1, 1, "Noord").unwrap();
        sheet.write_number(2, 0, 7064).unwrap();
        sheet.write_string(2, 1, "Zuid").unwrap();
    });
    assert!(
        message(&conflicting).contains(
            "sheet 'Sheet1', row 3: unit '7064' goes to 'Zuid', but row 2 puts it in 'Noord'"
        ),
        "{}",
        message(&conflicting)
    );

    let unknown = write("onbekend.xlsx", &|sheet| {
        sheet.write_string(0, 0, "postcode").unwrap();
        sheet.write_string(0, 1, "team").unwrap();
        sheet.write_number(1, 0, 9999).unwrap();
        sheet.write_string(1, 1, "Noord").unwrap();
    });
    assert!(
        message(&unknown).contains("sheet 'Sheet1', row 2: unit '9999' is not in pc4"),
        "{}",
        message(&unknown)
    );

    let not_a_spreadsheet = dir.path().join("kapot.xlsx");
    std::fs::write(&not_a_spreadsheet, b"PK\x03\x04 not really").unwrap();
    assert!(
        message(&not_a_spreadsheet).contains("not a spreadsheet gebieden can read"),
        "{}",
        message(&not_a_spreadsheet)
    );
}
