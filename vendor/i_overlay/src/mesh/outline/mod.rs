mod builder;
mod builder_join;
pub mod offset;
mod section;
mod uniq_iter;
