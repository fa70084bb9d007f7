//! A web map for residents from the agreed areas: a folder with `index.html`, the page's
//! script, Leaflet (from the npm registry, with its licence) and the areas as a script of
//! GeoJSON in WGS 84, simplified for the web. It works opened from disk and on any static
//! host; the only requests it makes are to the tile and search services it was given.

use std::path::{Path, PathBuf};

use geo::{Area, Simplify};
use serde_json::{Map, Value, json};

use crate::io::{Reprojector, WriteError, write_atomic};
use crate::model::{Composition, Crs, Layer};
use crate::render::MapArea;
use crate::services::LOCATIESERVER_URL;

use super::{OpsError, Workspace, areas_of_composition, areas_of_layer, compose_workspace};

/// PDOK's BRT-Achtergrondkaart (grey) in Web Mercator: the default background.
pub const WEB_TILES_URL: &str = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png";
/// The credit the default tiles ask for.
pub const WEB_TILES_CREDIT: &str = "Kaartgegevens © Kadaster";

/// Boundaries are simplified by this much (m) for the web: invisible at street level, and the
/// page stays small.
const WEB_SIMPLIFY_M: f64 = 2.0;

const LEAFLET_JS: &[u8] = include_bytes!("../../assets/web/leaflet.js");
const LEAFLET_CSS: &[u8] = include_bytes!("../../assets/web/leaflet.css");
const LEAFLET_LICENSE: &[u8] = include_bytes!("../../assets/web/LICENSE-leaflet.txt");
const PAGE_HTML: &str = include_str!("../../assets/web/index.html");
const PAGE_JS: &[u8] = include_bytes!("../../assets/web/gebieden.js");

/// What the page is made with.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PublishSettings {
    /// The page's title; default: the project's (or file's) name.
    pub title: Option<String>,
    /// An XYZ tile URL template in Web Mercator; default: PDOK's grey BRT map.
    pub tiles: Option<String>,
    /// The Locatieserver's base URL; default PDOK's; an empty one: no search on the page.
    pub locatieserver: Option<String>,
}

/// What was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Published {
    pub files: Vec<PathBuf>,
    pub areas: usize,
    /// The size of the areas' data script, in bytes.
    pub data_bytes: usize,
}

/// One area on the page: its name, colour and what residents should know.
struct WebArea {
    map: MapArea,
    properties: Map<String, Value>,
}

/// Publishes a project's agreed areas (or, without a composition, its active division).
pub fn publish_workspace(workspace: &Workspace, settings: &PublishSettings, out: &Path) -> Result<Published, OpsError> {
    let project = &workspace.project;
    let title = settings.title.clone().or_else(|| workspace.name()).unwrap_or_else(|| "Gebieden".into());
    let (areas, crs, credit) = if !project.composition.areas.is_empty() {
        let result = compose_workspace(workspace)?;
        let crs = result.working_crs;
        let credit = workspace.base().and_then(|b| super::credit_of(b));
        (web_areas_of_composition(&areas_of_composition(&result), &project.composition), crs, credit)
    } else {
        let index = project.active_layer.filter(|&i| i < workspace.layers.len()).unwrap_or(0);
        let layer = workspace
            .layers
            .get(index)
            .ok_or_else(|| OpsError::NothingToMap(workspace.path.clone().unwrap_or_default()))?;
        (web_areas_of_layer(layer), layer.working_crs, super::map::source_of(layer))
    };
    write_page(&areas, crs, &title, credit, settings, out)
}

/// Publishes the areas of a division file (e.g. `compose`'s areas.geojson).
pub fn publish_layer(layer: &Layer, settings: &PublishSettings, out: &Path) -> Result<Published, OpsError> {
    let title = settings.title.clone().unwrap_or_else(|| layer.name.clone());
    write_page(&web_areas_of_layer(layer), layer.working_crs, &title, super::map::source_of(layer), settings, out)
}

fn web_areas_of_composition(areas: &[MapArea], composition: &Composition) -> Vec<WebArea> {
    areas
        .iter()
        .map(|area| {
            let mut properties = Map::new();
            if let Some(def) = composition.area(&area.name) {
                if !def.note.is_empty() {
                    properties.insert("toelichting".into(), Value::String(def.note.clone()));
                }
                for (key, value) in &def.details {
                    if !value.trim().is_empty() {
                        properties.insert(key.clone(), Value::String(value.clone()));
                    }
                }
            }
            WebArea {
                map: area.clone(),
                properties,
            }
        })
        .collect()
}

