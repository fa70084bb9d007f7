//! The app's state, in one struct, and how the actions panels ask for change it (see
//! `action.rs`; composer and project actions in `project.rs`). The frame that draws the panels
//! is in `window.rs`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use eframe::egui;

use gebieden::analysis::{Analysis, AnalysisCache};
use gebieden::model::Layer;
use gebieden::render::{LayerShapes, Projector};

pub use super::action::Action;
use super::composer::ComposerState;
use super::i18n::{Language, Texts, texts};
use super::jobs::Jobs;
use super::jobs::PendingLoad;
use super::style::LayerStyle;
use gebieden::model::AnalysisSettings;

/// A loaded division with its drawing cache and style.
pub struct MapLayer {
    /// Its `name` is what the user calls it (they may rename it).
    pub layer: Arc<Layer>,
    pub shapes: Arc<LayerShapes>,
    pub style: LayerStyle,
    /// Whether the user called it by a name of their own (kept in the project).
    pub renamed: bool,
    /// The CRS the file was read as, whatever it declares (kept in the project).
    pub crs_override: Option<gebieden::model::Crs>,
}

/// What is selected on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    Feature { layer: usize, feature: usize },
    Problem(usize),
}

/// The result of an analysis with its drawing cache.
pub struct AnalysisView {
    pub analysis: Arc<Analysis>,
    pub shapes: LayerShapes,
}

/// A message for the user, e.g. a file that could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

/// Which side panel page is shown on the right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RightTab {
    #[default]
    Differences,
    Compose,
    Versions,
}

/// The whole state of the window.
pub struct GebiedenApp {
    pub layers: Vec<MapLayer>,
    pub active_layer: Option<usize>,
    pub view: Projector,
    /// Whether the view has been fitted to the data once.
    pub view_fitted: bool,
    /// A map rectangle to show, fitted by the map panel once it knows its size on screen.
    pub pending_fit: Option<[f64; 4]>,
    pub selection: Option<Selection>,
    pub hover: Option<(usize, usize)>,
    pub cursor_in_map: Option<[f64; 2]>,
    /// Working CRS → WGS 84 for the status bar, cached per working CRS.
    pub cursor_reprojector: Option<(gebieden::model::Crs, Option<gebieden::io::Reprojector>)>,
    pub analysis: Option<AnalysisView>,
    /// What analyses found per layer and pair, shared by the analysis job and the map preview:
    /// an unchanged layer is not checked twice, and after a change only its pairs are redone.
    pub analysis_cache: Arc<Mutex<AnalysisCache>>,
    /// The base layer for the atlas, by index into `layers`.
    pub base_layer: Option<usize>,
    /// Sliver width, weight field and extent layer (an index into `layers`), as the project
    /// keeps them.
    pub analysis_settings: AnalysisSettings,
    pub language: Language,
    pub messages: Vec<Message>,
    /// Files that did not open because their CRS is unknown or wrong: the window asks for it.
    pub crs_requests: Vec<super::crs_dialog::CrsRequest>,
    /// A workbook of several sheets: the window asks which one holds the table.
    pub sheet_request: Option<super::sheet_dialog::SheetRequest>,
    /// A layer being renamed in the layer panel, with the name typed so far.
    pub renaming: Option<(usize, String)>,
    pub show_crosswalk: bool,
    pub show_atlas: bool,
    pub tables: super::tables_panel::TableState,
    pub actions: Vec<Action>,
    pub composer: ComposerState,
    pub map_export: super::map_export::MapExportState,
    pub right_tab: RightTab,
    /// The project file, once saved or opened.
    pub project_path: Option<PathBuf>,
    /// Unsaved changes since the last save.
    pub dirty: bool,
    /// When the last change was made, for autosaving after a few idle seconds.
    pub last_change: Option<std::time::Instant>,
    /// Whether the last change is in the autosave file already.
    pub autosaved: bool,
    /// An autosave newer than the project was found at start: offer to restore it.
    pub restore_offer: Option<PathBuf>,
    /// Where autosaves go when the project has no file yet.
    pub autosave_fallback: Option<PathBuf>,
    /// Layers of an opened project whose files were not found: (where it was, how to load it).
    pub missing_layers: Vec<(PathBuf, gebieden::model::ProjectLayer)>,
    /// What to do with layers being loaded once they arrive, by load order.
    pub pending_loads: std::collections::HashMap<u64, PendingLoad>,
    /// The background map's settings (kept in the project) and its tiles (not kept).
    pub basemap: gebieden::model::BasemapSettings,
    pub basemap_view: super::basemap::BasemapView,
    /// Whether slivers are drawn on the map (off: the calm view of real differences).
    pub show_slivers: bool,
    pub search: super::search::SearchState,
    /// The place last searched for, marked on the map.
    pub found_place: Option<super::search::FoundPlace>,
    /// "Opschonen…" open on a layer.
    pub clean_dialog: Option<super::clean_dialog::CleanDialog>,
    pub vintage_dialog: Option<super::vintage_dialog::VintageDialog>,
    /// The composition's versions and the partners' sign-offs.
    pub negotiation: super::negotiation::NegotiationState,
    pub(super) jobs: Jobs,
    /// A repaint request for background results (set once the window exists).
    pub(super) repaint: Option<egui::Context>,
}

