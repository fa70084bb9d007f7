use eframe::egui;

use super::GebiedenApp;

/// The list of loaded layers.
pub fn ui(app: &GebiedenApp, ui: &mut egui::Ui) {
    ui.heading("Lagen");
    for layer in &app.layers {
        ui.label(format!(
            "{} ({} gebieden)",
            layer.name,
            layer.features.len()
        ));
    }
}
