//! Background tiles kept on disk in the local data folder: they survive restarts, serve a desk
//! without network, and spare PDOK the same requests every morning. The cache is bounded: past
//! its size the least recently used tiles go (file modification times, touched on use).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use super::{TileKey, TileSource};

/// 200 MB: a municipality at every level to 14 is ~30 MB; a few years of panning fit.
pub const DEFAULT_CACHE_BYTES: u64 = 200 * 1024 * 1024;

/// The environment variable that moves the tile cache (tests; a shared network folder).
pub const TILE_CACHE_ENV: &str = "GEBIEDEN_TILE_CACHE";

/// Where tiles are cached: `GEBIEDEN_TILE_CACHE`, else `gebieden/tiles` in the local data folder
/// the front end names (on Windows `%LOCALAPPDATA%`).
pub fn tile_cache_dir(local_data: Option<PathBuf>) -> Option<PathBuf> {
    std::env::var_os(TILE_CACHE_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| local_data.map(|d| d.join("gebieden").join("tiles")))
}

/// A folder of tiles, one sub-folder per tile source (template and style).
pub struct TileCache {
    dir: PathBuf,
    max_bytes: u64,
    /// Bytes in the cache, counted on first use (`None` until then).
    used_bytes: Mutex<Option<u64>>,
}

impl TileCache {
    pub fn new(dir: impl Into<PathBuf>, max_bytes: u64) -> TileCache {
        TileCache {
            dir: dir.into(),
            max_bytes,
            used_bytes: Mutex::new(None),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, source: &TileSource, key: TileKey) -> PathBuf {
        self.dir
            .join(format!("{:016x}", fnv1a(source.cache_key().as_bytes())))
            .join(key.level.to_string())
            .join(key.column.to_string())
            .join(format!("{}.tile", key.row))
    }

    /// The tile's bytes if cached; a tile read is marked as used just now.
    pub fn get(&self, source: &TileSource, key: TileKey) -> Option<Vec<u8>> {
        let path = self.path(source, key);
        let bytes = std::fs::read(&path).ok()?;
        if let Ok(file) = std::fs::File::options().append(true).open(&path) {
            // Recency for the eviction; a read-only cache folder still serves.
            let _ = file.set_modified(SystemTime::now());
        }
        Some(bytes)
    }

    /// Keeps a tile (atomically: a tile half written by a killed process is never served), then
    /// evicts the oldest tiles if the cache grew past its size.
    pub fn put(&self, source: &TileSource, key: TileKey, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.path(source, key);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let before = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        crate::io::write_atomic(&path, bytes)?;
        let mut used = self.used_bytes.lock().unwrap_or_else(|e| e.into_inner());
        let total = match *used {
            Some(total) => total + bytes.len() as u64 - before.min(total),
            None => folder_bytes(&self.dir),
        };
        *used = Some(if total > self.max_bytes {
            self.evict(total)
        } else {
            total
        });
        Ok(())
    }

    /// Removes the least recently used tiles until the cache is at 80 % of its size; returns
    /// the bytes left.
    fn evict(&self, total: u64) -> u64 {
        let mut files = Vec::new();
        collect_files(&self.dir, &mut files);
        files.sort_by_key(|(_, modified, _)| *modified);
        let target = self.max_bytes / 10 * 8;
        let mut left = total;
        for (path, _, size) in files {
            if left <= target {
                break;
            }
            if std::fs::remove_file(&path).is_ok() {
                left = left.saturating_sub(size);
            }
        }
        left
    }
}

fn folder_bytes(dir: &Path) -> u64 {
    let mut files = Vec::new();
    collect_files(dir, &mut files);
    files.iter().map(|(_, _, size)| size).sum()
}

fn collect_files(dir: &Path, files: &mut Vec<(PathBuf, SystemTime, u64)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(metadata) = entry.metadata() else {
            continue;
        };
        if metadata.is_dir() {
            collect_files(&entry.path(), files);
        } else if entry.path().extension().is_some_and(|e| e == "tile") {
            let modified = metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            files.push((entry.path(), modified, metadata.len()));
        }
    }
}

/// A stable hash for folder names (std's hasher may change between Rust releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::BasemapStyle;

    fn source(style: BasemapStyle) -> TileSource {
        TileSource {
            template: "http://127.0.0.1:1/{style}/{z}/{x}/{y}.png".into(),
            style,
        }
    }

    #[test]
    fn tiles_survive_a_new_cache_on_the_same_folder() {
        let dir = tempfile::tempdir().unwrap();
        let key = TileKey { level: 3, column: 2, row: 5 };
        TileCache::new(dir.path(), DEFAULT_CACHE_BYTES)
            .put(&source(BasemapStyle::Grijs), key, b"tile")
            .unwrap();
        let cache = TileCache::new(dir.path(), DEFAULT_CACHE_BYTES);
        assert_eq!(cache.get(&source(BasemapStyle::Grijs), key).as_deref(), Some(&b"tile"[..]));
        // Another style is another tile.
        assert_eq!(cache.get(&source(BasemapStyle::Pastel), key), None);
    }

    #[test]
    fn the_least_recently_used_tiles_go_past_the_size() {
        let dir = tempfile::tempdir().unwrap();
        let cache = TileCache::new(dir.path(), 10_000);
        let source = source(BasemapStyle::Grijs);
        let key = |column| TileKey { level: 10, column, row: 1 };
        let old = SystemTime::now() - std::time::Duration::from_secs(3600);
        for column in 0..4 {
            cache.put(&source, key(column), &[0u8; 2_000]).unwrap();
            let path = cache.path(&source, key(column));
            let file = std::fs::File::options().append(true).open(path).unwrap();
            file.set_modified(old + std::time::Duration::from_secs(u64::from(column))).unwrap();
        }
        // Column 0 is used again, so column 1 is now the oldest.
        assert!(cache.get(&source, key(0)).is_some());
        for column in 4..6 {
            cache.put(&source, key(column), &[0u8; 2_000]).unwrap();
        }
        assert!(folder_bytes(dir.path()) <= 10_000);
        assert!(cache.get(&source, key(0)).is_some(), "used recently, kept");
        assert!(cache.get(&source, key(1)).is_none(), "least recently used, gone");
        assert!(cache.get(&source, key(5)).is_some(), "the newest is kept");
    }
}
