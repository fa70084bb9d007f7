//! The app's state, in one struct, and the actions panels ask for. Panels never change the
//! state directly: they push an [`Action`], applied once per frame (as egui's demo app does
//! with its commands), so every button can also be driven from tests.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use eframe::egui;

use gebieden::analysis::{Analysis, AnalysisOptions, analyse};
use gebieden::io::{LoadOptions, load};
use gebieden::model::Layer;
use gebieden::render::{LayerShapes, Projector};

use super::composer::{ComposedView, ComposerState};
use super::i18n::{Language, Texts, texts};
use super::style::LayerStyle;
use gebieden::compose::compose;
use gebieden::model::LayerStyleSpec;

/// A loaded division with its drawing cache and style.
pub struct MapLayer {
    pub layer: Arc<Layer>,
    pub shapes: Arc<LayerShapes>,
    pub style: LayerStyle,
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

/// Everything a panel can ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    OpenFiles(Vec<PathBuf>),
    OpenDemo,
    ToggleVisible(usize),
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
    SetLanguage(Language),
    SetBaseLayer(Option<usize>),
    DismissMessages,
    SaveCrosswalk(PathBuf),
    SaveAtlas(PathBuf),
    AddArea(String),
    RemoveArea(String),
    SetCurrentArea(Option<String>),
    /// Starts a paint stroke (one undo step), then paints these units.
    BeginStroke,
    Paint(Vec<String>),
    AssignRule {
        field: String,
        value: String,
    },
    ImportAssignment(PathBuf),
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
}

/// Which side panel page is shown on the right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RightTab {
    #[default]
    Differences,
    Compose,
}

type Loaded = Result<Vec<(Layer, LayerShapes)>, String>;

enum JobResult {
    Loaded {
        order: u64,
        path: PathBuf,
        result: Loaded,
    },
    Analysed(Box<AnalysisView>),
    Composed {
        generation: u64,
        view: Box<ComposedView>,
    },
}

/// Background work: loading files and running analyses off the UI thread.
struct Jobs {
    sender: Sender<JobResult>,
    receiver: Receiver<JobResult>,
    loading: usize,
    analysing: bool,
    /// Files are opened in the order asked for, whatever order their threads finish in, so
    /// results wait here until the whole batch is in.
    finished: Vec<(u64, PathBuf, Loaded)>,
    next_order: u64,
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
    pub analysis: Option<AnalysisView>,
    /// The base layer for the atlas, by index into `layers`.
    pub base_layer: Option<usize>,
    pub language: Language,
    pub messages: Vec<Message>,
    pub show_crosswalk: bool,
    pub show_atlas: bool,
    pub tables: super::tables_panel::TableState,
    pub actions: Vec<Action>,
    pub composer: ComposerState,
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
    /// Styles of layers being opened from a project, by load order.
    pub pending_styles: std::collections::HashMap<u64, LayerStyleSpec>,
    jobs: Jobs,
    /// A repaint request for background results (set once the window exists).
    repaint: Option<egui::Context>,
}

impl Default for GebiedenApp {
    fn default() -> Self {
        let (sender, receiver) = channel();
        GebiedenApp {
            layers: Vec::new(),
            active_layer: None,
            view: Projector::default(),
            view_fitted: false,
            pending_fit: None,
            selection: None,
            hover: None,
            cursor_in_map: None,
            analysis: None,
            base_layer: None,
            language: Language::default(),
            messages: Vec::new(),
            show_crosswalk: false,
            show_atlas: false,
            tables: Default::default(),
            actions: Vec::new(),
            composer: ComposerState::default(),
            right_tab: RightTab::default(),
            project_path: None,
            dirty: false,
            last_change: None,
            autosaved: true,
            restore_offer: None,
            autosave_fallback: None,
            pending_styles: Default::default(),
            missing_layers: Vec::new(),
            jobs: Jobs {
                sender,
                receiver,
                loading: 0,
                analysing: false,
                finished: Vec::new(),
                next_order: 0,
            },
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
        app.actions.push(Action::OpenFiles(files));
        app.apply_actions();
        app
    }

    /// What the window opens on: a project file, data files, or the demo.
    pub fn open_window(files: Vec<PathBuf>) -> GebiedenApp {
        if let [single] = files.as_slice()
            && single
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("gebieden"))
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
        self.jobs.loading > 0 || self.jobs.analysing || self.composer.computing
    }

    pub fn is_loading(&self) -> bool {
        self.jobs.loading > 0
    }

    pub fn is_analysing(&self) -> bool {
        self.jobs.analysing
    }

