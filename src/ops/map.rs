//! Printed maps of an agreed division or of any division: what the command line's `map` and
//! the window's "Export map" share, so both draw the same map from the same choices.

use std::sync::Arc;

use geo::MultiPolygon;

use std::sync::Mutex;

use crate::analysis::{AnalysisCache, AnalysisOptions, ProblemKind, analyse_with_cache};
use crate::compose::ComposeResult;
use crate::geometry::distinct_colours;
use crate::model::{AREA_PALETTE, Crs, Layer, MapFormat, MapOptions, Project};
use crate::render::{
    BackgroundTile, MapArea, MapOutlines, MapSpec, MapWords, RenderError, map_view, render_svg,
    svg_to_pdf, svg_to_png,
};
use crate::services::{
    CREDIT_KADASTER, DEFAULT_CACHE_BYTES, HttpClient, TileCache, TileSource, fetch_tiles,
    level_for_resolution, tile_box, tiles_covering,
};

use super::OpsError;
use std::path::PathBuf;

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

/// Where a map's areas come from.
#[derive(Clone)]
pub enum MapAreas {
    /// The agreed division being composed.
    Composition(Arc<ComposeResult>),
    /// A division's features, named by `name_field` (else a usual name field, else the id).
    Layer {
        layer: Arc<Layer>,
        name_field: Option<String>,
    },
}

/// The gaps and overlaps of the partner divisions, for highlighting. They take an analysis to
/// find, so a front end that redraws often (the window's preview) computes them once per set
/// of partners and hands them in.
#[derive(Clone, Debug, Default)]
pub struct ProblemPieces {
    pub gaps: Vec<MultiPolygon<f64>>,
    pub overlaps: Vec<MultiPolygon<f64>>,
}

/// The gaps and overlaps of `partners` (slivers left out: a map shows real differences). With
/// a cache (the window's), layers the analysis already checked are not checked again.
pub fn problem_pieces(
    partners: &[Arc<Layer>],
    sliver_width_m: f64,
    cache: Option<&Mutex<AnalysisCache>>,
) -> ProblemPieces {
    if partners.is_empty() {
        return ProblemPieces::default();
    }
    let options = AnalysisOptions {
        sliver_width_m,
        between_layers: false,
        ..AnalysisOptions::default()
    };
    let analysis = analyse_with_cache(partners, None, &options, cache);
    let pick = |kind| -> Vec<MultiPolygon<f64>> {
        analysis
            .problems
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| MultiPolygon::new(vec![(*p.geometry).clone()]))
            .collect()
    };
    ProblemPieces {
        gaps: pick(ProblemKind::Gap),
        overlaps: pick(ProblemKind::Overlap),
    }
}

/// Everything a printed map is drawn from: content, choices and words.
#[derive(Clone)]
pub struct MapRequest {
    pub areas: MapAreas,
    /// Divisions drawn as dashed outlines (with `options.partners`) and checked (with
    /// `options.problems`).
    pub partners: Vec<Arc<Layer>>,
    /// The title when the options name none, e.g. the project's name.
    pub default_title: String,
    /// The credit line as the user gave it; `None`: from the sources (see [`credit_line`]).
    pub credit: Option<String>,
    /// Whether CBS data is drawn, for the credit line.
    pub cbs: bool,
    pub options: MapOptions,
    pub words: MapWords,
    /// The partners' gaps and overlaps when already known; found when needed otherwise.
    pub problems: Option<Arc<ProblemPieces>>,
    /// Slivers narrower than this are no gap or overlap on the map.
    pub sliver_width_m: f64,
    /// The CRS the map is drawn in (a background map needs RD New).
    pub working_crs: Crs,
    /// The background map's tile service (`None`: `GEBIEDEN_BASEMAP_URL`, else PDOK).
    pub basemap_template: Option<String>,
    /// Where background tiles are cached on disk (`None`: not cached).
    pub tile_cache: Option<PathBuf>,
}

impl MapRequest {
    /// The whole map description.
    pub fn spec(&self) -> MapSpec {
        let areas = match &self.areas {
            MapAreas::Composition(result) => areas_of_composition(result),
            MapAreas::Layer { layer, name_field } => areas_of_layer(layer, name_field.as_deref()),
        };
        let problems = match (&self.problems, self.options.problems) {
            (_, false) => None,
            (Some(known), true) => Some(known.clone()),
            (None, true) => Some(Arc::new(problem_pieces(
                &self.partners,
                self.sliver_width_m,
                None,
            ))),
        };
        let credit = self.credit.clone().unwrap_or_else(|| {
            let source = match &self.areas {
                MapAreas::Layer { layer, .. } => source_of(layer),
                MapAreas::Composition(_) => None,
            };
            credit_line(source, self.cbs, &self.words)
        });
        map_spec(
            areas,
            &self.partners,
            problems.as_deref(),
            self.default_title.clone(),
            credit,
            &self.options,
            self.words.clone(),
        )
    }

