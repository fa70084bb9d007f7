pub(crate) mod segment;
pub(crate) mod solver;
