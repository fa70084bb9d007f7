pub(crate) mod end;
pub(crate) mod id_point;
pub(crate) mod line_range;
pub(crate) mod v_segment;
pub(crate) mod x_segment;