    /// The map file's bytes in the options' format; a PNG has `pixels` (width, height) or
    /// else the paper size at the chosen resolution.
    /// The map file; with a background map, its tiles are fetched first (from the cache, else
    /// the service): a map that asks for a background and cannot have it is an error, not a
    /// silent map on white paper.
    pub fn render(&self, pixels: Option<(u32, u32)>) -> Result<Vec<u8>, OpsError> {
        let mut spec = self.spec();
        if let Some(style) = self.options.basemap {
            let source = TileSource::new(style, self.basemap_template.as_deref());
            let cache = self
                .tile_cache
                .as_ref()
                .map(|dir| TileCache::new(dir, DEFAULT_CACHE_BYTES));
            let dpi = match (self.options.format, pixels) {
                (MapFormat::Png, Some((width, _))) => {
                    f64::from(width) / (spec.page_mm[0] / 25.4)
                }
                (MapFormat::Png, None) => f64::from(self.options.dpi),
                // Vector output has no resolution of its own; a printer's is about this.
                _ => 300.0,
            };
            spec.background = background_tiles(&spec, self.working_crs, &source, cache.as_ref(), dpi)?;
            if source.is_pdok() {
                spec.credit = format!("{} · {CREDIT_KADASTER}", spec.credit);
            }
        }
        Ok(render_map(&spec, self.options.format, &self.options, pixels)?)
    }
}

/// What a map of a project shows: the composition when it has areas with ground (over the
/// other visible divisions), else the active division (or the first) over the other visible
/// ones. `None` when there is nothing to draw. The window and the command line both ask this.
pub fn map_request(
    layers: &[Arc<Layer>],
    project: &Project,
    composed: Option<Arc<ComposeResult>>,
    default_title: String,
    words: MapWords,
) -> Option<MapRequest> {
    let composed = composed.filter(|r| r.areas.iter().any(|a| !a.geometry.0.is_empty()));
    let (areas, drawn_as_areas) = match composed {
        Some(result) => (MapAreas::Composition(result), project.base_layer),
        None => {
            let index = project
                .active_layer
                .filter(|&i| i < layers.len())
                .or((!layers.is_empty()).then_some(0))?;
            let name_field = project
                .layers
                .get(index)
                .and_then(|l| l.style.label_field.clone());
            let areas = MapAreas::Layer {
                layer: layers[index].clone(),
                name_field,
            };
            (areas, Some(index))
        }
    };
    let visible: Vec<bool> = (0..layers.len())
        .map(|i| project.layers.get(i).is_none_or(|l| l.style.visible))
        .collect();
    let partners = super::partner_indices(&visible, drawn_as_areas, project.analysis.extent_layer)
        .into_iter()
        .map(|i| layers[i].clone())
        .collect();
    Some(MapRequest {
        areas,
        partners,
        default_title,
        credit: None,
        cbs: layers.iter().any(|l| is_cbs(l)),
        options: project.map.clone(),
        words,
        problems: None,
        sliver_width_m: project.analysis.sliver_width_m,
        working_crs: layers.first().map_or(Crs::RD_NEW, |l| l.working_crs),
        basemap_template: project.basemap.url_template.clone(),
        tile_cache: None,
    })
}

/// A printed map never asks a service for more tiles than this; a larger page at a high
/// resolution takes a coarser level.
const MAX_PRINT_TILES: usize = 1_000;

/// Background tiles print at this resolution or finer: sharp on paper, and the background's
/// own street and place names stay readable (at 600 dpi they would be a third of a millimetre).
const TILE_DPI: f64 = 150.0;

/// The background tiles covering a printed map's frame, at the level that fits its resolution.
pub fn background_tiles(
    spec: &MapSpec,
    working_crs: Crs,
    source: &TileSource,
    cache: Option<&TileCache>,
    dpi: f64,
) -> Result<Vec<BackgroundTile>, OpsError> {
    if working_crs != Crs::RD_NEW {
        return Err(OpsError::BasemapCrs(working_crs));
    }
    let (view, mm_per_m) = map_view(spec);
    let dpi = dpi.clamp(36.0, TILE_DPI);
    let metres_per_pixel = 25.4 / (dpi * mm_per_m);
    let mut level = level_for_resolution(metres_per_pixel);
    let mut keys = tiles_covering(level, view);
    while keys.len() > MAX_PRINT_TILES && level > 0 {
        level -= 1;
        keys = tiles_covering(level, view);
    }
    let tiles = fetch_tiles(source, cache, &HttpClient::default(), &keys)?;
    Ok(tiles
        .into_iter()
        .map(|(key, bytes)| BackgroundTile {
            box_in_map: tile_box(key),
            image: bytes.into(),
        })
        .collect())
}

/// The credit line: the source a layer names for itself (its `bron`, as compose writes it),
/// else CBS / Kadaster when CBS data is drawn, else gebieden's own line.
pub fn credit_line(source: Option<String>, cbs: bool, words: &MapWords) -> String {
    match source {
        Some(source) => format!("{}: {source}", words.source),
        None if cbs => words.credit_cbs.clone(),
        None => words.credit_own.clone(),
    }
}

