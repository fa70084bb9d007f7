//! The usual file read in one pass: a FeatureCollection whose features are plain GeoJSON,
//! parsed straight into raw features. The `geojson` crate reads a document through serde's
//! `flatten` (for its foreign members), which first copies the whole document into a generic
//! tree (every number boxed in its own node, every position its own array) and then reads that
//! tree again. Loading the national PC4 file (`gebieden inspect`) took 0.10 s and 40 MB that
//! way and takes 0.08 s and 34 MB this way; the national analysis 1.03 → 0.99 s.
//!
//! This reader takes only what it can read exactly as the crate would and gives up (`None`) on
//! anything else — another top-level type, a duplicate member, a short position, a malformed
//! `bbox`, a geometry whose coordinates do not fit its type, a JSON error —, so that the crate
//! reads the file then, with its messages. What it returns is the layer the crate's path
//! builds, feature for feature (`layer_of` is shared; a test compares both on every GeoJSON
//! file in the repository and the shared data).

use std::fmt;

use geo::Coord;
use serde::Deserializer as _;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::convert::{MAX_NESTING, NON_FINITE_STAND_IN, ParsedFeature, layer_of, raw_geometry};
use crate::io::LoadErrorKind;
use crate::io::build::{RawGeometry, RawLayer, RawPolygon};

/// A FeatureCollection's features and members, from the file's bytes (without a byte order
/// mark), or `None` when this reader leaves the file to the crate's.
pub(super) fn parse_collection(bytes: &[u8]) -> Option<Collection> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let collection = deserializer.deserialize_map(CollectionVisitor).ok()?;
    deserializer.end().ok()?;
    Some(collection)
}

/// Gives up on the document: the crate's reader takes it.
fn give_up<E: serde::de::Error>() -> E {
    E::custom("left to the geojson crate")
}

/// What [`parse_collection`] read; it owns its data, so the file's bytes can go first.
pub(super) struct Collection {
    features: Vec<ParsedFeature>,
    crs: Option<Value>,
    name: Option<Value>,
}

impl Collection {
    /// The layer, as the crate's path builds it from the same document.
    pub(super) fn into_layer(self, file_stem: String) -> Result<RawLayer, LoadErrorKind> {
        layer_of(
            self.features,
            self.crs.as_ref(),
            self.name.as_ref(),
            file_stem,
        )
    }
}

struct CollectionVisitor;

impl<'de> Visitor<'de> for CollectionVisitor {
    type Value = Collection;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a FeatureCollection")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Collection, A::Error> {
        let mut is_collection = false;
        let mut bbox = false;
        let mut features: Option<Vec<ParsedFeature>> = None;
        let mut crs: Option<Value> = None;
        let mut name: Option<Value> = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "type" if !is_collection => {
                    if map.next_value::<std::borrow::Cow<'de, str>>()? != "FeatureCollection" {
                        return Err(give_up());
                    }
                    is_collection = true;
                }
                "features" if features.is_none() => {
                    features = Some(map.next_value_seed(FEATURES)?)
                }
                "bbox" if !bbox => {
                    map.next_value::<Option<Vec<f64>>>()?;
                    bbox = true;
                }
                "crs" if crs.is_none() => crs = Some(map.next_value()?),
                "name" if name.is_none() => name = Some(map.next_value()?),
                // Members of other GeoJSON objects (the crate reads and checks them), and any
                // member met twice.
                "type" | "features" | "bbox" | "crs" | "name" | "coordinates" | "geometries"
                | "id" | "geometry" | "properties" => return Err(give_up()),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match (is_collection, features) {
            (true, Some(features)) => Ok(Collection {
                features,
                crs,
                name,
            }),
            _ => Err(give_up()),
        }
    }
}

/// An array whose every element one seed reads: the features, a ring's positions, a
/// polygon's rings.
#[derive(Clone, Copy)]
struct ArrayOf<S> {
    element: S,
    expecting: &'static str,
}

/// The collection's `features`.
const FEATURES: ArrayOf<FeatureSeed> = ArrayOf {
    element: FeatureSeed,
    expecting: "an array of features",
};

/// A ring: an array of positions.
const RING: ArrayOf<PositionSeed> = ArrayOf {
    element: PositionSeed,
    expecting: "an array of positions",
};

/// A polygon's rings: an array of rings.
const RINGS: ArrayOf<ArrayOf<PositionSeed>> = ArrayOf {
    element: RING,
    expecting: "an array of rings",
};

impl<'de, S: DeserializeSeed<'de> + Copy> DeserializeSeed<'de> for ArrayOf<S> {
    type Value = Vec<S::Value>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, S: DeserializeSeed<'de> + Copy> Visitor<'de> for ArrayOf<S> {
    type Value = Vec<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(self.element)? {
            items.push(item);
        }
        Ok(items)
    }
}

