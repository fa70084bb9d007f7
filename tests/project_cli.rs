//! Issue 11: every command that takes files also takes a project, and gives the same results.
//! `compose --project` leaves a project of a scripted session; `analyse`, `map` and `compose`
//! of that project agree with the same commands on the files.

mod util;

use std::collections::BTreeMap;
use std::path::Path;

use util::{run, shared, stderr, stdout};

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Runs gebieden and asserts the exit code.
fn ok(args: &[&str], code: i32) -> String {
    let output = run(args);
    assert_eq!(
        output.status.code(),
        Some(code),
        "{args:?}\n{}{}",
        stdout(&output),
        stderr(&output)
    );
    stdout(&output)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The areas of a map's SVG: name → fill colour.
fn area_colours(svg: &str) -> BTreeMap<String, String> {
    let mut colours = BTreeMap::new();
    for piece in svg.split("<path d=\"").skip(1) {
        let Some(rest) = piece.split_once("\" fill=\"").map(|(_, r)| r) else {
            continue;
        };
        let Some((colour, rest)) = rest.split_once("\" fill-opacity=\"0.8\"><title>") else {
            continue;
        };
        let name = rest.split_once("</title>").unwrap().0;
        colours.insert(name.to_string(), colour.to_string());
    }
    colours
}

/// The `name` of every object in a JSON array of layers.
fn layer_names(layers: &serde_json::Value) -> Vec<&str> {
    layers
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect()
}

#[test]
fn a_scripted_composition_becomes_a_project_that_every_command_takes() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("oij.gebieden");
    let buurten = shared("oude_ijsselstreek_buurten_2019.rd.geojson");
    let wijken = shared("oude_ijsselstreek_wijken_2019.rd.geojson");
    let pc4 = shared("pc4_oude_ijsselstreek_e.o.rd.geojson");
    let voorstel = shared("gebieden_2013_voorstel.csv");
    let out = |name: &str| dir.path().join(name);

    // compose on files, leaving the project.
    let printed = ok(
        &[
            "compose",
            "--units",
            arg(&buurten),
            "--assign",
            arg(&voorstel),
            "--partners",
            arg(&wijken),
            arg(&pc4),
            "--project",
            arg(&project),
            "--out",
            arg(&out("files")),
        ],
        0,
    );
    assert!(
        printed.contains(&format!("wrote {}", project.display())),
        "{printed}"
    );
    let saved = gebieden::io::read_project(&project).unwrap();
    assert_eq!(saved.layers.len(), 3);
    assert_eq!(saved.base_layer, Some(0));
    assert_eq!(saved.composition.areas.len(), 6);

    // compose of the project: the same files.
    ok(
        &["compose", arg(&project), "--out", arg(&out("project"))],
        0,
    );
    for file in [
        "areas.geojson",
        "assignment.csv",
        "stats.csv",
        "report.json",
    ] {
        assert_eq!(
            read(&out("files").join(file)),
            read(&out("project").join(file)),
            "{file}"
        );
    }
    // The areas carry their colour and their source.
    let areas = read(&out("files").join("areas.geojson"));
    assert!(areas.contains("\"kleur\":\"#") && areas.contains("\"bron\":\"CBS / Kadaster\""));

    // analyse of the project: the same as of the files with the units as base.
    ok(
        &["analyse", arg(&project), "--out", arg(&out("a-project"))],
        0,
    );
    ok(
        &[
            "analyse",
            arg(&wijken),
            arg(&pc4),
            "--base",
            arg(&buurten),
            "--out",
            arg(&out("a-files")),
        ],
        0,
    );
    for file in ["crosswalk.csv", "atlas.csv", "problems.geojson"] {
        assert_eq!(
            read(&out("a-project").join(file)),
            read(&out("a-files").join(file)),
            "{file}"
        );
    }

    // map of the project and of the exported areas file (with the same partners): the same
    // areas in the same colours, six different ones, and the same credit.
    let project_map = out("project.svg");
    let files_map = out("files.svg");
    ok(
        &[
            "map",
            arg(&project),
            "--out",
            arg(&project_map),
            "--title",
            "Wijkteams",
        ],
        0,
    );
    ok(
        &[
            "map",
            arg(&out("files").join("areas.geojson")),
            arg(&wijken),
            arg(&pc4),
            "--out",
            arg(&files_map),
            "--title",
            "Wijkteams",
        ],
        0,
    );
    let (project_svg, files_svg) = (read(&project_map), read(&files_map));
    let colours = area_colours(&project_svg);
    assert_eq!(colours.len(), 6, "{colours:?}");
    let distinct: std::collections::BTreeSet<&String> = colours.values().collect();
    assert_eq!(
        distinct.len(),
        6,
        "no two areas share a colour: {colours:?}"
    );
    assert_eq!(colours, area_colours(&files_svg));
    for svg in [&project_svg, &files_svg] {
        assert!(svg.contains("Bron: CBS / Kadaster"));
        assert!(svg.contains(">Wijkteams<"));
    }

    // inspect of the project: its layers, as the project names them.
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["inspect", "--json", arg(&project)], 0)).unwrap();
    assert_eq!(
        layer_names(&json),
        [
            "oude_ijsselstreek_buurten_2019",
            "oude_ijsselstreek_wijken_2019",
            "pc4_oude_ijsselstreek_e.o"
        ]
    );

    // --credit sets the line.
    let credited = out("credited.svg");
    ok(
        &[
            "map",
            arg(&project),
            "--out",
            arg(&credited),
            "--credit",
            "Bron: gemeente Oude IJsselstreek",
        ],
        0,
    );
    let credited = read(&credited);
    assert!(credited.contains("Bron: gemeente Oude IJsselstreek"));
    assert!(!credited.contains("CBS / Kadaster"));
}

