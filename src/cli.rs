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
    /// Benchmark: open the files headless, pan and zoom through N frames, print frame times.
    #[arg(long, value_name = "N", hide = true)]
    pub bench_frames: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Describe the layers in files: format, CRS, features, area, fields, invalid geometry.
    Inspect(InspectArgs),
    /// Find overlaps, gaps and slivers in each division, and the crosswalk, fit and atlas between them.
    #[command(alias = "analyze")]
    Analyse(AnalyseArgs),
    /// Compose the agreed areas from base units and an assignment CSV (unit,area); write them as
    /// GeoJSON, Shapefile, GeoPackage and CSV. Exit 0 when complete, 1 when checks fail.
    Compose(ComposeArgs),
    /// Print-quality map of the agreed areas (a project) or of divisions (files) as PNG, SVG or
    /// PDF; the format follows the extension of --out.
    Map(MapArgs),
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

#[derive(Debug, Args)]
pub struct AnalyseArgs {
    /// The divisions to compare (GeoJSON, Shapefile, GeoPackage).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The base division for the atlas (e.g. CBS buurten): one row per unit.
    #[arg(long, value_name = "FILE")]
    pub base: Option<PathBuf>,
    /// The territory every division should cover (e.g. the municipal boundary), for gaps along the edge.
    #[arg(long, value_name = "FILE")]
    pub extent: Option<PathBuf>,
    /// Gaps and overlaps narrower than this many metres are slivers (digitising mismatches).
    #[arg(long, value_name = "M", default_value_t = 5.0, value_parser = parse_positive)]
    pub sliver_width: f64,
    /// A numeric field (e.g. inwoners) to weight shares by, spread by area inside each feature.
    #[arg(long, value_name = "FIELD")]
    pub weight: Option<String>,
    /// The folder for crosswalk.csv, problems.geojson, atlas.csv and report.json.
    #[arg(long, value_name = "DIR", default_value = "gebieden-analyse")]
    pub out: PathBuf,
    /// Print report.json to stdout instead of the summary.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub load: LoadArgs,
}

#[derive(Debug, Args)]
pub struct ComposeArgs {
    /// The base units (e.g. CBS buurten).
    #[arg(long, value_name = "FILE")]
    pub units: PathBuf,
    /// The assignment: a CSV with columns unit and area.
    #[arg(long, value_name = "CSV")]
    pub assign: PathBuf,
    /// Partner divisions to relate the areas to (which of their areas each agreed area cuts).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub partners: Vec<PathBuf>,
    /// Shared pieces narrower than this many metres count as slivers.
    #[arg(long, value_name = "M", default_value_t = 5.0, value_parser = parse_positive)]
    pub sliver_width: f64,
    /// The folder for areas.geojson, areas.shp, areas.gpkg, assignment.csv and stats.csv.
    #[arg(long, value_name = "DIR", default_value = "gebieden-samenstelling")]
    pub out: PathBuf,
    #[command(flatten)]
    pub load: LoadArgs,
}

#[derive(Debug, Args)]
pub struct MapArgs {
    /// A project (.gebieden) or division files; with files, the first is drawn as areas.
    #[arg(required = true)]
    pub input: Vec<PathBuf>,
    /// The map file: .png, .svg or .pdf.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The title; default: the project's last choice, else its name or the layer's.
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// A line under the title.
    #[arg(long, value_name = "T")]
    pub subtitle: Option<String>,
    /// A4, A3 or A2 [default: the project's last choice, else A4].
    #[arg(long)]
    pub paper: Option<String>,
    #[arg(long)]
    pub landscape: bool,
    /// Resolution of a PNG on paper [default: the project's last choice, else 150].
    #[arg(long, value_name = "N")]
    pub dpi: Option<u32>,
    /// PNG size in pixels instead of paper × dpi.
    #[arg(long, value_name = "PX", requires = "height")]
    pub width: Option<u32>,
    #[arg(long, value_name = "PX", requires = "width")]
    pub height: Option<u32>,
    /// Draw the partner divisions as dashed outlines.
    #[arg(long)]
    pub partners: bool,
    /// Highlight gaps and overlaps of the divisions.
    #[arg(long)]
    pub problems: bool,
}

