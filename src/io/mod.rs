//! Reading (and later writing) divisions: GeoJSON, ESRI Shapefile and GeoPackage.
//!
//! Every reader produces the same raw records, and one pipeline (`build`) validates, reprojects
//! to the working CRS and picks feature ids, so all formats behave alike.

mod assignment;
mod atomic;
mod build;
mod crs_match;
mod error;
mod geojson;
mod geojson_write;
mod geopackage;
mod geopackage_write;
mod prj;
mod project;
mod reproject;
mod reproject_rd;
mod shapefile;
mod summary;
mod table;
mod validate;
mod wkb;
mod xlsx_write;

use std::path::Path;

pub use crate::model::CrsProblem;
pub use assignment::{
    TableOptions, assignment_from_table, read_assignment, read_assignment_any_sheet,
    read_assignment_with,
};
pub use atomic::{write_atomic, write_atomic_with};
pub use build::ID_FIELD_CANDIDATES;
pub use error::{LoadError, LoadErrorKind, WriteError};
pub use geojson_write::{OutFeature, json_value, write_geojson, write_geojson_parts, write_geojson_with};
pub use geopackage_write::{GeoPackageWriteError, write_geopackage};
pub use prj::{WktError, crs_from_wkt, esri_wkt, ogc_wkt};
pub use project::{
    ProjectError, autosave_path, read_project, relative_path, resolve_path, write_project,
};
pub use reproject::{ReprojectError, Reprojector};
pub use shapefile::{ShapefileWriteError, write_shapefile};
pub use summary::{InvalidFeature, LayerSummary, bbox_wgs84, summarise, summarise_with};
pub use table::{SPREADSHEET_EXTENSIONS, Table, is_spreadsheet, read_csv, read_table, sheet_names};
pub use validate::polygon_problems;
pub use xlsx_write::xlsx_bytes;

use crate::model::{Crs, Layer};

/// How to read a file.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// The CRS every geometry is reprojected to; must be projected (metres).
    pub working_crs: Crs,
    /// Overrides whatever CRS the file declares (or fails to declare).
    pub crs_override: Option<Crs>,
    /// The attribute whose values become feature ids.
    pub id_field: Option<String>,
}

/// The file extensions gebieden can open, for file dialogs and drag-and-drop.
pub const SUPPORTED_EXTENSIONS: &[&str] = &["geojson", "json", "shp", "gpkg"];

/// Reads every polygon layer in a file: one for GeoJSON and Shapefile, one per polygon table
/// for a GeoPackage.
pub fn load(path: &Path, options: &LoadOptions) -> Result<Vec<Layer>, LoadError> {
    let fail = |kind| LoadError::new(path, kind);
    let metadata = std::fs::metadata(path).map_err(|e| fail(LoadErrorKind::Io(e)))?;
    if metadata.is_dir() {
        return Err(fail(LoadErrorKind::Directory));
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    let (raw_layers, mut skipped) = match extension.as_str() {
        "geojson" | "json" => (vec![geojson::read(path).map_err(fail)?], Vec::new()),
        "shp" => (vec![shapefile::read(path).map_err(fail)?], Vec::new()),
        "gpkg" => {
            let contents = geopackage::read(path).map_err(fail)?;
            (contents.layers, contents.skipped)
        }
        "dbf" | "shx" | "prj" | "cpg" => {
            return Err(fail(LoadErrorKind::ShapefilePart));
        }
        other => return Err(fail(LoadErrorKind::Unsupported(format!(".{other}")))),
    };
    let tables = raw_layers.len() + skipped.len();
    let mut layers = Vec::new();
    for raw in raw_layers {
        let name = raw.name.clone();
        match build::build_layer(raw, path, options) {
            Ok(layer) => layers.push(layer),
            Err(kind) => skipped.push((name, kind)),
        }
    }
    if layers.is_empty() {
        // Nothing to show: the reason of the first table (its layer named when the file has
        // several), for the user to act on.
        let Some((layer, kind)) = skipped.into_iter().next() else {
            return Err(fail(LoadErrorKind::NoFeatures));
        };
        return Err(fail(if tables > 1 {
            LoadErrorKind::InLayer {
                layer,
                kind: Box::new(kind),
            }
        } else {
            kind
        }));
    }
    // One unusable table never sinks a GeoPackage: the others load, and the first says why
    // the rest is missing.
    for (table, kind) in skipped {
        let crs = match &kind {
            LoadErrorKind::Crs(problem) => Some(problem.clone()),
            _ => None,
        };
        layers[0].notes.push(crate::model::LayerNote::TableSkipped {
            table,
            reason: kind.to_string(),
            crs,
        });
    }
    Ok(layers)
}
