//! ESRI Shapefile reader: .shp geometry, .dbf attributes, .prj CRS, .cpg code page.

mod dbf;
mod shp;
mod write;

pub use write::{ShapefileWriteError, write_shapefile};

use std::path::{Path, PathBuf};

use super::LoadErrorKind;
use super::build::{RawFeature, RawLayer};
use super::prj::crs_from_wkt;
use crate::model::{LayerNote, SourceFormat};

/// The sidecar next to `shp` with this extension, matching the case the files use
/// (`.DBF` beside `.SHP` on old Windows exports).
fn sidecar(shp: &Path, extension: &str) -> Option<PathBuf> {
    [
        extension.to_ascii_lowercase(),
        extension.to_ascii_uppercase(),
    ]
    .into_iter()
    .map(|e| shp.with_extension(e))
    .find(|p| p.is_file())
}

pub(crate) fn read(path: &Path) -> Result<RawLayer, LoadErrorKind> {
    let shp_bytes = std::fs::read(path)?;
    if shp_bytes.is_empty() {
        return Err(LoadErrorKind::EmptyFile);
    }
    let mut notes = Vec::new();
    // Without its .dbf a shapefile still has its shapes: numbered, as GDAL reads it.
    let dbf_bytes = match sidecar(path, "dbf") {
        Some(dbf) => Some(std::fs::read(&dbf)?),
        None => {
            notes.push(LayerNote::NoAttributes);
            None
        }
    };

    let crs = match sidecar(path, "prj") {
        None => Err(
            "there is no .prj beside the .shp, so its coordinate reference system is unknown"
                .to_string(),
        ),
        Some(prj) => {
            let text = std::fs::read(&prj)?;
            crs_from_wkt(&String::from_utf8_lossy(&text)).map_err(|e| format!("the .prj: {e}"))
        }
    };

    let dbf_bytes_or_empty = dbf_bytes.as_deref().unwrap_or_default();
    let from_driver =
        || dbf::encoding_from_language_driver(dbf::language_driver(dbf_bytes_or_empty));
    let encoding = match sidecar(path, "cpg") {
        Some(cpg) => {
            let text = std::fs::read(&cpg)?;
            let label = String::from_utf8_lossy(&text).trim().to_string();
            match dbf::encoding_from_cpg(&label) {
                Some(encoding) => Some(encoding),
                // A code page nobody decodes: read the text as it looks, and say so.
                None => {
                    let guessed = from_driver();
                    let used = match guessed {
                        Some(encoding) => encoding.name(),
                        None => dbf::sniff_encoding(dbf_bytes_or_empty).name().to_string(),
                    };
                    notes.push(LayerNote::UnknownCodePage { label, used });
                    guessed
                }
            }
        }
        None => from_driver(),
    };

    let geometries = shp::read_records(&shp_bytes).map_err(LoadErrorKind::Format)?;
    let table = match &dbf_bytes {
        Some(bytes) => dbf::read(bytes, encoding).map_err(LoadErrorKind::Format)?,
        None => dbf::Table {
            fields: Vec::new(),
            rows: vec![Vec::new(); geometries.len()],
            deleted: Vec::new(),
            notes: Vec::new(),
        },
    };
    if table.rows.len() != geometries.len() {
        return Err(LoadErrorKind::Format(format!(
            "the .dbf has {} records but the .shp has {} shapes; the two files do not belong together",
            table.rows.len(),
            geometries.len()
        )));
    }
    notes.extend(table.notes);
    if !table.deleted.is_empty() {
        notes.push(LayerNote::DeletedRecords(table.deleted.len()));
    }
    let deleted: std::collections::HashSet<usize> = table.deleted.into_iter().collect();
    let features = geometries
        .into_iter()
        .zip(table.rows)
        .enumerate()
        .filter(|(record, _)| !deleted.contains(record))
        .map(|(_, (geometry, attributes))| RawFeature {
            native_id: None,
            attributes,
            geometry,
        })
        .collect();
    Ok(RawLayer {
        notes,
        name: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        format: SourceFormat::Shapefile,
        crs,
        fields: table.fields,
        features,
        native_id_name: None,
    })
}
