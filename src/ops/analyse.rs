//! The analysis a user runs: overlaps, gaps and slivers in each division, crosswalk, fit and
//! atlas between them, with the project's settings (sliver width, weight field, extent).

use std::borrow::Borrow;

use std::sync::Mutex;

use crate::analysis::{Analysis, AnalysisCache, AnalysisOptions, Ready, analyse_streaming};
use crate::model::{AnalysisSettings, Layer};

/// Why an analysis cannot run with these settings.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnalyseError {
    #[error("no divisions to analyse")]
    NoDivisions,
    #[error("no layer has the weight field '{0}'")]
    NoWeightField(String),
    #[error("the sliver width must be a number of metres of 0 or more, not {0}")]
    BadSliverWidth(f64),
}

/// The analysis options for the divisions that remain once the extent is taken out: the base
/// layer's index is moved down past it.
pub fn analysis_options(settings: &AnalysisSettings, base_layer: Option<usize>) -> AnalysisOptions {
    let extent = settings.extent_layer;
    AnalysisOptions {
        sliver_width_m: settings.sliver_width_m,
        weight_field: settings
            .weight_field
            .clone()
            .filter(|f| !f.trim().is_empty()),
        base_layer: base_layer
            .filter(|&b| Some(b) != extent)
            .map(|b| b - usize::from(extent.is_some_and(|e| e < b))),
        ..AnalysisOptions::default()
    }
}

/// Analyses `layers` as a project holds them: the layer `settings.extent_layer` (if any) is
/// the territory the others should cover, not a division; `base_layer` gets the atlas.
pub fn analyse_layers<L: Borrow<Layer>>(
    layers: &[L],
    base_layer: Option<usize>,
    settings: &AnalysisSettings,
) -> Result<Analysis, AnalyseError> {
    analyse_layers_with_cache(layers, base_layer, settings, None)
}

/// [`analyse_layers`] taking unchanged layers' and pairs' results from `cache` (see
/// [`analyse_with_cache`]).
pub fn analyse_layers_with_cache<L: Borrow<Layer>>(
    layers: &[L],
    base_layer: Option<usize>,
    settings: &AnalysisSettings,
    cache: Option<&Mutex<AnalysisCache>>,
) -> Result<Analysis, AnalyseError> {
    analyse_layers_streaming(layers, base_layer, settings, cache, &|_| {})
}

/// [`analyse_layers_with_cache`] handing each part of the result to `ready` as soon as it is
/// complete (see [`analyse_streaming`]).
pub fn analyse_layers_streaming<L: Borrow<Layer>>(
    layers: &[L],
    base_layer: Option<usize>,
    settings: &AnalysisSettings,
    cache: Option<&Mutex<AnalysisCache>>,
    ready: &(dyn Fn(Ready<'_>) + Sync),
) -> Result<Analysis, AnalyseError> {
    Ok(CheckedRun::of(layers, base_layer, settings)?.run(cache, ready))
}

/// An analysis whose settings have been checked against its layers, ready to run: a caller
/// that writes files can refuse bad settings before it makes a folder for them.
pub(crate) struct CheckedRun<'l> {
    divisions: Vec<&'l Layer>,
    extent: Option<&'l Layer>,
    options: AnalysisOptions,
}

impl<'l> CheckedRun<'l> {
    pub(crate) fn of<L: Borrow<Layer>>(
        layers: &'l [L],
        base_layer: Option<usize>,
        settings: &AnalysisSettings,
    ) -> Result<CheckedRun<'l>, AnalyseError> {
        if !(settings.sliver_width_m.is_finite() && settings.sliver_width_m >= 0.0) {
            return Err(AnalyseError::BadSliverWidth(settings.sliver_width_m));
        }
        let extent_index = settings.extent_layer.filter(|&e| e < layers.len());
        let divisions: Vec<&Layer> = layers
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != extent_index)
            .map(|(_, l)| l.borrow())
            .collect();
        if divisions.is_empty() {
            return Err(AnalyseError::NoDivisions);
        }
        let options = analysis_options(
            &AnalysisSettings {
                extent_layer: extent_index,
                ..settings.clone()
            },
            base_layer,
        );
        if let Some(field) = &options.weight_field
            && !divisions.iter().any(|l| l.field_index(field).is_some())
        {
            return Err(AnalyseError::NoWeightField(field.clone()));
        }
        let extent = extent_index.map(|e| layers[e].borrow());
        Ok(CheckedRun {
            divisions,
            extent,
            options,
        })
    }

    pub(crate) fn run(
        &self,
        cache: Option<&Mutex<AnalysisCache>>,
        ready: &(dyn Fn(Ready<'_>) + Sync),
    ) -> Analysis {
        analyse_streaming(&self.divisions, self.extent, &self.options, cache, ready)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Crs;

    fn square(name: &str, x: f64) -> Layer {
        let polygon = geo::Polygon::new(
            geo::LineString::from(vec![
                (x, 0.),
                (x + 10., 0.),
                (x + 10., 10.),
                (x, 10.),
                (x, 0.),
            ]),
            vec![],
        );
        Layer::from_geometries(
            name,
            Crs::RD_NEW,
            [("a".to_string(), geo::MultiPolygon::new(vec![polygon]))],
        )
    }

    #[test]
    fn the_extent_is_no_division_and_the_base_index_moves_past_it() {
        let layers = [
            square("grens", 0.),
            square("buurten", 0.),
            square("politie", 5.),
        ];
        let settings = AnalysisSettings {
            extent_layer: Some(0),
            ..AnalysisSettings::default()
        };
        let analysis = analyse_layers(&layers, Some(1), &settings).unwrap();
        let names: Vec<&str> = analysis.layers.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["buurten", "politie"]);
        assert_eq!(analysis.settings.base.as_deref(), Some("buurten"));
        // Politie leaves half the extent uncovered.
        assert!(analysis.layers[1].gaps.area_m2 > 49.0);
    }

    #[test]
    fn a_weight_field_no_layer_has_is_refused() {
        let settings = AnalysisSettings {
            weight_field: Some("inwoners".into()),
            ..AnalysisSettings::default()
        };
        assert_eq!(
            analyse_layers(&[square("a", 0.)], None, &settings).unwrap_err(),
            AnalyseError::NoWeightField("inwoners".into())
        );
    }
}
