//! Composer edits, project files and autosave, applied for the app. Nothing here is lost:
//! every write is atomic, and after a few idle seconds the state goes to an autosave file that
//! the next start offers to restore.

use std::path::{Path, PathBuf};
use std::time::Duration;

use gebieden::io::{autosave_path, read_project, relative_path, resolve_path, write_project};
use gebieden::model::{Project, ProjectLayer};
use gebieden::ops::write_composition;

use super::app::{Action, GebiedenApp, Message};
use super::i18n::Language;
use super::jobs::{LoadRequest, PendingLoad};

/// Idle time after a change before it is autosaved.
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(3);

/// Where an unsaved project autosaves: the user's local data folder (also on Windows).
pub fn default_autosave() -> Option<PathBuf> {
    dirs::data_local_dir().map(|d| d.join("gebieden").join("naamloos.gebieden.autosave"))
}

impl GebiedenApp {
    pub(super) fn message(&mut self, text: String, is_error: bool) {
        self.messages.push(Message { text, is_error });
    }

    /// An edit that may be refused: applied (and undoable) when it succeeds, reported when not.
    fn try_edit(
        &mut self,
        change: impl FnOnce(
            &mut gebieden::compose::Composition,
        ) -> Result<(), gebieden::compose::ComposeError>,
    ) -> bool {
        let mut error = None;
        let changed = self.composer.edit(|c| match change(c) {
            Ok(()) => true,
            Err(e) => {
                error = Some(e.to_string());
                false
            }
        });
        if let Some(e) = error {
            self.message(e, true);
        }
        changed
    }

