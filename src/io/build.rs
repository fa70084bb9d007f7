//! The pipeline every reader feeds: validate, reproject, orient, pick ids.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use geo::orient::{Direction, Orient};
use geo::{Coord, LineString, MultiPolygon, Polygon};
use rayon::prelude::*;

use super::validate::polygon_problems;
use super::{LoadErrorKind, LoadOptions, Reprojector};
use crate::model::CrsProblem;
use crate::model::{
    Crs, Feature, Field, GeometryProblem, Layer, LayerNote, SourceFormat, Value, WORKING_GRID_M,
};

/// A polygon as rings of source coordinates, outer ring first, exactly as read.
pub(crate) type RawPolygon = Vec<Vec<Coord<f64>>>;

/// What a reader found in one record's geometry.
#[derive(Debug)]
pub(crate) enum RawGeometry {
    /// Polygons, with the source's type name ("Polygon", "MultiPolygon", …).
    Polygons {
        type_name: String,
        polygons: Vec<RawPolygon>,
    },
    /// Something that is not an area (points, lines), by type name.
    Other(String),
    /// No geometry at all (null).
    Missing,
}

/// One record as a reader found it.
#[derive(Debug)]
pub(crate) struct RawFeature {
    /// The format's own feature id (GeoJSON `id`, GeoPackage primary key), if any.
    pub native_id: Option<String>,
    pub attributes: Vec<Value>,
    pub geometry: RawGeometry,
}

/// One layer as a reader found it, before validation and reprojection.
#[derive(Debug)]
pub(crate) struct RawLayer {
    pub name: String,
    pub format: SourceFormat,
    /// The CRS the file declares; `Err` holds why it could not be placed.
    pub crs: Result<Crs, String>,
    pub fields: Vec<Field>,
    pub features: Vec<RawFeature>,
    /// What the native id is called, for `id_field` in reports (e.g. "fid").
    pub native_id_name: Option<String>,
    /// What the reader wants the user to know (features left out, curves segmented).
    pub notes: Vec<LayerNote>,
}

/// Code fields Dutch divisions use as ids, in order of preference.
pub const ID_FIELD_CANDIDATES: &[&str] = &[
    "buurtcode",
    "bu_code",
    "wijkcode",
    "wk_code",
    "gemeentecode",
    "gm_code",
    "statcode",
    "postcode",
    "pc4",
    "code",
    "id",
    // The agreed areas gebieden writes (and divisions made from tables) are named by this.
    "gebied",
];

pub(crate) fn build_layer(
    mut raw: RawLayer,
    path: &Path,
    options: &LoadOptions,
) -> Result<Layer, LoadErrorKind> {
    if raw.features.is_empty() {
        return Err(LoadErrorKind::NoFeatures);
    }
    let mut geometry_types: BTreeMap<String, usize> = BTreeMap::new();
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    for feature in &raw.features {
        match &feature.geometry {
            RawGeometry::Polygons { type_name, .. } => {
                *geometry_types.entry(type_name.clone()).or_default() += 1
            }
            RawGeometry::Other(type_name) => {
                *geometry_types.entry(type_name.clone()).or_default() += 1;
                *skipped.entry(type_name.clone()).or_default() += 1;
            }
            RawGeometry::Missing => *skipped.entry("no geometry".into()).or_default() += 1,
        }
    }
    if skipped.values().sum::<usize>() == raw.features.len() {
        let summary = skipped
            .iter()
            .map(|(kind, n)| format!("{n} × {kind}"))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(LoadErrorKind::NoPolygons(format!(
            "{summary}; gebieden compares areas, so a division must be polygons"
        )));
    }

    let source_crs = match (options.crs_override, &raw.crs) {
        (Some(crs), _) => crs,
        (None, Ok(crs)) => *crs,
        (None, Err(why)) => {
            return Err(LoadErrorKind::Crs(CrsProblem::Unknown {
                why: why.clone(),
                looks_like: guess(&raw.features),
            }));
        }
    };
    check_plausible(&raw.features, source_crs, options.crs_override.is_some())?;
    let reprojector = Reprojector::new(source_crs, options.working_crs)
        .map_err(|e| LoadErrorKind::Crs(CrsProblem::Reproject(e.to_string())))?;

    let (id_choice, id_note) = choose_ids(&raw, options)?;
    let notes = std::mem::take(&mut raw.notes);
    let polygon_features: Vec<_> = raw
        .features
        .into_iter()
        .enumerate()
        .filter_map(|(index, f)| match f.geometry {
            RawGeometry::Polygons { polygons, .. } => {
                Some((index, f.native_id, f.attributes, polygons))
            }
            _ => None,
        })
        .collect();

    let features = polygon_features
        .into_par_iter()
        .map(|(index, native_id, attributes, polygons)| {
            let id = match &id_choice {
                IdChoice::Field(column) => attributes[*column].to_string(),
                IdChoice::Native => native_id.unwrap_or_default(),
                IdChoice::Index => index.to_string(),
            };
            let problems: Vec<GeometryProblem> = polygons
                .iter()
                .enumerate()
                .flat_map(|(i, p)| polygon_problems(i, p))
                .collect();
            let geometry = to_working_geometry(&polygons, reprojector.as_ref()).map_err(|e| {
                LoadErrorKind::Feature {
                    feature: id.clone(),
                    reason: e.to_string(),
                }
            })?;
            Ok(Feature {
                id,
                attributes,
                geometry,
                problems,
            })
        })
        .collect::<Result<Vec<_>, LoadErrorKind>>()?;

    Ok(Layer {
        table: (raw.format == SourceFormat::GeoPackage).then(|| raw.name.clone()),
        name: raw.name,
        source: PathBuf::from(path),
        format: raw.format,
        source_crs,
        working_crs: options.working_crs,
        id_field: match id_choice {
            IdChoice::Field(column) => Some(raw.fields[column].name.clone()),
            IdChoice::Native => raw.native_id_name,
            IdChoice::Index => None,
        },
        fields: raw.fields,
        features,
        geometry_types,
        skipped,
        notes: notes.into_iter().chain(id_note).collect(),
    })
}

