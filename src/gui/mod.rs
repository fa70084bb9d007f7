//! The desktop app (eframe/egui). State lives in one struct (`app::GebiedenApp`); each panel is
//! its own file; geometry work happens in the library, never in the frame loop.

mod app;
mod layers_panel;

pub use app::GebiedenApp;

use std::path::PathBuf;

/// Opens the window on the given files, or on the bundled demo when there are none.
pub fn run(files: Vec<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("gebieden")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "gebieden",
        options,
        Box::new(move |_creation| Ok(Box::new(GebiedenApp::open(files)))),
    )
}