    pub(super) fn apply_compose_action(&mut self, action: Action) {
        let changed = match action {
            Action::AddArea(name) => {
                let changed = self.try_edit(|c| c.add_area(&name));
                if changed {
                    self.composer.current_area = Some(name.trim().to_string());
                    self.composer.new_area_name.clear();
                }
                changed
            }
            Action::RemoveArea(name) => {
                if self.composer.current_area.as_deref() == Some(name.as_str()) {
                    self.composer.current_area = None;
                }
                self.composer.edit(|c| c.remove_area(&name).is_ok())
            }
            Action::EditArea {
                name,
                new_name,
                colour,
                note,
            } => {
                let changed = self.try_edit(|c| c.edit_area(&name, &new_name, colour, &note));
                if changed && self.composer.current_area.as_deref() == Some(name.as_str()) {
                    self.composer.current_area = Some(new_name.trim().to_string());
                }
                changed
            }
            Action::SetAreaDetails { name, details } => self.try_edit(|c| c.set_area_details(&name, &details)),
            Action::SetCurrentArea(area) => {
                self.composer.current_area = area;
                false
            }
            Action::BeginStroke => {
                self.composer.begin_stroke();
                false
            }
            Action::Paint(units) => self.composer.paint(&units),
            Action::AssignRule { field, value } => {
                let Some(units) = self.base().map(|l| l.layer.clone()) else {
                    return;
                };
                let matching: Vec<String> = (0..units.features.len())
                    .filter(|&i| {
                        units
                            .attribute(i, &field)
                            .is_some_and(|v| v.to_string() == value.trim())
                    })
                    .map(|i| units.features[i].id.clone())
                    .collect();
                let area = self.composer.current_area.clone();
                let mode = if self.composer.only_unassigned {
                    gebieden::compose::PaintMode::OnlyUnassigned
                } else {
                    gebieden::compose::PaintMode::Overwrite
                };
                self.composer.edit(|c| {
                    c.assign(matching.iter().map(String::as_str), area.as_deref(), mode)
                        .is_ok_and(|n| n > 0)
                })
            }
            Action::ImportAssignment { path, sheet } => {
                let Some(units) = self.base().map(|l| l.layer.clone()) else {
                    return;
                };
                let read = match sheet {
                    Some(sheet) => gebieden::io::read_assignment_with(
                        &path,
                        &units,
                        &gebieden::io::TableOptions {
                            sheet: Some(sheet),
                            ..Default::default()
                        },
                    ),
                    None => gebieden::io::read_assignment_any_sheet(&path, &units),
                };
                match read {
                    Ok(imported) => self.composer.edit(|c| {
                        *c = imported;
                        true
                    }),
                    Err(e) => {
                        self.message(e.to_string(), true);
                        false
                    }
                }
            }
            Action::TableAsDivision { path: table, sheet } => {
                let Some(units) = self.base().map(|l| l.layer.clone()) else {
                    self.message(self.t().no_base.to_string(), true);
                    return;
                };
                let settings = self.analysis_settings.clone();
                let request = LoadRequest::TableDivision {
                    table,
                    sheet,
                    units,
                    settings,
                };
                self.spawn_load_request(request, PendingLoad::user_change());
                false
            }
            Action::SetLocked { unit, locked } => self.composer.edit(|c| {
                c.set_locked(&unit, locked);
                true
            }),
            Action::AddSplit(line) => {
                let Some(base) = self.base().map(|l| l.shapes.clone()) else {
                    return;
                };
                // The unit the line runs through: the one under most of its segment midpoints.
                let mut counts = std::collections::HashMap::new();
                for w in line.windows(2) {
                    for t in [0.25, 0.5, 0.75] {
                        let p = [
                            w[0][0] + (w[1][0] - w[0][0]) * t,
                            w[0][1] + (w[1][1] - w[0][1]) * t,
                        ];
                        if let Some(unit) = base.feature_at(p) {
                            *counts.entry(unit).or_insert(0) += 1;
                        }
                    }
                }
                let Some((&unit, _)) = counts.iter().max_by_key(|(_, n)| **n) else {
                    self.message(self.t().split_nowhere.to_string(), true);
                    return;
                };
                let Some(units) = self.base().map(|l| l.layer.clone()) else {
                    return;
                };
                let id = units.features[unit].id.clone();
                if let Err(e) =
                    gebieden::compose::split_geometry(&units.features[unit].geometry, &line)
                {
                    self.message(format!("{id}: {e}"), true);
                    return;
                }
                self.composer.split_points.clear();
                self.composer.edit(|c| {
                    // The parts take over the unit's area, if it had one.
                    if let Some(area) = c.assignment.remove(&id) {
                        c.assignment.insert(format!("{id}-1"), area.clone());
                        c.assignment.insert(format!("{id}-2"), area);
                    }
                    c.splits.push(gebieden::compose::Split {
                        unit: id.clone(),
                        line: line.clone(),
                    });
                    true
                })
            }
            Action::RemoveSplit(index) => self.composer.edit(|c| {
                if index >= c.splits.len() {
                    return false;
                }
                let split = c.splits.remove(index);
                let area = c.assignment.remove(&format!("{}-1", split.unit));
                c.assignment.remove(&format!("{}-2", split.unit));
                if let Some(area) = area {
                    c.assignment.insert(split.unit, area);
                }
                true
            }),
            Action::Undo => self.composer.undo(),
            Action::Redo => self.composer.redo(),
            Action::ExportComposition(dir) => {
                if let (Some(view), Some(units)) = (
                    &self.composer.view,
                    self.base_layer
                        .and_then(|b| self.layers.get(b))
                        .map(|l| l.layer.clone()),
                ) {
                    let result = view.result.clone();
                    match write_composition(&dir, &result, &self.composer.composition, &units) {
                        Ok(paths) => {
                            self.message(format!("{}: {}", self.t().saved, paths.len()), false)
                        }
                        Err(e) => self.message(e.to_string(), true),
                    }
                }
                false
            }
            Action::SaveProject(path) => {
                let Some(path) = path.or_else(|| self.project_path.clone()) else {
                    return;
                };
                self.save_project(&path);
                false
            }
            Action::OpenProject(path) => {
                self.open_project(&path);
                false
            }
            Action::RestoreAutosave => {
                if let Some(autosave) = self.restore_offer.take() {
                    let project_path = self.project_path.clone();
                    self.open_project(&autosave);
                    // Restored work is unsaved work: it still belongs to the original project.
                    self.project_path = project_path;
                    self.mark_changed();
                }
                false
            }
            Action::DiscardAutosave => {
                if let Some(autosave) = self.restore_offer.take() {
                    let _ = std::fs::remove_file(autosave);
                }
                false
            }
            _ => false,
        };
        if changed {
            self.mark_changed();
        }
    }

