//! Reports of several A4 pages: the printed map as the first page, then tables (headings,
//! short paragraphs, rows that wrap and break across pages), in the same fonts as the maps,
//! joined into one vector PDF.

use std::collections::HashMap;
use std::fmt::Write as _;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};

use super::*;
use super::output::tree;

/// One cell: its text and, where it speaks by colour (a status), that colour.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportCell {
    pub text: String,
    pub colour: Option<[u8; 3]>,
}

impl From<String> for ReportCell {
    fn from(text: String) -> Self {
        ReportCell { text, colour: None }
    }
}

impl From<&str> for ReportCell {
    fn from(text: &str) -> Self {
        ReportCell {
            text: text.to_string(),
            colour: None,
        }
    }
}

/// A section of the report: a heading, a few lines of text, then a table (may be empty).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportSection {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub columns: Vec<String>,
    /// Each column's share of the text width (they are scaled to fill it).
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<ReportCell>>,
}

/// The report's text pages.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportSpec {
    pub title: String,
    pub subtitle: String,
    /// Left in every page's foot (e.g. project and date); the page number goes right.
    pub footer: String,
    /// "Pagina {n} van {total}".
    pub page_words: String,
    /// Pages that come before these in the document (the map), for the page numbers.
    pub pages_before: usize,
    pub sections: Vec<ReportSection>,
}

const PAGE_MM: [f64; 2] = [210.0, 297.0];
const MARGIN_MM: f64 = 18.0;
const BODY_MM: f64 = 3.0;
const LINE_MM: f64 = 4.3;
const HEADING_MM: f64 = 5.0;
const CELL_PAD_MM: f64 = 1.2;

/// Lays the sections out on A4 pages, as SVG documents in millimetres.
pub fn report_pages_svg(spec: &ReportSpec) -> Vec<String> {
    let mut pages: Vec<String> = Vec::new();
    let mut page = String::new();
    let bottom = PAGE_MM[1] - MARGIN_MM - 8.0;
    let width = PAGE_MM[0] - 2.0 * MARGIN_MM;
    let mut y = MARGIN_MM;
    // The title on the first text page.
    text(&mut page, MARGIN_MM, y + 7.0, &spec.title, 7.0, true, [0, 0, 0]);
    y += 10.0;
    if !spec.subtitle.is_empty() {
        for line in wrap(&spec.subtitle, width, 3.6, false) {
            text(&mut page, MARGIN_MM, y + 3.6, &line, 3.6, false, [60, 60, 60]);
            y += 5.0;
        }
    }
    y += 4.0;
    let new_page = |pages: &mut Vec<String>, page: &mut String, y: &mut f64| {
        pages.push(std::mem::take(page));
        *y = MARGIN_MM;
    };
    for section in &spec.sections {
        // A heading is not left alone at a page's foot.
        if y + HEADING_MM + 3.0 * LINE_MM > bottom {
            new_page(&mut pages, &mut page, &mut y);
        }
        text(&mut page, MARGIN_MM, y + HEADING_MM, &section.heading, HEADING_MM, true, [0, 0, 0]);
        y += HEADING_MM + 3.0;
        for paragraph in &section.paragraphs {
            for line in wrap(paragraph, width, BODY_MM, false) {
                if y + LINE_MM > bottom {
                    new_page(&mut pages, &mut page, &mut y);
                }
                text(&mut page, MARGIN_MM, y + BODY_MM, &line, BODY_MM, false, [0, 0, 0]);
                y += LINE_MM;
            }
            y += 1.5;
        }
        if !section.columns.is_empty() {
            let total: f64 = section.widths.iter().sum::<f64>().max(1e-9);
            let widths: Vec<f64> = (0..section.columns.len())
                .map(|k| section.widths.get(k).copied().unwrap_or(1.0) / total * width)
                .collect();
            let header: Vec<ReportCell> = section.columns.iter().map(|c| ReportCell::from(c.as_str())).collect();
            let draw_header = |page: &mut String, y: &mut f64| {
                row(page, *y, &widths, &header, true);
                *y += row_height(&widths, &header, true);
            };
            draw_header(&mut page, &mut y);
            for cells in &section.rows {
                let height = row_height(&widths, cells, false);
                if y + height > bottom {
                    new_page(&mut pages, &mut page, &mut y);
                    draw_header(&mut page, &mut y);
                }
                row(&mut page, y, &widths, cells, false);
                y += height;
            }
        }
        y += 6.0;
    }
    pages.push(page);
    let total = pages.len() + spec.pages_before;
    pages
        .into_iter()
        .enumerate()
        .map(|(k, body)| {
            let mut svg = String::new();
            let _ = write!(
                svg,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}mm\" height=\"{h}mm\" viewBox=\"0 0 {w} {h}\" font-family=\"{SVG_FONT_FAMILIES}\">\
                 <rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>",
                w = PAGE_MM[0],
                h = PAGE_MM[1]
            );
            svg.push_str(&body);
            let foot = PAGE_MM[1] - MARGIN_MM + 2.0;
            text(&mut svg, MARGIN_MM, foot, &spec.footer, 2.6, false, [90, 90, 90]);
            let number = spec
                .page_words
                .replace("{n}", &(k + 1 + spec.pages_before).to_string())
                .replace("{total}", &total.to_string());
            let x = PAGE_MM[0] - MARGIN_MM - text_width_mm(&number, 2.6, false);
            text(&mut svg, x, foot, &number, 2.6, false, [90, 90, 90]);
            svg.push_str("</svg>");
            svg
        })
        .collect()
}

