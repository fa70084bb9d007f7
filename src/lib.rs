//! gebieden: area classification for Dutch municipalities.
//!
//! Load partner divisions (GeoJSON, Shapefile, GeoPackage) into one metric working CRS, find
//! where they disagree, and compose the agreed division. The library has no GUI dependency;
//! the desktop app (`gui`) and the command line (`cli`) are thin layers over it.

pub mod analysis;
pub mod compose;
pub mod demo;
pub mod io;
pub mod maps;
pub mod model;
pub mod render;
