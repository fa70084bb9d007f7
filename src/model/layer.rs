use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use geo::{Area, BoundingRect, Rect};
use serde::{Deserialize, Serialize};

use super::{Crs, Feature, Field, Value};

/// The smallest box [min x, min y, max x, max y] holding both boxes.
pub fn union_box(a: [f64; 4], b: [f64; 4]) -> [f64; 4] {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

/// The box [min x, min y, max x, max y] around geometries, if there are any.
pub fn bounding_box<'g>(
    geometries: impl IntoIterator<Item = &'g geo::MultiPolygon<f64>>,
) -> Option<[f64; 4]> {
    geometries
        .into_iter()
        .filter_map(|g| g.bounding_rect())
        .map(|r| [r.min().x, r.min().y, r.max().x, r.max().y])
        .reduce(union_box)
}

/// The file format a layer was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    GeoJson,
    Shapefile,
    GeoPackage,
}

impl SourceFormat {
    /// The name used in `inspect --json`: "geojson", "shapefile" or "geopackage".
    pub fn as_str(&self) -> &'static str {
        match self {
            SourceFormat::GeoJson => "geojson",
            SourceFormat::Shapefile => "shapefile",
            SourceFormat::GeoPackage => "geopackage",
        }
    }
}

impl fmt::Display for SourceFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A division: polygon features from one source, reprojected to the working CRS.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// What the user calls it: the GeoPackage table, the GeoJSON `name` or the file stem.
    pub name: String,
    /// The file it came from.
    pub source: PathBuf,
    /// For a GeoPackage: the table it was read from (kept apart from `name`, which the user
    /// may change).
    pub table: Option<String>,
    pub format: SourceFormat,
    /// The CRS the file's coordinates were in.
    pub source_crs: Crs,
    /// The CRS of every geometry in `features` (metres).
    pub working_crs: Crs,
    /// The attribute the feature ids come from; `None` when ids are the feature index.
    pub id_field: Option<String>,
    pub fields: Vec<Field>,
    pub features: Vec<Feature>,
    /// Geometry types met in the source, with their counts (e.g. "Polygon": 30).
    pub geometry_types: BTreeMap<String, usize>,
    /// Features left out because they hold no polygon, by geometry type.
    pub skipped: BTreeMap<String, usize>,
    /// What the user should know about how the file was read, though nothing is wrong enough
    /// to refuse it (e.g. its own ids were not unique, so features are numbered).
    pub notes: Vec<LayerNote>,
}

/// Something about how a file was read that the user should know, though nothing is wrong
/// enough to refuse it.
#[derive(Clone, Debug, PartialEq)]
pub enum LayerNote {
    /// The features' own ids repeat (this one, for one), so features are numbered instead.
    RepeatedIds(String),
    /// This many features have no id of their own, so features are numbered instead.
    MissingIds(usize),
    /// Another table of the same file was left out (empty, no polygons, a CRS that cannot be
    /// placed, unreadable); the polygon tables that could be read are loaded.
    TableSkipped {
        table: String,
        reason: String,
        /// When the CRS was the trouble: naming it fixes it.
        crs: Option<super::CrsProblem>,
    },
    /// Features whose geometry could not be decoded were left out: how many, the first one's
    /// id and why.
    FeaturesSkipped {
        count: usize,
        first: String,
        reason: String,
    },
    /// A shapefile without its .dbf: no attributes, features numbered.
    NoAttributes,
    /// The .cpg names a code page that cannot be decoded; text was read as the file looked
    /// (UTF-8 or Windows-1252) instead.
    UnknownCodePage { label: String, used: String },
    /// This many features held curved geometry, turned into straight segments (chords of at
    /// most 4°, as GDAL does).
    CurvesLinearised(usize),
    /// This many records of the .dbf are marked deleted; they and their shapes were left out,
    /// as GDAL leaves them out.
    DeletedRecords(usize),
    /// Cells that could not be read as their field's type (text in a numeric field) were left
    /// empty: how many, and the first one.
    ValuesUnreadable {
        count: usize,
        field: String,
        record: usize,
        reason: String,
    },
}

