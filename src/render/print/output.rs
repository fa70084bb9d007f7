//! From SVG to PNG (resvg) and to vector PDF with the fonts embedded (svg2pdf).

use super::*;

/// Why a map could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the map could not be laid out: {0}")]
    Svg(String),
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
    #[error("a {0} × {1} pixel image is too large")]
    TooLarge(u32, u32),
}

pub(super) fn tree(svg: &str) -> Result<resvg::usvg::Tree, RenderError> {
    let mut options = resvg::usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_font_data(FONT_REGULAR.to_vec());
    fonts.load_font_data(FONT_BOLD.to_vec());
    fonts.set_sans_serif_family(FONT_FAMILY);
    resvg::usvg::Tree::from_str(svg, &options).map_err(|e| RenderError::Svg(e.to_string()))
}

pub(super) fn pixmap(
    svg: &str,
    width: u32,
    height: u32,
) -> Result<resvg::tiny_skia::Pixmap, RenderError> {
    if width == 0 || height == 0 || (width as u64) * (height as u64) > 200_000_000 {
        return Err(RenderError::TooLarge(width, height));
    }
    let tree = tree(svg)?;
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(width, height).ok_or(RenderError::TooLarge(width, height))?;
    let size = tree.size();
    let transform = resvg::tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Ok(pixmap)
}

/// Renders the SVG to a PNG of exactly `width` × `height` pixels.
pub fn svg_to_png(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, RenderError> {
    pixmap(svg, width, height)?
        .encode_png()
        .map_err(|e| RenderError::Svg(e.to_string()))
}

/// Renders the SVG to premultiplied RGBA pixels, row by row (for an on-screen preview).
pub fn svg_to_rgba(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, RenderError> {
    Ok(pixmap(svg, width, height)?.take())
}

/// Converts the SVG to a vector PDF with the fonts embedded.
pub fn svg_to_pdf(svg: &str) -> Result<Vec<u8>, RenderError> {
    let tree = tree(svg)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| RenderError::Pdf(format!("{e:?}")))
}
