//! The agreed division being composed: areas, which base unit goes to which area, and the
//! lines that cut units in two. Plain data with its own edits; `compose` computes what it
//! amounts to.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// One agreed area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaDef {
    pub name: String,
    /// sRGB colour for maps.
    pub colour: [u8; 3],
    #[serde(default)]
    pub note: String,
    /// What residents need to know of the area on the published map: `team`, `contact`,
    /// `telefoon`, `website`, … (field → text).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub details: BTreeMap<String, String>,
}

/// Colour-blind-safe colours for new areas (Okabe–Ito, then Paul Tol's muted set).
pub const AREA_PALETTE: [[u8; 3]; 12] = [
    [230, 159, 0],
    [86, 180, 233],
    [0, 158, 115],
    [240, 228, 66],
    [0, 114, 178],
    [213, 94, 0],
    [204, 121, 167],
    [136, 204, 238],
    [68, 170, 153],
    [221, 204, 119],
    [170, 68, 153],
    [136, 34, 85],
];

/// Base units assigned to areas. Units are named by their id in the base layer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Composition {
    pub areas: Vec<AreaDef>,
    /// Unit id → area name.
    pub assignment: BTreeMap<String, String>,
    /// Units that painting and rules leave alone.
    pub locked: BTreeSet<String>,
    /// Lines that cut base units in two, applied in order (see `apply_splits`).
    pub splits: Vec<Split>,
}

/// A line drawn across a unit; the unit becomes `<unit>-1` (left of the line, seen along it)
/// and `<unit>-2` (right of it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Split {
    pub unit: String,
    /// The line in the working CRS, at least two points.
    pub line: Vec<[f64; 2]>,
}

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ComposeError {
    #[error("there is no area named '{0}'")]
    UnknownArea(String),
    #[error("an area named '{0}' exists already")]
    DuplicateArea(String),
    #[error("an area needs a name")]
    EmptyName,
}

/// How an assignment treats units that already have an area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaintMode {
    /// Every unlocked unit gets the area.
    Overwrite,
    /// Only units without an area get it.
    OnlyUnassigned,
}

impl Composition {
    /// The area with this name.
    pub fn area(&self, name: &str) -> Option<&AreaDef> {
        self.areas.iter().find(|a| a.name == name)
    }

