//! Background work: loading files, analysing and composing off the UI thread. Results come
//! back over a channel and are applied at the start of the next frame, so the window never
//! waits.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use gebieden::io::{LoadOptions, load};
use gebieden::model::{Crs, Layer, LayerStyleSpec, ProjectLayer};
use gebieden::ops::{analyse_layers_with_cache, compose_layers, load_project_layer, partner_indices};
use gebieden::render::LayerShapes;

use super::app::{Action, AnalysisView, GebiedenApp, MapLayer, Message, Selection};
use super::composer::ComposedView;
use super::style::LayerStyle;

type Loaded = Result<Vec<(Layer, LayerShapes)>, LoadFailure>;

/// Why a file did not load: the message, and whether naming its CRS would help (with the CRS
/// its coordinates look like), so the window can ask for it.
pub struct LoadFailure {
    pub message: String,
    pub crs_unknown: Option<Option<Crs>>,
}

impl LoadFailure {
    fn plain(message: String) -> LoadFailure {
        LoadFailure {
            message,
            crs_unknown: None,
        }
    }
}

/// What is loaded: a file as it is (every polygon layer in it), or one layer of a project
/// (its table, its name, its CRS override).
pub enum LoadRequest {
    /// Every polygon layer of a file, read as the CRS given if one is.
    File { path: PathBuf, crs: Option<Crs> },
    ProjectLayer {
        spec: ProjectLayer,
        project_dir: PathBuf,
    },
    /// A table of units per area, made a division over `units` (written beside the table,
    /// then read like any file).
    TableDivision {
        table: PathBuf,
        /// The workbook's sheet the user chose; else its first sheet that holds a table.
        sheet: Option<String>,
        units: Arc<Layer>,
        settings: gebieden::model::AnalysisSettings,
    },
    /// A partner division nested in the base units, written to `dir` (nest.csv and
    /// nested.geojson), then the rebuilt division read like any file.
    Nest {
        partner: Arc<Layer>,
        base: Arc<Layer>,
        weight: Option<String>,
        dir: PathBuf,
    },
}

/// What to do with a layer once it has loaded.
#[derive(Clone, Debug, Default)]
pub struct PendingLoad {
    /// A project's style for it.
    pub style: Option<LayerStyleSpec>,
    /// The CRS it is read as, whatever the file declares.
    pub crs_override: Option<Crs>,
    /// Whether the project calls it by a name of the user's.
    pub renamed: bool,
    /// Whether adding it is a change to the user's project (a file they opened), rather than
    /// part of opening a project or the start-up demo.
    pub user_change: bool,
}

impl PendingLoad {
    pub fn user_change() -> PendingLoad {
        PendingLoad {
            user_change: true,
            ..PendingLoad::default()
        }
    }
}

pub(super) enum JobResult {
    Loaded {
        order: u64,
        path: PathBuf,
        result: Loaded,
    },
    Analysed(Box<AnalysisView>),
    /// The settings do not allow an analysis (e.g. no layer has the weight field).
    AnalysisRefused(String),
    Composed {
        generation: u64,
        view: Box<ComposedView>,
    },
    /// A preview of the printed map: premultiplied RGBA pixels of `size`.
    MapPreview {
        key: u64,
        size: [usize; 2],
        pixels: Result<Vec<u8>, String>,
        /// Problem pieces found for this preview, to keep for the next one.
        problems: Option<(u64, Arc<gebieden::ops::ProblemPieces>)>,
    },
    /// A printed map written to this file, or why not.
    MapExported(Result<PathBuf, String>),
    /// A job that panicked (a bug, or input no check foresaw): the window carries on.
    Failed {
        job: FailedJob,
        message: String,
    },
}

/// Which job failed, so its "busy" state can be cleared.
pub(super) enum FailedJob {
    Analysis,
    /// The composition of this generation: not tried again until it changes.
    Compose(u64),
    MapPreview,
    MapExport,
}

/// Background work: loading files and running analyses off the UI thread.
pub(super) struct Jobs {
    sender: Sender<JobResult>,
    receiver: Receiver<JobResult>,
    loading: usize,
    analysing: bool,
    /// Files are opened in the order asked for, whatever order their threads finish in, so
    /// results wait here until the whole batch is in.
    finished: Vec<(u64, PathBuf, Loaded)>,
    next_order: u64,
}