/// Exit code when the composition's checks fail (unassigned units, areas in pieces).
pub const EXIT_CHECKS_FAILED: u8 = 1;

fn parse_positive(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("'{text}' is not a non-negative number of metres")),
    }
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
            Ok(loaded) => {
                for layer in &loaded {
                    for note in &layer.notes {
                        eprintln!(
                            "note: {}: layer '{}': {note}",
                            layer.source.display(),
                            layer.name
                        );
                    }
                }
                layers.extend(loaded)
            }
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

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn analyse(args: &AnalyseArgs) -> anyhow::Result<ExitCode> {
    use gebieden::analysis::{AnalysisOptions, analyse};

    let options = args.load.options();
    let mut files = args.files.clone();
    let base_file = match &args.base {
        Some(base) => match files.iter().position(|f| same_file(f, base)) {
            Some(i) => Some(i),
            None => {
                files.insert(0, base.clone());
                Some(0)
            }
        },
        None => None,
    };
    let results: Vec<Result<Vec<Layer>, LoadError>> =
        files.par_iter().map(|path| load(path, &options)).collect();
    let extent = args.extent.as_ref().map(|path| load(path, &options));
    let mut failed = false;
    let mut layers = Vec::new();
    let mut base_layer = None;
    for (i, result) in results.into_iter().enumerate() {
        match result {
            Ok(loaded) => {
                if base_file == Some(i) {
                    base_layer = Some(layers.len());
                }
                layers.extend(loaded);
            }
            Err(error) => {
                eprintln!("error: {error}");
                failed = true;
            }
        }
    }
    let extent = match extent {
        None => None,
        Some(Ok(mut extent_layers)) => {
            let mut merged = extent_layers.remove(0);
            for more in extent_layers {
                merged.features.extend(more.features);
            }
            Some(merged)
        }
        Some(Err(error)) => {
            eprintln!("error: {error}");
            failed = true;
            None
        }
    };
    if failed {
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    if let Some(field) = &args.weight
        && !layers.iter().any(|l| l.field_index(field).is_some())
    {
        eprintln!("error: no layer has the weight field '{field}'");
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let analysis = analyse(
        &layers,
        extent.as_ref(),
        &AnalysisOptions {
            sliver_width_m: args.sliver_width,
            weight_field: args.weight.clone(),
            base_layer,
            ..AnalysisOptions::default()
        },
    );
    for adjustment in &analysis.adjustments {
        eprintln!(
            "warning: layer '{}': feature {}: {}",
            adjustment.layer, adjustment.id, adjustment.reason
        );
    }
    let written = gebieden::io::write_analysis(&args.out, &analysis, options.working_crs)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &analysis)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let km2 = |m2: f64| m2 / 1e6;
    writeln!(
        out,
        "Divisions ({} in {}, slivers below {} m):",
        analysis.layers.len(),
        analysis.settings.working_crs,
        args.sliver_width
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
        .filter(|p| p.kind != gebieden::analysis::ProblemKind::Sliver)
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
    Ok(ExitCode::SUCCESS)
}

fn compose(args: &ComposeArgs) -> anyhow::Result<ExitCode> {
    use gebieden::compose::compose;

    let options = args.load.options();
    let units = match load(&args.units, &options) {
        Ok(mut layers) => layers.remove(0),
        Err(error) => {
            eprintln!("error: {error}");
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    };
    let partner_options = LoadOptions {
        id_field: None,
        ..options.clone()
    };
    let (partners, failed) = load_all(&args.partners, &partner_options);
    if failed {
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let composition = match gebieden::io::read_assignment(&args.assign, &units) {
        Ok(c) => c,
        Err(error) => {
            eprintln!("error: {error}");
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    };
    let result = compose(&units, &composition, &partners, args.sliver_width);
    let written = gebieden::io::write_composition(&args.out, &result, &composition, &units)?;

    let mut out = std::io::stdout().lock();
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
    for path in written {
        writeln!(out, "wrote {}", path.display())?;
    }
    Ok(if checks.complete() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_CHECKS_FAILED)
    })
}

/// Today's date as dd-mm-yyyy, from the system clock (UTC).
fn map(args: &MapArgs) -> anyhow::Result<ExitCode> {
    use gebieden::maps::{
        MapContent, areas_of_composition, areas_of_layer, is_cbs, map_spec, render_map,
    };
    use gebieden::model::{MapFormat, MapOptions, Paper};

    let Some(format) = MapFormat::from_path(&args.out) else {
        eprintln!(
            "error: {}: the map must be .png, .svg or .pdf",
            args.out.display()
        );
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    };
    let paper = match args.paper.as_deref().map(|p| (p, Paper::parse(p))) {
        Some((name, None)) => {
            eprintln!("error: unknown paper size '{name}'; use A4, A3 or A2");
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
        Some((_, paper)) => paper,
        None => None,
    };
    let load_options = LoadOptions::default();
    // A project brings its composition and its last map choices; files are drawn as they are.
    let (areas, partners, default_title, saved, cbs) = if let [project] = args.input.as_slice()
        && project
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gebieden"))
    {
        let file = match gebieden::io::read_project(project) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("error: {e}");
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
        };
        let dir = project
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        let paths: Vec<PathBuf> = file
            .layers
            .iter()
            .map(|l| gebieden::io::resolve_path(&l.path, &dir))
            .collect();
        let (layers, failed) = load_all(&paths, &load_options);
        if failed {
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
        let base = file.base_layer.unwrap_or(0);
        let Some(units) = layers.get(base) else {
            eprintln!(
                "error: {}: the project has no base layer to compose",
                project.display()
            );
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        };
        let result = gebieden::compose::compose(
            units,
            &file.composition,
            &[] as &[Layer],
            file.analysis.sliver_width_m,
        );
        let cbs = layers.iter().any(is_cbs);
        let partners: Vec<Layer> = layers
            .into_iter()
            .enumerate()
            .filter(|(i, _)| *i != base)
            .map(|(_, l)| l)
            .collect();
        let title = project
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        (
            areas_of_composition(&result),
            partners,
            title,
            file.map,
            cbs,
        )
    } else {
        let (mut layers, failed) = load_all(&args.input, &load_options);
        if failed || layers.is_empty() {
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
        let first = layers.remove(0);
        let cbs = is_cbs(&first) || layers.iter().any(is_cbs);
        (
            areas_of_layer(&first, None),
            layers,
            first.name.clone(),
            MapOptions::default(),
            cbs,
        )
    };
    let options = MapOptions {
        title: args.title.clone().or(saved.title),
        subtitle: args.subtitle.clone().or(saved.subtitle),
        paper: paper.unwrap_or(saved.paper),
        landscape: args.landscape || saved.landscape,
        dpi: args.dpi.unwrap_or(saved.dpi),
        partners: args.partners || saved.partners,
        problems: args.problems || saved.problems,
        format,
    };
    let content = MapContent {
        areas,
        partners: &partners,
        default_title,
        cbs,
    };
    let spec = map_spec(content, &options, gebieden::render::MapWords::dutch());
    let bytes = render_map(&spec, format, &options, args.width.zip(args.height))?;
    gebieden::io::write_atomic(&args.out, &bytes)?;
    println!("wrote {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}

/// Runs a headless command.
pub fn run(command: &Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Inspect(args) => inspect(args),
        Command::Analyse(args) => analyse(args),
        Command::Compose(args) => compose(args),
        Command::Map(args) => map(args),
        Command::Demo { dir } => demo(dir),
    }
}
