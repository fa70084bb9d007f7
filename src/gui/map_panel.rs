//! The map: pan, zoom, hover, select; layers, differences, labels and a scale bar. Drawing only
//! transforms shapes cached in `render::LayerShapes`; no geometry is computed here.

use eframe::egui::{self, Color32, Mesh, Pos2, Shape, Stroke, epaint::Vertex};

use gebieden::analysis::ProblemKind;
use gebieden::render::{
    FeatureShapes, LabelBox, LayerShapes, Projector, level_for, place_labels, scale_bar,
};

use super::app::{Action, GebiedenApp, Selection};

const BACKGROUND: Color32 = Color32::from_rgb(248, 247, 242);
const SELECTED: Color32 = Color32::from_rgb(255, 200, 0);
const INVALID: Color32 = Color32::from_rgb(200, 0, 0);

fn to_pos(view: &Projector, p: [f64; 2]) -> Pos2 {
    let [x, y] = view.screen_from_map(p);
    Pos2::new(x, y)
}

/// Features worth drawing: inside the view and at least two and a half pixels across (smaller ones
/// are specks at this scale, and skipping them keeps the whole country smooth).
fn visible<'a>(
    shapes: &'a LayerShapes,
    view: &Projector,
) -> impl Iterator<Item = (usize, &'a FeatureShapes)> + 'a {
    let area = view.visible_map_rect();
    let min_size = view.metres_per_pixel * 2.5;
    shapes.features.iter().enumerate().filter(move |(_, f)| {
        let b = f.bbox;
        b[2] >= area[0]
            && b[0] <= area[2]
            && b[3] >= area[1]
            && b[1] <= area[3]
            && (b[2] - b[0]).max(b[3] - b[1]) >= min_size
    })
}

fn fill_feature(
    mesh: &mut Mesh,
    view: &Projector,
    feature: &FeatureShapes,
    level: usize,
    colour: Color32,
) {
    let shape = &feature.levels[level];
    let base = mesh.vertices.len() as u32;
    mesh.vertices.extend(shape.vertices.iter().map(|&v| Vertex {
        pos: to_pos(view, v),
        uv: egui::epaint::WHITE_UV,
        color: colour,
    }));
    mesh.indices.extend(shape.indices.iter().map(|&i| base + i));
}

/// Draws the rings as open lines that end where they start: egui cuts off the sharp corners
/// of open lines, but mitres every corner of a closed loop, and a needle-sharp corner then
/// shoots a spike across the map. Points closer than a pixel to the previous one are dropped.
fn outline_feature(
    shapes: &mut Vec<Shape>,
    view: &Projector,
    feature: &FeatureShapes,
    level: usize,
    stroke: Stroke,
) {
    for ring in &feature.levels[level].rings {
        let mut points: Vec<Pos2> = Vec::with_capacity(ring.len());
        for &p in ring {
            let pos = to_pos(view, p);
            if points
                .last()
                .is_none_or(|last: &Pos2| (*last - pos).length_sq() >= 0.5)
            {
                points.push(pos);
            }
        }
        if let (Some(&first), Some(&last)) = (points.first(), points.last())
            && first != last
        {
            points.push(first);
        }
        if points.len() >= 3 {
            shapes.push(Shape::line(points, stroke));
        }
    }
}

fn problem_colour(kind: ProblemKind) -> Color32 {
    match kind {
        ProblemKind::Overlap => Color32::from_rgba_unmultiplied(220, 30, 60, 150),
        ProblemKind::Gap => Color32::from_rgba_unmultiplied(255, 140, 0, 170),
        ProblemKind::Sliver => Color32::from_rgba_unmultiplied(160, 0, 160, 200),
    }
}

/// Paints the base units a selection picks (box or lasso) as one undoable step.
fn paint_selected(app: &mut GebiedenApp, select: impl FnOnce(&LayerShapes) -> Vec<usize>) {
    let Some(base) = app.base() else { return };
    let units: Vec<String> = select(&base.shapes)
        .into_iter()
        .map(|i| base.layer.features[i].id.clone())
        .collect();
    app.actions.push(Action::BeginStroke);
    app.actions.push(Action::Paint(units));
}

/// Painting: pressing the primary button on the map starts one undoable stroke; every base
/// unit the pointer passes while the button is down goes to the current area.
fn paint(app: &mut GebiedenApp, ui: &egui::Ui, response: &egui::Response) {
    // Alt-drag draws a lasso: every unit inside it goes to the current area in one step.
    let alt = ui.input(|i| i.modifiers.alt);
    if alt || !app.composer.lasso.is_empty() {
        if (response.dragged_by(egui::PointerButton::Primary)
            || response.drag_started_by(egui::PointerButton::Primary))
            && let Some(pos) = app.cursor_in_map
        {
            app.composer.lasso.push(pos);
        }
        if response.drag_stopped() {
            let lasso = std::mem::take(&mut app.composer.lasso);
            paint_selected(app, |shapes| shapes.features_in_polygon(&lasso));
        }
        return;
    }
    // Shift-drag draws a box: every unit inside it goes to the current area in one step.
    let shift = ui.input(|i| i.modifiers.shift);
    if shift || app.composer.box_start.is_some() {
        if response.drag_started_by(egui::PointerButton::Primary) {
            // The box starts where the button went down, not where the drag was recognised.
            let origin = ui.input(|i| i.pointer.press_origin());
            app.composer.box_start = origin
                .map(|p| app.view.map_from_screen([p.x, p.y]))
                .or(app.cursor_in_map);
        }
        if response.drag_stopped()
            && let (Some(a), Some(b)) = (app.composer.box_start.take(), app.cursor_in_map)
        {
            let rect = [
                a[0].min(b[0]),
                a[1].min(b[1]),
                a[0].max(b[0]),
                a[1].max(b[1]),
            ];
            paint_selected(app, |shapes| shapes.features_in_rect(rect));
        }
        return;
    }
    let Some(base) = app.base_layer.and_then(|b| app.layers.get(b)) else {
        return;
    };
    let (pressed, down) = ui.input(|i| (i.pointer.primary_pressed(), i.pointer.primary_down()));
    let pressed = pressed && response.hovered();
    if !(pressed || (down && response.is_pointer_button_down_on())) {
        return;
    }
    let Some(pos_in_map) = app.cursor_in_map else {
        return;
    };
    if pressed {
        app.actions.push(Action::BeginStroke);
    }
    // A split unit is painted part by part.
    let part = app
        .composer
        .view
        .as_ref()
        .and_then(|v| v.result.split_part_at(pos_in_map).map(str::to_string));
    let id = match part {
        Some(part) => part,
        None => {
            let Some(unit) = base.shapes.feature_at(pos_in_map) else {
                return;
            };
            base.layer.features[unit].id.clone()
        }
    };
    app.actions.push(Action::Paint(vec![id]));
}

/// The map position to use for a clicked point: snapped to a vertex or edge of a visible layer
/// within 8 pixels.
fn snapped(app: &GebiedenApp, pos_in_map: [f64; 2]) -> [f64; 2] {
    let tolerance = 8.0 * app.view.metres_per_pixel;
    app.layers
        .iter()
        .filter(|l| l.style.visible)
        .filter_map(|l| l.shapes.snap(pos_in_map, tolerance))
        .min_by(|a, b| {
            let d = |p: &[f64; 2]| (p[0] - pos_in_map[0]).hypot(p[1] - pos_in_map[1]);
            d(a).total_cmp(&d(b))
        })
        .unwrap_or(pos_in_map)
}

/// Drawing a split line: clicks add (snapped) points, Enter cuts, Escape stops.
fn draw_split(app: &mut GebiedenApp, ui: &egui::Ui, response: &egui::Response) {
    if response.clicked()
        && let Some(pos) = app.cursor_in_map
    {
        let point = snapped(app, pos);
        app.composer.split_points.push(point);
    }
    let (enter, escape) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::Enter),
            i.key_pressed(egui::Key::Escape),
        )
    });
    if enter && app.composer.split_points.len() >= 2 {
        app.actions
            .push(Action::AddSplit(app.composer.split_points.clone()));
    }
    if escape {
        app.composer.split_points.clear();
        app.composer.drawing_split = false;
    }
}

