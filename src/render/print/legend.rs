//! The legend's lines and how they are split into columns.

use super::*;

/// What one legend line shows.
pub(super) enum Symbol {
    /// An area's fill.
    Area([u8; 3]),
    /// A highlighted problem.
    Solid([u8; 3]),
    /// A partner division's dashed outline, with its dash pattern's number.
    Dashed([u8; 3], usize),
}

pub(super) struct LegendEntry {
    pub(super) symbol: Symbol,
    pub(super) text: String,
}

pub(super) fn legend_entries(spec: &MapSpec) -> Vec<LegendEntry> {
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
pub(super) struct LegendMetrics {
    pub(super) size: f64,
    pub(super) swatch: f64,
    pub(super) line: f64,
    pub(super) max_chars: usize,
}

impl LegendMetrics {
    pub(super) fn new(size: f64, width: f64) -> LegendMetrics {
        let swatch = size * 1.1;
        LegendMetrics {
            size,
            swatch,
            line: size * 1.7,
            // Long names wrap so that the legend never runs off the page.
            max_chars: ((width - swatch * 1.6) / (size * 0.55)).max(8.0) as usize,
        }
    }

    pub(super) fn heading(&self) -> f64 {
        self.size + self.line * 0.8
    }

    pub(super) fn entry_height(&self, text: &str) -> f64 {
        let lines = wrap(text, self.max_chars).len().max(1);
        self.line
            .max(self.size * 1.2 * lines as f64 + self.size * 0.5)
    }

    pub(super) fn note_line(&self) -> f64 {
        self.size * 1.15
    }
}

/// Splits legend entries into `columns` runs of about equal height, keeping their order.
pub(super) fn legend_columns(
    entries: &[LegendEntry],
    metrics: &LegendMetrics,
    columns: usize,
) -> Vec<usize> {
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

/// The legend's note on areas left without a label.
pub(super) fn unlabelled_note(spec: &MapSpec, unlabelled: &[String]) -> String {
    if unlabelled.len() > MAX_UNLABELLED_NAMED {
        format!("{}: {}", spec.words.not_labelled, unlabelled.len())
    } else {
        format!("{}: {}", spec.words.not_labelled, unlabelled.join(", "))
    }
}

pub(super) fn draw_legend(
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
pub(super) fn wrap(text: &str, max: usize) -> Vec<String> {
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
