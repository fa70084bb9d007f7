//! Print-quality maps for communication: one layout (title, map frame, legend, scale bar,
//! north arrow, credit and date) written as SVG with real text, and from that SVG as PNG
//! (resvg) and vector PDF with the font embedded (svg2pdf). The bundled DejaVu Sans makes the
//! output the same on every machine.

mod draw;
mod labels;
mod layout;
mod legend;
mod output;
mod report;
mod spec;

// The parts see each other through this module: the layout, legend and drawing share their
// types and helpers, which stay private to printing.
use draw::*;
use labels::*;
pub use layout::{map_view, page_positions};
use layout::*;
use legend::*;
pub use output::{RenderError, svg_to_pdf, svg_to_png, svg_to_rgba};
pub use report::{ReportCell, ReportSection, ReportSpec, pages_to_pdf, report_pages_svg};
use spec::*;
pub use spec::{BackgroundTile, MapArea, MapOutlines, MapSpec, MapWords};

use std::fmt::Write as _;

use geo::{Area, BoundingRect, MultiPolygon};

use super::labels::LabelGrid;
use crate::geometry::pole_of_inaccessibility;
use crate::model::bounding_box;

/// Above this many areas, labels that do not fit are not moved out with leader lines.
pub(super) const MAX_LEADERS: usize = 60;

/// The legend lists at most this many areas one by one.
pub(super) const MAX_LEGEND_AREAS: usize = 24;

/// The legend names at most this many unlabelled areas; beyond that it gives their number.
pub(super) const MAX_UNLABELLED_NAMED: usize = 12;

/// The bundled fonts (DejaVu Sans, see assets/fonts/LICENSE-DejaVu.txt).
pub const FONT_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
pub const FONT_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
pub(super) const FONT_FAMILY: &str = "DejaVu Sans";
/// What an SVG asks for: the bundled font, else fonts of about its width (an SVG opened on a
/// machine without DejaVu Sans keeps its labels inside their boxes).
pub(super) const SVG_FONT_FAMILIES: &str =
    "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif";

