//! The map frame's contents and the page's furniture: areas, highlights, partner outlines,
//! labels, north arrow and scale bar.

use super::*;

/// The map frame's contents: areas, highlights, partner outlines and labels, clipped to the
/// frame, and the names of areas that could not be labelled.
pub(super) fn draw_map(
    spec: &MapSpec,
    layout: &Layout,
    poles: &[Option<geo::Coord<f64>>],
) -> (String, Vec<String>) {
    let Layout {
        unit,
        text_size,
        ref frame,
        ..
    } = *layout;
    let (frame_origin, frame_size) = (frame.origin, frame.size);
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<defs><clipPath id="frame"><rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}"/></clipPath></defs>"#,
        frame_origin[0], frame_origin[1], frame_size[0], frame_size[1]
    );
    let _ = writeln!(svg, r#"<g clip-path="url(#frame)">"#);
    draw_background(&mut svg, spec, frame);
    // Over a background map the areas are lighter, so streets and villages show through.
    let area_opacity = if spec.background.is_empty() { 0.8 } else { 0.5 };
    let _ = writeln!(
        svg,
        r##"<g id="areas" stroke="#ffffff" stroke-width="{:.2}" fill-rule="evenodd">"##,
        0.25 * unit
    );
    for area in &spec.areas {
        let _ = writeln!(
            svg,
            r#"<path d="{}" fill="{}" fill-opacity="{area_opacity}"><title>{}</title></path>"#,
            frame.path(&area.geometry),
            hex(area.colour),
            escape(&area.name)
        );
    }
    svg.push_str("</g>\n");
    for (name, colour, pieces) in &spec.highlights {
        let _ = writeln!(
            svg,
            r#"<g id="highlight-{}" fill="{}" fill-opacity="0.85" stroke="none">"#,
            escape(name),
            hex(*colour)
        );
        for piece in pieces {
            let _ = writeln!(svg, r#"<path d="{}"/>"#, frame.path(piece));
        }
        svg.push_str("</g>\n");
    }
    for (i, outlines) in spec.outlines.iter().enumerate() {
        let _ = writeln!(
            svg,
            r#"<g id="layer-{}" fill="none" stroke="{}" stroke-width="{:.2}" stroke-dasharray="{}">"#,
            escape(&outlines.name),
            hex(outlines.colour),
            0.3 * unit,
            dashes(i, unit)
        );
        for g in &outlines.geometries {
            let _ = writeln!(svg, r#"<path d="{}"/>"#, frame.path(g));
        }
        svg.push_str("</g>\n");
    }
    // Outer boundaries of the areas, bold, on top.
    let _ = writeln!(
        svg,
        r##"<g id="area-outlines" fill="none" stroke="#333333" stroke-width="{:.2}">"##,
        // Thinner when there are many: bold outlines of thousands of areas would be all ink.
        if spec.areas.len() <= MAX_LEGEND_AREAS {
            0.45 * unit
        } else {
            0.05 * unit
        }
    );
    for area in &spec.areas {
        let _ = writeln!(svg, r#"<path d="{}"/>"#, frame.path(&area.geometry));
    }
    svg.push_str("</g>\n");

    let reserved = [
        // North arrow, top right of the frame.
        [
            frame_origin[0] + frame_size[0] - 9.0 * unit,
            frame_origin[1],
            frame_origin[0] + frame_size[0],
            frame_origin[1] + 13.0 * unit,
        ],
        // Scale bar, bottom left.
        [
            frame_origin[0],
            frame_origin[1] + frame_size[1] - 3.0 * unit - text_size * 2.5,
            frame_origin[0] + frame_size[0] * 0.3,
            frame_origin[1] + frame_size[1],
        ],
    ];
    let unlabelled = labels(&mut svg, spec, frame, text_size * 0.78, &reserved, poles);
    svg.push_str("</g>\n");
    (svg, unlabelled)
}

pub(super) fn north_arrow(svg: &mut String, [x, y]: [f64; 2], unit: f64) {
    let h = 6.0 * unit;
    let w = 2.2 * unit;
    let _ = writeln!(
        svg,
        r##"<g id="north-arrow"><path d="M{x:.2},{y:.2} L{:.2},{:.2} L{x:.2},{:.2} Z" fill="#222222"/><path d="M{x:.2},{y:.2} L{:.2},{:.2} L{x:.2},{:.2} Z" fill="#ffffff" stroke="#222222" stroke-width="{:.2}"/><text x="{x:.2}" y="{:.2}" font-size="{:.2}" text-anchor="middle" font-weight="bold">N</text></g>"##,
        x - w / 2.0,
        y + h,
        y + h * 0.75,
        x + w / 2.0,
        y + h,
        y + h * 0.75,
        0.15 * unit,
        y + h + 2.6 * unit,
        2.2 * unit
    );
}

pub(super) fn scale_bar(
    svg: &mut String,
    frame: &Frame,
    [x, y]: [f64; 2],
    unit: f64,
    text_size: f64,
) {
    let metres = scale_length(frame.mm_per_m, frame.size[0] * 0.25);
    let length = metres * frame.mm_per_m;
    let label = if metres >= 1000.0 {
        format!("{} km", metres / 1000.0)
    } else {
        format!("{metres} m")
    };
    let _ = writeln!(
        svg,
        r##"<g id="scale-bar"><rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="#ffffff" fill-opacity="0.85"/><rect x="{x:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="#222222"/><rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="#ffffff" stroke="#222222" stroke-width="{:.2}"/><text x="{:.2}" y="{:.2}" font-size="{text_size:.2}" text-anchor="middle">{label}</text></g>"##,
        x - unit,
        y - text_size * 1.8,
        length + 2.0 * unit,
        text_size * 1.8 + unit * 1.6,
        y,
        length / 2.0,
        unit * 0.8,
        x + length / 2.0,
        y,
        length / 2.0,
        unit * 0.8,
        unit * 0.1,
        x + length / 2.0,
        y - text_size * 0.5
    );
}

/// The background tiles, each an image placed at its box (slightly enlarged so no hairline of
/// white shows between neighbours after anti-aliasing).
fn draw_background(svg: &mut String, spec: &MapSpec, frame: &Frame) {
    use base64::Engine as _;
    if spec.background.is_empty() {
        return;
    }
    svg.push_str("<g id=\"background\">\n");
    for tile in &spec.background {
        let [min_x, min_y, max_x, max_y] = tile.box_in_map;
        let top_left = frame.page([min_x, max_y]);
        let bottom_right = frame.page([max_x, min_y]);
        let mime = if tile.image.starts_with(&[0xFF, 0xD8]) {
            "image/jpeg"
        } else {
            "image/png"
        };
        let _ = writeln!(
            svg,
            r#"<image x="{:.3}" y="{:.3}" width="{:.3}" height="{:.3}" preserveAspectRatio="none" href="data:{mime};base64,{}"/>"#,
            top_left[0] - 0.02,
            top_left[1] - 0.02,
            bottom_right[0] - top_left[0] + 0.04,
            bottom_right[1] - top_left[1] + 0.04,
            base64::engine::general_purpose::STANDARD.encode(&tile.image)
        );
    }
    svg.push_str("</g>\n");
}
