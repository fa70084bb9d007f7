//! GeoPackage reader: every polygon feature table, with its SRS from gpkg_spatial_ref_sys.

use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use super::LoadErrorKind;
use super::build::{RawFeature, RawGeometry, RawLayer};
use super::prj::crs_from_wkt;
use crate::model::{Crs, Field, FieldType, LayerNote, SourceFormat, Value};

const POLYGON_TYPES: &[&str] = &[
    "POLYGON",
    "MULTIPOLYGON",
    "GEOMETRY",
    "GEOMETRYCOLLECTION",
    "CURVEPOLYGON",
    "MULTISURFACE",
    "SURFACE",
];

fn sql_error(e: rusqlite::Error) -> LoadErrorKind {
    LoadErrorKind::Format(format!("the GeoPackage cannot be read: {e}"))
}

fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

struct TableInfo {
    name: String,
    geometry_column: String,
    geometry_type: String,
    srs_id: i64,
}

/// What a GeoPackage holds: the polygon tables that could be read, and the tables left out
/// with the reason (points or lines, unreadable).
pub(crate) struct Contents {
    pub layers: Vec<RawLayer>,
    pub skipped: Vec<(String, LoadErrorKind)>,
}

/// Reads every polygon table. One unusable table never sinks the file: it is left out with its
/// reason; only a file without any readable polygon table is an error.
pub(crate) fn read(path: &Path) -> Result<Contents, LoadErrorKind> {
    let mut header = [0u8; 16];
    {
        use std::io::Read;
        let mut file = std::fs::File::open(path)?;
        let n = file.read(&mut header)?;
        if n == 0 {
            return Err(LoadErrorKind::EmptyFile);
        }
        if n < 16 || &header != b"SQLite format 3\0" {
            return Err(LoadErrorKind::Format(
                "not a GeoPackage: the file is not an SQLite database".into(),
            ));
        }
    }
    let connection = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sql_error)?;
    let tables = feature_tables(&connection)?;
    if tables.is_empty() {
        return Err(LoadErrorKind::NoPolygons(
            "the GeoPackage has no feature tables".into(),
        ));
    }
    let (polygon_tables, other_tables): (Vec<&TableInfo>, Vec<&TableInfo>) = tables
        .iter()
        .partition(|t| POLYGON_TYPES.contains(&t.geometry_type.to_ascii_uppercase().as_str()));
    if polygon_tables.is_empty() {
        let listed: Vec<String> = other_tables
            .iter()
            .map(|t| format!("{} ({})", t.name, t.geometry_type))
            .collect();
        return Err(LoadErrorKind::NoPolygons(format!(
            "the GeoPackage has no polygon layers, only {}",
            listed.join(", ")
        )));
    }
    let mut contents = Contents {
        layers: Vec::new(),
        skipped: other_tables
            .iter()
            .map(|t| {
                let kind = LoadErrorKind::NoPolygons(format!(
                    "it holds {} geometry; gebieden compares areas",
                    t.geometry_type
                ));
                (t.name.clone(), kind)
            })
            .collect(),
    };
    for table in polygon_tables {
        match read_table(&connection, table) {
            Ok(layer) => contents.layers.push(layer),
            Err(kind) => contents.skipped.push((table.name.clone(), kind)),
        }
    }
    Ok(contents)
}

fn feature_tables(connection: &Connection) -> Result<Vec<TableInfo>, LoadErrorKind> {
    let has_contents: bool = connection
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type IN ('table','view') AND name IN ('gpkg_contents','gpkg_geometry_columns')",
            [],
            |row| row.get::<_, i64>(0),
        )
        .map_err(sql_error)?
        == 2;
    if !has_contents {
        return Err(LoadErrorKind::Format(
            "not a GeoPackage: the SQLite database has no gpkg_contents / gpkg_geometry_columns tables".into(),
        ));
    }
    let mut statement = connection
        .prepare(
            "SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id \
             FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name \
             WHERE c.data_type = 'features' ORDER BY c.table_name",
        )
        .map_err(sql_error)?;
    let rows = statement
        .query_map([], |row| {
            Ok(TableInfo {
                name: row.get(0)?,
                geometry_column: row.get(1)?,
                geometry_type: row.get(2)?,
                srs_id: row.get(3)?,
            })
        })
        .map_err(sql_error)?;
    rows.collect::<Result<Vec<_>, _>>().map_err(sql_error)
}

