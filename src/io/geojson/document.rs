//! The JSON shape of a GeoJSON file, read with serde; coordinates parsed in place.

use super::*;

pub(super) type Properties = serde_json::Map<String, serde_json::Value>;

#[derive(Deserialize)]
pub(super) struct Document {
    #[serde(rename = "type")]
    pub(super) kind: Option<String>,
    pub(super) name: Option<String>,
    pub(super) crs: Option<serde_json::Value>,
    pub(super) features: Option<Vec<JsonFeature>>,
    // A single Feature at the top level.
    pub(super) id: Option<serde_json::Value>,
    pub(super) properties: Option<Properties>,
    #[serde(default, deserialize_with = "nullable_geometry")]
    pub(super) geometry: Option<JsonGeometry>,
    // A bare geometry at the top level.
    pub(super) coordinates: Option<Coords>,
    pub(super) geometries: Option<Vec<JsonGeometry>>,
}

#[derive(Deserialize)]
pub(super) struct JsonFeature {
    pub(super) id: Option<serde_json::Value>,
    pub(super) properties: Option<Properties>,
    #[serde(default, deserialize_with = "nullable_geometry")]
    pub(super) geometry: Option<JsonGeometry>,
}

#[derive(Deserialize)]
pub(super) struct JsonGeometry {
    #[serde(rename = "type")]
    pub(super) kind: String,
    pub(super) coordinates: Option<Coords>,
    pub(super) geometries: Option<Vec<JsonGeometry>>,
}

pub(super) fn nullable_geometry<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<JsonGeometry>, D::Error> {
    Option::<JsonGeometry>::deserialize(d)
}

/// Nested coordinate arrays of any depth; `null` stands for a missing number and becomes NaN,
/// so that the feature is flagged instead of the whole file refused. An array that starts with
/// a number is read as a position on the spot: a tree of one small array per position would
/// take ten times the memory of the file.
pub(super) enum Coords {
    Number(f64),
    /// `[x, y, …]`: height and measure are dropped.
    Position(f64, f64),
    /// An array that starts with a number but is no position: its length, and whether its
    /// first two elements were numbers.
    BadPosition {
        len: usize,
        numeric: bool,
    },
    List(Vec<Coords>),
}

impl<'de> Deserialize<'de> for Coords {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CoordsVisitor;
        impl<'de> Visitor<'de> for CoordsVisitor {
            type Value = Coords;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or an array of coordinates")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Coords, E> {
                Ok(Coords::Number(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Coords, E> {
                Ok(Coords::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Coords, E> {
                Ok(Coords::Number(v as f64))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Coords, E> {
                Ok(Coords::Number(f64::NAN))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Coords, A::Error> {
                let Some(first) = seq.next_element::<Coords>()? else {
                    return Ok(Coords::List(Vec::new()));
                };
                if let Coords::Number(x) = first {
                    let second = seq.next_element::<Coords>()?;
                    let mut len = 1 + usize::from(second.is_some());
                    while seq.next_element::<de::IgnoredAny>()?.is_some() {
                        len += 1;
                    }
                    return Ok(match second {
                        Some(Coords::Number(y)) => Coords::Position(x, y),
                        Some(_) => Coords::BadPosition {
                            len,
                            numeric: false,
                        },
                        None => Coords::BadPosition { len, numeric: true },
                    });
                }
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(4).max(1));
                items.push(first);
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Coords::List(items))
            }
        }
        d.deserialize_any(CoordsVisitor)
    }
}