    /// Blocks until all background work is done and applied; for tests and benchmarks.
    pub fn wait_for_jobs(&mut self) {
        while self.busy() {
            match self.jobs.receiver.recv() {
                Ok(result) => self.apply_job(result),
                Err(_) => break,
            }
        }
        self.apply_actions();
    }

    fn spawn_load(&mut self, path: PathBuf) {
        self.spawn_load_with(path, LoadOptions::default(), None);
    }

    /// Loads a file in the background; a project's layer brings its options and style.
    pub fn spawn_load_with(
        &mut self,
        path: PathBuf,
        options: LoadOptions,
        style: Option<LayerStyleSpec>,
    ) {
        let sender = self.jobs.sender.clone();
        let repaint = self.repaint.clone();
        self.jobs.loading += 1;
        let order = self.jobs.next_order;
        self.jobs.next_order += 1;
        if let Some(style) = style {
            self.pending_styles.insert(order, style);
        }
        std::thread::spawn(move || {
            let result = load(&path, &options)
                .map(|layers| {
                    layers
                        .into_iter()
                        .map(|layer| {
                            let shapes = LayerShapes::build(&layer);
                            (layer, shapes)
                        })
                        .collect()
                })
                .map_err(|e| e.to_string());
            let _ = sender.send(JobResult::Loaded {
                order,
                path,
                result,
            });
            if let Some(ctx) = repaint {
                ctx.request_repaint();
            }
        });
    }

    fn spawn_analysis(&mut self) {
        if self.jobs.analysing || self.layers.is_empty() {
            return;
        }
        let layers: Vec<Arc<Layer>> = self.layers.iter().map(|l| l.layer.clone()).collect();
        let base = self.base_layer;
        let sender = self.jobs.sender.clone();
        let repaint = self.repaint.clone();
        self.jobs.analysing = true;
        std::thread::spawn(move || {
            let owned: Vec<Layer> = layers.iter().map(|l| (**l).clone()).collect();
            let options = AnalysisOptions {
                base_layer: base,
                ..AnalysisOptions::default()
            };
            let analysis = analyse(&owned, None, &options);
            let geometries: Vec<geo::MultiPolygon<f64>> = analysis
                .problems
                .iter()
                .map(|p| geo::MultiPolygon::new(vec![p.geometry.clone()]))
                .collect();
            let references: Vec<&geo::MultiPolygon<f64>> = geometries.iter().collect();
            let shapes = LayerShapes::from_geometries(&references);
            let _ = sender.send(JobResult::Analysed(Box::new(AnalysisView {
                analysis: Arc::new(analysis),
                shapes,
            })));
            if let Some(ctx) = repaint {
                ctx.request_repaint();
            }
        });
    }

    fn apply_job(&mut self, result: JobResult) {
        match result {
            JobResult::Loaded {
                order,
                path,
                result,
            } => {
                self.jobs.loading = self.jobs.loading.saturating_sub(1);
                self.jobs.finished.push((order, path, result));
                if self.jobs.loading > 0 {
                    return;
                }
                let mut finished = std::mem::take(&mut self.jobs.finished);
                finished.sort_by_key(|(order, _, _)| *order);
                for (order, path, result) in finished {
                    let style = self.pending_styles.remove(&order);
                    self.add_loaded(path, result, style);
                }
                if !self.view_fitted && !self.layers.is_empty() {
                    self.actions.push(Action::ZoomToAll);
                    self.view_fitted = true;
                }
            }
            JobResult::Analysed(view) => {
                self.jobs.analysing = false;
                if matches!(self.selection, Some(Selection::Problem(_))) {
                    self.selection = None;
                }
                self.analysis = Some(*view);
            }
            JobResult::Composed { generation, view } => {
                self.composer.computing = false;
                self.composer.view = Some(*view);
                self.composer.view_generation = generation;
            }
        }
    }

    /// Recomputes the composition's result in the background when it changed; a result for an
    /// older composition is replaced as soon as the newer one is in.
    fn spawn_compose(&mut self) {
        if self.composer.computing || !self.composer.stale() {
            return;
        }
        let Some(units) = self.base().map(|l| l.layer.clone()) else {
            return;
        };
        let partners: Vec<Arc<Layer>> = self
            .layers
            .iter()
            .enumerate()
            .filter(|(i, l)| Some(*i) != self.base_layer && l.style.visible)
            .map(|(_, l)| l.layer.clone())
            .collect();
        let composition = self.composer.composition.clone();
        let generation = self.composer.generation;
        let sender = self.jobs.sender.clone();
        let repaint = self.repaint.clone();
        self.composer.computing = true;
        std::thread::spawn(move || {
            let partners: Vec<Layer> = partners.iter().map(|l| (**l).clone()).collect();
            let result = compose(&units, &composition, &partners, 5.0);
            let geometries: Vec<&geo::MultiPolygon<f64>> =
                result.areas.iter().map(|a| &a.geometry).collect();
            let shapes = LayerShapes::from_geometries(&geometries);
            let _ = sender.send(JobResult::Composed {
                generation,
                view: Box::new(ComposedView {
                    result: Arc::new(result),
                    shapes,
                }),
            });
            if let Some(ctx) = repaint {
                ctx.request_repaint();
            }
        });
    }

