use std::fmt;

use serde::{Deserialize, Serialize};

/// A coordinate reference system gebieden can place, named by its EPSG code.
///
/// Only systems with a PROJ definition that proj4rs can use exist as values, so a `Crs` can
/// always be reprojected from and to: the ten Dutch partners use most with definitions of our
/// own (below), every other code of the EPSG registry from the maintained `crs-definitions`.
/// Dutch divisions are mostly in RD New (EPSG:28992), web data in WGS 84 (EPSG:4326).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Crs {
    epsg: u32,
}

#[derive(Clone, Copy)]
struct Definition {
    epsg: u32,
    name: &'static str,
    geographic: bool,
    proj: &'static str,
}

/// The definition of any other EPSG code, from the registry `crs-definitions` ships: its
/// PROJ string, its name (the first quoted word of its WKT) and whether it is in degrees.
fn registry_definition(epsg: u32) -> Option<Definition> {
    let def = crs_definitions::from_code(u16::try_from(epsg).ok()?)?;
    let name = def.wkt.split('"').nth(1).unwrap_or("");
    Some(Definition {
        epsg,
        name,
        geographic: def.proj4.contains("+proj=longlat"),
        proj: def.proj4,
    })
}

// The Amersfoort → WGS 84 shift in 28992 and 4289 is the 7-parameter (position vector)
// transformation of proj4js and epsg.io; without the RDNAPTRANS grids it is good to well under
// a metre (0.3 m at the Amersfoort tower), far below how much CBS generalises its boundaries.
// Web Mercator has no datum shift: without +towgs84, proj4rs treats its sphere as WGS 84,
// which is what every web map does.
const DEFINITIONS: &[Definition] = &[
    Definition {
        epsg: 28992,
        name: "Amersfoort / RD New",
        geographic: false,
        proj: "+proj=sterea +lat_0=52.1561605555556 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs",
    },
    Definition {
        epsg: 4326,
        name: "WGS 84",
        geographic: true,
        proj: "+proj=longlat +datum=WGS84 +no_defs",
    },
    Definition {
        epsg: 4258,
        name: "ETRS89",
        geographic: true,
        proj: "+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs",
    },
    Definition {
        epsg: 4289,
        name: "Amersfoort",
        geographic: true,
        proj: "+proj=longlat +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +no_defs",
    },
    Definition {
        epsg: 3857,
        name: "WGS 84 / Pseudo-Mercator",
        geographic: false,
        proj: "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +no_defs",
    },
    Definition {
        epsg: 32631,
        name: "WGS 84 / UTM zone 31N",
        geographic: false,
        proj: "+proj=utm +zone=31 +datum=WGS84 +units=m +no_defs",
    },
    Definition {
        epsg: 32632,
        name: "WGS 84 / UTM zone 32N",
        geographic: false,
        proj: "+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs",
    },
    Definition {
        epsg: 25831,
        name: "ETRS89 / UTM zone 31N",
        geographic: false,
        proj: "+proj=utm +zone=31 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
    },
    Definition {
        epsg: 25832,
        name: "ETRS89 / UTM zone 32N",
        geographic: false,
        proj: "+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
    },
    Definition {
        epsg: 3035,
        name: "ETRS89-extended / LAEA Europe",
        geographic: false,
        proj: "+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
    },
];

/// Custom CRSs are numbered from here, far above any EPSG code.
const CUSTOM_CODES: u32 = 1_000_000_000;

fn custom_definitions() -> &'static std::sync::Mutex<Vec<Definition>> {
    static TABLE: std::sync::OnceLock<std::sync::Mutex<Vec<Definition>>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(Default::default)
}

/// A CRS name or code that gebieden cannot place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown coordinate reference system '{0}' (give an EPSG code, e.g. EPSG:28992 for RD New or EPSG:4326 for WGS 84)"
)]
pub struct UnknownCrs(pub String);

impl Crs {
    /// Amersfoort / RD New, the Dutch national grid in metres; the default working CRS.
    pub const RD_NEW: Crs = Crs { epsg: 28992 };
    /// WGS 84 longitude/latitude in degrees, the CRS of RFC 7946 GeoJSON.
    pub const WGS84: Crs = Crs { epsg: 4326 };

