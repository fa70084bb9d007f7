//! A spreadsheet (.xlsx, or .ods by the input's first byte) read as an assignment against the
//! demo's buurten: calamine's parsing and our cell and column handling.
#![no_main]

use gebieden::io::{TableOptions, read_assignment_with};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

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
    let _ = read_assignment_with(&path, common::demo_units(), &TableOptions::default());
});
