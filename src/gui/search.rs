//! The search box on the map (Zoeken: address, street, postcode, place) through PDOK's
//! Locatieserver. Suggestions come as the user types (a moment after the last key, so a word
//! is one request, not one per letter), each request on a thread of its own; choosing one
//! looks up its point, and the window zooms there and names the area of every division that
//! holds it.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use eframe::egui;

use gebieden::services::{HttpClient, Locatieserver, Place, ServiceError, Suggestion};

use super::app::{Action, GebiedenApp};

/// Typing pauses this long before the suggestions are asked for.
const PAUSE: Duration = Duration::from_millis(250);

enum Answer {
    Suggestions {
        query: String,
        list: Result<Vec<Suggestion>, ServiceError>,
    },
    Place(Result<Place, ServiceError>),
}

/// The search box's state (not saved: a search is of the moment).
pub struct SearchState {
    pub query: String,
    edited_at: Option<Instant>,
    /// The query the shown suggestions (or the request under way) are for.
    asked: String,
    pub suggestions: Vec<Suggestion>,
    /// Why the last search failed, shown under the box.
    pub problem: Option<String>,
    pub busy: bool,
    sender: Sender<Answer>,
    answers: Receiver<Answer>,
    /// The Locatieserver's base URL (`None`: `GEBIEDEN_LOCATIESERVER_URL`, else PDOK).
    pub base_url: Option<String>,
}

impl Default for SearchState {
    fn default() -> Self {
        let (sender, answers) = channel();
        SearchState {
            query: String::new(),
            edited_at: None,
            asked: String::new(),
            suggestions: Vec::new(),
            problem: None,
            busy: false,
            sender,
            answers,
            base_url: None,
        }
    }
}

/// A place the user searched for, with the area of each division at it.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundPlace {
    pub name: String,
    pub pos_in_map: [f64; 2],
    pub areas: Vec<gebieden::ops::AreaAt>,
}

impl SearchState {
    fn service(&self) -> Locatieserver {
        Locatieserver::new(self.base_url.as_deref(), HttpClient::default())
    }

    fn ask<T: Send + 'static>(
        &mut self,
        ctx: &egui::Context,
        work: impl FnOnce(Locatieserver) -> T + Send + 'static,
        wrap: impl FnOnce(T) -> Answer + Send + 'static,
    ) {
        let service = self.service();
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        self.busy = true;
        std::thread::spawn(move || {
            let _ = sender.send(wrap(work(service)));
            ctx.request_repaint();
        });
    }

    /// Looks up the point of a suggestion.
    pub fn choose(&mut self, ctx: &egui::Context, suggestion: &Suggestion) {
        let id = suggestion.id.clone();
        self.query = suggestion.weergavenaam.clone();
        self.asked = self.query.clone();
        self.suggestions.clear();
        self.ask(ctx, move |s| s.lookup(&id), Answer::Place);
    }
}

/// Takes the answers that came in and asks for suggestions once typing pauses; a place found
/// becomes an action.
pub fn poll(app: &mut GebiedenApp, ctx: &egui::Context) {
    let search = &mut app.search;
    while let Ok(answer) = search.answers.try_recv() {
        search.busy = false;
        match answer {
            // Only the answer to what the box holds now: an older one arriving late is stale.
            Answer::Suggestions { query, list } if query == search.query.trim() => match list {
                Ok(list) => {
                    search.problem = (list.is_empty()).then(|| app_texts(app.language).no_place.to_string());
                    search.suggestions = list;
                }
                Err(error) => search.problem = Some(unreachable_text(app.language, &error)),
            },
            Answer::Suggestions { .. } => {}
            Answer::Place(Ok(place)) => {
                search.problem = None;
                app.actions.push(Action::ShowPlace {
                    name: place.name,
                    pos_in_rd: [place.x, place.y],
                });
            }
            Answer::Place(Err(error)) => search.problem = Some(unreachable_text(app.language, &error)),
        }
    }
    let query = search.query.trim().to_string();
    if let Some(edited) = search.edited_at {
        if edited.elapsed() < PAUSE {
            ctx.request_repaint_after(PAUSE);
        } else {
            search.edited_at = None;
            if query.chars().count() >= 2 && query != search.asked {
                search.asked = query.clone();
                search.ask(
                    ctx,
                    {
                        let query = query.clone();
                        move |s| s.suggest(&query, 8)
                    },
                    move |list| Answer::Suggestions { query, list },
                );
            } else if query.is_empty() {
                search.suggestions.clear();
                search.problem = None;
                search.asked.clear();
            }
        }
    }
}

fn app_texts(language: super::i18n::Language) -> &'static super::i18n::Texts {
    super::i18n::texts(language)
}

fn unreachable_text(language: super::i18n::Language, error: &ServiceError) -> String {
    format!("{}: {error}", app_texts(language).search_unreachable)
}

/// The search box, over the map's top-left corner: in the windows' layer (not in front of
/// everything), so a dialog opened over that corner covers it instead of lying under it.
pub fn ui(app: &mut GebiedenApp, ctx: &egui::Context, map_rect: egui::Rect) {
    let t = app.t();
    let mut chosen = None;
    egui::Area::new(egui::Id::unique("search"))
        .fixed_pos(map_rect.min + egui::vec2(10.0, 10.0))
        .order(egui::Order::Middle)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(320.0);
                ui.horizontal(|ui| {
                    let label = ui.label(t.search);
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(&mut app.search.query)
                                .hint_text(t.search_hint)
                                .desired_width(230.0),
                        )
                        .labelled_by(label.id);
                    if edit.changed() {
                        app.search.edited_at = Some(Instant::now());
                    }
                    if edit.lost_focus()
                        && ui.input(|i| i.key_pressed(egui::Key::Enter))
                        && let Some(first) = app.search.suggestions.first()
                    {
                        chosen = Some(first.clone());
                    }
                    if app.search.busy {
                        ui.spinner();
                    }
                });
                for suggestion in &app.search.suggestions {
                    if ui
                        .selectable_label(false, &suggestion.weergavenaam)
                        .clicked()
                    {
                        chosen = Some(suggestion.clone());
                    }
                }
                if let Some(problem) = &app.search.problem {
                    ui.small(problem);
                }
            });
        });
    if let Some(suggestion) = chosen {
        app.search.choose(ctx, &suggestion);
    }
}
