//! The tile matrix set of PDOK's background map in RD New (EPSG:28992), as its WMTS capabilities
//! define it: origin at the top left (-285401.92, 903401.92), level 0 at 3440.64 m a pixel,
//! each level halving it, levels 0–14, tiles of 256 × 256 pixels, level n of 2ⁿ × 2ⁿ tiles.
//! Columns count east from the origin, rows south. The map is drawn in RD itself, so tiles are
//! placed as they are served, never reprojected.

/// The top-left corner of the tile matrix (x, y in RD metres).
pub const ORIGIN: [f64; 2] = [-285_401.92, 903_401.92];
/// Metres a pixel at level 0.
pub const LEVEL0_METRES_PER_PIXEL: f64 = 3_440.64;
/// Levels 0 to 14.
pub const LEVEL_COUNT: u8 = 15;
/// A tile's width and height in pixels.
pub const TILE_PIXELS: u32 = 256;

/// One tile: its level, column (from the west) and row (from the north).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileKey {
    pub level: u8,
    pub column: u32,
    pub row: u32,
}

impl TileKey {
    /// The tile one level coarser that holds this one (`None` at level 0).
    pub fn parent(&self) -> Option<TileKey> {
        (self.level > 0).then(|| TileKey {
            level: self.level - 1,
            column: self.column / 2,
            row: self.row / 2,
        })
    }

    /// Whether the tile exists in the matrix (level in range, column and row inside it).
    pub fn is_valid(&self) -> bool {
        self.level < LEVEL_COUNT && self.column < tiles_per_side(self.level) && self.row < tiles_per_side(self.level)
    }
}

fn tiles_per_side(level: u8) -> u32 {
    1u32 << level.min(LEVEL_COUNT - 1)
}

/// Metres a pixel at `level`.
pub fn metres_per_pixel(level: u8) -> f64 {
    LEVEL0_METRES_PER_PIXEL / f64::from(1u32 << level.min(LEVEL_COUNT - 1))
}

fn tile_metres(level: u8) -> f64 {
    metres_per_pixel(level) * f64::from(TILE_PIXELS)
}

/// The tile at `level` that holds an RD position, if the position lies inside the matrix.
pub fn tile_at(level: u8, pos_in_rd: [f64; 2]) -> Option<TileKey> {
    if level >= LEVEL_COUNT {
        return None;
    }
    let size = tile_metres(level);
    let column = ((pos_in_rd[0] - ORIGIN[0]) / size).floor();
    let row = ((ORIGIN[1] - pos_in_rd[1]) / size).floor();
    let side = f64::from(tiles_per_side(level));
    (column >= 0.0 && row >= 0.0 && column < side && row < side).then_some(TileKey {
        level,
        column: column as u32,
        row: row as u32,
    })
}

/// The RD box a tile covers: [min x, min y, max x, max y].
pub fn tile_box(key: TileKey) -> [f64; 4] {
    let size = tile_metres(key.level);
    let min_x = ORIGIN[0] + f64::from(key.column) * size;
    let max_y = ORIGIN[1] - f64::from(key.row) * size;
    [min_x, max_y - size, min_x + size, max_y]
}

/// The tiles at `level` covering an RD box [min x, min y, max x, max y], row by row from the
/// top left; empty when the box lies outside the matrix.
pub fn tiles_covering(level: u8, box_in_rd: [f64; 4]) -> Vec<TileKey> {
    if level >= LEVEL_COUNT || box_in_rd.iter().any(|v| !v.is_finite()) {
        return Vec::new();
    }
    let size = tile_metres(level);
    let last = f64::from(tiles_per_side(level) - 1);
    let clamp = |v: f64| v.floor().clamp(0.0, last) as u32;
    let first_column = (box_in_rd[0] - ORIGIN[0]) / size;
    let last_column = (box_in_rd[2] - ORIGIN[0]) / size;
    let first_row = (ORIGIN[1] - box_in_rd[3]) / size;
    let last_row = (ORIGIN[1] - box_in_rd[1]) / size;
    if last_column < 0.0 || last_row < 0.0 || first_column > last + 1.0 || first_row > last + 1.0 {
        return Vec::new();
    }
    let mut tiles = Vec::new();
    for row in clamp(first_row)..=clamp(last_row) {
        for column in clamp(first_column)..=clamp(last_column) {
            tiles.push(TileKey { level, column, row });
        }
    }
    tiles
}

