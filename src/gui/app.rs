use std::path::PathBuf;

use eframe::egui;

use gebieden::io::{LoadOptions, load};
use gebieden::model::Layer;

/// Everything the window shows.
pub struct GebiedenApp {
    pub layers: Vec<Layer>,
    /// Messages for the user (files that failed to load and why).
    pub messages: Vec<String>,
}

impl GebiedenApp {
    /// Loads `files`, or the bundled demo when `files` is empty.
    pub fn open(files: Vec<PathBuf>) -> GebiedenApp {
        let files = if files.is_empty() {
            gebieden::demo::bundled_dir()
                .map(|dir| {
                    gebieden::demo::DIVISION_FILES
                        .iter()
                        .map(|f| dir.join(f))
                        .collect()
                })
                .unwrap_or_default()
        } else {
            files
        };
        let options = LoadOptions::default();
        let mut app = GebiedenApp {
            layers: Vec::new(),
            messages: Vec::new(),
        };
        for path in files {
            match load(&path, &options) {
                Ok(layers) => app.layers.extend(layers),
                Err(error) => app.messages.push(error.to_string()),
            }
        }
        app
    }
}

impl eframe::App for GebiedenApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::left("layers").resizable(true).show(ui, |ui| {
            super::layers_panel::ui(self, ui);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            for message in &self.messages {
                ui.colored_label(egui::Color32::DARK_RED, message);
            }
        });
    }
}