fn text(svg: &mut String, x: f64, y: f64, content: &str, size: f64, bold: bool, [r, g, b]: [u8; 3]) {
    let _ = write!(
        svg,
        "<text x=\"{x:.2}\" y=\"{y:.2}\" font-size=\"{size}\"{} fill=\"#{r:02x}{g:02x}{b:02x}\">{}</text>",
        if bold { " font-weight=\"bold\"" } else { "" },
        escape(content)
    );
}

fn row_height(widths: &[f64], cells: &[ReportCell], bold: bool) -> f64 {
    let lines = cells
        .iter()
        .zip(widths)
        .map(|(cell, w)| wrap(&cell.text, w - 2.0 * CELL_PAD_MM, BODY_MM, bold).len())
        .max()
        .unwrap_or(1)
        .max(1);
    lines as f64 * LINE_MM + 2.0 * CELL_PAD_MM
}

fn row(svg: &mut String, y: f64, widths: &[f64], cells: &[ReportCell], header: bool) {
    let height = row_height(widths, cells, header);
    let total: f64 = widths.iter().sum();
    if header {
        let _ = write!(
            svg,
            "<rect x=\"{MARGIN_MM}\" y=\"{y:.2}\" width=\"{total:.2}\" height=\"{height:.2}\" fill=\"#e8ecef\"/>"
        );
    }
    let _ = write!(
        svg,
        "<line x1=\"{MARGIN_MM}\" y1=\"{b:.2}\" x2=\"{x2:.2}\" y2=\"{b:.2}\" stroke=\"#b0b8bf\" stroke-width=\"0.2\"/>",
        b = y + height,
        x2 = MARGIN_MM + total
    );
    let mut x = MARGIN_MM;
    for (cell, w) in cells.iter().zip(widths) {
        let colour = cell.colour.unwrap_or([0, 0, 0]);
        for (k, line) in wrap(&cell.text, w - 2.0 * CELL_PAD_MM, BODY_MM, header).iter().enumerate() {
            text(svg, x + CELL_PAD_MM, y + CELL_PAD_MM + BODY_MM + k as f64 * LINE_MM, line, BODY_MM, header || cell.colour.is_some(), colour);
        }
        x += w;
    }
}

