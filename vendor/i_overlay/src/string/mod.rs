pub mod clip;
pub mod extract;
mod filter;
pub mod graph;
pub mod line;
pub mod overlay;
pub mod rule;
pub mod slice;
pub mod split;
