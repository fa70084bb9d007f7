//! The composer panel: areas with their live statistics, painting, rules, CSV import, undo,
//! checks and export.

use eframe::egui;

use super::app::{Action, GebiedenApp};
use super::details_panel::format_area;
use super::sheet_dialog::TablePurpose;

fn colour(c: [u8; 3]) -> egui::Color32 {
    egui::Color32::from_rgb(c[0], c[1], c[2])
}

pub fn ui(app: &mut GebiedenApp, ui: &mut egui::Ui) {
    let t = app.t();
    ui.heading(t.compose);
    let Some(base) = app
        .base_layer
        .and_then(|b| app.layers.get(b))
        .map(|l| l.layer.clone())
    else {
        ui.label(t.no_base);
        return;
    };
    ui.label(format!(
        "{}: {} ({} {})",
        t.base_layer,
        base.name,
        base.features.len(),
        t.units
    ));
    ui.horizontal(|ui| {
        if ui
            .add_enabled(app.composer.history.can_undo(), egui::Button::new(t.undo))
            .clicked()
        {
            app.actions.push(Action::Undo);
        }
        if ui
            .add_enabled(app.composer.history.can_redo(), egui::Button::new(t.redo))
            .clicked()
        {
            app.actions.push(Action::Redo);
        }
        if ui.button(t.import_csv).clicked()
            && let Some(path) = pick_table(t.table_files)
        {
            super::sheet_dialog::table_picked(app, path, TablePurpose::Assignment);
        }
    });
    if ui
        .button(t.table_as_division)
        .on_hover_text(t.table_as_division_hint)
        .clicked()
        && let Some(path) = pick_table(t.table_files)
    {
        super::sheet_dialog::table_picked(app, path, TablePurpose::Division);
    }
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut app.composer.new_area_name)
                .hint_text(t.new_area)
                .desired_width(150.0),
        );
        let name_entered = ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button(t.add).clicked() || name_entered)
            && !app.composer.new_area_name.trim().is_empty()
        {
            app.actions
                .push(Action::AddArea(app.composer.new_area_name.clone()));
            // Done typing: Ctrl+Z now undoes edits of the composition, not of this text.
            ui.memory_mut(|m| m.stop_text_input());
        }
    });
    ui.horizontal(|ui| {
        if ui
            .toggle_value(&mut app.composer.painting, t.paint)
            .changed()
            && app.composer.painting
        {
            app.composer.drawing_split = false;
        }
        if ui
            .toggle_value(&mut app.composer.drawing_split, t.split_tool)
            .changed()
        {
            app.composer.split_points.clear();
            if app.composer.drawing_split {
                app.composer.painting = false;
            }
        }
        ui.checkbox(&mut app.composer.only_unassigned, t.only_unassigned);
    });
    if app.composer.drawing_split {
        ui.small(t.split_hint);
    }
    if app.composer.painting {
        ui.small(t.paint_hint);
    }
    if !app.composer.composition.splits.is_empty() {
        ui.label(t.splits);
        for (i, split) in app.composer.composition.splits.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.small(&split.unit);
                if ui.small_button(t.remove).clicked() {
                    app.actions.push(Action::RemoveSplit(i));
                }
            });
        }
    }

    let result = app.composer.view.as_ref().map(|v| v.result.clone());
    let current = app.composer.current_area.clone();
    egui::ScrollArea::vertical()
        .id_salt("areas")
        .max_height(320.0)
        .show(ui, |ui| {
            if ui.selectable_label(current.is_none(), t.erase).clicked() {
                app.actions.push(Action::SetCurrentArea(None));
            }
            for area in &app.composer.composition.areas {
                let stats = result
                    .as_ref()
                    .and_then(|r| r.areas.iter().find(|a| a.name == area.name));
                ui.horizontal(|ui| {
                    let (swatch, _) =
                        ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                    ui.painter().rect_filled(swatch, 2.0, colour(area.colour));
                    if ui
                        .selectable_label(
                            current.as_deref() == Some(area.name.as_str()),
                            &area.name,
                        )
                        .clicked()
                    {
                        app.actions
                            .push(Action::SetCurrentArea(Some(area.name.clone())));
                    }
                    if ui.small_button(t.remove).clicked() {
                        app.actions.push(Action::RemoveArea(area.name.clone()));
                    }
                });
                if let Some(s) = stats {
                    let mut line =
                        format!("{} {}, {}", s.units.len(), t.units, format_area(s.area_m2));
                    for (field, sum) in &s.sums {
                        line.push_str(&format!(", {field} {sum:.0}"));
                    }
                    if s.parts.len() > 1 {
                        line.push_str(&format!(", {} {}", s.parts.len(), t.parts));
                    }
                    ui.small(line);
                    let cuts: Vec<String> = s
                        .cut_partners()
                        .map(|p| {
                            format!("{} {} ({:.0}%)", p.layer, p.id, p.share_of_partner * 100.0)
                        })
                        .collect();
                    if !cuts.is_empty() {
                        ui.small(format!("{} {}", t.cuts, cuts.join(", ")));
                    }
                }
            }
        });

    area_editor(app, ui);

    ui.collapsing(t.rule, |ui| {
        let current_field = app
            .composer
            .rule_field
            .clone()
            .unwrap_or_else(|| t.no_label.to_string());
        egui::ComboBox::new("rule_field", t.rule)
            .selected_text(current_field)
            .show_ui(ui, |ui| {
                for field in &base.fields {
                    ui.selectable_value(
                        &mut app.composer.rule_field,
                        Some(field.name.clone()),
                        &field.name,
                    );
                }
            });
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut app.composer.rule_value)
                    .hint_text(t.value)
                    .desired_width(120.0),
            );
            if ui.button(t.assign).clicked()
                && let Some(field) = app.composer.rule_field.clone()
            {
                app.actions.push(Action::AssignRule {
                    field,
                    value: app.composer.rule_value.clone(),
                });
            }
        });
    });

    ui.separator();
    ui.strong(t.checks);
    if let Some(result) = &result {
        let checks = &result.checks;
        if checks.complete() && checks.empty_areas.is_empty() && checks.sliver_cuts.is_empty() {
            ui.label(t.complete);
        }
        if !checks.unassigned.is_empty() {
            ui.colored_label(
                egui::Color32::from_rgb(200, 120, 0),
                format!(
                    "{} {}: {}",
                    checks.unassigned.len(),
                    t.unassigned,
                    checks.unassigned.join(", ")
                ),
            );
        }
        for name in &checks.split_areas {
            let parts = result
                .areas
                .iter()
                .find(|a| &a.name == name)
                .map(|a| a.parts.len())
                .unwrap_or(0);
            ui.colored_label(
                egui::Color32::from_rgb(200, 0, 0),
                format!("{name}: {parts} {}", t.parts),
            );
        }
        for name in &checks.empty_areas {
            ui.label(format!("{name}: {}", t.empty_area));
        }
        for (area, layer, id) in &checks.sliver_cuts {
            ui.small(format!("{area}: {} {layer} {id}", t.sliver_cut));
        }
        if ui.button(t.export).clicked()
            && let Some(dir) = rfd::FileDialog::new().pick_folder()
        {
            app.actions.push(Action::ExportComposition(dir));
        }
    } else if app.composer.computing {
        ui.spinner();
    }
}

