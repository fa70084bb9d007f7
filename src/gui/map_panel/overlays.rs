//! What lies over the divisions: the selection box, lasso and split lines being drawn, the
//! differences found, hover and selection, labels and the scale bar.

use super::*;

/// The box or lasso being dragged, the split lines and the one being drawn.
pub(super) fn draw_tools(app: &GebiedenApp, view: &Projector, shapes: &mut Vec<Shape>) {
    // The box being dragged for a selection.
    if let (Some(a), Some(b)) = (app.composer.box_start, app.cursor_in_map) {
        let frame = egui::Rect::from_two_pos(to_pos(view, a), to_pos(view, b));
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
            .map(|&p| to_pos(view, p))
            .collect();
        shapes.push(Shape::closed_line(points, Stroke::new(1.5, Color32::BLACK)));
    }

    // Split lines, and the one being drawn.
    let dashed = Stroke::new(2.0, Color32::from_rgb(120, 0, 0));
    for split in &app.composer.composition.splits {
        let points: Vec<Pos2> = split.line.iter().map(|&p| to_pos(view, p)).collect();
        shapes.extend(Shape::dashed_line(&points, dashed, 8.0, 5.0));
    }
    if app.composer.drawing_split && !app.composer.split_points.is_empty() {
        let mut points: Vec<Pos2> = app
            .composer
            .split_points
            .iter()
            .map(|&p| to_pos(view, p))
            .collect();
        if let Some(cursor) = app.cursor_in_map {
            points.push(to_pos(view, cursor));
        }
        shapes.push(Shape::line(
            points.clone(),
            Stroke::new(2.0, Color32::from_rgb(200, 0, 0)),
        ));
        for p in &points[..points.len() - usize::from(app.cursor_in_map.is_some())] {
            shapes.push(Shape::circle_filled(*p, 4.0, Color32::from_rgb(200, 0, 0)));
        }
    }
}

