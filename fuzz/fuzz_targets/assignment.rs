//! An assignment CSV (unit → area) against the demo's buurten.
#![no_main]

use gebieden::io::read_assignment;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let path = common::write("input.csv", data);
    let _ = read_assignment(&path, common::demo_units());
});
