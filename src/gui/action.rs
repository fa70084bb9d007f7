//! Everything a panel can ask for. Panels never change the app's state directly: they push an
//! [`Action`], applied once per frame (as egui's demo app does with its commands), so every
//! button can also be driven from tests, and every change to the user's work passes one place
//! that marks it for saving.

use std::path::PathBuf;

use gebieden::model::AnalysisSettings;

use super::app::Selection;
use super::i18n::Language;
use super::style::LayerStyle;

/// Everything a panel can ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    OpenFiles(Vec<PathBuf>),
    /// Opens a file whose CRS was unknown or wrong as this CRS (kept in the project).
    OpenWithCrs {
        path: PathBuf,
        crs: gebieden::model::Crs,
    },
    /// The user will not name this file's CRS now.
    DismissCrsRequest(PathBuf),
    OpenDemo,
    ToggleVisible(usize),
    /// Calls a layer by another name (in lists, legends, tables and exports).
    RenameLayer {
        layer: usize,
        name: String,
    },
    /// New colours, outline width or label field of a layer.
    SetStyle {
        layer: usize,
        style: LayerStyle,
    },
    MoveLayer {
        from: usize,
        up: bool,
    },
    RemoveLayer(usize),
    SetActive(usize),
    ZoomToLayer(usize),
    ZoomToAll,
    ZoomTo([f64; 4]),
    Select(Option<Selection>),
    RunAnalysis,
    /// New analysis settings (sliver width, weight field, extent layer), kept in the project.
    SetAnalysisSettings(AnalysisSettings),
    /// The background map's style (or none) and tile service, kept in the project.
    SetBasemap(gebieden::model::BasemapSettings),
    /// Slivers drawn on the map and clickable, or not (the calm view, the default).
    ShowSlivers(bool),
    /// Zooms to a place found by the search and names the areas holding it.
    ShowPlace {
        name: String,
        pos_in_rd: [f64; 2],
    },
    /// Forgets the place found.
    ClearPlace,
    /// Opens "Opschonen…" on a layer.
    OpenClean(usize),
    /// Carries the composition to another vintage of the base units ('Nieuwe indeling').
    OpenVintage(PathBuf),
    /// Nests a partner layer in the base units and opens the result as a layer.
    NestLayer(usize),
    /// Makes a nest layer's partner areas, with their units, the composition to paint from.
    StartFromNest(usize),
    SetLanguage(Language),
    /// Versions, comparison, sign-off and the decision report.
    Version(super::negotiation::VersionAction),
    SetBaseLayer(Option<usize>),
    DismissMessages,
    SaveCrosswalk(PathBuf),
    SaveAtlas(PathBuf),
    AddArea(String),
    RemoveArea(String),
    EditArea {
        name: String,
        new_name: String,
        colour: [u8; 3],
        note: String,
    },
    SetCurrentArea(Option<String>),
    /// What residents see of an area on the web map (team, contact, telefoon, website).
    SetAreaDetails {
        name: String,
        details: std::collections::BTreeMap<String, String>,
    },
    /// Writes the residents' web map into this folder.
    Publish(PathBuf),
    /// Starts a paint stroke (one undo step), then paints these units.
    BeginStroke,
    Paint(Vec<String>),
    AssignRule {
        field: String,
        value: String,
    },
    /// Reads a table of units per area into the composition; `sheet` of a workbook, else its
    /// first sheet that holds one.
    ImportAssignment {
        path: PathBuf,
        sheet: Option<String>,
    },
    /// Makes a division of a table of units per area (e.g. postcodes per care team) over the
    /// base division, and opens it as a layer.
    TableAsDivision {
        path: PathBuf,
        sheet: Option<String>,
    },
    SetLocked {
        unit: String,
        locked: bool,
    },
    Undo,
    Redo,
    /// Cuts the unit under the line along it.
    AddSplit(Vec<[f64; 2]>),
    RemoveSplit(usize),
    ExportComposition(PathBuf),
    /// Saves to this path, or to the project's own path with `None`.
    SaveProject(Option<PathBuf>),
    OpenProject(PathBuf),
    RestoreAutosave,
    DiscardAutosave,
    OpenMapExport,
    CloseMapExport,
    /// New choices for the printed map (kept in the project).
    SetMapOptions(gebieden::model::MapOptions),
    /// Draws the printed map to this file; the format follows the extension.
    ExportMap(PathBuf),
}
