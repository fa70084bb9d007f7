//! Command-line arguments and the headless commands: parsing here, one file per command, each
//! one call into the library's operations (`gebieden::ops`) plus what it prints.

/// `println!` for what a command reports: a reader that stops early (`| head`) closes the pipe,
/// and the command must still finish its work and write its files rather than panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod analyse;
mod clean;
mod compose;
mod inspect;
mod locate;
mod map;
mod migrate;
mod nest;
mod publish;
mod versions;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use gebieden::io::{LoadError, LoadOptions};
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
    /// Compose the agreed areas from base units and an assignment CSV (unit,area), or again from
    /// a project; write them as GeoJSON, Shapefile, GeoPackage and CSV. Exit 0 when complete, 1
    /// when checks fail.
    Compose(ComposeArgs),
    /// Print-quality map of the agreed areas (a project) or of divisions (files) as PNG, SVG or
    /// PDF; the format follows the extension of --out.
    Map(MapArgs),
    /// Find an address, street, postcode or place (PDOK Locatieserver) and name the area of
    /// every division that holds it. Exit 1 when nothing is found.
    Locate(LocateArgs),
    /// Clean a division into a coverage: overlaps to one feature by the merge rule, enclosed
    /// gaps up to --gap-width to the neighbour with the longest shared border.
    Clean(CleanArgs),
    /// Nest a partner division in base units: every unit to the partner area holding most of
    /// it; writes nest.csv (units and misfit per partner area) and nested.geojson.
    Nest(NestArgs),
    /// What changed between two versions of a project's composition: the units that moved and
    /// per area the units, km² and numeric fields; writes diff.csv and diff_areas.csv.
    Diff(DiffArgs),
    /// Record a partner's sign-off (akkoord, bezwaar or open) of an area of a version.
    Signoff(SignoffArgs),
    /// The decision report of a version as PDF: the map, the areas, the partners' sign-off and
    /// the changes since the previous version.
    Report(ReportArgs),
    /// A web map for residents in a folder (open index.html, or put it on any web host): the
    /// areas over a background map, a list, their details, an address search.
    Publish(PublishArgs),
    /// Carry an agreed division to a new vintage of the base units (e.g. CBS buurten 2015 →
    /// 2019): every new unit to the area holding most of it; writes assignment.csv and
    /// migration.csv. Exit 1 when units straddle areas (to be decided).
    Migrate(MigrateArgs),
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
    /// GeoJSON, Shapefile (.shp) or GeoPackage files, or one project (.gebieden).
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
    /// The divisions to compare (GeoJSON, Shapefile, GeoPackage), or one project (.gebieden):
    /// its layers with its analysis settings (a flag given here wins).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The base division for the atlas (e.g. CBS buurten): one row per unit.
    #[arg(long, value_name = "FILE")]
    pub base: Option<PathBuf>,
    /// The territory every division should cover (e.g. the municipal boundary), for gaps along the edge.
    #[arg(long, value_name = "FILE")]
    pub extent: Option<PathBuf>,
    /// Gaps and overlaps narrower than this many metres are slivers (digitising mismatches)
    /// [default: the project's, else 5].
    #[arg(long, value_name = "M", value_parser = parse_positive)]
    pub sliver_width: Option<f64>,
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
    /// A project (.gebieden) to export again: its composition over its base layer, related to
    /// its visible partner divisions.
    #[arg(required_unless_present_all = ["units", "assign"], conflicts_with_all = ["units", "assign", "partners", "project"])]
    pub input: Option<PathBuf>,
    /// The base units (e.g. CBS buurten).
    #[arg(long, value_name = "FILE", requires = "assign")]
    pub units: Option<PathBuf>,
    /// The assignment: a CSV or spreadsheet (.xlsx, .xls, .ods) with a column of units and a
    /// column of areas, found by their header (unit/buurtcode/postcode/pc4…, area/gebied/team…),
    /// else the first two columns.
    #[arg(long, value_name = "TABLE", requires = "units")]
    pub assign: Option<PathBuf>,
    /// The sheet of a spreadsheet to read [default: the first].
    #[arg(long, value_name = "NAME", requires = "assign")]
    pub sheet: Option<String>,
    /// The header of the column of units, when it is not one gebieden recognises.
    #[arg(long, value_name = "HEADER", requires = "assign")]
    pub unit_column: Option<String>,
    /// The header of the column of areas, when it is not one gebieden recognises.
    #[arg(long, value_name = "HEADER", requires = "assign")]
    pub area_column: Option<String>,
    /// Partner divisions to relate the areas to (which of their areas each agreed area cuts).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub partners: Vec<PathBuf>,
    /// Also write (or update) this project with the units, partners and composition, so the
    /// scripted session opens in the window.
    #[arg(long, value_name = "P.gebieden")]
    pub project: Option<PathBuf>,
    /// Store the composition in the project (the one composed, or --project) as this version,
    /// replacing one of that name (its sign-offs are kept and checked against the change).
    #[arg(long, value_name = "NAME")]
    pub version: Option<String>,
    /// Shared pieces narrower than this many metres count as slivers [default: the
    /// project's, else 5].
    #[arg(long, value_name = "M", value_parser = parse_positive)]
    pub sliver_width: Option<f64>,
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
    /// The credit line under the map [default: from the data, e.g. "Bron: CBS / Kadaster"].
    #[arg(long, value_name = "TEXT")]
    pub credit: Option<String>,
    /// Draw PDOK's background map under the areas: standaard, grijs, pastel or water
    /// (the tile service: GEBIEDEN_BASEMAP_URL, else PDOK; tiles cached in the local data folder).
    #[arg(long, value_name = "STYLE")]
    pub basemap: Option<String>,
}

