//! File → Export map…: the choices for a printed map beside a live preview of the page. The
//! preview and the export are drawn by the library's print renderer in the background, the
//! same one the command line's `map` uses; the choices are kept in the project.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui;

use gebieden::compose::ComposeResult;
use gebieden::model::{Layer, MapFormat, MapOptions, Paper, Project, ProjectLayer};
use gebieden::ops::{MapRequest, ProblemPieces, map_request, problem_pieces};
use gebieden::render::{MapWords, render_svg, svg_to_rgba};

use super::app::{Action, GebiedenApp};
use super::i18n::Language;
use super::jobs::{FailedJob, JobResult};

/// The longer side of the preview image in pixels.
const PREVIEW_PIXELS: f64 = 900.0;

/// The resolutions offered for PNG maps.
const DPI_CHOICES: [u32; 3] = [150, 300, 600];

/// The export dialog's state.
#[derive(Default)]
pub struct MapExportState {
    pub open: bool,
    /// The choices, saved with the project.
    pub options: MapOptions,
    pub preview: Option<egui::TextureHandle>,
    /// What the shown (or coming) preview was drawn from, see [`GebiedenApp::map_content_key`].
    pub preview_key: Option<u64>,
    pub rendering_preview: bool,
    pub exporting: bool,
    /// The partners' gaps and overlaps, found once per set of partners (an analysis each time
    /// the preview is redrawn would make every choice slow), with the key of that set.
    pub problems: Option<(u64, Arc<ProblemPieces>)>,
}

impl GebiedenApp {
    /// The composition's result, if there is one.
    fn composed(&self) -> Option<Arc<ComposeResult>> {
        self.composer.view.as_ref().map(|v| v.result.clone())
    }

    /// The composition's result when it has areas with ground, else `None`.
    fn composed_areas(&self) -> Option<Arc<ComposeResult>> {
        self.composed()
            .filter(|r| r.areas.iter().any(|a| !a.geometry.0.is_empty()))
    }

    /// The project as far as a map depends on it (no composition: its result is passed).
    fn map_project(&self) -> Project {
        Project {
            layers: self
                .layers
                .iter()
                .map(|l| ProjectLayer {
                    style: l.style.to_spec(),
                    ..ProjectLayer::default()
                })
                .collect(),
            base_layer: self.base_layer,
            active_layer: self.active_layer,
            analysis: self.analysis_settings.clone(),
            map: self.map_export.options.clone(),
            basemap: self.basemap.clone(),
            ..Project::default()
        }
    }