/// The source a layer names in its `bron` field (the first one given).
pub(super) fn source_of(layer: &Layer) -> Option<String> {
    let column = layer.field_index("bron")?;
    layer
        .features
        .iter()
        .filter_map(|f| f.attributes.get(column))
        .map(|v| v.to_string().trim().to_string())
        .find(|s| !s.is_empty())
}

use crate::render::parse_hex_colour as parse_colour;

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
/// by id; in their own colours (a `kleur` field, as compose writes areas) or else coloured so
/// that neighbours differ.
/// The column that names a division's features: `name_field` if the layer has it, else the
/// first of [`NAME_FIELDS`] it has.
pub(super) fn name_column(layer: &Layer, name_field: Option<&str>) -> Option<usize> {
    name_field
        .and_then(|n| layer.field_index(n))
        .or_else(|| NAME_FIELDS.iter().find_map(|n| layer.field_index(n)))
}

pub fn areas_of_layer(layer: &Layer, name_field: Option<&str>) -> Vec<MapArea> {
    let column = name_column(layer, name_field);
    let own_colours: Option<Vec<[u8; 3]>> = layer.field_index("kleur").and_then(|k| {
        layer
            .features
            .iter()
            .map(|f| {
                f.attributes
                    .get(k)
                    .and_then(|v| parse_colour(&v.to_string()))
            })
            .collect()
    });
    let colours = own_colours.unwrap_or_else(|| {
        let geometries: Vec<&MultiPolygon<f64>> =
            layer.features.iter().map(|f| &f.geometry).collect();
        distinct_colours(&geometries, &AREA_PALETTE)
    });
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
    dutch_date(&crate::model::today())
}

/// An ISO date (2026-12-01) the Dutch way round (01-12-2026); anything else as it is.
pub fn dutch_date(iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>()[..] {
        [year, month, day] if year.len() == 4 => format!("{day}-{month}-{year}"),
        _ => iso.to_string(),
    }
}

/// The whole map description from its content and the user's choices.
pub fn map_spec(
    areas: Vec<MapArea>,
    partners: &[Arc<Layer>],
    problems: Option<&ProblemPieces>,
    default_title: String,
    credit: String,
    options: &MapOptions,
    words: MapWords,
) -> MapSpec {
    let outlines = if options.partners {
        partners
            .iter()
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
    if let Some(pieces) = problems.filter(|_| options.problems) {
        highlights.push((words.gap.clone(), GAP_COLOUR, pieces.gaps.clone()));
        highlights.push((
            words.overlap.clone(),
            OVERLAP_COLOUR,
            pieces.overlaps.clone(),
        ));
        highlights.retain(|(_, _, pieces)| !pieces.is_empty());
    }
    let title = options
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(default_title);
    MapSpec {
        title,
        subtitle: options.subtitle.clone().filter(|s| !s.trim().is_empty()),
        page_mm: options.page_mm(),
        areas,
        outlines,
        highlights,
        credit,
        date: today(),
        words,
        background: Vec::new(),
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
    fn an_areas_file_keeps_its_colours_and_credits_its_source() {
        use crate::model::{Field, FieldType, Value};
        let mut layer = Layer::from_geometries(
            "areas",
            crate::model::Crs::RD_NEW,
            [
                (
                    "1".to_string(),
                    geo::wkt!(MULTIPOLYGON(((0. 0.,1. 0.,1. 1.,0. 0.)))),
                ),
                (
                    "2".to_string(),
                    geo::wkt!(MULTIPOLYGON(((5. 0.,6. 0.,6. 1.,5. 0.)))),
                ),
            ],
        );
        layer.fields = vec![
            Field {
                name: "kleur".into(),
                kind: FieldType::Text,
            },
            Field {
                name: "bron".into(),
                kind: FieldType::Text,
            },
        ];
        for (f, colour) in layer.features.iter_mut().zip(["#e69f00", "#56B4E9"]) {
            f.attributes = vec![
                Value::Text(colour.into()),
                Value::Text("CBS / Kadaster".into()),
            ];
        }
        let colours: Vec<[u8; 3]> = areas_of_layer(&layer, None)
            .iter()
            .map(|a| a.colour)
            .collect();
        assert_eq!(colours, [[230, 159, 0], [86, 180, 233]]);
        let words = MapWords::dutch();
        assert_eq!(
            credit_line(source_of(&layer), false, &words),
            "Bron: CBS / Kadaster"
        );
        assert_eq!(credit_line(None, false, &words), words.credit_own);
        assert_eq!(parse_colour("#12345"), None);
    }

    #[test]
    fn civil_dates() {
        let civil_date = |days: u64| dutch_date(&crate::model::iso_date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(days * 86_400)));
        assert_eq!(civil_date(0), "01-01-1970");
        assert_eq!(civil_date(20_416), "24-11-2025");
        assert_eq!(civil_date(19_417), "01-03-2023");
        assert_eq!(civil_date(19_782), "29-02-2024");
    }
}
