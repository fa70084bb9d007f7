//! Composing the agreed division: the composition over its base units, related to the partner
//! divisions; and the project a scripted composition leaves behind, so the window can open it.

use std::path::Path;
use std::sync::Arc;

use crate::compose::{ComposeResult, compose};
use crate::io::{read_project, relative_path};
use crate::model::{AnalysisSettings, Composition, Layer, Project, ProjectLayer};

use super::{OpsError, Workspace, is_cbs};

/// The composition's result over `units`, with the partners' cuts; slivers as the analysis
/// settings say. The window's background job and the command line both compose through this.
pub fn compose_layers(
    units: &Layer,
    composition: &Composition,
    partners: &[Arc<Layer>],
    settings: &AnalysisSettings,
) -> ComposeResult {
    compose(units, composition, partners, settings.sliver_width_m)
}

/// Composes a workspace: its composition over its base layer, related to its partners.
pub fn compose_workspace(workspace: &Workspace) -> Result<ComposeResult, OpsError> {
    let units = workspace
        .base()
        .ok_or_else(|| OpsError::NoBaseLayer(workspace.path.clone().unwrap_or_default()))?;
    Ok(compose_layers(
        units,
        &workspace.project.composition,
        &workspace.partners(),
        &workspace.project.analysis,
    ))
}

/// Where composed areas come from, for their `bron`: CBS / Kadaster when the units are CBS
/// data, else the source the units name themselves (their own `bron`), if any.
pub fn credit_of(units: &Layer) -> Option<String> {
    if is_cbs(units) {
        return Some("CBS / Kadaster".into());
    }
    super::map::source_of(units)
}

/// The project a scripted composition leaves at `project_path`: the units (as base layer) and
/// the partners, with the composition. An existing project there keeps its other settings
/// (analysis, map, language) and the names and styles of layers it already had.
pub fn project_of_composition(
    project_path: &Path,
    units: &Layer,
    partners: &[Layer],
    composition: &Composition,
) -> Result<Project, OpsError> {
    let mut project = if project_path.is_file() {
        read_project(project_path)?
    } else {
        Project::default()
    };
    let dir = super::project_dir(project_path);
    let dir = std::path::absolute(&dir).unwrap_or(dir);
    let mut old_layers = std::mem::take(&mut project.layers);
    project.layers = std::iter::once(units)
        .chain(partners)
        .map(|layer| {
            let source = std::path::absolute(&layer.source).unwrap_or(layer.source.clone());
            let path = relative_path(&source, &dir);
            let kept = old_layers
                .iter()
                .position(|old| old.path == path && old.table == layer.table)
                .map(|i| old_layers.remove(i));
            ProjectLayer {
                path,
                table: layer.table.clone(),
                id_field: layer.id_field.clone(),
                ..kept.unwrap_or_default()
            }
        })
        .collect();
    project.base_layer = Some(0);
    project.active_layer = project.active_layer.filter(|&a| a < project.layers.len());
    project.analysis.extent_layer = None;
    project.composition = composition.clone();
    Ok(project)
}