fn table_crs(connection: &Connection, srs_id: i64) -> Result<Crs, String> {
    let row = connection.query_row(
        "SELECT organization, organization_coordsys_id, definition, srs_name FROM gpkg_spatial_ref_sys WHERE srs_id = ?1",
        [srs_id],
        |row| {
            Ok((
                row.get::<_, Option<String>>(0)?,
                row.get::<_, Option<i64>>(1)?,
                row.get::<_, Option<String>>(2)?,
                row.get::<_, Option<String>>(3)?,
            ))
        },
    );
    let (organization, code, definition, name) =
        row.map_err(|_| format!("its SRS id {srs_id} is not in gpkg_spatial_ref_sys"))?;
    if srs_id == -1 || srs_id == 0 {
        return Err(format!("its SRS is 'undefined' (srs_id {srs_id})"));
    }
    if organization
        .as_deref()
        .is_some_and(|o| o.eq_ignore_ascii_case("EPSG"))
        && let Some(crs) = code
            .and_then(|c| u32::try_from(c).ok())
            .and_then(Crs::from_epsg)
    {
        return Ok(crs);
    }
    let definition = definition.unwrap_or_default();
    crs_from_wkt(&definition).map_err(|_| {
        format!(
            "its SRS '{}' ({} {}) is not one gebieden can place",
            name.unwrap_or_default(),
            organization.unwrap_or_default(),
            code.map(|c| c.to_string()).unwrap_or_default()
        )
    })
}

fn field_type(declared: &str) -> Option<FieldType> {
    let upper = declared.to_ascii_uppercase();
    Some(match upper.as_str() {
        t if t.contains("INT") => FieldType::Integer,
        t if t.contains("REAL")
            || t.contains("DOUB")
            || t.contains("FLOA")
            || t.contains("NUMERIC") =>
        {
            FieldType::Float
        }
        t if t.contains("BOOL") => FieldType::Bool,
        t if t.contains("BLOB") => return None,
        _ => FieldType::Text,
    })
}

