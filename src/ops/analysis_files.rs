//! The files `analyse` writes: crosswalk.csv, problems.geojson, atlas.csv and report.json.
//! Their names, headers and properties are a public interface that scripts depend on.

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

use std::sync::{Arc, Mutex};

use crate::analysis::{Analysis, Atlas, CrosswalkRow, CrosswalkRows, Problem, Ready};
use crate::model::{AnalysisSettings, Layer};
use crate::ops::{OpsError, analyse::CheckedRun};
use crate::io::{WriteError, write_atomic, write_atomic_with, write_geojson_parts};
use crate::model::Crs;

/// The exact header of crosswalk.csv (weight columns follow when a weight field is used).
pub const CROSSWALK_HEADER: [&str; 8] = [
    "layer_a", "id_a", "layer_b", "id_b", "area_m2", "share_a", "share_b", "sliver",
];

fn csv_bytes(
    header: &[String],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(&row)?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// Writes the crosswalk as CSV, its rows turned into text on all cores, [`CSV_CHUNK`] rows
/// per task, each field written straight from the row (no row of owned strings per line:
/// nationally 42,000 rows, eight allocations each). The bytes are what one csv writer
/// writing the header and then every row gives (`crosswalk_csv_is_one_writers_output`).
pub fn write_crosswalk_csv(path: &Path, rows: &CrosswalkRows) -> Result<(), WriteError> {
    write_atomic_with(path, |out| write_crosswalk(out, rows, CSV_CHUNK))
        .map_err(|e| WriteError::new(path, e))
}

/// The bytes of crosswalk.csv, `chunk` rows per task, a few chunks at a time.
fn write_crosswalk(out: &mut dyn Write, rows: &CrosswalkRows, chunk: usize) -> std::io::Result<()> {
    use rayon::prelude::*;
    let weighted = rows
        .iter()
        .any(|r| r.weight_a.is_some() || r.weight_b.is_some());
    let mut header: Vec<String> = CROSSWALK_HEADER.iter().map(|s| s.to_string()).collect();
    if weighted {
        header.extend(["weight_a".to_string(), "weight_b".to_string()]);
    }
    out.write_all(&csv_bytes(&header, std::iter::empty()).map_err(std::io::Error::other)?)?;
    let chunk = chunk.max(1);
    let at_once = chunk * rayon::current_num_threads().max(1) * 2;
    for batch in rows.pairs().flat_map(|pair| pair.chunks(at_once)) {
        let parts: Vec<Vec<u8>> = batch
            .par_chunks(chunk)
            .map(|part| crosswalk_lines(part, weighted))
            .collect::<Result<_, csv::Error>>()
            .map_err(std::io::Error::other)?;
        for part in &parts {
            out.write_all(part)?;
        }
    }
    Ok(())
}

/// How many crosswalk rows one thread turns into CSV lines at a time.
const CSV_CHUNK: usize = 2048;

/// The CSV lines of crosswalk rows (no header).
fn crosswalk_lines(rows: &[CrosswalkRow], weighted: bool) -> Result<Vec<u8>, csv::Error> {
    use std::fmt::Write as _;
    let mut writer = csv::Writer::from_writer(Vec::with_capacity(rows.len() * 96));
    let mut number = String::new();
    let mut field = |writer: &mut csv::Writer<Vec<u8>>, value: std::fmt::Arguments| {
        number.clear();
        // Writing into a String cannot fail.
        let _ = number.write_fmt(value);
        writer.write_field(&number)
    };
    for r in rows {
        writer.write_field(&r.layer_a)?;
        writer.write_field(&r.id_a)?;
        writer.write_field(&r.layer_b)?;
        writer.write_field(&r.id_b)?;
        field(&mut writer, format_args!("{:.3}", r.area_m2))?;
        field(&mut writer, format_args!("{:.9}", r.share_a))?;
        field(&mut writer, format_args!("{:.9}", r.share_b))?;
        writer.write_field(if r.sliver { "true" } else { "false" })?;
        if weighted {
            for weight in [r.weight_a, r.weight_b] {
                match weight {
                    Some(w) => field(&mut writer, format_args!("{w:.3}"))?,
                    None => writer.write_field("")?,
                }
            }
        }
        writer.write_record(None::<&[u8]>)?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// Writes the atlas as CSV: `unit`, then per other layer its id and `<layer>_share`.
pub fn write_atlas_csv(path: &Path, atlas: &Atlas) -> Result<(), WriteError> {
    let mut header = vec!["unit".to_string()];
    for layer in &atlas.layers {
        header.push(layer.clone());
        header.push(format!("{layer}_share"));
    }
    let bytes = csv_bytes(
        &header,
        atlas.rows.iter().map(|row| {
            let mut out = vec![row.unit.clone()];
            for (best, share) in row.best.iter().zip(&row.share) {
                out.push(best.clone().unwrap_or_default());
                out.push(format!("{share:.6}"));
            }
            out
        }),
    )
    .map_err(|e| WriteError::new(path, e))?;
    write_atomic(path, &bytes).map_err(|e| WriteError::new(path, e))
}

/// The properties of one feature of problems.geojson, in the file's order. Written straight
/// from the problem: no JSON value or map is built per feature (nationally 60,000 of them).
#[derive(serde::Serialize)]
struct ProblemProperties<'p> {
    kind: &'static str,
    layer: &'p str,
    ids: &'p [String],
    /// Both rounded to three decimals, as the file has always had them.
    area_m2: f64,
    width_m: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    sliver_of: Option<&'static str>,
}

/// Writes the problems (as [`Analysis::problems`] holds them) as an RFC 7946
/// FeatureCollection in WGS 84.
pub fn write_problems_geojson(
    path: &Path,
    problems: &[Arc<Problem>],
    working_crs: Crs,
) -> Result<(), WriteError> {
    // Each problem becomes a feature only as the writer reaches it, its piece lent rather than
    // copied: a second copy of every problem's geometry at once would be the largest
    // allocation of the whole run.
    let feature = |i: usize| {
        let p = &problems[i];
        let properties = ProblemProperties {
            kind: p.kind.as_str(),
            layer: &p.layer,
            ids: &p.ids,
            area_m2: (p.area_m2 * 1000.0).round() / 1000.0,
            width_m: (p.width_m * 1000.0).round() / 1000.0,
            sliver_of: p.sliver_of.map(|of| of.as_str()),
        };
        (properties, Cow::Borrowed(std::slice::from_ref(&*p.geometry)))
    };
    write_geojson_parts(
        path,
        "problems",
        problems.len(),
        feature,
        working_crs,
        Crs::WGS84,
    )
    .map_err(|e| WriteError::new(path, e))
}

/// Writes the whole analysis as compact JSON.
pub fn write_report_json(path: &Path, analysis: &Analysis) -> Result<(), WriteError> {
    write_atomic_with(path, |out| write_report(out, analysis, REPORT_CHUNK))
        .map_err(|e| WriteError::new(path, e))
}

/// How many problems or crosswalk rows one thread turns into JSON at a time.
const REPORT_CHUNK: usize = 1024;

/// The bytes `serde_json::to_writer` gives for the analysis, with its two long lists (the
/// problems and the crosswalk rows, nationally 60,000 and 42,000 entries and most of the
/// 17 MB) turned into JSON on all cores, `chunk` entries per task, a few chunks at a time so
/// that no second copy of the whole file is held. `report_is_serdes_own_output` keeps the two
/// byte for byte the same.
fn write_report(out: &mut dyn Write, analysis: &Analysis, chunk: usize) -> std::io::Result<()> {
    let Analysis {
        settings,
        layers,
        pairs,
        problems,
        crosswalk,
        atlas,
        adjustments,
    } = analysis;
    out.write_all(b"{\"settings\":")?;
    value(out, settings)?;
    out.write_all(b",\"layers\":")?;
    value(out, layers)?;
    out.write_all(b",\"pairs\":")?;
    value(out, pairs)?;
    out.write_all(b",\"problems\":")?;
    write_array_in_parallel(out, [&problems[..]], chunk)?;
    out.write_all(b",\"crosswalk\":")?;
    write_array_in_parallel(out, crosswalk.pairs(), chunk)?;
    out.write_all(b",\"atlas\":")?;
    value(out, atlas)?;
    out.write_all(b",\"adjustments\":")?;
    value(out, adjustments)?;
    out.write_all(b"}")
}

/// One JSON array of the items of every list in `lists`, one after the other, as serde_json
/// writes it compactly, made on all cores.
fn write_array_in_parallel<'t, T: serde::Serialize + Sync + 't>(
    out: &mut dyn Write,
    lists: impl IntoIterator<Item = &'t [T]>,
    chunk: usize,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let chunk = chunk.max(1);
    let at_once = chunk * rayon::current_num_threads().max(1) * 2;
    out.write_all(b"[")?;
    let mut first = true;
    for batch in lists.into_iter().flat_map(|items| items.chunks(at_once)) {
        let parts: Vec<Vec<u8>> = batch
            .par_chunks(chunk)
            .map(|part| {
                let mut bytes = Vec::new();
                for (k, item) in part.iter().enumerate() {
                    if k > 0 {
                        bytes.push(b',');
                    }
                    serde_json::to_writer(&mut bytes, item)?;
                }
                Ok(bytes)
            })
            .collect::<Result<_, serde_json::Error>>()
            .map_err(std::io::Error::other)?;
        for part in &parts {
            if !first {
                out.write_all(b",")?;
            }
            first = false;
            out.write_all(part)?;
        }
    }
    out.write_all(b"]")
}

fn value<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> std::io::Result<()> {
    serde_json::to_writer(out, value).map_err(std::io::Error::other)
}

/// The outputs' names in `dir`, in the order they are listed to the user.
struct AnalysisPaths {
    crosswalk: PathBuf,
    problems: PathBuf,
    atlas: PathBuf,
    report: PathBuf,
}

impl AnalysisPaths {
    fn in_dir(dir: &Path) -> AnalysisPaths {
        AnalysisPaths {
            crosswalk: dir.join("crosswalk.csv"),
            problems: dir.join("problems.geojson"),
            atlas: dir.join("atlas.csv"),
            report: dir.join("report.json"),
        }
    }

    /// The files written, the atlas only when there is one.
    fn written(self, with_atlas: bool) -> Vec<PathBuf> {
        let mut written = vec![self.crosswalk, self.problems];
        if with_atlas {
            written.push(self.atlas);
        }
        written.push(self.report);
        written
    }
}

/// Analyses `layers` as [`analyse_layers`](crate::ops::analyse_layers) does and writes every
/// output into `dir` (created once the settings are found sound), each file as soon as what it
/// holds is known: the problems while the crosswalk is still being computed, or the crosswalk
/// while the layers' problems are, and the atlas and report, which need everything, last. The
/// same files [`write_analysis`] writes, byte for byte; the writing fills the moments the
/// analysis leaves a core idle instead of following it. Returns the analysis and the paths.
pub fn analyse_into<L: std::borrow::Borrow<Layer> + Sync>(
    dir: &Path,
    layers: &[L],
    base_layer: Option<usize>,
    settings: &AnalysisSettings,
    working_crs: Crs,
) -> Result<(Analysis, Vec<PathBuf>), OpsError> {
    let run = CheckedRun::of(layers, base_layer, settings)?;
    std::fs::create_dir_all(dir).map_err(|e| WriteError::new(dir, e))?;
    let paths = AnalysisPaths::in_dir(dir);
    // The first write that fails is kept; the analysis runs to its end either way.
    let failed: Mutex<Option<WriteError>> = Mutex::new(None);
    let keep = |result: Result<(), WriteError>| {
        if let Err(error) = result {
            failed
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .get_or_insert(error);
        }
    };
    let (paths_ref, keep) = (&paths, &keep);
    // Each part is written by a task of its own (the problems and rows it holds are shared,
    // not copied), so that the analysis goes on meanwhile and the report, once everything is
    // known, is written beside whatever file is still being written.
    let analysed = rayon::scope(|scope| {
        let ready = |part: Ready<'_>| match part {
            Ready::Problems(problems) => {
                let problems = problems.to_vec();
                scope.spawn(move |_| keep(write_problems_geojson(&paths_ref.problems, &problems, working_crs)));
            }
            Ready::Crosswalk(rows) => {
                let rows = rows.clone();
                scope.spawn(move |_| keep(write_crosswalk_csv(&paths_ref.crosswalk, &rows)));
            }
        };
        let analysis = run.run(None, &ready);
        let (atlas, report) = rayon::join(
            || analysis.atlas.as_ref().map(|a| write_atlas_csv(&paths_ref.atlas, a)).transpose(),
            || write_report_json(&paths_ref.report, &analysis),
        );
        keep(report);
        let with_atlas = atlas.map_err(|error| keep(Err(error))).ok().flatten().is_some();
        (analysis, with_atlas)
    });
    let (analysis, with_atlas) = analysed;
    if let Some(error) = failed.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner) {
        return Err(error.into());
    }
    Ok((analysis, paths.written(with_atlas)))
}

