//! ESRI Shapefile writer: polygons (.shp, .shx), attributes (.dbf, UTF-8 with a .cpg), CRS (.prj).

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

struct DbfColumn {
    name: [u8; 11],
    kind: u8,
    length: u8,
    decimals: u8,
}

/// DBF field names are at most 10 ASCII bytes and must be unique.
fn dbf_names(fields: &[Field]) -> Vec<[u8; 11]> {
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
            let mut bytes = [0u8; 11];
            bytes[..name.len()].copy_from_slice(name.as_bytes());
            bytes
        })
        .collect()
}

fn dbf(fields: &[Field], rows: &[Vec<Value>]) -> Vec<u8> {
    let names = dbf_names(fields);
    let columns: Vec<DbfColumn> = fields
        .iter()
        .zip(names)
        .enumerate()
        .map(|(c, (field, name))| match field.kind {
            FieldType::Integer => DbfColumn {
                name,
                kind: b'N',
                length: 18,
                decimals: 0,
            },
            FieldType::Float => DbfColumn {
                name,
                kind: b'N',
                length: 24,
                decimals: 6,
            },
            FieldType::Bool => DbfColumn {
                name,
                kind: b'L',
                length: 1,
                decimals: 0,
            },
            FieldType::Text => {
                let longest = rows
                    .iter()
                    .map(|r| r.get(c).map(|v| v.to_string().len()).unwrap_or(0))
                    .max()
                    .unwrap_or(1);
                DbfColumn {
                    name,
                    kind: b'C',
                    length: longest.clamp(1, 254) as u8,
                    decimals: 0,
                }
            }
        })
        .collect();
    let record_length: usize = 1 + columns.iter().map(|c| c.length as usize).sum::<usize>();
    let header_length = 32 + 32 * columns.len() + 1;
    let mut out = Vec::with_capacity(header_length + record_length * rows.len() + 1);
    out.extend_from_slice(&[0x03, 126, 1, 1]); // dBASE III, dated 2026-01-01
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    out.extend_from_slice(&(header_length as u16).to_le_bytes());
    out.extend_from_slice(&(record_length as u16).to_le_bytes());
    out.extend_from_slice(&[0u8; 20]);
    for column in &columns {
        out.extend_from_slice(&column.name);
        out.push(column.kind);
        out.extend_from_slice(&[0u8; 4]);
        out.push(column.length);
        out.push(column.decimals);
        out.extend_from_slice(&[0u8; 14]);
    }
    out.push(0x0D);
    for row in rows {
        out.push(b' ');
        for (c, column) in columns.iter().enumerate() {
            let width = column.length as usize;
            let value = row.get(c).unwrap_or(&Value::Null);
            let text = match (value, column.kind) {
                (Value::Null, _) => String::new(),
                (Value::Bool(b), b'L') => {
                    if *b {
                        "T".into()
                    } else {
                        "F".into()
                    }
                }
                (Value::Float(f), b'N') => format!("{f:.6}"),
                (v, _) => v.to_string(),
            };
            let mut bytes = text.into_bytes();
            // Cut text at a character boundary so UTF-8 stays valid.
            if bytes.len() > width {
                let mut cut = width;
                while cut > 0 && (bytes[cut] & 0xC0) == 0x80 {
                    cut -= 1;
                }
                bytes.truncate(cut);
            }
            let pad = vec![b' '; width - bytes.len()];
            if column.kind == b'N' {
                out.extend_from_slice(&pad);
                out.extend_from_slice(&bytes);
            } else {
                out.extend_from_slice(&bytes);
                out.extend_from_slice(&pad);
            }
        }
    }
    out.push(0x1A);
    out
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
    let dbf = dbf(fields, &rows);
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
