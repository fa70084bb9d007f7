use std::fmt;

use geo::{Coord, MultiPolygon};

/// Which ring of which polygon part a geometry problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RingRole {
    /// 0-based index of the polygon in the feature's multipolygon.
    pub polygon: usize,
    /// `None` for the outer ring, `Some(i)` for hole `i` (0-based).
    pub hole: Option<usize>,
}

impl fmt::Display for RingRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.hole {
            None => write!(f, "outer ring of part {}", self.polygon + 1),
            Some(h) => write!(f, "hole {} of part {}", h + 1, self.polygon + 1),
        }
    }
}

/// Why a feature's geometry is not a valid polygon. The feature is kept and flagged, so the
/// user sees it (hatched on the map) instead of it silently disappearing.
#[derive(Clone, Debug, PartialEq)]
pub enum GeometryProblem {
    /// A ring with fewer than 4 positions (3 distinct points plus the closing one).
    TooFewPoints { ring: RingRole, points: usize },
    /// The last position of a ring differs from the first.
    NotClosed { ring: RingRole },
    /// A coordinate is NaN or infinite; it was left out of the geometry.
    NonFinite { ring: RingRole, index: usize },
    /// Two edges of the polygon cross or overlap (in source coordinates).
    SelfIntersection { ring: RingRole, at: Coord<f64> },
    /// The outer ring encloses no area.
    ZeroArea { polygon: usize },
    /// A hole lies (partly) outside its outer ring.
    HoleOutsideShell { ring: RingRole },
    /// A ring runs through one of its own points again (GEOS: "Ring Self-intersection"): a
    /// hole drawn as a pinched-in part of the outer ring.
    SelfTouching { ring: RingRole, at: Coord<f64> },
    /// Holes touch the outer ring or each other so that they cut the inside of the part into
    /// pieces (GEOS: "Interior is disconnected").
    DisconnectedInterior { polygon: usize, at: Coord<f64> },
}

impl fmt::Display for GeometryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GeometryProblem::TooFewPoints { ring, points: 0 } => {
                write!(f, "{ring} is empty (no coordinates)")
            }
            GeometryProblem::TooFewPoints { ring, points } => {
                write!(
                    f,
                    "{ring} has only {points} points (a ring needs at least 4)"
                )
            }
            GeometryProblem::NotClosed { ring } => write!(f, "{ring} is not closed"),
            GeometryProblem::NonFinite { ring, index } => {
                write!(
                    f,
                    "{ring} has a non-finite coordinate (NaN or infinity) at position {}",
                    index + 1
                )
            }
            GeometryProblem::SelfIntersection { ring, at } => {
                write!(f, "{ring} crosses itself near ({:.6}, {:.6})", at.x, at.y)
            }
            GeometryProblem::ZeroArea { polygon } => {
                write!(f, "part {} has zero area", polygon + 1)
            }
            GeometryProblem::HoleOutsideShell { ring } => {
                write!(f, "{ring} lies outside its outer ring")
            }
            GeometryProblem::SelfTouching { ring, at } => write!(
                f,
                "{ring} touches itself at ({:.6}, {:.6}); draw the pinched-off part as a hole or a part of its own",
                at.x, at.y
            ),
            GeometryProblem::DisconnectedInterior { polygon, at } => write!(
                f,
                "the holes of part {} cut its inside into pieces (they touch the outer ring or each other at ({:.6}, {:.6}) and elsewhere)",
                polygon + 1,
                at.x,
                at.y
            ),
        }
    }
}

/// One area of a division: an id, attribute values aligned with the layer's fields, and a
/// multipolygon in the layer's working CRS (metres).
#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    pub id: String,
    pub attributes: Vec<crate::model::Value>,
    pub geometry: MultiPolygon<f64>,
    /// Empty for a valid geometry.
    pub problems: Vec<GeometryProblem>,
}

impl Feature {
    /// True when the geometry passed every check on load.
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }

    /// All problems in one readable line.
    pub fn problem_summary(&self) -> String {
        self.problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    }
}
