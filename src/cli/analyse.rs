//! `gebieden analyse`: overlaps, gaps and slivers in each division, crosswalk, fit and atlas
//! between them; of files, or of a project with its own settings.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gebieden::analysis::{Analysis, ProblemKind};
use gebieden::model::{AnalysisSettings, Layer};
use gebieden::ops::{OpsError, Workspace, analyse_into, load_files};

use super::{AnalyseArgs, bad_input, open_project, report_loaded, single_project};

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The layers, base and settings the flags describe: the files (the base first when it is not
/// among them), the extent last.
fn from_files(args: &AnalyseArgs) -> Option<(Workspace, Option<usize>, AnalysisSettings)> {
    let options = args.load.options();
    let mut files = args.files.clone();
    let base_file = args.base.as_ref().map(|base| {
        files
            .iter()
            .position(|f| same_file(f, base))
            .unwrap_or_else(|| {
                files.insert(0, base.clone());
                0
            })
    });
    let results = load_files(&files, &options);
    // Where each file's layers start, to find the base among them (a GeoPackage gives several).
    let mut starts = Vec::new();
    let mut count = 0;
    for result in &results {
        starts.push(count);
        count += result.as_ref().map_or(0, Vec::len);
    }
    let (mut layers, mut failed) = report_loaded(results);
    let base_layer = base_file.map(|i| starts[i]);
    let mut settings = AnalysisSettings::default();
    if let Some(extent) = &args.extent {
        let (mut parts, extent_failed) =
            report_loaded(load_files(std::slice::from_ref(extent), &options));
        failed |= extent_failed;
        if !parts.is_empty() {
            // All polygon tables of the extent's file together are the territory.
            let mut merged: Layer = parts.remove(0);
            for more in parts {
                merged.features.extend(more.features);
            }
            settings.extent_layer = Some(layers.len());
            layers.push(merged);
        }
    }
    if failed {
        return None;
    }
    Some((Workspace::from_layers(layers), base_layer, settings))
}

pub fn run(args: &AnalyseArgs) -> anyhow::Result<ExitCode> {
    let working_crs = args.load.working_crs;
    let opened = match single_project(&args.files) {
        Some(project) => {
            if args.base.is_some() || args.extent.is_some() {
                eprintln!(
                    "error: {}: a project names its own base and extent layers; leave out --base and --extent",
                    project.display()
                );
                return bad_input();
            }
            open_project(project, working_crs).map(|workspace| {
                let base = workspace.project.base_layer;
                let settings = workspace.project.analysis.clone();
                (workspace, base, settings)
            })
        }
        None => from_files(args),
    };
    let Some((workspace, base, mut settings)) = opened else {
        return bad_input();
    };
    if let Some(width) = args.sliver_width {
        settings.sliver_width_m = width;
    }
    if let Some(field) = &args.weight {
        settings.weight_field = Some(field.clone());
    }
    // Each file is written as soon as its part of the analysis is done.
    let (analysis, written) = match analyse_into(&args.out, &workspace.layers, base, &settings, working_crs) {
        Ok(done) => done,
        Err(OpsError::Analyse(error)) => {
            eprintln!("error: {error}");
            return bad_input();
        }
        Err(error) => return Err(error.into()),
    };
    for adjustment in &analysis.adjustments {
        eprintln!(
            "warning: layer '{}': feature {}: {}",
            adjustment.layer, adjustment.id, adjustment.reason
        );
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &analysis)?;
        writeln!(out)?;
    } else {
        print_summary(&mut out, &analysis, &written)?;
    }
    out.flush()?;
    // The process ends with this command, and the system takes its memory back at once:
    // freeing the analysis and the layers piece by piece (nationally ~100,000 pieces and
    // 17,000 features) would only add to the wait.
    std::mem::forget((analysis, workspace));
    Ok(ExitCode::SUCCESS)
}

fn print_summary(
    out: &mut impl Write,
    analysis: &Analysis,
    written: &[PathBuf],
) -> std::io::Result<()> {
    let km2 = |m2: f64| m2 / 1e6;
    writeln!(
        out,
        "Divisions ({} in {}, slivers below {} m):",
        analysis.layers.len(),
        analysis.settings.working_crs,
        analysis.settings.sliver_width_m
    )?;
    for l in &analysis.layers {
        writeln!(
            out,
            "  {:<24} {:>6} areas {:>10.3} km²   gaps {} ({:.3} km²)   overlaps {} ({:.3} km²)   slivers {} ({:.0} m²)",
            l.name,
            l.features,
            km2(l.area_m2),
            l.gaps.count,
            km2(l.gaps.area_m2),
            l.overlaps.count,
            km2(l.overlaps.area_m2),
            l.slivers.count,
            l.slivers.area_m2
        )?;
    }
    if !analysis.pairs.is_empty() {
        writeln!(out, "Pairs (fit 1.00 = nests perfectly):")?;
        for p in &analysis.pairs {
            writeln!(
                out,
                "  {} × {}: {} pieces ({} slivers), {:.3} km² shared, fit {:.3} in {}, {:.3} the other way",
                p.layer_a,
                p.layer_b,
                p.pieces,
                p.sliver_pieces,
                km2(p.shared_area_m2),
                p.fit_a_in_b,
                p.layer_b,
                p.fit_b_in_a
            )?;
        }
    }
    let real: Vec<_> = analysis
        .problems
        .iter()
        .filter(|p| p.kind != ProblemKind::Sliver)
        .take(10)
        .collect();
    if !real.is_empty() {
        writeln!(out, "Largest gaps and overlaps:")?;
        for p in real {
            writeln!(
                out,
                "  {:<8} {:<20} {:>12.0} m²  {:>8.1} m wide  {}",
                p.kind.as_str(),
                p.layer,
                p.area_m2,
                p.width_m,
                p.ids.join(", ")
            )?;
        }
    }
    for path in written {
        writeln!(out, "wrote {}", path.display())?;
    }
    Ok(())
}