enum IdChoice {
    Field(usize),
    Native,
    Index,
}

/// Picks where ids come from: the named field, else the first usual code field whose values
/// are present and unique, else the format's own ids, else the feature index. Own ids that are
/// not unique come back as a note: the user may have counted on them.
fn choose_ids(
    raw: &RawLayer,
    options: &LoadOptions,
) -> Result<(IdChoice, Option<LayerNote>), LoadErrorKind> {
    let column_of = |name: &str| {
        raw.fields
            .iter()
            .position(|f| f.name.eq_ignore_ascii_case(name))
    };
    if let Some(name) = &options.id_field {
        let column = column_of(name).ok_or_else(|| {
            let names: Vec<&str> = raw.fields.iter().map(|f| f.name.as_str()).collect();
            LoadErrorKind::IdField(format!(
                "id field '{name}' does not exist; fields are: {}",
                names.join(", ")
            ))
        })?;
        return match first_duplicate(&raw.features, column) {
            None => Ok((IdChoice::Field(column), None)),
            Some(Duplicate::Empty(i)) => Err(LoadErrorKind::IdField(format!(
                "id field '{name}' is empty for feature {i}"
            ))),
            Some(Duplicate::Value(v)) => Err(LoadErrorKind::IdField(format!(
                "id field '{name}' is not unique: '{v}' occurs more than once"
            ))),
        };
    }
    for candidate in ID_FIELD_CANDIDATES {
        if let Some(column) = column_of(candidate)
            && first_duplicate(&raw.features, column).is_none()
        {
            return Ok((IdChoice::Field(column), None));
        }
    }
    let mut seen = HashSet::new();
    let mut repeated = None;
    let mut missing = 0;
    for feature in &raw.features {
        match &feature.native_id {
            Some(id) if !seen.insert(id.as_str()) => {
                repeated.get_or_insert(id.as_str());
            }
            Some(_) => {}
            None => missing += 1,
        }
    }
    Ok(match (repeated, missing) {
        (None, 0) => (IdChoice::Native, None),
        // No own ids at all: numbering is what anyone would expect.
        _ if seen.is_empty() => (IdChoice::Index, None),
        (Some(id), _) => (
            IdChoice::Index,
            Some(LayerNote::RepeatedIds(id.to_string())),
        ),
        (None, missing) => (IdChoice::Index, Some(LayerNote::MissingIds(missing))),
    })
}

enum Duplicate {
    Empty(usize),
    Value(String),
}

fn first_duplicate(features: &[RawFeature], column: usize) -> Option<Duplicate> {
    let mut seen = HashSet::new();
    for (i, feature) in features.iter().enumerate() {
        let value = feature.attributes.get(column).unwrap_or(&Value::Null);
        if value.is_null() || value.to_string().trim().is_empty() {
            return Some(Duplicate::Empty(i));
        }
        if !seen.insert(value.to_string()) {
            return Some(Duplicate::Value(value.to_string()));
        }
    }
    None
}