impl Default for GebiedenApp {
    fn default() -> Self {
        GebiedenApp {
            layers: Vec::new(),
            active_layer: None,
            view: Projector::default(),
            view_fitted: false,
            pending_fit: None,
            selection: None,
            hover: None,
            cursor_in_map: None,
            cursor_reprojector: None,
            analysis: None,
            analysis_cache: Arc::default(),
            base_layer: None,
            analysis_settings: AnalysisSettings::default(),
            language: Language::default(),
            messages: Vec::new(),
            renaming: None,
            crs_requests: Vec::new(),
            sheet_request: None,
            show_crosswalk: false,
            show_atlas: false,
            tables: Default::default(),
            actions: Vec::new(),
            composer: ComposerState::default(),
            map_export: Default::default(),
            right_tab: RightTab::default(),
            project_path: None,
            dirty: false,
            last_change: None,
            autosaved: true,
            restore_offer: None,
            autosave_fallback: None,
            pending_loads: Default::default(),
            missing_layers: Vec::new(),
            basemap: Default::default(),
            basemap_view: Default::default(),
            show_slivers: false,
            search: Default::default(),
            found_place: None,
            clean_dialog: None,
            vintage_dialog: None,
            negotiation: Default::default(),
            jobs: Jobs::new(),
            repaint: None,
        }
    }
}

/// The demo files, if the bundled data can be found.
pub fn demo_files() -> Vec<PathBuf> {
    gebieden::demo::bundled_dir()
        .map(|dir| {
            gebieden::demo::DIVISION_FILES
                .iter()
                .map(|f| dir.join(f))
                .collect()
        })
        .unwrap_or_default()
}

impl GebiedenApp {
    /// A window on `files`, or on the bundled demo when there are none. Loading starts at once
    /// in the background.
    pub fn open(files: Vec<PathBuf>) -> GebiedenApp {
        let mut app = GebiedenApp::default();
        let files = if files.is_empty() {
            demo_files()
        } else {
            files
        };
        // Opening what the window starts on is no change of the user's.
        for path in files {
            app.spawn_load(path, PendingLoad::default());
        }
        app
    }

    /// What the window opens on: a project file, data files, or the demo.
    pub fn open_window(files: Vec<PathBuf>) -> GebiedenApp {
        if let [single] = files.as_slice()
            && gebieden::ops::is_project_file(single)
        {
            let mut app = GebiedenApp::default();
            app.open_project(single);
            return app;
        }
        GebiedenApp::open(files)
    }

    /// The base division being composed (e.g. CBS buurten), if one is chosen.
    pub fn base(&self) -> Option<&MapLayer> {
        self.base_layer.and_then(|b| self.layers.get(b))
    }

