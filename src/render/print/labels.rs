//! Area labels: at the pole of inaccessibility, else the nearest place inside where they fit,
//! else outside with a leader line, else named in the legend.

use super::*;

/// Each area's label point: the pole of inaccessibility of its largest part (in parallel:
/// a national layer has thousands).
pub(super) fn label_points(spec: &MapSpec) -> Vec<Option<geo::Coord<f64>>> {
    use rayon::prelude::*;
    spec.areas
        .par_iter()
        .map(|area| {
            let largest = area
                .geometry
                .0
                .iter()
                .max_by(|x, y| x.unsigned_area().total_cmp(&y.unsigned_area()))?;
            pole_of_inaccessibility(largest).map(|(pole, _)| pole)
        })
        .collect()
}

/// Area labels at each area's pole of inaccessibility (or the nearest place in the area where
/// they fit), with a white halo, on one to four lines, shrunk to at most two thirds of the
/// normal size if that makes them fit; kept only where the whole label lies inside its own
/// area. A label that still does not fit moves out to free background beside its area, with a
/// leader line; one that finds no place is dropped and returned, for a note in the legend.
/// Labels never overlap each other, the scale bar, the north arrow or a neighbouring area.
pub(super) fn labels(
    svg: &mut String,
    spec: &MapSpec,
    frame: &Frame,
    size: f64,
    reserved: &[[f64; 4]],
    poles: &[Option<geo::Coord<f64>>],
) -> Vec<String> {
    use geo::Contains;
    let mut order: Vec<usize> = (0..spec.areas.len()).collect();
    order.sort_by(|&a, &b| {
        spec.areas[b]
            .geometry
            .unsigned_area()
            .total_cmp(&spec.areas[a].geometry.unsigned_area())
    });
    // Cells of about a label's size (mm).
    let mut placed = LabelGrid::new((size * 4.0) as f32);
    for r in reserved {
        placed.insert([r[0] as f32, r[1] as f32, r[2] as f32, r[3] as f32]);
    }
    let mut dropped = Vec::new();
    let collides = |rect: [f32; 4], placed: &LabelGrid| placed.collides(rect);
    // Points all over a label box (every half text height), in map coordinates, for
    // inside/outside tests: a long label must not cross a neighbour's arm between samples.
    let samples = |rect: [f32; 4], step: f64| -> Vec<geo::Point<f64>> {
        let (x0, y0, x1, y1) = (
            rect[0] as f64,
            rect[1] as f64,
            rect[2] as f64,
            rect[3] as f64,
        );
        let nx = ((x1 - x0) / step).ceil().max(1.0) as usize;
        let ny = ((y1 - y0) / step).ceil().max(1.0) as usize;
        (0..=nx)
            .flat_map(|i| {
                (0..=ny).map(move |j| {
                    [
                        x0 + (x1 - x0) * i as f64 / nx as f64,
                        y0 + (y1 - y0) * j as f64 / ny as f64,
                    ]
                })
            })
            .map(|p| frame.map(p))
            .map(|[x, y]| geo::Point::new(x, y))
            .collect()
    };
    let in_frame = |r: [f32; 4]| {
        r[0] as f64 >= frame.origin[0]
            && r[1] as f64 >= frame.origin[1]
            && r[2] as f64 <= frame.origin[0] + frame.size[0]
            && r[3] as f64 <= frame.origin[1] + frame.size[1]
    };
    let rect_of = |lines: &[String], [x, y]: [f64; 2], size: f64| {
        let width = lines
            .iter()
            .map(|l| text_width_mm(l, size, true))
            .fold(0.0, f64::max)
            + size * 0.3;
        let height = size * 1.2 * lines.len() as f64;
        [
            (x - width / 2.0) as f32,
            (y - height / 2.0) as f32,
            (x + width / 2.0) as f32,
            (y + height / 2.0) as f32,
        ]
    };
    for index in order {
        let area = &spec.areas[index];
        let Some(pole) = poles[index] else {
            continue;
        };
        let anchor = frame.page([pole.x, pole.y]);
        let chars = area.name.chars().count().max(1);
        let layouts: Vec<Vec<String>> = (1..=4)
            .map(|n| {
                if n == 1 {
                    vec![area.name.clone()]
                } else {
                    wrap(&area.name, chars.div_ceil(n) + 2)
                }
            })
            .collect();
        // Inside: the pole first, then other points of the area nearest to it.
        let mut positions = vec![anchor];
        if let Some(r) = area.geometry.bounding_rect() {
            let (top_left, bottom_right) = (
                frame.page([r.min().x, r.max().y]),
                frame.page([r.max().x, r.min().y]),
            );
            let step = size;
            let mut y = top_left[1];
            while y <= bottom_right[1] {
                let mut x = top_left[0];
                while x <= bottom_right[0] {
                    positions.push([x, y]);
                    x += step;
                }
                y += step;
            }
            positions[1..].sort_by(|a, b| {
                (a[0] - anchor[0])
                    .hypot(a[1] - anchor[1])
                    .total_cmp(&(b[0] - anchor[0]).hypot(b[1] - anchor[1]))
            });
            positions.truncate(6000);
        }
        let mut spot: Option<(Vec<String>, [f32; 4], f64, bool)> = None;
        let area_box = area
            .geometry
            .bounding_rect()
            .map(|r| {
                (
                    (r.max().x - r.min().x) * frame.mm_per_m,
                    (r.max().y - r.min().y) * frame.mm_per_m,
                )
            })
            .unwrap_or((0.0, 0.0));
        'inside: for scale in [1.0, 0.85, 0.7] {
            let size = size * scale;
            for lines in &layouts {
                // A label larger than the area's box cannot fit anywhere inside it.
                let probe = rect_of(lines, anchor, size);
                if (probe[2] - probe[0]) as f64 > area_box.0
                    || (probe[3] - probe[1]) as f64 > area_box.1
                {
                    continue;
                }
                for &at in &positions {
                    let rect = rect_of(lines, at, size);
                    if in_frame(rect)
                        && !collides(rect, &placed)
                        && samples(rect, size * 0.5)
                            .iter()
                            .all(|p| area.geometry.contains(p))
                    {
                        spot = Some((lines.clone(), rect, size, false));
                        break 'inside;
                    }
                }
            }
        }
        // On maps with hundreds of areas the leaders would be a tangle: small areas go unlabelled.
        if spot.is_none() && spec.areas.len() <= MAX_LEADERS {
            // Outside: free background around the area, nearest first.
            let lines = layouts[1.min(layouts.len() - 1)].clone();
            let probe = rect_of(&lines, anchor, size);
            let (w, h) = ((probe[2] - probe[0]) as f64, (probe[3] - probe[1]) as f64);
            'outside: for distance in [1.0, 1.5, 2.0, 2.8, 3.8, 5.0, 6.5, 8.5] {
                for k in 0..24 {
                    let angle = k as f64 * std::f64::consts::TAU / 24.0;
                    let at = [
                        anchor[0] + angle.cos() * (w / 2.0 + size * 2.0) * distance,
                        anchor[1] + angle.sin() * (h / 2.0 + size * 2.0) * distance,
                    ];
                    let rect = rect_of(&lines, at, size);
                    if in_frame(rect)
                        && !collides(rect, &placed)
                        && samples(rect, size * 0.5)
                            .iter()
                            .all(|p| spec.areas.iter().all(|a| !a.geometry.contains(p)))
                    {
                        spot = Some((lines.clone(), rect, size, true));
                        break 'outside;
                    }
                }
            }
        }
        let Some((lines, rect, size, leader)) = spot else {
            dropped.push(area.name.clone());
            continue;
        };
        placed.insert(rect);
        let centre = [
            (rect[0] as f64 + rect[2] as f64) / 2.0,
            (rect[1] as f64 + rect[3] as f64) / 2.0,
        ];
        if leader {
            // The leader ends at the label's nearest edge.
            let end = [
                centre[0],
                if anchor[1] < centre[1] {
                    rect[1] as f64
                } else {
                    rect[3] as f64
                },
            ];
            let _ = writeln!(
                svg,
                r##"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="#222222" stroke-width="{:.2}"/><circle cx="{:.2}" cy="{:.2}" r="{:.2}" fill="#222222"/>"##,
                anchor[0],
                anchor[1],
                end[0],
                end[1],
                size * 0.06,
                anchor[0],
                anchor[1],
                size * 0.15
            );
        }
        // One text element per label (a line per tspan), so the name is one object in the SVG.
        let line_height = size * 1.2;
        let top = rect[1] as f64 + line_height * 0.8;
        let _ = write!(
            svg,
            r##"<text font-size="{size:.2}" font-weight="bold" text-anchor="middle" fill="#111111" stroke="#ffffff" stroke-width="{:.2}" stroke-linejoin="round" paint-order="stroke">"##,
            size * 0.25,
        );
        for (i, line) in lines.iter().enumerate() {
            let _ = write!(
                svg,
                r#"<tspan x="{:.2}" y="{:.2}">{}</tspan>"#,
                centre[0],
                top + line_height * i as f64,
                escape(line)
            );
        }
        svg.push_str("</text>\n");
    }
    dropped
}