#[derive(Clone, Copy)]
struct FeatureSeed;

impl<'de> DeserializeSeed<'de> for FeatureSeed {
    type Value = ParsedFeature;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FeatureSeed {
    type Value = ParsedFeature;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Feature")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ParsedFeature, A::Error> {
        let mut is_feature = false;
        let mut bbox = false;
        let mut id: Option<Option<String>> = None;
        let mut properties: Option<Option<Map<String, Value>>> = None;
        let mut geometry: Option<Option<Parsed>> = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "type" if !is_feature => {
                    if map.next_value::<std::borrow::Cow<'de, str>>()? != "Feature" {
                        return Err(give_up());
                    }
                    is_feature = true;
                }
                "bbox" if !bbox => {
                    map.next_value::<Option<Vec<f64>>>()?;
                    bbox = true;
                }
                // The crate's id is a string or a number; null is no id.
                "id" if id.is_none() => {
                    id = Some(match map.next_value::<Value>()? {
                        Value::Null => None,
                        Value::String(s) => Some(s),
                        Value::Number(n) => Some(n.to_string()),
                        _ => return Err(give_up()),
                    })
                }
                "properties" if properties.is_none() => properties = Some(map.next_value()?),
                "geometry" if geometry.is_none() => {
                    geometry = Some(map.next_value_seed(OrNull(GeometrySeed { depth: 0 }))?);
                }
                "type" | "bbox" | "id" | "properties" | "geometry" => return Err(give_up()),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !is_feature {
            return Err(give_up());
        }
        let geometry = match geometry.flatten() {
            None => RawGeometry::Missing,
            Some(parsed) => raw_geometry(parsed.type_name.to_string(), parsed.polygons),
        };
        Ok(ParsedFeature {
            id: id.flatten(),
            properties: properties.flatten(),
            geometry: Ok(geometry),
        })
    }
}

/// A geometry as read: its type and the polygons it holds (a GeometryCollection's members'
/// polygons in order).
struct Parsed {
    type_name: &'static str,
    polygons: Vec<RawPolygon>,
}

/// `null`, or what the seed inside reads.
struct OrNull<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for OrNull<S> {
    type Value = Option<S::Value>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for OrNull<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        self.0.deserialize(deserializer).map(Some)
    }
}

