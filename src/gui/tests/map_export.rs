//! File → Export map: preview, export and the choices kept in the project.

use super::*;

/// The demo with File → Export map opened through the menu, its first preview drawn.
fn demo_with_map_export_open() -> Harness<'static, GebiedenApp> {
    let mut harness = demo_harness_sized([1400.0, 900.0]);
    harness.get_by_label("Bestand").click();
    harness.run_steps(2);
    harness.get_by_label("Kaart exporteren…").click();
    settle(&mut harness);
    harness
}

#[test]
fn export_map_shows_a_preview_exports_and_keeps_the_choices_in_the_project() {
    use gebieden::model::{MapFormat, Paper};
    let mut harness = demo_with_map_export_open();
    assert!(harness.state().map_export.open);
    let portrait = harness
        .state()
        .map_export
        .preview
        .as_ref()
        .expect("a preview")
        .size();
    assert!(portrait[1] > portrait[0], "A4 portrait: {portrait:?}");

    // A3 landscape: the preview is redrawn on its side.
    harness.get_by_label("A3").click();
    harness.run_steps(1);
    harness.get_by_label("Liggend").click();
    settle(&mut harness);
    let options = harness.state().map_export.options.clone();
    assert_eq!((options.paper, options.landscape), (Paper::A3, true));
    let landscape = harness.state().map_export.preview.as_ref().unwrap().size();
    assert!(landscape[0] > landscape[1], "A3 landscape: {landscape:?}");
    assert!(harness.state().dirty, "the choice belongs to the project");

    // Export (the file dialog is the system's, so the test asks for the file directly).
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("kaart.png");
    harness
        .state_mut()
        .actions
        .push(crate::gui::app::Action::ExportMap(png.clone()));
    settle(&mut harness);
    let picture = resvg::tiny_skia::Pixmap::decode_png(&std::fs::read(&png).unwrap()).unwrap();
    assert_eq!((picture.width(), picture.height()), options.pixels());
    harness.get_by_label_contains("kaart.png");
    let pdf = dir.path().join("kaart.pdf");
    harness
        .state_mut()
        .actions
        .push(crate::gui::app::Action::ExportMap(pdf.clone()));
    settle(&mut harness);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert_eq!(harness.state().map_export.options.format, MapFormat::Pdf);

    // Saved with the project, back when it is opened again.
    let project = dir.path().join("zonnedaal.gebieden");
    harness
        .state_mut()
        .actions
        .push(crate::gui::app::Action::SaveProject(Some(project.clone())));
    settle(&mut harness);
    let mut reopened = GebiedenApp::open_window(vec![project]);
    reopened.wait_for_jobs();
    assert_eq!(reopened.map_export.options.paper, Paper::A3);
    assert!(reopened.map_export.options.landscape);
    assert_eq!(reopened.map_export.options.format, MapFormat::Pdf);

    harness.get_by_label("Sluiten").click();
    harness.run_steps(2);
    assert!(!harness.state().map_export.open);
}

#[test]
fn the_preview_finds_gaps_and_overlaps_once_per_set_of_partners() {
    let mut harness = demo_with_map_export_open();
    assert!(
        harness.state().map_export.problems.is_none(),
        "not asked for yet"
    );
    harness.get_by_label("Gaten en overlappen markeren").click();
    settle(&mut harness);
    let (key, pieces) = harness.state().map_export.problems.clone().expect("found");
    assert!(!pieces.gaps.is_empty() && !pieces.overlaps.is_empty());

    // Another paper size: the preview is redrawn from the same pieces, not a new analysis.
    harness.get_by_label("A3").click();
    settle(&mut harness);
    let (same_key, same_pieces) = harness.state().map_export.problems.clone().unwrap();
    assert_eq!(key, same_key);
    assert!(std::sync::Arc::ptr_eq(&pieces, &same_pieces));

    // Hiding a partner division is another set: found again.
    harness
        .state_mut()
        .actions
        .push(crate::gui::app::Action::ToggleVisible(3));
    settle(&mut harness);
    assert!(!harness.state().layers[3].style.visible);
    let (other_key, _) = harness.state().map_export.problems.clone().unwrap();
    assert_ne!(key, other_key);
    // ... but each remaining partner was checked before: taken from the cache, none again.
    let used = harness.state().analysis_cache.lock().unwrap().last_run;
    assert_eq!((used.layers_computed, used.pairs_computed), (0, 0), "{used:?}");
    assert!(used.layers_reused >= 1, "{used:?}");
}
