//! Bestand → Publiceren… (issue 16): the areas' details filled in the window reach the web map.

use super::*;
use crate::gui::app::Action;

#[test]
fn details_filled_in_the_window_are_published_with_the_areas() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness();
    let base = harness.state().base_layer.unwrap();
    let ids: Vec<String> = harness.state().layers[base].layer.features.iter().map(|f| f.id.clone()).collect();
    harness.state_mut().actions.push(Action::AddArea("Gebiedsteam Noord".into()));
    harness.run_steps(1);
    harness.state_mut().composer.edit(|c| {
        for unit in &ids {
            c.assignment.insert(unit.clone(), "Gebiedsteam Noord".into());
        }
        true
    });
    harness.get_by_label("Samenstellen").click();
    settle(&mut harness);
    // The form for the web map's details is there, with its four fields.
    harness.get_by_label("Voor de webkaart").click();
    harness.run_steps(2);
    for field in ["team", "contact", "telefoon", "website"] {
        harness.get_by_label(field);
    }
    let details = [("team", "Team Noord"), ("telefoon", "0315 123 456"), ("website", "https://example.org/noord")]
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .into_iter()
        .collect();
    harness.state_mut().actions.push(Action::SetAreaDetails { name: "Gebiedsteam Noord".into(), details });
    settle(&mut harness);
    harness.get_by_label("Gegevens opslaan");
    let web = dir.path().join("web");
    harness.state_mut().actions.push(Action::Publish(web.clone()));
    settle(&mut harness);
    let data = std::fs::read_to_string(web.join("gebieden-data.js")).unwrap();
    assert!(data.contains("\"team\":\"Team Noord\"") && data.contains("0315 123 456"), "{data}");
    assert!(web.join("index.html").is_file() && web.join("leaflet.js").is_file());
    assert!(harness.state().messages.iter().any(|m| m.text.contains("index.html")));
}
