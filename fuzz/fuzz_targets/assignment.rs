//! An assignment CSV (unit → area) against the demo's buurten.
#![no_main]

use std::sync::OnceLock;

use gebieden::io::{LoadOptions, load, read_assignment};
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
    let path = common::write("input.csv", data);
    let _ = read_assignment(&path, units());
});
