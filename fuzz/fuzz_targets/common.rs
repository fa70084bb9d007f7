//! Shared by the fuzz targets: the readers take files, so each input is written to a scratch
//! folder first (one per fuzzing process).

use std::path::PathBuf;
use std::sync::OnceLock;

/// The scratch folder of this process.
pub fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("gebieden-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir
    })
}

/// Writes `bytes` to `name` in the scratch folder and returns its path.
pub fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch().join(name);
    std::fs::write(&path, bytes).expect("scratch file");
    path
}

/// Splits an input into parts: each part but the last is preceded by its length (u32, little
/// endian), so a fuzzer can grow or shrink one file without disturbing the other.
pub fn split(mut data: &[u8], parts: usize) -> Vec<&[u8]> {
    let mut out = Vec::with_capacity(parts);
    for _ in 1..parts {
        if data.len() < 4 {
            out.push(&data[..0]);
            continue;
        }
        let len = u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize;
        let len = len.min(data.len() - 4);
        out.push(&data[4..4 + len]);
        data = &data[4 + len..];
    }
    out.push(data);
    out
}

/// The demo's buurten, the base units the table and assignment targets assign to.
#[allow(dead_code)]
pub fn demo_units() -> &'static gebieden::model::Layer {
    static UNITS: OnceLock<gebieden::model::Layer> = OnceLock::new();
    UNITS.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/buurten.geojson");
        gebieden::io::load(&path, &gebieden::io::LoadOptions::default())
            .expect("the demo buurten")
            .remove(0)
    })
}
