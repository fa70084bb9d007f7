//! A shapefile's .shp, .dbf and .prj bytes (split as in `common::split`) through the whole
//! load pipeline. No .shx: the reader walks the .shp itself.
#![no_main]

use gebieden::io::{LoadOptions, load};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let parts = common::split(data, 3);
    let path = common::write("input.shp", parts[0]);
    common::write("input.dbf", parts[1]);
    let prj = common::scratch().join("input.prj");
    if parts[2].is_empty() {
        let _ = std::fs::remove_file(&prj);
    } else {
        common::write("input.prj", parts[2]);
    }
    let _ = load(&path, &LoadOptions::default());
});
