//! The negotiation's rounds from the command line (issue 15): the 2013 plan of Oude
//! IJsselstreek as "concept 1", a variant with two buurten moved as "concept 2", the diff
//! between them, a partner's sign-off, and the decision report read back from the PDF.

mod util;

use util::{run, shared, stderr, stdout};

/// The 2013 plan with BU15090300 (Varsseveld) and BU15090200 (Terborg) moved to area 3.
fn variant(plan: &str) -> String {
    let silvolde = plan
        .lines()
        .find_map(|line| line.split_once(',').map(|(_, area)| area).filter(|area| area.starts_with("3 ")))
        .unwrap();
    plan.lines()
        .map(|line| match line.split_once(',') {
            Some((unit, _)) if unit == "BU15090300" || unit == "BU15090200" => format!("{unit},{silvolde}"),
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn two_rounds_their_diff_a_signoff_and_the_decision_report() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("oij.gebieden");
    let plan = std::fs::read_to_string(shared("gebieden_2013_voorstel.csv")).unwrap();
    let second = dir.path().join("concept2.csv");
    std::fs::write(&second, variant(&plan)).unwrap();
    let buurten = shared("oude_ijsselstreek_buurten_2019.rd.geojson");
    let wijken = shared("oude_ijsselstreek_wijken_2019.rd.geojson");
    let p = project.to_str().unwrap();
    for (assign, version) in [(shared("gebieden_2013_voorstel.csv"), "concept 1"), (second.clone(), "concept 2")] {
        let out = dir.path().join(version);
        let output = run(&[
            "compose", "--units", buurten.to_str().unwrap(), "--assign", assign.to_str().unwrap(),
            "--partners", wijken.to_str().unwrap(), "--project", p, "--version", version,
            "--out", out.to_str().unwrap(),
        ]);
        assert!(output.status.code().is_some_and(|c| c < 2), "{}", stderr(&output));
        assert!(stdout(&output).contains(&format!("stored as version '{version}'")), "{}", stdout(&output));
    }

    let out = dir.path().join("diff");
    let output = run(&["diff", p, "concept 1", "concept 2", "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let csv = std::fs::read_to_string(out.join("diff.csv")).unwrap();
    let mut rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.remove(0), "unit,from_area,to_area");
    rows.sort();
    assert_eq!(
        rows,
        ["BU15090200,2 Terborg,3 Silvolde", "BU15090300,\"1 Varsseveld, Heelweg, Westendorp en Sinderen\",3 Silvolde"]
    );
    let areas = std::fs::read_to_string(out.join("diff_areas.csv")).unwrap();
    assert!(areas.starts_with("area,units_from,units_to,km2_from,km2_to"), "{areas}");
    assert!(stdout(&output).contains("2 units moved"), "{}", stdout(&output));

    // Sign-off: the wijken layer is a partner by its name; an unknown partner, version or
    // area is refused with exit 2 naming it.
    let output = run(&["signoff", p, "--version", "concept 2", "--partner", "Politie", "--area", "3 Silvolde", "--status", "bezwaar", "--note", "Terborg hoort bij 2", "--new-partner"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = run(&["signoff", p, "--version", "concept 2", "--partner", "Politie", "--area", "2 Terborg", "--status", "akkoord"]);
    assert!(output.status.success(), "{}", stderr(&output));
    for (args, named) in [
        (["--version", "concept 9", "--partner", "Politie", "--area", "2 Terborg"], "concept 9"),
        (["--version", "concept 2", "--partner", "Brandweer", "--area", "2 Terborg"], "Brandweer"),
        (["--version", "concept 2", "--partner", "Politie", "--area", "9"], "no area '9'"),
    ] {
        let mut all = vec!["signoff", p];
        all.extend(args);
        all.extend(["--status", "open"]);
        let output = run(&all);
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr(&output).contains(named), "{}", stderr(&output));
    }

    let pdf = dir.path().join("besluit.pdf");
    let output = run(&["report", p, "--version", "concept 2", "--out", pdf.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) reads the report back");
    let text = String::from_utf8_lossy(&text.stdout);
    for needle in ["Besluit gebiedsindeling", "Politie", "bezwaar", "akkoord", "Terborg hoort bij 2", "Wijzigingen sinds concept 1", "Varsseveld", "BU15090200"] {
        assert!(text.contains(needle), "'{needle}' is not in the report:\n{text}");
    }
    // Every area of the plan is named in the report's table.
    for area in ["1 Varsseveld", "2 Terborg", "3 Silvolde", "4 Ulft", "5 Ulft", "6 Gendringen"] {
        assert!(text.contains(area), "area {area} missing:\n{text}");
    }
}
