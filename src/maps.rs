//! Printed maps of an agreed division or of any division: what the command line's `map` and
//! the window's "Export map" share, so both draw the same map from the same choices.

use std::borrow::Borrow;

use geo::MultiPolygon;

use crate::analysis::{AnalysisOptions, ProblemKind, analyse};
use crate::compose::{AREA_PALETTE, ComposeResult};
use crate::model::{Layer, MapFormat, MapOptions};
use crate::render::{
    MapArea, MapOutlines, MapSpec, MapWords, RenderError, render_svg, svg_to_pdf, svg_to_png,
};

/// Fields that name an area, tried in this order when a division is drawn as areas.
pub const NAME_FIELDS: [&str; 7] = [
    "gebied",
    "naam",
    "name",
    "buurtnaam",
    "wijknaam",
    "gemeentenaam",
    "team",
];

/// Outline colours of partner divisions: dark, so they show on every area fill of the
/// (light, Okabe–Ito) area palette; each division also has its own dash pattern.
const OUTLINE_COLOURS: [[u8; 3]; 5] = [
    [34, 34, 34],
    [136, 34, 85],
    [17, 68, 119],
    [102, 51, 0],
    [85, 85, 85],
];

const GAP_COLOUR: [u8; 3] = [255, 140, 0];
const OVERLAP_COLOUR: [u8; 3] = [220, 30, 60];

/// What a map shows, before the choices of paper and title.
pub struct MapContent<'a, L: Borrow<Layer>> {
    pub areas: Vec<MapArea>,
    /// Divisions drawn as dashed outlines (with `partners`) and checked (with `problems`).
    pub partners: &'a [L],
    /// The title when the options name none, e.g. the project's name.
    pub default_title: String,
    /// Whether CBS data is drawn, for the credit line.
    pub cbs: bool,
}

/// The agreed areas of a composition, in its colours; empty areas are left out.
pub fn areas_of_composition(result: &ComposeResult) -> Vec<MapArea> {
    result
        .areas
        .iter()
        .filter(|a| !a.geometry.0.is_empty())
        .map(|a| MapArea {
            name: a.name.clone(),
            colour: a.colour,
            geometry: a.geometry.clone(),
        })
        .collect()
}

/// A division's features as areas, named by `name_field` or the first usual name field, else
/// by id, coloured so that neighbours differ.
pub fn areas_of_layer(layer: &Layer, name_field: Option<&str>) -> Vec<MapArea> {
    let column = name_field
        .and_then(|n| layer.field_index(n))
        .or_else(|| NAME_FIELDS.iter().find_map(|n| layer.field_index(n)));
    let geometries: Vec<&MultiPolygon<f64>> = layer.features.iter().map(|f| &f.geometry).collect();
    let colours = distinct_colours(&geometries, &AREA_PALETTE);
    layer
        .features
        .iter()
        .zip(colours)
        .map(|(f, colour)| MapArea {
            name: column
                .and_then(|c| f.attributes.get(c))
                .map(|v| v.to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| f.id.clone()),
            colour,
            geometry: f.geometry.clone(),
        })
        .collect()
}

/// How different two colours look ("redmean" weighted RGB distance: cheap and close enough
/// to perception for telling palette colours apart).
fn colour_distance(a: [u8; 3], b: [u8; 3]) -> f64 {
    let mean_red = (f64::from(a[0]) + f64::from(b[0])) / 2.0;
    let [dr, dg, db] = [0, 1, 2].map(|k| f64::from(a[k]) - f64::from(b[k]));
    ((2.0 + mean_red / 256.0) * dr * dr
        + 4.0 * dg * dg
        + (2.0 + (255.0 - mean_red) / 256.0) * db * db)
        .sqrt()
}

