pub(crate) mod math;
mod miter;
pub mod outline;
mod overlay;
mod rotator;
pub mod stroke;
pub mod style;
mod subject;
