//! The bundled demo data is the generator's output, and disagrees the way the docs say.

mod util;

use gebieden::io::{LoadOptions, load};

#[test]
fn committed_demo_files_match_the_generator() {
    let dir = tempfile::tempdir().unwrap();
    let written = gebieden::demo::write_demo(dir.path()).unwrap();
    assert_eq!(written.len(), 5);
    for path in written {
        let name = path.file_name().unwrap();
        let fresh = std::fs::read_to_string(&path).unwrap();
        let committed = std::fs::read_to_string(util::demo(name.to_str().unwrap())).unwrap();
        assert!(
            fresh == committed,
            "data/{} is stale: run `gebieden demo data`",
            name.to_string_lossy()
        );
    }
}

#[test]
fn demo_layers_load_cleanly_with_codes_as_ids() {
    for file in gebieden::demo::DIVISION_FILES {
        let layers = load(&util::demo(file), &LoadOptions::default()).unwrap();
        assert_eq!(layers[0].invalid_features().count(), 0, "{file}");
        assert!(layers[0].id_field.is_some(), "{file}");
    }
    let buurten = &load(&util::demo("buurten.geojson"), &LoadOptions::default()).unwrap()[0];
    assert_eq!(buurten.features.len(), 24);
    let zorg = &load(&util::demo("zorgteams.geojson"), &LoadOptions::default()).unwrap()[0];
    assert_eq!(zorg.source_crs, gebieden::model::Crs::WGS84);
}
