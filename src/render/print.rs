//! Print-quality maps for communication: one layout (title, map frame, legend, scale bar,
//! north arrow, credit and date) written as SVG with real text, and from that SVG as PNG
//! (resvg) and vector PDF with the font embedded (svg2pdf). The bundled DejaVu Sans makes the
//! output the same on every machine.

use std::fmt::Write as _;

use geo::{Area, BoundingRect, MultiPolygon};

use super::labels::LabelGrid;
use crate::geometry::pole_of_inaccessibility;
use crate::model::bounding_box;

/// Above this many areas, labels that do not fit are not moved out with leader lines.
const MAX_LEADERS: usize = 60;

/// The legend lists at most this many areas one by one.
const MAX_LEGEND_AREAS: usize = 24;

/// The legend names at most this many unlabelled areas; beyond that it gives their number.
const MAX_UNLABELLED_NAMED: usize = 12;

/// The bundled fonts (DejaVu Sans, see assets/fonts/LICENSE-DejaVu.txt).
pub const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
const FONT_FAMILY: &str = "DejaVu Sans";
/// What an SVG asks for: the bundled font, else fonts of about its width (an SVG opened on a
/// machine without DejaVu Sans keeps its labels inside their boxes).
const SVG_FONT_FAMILIES: &str = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif";

/// One agreed area on the map.
#[derive(Clone, Debug)]
pub struct MapArea {
    pub name: String,
    pub colour: [u8; 3],
    pub geometry: MultiPolygon<f64>,
}

/// A partner division drawn as thin dashed outlines.
#[derive(Clone, Debug)]
pub struct MapOutlines {
    pub name: String,
    pub colour: [u8; 3],
    pub geometries: Vec<MultiPolygon<f64>>,
}

/// Everything a printed map shows. Geometry is in the working CRS (metres).
#[derive(Clone, Debug)]
pub struct MapSpec {
    pub title: String,
    pub subtitle: Option<String>,
    /// Page size in millimetres.
    pub page_mm: [f64; 2],
    pub areas: Vec<MapArea>,
    pub outlines: Vec<MapOutlines>,
    /// Problem pieces (gaps, overlaps) to highlight, with their legend text.
    pub highlights: Vec<(String, [u8; 3], Vec<MultiPolygon<f64>>)>,
    /// E.g. "Bron: CBS / Kadaster".
    pub credit: String,
    /// The date printed under the credit.
    pub date: String,
    /// The fixed words on the map, in the map's language.
    pub words: MapWords,
}

/// The fixed words a map prints, in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct MapWords {
    /// The legend's heading.
    pub legend: String,
    /// Before the names of areas without a label.
    pub not_labelled: String,
    /// The one legend line for many areas; `{n}` is replaced by their number.
    pub areas_counted: String,
    pub gap: String,
    pub overlap: String,
    /// The credit line when CBS data is used.
    pub credit_cbs: String,
    /// The credit line otherwise.
    pub credit_own: String,
    /// Before a source a layer names for itself ("Bron: …").
    pub source: String,
}

impl MapWords {
    pub fn dutch() -> MapWords {
        MapWords {
            legend: "Legenda".into(),
            not_labelled: "Niet gelabeld".into(),
            areas_counted: "{n} gebieden".into(),
            gap: "Gat".into(),
            overlap: "Overlap".into(),
            credit_cbs: "Bron: CBS / Kadaster".into(),
            credit_own: "Gemaakt met gebieden".into(),
            source: "Bron".into(),
        }
    }

