//! ESRI Shapefile writer: polygons (.shp, .shx), attributes (.dbf, UTF-8 with a .cpg), CRS (.prj).
//!
//! The .dbf is the `dbase` crate's. The .shp and .shx stay ours: the `shapefile` crate's
//! writer cannot put an empty record (a null shape) among polygons — its `Shape` enum is not
//! writable and `Polygon::with_rings` panics on no rings — and an area without units yet, or a
//! feature emptied by cleaning, is a real output that must keep its row.

use std::path::Path;

use geo::orient::{Direction, Orient};
use geo::{BoundingRect, MultiPolygon};

use crate::io::atomic::write_atomic_set;
use crate::io::prj::esri_wkt;
use crate::model::{Crs, Field, FieldType, Value};

/// Why a shapefile could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ShapefileWriteError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("no .prj is known for {0}; write in EPSG:28992 or EPSG:4326")]
    NoPrj(Crs),
    #[error("the shapefile would exceed 2 GB, the format's limit")]
    TooLarge,
}

/// DBF field names are at most 10 ASCII bytes and must be unique.
fn dbf_names(fields: &[Field]) -> Vec<String> {
    let mut used: Vec<String> = Vec::new();
    fields
        .iter()
        .map(|f| {
            let base: String = f
                .name
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                .take(10)
                .collect();
            let base = if base.is_empty() {
                "veld".to_string()
            } else {
                base
            };
            let mut name = base.clone();
            let mut n = 1;
            while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
                let suffix = n.to_string();
                name = format!("{}{}", &base[..base.len().min(10 - suffix.len())], suffix);
                n += 1;
            }
            used.push(name.clone());
            name
        })
        .collect()
}

/// The .dbf, written by the `dbase` crate in UTF-8 (the .cpg says so): integers as N(18),
/// decimals as N(24,6), booleans as L, text as C as wide as its longest value (at most 254
/// bytes, cut at a character boundary).
fn dbf(fields: &[Field], rows: &[Vec<Value>]) -> std::io::Result<Vec<u8>> {
    let mut builder = dbase::TableWriterBuilder::with_encoding(dbase::Unicode);
    for (c, (field, name)) in fields.iter().zip(dbf_names(fields)).enumerate() {
        let name = dbase::FieldName::try_from(name.as_str()).map_err(std::io::Error::other)?;
        builder = match field.kind {
            FieldType::Integer => builder.add_numeric_field(name, 18, 0),
            FieldType::Float => builder.add_numeric_field(name, 24, 6),
            FieldType::Bool => builder.add_logical_field(name),
            FieldType::Text => {
                let longest = rows
                    .iter()
                    .map(|r| r.get(c).map(|v| v.to_string().len()).unwrap_or(0))
                    .max()
                    .unwrap_or(1);
                builder.add_character_field(name, longest.clamp(1, TEXT_WIDTH) as u8)
            }
        };
    }
    let records: Vec<DbfRecord> = rows
        .iter()
        .map(|row| DbfRecord {
            cells: fields
                .iter()
                .enumerate()
                .map(|(c, field)| cell(row.get(c).unwrap_or(&Value::Null), field.kind))
                .collect(),
        })
        .collect();
    let mut out = std::io::Cursor::new(Vec::new());
    let mut writer = builder.build_with_dest(&mut out);
    for record in &records {
        writer.write_record(record).map_err(std::io::Error::other)?;
    }
    writer.finalize().map_err(std::io::Error::other)?;
    drop(writer);
    Ok(out.into_inner())
}

/// The widest text field a .dbf holds.
const TEXT_WIDTH: usize = 254;

/// A value as the column's dBase type.
fn cell(value: &Value, kind: FieldType) -> dbase::FieldValue {
    use dbase::FieldValue as F;
    match (kind, value) {
        (FieldType::Integer | FieldType::Float, Value::Null) => F::Numeric(None),
        (FieldType::Integer, Value::Integer(i)) => F::Numeric(Some(*i as f64)),
        (FieldType::Float, Value::Float(f)) if f.is_finite() => F::Numeric(Some(*f)),
        (FieldType::Float, Value::Integer(i)) => F::Numeric(Some(*i as f64)),
        (FieldType::Integer | FieldType::Float, _) => F::Numeric(None),
        (FieldType::Bool, Value::Bool(b)) => F::Logical(Some(*b)),
        (FieldType::Bool, _) => F::Logical(None),
        (FieldType::Text, Value::Null) => F::Character(None),
        (FieldType::Text, value) => {
            let mut text = value.to_string();
            // The crate cuts at the byte; cut at a character so the UTF-8 stays valid.
            if text.len() > TEXT_WIDTH {
                let mut cut = TEXT_WIDTH;
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                text.truncate(cut);
            }
            F::Character(Some(text))
        }
    }
}

struct DbfRecord {
    cells: Vec<dbase::FieldValue>,
}