/// The level whose tiles, drawn at `metres_per_pixel_wanted`, are never enlarged: the coarsest
/// level at least as fine as wanted (the finest level when even that is coarser).
pub fn level_for_resolution(metres_per_pixel_wanted: f64) -> u8 {
    if !(metres_per_pixel_wanted.is_finite() && metres_per_pixel_wanted > 0.0) {
        return 0;
    }
    (0..LEVEL_COUNT)
        // A hair of slack so a view at exactly a level's resolution takes that level.
        .find(|&level| metres_per_pixel(level) <= metres_per_pixel_wanted * 1.000_001)
        .unwrap_or(LEVEL_COUNT - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_centre_of_rd_at_level_1_lies_in_column_1_row_1() {
        let key = tile_at(1, [155_000.01, 462_999.99]).unwrap();
        assert_eq!((key.column, key.row), (1, 1));
        // Just west and north of the level-1 tile corner it is the tile before.
        let key = tile_at(1, [154_999.99, 463_000.01]).unwrap();
        assert_eq!((key.column, key.row), (0, 0));
    }

    #[test]
    fn levels_halve_from_3440_metres_a_pixel() {
        assert_eq!(metres_per_pixel(0), 3_440.64);
        assert_eq!(metres_per_pixel(14), 0.21);
        assert_eq!(tile_box(TileKey { level: 0, column: 0, row: 0 }), [
            -285_401.92,
            903_401.92 - 880_803.84,
            -285_401.92 + 880_803.84,
            903_401.92
        ]);
    }

    #[test]
    fn a_tile_holds_the_positions_it_was_found_for() {
        for level in [3, 9, 14] {
            for pos in [[155_000.0, 463_000.0], [230_000.0, 440_000.0], [13_000.0, 380_000.0]] {
                let key = tile_at(level, pos).unwrap();
                let b = tile_box(key);
                assert!(b[0] <= pos[0] && pos[0] < b[2] && b[1] < pos[1] && pos[1] <= b[3]);
                assert_eq!(key.parent().map(|p| p.level), Some(level - 1));
                assert!(tile_box(key.parent().unwrap())[0] <= b[0]);
            }
        }
    }

    #[test]
    fn tiles_for_a_view_box() {
        // Oude IJsselstreek at level 8 (13.44 m a pixel, 3.44 km a tile): a few tiles each way.
        let view = [222_000.0, 431_000.0, 240_000.0, 446_000.0];
        let tiles = tiles_covering(8, view);
        let columns: std::collections::BTreeSet<u32> = tiles.iter().map(|t| t.column).collect();
        let rows: std::collections::BTreeSet<u32> = tiles.iter().map(|t| t.row).collect();
        assert_eq!(tiles.len(), columns.len() * rows.len());
        assert!((6..=7).contains(&columns.len()) && (5..=6).contains(&rows.len()), "{columns:?} {rows:?}");
        let union = tiles.iter().map(|&t| tile_box(t)).fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |a, b| {
            [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])]
        });
        assert!(union[0] <= view[0] && union[1] <= view[1] && union[2] >= view[2] && union[3] >= view[3]);
        // Outside the matrix: nothing; partly outside: clamped to it.
        assert!(tiles_covering(5, [-2e6, -2e6, -1e6, -1e6]).is_empty());
        assert_eq!(tiles_covering(0, [-1e7, -1e7, 1e7, 1e7]).len(), 1);
        assert!(tiles_covering(20, view).is_empty());
    }

    #[test]
    fn the_level_never_enlarges_tiles() {
        assert_eq!(level_for_resolution(3_440.64), 0);
        assert_eq!(level_for_resolution(3_000.0), 1);
        assert_eq!(level_for_resolution(13.44), 8);
        assert_eq!(level_for_resolution(13.0), 9);
        assert_eq!(level_for_resolution(0.01), 14);
        assert_eq!(level_for_resolution(1e9), 0);
        assert_eq!(level_for_resolution(f64::NAN), 0);
    }

    #[test]
    fn keys_outside_the_matrix_are_not_valid() {
        assert!(TileKey { level: 2, column: 3, row: 3 }.is_valid());
        assert!(!TileKey { level: 2, column: 4, row: 0 }.is_valid());
        assert!(!TileKey { level: 15, column: 0, row: 0 }.is_valid());
    }
}
