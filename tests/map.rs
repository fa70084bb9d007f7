//! Printed maps (#6, in progress): the CLI renders the demo to PNG, SVG and PDF.

mod util;

use util::{demo, run, stderr};

#[test]
fn the_demo_renders_to_png_svg_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        demo("corporatie.geojson"),
        demo("politie.geojson"),
        demo("buurten.geojson"),
    ];
    for (name, extra) in [
        ("kaart.png", vec!["--width", "800", "--height", "566"]),
        ("kaart.svg", vec![]),
        ("kaart.pdf", vec![]),
    ] {
        let out = dir.path().join(name);
        let mut args = vec!["map"];
        args.extend(files.iter().map(|f| f.to_str().unwrap()));
        args.extend([
            "--out",
            out.to_str().unwrap(),
            "--paper",
            "A4",
            "--landscape",
            "--partners",
            "--title",
            "Zonnedaal",
        ]);
        args.extend(extra);
        let output = run(&args);
        assert_eq!(output.status.code(), Some(0), "{name}: {}", stderr(&output));
        let bytes = std::fs::read(&out).unwrap();
        match name {
            "kaart.png" => {
                assert_eq!(&bytes[1..4], b"PNG");
                let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
                let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
                assert_eq!((width, height), (800, 566));
            }
            "kaart.svg" => {
                let svg = String::from_utf8(bytes).unwrap();
                // One text per district in the legend, the partner layers as groups, the credit.
                for district in ["District Zuidwest", "District Oost", "District Noord"] {
                    assert!(svg.contains(&format!(">{district}</text>")), "{district}");
                }
                assert!(
                    svg.contains(r#"id="layer-politie""#) && svg.contains(r#"id="layer-buurten""#)
                );
                assert!(svg.contains("Bron: CBS / Kadaster"));
            }
            _ => assert!(bytes.starts_with(b"%PDF")),
        }
    }
    let output = run(&[
        "map",
        demo("buurten.geojson").to_str().unwrap(),
        "--out",
        dir.path().join("x.jpg").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("must be .png, .svg or .pdf"));
}
