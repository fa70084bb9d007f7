//! Placing a WKT CRS description (a shapefile's .prj, a GeoPackage SRS definition) on one of
//! the CRSs gebieden knows: by its EPSG authority code, else by its name, else by its
//! projection parameters (ESRI writes RD New without a code, as "RD_New" or
//! "Double_Stereographic" with the RD false origin).

use crate::model::Crs;

#[derive(Debug, PartialEq)]
enum Wkt {
    Node { keyword: String, children: Vec<Wkt> },
    Text(String),
    Number(f64),
}

impl Wkt {
    fn keyword(&self) -> &str {
        match self {
            Wkt::Node { keyword, .. } => keyword,
            _ => "",
        }
    }

    fn children(&self) -> &[Wkt] {
        match self {
            Wkt::Node { children, .. } => children,
            _ => &[],
        }
    }

    /// The first text argument: the name of a PROJCS, GEOGCS, PARAMETER, ….
    fn name(&self) -> Option<&str> {
        self.children().iter().find_map(|c| match c {
            Wkt::Text(t) => Some(t.as_str()),
            _ => None,
        })
    }

    fn child(&self, keywords: &[&str]) -> Option<&Wkt> {
        self.children()
            .iter()
            .find(|c| keywords.iter().any(|k| c.keyword().eq_ignore_ascii_case(k)))
    }

    fn epsg_code(&self) -> Option<u32> {
        let id = self.child(&["AUTHORITY", "ID"])?;
        let mut args = id.children().iter();
        let authority = match args.next()? {
            Wkt::Text(t) => t,
            _ => return None,
        };
        if !authority.eq_ignore_ascii_case("EPSG") {
            return None;
        }
        match args.next()? {
            Wkt::Text(t) => t.trim().parse().ok(),
            Wkt::Number(n) => Some(*n as u32),
            _ => None,
        }
    }

    fn parameter(&self, names: &[&str]) -> Option<f64> {
        self.children().iter().find_map(|c| {
            if !c.keyword().eq_ignore_ascii_case("PARAMETER") {
                return None;
            }
            let name = normalise(c.name()?);
            if !names.contains(&name.as_str()) {
                return None;
            }
            c.children().iter().find_map(|a| match a {
                Wkt::Number(n) => Some(*n),
                _ => None,
            })
        })
    }
}