/// Rename, recolour and annotate the current area.
fn area_editor(app: &mut GebiedenApp, ui: &mut egui::Ui) {
    let t = app.t();
    let Some(current) = app.composer.current_area.clone() else {
        return;
    };
    let Some(area) = app.composer.composition.area(&current).cloned() else {
        return;
    };
    let fresh = app
        .composer
        .editing
        .as_ref()
        .is_none_or(|(name, ..)| name != &current);
    if fresh {
        app.composer.editing_details = WEB_DETAILS
            .iter()
            .map(|k| (k.to_string(), area.details.get(*k).cloned().unwrap_or_default()))
            .collect();
        app.composer.editing = Some((
            current.clone(),
            area.name.clone(),
            area.colour,
            area.note.clone(),
        ));
    }
    let Some((_, new_name, colour, note)) = app.composer.editing.as_mut() else {
        return;
    };
    ui.collapsing(t.edit_area, |ui| {
        ui.horizontal(|ui| {
            ui.label(t.area_name);
            ui.text_edit_singleline(new_name);
        });
        ui.horizontal(|ui| {
            ui.label(t.colour);
            ui.color_edit_button_srgb(colour);
        });
        ui.horizontal(|ui| {
            ui.label(t.note);
            ui.text_edit_singleline(note);
        });
        if ui.button(t.apply).clicked() {
            app.actions.push(Action::EditArea {
                name: current.clone(),
                new_name: new_name.clone(),
                colour: *colour,
                note: note.clone(),
            });
            ui.memory_mut(|m| m.stop_text_input());
        }
    });
    // What residents see of the area on the published web map.
    ui.collapsing(t.web_details, |ui| {
        egui::Grid::new("web_details").show(ui, |ui| {
            for key in WEB_DETAILS {
                ui.label(key);
                if let Some(value) = app.composer.editing_details.get_mut(key) {
                    ui.text_edit_singleline(value);
                }
                ui.end_row();
            }
        });
        if ui.button(t.save_details).clicked() {
            app.actions.push(Action::SetAreaDetails {
                name: current.clone(),
                details: app.composer.editing_details.clone(),
            });
        }
    });
}

/// The fields the web map shows per area, filled in the window.
const WEB_DETAILS: [&str; 4] = ["team", "contact", "telefoon", "website"];

/// The system's file dialog for a table: CSV or a spreadsheet.
fn pick_table(description: &str) -> Option<std::path::PathBuf> {
    let mut extensions = vec!["csv", "txt"];
    extensions.extend_from_slice(gebieden::io::SPREADSHEET_EXTENSIONS);
    rfd::FileDialog::new()
        .add_filter(description, &extensions)
        .pick_file()
}
