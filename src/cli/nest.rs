//! `gebieden nest`: a partner division nested in base units, with the misfit per partner area.

use std::process::ExitCode;

use gebieden::ops::{load_files, nest_layers, write_nest};

use super::{NestArgs, bad_input, report_loaded};

pub fn run(args: &NestArgs) -> anyhow::Result<ExitCode> {
    let options = args.load.options();
    // A GeoPackage may hold several tables: its first polygon table is the division.
    let (mut base, base_failed) = report_loaded(load_files(std::slice::from_ref(&args.base), &options));
    let (mut partner, partner_failed) =
        report_loaded(load_files(std::slice::from_ref(&args.partner), &options));
    if base_failed || partner_failed {
        return bad_input();
    }
    if base.is_empty() || partner.is_empty() {
        eprintln!("error: nest needs a base division and a partner division with polygons");
        return bad_input();
    }
    let (base, partner) = (base.remove(0), partner.remove(0));
    let nest = match nest_layers(&partner, &base, args.weight.as_deref()) {
        Ok(nest) => nest,
        Err(error) => {
            super::print_ops_error(&error);
            return bad_input();
        }
    };
    let written = write_nest(&args.out, &nest, &base)?;
    say!(
        "{} in {}: {} areas of {} units",
        nest.partner,
        nest.base,
        nest.rows.len(),
        nest.assignment.len()
    );
    say!("worst fits (misfit: area of the partner area outside its units plus units outside it):");
    for row in nest.worst_first().into_iter().filter(|r| !r.units.is_empty()).take(10) {
        say!(
            "  {:<16} {:>3} units  misfit {:>10.0} m²  {:>5.1} %",
            row.partner_id,
            row.units.len(),
            row.misfit_m2,
            row.misfit_share * 100.0
        );
    }
    let empty: Vec<&str> = nest
        .rows
        .iter()
        .filter(|r| r.units.is_empty())
        .map(|r| r.partner_id.as_str())
        .collect();
    if !empty.is_empty() {
        say!(
            "{} partner areas hold no unit (outside the units' territory, or smaller than half of every unit they touch): {}",
            empty.len(),
            empty.join(" ")
        );
    }
    let lost = nest.assignment.iter().filter(|(_, p)| p.is_none()).count();
    if lost > 0 {
        say!("{lost} units lie in no partner area");
    }
    for path in written {
        say!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
