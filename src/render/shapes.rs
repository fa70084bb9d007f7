//! Drawing-ready geometry of a layer, built once when the layer loads: per level of detail the
//! simplified rings, fill triangles and a label anchor of every feature, so drawing a frame is
//! only a linear transform of cached coordinates.

use geo::{BoundingRect, LineString, MultiPolygon, Polygon, Simplify, TriangulateEarcut};
use rayon::prelude::*;

use crate::geometry::{point_in_ring_xy, point_in_rings_xy, pole_of_inaccessibility};
use crate::model::Layer;

/// Simplification tolerances (m) of the levels of detail; a level is used while its tolerance
/// is below about one screen pixel.
pub const LEVEL_TOLERANCES_M: [f64; 5] = [0.0, 2.0, 10.0, 50.0, 250.0];

/// One feature at one level of detail.
#[derive(Clone, Debug, Default)]
pub struct FeatureShape {
    /// Rings (outer and holes) as closed point lists in the working CRS.
    pub rings: Vec<Vec<[f64; 2]>>,
    /// Fill triangles: vertices and indices into them.
    pub vertices: Vec<[f64; 2]>,
    pub indices: Vec<u32>,
}

/// A feature's shapes at every level, its box and its label anchor.
#[derive(Clone, Debug)]
pub struct FeatureShapes {
    /// [min x, min y, max x, max y] in the working CRS.
    pub bbox: [f64; 4],
    pub levels: Vec<FeatureShape>,
    /// Where the label goes (pole of inaccessibility of the largest part) and how much room
    /// there is around it (m).
    pub label_anchor: Option<([f64; 2], f64)>,
}

/// The drawing cache of one layer.
#[derive(Clone, Debug, Default)]
pub struct LayerShapes {
    pub features: Vec<FeatureShapes>,
    /// Each feature's own colour, from a `kleur` field (`#rrggbb`, as compose and nest write
    /// it), when the layer has one.
    pub own_colours: Option<Vec<Option<[u8; 3]>>>,
}

