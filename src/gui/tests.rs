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
    harness_for(app, size)
}

/// A window of `size` on `app`, a few frames in.
fn harness_for(app: GebiedenApp, size: [f32; 2]) -> Harness<'static, GebiedenApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut GebiedenApp| app.frame(ui), app);
    harness.run_steps(3);
    harness
}

/// Drags with the primary button through the map positions, holding `modifiers`.
fn drag_through(
    harness: &mut Harness<'static, GebiedenApp>,
    path: &[[f64; 2]],
    modifiers: egui::Modifiers,
) {
    let view = harness.state().view;
    let screen: Vec<egui::Pos2> = path
        .iter()
        .map(|&p| {
            let [x, y] = view.screen_from_map(p);
            egui::pos2(x, y)
        })
        .collect();
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers,
    };
    harness.event_modifiers(egui::Event::PointerMoved(screen[0]), modifiers);
    harness.run_steps(1);
    harness.event_modifiers(button(screen[0], true), modifiers);
    harness.run_steps(1);
    for w in screen.windows(2) {
        for k in 1..=5 {
            harness.event_modifiers(
                egui::Event::PointerMoved(w[0] + (w[1] - w[0]) * (k as f32 / 5.0)),
                modifiers,
            );
            harness.run_steps(1);
        }
    }
    harness.event_modifiers(button(*screen.last().unwrap(), false), modifiers);
    harness.run_steps(2);
}

/// Runs frames and waits for background work until nothing is left to compute.
fn settle(harness: &mut Harness<'static, GebiedenApp>) {
    for _ in 0..6 {
        harness.run_steps(1);
        harness.state_mut().wait_for_jobs();
    }
    harness.run_steps(1);
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
fn composing_by_clicking_then_undo_save_and_reopen() {
    let mut harness = demo_harness();
    harness.get_by_label("Samenstellen").click();
    harness.run_steps(2);
    harness.get_by_role(Role::TextInput).click();
    harness.run_steps(1);
    harness.get_by_role(Role::TextInput).type_text("Noord");
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
fn an_autosave_is_written_when_idle_and_offered_on_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let fallback = dir.path().join("naamloos.gebieden.autosave");
    let mut app = GebiedenApp::open(demo_files());
    app.wait_for_jobs();
    app.autosave_fallback = Some(fallback.clone());
    app.actions.push(super::app::Action::AddArea("Oost".into()));
    app.apply_actions();
    assert!(!app.autosaved);
    // Pretend the user paused long enough.
    app.last_change = Some(std::time::Instant::now() - super::project::AUTOSAVE_AFTER);
    app.autosave_tick();
    assert!(app.autosaved && fallback.is_file());

    // The next start finds it and offers it; restoring brings the area back.
    let mut next = GebiedenApp {
        autosave_fallback: Some(fallback.clone()),
        ..GebiedenApp::default()
    };
    next.check_autosave();
    assert_eq!(next.restore_offer.as_deref(), Some(fallback.as_path()));
    next.actions.push(super::app::Action::RestoreAutosave);
    next.apply_actions();
    next.wait_for_jobs();
    assert!(next.composer.composition.area("Oost").is_some());
    assert_eq!(next.layers.len(), 4);
    assert!(next.dirty, "restored work still needs saving");
}

#[test]
fn a_project_whose_layer_moved_asks_for_it_and_opens_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let moved = dir.path().join("politie.geojson");
    std::fs::copy(&demo_files()[1], &moved).unwrap();
    let mut app = GebiedenApp::open(vec![demo_files()[0].clone(), moved.clone()]);
    app.wait_for_jobs();
    let project = dir.path().join("p.gebieden");
    app.save_project(&project);
    std::fs::remove_file(&moved).unwrap();

    let mut reopened = GebiedenApp::open_window(vec![project.clone()]);
    reopened.wait_for_jobs();
    assert_eq!(reopened.layers.len(), 1, "the buurten still open");
    assert_eq!(reopened.missing_layers.len(), 1);
    assert_eq!(reopened.missing_layers[0].0, moved);
    let mut harness = harness_for(reopened, [1200.0, 760.0]);
    harness.get_by_label("Laagbestanden niet gevonden");
    harness.get_by_label("Overslaan").click();
    harness.run_steps(2);
    assert!(harness.state().missing_layers.is_empty());
}

