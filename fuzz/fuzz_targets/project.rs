//! A project file (.gebieden JSON).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let path = common::write("input.gebieden", data);
    let _ = gebieden::io::read_project(&path);
});