/// A colour written as `#rrggbb`.
pub fn parse_hex_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |k: usize| u8::from_str_radix(&hex[k..k + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// The level of detail to draw at a scale: the coarsest whose tolerance stays below a pixel.
pub fn level_for(metres_per_pixel: f64) -> usize {
    LEVEL_TOLERANCES_M
        .iter()
        .rposition(|&t| t <= metres_per_pixel * 0.8)
        .unwrap_or(0)
}

fn ring_points(ring: &LineString<f64>) -> Vec<[f64; 2]> {
    ring.0.iter().map(|c| [c.x, c.y]).collect()
}

fn shape_of(polygons: &[Polygon<f64>]) -> FeatureShape {
    let mut shape = FeatureShape::default();
    for polygon in polygons {
        if polygon.exterior().0.len() < 4 {
            continue;
        }
        shape.rings.push(ring_points(polygon.exterior()));
        shape
            .rings
            .extend(polygon.interiors().iter().map(ring_points));
        let raw = polygon.earcut_triangles_raw();
        let offset = shape.vertices.len() as u32;
        shape.vertices.extend(raw.vertices);
        shape
            .indices
            .extend(raw.triangle_indices.iter().map(|&i| offset + i as u32));
    }
    shape
}

impl LayerShapes {
    /// Builds the cache for every feature of a layer, in parallel.
    pub fn build(layer: &Layer) -> LayerShapes {
        let geometries: Vec<&MultiPolygon<f64>> =
            layer.features.iter().map(|f| &f.geometry).collect();
        let mut shapes = LayerShapes::from_geometries(&geometries);
        shapes.own_colours = layer.field_index("kleur").map(|column| {
            layer
                .features
                .iter()
                .map(|f| f.attributes.get(column).and_then(|v| parse_hex_colour(&v.to_string())))
                .collect()
        });
        shapes
    }

    /// Builds the cache for any list of multipolygons (e.g. analysis problems).
    pub fn from_geometries(geometries: &[&MultiPolygon<f64>]) -> LayerShapes {
        let features = geometries
            .par_iter()
            .map(|geometry| {
                let bbox = geometry
                    .bounding_rect()
                    .map(|r| [r.min().x, r.min().y, r.max().x, r.max().y])
                    .unwrap_or([0.0; 4]);
                let levels = LEVEL_TOLERANCES_M
                    .iter()
                    .map(|&tolerance| {
                        if tolerance == 0.0 {
                            shape_of(&geometry.0)
                        } else {
                            let simplified: Vec<Polygon<f64>> =
                                geometry.0.iter().map(|p| p.simplify(tolerance)).collect();
                            shape_of(&simplified)
                        }
                    })
                    .collect();
                let largest = geometry.0.iter().max_by(|a, b| {
                    use geo::Area;
                    a.unsigned_area().total_cmp(&b.unsigned_area())
                });
                let label_anchor = largest
                    .and_then(pole_of_inaccessibility)
                    .map(|(c, r)| ([c.x, c.y], r));
                FeatureShapes {
                    bbox,
                    levels,
                    label_anchor,
                }
            })
            .collect();
        LayerShapes {
            features,
            own_colours: None,
        }
    }

    /// The feature under a map position (even-odd over its full-detail rings), if any.
    pub fn feature_at(&self, pos_in_map: [f64; 2]) -> Option<usize> {
        self.feature_at_where(pos_in_map, |_| true)
    }

    /// The first feature under a map position that `keep` accepts (by index): e.g. only the
    /// differences drawn, not the hidden slivers.
    pub fn feature_at_where(
        &self,
        pos_in_map: [f64; 2],
        keep: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let [x, y] = pos_in_map;
        self.features.iter().enumerate().position(|(i, f)| {
            let b = f.bbox;
            if x < b[0] || x > b[2] || y < b[1] || y > b[3] || !keep(i) {
                return false;
            }
            point_in_rings_xy(&f.levels[0].rings, pos_in_map)
        })
    }

    /// The point to snap to near `pos_in_map` within `tolerance` (m): a vertex if one is that
    /// close, else the nearest point on an edge; for drawing lines along existing boundaries.
    pub fn snap(&self, pos_in_map: [f64; 2], tolerance: f64) -> Option<[f64; 2]> {
        let [x, y] = pos_in_map;
        let near = |b: [f64; 4]| {
            x >= b[0] - tolerance
                && x <= b[2] + tolerance
                && y >= b[1] - tolerance
                && y <= b[3] + tolerance
        };
        let mut best_vertex: Option<(f64, [f64; 2])> = None;
        let mut best_edge: Option<(f64, [f64; 2])> = None;
        for feature in self.features.iter().filter(|f| near(f.bbox)) {
            for ring in &feature.levels[0].rings {
                for w in ring.windows(2) {
                    let (a, b) = (w[0], w[1]);
                    let d = (a[0] - x).hypot(a[1] - y);
                    if d <= tolerance && best_vertex.is_none_or(|(bd, _)| d < bd) {
                        best_vertex = Some((d, a));
                    }
                    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
                    let length_squared = dx * dx + dy * dy;
                    if length_squared > 0.0 {
                        let t =
                            (((x - a[0]) * dx + (y - a[1]) * dy) / length_squared).clamp(0.0, 1.0);
                        let p = [a[0] + t * dx, a[1] + t * dy];
                        let d = (p[0] - x).hypot(p[1] - y);
                        if d <= tolerance && best_edge.is_none_or(|(bd, _)| d < bd) {
                            best_edge = Some((d, p));
                        }
                    }
                }
            }
        }
        best_vertex.or(best_edge).map(|(_, p)| p)
    }

    /// The features whose label anchor (a point well inside each) lies in the rectangle
    /// [min x, min y, max x, max y], for selecting areas by dragging a box.
    pub fn features_in_rect(&self, rect: [f64; 4]) -> Vec<usize> {
        self.features
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.label_anchor.is_some_and(|([x, y], _)| {
                    x >= rect[0] && x <= rect[2] && y >= rect[1] && y <= rect[3]
                })
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The features whose label anchor lies inside the polygon (a lasso drawn on the map).
    pub fn features_in_polygon(&self, ring: &[[f64; 2]]) -> Vec<usize> {
        let inside = |p: [f64; 2]| point_in_ring_xy(ring, p);
        if ring.len() < 3 {
            return Vec::new();
        }
        self.features
            .iter()
            .enumerate()
            .filter(|(_, f)| f.label_anchor.is_some_and(|(p, _)| inside(p)))
            .map(|(i, _)| i)
            .collect()
    }

    /// [min x, min y, max x, max y] of all features.
    pub fn bbox(&self) -> Option<[f64; 4]> {
        self.features
            .iter()
            .map(|f| f.bbox)
            .reduce(crate::model::union_box)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_feature_under_a_point_and_respects_holes() {
        let with_hole = geo::wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(4. 4.,6. 4.,6. 6.,4. 6.,4. 4.))));
        let beside = geo::wkt!(MULTIPOLYGON(((10. 0.,20. 0.,20. 10.,10. 10.,10. 0.))));
        let shapes = LayerShapes::from_geometries(&[&with_hole, &beside]);
        assert_eq!(shapes.feature_at([2.0, 2.0]), Some(0));
        assert_eq!(shapes.feature_at([5.0, 5.0]), None);
        assert_eq!(shapes.feature_at([15.0, 5.0]), Some(1));
        assert_eq!(shapes.bbox(), Some([0.0, 0.0, 20.0, 10.0]));
        assert!(!shapes.features[0].levels[0].indices.is_empty());
    }

    #[test]
    fn snapping_prefers_vertices_then_edges() {
        let square = geo::wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.))));
        let shapes = LayerShapes::from_geometries(&[&square]);
        assert_eq!(shapes.snap([9.5, 0.4], 1.0), Some([10.0, 0.0]));
        assert_eq!(shapes.snap([5.0, 0.4], 1.0), Some([5.0, 0.0]));
        assert_eq!(shapes.snap([5.0, 5.0], 1.0), None);
    }

    #[test]
    fn a_lasso_selects_the_features_it_goes_round() {
        let a = geo::wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.))));
        let b = geo::wkt!(MULTIPOLYGON(((20. 0.,30. 0.,30. 10.,20. 10.,20. 0.))));
        let shapes = LayerShapes::from_geometries(&[&a, &b]);
        assert_eq!(
            shapes.features_in_polygon(&[[-1.0, -1.0], [12.0, -1.0], [12.0, 12.0], [-1.0, 12.0]]),
            vec![0]
        );
        assert_eq!(
            shapes.features_in_rect([-1.0, -1.0, 31.0, 11.0]),
            vec![0, 1]
        );
    }

    #[test]
    fn coarser_levels_for_larger_scales() {
        assert_eq!(level_for(0.5), 0);
        assert_eq!(level_for(3.0), 1);
        assert_eq!(level_for(100.0), 3);
        assert_eq!(level_for(2000.0), 4);
    }
}
