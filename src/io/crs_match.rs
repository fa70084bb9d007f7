//! Placing a projection described only by its parameters (an ESRI .prj has no EPSG code) on
//! the EPSG registry: the same method, parameters and ellipsoid as one of the registry's
//! definitions (as GDAL's identification does), so every partner's national grid — Lambert-93,
//! Belgian Lambert 72, Gauss-Krüger, UTM — is a code gebieden reprojects with.

use std::sync::OnceLock;

/// A projection as numbers: method, its parameters (by PROJ name), ellipsoid, unit.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Projection {
    /// PROJ's name of the method: tmerc, lcc, sterea, merc, laea.
    pub method: &'static str,
    /// lat_0, lon_0, k, x_0, y_0, lat_1, lat_2, in that order, defaults filled in.
    pub values: [f64; 7],
    /// Semi-major axis (m) and inverse flattening (0 for a sphere).
    pub a: f64,
    pub rf: f64,
    /// Metres per unit of the coordinates.
    pub to_meter: f64,
    /// The datum's name, lower case, letters and digits only, ESRI's "D_" left off: to choose
    /// between systems of the same numbers on different datums of one ellipsoid.
    pub datum: String,
}

/// A datum name to compare: "D_Deutsches_Hauptdreiecksnetz" = "Deutsches Hauptdreiecksnetz".
pub(crate) fn datum_key(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_prefix("d_").unwrap_or(&lower);
    lower.chars().filter(char::is_ascii_alphanumeric).collect()
}

const LAT_0: usize = 0;
const LON_0: usize = 1;
const K: usize = 2;
const X_0: usize = 3;
const Y_0: usize = 4;
const LAT_1: usize = 5;
const LAT_2: usize = 6;

/// Ellipsoids by PROJ name: semi-major axis and inverse flattening.
const ELLIPSOIDS: &[(&str, f64, f64)] = &[
    ("WGS84", 6_378_137.0, 298.257_223_563),
    ("GRS80", 6_378_137.0, 298.257_222_101),
    ("bessel", 6_377_397.155, 299.152_812_8),
    ("intl", 6_378_388.0, 297.0),
    ("clrk66", 6_378_206.4, 294.978_698_213_898),
    ("clrk80", 6_378_249.145, 293.465),
    ("clrk80ign", 6_378_249.2, 293.466_021_293_627),
    ("krass", 6_378_245.0, 298.3),
    ("airy", 6_377_563.396, 299.324_964_6),
    ("mod_airy", 6_377_340.189, 299.324_964_6),
    ("GRS67", 6_378_160.0, 298.247_167_427),
    ("aust_SA", 6_378_160.0, 298.25),
    ("helmert", 6_378_200.0, 298.3),
    ("WGS72", 6_378_135.0, 298.26),
    ("evrst30", 6_377_276.345, 300.8017),
];

/// The method of a WKT PROJECTION name (normalised to lower case with underscores).
pub(crate) fn method_of(projection: &str) -> Option<&'static str> {
    Some(
        if projection.contains("transverse_mercator") || projection.contains("gauss_kruger") {
            "tmerc"
        } else if projection.contains("lambert_conformal_conic") {
            "lcc"
        } else if projection.contains("stereographic") && !projection.contains("polar") {
            "sterea"
        } else if projection.contains("mercator") {
            "merc"
        } else if projection.contains("lambert_azimuthal_equal_area") {
            "laea"
        } else {
            return None;
        },
    )
}

