//! Everything a user changes is kept (issue 11): each kind of change is made in the window,
//! the autosave runs, and a new window started from the autosave has it back.

use super::*;
use crate::gui::app::Action;
use crate::gui::i18n::Language;

/// Makes `change` on the demo, lets the autosave run, starts a new app from the autosave and
/// hands it to `check`.
fn kept_through_autosave(
    change: impl FnOnce(&mut Harness<'static, GebiedenApp>),
    check: impl FnOnce(&GebiedenApp),
) {
    let dir = tempfile::tempdir().unwrap();
    let fallback = dir.path().join("naamloos.gebieden.autosave");
    let mut harness = demo_harness();
    harness.state_mut().autosave_fallback = Some(fallback.clone());
    assert!(!harness.state().dirty, "opening the demo is no change");
    change(&mut harness);
    settle(&mut harness);
    let app = harness.state_mut();
    assert!(app.dirty && !app.autosaved, "the change is marked");
    let next = autosave_and_restart(app, &fallback);
    check(&next);
}

fn layer_names(app: &GebiedenApp) -> Vec<String> {
    assert!(app.layers.len() >= 4, "every layer is back");
    app.layers.iter().map(|l| l.layer.name.clone()).collect()
}

#[test]
fn a_renamed_layer_keeps_its_name() {
    kept_through_autosave(
        |harness| {
            harness
                .get_all_by_label("Hernoemen")
                .nth(1)
                .unwrap()
                .click();
            harness.run_steps(2);
            let field = panel_text_input(harness);
            field.focus();
            field.type_text(" wijkagenten");
            harness.run_steps(1);
            harness.get_by_label("Toepassen").click();
            harness.run_steps(2);
            harness.get_by_role_and_label(Role::CheckBox, "politie wijkagenten");
        },
        |next| {
            assert_eq!(layer_names(next)[1], "politie wijkagenten");
            assert!(next.layers[1].renamed);
            assert!(!next.layers[0].renamed, "the others keep the file's name");
        },
    );
}

#[test]
fn a_new_layer_order_is_kept() {
    kept_through_autosave(
        |harness| {
            // "Lager" of the first layer: buurten goes below politie.
            harness.get_all_by_label("Lager").next().unwrap().click();
            harness.run_steps(2);
        },
        |next| {
            assert_eq!(
                layer_names(next),
                ["politie", "buurten", "corporatie", "zorgteams"]
            );
            assert_eq!(next.base_layer, Some(1), "the base moved with its layer");
        },
    );
}

#[test]
fn a_hidden_layer_stays_hidden() {
    kept_through_autosave(
        |harness| {
            harness
                .get_by_role_and_label(Role::CheckBox, "corporatie")
                .click();
            harness.run_steps(2);
        },
        |next| {
            let visible: Vec<bool> = next.layers.iter().map(|l| l.style.visible).collect();
            assert_eq!(visible, [true, true, false, true]);
        },
    );
}

#[test]
fn a_restyled_layer_and_its_label_field_are_kept() {
    kept_through_autosave(
        |harness| {
            // The style section as the layer panel sends it: one action per change.
            let mut style = harness.state().layers[2].style.clone();
            style.fill = egui::Color32::from_rgba_unmultiplied(10, 20, 30, 90);
            style.outline_width = 4.5;
            style.always_fill = true;
            harness
                .state_mut()
                .actions
                .push(Action::SetStyle { layer: 2, style });
            harness.run_steps(1);
        },
        |next| {
            let style = &next.layers[2].style;
            // Premultiplied inside egui: a channel may come back one off.
            let fill = style.fill.to_srgba_unmultiplied();
            for (got, wanted) in fill.iter().zip([10u8, 20, 30, 90]) {
                assert!(got.abs_diff(wanted) <= 1, "{fill:?}");
            }
            assert_eq!(style.outline_width, 4.5);
            assert!(style.always_fill);
        },
    );
}

#[test]
fn a_chosen_label_field_is_kept() {
    kept_through_autosave(
        |harness| {
            harness
                .get_all_by_label("Vulling / Rand")
                .next()
                .unwrap()
                .click();
            harness.run_steps(2);
            // Buurten are labelled by buurtnaam; choose wijknaam instead.
            assert_eq!(
                harness.state().layers[0].style.label_field.as_deref(),
                Some("buurtnaam")
            );
            harness.get_by_label("Label").click();
            harness.run_steps(2);
            harness.get_by_label("wijknaam").click();
            harness.run_steps(2);
        },
        |next| {
            assert_eq!(
                next.layers[0].style.label_field.as_deref(),
                Some("wijknaam")
            );
        },
    );
}

#[test]
fn the_base_layer_and_the_active_layer_are_kept() {
    kept_through_autosave(
        |harness| {
            harness
                .state_mut()
                .actions
                .push(Action::SetBaseLayer(Some(3)));
            harness.run_steps(1);
            // The radio button before the layer's name makes it active.
            harness
                .get_all_by_role(Role::RadioButton)
                .nth(2)
                .unwrap()
                .click();
            harness.run_steps(2);
        },
        |next| {
            assert_eq!(next.base_layer, Some(3));
            assert_eq!(next.active_layer, Some(2));
        },
    );
}

#[test]
fn the_language_is_kept() {
    kept_through_autosave(
        |harness| {
            harness.get_by_label("Taal").click();
            harness.run_steps(2);
            harness.get_by_label("English").click();
            harness.run_steps(2);
        },
        |next| assert_eq!(next.language, Language::English),
    );
}

#[test]
fn the_analysis_settings_are_kept_and_used() {
    let gemeentegrens = demo_files()[0].with_file_name("gemeentegrens.geojson");
    kept_through_autosave(
        |harness| {
            harness
                .state_mut()
                .actions
                .push(Action::OpenFiles(vec![gemeentegrens.clone()]));
            settle(harness);
            harness.get_by_label("Instellingen analyse").click();
            harness.run_steps(2);
            harness.get_by_label("Grensgebied").click();
            harness.run_steps(2);
            // The combo's choice, not the layer panel's checkbox of that name.
            harness
                .get_all_by_label("gemeentegrens")
                .last()
                .unwrap()
                .click();
            harness.run_steps(2);
            harness.get_by_label("Weging").click();
            harness.run_steps(2);
            harness.get_by_label("inwoners").click();
            harness.run_steps(2);
            let mut settings = harness.state().analysis_settings.clone();
            settings.sliver_width_m = 2.5;
            harness
                .state_mut()
                .actions
                .push(Action::SetAnalysisSettings(settings));
            harness.run_steps(1);
            // The window's analysis uses them: the boundary is no division, shares are weighted.
            harness.get_by_label("Analyseer").click();
            settle(harness);
            let app = harness.state();
            let analysis = &app.analysis.as_ref().unwrap().analysis;
            assert_eq!(
                analysis.layers.len(),
                4,
                "the extent is not analysed as a division"
            );
            assert!(
                analysis
                    .settings
                    .extent
                    .as_deref()
                    .unwrap()
                    .ends_with("gemeentegrens.geojson")
            );
            assert_eq!(analysis.settings.weight_field.as_deref(), Some("inwoners"));
            assert_eq!(analysis.settings.sliver_width_m, 2.5);
        },
        |next| {
            assert_eq!(layer_names(next)[4], "gemeentegrens");
            let settings = &next.analysis_settings;
            assert_eq!(settings.extent_layer, Some(4));
            assert_eq!(settings.weight_field.as_deref(), Some("inwoners"));
            assert_eq!(settings.sliver_width_m, 2.5);
        },
    );
}

#[test]
fn a_file_whose_crs_is_wrong_opens_once_named_and_the_project_keeps_the_crs() {
    let rd_without_crs = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad_input/rd_without_crs.geojson");
    kept_through_autosave(
        |harness| {
            harness
                .state_mut()
                .actions
                .push(Action::OpenFiles(vec![rd_without_crs.clone()]));
            settle(harness);
            assert_eq!(harness.state().layers.len(), 4, "not opened as it is");
            // The window asks, offering the CRS the coordinates look like.
            harness.get_by_label("Coördinatenstelsel onbekend");
            harness.get_by_label("rd_without_crs.geojson");
            assert_eq!(harness.state().crs_requests[0].typed, "EPSG:28992");
            harness.get_by_label("Openen").click();
            settle(harness);
            assert!(harness.state().crs_requests.is_empty());
            harness.get_by_label("Gelezen als EPSG:28992");
        },
        |next| {
            let layer = &next.layers[4];
            assert_eq!(layer.layer.name, "rd_without_crs");
            assert_eq!(layer.crs_override, Some(gebieden::model::Crs::RD_NEW));
            assert_eq!(layer.layer.source_crs, gebieden::model::Crs::RD_NEW);
        },
    );
}

#[test]
fn a_crs_nobody_knows_is_refused_in_the_dialog() {
    let mut harness = demo_harness();
    let rd_without_crs = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad_input/rd_without_crs.geojson");
    harness
        .state_mut()
        .actions
        .push(Action::OpenFiles(vec![rd_without_crs]));
    settle(&mut harness);
    harness.state_mut().crs_requests[0].typed = "EPSG:99999".into();
    harness.run_steps(1);
    harness.get_by_label("Openen").click();
    harness.run_steps(2);
    harness.get_by_label_contains("unknown coordinate reference system 'EPSG:99999'");
    harness.get_by_label("Overslaan").click();
    harness.run_steps(2);
    assert!(harness.state().crs_requests.is_empty());
    assert_eq!(harness.state().layers.len(), 4);
}
