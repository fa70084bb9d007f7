//! A project: everything a user did — the divisions a group works with (where their files
//! are, what they are called, in which order, how they look), the composition they agree on,
//! the analysis settings, the map choices and the language. Plain data; `io::project` reads
//! and writes it.

use serde::{Deserialize, Serialize};

use super::{BaseIdentity, BasemapSettings, BasemapStyle, Composition, Crs, Version};

/// The project file format's version; a file from a newer version is refused with a message.
/// Version 2 added layer names, the active layer, and the analysis' extent and weight; version
/// 3 the composition's versions and sign-offs. Older files open with those unset (a
/// composition from before versions becomes the first version).
pub const PROJECT_VERSION: u32 = 3;

/// Gaps and overlaps narrower than this many metres are slivers unless a user says otherwise:
/// well above the digitising mismatches of generalised CBS boundaries (a few metres), well
/// below a street's width.
pub const DEFAULT_SLIVER_WIDTH_M: f64 = 5.0;

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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProjectLayer {
    /// The file, relative to the project file where possible (so a project folder can move).
    pub path: String,
    /// For a GeoPackage: which table.
    #[serde(default)]
    pub table: Option<String>,
    /// What the user calls the layer (in lists, legends, tables and exports); `None`: the name
    /// the file gives it (table, GeoJSON name or file stem).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default)]
    pub crs_override: Option<Crs>,
    #[serde(default)]
    pub id_field: Option<String>,
    #[serde(default)]
    pub style: LayerStyleSpec,
}

/// Analysis settings kept with the project; the command line's flags set the same.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisSettings {
    /// Gaps and overlaps narrower than this (m) are slivers.
    pub sliver_width_m: f64,
    /// A numeric field (e.g. inwoners) to weight shares by.
    pub weight_field: Option<String>,
    /// The index in the project's layers of the territory every division should cover (e.g.
    /// the municipal boundary); it is not analysed as a division itself.
    pub extent_layer: Option<usize>,
}

impl Default for AnalysisSettings {
    fn default() -> Self {
        AnalysisSettings {
            sliver_width_m: DEFAULT_SLIVER_WIDTH_M,
            weight_field: None,
            extent_layer: None,
        }
    }
}

/// Paper sizes for printed maps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Paper {
    #[default]
    A4,
    A3,
    A2,
}

impl Paper {
    pub const ALL: [Paper; 3] = [Paper::A4, Paper::A3, Paper::A2];

    /// Width and height in millimetres, portrait.
    pub fn portrait_mm(self) -> [f64; 2] {
        match self {
            Paper::A4 => [210.0, 297.0],
            Paper::A3 => [297.0, 420.0],
            Paper::A2 => [420.0, 594.0],
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::A3 => "A3",
            Paper::A2 => "A2",
        }
    }

    /// "A4", "a3", …
    pub fn parse(text: &str) -> Option<Paper> {
        Paper::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// The file type of a printed map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MapFormat {
    #[default]
    Png,
    Svg,
    Pdf,
}

impl MapFormat {
    pub const ALL: [MapFormat; 3] = [MapFormat::Png, MapFormat::Svg, MapFormat::Pdf];

    pub fn extension(self) -> &'static str {
        match self {
            MapFormat::Png => "png",
            MapFormat::Svg => "svg",
            MapFormat::Pdf => "pdf",
        }
    }

    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &std::path::Path) -> Option<MapFormat> {
        let extension = path.extension()?.to_str()?;
        MapFormat::ALL
            .into_iter()
            .find(|f| f.extension().eq_ignore_ascii_case(extension))
    }
}

/// The choices for a printed map, remembered in the project so the next export starts from
/// the last one.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct MapOptions {
    /// `None`: the project's name.
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub paper: Paper,
    pub landscape: bool,
    /// Resolution of a PNG on paper.
    pub dpi: u32,
    /// Draw the partner divisions as dashed outlines.
    pub partners: bool,
    /// Highlight gaps and overlaps of the partner divisions.
    pub problems: bool,
    pub format: MapFormat,
    /// The background map under the areas (`None`: white paper).
    pub basemap: Option<BasemapStyle>,
}

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions {
            title: None,
            subtitle: None,
            paper: Paper::A4,
            landscape: false,
            dpi: 150,
            partners: false,
            problems: false,
            format: MapFormat::Png,
            basemap: None,
        }
    }
}

impl MapOptions {
    /// The page in millimetres, turned for landscape.
    pub fn page_mm(&self) -> [f64; 2] {
        let [w, h] = self.paper.portrait_mm();
        if self.landscape { [h, w] } else { [w, h] }
    }

    /// The PNG size in pixels for the page at the chosen resolution.
    pub fn pixels(&self) -> (u32, u32) {
        let [w, h] = self.page_mm();
        let dpi = f64::from(self.dpi.clamp(36, 1200));
        (
            (w / 25.4 * dpi).round() as u32,
            (h / 25.4 * dpi).round() as u32,
        )
    }
}

/// A whole project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Always "gebieden-project", so other JSON is recognised as not a project.
    pub format: String,
    pub version: u32,
    pub layers: Vec<ProjectLayer>,
    /// The index in `layers` of the base units for composing (e.g. CBS buurten).
    #[serde(default)]
    pub base_layer: Option<usize>,
    /// The index in `layers` of the division shown filled and labelled.
    #[serde(default)]
    pub active_layer: Option<usize>,
    #[serde(default)]
    pub composition: Composition,
    #[serde(default)]
    pub analysis: AnalysisSettings,
    /// "nl" or "en".
    #[serde(default)]
    pub language: Option<String>,
    /// The last choices for a printed map.
    #[serde(default)]
    pub map: MapOptions,
    /// The window's background map.
    #[serde(default)]
    pub basemap: BasemapSettings,
    /// The saved rounds of the composition, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<Version>,
    /// The version the working composition was last saved as or switched to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_version: Option<String>,
    /// Partners who sign off without a division of their own in the project (named by hand).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<String>,
    /// The base units the composition was made on, as last saved: opening the project warns
    /// when its base file changed since (a new CBS vintage put in its place, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_vintage: Option<BaseIdentity>,
}

/// The `format` value of project files.
pub const PROJECT_FORMAT: &str = "gebieden-project";

impl Default for Project {
    fn default() -> Self {
        Project {
            format: PROJECT_FORMAT.into(),
            version: PROJECT_VERSION,
            layers: Vec::new(),
            base_layer: None,
            active_layer: None,
            composition: Composition::default(),
            analysis: AnalysisSettings::default(),
            language: None,
            map: MapOptions::default(),
            basemap: BasemapSettings::default(),
            versions: Vec::new(),
            current_version: None,
            partners: Vec::new(),
            base_vintage: None,
        }
    }
}

impl Project {
    /// The version named `name`.
    pub fn version(&self, name: &str) -> Option<&Version> {
        self.versions.iter().find(|v| v.name == name)
    }

    pub fn version_mut(&mut self, name: &str) -> Option<&mut Version> {
        self.versions.iter_mut().find(|v| v.name == name)
    }

    /// The version before `name` in the project's order.
    pub fn previous_version(&self, name: &str) -> Option<&Version> {
        let at = self.versions.iter().position(|v| v.name == name)?;
        at.checked_sub(1).map(|k| &self.versions[k])
    }

    /// A name for the next version: "concept N" with N one past the number of versions (or
    /// further, past names taken).
    pub fn next_version_name(&self) -> String {
        (self.versions.len() + 1..)
            .map(|n| format!("concept {n}"))
            .find(|name| self.version(name).is_none())
            .unwrap_or_else(|| "concept".into())
    }
}
