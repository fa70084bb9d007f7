use i_float::int::point::IntPoint;

pub type IntLine = [IntPoint; 2];
