pub mod boolean;
pub(crate) mod build;
pub(crate) mod merge;
pub(crate) mod segment;
pub(crate) mod sort;
pub mod string;
pub mod winding;
