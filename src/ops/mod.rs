//! The operations a user runs — load, analyse, clean, compose, map, locate, nest, versions and
//! sign-off, report, publish — each one function over plain
//! settings. The command line and the window's background jobs both call these, so anything
//! the window does can be scripted and tested without it (mapshaper's lesson: one runner).
//!
//! Layout of the library, and what may depend on what:
//! - `model`: plain data (layers, CRS, composition, project); depends on nothing of ours.
//! - `geometry`: shared geometric helpers; depends on nothing of ours.
//! - `io`, `analysis`, `compose`, `render`: the work; they depend on `model` and `geometry`
//!   (and `compose` on `analysis` for its partner crosswalk), never on `ops`.
//! - `ops`: the operations, over all of the above; the front ends (`gui`, `cli` in the binary)
//!   depend on `ops` and on plain data only.

mod analyse;
mod analysis_files;
mod clean;
mod compose;
mod compose_files;
mod load;
mod locate;
mod map;
mod migrate;
mod nest;
mod publish;
mod report;
mod versions;

pub use analyse::{
    AnalyseError, analyse_layers, analyse_layers_streaming, analyse_layers_with_cache,
    analysis_options,
};
pub use analysis_files::{
    CROSSWALK_HEADER, analyse_into, write_analysis, write_atlas_csv, write_crosswalk_csv, write_problems_geojson,
    write_report_json,
};
pub use clean::{clean_layer, cleaned_layer, write_division};
pub use compose::{
    compose_layers, compose_workspace, credit_of, division_from_table, division_path,
    project_of_composition,
};
pub use compose_files::write_composition;
pub use load::{
    Workspace, is_project_file, load_files, load_project_layer, partner_indices, pick_table,
    project_dir, project_layer_options,
};
pub use publish::{PublishSettings, Published, WEB_TILES_CREDIT, WEB_TILES_URL, publish_layer, publish_workspace};
pub use migrate::{
    AreaShift, MIGRATION_HEADER, MigrationResult, migrate_composition, status_counts, with_carried_weight, write_migration,
};
pub use report::decision_report;
pub use versions::{
    AreaChange, DIFF_HEADER, MovedUnit, VersionDiff, VersionError, base_identity, base_vintage_change, diff_versions, lock_agreed,
    number, partner_names, record_signoff, vintage_name, save_version, signoff_partners, switch_version, version_of, write_diff,
};
pub use nest::{NEST_HEADER, derived_path, misfit_colour, nest_dir, nest_layers, write_nest};
pub use locate::{AreaAt, Located, PlaceAt, areas_at, locate, to_working_crs};
pub use map::{
    MapAreas, MapRequest, NAME_FIELDS, ProblemPieces, areas_of_composition, areas_of_layer,
    credit_line, dutch_date, is_cbs, map_request, map_spec, background_tiles, problem_pieces, render_map,
    today,
};

use crate::io::{LoadError, ProjectError, WriteError};

/// Orders area names by their leading number ("2 Terborg" before "10 …"), then by the rest:
/// how groups number their areas, whatever order they were created in.
pub(crate) fn natural_key(name: &str) -> (u64, String) {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    (digits.parse().unwrap_or(u64::MAX), name.to_lowercase())
}
use crate::render::RenderError;

/// Why an operation could not be done. Each variant keeps the typed error of the step that
/// failed, so a front end can phrase the fix in its own terms.
#[derive(Debug, thiserror::Error)]
pub enum OpsError {
    /// Files that could not be read: every one of them, not only the first.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Load(Vec<LoadError>),
    #[error(transparent)]
    Project(#[from] ProjectError),
    #[error(transparent)]
    Analyse(#[from] AnalyseError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("{}: the project has no base layer to compose", .0.display())]
    NoBaseLayer(std::path::PathBuf),
    #[error("{}: nothing to draw", .0.display())]
    NothingToMap(std::path::PathBuf),
    /// Background tiles asked for and not to be had (not cached, service unreachable).
    #[error("background map tiles could not be fetched from {0}")]
    Basemap(#[from] crate::services::ServiceError),
    #[error(
        "the background map is in RD New (EPSG:28992); this map is drawn in {0}: leave the background out or work in EPSG:28992"
    )]
    BasemapCrs(crate::model::Crs),
    #[error(transparent)]
    Version(#[from] VersionError),
    /// The place search found nothing.
    #[error("no place found for '{0}'")]
    NothingFound(String),
}

impl From<LoadError> for OpsError {
    fn from(error: LoadError) -> OpsError {
        OpsError::Load(vec![error])
    }
}