#[test]
fn a_project_keeps_its_analysis_settings_and_a_flag_wins() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("demo.gebieden");
    let demo = |f: &str| util::demo(f).to_string_lossy().replace('\\', "/");
    let layer = |path: String, name: Option<&str>| gebieden::model::ProjectLayer {
        path,
        name: name.map(String::from),
        ..Default::default()
    };
    let mut saved = gebieden::model::Project {
        layers: vec![
            layer(demo("buurten.geojson"), None),
            layer(demo("politie.geojson"), Some("Politie (wijkagenten)")),
            layer(demo("gemeentegrens.geojson"), None),
        ],
        base_layer: Some(0),
        ..Default::default()
    };
    saved.analysis.extent_layer = Some(2);
    saved.analysis.weight_field = Some("inwoners".into());
    saved.analysis.sliver_width_m = 3.0;
    gebieden::io::write_project(&project, &saved).unwrap();

    let json: serde_json::Value = serde_json::from_str(&ok(
        &[
            "analyse",
            arg(&project),
            "--json",
            "--out",
            arg(&dir.path().join("a")),
        ],
        0,
    ))
    .unwrap();
    assert_eq!(
        layer_names(&json["layers"]),
        ["buurten", "Politie (wijkagenten)"],
        "renamed; no extent"
    );
    assert_eq!(json["settings"]["sliver_width_m"], 3.0);
    assert_eq!(json["settings"]["weight_field"], "inwoners");
    assert!(
        json["settings"]["extent"]
            .as_str()
            .unwrap()
            .ends_with("gemeentegrens.geojson")
    );
    // The crosswalk names layers as the user does.
    let crosswalk = read(&dir.path().join("a/crosswalk.csv"));
    assert!(crosswalk.contains("Politie (wijkagenten)"), "{crosswalk}");

    let json: serde_json::Value = serde_json::from_str(&ok(
        &[
            "analyse",
            arg(&project),
            "--json",
            "--sliver-width",
            "1",
            "--out",
            arg(&dir.path().join("b")),
        ],
        0,
    ))
    .unwrap();
    assert_eq!(json["settings"]["sliver_width_m"], 1.0);

    // A project names its own base and extent.
    let output = run(&[
        "analyse",
        arg(&project),
        "--base",
        arg(&util::demo("buurten.geojson")),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("leave out --base"));
}

#[test]
fn a_project_from_version_1_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("oud.gebieden");
    let buurten = util::demo("buurten.geojson")
        .to_string_lossy()
        .replace('\\', "/");
    std::fs::write(
        &project,
        format!(
            r#"{{"format":"gebieden-project","version":1,
                "layers":[{{"path":"{buurten}","table":null,"crs_override":null,"id_field":"buurtcode",
                            "style":{{"visible":true,"fill":[0,114,178,70],"always_fill":false,
                                      "outline":[0,114,178,255],"outline_width":1.0,"label_field":"buurtnaam"}}}}],
                "base_layer":0,
                "composition":{{"areas":[{{"name":"Noord","colour":[230,159,0]}}],
                                "assignment":{{"BU99990101":"Noord"}}}},
                "analysis":{{"sliver_width_m":5.0}},"language":"nl"}}"#
        ),
    )
    .unwrap();
    let opened = gebieden::io::read_project(&project).unwrap();
    assert_eq!(opened.layers[0].name, None);
    assert_eq!(opened.analysis.extent_layer, None);
    assert_eq!(opened.composition.assignment.len(), 1);
    // And the commands take it.
    ok(
        &[
            "compose",
            arg(&project),
            "--out",
            arg(&dir.path().join("c")),
        ],
        1,
    );
}