    /// What a map would show now (the library decides, as for the command line): the
    /// composition over the other visible divisions, or the active division over the others.
    fn map_request(&self) -> Option<MapRequest> {
        let layers: Vec<Arc<Layer>> = self.layers.iter().map(|l| l.layer.clone()).collect();
        let default_title = self
            .project_path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.t().map_default_title.to_string());
        let words = match self.language {
            Language::Nederlands => MapWords::dutch(),
            Language::English => MapWords::english(),
        };
        let mut request = map_request(
            &layers,
            &self.map_project(),
            self.composed(),
            default_title,
            words,
        )?;
        if let Some((key, pieces)) = &self.map_export.problems
            && *key == problems_key(&request)
        {
            request.problems = Some(pieces.clone());
        }
        request.tile_cache = self.basemap_view.cache_dir.clone().or_else(|| {
            // Tests name their own cache (or none); the window uses the local data folder.
            (!cfg!(test))
                .then(|| gebieden::services::tile_cache_dir(dirs::data_local_dir()))
                .flatten()
        });
        Some(request)
    }

    /// A fingerprint of everything the map depends on: when it changes, the preview is redrawn.
    pub fn map_content_key(&self) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.map_export.options.hash(&mut hasher);
        self.basemap.hash(&mut hasher);
        self.composer.view_generation.hash(&mut hasher);
        self.composed_areas().is_some().hash(&mut hasher);
        self.base_layer.hash(&mut hasher);
        self.active_layer.hash(&mut hasher);
        self.analysis_settings.extent_layer.hash(&mut hasher);
        self.analysis_settings
            .sliver_width_m
            .to_bits()
            .hash(&mut hasher);
        self.language.hash(&mut hasher);
        self.project_path.hash(&mut hasher);
        for l in &self.layers {
            Arc::as_ptr(&l.layer).hash(&mut hasher);
            l.style.visible.hash(&mut hasher);
            l.style.label_field.hash(&mut hasher);
            l.layer.name.hash(&mut hasher);
        }
        hasher.finish()
    }

    /// Starts drawing a new preview when the dialog is open and the map has changed.
    pub(super) fn refresh_map_preview(&mut self) {
        if !self.map_export.open || self.map_export.rendering_preview || self.is_loading() {
            return;
        }
        let key = self.map_content_key();
        if self.map_export.preview_key == Some(key) {
            return;
        }
        let Some(mut request) = self.map_request() else {
            return;
        };
        self.map_export.preview_key = Some(key);
        self.map_export.rendering_preview = true;
        let cache = self.analysis_cache.clone();
        let work = move || {
            // Gaps and overlaps not known yet for these partners: found once, then kept (and
            // partners the analysis already checked are taken from its cache).
            let problems = if request.options.problems && request.problems.is_none() {
                let pieces = Arc::new(problem_pieces(
                    &request.partners,
                    request.sliver_width_m,
                    Some(&cache),
                ));
                request.problems = Some(pieces.clone());
                Some((problems_key(&request), pieces))
            } else {
                None
            };
            let [w_mm, h_mm] = request.options.page_mm();
            let scale = PREVIEW_PIXELS / w_mm.max(h_mm);
            let size = [
                (w_mm * scale).round() as usize,
                (h_mm * scale).round() as usize,
            ];
            let mut spec = request.spec();
            // The preview's background at the preview's own resolution; when tiles cannot be
            // had, the preview goes without (exporting says why).
            if let Some(style) = request.options.basemap {
                let source = gebieden::services::TileSource::new(style, request.basemap_template.as_deref());
                let cache = request
                    .tile_cache
                    .as_ref()
                    .map(|d| gebieden::services::TileCache::new(d, gebieden::services::DEFAULT_CACHE_BYTES));
                let dpi = PREVIEW_PIXELS / (w_mm.max(h_mm) / 25.4);
                if let Ok(tiles) = gebieden::ops::background_tiles(&spec, request.working_crs, &source, cache.as_ref(), dpi) {
                    spec.background = tiles;
                }
            }
            let svg = render_svg(&spec);
            let pixels =
                svg_to_rgba(&svg, size[0] as u32, size[1] as u32).map_err(|e| e.to_string());
            JobResult::MapPreview {
                key,
                size,
                pixels,
                problems,
            }
        };
        let on_panic = |message| JobResult::Failed {
            job: FailedJob::MapPreview,
            message,
        };
        self.jobs.spawn(self.repaint.clone(), work, on_panic);
    }

    /// Draws the map to `path` in the background (the format follows the extension).
    pub(super) fn export_map(&mut self, path: PathBuf) {
        let Some(mut request) = self.map_request() else {
            let text = self.t().nothing_to_map.to_string();
            self.messages.push(super::app::Message {
                text,
                is_error: true,
            });
            return;
        };
        let format = MapFormat::from_path(&path).unwrap_or(request.options.format);
        let path = if MapFormat::from_path(&path).is_some() {
            path
        } else {
            path.with_extension(format.extension())
        };
        request.options.format = format;
        if self.map_export.options.format != format {
            self.map_export.options.format = format;
            self.mark_changed();
        }
        self.spawn_document(path, move || request.render(None).map_err(|e| e.to_string()));
    }

    /// The project as it stands in the window, with its layers as loaded: what the report and
    /// the web map are made from. `fallback` names it when the work has no project file yet.
    pub(super) fn workspace_now(&self, fallback: &std::path::Path) -> gebieden::ops::Workspace {
        let project_path = self.project_path.clone().unwrap_or_else(|| fallback.to_path_buf());
        let mut project = self.to_project(&project_path);
        project.versions = self.negotiation.versions.clone();
        project.current_version = self.negotiation.current_version.clone();
        project.partners = self.negotiation.partners.clone();
        gebieden::ops::Workspace {
            layers: self.layers.iter().map(|l| Arc::clone(&l.layer)).collect(),
            path: Some(project_path),
            project,
        }
    }

    /// Writes the residents' web map into `dir` in the background.
    pub(super) fn spawn_publish(&mut self, dir: PathBuf) {
        let workspace = self.workspace_now(&dir.join("gebieden.gebieden"));
        let settings = gebieden::ops::PublishSettings {
            // The search service the window uses, so a test or a municipality's own proxy
            // carries over to the page.
            locatieserver: std::env::var(gebieden::services::LOCATIESERVER_ENV).ok(),
            ..Default::default()
        };
        self.map_export.exporting = true;
        let work = move || {
            let result = gebieden::ops::publish_workspace(&workspace, &settings, &dir)
                .map(|_| dir.join("index.html"))
                .map_err(|e| format!("{}: {e}", dir.display()));
            JobResult::MapExported(result)
        };
        let on_panic = |message| JobResult::Failed {
            job: FailedJob::MapExport,
            message,
        };
        self.jobs.spawn(self.repaint.clone(), work, on_panic);
    }

    /// Makes a printed document (a map, the decision report) in the background and writes it
    /// atomically to `path`; the window says where it went, or why not.
    pub(super) fn spawn_document(
        &mut self,
        path: PathBuf,
        make: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
    ) {
        self.map_export.exporting = true;
        let work = move || {
            let result = make()
                .map_err(|e| format!("{}: {e}", path.display()))
                .and_then(|bytes| {
                    gebieden::io::write_atomic(&path, &bytes).map_err(|e| e.to_string())
                })
                .map(|()| path);
            JobResult::MapExported(result)
        };
        let on_panic = |message| JobResult::Failed {
            job: FailedJob::MapExport,
            message,
        };
        self.jobs.spawn(self.repaint.clone(), work, on_panic);
    }
}

