//! The menu bar: files, view, analysis and language.

use eframe::egui;

use super::app::{Action, GebiedenApp};
use super::i18n::Language;

pub fn ui(app: &mut GebiedenApp, ui: &mut egui::Ui) {
    let t = app.t();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(t.file, |ui| {
            if ui.button(t.open).clicked() {
                let picked = rfd::FileDialog::new()
                    .add_filter(
                        "GeoJSON, Shapefile, GeoPackage",
                        gebieden::io::SUPPORTED_EXTENSIONS,
                    )
                    .pick_files();
                if let Some(files) = picked {
                    app.actions.push(Action::OpenFiles(files));
                }
                ui.close();
            }
            if ui.button(t.open_project).clicked() {
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter("gebieden", &["gebieden"])
                    .pick_file()
                {
                    app.actions.push(Action::OpenProject(path));
                }
                ui.close();
            }
            let recent = super::project::recent_projects();
            ui.add_enabled_ui(!recent.is_empty(), |ui| {
                ui.menu_button(t.recent, |ui| {
                    for path in recent {
                        let name = path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        if ui
                            .button(name)
                            .on_hover_text(path.display().to_string())
                            .clicked()
                        {
                            app.actions.push(Action::OpenProject(path));
                            ui.close();
                        }
                    }
                });
            });
            if ui.button(t.save).clicked() {
                match &app.project_path {
                    Some(_) => app.actions.push(Action::SaveProject(None)),
                    None => {
                        if let Some(path) = save_dialog() {
                            app.actions.push(Action::SaveProject(Some(path)));
                        }
                    }
                }
                ui.close();
            }
            if ui.button(t.save_as).clicked() {
                if let Some(path) = save_dialog() {
                    app.actions.push(Action::SaveProject(Some(path)));
                }
                ui.close();
            }
            ui.separator();
            if ui
                .add_enabled(!app.layers.is_empty(), egui::Button::new(t.export_map))
                .clicked()
            {
                app.actions.push(Action::OpenMapExport);
                ui.close();
            }
            if ui
                .add_enabled(!app.layers.is_empty(), egui::Button::new(t.publish))
                .on_hover_text(t.publish_hint)
                .clicked()
            {
                if let Some(dir) = rfd::FileDialog::new().pick_folder() {
                    app.actions.push(Action::Publish(dir));
                }
                ui.close();
            }
            if ui
                .add_enabled(app.base_layer.is_some(), egui::Button::new(t.new_vintage))
                .on_hover_text(t.new_vintage_hint)
                .clicked()
            {
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter("GeoJSON, Shapefile, GeoPackage", gebieden::io::SUPPORTED_EXTENSIONS)
                    .pick_file()
                {
                    app.actions.push(Action::OpenVintage(path));
                }
                ui.close();
            }
            ui.separator();
            if ui.button(t.open_demo).clicked() {
                app.actions.push(Action::OpenDemo);
                ui.close();
            }
            ui.separator();
            if ui.button(t.quit).clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button(t.view, |ui| {
            if ui.button(t.zoom_all).clicked() {
                app.actions.push(Action::ZoomToAll);
                ui.close();
            }
            ui.toggle_value(&mut app.show_crosswalk, t.crosswalk);
            ui.toggle_value(&mut app.show_atlas, t.atlas);
            ui.separator();
            ui.menu_button(t.basemap, |ui| basemap_menu(app, ui));
        });
        ui.menu_button(t.language, |ui| {
            for language in [Language::Nederlands, Language::English] {
                if ui
                    .radio(app.language == language, language.name())
                    .clicked()
                {
                    app.actions.push(Action::SetLanguage(language));
                    ui.close();
                }
            }
        });
        ui.separator();
        let can_analyse = !app.layers.is_empty() && !app.is_analysing();
        if ui
            .add_enabled(can_analyse, egui::Button::new(t.analyse))
            .clicked()
        {
            app.actions.push(Action::RunAnalysis);
        }
        if app.is_analysing() {
            ui.spinner();
            ui.label(t.analysing);
        }
        if app.analysis.is_some() {
            ui.toggle_value(&mut app.show_crosswalk, t.crosswalk);
            ui.toggle_value(&mut app.show_atlas, t.atlas);
        }
    });
}

/// Asks where to save the project (adding the .gebieden extension).
pub fn save_dialog() -> Option<std::path::PathBuf> {
    rfd::FileDialog::new()
        .add_filter("gebieden", &["gebieden"])
        .set_file_name("project.gebieden")
        .save_file()
        .map(|p| {
            if p.extension().is_some() {
                p
            } else {
                p.with_extension("gebieden")
            }
        })
}

/// Beeld → Achtergrondkaart: a PDOK style or none, and a tile service of the user's own.
fn basemap_menu(app: &mut GebiedenApp, ui: &mut egui::Ui) {
    let t = app.t();
    let current = app.basemap.clone();
    if ui.radio(current.style.is_none(), t.basemap_off).clicked() {
        app.actions.push(Action::SetBasemap(gebieden::model::BasemapSettings {
            style: None,
            ..current.clone()
        }));
        ui.close();
    }
    for style in gebieden::model::BasemapStyle::ALL {
        if ui.radio(current.style == Some(style), style.name()).clicked() {
            app.actions.push(Action::SetBasemap(gebieden::model::BasemapSettings {
                style: Some(style),
                ..current.clone()
            }));
            ui.close();
        }
    }
    ui.separator();
    ui.label(t.basemap_url);
    let id = egui::Id::unique("basemap-url");
    let mut typed: String = ui.data_mut(|d| {
        d.get_temp::<String>(id)
            .unwrap_or_else(|| current.url_template.clone().unwrap_or_default())
    });
    let edit = ui.add(
        egui::TextEdit::singleline(&mut typed)
            .hint_text(gebieden::services::PDOK_BASEMAP_TEMPLATE)
            .desired_width(420.0),
    );
    let problem = (!typed.trim().is_empty())
        .then(|| gebieden::services::TileSource::check_template(typed.trim()).err())
        .flatten();
    if let Some(problem) = &problem {
        ui.colored_label(egui::Color32::from_rgb(180, 0, 0), problem);
    }
    if edit.changed() {
        ui.data_mut(|d| d.insert_temp(id, typed.clone()));
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(problem.is_none(), egui::Button::new(t.apply))
            .clicked()
        {
            let template = Some(typed.trim().to_string()).filter(|t| !t.is_empty());
            app.actions.push(Action::SetBasemap(gebieden::model::BasemapSettings {
                url_template: template,
                style: current.style.or(Some(Default::default())),
            }));
            ui.data_mut(|d| d.remove::<String>(id));
            ui.close();
        }
        if ui.button(t.basemap_pdok).clicked() {
            app.actions.push(Action::SetBasemap(gebieden::model::BasemapSettings {
                url_template: None,
                ..current.clone()
            }));
            ui.data_mut(|d| d.remove::<String>(id));
            ui.close();
        }
    });
}
