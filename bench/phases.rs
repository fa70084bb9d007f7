//! Where the time of `analyse` goes, phase by phase, on two divisions: reading, preparing,
//! each layer's overlaps and gaps, and the crosswalk, each alone (on every core); then the
//! whole analysis, where those phases run side by side, and writing its files; last, the
//! window's case: the same layers analysed again with the cache of the run before.
//!
//!     cargo bench --bench phases -- A.geojson B.geojson

use std::time::Instant;

use gebieden::analysis::{
    AnalysisCache, AnalysisOptions, PreparedLayer, analyse, analyse_with_cache, crosswalk, gaps,
    overlaps,
};
use gebieden::ops::write_analysis;

fn timed<T>(label: &str, work: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = work();
    println!("{label:<28} {:>7.3} s", started.elapsed().as_secs_f64());
    result
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [a, b] = args.as_slice() else {
        eprintln!("usage: phases A B");
        std::process::exit(2);
    };
    let load = |path: &String| {
        timed(&format!("read {path}"), || {
            gebieden::io::load(path.as_ref(), &Default::default())
                .unwrap_or_else(|e| panic!("{e}"))
                .remove(0)
        })
    };
    let (layer_a, layer_b) = (load(a), load(b));
    let prepared_a = timed("prepare A", || PreparedLayer::new(&layer_a, "a", 0.001, None));
    let prepared_b = timed("prepare B", || PreparedLayer::new(&layer_b, "b", 0.001, None));
    for (name, layer) in [("A", &prepared_a), ("B", &prepared_b)] {
        let found = timed(&format!("overlaps {name}"), || overlaps(layer, 5.0));
        println!("{:<28} {:>7}", "  pieces", found.len());
        let found = timed(&format!("gaps {name}"), || gaps(layer, None, 5.0));
        println!("{:<28} {:>7}", "  pieces", found.len());
    }
    let rows = timed("crosswalk A × B", || crosswalk(&prepared_a, &prepared_b, 5.0));
    println!("{:<28} {:>7}", "  rows", rows.len());
    drop((rows, prepared_a, prepared_b));
    let layers = [layer_a, layer_b];
    let analysis = timed("analyse (side by side)", || {
        analyse(&layers, None, &AnalysisOptions::default())
    });
    let out = std::env::temp_dir().join(format!("gebieden-phases-{}", std::process::id()));
    timed("write the four files", || {
        write_analysis(&out, &analysis, layers[0].working_crs).unwrap_or_else(|e| panic!("{e}"))
    });
    let _ = std::fs::remove_dir_all(&out);
    drop(analysis);
    let cache = std::sync::Mutex::new(AnalysisCache::new());
    let options = AnalysisOptions::default();
    let first = analyse_with_cache(&layers, None, &options, Some(&cache));
    let again = timed("analyse again, from the cache", || {
        analyse_with_cache(&layers, None, &options, Some(&cache))
    });
    drop((first, again));
}