    pub fn english() -> MapWords {
        MapWords {
            legend: "Legend".into(),
            not_labelled: "Not labelled".into(),
            areas_counted: "{n} areas".into(),
            gap: "Gap".into(),
            overlap: "Overlap".into(),
            credit_cbs: "Source: CBS / Kadaster".into(),
            credit_own: "Made with gebieden".into(),
            source: "Source".into(),
        }
    }
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Text width in millimetres at `size_mm`, from the font's advance widths.
fn text_width_mm(text: &str, size_mm: f64, bold: bool) -> f64 {
    let Ok(face) = ttf_parser::Face::parse(if bold { FONT_BOLD } else { FONT_REGULAR }, 0) else {
        return text.chars().count() as f64 * size_mm * 0.6;
    };
    let units = face.units_per_em() as f64;
    let advance: f64 = text
        .chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .unwrap_or((units * 0.6) as u16) as f64
        })
        .sum();
    advance / units * size_mm
}

/// Maps the working CRS into the map frame (millimetres on the page, y down).
struct Frame {
    origin: [f64; 2],
    size: [f64; 2],
    bbox: [f64; 4],
    mm_per_m: f64,
}

impl Frame {
    fn fit(origin: [f64; 2], size: [f64; 2], bbox: [f64; 4]) -> Frame {
        let (w, h) = ((bbox[2] - bbox[0]).max(1.0), (bbox[3] - bbox[1]).max(1.0));
        let mm_per_m = (size[0] / w).min(size[1] / h) * 0.94;
        Frame {
            origin,
            size,
            bbox,
            mm_per_m,
        }
    }

    fn page(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        let centre = [
            (self.bbox[0] + self.bbox[2]) / 2.0,
            (self.bbox[1] + self.bbox[3]) / 2.0,
        ];
        [
            self.origin[0] + self.size[0] / 2.0 + (x - centre[0]) * self.mm_per_m,
            self.origin[1] + self.size[1] / 2.0 - (y - centre[1]) * self.mm_per_m,
        ]
    }

    /// The map position of a page position (the inverse of [`Self::page`]).
    fn map(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        let centre = [
            (self.bbox[0] + self.bbox[2]) / 2.0,
            (self.bbox[1] + self.bbox[3]) / 2.0,
        ];
        [
            centre[0] + (x - self.origin[0] - self.size[0] / 2.0) / self.mm_per_m,
            centre[1] - (y - self.origin[1] - self.size[1] / 2.0) / self.mm_per_m,
        ]
    }

    fn path(&self, geometry: &MultiPolygon<f64>) -> String {
        let mut d = String::new();
        for polygon in &geometry.0 {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                for (i, c) in ring.0.iter().enumerate() {
                    let [x, y] = self.page([c.x, c.y]);
                    let _ = write!(d, "{}{x:.2},{y:.2}", if i == 0 { "M" } else { "L" });
                }
                d.push('Z');
            }
        }
        d
    }
}

