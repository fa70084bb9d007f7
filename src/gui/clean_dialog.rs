//! "Opschonen…": a partner layer cleaned into a coverage with the rule and gap width the user
//! picks; a preview on the map (each reassigned piece in the colour of the feature it goes to,
//! remaining gaps marked), then the cleaned layer added beside the original — never in its
//! place — and taken away again with one click.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use eframe::egui::{self, Color32};

use gebieden::analysis::{Cleaned, MergeRule};
use gebieden::model::Layer;
use gebieden::render::LayerShapes;

use super::app::{Action, GebiedenApp};

/// A cleaning computed in the background, with its drawing cache.
pub struct CleanPreview {
    pub cleaned: Cleaned,
    /// The reassigned pieces, then the remaining gaps.
    pub shapes: LayerShapes,
    /// Per reassigned piece, the colour of the feature it goes to.
    pub colours: Vec<Color32>,
}

/// The dialog's state.
pub struct CleanDialog {
    pub layer: usize,
    pub gap_width_m: f64,
    pub rule: MergeRule,
    pub preview: Option<Arc<CleanPreview>>,
    computing: Option<Receiver<CleanPreview>>,
    /// The file of the layer added last, so it can be taken away again.
    pub added: Option<PathBuf>,
}

impl CleanDialog {
    pub fn new(layer: usize) -> CleanDialog {
        CleanDialog {
            layer,
            gap_width_m: 10.0,
            rule: MergeRule::LongestBorder,
            preview: None,
            computing: None,
            added: None,
        }
    }

    pub fn is_computing(&self) -> bool {
        self.computing.is_some()
    }
}

/// Where the cleaned layer is written: beside the project (or the layer's file) as
/// `<name>-schoon.geojson`.
pub fn cleaned_path(app: &GebiedenApp, layer: &Layer) -> PathBuf {
    gebieden::ops::derived_path(
        &layer.source,
        app.project_path.as_deref().and_then(|p| p.parent()),
        "-schoon.geojson",
    )
}

fn colour_of(index: usize) -> Color32 {
    let [r, g, b] = gebieden::model::AREA_PALETTE[index % gebieden::model::AREA_PALETTE.len()];
    Color32::from_rgba_unmultiplied(r, g, b, 220)
}

/// Starts the preview in the background.
pub fn start_preview(app: &mut GebiedenApp) {
    let Some(dialog) = &mut app.clean_dialog else {
        return;
    };
    let Some(layer) = app.layers.get(dialog.layer).map(|l| l.layer.clone()) else {
        return;
    };
    let (sender, receiver) = channel();
    let (gap_width, rule) = (dialog.gap_width_m, dialog.rule);
    let repaint = app.repaint.clone();
    dialog.preview = None;
    dialog.computing = Some(receiver);
    std::thread::spawn(move || {
        let cleaned = gebieden::ops::clean_layer(&layer, gap_width, rule);
        let index: std::collections::HashMap<&str, usize> =
            layer.features.iter().enumerate().map(|(i, f)| (f.id.as_str(), i)).collect();
        let pieces: Vec<geo::MultiPolygon<f64>> = cleaned
            .reassigned
            .iter()
            .map(|r| geo::MultiPolygon::new(vec![r.geometry.clone()]))
            .chain(cleaned.remaining_gaps.iter().map(|g| geo::MultiPolygon::new(vec![g.geometry.clone()])))
            .collect();
        let shapes = LayerShapes::from_geometries(&pieces.iter().collect::<Vec<_>>());
        let colours = cleaned
            .reassigned
            .iter()
            .map(|r| colour_of(index.get(r.to.as_str()).copied().unwrap_or(0)))
            .collect();
        let _ = sender.send(CleanPreview {
            cleaned,
            shapes,
            colours,
        });
        if let Some(ctx) = repaint {
            ctx.request_repaint();
        }
    });
}

