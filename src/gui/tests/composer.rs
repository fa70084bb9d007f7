//! The composer: painting by click, box and lasso, splitting, renaming areas, undo.

use super::*;

#[test]
fn composing_by_clicking_then_undo_save_and_reopen() {
    let mut harness = demo_harness();
    harness.get_by_label("Samenstellen").click();
    harness.run_steps(2);
    panel_text_input(&harness).click();
    harness.run_steps(1);
    panel_text_input(&harness).type_text("Noord");
    harness.run_steps(1);
    harness.get_by_label("Toevoegen").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().composer.current_area.as_deref(),
        Some("Noord")
    );
    harness.get_by_label("Schilderen").click();
    harness.run_steps(1);

    // Paint two buurten by clicking them on the map.
    let anchors: Vec<[f64; 2]> = {
        let buurten = &harness.state().layers[0];
        ["BU99990312", "BU99990313"]
            .iter()
            .map(|id| {
                buurten.shapes.features[buurten.layer.feature_index(id).unwrap()]
                    .label_anchor
                    .unwrap()
                    .0
            })
            .collect()
    };
    for anchor in anchors {
        click_map_at(&mut harness, anchor);
    }
    assert_eq!(harness.state().composer.composition.assignment.len(), 2);
    settle(&mut harness);
    harness.get_by_label_contains("2 eenheden");

    // Ctrl+Z takes the last click back; the statistics follow.
    // Ctrl as a keyboard reports it on Windows and Linux: both `ctrl` and `command`.
    let ctrl = egui::Modifiers {
        ctrl: true,
        command: true,
        ..Default::default()
    };
    harness.key_press_modifiers(ctrl, egui::Key::Z);
    settle(&mut harness);
    assert_eq!(harness.state().composer.composition.assignment.len(), 1);
    harness.get_by_label_contains("1 eenheden");
    assert!(harness.state().dirty);

    // Save, then open the project in a fresh window: the composition is back.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zonnedaal.gebieden");
    harness.state_mut().save_project(&path);
    assert!(!harness.state().dirty);
    let mut reopened = GebiedenApp::open_window(vec![path]);
    reopened.wait_for_jobs();
    assert_eq!(reopened.layers.len(), 4);
    assert_eq!(
        reopened
            .composer
            .composition
            .assignment
            .get("BU99990312")
            .map(String::as_str),
        Some("Noord")
    );
    assert_eq!(reopened.base_layer, Some(0));
}

#[test]
fn drawing_a_line_splits_a_buurt_and_undo_takes_it_back() {
    let mut harness = demo_harness();
    harness.get_by_label("Samenstellen").click();
    harness.run_steps(1);
    harness
        .state_mut()
        .actions
        .push(crate::gui::app::Action::AddArea("Noord".into()));
    harness.run_steps(1);
    harness.get_by_label("Knippen").click();
    harness.run_steps(1);
    assert!(harness.state().composer.drawing_split);
    let anchor = {
        let buurten = &harness.state().layers[0];
        buurten.shapes.features[buurten.layer.feature_index("BU99990312").unwrap()]
            .label_anchor
            .unwrap()
            .0
    };
    click_map_at(&mut harness, [anchor[0] - 700.0, anchor[1]]);
    click_map_at(&mut harness, [anchor[0] + 700.0, anchor[1]]);
    assert_eq!(harness.state().composer.split_points.len(), 2);
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    let composition = &harness.state().composer.composition;
    assert_eq!(
        composition.splits.len(),
        1,
        "{:?}",
        harness.state().messages
    );
    assert_eq!(composition.splits[0].unit, "BU99990312");
    let result = harness
        .state()
        .composer
        .view
        .as_ref()
        .unwrap()
        .result
        .clone();
    assert!(result.checks.split_errors.is_empty());
    assert_eq!(result.split_units.as_ref().unwrap().features.len(), 25);
    let ctrl = egui::Modifiers {
        ctrl: true,
        command: true,
        ..Default::default()
    };
    harness.key_press_modifiers(ctrl, egui::Key::Z);
    settle(&mut harness);
    assert!(harness.state().composer.composition.splits.is_empty());
}

