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

use super::i18n::{Language, Texts, texts};
use super::style::LayerStyle;

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
    MoveLayer { from: usize, up: bool },
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
}

type Loaded = Result<Vec<(Layer, LayerShapes)>, String>;

enum JobResult {
    Loaded {
        order: u64,
        path: PathBuf,
        result: Loaded,
    },
    Analysed(Box<AnalysisView>),
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

    /// The strings in the current language.
    pub fn t(&self) -> &'static Texts {
        texts(self.language)
    }

    /// True while files load or an analysis runs.
    pub fn busy(&self) -> bool {
        self.jobs.loading > 0 || self.jobs.analysing
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
        let sender = self.jobs.sender.clone();
        let repaint = self.repaint.clone();
        self.jobs.loading += 1;
        let order = self.jobs.next_order;
        self.jobs.next_order += 1;
        std::thread::spawn(move || {
            let result = load(&path, &LoadOptions::default())
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
                for (_, path, result) in finished {
                    self.add_loaded(path, result);
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
        }
    }

    fn add_loaded(&mut self, path: PathBuf, result: Loaded) {
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
                            let style = LayerStyle::default_for(&layer, n);
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

    fn apply(&mut self, action: Action) {
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
        }
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
            .default_size(300.0)
            .show(ui, |ui| {
                super::details_panel::ui(self, ui);
                ui.separator();
                super::problems_panel::ui(self, ui);
            });
        if !self.messages.is_empty() {
            egui::Panel::top("messages").show(ui, |ui| self.messages_ui(ui));
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| super::map_panel::ui(self, ui));
        super::tables_panel::windows(self, ui.ctx());
        self.apply_actions();
        if self.busy() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
    }
}
