//! The decision report for the council: the map of the agreed areas, a table per area, each
//! partner's sign-off, and what changed since the previous version — one A4 PDF, in the
//! printed maps' renderer and fonts, Dutch or English as the project speaks.

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{Layer, MapFormat, Paper, SignoffStatus, Version, stale_signoffs};
use crate::render::{MapWords, ReportCell, ReportSection, ReportSpec, pages_to_pdf, render_svg, report_pages_svg};

use super::versions::{diff_versions, number, signoff_partners, version_of};
use super::{OpsError, Workspace, compose_layers, dutch_date, map_request, natural_key};

/// The report's words in one language.
struct Words {
    english: bool,
}

impl Words {
    fn t<'a>(&self, dutch: &'a str, english: &'a str) -> &'a str {
        if self.english { english } else { dutch }
    }

    fn status(&self, status: SignoffStatus) -> &'static str {
        match (status, self.english) {
            (SignoffStatus::Akkoord, false) => "akkoord",
            (SignoffStatus::Bezwaar, false) => "bezwaar",
            (SignoffStatus::Open, false) => "open",
            (SignoffStatus::Akkoord, true) => "agreed",
            (SignoffStatus::Bezwaar, true) => "objection",
            (SignoffStatus::Open, true) => "open",
        }
    }

    fn date(&self, iso: &str) -> String {
        if self.english { iso.to_string() } else { dutch_date(iso) }
    }
}

fn status_colour(status: SignoffStatus) -> [u8; 3] {
    match status {
        SignoffStatus::Akkoord => [0, 120, 60],
        SignoffStatus::Bezwaar => [190, 30, 30],
        SignoffStatus::Open => [110, 110, 110],
    }
}