/// The dash pattern of the `index`th partner division: each its own, so that divisions stay
/// apart where colours are hard to tell (colour-blindness, a grey printer).
fn dashes(index: usize, unit: f64) -> String {
    const PATTERNS: [&[f64]; 5] = [
        &[1.6, 0.9],
        &[0.5, 0.6],
        &[2.4, 0.7, 0.5, 0.7],
        &[3.2, 1.2],
        &[1.0, 0.6, 0.3, 0.6, 0.3, 0.6],
    ];
    PATTERNS[index % PATTERNS.len()]
        .iter()
        .map(|d| format!("{:.2}", d * unit))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A round scale-bar length in metres that takes at most `max_mm` on the page.
fn scale_length(mm_per_m: f64, max_mm: f64) -> f64 {
    let max_m = max_mm / mm_per_m;
    let magnitude = 10f64.powf(max_m.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&m| m <= max_m)
        .unwrap_or(magnitude)
}

/// The page layout of a map: sizes (mm), where the map frame is and where the legend goes.
struct Layout {
    unit: f64,
    margin: f64,
    title_size: f64,
    text_size: f64,
    frame: Frame,
    legend: LegendPlace,
}

/// Where the legend goes: beside the map on landscape pages, below it on portrait pages
/// (beside it, a portrait map would be squeezed into a narrow strip).
struct LegendPlace {
    origin: [f64; 2],
    width: f64,
    columns: usize,
    /// Lines kept free for the "not labelled" note (below the map only; beside it there is room).
    note_lines: usize,
}

/// What one legend line shows.
enum Symbol {
    /// An area's fill.
    Area([u8; 3]),
    /// A highlighted problem.
    Solid([u8; 3]),
    /// A partner division's dashed outline, with its dash pattern's number.
    Dashed([u8; 3], usize),
}

struct LegendEntry {
    symbol: Symbol,
    text: String,
}

fn legend_entries(spec: &MapSpec) -> Vec<LegendEntry> {
    let mut entries = Vec::new();
    // A legend of hundreds of areas is no legend: past this many, the areas get one line.
    if spec.areas.len() <= MAX_LEGEND_AREAS {
        for area in &spec.areas {
            entries.push(LegendEntry {
                symbol: Symbol::Area(area.colour),
                text: area.name.clone(),
            });
        }
    } else {
        entries.push(LegendEntry {
            symbol: Symbol::Area(spec.areas[0].colour),
            text: spec
                .words
                .areas_counted
                .replace("{n}", &spec.areas.len().to_string()),
        });
    }
    for (name, colour, _) in &spec.highlights {
        entries.push(LegendEntry {
            symbol: Symbol::Solid(*colour),
            text: name.clone(),
        });
    }
    for (i, outlines) in spec.outlines.iter().enumerate() {
        entries.push(LegendEntry {
            symbol: Symbol::Dashed(outlines.colour, i),
            text: outlines.name.clone(),
        });
    }
    entries
}

/// Legend metrics at text size `size` in a column `width` mm wide.
struct LegendMetrics {
    size: f64,
    swatch: f64,
    line: f64,
    max_chars: usize,
}

impl LegendMetrics {
    fn new(size: f64, width: f64) -> LegendMetrics {
        let swatch = size * 1.1;
        LegendMetrics {
            size,
            swatch,
            line: size * 1.7,
            // Long names wrap so that the legend never runs off the page.
            max_chars: ((width - swatch * 1.6) / (size * 0.55)).max(8.0) as usize,
        }
    }

    fn heading(&self) -> f64 {
        self.size + self.line * 0.8
    }

    fn entry_height(&self, text: &str) -> f64 {
        let lines = wrap(text, self.max_chars).len().max(1);
        self.line
            .max(self.size * 1.2 * lines as f64 + self.size * 0.5)
    }

    fn note_line(&self) -> f64 {
        self.size * 1.15
    }
}

/// Splits legend entries into `columns` runs of about equal height, keeping their order.
fn legend_columns(entries: &[LegendEntry], metrics: &LegendMetrics, columns: usize) -> Vec<usize> {
    let heights: Vec<f64> = entries
        .iter()
        .map(|e| metrics.entry_height(&e.text))
        .collect();
    let total: f64 = heights.iter().sum();
    let target = total / columns.max(1) as f64;
    let mut starts = vec![0];
    let mut height = 0.0;
    for (i, h) in heights.iter().enumerate() {
        if height > 0.0 && height + h / 2.0 > target && starts.len() < columns {
            starts.push(i);
            height = 0.0;
        }
        height += h;
    }
    starts
}

fn layout(spec: &MapSpec, entries: &[LegendEntry], note_lines: usize) -> Layout {
    let [page_w, page_h] = spec.page_mm;
    let unit = page_w.min(page_h) / 100.0; // 2.1 mm on A4 portrait
    let margin = 6.0 * unit;
    let title_size = 4.2 * unit;
    let text_size = 1.9 * unit;
    let header_h = title_size * 1.6
        + if spec.subtitle.is_some() {
            text_size * 1.8
        } else {
            0.0
        };
    let footer_h = text_size * 3.0;
    let frame_origin = [margin, margin + header_h];
    // Fit on the agreed areas when there are any: partner layers may reach far beyond.
    let areas = bounding_box(spec.areas.iter().map(|a| &a.geometry));
    let everything = bounding_box(spec.outlines.iter().flat_map(|o| o.geometries.iter()));
    let focus = areas.or(everything).unwrap_or([0.0, 0.0, 1000.0, 1000.0]);
    let aspect = (focus[3] - focus[1]).max(1.0) / (focus[2] - focus[0]).max(1.0);
    let (frame_size, legend) = if page_h > page_w {
        let width = page_w - 2.0 * margin;
        let columns = match entries.len() {
            0..=4 => 1,
            5..=12 => 2,
            _ => 3,
        };
        let column_w = (width - (columns - 1) as f64 * 2.0 * unit) / columns as f64;
        let metrics = LegendMetrics::new(text_size, column_w);
        let starts = legend_columns(entries, &metrics, columns);
        let tallest = (0..starts.len())
            .map(|c| {
                let end = starts.get(c + 1).copied().unwrap_or(entries.len());
                entries[starts[c]..end]
                    .iter()
                    .map(|e| metrics.entry_height(&e.text))
                    .sum::<f64>()
            })
            .fold(0.0, f64::max);
        let legend_h = metrics.heading()
            + tallest
            + if note_lines > 0 {
                text_size * 0.5 + note_lines as f64 * metrics.note_line()
            } else {
                0.0
            };
        let room = page_h - 2.0 * margin - header_h - footer_h - legend_h - 2.0 * unit;
        // A wide map on a tall page: no empty band between the map and its legend.
        // (Room around the map for the north arrow and the scale bar.)
        let frame_size = [
            width,
            room.min((width * aspect * 1.08 + 10.0 * unit).max(40.0 * unit)),
        ];
        let legend = LegendPlace {
            origin: [margin, frame_origin[1] + frame_size[1] + 3.0 * unit],
            width,
            columns,
            note_lines,
        };
        (frame_size, legend)
    } else {
        let legend_w = (page_w * 0.26).max(45.0 * unit);
        let frame_size = [
            page_w - 2.0 * margin - legend_w - margin * 0.5,
            page_h - 2.0 * margin - header_h - footer_h,
        ];
        let legend = LegendPlace {
            origin: [page_w - margin - legend_w, frame_origin[1]],
            width: legend_w,
            columns: 1,
            note_lines: usize::MAX,
        };
        (frame_size, legend)
    };

    let frame = Frame::fit(frame_origin, frame_size, focus);
    Layout {
        unit,
        margin,
        title_size,
        text_size,
        frame,
        legend,
    }
}

/// The final layout with the map's drawing (areas, outlines, labels) and the areas left
/// unlabelled. Below the map, the legend's note on unlabelled areas needs room that is only
/// known once the labels are placed; when the first guess was short, the map is laid out a
/// second time.
fn lay_out_and_draw(spec: &MapSpec) -> (Layout, Vec<LegendEntry>, String, Vec<String>) {
    let entries = legend_entries(spec);
    // Maps of hundreds of areas always leave some small ones unlabelled: one line for their
    // number. (Saves laying out the national buurten twice.)
    let guess = usize::from(spec.areas.len() > MAX_LEADERS);
    let first = layout(spec, &entries, guess);
    let poles = label_points(spec);
    let (body, unlabelled) = draw_map(spec, &first, &poles);
    let metrics = LegendMetrics::new(first.text_size, first.legend.width);
    let lines = if unlabelled.is_empty() {
        0
    } else {
        wrap(&unlabelled_note(spec, &unlabelled), metrics.max_chars + 4).len()
    };
    if lines <= first.legend.note_lines {
        return (first, entries, body, unlabelled);
    }
    // One spare line: the smaller map may leave a label or two more without room.
    let second = layout(spec, &entries, lines + 1);
    let (body, unlabelled) = draw_map(spec, &second, &poles);
    (second, entries, body, unlabelled)
}

/// Where map positions land on the page (mm from the top-left corner), for checking output.
pub fn page_positions(spec: &MapSpec, positions: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let frame = lay_out_and_draw(spec).0.frame;
    positions.iter().map(|&p| frame.page(p)).collect()
}

/// The map frame's contents: areas, highlights, partner outlines and labels, clipped to the
/// frame, and the names of areas that could not be labelled.
fn draw_map(
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
    let _ = writeln!(
        svg,
        r##"<g id="areas" stroke="#ffffff" stroke-width="{:.2}" fill-rule="evenodd">"##,
        0.25 * unit
    );
    for area in &spec.areas {
        let _ = writeln!(
            svg,
            r#"<path d="{}" fill="{}" fill-opacity="0.8"><title>{}</title></path>"#,
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

/// Each area's label point: the pole of inaccessibility of its largest part (in parallel:
/// a national layer has thousands).
fn label_points(spec: &MapSpec) -> Vec<Option<geo::Coord<f64>>> {
    use rayon::prelude::*;
    spec.areas
        .par_iter()
        .map(|area| {
            let largest = area
                .geometry
                .0
                .iter()
                .max_by(|x, y| x.unsigned_area().total_cmp(&y.unsigned_area()))?;
            pole_of_inaccessibility(largest).map(|(pole, _)| pole)
        })
        .collect()
}

/// Area labels at each area's pole of inaccessibility (or the nearest place in the area where
/// they fit), with a white halo, on one to four lines, shrunk to at most two thirds of the
/// normal size if that makes them fit; kept only where the whole label lies inside its own
/// area. A label that still does not fit moves out to free background beside its area, with a
/// leader line; one that finds no place is dropped and returned, for a note in the legend.
/// Labels never overlap each other, the scale bar, the north arrow or a neighbouring area.
fn labels(
    svg: &mut String,
    spec: &MapSpec,
    frame: &Frame,
    size: f64,
    reserved: &[[f64; 4]],
    poles: &[Option<geo::Coord<f64>>],
) -> Vec<String> {
    use geo::Contains;
    let mut order: Vec<usize> = (0..spec.areas.len()).collect();
    order.sort_by(|&a, &b| {
        spec.areas[b]
            .geometry
            .unsigned_area()
            .total_cmp(&spec.areas[a].geometry.unsigned_area())
    });
    // Cells of about a label's size (mm).
    let mut placed = LabelGrid::new((size * 4.0) as f32);
    for r in reserved {
        placed.insert([r[0] as f32, r[1] as f32, r[2] as f32, r[3] as f32]);
    }
    let mut dropped = Vec::new();
    let collides = |rect: [f32; 4], placed: &LabelGrid| placed.collides(rect);
    // Points all over a label box (every half text height), in map coordinates, for
    // inside/outside tests: a long label must not cross a neighbour's arm between samples.
    let samples = |rect: [f32; 4], step: f64| -> Vec<geo::Point<f64>> {
        let (x0, y0, x1, y1) = (
            rect[0] as f64,
            rect[1] as f64,
            rect[2] as f64,
            rect[3] as f64,
        );
        let nx = ((x1 - x0) / step).ceil().max(1.0) as usize;
        let ny = ((y1 - y0) / step).ceil().max(1.0) as usize;
        (0..=nx)
            .flat_map(|i| {
                (0..=ny).map(move |j| {
                    [
                        x0 + (x1 - x0) * i as f64 / nx as f64,
                        y0 + (y1 - y0) * j as f64 / ny as f64,
                    ]
                })
            })
            .map(|p| frame.map(p))
            .map(|[x, y]| geo::Point::new(x, y))
            .collect()
    };
    let in_frame = |r: [f32; 4]| {
        r[0] as f64 >= frame.origin[0]
            && r[1] as f64 >= frame.origin[1]
            && r[2] as f64 <= frame.origin[0] + frame.size[0]
            && r[3] as f64 <= frame.origin[1] + frame.size[1]
    };
    let rect_of = |lines: &[String], [x, y]: [f64; 2], size: f64| {
        let width = lines
            .iter()
            .map(|l| text_width_mm(l, size, true))
            .fold(0.0, f64::max)
            + size * 0.3;
        let height = size * 1.2 * lines.len() as f64;
        [
            (x - width / 2.0) as f32,
            (y - height / 2.0) as f32,
            (x + width / 2.0) as f32,
            (y + height / 2.0) as f32,
        ]
    };
    for index in order {
        let area = &spec.areas[index];
        let Some(pole) = poles[index] else {
            continue;
        };
        let anchor = frame.page([pole.x, pole.y]);
        let chars = area.name.chars().count().max(1);
        let layouts: Vec<Vec<String>> = (1..=4)
            .map(|n| {
                if n == 1 {
                    vec![area.name.clone()]
                } else {
                    wrap(&area.name, chars.div_ceil(n) + 2)
                }
            })
            .collect();
        // Inside: the pole first, then other points of the area nearest to it.
        let mut positions = vec![anchor];
        if let Some(r) = area.geometry.bounding_rect() {
            let (top_left, bottom_right) = (
                frame.page([r.min().x, r.max().y]),
                frame.page([r.max().x, r.min().y]),
            );
            let step = size;
            let mut y = top_left[1];
            while y <= bottom_right[1] {
                let mut x = top_left[0];
                while x <= bottom_right[0] {
                    positions.push([x, y]);
                    x += step;
                }
                y += step;
            }
            positions[1..].sort_by(|a, b| {
                (a[0] - anchor[0])
                    .hypot(a[1] - anchor[1])
                    .total_cmp(&(b[0] - anchor[0]).hypot(b[1] - anchor[1]))
            });
            positions.truncate(6000);
        }
        let mut spot: Option<(Vec<String>, [f32; 4], f64, bool)> = None;
        let area_box = area
            .geometry
            .bounding_rect()
            .map(|r| {
                (
                    (r.max().x - r.min().x) * frame.mm_per_m,
                    (r.max().y - r.min().y) * frame.mm_per_m,
                )
            })
            .unwrap_or((0.0, 0.0));
        'inside: for scale in [1.0, 0.85, 0.7] {
            let size = size * scale;
            for lines in &layouts {
                // A label larger than the area's box cannot fit anywhere inside it.
                let probe = rect_of(lines, anchor, size);
                if (probe[2] - probe[0]) as f64 > area_box.0
                    || (probe[3] - probe[1]) as f64 > area_box.1
                {
                    continue;
                }
                for &at in &positions {
                    let rect = rect_of(lines, at, size);
                    if in_frame(rect)
                        && !collides(rect, &placed)
                        && samples(rect, size * 0.5)
                            .iter()
                            .all(|p| area.geometry.contains(p))
                    {
                        spot = Some((lines.clone(), rect, size, false));
                        break 'inside;
                    }
                }
            }
        }
        // On maps with hundreds of areas the leaders would be a tangle: small areas go unlabelled.
        if spot.is_none() && spec.areas.len() <= MAX_LEADERS {
            // Outside: free background around the area, nearest first.
            let lines = layouts[1.min(layouts.len() - 1)].clone();
            let probe = rect_of(&lines, anchor, size);
            let (w, h) = ((probe[2] - probe[0]) as f64, (probe[3] - probe[1]) as f64);
            'outside: for distance in [1.0, 1.5, 2.0, 2.8, 3.8, 5.0, 6.5, 8.5] {
                for k in 0..24 {
                    let angle = k as f64 * std::f64::consts::TAU / 24.0;
                    let at = [
                        anchor[0] + angle.cos() * (w / 2.0 + size * 2.0) * distance,
                        anchor[1] + angle.sin() * (h / 2.0 + size * 2.0) * distance,
                    ];
                    let rect = rect_of(&lines, at, size);
                    if in_frame(rect)
                        && !collides(rect, &placed)
                        && samples(rect, size * 0.5)
                            .iter()
                            .all(|p| spec.areas.iter().all(|a| !a.geometry.contains(p)))
                    {
                        spot = Some((lines.clone(), rect, size, true));
                        break 'outside;
                    }
                }
            }
        }
        let Some((lines, rect, size, leader)) = spot else {
            dropped.push(area.name.clone());
            continue;
        };
        placed.insert(rect);
        let centre = [
            (rect[0] as f64 + rect[2] as f64) / 2.0,
            (rect[1] as f64 + rect[3] as f64) / 2.0,
        ];
        if leader {
            // The leader ends at the label's nearest edge.
            let end = [
                centre[0],
                if anchor[1] < centre[1] {
                    rect[1] as f64
                } else {
                    rect[3] as f64
                },
            ];
            let _ = writeln!(
                svg,
                r##"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="#222222" stroke-width="{:.2}"/><circle cx="{:.2}" cy="{:.2}" r="{:.2}" fill="#222222"/>"##,
                anchor[0],
                anchor[1],
                end[0],
                end[1],
                size * 0.06,
                anchor[0],
                anchor[1],
                size * 0.15
            );
        }
        // One text element per label (a line per tspan), so the name is one object in the SVG.
        let line_height = size * 1.2;
        let top = rect[1] as f64 + line_height * 0.8;
        let _ = write!(
            svg,
            r##"<text font-size="{size:.2}" font-weight="bold" text-anchor="middle" fill="#111111" stroke="#ffffff" stroke-width="{:.2}" stroke-linejoin="round" paint-order="stroke">"##,
            size * 0.25,
        );
        for (i, line) in lines.iter().enumerate() {
            let _ = write!(
                svg,
                r#"<tspan x="{:.2}" y="{:.2}">{}</tspan>"#,
                centre[0],
                top + line_height * i as f64,
                escape(line)
            );
        }
        svg.push_str("</text>\n");
    }
    dropped
}

fn north_arrow(svg: &mut String, [x, y]: [f64; 2], unit: f64) {
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

fn scale_bar(svg: &mut String, frame: &Frame, [x, y]: [f64; 2], unit: f64, text_size: f64) {
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

/// The legend's note on areas left without a label.
fn unlabelled_note(spec: &MapSpec, unlabelled: &[String]) -> String {
    if unlabelled.len() > MAX_UNLABELLED_NAMED {
        format!("{}: {}", spec.words.not_labelled, unlabelled.len())
    } else {
        format!("{}: {}", spec.words.not_labelled, unlabelled.join(", "))
    }
}

fn draw_legend(
    svg: &mut String,
    spec: &MapSpec,
    place: &LegendPlace,
    entries: &[LegendEntry],
    size: f64,
    unit: f64,
    unlabelled: &[String],
) {
    let [x0, y0] = place.origin;
    let gap = 2.0 * unit;
    let column_w = (place.width - (place.columns - 1) as f64 * gap) / place.columns as f64;
    let metrics = LegendMetrics::new(size, column_w);
    let LegendMetrics { swatch, .. } = metrics;
    let _ = writeln!(
        svg,
        r#"<g id="legend"><text x="{x0:.2}" y="{:.2}" font-size="{:.2}" font-weight="bold">{}</text>"#,
        y0 + size,
        size * 1.15,
        escape(&spec.words.legend)
    );
    let top = y0 + metrics.heading();
    let starts = legend_columns(entries, &metrics, place.columns);
    let mut bottom = top;
    for (column, &start) in starts.iter().enumerate() {
        let end = starts.get(column + 1).copied().unwrap_or(entries.len());
        let x = x0 + column as f64 * (column_w + gap);
        let mut cy = top;
        for entry in &entries[start..end] {
            let _ = match entry.symbol {
                Symbol::Area(colour) => writeln!(
                    svg,
                    r##"<rect x="{x:.2}" y="{cy:.2}" width="{swatch:.2}" height="{swatch:.2}" fill="{}" fill-opacity="0.8" stroke="#333333" stroke-width="{:.2}"/>"##,
                    hex(colour),
                    size * 0.05
                ),
                Symbol::Solid(colour) => writeln!(
                    svg,
                    r#"<rect x="{x:.2}" y="{cy:.2}" width="{swatch:.2}" height="{swatch:.2}" fill="{}"/>"#,
                    hex(colour)
                ),
                Symbol::Dashed(colour, index) => writeln!(
                    svg,
                    r#"<line x1="{x:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="{}" stroke-width="{:.2}" stroke-dasharray="{}"/>"#,
                    cy + swatch / 2.0,
                    x + swatch,
                    cy + swatch / 2.0,
                    hex(colour),
                    size * 0.16,
                    dashes(index, unit * 0.35)
                ),
            };
            let _ = write!(svg, r#"<text font-size="{size:.2}">"#);
            for (i, chunk) in wrap(&entry.text, metrics.max_chars).iter().enumerate() {
                let _ = write!(
                    svg,
                    r#"<tspan x="{:.2}" y="{:.2}">{}</tspan>"#,
                    x + swatch * 1.6,
                    cy + size * 0.85 + size * 1.2 * i as f64,
                    escape(chunk)
                );
            }
            svg.push_str("</text>\n");
            cy += metrics.entry_height(&entry.text);
        }
        bottom = bottom.max(cy);
    }
    if !unlabelled.is_empty() {
        let note_metrics = LegendMetrics::new(size, place.width);
        let mut lines = wrap(
            &unlabelled_note(spec, unlabelled),
            note_metrics.max_chars + 4,
        );
        if lines.len() > place.note_lines {
            lines.truncate(place.note_lines);
            if let Some(last) = lines.last_mut() {
                last.push_str(" …");
            }
        }
        let mut cy = bottom + size * 0.5;
        for line in lines {
            let _ = writeln!(
                svg,
                r##"<text x="{x0:.2}" y="{:.2}" font-size="{:.2}" fill="#444444">{}</text>"##,
                cy + size * 0.8,
                size * 0.85,
                escape(&line)
            );
            cy += metrics.note_line();
        }
    }
    svg.push_str("</g>\n");
}

/// Wraps text at spaces to lines of at most `max` characters.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(last) if last.chars().count() + 1 + word.chars().count() <= max => {
                last.push(' ');
                last.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// Why a map could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the map could not be laid out: {0}")]
    Svg(String),
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
    #[error("a {0} × {1} pixel image is too large")]
    TooLarge(u32, u32),
}

fn tree(svg: &str) -> Result<resvg::usvg::Tree, RenderError> {
    let mut options = resvg::usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_font_data(FONT_REGULAR.to_vec());
    fonts.load_font_data(FONT_BOLD.to_vec());
    fonts.set_sans_serif_family(FONT_FAMILY);
    resvg::usvg::Tree::from_str(svg, &options).map_err(|e| RenderError::Svg(e.to_string()))
}

fn pixmap(svg: &str, width: u32, height: u32) -> Result<resvg::tiny_skia::Pixmap, RenderError> {
    if width == 0 || height == 0 || (width as u64) * (height as u64) > 200_000_000 {
        return Err(RenderError::TooLarge(width, height));
    }
    let tree = tree(svg)?;
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(width, height).ok_or(RenderError::TooLarge(width, height))?;
    let size = tree.size();
    let transform = resvg::tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Ok(pixmap)
}

/// Renders the SVG to a PNG of exactly `width` × `height` pixels.
pub fn svg_to_png(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, RenderError> {
    pixmap(svg, width, height)?
        .encode_png()
        .map_err(|e| RenderError::Svg(e.to_string()))
}

/// Renders the SVG to premultiplied RGBA pixels, row by row (for an on-screen preview).
pub fn svg_to_rgba(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, RenderError> {
    Ok(pixmap(svg, width, height)?.take())
}

/// Converts the SVG to a vector PDF with the fonts embedded.
pub fn svg_to_pdf(svg: &str) -> Result<Vec<u8>, RenderError> {
    let tree = tree(svg)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| RenderError::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
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