#[derive(Debug, Args)]
pub struct CleanArgs {
    /// The division to clean: a file, or a project (.gebieden) with --layer.
    pub input: PathBuf,
    /// With a project: the layer to clean (its name as the project shows it).
    #[arg(long, value_name = "NAME")]
    pub layer: Option<String>,
    /// Gaps the division encloses whose largest inscribed circle is at most this many metres
    /// across are filled; wider ones stay.
    #[arg(long, value_name = "M", default_value_t = 0.0, value_parser = parse_positive)]
    pub gap_width: f64,
    /// Who gets an overlap: longest-border, max-area, min-area or min-index.
    #[arg(long, value_name = "RULE", default_value = "longest-border")]
    pub merge: String,
    /// The cleaned division: .geojson, .gpkg or .shp.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub load: LoadArgs,
}

#[derive(Debug, Args)]
pub struct NestArgs {
    /// The partner division (e.g. police beats).
    pub partner: PathBuf,
    /// The base units (e.g. CBS buurten).
    #[arg(long, value_name = "UNITS")]
    pub base: PathBuf,
    /// A numeric field (e.g. inwoners) of the units, or else of the partner areas: per partner
    /// area its total and the part living outside its units, spread by area.
    #[arg(long, value_name = "FIELD")]
    pub weight: Option<String>,
    /// The folder for nest.csv and nested.geojson.
    #[arg(long, value_name = "DIR", default_value = "gebieden-nest")]
    pub out: PathBuf,
    #[command(flatten)]
    pub load: LoadArgs,
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The old base units the agreement was made on.
    #[arg(long, value_name = "OLD_UNITS")]
    pub units: PathBuf,
    /// The agreement over the old units: CSV or spreadsheet (unit, area).
    #[arg(long, value_name = "CSV_OR_XLSX")]
    pub assign: PathBuf,
    /// The new base units.
    #[arg(long, value_name = "NEW_UNITS")]
    pub to: PathBuf,
    /// A numeric field of the old units (inwoners): carried to the new units by area, and
    /// deciding the share.
    #[arg(long, value_name = "FIELD")]
    pub weight: Option<String>,
    /// A new unit with less of itself than this in one area straddles.
    #[arg(long, value_name = "SHARE", default_value_t = 0.9)]
    pub min_share: f64,
    /// The folder for assignment.csv and migration.csv.
    #[arg(long, value_name = "DIR", default_value = "gebieden-migratie")]
    pub out: PathBuf,
    #[command(flatten)]
    pub load: LoadArgs,
}

