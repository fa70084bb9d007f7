//! Composing the agreed division: the composition over its base units, related to the partner
//! divisions; and the project a scripted composition leaves behind, so the window can open it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::json;

use crate::compose::{ComposeResult, compose};
use crate::io::{
    OutFeature, TableOptions, WriteError, read_assignment_with, read_project, relative_path,
    write_geojson,
};
use crate::model::{AnalysisSettings, Composition, Crs, Layer, Project, ProjectLayer};

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
    project.base_vintage = Some(super::base_identity(units));
    Ok(project)
}

/// Where the division made from a table is written: beside the table, `<stem>.indeling.geojson`.
pub fn division_path(table: &Path) -> PathBuf {
    let stem = table
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "tabel".into());
    table.with_file_name(format!("{stem}.indeling.geojson"))
}

/// A partner division from a table over base units — a care provider's teams by postcode, say:
/// the composition the table describes, its areas written as GeoJSON (RFC 7946) at
/// [`division_path`], so it opens like any other division and a project keeps it. The layer is
/// named after the table; each area has `gebied`, `units`, `kleur` and, for CBS units, `bron`.
pub fn division_from_table(
    units: &Layer,
    table: &Path,
    options: &TableOptions,
    settings: &AnalysisSettings,
) -> Result<PathBuf, OpsError> {
    // No sheet named (the window): the first sheet that holds an assignment.
    let composition = if options == &TableOptions::default() {
        crate::io::read_assignment_any_sheet(table, units)?
    } else {
        read_assignment_with(table, units, options)?
    };
    let result = compose_layers(units, &composition, &[], settings);
    let source = credit_of(units);
    let features: Vec<OutFeature> = result
        .areas
        .iter()
        .filter(|a| !a.geometry.0.is_empty())
        .map(|area| {
            let [r, g, b] = area.colour;
            let mut properties = vec![
                ("gebied".to_string(), json!(area.name)),
                ("units".to_string(), json!(area.units.len())),
                (
                    "kleur".to_string(),
                    json!(format!("#{r:02x}{g:02x}{b:02x}")),
                ),
            ];
            if let Some(source) = &source {
                properties.push(("bron".to_string(), json!(source)));
            }
            OutFeature {
                properties,
                geometry: area.geometry.clone(),
            }
        })
        .collect();
    let path = division_path(table);
    let name = table
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    write_geojson(&path, &name, features, result.working_crs, Crs::WGS84)
        .map_err(|e| WriteError::new(&path, e))?;
    Ok(path)
}
