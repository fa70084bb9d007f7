//! Overlay analysis of divisions: where they overlap, leave gaps, or disagree.
//!
//! Candidate pairs come from an R-tree (`index`); pieces are exact polygon overlay with geo's
//! BooleanOps, in parallel with rayon. All coordinates are first snapped to a 1 mm grid in the
//! working CRS (`geometry::snap`).

mod atlas;
mod cache;
mod clean;
mod crosswalk;
mod index;
mod migrate;
mod nest;
mod prepare;
mod problems;
mod run;

pub use crate::geometry::{MIN_PIECE_AREA_M2, intersection, repair, snap, union_all};
pub use atlas::{Atlas, AtlasRow};
pub use cache::{AnalysisCache, CacheUse};
pub use clean::{Cleaned, MergeRule, Reassigned, RemainingGap, clean};
pub use crosswalk::{BestMatch, CrosswalkRow, CrosswalkRows, PairReport, crosswalk, pair_report};
pub use index::FeatureIndex;
pub use migrate::{MigratedUnit, Migration, MigrationStatus, SAME_PLACE_BAND_M, migrate};
pub use nest::{Nest, NestRow, nest, nested_geometries};
pub use prepare::{Adjustment, PreparedLayer};
pub use problems::{Problem, ProblemKind, gaps, overlaps};
pub use run::{
    Analysis, AnalysisOptions, LayerReport, Ready, Settings, Tally, analyse, analyse_streaming,
    analyse_with_cache,
};