/// Fills in the defaults of a method: a one-parallel conic has its latitude of origin as
/// standard parallel; the second parallel defaults to the first.
pub(crate) fn complete(method: &'static str, mut values: [Option<f64>; 7]) -> [f64; 7] {
    if method == "lcc" {
        values[LAT_1] = values[LAT_1].or(values[LAT_0]);
        values[LAT_2] = values[LAT_2].or(values[LAT_1]);
    } else {
        values[LAT_1] = None;
        values[LAT_2] = None;
    }
    let defaults = [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
    std::array::from_fn(|i| values[i].unwrap_or(defaults[i]))
}

/// Parses a registry PROJ string into a projection, if it is one of the methods above.
fn from_proj4(proj4: &str) -> Option<Projection> {
    let mut method = None;
    let mut values: [Option<f64>; 7] = [None; 7];
    let (mut a, mut b, mut rf) = (None, None, None);
    let mut ellipsoid = None;
    let mut to_meter = 1.0;
    let mut zone = None;
    let mut south = false;
    for token in proj4.split_whitespace() {
        let token = token.trim_start_matches('+');
        let (key, value) = token.split_once('=').unwrap_or((token, ""));
        let number = value.parse::<f64>().ok();
        match key {
            "proj" => {
                method = match value {
                    "tmerc" | "etmerc" => Some("tmerc"),
                    "utm" => Some("tmerc"),
                    "lcc" => Some("lcc"),
                    "sterea" => Some("sterea"),
                    "merc" => Some("merc"),
                    "laea" => Some("laea"),
                    _ => return None,
                };
                if value == "utm" {
                    zone = Some(0.0);
                }
            }
            "zone" => zone = number,
            "south" => south = true,
            "lat_0" => values[LAT_0] = number,
            "lon_0" => values[LON_0] = number,
            "k" | "k_0" => values[K] = number,
            "x_0" => values[X_0] = number,
            "y_0" => values[Y_0] = number,
            "lat_1" => values[LAT_1] = number,
            "lat_2" => values[LAT_2] = number,
            "ellps" => ellipsoid = Some(value.to_string()),
            // PROJ's datums name their ellipsoid.
            "datum" => {
                ellipsoid = Some(
                    match value {
                        "WGS84" => "WGS84",
                        "NAD83" | "GGRS87" => "GRS80",
                        "potsdam" | "hermannskogel" => "bessel",
                        "NAD27" => "clrk66",
                        "OSGB36" => "airy",
                        "ire65" => "mod_airy",
                        "nzgd49" => "intl",
                        "carthage" => "clrk80ign",
                        _ => return None,
                    }
                    .into(),
                )
            }
            "a" => a = number,
            "b" => b = number,
            "rf" => rf = number,
            "units" => {
                to_meter = match value {
                    "m" => 1.0,
                    "ft" => 0.3048,
                    "us-ft" => 1200.0 / 3937.0,
                    "km" => 1000.0,
                    _ => return None,
                }
            }
            "to_meter" => to_meter = number?,
            _ => {}
        }
    }
    let method = method?;
    if let Some(zone) = zone {
        values[LAT_0] = Some(0.0);
        values[LON_0] = Some(zone * 6.0 - 183.0);
        values[K] = Some(0.9996);
        values[X_0] = Some(500_000.0);
        values[Y_0] = Some(if south { 10_000_000.0 } else { 0.0 });
    }
    let (a, rf) = match (ellipsoid, a, b, rf) {
        (Some(name), _, _, _) => ELLIPSOIDS
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|&(_, a, rf)| (a, rf))?,
        (None, Some(a), Some(b), _) if (a - b).abs() < 1e-9 => (a, 0.0),
        (None, Some(a), Some(b), _) => (a, a / (a - b)),
        (None, Some(a), None, Some(rf)) => (a, rf),
        _ => return None,
    };
    Some(Projection {
        method,
        values: complete(method, values),
        a,
        rf,
        to_meter,
        datum: String::new(),
    })
}

/// The registry's projections of the methods above, parsed once.
fn registry() -> &'static [(u32, Projection)] {
    static REGISTRY: OnceLock<Vec<(u32, Projection)>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        (1024..=u16::MAX)
            .filter_map(|code| {
                let def = crs_definitions::from_code(code)?;
                // Deprecated codes have a successor with the same numbers; compound systems
                // (with a height) repeat their projected part.
                // Axis-order variants ("(E-N)") repeat the usual system too.
                let name = def.wkt.split('"').nth(1).unwrap_or("");
                if def.wkt.contains("deprecated")
                    || !def.wkt.starts_with("PROJCS")
                    || name.contains("(E-N)")
                    || name.contains("(N-E)")
                {
                    return None;
                }
                let mut projection = from_proj4(def.proj4)?;
                let datum = def.wkt.split("DATUM[\"").nth(1)?.split('"').next()?;
                projection.datum = datum_key(datum);
                Some((u32::from(code), projection))
            })
            .collect()
    })
}

