//! The analysis' settings, as the command line has them: the extent every division should
//! cover, a weight field, and the width under which a gap or overlap is a sliver. They are
//! kept in the project.

use eframe::egui;

use gebieden::model::FieldType;

use super::app::{Action, GebiedenApp};

pub fn ui(app: &mut GebiedenApp, ui: &mut egui::Ui) {
    let t = app.t();
    let mut settings = app.analysis_settings.clone();
    egui::CollapsingHeader::new(t.analysis_settings)
        .id_salt("analysis-settings")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let name_of = |i: Option<usize>| {
                    i.and_then(|i| app.layers.get(i))
                        .map(|l| l.layer.name.clone())
                        .unwrap_or_else(|| t.no_label.to_string())
                };
                egui::ComboBox::new("extent", t.extent_layer)
                    .selected_text(name_of(settings.extent_layer))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut settings.extent_layer, None, t.no_label);
                        for (i, layer) in app.layers.iter().enumerate() {
                            ui.selectable_value(
                                &mut settings.extent_layer,
                                Some(i),
                                &layer.layer.name,
                            );
                        }
                    })
                    .response
                    .on_hover_text(t.extent_hint);
            });
            ui.horizontal(|ui| {
                // Numeric fields of any layer, once each.
                let mut fields: Vec<String> = Vec::new();
                for layer in &app.layers {
                    for field in &layer.layer.fields {
                        let numeric = matches!(field.kind, FieldType::Integer | FieldType::Float);
                        if numeric && !fields.iter().any(|f| f.eq_ignore_ascii_case(&field.name)) {
                            fields.push(field.name.clone());
                        }
                    }
                }
                let current = settings
                    .weight_field
                    .clone()
                    .unwrap_or_else(|| t.no_label.to_string());
                egui::ComboBox::new("weight", t.weight_field)
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut settings.weight_field, None, t.no_label);
                        for field in fields {
                            ui.selectable_value(
                                &mut settings.weight_field,
                                Some(field.clone()),
                                field,
                            );
                        }
                    })
                    .response
                    .on_hover_text(t.weight_hint);
            });
            ui.horizontal(|ui| {
                ui.label(t.sliver_width);
                ui.add(
                    egui::DragValue::new(&mut settings.sliver_width_m)
                        .range(0.0..=1000.0)
                        .speed(0.1),
                );
            });
        });
    if settings != app.analysis_settings {
        app.actions.push(Action::SetAnalysisSettings(settings));
    }
}