impl Jobs {
    pub(super) fn new() -> Jobs {
        let (sender, receiver) = channel();
        Jobs {
            sender,
            receiver,
            loading: 0,
            analysing: false,
            finished: Vec::new(),
            next_order: 0,
        }
    }

    pub(super) fn loading(&self) -> bool {
        self.loading > 0
    }

    pub(super) fn analysing(&self) -> bool {
        self.analysing
    }

    #[cfg(test)]
    pub(super) fn set_analysing(&mut self, analysing: bool) {
        self.analysing = analysing;
    }

    /// Runs `work` on its own thread; its result is applied at the start of a frame. Should
    /// it panic, `on_panic` turns the panic's message into the result instead: a job that
    /// never reports back would leave the window busy for ever.
    pub(super) fn spawn(
        &self,
        repaint: Option<eframe::egui::Context>,
        work: impl FnOnce() -> JobResult + Send + 'static,
        on_panic: impl FnOnce(String) -> JobResult + Send + 'static,
    ) {
        let sender = self.sender.clone();
        std::thread::spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
                .unwrap_or_else(|payload| on_panic(panic_message(payload.as_ref())));
            let _ = sender.send(result);
            if let Some(ctx) = repaint {
                ctx.request_repaint();
            }
        });
    }
}

/// The text of a panic.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown error".into())
}

impl GebiedenApp {
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

    /// Loads a file in the background.
    pub(super) fn spawn_load(&mut self, path: PathBuf, pending: PendingLoad) {
        let crs = pending.crs_override;
        self.spawn_load_request(LoadRequest::File { path, crs }, pending);
    }

    /// Loads a file or a project's layer in the background; `pending` says what to do with
    /// it when it arrives.
    pub(super) fn spawn_load_request(&mut self, request: LoadRequest, pending: PendingLoad) {
        self.jobs.loading += 1;
        let order = self.jobs.next_order;
        self.jobs.next_order += 1;
        self.pending_loads.insert(order, pending);
        let path = match &request {
            LoadRequest::File { path, .. } => path.clone(),
            LoadRequest::ProjectLayer { spec, project_dir } => {
                gebieden::io::resolve_path(&spec.path, project_dir)
            }
            LoadRequest::TableDivision { table, .. } => table.clone(),
            LoadRequest::Nest { dir, .. } => dir.join("nested.geojson"),
        };
        let failed_path = path.clone();
        let work = move || {
            let layers = match request {
                LoadRequest::File { path, crs } => load(
                    &path,
                    &LoadOptions {
                        crs_override: crs,
                        ..LoadOptions::default()
                    },
                ),
                LoadRequest::ProjectLayer { spec, project_dir } => {
                    load_project_layer(&spec, &project_dir, Crs::RD_NEW).map(|l| vec![l])
                }
                LoadRequest::TableDivision {
                    table,
                    sheet,
                    units,
                    settings,
                } => {
                    let options = gebieden::io::TableOptions {
                        sheet,
                        ..Default::default()
                    };
                    match gebieden::ops::division_from_table(&units, &table, &options, &settings) {
                        Ok(division) => load(&division, &LoadOptions::default()),
                        Err(error) => {
                            return JobResult::Loaded {
                                order,
                                path,
                                result: Err(LoadFailure::plain(error.to_string())),
                            };
                        }
                    }
                }
                LoadRequest::Nest {
                    partner,
                    base,
                    weight,
                    dir,
                } => {
                    let written = gebieden::ops::nest_layers(&partner, &base, weight.as_deref())
                        .map_err(|e| e.to_string())
                        .and_then(|nest| {
                            gebieden::ops::write_nest(&dir, &nest, &base).map_err(|e| e.to_string())
                        });
                    match written {
                        Ok(files) => match files.last() {
                            Some(nested) => load(nested, &LoadOptions::default()),
                            None => load(&dir.join("nested.geojson"), &LoadOptions::default()),
                        },
                        Err(message) => {
                            return JobResult::Loaded {
                                order,
                                path,
                                result: Err(LoadFailure::plain(message)),
                            };
                        }
                    }
                }
            };
            let result = layers
                .map(|layers| {
                    layers
                        .into_iter()
                        .map(|layer| {
                            let shapes = LayerShapes::build(&layer);
                            (layer, shapes)
                        })
                        .collect()
                })
                .map_err(|e| LoadFailure {
                    message: e.to_string(),
                    crs_unknown: e.crs_problem().map(|p| p.looks_like()),
                });
            JobResult::Loaded {
                order,
                path,
                result,
            }
        };
        let on_panic = move |message: String| JobResult::Loaded {
            order,
            result: Err(LoadFailure::plain(format!(
                "{}: {message}",
                failed_path.display()
            ))),
            path: failed_path,
        };
        self.jobs.spawn(self.repaint.clone(), work, on_panic);
    }

