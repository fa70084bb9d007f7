//! .prj text (ESRI or OGC WKT) to a CRS.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = gebieden::io::crs_from_wkt(&String::from_utf8_lossy(data));
});
