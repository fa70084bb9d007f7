//! The background map under the divisions: PDOK's tiles in RD, drawn as served (the map is in
//! RD itself), fetched by the library's `TileFetcher` off the frame loop. A frame only asks for
//! the tiles in view and draws the textures it has; where a tile has not arrived, the nearest
//! coarser tile that has stands in, enlarged.

use std::collections::HashMap;
use std::sync::Arc;

use eframe::egui::{self, Color32, Pos2, Rect, Shape};

use gebieden::model::{BasemapSettings, Crs};
use gebieden::render::Projector;
use gebieden::services::{
    HttpClient, TileCache, TileFetcher, TileKey, TileSource, level_for_resolution, tile_box,
    tiles_covering, DEFAULT_CACHE_BYTES,
};

/// Tiles turned into textures in one frame at most: a burst of arrivals (a jump across the
/// map) is spread over a few frames instead of stalling one.
const UPLOADS_PER_FRAME: usize = 4;

/// Textures kept beyond those in view: panning back is instant, memory stays bounded
/// (a 256 × 256 tile is 256 kB on the GPU).
const MAX_TEXTURES: usize = 600;

/// The window's background map: the fetcher for the current source and the tiles it brought.
pub struct BasemapView {
    fetcher: Option<TileFetcher>,
    textures: HashMap<TileKey, (egui::TextureHandle, u64)>,
    /// Tiles arrived and not yet uploaded.
    arrived: Vec<gebieden::services::FetchedTile>,
    /// The settings the fetcher was made for.
    synced: Option<BasemapSettings>,
    frame: u64,
    /// Where tiles are cached on disk (`None`: not cached, e.g. in tests that say so).
    pub cache_dir: Option<std::path::PathBuf>,
    /// Whether a cache folder was chosen yet (the default one on first use).
    cache_chosen: bool,
}

// Not derived: in tests the cache folder counts as chosen (none), so no test writes into the
// user's local data folder.
#[allow(clippy::derivable_impls)]
impl Default for BasemapView {
    fn default() -> Self {
        BasemapView {
            fetcher: None,
            textures: HashMap::new(),
            arrived: Vec::new(),
            synced: None,
            frame: 0,
            cache_dir: None,
            // Tests never write into the user's cache folder; they name one if they want one.
            cache_chosen: cfg!(test),
        }
    }
}

impl BasemapView {
    /// A view whose tiles are cached in `dir` (tests use a folder of their own).
    pub fn with_cache(dir: Option<std::path::PathBuf>) -> BasemapView {
        BasemapView {
            cache_dir: dir,
            cache_chosen: true,
            ..BasemapView::default()
        }
    }

    /// The source the window draws now, if any.
    pub fn source(&self) -> Option<&TileSource> {
        self.fetcher.as_ref().map(|f| f.source())
    }

    /// What went wrong fetching tiles, while it still applies.
    pub fn problem(&self) -> Option<gebieden::services::ServiceError> {
        self.fetcher.as_ref().and_then(|f| f.problem())
    }

    /// Tiles asked for and not yet drawable.
    pub fn pending(&self) -> usize {
        self.fetcher.as_ref().map_or(0, |f| f.pending()) + self.arrived.len()
    }

    /// Tiles ready to draw.
    pub fn texture_count(&self) -> usize {
        self.textures.len()
    }

    /// Keeps the fetcher in step with the settings: a new style or service is a new fetcher
    /// (and new textures); off drops it.
    fn sync(&mut self, settings: &BasemapSettings, ctx: &egui::Context) {
        // Most frames: nothing changed (no environment read, no allocation).
        if self.synced.as_ref() == Some(settings) {
            return;
        }
        self.synced = Some(settings.clone());
        let wanted = settings
            .style
            .map(|style| TileSource::new(style, settings.url_template.as_deref()));
        if wanted.as_ref() == self.source() {
            return;
        }
        self.textures.clear();
        self.arrived.clear();
        self.fetcher = wanted.map(|source| {
            if !self.cache_chosen {
                self.cache_dir = gebieden::services::tile_cache_dir(dirs::data_local_dir());
                self.cache_chosen = true;
            }
            let cache = self
                .cache_dir
                .as_ref()
                .map(|dir| TileCache::new(dir, DEFAULT_CACHE_BYTES));
            let ctx = ctx.clone();
            TileFetcher::new(
                source,
                cache,
                HttpClient::default(),
                Arc::new(move || ctx.request_repaint()),
            )
        });
    }

