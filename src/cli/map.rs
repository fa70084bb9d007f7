//! `gebieden map`: a printed map of a project's composition or of division files, as PNG, SVG
//! or PDF by the extension of `--out`.

use std::process::ExitCode;
use std::sync::Arc;

use gebieden::model::{MapFormat, Paper};
use gebieden::ops::{Workspace, compose_workspace, map_request};
use gebieden::render::MapWords;

use super::{MapArgs, bad_input, load_all, open_project, single_project};

pub fn run(args: &MapArgs) -> anyhow::Result<ExitCode> {
    let Some(format) = MapFormat::from_path(&args.out) else {
        eprintln!(
            "error: {}: the map must be .png, .svg or .pdf",
            args.out.display()
        );
        return bad_input();
    };
    let paper = match args.paper.as_deref().map(|p| (p, Paper::parse(p))) {
        Some((name, None)) => {
            eprintln!("error: unknown paper size '{name}'; use A4, A3 or A2");
            return bad_input();
        }
        Some((_, paper)) => paper,
        None => None,
    };
    let basemap = match args.basemap.as_deref() {
        Some(name) => match gebieden::model::BasemapStyle::parse(name) {
            Some(style) => Some(style),
            None => {
                eprintln!(
                    "error: unknown background map style '{name}'; use standaard, grijs, pastel or water"
                );
                return bad_input();
            }
        },
        None => None,
    };
    let working_crs = gebieden::model::Crs::RD_NEW;
    // A project brings its composition, layer names and styles and its last map choices;
    // files are drawn as they are, the first as areas.
    let (workspace, composed) = match single_project(&args.input) {
        Some(project) => {
            let Some(workspace) = open_project(project, working_crs) else {
                return bad_input();
            };
            let composed = if workspace.project.composition.areas.is_empty() {
                None
            } else {
                match compose_workspace(&workspace) {
                    Ok(result) => Some(Arc::new(result)),
                    Err(error) => {
                        super::print_ops_error(&error);
                        return bad_input();
                    }
                }
            };
            (workspace, composed)
        }
        None => {
            let (layers, failed) = load_all(&args.input, &Default::default());
            if failed || layers.is_empty() {
                return bad_input();
            }
            (Workspace::from_layers(layers), None)
        }
    };
    let default_title = workspace
        .name()
        .or_else(|| workspace.layers.first().map(|l| l.name.clone()))
        .unwrap_or_default();
    let Some(mut request) = map_request(
        &workspace.layers,
        &workspace.project,
        composed,
        default_title,
        // The map speaks the project's language.
        match workspace.project.language.as_deref() {
            Some("en") => MapWords::english(),
            _ => MapWords::dutch(),
        },
    ) else {
        eprintln!("error: nothing to draw");
        return bad_input();
    };
    // A flag wins over the project's last choice.
    let options = &mut request.options;
    options.title = args.title.clone().or(options.title.take());
    options.subtitle = args.subtitle.clone().or(options.subtitle.take());
    options.paper = paper.unwrap_or(options.paper);
    options.landscape |= args.landscape;
    options.dpi = args.dpi.unwrap_or(options.dpi);
    options.partners |= args.partners;
    options.problems |= args.problems;
    options.format = format;
    options.basemap = basemap.or(options.basemap);
    request.credit = args.credit.clone();
    request.tile_cache = super::tile_cache_dir();
    let bytes = match request.render(args.width.zip(args.height)) {
        Ok(bytes) => bytes,
        Err(error) => {
            super::print_ops_error(&error);
            return bad_input();
        }
    };
    gebieden::io::write_atomic(&args.out, &bytes)?;
    say!("wrote {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}