fn web_areas_of_layer(layer: &Layer) -> Vec<WebArea> {
    // One map area per feature, in the features' order; those without area are left out.
    areas_of_layer(layer, None)
        .into_iter()
        .zip(&layer.features)
        .filter(|(map, _)| map.geometry.unsigned_area() > 0.0)
        .map(|(map, feature)| {
            let mut properties = Map::new();
            for (field, value) in layer.fields.iter().zip(&feature.attributes) {
                let text = value.to_string();
                if !text.is_empty() {
                    properties.insert(field.name.clone(), Value::String(text));
                }
            }
            WebArea { map, properties }
        })
        .collect()
}

fn write_page(
    areas: &[WebArea],
    crs: Crs,
    title: &str,
    credit: Option<String>,
    settings: &PublishSettings,
    out: &Path,
) -> Result<Published, OpsError> {
    if areas.is_empty() {
        return Err(OpsError::NothingToMap(out.to_path_buf()));
    }
    let to_wgs84 = Reprojector::new(crs, Crs::WGS84).map_err(|e| WriteError::new(out, e))?;
    let mut features = Vec::with_capacity(areas.len());
    // Listed on the page in their numbers' order.
    let mut ordered: Vec<&WebArea> = areas.iter().collect();
    ordered.sort_by_key(|a| super::natural_key(&a.map.name));
    for area in ordered {
        let mut geometry = area.map.geometry.simplify(WEB_SIMPLIFY_M);
        if let Some(r) = &to_wgs84 {
            r.project_multipolygon(&mut geometry).map_err(|e| WriteError::new(out, e))?;
        }
        let coordinates: Vec<Vec<Vec<[f64; 2]>>> = geometry
            .0
            .iter()
            .map(|p| {
                std::iter::once(p.exterior())
                    .chain(p.interiors())
                    // 6 decimals: about 10 cm, well below what a resident's screen shows.
                    .map(|ring| ring.0.iter().map(|c| [round6(c.x), round6(c.y)]).collect())
                    .collect()
            })
            .collect();
        let mut properties = area.properties.clone();
        properties.insert("gebied".into(), Value::String(area.map.name.clone()));
        let [r, g, b] = area.map.colour;
        properties.insert("kleur".into(), Value::String(format!("#{r:02x}{g:02x}{b:02x}")));
        features.push(json!({
            "type": "Feature",
            "properties": properties,
            "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
        }));
    }
    let custom_tiles = settings.tiles.clone().filter(|t| !t.trim().is_empty());
    let attribution = match (&custom_tiles, &credit) {
        (None, Some(source)) => format!("{WEB_TILES_CREDIT} · {source}"),
        (None, None) => WEB_TILES_CREDIT.to_string(),
        (Some(_), Some(source)) => source.clone(),
        (Some(_), None) => String::new(),
    };
    let data = json!({
        "title": title,
        "tiles": custom_tiles.unwrap_or_else(|| WEB_TILES_URL.to_string()),
        "attribution": attribution,
        "credit": credit.map(|c| format!("Bron: {c}")).unwrap_or_default(),
        "locatieserver": settings.locatieserver.clone().unwrap_or_else(|| LOCATIESERVER_URL.to_string()).trim_end_matches('/'),
        "areas": {"type": "FeatureCollection", "features": features},
    });
    let script = format!("window.GEBIEDEN = {data};\n");
    std::fs::create_dir_all(out).map_err(|e| WriteError::new(out, e))?;
    let page = PAGE_HTML.replace("__TITLE__", &escape_html(title));
    let files: [(&str, &[u8]); 6] = [
        ("index.html", page.as_bytes()),
        ("gebieden.js", PAGE_JS),
        ("gebieden-data.js", script.as_bytes()),
        ("leaflet.js", LEAFLET_JS),
        ("leaflet.css", LEAFLET_CSS),
        ("LICENSE-leaflet.txt", LEAFLET_LICENSE),
    ];
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = out.join(name);
        write_atomic(&path, bytes).map_err(|e| WriteError::new(&path, e))?;
        written.push(path);
    }
    Ok(Published {
        files: written,
        areas: areas.len(),
        data_bytes: script.len(),
    })
}

fn round6(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
