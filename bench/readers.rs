//! Readers against the crates the design card names (issue 12): `geojson`'s streaming
//! FeatureReader and `shapefile` (with dbase), on the same files, one reader per process so
//! `bash bench/readers.sh` can measure peak memory too.
//!
//!     cargo bench --bench readers -- ours|geojson-crate|shapefile-crate FILE

use std::io::BufReader;
use std::time::Instant;

fn positions(value: &geojson::GeometryValue) -> usize {
    use geojson::GeometryValue as G;
    match value {
        G::Point { .. } => 1,
        G::MultiPoint { coordinates } | G::LineString { coordinates } => coordinates.len(),
        G::MultiLineString { coordinates } | G::Polygon { coordinates } => {
            coordinates.iter().map(Vec::len).sum()
        }
        G::MultiPolygon { coordinates } => coordinates.iter().flatten().map(Vec::len).sum(),
        G::GeometryCollection { geometries } => {
            geometries.iter().map(|g| positions(&g.value)).sum()
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [mode, file] = args.as_slice() else {
        eprintln!("usage: readers ours|geojson-crate|shapefile-crate FILE");
        std::process::exit(2);
    };
    let started = Instant::now();
    let (features, vertices) = match mode.as_str() {
        // Ours: parsing, checks, reprojection to RD, snapping, ids — the whole load.
        "ours" => {
            let layers = gebieden::io::load(file.as_ref(), &Default::default())
                .unwrap_or_else(|e| panic!("{e}"));
            let features: usize = layers.iter().map(|l| l.features.len()).sum();
            let vertices: usize = layers
                .iter()
                .flat_map(|l| &l.features)
                .map(|f| geo::CoordsIter::coords_count(&f.geometry))
                .sum();
            (features, vertices)
        }
        // The geojson crate: streaming features, geometry converted to geo types; no checks,
        // no reprojection, no ids.
        "geojson-crate" => {
            let reader = BufReader::new(std::fs::File::open(file).expect("file"));
            let mut features = 0;
            let mut vertices = 0;
            for feature in geojson::FeatureReader::from_reader(reader).features() {
                let feature = feature.expect("feature");
                if let Some(geometry) = feature.geometry {
                    vertices += positions(&geometry.value);
                }
                features += 1;
            }
            (features, vertices)
        }
        // The shapefile crate with its dbase: shapes as polygons and records; no checks.
        "shapefile-crate" => {
            let mut reader = shapefile::Reader::from_path(file).expect("shapefile");
            let mut features = 0;
            let mut vertices = 0;
            for item in reader.iter_shapes_and_records_as::<shapefile::Polygon, dbase::Record>() {
                let (polygon, _record) = item.expect("record");
                vertices += polygon
                    .rings()
                    .iter()
                    .map(|r| r.points().len())
                    .sum::<usize>();
                features += 1;
            }
            (features, vertices)
        }
        other => {
            eprintln!("unknown reader '{other}'");
            std::process::exit(2);
        }
    };
    println!(
        "{mode} {file}: {features} features, {vertices} vertices, {:.3} s",
        started.elapsed().as_secs_f64()
    );
}
