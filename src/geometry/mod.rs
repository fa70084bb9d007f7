//! Geometric helpers shared by the readers, the analysis, the composer and the maps: one copy
//! of each. geo's own algorithms are used wherever it has them (areas, boolean operations,
//! convex hulls, simplification); what is here is what geo lacks.

mod colouring;
mod coverage;
mod hatch;
mod overlay;
mod ring;
mod width;

pub use colouring::{colour_distance, distinct_colours, touching};
pub use coverage::build_coverage;
pub use hatch::hatch;
pub use overlay::{
    MIN_PIECE_AREA_M2, covered_twice, drop_noise, holes_of, intersection, intersection_of_parts, intersection_with_crumbs, part_boxes, rect_intersection, repair, snap,
    spatial_order, union_all, union_holes, union_of_boxes, union_piled,
};
pub use ring::{
    edge_crosses_ray, edge_midpoints, point_in_ring, point_in_ring_xy, point_in_rings_xy,
    signed_area,
};
pub use width::{
    hull_width, inscribed_diameter, is_sliver, narrower_than, pole_of_inaccessibility,
    segment_distance_squared, sliver_diameter, width_and_sliver,
};
