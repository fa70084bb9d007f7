//! What a printed map shows (areas, partner outlines, highlights, credit) and the fixed words
//! it prints; text measured with the bundled font's advance widths.

use super::*;

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

/// A background map tile on the map: PNG or JPEG bytes covering `box_in_map` (working CRS,
/// [min x, min y, max x, max y]).
#[derive(Clone, Debug)]
pub struct BackgroundTile {
    pub box_in_map: [f64; 4],
    pub image: std::sync::Arc<[u8]>,
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
    /// Background map tiles under the areas (empty: white paper).
    pub background: Vec<BackgroundTile>,
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

pub(super) fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

pub(super) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Text width in millimetres at `size_mm`, from the font's advance widths.
pub(super) fn text_width_mm(text: &str, size_mm: f64, bold: bool) -> f64 {
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