    /// The CRS with this EPSG code, if gebieden knows it.
    pub fn from_epsg(epsg: u32) -> Option<Crs> {
        if DEFINITIONS.iter().any(|d| d.epsg == epsg) {
            return Some(Crs { epsg });
        }
        // Any other code of the registry, if proj4rs can use its definition.
        registry_definition(epsg)
            .filter(|d| proj4rs::proj::Proj::from_proj_string(d.proj).is_ok())
            .map(|_| Crs { epsg })
    }

    /// Parses the ways files and users name a CRS: `EPSG:28992`, `28992`,
    /// `urn:ogc:def:crs:EPSG::28992`, `urn:ogc:def:crs:OGC:1.3:CRS84`, `CRS84`, or a PROJ
    /// definition (`+proj=tmerc +lat_0=… +towgs84=…`) for a grid no EPSG code names.
    pub fn parse(text: &str) -> Result<Crs, UnknownCrs> {
        let trimmed = text.trim();
        if trimmed.starts_with("+proj=") {
            let geographic = trimmed.split_whitespace().any(|p| p == "+proj=longlat");
            return Crs::custom("PROJ", trimmed, geographic)
                .ok_or_else(|| UnknownCrs(trimmed.to_string()));
        }
        let upper = trimmed.to_ascii_uppercase();
        if upper.ends_with("CRS84") {
            return Ok(Crs::WGS84);
        }
        let code = upper
            .rsplit([':', '/'])
            .next()
            .filter(|_| upper.contains("EPSG") || upper.chars().all(|c| c.is_ascii_digit()))
            .and_then(|digits| digits.parse::<u32>().ok());
        code.and_then(Crs::from_epsg)
            .ok_or_else(|| UnknownCrs(trimmed.to_string()))
    }

    /// A CRS that no EPSG code names, from its PROJ definition (a partner's .prj of a local
    /// grid, built from its WKT parameters). `None` when proj4rs cannot use the definition.
    /// It lives for the rest of the process; the same definition twice is the same CRS.
    pub fn custom(name: &str, proj: &str, geographic: bool) -> Option<Crs> {
        proj4rs::proj::Proj::from_proj_string(proj).ok()?;
        let mut table = custom_definitions().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(index) = table.iter().position(|d| d.proj == proj) {
            return Some(Crs {
                epsg: CUSTOM_CODES + index as u32,
            });
        }
        let epsg = CUSTOM_CODES + table.len() as u32;
        table.push(Definition {
            epsg,
            name: Box::leak(name.to_string().into_boxed_str()),
            geographic,
            proj: Box::leak(proj.to_string().into_boxed_str()),
        });
        Some(Crs { epsg })
    }

    /// True for a CRS made from a description without an EPSG code (see `custom`).
    pub fn is_custom(&self) -> bool {
        self.epsg >= CUSTOM_CODES
    }

    fn definition(&self) -> Definition {
        if self.is_custom() {
            let table = custom_definitions().lock().unwrap_or_else(|e| e.into_inner());
            if let Some(definition) = table.get((self.epsg - CUSTOM_CODES) as usize) {
                return *definition;
            }
        }
        DEFINITIONS
            .iter()
            .find(|d| d.epsg == self.epsg)
            .copied()
            .or_else(|| registry_definition(self.epsg))
            .unwrap_or(DEFINITIONS[0])
    }

    /// The EPSG code (a number of gebieden's own, above any EPSG code, for a custom CRS).
    pub fn epsg(&self) -> u32 {
        self.epsg
    }

    /// How files name this CRS, read back by `parse`: `EPSG:28992`, or for a custom CRS its
    /// PROJ definition (its number is only valid in this process).
    pub fn code(&self) -> String {
        if self.is_custom() {
            self.definition().proj.to_string()
        } else {
            format!("EPSG:{}", self.epsg)
        }
    }