#[derive(Debug, Args)]
pub struct PublishArgs {
    /// A project (.gebieden; its agreed areas) or an areas file (e.g. compose's areas.geojson).
    pub input: PathBuf,
    /// The folder to write the page into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The page's title [default: the project's or file's name].
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// Background tiles, an XYZ template in Web Mercator [default: PDOK BRT-Achtergrondkaart grijs].
    #[arg(long, value_name = "URL_TEMPLATE")]
    pub tiles: Option<String>,
    /// The Locatieserver for the address search [default: PDOK's]; "" leaves the search out.
    #[arg(long, value_name = "URL")]
    pub locatieserver: Option<String>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The project (.gebieden).
    pub project: PathBuf,
    /// The earlier version's name.
    pub from: String,
    /// The later version's name.
    pub to: String,
    /// The folder for diff.csv and diff_areas.csv.
    #[arg(long, value_name = "DIR", default_value = "gebieden-diff")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct SignoffArgs {
    /// The project (.gebieden); it is updated in place.
    pub project: PathBuf,
    #[arg(long, value_name = "V")]
    pub version: String,
    /// A partner division's name in the project, or a partner added with --new-partner.
    #[arg(long, value_name = "NAME")]
    pub partner: String,
    #[arg(long, value_name = "AREA")]
    pub area: String,
    /// akkoord, bezwaar (an objection) or open.
    #[arg(long, value_name = "STATUS")]
    pub status: String,
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub note: String,
    /// The partner has no division in the project: add it by this name.
    #[arg(long)]
    pub new_partner: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The project (.gebieden).
    pub project: PathBuf,
    /// The version [default: the current one, else the last].
    #[arg(long, value_name = "V")]
    pub version: Option<String>,
    /// The PDF to write.
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct LocateArgs {
    /// What to find: "Kerkstraat 1 Gendringen", "7064", "Ulft".
    pub query: String,
    /// A project (.gebieden) or division files.
    #[arg(required = true)]
    pub input: Vec<PathBuf>,
    /// Print JSON: {"query", "place": {"name", "x", "y"}, "areas": [{"layer", "id", "name"}]}.
    #[arg(long)]
    pub json: bool,
}

/// Exit code when checks fail: the composition's (unassigned units, areas in pieces), or
/// features `inspect` flags as invalid.
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

/// The command line's way of doing the fixes the library names: its flags.
pub struct CliWords;

impl gebieden::model::FixWords for CliWords {
    fn name_crs(&self) -> &str {
        " with --crs EPSG:N"
    }
    fn use_crs(&self, crs: Crs) -> String {
        format!("--crs {crs}")
    }
    fn crs_given(&self) -> &str {
        " with --crs"
    }
    fn choose_id_field(&self) -> &str {
        " with --id-field"
    }
}

/// Prints a load error with the fix in the command line's words.
pub fn print_load_error(error: &LoadError) {
    eprintln!("error: {}", error.describe(&CliWords));
}

/// Prints why an operation failed, each unreadable file on its own line.
pub fn print_ops_error(error: &gebieden::ops::OpsError) {
    match error {
        gebieden::ops::OpsError::Load(errors) => errors.iter().for_each(print_load_error),
        other => eprintln!("error: {other}"),
    }
}

/// Prints the notes of loaded layers and every load error on stderr; returns the layers in
/// order and whether anything failed.
pub fn report_loaded(results: Vec<Result<Vec<Layer>, LoadError>>) -> (Vec<Layer>, bool) {
    let mut layers = Vec::new();
    let mut failed = false;
    for result in results {
        match result {
            Ok(loaded) => {
                loaded.iter().for_each(print_notes);
                layers.extend(loaded)
            }
            Err(error) => {
                print_load_error(&error);
                failed = true;
            }
        }
    }
    (layers, failed)
}

/// Loads every file in parallel, reporting each failure on stderr; returns the layers that
/// loaded and whether anything failed.
pub fn load_all(files: &[PathBuf], options: &LoadOptions) -> (Vec<Layer>, bool) {
    report_loaded(gebieden::ops::load_files(files, options))
}

/// Opens a project with all its layers, or reports every reason it cannot on stderr.
pub fn open_project(path: &std::path::Path, working_crs: Crs) -> Option<gebieden::ops::Workspace> {
    match gebieden::ops::Workspace::open(path, working_crs) {
        Ok(workspace) => {
            for layer in &workspace.layers {
                for note in &layer.notes {
                    eprintln!(
                        "note: {}: layer '{}': {note}",
                        layer.source.display(),
                        layer.name
                    );
                }
            }
            if let Some((then, now)) = workspace
                .base()
                .and_then(|base| gebieden::ops::base_vintage_change(&workspace.project, base))
            {
                eprintln!(
                    "warning: {}: the base units changed since the project was saved: made on {} ({} units), now {} ({} units); units that no longer exist are left out of the areas (`gebieden migrate` carries an agreement to a new vintage)",
                    path.display(),
                    gebieden::ops::vintage_name(&then),
                    then.feature_count,
                    gebieden::ops::vintage_name(&now),
                    now.feature_count
                );
            }
            Some(workspace)
        }
        Err(error) => {
            for line in error.to_string().lines() {
                eprintln!("error: {line}");
            }
            None
        }
    }
}

/// The one project among `inputs`, when that is what they are.
/// Where background tiles are cached: `GEBIEDEN_TILE_CACHE`, else the local data folder.
pub fn tile_cache_dir() -> Option<PathBuf> {
    gebieden::services::tile_cache_dir(dirs::data_local_dir())
}

pub fn single_project(inputs: &[PathBuf]) -> Option<&PathBuf> {
    match inputs {
        [single] if gebieden::ops::is_project_file(single) => Some(single),
        _ => None,
    }
}

/// Prints what the user should know about how a layer was read.
pub fn print_notes(layer: &Layer) {
    for note in &layer.notes {
        eprintln!(
            "note: {}: layer '{}': {}",
            layer.source.display(),
            layer.name,
            note.describe(&CliWords)
        );
    }
}

fn bad_input() -> anyhow::Result<ExitCode> {
    Ok(ExitCode::from(EXIT_BAD_INPUT))
}

fn demo(dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(dir)?;
    for path in gebieden::demo::write_demo(dir)? {
        say!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs a headless command.
pub fn run(command: &Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Inspect(args) => inspect::run(args),
        Command::Analyse(args) => analyse::run(args),
        Command::Compose(args) => compose::run(args),
        Command::Map(args) => map::run(args),
        Command::Locate(args) => locate::run(args),
        Command::Nest(args) => nest::run(args),
        Command::Clean(args) => clean::run(args),
        Command::Publish(args) => publish::run(args),
        Command::Migrate(args) => migrate::run(args),
        Command::Diff(args) => versions::run_diff(args),
        Command::Signoff(args) => versions::run_signoff(args),
        Command::Report(args) => versions::run_report(args),
        Command::Demo { dir } => demo(dir),
    }
}
