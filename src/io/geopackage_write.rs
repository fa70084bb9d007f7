//! GeoPackage writer: one polygon table, its SRS, contents and geometry-column metadata, so GDAL
//! and QGIS open it as CBS and PDOK files open.

use std::path::Path;

use geo::{BoundingRect, MultiPolygon};
use rusqlite::{Connection, params};

use super::prj::ogc_wkt;
use super::wkb::write_multipolygon;
use crate::model::{Crs, Field, FieldType, Value, bounding_box};

/// Why a GeoPackage could not be written.
#[derive(Debug, thiserror::Error)]
pub enum GeoPackageWriteError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("SQLite: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("no definition is known for {0}; write in EPSG:28992 or EPSG:4326")]
    UnknownCrs(Crs),
}

fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

/// The GeoPackage binary geometry: "GP", version 0, flags (little-endian, xy envelope), SRS id,
/// envelope (min x, max x, min y, max y), then WKB.
fn geometry_blob(geometry: &MultiPolygon<f64>, srs_id: i32) -> Vec<u8> {
    let mut blob = vec![b'G', b'P', 0, 0b0000_0011];
    blob.extend_from_slice(&srs_id.to_le_bytes());
    let r = geometry
        .bounding_rect()
        .map(|r| [r.min().x, r.max().x, r.min().y, r.max().y])
        .unwrap_or([0.0; 4]);
    for v in r {
        blob.extend_from_slice(&v.to_le_bytes());
    }
    blob.extend_from_slice(&write_multipolygon(geometry));
    blob
}

/// Writes a GeoPackage with one table `table` at `path`, replacing it atomically.
pub fn write_geopackage(
    path: &Path,
    table: &str,
    fields: &[Field],
    records: &[(Vec<Value>, MultiPolygon<f64>)],
    crs: Crs,
) -> Result<(), GeoPackageWriteError> {
    let definition = ogc_wkt(crs).ok_or(GeoPackageWriteError::UnknownCrs(crs))?;
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".{}.tmp", std::process::id()));
    let temporary = std::path::PathBuf::from(temporary);
    let _ = std::fs::remove_file(&temporary);
    let result = (|| -> Result<(), GeoPackageWriteError> {
        let mut db = Connection::open(&temporary)?;
        db.execute_batch("PRAGMA application_id = 1196444487; PRAGMA user_version = 10300;
             CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
               organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
             INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL);
             INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL);
             CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
               description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
               min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER REFERENCES gpkg_spatial_ref_sys(srs_id));
             CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
               srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name));")?;
        let tx = db.transaction()?;
        let wgs84 = ogc_wkt(Crs::WGS84).unwrap_or_default();
        tx.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, ?1, NULL)",
            params![wgs84],
        )?;
        let srs_id = crs.epsg() as i32;
        if srs_id != 4326 {
            tx.execute(
                "INSERT INTO gpkg_spatial_ref_sys VALUES (?1, ?2, 'EPSG', ?2, ?3, NULL)",
                params![crs.name(), srs_id, definition],
            )?;
        }
        let columns: Vec<String> = fields
            .iter()
            .map(|f| {
                let kind = match f.kind {
                    FieldType::Integer => "INTEGER",
                    FieldType::Float => "REAL",
                    FieldType::Bool => "BOOLEAN",
                    FieldType::Text => "TEXT",
                };
                format!("{} {kind}", quote(&f.name))
            })
            .collect();
        let mut create = format!(
            "CREATE TABLE {} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTIPOLYGON",
            quote(table)
        );
        for column in &columns {
            create.push_str(", ");
            create.push_str(column);
        }
        create.push(')');
        tx.execute_batch(&create)?;
        let bbox = bounding_box(records.iter().map(|(_, g)| g)).unwrap_or([0.0; 4]);
        tx.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, max_y, srs_id) VALUES (?1, 'features', ?1, ?2, ?3, ?4, ?5, ?6)",
            params![table, bbox[0], bbox[1], bbox[2], bbox[3], srs_id],
        )?;
        tx.execute(
            "INSERT INTO gpkg_geometry_columns VALUES (?1, 'geom', 'MULTIPOLYGON', ?2, 0, 0)",
            params![table, srs_id],
        )?;
        let placeholders: Vec<String> = (0..fields.len() + 1)
            .map(|i| format!("?{}", i + 1))
            .collect();
        let names: Vec<String> = std::iter::once("geom".to_string())
            .chain(fields.iter().map(|f| quote(&f.name)))
            .collect();
        let insert = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            quote(table),
            names.join(", "),
            placeholders.join(", ")
        );
        {
            let mut statement = tx.prepare(&insert)?;
            for (values, geometry) in records {
                let mut row: Vec<rusqlite::types::Value> = vec![rusqlite::types::Value::Blob(
                    geometry_blob(geometry, srs_id),
                )];
                row.extend(values.iter().map(|v| match v {
                    Value::Null => rusqlite::types::Value::Null,
                    Value::Bool(b) => rusqlite::types::Value::Integer(i64::from(*b)),
                    Value::Integer(i) => rusqlite::types::Value::Integer(*i),
                    Value::Float(f) => rusqlite::types::Value::Real(*f),
                    Value::Text(t) => rusqlite::types::Value::Text(t.clone()),
                }));
                statement.execute(rusqlite::params_from_iter(row))?;
            }
        }
        tx.commit()?;
        db.close().map_err(|(_, e)| e)?;
        std::fs::File::open(&temporary)?.sync_all()?;
        std::fs::rename(&temporary, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}
