//! The background map on printed maps and the place search on the command line (issue 13),
//! against services served from 127.0.0.1 inside the test (these machines have no internet).

mod util;

use std::process::Output;

use gebieden::services::test_server::{TestServer, test_tile_png};
use resvg::tiny_skia::Pixmap;
use util::{demo, shared, stderr, stdout};

/// Runs the binary with the background map and search services replaced.
fn run_with(args: &[&str], tiles: &str, cache: &std::path::Path, search: &str) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gebieden"))
        .args(args)
        .env("GEBIEDEN_BASEMAP_URL", tiles)
        .env("GEBIEDEN_TILE_CACHE", cache)
        .env("GEBIEDEN_LOCATIESERVER_URL", search)
        .output()
        .expect("the gebieden binary runs")
}

fn tile_server() -> TestServer {
    let tile = test_tile_png([40, 160, 40]);
    TestServer::start(move |path| path.starts_with("/rd/").then(|| ("image/png", tile.clone())))
}

/// How many pixels of the PNG are the test tiles' green (seen through the areas or not).
fn greenish_pixels(png: &[u8]) -> usize {
    let pixmap = Pixmap::decode_png(png).unwrap();
    pixmap
        .pixels()
        .iter()
        .filter(|p| p.green() > p.red().saturating_add(40) && p.green() > p.blue().saturating_add(40))
        .count()
}

#[test]
fn a_printed_map_draws_the_tiles_under_the_areas_and_credits_kadaster_only_for_pdok() {
    let server = tile_server();
    let template = format!("{}/rd/{{z}}/{{x}}/{{y}}.png", server.url());
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("tiles");
    let out = dir.path().join("kaart.png");
    let units = shared("oude_ijsselstreek_buurten_2019.rd.geojson");
    let args = [
        "map",
        units.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--basemap",
        "grijs",
        "--dpi",
        "60",
    ];
    let output = run_with(&args, &template, &cache, "http://127.0.0.1:9");
    assert!(output.status.success(), "{}", stderr(&output));
    let asked = server.requests().len();
    assert!(asked >= 4, "tiles asked for: {:?}", server.requests());
    // A4 at 60 dpi of a municipality ~20 km across: the level that prints at ≥ 60 dpi.
    let levels: std::collections::BTreeSet<String> = server
        .requests()
        .iter()
        .filter_map(|p| p.split('/').nth(2).map(str::to_string))
        .collect();
    assert_eq!(levels.len(), 1, "one level: {levels:?}");
    let png = std::fs::read(&out).unwrap();
    assert!(greenish_pixels(&png) > 5_000, "the background shows");

    // An SVG names its source: a service of our own is not credited to Kadaster.
    let svg = dir.path().join("kaart.svg");
    let args_svg = [&args[..3], &[svg.to_str().unwrap()], &args[4..6]].concat();
    let output = run_with(&args_svg, &template, &cache, "http://127.0.0.1:9");
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("<g id=\"background\">") && text.contains("data:image/png;base64,"));
    assert!(!text.contains("Kaartgegevens"), "not PDOK's tiles");

    // With the server gone, the same map comes from the cache.
    drop(server);
    let again = dir.path().join("opnieuw.png");
    let args_again = [&args[..3], &[again.to_str().unwrap()], &args[4..]].concat();
    let output = run_with(&args_again, &template, &cache, "http://127.0.0.1:9");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read(&again).unwrap(), png, "the same tiles, the same map");
}

#[test]
fn a_map_without_reachable_tiles_fails_with_the_host_and_reason() {
    let server = tile_server();
    let template = format!("{}/rd/{{z}}/{{x}}/{{y}}.png", server.url());
    let host = server.url().trim_start_matches("http://").to_string();
    drop(server);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kaart.pdf");
    let started = std::time::Instant::now();
    let output = run_with(
        &["map", demo("buurten.geojson").to_str().unwrap(), "--out", out.to_str().unwrap(), "--basemap", "pastel"],
        &template,
        &dir.path().join("tiles"),
        "http://127.0.0.1:9",
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains(&format!("error: background map tiles could not be fetched from {host}: connection refused")),
        "{message}"
    );
    assert!(started.elapsed().as_secs() < 20, "within seconds");
    assert!(!out.exists(), "no map without its background");

    let output = run_with(
        &["map", demo("buurten.geojson").to_str().unwrap(), "--out", out.to_str().unwrap(), "--basemap", "luchtfoto"],
        &template,
        dir.path(),
        "http://127.0.0.1:9",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("standaard, grijs, pastel or water"));
}

