//! Composing the agreed division from base units (e.g. CBS buurten): areas, assignment, undo,
//! and what the result amounts to (geometry, statistics, partner cuts, checks).

mod history;
mod result;
mod split;

pub use crate::model::{AREA_PALETTE, AreaDef, ComposeError, Composition, PaintMode, Split};
pub use history::{History, UNDO_LIMIT};
pub use result::{AreaResult, CUT_SHARE, Checks, ComposeResult, Part, PartnerOverlap, compose};
pub use split::{SplitError, apply_splits, split_geometry};