#[test]
fn a_shift_drag_box_assigns_every_unit_inside_it() {
    let mut harness = demo_harness();
    harness
        .state_mut()
        .actions
        .push(crate::gui::app::Action::AddArea("Alles".into()));
    harness.state_mut().composer.painting = true;
    harness.run_steps(1);
    let b = harness.state().layers[0].shapes.bbox().unwrap();
    let shift = egui::Modifiers {
        shift: true,
        ..Default::default()
    };
    drag_through(
        &mut harness,
        &[[b[0] - 50.0, b[3] + 50.0], [b[2] + 50.0, b[1] - 50.0]],
        shift,
    );
    assert_eq!(harness.state().composer.composition.assignment.len(), 24);
    assert!(harness.state().composer.history.can_undo());
}

#[test]
fn an_alt_drag_lasso_assigns_the_units_it_goes_round() {
    let mut harness = demo_harness();
    harness
        .state_mut()
        .actions
        .push(crate::gui::app::Action::AddArea("Lasso".into()));
    harness.state_mut().composer.painting = true;
    harness.run_steps(1);
    let b = harness.state().layers[0].shapes.bbox().unwrap();
    let alt = egui::Modifiers {
        alt: true,
        ..Default::default()
    };
    let (x0, y0, x1, y1) = (b[0] - 50.0, b[1] - 50.0, b[2] + 50.0, b[3] + 50.0);
    drag_through(
        &mut harness,
        &[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]],
        alt,
    );
    assert_eq!(harness.state().composer.composition.assignment.len(), 24);
}

#[test]
fn renaming_an_area_keeps_its_units_and_the_painting_target() {
    let mut harness = demo_harness();
    harness
        .state_mut()
        .actions
        .push(crate::gui::app::Action::AddArea("Oost".into()));
    harness.run_steps(1);
    harness
        .state_mut()
        .composer
        .composition
        .assign(
            ["BU99990312"],
            Some("Oost"),
            gebieden::compose::PaintMode::Overwrite,
        )
        .unwrap();
    harness.get_by_label("Samenstellen").click();
    // The composition's result arrives from a background job and grows the panel: a click
    // sent before it lands would hit whatever moved under the pointer.
    settle(&mut harness);
    harness.get_by_label("Gebied aanpassen").click();
    harness.run_steps(2);
    harness
        .state_mut()
        .actions
        .push(crate::gui::app::Action::EditArea {
            name: "Oost".into(),
            new_name: "2 Oost".into(),
            colour: [10, 20, 30],
            note: "met Lindehof".into(),
        });
    settle(&mut harness);
    let app = harness.state();
    assert_eq!(app.composer.current_area.as_deref(), Some("2 Oost"));
    assert_eq!(
        app.composer
            .composition
            .assignment
            .get("BU99990312")
            .map(String::as_str),
        Some("2 Oost")
    );
    assert_eq!(
        app.composer.composition.area("2 Oost").unwrap().note,
        "met Lindehof"
    );
    harness.get_by_label("Toepassen");
}

#[test]
fn a_table_of_units_per_team_becomes_a_division_on_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("wijkteams.csv");
    std::fs::write(
        &table,
        "buurtcode;team\nBU99990100;Team Noord\nBU99990101;Team Noord\nBU99990203;Team Zuid\n",
    )
    .unwrap();
    let mut harness = demo_harness();
    harness
        .state_mut()
        .actions
        .push(crate::gui::app::Action::TableAsDivision {
            path: table.clone(),
            sheet: None,
        });
    settle(&mut harness);
    let app = harness.state();
    let layer = app.layers.last().unwrap();
    assert_eq!(layer.layer.name, "wijkteams");
    let mut teams: Vec<String> = layer.layer.features.iter().map(|f| f.id.clone()).collect();
    teams.sort();
    assert_eq!(teams, ["Team Noord", "Team Zuid"]);
    assert!(dir.path().join("wijkteams.indeling.geojson").is_file());
    assert!(app.dirty, "a new layer of the project");
    harness.get_by_role_and_label(Role::CheckBox, "wijkteams");
}