fn read_table(connection: &Connection, table: &TableInfo) -> Result<RawLayer, LoadErrorKind> {
    let crs = table_crs(connection, table.srs_id);
    let mut columns: Vec<(String, FieldType)> = Vec::new();
    let mut primary_key: Option<String> = None;
    {
        let mut info = connection
            .prepare(&format!("PRAGMA table_info({})", quote(&table.name)))
            .map_err(sql_error)?;
        let rows = info
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, i64>(5)?,
                ))
            })
            .map_err(sql_error)?;
        for row in rows {
            let (name, declared, pk) = row.map_err(sql_error)?;
            if name == table.geometry_column {
                continue;
            }
            if pk > 0 && primary_key.is_none() {
                primary_key = Some(name);
                continue;
            }
            if let Some(kind) = field_type(&declared) {
                columns.push((name, kind));
            }
        }
    }
    let mut select: Vec<String> = vec![
        primary_key
            .as_deref()
            .map(quote)
            .unwrap_or_else(|| "rowid".into()),
    ];
    select.extend(columns.iter().map(|(name, _)| quote(name)));
    select.push(quote(&table.geometry_column));
    let sql = format!("SELECT {} FROM {}", select.join(", "), quote(&table.name));
    let mut statement = connection.prepare(&sql).map_err(sql_error)?;
    let mut rows = statement.query([]).map_err(sql_error)?;
    let mut features = Vec::new();
    let mut notes = Vec::new();
    // Features whose geometry cannot be decoded: left out, counted, the first one named.
    let mut undecodable: Option<(usize, String, String)> = None;
    let mut curved = 0;
    while let Some(row) = rows.next().map_err(sql_error)? {
        let fid = match row.get_ref(0).map_err(sql_error)? {
            ValueRef::Integer(i) => i.to_string(),
            ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
            _ => features.len().to_string(),
        };
        let attributes = columns
            .iter()
            .enumerate()
            .map(|(i, (_, kind))| Ok(to_value(row.get_ref(i + 1)?, *kind)))
            .collect::<Result<Vec<Value>, rusqlite::Error>>()
            .map_err(sql_error)?;
        let decoded = match row.get_ref(columns.len() + 1).map_err(sql_error)? {
            ValueRef::Null => Ok((RawGeometry::Missing, false)),
            ValueRef::Blob(blob) => parse_blob(blob),
            _ => Err("the geometry column holds no binary geometry".to_string()),
        };
        let geometry = match decoded {
            Ok((geometry, was_curved)) => {
                curved += usize::from(was_curved);
                geometry
            }
            Err(reason) => {
                let skipped = undecodable.get_or_insert((0, fid.clone(), reason));
                skipped.0 += 1;
                continue;
            }
        };
        features.push(RawFeature {
            native_id: Some(fid),
            attributes,
            geometry,
        });
    }
    if let Some((count, first, reason)) = undecodable {
        notes.push(LayerNote::FeaturesSkipped {
            count,
            first,
            reason,
        });
    }
    if curved > 0 {
        notes.push(LayerNote::CurvesLinearised(curved));
    }
    Ok(RawLayer {
        notes,
        name: table.name.clone(),
        format: SourceFormat::GeoPackage,
        crs,
        fields: columns
            .into_iter()
            .map(|(name, kind)| Field { name, kind })
            .collect(),
        features,
        native_id_name: Some(primary_key.unwrap_or_else(|| "fid".into())),
    })
}

fn to_value(value: ValueRef, kind: FieldType) -> Value {
    match (value, kind) {
        (ValueRef::Null, _) => Value::Null,
        (ValueRef::Integer(i), FieldType::Bool) => Value::Bool(i != 0),
        (ValueRef::Integer(i), FieldType::Float) => Value::Float(i as f64),
        (ValueRef::Integer(i), _) => Value::Integer(i),
        (ValueRef::Real(f), _) => Value::Float(f),
        (ValueRef::Text(t), _) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        (ValueRef::Blob(_), _) => Value::Null,
    }
}

/// Parses a GeoPackage geometry blob: the "GP" header (with an optional envelope) and WKB;
/// also whether curves were turned into segments.
fn parse_blob(blob: &[u8]) -> Result<(RawGeometry, bool), String> {
    if blob.len() < 8 || &blob[..2] != b"GP" {
        return Err("the geometry is not a GeoPackage binary (no 'GP' header)".into());
    }
    let flags = blob[3];
    if flags & 0b1_0000 != 0 {
        return Ok((RawGeometry::Missing, false));
    }
    let envelope = match (flags >> 1) & 0b111 {
        0 => 0,
        1 => 32,
        2 | 3 => 48,
        4 => 64,
        other => {
            return Err(format!(
                "invalid envelope indicator {other} in the geometry header"
            ));
        }
    };
    let start = 8 + envelope;
    let wkb = blob
        .get(start..)
        .ok_or("the geometry ends inside its header")?;
    super::wkb::read_counting_curves(wkb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_flag_and_bad_magic() {
        assert!(matches!(
            parse_blob(b"GP\0\x11\0\0\0\0"),
            Ok((RawGeometry::Missing, false))
        ));
        assert!(
            parse_blob(b"XX\0\x01\0\0\0\0\x01")
                .unwrap_err()
                .contains("no 'GP' header")
        );
    }
}
