//! The window: layers, map, analysis, language, messages and a snapshot of a real frame.

use super::*;

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
    let harness = harness_for(app, [1200.0, 760.0]);
    harness.get_by_label_contains("truncated.geojson: not valid JSON");
    harness.get_by_label_contains("Kan niet openen:");
}

#[test]
fn geometry_problems_are_told_in_dutch() {
    let mut app = GebiedenApp::open(vec![
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input/bowtie.geojson"),
    ]);
    app.wait_for_jobs();
    let harness = harness_for(app, [1200.0, 760.0]);
    harness
        .get_by_label_contains("buitenrand van deel 1 snijdt zichzelf bij (6.050000, 51.950000)");
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

#[test]
fn a_job_that_panics_is_reported_and_the_window_carries_on() {
    use crate::gui::jobs::{FailedJob, JobResult};
    let mut app = GebiedenApp::open(demo_files());
    app.wait_for_jobs();
    // As if the analysis had hit a bug: it panics in its thread.
    app.jobs.set_analysing(true);
    app.jobs.spawn(
        None,
        || panic!("overlay kapot"),
        |message| JobResult::Failed {
            job: FailedJob::Analysis,
            message,
        },
    );
    app.wait_for_jobs();
    assert!(!app.is_analysing(), "not busy for ever");
    let message = &app.messages.last().unwrap().text;
    assert!(
        message.contains("Interne fout bij de analyse: overlay kapot")
            && message.contains("Uw werk is niet verloren"),
        "{message}"
    );
    // The next analysis runs as usual.
    app.actions.push(crate::gui::app::Action::RunAnalysis);
    app.apply_actions();
    app.wait_for_jobs();
    assert!(app.analysis.is_some());
}