/// Which geometries touch: their boxes meet and they share a vertex. Divisions from one source
/// share the vertices of their common boundaries (and ours are snapped to one grid), so this
/// finds neighbours without exact polygon tests.
fn touching(geometries: &[&MultiPolygon<f64>]) -> Vec<Vec<usize>> {
    use geo::BoundingRect;
    use rstar::{AABB, RTree, primitives::GeomWithData, primitives::Rectangle};
    let key = |c: &geo::Coord<f64>| ((c.x * 1000.0).round() as i64, (c.y * 1000.0).round() as i64);
    let vertices: Vec<std::collections::HashSet<(i64, i64)>> = geometries
        .iter()
        .map(|g| {
            g.0.iter()
                .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                .flat_map(|ring| ring.0.iter().map(key))
                .collect()
        })
        .collect();
    let boxes: Vec<Option<AABB<[f64; 2]>>> = geometries
        .iter()
        .map(|g| {
            g.bounding_rect().map(|r| {
                AABB::from_corners(
                    [r.min().x - 0.01, r.min().y - 0.01],
                    [r.max().x + 0.01, r.max().y + 0.01],
                )
            })
        })
        .collect();
    let tree = RTree::bulk_load(
        boxes
            .iter()
            .enumerate()
            .filter_map(|(i, b)| b.map(|b| GeomWithData::new(Rectangle::from_aabb(b), i)))
            .collect(),
    );
    let mut neighbours = vec![Vec::new(); geometries.len()];
    for (i, b) in boxes.iter().enumerate() {
        let Some(b) = b else { continue };
        for other in tree.locate_in_envelope_intersecting(*b) {
            let j = other.data;
            if j <= i {
                continue;
            }
            let (small, large) = if vertices[i].len() < vertices[j].len() {
                (&vertices[i], &vertices[j])
            } else {
                (&vertices[j], &vertices[i])
            };
            if small.iter().any(|v| large.contains(v)) {
                neighbours[i].push(j);
                neighbours[j].push(i);
            }
        }
    }
    neighbours
}

/// Colours from `palette` such that touching areas get colours as different as the palette
/// allows, and the colours are used about equally. Greedy, most-connected areas first
/// (Welsh–Powell order).
pub fn distinct_colours(geometries: &[&MultiPolygon<f64>], palette: &[[u8; 3]]) -> Vec<[u8; 3]> {
    if palette.is_empty() {
        return vec![[128, 128, 128]; geometries.len()];
    }
    let neighbours = touching(geometries);
    let mut order: Vec<usize> = (0..geometries.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(neighbours[i].len()));
    let mut chosen: Vec<Option<usize>> = vec![None; geometries.len()];
    let mut used = vec![0usize; palette.len()];
    for i in order {
        let best = (0..palette.len())
            .max_by(|&a, &b| {
                let nearest = |c: usize| {
                    neighbours[i]
                        .iter()
                        .filter_map(|&n| chosen[n])
                        .map(|n| colour_distance(palette[c], palette[n]))
                        .fold(f64::INFINITY, f64::min)
                };
                nearest(a)
                    .total_cmp(&nearest(b))
                    // Then the least used, then the palette's order.
                    .then(used[b].cmp(&used[a]))
                    .then(b.cmp(&a))
            })
            .unwrap_or(0);
        chosen[i] = Some(best);
        used[best] += 1;
    }
    chosen
        .into_iter()
        .map(|c| palette[c.unwrap_or(0)])
        .collect()
}

/// True when a layer is CBS data (by its name, file name or CBS code fields), so the map
/// credits CBS / Kadaster as their licence asks.
pub fn is_cbs(layer: &Layer) -> bool {
    let name = format!("{} {}", layer.name, layer.source.display()).to_ascii_lowercase();
    ["buurt", "wijk", "gemeente", "pc4", "cbs"]
        .iter()
        .any(|w| name.contains(w))
        // The CBS code fields are the first id candidates (up to statcode).
        || layer.fields.iter().any(|f| {
            crate::io::ID_FIELD_CANDIDATES[..7].contains(&f.name.to_ascii_lowercase().as_str())
        })
}

/// Today's date as dd-mm-yyyy (UTC), for the map's credit line.
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0) as i64;
    civil_date(days)
}

