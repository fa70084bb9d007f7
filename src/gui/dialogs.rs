//! The small windows and keyboard shortcuts around the main panels: restoring an autosave,
//! locating moved layer files, the message bar, Ctrl+Z / Ctrl+Shift+Z / Ctrl+S.

use std::path::PathBuf;

use eframe::egui;

use super::app::{Action, GebiedenApp};

impl GebiedenApp {
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        let (undo, redo, save) = ctx.input_mut(|i| {
            let redo = i.consume_key(
                egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
                egui::Key::Z,
            ) || i.consume_key(egui::Modifiers::COMMAND, egui::Key::Y);
            let undo = i.consume_key(egui::Modifiers::COMMAND, egui::Key::Z);
            let save = i.consume_key(egui::Modifiers::COMMAND, egui::Key::S);
            (undo, redo, save)
        });
        if undo {
            self.actions.push(Action::Undo);
        }
        if redo {
            self.actions.push(Action::Redo);
        }
        if save {
            match &self.project_path {
                Some(_) => self.actions.push(Action::SaveProject(None)),
                None => {
                    if let Some(path) = super::menu::save_dialog() {
                        self.actions.push(Action::SaveProject(Some(path)));
                    }
                }
            }
        }
    }

    pub(super) fn missing_layers_dialog(&mut self, ctx: &egui::Context) {
        if self.missing_layers.is_empty() {
            return;
        }
        let t = self.t();
        let mut located: Option<(usize, PathBuf)> = None;
        let mut skipped: Option<usize> = None;
        egui::Window::new(t.missing_title)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(t.missing_layer);
                for (i, (path, _)) in self.missing_layers.iter().enumerate() {
                    ui.horizontal(|ui| {
                        ui.label(path.display().to_string());
                        if ui.button(t.locate).clicked()
                            && let Some(found) = rfd::FileDialog::new()
                                .add_filter(
                                    "GeoJSON, Shapefile, GeoPackage",
                                    gebieden::io::SUPPORTED_EXTENSIONS,
                                )
                                .pick_file()
                        {
                            located = Some((i, found));
                        }
                        if ui.button(t.skip).clicked() {
                            skipped = Some(i);
                        }
                    });
                }
            });
        if let Some((i, found)) = located {
            let (_, layer) = self.missing_layers.remove(i);
            self.load_located(found, &layer);
        } else if let Some(i) = skipped {
            self.missing_layers.remove(i);
        }
    }

    pub(super) fn restore_dialog(&mut self, ctx: &egui::Context) {
        let Some(path) = self.restore_offer.clone() else {
            return;
        };
        let t = self.t();
        egui::Window::new(t.restore_title)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label(t.restore_text);
                ui.small(path.display().to_string());
                ui.horizontal(|ui| {
                    if ui.button(t.restore).clicked() {
                        self.actions.push(Action::RestoreAutosave);
                    }
                    if ui.button(t.discard).clicked() {
                        self.actions.push(Action::DiscardAutosave);
                    }
                });
            });
    }

    pub(super) fn messages_ui(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        ui.horizontal(|ui| {
            ui.strong(t.messages);
            if ui.button(t.dismiss).clicked() {
                self.actions.push(Action::DismissMessages);
            }
        });
        egui::ScrollArea::vertical()
            .max_height(90.0)
            .show(ui, |ui| {
                for message in &self.messages {
                    let colour = if message.is_error {
                        egui::Color32::from_rgb(170, 0, 0)
                    } else {
                        ui.visuals().text_color()
                    };
                    ui.colored_label(colour, &message.text);
                }
            });
    }
}