impl dbase::WritableRecord for DbfRecord {
    fn write_using<W: std::io::Write>(
        &self,
        writer: &mut dbase::FieldWriter<'_, W>,
    ) -> Result<(), dbase::FieldIOError> {
        self.cells
            .iter()
            .try_for_each(|cell| writer.write_next_field_value(cell))
    }
}

fn shp_header(buffer: &mut Vec<u8>, length_bytes: usize, bbox: [f64; 4]) {
    buffer.extend_from_slice(&9994i32.to_be_bytes());
    buffer.extend_from_slice(&[0u8; 20]);
    buffer.extend_from_slice(&((length_bytes / 2) as i32).to_be_bytes());
    buffer.extend_from_slice(&1000i32.to_le_bytes());
    buffer.extend_from_slice(&5i32.to_le_bytes());
    for v in bbox {
        buffer.extend_from_slice(&v.to_le_bytes());
    }
    buffer.extend_from_slice(&[0u8; 32]);
}

/// Writes `path` (.shp) with its .shx, .dbf, .cpg and .prj. Rings are written as the format
/// wants them: outer rings clockwise, holes counter-clockwise.
pub fn write_shapefile(
    path: &Path,
    fields: &[Field],
    records: &[(Vec<Value>, MultiPolygon<f64>)],
    crs: Crs,
) -> Result<(), ShapefileWriteError> {
    let prj = esri_wkt(crs).ok_or(ShapefileWriteError::NoPrj(crs))?;
    let mut contents: Vec<Vec<u8>> = Vec::with_capacity(records.len());
    let mut total_bbox: Option<[f64; 4]> = None;
    for (_, geometry) in records {
        let oriented = geometry.orient(Direction::Reversed);
        let rings: Vec<&geo::LineString<f64>> = oriented
            .0
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .collect();
        let bbox = geometry
            .bounding_rect()
            .map(|r| [r.min().x, r.min().y, r.max().x, r.max().y])
            .unwrap_or([0.0; 4]);
        total_bbox = Some(match total_bbox {
            None => bbox,
            Some(t) => [
                t[0].min(bbox[0]),
                t[1].min(bbox[1]),
                t[2].max(bbox[2]),
                t[3].max(bbox[3]),
            ],
        });
        let points: usize = rings.iter().map(|r| r.0.len()).sum();
        let mut content = Vec::with_capacity(44 + 4 * rings.len() + 16 * points);
        if rings.is_empty() {
            content.extend_from_slice(&0i32.to_le_bytes());
        } else {
            content.extend_from_slice(&5i32.to_le_bytes());
            for v in bbox {
                content.extend_from_slice(&v.to_le_bytes());
            }
            content.extend_from_slice(&(rings.len() as i32).to_le_bytes());
            content.extend_from_slice(&(points as i32).to_le_bytes());
            let mut start = 0i32;
            for ring in &rings {
                content.extend_from_slice(&start.to_le_bytes());
                start += ring.0.len() as i32;
            }
            for ring in &rings {
                for c in &ring.0 {
                    content.extend_from_slice(&c.x.to_le_bytes());
                    content.extend_from_slice(&c.y.to_le_bytes());
                }
            }
        }
        contents.push(content);
    }
    let shp_length = 100 + contents.iter().map(|c| 8 + c.len()).sum::<usize>();
    if shp_length > i32::MAX as usize {
        return Err(ShapefileWriteError::TooLarge);
    }
    let bbox = total_bbox.unwrap_or([0.0; 4]);
    let mut shp = Vec::with_capacity(shp_length);
    let mut shx = Vec::with_capacity(100 + 8 * contents.len());
    shp_header(&mut shp, shp_length, bbox);
    shp_header(&mut shx, 100 + 8 * contents.len(), bbox);
    for (i, content) in contents.iter().enumerate() {
        shx.extend_from_slice(&((shp.len() / 2) as i32).to_be_bytes());
        shx.extend_from_slice(&((content.len() / 2) as i32).to_be_bytes());
        shp.extend_from_slice(&(i as i32 + 1).to_be_bytes());
        shp.extend_from_slice(&((content.len() / 2) as i32).to_be_bytes());
        shp.extend_from_slice(content);
    }
    let rows: Vec<Vec<Value>> = records.iter().map(|(values, _)| values.clone()).collect();
    // The .shp goes last: a reader that finds it finds its sidecars complete.
    let dbf = dbf(fields, &rows)?;
    // The .shp last: a reader that finds it finds the parts written with it.
    write_atomic_set(&[
        (path.with_extension("dbf"), dbf.as_slice()),
        (path.with_extension("shx"), shx.as_slice()),
        (path.with_extension("prj"), prj.as_bytes()),
        (path.with_extension("cpg"), b"UTF-8"),
        (path.to_path_buf(), shp.as_slice()),
    ])?;
    Ok(())
}
