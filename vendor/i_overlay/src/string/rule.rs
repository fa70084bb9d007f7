#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StringRule {
    Slice,
}