    /// The strings in the current language.
    pub fn t(&self) -> &'static Texts {
        texts(self.language)
    }

    /// True while files load or an analysis runs.
    pub fn busy(&self) -> bool {
        self.jobs.loading()
            || self.jobs.analysing()
            || self.composer.computing
            || self.map_export.rendering_preview
            || self.map_export.exporting
    }

    pub fn is_loading(&self) -> bool {
        self.jobs.loading()
    }

    pub fn is_analysing(&self) -> bool {
        self.jobs.analysing()
    }

    /// Marks the project changed, for saving and autosaving.
    pub fn mark_changed(&mut self) {
        self.dirty = true;
        self.autosaved = false;
        self.last_change = Some(std::time::Instant::now());
    }

    fn layers_bbox(&self) -> Option<[f64; 4]> {
        self.layers
            .iter()
            .filter(|l| l.style.visible)
            .filter_map(|l| l.shapes.bbox())
            .reduce(gebieden::model::union_box)
    }

    /// Applies the queued actions.
    pub fn apply_actions(&mut self) {
        let actions = std::mem::take(&mut self.actions);
        for action in actions {
            self.apply(action);
        }
    }

    pub(super) fn apply(&mut self, action: Action) {
        match action {
            Action::OpenFiles(paths) => {
                for path in paths {
                    self.spawn_load(path, PendingLoad::user_change());
                }
            }
            Action::OpenWithCrs { path, crs } => {
                self.crs_requests.retain(|r| r.path != path);
                // The message that it could not be opened is answered now.
                let named = path.display().to_string();
                self.messages.retain(|m| !m.text.contains(&named));
                let pending = PendingLoad {
                    crs_override: Some(crs),
                    ..PendingLoad::user_change()
                };
                self.spawn_load(path, pending);
            }
            Action::DismissCrsRequest(path) => self.crs_requests.retain(|r| r.path != path),
            Action::OpenDemo => {
                for path in demo_files() {
                    self.spawn_load(path, PendingLoad::user_change());
                }
            }
            Action::ToggleVisible(i) => {
                if let Some(l) = self.layers.get_mut(i) {
                    l.style.visible = !l.style.visible;
                    self.mark_changed();
                }
            }
            Action::RenameLayer { layer, name } => {
                let name = name.trim();
                if let Some(l) = self.layers.get_mut(layer)
                    && !name.is_empty()
                    && name != l.layer.name
                {
                    // Rare and deliberate: a copy of a big layer is acceptable here.
                    Arc::make_mut(&mut l.layer).name = name.to_string();
                    l.renamed = true;
                    // Results name layers; they would show the old name.
                    self.analysis = None;
                    self.mark_changed();
                }
            }
            Action::SetStyle { layer, style } => {
                if let Some(l) = self.layers.get_mut(layer)
                    && l.style != style
                {
                    l.style = style;
                    self.mark_changed();
                }
            }
            Action::SetBasemap(settings) => {
                if settings != self.basemap {
                    self.basemap = settings;
                    self.mark_changed();
                }
            }
            Action::ShowSlivers(show) => {
                self.show_slivers = show;
                // A hidden sliver cannot stay selected.
                if !show
                    && let (Some(Selection::Problem(i)), Some(view)) = (self.selection, &self.analysis)
                    && view.analysis.problems.get(i).is_some_and(|p| p.kind == gebieden::analysis::ProblemKind::Sliver)
                {
                    self.selection = None;
                }
            }
            Action::ShowPlace { name, pos_in_rd } => {
                let working = self.layers.first().map_or(gebieden::model::Crs::RD_NEW, |l| l.layer.working_crs);
                let pos_in_map = gebieden::ops::to_working_crs(pos_in_rd, working);
                let layers: Vec<Arc<Layer>> = self.layers.iter().map(|l| l.layer.clone()).collect();
                let areas = gebieden::ops::areas_at(&layers, pos_in_map);
                // A street's width around an address; the whole place stays recognisable.
                let r = 400.0;
                self.pending_fit = Some([pos_in_map[0] - r, pos_in_map[1] - r, pos_in_map[0] + r, pos_in_map[1] + r]);
                self.view_fitted = true;
                self.selection = None;
                self.found_place = Some(super::search::FoundPlace { name, pos_in_map, areas });
            }
            Action::ClearPlace => self.found_place = None,
            Action::OpenClean(layer) => {
                self.clean_dialog = Some(super::clean_dialog::CleanDialog::new(layer));
            }
            Action::OpenVintage(path) => {
                self.vintage_dialog = Some(super::vintage_dialog::VintageDialog::new(path));
                super::vintage_dialog::start(self);
            }
            Action::NestLayer(index) => {
                let (Some(partner), Some(base)) = (self.layers.get(index), self.base()) else {
                    self.message(self.t().no_base.to_string(), true);
                    return;
                };
                let dir = gebieden::ops::nest_dir(
                    &partner.layer.source,
                    self.project_path.as_deref().and_then(|p| p.parent()),
                );
                let request = super::jobs::LoadRequest::Nest {
                    partner: partner.layer.clone(),
                    base: base.layer.clone(),
                    weight: self.analysis_settings.weight_field.clone(),
                    dir,
                };
                self.spawn_load_request(request, PendingLoad::user_change());
            }
            Action::StartFromNest(index) => {
                let Some(layer) = self.layers.get(index).map(|l| l.layer.clone()) else {
                    return;
                };
                if let Some(composition) = super::nest_panel::composition_of_nest(&layer) {
                    self.composer.edit(|c| {
                        *c = composition;
                        true
                    });
                    self.right_tab = RightTab::Compose;
                }
            }
            Action::SetAnalysisSettings(settings) => {
                if settings != self.analysis_settings {
                    self.analysis_settings = settings;
                    self.mark_changed();
                }
            }
            Action::MoveLayer { from, up } => {
                let to = if up {
                    from.checked_sub(1)
                } else {
                    Some(from + 1).filter(|&t| t < self.layers.len())
                };
                if let Some(to) = to.filter(|_| from < self.layers.len()) {
                    self.layers.swap(from, to);
                    let remap = |i: usize| {
                        if i == from {
                            to
                        } else if i == to {
                            from
                        } else {
                            i
                        }
                    };
                    self.active_layer = self.active_layer.map(remap);
                    self.base_layer = self.base_layer.map(remap);
                    self.analysis_settings.extent_layer =
                        self.analysis_settings.extent_layer.map(remap);
                    if let Some(Selection::Feature { layer, feature }) = self.selection {
                        self.selection = Some(Selection::Feature {
                            layer: remap(layer),
                            feature,
                        });
                    }
                    self.hover = None;
                    self.mark_changed();
                }
            }
            Action::RemoveLayer(i) => {
                if i < self.layers.len() {
                    self.layers.remove(i);
                    let shift = |x: usize| {
                        if x > i {
                            Some(x - 1)
                        } else if x == i {
                            None
                        } else {
                            Some(x)
                        }
                    };
                    self.active_layer =
                        self.active_layer
                            .and_then(shift)
                            .or(if self.layers.is_empty() {
                                None
                            } else {
                                Some(0)
                            });
                    self.base_layer = self.base_layer.and_then(shift);
                    self.analysis_settings.extent_layer =
                        self.analysis_settings.extent_layer.and_then(shift);
                    self.selection = None;
                    self.hover = None;
                    // Results about a layer that is gone would mislead.
                    self.analysis = None;
                    self.mark_changed();
                }
            }
            Action::SetActive(i) => {
                let active = Some(i).filter(|&i| i < self.layers.len());
                if active != self.active_layer {
                    self.active_layer = active;
                    self.mark_changed();
                }
            }
            Action::ZoomToLayer(i) => {
                if let Some(bbox) = self.layers.get(i).and_then(|l| l.shapes.bbox()) {
                    self.pending_fit = Some(bbox);
                }
            }
            Action::ZoomToAll => {
                if let Some(bbox) = self.layers_bbox() {
                    self.pending_fit = Some(bbox);
                }
            }
            Action::ZoomTo(rect) => {
                // Show a small problem with its surroundings.
                let pad = ((rect[2] - rect[0]).max(rect[3] - rect[1]) * 0.5).max(100.0);
                self.view
                    .fit([rect[0] - pad, rect[1] - pad, rect[2] + pad, rect[3] + pad]);
            }
            Action::Select(selection) => {
                self.selection = selection;
                if let Some(Selection::Problem(i)) = selection
                    && let Some(bbox) = self
                        .analysis
                        .as_ref()
                        .and_then(|a| a.shapes.features.get(i))
                        .map(|f| f.bbox)
                {
                    self.apply(Action::ZoomTo(bbox));
                }
            }
            Action::RunAnalysis => self.spawn_analysis(),
            Action::Version(action) => self.apply_version_action(action),
            Action::Publish(dir) => self.spawn_publish(dir),
            Action::SetLanguage(language) => {
                if language != self.language {
                    self.language = language;
                    self.mark_changed();
                }
            }
            Action::SetBaseLayer(base) => {
                if base != self.base_layer {
                    self.base_layer = base;
                    self.mark_changed();
                }
            }
            Action::DismissMessages => self.messages.clear(),
            Action::SaveCrosswalk(path) => {
                if let Some(view) = &self.analysis {
                    let result =
                        gebieden::ops::write_crosswalk_csv(&path, &view.analysis.crosswalk);
                    self.report_save(result, &path);
                }
            }
            Action::SaveAtlas(path) => {
                if let Some(atlas) = self
                    .analysis
                    .as_ref()
                    .and_then(|v| v.analysis.atlas.clone())
                {
                    let result = gebieden::ops::write_atlas_csv(&path, &atlas);
                    self.report_save(result, &path);
                }
            }
            Action::OpenMapExport => self.map_export.open = true,
            Action::CloseMapExport => self.map_export.open = false,
            Action::SetMapOptions(options) => {
                if options != self.map_export.options {
                    self.map_export.options = options;
                    self.mark_changed();
                }
            }
            Action::ExportMap(path) => self.export_map(path),
            other => self.apply_compose_action(other),
        }
    }

    fn report_save(
        &mut self,
        result: Result<(), gebieden::io::WriteError>,
        path: &std::path::Path,
    ) {
        self.messages.push(match result {
            Ok(()) => Message {
                text: format!("{}: {}", self.t().saved, path.display()),
                is_error: false,
            },
            Err(e) => Message {
                text: e.to_string(),
                is_error: true,
            },
        });
    }
}
