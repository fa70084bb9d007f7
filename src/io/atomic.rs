//! Atomic file writes: a crash or a killed process leaves either the old file or the new one,
//! never half of one.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The temporary name beside `path` (same folder, so the rename stays on one file system).
fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".{}.tmp", std::process::id()));
    path.with_file_name(name)
}

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk, then renames it over
/// `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Like [`write_atomic`], for output produced piece by piece: `write` fills a buffered writer
/// on the temporary file.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let temporary = temporary_path(path);
    let result = (|| {
        let file = std::fs::File::create(&temporary)?;
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut buffered)?;
        let file = buffered.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Writes files that belong together (a shapefile's parts): every temporary file is written
/// and flushed to disk first, and only then are they renamed, one right after the other. A
/// process killed while writing leaves the old set; only a kill in the microseconds of the
/// renames can mix old and new parts.
pub fn write_atomic_set(files: &[(PathBuf, &[u8])]) -> std::io::Result<()> {
    let mut written: Vec<(PathBuf, &Path)> = Vec::with_capacity(files.len());
    let result = (|| {
        for (path, bytes) in files {
            let temporary = temporary_path(path);
            written.push((temporary.clone(), path));
            let mut file = std::fs::File::create(&temporary)?;
            file.write_all(bytes)?;
            file.sync_all()?;
        }
        for (temporary, path) in &written {
            std::fs::rename(temporary, path)?;
        }
        Ok(())
    })();
    if result.is_err() {
        for (temporary, _) in &written {
            let _ = std::fs::remove_file(temporary);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_set_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.shp"), dir.path().join("a.dbf"));
        write_atomic_set(&[(a.clone(), b"shp 1"), (b.clone(), b"dbf 1")]).unwrap();
        // The second part cannot be written (its folder is missing): nothing changes.
        let missing = dir.path().join("nowhere").join("a.dbf");
        assert!(write_atomic_set(&[(a.clone(), b"shp 2"), (missing, b"dbf 2")]).is_err());
        assert_eq!(std::fs::read(&a).unwrap(), b"shp 1");
        assert_eq!(std::fs::read(&b).unwrap(), b"dbf 1");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "no temporaries left"
        );
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("a.txt");
        assert!(write_atomic(&path, b"x").is_err());
    }
}
