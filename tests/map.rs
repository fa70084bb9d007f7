//! Printed maps (#6): the demo and the six Oude IJsselstreek areas of 2013 rendered to PNG,
//! SVG and PDF, on portrait and landscape paper, and checked as a reader would: each area in
//! its own colour, every name once on the map and once in the legend, the PDF showing the same.

mod util;

use gebieden::compose::compose;
use gebieden::io::{LoadOptions, load, read_assignment};
use gebieden::model::{Layer, MapFormat, MapOptions, Paper};
use gebieden::ops::{MapAreas, MapRequest, render_map};
use gebieden::render::{FONT_BOLD, FONT_REGULAR, MapSpec, MapWords, page_positions};
use resvg::tiny_skia::Pixmap;
use std::sync::Arc;
use util::{demo, run, shared, stderr};

fn load_one(path: &std::path::Path) -> Layer {
    load(path, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .remove(0)
}

fn options(paper: Paper, landscape: bool) -> MapOptions {
    MapOptions {
        title: Some("Gebieden".into()),
        subtitle: Some("Voorstel 2013".into()),
        paper,
        landscape,
        dpi: 100,
        partners: true,
        ..MapOptions::default()
    }
}

/// The six agreed areas over the wijken and PC4 areas.
fn oude_ijsselstreek(options: &MapOptions) -> MapSpec {
    let units = load_one(&shared("oude_ijsselstreek_buurten_2019.rd.geojson"));
    let composition = read_assignment(&shared("gebieden_2013_voorstel.csv"), &units).unwrap();
    let result = compose(&units, &composition, &[] as &[Layer], 5.0);
    let partners = [
        load_one(&shared("oude_ijsselstreek_wijken_2019.rd.geojson")),
        load_one(&shared("pc4_oude_ijsselstreek_e.o.rd.geojson")),
    ];
    let areas = MapAreas::Composition(Arc::new(result));
    spec_of(areas, partners.into(), "", true, options, MapWords::dutch())
}

/// A map's description as the window and the command line make it.
fn spec_of(
    areas: MapAreas,
    partners: Vec<Layer>,
    default_title: &str,
    cbs: bool,
    options: &MapOptions,
    words: MapWords,
) -> MapSpec {
    MapRequest {
        areas,
        partners: partners.into_iter().map(Arc::new).collect(),
        default_title: default_title.into(),
        credit: None,
        cbs,
        options: options.clone(),
        words,
        problems: None,
        sliver_width_m: 5.0,
        working_crs: gebieden::model::Crs::RD_NEW,
        basemap_template: None,
        tile_cache: None,
    }
    .spec()
}

/// A division drawn as areas.
fn layer_areas(layer: Layer) -> MapAreas {
    MapAreas::Layer {
        layer: Arc::new(layer),
        name_field: None,
    }
}

/// The demo's housing districts over the police beats.
fn zonnedaal(options: &MapOptions) -> MapSpec {
    let districts = load_one(&demo("corporatie.geojson"));
    let partners = [load_one(&demo("politie.geojson"))];
    spec_of(
        layer_areas(districts),
        partners.into(),
        "",
        false,
        options,
        MapWords::dutch(),
    )
}

/// The most common colour of the picture around each area's label point, within half the
/// area's inscribed circle: the fill, whatever the label, halo or a dashed outline cover.
fn colours_at_label_points(picture: &Pixmap, spec: &MapSpec) -> Vec<[u8; 3]> {
    spec.areas
        .iter()
        .map(|area| {
            let largest = area.geometry.0.iter().max_by(|a, b| {
                geo::Area::unsigned_area(*a).total_cmp(&geo::Area::unsigned_area(*b))
            });
            let (pole, radius) =
                gebieden::geometry::pole_of_inaccessibility(largest.unwrap()).unwrap();
            let samples: Vec<[f64; 2]> = (1..=6)
                .flat_map(|ring| {
                    (0..24).map(move |k| {
                        let r = radius * 0.5 * ring as f64 / 6.0;
                        let angle = k as f64 * std::f64::consts::TAU / 24.0;
                        [pole.x + r * angle.cos(), pole.y + r * angle.sin()]
                    })
                })
                .collect();
            let mut counts = std::collections::HashMap::new();
            for [x, y] in page_positions(spec, &samples) {
                let px = (x / spec.page_mm[0] * picture.width() as f64) as u32;
                let py = (y / spec.page_mm[1] * picture.height() as f64) as u32;
                if let Some(c) = picture.pixel(px, py) {
                    *counts.entry([c.red(), c.green(), c.blue()]).or_insert(0) += 1;
                }
            }
            counts.into_iter().max_by_key(|(_, n)| *n).unwrap().0
        })
        .collect()
}

fn assert_area_colours(picture: &Pixmap, spec: &MapSpec, tolerance: i32, what: &str) {
    for (area, got) in spec
        .areas
        .iter()
        .zip(colours_at_label_points(picture, spec))
    {
        // Fill opacity 0.8 over white.
        let expected = area
            .colour
            .map(|c| (c as f64 * 0.8 + 255.0 * 0.2).round() as i32);
        assert!(
            (0..3).all(|k| (got[k] as i32 - expected[k]).abs() <= tolerance),
            "{what}: {} shows {got:?}, expected {expected:?}",
            area.name
        );
    }
}

/// The text of every text element, its lines joined by spaces, with its box on the page in
/// millimetres.
fn texts(svg: &str) -> Vec<(String, [f32; 4])> {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_font_data(FONT_REGULAR.to_vec());
    options.fontdb_mut().load_font_data(FONT_BOLD.to_vec());
    let tree = resvg::usvg::Tree::from_str(svg, &options).expect("the SVG parses");
    fn walk(group: &resvg::usvg::Group, out: &mut Vec<(String, [f32; 4])>) {
        for node in group.children() {
            match node {
                resvg::usvg::Node::Text(t) => {
                    let text = t
                        .chunks()
                        .iter()
                        .map(|c| c.text().trim())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let b = t.abs_bounding_box();
                    out.push((text, [b.left(), b.top(), b.right(), b.bottom()]));
                }
                resvg::usvg::Node::Group(g) => walk(g, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(tree.root(), &mut out);
    // usvg works in CSS pixels; the page is in millimetres.
    let px_per_mm = tree.size().width() / page_width_mm(svg);
    for (_, b) in &mut out {
        *b = b.map(|v| v / px_per_mm);
    }
    out
}

fn page_width_mm(svg: &str) -> f32 {
    let start = svg.find("viewBox=\"0 0 ").unwrap() + 13;
    svg[start..].split(' ').next().unwrap().parse().unwrap()
}

/// With GEBIEDEN_KEEP_MAPS=DIR the maps are kept there, to look at.
fn keep(what: &str, format: MapFormat, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("GEBIEDEN_KEEP_MAPS") {
        let name: String = what
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect();
        let path = std::path::Path::new(&dir).join(format!("{name}.{}", format.extension()));
        std::fs::write(path, bytes).unwrap();
    }
}

fn check_all_formats(spec: &MapSpec, options: &MapOptions, what: &str) {
    // PNG: the requested size, each area in its colour.
    let png = render_map(spec, MapFormat::Png, options, None).unwrap();
    keep(what, MapFormat::Png, &png);
    let picture = Pixmap::decode_png(&png).unwrap();
    assert_eq!(
        (picture.width(), picture.height()),
        options.pixels(),
        "{what}"
    );
    assert_area_colours(&picture, spec, 3, what);

    // SVG: each name on the map and in the legend, partners and credit in the legend, and no
    // text off the page.
    let svg = String::from_utf8(render_map(spec, MapFormat::Svg, options, None).unwrap()).unwrap();
    keep(what, MapFormat::Svg, svg.as_bytes());
    let found = texts(&svg);
    for area in &spec.areas {
        let count = found.iter().filter(|(t, _)| *t == area.name).count();
        assert_eq!(
            count, 2,
            "{what}: {} on the map and in the legend",
            area.name
        );
    }
    for outlines in &spec.outlines {
        assert!(
            found.iter().any(|(t, _)| *t == outlines.name),
            "{what}: {}",
            outlines.name
        );
    }
    assert!(found.iter().any(|(t, _)| t.contains(&spec.credit)));
    let [w, h] = spec.page_mm.map(|v| v as f32);
    for (text, b) in &found {
        assert!(
            b[0] >= 0.0 && b[1] >= 0.0 && b[2] <= w && b[3] <= h,
            "{what}: '{text}' runs off the page: {b:?}"
        );
    }

    // PDF: a PDF that, drawn by poppler, shows the same colours.
    let pdf = render_map(spec, MapFormat::Pdf, options, None).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    keep(what, MapFormat::Pdf, &pdf);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kaart.pdf"), &pdf).unwrap();
    let Ok(output) = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-singlefile"])
        .arg(dir.path().join("kaart.pdf"))
        .arg(dir.path().join("kaart"))
        .output()
    else {
        eprintln!("pdftoppm (poppler-utils) is not installed: PDF not drawn");
        return;
    };
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let drawn = Pixmap::decode_png(&std::fs::read(dir.path().join("kaart.png")).unwrap()).unwrap();
    assert_area_colours(&drawn, spec, 6, &format!("{what} (PDF)"));
}

#[test]
fn the_six_areas_of_2013_print_on_portrait_and_landscape_paper() {
    for (paper, landscape) in [(Paper::A4, false), (Paper::A3, true)] {
        let options = options(paper, landscape);
        let spec = oude_ijsselstreek(&options);
        assert_eq!(spec.areas.len(), 6);
        assert_eq!(spec.credit, "Bron: CBS / Kadaster");
        check_all_formats(
            &spec,
            &options,
            &format!("OIJ {paper:?} landscape={landscape}"),
        );
    }
}

#[test]
fn the_demo_prints_on_portrait_and_landscape_paper() {
    for (paper, landscape) in [(Paper::A4, false), (Paper::A4, true)] {
        let options = options(paper, landscape);
        let spec = zonnedaal(&options);
        assert_eq!(spec.credit, "Gemaakt met gebieden");
        check_all_formats(
            &spec,
            &options,
            &format!("demo {paper:?} landscape={landscape}"),
        );
    }
}

#[test]
fn english_maps_have_english_legends() {
    let options = options(Paper::A4, true);
    let districts = load_one(&demo("corporatie.geojson"));
    let spec = spec_of(
        layer_areas(districts),
        Vec::new(),
        "Zonnedaal",
        true,
        &MapOptions {
            title: None,
            ..options.clone()
        },
        MapWords::english(),
    );
    let svg =
        String::from_utf8(render_map(&spec, MapFormat::Svg, &options, None).unwrap()).unwrap();
    assert!(svg.contains(">Legend<") && svg.contains("Source: CBS / Kadaster"));
    assert!(svg.contains(">Zonnedaal<"), "the default title");
    assert!(!svg.contains("Legenda") && !svg.contains("gebieden<"));
}

#[test]
fn the_cli_renders_the_demo_to_png_svg_and_pdf() {
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
                let picture = Pixmap::decode_png(&bytes).unwrap();
                assert_eq!((picture.width(), picture.height()), (800, 566));
            }
            "kaart.svg" => {
                let svg = String::from_utf8(bytes).unwrap();
                // One text per district in the legend, the partner layers as groups, the credit.
                for district in ["District Zuidwest", "District Oost", "District Noord"] {
                    assert!(svg.contains(&format!(">{district}</tspan>")), "{district}");
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
    let output = run(&[
        "map",
        demo("buurten.geojson").to_str().unwrap(),
        "--out",
        dir.path().join("x.png").to_str().unwrap(),
        "--paper",
        "A5",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown paper size 'A5'"));
}

#[test]
fn the_cli_draws_a_project_with_its_last_map_choices() {
    let dir = tempfile::tempdir().unwrap();
    let buurten = shared("oude_ijsselstreek_buurten_2019.rd.geojson");
    let units = load_one(&buurten);
    let composition = read_assignment(&shared("gebieden_2013_voorstel.csv"), &units).unwrap();
    let project = gebieden::model::Project {
        layers: vec![gebieden::model::ProjectLayer {
            path: buurten.to_string_lossy().into_owned(),
            ..Default::default()
        }],
        base_layer: Some(0),
        composition,
        map: MapOptions {
            title: Some("Wijkteams 2013".into()),
            paper: Paper::A3,
            landscape: true,
            ..MapOptions::default()
        },
        ..Default::default()
    };
    let path = dir.path().join("oij.gebieden");
    gebieden::io::write_project(&path, &project).unwrap();
    let svg_path = dir.path().join("oij.svg");
    let draw = |extra: &[&str]| {
        let mut args = vec![
            "map",
            path.to_str().unwrap(),
            "--out",
            svg_path.to_str().unwrap(),
        ];
        args.extend(extra);
        let output = run(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        std::fs::read_to_string(&svg_path).unwrap()
    };
    let svg = draw(&[]);
    assert!(
        svg.contains(r#"viewBox="0 0 420 297""#),
        "A3 landscape from the project"
    );
    assert!(svg.contains(">Wijkteams 2013<"));
    assert!(svg.contains(">3 Silvolde<"));
    // A flag wins over the project's choice.
    let svg = draw(&["--paper", "A4", "--title", "Anders"]);
    assert!(svg.contains(r#"viewBox="0 0 297 210""#) && svg.contains(">Anders<"));
}
