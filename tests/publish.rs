//! The residents' web map (issue 16): published from the 2013 plan of Oude IJsselstreek and
//! opened in headless Chromium with every host but 127.0.0.1 unreachable, a local tile server
//! and a canned Locatieserver in PDOK's shape.

mod util;

use std::process::Command;

use gebieden::services::test_server::{TestServer, test_tile_png};
use util::{run, shared, stderr, stdout};

/// PDOK's answers for "Kerkstraat 1 Gendringen", trimmed to the fields the page reads.
fn locatieserver(path: &str) -> Option<(&'static str, Vec<u8>)> {
    let body = if path.to_lowercase().starts_with("/suggest?q=kerkstraat%201%20gendringen") {
        r#"{"response":{"numFound":1,"start":0,"docs":[{"type":"adres","weergavenaam":"Kerkstraat 1, 7081AC Gendringen","id":"adr-1","score":12.1}]}}"#
    } else if path.starts_with("/suggest?") {
        r#"{"response":{"numFound":0,"start":0,"docs":[]}}"#
    } else if path == "/lookup?id=adr-1" {
        r#"{"response":{"numFound":1,"start":0,"docs":[{"id":"adr-1","type":"adres","weergavenaam":"Kerkstraat 1, 7081AC Gendringen","centroide_ll":"POINT(6.37563 51.87265)","centroide_rd":"POINT(225710.12 434107.55)"}]}}"#
    } else {
        return None;
    };
    Some(("application/json", body.as_bytes().to_vec()))
}

/// Chromium, or the reason it cannot be run here.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser"].into_iter().find(|name| Command::new(name).arg("--version").output().is_ok_and(|o| o.status.success()))
}

/// The page's DOM after its scripts ran, only 127.0.0.1 reachable.
fn rendered(page: &str) -> String {
    let browser = chromium().expect("headless Chromium (Debian's `chromium`; .ci/run installs it)");
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=8000",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            "--dump-dom",
            page,
        ])
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn publish(extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let areas = dir.path().join("samenstelling");
    let output = run(&[
        "compose", "--units", shared("oude_ijsselstreek_buurten_2019.rd.geojson").to_str().unwrap(),
        "--assign", shared("gebieden_2013_voorstel.csv").to_str().unwrap(), "--out", areas.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let web = dir.path().join("web");
    let mut args: Vec<String> = vec!["publish".into(), areas.join("areas.geojson").to_str().unwrap().to_string(), "--out".into(), web.to_str().unwrap().into(), "--title".into(), "Gebiedsteams Oude IJsselstreek".into()];
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("6 areas"), "{}", stdout(&output));
    (dir, web)
}

#[test]
fn the_page_draws_the_areas_over_local_tiles_and_finds_an_address() {
    let tiles = TestServer::start(|path| path.starts_with("/tiles/").then(|| ("image/png", test_tile_png([220, 220, 210]))));
    let search = TestServer::start(locatieserver);
    let template = format!("{}/tiles/{{z}}/{{x}}/{{y}}.png", tiles.url());
    let (_dir, web) = publish(&["--tiles", &template, "--locatieserver", &search.url()]);
    for file in ["index.html", "gebieden.js", "gebieden-data.js", "leaflet.js", "leaflet.css", "LICENSE-leaflet.txt"] {
        assert!(web.join(file).is_file(), "{file}");
    }
    let data = std::fs::read_to_string(web.join("gebieden-data.js")).unwrap();
    assert!(!data.contains("pdok.nl"), "no request to any host but the ones given");
    let page = format!("file://{}?adres=Kerkstraat%201%20Gendringen", web.join("index.html").display());
    let dom = rendered(&page);
    // The areas are drawn (one SVG path each) and named in the list and as labels.
    assert!(dom.matches("leaflet-interactive").count() >= 6, "{dom}");
    for area in ["2 Terborg", "3 Silvolde", "4 Ulft-zuid en Bontebrug", "6 Gendringen, Breedenbroek, Voorst, Megchelen en Netterden"] {
        assert!(dom.matches(area).count() >= 2, "{area} in the list and on the map");
    }
    assert!(dom.contains("Kerkstraat 1, 7081AC Gendringen valt in gebied 6 Gendringen"), "{dom}");
    assert!(tiles.requests().iter().any(|r| r.starts_with("/tiles/")), "tile requests arrive");
    assert!(search.requests().iter().any(|r| r.starts_with("/lookup?id=adr-1")));
}

#[test]
fn without_the_search_service_the_page_still_shows_the_areas_and_says_why_there_is_no_search() {
    // Nothing listens here: the search and the tiles are both unreachable.
    let (_dir, web) = publish(&["--tiles", "http://127.0.0.1:9/{z}/{x}/{y}.png", "--locatieserver", "http://127.0.0.1:9"]);
    let dom = rendered(&format!("file://{}", web.join("index.html").display()));
    assert!(dom.matches("leaflet-interactive").count() >= 6, "{dom}");
    assert!(dom.contains("id=\"zoeken\" aria-labelledby=\"zoekkop\" hidden"), "the search is hidden");
    assert!(!dom.contains("id=\"geenzoeken\" class=\"opmerking\" hidden"), "the note shows");
}
