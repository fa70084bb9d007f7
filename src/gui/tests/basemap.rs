//! The background map, the place search and the calm view of differences (issue 13), with the
//! tile and search services served from 127.0.0.1 inside the test.

use super::*;
use std::time::{Duration, Instant};

use gebieden::model::{BasemapSettings, BasemapStyle};
use gebieden::services::test_server::{TestServer, test_tile_png};
use gebieden::services::{TileKey, level_for_resolution, tiles_covering};

use crate::gui::basemap::BasemapView;

fn tile_server() -> TestServer {
    TestServer::start(|path| {
        path.starts_with("/rd/").then(|| ("image/png", test_tile_png([120, 190, 120])))
    })
}

fn with_basemap(server: &TestServer, cache: &std::path::Path) -> Harness<'static, GebiedenApp> {
    let mut app = GebiedenApp::open(demo_files());
    app.wait_for_jobs();
    app.basemap = BasemapSettings {
        style: Some(BasemapStyle::Grijs),
        url_template: Some(format!("{}/rd/{{style}}/{{z}}/{{x}}/{{y}}.png", server.url())),
    };
    app.basemap_view = BasemapView::with_cache(Some(cache.to_path_buf()));
    harness_for(app, [1200.0, 760.0])
}

/// Runs frames until `done` holds (tiles come from worker threads), at most a few seconds.
fn run_until(harness: &mut Harness<'static, GebiedenApp>, done: impl Fn(&GebiedenApp) -> bool) {
    let started = Instant::now();
    while !done(harness.state()) && started.elapsed() < Duration::from_secs(10) {
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run_steps(1);
}

fn parse_tile(path: &str) -> Option<TileKey> {
    let mut parts = path.trim_start_matches("/rd/grijs/").trim_end_matches(".png").split('/');
    Some(TileKey {
        level: parts.next()?.parse().ok()?,
        column: parts.next()?.parse().ok()?,
        row: parts.next()?.parse().ok()?,
    })
}

#[test]
fn the_window_draws_the_tiles_in_view_and_serves_them_from_the_cache_later() {
    let server = tile_server();
    let cache = tempfile::tempdir().unwrap();
    let mut harness = with_basemap(&server, cache.path());
    run_until(&mut harness, |app| {
        app.basemap_view.pending() == 0 && app.basemap_view.texture_count() > 0
    });
    let view = harness.state().view;
    let level = level_for_resolution(view.metres_per_pixel);
    let in_view = tiles_covering(level, view.visible_map_rect());
    let asked: Vec<TileKey> = server.requests().iter().filter_map(|p| parse_tile(p)).collect();
    assert!(!asked.is_empty());
    for key in &in_view {
        assert!(asked.contains(key), "tile {key:?} in view was asked for: {asked:?}");
    }
    assert!(harness.state().basemap_view.texture_count() >= in_view.len());
    // The credit names where the background comes from (PDOK's would say Kadaster).
    harness.get_by_label(&format!("Achtergrond: {}", server.url().trim_start_matches("http://")));
    assert!(harness.state().basemap_view.problem().is_none());

    // The next morning without network: the same view comes from the disk cache.
    drop(server);
    let template = harness.state().basemap.clone();
    let mut app = GebiedenApp::open(demo_files());
    app.wait_for_jobs();
    app.basemap = template;
    app.basemap_view = BasemapView::with_cache(Some(cache.path().to_path_buf()));
    let mut harness = harness_for(app, [1200.0, 760.0]);
    run_until(&mut harness, |app| {
        app.basemap_view.pending() == 0 && app.basemap_view.texture_count() >= in_view.len()
    });
    assert!(harness.state().basemap_view.texture_count() >= in_view.len());
}

#[test]
fn without_network_the_window_says_so_once_and_works_on() {
    let server = tile_server();
    let template = format!("{}/rd/{{z}}/{{x}}/{{y}}.png", server.url());
    drop(server);
    let cache = tempfile::tempdir().unwrap();
    let mut app = GebiedenApp::open(demo_files());
    app.wait_for_jobs();
    app.basemap = BasemapSettings {
        style: Some(BasemapStyle::Grijs),
        url_template: Some(template),
    };
    app.basemap_view = BasemapView::with_cache(Some(cache.path().to_path_buf()));
    let mut harness = harness_for(app, [1200.0, 760.0]);
    run_until(&mut harness, |app| app.basemap_view.problem().is_some());
    let status = harness.query_all_by_label_contains("Achtergrondkaart niet bereikbaar").count();
    assert_eq!(status, 1, "one quiet line in the status bar");
    // The window works on: a click still selects a buurt.
    let buurt = harness.state().layers[0].layer.features[0].geometry.clone();
    let inside = geo::InteriorPoint::interior_point(&buurt).unwrap();
    click_map_at(&mut harness, [inside.x(), inside.y()]);
    assert!(matches!(harness.state().selection, Some(Selection::Feature { .. })));
}

#[test]
fn the_background_map_is_chosen_in_the_view_menu_and_kept_in_the_project() {
    let mut harness = demo_harness();
    assert_eq!(harness.state().basemap.style, None, "the tests' default");
    harness.get_by_label("Beeld").click();
    harness.run_steps(2);
    harness.get_by_label("Achtergrondkaart").click();
    harness.run_steps(2);
    harness.get_by_label("pastel").click();
    harness.run_steps(2);
    assert_eq!(harness.state().basemap.style, Some(BasemapStyle::Pastel));
    assert!(harness.state().dirty, "a change to the project");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaart.gebieden");
    harness.state_mut().save_project(&path);
    let saved = gebieden::io::read_project(&path).unwrap();
    assert_eq!(saved.basemap.style, Some(BasemapStyle::Pastel));
}

/// A Locatieserver answering in PDOK's documented shape, with a point in the demo's first buurt.
fn search_server(point: [f64; 2]) -> TestServer {
    TestServer::start(move |path| {
        let body = if path.starts_with("/suggest?q=Dorpsstraat") {
            r#"{"response":{"numFound":1,"start":0,"maxScore":9.5,"docs":[
                {"type":"adres","weergavenaam":"Dorpsstraat 1, 9999AA Zonnedaal","id":"adr-zd-1","score":9.5}]}}"#
                .to_string()
        } else if path == "/lookup?id=adr-zd-1" {
            format!(
                r#"{{"response":{{"numFound":1,"start":0,"maxScore":1.0,"docs":[
                {{"id":"adr-zd-1","type":"adres","weergavenaam":"Dorpsstraat 1, 9999AA Zonnedaal",
                 "centroide_rd":"POINT({} {})"}}]}}}}"#,
                point[0], point[1]
            )
        } else {
            return None;
        };
        Some(("application/json", body.into_bytes()))
    })
}

