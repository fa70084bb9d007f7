//! A GeoPackage (an SQLite file) through the whole load pipeline.
#![no_main]

use gebieden::io::{LoadOptions, load};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let path = common::write("input.gpkg", data);
    let _ = load(&path, &LoadOptions::default());
});