/// The registry code with the same projection, if there is one: of several, the one on the
/// same datum, else the lowest code.
pub(crate) fn identify(projection: &Projection) -> Option<u32> {
    let same = |a: f64, b: f64, tolerance: f64| (a - b).abs() <= tolerance;
    let matches: Vec<&(u32, Projection)> = registry()
        .iter()
        .filter(|(_, p)| {
            p.method == projection.method
                && same(p.a, projection.a, 0.01)
                && (same(p.rf, projection.rf, 1e-6)
                    || (p.rf == 0.0) == (projection.rf == 0.0) && p.rf == 0.0)
                && same(p.to_meter, projection.to_meter, 1e-9)
                && p.values
                    .iter()
                    .zip(&projection.values)
                    .enumerate()
                    .all(|(i, (x, y))| {
                        let tolerance = if i == X_0 || i == Y_0 { 1e-3 } else { 1e-7 };
                        same(*x, *y, tolerance)
                    })
        })
        .collect();
    // The registry is in code order: the first match is the lowest code.
    let same_datum = matches
        .iter()
        .find(|(_, p)| !projection.datum.is_empty() && p.datum == projection.datum);
    same_datum.or(matches.first()).map(|(code, _)| *code)
}

/// The geographic system of an ellipsoid, for a GEOGCS without a code: WGS 84 or ETRS89.
pub(crate) fn geographic_of(a: f64, rf: f64) -> Option<u32> {
    let is = |name: &str| {
        ELLIPSOIDS
            .iter()
            .any(|&(n, ea, erf)| n == name && (ea - a).abs() < 0.01 && (erf - rf).abs() < 1e-6)
    };
    if is("WGS84") {
        Some(4326)
    } else if is("GRS80") {
        Some(4258)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_strings_become_projections() {
        let utm = from_proj4("+proj=utm +zone=31 +ellps=GRS80 +units=m +no_defs").unwrap();
        assert_eq!(utm.method, "tmerc");
        assert_eq!(utm.values[LON_0], 3.0);
        let rd = from_proj4(crs_definitions::EPSG_28992.proj4).unwrap();
        assert_eq!(rd.method, "sterea");
        assert_eq!(rd.values[X_0], 155_000.0);
        assert_eq!(identify(&rd), Some(28992));
    }

    #[test]
    fn esri_prj_files_of_neighbouring_countries_are_placed() {
        // As GDAL 3.6 writes them for ArcGIS (MorphToESRI): no EPSG codes in them.
        for (code, wkt) in [
            (
                2154,
                r#"PROJCS["RGF_1993_Lambert_93",GEOGCS["GCS_RGF_1993",DATUM["D_RGF_1993",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",700000.0],PARAMETER["False_Northing",6600000.0],PARAMETER["Central_Meridian",3.0],PARAMETER["Standard_Parallel_1",49.0],PARAMETER["Standard_Parallel_2",44.0],PARAMETER["Latitude_Of_Origin",46.5],UNIT["Meter",1.0]]"#,
            ),
            (
                31370,
                r#"PROJCS["Belge_Lambert_1972",GEOGCS["GCS_Belge_1972",DATUM["D_Belge_1972",SPHEROID["International_1924",6378388.0,297.0]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",150000.013],PARAMETER["False_Northing",5400088.438],PARAMETER["Central_Meridian",4.36748666666667],PARAMETER["Standard_Parallel_1",51.1666672333333],PARAMETER["Standard_Parallel_2",49.8333339],PARAMETER["Latitude_Of_Origin",90.0],UNIT["Meter",1.0]]"#,
            ),
            (
                31467,
                r#"PROJCS["DHDN_3_Degree_Gauss_Zone_3",GEOGCS["GCS_Deutsches_Hauptdreiecksnetz",DATUM["D_Deutsches_Hauptdreiecksnetz",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",3500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#,
            ),
            (
                3035,
                r#"PROJCS["ETRS_1989_LAEA",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Azimuthal_Equal_Area"],PARAMETER["False_Easting",4321000.0],PARAMETER["False_Northing",3210000.0],PARAMETER["Central_Meridian",10.0],PARAMETER["Latitude_Of_Origin",52.0],UNIT["Meter",1.0]]"#,
            ),
            (
                32633,
                r#"PROJCS["WGS_1984_UTM_Zone_33N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",15.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#,
            ),
        ] {
            let crs = crate::io::crs_from_wkt(wkt).unwrap_or_else(|e| panic!("{code}: {e}"));
            assert_eq!(crs.epsg(), code);
        }
    }
}
