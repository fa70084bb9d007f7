use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::{CrsProblem, FixWords, PlainWords};

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

    /// The CRS problem that stopped the load, if that is what did: the fix is then to name the
    /// file's CRS, which a front end can ask for.
    pub fn crs_problem(&self) -> Option<&CrsProblem> {
        let mut kind = &self.kind;
        loop {
            match kind {
                LoadErrorKind::Crs(problem) => return Some(problem),
                LoadErrorKind::InLayer { kind: inner, .. } => kind = inner,
                _ => return None,
            }
        }
    }

    /// The message with its fix worded by the front end (the command line names its flags).
    pub fn describe(&self, words: &dyn FixWords) -> String {
        format!("{}: {}", self.path.display(), self.kind.describe(words))
    }
}

impl LoadErrorKind {
    /// The reason with its fix worded by the front end.
    pub fn describe(&self, words: &dyn FixWords) -> String {
        match self {
            LoadErrorKind::Crs(problem) => problem.describe(words),
            LoadErrorKind::InLayer { layer, kind } => {
                format!("layer '{layer}': {}", kind.describe(words))
            }
            other => other.to_string(),
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
    #[error("{}", .0.describe(&PlainWords))]
    Crs(CrsProblem),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Crs;

    struct Flags;
    impl FixWords for Flags {
        fn name_crs(&self) -> &str {
            " with --crs EPSG:N"
        }
        fn use_crs(&self, crs: Crs) -> String {
            format!("--crs {crs}")
        }
    }

    #[test]
    fn the_library_names_the_fix_and_the_front_end_says_how() {
        let error = LoadError::new(
            Path::new("politie.shp"),
            LoadErrorKind::InLayer {
                layer: "politie".into(),
                kind: Box::new(LoadErrorKind::Crs(CrsProblem::Unknown {
                    why: "there is no .prj beside the .shp".into(),
                    looks_like: Some(Crs::RD_NEW),
                })),
            },
        );
        let plain = error.to_string();
        assert_eq!(
            plain,
            "politie.shp: layer 'politie': there is no .prj beside the .shp; the coordinates look like RD New (EPSG:28992); name the CRS"
        );
        assert!(!plain.contains("--"));
        assert!(
            error
                .describe(&Flags)
                .ends_with("look like RD New (--crs EPSG:28992); name the CRS with --crs EPSG:N")
        );
    }
}