/// Takes a finished preview.
pub fn poll(app: &mut GebiedenApp) {
    if let Some(dialog) = &mut app.clean_dialog
        && let Some(receiver) = &dialog.computing
        && let Ok(preview) = receiver.try_recv()
    {
        dialog.preview = Some(Arc::new(preview));
        dialog.computing = None;
    }
}

/// Writes the cleaned layer beside the original and opens it.
pub fn accept(app: &mut GebiedenApp) {
    let Some(dialog) = &app.clean_dialog else {
        return;
    };
    let (Some(preview), Some(layer)) = (dialog.preview.clone(), app.layers.get(dialog.layer).map(|l| l.layer.clone())) else {
        return;
    };
    let path = cleaned_path(app, &layer);
    let name = format!("{} (opgeschoond)", layer.name);
    let cleaned = gebieden::ops::cleaned_layer(&layer, &preview.cleaned, &name);
    match gebieden::ops::write_division(&path, &cleaned) {
        Ok(()) => {
            app.actions.push(Action::OpenFiles(vec![path.clone()]));
            if let Some(dialog) = &mut app.clean_dialog {
                dialog.added = Some(path);
            }
        }
        Err(error) => app.message(error.to_string(), true),
    }
}

/// Takes the layer added by `accept` away again.
pub fn undo(app: &mut GebiedenApp) {
    let Some(path) = app.clean_dialog.as_mut().and_then(|d| d.added.take()) else {
        return;
    };
    if let Some(index) = app.layers.iter().position(|l| l.layer.source == path) {
        app.actions.push(Action::RemoveLayer(index));
    }
}

pub fn window(app: &mut GebiedenApp, ctx: &egui::Context) {
    poll(app);
    let t = app.t();
    let Some(dialog) = &mut app.clean_dialog else {
        return;
    };
    let Some(name) = app.layers.get(dialog.layer).map(|l| l.layer.name.clone()) else {
        app.clean_dialog = None;
        return;
    };
    let mut open = true;
    let mut wants = (false, false, false);
    egui::Window::new(format!("{} {name}", t.clean_title))
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label(t.clean_rule);
                egui::ComboBox::new("clean-rule", "")
                    .selected_text(rule_name(t, dialog.rule))
                    .show_ui(ui, |ui| {
                        for rule in MergeRule::ALL {
                            ui.selectable_value(&mut dialog.rule, rule, rule_name(t, rule));
                        }
                    });
            });
            ui.horizontal(|ui| {
                ui.label(t.clean_gap_width);
                ui.add(egui::DragValue::new(&mut dialog.gap_width_m).range(0.0..=1000.0).suffix(" m"));
            });
            ui.horizontal(|ui| {
                if ui.add_enabled(!dialog.is_computing(), egui::Button::new(t.clean_preview)).clicked() {
                    wants.0 = true;
                }
                if dialog.is_computing() {
                    ui.spinner();
                }
            });
            if let Some(preview) = &dialog.preview {
                let overlaps = preview.cleaned.reassigned.iter().filter(|r| r.kind == "overlap").count();
                let gaps = preview.cleaned.reassigned.len() - overlaps;
                ui.label(format!(
                    "{overlaps} {}, {gaps} {}, {} {}",
                    t.clean_overlaps_moved,
                    t.clean_gaps_filled,
                    preview.cleaned.remaining_gaps.len(),
                    t.clean_gaps_left
                ));
                if ui.button(t.clean_accept).clicked() {
                    wants.1 = true;
                }
            }
            if dialog.added.is_some() && ui.button(t.clean_undo).clicked() {
                wants.2 = true;
            }
        });
    if wants.0 {
        start_preview(app);
    }
    if wants.1 {
        accept(app);
    }
    if wants.2 {
        undo(app);
    }
    if !open {
        app.clean_dialog = None;
    }
}

fn rule_name(t: &super::i18n::Texts, rule: MergeRule) -> &'static str {
    match rule {
        MergeRule::LongestBorder => t.rule_longest_border,
        MergeRule::MaxArea => t.rule_max_area,
        MergeRule::MinArea => t.rule_min_area,
        MergeRule::MinIndex => t.rule_min_index,
    }
}