/// Handles pan, zoom and keys; returns whether the view changed.
fn navigate(app: &mut GebiedenApp, ui: &egui::Ui, response: &egui::Response) {
    // While painting, the primary button paints; the secondary or middle button still pans.
    let panning = if app.composer.painting {
        response.dragged_by(egui::PointerButton::Secondary)
            || response.dragged_by(egui::PointerButton::Middle)
    } else {
        response.dragged()
    };
    if panning {
        let delta = response.drag_delta();
        app.view.pan_by_screen([delta.x, delta.y]);
    }
    if response.hovered() {
        let (scroll, zoom, pointer) = ui.input(|i| {
            (
                i.smooth_scroll_delta().y,
                i.zoom_delta(),
                i.pointer.hover_pos(),
            )
        });
        let factor = (scroll as f64 / 300.0).exp() * zoom as f64;
        if (factor - 1.0).abs() > 1e-6
            && let Some(p) = pointer
        {
            app.view.zoom_around(factor, [p.x, p.y]);
        }
    }
    if response.hovered() || response.has_focus() {
        let centre = response.rect.center();
        ui.input(|i| {
            let step = 60.0;
            if i.key_pressed(egui::Key::ArrowLeft) {
                app.view.pan_by_screen([step, 0.0]);
            }
            if i.key_pressed(egui::Key::ArrowRight) {
                app.view.pan_by_screen([-step, 0.0]);
            }
            if i.key_pressed(egui::Key::ArrowUp) {
                app.view.pan_by_screen([0.0, step]);
            }
            if i.key_pressed(egui::Key::ArrowDown) {
                app.view.pan_by_screen([0.0, -step]);
            }
            if i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals) {
                app.view.zoom_around(1.5, [centre.x, centre.y]);
            }
            if i.key_pressed(egui::Key::Minus) {
                app.view.zoom_around(1.0 / 1.5, [centre.x, centre.y]);
            }
        });
    }
}

