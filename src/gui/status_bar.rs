//! The status bar: cursor position in RD and WGS 84, scale, and what is loading.

use eframe::egui;

use gebieden::io::Reprojector;
use gebieden::model::Crs;

use super::app::GebiedenApp;

pub fn ui(app: &mut GebiedenApp, ui: &mut egui::Ui) {
    let t = app.t();
    ui.horizontal(|ui| {
        if let Some([x, y]) = app.cursor_in_map {
            let working = app
                .layers
                .first()
                .map(|l| l.layer.working_crs)
                .unwrap_or_default();
            ui.monospace(format!("{working} {x:.0}, {y:.0}"));
            // The reprojector is built once per working CRS, not every frame.
            if app
                .cursor_reprojector
                .as_ref()
                .is_none_or(|(crs, _)| *crs != working)
            {
                app.cursor_reprojector = Some((
                    working,
                    Reprojector::new(working, Crs::WGS84).ok().flatten(),
                ));
            }
            let lonlat = app
                .cursor_reprojector
                .as_ref()
                .and_then(|(_, r)| r.as_ref())
                .and_then(|r| r.project(geo::coord! { x: x, y: y }).ok());
            if let Some(c) = lonlat {
                ui.monospace(format!(
                    "WGS 84 {:.5}° {}, {:.5}° {}",
                    c.y, t.north, c.x, t.east
                ));
            }
        }
        ui.separator();
        ui.label(format!(
            "{} 1:{}",
            t.scale,
            round_scale(app.view.scale_denominator())
        ));
        // Without network the window works on; the background map says so once, quietly,
        // and tries again by itself.
        if let Some(problem) = app.basemap_view.problem() {
            ui.separator();
            ui.label(
                egui::RichText::new(format!("{} ({problem})", t.basemap_offline)).weak(),
            );
        } else if app.basemap_view.pending() > 0 {
            ui.separator();
            ui.label(egui::RichText::new(t.basemap_loading).weak());
        }
        if app.is_loading() {
            ui.separator();
            ui.spinner();
            ui.label(t.loading);
        }
    });
}

/// Rounds a scale denominator to two significant digits, as maps state it.
fn round_scale(denominator: f64) -> String {
    let magnitude = 10f64.powf(denominator.log10().floor() - 1.0).max(1.0);
    let rounded = (denominator / magnitude).round() * magnitude;
    let digits = format!("{rounded:.0}");
    // Dutch thousands separator.
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn scales_read_like_map_scales() {
        assert_eq!(super::round_scale(37_795.0), "38.000");
        assert_eq!(super::round_scale(1_234_567.0), "1.200.000");
        assert_eq!(super::round_scale(250.0), "250");
    }
}
