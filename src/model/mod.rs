//! Plain data: layers of polygon features, their attributes and their coordinate reference
//! system; the composition being agreed; the project that holds everything a user did.
//!
//! Nothing here reads files or does geometry maths beyond what the types themselves need;
//! readers live in `io`, algorithms in `analysis`.

mod basemap;
mod composition;
mod crs;
mod feature;
mod fix;
mod layer;
mod project;
mod value;
mod versions;

pub use basemap::{BasemapSettings, BasemapStyle};
pub use composition::{AREA_PALETTE, AreaDef, ComposeError, Composition, PaintMode, Split};
pub use crs::{Crs, UnknownCrs};
pub use fix::{CrsProblem, FixWords, PlainWords};

/// Geometry in the working CRS is kept on a 1 mm grid: far below any boundary's accuracy, and a
/// fixed grid makes overlay results independent of the order pieces are computed in.
pub const WORKING_GRID_M: f64 = 0.001;
pub use feature::{Feature, GeometryProblem, RingRole};
pub use layer::{Layer, LayerNote, SourceFormat, bounding_box, union_box};
pub use project::{
    AnalysisSettings, DEFAULT_SLIVER_WIDTH_M, LayerStyleSpec, MapFormat, MapOptions,
    PROJECT_FORMAT, PROJECT_VERSION, Paper, Project, ProjectLayer,
};
pub use value::{Field, FieldType, Value};
pub use versions::{
    BaseIdentity, Signoff, SignoffStatus, Version, agreed_areas, iso_date, stale_signoffs, today, units_of,
};