    /// Marks the project changed, for saving and autosaving.
    pub fn mark_changed(&mut self) {
        self.dirty = true;
        self.autosaved = false;
        self.last_change = Some(std::time::Instant::now());
    }

    fn add_loaded(&mut self, path: PathBuf, result: Loaded, style: Option<LayerStyleSpec>) {
        {
            {
                match result {
                    Ok(loaded) => {
                        for (layer, shapes) in loaded {
                            let n = self.layers.len();
                            for invalid in layer.invalid_features() {
                                self.messages.push(Message {
                                    text: format!(
                                        "{}: {} {}: {} ({})",
                                        path.display(),
                                        self.t().feature,
                                        invalid.id,
                                        invalid.problem_summary(),
                                        self.t().invalid_geometry
                                    ),
                                    is_error: true,
                                });
                            }
                            let style = match &style {
                                Some(spec) => LayerStyle::from_spec(spec),
                                None => LayerStyle::default_for(&layer, n),
                            };
                            if self.base_layer.is_none()
                                && layer.name.to_ascii_lowercase().contains("buurt")
                            {
                                self.base_layer = Some(n);
                            }
                            self.layers.push(MapLayer {
                                layer: Arc::new(layer),
                                shapes: Arc::new(shapes),
                                style,
                            });
                            if self.active_layer.is_none() {
                                self.active_layer = Some(n);
                            }
                        }
                    }
                    Err(error) => self.messages.push(Message {
                        text: error,
                        is_error: true,
                    }),
                }
            }
        }
    }

    /// Takes finished background work.
    pub fn poll_jobs(&mut self) {
        while let Ok(result) = self.jobs.receiver.try_recv() {
            self.apply_job(result);
        }
    }