/// Writes every output of `analyse` into `dir` (created if needed) and returns the paths.
pub fn write_analysis(
    dir: &Path,
    analysis: &Analysis,
    working_crs: Crs,
) -> Result<Vec<PathBuf>, WriteError> {
    std::fs::create_dir_all(dir).map_err(|e| WriteError::new(dir, e))?;
    let paths = AnalysisPaths::in_dir(dir);
    // The files are independent; writing them side by side halves the wait on two cores.
    let (tables, (geojson, json)) = rayon::join(
        || {
            write_crosswalk_csv(&paths.crosswalk, &analysis.crosswalk)?;
            analysis
                .atlas
                .as_ref()
                .map(|a| write_atlas_csv(&paths.atlas, a))
                .transpose()
        },
        || {
            rayon::join(
                || write_problems_geojson(&paths.problems, &analysis.problems, working_crs),
                || write_report_json(&paths.report, analysis),
            )
        },
    );
    let wrote_atlas = tables?.is_some();
    geojson?;
    json?;
    Ok(paths.written(wrote_atlas))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{AnalysisOptions, analyse};
    use crate::model::{Crs, Layer};
    use geo::MultiPolygon;

    /// Three grids of squares, shifted against each other so that they overlap, leave gaps
    /// and cross: many problems and crosswalk rows.
    fn three_grids() -> [Layer; 3] {
        let grid = |name: &str, shift: f64, side: f64| {
            let features = (0..60).map(|k| {
                let (x, y) = ((k % 10) as f64 * side + shift, (k / 10) as f64 * side + shift);
                let square = geo::Rect::new((x, y), (x + side * 1.01, y + side * 0.98));
                (format!("{name}{k}"), MultiPolygon::new(vec![square.to_polygon()]))
            });
            Layer::from_geometries(name, Crs::RD_NEW, features)
        };
        [grid("a", 0.0, 100.0), grid("b", 37.0, 130.0), grid("c", 11.0, 90.0)]
    }

    #[test]
    fn files_written_as_their_parts_are_ready_are_those_written_afterwards() {
        let layers = three_grids();
        let settings = AnalysisSettings::default();
        let (streamed, after) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (analysis, written) = analyse_into(streamed.path(), &layers, Some(0), &settings, Crs::RD_NEW).unwrap();
        let again = crate::ops::analyse_layers(&layers, Some(0), &settings).unwrap();
        let written_after = write_analysis(after.path(), &again, Crs::RD_NEW).unwrap();
        let names = |paths: &[PathBuf]| -> Vec<String> {
            paths.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect()
        };
        assert_eq!(names(&written), ["crosswalk.csv", "problems.geojson", "atlas.csv", "report.json"]);
        assert_eq!(names(&written), names(&written_after));
        for name in names(&written) {
            let ours = std::fs::read(streamed.path().join(&name)).unwrap();
            assert!(ours.len() > 100, "{name}");
            assert!(ours == std::fs::read(after.path().join(&name)).unwrap(), "{name} differs");
        }
        assert!(analysis.problems.len() > 20 && analysis.crosswalk.len() > 20);
    }

    #[test]
    fn a_file_that_cannot_be_written_is_named_after_the_run_and_the_others_are_written() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where problems.geojson should go: the file cannot take its place.
        std::fs::create_dir_all(dir.path().join("problems.geojson").join("in the way")).unwrap();
        let layers = three_grids();
        let Err(OpsError::Write(error)) =
            analyse_into(dir.path(), &layers, None, &AnalysisSettings::default(), Crs::RD_NEW)
        else {
            panic!("the run should fail on problems.geojson");
        };
        assert_eq!(error.path, dir.path().join("problems.geojson"));
        assert!(std::fs::read(dir.path().join("crosswalk.csv")).unwrap().starts_with(b"layer_a,"));
        assert!(std::fs::read(dir.path().join("report.json")).unwrap().starts_with(b"{\"settings\""));
        // Settings that cannot be run leave no folder behind.
        let unmade = dir.path().join("not made");
        let weighted = AnalysisSettings {
            weight_field: Some("inwoners".into()),
            ..AnalysisSettings::default()
        };
        let Err(OpsError::Analyse(error)) = analyse_into(&unmade, &layers, None, &weighted, Crs::RD_NEW) else {
            panic!("no layer has the weight field");
        };
        assert_eq!(error, crate::ops::AnalyseError::NoWeightField("inwoners".into()));
        assert!(!unmade.exists());
        // And a folder that cannot be made stops the run before it starts.
        let blocked = dir.path().join("crosswalk.csv").join("out");
        let Err(OpsError::Write(error)) =
            analyse_into(&blocked, &layers, None, &AnalysisSettings::default(), Crs::RD_NEW)
        else {
            panic!("the folder cannot be made");
        };
        assert_eq!(error.path, blocked);
    }

    #[test]
    fn crosswalk_csv_is_one_writers_output() {
        // What the file was before its rows were written in parallel: one csv writer, the
        // header and then every row as owned strings. Ids that need quoting, and weights
        // present and missing, in chunks of 1 and 7 as well as whole.
        let layers = three_grids();
        let analysis = analyse(&layers, None, &AnalysisOptions::default());
        let mut pairs: Vec<Vec<CrosswalkRow>> =
            analysis.crosswalk.pairs().map(|rows| rows.to_vec()).collect();
        assert!(pairs.iter().map(Vec::len).sum::<usize>() > 20);
        let plain = CrosswalkRows::from_pairs(pairs.iter().map(|rows| rows.clone().into()).collect());
        for (k, row) in pairs.iter_mut().flatten().enumerate() {
            row.id_a = ["a,b", "say \"hi\"", "two\nlines", "plain"][k % 4].to_string();
            row.weight_a = (k % 3 != 0).then_some(k as f64 / 7.0);
            row.weight_b = (k % 5 != 0).then_some(1e6 / (k as f64 + 1.0));
        }
        let weighted = CrosswalkRows::from_pairs(pairs.into_iter().map(Into::into).collect());
        for (rows, with_weights) in [(&plain, false), (&weighted, true)] {
            let mut header: Vec<String> = CROSSWALK_HEADER.iter().map(|s| s.to_string()).collect();
            if with_weights {
                header.extend(["weight_a".to_string(), "weight_b".to_string()]);
            }
            let optional = |w: Option<f64>| w.map(|w| format!("{w:.3}")).unwrap_or_default();
            let expected = csv_bytes(
                &header,
                rows.iter().map(|r| {
                    let mut row = vec![
                        r.layer_a.clone(),
                        r.id_a.clone(),
                        r.layer_b.clone(),
                        r.id_b.clone(),
                        format!("{:.3}", r.area_m2),
                        format!("{:.9}", r.share_a),
                        format!("{:.9}", r.share_b),
                        r.sliver.to_string(),
                    ];
                    if with_weights {
                        row.extend([optional(r.weight_a), optional(r.weight_b)]);
                    }
                    row
                }),
            )
            .unwrap();
            let text = String::from_utf8(expected.clone()).unwrap();
            assert_eq!(text.contains("\"a,b\""), with_weights);
            assert!(text.starts_with(&header.join(",")));
            for chunk in [1, 7, CSV_CHUNK] {
                let mut ours = Vec::new();
                write_crosswalk(&mut ours, rows, chunk).unwrap();
                assert_eq!(String::from_utf8(ours).unwrap(), text, "chunks of {chunk}");
            }
        }
    }

    #[test]
    fn report_is_serdes_own_output() {
        // Written in chunks of 7 as well as whole. Three layers: the crosswalk's rows come in three pairs, one array in the file.
        let layers = three_grids();
        let analysis = analyse(&layers, None, &AnalysisOptions::default());
        assert!(analysis.problems.len() > 20 && analysis.crosswalk.len() > 20);
        assert_eq!(analysis.crosswalk.pairs().filter(|rows| !rows.is_empty()).count(), 3);
        for chunk in [1, 7, REPORT_CHUNK] {
            let mut ours = Vec::new();
            write_report(&mut ours, &analysis, chunk).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(&analysis).unwrap()
            );
        }
        let [one, ..] = three_grids();
        let empty = analyse(&[one], None, &AnalysisOptions::default());
        let mut ours = Vec::new();
        write_report(&mut ours, &empty, 7).unwrap();
        assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(&empty).unwrap());
    }
}