/// The decision report of `version` (default: the current version, else the last) as PDF.
pub fn decision_report(workspace: &Workspace, version: Option<&str>) -> Result<Vec<u8>, OpsError> {
    let project = &workspace.project;
    let words = Words {
        english: project.language.as_deref() == Some("en"),
    };
    let name = version
        .map(str::to_string)
        .or_else(|| project.current_version.clone().filter(|v| project.version(v).is_some()))
        .or_else(|| project.versions.last().map(|v| v.name.clone()))
        .ok_or_else(|| super::VersionError::UnknownVersion {
            name: version.unwrap_or_default().to_string(),
            known: Vec::new(),
        })?;
    let chosen: &Version = version_of(project, &name)?;
    let units = workspace
        .base()
        .ok_or_else(|| OpsError::NoBaseLayer(workspace.path.clone().unwrap_or_default()))?;
    let mut composed = compose_layers(units, &chosen.composition, &workspace.partners(), &project.analysis);
    // Areas in their numbers' order ("2 Terborg" before "10 …"), however they were created.
    composed.areas.sort_by_key(|a| natural_key(&a.name));
    let mut area_names: Vec<&str> = chosen.composition.areas.iter().map(|a| a.name.as_str()).collect();
    area_names.sort_by_key(|n| natural_key(n));
    let project_name = workspace.name().unwrap_or_else(|| units.name.clone());

    // The map: the printed map's layout on A4, in vector.
    let mut project_for_map = project.clone();
    project_for_map.composition = chosen.composition.clone();
    let title = format!("{} {}", words.t("Gebiedsindeling", "Area division"), project_name);
    let map_words = if words.english { MapWords::english() } else { MapWords::dutch() };
    let mut request = map_request(&workspace.layers, &project_for_map, Some(Arc::new(composed.clone())), title.clone(), map_words)
        .ok_or_else(|| OpsError::NothingToMap(workspace.path.clone().unwrap_or_default()))?;
    request.options.title = Some(title.clone());
    request.options.subtitle = Some(format!("{} · {}", chosen.name, words.date(&chosen.date)));
    request.options.paper = Paper::A4;
    request.options.landscape = false;
    request.options.format = MapFormat::Pdf;
    // No background tiles: the report must come out the same offline.
    request.options.basemap = None;
    let map_page = render_svg(&request.spec());

    let names = unit_names(units);
    let unit_list = |ids: &[String]| -> String {
        ids.iter()
            .map(|id| match names.get(id) {
                Some(name) => format!("{name} ({id})"),
                None => id.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let people_field = project
        .analysis
        .weight_field
        .clone()
        .or_else(|| {
            composed
                .areas
                .iter()
                .flat_map(|a| a.sums.keys())
                .find(|k| k.to_lowercase().contains("inwoners"))
                .cloned()
        });

    let mut sections = Vec::new();
    // 1. The areas.
    let mut columns = vec![words.t("Gebied", "Area").to_string(), words.t("Buurten", "Units").to_string(), "km²".into()];
    let mut widths = vec![1.3, 4.0, 0.6];
    if let Some(field) = &people_field {
        columns.push(field.clone());
        widths.push(0.8);
    }
    let rows = composed
        .areas
        .iter()
        .map(|area| {
            let mut row = vec![
                ReportCell::from(area.name.as_str()),
                ReportCell::from(unit_list(&area.units)),
                ReportCell::from(format!("{:.2}", area.area_m2 / 1e6)),
            ];
            if let Some(field) = &people_field {
                row.push(ReportCell::from(area.sums.get(field).map(|v| number(*v)).unwrap_or_default()));
            }
            row
        })
        .collect();
    let mut paragraphs = vec![format!(
        "{} {} {} {} {}.",
        composed.areas.len(),
        words.t("gebieden uit", "areas from"),
        composed.areas.iter().map(|a| a.units.len()).sum::<usize>(),
        words.t("eenheden van", "units of"),
        units.name
    )];
    if !chosen.note.is_empty() {
        paragraphs.push(format!("{}: {}", words.t("Toelichting", "Note"), chosen.note));
    }
    sections.push(ReportSection {
        heading: words.t("De gebieden", "The areas").into(),
        paragraphs,
        columns,
        widths,
        rows,
    });

    // 2. Sign-off, partner × area.
    let mut partners = signoff_partners(workspace);
    for p in chosen.partners() {
        if !partners.contains(&p) {
            partners.push(p);
        }
    }
    let stale = stale_signoffs(chosen, &chosen.composition);
    let mut rows = Vec::new();
    for partner in &partners {
        for &area in &area_names {
            let signoff = chosen.signoff(partner, area);
            let status = signoff.map_or(SignoffStatus::Open, |s| s.status);
            let mut note = signoff.map(|s| s.note.clone()).unwrap_or_default();
            if signoff.is_some_and(|s| stale.iter().any(|t| std::ptr::eq(*t, s))) {
                note = format!("{} {note}", words.t("(geldt niet meer: het gebied is sindsdien gewijzigd)", "(no longer applies: the area has changed since)"));
            }
            rows.push(vec![
                ReportCell::from(partner.as_str()),
                ReportCell::from(area),
                ReportCell {
                    text: words.status(status).into(),
                    colour: Some(status_colour(status)),
                },
                ReportCell::from(note.trim().to_string()),
                ReportCell::from(signoff.map(|s| words.date(&s.date)).unwrap_or_default()),
            ]);
        }
    }
    let agreed = crate::model::agreed_areas(chosen, &partners);
    sections.push(ReportSection {
        heading: words.t("Akkoord van de partners", "Partners' sign-off").into(),
        paragraphs: vec![format!(
            "{} {} {} {}.",
            agreed.len(),
            words.t("van de", "of the"),
            chosen.composition.areas.len(),
            words.t("gebieden hebben het akkoord van alle partners", "areas are agreed by every partner")
        )],
        columns: [words.t("Partner", "Partner"), words.t("Gebied", "Area"), "Status", words.t("Toelichting", "Note"), words.t("Datum", "Date")]
            .map(String::from)
            .to_vec(),
        widths: vec![1.3, 1.5, 0.8, 2.6, 0.9],
        rows,
    });

    // 3. Changes since the previous version.
    let mut changes = ReportSection {
        heading: words.t("Wijzigingen", "Changes").into(),
        ..ReportSection::default()
    };
    match project.previous_version(&chosen.name) {
        None => changes
            .paragraphs
            .push(words.t("Dit is de eerste versie: er is geen eerdere om mee te vergelijken.", "This is the first version: there is none before it to compare with.").into()),
        Some(previous) => {
            let diff = diff_versions(units, (&previous.name, &previous.composition), (&chosen.name, &chosen.composition));
            changes.heading = format!("{} {}", words.t("Wijzigingen sinds", "Changes since"), previous.name);
            let mut changed: Vec<_> = diff.areas.iter().filter(|a| a.changed()).collect();
            changed.sort_by_key(|a| natural_key(&a.area));
            changes.paragraphs.push(format!(
                "{} {}; {} {}.",
                diff.moved.len(),
                words.t("eenheden naar een ander gebied", "units moved to another area"),
                changed.len(),
                words.t("gebieden gewijzigd", "areas changed")
            ));
            let none = words.t("(geen)", "(none)");
            changes.columns = [words.t("Eenheid", "Unit"), words.t("Naam", "Name"), words.t("Van", "From"), words.t("Naar", "To")]
                .map(String::from)
                .to_vec();
            changes.widths = vec![1.2, 1.8, 1.6, 1.6];
            changes.rows = diff
                .moved
                .iter()
                .map(|m| {
                    vec![
                        ReportCell::from(m.unit.as_str()),
                        ReportCell::from(m.name.clone().unwrap_or_default()),
                        ReportCell::from(m.from.clone().unwrap_or_else(|| none.into())),
                        ReportCell::from(m.to.clone().unwrap_or_else(|| none.into())),
                    ]
                })
                .collect();
            sections.push(changes);
            let mut columns = vec![words.t("Gebied", "Area").to_string(), words.t("Eenheden", "Units").into(), "km²".into()];
            if let Some(field) = &people_field {
                columns.push(field.clone());
            }
            let rows = changed
                .iter()
                .map(|a| {
                    let mut row = vec![
                        ReportCell::from(a.area.as_str()),
                        ReportCell::from(format!("{} → {}", a.units[0], a.units[1])),
                        ReportCell::from(format!("{:.2} → {:.2}", a.km2[0], a.km2[1])),
                    ];
                    if let Some(field) = &people_field {
                        let values = a.fields.iter().find(|(f, _)| f == field).map(|(_, v)| *v).unwrap_or([0.0, 0.0]);
                        row.push(ReportCell::from(format!("{} → {}", number(values[0]), number(values[1]))));
                    }
                    row
                })
                .collect();
            changes = ReportSection {
                heading: words.t("Per gebied", "Per area").into(),
                paragraphs: Vec::new(),
                widths: vec![1.5; columns.len()],
                columns,
                rows,
            };
        }
    }
    sections.push(changes);

    let spec = ReportSpec {
        title: format!("{} — {}", words.t("Besluit gebiedsindeling", "Decision on the area division"), project_name),
        subtitle: format!(
            "{} {} {} {}",
            words.t("Versie", "Version"),
            chosen.name,
            words.t("van", "of"),
            words.date(&chosen.date)
        ),
        footer: format!("{project_name} · {} · {}", chosen.name, words.date(&crate::model::today())),
        page_words: words.t("Pagina {n} van {total}", "Page {n} of {total}").into(),
        pages_before: 1,
        sections,
    };
    let mut pages = vec![map_page];
    pages.extend(report_pages_svg(&spec));
    Ok(pages_to_pdf(&pages, &spec.title)?)
}

/// Unit id → its name (e.g. the buurt's name), for units that have one.
fn unit_names(units: &Layer) -> HashMap<String, String> {
    let Some(column) = super::map::name_column(units, None) else {
        return HashMap::new();
    };
    units
        .features
        .iter()
        .filter_map(|f| {
            let name = f.attributes.get(column)?.to_string();
            (!name.is_empty() && name != f.id).then(|| (f.id.clone(), name))
        })
        .collect()
}
