//! The spatial index: an R-tree of feature bounding boxes, bulk-loaded once per layer.

use geo::{BoundingRect, MultiPolygon, Rect};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

/// A feature's bounding box with its index in the layer.
pub type Entry = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// Bounding boxes of a layer's features, for finding candidate pairs.
pub struct FeatureIndex {
    tree: RTree<Entry>,
}

/// The AABB of a rectangle.
pub fn aabb(rect: Rect<f64>) -> AABB<[f64; 2]> {
    AABB::from_corners([rect.min().x, rect.min().y], [rect.max().x, rect.max().y])
}

impl FeatureIndex {
    /// Indexes the geometries; empty ones are left out.
    pub fn build<'g>(geometries: impl Iterator<Item = &'g MultiPolygon<f64>>) -> FeatureIndex {
        FeatureIndex::from_boxes(geometries.map(|g| g.bounding_rect()))
    }

    /// Indexes features by their boxes, already measured (`None`: an empty feature, left out).
    pub fn from_boxes(boxes: impl Iterator<Item = Option<Rect<f64>>>) -> FeatureIndex {
        let entries = boxes
            .enumerate()
            .filter_map(|(i, rect)| {
                let rect = rect?;
                Some(GeomWithData::new(
                    Rectangle::from_corners(
                        [rect.min().x, rect.min().y],
                        [rect.max().x, rect.max().y],
                    ),
                    i,
                ))
            })
            .collect();
        FeatureIndex {
            tree: RTree::bulk_load(entries),
        }
    }

    /// The features whose bounding boxes meet `rect` (touching counts).
    pub fn candidates(&self, rect: Rect<f64>) -> impl Iterator<Item = usize> + '_ {
        self.tree
            .locate_in_envelope_intersecting(aabb(rect))
            .map(|e| e.data)
    }

    /// Like [`Self::candidates`], with the rectangle grown by `margin` on every side.
    pub fn candidates_near(
        &self,
        rect: Rect<f64>,
        margin: f64,
    ) -> impl Iterator<Item = usize> + '_ {
        let grown = Rect::new(
            geo::coord! { x: rect.min().x - margin, y: rect.min().y - margin },
            geo::coord! { x: rect.max().x + margin, y: rect.max().y + margin },
        );
        self.candidates(grown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::wkt;

    #[test]
    fn finds_only_features_whose_boxes_meet() {
        let geometries = [
            wkt!(MULTIPOLYGON(((0. 0.,1. 0.,1. 1.,0. 1.,0. 0.)))),
            wkt!(MULTIPOLYGON(((1. 0.,2. 0.,2. 1.,1. 1.,1. 0.)))),
            wkt!(MULTIPOLYGON(((5. 5.,6. 5.,6. 6.,5. 6.,5. 5.)))),
        ];
        let index = FeatureIndex::build(geometries.iter());
        let mut found: Vec<usize> = index
            .candidates(geometries[0].bounding_rect().unwrap())
            .collect();
        found.sort();
        assert_eq!(found, vec![0, 1]);
        assert_eq!(
            index
                .candidates_near(geometries[2].bounding_rect().unwrap(), 3.5)
                .count(),
            1
        );
        assert_eq!(
            index
                .candidates_near(geometries[2].bounding_rect().unwrap(), 4.0)
                .count(),
            3
        );
    }
}
