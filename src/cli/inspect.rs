//! `gebieden inspect`: what each layer in the files holds, and what is wrong with it.

use std::io::Write;
use std::process::ExitCode;

use gebieden::io::summarise_with;

use super::{EXIT_BAD_INPUT, EXIT_CHECKS_FAILED, InspectArgs, load_all};

/// Prints one entry per layer; exit 2 when a file cannot be read, 1 when a layer has features
/// flagged as invalid (everything is still printed), else 0.
pub fn run(args: &InspectArgs) -> anyhow::Result<ExitCode> {
    // A project: its layers as the project reads them (tables, names, CRS overrides).
    let (layers, unreadable): (Vec<std::sync::Arc<gebieden::model::Layer>>, bool) =
        match super::single_project(&args.files) {
            Some(project) => match super::open_project(project, args.load.working_crs) {
                Some(workspace) => (workspace.layers, false),
                None => (Vec::new(), true),
            },
            None => {
                let (layers, unreadable) = load_all(&args.files, &args.load.options());
                (
                    layers.into_iter().map(std::sync::Arc::new).collect(),
                    unreadable,
                )
            }
        };
    let summaries: Vec<_> = layers
        .iter()
        .map(|l| summarise_with(l, &super::CliWords))
        .collect();
    let mut flagged = false;
    for summary in &summaries {
        for invalid in &summary.invalid {
            eprintln!(
                "error: {}: layer '{}': feature {}: {}",
                summary.path, summary.name, invalid.id, invalid.reason
            );
            flagged = true;
        }
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &summaries)?;
        writeln!(out)?;
    } else {
        for s in &summaries {
            writeln!(out, "{}  ({}, {})", s.name, s.format, s.path)?;
            writeln!(out, "  crs        {} → working {}", s.crs, s.working_crs)?;
            writeln!(
                out,
                "  features   {}  ({})",
                s.features,
                s.geometry_types.join(", ")
            )?;
            writeln!(out, "  area       {:.3} km²", s.area_km2)?;
            if let Some(b) = s.bbox_wgs84 {
                writeln!(
                    out,
                    "  bbox wgs84 {:.5}, {:.5} – {:.5}, {:.5}",
                    b[0], b[1], b[2], b[3]
                )?;
            }
            writeln!(
                out,
                "  id field   {}",
                s.id_field.as_deref().unwrap_or("(feature index)")
            )?;
            let fields: Vec<String> = s
                .fields
                .iter()
                .map(|f| format!("{} ({})", f.name, f.kind))
                .collect();
            writeln!(out, "  fields     {}", fields.join(", "))?;
            writeln!(out, "  invalid    {}", s.invalid.len())?;
            if s.skipped > 0 {
                let kinds: Vec<String> = s
                    .skipped_types
                    .iter()
                    .map(|(k, n)| format!("{n} {k}"))
                    .collect();
                writeln!(out, "  skipped    {} ({})", s.skipped, kinds.join(", "))?;
            }
        }
    }
    Ok(if unreadable {
        ExitCode::from(EXIT_BAD_INPUT)
    } else if flagged {
        ExitCode::from(EXIT_CHECKS_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}
