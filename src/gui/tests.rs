//! The window driven through egui_kittest: real app state, widgets found by their labels.

use eframe::egui;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::app::{GebiedenApp, Selection, demo_files};

fn demo_harness() -> Harness<'static, GebiedenApp> {
    demo_harness_sized([1200.0, 760.0])
}

fn demo_harness_sized(size: [f32; 2]) -> Harness<'static, GebiedenApp> {
    let mut app = GebiedenApp::open(demo_files());
    app.wait_for_jobs();
    let mut harness = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut GebiedenApp| app.frame(ui), app);
    harness.run_steps(3);
    harness
}

fn click_map_at(harness: &mut Harness<'static, GebiedenApp>, pos_in_map: [f64; 2]) {
    let [x, y] = harness.state().view.screen_from_map(pos_in_map);
    let pos = egui::pos2(x, y);
    harness.hover_at(pos);
    harness.run_steps(1);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Default::default(),
        });
    }
    harness.run_steps(2);
}

#[test]
fn opens_on_the_demo_with_its_layers() {
    let harness = demo_harness();
    for name in ["buurten", "politie", "corporatie", "zorgteams"] {
        harness.get_by_role_and_label(Role::CheckBox, name);
    }
    harness.get_by_label("24 gebieden");
    assert!(harness.state().view_fitted);
}

#[test]
fn toggling_a_layer_hides_it() {
    let mut harness = demo_harness();
    assert!(harness.state().layers[1].style.visible);
    harness
        .get_by_role_and_label(Role::CheckBox, "politie")
        .click();
    harness.run_steps(2);
    assert!(!harness.state().layers[1].style.visible);
}

#[test]
fn clicking_the_map_shows_the_attributes() {
    let mut harness = demo_harness();
    let ulvenhout = {
        let app = harness.state();
        let buurten = &app.layers[0];
        let index = buurten
            .layer
            .feature_index("BU99990312")
            .expect("Ulvenhout is in the demo");
        buurten.shapes.features[index].label_anchor.unwrap().0
    };
    click_map_at(&mut harness, ulvenhout);
    assert!(matches!(
        harness.state().selection,
        Some(Selection::Feature { layer: 0, .. })
    ));
    harness.get_by_label("Ulvenhout");
    assert_eq!(
        harness.get_all_by_label("BU99990312").count(),
        2,
        "the id and the buurtcode row"
    );
    harness.get_by_label("Wijk 03 Noord");
    harness.get_by_label("buurtnaam");
}

#[test]
fn analysis_lists_the_planted_differences() {
    let mut harness = demo_harness();
    harness.get_by_label("Analyseer").click();
    harness.run_steps(1);
    harness.state_mut().wait_for_jobs();
    harness.run_steps(3);
    harness.get_by_label_contains("Gat politie PA-02");
    harness.get_by_label_contains("Overlap corporatie D1 / D2");
    harness.get_by_label_contains("Randjes (");
    let problems = harness
        .state()
        .analysis
        .as_ref()
        .unwrap()
        .analysis
        .problems
        .len();
    assert!(problems > 2);

    // Clicking a difference selects it and shows its details.
    harness
        .get_by_label_contains("Overlap corporatie D1 / D2")
        .click();
    harness.run_steps(2);
    assert!(matches!(
        harness.state().selection,
        Some(Selection::Problem(_))
    ));
    harness.get_by_label("Overlap");
    harness.get_by_label("D1, D2");
}

#[test]
fn the_language_switches_to_english_and_back() {
    let mut harness = demo_harness();
    harness.get_by_label("Analyseer");
    harness.get_by_label("Taal").click();
    harness.run_steps(2);
    harness.get_by_label("English").click();
    harness.run_steps(2);
    harness.get_by_label("Analyse");
    assert!(harness.query_by_label("Analyseer").is_none());
    harness.get_by_label("Divisions");
    harness.get_by_label("Language").click();
    harness.run_steps(2);
    harness.get_by_label("Nederlands").click();
    harness.run_steps(2);
    harness.get_by_label("Indelingen");
}

#[test]
fn a_bad_file_gives_a_message_and_the_others_stay() {
    let mut app = GebiedenApp::open(vec![
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input/truncated.geojson"),
        demo_files()[0].clone(),
    ]);
    app.wait_for_jobs();
    assert_eq!(app.layers.len(), 1);
    let mut harness = Harness::builder()
        .with_size([1200.0, 760.0])
        .build_ui_state(|ui, app: &mut GebiedenApp| app.frame(ui), app);
    harness.run_steps(2);
    harness.get_by_label_contains("truncated.geojson: not valid JSON");
}

#[test]
fn demo_map_snapshot() {
    let mut harness = demo_harness_sized([960.0, 600.0]);
    harness.run_steps(2);
    // Tolerant of font anti-aliasing and GPU differences: a few hundred pixels may differ.
    let options = egui_kittest::SnapshotOptions::new()
        .threshold(2.0)
        .max_failed_pixels(2000);
    harness.snapshot_options("demo_map", &options);
}
