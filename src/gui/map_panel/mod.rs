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
    let working_crs = app
        .layers
        .first()
        .map_or(gebieden::model::Crs::RD_NEW, |l| l.layer.working_crs);
    app.basemap_view
        .draw(&app.basemap, working_crs, ui.ctx(), &view, &mut shapes);

    draw_layers(app, &view, level, &mut shapes);
    draw_composition(app, &view, level, &mut shapes);
    draw_tools(app, &view, &mut shapes);
    draw_differences(app, &view, &mut shapes);
    draw_clean_preview(app, &view, &mut shapes);
    draw_version_changes(app, &view, &mut shapes);
    draw_vintage(app, &view, &mut shapes);
    draw_hover_and_selection(app, &view, level, &mut shapes);
    painter.with_clip_rect(rect).extend(shapes);

    draw_place(app, &painter.with_clip_rect(rect), &view);
    draw_labels(app, ui, &painter.with_clip_rect(rect), &view, rect);
    draw_scale_bar(&painter, &view, rect);
    draw_attribution(app, ui.ctx(), rect, working_crs);
    // Hovering a difference names it.
    if let Some(Selection::Problem(i)) = under_cursor
        && let Some(problem) = app.analysis.as_ref().and_then(|a| a.analysis.problems.get(i))
    {
        let _ = response
            .clone()
            .on_hover_text_at_pointer(super::problems_panel::problem_line(app.t(), problem));
    }
    super::search::ui(app, ui.ctx(), rect);
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

/// The background map's credit, bottom right, as PDOK asks for it on every map (a label, so a
/// screen reader finds it too).
fn draw_attribution(
    app: &GebiedenApp,
    ctx: &egui::Context,
    rect: egui::Rect,
    working_crs: gebieden::model::Crs,
) {
    let Some(source) = app.basemap_view.source() else {
        return;
    };
    // The credit belongs to tiles on the map, not to a background that could not be had.
    if working_crs != gebieden::model::Crs::RD_NEW || app.basemap_view.texture_count() == 0 {
        return;
    }
    let text = if source.is_pdok() {
        gebieden::services::CREDIT_KADASTER.to_string()
    } else {
        format!("{} {}", app.t().background_from, source.host())
    };
    egui::Area::new(egui::Id::unique("attribution"))
        .pivot(egui::Align2::RIGHT_BOTTOM)
        .fixed_pos(rect.right_bottom() - egui::vec2(4.0, 4.0))
        .order(egui::Order::Foreground)
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::new()
                .fill(Color32::from_white_alpha(200))
                .corner_radius(2.0)
                .inner_margin(egui::Margin::symmetric(4, 1))
                .show(ui, |ui| {
                    ui.label(egui::RichText::new(text).size(11.0).color(Color32::from_gray(40)));
                });
        });
}

/// The place found by the search: a pin with its name.
fn draw_place(app: &GebiedenApp, painter: &egui::Painter, view: &Projector) {
    let Some(place) = &app.found_place else {
        return;
    };
    let at = to_pos(view, place.pos_in_map);
    painter.circle(at, 7.0, Color32::from_rgb(200, 20, 60), Stroke::new(2.0, Color32::WHITE));
    painter.circle_filled(at, 2.0, Color32::WHITE);
    let galley = painter.layout_no_wrap(
        place.name.clone(),
        egui::FontId::proportional(13.0),
        Color32::from_gray(10),
    );
    let pos = at + egui::vec2(10.0, -galley.size().y / 2.0);
    painter.rect_filled(
        egui::Rect::from_min_size(pos, galley.size()).expand(3.0),
        3.0,
        Color32::from_white_alpha(230),
    );
    painter.galley(pos, galley, Color32::from_gray(10));
}