#[test]
fn drawing_a_line_splits_a_buurt_and_undo_takes_it_back() {
    let mut harness = demo_harness();
    harness.get_by_label("Samenstellen").click();
    harness.run_steps(1);
    harness
        .state_mut()
        .actions
        .push(super::app::Action::AddArea("Noord".into()));
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
        .push(super::app::Action::AddArea("Alles".into()));
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
        .push(super::app::Action::AddArea("Lasso".into()));
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
        .push(super::app::Action::AddArea("Oost".into()));
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
    harness.run_steps(2);
    harness.get_by_label("Gebied aanpassen").click();
    harness.run_steps(2);
    harness
        .state_mut()
        .actions
        .push(super::app::Action::EditArea {
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
fn export_map_shows_a_preview_exports_and_keeps_the_choices_in_the_project() {
    use gebieden::model::{MapFormat, Paper};
    let mut harness = demo_harness_sized([1400.0, 900.0]);
    harness.get_by_label("Bestand").click();
    harness.run_steps(2);
    harness.get_by_label("Kaart exporteren…").click();
    settle(&mut harness);
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
        .push(super::app::Action::ExportMap(png.clone()));
    settle(&mut harness);
    let picture = resvg::tiny_skia::Pixmap::decode_png(&std::fs::read(&png).unwrap()).unwrap();
    assert_eq!((picture.width(), picture.height()), options.pixels());
    harness.get_by_label_contains("kaart.png");
    let pdf = dir.path().join("kaart.pdf");
    harness
        .state_mut()
        .actions
        .push(super::app::Action::ExportMap(pdf.clone()));
    settle(&mut harness);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert_eq!(harness.state().map_export.options.format, MapFormat::Pdf);

    // Saved with the project, back when it is opened again.
    let project = dir.path().join("zonnedaal.gebieden");
    harness
        .state_mut()
        .actions
        .push(super::app::Action::SaveProject(Some(project.clone())));
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

/// Two versions of the project that can be recognised whole: one area holding all of many
/// (made-up) units, so that saving takes long enough for kills to land inside it.
const KILL_TEST_UNITS: usize = 150_000;

fn versions() -> [gebieden::compose::Composition; 2] {
    use gebieden::compose::{Composition, PaintMode};
    let units: Vec<String> = (0..KILL_TEST_UNITS).map(|u| format!("BU{u:08}")).collect();
    ["versie even", "versie oneven"].map(|area| {
        let mut composition = Composition::default();
        composition.add_area(area).unwrap();
        composition
            .assign(
                units.iter().map(String::as_str),
                Some(area),
                PaintMode::Overwrite,
            )
            .unwrap();
        composition
    })
}

/// Run by `saving_and_autosaving_survive_being_killed` in a child process: the window's own
/// save and autosave, one after the other, as fast as they go.
#[test]
#[ignore = "the child process of saving_and_autosaving_survive_being_killed"]
fn save_and_autosave_loop_child() {
    let Ok(path) = std::env::var("GEBIEDEN_APP_SAVE_LOOP") else {
        return;
    };
    let path = std::path::PathBuf::from(path);
    let mut app = GebiedenApp::open(demo_files());
    app.wait_for_jobs();
    let [even, odd] = versions();
    loop {
        app.composer.composition = even.clone();
        app.mark_changed();
        app.save_project(&path);
        app.composer.composition = odd.clone();
        app.mark_changed();
        // As if the user had paused: the autosave path.
        app.last_change = Some(std::time::Instant::now() - super::project::AUTOSAVE_AFTER);
        app.autosave_tick();
        assert!(app.autosaved);
    }
}

/// Whether the file holds one whole version: parseable, one area, every unit in it.
fn whole_version(path: &std::path::Path) -> Result<String, String> {
    let project = gebieden::io::read_project(path).map_err(|e| e.to_string())?;
    let [area] = project.composition.areas.as_slice() else {
        return Err(format!("{} areas", project.composition.areas.len()));
    };
    if project.composition.assignment.len() != KILL_TEST_UNITS
        || project
            .composition
            .assignment
            .values()
            .any(|a| *a != area.name)
    {
        return Err(format!("{}: units missing or mixed", area.name));
    }
    Ok(area.name.clone())
}

#[test]
fn saving_and_autosaving_survive_being_killed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("project.gebieden");
    let autosave = gebieden::io::autosave_path(&path);
    // Random moments, reproducible from the printed seed.
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
        | 1;
    println!("kill moments from seed {seed}");
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut versions = std::collections::BTreeSet::new();
    for round in 0..10 {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "gui::tests::save_and_autosave_loop_child",
                "--test-threads",
                "1",
            ])
            .env("GEBIEDEN_APP_SAVE_LOOP", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Opening the demo and making the versions take a moment; then kill anywhere in the
        // save/autosave cycle.
        let wait = 600 + next() % 1400;
        std::thread::sleep(std::time::Duration::from_millis(wait));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        for file in [&path, &autosave] {
            if file.exists() {
                let version = whole_version(file).unwrap_or_else(|e| {
                    panic!("round {round} ({wait} ms): {}: {e}", file.display())
                });
                versions.insert(version);
            }
        }
        assert!(
            path.exists(),
            "round {round}: the project was saved at least once"
        );
    }
    // Kills landed at different moments: both versions were seen.
    assert_eq!(versions.len(), 2, "{versions:?}");
    // Temporary files left by writes that were cut short (harmless, and not the project).
    let torn = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        })
        .count();
    println!("{torn} of 10 kills landed inside a write; versions seen: {versions:?}");
}

#[test]
fn a_job_that_panics_is_reported_and_the_window_carries_on() {
    use super::jobs::{FailedJob, JobResult};
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
    app.actions.push(super::app::Action::RunAnalysis);
    app.apply_actions();
    app.wait_for_jobs();
    assert!(app.analysis.is_some());
}
