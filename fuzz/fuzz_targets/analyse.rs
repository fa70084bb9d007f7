//! GeoJSON bytes loaded and then analysed: with the demo's police beats (crosswalk, slivers)
//! and on their own (gaps, overlaps), so that odd but loadable geometry reaches the overlay.
#![no_main]

use std::sync::OnceLock;

use gebieden::analysis::{AnalysisOptions, analyse};
use gebieden::io::{LoadOptions, load};
use gebieden::model::Layer;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fn partner() -> &'static Layer {
    static PARTNER: OnceLock<Layer> = OnceLock::new();
    PARTNER.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/politie.geojson");
        load(&path, &LoadOptions::default())
            .expect("the demo police beats")
            .remove(0)
    })
}

fuzz_target!(|data: &[u8]| {
    let path = common::write("input.geojson", data);
    let Ok(layers) = load(&path, &LoadOptions::default()) else {
        return;
    };
    let mut all: Vec<&Layer> = layers.iter().collect();
    all.push(partner());
    let _ = analyse(&all, None, &AnalysisOptions::default());
});
