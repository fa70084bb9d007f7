//! How a front end words the fixes the library can only name. The library knows that a file's
//! CRS must be named or an id field chosen, not how: the command line says it with its flags,
//! the window with its own words. Library messages use [`PlainWords`].

use super::Crs;

/// The words a front end adds to a fix the library names.
pub trait FixWords {
    /// After "name the CRS": how, e.g. " with --crs EPSG:N".
    fn name_crs(&self) -> &str {
        ""
    }
    /// How to say "read the file as `crs`", e.g. "--crs EPSG:28992"; plainly the code.
    fn use_crs(&self, crs: Crs) -> String {
        crs.to_string()
    }
    /// After "a CRS given": how it was given, e.g. " with --crs".
    fn crs_given(&self) -> &str {
        ""
    }
    /// After "choose an id field": how, e.g. " with --id-field".
    fn choose_id_field(&self) -> &str {
        ""
    }
}

/// The library's own words: the fix named, no front end's way of doing it.
pub struct PlainWords;

impl FixWords for PlainWords {}

/// Why a file's coordinates cannot be placed on the map. The fix is always to name the right
/// CRS; how is the front end's to say.
#[derive(Debug, Clone, PartialEq)]
pub enum CrsProblem {
    /// The file names no CRS gebieden knows, or none at all (`why`).
    Unknown {
        why: String,
        /// The CRS the coordinates look like, if they look like one.
        looks_like: Option<Crs>,
    },
    /// The coordinates (from `min` to `max`) cannot be in `crs`, which the file declares or
    /// the user `given`.
    Implausible {
        min: [f64; 2],
        max: [f64; 2],
        crs: Crs,
        given: bool,
        looks_like: Option<Crs>,
    },
    /// No way from the file's CRS to the working CRS.
    Reproject(String),
}

impl CrsProblem {
    /// The CRS the coordinates look like, if they look like one.
    pub fn looks_like(&self) -> Option<Crs> {
        match self {
            CrsProblem::Unknown { looks_like, .. } | CrsProblem::Implausible { looks_like, .. } => {
                *looks_like
            }
            CrsProblem::Reproject(_) => None,
        }
    }

    /// The message with its fix worded by the front end.
    pub fn describe(&self, words: &dyn FixWords) -> String {
        let hint = |looks_like: &Option<Crs>| match looks_like {
            Some(crs) => format!(
                "; the coordinates look like {} ({})",
                if crs.is_geographic() {
                    "longitude/latitude".to_string()
                } else {
                    // "RD New", not the datum-prefixed "Amersfoort / RD New".
                    crs.name()
                        .rsplit(" / ")
                        .next()
                        .unwrap_or_default()
                        .to_string()
                },
                words.use_crs(*crs)
            ),
            None => String::new(),
        };
        match self {
            CrsProblem::Unknown { why, looks_like } => format!(
                "{why}{}; name the CRS{}",
                hint(looks_like),
                words.name_crs()
            ),
            CrsProblem::Implausible {
                min,
                max,
                crs,
                given,
                looks_like,
            } => format!(
                "coordinates from ({}, {}) to ({}, {}) cannot be in {crs} ({}), which {}{}; name the right CRS{}",
                readable(min[0]),
                readable(min[1]),
                readable(max[0]),
                readable(max[1]),
                crs.name(),
                if *given {
                    format!("was given{}", words.crs_given())
                } else {
                    "the file declares".to_string()
                },
                hint(looks_like),
                words.name_crs()
            ),
            CrsProblem::Reproject(why) => why.clone(),
        }
    }
}

/// A coordinate for a message: one decimal, or powers of ten when it is absurdly large.
fn readable(value: f64) -> String {
    if value.abs() < 1e9 {
        format!("{value:.1}")
    } else {
        format!("{value:.3e}")
    }
}
