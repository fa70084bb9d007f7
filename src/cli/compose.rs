//! `gebieden compose`: the agreed areas from base units and an assignment, or again from a
//! project; their files, a summary and the checks (exit 1 when they fail).

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use gebieden::compose::ComposeResult;
use gebieden::io::{LoadOptions, TableOptions, load, read_assignment_with, write_project};
use gebieden::model::{AnalysisSettings, Layer};
use gebieden::ops::{compose_layers, compose_workspace, project_of_composition, write_composition};

use super::{
    ComposeArgs, EXIT_CHECKS_FAILED, bad_input, load_all, open_project, print_load_error,
    print_notes, print_ops_error,
};

pub fn run(args: &ComposeArgs) -> anyhow::Result<ExitCode> {
    let working_crs = args.load.working_crs;
    let (units, composition, result) = match (&args.input, &args.units, &args.assign) {
        (Some(project), _, _) => {
            let Some(mut workspace) = open_project(project, working_crs) else {
                return bad_input();
            };
            if let Some(width) = args.sliver_width {
                workspace.project.analysis.sliver_width_m = width;
            }
            let result = match compose_workspace(&workspace) {
                Ok(result) => result,
                Err(error) => {
                    print_ops_error(&error);
                    return bad_input();
                }
            };
            let Some(units) = workspace.base().cloned() else {
                return bad_input();
            };
            (units, workspace.project.composition, result)
        }
        (None, Some(units_file), Some(assign)) => {
            let options = args.load.options();
            let units = match load(units_file, &options) {
                Ok(mut layers) => {
                    let units = layers.remove(0);
                    print_notes(&units);
                    units
                }
                Err(error) => {
                    print_load_error(&error);
                    return bad_input();
                }
            };
            let partner_options = LoadOptions {
                id_field: None,
                ..options.clone()
            };
            let (partners, failed) = load_all(&args.partners, &partner_options);
            if failed {
                return bad_input();
            }
            let table = TableOptions {
                sheet: args.sheet.clone(),
                unit_column: args.unit_column.clone(),
                area_column: args.area_column.clone(),
            };
            let composition = match read_assignment_with(assign, &units, &table) {
                Ok(c) => c,
                Err(error) => {
                    print_load_error(&error);
                    return bad_input();
                }
            };
            if let Some(path) = &args.project {
                let project = project_of_composition(path, &units, &partners, &composition)
                    .and_then(|mut project| {
                        if let Some(width) = args.sliver_width {
                            project.analysis.sliver_width_m = width;
                        }
                        write_project(path, &project)?;
                        Ok(project)
                    });
                match project {
                    Ok(_) => say!("wrote {}", path.display()),
                    Err(error) => {
                        print_ops_error(&error);
                        return bad_input();
                    }
                }
            }
            let settings = AnalysisSettings {
                sliver_width_m: args
                    .sliver_width
                    .unwrap_or(AnalysisSettings::default().sliver_width_m),
                ..AnalysisSettings::default()
            };
            let partners: Vec<Arc<Layer>> = partners.into_iter().map(Arc::new).collect();
            let result = compose_layers(&units, &composition, &partners, &settings);
            (Arc::new(units), composition, result)
        }
        // clap requires a project or both --units and --assign.
        _ => return bad_input(),
    };
    if let Some(version) = &args.version {
        let Some(path) = args.input.as_ref().or(args.project.as_ref()) else {
            eprintln!("error: --version stores the composition in a project: compose a .gebieden, or give --project");
            return bad_input();
        };
        let stored = gebieden::io::read_project(path)
            .map_err(gebieden::ops::OpsError::from)
            .and_then(|mut project| {
                project.composition = composition.clone();
                gebieden::ops::save_version(&mut project, version, "", Some(&units))?;
                write_project(path, &project)?;
                Ok(())
            });
        match stored {
            Ok(()) => say!("stored as version '{}' in {}", version.trim(), path.display()),
            Err(error) => {
                print_ops_error(&error);
                return bad_input();
            }
        }
    }
    let written = write_composition(&args.out, &result, &composition, &units)?;
    let mut out = std::io::stdout().lock();
    print_summary(&mut out, &result, &units)?;
    for path in written {
        writeln!(out, "wrote {}", path.display())?;
    }
    Ok(if result.checks.complete() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_CHECKS_FAILED)
    })
}

/// The areas with their units, km², sums and partner cuts, then the checks.
fn print_summary(
    out: &mut impl Write,
    result: &ComposeResult,
    units: &Layer,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} areas from {} units of {}:",
        result.areas.len(),
        units.features.len(),
        units.name
    )?;
    for area in &result.areas {
        let sums: Vec<String> = area
            .sums
            .iter()
            .map(|(k, v)| format!("{k} {v:.0}"))
            .collect();
        writeln!(
            out,
            "  {:<50} {:>3} units {:>9.3} km²  {}{}",
            area.name,
            area.units.len(),
            area.area_m2 / 1e6,
            sums.join(", "),
            if area.parts.len() > 1 {
                format!("  ({} parts)", area.parts.len())
            } else {
                String::new()
            }
        )?;
        let cuts: Vec<String> = area
            .cut_partners()
            .map(|p| format!("{} {} ({:.0}%)", p.layer, p.id, p.share_of_partner * 100.0))
            .collect();
        if !cuts.is_empty() {
            writeln!(out, "      cuts {}", cuts.join(", "))?;
        }
    }
    let problems = check_lines(result);
    if problems.is_empty() {
        writeln!(
            out,
            "Checks: complete; every unit has an area and every area is one piece."
        )?;
    } else {
        writeln!(out, "Checks:")?;
        for problem in &problems {
            writeln!(out, "  - {problem}")?;
        }
    }
    Ok(())
}

/// One line per failed check.
fn check_lines(result: &ComposeResult) -> Vec<String> {
    let checks = &result.checks;
    let mut problems = Vec::new();
    if !checks.unassigned.is_empty() {
        problems.push(format!(
            "{} units without an area: {}",
            checks.unassigned.len(),
            checks.unassigned.join(", ")
        ));
    }
    for name in &checks.split_areas {
        let area = result.areas.iter().find(|a| &a.name == name);
        let parts: Vec<String> = area
            .map(|a| {
                a.parts
                    .iter()
                    .map(|p| format!("[{}]", p.units.join(", ")))
                    .collect()
            })
            .unwrap_or_default();
        problems.push(format!(
            "area '{name}' is in {} parts: {}",
            parts.len(),
            parts.join(" ")
        ));
    }
    for name in &checks.empty_areas {
        problems.push(format!("area '{name}' has no units"));
    }
    for (area, layer, id) in &checks.sliver_cuts {
        problems.push(format!("area '{area}' cuts a sliver off {layer} {id}"));
    }
    problems
}
