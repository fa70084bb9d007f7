//! Map drawing without a GUI toolkit: the view transform, drawing-ready cached shapes with
//! levels of detail, and label placement. The desktop app draws with these; the print
//! renderer (PNG, SVG, PDF) will too.

mod labels;
mod print;
mod projector;
mod shapes;

pub use labels::{LabelBox, place as place_labels};
pub use print::{
    FONT_BOLD, FONT_REGULAR, MapArea, MapOutlines, MapSpec, RenderError, page_position, paper_mm,
    render_svg, svg_to_pdf, svg_to_png,
};
pub use projector::{MAX_METRES_PER_PIXEL, MIN_METRES_PER_PIXEL, Projector, scale_bar};
pub use shapes::{FeatureShape, FeatureShapes, LEVEL_TOLERANCES_M, LayerShapes, hatch, level_for};
