//! `gebieden --bench-frames N FILE...`: a headless frame benchmark. It opens the files as the
//! window would, then pans and zooms through N frames without a window, timing the app's own
//! CPU work per frame (building the frame and egui's tessellation of it), and prints the
//! percentiles.

use std::path::PathBuf;
use std::time::Instant;

use eframe::egui;

use super::app::GebiedenApp;

fn input(size: egui::Vec2, pointer: egui::Pos2, time: f64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
        time: Some(time),
        events: vec![egui::Event::PointerMoved(pointer)],
        ..Default::default()
    }
}

/// Runs the benchmark and returns the report.
pub fn run(files: Vec<PathBuf>, frames: usize) -> String {
    let size = egui::vec2(1280.0, 800.0);
    let ctx = egui::Context::default();
    let opened = Instant::now();
    let mut app = GebiedenApp::open(files);
    app.wait_for_jobs();
    // With the background map on, as users have it: tiles from a local server (no network
    // here), or from GEBIEDEN_BASEMAP_URL when set; never cached, so every tile is fetched,
    // decoded and uploaded during the run.
    let server = std::env::var(gebieden::services::BASEMAP_ENV)
        .is_err()
        .then(|| {
            let tile = gebieden::services::test_server::test_tile_png([210, 215, 205]);
            gebieden::services::test_server::TestServer::start(move |_| Some(("image/png", tile.clone())))
        });
    app.basemap = gebieden::model::BasemapSettings {
        style: Some(Default::default()),
        url_template: server.as_ref().map(|s| format!("{}/{{z}}/{{x}}/{{y}}.png", s.url())),
    };
    app.basemap_view = super::basemap::BasemapView::with_cache(None);
    let mut first = None;
    let mut times = Vec::with_capacity(frames);
    let centre = egui::pos2(640.0, 400.0);
    let mut start_view = None;
    for frame in 0..frames + 2 {
        // Every cycle starts from the first, fitted view, so the data stays in view.
        if frame % 160 == 2 {
            match start_view {
                None => start_view = Some(app.view),
                Some(view) => app.view = view,
            }
        }
        // Alternate: pan a stretch, zoom in a stretch (to a 15× closer view), pan back, zoom
        // out; zooming is about the middle of the map, so the data stays in view. The pointer
        // moves too, so hovering is measured.
        let phase = (frame / 40) % 4;
        let map_middle = [780.0, 400.0];
        match phase {
            0 => app.view.pan_by_screen([6.0, 3.0]),
            1 => app.view.zoom_around(1.07, map_middle),
            2 => app.view.pan_by_screen([-6.0, -3.0]),
            _ => app.view.zoom_around(1.0 / 1.07, map_middle),
        }
        let pointer = centre
            + egui::vec2(
                (frame % 50) as f32 * 4.0 - 100.0,
                (frame % 30) as f32 * 3.0 - 45.0,
            );
        let start = Instant::now();
        let output = ctx.run_ui(input(size, pointer, frame as f64 / 60.0), |ui| {
            app.frame(ui)
        });
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(primitives);
        let elapsed = start.elapsed().as_secs_f64() * 1000.0;
        if first.is_none() {
            first = Some(opened.elapsed().as_secs_f64());
        }
        // The first two frames lay out fonts and panels once; they are not panning frames.
        if frame >= 2 {
            times.push(elapsed);
        }
    }
    times.sort_by(f64::total_cmp);
    let percentile = |p: f64| {
        times
            .get(((times.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    let features: usize = app.layers.iter().map(|l| l.layer.features.len()).sum();
    format!(
        "{} layers, {} features, background map on ({} tiles drawn); open to first frame {:.2} s; {} frames: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        app.layers.len(),
        features,
        app.basemap_view.texture_count(),
        first.unwrap_or(0.0),
        times.len(),
        percentile(0.5),
        percentile(0.95),
        times.last().copied().unwrap_or(0.0)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strokes along needle-sharp corners (common in simplified national boundaries) must stay
    /// near their shape: no vertex of the tessellated map may lie far outside the view.
    #[test]
    fn no_spikes_across_the_national_map() {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/nl/pc4_2020.rd.geojson");
        let ctx = egui::Context::default();
        let mut app = GebiedenApp::open(vec![path]);
        app.wait_for_jobs();
        assert_eq!(app.layers.len(), 1);
        for frame in 0..3 {
            let output = ctx.run_ui(
                input(
                    egui::vec2(1280.0, 800.0),
                    egui::pos2(5.0, 5.0),
                    frame as f64,
                ),
                |ui| app.frame(ui),
            );
            let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
            let far: usize = primitives
                .iter()
                .map(|p| match &p.primitive {
                    egui::epaint::Primitive::Mesh(m) => m
                        .vertices
                        .iter()
                        .filter(|v| v.pos.x.abs() > 3000.0 || v.pos.y.abs() > 3000.0)
                        .count(),
                    _ => 0,
                })
                .sum();
            assert_eq!(far, 0, "frame {frame}");
        }
    }
}
