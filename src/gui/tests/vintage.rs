//! Bestand → Nieuwe indeling… (issue 18): the Groesbeek wijken, agreed on the 2015 buurten,
//! carried to the 2019 buurten of Berg en Dal; the straddlers listed and hatched until decided,
//! the old division kept as a version.

use super::*;
use crate::gui::app::Action;
use gebieden::analysis::MigrationStatus;

fn shared(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data").join(name)
}

/// The straddlers still without an area.
fn undecided(app: &GebiedenApp) -> usize {
    let Some(preview) = app.vintage_dialog.as_ref().and_then(|d| d.preview.as_ref()) else { return 0 };
    preview.straddlers.iter().filter(|(_, unit)| crate::gui::vintage_dialog::undecided(app, unit)).count()
}

fn wait_for_migration(harness: &mut Harness<'static, GebiedenApp>) {
    for _ in 0..500 {
        harness.run_steps(1);
        let dialog = harness.state().vintage_dialog.as_ref().expect("the dialog is open");
        if !dialog.is_computing() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    harness.run_steps(2);
}

#[test]
fn an_agreement_moves_to_the_new_buurten_and_the_straddlers_wait_for_a_decision() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = GebiedenApp::open(vec![shared("vintage/gm1945_berg_en_dal_buurten_2015.rd.geojson")]);
    app.wait_for_jobs();
    app.autosave_fallback = Some(dir.path().join("naamloos.gebieden.autosave"));
    app.project_path = Some(dir.path().join("groesbeek.gebieden"));
    assert_eq!(app.layers.len(), 1);
    app.base_layer = Some(0);
    let base = 0;
    let old_units = app.layers[base].layer.clone();
    let wijk = old_units.field_index("wijkcode").unwrap();
    app.composer.edit(|c| {
        for feature in &old_units.features {
            let area = feature.attributes[wijk].to_string();
            if c.area(&area).is_none() {
                c.add_area(&area).unwrap();
            }
            c.assignment.insert(feature.id.clone(), area);
        }
        true
    });
    let areas = app.composer.composition.areas.len();
    let mut harness = harness_for(app, [1280.0, 800.0]);
    settle(&mut harness);

    // The file picker is the system's; the menu item hands its choice on as this action.
    harness.get_by_label("Bestand").click();
    harness.run_steps(2);
    harness.get_by_label("Nieuwe indeling…");
    harness.key_press(egui::Key::Escape);
    let new = shared("vintage/gm1945_berg_en_dal_buurten_2019.rd.geojson");
    harness.state_mut().actions.push(Action::OpenVintage(new));
    harness.run_steps(1);
    wait_for_migration(&mut harness);

    let preview = harness.state().vintage_dialog.as_ref().and_then(|d| d.preview.clone()).expect("computed");
    assert_eq!(preview.units.features.len(), 41);
    let straddling: Vec<String> = preview
        .result
        .migration
        .units
        .iter()
        .filter(|u| u.status == MigrationStatus::Straddles)
        .map(|u| u.unit.clone())
        .collect();
    assert_eq!(straddling.len(), 3, "as `gebieden migrate` finds (tests/migrate.rs)");
    harness.get_by_label_contains("41 eenheden");
    harness.get_by_label("over een gebiedsgrens");
    for unit in &straddling {
        harness.get_by_label_contains(&format!("{unit}: "));
    }
    // The old population goes along as a field of the new buurten.
    assert_eq!(preview.carried_field.as_deref(), Some("inwoners_2015"));
    assert_eq!(undecided(harness.state()), 3);
    harness.state_mut().actions.push(Action::ZoomToAll);
    harness.run_steps(3);
    let options = egui_kittest::SnapshotOptions::new().threshold(2.0).max_failed_pixels(2000);
    harness.snapshot_options("vintage_straddlers", &options);

    harness.get_by_label("Overnemen als nieuwe versie").click();
    settle(&mut harness);
    let app = harness.state();
    let base = app.base_layer.unwrap();
    assert_eq!(app.layers[base].layer.features.len(), 41, "the new buurten are the base layer");
    assert!(app.layers[base].layer.field_index("inwoners_2015").is_some());
    assert!(app.layers[base].layer.source.exists(), "written beside the project, so it opens again");
    assert_eq!(app.composer.composition.areas.len(), areas);
    assert_eq!(app.composer.composition.assignment.len(), 41 - 3);
    let versions: Vec<(&str, usize)> =
        app.negotiation.versions.iter().map(|v| (v.name.as_str(), v.base.as_ref().map_or(0, |b| b.feature_count))).collect();
    assert_eq!(versions.len(), 2, "{versions:?}");
    assert_eq!(versions[0].1, old_units.features.len(), "the old division, on the old units");
    assert!(versions[0].0.starts_with("oude indeling"), "{versions:?}");
    assert_eq!(versions[1].1, 41);
    harness.get_by_label_contains("Overgenomen");

    // Deciding one straddler (as painting it would) takes it off the list and the map.
    let first_area = harness.state().composer.composition.areas[0].name.clone();
    harness.state_mut().composer.edit(|c| {
        c.assignment.insert(straddling[0].clone(), first_area);
        true
    });
    harness.run_steps(2);
    assert_eq!(undecided(harness.state()), 2);
    assert!(harness.query_by_label_contains(&format!("{}: ", straddling[0])).is_none());
}

#[test]
fn a_new_units_file_that_cannot_be_read_is_said_and_the_work_stays() {
    let mut harness = demo_harness();
    let before = harness.state().composer.composition.clone();
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("buurten_2020.geojson");
    std::fs::write(&broken, "{\"type\": \"FeatureCollection\", \"features\": [").unwrap();
    harness.state_mut().actions.push(Action::OpenVintage(broken));
    harness.run_steps(1);
    for _ in 0..200 {
        harness.run_steps(1);
        if harness.state().vintage_dialog.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(harness.state().vintage_dialog.is_none(), "closed with a message");
    let messages: Vec<&str> = harness.state().messages.iter().map(|m| m.text.as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("buurten_2020.geojson")), "{messages:?}");
    assert_eq!(harness.state().composer.composition, before);
}
