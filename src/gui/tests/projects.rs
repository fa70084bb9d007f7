//! Projects: saving, autosave and restore, moved files, and no lost work when killed.

use super::*;

#[test]
fn an_autosave_is_written_when_idle_and_offered_on_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let fallback = dir.path().join("naamloos.gebieden.autosave");
    let mut app = GebiedenApp::open(demo_files());
    app.wait_for_jobs();
    app.autosave_fallback = Some(fallback.clone());
    app.actions
        .push(crate::gui::app::Action::AddArea("Oost".into()));
    app.apply_actions();
    assert!(!app.autosaved);
    // The next start finds it and offers it; restoring brings the area back.
    let next = autosave_and_restart(&mut app, &fallback);
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
fn a_project_whose_base_file_changed_under_it_says_so_on_opening() {
    let dir = tempfile::tempdir().unwrap();
    let buurten = dir.path().join("buurten.geojson");
    std::fs::copy(&demo_files()[0], &buurten).unwrap();
    let mut app = GebiedenApp::open(vec![buurten.clone()]);
    app.wait_for_jobs();
    app.base_layer = Some(0);
    let project = dir.path().join("p.gebieden");
    app.save_project(&project);
    // Reopened as it was: no warning.
    let mut same = GebiedenApp::open_window(vec![project.clone()]);
    same.wait_for_jobs();
    assert!(!same.messages.iter().any(|m| m.text.contains("basislaag is veranderd")));
    // A buurt less in the file (a new vintage put in its place, say).
    let mut data: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&buurten).unwrap()).unwrap();
    let count = {
        let features = data["features"].as_array_mut().unwrap();
        features.pop();
        features.len()
    };
    std::fs::write(&buurten, serde_json::to_string(&data).unwrap()).unwrap();
    let mut changed = GebiedenApp::open_window(vec![project]);
    changed.wait_for_jobs();
    let warning = changed.messages.iter().find(|m| m.text.contains("basislaag is veranderd")).expect("a warning");
    assert!(warning.text.contains(&format!("nu buurten.geojson ({count} eenheden)")), "{}", warning.text);
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
        app.last_change = Some(std::time::Instant::now() - crate::gui::project::AUTOSAVE_AFTER);
        app.autosave_tick();
        assert!(app.autosaved);
        // Tells the parent a whole cycle is done, so it can time its kill by the cycle and not
        // by a guess at how long starting takes on a loaded machine. Written past the test
        // harness' capture, straight to the pipe.
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{CYCLE_DONE}");
        let _ = out.flush();
    }
}

/// The line the child writes after each save + autosave cycle.
const CYCLE_DONE: &str = "gebieden-kill-test: cycle done";

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
    const ROUNDS: u64 = 10;
    for round in 0..ROUNDS {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "gui::tests::projects::save_and_autosave_loop_child",
                "--test-threads",
                "1",
            ])
            .env("GEBIEDEN_APP_SAVE_LOOP", &path)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The child's finished cycles, as they come (the reader keeps the pipe drained).
        let (cycles, cycle_done) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if line.trim() == CYCLE_DONE && cycles.send(std::time::Instant::now()).is_err() {
                    break;
                }
            }
        });
        // Opening the demo and making the versions take a while, longer on a loaded machine:
        // wait for two whole cycles and measure one.
        let started = cycle_done
            .recv_timeout(std::time::Duration::from_secs(300))
            .expect("the child finished a save + autosave cycle");
        let cycle = cycle_done
            .recv_timeout(std::time::Duration::from_secs(300))
            .expect("the child finished a second cycle")
            - started;
        // Kill anywhere in the next two cycles: each round its own tenth of them, at a random
        // point inside it, so the kills cover the whole cycle (save, autosave, and between).
        let span = 2 * cycle.as_micros() as u64;
        let wait = (round * span + next() % span) / ROUNDS;
        std::thread::sleep(std::time::Duration::from_micros(wait));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let moment = format!(
            "{:.0} ms into two {:.0} ms cycles",
            wait as f64 / 1000.0,
            cycle.as_secs_f64() * 1000.0
        );
        for file in [&path, &autosave] {
            if file.exists() {
                let version = whole_version(file).unwrap_or_else(|e| {
                    panic!("round {round} ({moment}): {}: {e}", file.display())
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
    println!("{torn} of {ROUNDS} kills landed inside a write; versions seen: {versions:?}");
}
