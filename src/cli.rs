//! Command-line arguments and the headless commands. Parsing and wiring only: the work is
//! done by the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use rayon::prelude::*;

use gebieden::io::{LoadError, LoadOptions, load, summarise};
use gebieden::model::{Crs, Layer};

/// gebieden: lay partner divisions over each other, see where they disagree, agree on areas.
#[derive(Debug, Parser)]
#[command(name = "gebieden", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files to open in the window (without a command); the demo opens when none are given.
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Describe the layers in files: format, CRS, features, area, fields, invalid geometry.
    Inspect(InspectArgs),
    /// Write the bundled demo data set (the fictional municipality Zonnedaal) into a folder.
    Demo {
        /// The folder to write into; it is created if needed.
        dir: PathBuf,
    },
}

/// How files are read; shared by every command that loads layers.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Read the files' coordinates as this CRS (e.g. EPSG:28992), whatever they declare.
    #[arg(long, value_name = "EPSG:N", value_parser = parse_crs)]
    pub crs: Option<Crs>,
    /// The attribute holding feature ids (default: buurtcode, wijkcode, postcode, … if present).
    #[arg(long, value_name = "NAME")]
    pub id_field: Option<String>,
    /// The projected, metric CRS all geometry is reprojected to for analysis.
    #[arg(long, value_name = "EPSG:N", value_parser = parse_working_crs, default_value = "EPSG:28992")]
    pub working_crs: Crs,
}

impl LoadArgs {
    pub fn options(&self) -> LoadOptions {
        LoadOptions {
            working_crs: self.working_crs,
            crs_override: self.crs,
            id_field: self.id_field.clone(),
        }
    }
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// GeoJSON, Shapefile (.shp) or GeoPackage files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print one JSON array with an object per layer.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub load: LoadArgs,
}

fn parse_crs(text: &str) -> Result<Crs, String> {
    Crs::parse(text).map_err(|e| e.to_string())
}

fn parse_working_crs(text: &str) -> Result<Crs, String> {
    let crs = parse_crs(text)?;
    if crs.is_geographic() {
        return Err(format!(
            "{crs} is in degrees; the working CRS must be projected (metres), e.g. EPSG:28992"
        ));
    }
    Ok(crs)
}

/// Exit code for bad input: a file that cannot be read, or geometry that is not valid.
pub const EXIT_BAD_INPUT: u8 = 2;

/// Loads every file in parallel, reporting each failure on stderr; returns the layers that
/// loaded and whether anything failed.
pub fn load_all(files: &[PathBuf], options: &LoadOptions) -> (Vec<Layer>, bool) {
    let results: Vec<Result<Vec<Layer>, LoadError>> =
        files.par_iter().map(|path| load(path, options)).collect();
    let mut layers = Vec::new();
    let mut failed = false;
    for result in results {
        match result {
            Ok(loaded) => layers.extend(loaded),
            Err(error) => {
                eprintln!("error: {error}");
                failed = true;
            }
        }
    }
    (layers, failed)
}

fn inspect(args: &InspectArgs) -> anyhow::Result<ExitCode> {
    let (layers, mut failed) = load_all(&args.files, &args.load.options());
    let summaries: Vec<_> = layers.iter().map(summarise).collect();
    for summary in &summaries {
        for invalid in &summary.invalid {
            eprintln!(
                "error: {}: layer '{}': feature {}: {}",
                summary.path, summary.name, invalid.id, invalid.reason
            );
            failed = true;
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
    Ok(if failed {
        ExitCode::from(EXIT_BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}

fn demo(dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(dir)?;
    for path in gebieden::demo::write_demo(dir)? {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs a headless command.
pub fn run(command: &Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Inspect(args) => inspect(args),
        Command::Demo { dir } => demo(dir),
    }
}