/// A Locatieserver in the documented shape: "Kerkstraat 1 Gendringen" at a point in buurt
/// BU15090100 Gendringen.
fn locatieserver(point: [f64; 2]) -> TestServer {
    TestServer::start(move |path| {
        let body = if path.to_lowercase().starts_with("/suggest?q=kerkstraat%201%20gendringen") {
            r#"{"response":{"numFound":1,"start":0,"maxScore":12.0,"docs":[
              {"type":"adres","weergavenaam":"Kerkstraat 1, 7081AC Gendringen","id":"adr-1","score":12.0}]}}"#
                .to_string()
        } else if path.starts_with("/suggest?") {
            r#"{"response":{"numFound":0,"start":0,"maxScore":0.0,"docs":[]}}"#.to_string()
        } else if path == "/lookup?id=adr-1" {
            format!(
                r#"{{"response":{{"numFound":1,"start":0,"maxScore":1.0,"docs":[{{"id":"adr-1","type":"adres",
                  "weergavenaam":"Kerkstraat 1, 7081AC Gendringen","centroide_rd":"POINT({} {})"}}]}}}}"#,
                point[0], point[1]
            )
        } else {
            return None;
        };
        Some(("application/json", body.into_bytes()))
    })
}

#[test]
fn locate_names_the_area_of_every_division_at_an_address() {
    use geo::InteriorPoint;
    let units = gebieden::io::load(&shared("oude_ijsselstreek_buurten_2019.rd.geojson"), &Default::default()).unwrap();
    let gendringen = units[0].features.iter().find(|f| f.id == "BU15090100").unwrap();
    let inside = gendringen.geometry.interior_point().unwrap();
    let server = locatieserver([inside.x(), inside.y()]);
    let dir = tempfile::tempdir().unwrap();
    let buurten = shared("oude_ijsselstreek_buurten_2019.rd.geojson");
    let wijken = shared("oude_ijsselstreek_wijken_2019.rd.geojson");
    let pc4 = shared("pc4_oude_ijsselstreek_e.o.rd.geojson");
    let files = [buurten.to_str().unwrap(), wijken.to_str().unwrap(), pc4.to_str().unwrap()];
    let output = run_with(
        &[&["locate", "Kerkstraat 1 Gendringen"][..], &files[..], &["--json"]].concat(),
        "http://127.0.0.1:9/{z}/{x}/{y}.png",
        dir.path(),
        &server.url(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["query"], "Kerkstraat 1 Gendringen");
    assert_eq!(json["place"]["name"], "Kerkstraat 1, 7081AC Gendringen");
    assert_eq!(json["place"]["x"].as_f64().unwrap(), inside.x());
    let areas = json["areas"].as_array().unwrap();
    let find = |layer: &str| areas.iter().find(|a| a["layer"].as_str().unwrap().starts_with(layer)).unwrap();
    assert_eq!(find("oude_ijsselstreek_buurten")["id"], "BU15090100");
    assert_eq!(find("oude_ijsselstreek_buurten")["name"], "Gendringen");
    assert_eq!(find("oude_ijsselstreek_wijken")["id"], "WK150901");
    assert_eq!(find("pc4")["id"], "7081");
    for area in areas {
        let keys: Vec<&String> = area.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["layer", "id", "name"]);
    }

    // Plain text names them too; nothing found is exit 1 with a message.
    let output = run_with(&[&["locate", "Kerkstraat 1 Gendringen"][..], &files[..]].concat(), "", dir.path(), &server.url());
    assert!(stdout(&output).contains("Gendringen (BU15090100)"), "{}", stdout(&output));
    let output = run_with(&[&["locate", "Nergensweg 99"][..], &files[..]].concat(), "", dir.path(), &server.url());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("no place found for 'Nergensweg 99'"));
    // No search service: exit 2, naming the host.
    let output = run_with(&[&["locate", "Ulft"][..], &files[..]].concat(), "", dir.path(), "http://127.0.0.1:9");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("127.0.0.1:9"), "{}", stderr(&output));
}
