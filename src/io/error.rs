use std::fmt;
use std::path::{Path, PathBuf};

/// Why a file could not be loaded. Its message names the file and, where one is to blame,
/// the feature, then the reason in words a user can act on.
#[derive(Debug, thiserror::Error)]
pub struct LoadError {
    pub path: PathBuf,
    pub kind: LoadErrorKind,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.kind)
    }
}

impl LoadError {
    pub fn new(path: &Path, kind: LoadErrorKind) -> LoadError {
        LoadError {
            path: path.to_path_buf(),
            kind,
        }
    }
}

/// The reason part of a [`LoadError`].
#[derive(Debug, thiserror::Error)]
pub enum LoadErrorKind {
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("is a directory, not a file; name the .geojson, .shp or .gpkg file inside it")]
    Directory,
    #[error("unsupported file type '{0}'; gebieden reads .geojson/.json, .shp and .gpkg")]
    Unsupported(String),
    #[error("is one part of a shapefile; open the .shp file instead")]
    ShapefilePart,
    #[error("the file is empty")]
    EmptyFile,
    #[error("not valid JSON: {0}")]
    Json(String),
    #[error("not GeoJSON: {0}")]
    NotGeoJson(String),
    #[error("missing {missing} next to the .shp: {why}")]
    MissingSidecar { missing: String, why: String },
    #[error("{0}")]
    Crs(String),
    #[error("feature {feature}: {reason}")]
    Feature { feature: String, reason: String },
    #[error("{0}")]
    Format(String),
    #[error("contains no features")]
    NoFeatures,
    #[error("has no polygon features: {0}")]
    NoPolygons(String),
    #[error("{0}")]
    IdField(String),
    #[error("has no table '{table}' (it holds: {})", found.join(", "))]
    NoSuchTable { table: String, found: Vec<String> },
    #[error("layer '{layer}': {kind}")]
    InLayer {
        layer: String,
        kind: Box<LoadErrorKind>,
    },
}

/// Why an output file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{}: cannot write: {reason}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    pub reason: String,
}

impl WriteError {
    pub fn new(path: &Path, reason: impl ToString) -> WriteError {
        WriteError {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        }
    }
}
