//! A project: the divisions a group works with, how they look, the composition they agree on,
//! and the analysis settings. Plain data; `io::project` reads and writes it.

use serde::{Deserialize, Serialize};

use super::Crs;

/// The project file format's version; a file from a newer version is refused with a message.
pub const PROJECT_VERSION: u32 = 1;

/// How a layer is drawn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LayerStyleSpec {
    pub visible: bool,
    /// RGBA, not premultiplied.
    pub fill: [u8; 4],
    pub always_fill: bool,
    pub outline: [u8; 4],
    pub outline_width: f32,
    pub label_field: Option<String>,
}

impl Default for LayerStyleSpec {
    fn default() -> Self {
        LayerStyleSpec {
            visible: true,
            fill: [0, 114, 178, 70],
            always_fill: false,
            outline: [0, 114, 178, 255],
            outline_width: 1.5,
            label_field: None,
        }
    }
}

/// One layer of a project: where its file is and how to read and draw it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectLayer {
    /// The file, relative to the project file where possible (so a project folder can move).
    pub path: String,
    /// For a GeoPackage: which table.
    #[serde(default)]
    pub table: Option<String>,
    #[serde(default)]
    pub crs_override: Option<Crs>,
    #[serde(default)]
    pub id_field: Option<String>,
    #[serde(default)]
    pub style: LayerStyleSpec,
}

/// Analysis settings kept with the project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisSettings {
    pub sliver_width_m: f64,
}

impl Default for AnalysisSettings {
    fn default() -> Self {
        AnalysisSettings {
            sliver_width_m: 5.0,
        }
    }
}

/// A whole project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project<C> {
    /// Always "gebieden-project", so other JSON is recognised as not a project.
    pub format: String,
    pub version: u32,
    pub layers: Vec<ProjectLayer>,
    /// The index in `layers` of the base units for composing (e.g. CBS buurten).
    #[serde(default)]
    pub base_layer: Option<usize>,
    #[serde(default)]
    pub composition: C,
    #[serde(default)]
    pub analysis: AnalysisSettings,
    /// "nl" or "en".
    #[serde(default)]
    pub language: Option<String>,
}

/// The `format` value of project files.
pub const PROJECT_FORMAT: &str = "gebieden-project";

impl<C: Default> Default for Project<C> {
    fn default() -> Self {
        Project {
            format: PROJECT_FORMAT.into(),
            version: PROJECT_VERSION,
            layers: Vec::new(),
            base_layer: None,
            composition: C::default(),
            analysis: AnalysisSettings::default(),
            language: None,
        }
    }
}
