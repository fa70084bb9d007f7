mod builder;
mod builder_cap;
mod builder_join;
pub mod offset;
mod section;
