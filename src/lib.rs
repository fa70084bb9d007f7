//! gebieden: area classification for Dutch municipalities.
//!
//! Load partner divisions (GeoJSON, Shapefile, GeoPackage) into one metric working CRS, find
//! where they disagree, and compose the agreed division. The library has no GUI dependency;
//! the desktop app (`gui`) and the command line (`cli`) are thin layers over it.
//!
//! Library code reads files from anywhere: it reports what is wrong instead of panicking, so
//! `unwrap`, `expect` and explicit panics are refused here (tests may use them, clippy.toml).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented
)]

pub mod analysis;
pub mod compose;
pub mod demo;
pub mod geometry;
pub mod io;
pub mod model;
pub mod ops;
pub mod render;
pub mod services;
