//! Plain data: layers of polygon features, their attributes and their coordinate reference system.
//!
//! Nothing here reads files or does geometry maths beyond what the types themselves need;
//! readers live in `io`, algorithms in `analysis`.

mod crs;
mod feature;
mod layer;
mod value;

pub use crs::{Crs, UnknownCrs};
pub use feature::{Feature, GeometryProblem, RingRole};
pub use layer::{Layer, SourceFormat};
pub use value::{Field, FieldType, Value};
