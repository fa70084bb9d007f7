//! The "Versies" tab: save the proposal as a version, open one, compare two (the moved units
//! listed), record each partner's word per area, lock what everyone agreed to, and write the
//! decision report.

use eframe::egui;

use gebieden::model::{SignoffStatus, stale_signoffs};

use super::app::{Action, GebiedenApp};
use super::negotiation::VersionAction;

pub fn ui(app: &mut GebiedenApp, ui: &mut egui::Ui) {
    let t = app.t();
    let push = |app: &mut GebiedenApp, action: VersionAction| app.actions.push(Action::Version(action));

    // Save the current proposal.
    ui.heading(t.versions_tab);
    if app.negotiation.versions.is_empty() {
        ui.label(t.no_versions);
    }
    let suggested = {
        let taken = |name: &str| app.negotiation.versions.iter().any(|v| v.name == name);
        (app.negotiation.versions.len() + 1..)
            .map(|n| format!("concept {n}"))
            .find(|n| !taken(n))
            .unwrap_or_default()
    };
    ui.horizontal(|ui| {
        ui.label(t.version_name);
        ui.add(egui::TextEdit::singleline(&mut app.negotiation.new_name).hint_text(&suggested).desired_width(140.0));
    });
    ui.horizontal(|ui| {
        ui.label(t.version_note);
        ui.add(egui::TextEdit::singleline(&mut app.negotiation.new_note).desired_width(180.0));
    });
    if ui.button(t.save_version).clicked() {
        let name = if app.negotiation.new_name.trim().is_empty() { suggested.clone() } else { app.negotiation.new_name.clone() };
        let note = app.negotiation.new_note.clone();
        push(app, VersionAction::Save { name, note });
    }

    // The versions, newest last.
    let current = app.negotiation.current_version.clone();
    let rows: Vec<(String, String, String, usize)> = app
        .negotiation
        .versions
        .iter()
        .map(|v| (v.name.clone(), v.date.clone(), v.note.clone(), v.composition.areas.len()))
        .collect();
    egui::Grid::new("versions").striped(true).show(ui, |ui| {
        for (name, date, note, areas) in &rows {
            let marker = if current.as_deref() == Some(name.as_str()) { format!(" {}", t.current_marker) } else { String::new() };
            ui.label(format!("{name}{marker}"));
            ui.label(gebieden::ops::dutch_date(date));
            ui.label(format!("{areas} {}", t.areas_word)).on_hover_text(note);
            if ui.button(t.switch_to).on_hover_text(name).clicked() {
                push(app, VersionAction::Switch(name.clone()));
            }
            ui.end_row();
        }
    });
    let names: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    if names.is_empty() {
        return;
    }

    // Compare two.
    ui.separator();
    ui.heading(t.compare);
    let pick = |ui: &mut egui::Ui, id: &str, label: &str, value: &mut Option<String>| {
        egui::ComboBox::new(id, label)
            .selected_text(value.clone().unwrap_or_default())
            .show_ui(ui, |ui| {
                for name in &names {
                    ui.selectable_value(value, Some(name.clone()), name);
                }
            });
    };
    if app.negotiation.compare_from.is_none() && names.len() >= 2 {
        app.negotiation.compare_from = names.get(names.len() - 2).cloned();
        app.negotiation.compare_to = names.last().cloned();
    }
    pick(ui, "compare_from", t.compare_from, &mut app.negotiation.compare_from);
    pick(ui, "compare_to", t.compare_to, &mut app.negotiation.compare_to);
    if let (Some(from), Some(to)) = (app.negotiation.compare_from.clone(), app.negotiation.compare_to.clone())
        && ui.button(t.compare).clicked()
    {
        push(app, VersionAction::Compare { from, to });
    }
    if let Some(diff) = &app.negotiation.diff {
        let (from_word, to_word) = (t.compare_from.to_lowercase(), t.compare_to.to_lowercase());
        ui.label(format!("{from_word} {} {to_word} {}: {} {}", diff.from, diff.to, diff.moved.len(), t.moved_units));
        if diff.moved.is_empty() {
            ui.label(t.no_changes);
        }
        egui::Grid::new("moved").striped(true).show(ui, |ui| {
            for m in &diff.moved {
                ui.label(m.name.clone().map(|n| format!("{n} ({})", m.unit)).unwrap_or_else(|| m.unit.clone()));
                ui.label(format!(
                    "{from_word} {} {to_word} {}",
                    m.from.as_deref().unwrap_or(t.no_label),
                    m.to.as_deref().unwrap_or(t.no_label)
                ));
                ui.end_row();
            }
        });
        for area in diff.areas.iter().filter(|a| a.changed()) {
            ui.label(format!(
                "{}: {from_word} {} {to_word} {} {}, {from_word} {:.2} {to_word} {:.2} km²",
                area.area, area.units[0], area.units[1], t.units_word, area.km2[0], area.km2[1]
            ));
        }
    }

    // Sign-off.
    ui.separator();
    ui.heading(t.signoff);
    if app.negotiation.signoff_version.is_none() {
        app.negotiation.signoff_version = current.clone().or_else(|| names.last().cloned());
    }
    pick(ui, "signoff_version", t.versions_tab, &mut app.negotiation.signoff_version);
    let Some(version) = app
        .negotiation
        .signoff_version
        .as_ref()
        .and_then(|name| app.negotiation.versions.iter().find(|v| &v.name == name))
        .cloned()
    else {
        return;
    };
    let partners = app.signoff_partners();
    egui::ComboBox::new("signoff_partner", t.partner)
        .selected_text(app.negotiation.signoff_partner.clone().unwrap_or_default())
        .show_ui(ui, |ui| {
            for p in &partners {
                ui.selectable_value(&mut app.negotiation.signoff_partner, Some(p.clone()), p);
            }
        });
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(&mut app.negotiation.new_partner).hint_text(t.partner).desired_width(120.0));
        if ui.button(t.add_partner).clicked() {
            let name = app.negotiation.new_partner.clone();
            push(app, VersionAction::AddPartner(name));
        }
    });
    egui::ComboBox::new("signoff_area", t.area_name)
        .selected_text(app.negotiation.signoff_area.clone().unwrap_or_default())
        .show_ui(ui, |ui| {
            for area in &version.composition.areas {
                ui.selectable_value(&mut app.negotiation.signoff_area, Some(area.name.clone()), &area.name);
            }
        });
    ui.horizontal(|ui| {
        for status in SignoffStatus::ALL {
            ui.radio_value(&mut app.negotiation.signoff_status, status, t.status(status));
        }
    });
    ui.add(egui::TextEdit::singleline(&mut app.negotiation.signoff_note).hint_text(t.version_note));
    if let (Some(partner), Some(area)) = (app.negotiation.signoff_partner.clone(), app.negotiation.signoff_area.clone())
        && ui.button(t.record_signoff).clicked()
    {
        push(
            app,
            VersionAction::Signoff {
                version: version.name.clone(),
                partner,
                area,
                status: app.negotiation.signoff_status,
                note: app.negotiation.signoff_note.clone(),
            },
        );
    }
    // What each partner said; a word given for an area that has changed since is marked.
    let stale = stale_signoffs(&version, &app.composer.composition);
    egui::Grid::new("signoffs").striped(true).show(ui, |ui| {
        for s in &version.signoffs {
            ui.label(&s.partner);
            ui.label(&s.area);
            let colour = match s.status {
                SignoffStatus::Akkoord => egui::Color32::from_rgb(0, 130, 60),
                SignoffStatus::Bezwaar => egui::Color32::from_rgb(200, 40, 40),
                SignoffStatus::Open => ui.visuals().weak_text_color(),
            };
            ui.colored_label(colour, t.status(s.status));
            if stale.iter().any(|x| std::ptr::eq(*x, s)) {
                ui.label(t.no_longer_applies);
            } else {
                ui.label(&s.note);
            }
            ui.end_row();
        }
    });
    if ui.button(t.lock_agreed).clicked() {
        push(app, VersionAction::LockAgreed(version.name.clone()));
    }
    ui.separator();
    if ui.button(t.report_button).clicked()
        && let Some(path) = rfd::FileDialog::new()
            .add_filter("PDF", &["pdf"])
            .set_file_name("besluit.pdf")
            .save_file()
    {
        push(app, VersionAction::WriteReport(path));
    }
}
