//! The page: where the map frame goes and how the working CRS maps into it, the legend's
//! place, the scale bar's length and the partners' dash patterns.

use super::*;

/// Maps the working CRS into the map frame (millimetres on the page, y down).
pub(super) struct Frame {
    pub(super) origin: [f64; 2],
    pub(super) size: [f64; 2],
    pub(super) bbox: [f64; 4],
    pub(super) mm_per_m: f64,
}

impl Frame {
    pub(super) fn fit(origin: [f64; 2], size: [f64; 2], bbox: [f64; 4]) -> Frame {
        let (w, h) = ((bbox[2] - bbox[0]).max(1.0), (bbox[3] - bbox[1]).max(1.0));
        let mm_per_m = (size[0] / w).min(size[1] / h) * 0.94;
        Frame {
            origin,
            size,
            bbox,
            mm_per_m,
        }
    }

    pub(super) fn page(&self, [x, y]: [f64; 2]) -> [f64; 2] {
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
    pub(super) fn map(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        let centre = [
            (self.bbox[0] + self.bbox[2]) / 2.0,
            (self.bbox[1] + self.bbox[3]) / 2.0,
        ];
        [
            centre[0] + (x - self.origin[0] - self.size[0] / 2.0) / self.mm_per_m,
            centre[1] - (y - self.origin[1] - self.size[1] / 2.0) / self.mm_per_m,
        ]
    }

    pub(super) fn path(&self, geometry: &MultiPolygon<f64>) -> String {
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
pub(super) fn dashes(index: usize, unit: f64) -> String {
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
pub(super) fn scale_length(mm_per_m: f64, max_mm: f64) -> f64 {
    let max_m = max_mm / mm_per_m;
    let magnitude = 10f64.powf(max_m.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&m| m <= max_m)
        .unwrap_or(magnitude)
}

/// The page layout of a map: sizes (mm), where the map frame is and where the legend goes.
pub(super) struct Layout {
    pub(super) unit: f64,
    pub(super) margin: f64,
    pub(super) title_size: f64,
    pub(super) text_size: f64,
    pub(super) frame: Frame,
    pub(super) legend: LegendPlace,
}

/// Where the legend goes: beside the map on landscape pages, below it on portrait pages
/// (beside it, a portrait map would be squeezed into a narrow strip).
pub(super) struct LegendPlace {
    pub(super) origin: [f64; 2],
    pub(super) width: f64,
    pub(super) columns: usize,
    /// Lines kept free for the "not labelled" note (below the map only; beside it there is room).
    pub(super) note_lines: usize,
}

pub(super) fn layout(spec: &MapSpec, entries: &[LegendEntry], note_lines: usize) -> Layout {
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
pub(super) fn lay_out_and_draw(spec: &MapSpec) -> (Layout, Vec<LegendEntry>, String, Vec<String>) {
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

/// The part of the map a printed page shows inside its frame ([min x, min y, max x, max y] in
/// the working CRS) and the map's scale in millimetres of paper a metre: what a background map
/// must cover, and at what detail.
pub fn map_view(spec: &MapSpec) -> ([f64; 4], f64) {
    let frame = lay_out_and_draw(spec).0.frame;
    let top_left = frame.map(frame.origin);
    let bottom_right = frame.map([frame.origin[0] + frame.size[0], frame.origin[1] + frame.size[1]]);
    (
        [top_left[0], bottom_right[1], bottom_right[0], top_left[1]],
        frame.mm_per_m,
    )
}

/// Where map positions land on the page (mm from the top-left corner), for checking output.
pub fn page_positions(spec: &MapSpec, positions: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let frame = lay_out_and_draw(spec).0.frame;
    positions.iter().map(|&p| frame.page(p)).collect()
}
