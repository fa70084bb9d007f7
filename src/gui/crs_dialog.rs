//! A file whose coordinate reference system is unknown (a shapefile without .prj) or plainly
//! wrong (RD metres in a file that says degrees) cannot be placed on the map. The window asks
//! for the CRS, offering the one the coordinates look like, and opens the file as that; the
//! project remembers it.

use std::path::PathBuf;

use eframe::egui;

use gebieden::model::Crs;

use super::app::{Action, GebiedenApp};

/// A file waiting for the user to name its CRS.
#[derive(Clone, Debug, PartialEq)]
pub struct CrsRequest {
    pub path: PathBuf,
    /// What the user has typed, starting with the CRS the coordinates look like.
    pub typed: String,
    /// Why the last try was refused.
    pub error: Option<String>,
}

pub fn window(app: &mut GebiedenApp, ctx: &egui::Context) {
    if app.crs_requests.is_empty() {
        return;
    }
    let t = app.t();
    egui::Window::new(t.crs_title)
        .collapsible(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| {
            ui.label(t.crs_text);
            for request in &mut app.crs_requests {
                ui.separator();
                let name = request
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                ui.strong(name);
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut request.typed)
                            .desired_width(120.0)
                            .hint_text("EPSG:28992"),
                    );
                    if ui.button(t.open_as).clicked() {
                        match Crs::parse(&request.typed) {
                            Ok(crs) => app.actions.push(Action::OpenWithCrs {
                                path: request.path.clone(),
                                crs,
                            }),
                            Err(error) => request.error = Some(error.to_string()),
                        }
                    }
                    if ui.button(t.skip).clicked() {
                        app.actions
                            .push(Action::DismissCrsRequest(request.path.clone()));
                    }
                });
                if let Some(error) = &request.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
            }
        });
}
