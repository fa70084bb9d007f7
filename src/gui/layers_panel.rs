//! The layer panel: visibility, order, style, labels, zoom, remove.

use eframe::egui;

use super::app::{Action, GebiedenApp};

pub fn ui(app: &mut GebiedenApp, ui: &mut egui::Ui) {
    let t = app.t();
    ui.heading(t.layers);
    if app.layers.is_empty() {
        ui.label(t.no_layers);
        return;
    }
    let count = app.layers.len();
    egui::ScrollArea::vertical().show(ui, |ui| {
        for i in 0..count {
            let active = app.active_layer == Some(i);
            let layer = app.layers[i].layer.clone();
            let current_style = app.layers[i].style.clone();
            let name = layer.name.clone();
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    if ui.radio(active, "").on_hover_text(t.active).clicked() {
                        app.actions.push(Action::SetActive(i));
                    }
                    let (swatch, _) =
                        ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                    ui.painter().rect_filled(swatch, 2.0, current_style.outline);
                    let mut visible = current_style.visible;
                    let title = if active {
                        egui::RichText::new(&name).strong()
                    } else {
                        egui::RichText::new(&name)
                    };
                    if ui
                        .checkbox(&mut visible, title)
                        .on_hover_text(t.visible)
                        .changed()
                    {
                        app.actions.push(Action::ToggleVisible(i));
                    }
                });
                let invalid = layer.invalid_features().count();
                ui.label(format!(
                    "{} {}{}",
                    layer.features.len(),
                    if layer.features.len() == 1 {
                        t.one_area
                    } else {
                        t.areas
                    },
                    if invalid > 0 {
                        format!(", {invalid} {}", t.invalid_geometry)
                    } else {
                        String::new()
                    }
                ));
                ui.horizontal(|ui| {
                    if ui.add_enabled(i > 0, egui::Button::new(t.up)).clicked() {
                        app.actions.push(Action::MoveLayer { from: i, up: true });
                    }
                    if ui
                        .add_enabled(i + 1 < count, egui::Button::new(t.down))
                        .clicked()
                    {
                        app.actions.push(Action::MoveLayer { from: i, up: false });
                    }
                    if ui.button(t.zoom).on_hover_text(t.zoom_to_layer).clicked() {
                        app.actions.push(Action::ZoomToLayer(i));
                    }
                    if ui.button(t.remove).clicked() {
                        app.actions.push(Action::RemoveLayer(i));
                    }
                });
                if let Some(crs) = app.layers[i].crs_override {
                    ui.small(format!("{} {crs}", t.read_as));
                }
                ui.horizontal(|ui| {
                    rename_row(app, ui, i);
                    // A partner division (not the base itself, not a nest) can be nested in
                    // the base units.
                    let nestable = app.base_layer.is_some_and(|b| b != i)
                        && !super::nest_panel::is_nest(&app.layers[i].layer);
                    if ui.small_button(t.clean_button).clicked() {
                        app.actions.push(Action::OpenClean(i));
                    }
                    if nestable
                        && ui
                            .small_button(t.nest_in_base)
                            .on_hover_text(t.nest_hint)
                            .clicked()
                    {
                        app.actions.push(Action::NestLayer(i));
                    }
                });
                // The panel edits a copy; a change goes to the app as one action, so it is
                // marked, saved and autosaved like every other change.
                let mut style = current_style.clone();
                egui::CollapsingHeader::new(format!("{} / {}", t.fill, t.outline))
                    .id_salt(("style", i))
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.label(t.fill);
                            ui.color_edit_button_srgba(&mut style.fill);
                            ui.checkbox(&mut style.always_fill, t.always);
                        });
                        ui.horizontal(|ui| {
                            ui.label(t.outline);
                            ui.color_edit_button_srgba(&mut style.outline);
                            ui.label(t.width);
                            ui.add(
                                egui::DragValue::new(&mut style.outline_width)
                                    .range(0.0..=8.0)
                                    .speed(0.1),
                            );
                        });
                        ui.horizontal(|ui| {
                            let current = style
                                .label_field
                                .clone()
                                .unwrap_or_else(|| t.no_label.to_string());
                            egui::ComboBox::new(("label", i), t.label)
                                .selected_text(current)
                                .show_ui(ui, |ui| {
                                    ui.selectable_value(&mut style.label_field, None, t.no_label);
                                    for field in &layer.fields {
                                        ui.selectable_value(
                                            &mut style.label_field,
                                            Some(field.name.clone()),
                                            &field.name,
                                        );
                                    }
                                });
                        });
                    });
                if style != current_style {
                    app.actions.push(Action::SetStyle { layer: i, style });
                }
            });
        }
    });
}

/// The layer's name, or the field to type a new one: what the user calls a layer is what
/// lists, legends, tables and exports show.
fn rename_row(app: &mut GebiedenApp, ui: &mut egui::Ui, i: usize) {
    let t = app.t();
    match &mut app.renaming {
        Some((layer, name)) if *layer == i => {
            let mut done = false;
            ui.horizontal(|ui| {
                let edit = ui.add(
                    egui::TextEdit::singleline(name)
                        .desired_width(150.0)
                        .hint_text(t.layer_name),
                );
                let entered =
                    edit.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
                if ui.button(t.apply).clicked() || entered {
                    done = true;
                }
            });
            if done && let Some((layer, name)) = app.renaming.take() {
                app.actions.push(Action::RenameLayer { layer, name });
            }
        }
        _ => {
            if ui.small_button(t.rename).clicked() {
                app.renaming = Some((i, app.layers[i].layer.name.clone()));
            }
        }
    }
}