    /// Takes the tiles that arrived, asks for those in view, and adds the tiles to draw (under
    /// everything else) to `shapes`. Nothing here waits on the network.
    pub fn draw(
        &mut self,
        settings: &BasemapSettings,
        working_crs: Crs,
        ctx: &egui::Context,
        view: &Projector,
        shapes: &mut Vec<Shape>,
    ) {
        self.sync(settings, ctx);
        // The tiles are on the RD grid; in another working CRS they would need reprojecting.
        if working_crs != Crs::RD_NEW {
            return;
        }
        let Some(fetcher) = &self.fetcher else {
            return;
        };
        self.frame += 1;
        self.arrived.extend(fetcher.arrived());
        let uploads = self.arrived.len().min(UPLOADS_PER_FRAME);
        if self.arrived.len() > uploads {
            ctx.request_repaint();
        }
        for arrived in self.arrived.drain(..uploads) {
            let image = egui::ColorImage::from_rgba_premultiplied(
                [arrived.tile.width as usize, arrived.tile.height as usize],
                &arrived.tile.rgba,
            );
            let key = arrived.key;
            let name = format!("tile-{}-{}-{}", key.level, key.column, key.row);
            let texture = ctx.load_texture(name, image, egui::TextureOptions::LINEAR);
            self.textures.insert(key, (texture, self.frame));
        }
        // Tiles as fine as the screen's pixels (not its points).
        let pixels_per_point = f64::from(ctx.pixels_per_point());
        let level = level_for_resolution(view.metres_per_pixel / pixels_per_point);
        let wanted = tiles_covering(level, view.visible_map_rect());
        for key in &wanted {
            let (drawn, stand_in) = match self.textures.get_mut(key) {
                Some((texture, used)) => {
                    *used = self.frame;
                    (Some(texture.id()), None)
                }
                None => {
                    fetcher.request(*key);
                    (None, self.stand_in(*key))
                }
            };
            let screen = screen_rect(view, tile_box(*key));
            if let Some(id) = drawn {
                shapes.push(Shape::image(id, screen, full_uv(), Color32::WHITE));
            } else if let Some((ancestor, uv)) = stand_in
                && let Some((texture, used)) = self.textures.get_mut(&ancestor)
            {
                *used = self.frame;
                shapes.push(Shape::image(texture.id(), screen, uv, Color32::WHITE));
            }
        }
        self.evict();
    }

    /// The nearest coarser tile already here, and the part of it that covers `key`.
    fn stand_in(&self, key: TileKey) -> Option<(TileKey, Rect)> {
        let mut ancestor = key.parent();
        while let Some(candidate) = ancestor {
            if self.textures.contains_key(&candidate) {
                let outer = tile_box(candidate);
                let inner = tile_box(key);
                let (w, h) = (outer[2] - outer[0], outer[3] - outer[1]);
                let uv = Rect::from_min_max(
                    Pos2::new(((inner[0] - outer[0]) / w) as f32, ((outer[3] - inner[3]) / h) as f32),
                    Pos2::new(((inner[2] - outer[0]) / w) as f32, ((outer[3] - inner[1]) / h) as f32),
                );
                return Some((candidate, uv));
            }
            ancestor = candidate.parent();
        }
        None
    }

    /// Drops the textures used longest ago beyond the bound.
    fn evict(&mut self) {
        if self.textures.len() <= MAX_TEXTURES {
            return;
        }
        let mut by_use: Vec<(u64, TileKey)> = self.textures.iter().map(|(k, (_, used))| (*used, *k)).collect();
        by_use.sort_unstable();
        let excess = self.textures.len() - MAX_TEXTURES;
        for (_, key) in by_use.into_iter().take(excess) {
            self.textures.remove(&key);
        }
    }
}

fn full_uv() -> Rect {
    Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0))
}

/// A tile's box on screen, a hair larger so no seam shows between neighbours.
fn screen_rect(view: &Projector, box_in_map: [f64; 4]) -> Rect {
    let top_left = view.screen_from_map([box_in_map[0], box_in_map[3]]);
    let bottom_right = view.screen_from_map([box_in_map[2], box_in_map[1]]);
    Rect::from_min_max(Pos2::from(top_left), Pos2::from(bottom_right)).expand(0.25)
}
