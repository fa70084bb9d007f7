//! The composer's state: the composition being agreed, its undo history, painting, and the
//! live result (computed in the background whenever the composition changes).

use std::sync::Arc;

use gebieden::compose::{ComposeResult, Composition, History, PaintMode};
use gebieden::render::LayerShapes;

/// The live result of a composition with drawing shapes of its areas.
pub struct ComposedView {
    pub result: Arc<ComposeResult>,
    pub shapes: LayerShapes,
}

/// Everything about composing the agreed division.
#[derive(Default)]
pub struct ComposerState {
    pub composition: Composition,
    pub history: History,
    pub view: Option<ComposedView>,
    /// While true, clicking and dragging on the map assigns base units instead of panning.
    pub painting: bool,
    /// The area painting assigns to; `None` clears units.
    pub current_area: Option<String>,
    pub only_unassigned: bool,
    pub new_area_name: String,
    pub rule_field: Option<String>,
    pub rule_value: String,
    /// Bumped on every change, so a result computed for an older composition is dropped.
    pub generation: u64,
    /// The generation the view was computed for.
    pub view_generation: u64,
    pub computing: bool,
    /// While true, clicks on the map add points to a split line.
    pub drawing_split: bool,
    pub split_points: Vec<[f64; 2]>,
    /// Where a Shift-drag box selection started (map position).
    pub box_start: Option<[f64; 2]>,
    /// The lasso being drawn with Alt+drag (map positions).
    pub lasso: Vec<[f64; 2]>,
    /// The area being edited (name, colour, note), copied from the composition when chosen.
    pub editing: Option<(String, String, [u8; 3], String)>,
    /// The web map's details of the area being edited (team, contact, telefoon, website).
    pub editing_details: std::collections::BTreeMap<String, String>,
}

impl ComposerState {
    /// Applies an edit, recording the state before it for undo. Returns whether anything changed.
    pub fn edit(&mut self, change: impl FnOnce(&mut Composition) -> bool) -> bool {
        let before = self.composition.clone();
        let changed = change(&mut self.composition);
        if changed && self.composition != before {
            self.history.record(&before);
            self.generation += 1;
            true
        } else {
            self.composition = before;
            false
        }
    }

    /// Paints units during a stroke; the stroke's start was recorded by [`Self::begin_stroke`].
    pub fn paint(&mut self, units: &[String]) -> bool {
        let mode = if self.only_unassigned {
            PaintMode::OnlyUnassigned
        } else {
            PaintMode::Overwrite
        };
        let area = self.current_area.clone();
        match self
            .composition
            .assign(units.iter().map(String::as_str), area.as_deref(), mode)
        {
            Ok(changed) if changed > 0 => {
                self.generation += 1;
                true
            }
            _ => false,
        }
    }

    /// Starts a paint stroke: one undo step for the whole drag.
    pub fn begin_stroke(&mut self) {
        self.history.record(&self.composition);
    }

    pub fn undo(&mut self) -> bool {
        let done = self.history.undo(&mut self.composition);
        if done {
            self.generation += 1;
        }
        done
    }

    pub fn redo(&mut self) -> bool {
        let done = self.history.redo(&mut self.composition);
        if done {
            self.generation += 1;
        }
        done
    }

    /// True when the shown result is older than the composition.
    pub fn stale(&self) -> bool {
        self.generation != self.view_generation
    }
}