fn finite_bounds(features: &[RawFeature]) -> Option<([f64; 2], [f64; 2])> {
    let mut bounds: Option<([f64; 2], [f64; 2])> = None;
    for feature in features {
        let RawGeometry::Polygons { polygons, .. } = &feature.geometry else {
            continue;
        };
        for c in polygons.iter().flatten().flatten() {
            if !(c.x.is_finite() && c.y.is_finite()) {
                continue;
            }
            let b = bounds.get_or_insert(([c.x, c.y], [c.x, c.y]));
            b.0[0] = b.0[0].min(c.x);
            b.0[1] = b.0[1].min(c.y);
            b.1[0] = b.1[0].max(c.x);
            b.1[1] = b.1[1].max(c.y);
        }
    }
    bounds
}

fn fits(bounds: ([f64; 2], [f64; 2]), crs: Crs) -> bool {
    let (min, max) = crs.plausible_extent();
    // Rounding in the writer: world files reach x = 180.00000000000006.
    let slack = |limit: f64| limit.abs().max(1.0) * 1e-9;
    bounds.0[0] >= min[0] - slack(min[0])
        && bounds.0[1] >= min[1] - slack(min[1])
        && bounds.1[0] <= max[0] + slack(max[0])
        && bounds.1[1] <= max[1] + slack(max[1])
}

/// The CRS the coordinates look like, for error messages: longitude/latitude or RD New.
fn guess(features: &[RawFeature]) -> Option<Crs> {
    let bounds = finite_bounds(features)?;
    [Crs::WGS84, Crs::RD_NEW]
        .into_iter()
        .find(|&crs| fits(bounds, crs))
}

/// Refuses coordinates that cannot be in the declared CRS, such as RD metres in a file that
/// says (or, as RFC 7946 GeoJSON, implies) longitude/latitude.
fn check_plausible(
    features: &[RawFeature],
    crs: Crs,
    overridden: bool,
) -> Result<(), LoadErrorKind> {
    let Some(bounds) = finite_bounds(features) else {
        return Ok(());
    };
    if fits(bounds, crs) {
        return Ok(());
    }
    Err(LoadErrorKind::Crs(CrsProblem::Implausible {
        min: bounds.0,
        max: bounds.1,
        crs,
        given: overridden,
        looks_like: guess(features),
    }))
}

/// Builds the working-CRS multipolygon: reprojected, snapped to the 1 mm working grid,
/// non-finite coordinates dropped (the
/// feature is already flagged for them), exterior rings counter-clockwise and holes clockwise
/// so that area sums and unions agree across formats.
fn to_working_geometry(
    polygons: &[RawPolygon],
    reprojector: Option<&Reprojector>,
) -> Result<MultiPolygon<f64>, super::ReprojectError> {
    let mut parts = Vec::with_capacity(polygons.len());
    for polygon in polygons {
        let mut rings = Vec::with_capacity(polygon.len());
        for ring in polygon {
            let mut coords: Vec<Coord<f64>> = ring
                .iter()
                .copied()
                .filter(|c| c.x.is_finite() && c.y.is_finite())
                .collect();
            if let Some(r) = reprojector {
                r.project_in_place(&mut coords)?;
            }
            for c in coords.iter_mut() {
                c.x = (c.x / WORKING_GRID_M).round() * WORKING_GRID_M;
                c.y = (c.y / WORKING_GRID_M).round() * WORKING_GRID_M;
            }
            rings.push(LineString::new(coords));
        }
        let mut rings = rings.into_iter();
        let Some(exterior) = rings.next() else {
            continue;
        };
        if exterior.0.len() < 3 {
            continue;
        }
        let holes = rings.filter(|r| r.0.len() >= 3).collect();
        parts.push(Polygon::new(exterior, holes).orient(Direction::Default));
    }
    Ok(MultiPolygon::new(parts))
}

#[cfg(test)]
mod plausibility_tests {
    use super::*;

    #[test]
    fn world_files_rounded_past_180_degrees_fit() {
        let world = ([-180.00000000000006, -90.0], [180.00000000000006, 90.0]);
        assert!(fits(world, Crs::WGS84));
        assert!(!fits(([-180.1, -90.0], [180.0, 90.0]), Crs::WGS84));
    }
}