    /// The project as it would be saved at `path` (layer paths relative to its folder).
    pub fn to_project(&self, path: &Path) -> Project {
        let dir = path.parent().unwrap_or(Path::new(""));
        Project {
            layers: self
                .layers
                .iter()
                .map(|l| {
                    let source = std::path::absolute(&l.layer.source)
                        .unwrap_or_else(|_| l.layer.source.clone());
                    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
                    ProjectLayer {
                        path: relative_path(&source, &dir),
                        table: l.layer.table.clone(),
                        name: l.renamed.then(|| l.layer.name.clone()),
                        crs_override: l.crs_override,
                        id_field: l.layer.id_field.clone(),
                        style: l.style.to_spec(),
                    }
                })
                .collect(),
            base_layer: self.base_layer,
            active_layer: self.active_layer,
            analysis: self.analysis_settings.clone(),
            composition: self.composer.composition.clone(),
            map: self.map_export.options.clone(),
            basemap: self.basemap.clone(),
            language: Some(match self.language {
                Language::Nederlands => "nl".into(),
                Language::English => "en".into(),
            }),
            versions: self.negotiation.versions.clone(),
            current_version: self.negotiation.current_version.clone(),
            partners: self.negotiation.partners.clone(),
            // Until the project's own layers are in, what it recorded stays.
            base_vintage: match (&self.negotiation.recorded_vintage, self.base_layer.and_then(|b| self.layers.get(b))) {
                (Some(recorded), _) => Some(recorded.clone()),
                (None, Some(base)) => Some(gebieden::ops::base_identity(&base.layer)),
                (None, None) => None,
            },
            ..Project::default()
        }
    }

    /// Saves the project and removes its autosave.
    pub fn save_project(&mut self, path: &Path) {
        match write_project(path, &self.to_project(path)) {
            Ok(()) => {
                self.project_path = Some(path.to_path_buf());
                self.dirty = false;
                self.autosaved = true;
                let _ = std::fs::remove_file(autosave_path(path));
                if let Some(fallback) = &self.autosave_fallback {
                    let _ = std::fs::remove_file(fallback);
                }
                self.message(format!("{}: {}", self.t().saved, path.display()), false);
                remember_recent(path);
            }
            Err(e) => self.message(e.to_string(), true),
        }
    }

    /// Opens a project: its layers load in the background; a layer file that has moved is
    /// reported by name (and can be opened by hand), the rest of the project still opens.
    pub fn open_project(&mut self, path: &Path) {
        let project = match read_project(path) {
            Ok(p) => p,
            Err(e) => return self.message(e.to_string(), true),
        };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        self.layers.clear();
        self.analysis = None;
        self.selection = None;
        self.hover = None;
        self.view_fitted = false;
        // Layers whose files are missing are not loaded: the indices of those after them move.
        let present: Vec<bool> = project
            .layers
            .iter()
            .map(|l| resolve_path(&l.path, &dir).is_file())
            .collect();
        let index = |i: Option<usize>| {
            i.filter(|&i| present.get(i) == Some(&true))
                .map(|i| present[..i].iter().filter(|&&p| p).count())
        };
        self.base_layer = index(project.base_layer);
        self.active_layer = index(project.active_layer);
        self.analysis_settings = gebieden::model::AnalysisSettings {
            extent_layer: index(project.analysis.extent_layer),
            ..project.analysis.clone()
        };
        self.composer = Default::default();
        self.composer.composition = project.composition.clone();
        self.negotiation = super::negotiation::NegotiationState {
            versions: project.versions.clone(),
            current_version: project.current_version.clone(),
            partners: project.partners.clone(),
            recorded_vintage: project.base_vintage.clone(),
            ..Default::default()
        };
        self.map_export.options = project.map.clone();
        self.map_export.preview_key = None;
        self.basemap = project.basemap.clone();
        self.found_place = None;
        self.composer.generation = 1;
        self.missing_layers.clear();
        self.language = match project.language.as_deref() {
            Some("en") => Language::English,
            _ => Language::Nederlands,
        };
        for (layer, present) in project.layers.iter().zip(present) {
            if !present {
                // Ask for it (in a window, not by failing): the user may have moved the folder.
                let file = resolve_path(&layer.path, &dir);
                self.missing_layers.push((file, layer.clone()));
                continue;
            }
            self.spawn_project_layer(layer.clone(), dir.clone(), false);
        }
        self.project_path = Some(path.to_path_buf());
        self.dirty = false;
        self.autosaved = true;
        remember_recent(path);
    }

