//! Label placement: candidates in priority order, each kept only if it overlaps no label kept
//! before it, so labels never cover each other.

/// A label that could be drawn: its box on screen [min x, min y, max x, max y].
#[derive(Clone, Copy, Debug)]
pub struct LabelBox {
    pub rect: [f32; 4],
}

fn overlaps(a: [f32; 4], b: [f32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Boxes already placed, bucketed in a grid so that testing a new box looks only at its
/// neighbourhood: placing stays linear for the thousands of labels of a national layer.
pub struct LabelGrid {
    cell: f32,
    buckets: std::collections::HashMap<(i32, i32), Vec<[f32; 4]>>,
}

impl LabelGrid {
    /// A grid with cells about the size of a typical label (`cell`, at least 8 units).
    pub fn new(cell: f32) -> LabelGrid {
        LabelGrid {
            cell: cell.max(8.0),
            buckets: Default::default(),
        }
    }

    fn cells(&self, r: [f32; 4]) -> impl Iterator<Item = (i32, i32)> + use<> {
        let cell = self.cell;
        let (x0, y0, x1, y1) = (
            (r[0] / cell).floor() as i32,
            (r[1] / cell).floor() as i32,
            (r[2] / cell).floor() as i32,
            (r[3] / cell).floor() as i32,
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    /// Whether `rect` overlaps a box placed before.
    pub fn collides(&self, rect: [f32; 4]) -> bool {
        self.cells(rect).any(|key| {
            self.buckets
                .get(&key)
                .is_some_and(|placed| placed.iter().any(|&p| overlaps(p, rect)))
        })
    }

    pub fn insert(&mut self, rect: [f32; 4]) {
        for key in self.cells(rect) {
            self.buckets.entry(key).or_default().push(rect);
        }
    }
}

/// Returns the indices of the candidates to draw; candidates come most important first.
pub fn place(candidates: &[LabelBox], cell: f32) -> Vec<usize> {
    let mut grid = LabelGrid::new(cell);
    let mut kept = Vec::new();
    for (i, candidate) in candidates.iter().enumerate() {
        if grid.collides(candidate.rect) {
            continue;
        }
        grid.insert(candidate.rect);
        kept.push(i);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_labels_give_way_to_earlier_ones() {
        let boxes = [
            LabelBox {
                rect: [0.0, 0.0, 50.0, 12.0],
            },
            LabelBox {
                rect: [40.0, 5.0, 90.0, 17.0],
            },
            LabelBox {
                rect: [60.0, 0.0, 100.0, 4.0],
            },
        ];
        assert_eq!(place(&boxes, 32.0), vec![0, 2]);
    }
}
