//! The crosswalk and atlas as sortable tables in their own windows, with CSV export.

use std::cmp::Ordering;

use eframe::egui;
use egui_extras::{Column, TableBuilder};

use gebieden::analysis::{Atlas, CrosswalkRow, CrosswalkRows};

use super::app::{Action, GebiedenApp};

/// Sort order of one table, and the row order it gives (cached: national crosswalks have tens
/// of thousands of rows).
#[derive(Default)]
pub struct Sorted {
    pub column: usize,
    pub descending: bool,
    order: Vec<usize>,
    /// The rows the order was made for (identity and length), to notice a new analysis.
    made_for: (usize, usize),
}

impl Sorted {
    fn order(
        &mut self,
        rows: usize,
        identity: usize,
        compare: impl Fn(usize, usize, usize) -> Ordering,
    ) -> &[usize] {
        if self.made_for != (identity, rows) || self.order.len() != rows {
            let mut order: Vec<usize> = (0..rows).collect();
            order.sort_by(|&a, &b| {
                let o = compare(self.column, a, b);
                if self.descending { o.reverse() } else { o }
            });
            self.order = order;
            self.made_for = (identity, rows);
        }
        &self.order
    }

    fn click(&mut self, column: usize) {
        if self.column == column {
            self.descending = !self.descending;
        } else {
            self.column = column;
            self.descending = column >= 4;
        }
        self.made_for = (0, 0);
    }
}

/// Sorting state of both tables.
#[derive(Default)]
pub struct TableState {
    pub crosswalk: Sorted,
    pub atlas: Sorted,
}

const CROSSWALK_COLUMNS: [&str; 8] = [
    "layer_a", "id_a", "layer_b", "id_b", "area_m2", "share_a", "share_b", "sliver",
];

fn crosswalk_cell(row: &CrosswalkRow, column: usize) -> String {
    match column {
        0 => row.layer_a.clone(),
        1 => row.id_a.clone(),
        2 => row.layer_b.clone(),
        3 => row.id_b.clone(),
        4 => format!("{:.0}", row.area_m2),
        5 => format!("{:.3}", row.share_a),
        6 => format!("{:.3}", row.share_b),
        _ => {
            if row.sliver {
                "x".into()
            } else {
                String::new()
            }
        }
    }
}

fn compare_crosswalk(rows: &CrosswalkRows, column: usize, a: usize, b: usize) -> Ordering {
    let (Some(x), Some(y)) = (rows.get(a), rows.get(b)) else {
        return Ordering::Equal;
    };
    match column {
        4 => x.area_m2.total_cmp(&y.area_m2),
        5 => x.share_a.total_cmp(&y.share_a),
        6 => x.share_b.total_cmp(&y.share_b),
        7 => x.sliver.cmp(&y.sliver),
        c => crosswalk_cell(x, c).cmp(&crosswalk_cell(y, c)),
    }
}

fn save_dialog(name: &str) -> Option<std::path::PathBuf> {
    rfd::FileDialog::new()
        .set_file_name(name)
        .add_filter("CSV", &["csv"])
        .save_file()
}

fn header_button(ui: &mut egui::Ui, sorted: &Sorted, column: usize, title: &str) -> bool {
    let arrow = if sorted.column == column {
        if sorted.descending { " ↓" } else { " ↑" }
    } else {
        ""
    };
    ui.button(format!("{title}{arrow}")).clicked()
}

/// Shows the table windows that are open.
pub fn windows(app: &mut GebiedenApp, ctx: &egui::Context) {
    let t = app.t();
    let Some(view) = &app.analysis else { return };
    let analysis = view.analysis.clone();
    if app.show_crosswalk {
        let mut open = true;
        egui::Window::new(t.crosswalk)
            .open(&mut open)
            .default_size([640.0, 420.0])
            .show(ctx, |ui| {
                if ui.button(t.save_csv).clicked()
                    && let Some(path) = save_dialog("crosswalk.csv")
                {
                    app.actions.push(Action::SaveCrosswalk(path));
                }
                let rows = &analysis.crosswalk;
                let sorted = &mut app.tables.crosswalk;
                let mut clicked = None;
                TableBuilder::new(ui)
                    .striped(true)
                    .columns(Column::auto().at_least(60.0), CROSSWALK_COLUMNS.len())
                    .header(22.0, |mut header| {
                        for (c, title) in CROSSWALK_COLUMNS.iter().enumerate() {
                            header.col(|ui| {
                                if header_button(ui, sorted, c, title) {
                                    clicked = Some(c);
                                }
                            });
                        }
                    })
                    .body(|body| {
                        let order = sorted.order(rows.len(), rows.identity(), |c, a, b| {
                            compare_crosswalk(rows, c, a, b)
                        });
                        body.rows(18.0, order.len(), |mut row| {
                            let Some(r) = rows.get(order[row.index()]) else {
                                return;
                            };
                            for c in 0..CROSSWALK_COLUMNS.len() {
                                row.col(|ui| {
                                    ui.label(crosswalk_cell(r, c));
                                });
                            }
                        });
                    });
                if let Some(c) = clicked {
                    sorted.click(c);
                }
            });
        app.show_crosswalk = open;
    }
    if app.show_atlas {
        let mut open = true;
        egui::Window::new(t.atlas)
            .open(&mut open)
            .default_size([640.0, 420.0])
            .show(ctx, |ui| {
                let Some(atlas) = &analysis.atlas else {
                    ui.label(t.no_atlas);
                    return;
                };
                if ui.button(t.save_csv).clicked()
                    && let Some(path) = save_dialog("atlas.csv")
                {
                    app.actions.push(Action::SaveAtlas(path));
                }
                atlas_table(ui, atlas, &mut app.tables.atlas);
            });
        app.show_atlas = open;
    }
}

fn atlas_cell(atlas: &Atlas, row: usize, column: usize) -> String {
    let r = &atlas.rows[row];
    if column == 0 {
        return r.unit.clone();
    }
    let layer = (column - 1) / 2;
    if column % 2 == 1 {
        r.best[layer].clone().unwrap_or_default()
    } else {
        format!("{:.2}", r.share[layer])
    }
}

fn atlas_table(ui: &mut egui::Ui, atlas: &Atlas, sorted: &mut Sorted) {
    let mut titles = vec![atlas.base.clone()];
    for layer in &atlas.layers {
        titles.push(layer.clone());
        titles.push(format!("{layer}_share"));
    }
    let mut clicked = None;
    TableBuilder::new(ui)
        .striped(true)
        .columns(Column::auto().at_least(60.0), titles.len())
        .header(22.0, |mut header| {
            for (c, title) in titles.iter().enumerate() {
                header.col(|ui| {
                    if header_button(ui, sorted, c, title) {
                        clicked = Some(c);
                    }
                });
            }
        })
        .body(|body| {
            let order = sorted.order(atlas.rows.len(), atlas.rows.as_ptr() as usize, |c, a, b| {
                if c > 0 && c % 2 == 0 {
                    let layer = (c - 1) / 2;
                    atlas.rows[a].share[layer].total_cmp(&atlas.rows[b].share[layer])
                } else {
                    atlas_cell(atlas, a, c).cmp(&atlas_cell(atlas, b, c))
                }
            });
            body.rows(18.0, order.len(), |mut row| {
                let r = order[row.index()];
                for c in 0..titles.len() {
                    row.col(|ui| {
                        ui.label(atlas_cell(atlas, r, c));
                    });
                }
            });
        });
    if let Some(c) = clicked {
        sorted.click(c);
    }
}
