//! A partner division nested in the base units (a layer made by "Nesten"): its
//! worst-fitting areas, and the button that makes it the composition to paint from ("Begin met
//! politie-indeling").

use eframe::egui;

use gebieden::model::{Composition, Layer};

use super::app::{Action, GebiedenApp};

/// Whether a layer is a nest (it carries the fields `nest` writes).
pub fn is_nest(layer: &Layer) -> bool {
    layer.field_index("misfit_share").is_some() && layer.field_index("units").is_some()
}

/// The composition a nest describes: one area per partner area that holds units, named by its
/// id, with those units.
pub fn composition_of_nest(layer: &Layer) -> Option<Composition> {
    let units_column = layer.field_index("units")?;
    let id_column = layer.field_index("partner_id");
    let mut composition = Composition::default();
    for feature in &layer.features {
        let name = id_column
            .and_then(|c| feature.attributes.get(c))
            .map(|v| v.to_string())
            .unwrap_or_else(|| feature.id.clone());
        let units = feature
            .attributes
            .get(units_column)
            .map(|v| v.to_string())
            .unwrap_or_default();
        let units: Vec<&str> = units.split_whitespace().collect();
        if units.is_empty() || composition.add_area(&name).is_err() {
            continue;
        }
        for unit in units {
            composition.assignment.insert(unit.to_string(), name.clone());
        }
    }
    (!composition.areas.is_empty()).then_some(composition)
}

/// The active layer's worst fits, when it is a nest.
pub fn ui(app: &mut GebiedenApp, ui: &mut egui::Ui) {
    let t = app.t();
    let Some(index) = app.active_layer else {
        return;
    };
    let Some(layer) = app.layers.get(index).map(|l| l.layer.clone()) else {
        return;
    };
    if !is_nest(&layer) {
        return;
    }
    let Some(share_column) = layer.field_index("misfit_share") else {
        return;
    };
    ui.heading(t.worst_fits);
    let mut rows: Vec<(f64, usize)> = layer
        .features
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.attributes.get(share_column).and_then(|v| v.as_f64()).map(|s| (s, i)))
        .collect();
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    egui::Grid::new("worst-fits").striped(true).num_columns(2).show(ui, |ui| {
        for &(share, i) in rows.iter().take(10) {
            let feature = &layer.features[i];
            if ui.link(&feature.id).clicked()
                && let Some(rect) = geo::BoundingRect::bounding_rect(&feature.geometry)
            {
                app.actions.push(Action::ZoomTo([rect.min().x, rect.min().y, rect.max().x, rect.max().y]));
            }
            ui.label(format!("{:.1} % {}", share * 100.0, t.misfit));
            ui.end_row();
        }
    });
    if ui
        .button(format!("{} {}", t.start_from, layer.name))
        .on_hover_text(t.start_from_hint)
        .clicked()
    {
        app.actions.push(Action::StartFromNest(index));
    }
    ui.separator();
}
