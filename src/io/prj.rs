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
        return super::crs_match::geographic_of(a, rf);
    }
    let conversion = root.child(&["CONVERSION"]).unwrap_or(root);
    let projection = normalise(conversion.child(&["PROJECTION", "METHOD"])?.name()?);
    if projection.contains("auxiliary_sphere") {
        // ESRI's name for the web maps' Mercator.
        return Some(3857);
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
    let to_meter = root
        .children()
        .iter()
        .rev()
        .find(|c| {
            c.keyword().eq_ignore_ascii_case("UNIT")
                || c.keyword().eq_ignore_ascii_case("LENGTHUNIT")
        })
        .and_then(|unit| numbers(unit).first().copied())
        .unwrap_or(1.0);
    super::crs_match::identify(&super::crs_match::Projection {
        method,
        values: super::crs_match::complete(method, values),
        a,
        rf,
        to_meter,
        datum,
    })
}

fn by_parameters(projcs: &Wkt) -> Option<u32> {
    let projection = normalise(projcs.child(&["PROJECTION", "METHOD"])?.name()?);
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
    /// WKT, but of a CRS gebieden cannot place (its name is kept).
    #[error("cannot place the CRS '{0}' described in WKT")]
    Unplaced(String),
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
    known.ok_or_else(|| WktError::Unplaced(root.name().unwrap_or(root.keyword()).to_string()))
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
            Crs::from_epsg(25831).ok_or(WktError::Unplaced(String::new()))
        );
    }

    #[test]
    fn a_byte_order_mark_before_the_wkt_is_passed_over() {
        assert_eq!(crs_from_wkt(&format!("\u{feff}{ESRI_RD}")), Ok(Crs::RD_NEW));
    }

    #[test]
    fn places_utm_by_zone_and_datum() {
        let wkt = r#"PROJCS["WGS_1984_UTM_Zone_31N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]]]"#;
        assert_eq!(crs_from_wkt(wkt).map(|c| c.epsg()), Ok(32631));
    }

    #[test]
    fn unknown_and_broken_descriptions_say_what_they_are() {
        let lambert = r#"PROJCS["RGF93_Lambert_93",GEOGCS["GCS_RGF_1993"],PROJECTION["Lambert_Conformal_Conic"]]"#;
        assert_eq!(
            crs_from_wkt(lambert),
            Err(WktError::Unplaced("RGF93_Lambert_93".into()))
        );
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
