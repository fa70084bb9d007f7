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
