pub mod edge;
pub mod extract;
mod simplify;
