//! Drawing the divisions and the agreed areas from their cached shapes: fills, outlines,
//! hatching of invalid features. Only transforms what is in view.

use super::*;

pub(super) fn to_pos(view: &Projector, p: [f64; 2]) -> Pos2 {
    let [x, y] = view.screen_from_map(p);
    Pos2::new(x, y)
}

/// Features worth drawing: inside the view and at least two and a half pixels across (smaller ones
/// are specks at this scale, and skipping them keeps the whole country smooth).
pub(super) fn visible<'a>(
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

pub(super) fn fill_feature(
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
pub(super) fn outline_feature(
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

pub(super) fn problem_colour(kind: ProblemKind) -> Color32 {
    match kind {
        ProblemKind::Overlap => Color32::from_rgba_unmultiplied(220, 30, 60, 150),
        ProblemKind::Gap => Color32::from_rgba_unmultiplied(255, 140, 0, 170),
        ProblemKind::Sliver => Color32::from_rgba_unmultiplied(160, 0, 160, 200),
    }
}

/// The visible divisions, bottom of the list first so the top layer is drawn last, on top.
pub(super) fn draw_layers(
    app: &GebiedenApp,
    view: &Projector,
    level: usize,
    shapes: &mut Vec<Shape>,
) {
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
        for (i, feature) in visible(&layer.shapes, view) {
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
                fill_feature(&mut mesh, view, feature, level, colour);
            } else if invalid {
                // Invalid geometry is hatched, so it stands out without hiding what lies under it.
                let spacing = view.metres_per_pixel * 8.0;
                for [a, b] in gebieden::geometry::hatch(&feature.levels[0].rings, spacing) {
                    outlines.push(Shape::line_segment(
                        [to_pos(view, a), to_pos(view, b)],
                        Stroke::new(1.5, INVALID),
                    ));
                }
            } else if fill && !composing {
                // A division that carries its own colours (areas, a nest by misfit) shows them.
                let colour = layer
                    .shapes
                    .own_colours
                    .as_ref()
                    .and_then(|c| c[i])
                    .map_or(layer.style.fill, |[r, g, b]| {
                        Color32::from_rgba_unmultiplied(r, g, b, layer.style.fill.a().max(150))
                    });
                fill_feature(&mut mesh, view, feature, level, colour);
            }
            let stroke = if invalid {
                Stroke::new(2.5, INVALID)
            } else {
                stroke
            };
            // Outlines of areas only a few pixels across are a scribble; their fill says enough.
            let b = feature.bbox;
            if (b[2] - b[0]).max(b[3] - b[1]) >= view.metres_per_pixel * 4.0 || invalid {
                outline_feature(&mut outlines, view, feature, level, stroke);
            }
        }
        shapes.push(Shape::mesh(mesh));
        shapes.extend(outlines);
    }
}

/// The agreed areas: filled in their colours, outlined bold over the partner divisions.
pub(super) fn draw_composition(
    app: &GebiedenApp,
    view: &Projector,
    level: usize,
    shapes: &mut Vec<Shape>,
) {
    // The agreed areas: filled in their colours, outlined bold over the partner divisions.
    if let Some(composed) = &app.composer.view {
        let mut mesh = Mesh::default();
        for (i, feature) in visible(&composed.shapes, view) {
            let [r, g, b] = composed.result.areas[i].colour;
            fill_feature(
                &mut mesh,
                view,
                feature,
                level,
                Color32::from_rgba_unmultiplied(r, g, b, 150),
            );
        }
        shapes.push(Shape::mesh(mesh));
        for (_, feature) in visible(&composed.shapes, view) {
            outline_feature(
                shapes,
                view,
                feature,
                level,
                Stroke::new(3.5, Color32::from_gray(25)),
            );
        }
    }
}