/// The feature or difference under a map position: differences first (they lie on top), then
/// the active layer, then the other visible layers from the top.
fn hit(app: &GebiedenApp, pos_in_map: [f64; 2]) -> Option<Selection> {
    if let Some(view) = &app.analysis
        && let Some(i) = view.shapes.feature_at(pos_in_map)
    {
        return Some(Selection::Problem(i));
    }
    let order = app.active_layer.into_iter().chain(0..app.layers.len());
    for layer in order {
        let Some(l) = app.layers.get(layer).filter(|l| l.style.visible) else {
            continue;
        };
        if let Some(feature) = l.shapes.feature_at(pos_in_map) {
            return Some(Selection::Feature { layer, feature });
        }
    }
    None
}

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

    // Bottom of the list first, so the top layer is drawn last, on top.
    for (index, layer) in app.layers.iter().enumerate().rev() {
        if !layer.style.visible {
            continue;
        }
        let fill = layer.style.always_fill || app.active_layer == Some(index);
        let stroke = Stroke::new(layer.style.outline_width, layer.style.outline);
        let mut mesh = Mesh::default();
        let mut outlines = Vec::new();
        let composing = app.base_layer == Some(index) && !app.composer.composition.areas.is_empty();
        // Until the first result is in, units are coloured one by one; after that the areas
        // themselves are filled (below), which also covers split units.
        let per_unit = composing && app.composer.view.is_none();
        for (i, feature) in visible(&layer.shapes, &view) {
            let invalid = !layer.layer.features[i].is_valid();
            // While composing, base units show their area's colour instead of the layer fill.
            let area_colour = per_unit
                .then(|| {
                    app.composer
                        .composition
                        .assignment
                        .get(&layer.layer.features[i].id)
                })
                .flatten()
                .and_then(|a| app.composer.composition.area(a))
                .map(|area| {
                    Color32::from_rgba_unmultiplied(
                        area.colour[0],
                        area.colour[1],
                        area.colour[2],
                        170,
                    )
                });
            if let Some(colour) = area_colour {
                fill_feature(&mut mesh, &view, feature, level, colour);
            } else if invalid {
                // Invalid geometry is hatched, so it stands out without hiding what lies under it.
                let spacing = view.metres_per_pixel * 8.0;
                for [a, b] in gebieden::geometry::hatch(&feature.levels[0].rings, spacing) {
                    outlines.push(Shape::line_segment(
                        [to_pos(&view, a), to_pos(&view, b)],
                        Stroke::new(1.5, INVALID),
                    ));
                }
            } else if fill && !composing {
                fill_feature(&mut mesh, &view, feature, level, layer.style.fill);
            }
            let stroke = if invalid {
                Stroke::new(2.5, INVALID)
            } else {
                stroke
            };
            // Outlines of areas only a few pixels across are a scribble; their fill says enough.
            let b = feature.bbox;
            if (b[2] - b[0]).max(b[3] - b[1]) >= view.metres_per_pixel * 4.0 || invalid {
                outline_feature(&mut outlines, &view, feature, level, stroke);
            }
        }
        shapes.push(Shape::mesh(mesh));
        shapes.extend(outlines);
    }

    // The agreed areas: filled in their colours, outlined bold over the partner divisions.
    if let Some(composed) = &app.composer.view {
        let mut mesh = Mesh::default();
        for (i, feature) in visible(&composed.shapes, &view) {
            let [r, g, b] = composed.result.areas[i].colour;
            fill_feature(
                &mut mesh,
                &view,
                feature,
                level,
                Color32::from_rgba_unmultiplied(r, g, b, 150),
            );
        }
        shapes.push(Shape::mesh(mesh));
        for (_, feature) in visible(&composed.shapes, &view) {
            outline_feature(
                &mut shapes,
                &view,
                feature,
                level,
                Stroke::new(3.5, Color32::from_gray(25)),
            );
        }
    }

    // The box being dragged for a selection.
    if let (Some(a), Some(b)) = (app.composer.box_start, app.cursor_in_map) {
        let frame = egui::Rect::from_two_pos(to_pos(&view, a), to_pos(&view, b));
        shapes.push(Shape::rect_filled(
            frame,
            0.0,
            Color32::from_rgba_unmultiplied(0, 0, 0, 30),
        ));
        shapes.push(Shape::rect_stroke(
            frame,
            0.0,
            Stroke::new(1.5, Color32::BLACK),
            egui::StrokeKind::Inside,
        ));
    }

    if app.composer.lasso.len() > 1 {
        let points: Vec<Pos2> = app
            .composer
            .lasso
            .iter()
            .map(|&p| to_pos(&view, p))
            .collect();
        shapes.push(Shape::closed_line(points, Stroke::new(1.5, Color32::BLACK)));
    }

    // Split lines, and the one being drawn.
    let dashed = Stroke::new(2.0, Color32::from_rgb(120, 0, 0));
    for split in &app.composer.composition.splits {
        let points: Vec<Pos2> = split.line.iter().map(|&p| to_pos(&view, p)).collect();
        shapes.extend(Shape::dashed_line(&points, dashed, 8.0, 5.0));
    }
    if app.composer.drawing_split && !app.composer.split_points.is_empty() {
        let mut points: Vec<Pos2> = app
            .composer
            .split_points
            .iter()
            .map(|&p| to_pos(&view, p))
            .collect();
        if let Some(cursor) = app.cursor_in_map {
            points.push(to_pos(&view, cursor));
        }
        shapes.push(Shape::line(
            points.clone(),
            Stroke::new(2.0, Color32::from_rgb(200, 0, 0)),
        ));
        for p in &points[..points.len() - usize::from(app.cursor_in_map.is_some())] {
            shapes.push(Shape::circle_filled(*p, 4.0, Color32::from_rgb(200, 0, 0)));
        }
    }

    // Differences are filled, not outlined: slivers have needle-sharp tips where mitred strokes
    // shoot off across the map. Slivers too thin to see get a small ring so they can be found.
    if let Some(analysis) = &app.analysis {
        let mut mesh = Mesh::default();
        let mut markers = Vec::new();
        for (i, feature) in analysis.shapes.features.iter().enumerate() {
            let b = feature.bbox;
            let area = view.visible_map_rect();
            if b[2] < area[0] || b[0] > area[2] || b[3] < area[1] || b[1] > area[3] {
                continue;
            }
            let problem = &analysis.analysis.problems[i];
            let colour = problem_colour(problem.kind);
            fill_feature(&mut mesh, &view, feature, 0, colour);
            if problem.width_m / view.metres_per_pixel < 3.0 {
                let centre = feature
                    .label_anchor
                    .map(|(p, _)| p)
                    .unwrap_or([(b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0]);
                markers.push(Shape::circle_stroke(
                    to_pos(&view, centre),
                    4.0,
                    Stroke::new(1.5, colour.to_opaque()),
                ));
            }
        }
        shapes.push(Shape::mesh(mesh));
        shapes.extend(markers);
    }

    // Hover and selection on top of everything.
    if let Some((layer, feature)) = app.hover
        && let Some(f) = app
            .layers
            .get(layer)
            .and_then(|l| l.shapes.features.get(feature))
    {
        let colour = app.layers[layer].style.outline;
        outline_feature(
            &mut shapes,
            &view,
            f,
            level,
            Stroke::new(app.layers[layer].style.outline_width + 2.0, colour),
        );
    }
    match app.selection {
        Some(Selection::Feature { layer, feature }) => {
            if let Some(f) = app
                .layers
                .get(layer)
                .and_then(|l| l.shapes.features.get(feature))
            {
                outline_feature(&mut shapes, &view, f, 0, Stroke::new(5.0, Color32::BLACK));
                outline_feature(&mut shapes, &view, f, 0, Stroke::new(2.5, SELECTED));
            }
        }
        Some(Selection::Problem(i)) => {
            if let Some(f) = app.analysis.as_ref().and_then(|a| a.shapes.features.get(i)) {
                let mut mesh = Mesh::default();
                fill_feature(&mut mesh, &view, f, 0, SELECTED);
                shapes.push(Shape::mesh(mesh));
                let b = f.bbox;
                let (min, max) = (to_pos(&view, [b[0], b[3]]), to_pos(&view, [b[2], b[1]]));
                let frame = egui::Rect::from_min_max(min, max).expand(6.0);
                shapes.push(Shape::rect_stroke(
                    frame,
                    2.0,
                    Stroke::new(2.0, Color32::BLACK),
                    egui::StrokeKind::Outside,
                ));
            }
        }
        None => {}
    }
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

/// Labels of the active layer at each area's pole of inaccessibility, larger areas first,
/// never over each other, with a white halo so they read over any outline.
fn draw_labels(
    app: &GebiedenApp,
    ui: &egui::Ui,
    painter: &egui::Painter,
    view: &Projector,
    rect: egui::Rect,
) {
    let Some(index) = app.active_layer else {
        return;
    };
    let Some(layer) = app.layers.get(index).filter(|l| l.style.visible) else {
        return;
    };
    let Some(field) = &layer.style.label_field else {
        return;
    };
    let Some(column) = layer.layer.field_index(field) else {
        return;
    };
    let font = egui::FontId::proportional(13.0);
    let mut candidates: Vec<(f64, usize, [f64; 2])> = visible(&layer.shapes, view)
        .filter_map(|(i, f)| {
            f.label_anchor
                .map(|(pos, room)| (room / view.metres_per_pixel, i, pos))
        })
        .filter(|(room_px, _, _)| *room_px >= 10.0)
        .collect();
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    candidates.truncate(2000);
    let galleys: Vec<_> = candidates
        .iter()
        .map(|&(_, i, _)| {
            let text = layer.layer.features[i]
                .attributes
                .get(column)
                .map(|v| v.to_string())
                .unwrap_or_default();
            ui.fonts_mut(|fonts| fonts.layout_no_wrap(text, font.clone(), Color32::from_gray(20)))
        })
        .collect();
    let boxes: Vec<LabelBox> = candidates
        .iter()
        .zip(&galleys)
        .map(|(&(_, _, pos), galley)| {
            let centre = to_pos(view, pos);
            let size = galley.size();
            LabelBox {
                rect: [
                    centre.x - size.x / 2.0 - 2.0,
                    centre.y - size.y / 2.0,
                    centre.x + size.x / 2.0 + 2.0,
                    centre.y + size.y / 2.0,
                ],
            }
        })
        .collect();
    // A label cut by the map's edge reads as a different name; leave it out instead.
    let inside = |b: &LabelBox| {
        b.rect[0] >= rect.left()
            && b.rect[1] >= rect.top()
            && b.rect[2] <= rect.right()
            && b.rect[3] <= rect.bottom()
    };
    let candidates: Vec<LabelBox> = boxes
        .iter()
        .map(|b| {
            if inside(b) {
                *b
            } else {
                LabelBox {
                    rect: [f32::NAN; 4],
                }
            }
        })
        .collect();
    for i in place_labels(&candidates, 64.0)
        .into_iter()
        .filter(|&i| inside(&boxes[i]))
    {
        let top_left = Pos2::new(boxes[i].rect[0] + 2.0, boxes[i].rect[1]);
        for (dx, dy) in [(-1.0, 0.0), (1.0, 0.0), (0.0, -1.0), (0.0, 1.0)] {
            painter.galley_with_override_text_color(
                top_left + egui::vec2(dx, dy),
                galleys[i].clone(),
                Color32::WHITE,
            );
        }
        painter.galley(top_left, galleys[i].clone(), Color32::from_gray(20));
    }
}

fn draw_scale_bar(painter: &egui::Painter, view: &Projector, rect: egui::Rect) {
    let (metres, pixels) = scale_bar(view.metres_per_pixel, 140.0);
    let left = rect.left_bottom() + egui::vec2(16.0, -20.0);
    let right = left + egui::vec2(pixels, 0.0);
    let stroke = Stroke::new(2.0, Color32::from_gray(30));
    painter.rect_filled(
        egui::Rect::from_min_max(left - egui::vec2(6.0, 22.0), right + egui::vec2(6.0, 8.0)),
        3.0,
        Color32::from_white_alpha(200),
    );
    painter.line_segment([left, right], stroke);
    painter.line_segment([left, left - egui::vec2(0.0, 6.0)], stroke);
    painter.line_segment([right, right - egui::vec2(0.0, 6.0)], stroke);
    let text = if metres >= 1000.0 {
        format!("{} km", metres / 1000.0)
    } else {
        format!("{metres} m")
    };
    painter.text(
        (left + right.to_vec2()) / 2.0 - egui::vec2(0.0, 8.0),
        egui::Align2::CENTER_BOTTOM,
        text,
        egui::FontId::proportional(12.0),
        Color32::from_gray(30),
    );
}
