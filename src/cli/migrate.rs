//! `gebieden migrate`: an agreement carried to a new vintage of the base units.

use std::process::ExitCode;

use gebieden::io::{TableOptions, read_assignment_with};
use gebieden::model::Layer;
use gebieden::ops::{load_files, migrate_composition, status_counts, write_migration};

use super::{EXIT_CHECKS_FAILED, MigrateArgs, bad_input, print_load_error, report_loaded};

pub fn run(args: &MigrateArgs) -> anyhow::Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.min_share) {
        eprintln!("error: --min-share must lie between 0 and 1 (got {})", args.min_share);
        return bad_input();
    }
    let options = args.load.options();
    let load_one = |path: &std::path::PathBuf| -> Option<Layer> {
        let (mut layers, failed) = report_loaded(load_files(std::slice::from_ref(path), &options));
        (!failed && !layers.is_empty()).then(|| layers.remove(0))
    };
    let (Some(old_units), Some(new_units)) = (load_one(&args.units), load_one(&args.to)) else {
        return bad_input();
    };
    let composition = match read_assignment_with(&args.assign, &old_units, &TableOptions::default()) {
        Ok(c) => c,
        Err(error) => {
            print_load_error(&error);
            return bad_input();
        }
    };
    if let Some(field) = &args.weight
        && old_units.field_index(field).is_none()
    {
        eprintln!("error: {}: the old units have no field '{field}'", args.units.display());
        return bad_input();
    }
    let result = migrate_composition(&old_units, &composition, &new_units, args.weight.as_deref(), args.min_share);
    let written = write_migration(&args.out, &result)?;
    say!(
        "{} → {}: {} new units for {} areas",
        old_units.name,
        new_units.name,
        result.migration.units.len(),
        composition.areas.len()
    );
    let counts: Vec<String> = status_counts(&result.migration)
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {}", s.name()))
        .collect();
    say!("  {}", counts.join(", "));
    for area in result.areas.iter().filter(|a| a.notable()) {
        let weight = match (&result.weight_field, area.weight) {
            (Some(field), Some([a, b])) => format!(", {field} {a:.0} → {b:.0}"),
            _ => String::new(),
        };
        say!("  {}: {:.3} → {:.3} km²{weight}", area.area, area.km2[0], area.km2[1]);
    }
    let straddling: Vec<&str> = result
        .migration
        .units
        .iter()
        .filter(|u| u.area.is_none() && u.best_area.is_some())
        .map(|u| u.unit.as_str())
        .collect();
    if !straddling.is_empty() {
        // The full list is in migration.csv; a screenful here.
        const SHOWN: usize = 20;
        let more = straddling.len().saturating_sub(SHOWN);
        say!(
            "to be decided (less than {:.0} % in one area): {}{}",
            args.min_share * 100.0,
            straddling[..straddling.len().min(SHOWN)].join(", "),
            if more > 0 { format!(" and {more} more (see migration.csv)") } else { String::new() }
        );
    }
    for path in written {
        say!("wrote {}", path.display());
    }
    Ok(if straddling.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(EXIT_CHECKS_FAILED) })
}