struct Parser<'a> {
    text: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn skip_space(&mut self) {
        while self.pos < self.text.len() && self.text[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Option<Wkt> {
        self.skip_space();
        let start = self.pos;
        match *self.text.get(self.pos)? {
            b'"' => {
                self.pos += 1;
                let mut out = Vec::new();
                loop {
                    let b = *self.text.get(self.pos)?;
                    self.pos += 1;
                    if b == b'"' {
                        // WKT escapes a quote by doubling it.
                        if self.text.get(self.pos) == Some(&b'"') {
                            out.push(b'"');
                            self.pos += 1;
                            continue;
                        }
                        break;
                    }
                    out.push(b);
                }
                Some(Wkt::Text(String::from_utf8_lossy(&out).into_owned()))
            }
            b if b == b'-' || b == b'+' || b == b'.' || b.is_ascii_digit() => {
                while self.pos < self.text.len()
                    && matches!(
                        self.text[self.pos],
                        b'0'..=b'9' | b'.' | b'-' | b'+' | b'e' | b'E'
                    )
                {
                    self.pos += 1;
                }
                std::str::from_utf8(&self.text[start..self.pos])
                    .ok()?
                    .parse()
                    .ok()
                    .map(Wkt::Number)
            }
            b if b.is_ascii_alphabetic() => {
                while self.pos < self.text.len()
                    && (self.text[self.pos].is_ascii_alphanumeric() || self.text[self.pos] == b'_')
                {
                    self.pos += 1;
                }
                let keyword = String::from_utf8_lossy(&self.text[start..self.pos]).into_owned();
                self.skip_space();
                let mut children = Vec::new();
                if matches!(self.text.get(self.pos), Some(b'[' | b'(')) {
                    self.depth += 1;
                    if self.depth > 64 {
                        return None;
                    }
                    self.pos += 1;
                    loop {
                        self.skip_space();
                        match self.text.get(self.pos)? {
                            b']' | b')' => {
                                self.pos += 1;
                                break;
                            }
                            b',' => self.pos += 1,
                            _ => children.push(self.value()?),
                        }
                    }
                    self.depth -= 1;
                }
                Some(Wkt::Node { keyword, children })
            }
            _ => None,
        }
    }
}

fn parse(text: &str) -> Option<Wkt> {
    let mut parser = Parser {
        text: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let node = parser.value()?;
    matches!(node, Wkt::Node { .. }).then_some(node)
}

fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

fn by_name(name: &str) -> Option<u32> {
    let n = normalise(name);
    let utm = |zone: &str| n.contains("utm") && n.contains(&format!("zone_{zone}n"));
    Some(match n.as_str() {
        _ if n.contains("rd_new") || n == "rijksdriehoekstelsel_new" => 28992,
        _ if n.contains("pseudo_mercator")
            || n.contains("web_mercator")
            || n.contains("popular_visualisation") =>
        {
            3857
        }
        _ if n.contains("laea_europe") || n.contains("etrs_1989_laea") => 3035,
        _ if (n.contains("etrs") && utm("31")) => 25831,
        _ if (n.contains("etrs") && utm("32")) => 25832,
        _ if (n.contains("wgs") && utm("31")) => 32631,
        _ if (n.contains("wgs") && utm("32")) => 32632,
        "wgs_84" | "wgs84" | "gcs_wgs_1984" | "wgs_1984" => 4326,
        "etrs89" | "gcs_etrs_1989" | "etrs_1989" => 4258,
        "amersfoort" | "gcs_amersfoort" => 4289,
        _ => return None,
    })
}

/// The numbers of a Wkt node (e.g. a SPHEROID's semi-major axis and inverse flattening).
fn numbers(node: &Wkt) -> Vec<f64> {
    node.children()
        .iter()
        .filter_map(|c| match c {
            Wkt::Number(n) => Some(*n),
            _ => None,
        })
        .collect()
}

/// Places a WKT by its projection parameters and ellipsoid on the EPSG registry (see
/// `crs_match`), or a geographic one on WGS 84 / ETRS89 by its ellipsoid.
fn by_registry(root: &Wkt) -> Option<u32> {
    match described(root)? {
        Described::Geographic { a, rf, .. } => super::crs_match::geographic_of(a, rf),
        Described::WebMercator => Some(3857),
        Described::Projected(projection) => super::crs_match::identify(&projection),
    }
}

/// What a WKT describes, in numbers.
enum Described {
    Geographic {
        a: f64,
        rf: f64,
    },
    /// ESRI's Mercator "Auxiliary Sphere", the web maps' projection.
    WebMercator,
    Projected(super::crs_match::Projection),
}

/// The datum's shift to WGS 84 the WKT gives (`TOWGS84[…]`), if any.
fn towgs84(root: &Wkt) -> Option<Vec<f64>> {
    let geographic = if root.keyword().to_ascii_uppercase().starts_with("GEOG") {
        root
    } else {
        root.child(&["GEOGCS", "BASEGEOGCRS", "BASEGEODCRS"])?
    };
    let shift = numbers(geographic.child(&["DATUM"])?.child(&["TOWGS84"])?);
    matches!(shift.len(), 3 | 7).then_some(shift)
}

/// A CRS no registry entry matches, made from the WKT's own parameters, as PROJ would: any of
/// the methods `crs_match` knows, any ellipsoid, any unit. Its datum must be tied to WGS 84: by
/// a TOWGS84 shift, or by being WGS 84 or ETRS89 (GRS80/WGS 84 ellipsoid, no shift). Without
/// that the map would be off by up to a hundred metres, so the CRS stays unplaced.
fn custom(root: &Wkt) -> Result<Crs, String> {
    let name = root.name().unwrap_or(root.keyword());
    let described = described(root).ok_or_else(|| {
        "its ellipsoid is not given, or its projection is not one gebieden can compute (transverse Mercator, Lambert conformal conic, stereographic, Mercator, Lambert azimuthal equal-area)".to_string()
    })?;
    let (a, rf) = match &described {
        Described::Geographic { a, rf } => (*a, *rf),
        Described::Projected(p) => (p.a, p.rf),
        Described::WebMercator => {
            return Crs::from_epsg(3857).ok_or_else(|| "Web Mercator is not available".into());
        }
    };
    let shift = match towgs84(root) {
        Some(shift) => shift,
        None if (a - 6_378_137.0).abs() < 0.01 => vec![0.0, 0.0, 0.0],
        None => {
            return Err(
                "its datum has no shift to WGS 84 (TOWGS84), so where it lies is not known well enough".into(),
            );
        }
    };
    let shift: Vec<String> = shift.iter().map(|v| v.to_string()).collect();
    let ellipsoid = if rf == 0.0 {
        format!("+a={a} +b={a}")
    } else {
        format!("+a={a} +rf={rf}")
    };
    let datum = format!("{ellipsoid} +towgs84={} +no_defs", shift.join(","));
    let (proj, geographic) = match described {
        Described::Geographic { .. } => (format!("+proj=longlat {datum}"), true),
        Described::Projected(p) => {
            let [lat_0, lon_0, k, x_0, y_0, lat_1, lat_2] = p.values;
            let parallels = if p.method == "lcc" {
                format!(" +lat_1={lat_1} +lat_2={lat_2}")
            } else {
                String::new()
            };
            (
                format!(
                    "+proj={} +lat_0={lat_0} +lon_0={lon_0} +k={k} +x_0={x_0} +y_0={y_0}{parallels} +to_meter={} {datum}",
                    p.method, p.to_meter
                ),
                false,
            )
        }
        Described::WebMercator => {
            return Crs::from_epsg(3857).ok_or_else(|| "Web Mercator is not available".into());
        }
    };
    Crs::custom(name, &proj, geographic)
        .ok_or_else(|| format!("its parameters make no usable projection ({proj})"))
}

fn described(root: &Wkt) -> Option<Described> {
    let spheroid = |crs: &Wkt| {
        let geographic = if crs.keyword().eq_ignore_ascii_case("GEOGCS")
            || crs.keyword().eq_ignore_ascii_case("GEOGCRS")
        {
            crs
        } else {
            crs.child(&["GEOGCS", "BASEGEOGCRS", "BASEGEODCRS"])?
        };
        let datum = geographic.child(&["DATUM"])?;
        let values = numbers(datum.child(&["SPHEROID", "ELLIPSOID"])?);
        Some((*values.first()?, *values.get(1)?))
    };
    let keyword = root.keyword().to_ascii_uppercase();
    if keyword.starts_with("GEOG") {
        let (a, rf) = spheroid(root)?;
        return Some(Described::Geographic { a, rf });
    }
    let conversion = root.child(&["CONVERSION"]).unwrap_or(root);
    let projection = normalise(conversion.child(&["PROJECTION", "METHOD"])?.name()?);
    if projection.contains("auxiliary_sphere") {
        return Some(Described::WebMercator);
    }
    let method = super::crs_match::method_of(&projection)?;
    let value = |names: &[&str]| conversion.parameter(names);
    let values = [
        value(&[
            "latitude_of_origin",
            "latitude_of_center",
            "latitude_of_natural_origin",
            "latitude_of_false_origin",
        ]),
        value(&[
            "central_meridian",
            "longitude_of_origin",
            "longitude_of_center",
            "longitude_of_natural_origin",
            "longitude_of_false_origin",
        ]),
        value(&["scale_factor", "scale_factor_at_natural_origin"]),
        value(&["false_easting", "easting_at_false_origin"]),
        value(&["false_northing", "northing_at_false_origin"]),
        value(&["standard_parallel_1", "latitude_of_1st_standard_parallel"]),
        value(&["standard_parallel_2", "latitude_of_2nd_standard_parallel"]),
    ];
    let (a, rf) = spheroid(root)?;
    let datum = root
        .child(&["GEOGCS", "BASEGEOGCRS", "BASEGEODCRS"])
        .and_then(|g| g.child(&["DATUM"]))
        .and_then(|d| d.name())
        .map(super::crs_match::datum_key)
        .unwrap_or_default();
    let to_meter = metres_per_unit(root);
    Some(Described::Projected(super::crs_match::Projection {
        method,
        values: super::crs_match::complete(method, values),
        a,
        rf,
        to_meter,
        datum,
    }))
}

/// The projected CRS's linear unit in metres (its last UNIT; metres when none is given).
fn metres_per_unit(projcs: &Wkt) -> f64 {
    projcs
        .children()
        .iter()
        .rev()
        .find(|c| {
            c.keyword().eq_ignore_ascii_case("UNIT")
                || c.keyword().eq_ignore_ascii_case("LENGTHUNIT")
        })
        .and_then(|unit| numbers(unit).first().copied())
        .unwrap_or(1.0)
}

/// The quick recognition of RD New and UTM by their false origin. Only for grids in metres
/// whose other parameters, where given, are the registry's: a municipality's own grid with
/// RD's false origin but another centre or unit is not RD New (it is made from its own
/// parameters instead, see `custom`).
fn by_parameters(projcs: &Wkt) -> Option<u32> {
    let projection = normalise(projcs.child(&["PROJECTION", "METHOD"])?.name()?);
    if (metres_per_unit(projcs) - 1.0).abs() > 1e-9 {
        return None;
    }
    let given_or = |names: &[&str], expected: f64| {
        projcs
            .parameter(names)
            .is_none_or(|value| (value - expected).abs() < 1e-6)
    };
    let false_easting = projcs.parameter(&["false_easting"]).unwrap_or(0.0);
    let false_northing = projcs.parameter(&["false_northing"]).unwrap_or(0.0);
    let central_meridian = projcs
        .parameter(&[
            "central_meridian",
            "longitude_of_natural_origin",
            "longitude_of_center",
        ])
        .unwrap_or(f64::NAN);
    let close = |a: f64, b: f64| (a - b).abs() < 1e-3;
    if projection.contains("stereographic")
        && close(false_easting, 155_000.0)
        && close(false_northing, 463_000.0)
        && given_or(&["central_meridian", "longitude_of_natural_origin"], 5.387_638_888_888_89)
        && given_or(&["latitude_of_origin", "latitude_of_natural_origin"], 52.156_160_555_555_6)
        && given_or(&["scale_factor", "scale_factor_at_natural_origin"], 0.999_907_9)
    {
        return Some(28992);
    }
    if projection.contains("transverse_mercator")
        && close(false_easting, 500_000.0)
        && close(false_northing, 0.0)
    {
        let datum = projcs
            .child(&["GEOGCS", "BASEGEOGCRS", "BASEGEODCRS"])
            .and_then(|g| g.child(&["DATUM"]))
            .and_then(|d| d.name())
            .map(normalise)
            .unwrap_or_default();
        let etrs = datum.contains("etrs") || datum.contains("european_terrestrial");
        return match (central_meridian, etrs) {
            (m, false) if close(m, 3.0) => Some(32631),
            (m, false) if close(m, 9.0) => Some(32632),
            (m, true) if close(m, 3.0) => Some(25831),
            (m, true) if close(m, 9.0) => Some(25832),
            _ => None,
        };
    }
    None
}

/// Why a WKT CRS description could not be placed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WktError {
    /// The text is no WKT (its start is kept for the message).
    #[error("the CRS description is not WKT ('{0}')")]
    NotWkt(String),
    /// WKT, but of a CRS gebieden cannot place (its name is kept, and why).
    #[error("cannot place the CRS '{0}' described in WKT: {1}")]
    Unplaced(String, String),
}

/// Places a WKT CRS description (WKT1 as in .prj files, or WKT2) on a known CRS; the error says
/// what the text describes, for a message that asks the user to name the CRS.
pub fn crs_from_wkt(text: &str) -> Result<Crs, WktError> {
    // Notepad and some exporters start the .prj with a UTF-8 byte-order mark.
    let text = text.trim_start_matches('\u{feff}');
    let root = parse(text.trim())
        .ok_or_else(|| WktError::NotWkt(text.trim().chars().take(60).collect()))?;
    let known = root
        .epsg_code()
        .and_then(Crs::from_epsg)
        .or_else(|| root.name().and_then(by_name).and_then(Crs::from_epsg))
        .or_else(|| by_parameters(&root).and_then(Crs::from_epsg))
        .or_else(|| by_registry(&root).and_then(Crs::from_epsg));
    match known {
        Some(crs) => Ok(crs),
        None => custom(&root).map_err(|reason| {
            WktError::Unplaced(root.name().unwrap_or(root.keyword()).to_string(), reason)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ESRI_RD: &str = r#"PROJCS["RD_New",GEOGCS["GCS_Amersfoort",DATUM["D_Amersfoort",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Double_Stereographic"],PARAMETER["False_Easting",155000.0],PARAMETER["False_Northing",463000.0],PARAMETER["Central_Meridian",5.38763888888889],PARAMETER["Scale_Factor",0.9999079],PARAMETER["Latitude_Of_Origin",52.1561605555556],UNIT["Meter",1.0]]"#;

    #[test]
    fn places_esri_rd_new_and_wgs84() {
        assert_eq!(crs_from_wkt(ESRI_RD), Ok(Crs::RD_NEW));
        let wgs = r#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#;
        assert_eq!(crs_from_wkt(wgs), Ok(Crs::WGS84));
    }

    #[test]
    fn places_rd_by_parameters_when_renamed() {
        let renamed = ESRI_RD.replace("RD_New", "Rijksdriehoek");
        assert_eq!(crs_from_wkt(&renamed), Ok(Crs::RD_NEW));
    }

    #[test]
    fn prefers_the_epsg_authority() {
        let wkt = r#"PROJCS["Amersfoort / RD New",GEOGCS["Amersfoort",AUTHORITY["EPSG","4289"]],AUTHORITY["EPSG","28992"]]"#;
        assert_eq!(crs_from_wkt(wkt), Ok(Crs::RD_NEW));
        let wkt2 = r#"PROJCRS["ETRS89 / UTM zone 31N",ID["EPSG",25831]]"#;
        assert_eq!(
            crs_from_wkt(wkt2),
            Crs::from_epsg(25831).ok_or(WktError::Unplaced(String::new(), String::new()))
        );
    }

    #[test]
    fn a_byte_order_mark_before_the_wkt_is_passed_over() {
        assert_eq!(crs_from_wkt(&format!("\u{feff}{ESRI_RD}")), Ok(Crs::RD_NEW));
    }

    #[test]
    fn a_local_grid_no_registry_knows_is_made_from_its_parameters() {
        // A municipality's own grid: RD's projection moved 1 km east, with RD's datum shift
        // written out. No EPSG entry has these numbers; PROJ-style parameters express it.
        let local = ESRI_RD
            .replace("RD_New", "Gemeente_Raster")
            .replace("155000.0", "156000.0")
            .replace(
                "DATUM[\"D_Amersfoort\",SPHEROID[\"Bessel_1841\",6377397.155,299.1528128]]",
                "DATUM[\"D_Amersfoort\",SPHEROID[\"Bessel_1841\",6377397.155,299.1528128],TOWGS84[565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725]]",
            );
        let crs = crs_from_wkt(&local).unwrap();
        assert!(crs.is_custom());
        assert_eq!(crs.name(), "Gemeente_Raster");
        assert_eq!(crs_from_wkt(&local), Ok(crs), "the same description, the same CRS");
        let to_rd = crate::io::Reprojector::new(crs, Crs::RD_NEW).unwrap().unwrap();
        let rd = to_rd
            .project(geo::Coord {
                x: 226_000.0,
                y: 434_000.0,
            })
            .unwrap();
        assert!(
            (rd.x - 225_000.0).abs() < 0.01 && (rd.y - 434_000.0).abs() < 0.01,
            "{rd:?}"
        );

        // Without a tie to WGS 84 a Bessel datum stays unplaced, and says why.
        let untied = local.replace(
            ",TOWGS84[565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725]",
            "",
        ).replace("D_Amersfoort", "D_Eigen");
        let Err(WktError::Unplaced(_, reason)) = crs_from_wkt(&untied) else {
            panic!("{:?}", crs_from_wkt(&untied))
        };
        assert!(reason.contains("TOWGS84"), "{reason}");
    }

    #[test]
    fn rd_parameters_in_another_unit_or_centre_are_not_rd_new() {
        let tie = "SPHEROID[\"Bessel_1841\",6377397.155,299.1528128],TOWGS84[565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725]";
        let with_tie = ESRI_RD
            .replace("RD_New", "Raster")
            .replace("SPHEROID[\"Bessel_1841\",6377397.155,299.1528128]", tie);
        let in_km = with_tie.replace("UNIT[\"Meter\",1.0]", "UNIT[\"Kilometer\",1000.0]");
        let crs = crs_from_wkt(&in_km).unwrap();
        assert!(crs.is_custom(), "{crs}");
        let to_rd = crate::io::Reprojector::new(crs, Crs::RD_NEW).unwrap().unwrap();
        let rd = to_rd.project(geo::Coord { x: 155.0, y: 463.0 }).unwrap();
        assert!((rd.x - 155_000.0).abs() < 0.01 && (rd.y - 463_000.0).abs() < 0.01, "{rd:?}");

        let moved = with_tie.replace("5.38763888888889", "5.5");
        assert!(crs_from_wkt(&moved).unwrap().is_custom());
        // RD New itself, with the shift written out, is still RD New.
        assert_eq!(crs_from_wkt(&with_tie), Ok(Crs::RD_NEW));
    }

    #[test]
    fn places_utm_by_zone_and_datum() {
        let wkt = r#"PROJCS["WGS_1984_UTM_Zone_31N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]]]"#;
        assert_eq!(crs_from_wkt(wkt).map(|c| c.epsg()), Ok(32631));
    }

    #[test]
    fn unknown_and_broken_descriptions_say_what_they_are() {
        let lambert = r#"PROJCS["RGF93_Lambert_93",GEOGCS["GCS_RGF_1993"],PROJECTION["Lambert_Conformal_Conic"]]"#;
        let Err(WktError::Unplaced(name, reason)) = crs_from_wkt(lambert) else {
            panic!()
        };
        assert_eq!(name, "RGF93_Lambert_93");
        assert!(reason.contains("ellipsoid is not given"), "{reason}");
        assert!(
            crs_from_wkt("hello [")
                .unwrap_err()
                .to_string()
                .contains("not WKT")
        );
        assert!(crs_from_wkt("").is_err());
    }
}

/// The ESRI WKT a .prj holds for a CRS (as ArcGIS and GDAL write it), where known.
pub fn esri_wkt(crs: Crs) -> Option<&'static str> {
    match crs.epsg() {
        28992 => Some(
            r#"PROJCS["RD_New",GEOGCS["GCS_Amersfoort",DATUM["D_Amersfoort",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Double_Stereographic"],PARAMETER["False_Easting",155000.0],PARAMETER["False_Northing",463000.0],PARAMETER["Central_Meridian",5.38763888888889],PARAMETER["Scale_Factor",0.9999079],PARAMETER["Latitude_Of_Origin",52.1561605555556],UNIT["Meter",1.0]]"#,
        ),
        4326 => Some(
            r#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#,
        ),
        _ => None,
    }
}

/// The OGC WKT (with EPSG authority codes) for GeoPackage SRS definitions, where known.
pub fn ogc_wkt(crs: Crs) -> Option<&'static str> {
    match crs.epsg() {
        28992 => Some(
            r#"PROJCS["Amersfoort / RD New",GEOGCS["Amersfoort",DATUM["Amersfoort",SPHEROID["Bessel 1841",6377397.155,299.1528128,AUTHORITY["EPSG","7004"]],TOWGS84[565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725],AUTHORITY["EPSG","6289"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4289"]],PROJECTION["Oblique_Stereographic"],PARAMETER["latitude_of_origin",52.1561605555556],PARAMETER["central_meridian",5.38763888888889],PARAMETER["scale_factor",0.9999079],PARAMETER["false_easting",155000],PARAMETER["false_northing",463000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","28992"]]"#,
        ),
        4326 => Some(
            r#"GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]"#,
        ),
        _ => None,
    }
}

#[cfg(test)]
mod written_wkt_tests {
    use super::*;

    #[test]
    fn the_wkt_we_write_reads_back_as_the_same_crs() {
        for crs in [Crs::RD_NEW, Crs::WGS84] {
            assert_eq!(crs_from_wkt(esri_wkt(crs).unwrap()), Ok(crs));
            assert_eq!(crs_from_wkt(ogc_wkt(crs).unwrap()), Ok(crs));
        }
    }
}
