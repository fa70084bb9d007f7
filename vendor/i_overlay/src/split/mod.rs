pub(crate) mod solver;

mod cross_solver;
mod fragment;
mod grid_layout;
mod line_mark;
mod snap_radius;
mod solver_fragment;
mod solver_list;
mod solver_tree;