/// The map as an SVG document (page units: millimetres).
pub fn render_svg(spec: &MapSpec) -> String {
    let [page_w, page_h] = spec.page_mm;
    let (layout, entries, body, unlabelled) = lay_out_and_draw(spec);
    let Layout {
        unit,
        margin,
        title_size,
        text_size,
        ref frame,
        ref legend,
    } = layout;
    let (frame_origin, frame_size) = (frame.origin, frame.size);

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{page_w}mm" height="{page_h}mm" viewBox="0 0 {page_w} {page_h}" font-family="{SVG_FONT_FAMILIES}">"#
    );
    let _ = writeln!(
        svg,
        r#"<rect width="{page_w}" height="{page_h}" fill="white"/>"#
    );
    svg.push_str(&body);
    let _ = writeln!(
        svg,
        r##"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="none" stroke="#444444" stroke-width="{:.2}"/>"##,
        frame_origin[0],
        frame_origin[1],
        frame_size[0],
        frame_size[1],
        0.3 * unit
    );

    // Title.
    let _ = writeln!(
        svg,
        r#"<text x="{margin:.2}" y="{:.2}" font-size="{title_size:.2}" font-weight="bold">{}</text>"#,
        margin + title_size,
        escape(&spec.title)
    );
    if let Some(subtitle) = &spec.subtitle {
        let _ = writeln!(
            svg,
            r##"<text x="{margin:.2}" y="{:.2}" font-size="{text_size:.2}" fill="#444444">{}</text>"##,
            margin + title_size + text_size * 1.6,
            escape(subtitle)
        );
    }

    north_arrow(
        &mut svg,
        [
            frame_origin[0] + frame_size[0] - 6.0 * unit,
            frame_origin[1] + 3.0 * unit,
        ],
        unit,
    );
    scale_bar(
        &mut svg,
        frame,
        [
            frame_origin[0] + 3.0 * unit,
            frame_origin[1] + frame_size[1] - 3.0 * unit,
        ],
        unit,
        text_size,
    );
    draw_legend(
        &mut svg,
        spec,
        legend,
        &entries,
        text_size,
        unit,
        &unlabelled,
    );

    // Credit and date.
    let _ = writeln!(
        svg,
        r##"<text x="{margin:.2}" y="{:.2}" font-size="{:.2}" fill="#444444">{} · {}</text>"##,
        page_h - margin,
        text_size * 0.9,
        escape(&spec.credit),
        escape(&spec.date)
    );
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::output::tree;
    use super::*;
    use geo::wkt;

    fn spec() -> MapSpec {
        MapSpec {
            title: "Gebieden Zonnedaal".into(),
            subtitle: Some("Voorstel".into()),
            page_mm: [297.0, 210.0],
            areas: vec![
                MapArea {
                    name: "Noord".into(),
                    colour: [230, 159, 0],
                    geometry: wkt!(MULTIPOLYGON(((0. 500.,1000. 500.,1000. 1000.,0. 1000.,0. 500.)))),
                },
                MapArea {
                    name: "Zuid".into(),
                    colour: [86, 180, 233],
                    geometry: wkt!(MULTIPOLYGON(((0. 0.,1000. 0.,1000. 500.,0. 500.,0. 0.)))),
                },
            ],
            outlines: vec![MapOutlines {
                name: "politie".into(),
                colour: [213, 94, 0],
                geometries: vec![wkt!(MULTIPOLYGON(((0. 0.,600. 0.,600. 1000.,0. 1000.,0. 0.))))],
            }],
            highlights: vec![],
            credit: "Bron: CBS / Kadaster".into(),
            date: "24-11-2026".into(),
            words: MapWords::dutch(),
            background: Vec::new(),
        }
    }

    #[test]
    fn the_svg_has_real_text_and_one_group_per_layer() {
        let svg = render_svg(&spec());
        let tree = tree(&svg).unwrap();
        assert!(tree.size().width() > 0.0);
        assert!(svg.contains(r#"id="layer-politie""#));
        assert_eq!(svg.matches(">Noord</tspan>").count(), 2, "label and legend");
        assert!(svg.contains("Bron: CBS / Kadaster"));
    }

    #[test]
    fn png_has_the_requested_size_and_pdf_is_a_pdf() {
        let svg = render_svg(&spec());
        let png = svg_to_png(&svg, 600, 424).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(
            u32::from_be_bytes([png[16], png[17], png[18], png[19]]),
            600
        );
        let pdf = svg_to_pdf(&svg).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        assert!(svg_to_png(&svg, 0, 10).is_err());
    }

    /// The PNG's pixel at a map position (PNG decoded with resvg's tiny-skia).
    fn pixel(png: &[u8], spec: &MapSpec, pos: [f64; 2]) -> [u8; 3] {
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(png).unwrap();
        let [x_mm, y_mm] = page_positions(spec, &[pos])[0];
        let x = (x_mm / spec.page_mm[0] * pixmap.width() as f64) as u32;
        let y = (y_mm / spec.page_mm[1] * pixmap.height() as f64) as u32;
        let c = pixmap.pixel(x, y).unwrap();
        [c.red(), c.green(), c.blue()]
    }

    fn assert_near(got: [u8; 3], colour: [u8; 3], tolerance: i32) {
        // Fill opacity 0.8 over white.
        let expected = colour.map(|c| (c as f64 * 0.8 + 255.0 * 0.2).round() as i32);
        for k in 0..3 {
            assert!(
                (got[k] as i32 - expected[k]).abs() <= tolerance,
                "{got:?} vs {expected:?}"
            );
        }
    }

    #[test]
    fn each_area_shows_in_its_own_colour() {
        let spec = spec();
        let png = svg_to_png(&render_svg(&spec), 1200, 848).unwrap();
        // Away from the labels (at the centres) and the dashed partner line (x = 600).
        assert_near(pixel(&png, &spec, [200.0, 850.0]), spec.areas[0].colour, 3);
        assert_near(pixel(&png, &spec, [200.0, 150.0]), spec.areas[1].colour, 3);
    }

    #[test]
    fn the_svg_parses_with_each_area_name_on_the_map_and_in_the_legend() {
        let spec = spec();
        let tree = tree(&render_svg(&spec)).unwrap();
        fn texts(group: &resvg::usvg::Group, out: &mut Vec<String>) {
            for node in group.children() {
                match node {
                    resvg::usvg::Node::Text(t) => out.push(
                        t.chunks()
                            .iter()
                            .map(|c| c.text().trim())
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    resvg::usvg::Node::Group(g) => texts(g, out),
                    _ => {}
                }
            }
        }
        let mut found = Vec::new();
        texts(tree.root(), &mut found);
        for name in ["Noord", "Zuid"] {
            assert_eq!(
                found.iter().filter(|t| *t == name).count(),
                2,
                "{name} on the map and in the legend: {found:?}"
            );
        }
        assert!(
            found.iter().any(|t| t == "politie"),
            "partner layer in the legend"
        );
        assert!(found.iter().any(|t| t.contains("Bron: CBS / Kadaster")));
    }

    #[test]
    fn the_pdf_shows_the_same_map_when_poppler_is_there() {
        let spec = spec();
        let pdf = svg_to_pdf(&render_svg(&spec)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kaart.pdf");
        std::fs::write(&path, &pdf).unwrap();
        let Ok(output) = std::process::Command::new("pdftoppm")
            .args(["-png", "-r", "72", "-singlefile"])
            .arg(&path)
            .arg(dir.path().join("kaart"))
            .output()
        else {
            return; // poppler-utils is not installed here
        };
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let png = std::fs::read(dir.path().join("kaart.png")).unwrap();
        assert_near(pixel(&png, &spec, [200.0, 850.0]), spec.areas[0].colour, 6);
        assert_near(pixel(&png, &spec, [200.0, 150.0]), spec.areas[1].colour, 6);
    }

    #[test]
    fn long_text_wraps_at_spaces() {
        assert_eq!(
            wrap("5 Ulft-noord, Ulft-centrum, Varsselder", 14),
            vec!["5 Ulft-noord,", "Ulft-centrum,", "Varsselder"]
        );
    }
}
