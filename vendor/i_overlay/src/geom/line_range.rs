#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineRange {
    pub(crate) min: i32,
    pub(crate) max: i32,
}