#[test]
fn a_search_zooms_to_the_address_and_names_the_area_of_every_division() {
    let mut harness = demo_harness();
    let buurt = harness.state().layers[0].layer.features[3].geometry.clone();
    let inside = geo::InteriorPoint::interior_point(&buurt).unwrap();
    let server = search_server([inside.x(), inside.y()]);
    harness.state_mut().search.base_url = Some(server.url());
    harness.get_by_role_and_label(Role::TextInput, "Zoeken").click();
    harness.run_steps(1);
    harness.get_by_role_and_label(Role::TextInput, "Zoeken").type_text("Dorpsstraat 1");
    harness.run_steps(1);
    let started = Instant::now();
    while harness.query_by_label("Dorpsstraat 1, 9999AA Zonnedaal").is_none()
        && started.elapsed() < Duration::from_secs(10)
    {
        std::thread::sleep(Duration::from_millis(20));
        harness.run_steps(1);
    }
    harness.get_by_label("Dorpsstraat 1, 9999AA Zonnedaal").click();
    run_until(&mut harness, |app| app.found_place.is_some());
    let app = harness.state();
    let place = app.found_place.as_ref().unwrap();
    assert_eq!(place.pos_in_map, [inside.x(), inside.y()]);
    let base = &app.layers[0].layer;
    let holding = place.areas.iter().find(|a| a.layer == base.name).unwrap();
    assert_eq!(holding.id, base.features[3].id);
    // Every division that covers the spot names its area (the demo's four cover it all).
    assert!(place.areas.len() >= 3, "{:?}", place.areas);
    let shown = app.view.visible_map_rect();
    assert!(shown[0] < inside.x() && inside.x() < shown[2] && shown[1] < inside.y() && inside.y() < shown[3]);
    assert!(shown[2] - shown[0] < 3_000.0, "zoomed in to the street");
    harness.get_by_label("Gevonden");
    harness.get_by_label_contains(&holding.name);
}

#[test]
fn slivers_are_hidden_until_asked_for() {
    let mut harness = demo_harness();
    harness.state_mut().actions.push(crate::gui::app::Action::RunAnalysis);
    settle(&mut harness);
    let app = harness.state();
    let slivers = app
        .analysis
        .as_ref()
        .unwrap()
        .analysis
        .problems
        .iter()
        .filter(|p| p.kind == gebieden::analysis::ProblemKind::Sliver)
        .count();
    assert!(slivers > 10, "the demo's redigitised boundaries leave slivers");
    assert!(!app.show_slivers);
    let toggle = format!("Randjes tonen ({slivers})");
    harness.get_by_label(&toggle).click();
    harness.run_steps(2);
    assert!(harness.state().show_slivers);
}
