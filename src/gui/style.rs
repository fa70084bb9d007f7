//! How a division looks on the map.

use eframe::egui::Color32;

use gebieden::model::Layer;

/// Okabe–Ito colours: distinct for people with colour-blindness, and readable as outlines over
/// each other.
const PALETTE: [Color32; 7] = [
    Color32::from_rgb(0, 114, 178),
    Color32::from_rgb(213, 94, 0),
    Color32::from_rgb(0, 158, 115),
    Color32::from_rgb(204, 121, 167),
    Color32::from_rgb(230, 159, 0),
    Color32::from_rgb(86, 180, 233),
    Color32::from_rgb(120, 120, 120),
];

/// The style of one layer.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerStyle {
    pub visible: bool,
    /// Fill colour and opacity; drawn for the active layer, or always with `always_fill`.
    pub fill: Color32,
    pub always_fill: bool,
    pub outline: Color32,
    pub outline_width: f32,
    /// The attribute shown as label; `None` for no labels.
    pub label_field: Option<String>,
}

/// Fields that name an area, in order of preference, for the default label.
const NAME_FIELDS: &[&str] = &[
    "buurtnaam",
    "wijknaam",
    "naam",
    "name",
    "gemeentenaam",
    "team",
    "plaats",
    "postcode",
];

impl LayerStyle {
    /// The style as a project file keeps it.
    pub fn to_spec(&self) -> gebieden::model::LayerStyleSpec {
        gebieden::model::LayerStyleSpec {
            visible: self.visible,
            fill: self.fill.to_srgba_unmultiplied(),
            always_fill: self.always_fill,
            outline: self.outline.to_srgba_unmultiplied(),
            outline_width: self.outline_width,
            label_field: self.label_field.clone(),
        }
    }

    /// The style a project file describes.
    pub fn from_spec(spec: &gebieden::model::LayerStyleSpec) -> LayerStyle {
        let [r, g, b, a] = spec.fill;
        let [or, og, ob, oa] = spec.outline;
        LayerStyle {
            visible: spec.visible,
            fill: Color32::from_rgba_unmultiplied(r, g, b, a),
            always_fill: spec.always_fill,
            outline: Color32::from_rgba_unmultiplied(or, og, ob, oa),
            outline_width: spec.outline_width.clamp(0.0, 8.0),
            label_field: spec.label_field.clone(),
        }
    }

    /// The default style of the `n`-th layer loaded.
    pub fn default_for(layer: &Layer, n: usize) -> LayerStyle {
        let colour = PALETTE[n % PALETTE.len()];
        let label_field = NAME_FIELDS
            .iter()
            .find_map(|name| {
                layer
                    .fields
                    .iter()
                    .find(|f| f.name.eq_ignore_ascii_case(name))
            })
            .map(|f| f.name.clone())
            .or_else(|| layer.id_field.clone());
        LayerStyle {
            visible: true,
            fill: Color32::from_rgba_unmultiplied(colour.r(), colour.g(), colour.b(), 70),
            always_fill: false,
            outline: colour,
            // The base layer (usually buurten) thin; partner boundaries bolder, so they read on top.
            outline_width: if n == 0 { 1.0 } else { 2.5 },
            label_field,
        }
    }
}
