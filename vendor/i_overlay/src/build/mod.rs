pub(crate) mod boolean;
pub(crate) mod builder;
mod graph;
pub(crate) mod string;
pub(crate) mod sweep;
mod util;
