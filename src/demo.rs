//! The bundled demo: "Zonnedaal", a fictional municipality with CBS-style buurten and wijken and
//! three partner divisions that disagree the way real ones do.
//!
//! The territory is a 12 × 8 grid of 500 m cells with jittered corners (so boundaries look
//! drawn, not ruled). Buurten are blocks of 2 × 2 cells. Each partner division is a set of cells
//! per area, unioned, and then "redigitised": every vertex of every area moves by up to 1.5 m,
//! independently per area, as when each partner traced the boundaries by hand. That gives:
//! - slivers along every shared boundary (up to about 3 m wide);
//! - politie: a boundary one cell off the wijk boundary, cutting four buurten in half, and one
//!   cell that no wijkagent covers (a real gap);
//! - woningcorporatie: one cell claimed by two districts (a real overlap);
//! - zorgteams: delivered in WGS 84, as web data usually is.
//!
//! `gebieden demo DIR` writes the files; the copies in `data/` are its output, and a test checks
//! they still match.

use std::collections::BTreeMap;
use std::path::Path;

use geo::{Coord, LineString, MultiPolygon, Polygon, unary_union};
use serde_json::json;

use crate::io::{OutFeature, write_geojson};
use crate::model::Crs;

const COLUMNS: usize = 12;
const ROWS: usize = 8;
const CELL: f64 = 500.0;
const ORIGIN: Coord<f64> = Coord {
    x: 212_000.0,
    y: 446_000.0,
};