/// Splits text into lines no wider than `width` mm (a word longer than that gets a line of
/// its own); explicit newlines are kept.
fn wrap(content: &str, width: f64, size: f64, bold: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in content.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace().flat_map(|w| split_long_word(w, width, size, bold)) {
            let word = word.as_str();
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if !line.is_empty() && text_width_mm(&candidate, size, bold) > width {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = candidate;
            }
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// A word wider than a line (a layer's file name, say) in pieces that fit.
fn split_long_word(word: &str, width: f64, size: f64, bold: bool) -> Vec<String> {
    if text_width_mm(word, size, bold) <= width {
        return vec![word.to_string()];
    }
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        piece.push(c);
        if piece.chars().count() > 1 && text_width_mm(&piece, size, bold) > width {
            piece.pop();
            pieces.push(std::mem::take(&mut piece));
            piece.push(c);
        }
    }
    pieces.push(piece);
    pieces
}

/// Joins A4 pages given as SVG documents into one PDF, each page in vector with its fonts.
pub fn pages_to_pdf(pages: &[String], title: &str) -> Result<Vec<u8>, RenderError> {
    let mut alloc = Ref::new(1);
    let catalog_id = alloc.bump();
    let tree_id = alloc.bump();
    let info_id = alloc.bump();
    let mut pdf = Pdf::new();
    let mut page_ids = Vec::new();
    let mut chunks = Vec::new();
    // A4 in points.
    let (w, h) = (PAGE_MM[0] / 25.4 * 72.0, PAGE_MM[1] / 25.4 * 72.0);
    for svg in pages {
        let tree = tree(svg)?;
        let (chunk, svg_id) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| RenderError::Pdf(format!("{e:?}")))?;
        let mut renumbered = HashMap::new();
        let chunk = chunk.renumber(|old| *renumbered.entry(old).or_insert_with(|| alloc.bump()));
        let Some(&svg_id) = renumbered.get(&svg_id) else {
            return Err(RenderError::Pdf("a page's drawing went missing".into()));
        };
        let page_id = alloc.bump();
        let content_id = alloc.bump();
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, w as f32, h as f32));
        page.parent(tree_id);
        page.contents(content_id);
        page.resources().x_objects().pair(Name(b"P"), svg_id);
        page.finish();
        let mut content = Content::new();
        content.transform([w as f32, 0.0, 0.0, h as f32, 0.0, 0.0]).x_object(Name(b"P"));
        pdf.stream(content_id, &content.finish());
        page_ids.push(page_id);
        chunks.push(chunk);
    }
    pdf.catalog(catalog_id).pages(tree_id);
    pdf.pages(tree_id).kids(page_ids.iter().copied()).count(page_ids.len() as i32);
    pdf.document_info(info_id).title(TextStr(title)).creator(TextStr("gebieden"));
    for chunk in &chunks {
        pdf.extend(chunk);
    }
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_tables_break_across_pages_with_their_header_again() {
        let spec = ReportSpec {
            title: "Besluit".into(),
            subtitle: "concept 2".into(),
            footer: "oij".into(),
            page_words: "Pagina {n} van {total}".into(),
            pages_before: 0,
            sections: vec![ReportSection {
                heading: "Gebieden".into(),
                paragraphs: vec!["Zes gebieden.".into()],
                columns: vec!["Gebied".into(), "Buurten".into()],
                widths: vec![1.0, 3.0],
                rows: (0..120).map(|k| vec![ReportCell::from(format!("gebied {k}")), ReportCell::from("Terborg Silvolde")]).collect(),
            }],
        };
        let pages = report_pages_svg(&spec);
        assert!(pages.len() >= 3, "{} pages", pages.len());
        assert!(pages.iter().all(|p| p.contains(">Gebied</text>")), "the header on every page");
        assert!(pages[0].contains(">Pagina 1 van") && pages.last().unwrap().contains(&format!(">Pagina {} van {}<", pages.len(), pages.len())));
        let pdf = pages_to_pdf(&pages, "Besluit").unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        assert_eq!(wrap("een twee drie", 10.0, 3.0, false), ["een", "twee", "drie"]);
        let long = wrap("oude_ijsselstreek_wijken_2019", 20.0, 3.0, false);
        assert!(long.len() > 1 && long.iter().all(|l| text_width_mm(l, 3.0, false) <= 20.0), "{long:?}");
        assert_eq!(long.concat(), "oude_ijsselstreek_wijken_2019");
    }
}
