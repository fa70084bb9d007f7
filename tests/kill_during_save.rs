//! No lost work: a process killed (SIGKILL on Unix, TerminateProcess on Windows) while saving
//! leaves the project file either as it was or as it was going to be, never half written.

use std::path::Path;
use std::time::Duration;

use gebieden::compose::PaintMode;
use gebieden::io::{read_project, write_project};
use gebieden::model::Project;

const UNITS: usize = 20_000;

fn project_version(i: usize) -> Project {
    let mut project = Project::default();
    let area = format!("versie {i}");
    project.composition.add_area(&area).unwrap();
    let units: Vec<String> = (0..UNITS).map(|u| format!("BU{u:08}")).collect();
    project
        .composition
        .assign(
            units.iter().map(String::as_str),
            Some(&area),
            PaintMode::Overwrite,
        )
        .unwrap();
    project
}

/// Run by the parent test in a child process: saves new versions as fast as it can.
#[test]
#[ignore = "the child process of saves_survive_being_killed"]
fn save_loop_child() {
    let Ok(path) = std::env::var("GEBIEDEN_SAVE_LOOP") else {
        return;
    };
    for i in 1.. {
        write_project(Path::new(&path), &project_version(i)).unwrap();
    }
}

#[test]
fn saves_survive_being_killed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("project.gebieden");
    write_project(&path, &project_version(0)).unwrap();
    let mut seen_versions = std::collections::BTreeSet::new();
    for round in 0..12u64 {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "save_loop_child",
                "--test-threads",
                "1",
            ])
            .env("GEBIEDEN_SAVE_LOOP", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Different moments in the save cycle each round.
        std::thread::sleep(Duration::from_millis(40 + (round * 37) % 160));
        child.kill().unwrap();
        child.wait().unwrap();
        let project = read_project(&path).unwrap_or_else(|e| panic!("round {round}: {e}"));
        let areas: Vec<&str> = project
            .composition
            .areas
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(areas.len(), 1, "round {round}");
        assert_eq!(
            project.composition.assignment.len(),
            UNITS,
            "round {round}: complete"
        );
        assert!(
            project
                .composition
                .assignment
                .values()
                .all(|a| a == areas[0]),
            "round {round}: one version"
        );
        seen_versions.insert(areas[0].to_string());
    }
    // Leftover temporary files from killed saves are not the project and do no harm.
    assert!(path.is_file());
    // The child did save new versions between kills (so kills landed during saving).
    assert!(seen_versions.len() >= 2, "{seen_versions:?}");
}

/// `gebieden compose` killed at random moments while it writes its exports: every export left
/// behind reads back whole, the shapefile's parts belong together.
#[test]
fn compose_exports_survive_being_killed() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let units = shared.join("oude_ijsselstreek_buurten_2019.rd.geojson");
    let dir = tempfile::tempdir().unwrap();
    // Two different compositions (6 areas, and 2), so mixed-up parts would show.
    let six = shared.join("gebieden_2013_voorstel.csv");
    let two = dir.path().join("twee.csv");
    let text = std::fs::read_to_string(&six).unwrap();
    let mut lines = text.lines();
    let mut csv = format!("{}\n", lines.next().unwrap());
    for (i, line) in lines.enumerate() {
        let unit = line.split(',').next().unwrap();
        csv.push_str(&format!(
            "{unit},{}\n",
            if i % 2 == 0 { "Oost" } else { "West" }
        ));
    }
    std::fs::write(&two, csv).unwrap();
    let out = dir.path().join("uit");
    let mut nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    for round in 0..8 {
        let assign = if round % 2 == 0 { &six } else { &two };
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gebieden"))
            .arg("compose")
            .arg("--units")
            .arg(&units)
            .arg("--assign")
            .arg(assign)
            .arg("--out")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        nanos = nanos
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let wait = 50 + (nanos >> 33) % 400;
        std::thread::sleep(Duration::from_millis(wait));
        let _ = child.kill();
        child.wait().unwrap();
        for file in ["areas.geojson", "areas.shp", "areas.gpkg"] {
            let path = out.join(file);
            if path.exists() {
                let layers = gebieden::io::load(&path, &Default::default())
                    .unwrap_or_else(|e| panic!("round {round} ({wait} ms): {e}"));
                let n = layers[0].features.len();
                assert!(n == 6 || n == 2, "round {round}: {file} has {n} areas");
            }
        }
    }
}