/// A calm view of the differences: real gaps and overlaps filled and outlined, visible at any
/// zoom; slivers (hundreds on real data) only when the user asks for them ("Randjes tonen"),
/// filled and never outlined, since their needle-sharp tips make mitred strokes shoot off
/// across the map. A difference too small to see at this zoom gets a ring so it can be found.
pub(super) fn draw_differences(app: &GebiedenApp, view: &Projector, shapes: &mut Vec<Shape>) {
    if let Some(analysis) = &app.analysis {
        let mut mesh = Mesh::default();
        let mut outlines = Vec::new();
        let mut markers = Vec::new();
        let area = view.visible_map_rect();
        for (i, feature) in analysis.shapes.features.iter().enumerate() {
            let b = feature.bbox;
            if b[2] < area[0] || b[0] > area[2] || b[3] < area[1] || b[1] > area[3] {
                continue;
            }
            let problem = &analysis.analysis.problems[i];
            let sliver = problem.kind == ProblemKind::Sliver;
            if sliver && !app.show_slivers {
                continue;
            }
            let colour = problem_colour(problem.kind);
            fill_feature(&mut mesh, view, feature, 0, colour);
            if !sliver {
                outline_feature(&mut outlines, view, feature, 0, Stroke::new(1.5, colour.to_opaque()));
            }
            if problem.width_m / view.metres_per_pixel < 3.0 {
                let centre = feature
                    .label_anchor
                    .map(|(p, _)| p)
                    .unwrap_or([(b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0]);
                markers.push(Shape::circle_stroke(
                    to_pos(view, centre),
                    4.0,
                    Stroke::new(1.5, colour.to_opaque()),
                ));
            }
        }
        shapes.push(Shape::mesh(mesh));
        shapes.extend(outlines);
        shapes.extend(markers);
    }
}

/// The preview of "Opschonen…": each reassigned piece in the colour of the feature it goes to,
/// the gaps that stay in orange, outlined so they show at any zoom.
pub(super) fn draw_clean_preview(app: &GebiedenApp, view: &Projector, shapes: &mut Vec<Shape>) {
    let Some(preview) = app.clean_dialog.as_ref().and_then(|d| d.preview.as_ref()) else {
        return;
    };
    let mut mesh = Mesh::default();
    let mut outlines = Vec::new();
    let gap = Color32::from_rgba_unmultiplied(255, 140, 0, 170);
    let area = view.visible_map_rect();
    for (i, feature) in preview.shapes.features.iter().enumerate() {
        let b = feature.bbox;
        if b[2] < area[0] || b[0] > area[2] || b[3] < area[1] || b[1] > area[3] {
            continue;
        }
        let colour = preview.colours.get(i).copied().unwrap_or(gap);
        fill_feature(&mut mesh, view, feature, 0, colour);
        if i >= preview.colours.len() {
            outline_feature(&mut outlines, view, feature, 0, Stroke::new(1.5, gap.to_opaque()));
        }
    }
    shapes.push(Shape::mesh(mesh));
    shapes.extend(outlines);
}

/// While two versions are compared: every unit that moved, hatched in its new area's colour
/// and outlined, so the change shows over the current proposal.
pub(super) fn draw_version_changes(app: &GebiedenApp, view: &Projector, shapes: &mut Vec<Shape>) {
    if app.right_tab != crate::gui::app::RightTab::Versions || app.negotiation.diff.is_none() {
        return;
    }
    let Some(base) = app.base_layer.and_then(|b| app.layers.get(b)) else {
        return;
    };
    let area = view.visible_map_rect();
    let spacing = view.metres_per_pixel * 6.0;
    for &(i, colour) in &app.negotiation.moved_on_map {
        let Some(feature) = base.shapes.features.get(i) else { continue };
        let b = feature.bbox;
        if b[2] < area[0] || b[0] > area[2] || b[3] < area[1] || b[1] > area[3] {
            continue;
        }
        let colour = colour.map_or(Color32::from_gray(90), |[r, g, b]| Color32::from_rgb(r, g, b));
        for [a, b] in gebieden::geometry::hatch(&feature.levels[0].rings, spacing) {
            shapes.push(Shape::line_segment([to_pos(view, a), to_pos(view, b)], Stroke::new(2.0, colour)));
        }
        let mut outline = Vec::new();
        outline_feature(&mut outline, view, feature, 0, Stroke::new(2.0, colour));
        shapes.extend(outline);
    }
}

/// "Nieuwe indeling": the new units outlined over the old areas until taken over, and the
/// units that straddle an area boundary and have no area yet hatched.
pub(super) fn draw_vintage(app: &GebiedenApp, view: &Projector, shapes: &mut Vec<Shape>) {
    let Some(dialog) = &app.vintage_dialog else { return };
    let Some(preview) = &dialog.preview else { return };
    let area = view.visible_map_rect();
    let visible = |b: [f64; 4]| !(b[2] < area[0] || b[0] > area[2] || b[3] < area[1] || b[1] > area[3]);
    if !dialog.adopted {
        let stroke = Stroke::new(1.0, Color32::from_gray(40));
        for feature in preview.shapes.features.iter().filter(|f| visible(f.bbox)) {
            outline_feature(shapes, view, feature, 0, stroke);
        }
    }
    let colour = Color32::from_rgb(200, 30, 30);
    let spacing = view.metres_per_pixel * 6.0;
    for (i, unit) in &preview.straddlers {
        let Some(feature) = preview.shapes.features.get(*i) else { continue };
        if !visible(feature.bbox) || !crate::gui::vintage_dialog::undecided(app, unit) {
            continue;
        }
        for [a, b] in gebieden::geometry::hatch(&feature.levels[0].rings, spacing) {
            shapes.push(Shape::line_segment([to_pos(view, a), to_pos(view, b)], Stroke::new(1.5, colour)));
        }
        outline_feature(shapes, view, feature, 0, Stroke::new(2.0, colour));
    }
}

/// Hover and selection, on top of everything.
pub(super) fn draw_hover_and_selection(
    app: &GebiedenApp,
    view: &Projector,
    level: usize,
    shapes: &mut Vec<Shape>,
) {
    // Hover and selection on top of everything.
    if let Some((layer, feature)) = app.hover
        && let Some(f) = app
            .layers
            .get(layer)
            .and_then(|l| l.shapes.features.get(feature))
    {
        let colour = app.layers[layer].style.outline;
        outline_feature(
            shapes,
            view,
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
                outline_feature(shapes, view, f, 0, Stroke::new(5.0, Color32::BLACK));
                outline_feature(shapes, view, f, 0, Stroke::new(2.5, SELECTED));
            }
        }
        Some(Selection::Problem(i)) => {
            if let Some(f) = app.analysis.as_ref().and_then(|a| a.shapes.features.get(i)) {
                let mut mesh = Mesh::default();
                fill_feature(&mut mesh, view, f, 0, SELECTED);
                shapes.push(Shape::mesh(mesh));
                let b = f.bbox;
                let (min, max) = (to_pos(view, [b[0], b[3]]), to_pos(view, [b[2], b[1]]));
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
}

/// Labels of the active layer at each area's pole of inaccessibility, larger areas first,
/// never over each other, with a white halo so they read over any outline.
pub(super) fn draw_labels(
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
    let min_room_px = if app.basemap_view.source().is_some() { 24.0 } else { 10.0 };
    let mut candidates: Vec<(f64, usize, [f64; 2])> = visible(&layer.shapes, view)
        .filter_map(|(i, f)| {
            f.label_anchor
                .map(|(pos, room)| (room / view.metres_per_pixel, i, pos))
        })
        // Over a background map, which prints its own place and street names, only areas
        // with room to spare are labelled: ours give way rather than pile onto theirs.
        .filter(|(room_px, _, _)| *room_px >= min_room_px)
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

pub(super) fn draw_scale_bar(painter: &egui::Painter, view: &Projector, rect: egui::Rect) {
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