#[test]
fn a_workbook_of_several_sheets_asks_which_one_holds_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("zorgteams.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let about = workbook.add_worksheet().set_name("Toelichting").unwrap();
    about.write(0, 0, "Teams per buurt, stand 1 maart").unwrap();
    let teams = workbook.add_worksheet().set_name("Teams").unwrap();
    for (row, (unit, team)) in [
        ("buurtcode", "team"),
        ("BU99990100", "Team Noord"),
        ("BU99990203", "Team Zuid"),
    ]
    .into_iter()
    .enumerate()
    {
        teams.write(row as u32, 0, unit).unwrap();
        teams.write(row as u32, 1, team).unwrap();
    }
    workbook.save(&table).unwrap();

    let mut harness = demo_harness();
    crate::gui::sheet_dialog::table_picked(
        harness.state_mut(),
        table.clone(),
        crate::gui::sheet_dialog::TablePurpose::Division,
    );
    settle(&mut harness);
    harness.get_by_label("Welk blad?");
    harness.get_by_role_and_label(Role::ComboBox, "Blad").click();
    settle(&mut harness);
    harness.get_by_label("Teams").click();
    settle(&mut harness);
    harness.get_by_label("Inlezen").click();
    settle(&mut harness);
    let app = harness.state();
    assert!(app.sheet_request.is_none(), "the question is answered");
    let layer = app.layers.last().unwrap();
    assert_eq!(layer.layer.name, "zorgteams");
    let mut names: Vec<String> = layer.layer.features.iter().map(|f| f.id.clone()).collect();
    names.sort();
    assert_eq!(names, ["Team Noord", "Team Zuid"]);
}

#[test]
fn a_partner_layer_nested_in_the_buurten_becomes_the_proposal_to_paint_from() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness();
    // The nest is written beside the project, not into the bundled demo folder.
    harness.state_mut().project_path = Some(dir.path().join("wijkteams.gebieden"));
    let police = harness
        .state()
        .layers
        .iter()
        .position(|l| l.layer.name == "politie")
        .unwrap();
    assert_eq!(harness.state().base_layer, Some(0));
    harness.get_all_by_label("Nesten").nth(police - 1).unwrap().click();
    settle(&mut harness);
    let app = harness.state();
    let nested = app.layers.len() - 1;
    let layer = &app.layers[nested].layer;
    assert!(crate::gui::nest_panel::is_nest(layer), "{}", layer.name);
    assert_eq!(layer.features.len(), 4, "one per police area");
    assert!(dir.path().join("politie-genest/nest.csv").is_file());
    assert!(app.layers[nested].shapes.own_colours.is_some(), "coloured by misfit");
    harness.state_mut().actions.push(crate::gui::app::Action::SetActive(nested));
    settle(&mut harness);
    harness.get_by_label("Passen het slechtst");
    harness.get_by_label_contains("Begin met").click();
    settle(&mut harness);
    let composition = &harness.state().composer.composition;
    assert_eq!(composition.areas.len(), 4);
    // Every buurt lies mostly in some police area: all 24 are assigned.
    assert_eq!(composition.assignment.len(), 24);
}

#[test]
fn a_partner_layer_is_cleaned_beside_the_original_after_a_preview_and_taken_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_harness();
    harness.state_mut().project_path = Some(dir.path().join("schoon.gebieden"));
    let corporation = harness
        .state()
        .layers
        .iter()
        .position(|l| l.layer.name == "corporatie")
        .unwrap();
    harness.get_all_by_label("Opschonen…").nth(corporation).unwrap().click();
    harness.run_steps(2);
    assert_eq!(harness.state().clean_dialog.as_ref().map(|d| d.layer), Some(corporation));
    // A new window lays itself out for a frame before it shows.
    harness.run_steps(2);
    harness.get_by_label("Voorbeeld").click();
    let started = std::time::Instant::now();
    while harness.state().clean_dialog.as_ref().is_some_and(|d| d.preview.is_none())
        && started.elapsed() < std::time::Duration::from_secs(20)
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.run_steps(1);
    }
    let preview = harness.state().clean_dialog.as_ref().unwrap().preview.clone().unwrap();
    // The demo's block claimed by two districts is one of the overlaps given to one of them.
    assert!(preview.cleaned.reassigned.iter().any(|r| r.kind == "overlap" && r.area_m2 > 100_000.0));
    let before = harness.state().layers.len();
    harness.get_by_label("Toevoegen als nieuwe laag").click();
    settle(&mut harness);
    let app = harness.state();
    assert_eq!(app.layers.len(), before + 1, "added beside the original");
    assert!(app.layers.iter().any(|l| l.layer.name == "corporatie"), "the original stays");
    let cleaned = app.layers.last().unwrap();
    assert_eq!(cleaned.layer.name, "corporatie (opgeschoond)");
    assert_eq!(cleaned.layer.features.len(), 3);
    assert!(dir.path().join("corporatie-schoon.geojson").is_file());
    harness.get_by_label("Ongedaan maken").click();
    settle(&mut harness);
    assert_eq!(harness.state().layers.len(), before);
}
