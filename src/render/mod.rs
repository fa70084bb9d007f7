//! Map drawing without a GUI toolkit: the view transform, drawing-ready cached shapes with
//! levels of detail, label placement, and the print layout (SVG, PNG, PDF). The desktop app
//! draws its map with the first three; printed maps come from `print`.

mod labels;
mod print;
mod projector;
mod shapes;

pub use labels::{LabelBox, LabelGrid, place as place_labels};
pub use print::{
    BackgroundTile, FONT_BOLD, FONT_REGULAR, MapArea, MapOutlines, MapSpec, MapWords, RenderError, map_view, page_positions,
    ReportCell, ReportSection, ReportSpec, pages_to_pdf, render_svg, report_pages_svg, svg_to_pdf, svg_to_png,
    svg_to_rgba,
};
pub use projector::{MAX_METRES_PER_PIXEL, MIN_METRES_PER_PIXEL, Projector, scale_bar};
pub use shapes::{
    FeatureShape, FeatureShapes, LEVEL_TOLERANCES_M, LayerShapes, level_for, parse_hex_colour,
};