    /// The EPSG name, e.g. "Amersfoort / RD New".
    pub fn name(&self) -> &'static str {
        self.definition().name
    }

    /// True for longitude/latitude systems in degrees; those cannot be a working CRS.
    pub fn is_geographic(&self) -> bool {
        self.definition().geographic
    }

    /// The PROJ.4 definition used for reprojection.
    pub fn proj_string(&self) -> &'static str {
        self.definition().proj
    }

    /// The rough extent, in this CRS's own units, where coordinates are plausible; used to
    /// catch data whose declared CRS does not match its numbers.
    pub fn plausible_extent(&self) -> ([f64; 2], [f64; 2]) {
        match self.epsg {
            28992 => ([-100_000.0, 200_000.0], [450_000.0, 750_000.0]),
            3857 => ([-20_100_000.0, -20_100_000.0], [20_100_000.0, 20_100_000.0]),
            _ if self.is_geographic() => ([-180.0, -90.0], [180.0, 90.0]),
            3035 => ([1_000_000.0, 0.0], [8_000_000.0, 6_000_000.0]),
            32631 | 32632 | 25831 | 25832 => ([-1_000_000.0, -1_000.0], [2_000_000.0, 9_500_000.0]),
            // Any other projected system: the size of the earth in metres (the check is there
            // to tell degrees from metres, not one projection from another).
            _ => ([-40_000_000.0, -40_000_000.0], [40_000_000.0, 40_000_000.0]),
        }
    }
}

impl Default for Crs {
    fn default() -> Self {
        Crs::RD_NEW
    }
}

impl fmt::Display for Crs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_custom() {
            write!(f, "\"{}\" (from its WKT)", self.name())
        } else {
            write!(f, "EPSG:{}", self.epsg)
        }
    }
}

impl TryFrom<String> for Crs {
    type Error = UnknownCrs;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Crs::parse(&value)
    }
}

impl From<Crs> for String {
    fn from(crs: Crs) -> String {
        crs.code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_code_of_the_epsg_registry() {
        let lambert93 = Crs::parse("EPSG:2154").unwrap();
        assert!(
            lambert93.name().contains("Lambert-93"),
            "{}",
            lambert93.name()
        );
        assert!(!lambert93.is_geographic());
        let belgian = Crs::parse("urn:ogc:def:crs:EPSG::31370").unwrap();
        assert!(
            belgian.name().contains("Belgian Lambert 72"),
            "{}",
            belgian.name()
        );
        assert!(Crs::parse("EPSG:4230").unwrap().is_geographic(), "ED50");
        assert!(Crs::parse("EPSG:99999").is_err());
        // Ours stay ours (the RD shift the tests were measured with).
        assert_eq!(Crs::RD_NEW.name(), "Amersfoort / RD New");
    }

    #[test]
    fn parses_the_usual_spellings() {
        for text in [
            "EPSG:28992",
            "epsg:28992",
            "28992",
            "urn:ogc:def:crs:EPSG::28992",
        ] {
            assert_eq!(Crs::parse(text), Ok(Crs::RD_NEW), "{text}");
        }
        assert_eq!(Crs::parse("urn:ogc:def:crs:OGC:1.3:CRS84"), Ok(Crs::WGS84));
        assert_eq!(Crs::parse("EPSG:4326"), Ok(Crs::WGS84));
    }

    #[test]
    fn rejects_unknown_codes_with_the_text() {
        // EPSG:2154 was unknown before issue 12; a code the registry lacks still is.
        let err = Crs::parse("EPSG:99999").unwrap_err();
        assert!(err.to_string().contains("EPSG:99999"));
        assert!(Crs::parse("Lambert").is_err());
    }

    #[test]
    fn a_custom_crs_is_kept_as_its_proj_definition() {
        let proj = "+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=156000 +y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs";
        let crs = Crs::parse(proj).unwrap();
        assert!(crs.is_custom() && !crs.is_geographic());
        let saved = serde_json::to_string(&crs).unwrap();
        assert_eq!(saved, format!("\"{proj}\""));
        assert_eq!(serde_json::from_str::<Crs>(&saved).unwrap(), crs);
        assert!(Crs::parse("+proj=nonsense").is_err());
    }

    #[test]
    fn display_round_trips() {
        for d in DEFINITIONS {
            let crs = Crs::from_epsg(d.epsg).unwrap();
            assert_eq!(Crs::parse(&crs.to_string()), Ok(crs));
        }
    }
}
