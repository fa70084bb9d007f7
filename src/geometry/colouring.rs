//! Colouring areas for a map: neighbours clearly apart, every colour its own area while the
//! palette lasts.

use geo::MultiPolygon;

/// How different two colours look ("redmean" weighted RGB distance: cheap and close enough
/// to perception for telling palette colours apart).
pub fn colour_distance(a: [u8; 3], b: [u8; 3]) -> f64 {
    let mean_red = (f64::from(a[0]) + f64::from(b[0])) / 2.0;
    let [dr, dg, db] = [0, 1, 2].map(|k| f64::from(a[k]) - f64::from(b[k]));
    ((2.0 + mean_red / 256.0) * dr * dr
        + 4.0 * dg * dg
        + (2.0 + (255.0 - mean_red) / 256.0) * db * db)
        .sqrt()
}

/// Which geometries touch: their boxes meet and they share a vertex. Divisions from one source
/// share the vertices of their common boundaries (and ours are snapped to one grid), so this
/// finds neighbours without exact polygon tests.
pub fn touching(geometries: &[&MultiPolygon<f64>]) -> Vec<Vec<usize>> {
    use geo::BoundingRect;
    use rstar::{AABB, RTree, primitives::GeomWithData, primitives::Rectangle};
    let key = |c: &geo::Coord<f64>| ((c.x * 1000.0).round() as i64, (c.y * 1000.0).round() as i64);
    let vertices: Vec<std::collections::HashSet<(i64, i64)>> = geometries
        .iter()
        .map(|g| {
            g.0.iter()
                .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
                .flat_map(|ring| ring.0.iter().map(key))
                .collect()
        })
        .collect();
    let boxes: Vec<Option<AABB<[f64; 2]>>> = geometries
        .iter()
        .map(|g| {
            g.bounding_rect().map(|r| {
                AABB::from_corners(
                    [r.min().x - 0.01, r.min().y - 0.01],
                    [r.max().x + 0.01, r.max().y + 0.01],
                )
            })
        })
        .collect();
    let tree = RTree::bulk_load(
        boxes
            .iter()
            .enumerate()
            .filter_map(|(i, b)| b.map(|b| GeomWithData::new(Rectangle::from_aabb(b), i)))
            .collect(),
    );
    let mut neighbours = vec![Vec::new(); geometries.len()];
    for (i, b) in boxes.iter().enumerate() {
        let Some(b) = b else { continue };
        for other in tree.locate_in_envelope_intersecting(*b) {
            let j = other.data;
            if j <= i {
                continue;
            }
            let (small, large) = if vertices[i].len() < vertices[j].len() {
                (&vertices[i], &vertices[j])
            } else {
                (&vertices[j], &vertices[i])
            };
            if small.iter().any(|v| large.contains(v)) {
                neighbours[i].push(j);
                neighbours[j].push(i);
            }
        }
    }
    neighbours
}

/// Colours from `palette` such that touching areas get colours as different as the palette
/// allows, and the colours are used about equally; with no more areas than colours, every
/// area gets its own. Greedy, most-connected areas first
/// (Welsh–Powell order).
pub fn distinct_colours(geometries: &[&MultiPolygon<f64>], palette: &[[u8; 3]]) -> Vec<[u8; 3]> {
    if palette.is_empty() {
        return vec![[128, 128, 128]; geometries.len()];
    }
    let neighbours = touching(geometries);
    let mut order: Vec<usize> = (0..geometries.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(neighbours[i].len()));
    let mut chosen: Vec<Option<usize>> = vec![None; geometries.len()];
    let mut used = vec![0usize; palette.len()];
    for i in order {
        // With no more areas than colours, no two areas share one (a legend must be readable).
        let all_differ = geometries.len() <= palette.len();
        let best = (0..palette.len())
            .filter(|&c| !all_differ || used[c] == 0)
            .max_by(|&a, &b| {
                let nearest = |c: usize| {
                    neighbours[i]
                        .iter()
                        .filter_map(|&n| chosen[n])
                        .map(|n| colour_distance(palette[c], palette[n]))
                        .fold(f64::INFINITY, f64::min)
                };
                nearest(a)
                    .total_cmp(&nearest(b))
                    // Then the least used, then the palette's order.
                    .then(used[b].cmp(&used[a]))
                    .then(b.cmp(&a))
            })
            .unwrap_or(0);
        chosen[i] = Some(best);
        used[best] += 1;
    }
    chosen
        .into_iter()
        .map(|c| palette[c.unwrap_or(0)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AREA_PALETTE;

    fn square(x: f64, y: f64) -> MultiPolygon<f64> {
        MultiPolygon::new(vec![geo::Polygon::new(
            geo::LineString::from(vec![
                (x, y),
                (x + 100.0, y),
                (x + 100.0, y + 100.0),
                (x, y + 100.0),
                (x, y),
            ]),
            vec![],
        )])
    }

    #[test]
    fn touching_areas_get_clearly_different_colours() {
        // A 4 × 4 grid of squares: each touches up to eight others (corners count).
        let squares: Vec<MultiPolygon<f64>> = (0..16)
            .map(|k| square((k % 4) as f64 * 100.0, (k / 4) as f64 * 100.0))
            .collect();
        let refs: Vec<&MultiPolygon<f64>> = squares.iter().collect();
        let colours = distinct_colours(&refs, &AREA_PALETTE);
        let neighbours = touching(&refs);
        assert_eq!(neighbours[5].len(), 8);
        for (i, list) in neighbours.iter().enumerate() {
            for &j in list {
                assert!(
                    colour_distance(colours[i], colours[j]) > 150.0,
                    "{i} and {j}: {:?} {:?}",
                    colours[i],
                    colours[j]
                );
            }
        }
    }

    #[test]
    fn up_to_twelve_areas_never_share_a_colour() {
        // Six areas in a row (as the 2013 areas of Oude IJsselstreek): far apart ones too.
        let squares: Vec<MultiPolygon<f64>> =
            (0..12).map(|k| square(k as f64 * 100.0, 0.0)).collect();
        for n in [2, 6, 12] {
            let refs: Vec<&MultiPolygon<f64>> = squares.iter().take(n).collect();
            let colours = distinct_colours(&refs, &AREA_PALETTE);
            let unique: std::collections::HashSet<_> = colours.iter().collect();
            assert_eq!(unique.len(), n, "{colours:?}");
        }
    }
}
