//! The map view: which part of the working CRS is on screen, at what scale. A small pure struct
//! (after walkers' `Projector`) so panning and zooming can be tested without a window.

use serde::{Deserialize, Serialize};

/// Maps positions in the working CRS (metres, y up) to positions on screen (pixels, y down).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Projector {
    /// The map position at the centre of the view.
    pub centre_in_map: [f64; 2],
    /// Metres per screen pixel.
    pub metres_per_pixel: f64,
    /// The view's top-left corner on screen.
    pub origin_on_screen: [f32; 2],
    /// The view's size on screen (pixels).
    pub size_on_screen: [f32; 2],
}

/// Closest and farthest zoom: 1 cm per pixel to 5 km per pixel (the whole of Europe).
pub const MIN_METRES_PER_PIXEL: f64 = 0.01;
pub const MAX_METRES_PER_PIXEL: f64 = 5_000.0;

impl Default for Projector {
    fn default() -> Self {
        Projector {
            centre_in_map: [155_000.0, 463_000.0],
            metres_per_pixel: 300.0,
            origin_on_screen: [0.0, 0.0],
            size_on_screen: [800.0, 600.0],
        }
    }
}

impl Projector {
    /// The screen position of a map position.
    pub fn screen_from_map(&self, pos_in_map: [f64; 2]) -> [f32; 2] {
        let centre = self.centre_on_screen();
        [
            centre[0] + ((pos_in_map[0] - self.centre_in_map[0]) / self.metres_per_pixel) as f32,
            centre[1] - ((pos_in_map[1] - self.centre_in_map[1]) / self.metres_per_pixel) as f32,
        ]
    }

    /// The map position under a screen position.
    pub fn map_from_screen(&self, pos_on_screen: [f32; 2]) -> [f64; 2] {
        let centre = self.centre_on_screen();
        [
            self.centre_in_map[0] + (pos_on_screen[0] - centre[0]) as f64 * self.metres_per_pixel,
            self.centre_in_map[1] - (pos_on_screen[1] - centre[1]) as f64 * self.metres_per_pixel,
        ]
    }

    fn centre_on_screen(&self) -> [f32; 2] {
        [
            self.origin_on_screen[0] + self.size_on_screen[0] / 2.0,
            self.origin_on_screen[1] + self.size_on_screen[1] / 2.0,
        ]
    }

    /// The part of the map in view: [min x, min y, max x, max y].
    pub fn visible_map_rect(&self) -> [f64; 4] {
        let top_left = self.map_from_screen(self.origin_on_screen);
        let bottom_right = self.map_from_screen([
            self.origin_on_screen[0] + self.size_on_screen[0],
            self.origin_on_screen[1] + self.size_on_screen[1],
        ]);
        [top_left[0], bottom_right[1], bottom_right[0], top_left[1]]
    }

    /// Moves the map by a screen distance (dragging right moves the map right).
    pub fn pan_by_screen(&mut self, delta_on_screen: [f32; 2]) {
        self.centre_in_map[0] -= delta_on_screen[0] as f64 * self.metres_per_pixel;
        self.centre_in_map[1] += delta_on_screen[1] as f64 * self.metres_per_pixel;
    }

    /// Zooms by `factor` (> 1 zooms in) keeping the map position under `pos_on_screen` in place.
    pub fn zoom_around(&mut self, factor: f64, pos_on_screen: [f32; 2]) {
        if !(factor.is_finite() && factor > 0.0) {
            return;
        }
        let anchor = self.map_from_screen(pos_on_screen);
        self.metres_per_pixel =
            (self.metres_per_pixel / factor).clamp(MIN_METRES_PER_PIXEL, MAX_METRES_PER_PIXEL);
        let moved = self.map_from_screen(pos_on_screen);
        self.centre_in_map[0] += anchor[0] - moved[0];
        self.centre_in_map[1] += anchor[1] - moved[1];
    }