/// The date `days` after 1970-01-01 as dd-mm-yyyy (Howard Hinnant's civil-from-days).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{day:02}-{month:02}-{year}")
}

/// The whole map description from its content and the user's choices.
pub fn map_spec<L: Borrow<Layer>>(
    content: MapContent<'_, L>,
    options: &MapOptions,
    words: MapWords,
) -> MapSpec {
    let outlines = if options.partners {
        content
            .partners
            .iter()
            .map(Borrow::borrow)
            .enumerate()
            .map(|(i, l)| MapOutlines {
                name: l.name.clone(),
                colour: OUTLINE_COLOURS[i % OUTLINE_COLOURS.len()],
                geometries: l.features.iter().map(|f| f.geometry.clone()).collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut highlights = Vec::new();
    if options.problems && !content.partners.is_empty() {
        let analysis = analyse(content.partners, None, &AnalysisOptions::default());
        let pick = |kind| -> Vec<MultiPolygon<f64>> {
            analysis
                .problems
                .iter()
                .filter(|p| p.kind == kind)
                .map(|p| MultiPolygon::new(vec![p.geometry.clone()]))
                .collect()
        };
        highlights.push((words.gap.clone(), GAP_COLOUR, pick(ProblemKind::Gap)));
        highlights.push((
            words.overlap.clone(),
            OVERLAP_COLOUR,
            pick(ProblemKind::Overlap),
        ));
        highlights.retain(|(_, _, pieces)| !pieces.is_empty());
    }
    let title = options
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(content.default_title);
    MapSpec {
        title,
        subtitle: options.subtitle.clone().filter(|s| !s.trim().is_empty()),
        page_mm: options.page_mm(),
        areas: content.areas,
        outlines,
        highlights,
        credit: if content.cbs {
            words.credit_cbs.clone()
        } else {
            words.credit_own.clone()
        },
        date: today(),
        words,
    }
}

/// The map file's bytes in `format`; a PNG has `pixels` (width, height) or else the paper
/// size at the chosen resolution.
pub fn render_map(
    spec: &MapSpec,
    format: MapFormat,
    options: &MapOptions,
    pixels: Option<(u32, u32)>,
) -> Result<Vec<u8>, RenderError> {
    let svg = render_svg(spec);
    match format {
        MapFormat::Svg => Ok(svg.into_bytes()),
        MapFormat::Pdf => svg_to_pdf(&svg),
        MapFormat::Png => {
            let (width, height) = pixels.unwrap_or_else(|| options.pixels());
            svg_to_png(&svg, width, height)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touching_areas_get_clearly_different_colours() {
        // A 4 × 4 grid of squares: each touches up to eight others (corners count).
        let squares: Vec<MultiPolygon<f64>> = (0..16)
            .map(|k| {
                let (x, y) = ((k % 4) as f64 * 100.0, (k / 4) as f64 * 100.0);
                MultiPolygon::new(vec![geo::Polygon::new(
                    geo::LineString::from(vec![
                        (x, y),
                        (x + 100.0, y),
                        (x + 100.0, y + 100.0),
                        (x, y + 100.0),
                        (x, y),
                    ]),
                    vec![],
                )])
            })
            .collect();
        let refs: Vec<&MultiPolygon<f64>> = squares.iter().collect();
        let colours = distinct_colours(&refs, &AREA_PALETTE);
        let neighbours = touching(&refs);
        assert_eq!(neighbours[5].len(), 8);
        for (i, list) in neighbours.iter().enumerate() {
            for &j in list {
                assert!(
                    colour_distance(colours[i], colours[j]) > 150.0,
                    "{i} and {j}: {:?} {:?}",
                    colours[i],
                    colours[j]
                );
            }
        }
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "01-01-1970");
        assert_eq!(civil_date(20_416), "24-11-2025");
        assert_eq!(civil_date(19_417), "01-03-2023");
        assert_eq!(civil_date(19_782), "29-02-2024");
    }
}
