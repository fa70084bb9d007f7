//! `gebieden clean`: a division cleaned into a coverage, and what went where.

use std::process::ExitCode;

use gebieden::analysis::MergeRule;
use gebieden::ops::{clean_layer, cleaned_layer, load_files, write_division};

use super::{CleanArgs, bad_input, open_project, report_loaded, single_project};

/// More lines than this of reassigned pieces are summed up, not listed.
const LISTED: usize = 20;

fn area(m2: f64) -> String {
    if m2 >= 10_000.0 {
        format!("{:.2} ha", m2 / 10_000.0)
    } else {
        format!("{m2:.1} m²")
    }
}

pub fn run(args: &CleanArgs) -> anyhow::Result<ExitCode> {
    let Some(rule) = MergeRule::parse(&args.merge) else {
        eprintln!("error: unknown merge rule '{}'; use longest-border, max-area, min-area or min-index", args.merge);
        return bad_input();
    };
    if !matches!(
        args.out.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).as_deref(),
        Some("geojson" | "json" | "gpkg" | "shp")
    ) {
        eprintln!("error: {}: the cleaned division must be .geojson, .gpkg or .shp", args.out.display());
        return bad_input();
    }
    let layer = match single_project(std::slice::from_ref(&args.input)) {
        Some(project) => {
            let Some(workspace) = open_project(project, gebieden::model::Crs::RD_NEW) else {
                return bad_input();
            };
            let names: Vec<&str> = workspace.layers.iter().map(|l| l.name.as_str()).collect();
            let found = match &args.layer {
                Some(name) => workspace.layers.iter().find(|l| &l.name == name),
                None if workspace.layers.len() == 1 => workspace.layers.first(),
                None => None,
            };
            match found {
                Some(layer) => (**layer).clone(),
                None => {
                    eprintln!(
                        "error: {}: name the layer to clean with --layer; the project has {}",
                        project.display(),
                        names.join(", ")
                    );
                    return bad_input();
                }
            }
        }
        None => {
            let (mut layers, failed) = report_loaded(load_files(std::slice::from_ref(&args.input), &args.load.options()));
            if failed {
                return bad_input();
            }
            if layers.is_empty() {
                eprintln!("error: {}: no polygon layer to clean", args.input.display());
                return bad_input();
            }
            layers.remove(0)
        }
    };
    let cleaned = clean_layer(&layer, args.gap_width, rule);
    let overlaps: Vec<_> = cleaned.reassigned.iter().filter(|r| r.kind == "overlap").collect();
    let gaps: Vec<_> = cleaned.reassigned.iter().filter(|r| r.kind == "gap").collect();
    say!(
        "{}: {} overlaps ({}) and {} gaps ({}) reassigned ({}, gaps up to {} m)",
        layer.name,
        overlaps.len(),
        area(overlaps.iter().map(|r| r.area_m2).sum()),
        gaps.len(),
        area(gaps.iter().map(|r| r.area_m2).sum()),
        rule.name(),
        args.gap_width
    );
    let mut largest: Vec<_> = cleaned.reassigned.iter().collect();
    largest.sort_by(|a, b| b.area_m2.total_cmp(&a.area_m2));
    for piece in largest.iter().take(LISTED) {
        say!("  {:<7} {:>12}  ({}) → {}", piece.kind, area(piece.area_m2), piece.from.join(", "), piece.to);
    }
    if largest.len() > LISTED {
        let rest = &largest[LISTED..];
        say!("  … and {} smaller pieces ({})", rest.len(), area(rest.iter().map(|r| r.area_m2).sum()));
    }
    if !cleaned.remaining_gaps.is_empty() {
        say!("gaps wider than {} m left as they are: {}", args.gap_width, cleaned.remaining_gaps.len());
        for gap in cleaned.remaining_gaps.iter().take(LISTED) {
            say!("  gap {:>12}  bordering {}", area(gap.area_m2), gap.bordering.join(", "));
        }
    }
    if !cleaned.emptied.is_empty() {
        say!("left without area (covered by others): {}", cleaned.emptied.join(", "));
    }
    let out = cleaned_layer(&layer, &cleaned, &layer.name);
    write_division(&args.out, &out)?;
    say!("wrote {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}
