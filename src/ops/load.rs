//! Loading divisions: files named on the command line or dropped on the window, and the layers
//! of a project (each from its file and table, under the name the user gave it).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::io::{LoadError, LoadErrorKind, LoadOptions, load, read_project, resolve_path};
use crate::model::{Crs, Layer, Project, ProjectLayer};

use super::OpsError;

/// Reads every file in parallel; one result per file, in the order given.
pub fn load_files(files: &[PathBuf], options: &LoadOptions) -> Vec<Result<Vec<Layer>, LoadError>> {
    files.par_iter().map(|path| load(path, options)).collect()
}

/// How a project's layer is read: its CRS override and id field, into `working_crs`.
pub fn project_layer_options(layer: &ProjectLayer, working_crs: Crs) -> LoadOptions {
    LoadOptions {
        working_crs,
        crs_override: layer.crs_override,
        id_field: layer.id_field.clone(),
    }
}

/// Reads one layer of a project: its file (relative to the project's folder), the table it
/// names (a GeoPackage holds several), under the name the user gave it.
pub fn load_project_layer(
    layer: &ProjectLayer,
    project_dir: &Path,
    working_crs: Crs,
) -> Result<Layer, LoadError> {
    let path = resolve_path(&layer.path, project_dir);
    let loaded = load(&path, &project_layer_options(layer, working_crs))?;
    pick_table(loaded, &path, layer)
}

/// The table a project layer names from the layers its file holds (the first when it names
/// none), renamed as the user called it.
pub fn pick_table(
    loaded: Vec<Layer>,
    path: &Path,
    layer: &ProjectLayer,
) -> Result<Layer, LoadError> {
    let found: Vec<String> = loaded.iter().map(|l| l.name.clone()).collect();
    let mut picked = match &layer.table {
        Some(table) => loaded
            .into_iter()
            .find(|l| l.table.as_deref() == Some(table.as_str()) || &l.name == table),
        None => loaded.into_iter().next(),
    }
    .ok_or_else(|| {
        LoadError::new(
            path,
            LoadErrorKind::NoSuchTable {
                table: layer.table.clone().unwrap_or_default(),
                found,
            },
        )
    })?;
    if let Some(name) = layer.name.as_ref().filter(|n| !n.trim().is_empty()) {
        picked.name = name.trim().to_string();
    }
    Ok(picked)
}

/// What a command works on: the project's settings and its layers, all loaded. Made from a
/// project file or from the files a command line names (then the settings are the defaults
/// plus what the flags say).
#[derive(Clone, Debug)]
pub struct Workspace {
    pub project: Project,
    /// One per `project.layers`, in that order.
    pub layers: Vec<Arc<Layer>>,
    /// The project file, if the work came from one.
    pub path: Option<PathBuf>,
}

impl Workspace {
    /// Opens a project and loads all its layers (in parallel); every layer that cannot be
    /// read is reported, not only the first.
    pub fn open(path: &Path, working_crs: Crs) -> Result<Workspace, OpsError> {
        let project = read_project(path)?;
        let dir = project_dir(path);
        let results: Vec<Result<Layer, LoadError>> = project
            .layers
            .par_iter()
            .map(|layer| load_project_layer(layer, &dir, working_crs))
            .collect();
        let mut layers = Vec::new();
        let mut errors = Vec::new();
        for result in results {
            match result {
                Ok(layer) => layers.push(Arc::new(layer)),
                Err(error) => errors.push(error),
            }
        }
        if !errors.is_empty() {
            return Err(OpsError::Load(errors));
        }
        Ok(Workspace {
            project,
            layers,
            path: Some(path.to_path_buf()),
        })
    }

    /// A workspace of layers loaded from files; the project describes them as a window would
    /// on opening them (visible, default styles).
    pub fn from_layers(layers: Vec<Layer>) -> Workspace {
        let project = Project {
            layers: layers
                .iter()
                .map(|l| ProjectLayer {
                    path: l.source.to_string_lossy().replace('\\', "/"),
                    table: l.table.clone(),
                    id_field: l.id_field.clone(),
                    ..ProjectLayer::default()
                })
                .collect(),
            ..Project::default()
        };
        Workspace {
            project,
            layers: layers.into_iter().map(Arc::new).collect(),
            path: None,
        }
    }

    /// The project's name (its file stem), if it has a file.
    pub fn name(&self) -> Option<String> {
        self.path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
    }

    /// Whether the user shows layer `i`.
    pub fn visible(&self, i: usize) -> bool {
        self.project.layers.get(i).is_none_or(|l| l.style.visible)
    }

    /// The base units being composed (e.g. CBS buurten).
    pub fn base(&self) -> Option<&Arc<Layer>> {
        self.project.base_layer.and_then(|b| self.layers.get(b))
    }

    /// The partner divisions a composition is related to: the visible layers other than the
    /// base and the analysis' extent.
    pub fn partners(&self) -> Vec<Arc<Layer>> {
        let visible: Vec<bool> = (0..self.layers.len()).map(|i| self.visible(i)).collect();
        partner_indices(
            &visible,
            self.project.base_layer,
            self.project.analysis.extent_layer,
        )
        .into_iter()
        .map(|i| self.layers[i].clone())
        .collect()
    }
}

/// The indices of the partner divisions among layers shown or hidden as `visible` says: every
/// visible one but the base units and the extent. The window and the commands both ask this.
pub fn partner_indices(visible: &[bool], base: Option<usize>, extent: Option<usize>) -> Vec<usize> {
    (0..visible.len())
        .filter(|&i| visible[i] && Some(i) != base && Some(i) != extent)
        .collect()
}

/// The folder a project's layer paths are relative to.
pub fn project_dir(project: &Path) -> PathBuf {
    project.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Whether a path names a project file (`*.gebieden`).
pub fn is_project_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gebieden"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partners_are_the_visible_layers_but_base_and_extent() {
        let visible = [true, true, false, true, true];
        assert_eq!(partner_indices(&visible, Some(0), Some(4)), vec![1, 3]);
        assert_eq!(partner_indices(&visible, None, None), vec![0, 1, 3, 4]);
    }

    #[test]
    fn a_project_layer_picks_its_table_and_takes_its_name() {
        let square = |name: &str| {
            let mut layer = Layer::from_geometries(
                name,
                Crs::RD_NEW,
                [(
                    "a".to_string(),
                    geo::wkt!(MULTIPOLYGON(((0. 0.,1. 0.,1. 1.,0. 0.)))),
                )],
            );
            layer.table = Some(name.to_string());
            layer
        };
        let spec = ProjectLayer {
            table: Some("wijken".into()),
            name: Some("Wijken van de gemeente".into()),
            ..ProjectLayer::default()
        };
        let picked = pick_table(
            vec![square("buurten"), square("wijken")],
            Path::new("x.gpkg"),
            &spec,
        )
        .unwrap();
        assert_eq!(picked.name, "Wijken van de gemeente");
        assert_eq!(picked.table.as_deref(), Some("wijken"));
        let missing = ProjectLayer {
            table: Some("politie".into()),
            ..ProjectLayer::default()
        };
        let error = pick_table(vec![square("buurten")], Path::new("x.gpkg"), &missing)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("no table 'politie'") && error.contains("buurten"),
            "{error}"
        );
    }
}