/// A small deterministic generator (SplitMix64), so the demo is the same on every machine.
fn hash(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A number in [-1, 1) from a key.
fn noise(key: u64) -> f64 {
    (hash(key) >> 11) as f64 / (1u64 << 52) as f64 - 1.0
}

/// The position of grid node (i, j) in half-cell units (so edge midpoints are nodes too).
fn node(i: usize, j: usize) -> Coord<f64> {
    let key = (i as u64) << 32 | j as u64;
    let (jx, jy) = if i % 2 == 1 || j % 2 == 1 {
        (35.0, 35.0)
    } else {
        (110.0, 110.0)
    };
    Coord {
        x: ORIGIN.x + i as f64 * CELL / 2.0 + noise(key * 2) * jx,
        y: ORIGIN.y + j as f64 * CELL / 2.0 + noise(key * 2 + 1) * jy,
    }
}

/// Cell (c, r) as a polygon through its corners and edge midpoints, counter-clockwise.
fn cell(c: usize, r: usize) -> Polygon<f64> {
    let (i, j) = (c * 2, r * 2);
    let ring = vec![
        node(i, j),
        node(i + 1, j),
        node(i + 2, j),
        node(i + 2, j + 1),
        node(i + 2, j + 2),
        node(i + 1, j + 2),
        node(i, j + 2),
        node(i, j + 1),
        node(i, j),
    ];
    Polygon::new(LineString::new(ring), vec![])
}

fn cells_union(cells: &[(usize, usize)]) -> MultiPolygon<f64> {
    let polygons: Vec<Polygon<f64>> = cells.iter().map(|&(c, r)| cell(c, r)).collect();
    unary_union(&polygons)
}

/// Moves every vertex by up to `metres`, differently per area, keeping rings closed.
fn redigitise(geometry: &MultiPolygon<f64>, area_key: u64, metres: f64) -> MultiPolygon<f64> {
    let shift = |c: &Coord<f64>| {
        let key = hash(area_key ^ (c.x * 1000.0) as u64 ^ ((c.y * 1000.0) as u64) << 20);
        Coord {
            x: c.x + noise(key) * metres,
            y: c.y + noise(key + 1) * metres,
        }
    };
    let ring = |l: &LineString<f64>| LineString::new(l.0.iter().map(shift).collect());
    MultiPolygon::new(
        geometry
            .0
            .iter()
            .map(|p| Polygon::new(ring(p.exterior()), p.interiors().iter().map(ring).collect()))
            .collect(),
    )
}

const BUURT_NAMES: [&str; 24] = [
    "Zonnedaal-Centrum",
    "Kerkbuurt",
    "Molenhoek",
    "Beekzijde",
    "Heidepark",
    "De Esch",
    "Zonnedaal-West",
    "Schoolbuurt",
    "Marktveld",
    "Oude Haven",
    "Lindehof",
    "Rozendaal",
    "Ulvenhout",
    "Brinkdorp",
    "Veldzicht",
    "Het Broek",
    "Dijkhuizen",
    "Verspreide huizen Noord",
    "Hoeve Ter Weide",
    "Kanaalzone",
    "Bedrijventerrein De Vaart",
    "Eikenrode",
    "Buitenveld",
    "Verspreide huizen Oost",
];

const WIJK_NAMES: [&str; 4] = [
    "Wijk 01 Zonnedaal-Zuid",
    "Wijk 02 Zonnedaal-Oost",
    "Wijk 03 Noord",
    "Wijk 04 Buitengebied",
];

fn props(pairs: &[(&str, serde_json::Value)]) -> Vec<(String, serde_json::Value)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn buurten() -> Vec<OutFeature> {
    let mut out = Vec::new();
    for by in 0..ROWS / 2 {
        for bx in 0..COLUMNS / 2 {
            let index = by * (COLUMNS / 2) + bx;
            let wijk = (by / 2) * 2 + bx / 3;
            let cells = [
                (bx * 2, by * 2),
                (bx * 2 + 1, by * 2),
                (bx * 2, by * 2 + 1),
                (bx * 2 + 1, by * 2 + 1),
            ];
            // Denser near the centre (bottom left), sparse in the countryside.
            let distance = (bx as f64).hypot(by as f64);
            let inwoners = ((3200.0 / (1.0 + distance)) * (1.0 + 0.3 * noise(index as u64 + 77)))
                .round() as i64;
            out.push(OutFeature {
                properties: props(&[
                    (
                        "buurtcode",
                        json!(format!("BU9999{:02}{:02}", wijk + 1, index)),
                    ),
                    ("buurtnaam", json!(BUURT_NAMES[index])),
                    ("wijkcode", json!(format!("WK9999{:02}", wijk + 1))),
                    ("wijknaam", json!(WIJK_NAMES[wijk])),
                    ("inwoners", json!(inwoners)),
                ]),
                geometry: cells_union(&cells),
            });
        }
    }
    out
}

/// A partner division from a cell → area-name map, redigitised.
fn partner(
    assign: impl Fn(usize, usize) -> Vec<&'static str>,
    seed: u64,
    extra: &dyn Fn(&str) -> Vec<(String, serde_json::Value)>,
) -> Vec<OutFeature> {
    let mut cells: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for r in 0..ROWS {
        for c in 0..COLUMNS {
            for area in assign(c, r) {
                cells.entry(area).or_default().push((c, r));
            }
        }
    }
    cells
        .into_iter()
        .enumerate()
        .map(|(i, (name, cells))| OutFeature {
            properties: extra(name),
            geometry: redigitise(&cells_union(&cells), seed * 1000 + i as u64, 1.5),
        })
        .collect()
}

fn politie() -> Vec<OutFeature> {
    partner(
        |c, r| {
            // The gap: nobody patrols this cell near the canal.
            if (c, r) == (8, 2) {
                return vec![];
            }
            // Wijk boundaries run at c = 6 and r = 4; the police split at c = 5, one cell
            // (half a buurt) west of it, so four buurten are cut in two.
            vec![match (c < 5, r < 4) {
                (true, true) => "Wijkagent Centrum",
                (false, true) => "Wijkagent Oost",
                (true, false) => "Wijkagent Noord",
                (false, false) => "Wijkagent Buitengebied",
            }]
        },
        1,
        &|name| {
            let code = match name {
                "Wijkagent Centrum" => "PA-01",
                "Wijkagent Oost" => "PA-02",
                "Wijkagent Noord" => "PA-03",
                _ => "PA-04",
            };
            props(&[
                ("code", json!(code)),
                ("naam", json!(name)),
                ("basisteam", json!("Achter de Dijk")),
            ])
        },
    )
}

fn corporatie() -> Vec<OutFeature> {
    partner(
        |c, r| {
            let mut areas = vec![match (c < 6, r < 4) {
                (true, _) if r < 6 => "District Zuidwest",
                (false, true) => "District Oost",
                _ => "District Noord",
            }];
            // The overlap: both districts claim the flats on this cell.
            if (c, r) == (5, 2) {
                areas.push("District Oost");
            }
            areas
        },
        2,
        &|name| {
            let code = match name {
                "District Zuidwest" => "D1",
                "District Oost" => "D2",
                _ => "D3",
            };
            props(&[
                ("code", json!(code)),
                ("naam", json!(name)),
                ("corporatie", json!("Woonstede Zonnedaal")),
            ])
        },
    )
}

fn zorgteams() -> Vec<OutFeature> {
    partner(
        |c, r| {
            vec![match (c < 6, r < 4) {
                (true, true) => "Zorgteam Centrum",
                (false, _) => "Zorgteam Oost",
                (true, false) => "Zorgteam Noord",
            }]
        },
        3,
        &|name| {
            let postcodes = match name {
                "Zorgteam Centrum" => "9901, 9902",
                "Zorgteam Oost" => "9905, 9906",
                _ => "9903",
            };
            let code = match name {
                "Zorgteam Centrum" => "Z1",
                "Zorgteam Oost" => "Z2",
                _ => "Z3",
            };
            props(&[
                ("code", json!(code)),
                ("team", json!(name)),
                ("postcodes", json!(postcodes)),
            ])
        },
    )
}

fn gemeentegrens() -> Vec<OutFeature> {
    let all: Vec<(usize, usize)> = (0..ROWS)
        .flat_map(|r| (0..COLUMNS).map(move |c| (c, r)))
        .collect();
    vec![OutFeature {
        properties: props(&[
            ("gemeentecode", json!("GM9999")),
            ("gemeentenaam", json!("Zonnedaal")),
        ]),
        geometry: cells_union(&all),
    }]
}

/// The demo files, by file name: (layer name, features, CRS to write in).
fn files() -> Vec<(&'static str, &'static str, Vec<OutFeature>, Crs)> {
    vec![
        ("buurten.geojson", "buurten", buurten(), Crs::RD_NEW),
        ("politie.geojson", "politie", politie(), Crs::RD_NEW),
        (
            "corporatie.geojson",
            "corporatie",
            corporatie(),
            Crs::RD_NEW,
        ),
        ("zorgteams.geojson", "zorgteams", zorgteams(), Crs::WGS84),
        (
            "gemeentegrens.geojson",
            "gemeentegrens",
            gemeentegrens(),
            Crs::RD_NEW,
        ),
    ]
}

/// The names of the demo's division files (not the municipal boundary), in display order.
pub const DIVISION_FILES: &[&str] = &[
    "buurten.geojson",
    "politie.geojson",
    "corporatie.geojson",
    "zorgteams.geojson",
];

/// The demo's municipal boundary file, the extent for gap checks.
pub const EXTENT_FILE: &str = "gemeentegrens.geojson";

/// Writes the demo data set into `dir` (which must exist).
pub fn write_demo(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut written = Vec::new();
    for (file, name, features, crs) in files() {
        let path = dir.join(file);
        write_geojson(&path, name, features, Crs::RD_NEW, crs)?;
        written.push(path);
    }
    Ok(written)
}

/// Where the bundled demo files are: `data/` beside the executable (an installed copy), or the
/// source tree's `data/` (when run with cargo).
pub fn bundled_dir() -> Option<std::path::PathBuf> {
    let mut candidates = Vec::new();
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
    {
        candidates.push(dir.join("data"));
        candidates.extend(dir.ancestors().nth(2).map(|root| root.join("data")));
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("data"));
    candidates
        .into_iter()
        .find(|dir| dir.join(DIVISION_FILES[0]).is_file())
}
