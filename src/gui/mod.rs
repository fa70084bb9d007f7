//! The desktop app (eframe/egui). State lives in one struct (`app::GebiedenApp`); each panel is
//! its own file with a `ui` function that reads the state and queues `Action`s; geometry work
//! happens in the library (`render`, `analysis`), never in the frame loop.

mod action;
mod analysis_settings;
pub mod app;
mod basemap;
pub mod bench;
mod clean_dialog;
mod vintage_dialog;
mod compose_panel;
mod composer;
mod crs_dialog;
mod search;
mod sheet_dialog;
mod details_panel;
mod dialogs;
pub mod i18n;
mod jobs;
mod layers_panel;
mod map_export;
mod map_panel;
mod menu;
mod negotiation;
mod nest_panel;
mod problems_panel;
mod project;
mod status_bar;
mod style;
mod tables_panel;
mod versions_panel;
#[cfg(test)]
mod tests;
mod window;

pub use app::GebiedenApp;

use std::path::PathBuf;

/// Opens the window on the given files, or on the bundled demo when there are none.
pub fn run(files: Vec<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("gebieden")
            .with_inner_size([1280.0, 800.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "gebieden",
        options,
        Box::new(move |_creation| {
            let mut app = GebiedenApp::open_window(files);
            app.autosave_fallback = project::default_autosave();
            app.check_autosave();
            Ok(Box::new(app))
        }),
    )
}
