//! Undo and redo: the composition before each edit is kept (compositions are small: a few
//! thousand unit ids), which makes every edit undoable without writing an inverse for each.

use super::Composition;

/// How many edits can be undone.
pub const UNDO_LIMIT: usize = 500;

/// The edit history of a composition.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Composition>,
    redo: Vec<Composition>,
}

impl History {
    /// Records the state before an edit; call it, then change the composition.
    pub fn record(&mut self, before: &Composition) {
        if self.undo.last() == Some(before) {
            return;
        }
        self.undo.push(before.clone());
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Goes back one edit; false when there is nothing to undo.
    pub fn undo(&mut self, current: &mut Composition) -> bool {
        match self.undo.pop() {
            Some(previous) => {
                self.redo.push(std::mem::replace(current, previous));
                true
            }
            None => false,
        }
    }

    /// Goes forward one undone edit; false when there is nothing to redo.
    pub fn redo(&mut self, current: &mut Composition) -> bool {
        match self.redo.pop() {
            Some(next) => {
                self.undo.push(std::mem::replace(current, next));
                true
            }
            None => false,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::PaintMode;

    #[test]
    fn a_hundred_and_fifty_edits_undo_and_redo() {
        let mut c = Composition::default();
        c.add_area("A").unwrap();
        let mut history = History::default();
        for i in 0..150 {
            history.record(&c);
            c.assign([format!("u{i}").as_str()], Some("A"), PaintMode::Overwrite)
                .unwrap();
        }
        assert_eq!(c.assignment.len(), 150);
        for _ in 0..120 {
            assert!(history.undo(&mut c));
        }
        assert_eq!(c.assignment.len(), 30);
        for _ in 0..20 {
            assert!(history.redo(&mut c));
        }
        assert_eq!(c.assignment.len(), 50);
        // A new edit drops what could be redone.
        history.record(&c);
        c.assign(["x"], Some("A"), PaintMode::Overwrite).unwrap();
        assert!(!history.redo(&mut c));
    }
}