    /// Adds an area with the next palette colour.
    pub fn add_area(&mut self, name: &str) -> Result<(), ComposeError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ComposeError::EmptyName);
        }
        if self.area(name).is_some() {
            return Err(ComposeError::DuplicateArea(name.to_string()));
        }
        let colour = AREA_PALETTE[self.areas.len() % AREA_PALETTE.len()];
        self.areas.push(AreaDef {
            name: name.to_string(),
            colour,
            note: String::new(),
            details: BTreeMap::new(),
        });
        Ok(())
    }

    /// Removes an area; its units become unassigned.
    pub fn remove_area(&mut self, name: &str) -> Result<(), ComposeError> {
        let index = self
            .areas
            .iter()
            .position(|a| a.name == name)
            .ok_or_else(|| ComposeError::UnknownArea(name.into()))?;
        self.areas.remove(index);
        self.assignment.retain(|_, area| area != name);
        Ok(())
    }

    /// Renames an area, keeping its units.
    pub fn rename_area(&mut self, from: &str, to: &str) -> Result<(), ComposeError> {
        let to = to.trim();
        if to.is_empty() {
            return Err(ComposeError::EmptyName);
        }
        if from != to && self.area(to).is_some() {
            return Err(ComposeError::DuplicateArea(to.into()));
        }
        let area = self
            .areas
            .iter_mut()
            .find(|a| a.name == from)
            .ok_or_else(|| ComposeError::UnknownArea(from.into()))?;
        area.name = to.to_string();
        for assigned in self.assignment.values_mut() {
            if assigned == from {
                *assigned = to.to_string();
            }
        }
        Ok(())
    }

    /// Renames an area and sets its colour and note in one edit.
    pub fn edit_area(
        &mut self,
        name: &str,
        new_name: &str,
        colour: [u8; 3],
        note: &str,
    ) -> Result<(), ComposeError> {
        self.rename_area(name, new_name)?;
        let area = self
            .areas
            .iter_mut()
            .find(|a| a.name == new_name.trim())
            .ok_or_else(|| ComposeError::UnknownArea(new_name.into()))?;
        area.colour = colour;
        area.note = note.trim().to_string();
        Ok(())
    }

    /// What residents see of an area on the web map (`team`, `contact`, `telefoon`, `website`,
    /// …); empty values are dropped.
    pub fn set_area_details(&mut self, name: &str, details: &BTreeMap<String, String>) -> Result<(), ComposeError> {
        let area = self
            .areas
            .iter_mut()
            .find(|a| a.name == name)
            .ok_or_else(|| ComposeError::UnknownArea(name.into()))?;
        area.details = details
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k.clone(), v.trim().to_string()))
            .collect();
        Ok(())
    }

    /// Assigns units to `area` (or clears them with `None`), leaving locked units alone.
    /// Returns how many units changed.
    pub fn assign<'a>(
        &mut self,
        units: impl IntoIterator<Item = &'a str>,
        area: Option<&str>,
        mode: PaintMode,
    ) -> Result<usize, ComposeError> {
        if let Some(name) = area
            && self.area(name).is_none()
        {
            return Err(ComposeError::UnknownArea(name.into()));
        }
        let mut changed = 0;
        for unit in units {
            if self.locked.contains(unit) {
                continue;
            }
            if mode == PaintMode::OnlyUnassigned && self.assignment.contains_key(unit) {
                continue;
            }
            let before = self.assignment.get(unit).map(String::as_str);
            if before == area {
                continue;
            }
            match area {
                Some(name) => self.assignment.insert(unit.to_string(), name.to_string()),
                None => self.assignment.remove(unit),
            };
            changed += 1;
        }
        Ok(changed)
    }

    /// Locks or unlocks a unit.
    pub fn set_locked(&mut self, unit: &str, locked: bool) {
        if locked {
            self.locked.insert(unit.to_string());
        } else {
            self.locked.remove(unit);
        }
    }

    /// The units of an area.
    pub fn units_of<'a>(&'a self, area: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.assignment
            .iter()
            .filter(move |(_, a)| *a == area)
            .map(|(u, _)| u.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assigning_respects_locks_and_paint_mode() {
        let mut c = Composition::default();
        c.add_area("1 Varsseveld").unwrap();
        c.add_area("2 Terborg").unwrap();
        assert_eq!(
            c.assign(["a", "b"], Some("1 Varsseveld"), PaintMode::Overwrite),
            Ok(2)
        );
        c.set_locked("a", true);
        assert_eq!(
            c.assign(
                ["a", "b", "c"],
                Some("2 Terborg"),
                PaintMode::OnlyUnassigned
            ),
            Ok(1)
        );
        assert_eq!(
            c.assignment.get("a").map(String::as_str),
            Some("1 Varsseveld")
        );
        assert_eq!(c.assignment.get("c").map(String::as_str), Some("2 Terborg"));
        assert_eq!(
            c.assign(["b"], Some("3"), PaintMode::Overwrite),
            Err(ComposeError::UnknownArea("3".into()))
        );
    }

    #[test]
    fn renaming_and_removing_keep_the_assignment_consistent() {
        let mut c = Composition::default();
        c.add_area("A").unwrap();
        assert_eq!(
            c.add_area("A"),
            Err(ComposeError::DuplicateArea("A".into()))
        );
        c.assign(["u1", "u2"], Some("A"), PaintMode::Overwrite)
            .unwrap();
        c.rename_area("A", "Ulft").unwrap();
        assert_eq!(c.units_of("Ulft").count(), 2);
        c.edit_area("Ulft", "4 Ulft-zuid", [1, 2, 3], " Bontebrug hoort erbij ")
            .unwrap();
        assert_eq!(
            c.area("4 Ulft-zuid").map(|a| (a.colour, a.note.as_str())),
            Some(([1, 2, 3], "Bontebrug hoort erbij"))
        );
        c.rename_area("4 Ulft-zuid", "Ulft").unwrap();
        c.remove_area("Ulft").unwrap();
        assert!(c.assignment.is_empty());
    }
}
