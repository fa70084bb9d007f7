//! The list of differences: real gaps and overlaps first, largest first; slivers grouped at the
//! bottom as "randjes" with their total.

use eframe::egui;

use gebieden::analysis::{Problem, ProblemKind};

use super::app::{Action, GebiedenApp, Selection};
use super::details_panel::format_area;
use super::i18n::Texts;

/// The user's word for a problem's kind.
pub fn kind_name(t: &Texts, problem: &Problem) -> &'static str {
    match problem.kind {
        ProblemKind::Gap => t.gap,
        ProblemKind::Overlap => t.overlap,
        ProblemKind::Sliver => t.sliver,
    }
}

/// One list line, e.g. "Overlap corporatie D1 / D2, 26.2 ha".
pub fn problem_line(t: &Texts, problem: &Problem) -> String {
    format!(
        "{} {} {}, {}",
        kind_name(t, problem),
        problem.layer,
        problem.ids.join(" / "),
        format_area(problem.area_m2)
    )
}

pub fn ui(app: &mut GebiedenApp, ui: &mut egui::Ui) {
    let t = app.t();
    ui.heading(t.problems);
    if app.layers.len() > 1 {
        ui.horizontal(|ui| {
            let current = app
                .base_layer
                .and_then(|b| app.layers.get(b))
                .map(|l| l.layer.name.clone())
                .unwrap_or_else(|| t.no_label.to_string());
            egui::ComboBox::new("base", t.base_layer)
                .selected_text(current)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(app.base_layer.is_none(), t.no_label)
                        .clicked()
                    {
                        app.actions.push(Action::SetBaseLayer(None));
                    }
                    for (i, layer) in app.layers.iter().enumerate() {
                        if ui
                            .selectable_label(app.base_layer == Some(i), &layer.layer.name)
                            .clicked()
                        {
                            app.actions.push(Action::SetBaseLayer(Some(i)));
                        }
                    }
                });
        });
    }
    super::analysis_settings::ui(app, ui);
    let Some(view) = &app.analysis else {
        if app.is_analysing() {
            ui.spinner();
        }
        return;
    };
    let problems = &view.analysis.problems;
    let real: Vec<usize> = (0..problems.len())
        .filter(|&i| problems[i].kind != ProblemKind::Sliver)
        .collect();
    let slivers: Vec<usize> = (0..problems.len())
        .filter(|&i| problems[i].kind == ProblemKind::Sliver)
        .collect();
    if real.is_empty() && slivers.is_empty() {
        ui.label(t.no_problems);
    }
    for pair in &view.analysis.pairs {
        ui.small(format!(
            "{} × {}: {} {:.2} / {:.2}",
            pair.layer_a, pair.layer_b, t.fit, pair.fit_a_in_b, pair.fit_b_in_a
        ));
    }
    if !slivers.is_empty() {
        let mut show = app.show_slivers;
        if ui
            .checkbox(&mut show, format!("{} ({})", t.show_slivers, slivers.len()))
            .changed()
        {
            app.actions.push(Action::ShowSlivers(show));
        }
    }
    let selected = match app.selection {
        Some(Selection::Problem(i)) => Some(i),
        _ => None,
    };
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .id_salt("problems")
        .show(ui, |ui| {
            for &i in &real {
                if ui
                    .selectable_label(selected == Some(i), problem_line(t, &problems[i]))
                    .clicked()
                {
                    clicked = Some(i);
                }
            }
            if !slivers.is_empty() {
                let total: f64 = slivers.iter().map(|&i| problems[i].area_m2).sum();
                egui::CollapsingHeader::new(format!(
                    "{} ({}, {})",
                    t.slivers_group,
                    slivers.len(),
                    format_area(total)
                ))
                .id_salt("slivers")
                .show(ui, |ui| {
                    // Thousands of slivers on national data: show the largest, enough to inspect.
                    for &i in slivers.iter().take(500) {
                        if ui
                            .selectable_label(selected == Some(i), problem_line(t, &problems[i]))
                            .clicked()
                        {
                            clicked = Some(i);
                        }
                    }
                });
            }
        });
    if let Some(i) = clicked {
        app.actions
            .push(Action::Select(Some(Selection::Problem(i))));
    }
}