struct GeometrySeed {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for GeometrySeed {
    type Value = Parsed;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

/// GeoJSON's geometry types, as the crate names them.
const GEOMETRY_TYPES: [&str; 7] = [
    "Point",
    "LineString",
    "Polygon",
    "MultiPoint",
    "MultiLineString",
    "MultiPolygon",
    "GeometryCollection",
];

impl<'de> Visitor<'de> for GeometrySeed {
    type Value = Parsed;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a geometry")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parsed, A::Error> {
        let mut type_name: Option<&'static str> = None;
        let mut bbox = false;
        let mut coordinates: Option<Option<Nested>> = None;
        let mut members: Option<Vec<Parsed>> = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "type" if type_name.is_none() => {
                    let name = map.next_value::<std::borrow::Cow<'de, str>>()?;
                    let known = GEOMETRY_TYPES
                        .iter()
                        .find(|t| **t == name)
                        .ok_or_else(give_up)?;
                    type_name = Some(known);
                }
                "bbox" if !bbox => {
                    map.next_value::<Option<Vec<f64>>>()?;
                    bbox = true;
                }
                // null counts as no member, as for the crate's optional fields.
                "coordinates" if coordinates.is_none() => {
                    coordinates = Some(map.next_value_seed(OrNull(CoordinatesSeed))?);
                }
                "geometries" if members.is_none() => {
                    if self.depth >= MAX_NESTING {
                        return Err(give_up());
                    }
                    members = Some(map.next_value_seed(MembersSeed {
                        depth: self.depth + 1,
                    })?);
                }
                "type" | "bbox" | "coordinates" | "geometries" => return Err(give_up()),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let type_name = type_name.ok_or_else(give_up)?;
        // The combinations the crate accepts (TryFrom<RawGeometry> for Geometry).
        let polygons = match (type_name, coordinates.flatten(), members) {
            ("GeometryCollection", _, Some(members)) => {
                members.into_iter().flat_map(|m| m.polygons).collect()
            }
            (_, _, Some(_)) => return Err(give_up()),
            ("Point", Some(Nested::Position(_)), None) => Vec::new(),
            ("LineString" | "MultiPoint", Some(Nested::Positions(_)), None) => Vec::new(),
            ("MultiLineString", Some(Nested::Rings(_)), None) => Vec::new(),
            ("MultiLineString", Some(Nested::Positions(empty)), None) if empty.is_empty() => {
                Vec::new()
            }
            ("Polygon", Some(Nested::Rings(rings)), None) => vec![rings],
            ("Polygon", Some(Nested::Positions(empty)), None) if empty.is_empty() => {
                vec![Vec::new()]
            }
            ("MultiPolygon", Some(Nested::Polygons(polygons)), None) => polygons,
            ("MultiPolygon", Some(Nested::Positions(empty)), None) if empty.is_empty() => {
                Vec::new()
            }
            _ => return Err(give_up()),
        };
        Ok(Parsed {
            type_name,
            polygons,
        })
    }
}

struct MembersSeed {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for MembersSeed {
    type Value = Vec<Parsed>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for MembersSeed {
    type Value = Vec<Parsed>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of geometries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = seq.next_element_seed(GeometrySeed { depth: self.depth })? {
            members.push(member);
        }
        Ok(members)
    }
}

/// A geometry's coordinates, by how deep their arrays nest, as the crate tells it: an array's
/// depth is one more than its first element's, a position's is 0, and an empty array is an
/// empty list of positions. Only polygons' coordinates are used; the others are read so that
/// their shape is checked as the crate checks it.
enum Nested {
    /// `[x, y, …]`.
    Position(Coord<f64>),
    /// `[[x, y], …]`, or `[]`.
    Positions(Vec<Coord<f64>>),
    /// `[[[x, y], …], …]`: a polygon's rings, or a MultiLineString.
    Rings(Vec<Vec<Coord<f64>>>),
    /// `[[[[x, y], …], …], …]`: a MultiPolygon's polygons.
    Polygons(Vec<RawPolygon>),
}

/// Coordinates: an array of numbers or of arrays.
struct CoordinatesSeed;

impl<'de> DeserializeSeed<'de> for CoordinatesSeed {
    type Value = Nested;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(NestedVisitor)
    }
}

/// An element of a coordinate array: a number, or an array nested to some depth.
enum Element {
    Number(f64),
    Array(Nested),
}

struct ElementSeed;

impl<'de> DeserializeSeed<'de> for ElementSeed {
    type Value = Element;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ElementSeed {
    type Value = Element;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or an array")
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Element, E> {
        Ok(Element::Number(v as f64))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Element, E> {
        Ok(Element::Number(v as f64))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Element, E> {
        Ok(Element::Number(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Element, A::Error> {
        NestedVisitor.visit_seq(seq).map(Element::Array)
    }
}

/// Reads an array whose depth its first element tells; the elements after the first must
/// nest as deep (numbers after a number, positions after a position, and so on).
struct NestedVisitor;

impl<'de> Visitor<'de> for NestedVisitor {
    type Value = Nested;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of coordinates")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Nested, A::Error> {
        let Some(first) = seq.next_element_seed(ElementSeed)? else {
            return Ok(Nested::Positions(Vec::new()));
        };
        Ok(match first {
            Element::Number(x) => {
                let y = seq.next_element::<f64>()?.ok_or_else(give_up)?;
                while seq.next_element::<f64>()?.is_some() {}
                Nested::Position(coord(x, y))
            }
            Element::Array(Nested::Position(first)) => {
                let mut positions = vec![first];
                while let Some(position) = seq.next_element_seed(PositionSeed)? {
                    positions.push(position);
                }
                Nested::Positions(positions)
            }
            Element::Array(Nested::Positions(first)) => {
                let mut rings = vec![first];
                while let Some(ring) = seq.next_element_seed(RING)? {
                    rings.push(ring);
                }
                Nested::Rings(rings)
            }
            Element::Array(Nested::Rings(first)) => {
                let mut polygons = vec![first];
                while let Some(polygon) = seq.next_element_seed(RINGS)? {
                    polygons.push(polygon);
                }
                Nested::Polygons(polygons)
            }
            Element::Array(Nested::Polygons(_)) => return Err(give_up()),
        })
    }
}

/// A position, `[x, y, …]`, of two numbers at least.
#[derive(Clone, Copy)]
struct PositionSeed;

impl<'de> DeserializeSeed<'de> for PositionSeed {
    type Value = Coord<f64>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for PositionSeed {
    type Value = Coord<f64>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a position")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Coord<f64>, A::Error> {
        let x = seq.next_element::<f64>()?.ok_or_else(give_up)?;
        let y = seq.next_element::<f64>()?.ok_or_else(give_up)?;
        while seq.next_element::<f64>()?.is_some() {}
        Ok(coord(x, y))
    }
}

/// A position's coordinates as the crate's path keeps them: the stand-in for a NaN literal
/// (see `parse`) is NaN again.
fn coord(x: f64, y: f64) -> Coord<f64> {
    let finite = |v: f64| {
        if v == NON_FINITE_STAND_IN {
            f64::NAN
        } else {
            v
        }
    };
    Coord {
        x: finite(x),
        y: finite(y),
    }
}
