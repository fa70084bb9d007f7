//! A workbook with more than one sheet: the window asks which sheet holds the table (a care
//! provider's workbook often has a sheet per team, or an explanation first) before it reads
//! it as an assignment or as a division.

use std::path::PathBuf;

use eframe::egui;

use super::app::{Action, GebiedenApp};

/// What the chosen sheet is read for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TablePurpose {
    /// Into the composition (Tabel importeren…).
    Assignment,
    /// As a division over the base layer (Tabel als indeling…).
    Division,
}

/// A workbook waiting for the user to choose its sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetRequest {
    pub path: PathBuf,
    pub purpose: TablePurpose,
    pub sheets: Vec<String>,
    pub chosen: usize,
}

/// The action that reads `path` (a sheet of it, where named) for `purpose`.
pub fn read_table(path: PathBuf, sheet: Option<String>, purpose: TablePurpose) -> Action {
    match purpose {
        TablePurpose::Assignment => Action::ImportAssignment { path, sheet },
        TablePurpose::Division => Action::TableAsDivision { path, sheet },
    }
}

/// After the file dialog: a CSV or a one-sheet workbook is read at once; a workbook of more
/// sheets asks first.
pub fn table_picked(app: &mut GebiedenApp, path: PathBuf, purpose: TablePurpose) {
    match gebieden::io::sheet_names(&path) {
        Ok(sheets) if sheets.len() > 1 => {
            app.sheet_request = Some(SheetRequest {
                path,
                purpose,
                sheets,
                chosen: 0,
            })
        }
        // One sheet, a CSV, or a file that will not open: reading it says what is wrong.
        _ => app.actions.push(read_table(path, None, purpose)),
    }
}

pub fn window(app: &mut GebiedenApp, ctx: &egui::Context) {
    let Some(request) = &mut app.sheet_request else {
        return;
    };
    let t = super::i18n::texts(app.language);
    let mut decided: Option<Option<Action>> = None;
    egui::Window::new(t.sheet_title)
        .collapsible(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| {
            let name = request
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            ui.label(format!("{} {name}", t.sheet_text));
            egui::ComboBox::new("sheet", t.sheet)
                .selected_text(request.sheets[request.chosen].as_str())
                .show_ui(ui, |ui| {
                    for (index, sheet) in request.sheets.iter().enumerate() {
                        ui.selectable_value(&mut request.chosen, index, sheet);
                    }
                });
            ui.horizontal(|ui| {
                if ui.button(t.read_sheet).clicked() {
                    decided = Some(Some(read_table(
                        request.path.clone(),
                        Some(request.sheets[request.chosen].clone()),
                        request.purpose,
                    )));
                }
                if ui.button(t.skip).clicked() {
                    decided = Some(None);
                }
            });
        });
    if let Some(action) = decided {
        app.sheet_request = None;
        app.actions.extend(action);
    }
}
