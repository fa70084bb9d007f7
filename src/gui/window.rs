//! One frame of the window: background results in, every panel drawn, the actions they asked
//! for applied, autosave ticked.

use std::path::PathBuf;

use eframe::egui;

use super::app::{Action, GebiedenApp, RightTab};

impl eframe::App for GebiedenApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }
}

impl GebiedenApp {
    /// One frame: take background results, draw every panel, apply what they asked for.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        if self.repaint.is_none() {
            self.repaint = Some(ui.ctx().clone());
        }
        self.poll_jobs();
        super::search::poll(self, ui.ctx());
        let dropped: Vec<PathBuf> = ui.ctx().input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.actions.push(Action::OpenFiles(dropped));
        }
        egui::Panel::top("menu").show(ui, |ui| super::menu::ui(self, ui));
        egui::Panel::bottom("status").show(ui, |ui| super::status_bar::ui(self, ui));
        egui::Panel::left("layers")
            .resizable(true)
            .default_size(260.0)
            .show(ui, |ui| {
                super::layers_panel::ui(self, ui);
            });
        egui::Panel::right("details")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                let t = self.t();
                ui.horizontal(|ui| {
                    ui.selectable_value(
                        &mut self.right_tab,
                        RightTab::Differences,
                        t.differences_tab,
                    );
                    ui.selectable_value(&mut self.right_tab, RightTab::Compose, t.compose);
                    ui.selectable_value(&mut self.right_tab, RightTab::Versions, t.versions_tab);
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .id_salt("right")
                    .show(ui, |ui| match self.right_tab {
                        RightTab::Differences => {
                            super::nest_panel::ui(self, ui);
                            super::details_panel::ui(self, ui);
                            ui.separator();
                            super::problems_panel::ui(self, ui);
                        }
                        RightTab::Compose => {
                            super::compose_panel::ui(self, ui);
                            ui.separator();
                            super::details_panel::ui(self, ui);
                        }
                        RightTab::Versions => super::versions_panel::ui(self, ui),
                    });
            });
        if !self.messages.is_empty() {
            egui::Panel::top("messages").show(ui, |ui| self.messages_ui(ui));
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| super::map_panel::ui(self, ui));
        super::tables_panel::windows(self, ui.ctx());
        super::map_export::window(self, ui.ctx());
        super::crs_dialog::window(self, ui.ctx());
        super::sheet_dialog::window(self, ui.ctx());
        super::clean_dialog::window(self, ui.ctx());
        super::vintage_dialog::window(self, ui.ctx());
        self.restore_dialog(ui.ctx());
        self.missing_layers_dialog(ui.ctx());
        self.shortcuts(ui.ctx());
        self.apply_actions();
        self.spawn_compose();
        self.refresh_map_preview();
        self.autosave_tick();
        if self.last_change.is_some() && !self.autosaved {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(500));
        }
        if self.busy() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
    }
}
