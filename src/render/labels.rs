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

/// Returns the indices of the candidates to draw; candidates come most important first.
/// A grid of buckets keeps this linear for the thousands of labels of a national layer.
pub fn place(candidates: &[LabelBox], cell: f32) -> Vec<usize> {
    use std::collections::HashMap;
    let cell = cell.max(8.0);
    let mut grid: HashMap<(i32, i32), Vec<[f32; 4]>> = HashMap::new();
    let mut kept = Vec::new();
    for (i, candidate) in candidates.iter().enumerate() {
        let r = candidate.rect;
        let (x0, y0, x1, y1) = (
            (r[0] / cell).floor() as i32,
            (r[1] / cell).floor() as i32,
            (r[2] / cell).floor() as i32,
            (r[3] / cell).floor() as i32,
        );
        let cells = || (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)));
        let blocked = cells().any(|key| {
            grid.get(&key)
                .is_some_and(|placed| placed.iter().any(|&p| overlaps(p, r)))
        });
        if blocked {
            continue;
        }
        for key in cells() {
            grid.entry(key).or_default().push(r);
        }
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
