//! The negotiation's state in the window — the saved versions, the partners named by hand, the
//! comparison shown — and the actions on it, applied once per frame through the same
//! operations the `diff`, `signoff` and `report` commands use.

use std::path::PathBuf;

use gebieden::model::{Project, SignoffStatus, Version};
use gebieden::ops::{VersionDiff, decision_report, diff_versions, lock_agreed, partner_names, record_signoff, save_version, switch_version};

use super::app::GebiedenApp;

/// What the versions tab shows and remembers.
#[derive(Default)]
pub struct NegotiationState {
    pub versions: Vec<Version>,
    pub current_version: Option<String>,
    /// Partners without a division of their own, named by hand.
    pub partners: Vec<String>,
    // The panel's fields.
    pub new_name: String,
    pub new_note: String,
    pub compare_from: Option<String>,
    pub compare_to: Option<String>,
    pub diff: Option<VersionDiff>,
    /// The moved units as base-layer feature indices with their new area's colour, found once
    /// when compared so the map does not look them up every frame.
    pub moved_on_map: Vec<(usize, Option<[u8; 3]>)>,
    pub signoff_version: Option<String>,
    pub signoff_partner: Option<String>,
    pub signoff_area: Option<String>,
    pub signoff_status: SignoffStatus,
    pub signoff_note: String,
    pub new_partner: String,
    /// The base units a project opened with had recorded, checked once its layers are in.
    pub recorded_vintage: Option<gebieden::model::BaseIdentity>,
}

/// The negotiation's actions.
#[derive(Clone, Debug, PartialEq)]
pub enum VersionAction {
    Save { name: String, note: String },
    Switch(String),
    Compare { from: String, to: String },
    Signoff { version: String, partner: String, area: String, status: SignoffStatus, note: String },
    AddPartner(String),
    LockAgreed(String),
    WriteReport(PathBuf),
}

impl GebiedenApp {
    /// Once a project's layers are loaded: says so when its base units are not the ones it
    /// was saved with (another vintage put in place of the file, say).
    pub(super) fn check_base_vintage(&mut self) {
        let Some(recorded) = self.negotiation.recorded_vintage.take() else { return };
        let Some(base) = self.base_layer.and_then(|b| self.layers.get(b)).map(|l| l.layer.clone()) else {
            return;
        };
        let project = Project {
            base_vintage: Some(recorded),
            ..Project::default()
        };
        if let Some((then, now)) = gebieden::ops::base_vintage_change(&project, &base) {
            let text = self
                .t()
                .base_changed
                .replace("{then}", &gebieden::ops::vintage_name(&then))
                .replace("{then_count}", &then.feature_count.to_string())
                .replace("{now}", &gebieden::ops::vintage_name(&now))
                .replace("{now_count}", &now.feature_count.to_string());
            self.message(text, true);
        }
    }

    /// Who can sign off: the partner layers by name, then those named by hand.
    pub fn signoff_partners(&self) -> Vec<String> {
        let names: Vec<String> = self.layers.iter().map(|l| l.layer.name.clone()).collect();
        partner_names(&names, self.base_layer, self.analysis_settings.extent_layer, &self.negotiation.partners)
    }

    /// Runs a version operation on the project's plain data and takes back what it changed.
    fn with_versions<R>(&mut self, change: impl FnOnce(&mut Project) -> R) -> R {
        let mut project = Project {
            composition: self.composer.composition.clone(),
            versions: std::mem::take(&mut self.negotiation.versions),
            current_version: self.negotiation.current_version.take(),
            partners: self.negotiation.partners.clone(),
            ..Project::default()
        };
        let result = change(&mut project);
        self.negotiation.versions = project.versions;
        self.negotiation.current_version = project.current_version;
        if project.composition != self.composer.composition {
            // Through the composer, so switching versions can be undone like any edit.
            self.composer.edit(|c| {
                *c = project.composition;
                true
            });
        }
        result
    }

    pub(super) fn apply_version_action(&mut self, action: VersionAction) {
        let base = self.base_layer.and_then(|b| self.layers.get(b)).map(|l| l.layer.clone());
        let outcome: Result<(), String> = match action {
            VersionAction::Save { name, note } => self
                .with_versions(|p| save_version(p, &name, &note, base.as_deref()))
                .map(|()| {
                    self.negotiation.new_name.clear();
                    self.negotiation.new_note.clear();
                    // The sign-off and the comparison follow the newest round.
                    self.negotiation.signoff_version = None;
                    self.negotiation.compare_from = None;
                    self.negotiation.compare_to = None;
                })
                .map_err(|e| e.to_string()),
            VersionAction::Switch(name) => self.with_versions(|p| switch_version(p, &name)).map_err(|e| e.to_string()),
            VersionAction::Compare { from, to } => {
                let found = |name: &str| self.negotiation.versions.iter().find(|v| v.name == name).cloned();
                match (found(&from), found(&to), &base) {
                    (Some(a), Some(b), Some(units)) => {
                        let diff = diff_versions(units, (&a.name, &a.composition), (&b.name, &b.composition));
                        let position: std::collections::HashMap<&str, usize> =
                            units.features.iter().enumerate().map(|(i, f)| (f.id.as_str(), i)).collect();
                        self.negotiation.moved_on_map = diff
                            .moved
                            .iter()
                            .filter_map(|m| {
                                let colour = m.to.as_ref().and_then(|to| diff.areas.iter().find(|a| &a.area == to)).map(|a| a.colour);
                                position.get(m.unit.as_str()).map(|&i| (i, colour))
                            })
                            .collect();
                        self.negotiation.diff = Some(diff);
                        Ok(())
                    }
                    (_, _, None) => Err(self.t().no_base_layer.to_string()),
                    (None, ..) => Err(format!("{}: {from}", self.t().versions_tab)),
                    (_, None, _) => Err(format!("{}: {to}", self.t().versions_tab)),
                }
            }
            VersionAction::Signoff { version, partner, area, status, note } => {
                let partners = self.signoff_partners();
                self.with_versions(|p| record_signoff(p, &partners, &version, &partner, &area, status, &note))
                    .map(|()| self.negotiation.signoff_note.clear())
                    .map_err(|e| e.to_string())
            }
            VersionAction::AddPartner(name) => {
                let name = name.trim().to_string();
                if !name.is_empty() && !self.signoff_partners().contains(&name) {
                    self.negotiation.partners.push(name.clone());
                    self.negotiation.signoff_partner = Some(name);
                }
                self.negotiation.new_partner.clear();
                Ok(())
            }
            VersionAction::LockAgreed(version) => {
                let partners = self.signoff_partners();
                // The locks land in the working composition through the composer (undoable).
                match self.with_versions(|p| lock_agreed(p, &version, &partners)) {
                    Ok(areas) => {
                        let t = self.t();
                        self.message(format!("{}: {}", t.locked_areas, areas.join(", ")), false);
                        Ok(())
                    }
                    Err(e) => Err(e.to_string()),
                }
            }
            VersionAction::WriteReport(path) => {
                self.spawn_report(path);
                return;
            }
        };
        match outcome {
            Ok(()) => self.mark_changed(),
            Err(text) => self.message(text, true),
        }
    }

    /// Writes the decision report in the background (the map is rendered, which takes a
    /// moment); the result arrives like a printed map's.
    fn spawn_report(&mut self, path: PathBuf) {
        let workspace = self.workspace_now(&path.with_extension("gebieden"));
        let version = self.negotiation.signoff_version.clone().or_else(|| self.negotiation.current_version.clone());
        self.spawn_document(path, move || decision_report(&workspace, version.as_deref()).map_err(|e| e.to_string()));
    }
}
