//! Outside services the product talks to at its users' desks: PDOK's background map (WMTS tiles
//! in RD New) and PDOK's Locatieserver (place search). Each sits behind a replaceable URL and a
//! small client type; nothing here blocks a caller that did not ask to wait (the window's tiles
//! come from worker threads, see `TileFetcher`), and every failure is a typed error naming the
//! host, so the front ends can say "offline" once and keep working.
//!
//! Depends on `model` (the background map's settings) and `io`'s atomic writes (the cache).
pub use crate::model::BasemapStyle;

mod http;
mod locatieserver;
mod tile_cache;
mod tile_fetcher;
mod tile_grid;
mod tile_source;

#[doc(hidden)]
pub mod test_server;

pub use http::{HttpClient, ServiceError};
pub use locatieserver::{
    LOCATIESERVER_ENV, LOCATIESERVER_URL, Locatieserver, Place, Suggestion,
};
pub use tile_cache::{DEFAULT_CACHE_BYTES, TILE_CACHE_ENV, TileCache, tile_cache_dir};
pub use tile_fetcher::{FetchedTile, TileFetcher, fetch_tiles};
pub use tile_grid::{
    LEVEL_COUNT, LEVEL0_METRES_PER_PIXEL, ORIGIN, TILE_PIXELS, TileKey, level_for_resolution,
    metres_per_pixel, tile_at, tile_box, tiles_covering,
};
pub use tile_source::{BASEMAP_ENV, CREDIT_KADASTER, PDOK_BASEMAP_TEMPLATE, TileSource};

/// A tile decoded to RGBA pixels, ready for a texture or an image.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodedTile {
    pub width: u32,
    pub height: u32,
    /// Row by row, 4 bytes a pixel, alpha premultiplied (as GPUs and egui want them, so the
    /// window's thread only copies them).
    pub rgba: Vec<u8>,
}

/// Decodes a tile's bytes (PNG or JPEG, as tile services serve them).
pub fn decode_tile(bytes: &[u8]) -> Result<DecodedTile, String> {
    let image = image::load_from_memory(bytes).map_err(|e| format!("not an image: {e}"))?;
    let rgba = image.to_rgba8();
    let (width, height) = (rgba.width(), rgba.height());
    let mut rgba = rgba.into_raw();
    for pixel in rgba.chunks_exact_mut(4) {
        let alpha = u16::from(pixel[3]);
        if alpha != 255 {
            for channel in &mut pixel[..3] {
                *channel = ((u16::from(*channel) * alpha + 127) / 255) as u8;
            }
        }
    }
    Ok(DecodedTile {
        width,
        height,
        rgba,
    })
}

/// Whether bytes start like an image a tile service sends (PNG or JPEG); an HTML error page
/// served with status 200 is not a tile and must not be cached.
pub fn looks_like_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
}