    pub(super) fn spawn_analysis(&mut self) {
        if self.jobs.analysing || self.layers.is_empty() {
            return;
        }
        let layers: Vec<Arc<Layer>> = self.layers.iter().map(|l| l.layer.clone()).collect();
        let base = self.base_layer;
        let settings = self.analysis_settings.clone();
        let cache = self.analysis_cache.clone();
        self.jobs.analysing = true;
        let work = move || {
            let analysis = match analyse_layers_with_cache(&layers, base, &settings, Some(&cache)) {
                Ok(analysis) => analysis,
                Err(error) => return JobResult::AnalysisRefused(error.to_string()),
            };
            let geometries: Vec<geo::MultiPolygon<f64>> = analysis
                .problems
                .iter()
                .map(|p| geo::MultiPolygon::new(vec![(*p.geometry).clone()]))
                .collect();
            let references: Vec<&geo::MultiPolygon<f64>> = geometries.iter().collect();
            let shapes = LayerShapes::from_geometries(&references);
            JobResult::Analysed(Box::new(AnalysisView {
                analysis: Arc::new(analysis),
                shapes,
            }))
        };
        let on_panic = |message| JobResult::Failed {
            job: FailedJob::Analysis,
            message,
        };
        self.jobs.spawn(self.repaint.clone(), work, on_panic);
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
                    let pending = self.pending_loads.remove(&order).unwrap_or_default();
                    self.add_loaded(path, result, pending);
                }
                if !self.view_fitted && !self.layers.is_empty() {
                    self.actions.push(Action::ZoomToAll);
                    self.view_fitted = true;
                }
                self.check_base_vintage();
            }
            JobResult::AnalysisRefused(text) => {
                self.jobs.analysing = false;
                self.messages.push(Message {
                    text,
                    is_error: true,
                });
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
            JobResult::MapPreview {
                key,
                size,
                pixels,
                problems,
            } => {
                self.map_export.rendering_preview = false;
                if problems.is_some() {
                    self.map_export.problems = problems;
                }
                match pixels {
                    Ok(pixels) => {
                        let image =
                            eframe::egui::ColorImage::from_rgba_premultiplied(size, &pixels);
                        match (&mut self.map_export.preview, &self.repaint) {
                            (Some(texture), _) => texture.set(image, Default::default()),
                            (None, Some(ctx)) => {
                                self.map_export.preview = Some(ctx.load_texture(
                                    "map-preview",
                                    image,
                                    Default::default(),
                                ));
                            }
                            (None, None) => {}
                        }
                    }
                    Err(error) => {
                        self.messages.push(Message {
                            text: error,
                            is_error: true,
                        });
                    }
                }
                // Changed while drawing: draw again.
                if self.map_content_key() != key {
                    self.map_export.preview_key = None;
                }
            }
            JobResult::Failed { job, message } => {
                let t = self.t();
                let what = match job {
                    FailedJob::Analysis => {
                        self.jobs.analysing = false;
                        t.job_analysis
                    }
                    FailedJob::Compose(generation) => {
                        self.composer.computing = false;
                        self.composer.view_generation = generation;
                        t.job_compose
                    }
                    FailedJob::MapPreview => {
                        self.map_export.rendering_preview = false;
                        t.job_map
                    }
                    FailedJob::MapExport => {
                        self.map_export.exporting = false;
                        t.job_map
                    }
                };
                self.messages.push(Message {
                    text: format!("{} {what}: {message}. {}", t.internal_error, t.work_kept),
                    is_error: true,
                });
            }
            JobResult::MapExported(result) => {
                self.map_export.exporting = false;
                self.messages.push(match result {
                    Ok(path) => Message {
                        text: format!("{}: {}", self.t().saved, path.display()),
                        is_error: false,
                    },
                    Err(text) => Message {
                        text,
                        is_error: true,
                    },
                });
            }
        }
    }

    /// Recomputes the composition's result in the background when it changed; a result for an
    /// older composition is replaced as soon as the newer one is in.
    pub(super) fn spawn_compose(&mut self) {
        if self.composer.computing || !self.composer.stale() {
            return;
        }
        // Nothing to compose yet: no work in the background either.
        if self.composer.composition.areas.is_empty() && self.composer.composition.splits.is_empty()
        {
            self.composer.view = None;
            self.composer.view_generation = self.composer.generation;
            return;
        }
        let Some(units) = self.base().map(|l| l.layer.clone()) else {
            return;
        };
        let visible: Vec<bool> = self.layers.iter().map(|l| l.style.visible).collect();
        let partners: Vec<Arc<Layer>> = partner_indices(
            &visible,
            self.base_layer,
            self.analysis_settings.extent_layer,
        )
        .into_iter()
        .map(|i| self.layers[i].layer.clone())
        .collect();
        let composition = self.composer.composition.clone();
        let generation = self.composer.generation;
        let settings = self.analysis_settings.clone();
        self.composer.computing = true;
        let work = move || {
            let result = compose_layers(&units, &composition, &partners, &settings);
            let geometries: Vec<&geo::MultiPolygon<f64>> =
                result.areas.iter().map(|a| &a.geometry).collect();
            let shapes = LayerShapes::from_geometries(&geometries);
            JobResult::Composed {
                generation,
                view: Box::new(ComposedView {
                    result: Arc::new(result),
                    shapes,
                }),
            }
        };
        let on_panic = move |message| JobResult::Failed {
            job: FailedJob::Compose(generation),
            message,
        };
        self.jobs.spawn(self.repaint.clone(), work, on_panic);
    }

    pub(super) fn add_loaded(&mut self, path: PathBuf, result: Loaded, pending: PendingLoad) {
        let loaded = match result {
            Ok(loaded) => loaded,
            // The reason comes from the library (in English); the headline is the user's.
            Err(failure) => {
                self.messages.push(Message {
                    text: format!("{} {}", self.t().cannot_open, failure.message),
                    is_error: true,
                });
                // A file whose CRS is unknown (or wrong) opens once the user names it.
                if let Some(looks_like) = failure.crs_unknown
                    && pending.style.is_none()
                {
                    self.crs_requests.retain(|r| r.path != path);
                    self.crs_requests.push(super::crs_dialog::CrsRequest {
                        typed: looks_like.map(|c| c.to_string()).unwrap_or_default(),
                        path,
                        error: None,
                    });
                }
                return;
            }
        };
        for (layer, shapes) in loaded {
            let n = self.layers.len();
            for invalid in layer.invalid_features() {
                self.messages.push(Message {
                    text: format!(
                        "{}: {} {}: {} ({})",
                        path.display(),
                        self.t().feature,
                        invalid.id,
                        super::i18n::problem_summary(self.language, invalid),
                        self.t().invalid_geometry
                    ),
                    is_error: true,
                });
            }
            for note in &layer.notes {
                self.messages.push(Message {
                    text: format!("{}: {note}", path.display()),
                    is_error: false,
                });
            }
            let style = match &pending.style {
                Some(spec) => LayerStyle::from_spec(spec),
                None => LayerStyle::default_for(&layer, n),
            };
            if self.base_layer.is_none() && layer.name.to_ascii_lowercase().contains("buurt") {
                self.base_layer = Some(n);
            }
            self.layers.push(MapLayer {
                layer: Arc::new(layer),
                shapes: Arc::new(shapes),
                style,
                renamed: pending.renamed,
                crs_override: pending.crs_override,
            });
            if self.active_layer.is_none() {
                self.active_layer = Some(n);
            }
            if pending.user_change {
                self.mark_changed();
            }
        }
    }

    /// Takes finished background work.
    pub fn poll_jobs(&mut self) {
        while let Ok(result) = self.jobs.receiver.try_recv() {
            self.apply_job(result);
        }
    }
}