impl LayerNote {
    /// The note, with the fix worded by the front end.
    pub fn describe(&self, words: &dyn super::FixWords) -> String {
        match self {
            LayerNote::RepeatedIds(id) => format!(
                "the features' own ids are not unique ('{id}' occurs more than once), so features are numbered instead; choose an id field{}",
                words.choose_id_field()
            ),
            LayerNote::MissingIds(missing) => format!(
                "{missing} feature(s) have no id of their own, so features are numbered instead; choose an id field{}",
                words.choose_id_field()
            ),
            LayerNote::TableSkipped { table, reason, crs } => format!(
                "table '{table}' of the same file is left out: {}",
                crs.as_ref()
                    .map(|problem| problem.describe(words))
                    .unwrap_or_else(|| reason.clone())
            ),
            LayerNote::FeaturesSkipped {
                count,
                first,
                reason,
            } => format!(
                "{count} feature(s) left out because their geometry cannot be read; feature {first}: {reason}"
            ),
            LayerNote::NoAttributes => "there is no .dbf beside the .shp, so the features have no attributes (names, codes) and are numbered; copy the .dbf with the same name beside it to get them".to_string(),
            LayerNote::UnknownCodePage { label, used } => format!(
                "the .cpg names a code page gebieden does not know ('{label}'); the text was read as {used}, check the names"
            ),
            LayerNote::CurvesLinearised(count) => format!(
                "{count} feature(s) have curved boundaries, turned into straight segments of at most 4° of arc"
            ),
            LayerNote::DeletedRecords(count) => format!(
                "{count} record(s) are marked deleted in the .dbf and were left out with their shapes"
            ),
            LayerNote::ValuesUnreadable {
                count,
                field,
                record,
                reason,
            } => format!(
                "{count} value(s) could not be read and were left empty; the first: field '{field}' of record {record} ({reason})"
            ),
        }
    }
}

impl fmt::Display for LayerNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(&super::PlainWords))
    }
}

impl Layer {
    /// A layer made in memory (not read from a file): features with ids and geometry in the
    /// working CRS `crs`, no attributes.
    pub fn from_geometries(
        name: &str,
        crs: Crs,
        features: impl IntoIterator<Item = (String, geo::MultiPolygon<f64>)>,
    ) -> Layer {
        let features: Vec<Feature> = features
            .into_iter()
            .map(|(id, geometry)| Feature {
                id,
                attributes: Vec::new(),
                geometry,
                problems: Vec::new(),
            })
            .collect();
        Layer {
            name: name.to_string(),
            source: PathBuf::new(),
            table: None,
            format: SourceFormat::GeoJson,
            source_crs: crs,
            working_crs: crs,
            id_field: None,
            fields: Vec::new(),
            geometry_types: BTreeMap::from([("MultiPolygon".to_string(), features.len())]),
            features,
            skipped: BTreeMap::new(),
            notes: Vec::new(),
        }
    }

    /// The column index of a field, compared without regard to case.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name).or_else(|| {
            self.fields
                .iter()
                .position(|f| f.name.eq_ignore_ascii_case(name))
        })
    }

    /// The value of a named attribute of feature `index`.
    pub fn attribute(&self, index: usize, field: &str) -> Option<&Value> {
        let column = self.field_index(field)?;
        self.features.get(index)?.attributes.get(column)
    }

    /// Total area of all features in square metres of the working CRS.
    pub fn area_m2(&self) -> f64 {
        self.features
            .iter()
            .map(|f| f.geometry.unsigned_area())
            .sum()
    }

    /// The bounding box of all features in the working CRS.
    pub fn bounding_rect(&self) -> Option<Rect<f64>> {
        self.features
            .iter()
            .filter_map(|f| f.geometry.bounding_rect())
            .reduce(|a, b| {
                Rect::new(
                    geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                    geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
                )
            })
    }

    /// Features whose geometry failed a check on load.
    pub fn invalid_features(&self) -> impl Iterator<Item = &Feature> {
        self.features.iter().filter(|f| !f.is_valid())
    }

    /// How many source features were skipped because they hold no polygon.
    pub fn skipped_count(&self) -> usize {
        self.skipped.values().sum()
    }

    /// The index of the feature with this id.
    pub fn feature_index(&self, id: &str) -> Option<usize> {
        self.features.iter().position(|f| f.id == id)
    }
}
