//! Pointer and keys on the map: pan and zoom, hit tests, painting units, drawing split lines.

use super::*;

/// Paints the base units a selection picks (box or lasso) as one undoable step.
pub(super) fn paint_selected(
    app: &mut GebiedenApp,
    select: impl FnOnce(&LayerShapes) -> Vec<usize>,
) {
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
pub(super) fn paint(app: &mut GebiedenApp, ui: &egui::Ui, response: &egui::Response) {
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
pub(super) fn snapped(app: &GebiedenApp, pos_in_map: [f64; 2]) -> [f64; 2] {
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
pub(super) fn draw_split(app: &mut GebiedenApp, ui: &egui::Ui, response: &egui::Response) {
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
pub(super) fn navigate(app: &mut GebiedenApp, ui: &egui::Ui, response: &egui::Response) {
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
pub(super) fn hit(app: &GebiedenApp, pos_in_map: [f64; 2]) -> Option<Selection> {
    // Hidden slivers are not there to be clicked.
    if let Some(view) = &app.analysis
        && let Some(i) = view.shapes.feature_at_where(pos_in_map, |i| {
            app.show_slivers || view.analysis.problems[i].kind != ProblemKind::Sliver
        })
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
