//! `gebieden diff`, `signoff` and `report`: the negotiation's rounds from the command line.

use std::process::ExitCode;

use gebieden::io::{write_atomic, write_project};
use gebieden::model::{Crs, SignoffStatus};
use gebieden::ops::{decision_report, diff_versions, record_signoff, signoff_partners, version_of, write_diff};

use super::{DiffArgs, ReportArgs, SignoffArgs, bad_input, open_project, print_ops_error};

pub fn run_diff(args: &DiffArgs) -> anyhow::Result<ExitCode> {
    let Some(workspace) = open_project(&args.project, Crs::RD_NEW) else {
        return bad_input();
    };
    let project = &workspace.project;
    let (from, to) = match (version_of(project, &args.from), version_of(project, &args.to)) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(error), _) | (_, Err(error)) => {
            eprintln!("error: {}: {error}", args.project.display());
            return bad_input();
        }
    };
    let Some(units) = workspace.base() else {
        eprintln!("error: {}: the project has no base layer", args.project.display());
        return bad_input();
    };
    let diff = diff_versions(units, (&from.name, &from.composition), (&to.name, &to.composition));
    say!("{} → {}: {} units moved", diff.from, diff.to, diff.moved.len());
    for m in &diff.moved {
        let name = m.name.as_deref().map(|n| format!(" {n}")).unwrap_or_default();
        say!(
            "  {}{name}: {} → {}",
            m.unit,
            m.from.as_deref().unwrap_or("(none)"),
            m.to.as_deref().unwrap_or("(none)")
        );
    }
    for area in diff.areas.iter().filter(|a| a.changed()) {
        let fields: Vec<String> = area
            .fields
            .iter()
            .filter(|(_, [a, b])| (a - b).abs() > 1e-9)
            .map(|(f, [a, b])| format!("{f} {} → {}", gebieden::ops::number(*a), gebieden::ops::number(*b)))
            .collect();
        say!(
            "  {}: {} → {} units, {:.3} → {:.3} km²{}",
            area.area,
            area.units[0],
            area.units[1],
            area.km2[0],
            area.km2[1],
            if fields.is_empty() { String::new() } else { format!(", {}", fields.join(", ")) }
        );
    }
    for path in write_diff(&args.out, &diff)? {
        say!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_signoff(args: &SignoffArgs) -> anyhow::Result<ExitCode> {
    let Some(status) = SignoffStatus::parse(&args.status) else {
        eprintln!("error: unknown status '{}'; use akkoord, bezwaar or open", args.status);
        return bad_input();
    };
    let Some(mut workspace) = open_project(&args.project, Crs::RD_NEW) else {
        return bad_input();
    };
    if args.new_partner && !signoff_partners(&workspace).contains(&args.partner) {
        workspace.project.partners.push(args.partner.trim().to_string());
    }
    let partners = signoff_partners(&workspace);
    let project = &mut workspace.project;
    if let Err(error) = record_signoff(project, &partners, &args.version, &args.partner, &args.area, status, &args.note) {
        eprintln!("error: {}: {error}", args.project.display());
        return bad_input();
    }
    write_project(&args.project, project)?;
    say!("{} {} '{}' of version '{}'", args.partner, status.name(), args.area, args.version);
    Ok(ExitCode::SUCCESS)
}

pub fn run_report(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let Some(workspace) = open_project(&args.project, Crs::RD_NEW) else {
        return bad_input();
    };
    match decision_report(&workspace, args.version.as_deref()) {
        Ok(pdf) => {
            write_atomic(&args.out, &pdf)?;
            say!("wrote {}", args.out.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            eprint!("{}: ", args.project.display());
            print_ops_error(&error);
            bad_input()
        }
    }
}