    fn layers_bbox(&self) -> Option<[f64; 4]> {
        self.layers
            .iter()
            .filter(|l| l.style.visible)
            .filter_map(|l| l.shapes.bbox())
            .reduce(|a, b| {
                [
                    a[0].min(b[0]),
                    a[1].min(b[1]),
                    a[2].max(b[2]),
                    a[3].max(b[3]),
                ]
            })
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
                    self.spawn_load(path);
                }
            }
            Action::OpenDemo => {
                for path in demo_files() {
                    self.spawn_load(path);
                }
            }
            Action::ToggleVisible(i) => {
                if let Some(l) = self.layers.get_mut(i) {
                    l.style.visible = !l.style.visible;
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
                    if let Some(Selection::Feature { layer, feature }) = self.selection {
                        self.selection = Some(Selection::Feature {
                            layer: remap(layer),
                            feature,
                        });
                    }
                    self.hover = None;
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
                    self.selection = None;
                    self.hover = None;
                    // Results about a layer that is gone would mislead.
                    self.analysis = None;
                }
            }
            Action::SetActive(i) => self.active_layer = Some(i).filter(|&i| i < self.layers.len()),
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
            Action::SetLanguage(language) => self.language = language,
            Action::SetBaseLayer(base) => self.base_layer = base,
            Action::DismissMessages => self.messages.clear(),
            Action::SaveCrosswalk(path) => {
                if let Some(view) = &self.analysis {
                    let result = gebieden::io::write_crosswalk_csv(&path, &view.analysis.crosswalk);
                    self.report_save(result, &path);
                }
            }
            Action::SaveAtlas(path) => {
                if let Some(atlas) = self
                    .analysis
                    .as_ref()
                    .and_then(|v| v.analysis.atlas.clone())
                {
                    let result = gebieden::io::write_atlas_csv(&path, &atlas);
                    self.report_save(result, &path);
                }
            }
            other => self.apply_compose_action(other),
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let (undo, redo, save) = ctx.input_mut(|i| {
            let redo = i.consume_key(
                egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
                egui::Key::Z,
            ) || i.consume_key(egui::Modifiers::COMMAND, egui::Key::Y);
            let undo = i.consume_key(egui::Modifiers::COMMAND, egui::Key::Z);
            let save = i.consume_key(egui::Modifiers::COMMAND, egui::Key::S);
            (undo, redo, save)
        });
        if undo {
            self.actions.push(Action::Undo);
        }
        if redo {
            self.actions.push(Action::Redo);
        }
        if save {
            match &self.project_path {
                Some(_) => self.actions.push(Action::SaveProject(None)),
                None => {
                    if let Some(path) = super::menu::save_dialog() {
                        self.actions.push(Action::SaveProject(Some(path)));
                    }
                }
            }
        }
    }

    fn missing_layers_dialog(&mut self, ctx: &egui::Context) {
        if self.missing_layers.is_empty() {
            return;
        }
        let t = self.t();
        let mut located: Option<(usize, PathBuf)> = None;
        let mut skipped: Option<usize> = None;
        egui::Window::new(t.missing_title)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(t.missing_layer);
                for (i, (path, _)) in self.missing_layers.iter().enumerate() {
                    ui.horizontal(|ui| {
                        ui.label(path.display().to_string());
                        if ui.button(t.locate).clicked()
                            && let Some(found) = rfd::FileDialog::new()
                                .add_filter(
                                    "GeoJSON, Shapefile, GeoPackage",
                                    gebieden::io::SUPPORTED_EXTENSIONS,
                                )
                                .pick_file()
                        {
                            located = Some((i, found));
                        }
                        if ui.button(t.skip).clicked() {
                            skipped = Some(i);
                        }
                    });
                }
            });
        if let Some((i, found)) = located {
            let (_, layer) = self.missing_layers.remove(i);
            self.load_located(found, &layer);
        } else if let Some(i) = skipped {
            self.missing_layers.remove(i);
        }
    }

    fn restore_dialog(&mut self, ctx: &egui::Context) {
        let Some(path) = self.restore_offer.clone() else {
            return;
        };
        let t = self.t();
        egui::Window::new(t.restore_title)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label(t.restore_text);
                ui.small(path.display().to_string());
                ui.horizontal(|ui| {
                    if ui.button(t.restore).clicked() {
                        self.actions.push(Action::RestoreAutosave);
                    }
                    if ui.button(t.discard).clicked() {
                        self.actions.push(Action::DiscardAutosave);
                    }
                });
            });
    }

    fn messages_ui(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        ui.horizontal(|ui| {
            ui.strong(t.messages);
            if ui.button(t.dismiss).clicked() {
                self.actions.push(Action::DismissMessages);
            }
        });
        egui::ScrollArea::vertical()
            .max_height(90.0)
            .show(ui, |ui| {
                for message in &self.messages {
                    let colour = if message.is_error {
                        egui::Color32::from_rgb(170, 0, 0)
                    } else {
                        ui.visuals().text_color()
                    };
                    ui.colored_label(colour, &message.text);
                }
            });
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

impl eframe::App for GebiedenApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }
}

impl GebiedenApp {
    /// One frame: take background results, draw every panel, apply what they asked for.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        if self.repaint.is_none() {
            self.repaint = Some(ui.ctx().clone());
        }
        self.poll_jobs();
        let dropped: Vec<PathBuf> = ui.ctx().input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.actions.push(Action::OpenFiles(dropped));
        }
        egui::Panel::top("menu").show(ui, |ui| super::menu::ui(self, ui));
        egui::Panel::bottom("status").show(ui, |ui| super::status_bar::ui(self, ui));
        egui::Panel::left("layers")
            .resizable(true)
            .default_size(260.0)
            .show(ui, |ui| {
                super::layers_panel::ui(self, ui);
            });
        egui::Panel::right("details")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                let t = self.t();
                ui.horizontal(|ui| {
                    ui.selectable_value(
                        &mut self.right_tab,
                        RightTab::Differences,
                        t.differences_tab,
                    );
                    ui.selectable_value(&mut self.right_tab, RightTab::Compose, t.compose);
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .id_salt("right")
                    .show(ui, |ui| match self.right_tab {
                        RightTab::Differences => {
                            super::details_panel::ui(self, ui);
                            ui.separator();
                            super::problems_panel::ui(self, ui);
                        }
                        RightTab::Compose => {
                            super::compose_panel::ui(self, ui);
                            ui.separator();
                            super::details_panel::ui(self, ui);
                        }
                    });
            });
        if !self.messages.is_empty() {
            egui::Panel::top("messages").show(ui, |ui| self.messages_ui(ui));
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| super::map_panel::ui(self, ui));
        super::tables_panel::windows(self, ui.ctx());
        self.restore_dialog(ui.ctx());
        self.missing_layers_dialog(ui.ctx());
        self.shortcuts(ui.ctx());
        self.apply_actions();
        self.spawn_compose();
        self.autosave_tick();
        if self.last_change.is_some() && !self.autosaved {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(500));
        }
        if self.busy() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
    }
}
