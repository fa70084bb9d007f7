//! A spreadsheet (.xlsx, or .ods by the input's first byte) read as an assignment against the
//! demo's buurten: calamine's parsing and our cell and column handling.
#![no_main]

use std::sync::OnceLock;

use gebieden::io::{LoadOptions, TableOptions, load, read_assignment_with};
use gebieden::model::Layer;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fn units() -> &'static Layer {
    static UNITS: OnceLock<Layer> = OnceLock::new();
    UNITS.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/buurten.geojson");
        load(&path, &LoadOptions::default())
            .expect("the demo buurten")
            .remove(0)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let name = match kind % 3 {
        0 => "input.xlsx",
        1 => "input.ods",
        _ => "input.xls",
    };
    let path = common::write(name, bytes);
    let _ = read_assignment_with(&path, units(), &TableOptions::default());
});
