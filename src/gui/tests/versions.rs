//! The versions tab (issue 15): save a version, change, save another, compare (the moved units
//! listed), sign off, and after a restart from the autosave everything is back.

use super::*;

fn buurten_ids(app: &GebiedenApp) -> Vec<String> {
    let base = app.base_layer.expect("the demo has a base layer");
    app.layers[base].layer.features.iter().map(|f| f.id.clone()).collect()
}

#[test]
fn versions_are_saved_compared_signed_off_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let fallback = dir.path().join("naamloos.gebieden.autosave");
    let mut harness = demo_harness_sized([1280.0, 800.0]);
    harness.state_mut().autosave_fallback = Some(fallback.clone());
    let ids = buurten_ids(harness.state());
    let (north, south) = ids.split_at(ids.len() / 2);
    harness.state_mut().composer.edit(|c| {
        c.add_area("Noord").unwrap();
        c.add_area("Zuid").unwrap();
        for unit in north {
            c.assignment.insert(unit.clone(), "Noord".into());
        }
        for unit in south {
            c.assignment.insert(unit.clone(), "Zuid".into());
        }
        true
    });
    settle(&mut harness);

    harness.get_by_label("Versies").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Nog geen versies");
    harness.get_by_label("Versie opslaan").click();
    settle(&mut harness);
    assert_eq!(harness.state().negotiation.versions.len(), 1);
    assert_eq!(harness.state().negotiation.versions[0].name, "concept 1");

    // Two buurten of Noord move to Zuid; saved as the next round.
    harness.state_mut().composer.edit(|c| {
        for unit in &north[..2] {
            c.assignment.insert(unit.clone(), "Zuid".into());
        }
        true
    });
    settle(&mut harness);
    harness.get_by_label("Versie opslaan").click();
    settle(&mut harness);
    assert_eq!(harness.state().negotiation.versions.len(), 2);
    assert_eq!(harness.state().negotiation.current_version.as_deref(), Some("concept 2"));

    harness.get_by_role_and_label(Role::Button, "Vergelijken").click();
    settle(&mut harness);
    harness.get_by_label_contains("2 eenheden verplaatst");
    let diff = harness.state().negotiation.diff.clone().expect("a comparison is shown");
    let moved: Vec<&str> = diff.moved.iter().map(|m| m.unit.as_str()).collect();
    assert_eq!(moved, [north[0].as_str(), north[1].as_str()]);
    assert!(diff.moved.iter().all(|m| m.from.as_deref() == Some("Noord") && m.to.as_deref() == Some("Zuid")));
    // The moved buurten hatched in Zuid's colour on the map, the list beside it.
    harness.run_steps(2);
    let options = egui_kittest::SnapshotOptions::new().threshold(2.0).max_failed_pixels(2000);
    harness.snapshot_options("versions_compared", &options);

    // The police sign off on Zuid.
    harness.state_mut().negotiation.signoff_partner = Some("politie".into());
    harness.state_mut().negotiation.signoff_area = Some("Zuid".into());
    harness.run_steps(2);
    harness.get_by_label("akkoord").click();
    harness.run_steps(1);
    harness.get_by_label("Vastleggen").click();
    settle(&mut harness);
    let version = harness.state().negotiation.versions[1].clone();
    let messages: Vec<String> = harness.state().messages.iter().map(|m| m.text.clone()).collect();
    assert_eq!(version.signoffs.len(), 1, "{messages:?}");
    assert_eq!(version.signoffs[0].status, gebieden::model::SignoffStatus::Akkoord);
    // Listed under the form: the radio button and the recorded word.
    assert!(harness.get_all_by_label("akkoord").count() >= 2);

    // Opening concept 1 again brings its composition back (and marks the sign-off for Zuid,
    // given for concept 2's Zuid, as no longer applying there).
    harness.get_all_by_label("Openen").next().unwrap().click();
    settle(&mut harness);
    assert_eq!(harness.state().composer.composition.assignment.get(&north[0]).map(String::as_str), Some("Noord"));
    harness.get_by_label_contains("geldt niet meer");

    // The decision report, written in the background like a printed map.
    let pdf = dir.path().join("besluit.pdf");
    harness.state_mut().actions.push(crate::gui::app::Action::Version(crate::gui::negotiation::VersionAction::WriteReport(pdf.clone())));
    settle(&mut harness);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));

    let next = autosave_and_restart(harness.state_mut(), &fallback);
    assert_eq!(next.negotiation.versions.len(), 2);
    assert_eq!(next.negotiation.versions[1].signoffs.len(), 1);
    assert_eq!(next.negotiation.current_version.as_deref(), Some("concept 1"));
}
