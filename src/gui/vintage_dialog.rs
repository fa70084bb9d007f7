//! "Nieuwe indeling…": the agreed composition carried onto a new vintage of its base units (the
//! CBS buurten of a later year), through the same operation as `gebieden migrate`. The dialog
//! shows how the new units relate to the old ones and which areas change; taking it over keeps
//! the old division as a version, makes the new units the base layer with the composition
//! carried over as a new version, and leaves the units that straddle an area boundary hatched on
//! the map, to be painted or split with the composer's own tools.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use eframe::egui;

use gebieden::analysis::MigrationStatus;
use gebieden::io::{LoadOptions, load};
use gebieden::model::{BaseIdentity, Layer};
use gebieden::ops::{MigrationResult, base_identity, migrate_composition, vintage_name, with_carried_weight};
use gebieden::render::LayerShapes;

use super::app::GebiedenApp;
use super::jobs::PendingLoad;
use super::negotiation::VersionAction;

/// A migration computed in the background.
pub struct VintagePreview {
    /// The new units, with the old vintage's population carried as a field when it had one.
    pub units: Layer,
    pub shapes: LayerShapes,
    pub result: MigrationResult,
    pub carried_field: Option<String>,
    /// The straddling units: their feature index in `units` and their id, found once for the map.
    pub straddlers: Vec<(usize, String)>,
    /// The vintage the composition was agreed on.
    pub old: BaseIdentity,
}

/// The dialog's state.
pub struct VintageDialog {
    pub path: PathBuf,
    pub min_share: f64,
    pub preview: Option<Arc<VintagePreview>>,
    computing: Option<Receiver<Result<VintagePreview, String>>>,
    /// Set once taken over.
    pub adopted: bool,
}

impl VintageDialog {
    pub fn new(path: PathBuf) -> VintageDialog {
        VintageDialog {
            path,
            min_share: 0.9,
            preview: None,
            computing: None,
            adopted: false,
        }
    }

    pub fn is_computing(&self) -> bool {
        self.computing.is_some()
    }
}

/// The weight carried over: the old base's population, when it has it.
const WEIGHT_FIELD: &str = "inwoners";

/// Starts the migration in the background.
pub fn start(app: &mut GebiedenApp) {
    let Some(dialog) = &mut app.vintage_dialog else { return };
    let Some(old_units) = app.base_layer.and_then(|b| app.layers.get(b)).map(|l| l.layer.clone()) else {
        app.vintage_dialog = None;
        let text = app.t().no_base_layer.to_string();
        app.message(text, true);
        return;
    };
    let composition = app.composer.composition.clone();
    let (path, min_share) = (dialog.path.clone(), dialog.min_share);
    let (sender, receiver) = channel();
    dialog.preview = None;
    dialog.computing = Some(receiver);
    let repaint = app.repaint.clone();
    std::thread::spawn(move || {
        let work = || -> Result<VintagePreview, String> {
            let mut loaded = load(&path, &LoadOptions::default()).map_err(|e| e.to_string())?;
            if loaded.is_empty() {
                return Err(format!("{}: no polygon layer", path.display()));
            }
            let new_units = loaded.remove(0);
            let weight = old_units.field_index(WEIGHT_FIELD).map(|_| WEIGHT_FIELD);
            let result = migrate_composition(&old_units, &composition, &new_units, weight, min_share);
            let old = base_identity(&old_units);
            let (units, carried_field) = with_carried_weight(&new_units, &result, old.year);
            let shapes = LayerShapes::build(&units);
            let position: std::collections::HashMap<&str, usize> =
                units.features.iter().enumerate().map(|(i, f)| (f.id.as_str(), i)).collect();
            let straddlers = result
                .migration
                .units
                .iter()
                .filter(|u| u.status == MigrationStatus::Straddles)
                .filter_map(|u| position.get(u.unit.as_str()).map(|&i| (i, u.unit.clone())))
                .collect();
            Ok(VintagePreview {
                units,
                shapes,
                result,
                carried_field,
                straddlers,
                old,
            })
        };
        let _ = sender.send(work());
        if let Some(ctx) = repaint {
            ctx.request_repaint();
        }
    });
}

/// Takes a finished migration.
pub fn poll(app: &mut GebiedenApp) {
    let t = app.t();
    let Some(dialog) = &mut app.vintage_dialog else { return };
    let Some(received) = dialog.computing.as_ref().map(Receiver::try_recv) else { return };
    let result = match received {
        Ok(result) => result,
        Err(std::sync::mpsc::TryRecvError::Empty) => return,
        // The work ended without an answer (a bug in it): said, not waited for forever.
        Err(std::sync::mpsc::TryRecvError::Disconnected) => {
            Err(format!("{}: {} {}. {}", dialog.path.display(), t.internal_error, t.vintage_title, t.work_kept))
        }
    };
    dialog.computing = None;
    match result {
        Ok(preview) => dialog.preview = Some(Arc::new(preview)),
        Err(text) => {
            app.vintage_dialog = None;
            app.message(format!("{} {text}", t.cannot_open), true);
        }
    }
}