    /// Shows the map rectangle [min x, min y, max x, max y] whole, with a small margin.
    pub fn fit(&mut self, rect_in_map: [f64; 4]) {
        let width = (rect_in_map[2] - rect_in_map[0]).max(1.0);
        let height = (rect_in_map[3] - rect_in_map[1]).max(1.0);
        self.centre_in_map = [
            (rect_in_map[0] + rect_in_map[2]) / 2.0,
            (rect_in_map[1] + rect_in_map[3]) / 2.0,
        ];
        let fit_x = width / (self.size_on_screen[0].max(1.0) as f64);
        let fit_y = height / (self.size_on_screen[1].max(1.0) as f64);
        self.metres_per_pixel =
            (fit_x.max(fit_y) * 1.08).clamp(MIN_METRES_PER_PIXEL, MAX_METRES_PER_PIXEL);
    }

    /// The map scale as a printed map states it (1 : N), for a screen of 96 dots per inch.
    pub fn scale_denominator(&self) -> f64 {
        self.metres_per_pixel / (0.0254 / 96.0)
    }
}

/// A round scale-bar length (1, 2 or 5 × 10ⁿ metres) not longer than `max_pixels`, with its
/// length on screen.
pub fn scale_bar(metres_per_pixel: f64, max_pixels: f32) -> (f64, f32) {
    let max_metres = metres_per_pixel * max_pixels as f64;
    let magnitude = 10f64.powf(max_metres.log10().floor());
    let metres = [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&m| m <= max_metres)
        .unwrap_or(magnitude);
    (metres, (metres / metres_per_pixel) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> Projector {
        Projector {
            centre_in_map: [223_000.0, 434_000.0],
            metres_per_pixel: 10.0,
            origin_on_screen: [100.0, 50.0],
            size_on_screen: [800.0, 600.0],
        }
    }

    #[test]
    fn screen_and_map_round_trip() {
        let v = view();
        for pos in [[0.0, 0.0], [100.0, 50.0], [512.5, 333.25], [900.0, 650.0]] {
            let back = v.screen_from_map(v.map_from_screen(pos));
            assert!(
                (back[0] - pos[0]).abs() < 1e-3 && (back[1] - pos[1]).abs() < 1e-3,
                "{pos:?} → {back:?}"
            );
        }
        assert_eq!(v.screen_from_map([223_000.0, 434_000.0]), [500.0, 350.0]);
        // North is up: a larger y in the map is higher on screen.
        assert!(v.screen_from_map([223_000.0, 435_000.0])[1] < 350.0);
    }

    #[test]
    fn zooming_keeps_the_point_under_the_cursor() {
        let mut v = view();
        let cursor = [200.0, 120.0];
        let before = v.map_from_screen(cursor);
        v.zoom_around(2.0, cursor);
        let after = v.map_from_screen(cursor);
        assert!((before[0] - after[0]).abs() < 1e-6 && (before[1] - after[1]).abs() < 1e-6);
        assert_eq!(v.metres_per_pixel, 5.0);
        v.zoom_around(f64::NAN, cursor);
        assert_eq!(v.metres_per_pixel, 5.0);
    }

    #[test]
    fn fitting_shows_the_whole_rectangle() {
        let mut v = view();
        let rect = [200_000.0, 430_000.0, 240_000.0, 440_000.0];
        v.fit(rect);
        let visible = v.visible_map_rect();
        assert!(
            visible[0] <= rect[0]
                && visible[1] <= rect[1]
                && visible[2] >= rect[2]
                && visible[3] >= rect[3]
        );
    }

    #[test]
    fn scale_bars_are_round_numbers() {
        assert_eq!(scale_bar(10.0, 120.0), (1000.0, 100.0));
        assert_eq!(scale_bar(3.0, 120.0).0, 200.0);
        assert_eq!(scale_bar(0.5, 120.0).0, 50.0);
    }
}