    /// Loads a project's layer in the background, with its style, name and CRS override.
    fn spawn_project_layer(&mut self, spec: ProjectLayer, project_dir: PathBuf, user_change: bool) {
        let pending = PendingLoad {
            style: Some(spec.style.clone()),
            crs_override: spec.crs_override,
            renamed: spec.name.is_some(),
            user_change,
        };
        self.spawn_load_request(LoadRequest::ProjectLayer { spec, project_dir }, pending);
    }

    /// Loads a layer the user located after it had moved.
    pub fn load_located(&mut self, located: PathBuf, layer: &ProjectLayer) {
        let spec = ProjectLayer {
            path: located.to_string_lossy().into_owned(),
            ..layer.clone()
        };
        self.spawn_project_layer(spec, PathBuf::new(), true);
    }

    /// Writes the autosave once the user has paused for a few seconds after a change.
    pub fn autosave_tick(&mut self) {
        let idle = self
            .last_change
            .is_some_and(|t| t.elapsed() >= AUTOSAVE_AFTER);
        if self.autosaved || !idle {
            return;
        }
        let target = match &self.project_path {
            Some(path) => Some(autosave_path(path)),
            None => self.autosave_fallback.clone(),
        };
        let Some(target) = target else { return };
        if let Some(parent) = target.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let base = self.project_path.clone().unwrap_or_else(|| target.clone());
        match write_project(&target, &self.to_project(&base)) {
            Ok(()) => self.autosaved = true,
            Err(e) => {
                self.autosaved = true;
                self.message(e.to_string(), true);
            }
        }
    }

    /// At start: an autosave newer than the project (or one of an unsaved project) is offered
    /// for restoring.
    pub fn check_autosave(&mut self) {
        let candidate = match &self.project_path {
            Some(path) => Some(autosave_path(path)),
            None => self.autosave_fallback.clone(),
        };
        let Some(candidate) = candidate.filter(|c| c.is_file()) else {
            return;
        };
        let newer = match &self.project_path {
            Some(path) => {
                let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
                modified(&candidate) >= modified(path)
            }
            None => true,
        };
        if newer {
            self.restore_offer = Some(candidate);
        }
    }
}

fn recent_file() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("gebieden").join("recent.json"))
}

/// The projects opened or saved most recently, newest first.
pub fn recent_projects() -> Vec<PathBuf> {
    recent_file()
        .and_then(|f| std::fs::read(f).ok())
        .and_then(|bytes| serde_json::from_slice::<Vec<PathBuf>>(&bytes).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.is_file())
        .collect()
}

/// Puts a project at the top of the recent list (at most eight).
fn remember_recent(path: &Path) {
    // Tests must not touch the user's settings.
    if cfg!(test) {
        return;
    }
    let Some(file) = recent_file() else { return };
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut list = recent_projects();
    list.retain(|p| p != &path);
    list.insert(0, path);
    list.truncate(8);
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(bytes) = serde_json::to_vec_pretty(&list) {
        let _ = gebieden::io::write_atomic(&file, &bytes);
    }
}