/// Takes the migration over: the old division saved as a version (on the old units), the new
/// units added as the base layer (written beside the project first when they carry the old
/// population, so the project opens them again as they are), the carried composition put in
/// through the composer (undoable) and saved as a version on the new units.
pub fn adopt(app: &mut GebiedenApp) {
    let Some(preview) = app.vintage_dialog.as_ref().and_then(|d| d.preview.clone()) else { return };
    let t = app.t();
    let old_name = format!("{} ({})", t.vintage_old, vintage_name(&preview.old));
    app.apply_version_action(VersionAction::Save {
        name: old_name,
        note: String::new(),
    });
    let mut units = preview.units.clone();
    if preview.carried_field.is_some() {
        let path = gebieden::ops::derived_path(
            &units.source,
            app.project_path.as_deref().and_then(|p| p.parent()),
            "-met-inwoners.geojson",
        );
        if let Err(error) = gebieden::ops::write_division(&path, &units) {
            app.message(error.to_string(), true);
            return;
        }
        units.source = path;
    }
    let new_name = vintage_name(&base_identity(&units));
    let source = units.source.clone();
    let index = app.layers.len();
    app.add_loaded(source, Ok(vec![(units, preview.shapes.clone())]), PendingLoad::user_change());
    if app.layers.len() != index + 1 {
        return;
    }
    app.base_layer = Some(index);
    app.active_layer = Some(index);
    let carried = preview.result.composition.clone();
    app.composer.edit(|c| {
        *c = carried;
        true
    });
    app.apply_version_action(VersionAction::Save {
        name: new_name,
        note: String::new(),
    });
    if let Some(dialog) = &mut app.vintage_dialog {
        dialog.adopted = true;
    }
    app.message(t.vintage_adopted.to_string(), false);
    app.mark_changed();
}

fn status_name(t: &super::i18n::Texts, status: MigrationStatus) -> &'static str {
    match status {
        MigrationStatus::Same => t.vintage_same,
        MigrationStatus::Recode => t.vintage_recode,
        MigrationStatus::Split => t.vintage_split,
        MigrationStatus::Merged => t.vintage_merged,
        MigrationStatus::Reshaped => t.vintage_reshaped,
        MigrationStatus::Straddles => t.vintage_straddles,
    }
}

/// Whether a straddling unit is still to decide: the composition has given it no area since.
pub fn undecided(app: &GebiedenApp, unit: &str) -> bool {
    !app.composer.composition.assignment.contains_key(unit)
}

pub fn window(app: &mut GebiedenApp, ctx: &egui::Context) {
    poll(app);
    let t = app.t();
    let assignment = &app.composer.composition.assignment;
    let Some(dialog) = &mut app.vintage_dialog else { return };
    let file = dialog.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut open = true;
    let mut wants = (false, false);
    egui::Window::new(format!("{}: {file}", t.vintage_title))
        .open(&mut open)
        .collapsible(false)
        .default_width(420.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label(t.vintage_min_share);
                let mut percent = dialog.min_share * 100.0;
                if ui.add(egui::DragValue::new(&mut percent).range(50.0..=100.0).suffix(" %")).changed() {
                    dialog.min_share = percent / 100.0;
                }
                if ui.add_enabled(!dialog.is_computing() && !dialog.adopted, egui::Button::new(t.vintage_recompute)).clicked() {
                    wants.0 = true;
                }
            });
            if dialog.is_computing() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(t.vintage_computing);
                });
            }
            let Some(preview) = &dialog.preview else { return };
            let migration = &preview.result.migration;
            ui.label(format!("{} {}", migration.units.len(), t.vintage_units));
            egui::Grid::new("vintage-statuses").num_columns(2).show(ui, |ui| {
                for (status, count) in gebieden::ops::status_counts(migration) {
                    ui.label(status_name(t, status));
                    ui.label(count.to_string());
                    ui.end_row();
                }
            });
            let changed: Vec<_> = preview.result.areas.iter().filter(|a| a.notable()).collect();
            if !changed.is_empty() {
                ui.separator();
                ui.label(t.vintage_changed_areas);
                for area in changed {
                    let to = t.vintage_to;
                    let mut line = format!("{}: {:.2} km² {to} {:.2} km²", area.area, area.km2[0], area.km2[1]);
                    if let Some([before, after]) = area.weight {
                        line.push_str(&format!(", {WEIGHT_FIELD} {before:.0} {to} {after:.0}"));
                    }
                    ui.label(line);
                }
            }
            if let Some(field) = &preview.carried_field {
                ui.label(format!("{} {field}", t.vintage_carried));
            }
            let straddlers: Vec<_> = migration
                .units
                .iter()
                .filter(|u| u.status == MigrationStatus::Straddles)
                .filter(|u| !dialog.adopted || !assignment.contains_key(&u.unit))
                .collect();
            if !straddlers.is_empty() {
                ui.separator();
                ui.label(t.vintage_straddlers);
                egui::ScrollArea::vertical().max_height(200.0).show(ui, |ui| {
                    for unit in straddlers {
                        ui.label(format!(
                            "{}: {:.0} % {} {}",
                            unit.unit,
                            unit.share * 100.0,
                            t.vintage_most_in,
                            unit.best_area.as_deref().unwrap_or("-")
                        ));
                    }
                });
            }
            if !dialog.adopted {
                ui.separator();
                if ui.button(t.vintage_adopt).clicked() {
                    wants.1 = true;
                }
            }
        });
    if wants.0 {
        start(app);
    }
    if wants.1 {
        adopt(app);
    }
    if !open {
        app.vintage_dialog = None;
    }
}