/// Which partners (and sliver width) problem pieces were found for.
fn problems_key(request: &MapRequest) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for partner in &request.partners {
        Arc::as_ptr(partner).hash(&mut hasher);
    }
    request.sliver_width_m.to_bits().hash(&mut hasher);
    hasher.finish()
}

/// The dialog, when open.
pub fn window(app: &mut GebiedenApp, ctx: &egui::Context) {
    if !app.map_export.open {
        return;
    }
    let t = app.t();
    let mut open = true;
    let mut options = app.map_export.options.clone();
    egui::Window::new(t.map_export_title)
        .open(&mut open)
        .default_size([900.0, 620.0])
        .resizable(true)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(260.0);
                    choices(app, ui, &mut options);
                });
                ui.separator();
                preview(app, ui);
            });
        });
    if options != app.map_export.options {
        app.actions.push(Action::SetMapOptions(options));
    }
    if !open {
        app.actions.push(Action::CloseMapExport);
    }
}

fn choices(app: &mut GebiedenApp, ui: &mut egui::Ui, options: &mut MapOptions) {
    let t = app.t();
    egui::Grid::new("map-choices")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label(t.map_title);
            let mut title = options.title.clone().unwrap_or_default();
            if ui
                .add(egui::TextEdit::singleline(&mut title).hint_text(t.map_title_hint))
                .changed()
            {
                options.title = Some(title).filter(|s| !s.is_empty());
            }
            ui.end_row();
            ui.label(t.map_subtitle);
            let mut subtitle = options.subtitle.clone().unwrap_or_default();
            if ui.text_edit_singleline(&mut subtitle).changed() {
                options.subtitle = Some(subtitle).filter(|s| !s.is_empty());
            }
            ui.end_row();
            ui.label(t.paper);
            ui.horizontal(|ui| {
                for paper in Paper::ALL {
                    ui.radio_value(&mut options.paper, paper, paper.name());
                }
            });
            ui.end_row();
            ui.label("");
            ui.checkbox(&mut options.landscape, t.landscape);
            ui.end_row();
            ui.label(t.format);
            ui.horizontal(|ui| {
                for format in MapFormat::ALL {
                    ui.radio_value(
                        &mut options.format,
                        format,
                        format.extension().to_ascii_uppercase(),
                    );
                }
            });
            ui.end_row();
            if options.format == MapFormat::Png {
                ui.label(t.resolution);
                ui.horizontal(|ui| {
                    for dpi in DPI_CHOICES {
                        ui.radio_value(&mut options.dpi, dpi, format!("{dpi} dpi"));
                    }
                });
                ui.end_row();
                let (w, h) = options.pixels();
                ui.label("");
                ui.weak(format!("{w} × {h} px"));
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.checkbox(&mut options.partners, t.show_partners);
    ui.checkbox(&mut options.problems, t.show_problems);
    ui.horizontal(|ui| {
        ui.label(t.basemap);
        let name = options.basemap.map_or(t.basemap_off, |s| s.name());
        egui::ComboBox::new("map-basemap", "")
            .selected_text(name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut options.basemap, None, t.basemap_off);
                for style in gebieden::model::BasemapStyle::ALL {
                    ui.selectable_value(&mut options.basemap, Some(style), style.name());
                }
            });
    });
    ui.add_space(6.0);
    let source = if app.composed_areas().is_some() {
        t.map_composition.to_string()
    } else {
        app.active_layer
            .and_then(|i| app.layers.get(i))
            .map(|l| l.layer.name.clone())
            .unwrap_or_default()
    };
    ui.weak(format!("{}: {source}", t.map_areas_from));
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        let can_export = !app.layers.is_empty() && !app.map_export.exporting;
        if ui
            .add_enabled(can_export, egui::Button::new(t.export))
            .clicked()
            && let Some(path) = save_dialog(app, options.format)
        {
            app.actions.push(Action::ExportMap(path));
        }
        if app.map_export.exporting {
            ui.spinner();
        }
        if ui.button(t.close).clicked() {
            app.actions.push(Action::CloseMapExport);
        }
    });
}

fn save_dialog(app: &GebiedenApp, format: MapFormat) -> Option<PathBuf> {
    let stem = app
        .project_path
        .as_ref()
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kaart".into());
    rfd::FileDialog::new()
        .add_filter(
            format.extension().to_ascii_uppercase(),
            &[format.extension()],
        )
        .set_file_name(format!("{stem}.{}", format.extension()))
        .save_file()
}

fn preview(app: &GebiedenApp, ui: &mut egui::Ui) {
    let t = app.t();
    let available = ui.available_size().max(egui::vec2(200.0, 200.0));
    match &app.map_export.preview {
        Some(texture) => {
            let size = texture.size_vec2();
            let scale = (available.x / size.x).min(available.y / size.y).min(1.0);
            ui.add(
                egui::Image::new((texture.id(), size * scale))
                    .bg_fill(egui::Color32::WHITE)
                    .alt_text(t.map_export_title),
            );
        }
        None => {
            ui.allocate_ui(available, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.spinner();
                });
            });
        }
    }
    if app.map_export.rendering_preview {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.weak(t.preview_rendering);
        });
    }
}
