//! The details panel: the selected area's attributes, or the selected difference.

use eframe::egui;

use super::app::{GebiedenApp, Selection};

/// Formats square metres as m², ha or km², whichever reads best.
pub fn format_area(m2: f64) -> String {
    if m2 >= 1_000_000.0 {
        format!("{:.2} km²", m2 / 1e6)
    } else if m2 >= 10_000.0 {
        format!("{:.1} ha", m2 / 1e4)
    } else {
        format!("{m2:.0} m²")
    }
}

pub fn ui(app: &mut GebiedenApp, ui: &mut egui::Ui) {
    let t = app.t();
    found_place(app, ui);
    ui.heading(t.details);
    match app.selection {
        None => {
            ui.label(t.nothing_selected);
        }
        Some(Selection::Feature { layer, feature }) => {
            let Some(map_layer) = app.layers.get(layer) else {
                return;
            };
            let data = &map_layer.layer;
            let Some(f) = data.features.get(feature) else {
                return;
            };
            egui::Grid::new("attributes")
                .striped(true)
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label(t.layer);
                    ui.label(&data.name);
                    ui.end_row();
                    ui.label(data.id_field.as_deref().unwrap_or("id"));
                    ui.strong(&f.id);
                    ui.end_row();
                    for (field, value) in data.fields.iter().zip(&f.attributes) {
                        ui.label(&field.name);
                        ui.label(value.to_string());
                        ui.end_row();
                    }
                    ui.label(t.area);
                    ui.label(format_area(geo::Area::unsigned_area(&f.geometry)));
                    ui.end_row();
                });
            if app.base_layer == Some(layer) && !app.composer.composition.areas.is_empty() {
                let area = app
                    .composer
                    .composition
                    .assignment
                    .get(&f.id)
                    .cloned()
                    .unwrap_or_default();
                ui.label(format!("{}: {area}", t.area_name));
                let mut locked = app.composer.composition.locked.contains(&f.id);
                if ui.checkbox(&mut locked, t.locked).changed() {
                    app.actions.push(super::app::Action::SetLocked {
                        unit: f.id.clone(),
                        locked,
                    });
                }
            }
            if !f.is_valid() {
                ui.colored_label(
                    egui::Color32::DARK_RED,
                    format!(
                        "{}: {}",
                        t.invalid_geometry,
                        super::i18n::problem_summary(app.language, f)
                    ),
                );
            }
        }
        Some(Selection::Problem(i)) => {
            let Some(problem) = app
                .analysis
                .as_ref()
                .and_then(|a| a.analysis.problems.get(i))
            else {
                return;
            };
            egui::Grid::new("problem")
                .striped(true)
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label(t.kind);
                    ui.strong(super::problems_panel::kind_name(t, problem));
                    ui.end_row();
                    ui.label(t.layer);
                    ui.label(&problem.layer);
                    ui.end_row();
                    ui.label(t.ids);
                    ui.label(problem.ids.join(", "));
                    ui.end_row();
                    ui.label(t.area);
                    ui.label(format_area(problem.area_m2));
                    ui.end_row();
                    ui.label(t.problem_width);
                    ui.label(format!("{:.1} m", problem.width_m));
                    ui.end_row();
                });
        }
    }
}

/// The place found by the search, and the area of each division that holds it: "which team
/// serves Kerkstraat 1?".
fn found_place(app: &mut GebiedenApp, ui: &mut egui::Ui) {
    let t = app.t();
    let Some(place) = &app.found_place else {
        return;
    };
    ui.horizontal(|ui| {
        ui.heading(t.found);
        if ui.small_button(t.forget_place).clicked() {
            app.actions.push(super::app::Action::ClearPlace);
        }
    });
    ui.label(egui::RichText::new(&place.name).strong());
    if place.areas.is_empty() {
        ui.label(t.in_no_division);
    } else {
        egui::Grid::new("place-areas")
            .striped(true)
            .num_columns(2)
            .show(ui, |ui| {
                for area in &place.areas {
                    ui.label(&area.layer);
                    if area.name == area.id {
                        ui.label(&area.id);
                    } else {
                        ui.label(format!("{} ({})", area.name, area.id));
                    }
                    ui.end_row();
                }
            });
    }
    ui.separator();
}
