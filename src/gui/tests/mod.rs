//! The window driven through egui_kittest: real app state, widgets found by their labels.
//! Shared helpers here; the tests by area in the files beside it.

pub(super) use eframe::egui;
pub(super) use egui_kittest::Harness;

pub(super) use super::app::{GebiedenApp, Selection, demo_files};
pub(super) use eframe::egui::accesskit::Role;
pub(super) use egui_kittest::kittest::Queryable;

mod basemap;
mod composer;
mod map_export;
mod persistence;
mod projects;
mod publish;
mod versions;
mod vintage;
mod window;

pub(super) fn demo_harness() -> Harness<'static, GebiedenApp> {
    demo_harness_sized([1200.0, 760.0])
}

pub(super) fn demo_harness_sized(size: [f32; 2]) -> Harness<'static, GebiedenApp> {
    let mut app = GebiedenApp::open(demo_files());
    app.wait_for_jobs();
    harness_for(app, size)
}

/// A window of `size` on `app`, a few frames in.
pub(super) fn harness_for(mut app: GebiedenApp, size: [f32; 2]) -> Harness<'static, GebiedenApp> {
    // No test asks PDOK for tiles: a test of the background map names a server of its own.
    if app.basemap.url_template.is_none() {
        app.basemap.style = None;
    }
    let mut harness = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut GebiedenApp| app.frame(ui), app);
    harness.run_steps(3);
    harness
}

/// Drags with the primary button through the map positions, holding `modifiers`.
pub(super) fn drag_through(
    harness: &mut Harness<'static, GebiedenApp>,
    path: &[[f64; 2]],
    modifiers: egui::Modifiers,
) {
    let view = harness.state().view;
    let screen: Vec<egui::Pos2> = path
        .iter()
        .map(|&p| {
            let [x, y] = view.screen_from_map(p);
            egui::pos2(x, y)
        })
        .collect();
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers,
    };
    harness.event_modifiers(egui::Event::PointerMoved(screen[0]), modifiers);
    harness.run_steps(1);
    harness.event_modifiers(button(screen[0], true), modifiers);
    harness.run_steps(1);
    for w in screen.windows(2) {
        for k in 1..=5 {
            harness.event_modifiers(
                egui::Event::PointerMoved(w[0] + (w[1] - w[0]) * (k as f32 / 5.0)),
                modifiers,
            );
            harness.run_steps(1);
        }
    }
    harness.event_modifiers(button(*screen.last().unwrap(), false), modifiers);
    harness.run_steps(2);
}

/// Lets the autosave run as if the user had paused long enough, then starts a new window
/// that finds the autosave at `fallback` and restores it.
pub(super) fn autosave_and_restart(
    app: &mut GebiedenApp,
    fallback: &std::path::Path,
) -> GebiedenApp {
    app.last_change = Some(std::time::Instant::now() - super::project::AUTOSAVE_AFTER);
    app.autosave_tick();
    assert!(app.autosaved && fallback.is_file());
    let mut next = GebiedenApp {
        autosave_fallback: Some(fallback.to_path_buf()),
        ..GebiedenApp::default()
    };
    next.check_autosave();
    assert_eq!(next.restore_offer.as_deref(), Some(fallback));
    next.actions.push(super::app::Action::RestoreAutosave);
    next.apply_actions();
    next.wait_for_jobs();
    next
}

/// Runs frames and waits for background work until nothing is left to compute.
/// The one text field of a panel: every text field but the map's search box.
pub(super) fn panel_text_input<'h>(
    harness: &'h Harness<'static, GebiedenApp>,
) -> egui_kittest::Node<'h> {
    let mut fields: Vec<_> = harness
        .get_all_by_role(Role::TextInput)
        .filter(|n| egui_kittest::kittest::NodeT::accesskit_node(n).label().as_deref() != Some("Zoeken"))
        .collect();
    assert_eq!(fields.len(), 1, "one text field besides the search box");
    fields.remove(0)
}

pub(super) fn settle(harness: &mut Harness<'static, GebiedenApp>) {
    for _ in 0..6 {
        harness.run_steps(1);
        harness.state_mut().wait_for_jobs();
    }
    harness.run_steps(1);
}

pub(super) fn click_map_at(harness: &mut Harness<'static, GebiedenApp>, pos_in_map: [f64; 2]) {
    let [x, y] = harness.state().view.screen_from_map(pos_in_map);
    let pos = egui::pos2(x, y);
    harness.hover_at(pos);
    harness.run_steps(1);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Default::default(),
        });
    }
    harness.run_steps(2);
}
