//! The map: pan, zoom, hover, select; layers, differences, labels and a scale bar. Drawing only
//! transforms shapes cached in `render::LayerShapes`; no geometry is computed here.

mod drawing;
mod input;
mod overlays;

use eframe::egui::{self, Color32, Mesh, Pos2, Shape, Stroke, epaint::Vertex};

use gebieden::analysis::ProblemKind;
use gebieden::render::{
    FeatureShapes, LabelBox, LayerShapes, Projector, level_for, place_labels, scale_bar,
};

use super::app::{Action, GebiedenApp, Selection};

use drawing::*;
use input::*;
use overlays::*;

const BACKGROUND: Color32 = Color32::from_rgb(248, 247, 242);
const SELECTED: Color32 = Color32::from_rgb(255, 200, 0);
const INVALID: Color32 = Color32::from_rgb(200, 0, 0);

pub fn ui(app: &mut GebiedenApp, ui: &mut egui::Ui) {
    let (response, painter) =
        ui.allocate_painter(ui.available_size(), egui::Sense::click_and_drag());
    let rect = response.rect;
    app.view.origin_on_screen = [rect.min.x, rect.min.y];
    app.view.size_on_screen = [rect.width(), rect.height()];
    if let Some(bbox) = app.pending_fit.take() {
        app.view.fit(bbox);
    }
    navigate(app, ui, &response);

    app.cursor_in_map = response
        .hover_pos()
        .map(|p| app.view.map_from_screen([p.x, p.y]));
    let under_cursor = app.cursor_in_map.and_then(|p| hit(app, p));
    app.hover = match under_cursor {
        Some(Selection::Feature { layer, feature }) => Some((layer, feature)),
        _ => None,
    };
    if app.composer.painting {
        paint(app, ui, &response);
    } else if app.composer.drawing_split {
        draw_split(app, ui, &response);
    } else if response.clicked() {
        app.actions.push(Action::Select(under_cursor));
    }

    let view = app.view;
    let level = level_for(view.metres_per_pixel);
    let mut shapes: Vec<Shape> = vec![Shape::rect_filled(rect, 0.0, BACKGROUND)];

    draw_layers(app, &view, level, &mut shapes);
    draw_composition(app, &view, level, &mut shapes);
    draw_tools(app, &view, &mut shapes);
    draw_differences(app, &view, &mut shapes);
    draw_hover_and_selection(app, &view, level, &mut shapes);
    painter.with_clip_rect(rect).extend(shapes);

    draw_labels(app, ui, &painter.with_clip_rect(rect), &view, rect);
    draw_scale_bar(&painter, &view, rect);
    if ui.input(|i| !i.raw.hovered_files.is_empty()) {
        painter.rect_filled(rect, 0.0, Color32::from_black_alpha(60));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            app.t().drop_files,
            egui::FontId::proportional(24.0),
            Color32::WHITE,
        );
    }
}
