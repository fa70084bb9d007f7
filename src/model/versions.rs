//! The rounds of a negotiation: named versions of the composition ("concept 1", "concept 2",
//! …), and per version what each partner said of each area. Plain data; `ops::versions`
//! compares versions and decides which sign-offs still apply.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::Composition;

/// Which base layer a version was made on: enough to notice the units changed under it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseIdentity {
    /// The file name (no folder: a project folder may move).
    pub file: String,
    pub feature_count: usize,
    /// FNV-1a (64 bit, hex) over the units' ids and coordinates.
    pub checksum: String,
    /// The vintage's year (CBS buurten 2019), as the file name gives it or the user says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

/// One saved round of the composition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Version {
    pub name: String,
    /// ISO date (2026-12-01).
    pub date: String,
    /// The author's note: what this round changed and why.
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub base: Option<BaseIdentity>,
    pub composition: Composition,
    #[serde(default)]
    pub signoffs: Vec<Signoff>,
}

/// What a partner said of an area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignoffStatus {
    Akkoord,
    /// An objection.
    Bezwaar,
    #[default]
    Open,
}

impl SignoffStatus {
    pub const ALL: [SignoffStatus; 3] = [SignoffStatus::Akkoord, SignoffStatus::Bezwaar, SignoffStatus::Open];

    /// `akkoord`, `bezwaar`, `open`: the word on the command line and in files.
    pub fn name(self) -> &'static str {
        match self {
            SignoffStatus::Akkoord => "akkoord",
            SignoffStatus::Bezwaar => "bezwaar",
            SignoffStatus::Open => "open",
        }
    }

    pub fn parse(text: &str) -> Option<SignoffStatus> {
        SignoffStatus::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// One partner's word on one area of one version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Signoff {
    pub partner: String,
    pub area: String,
    pub status: SignoffStatus,
    #[serde(default)]
    pub note: String,
    /// ISO date.
    pub date: String,
    /// The area's units when it was signed: the sign-off applies to exactly these.
    #[serde(default)]
    pub units: BTreeSet<String>,
}

impl Version {
    /// The sign-off of `partner` for `area`, if any.
    pub fn signoff(&self, partner: &str, area: &str) -> Option<&Signoff> {
        self.signoffs.iter().find(|s| s.partner == partner && s.area == area)
    }

    /// Records (or replaces) a partner's word on an area, with the area's units as they are
    /// in this version.
    pub fn record(&mut self, partner: &str, area: &str, status: SignoffStatus, note: &str, date: &str) {
        let units = units_of(&self.composition, area);
        let signoff = Signoff {
            partner: partner.to_string(),
            area: area.to_string(),
            status,
            note: note.to_string(),
            date: date.to_string(),
            units,
        };
        match self.signoffs.iter_mut().find(|s| s.partner == partner && s.area == area) {
            Some(existing) => *existing = signoff,
            None => self.signoffs.push(signoff),
        }
    }

    /// The partners that said something, in the order they first did.
    pub fn partners(&self) -> Vec<String> {
        let mut partners: Vec<String> = Vec::new();
        for s in &self.signoffs {
            if !partners.contains(&s.partner) {
                partners.push(s.partner.clone());
            }
        }
        partners
    }
}

/// The units of `area` in `composition`.
pub fn units_of(composition: &Composition, area: &str) -> BTreeSet<String> {
    composition
        .assignment
        .iter()
        .filter(|(_, a)| a.as_str() == area)
        .map(|(unit, _)| unit.clone())
        .collect()
}

/// Sign-offs of `version` that no longer apply to `composition`: the area they were given for
/// has other units now (or is gone).
pub fn stale_signoffs<'a>(version: &'a Version, composition: &Composition) -> Vec<&'a Signoff> {
    version
        .signoffs
        .iter()
        .filter(|s| composition.area(&s.area).is_none() || units_of(composition, &s.area) != s.units)
        .collect()
}

/// Areas of `version` every one of `partners` agreed to (`akkoord`, still applying to the
/// version's own composition). No partners: none.
pub fn agreed_areas(version: &Version, partners: &[String]) -> Vec<String> {
    if partners.is_empty() {
        return Vec::new();
    }
    let stale = stale_signoffs(version, &version.composition);
    version
        .composition
        .areas
        .iter()
        .filter(|area| {
            partners.iter().all(|p| {
                version.signoff(p, &area.name).is_some_and(|s| {
                    s.status == SignoffStatus::Akkoord && !stale.iter().any(|t| std::ptr::eq(*t, s))
                })
            })
        })
        .map(|a| a.name.clone())
        .collect()
}

/// The calendar date (UTC) of a moment, ISO: 2026-12-01.
pub fn iso_date(moment: std::time::SystemTime) -> String {
    let days = moment
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| (d.as_secs() / 86_400) as i64)
        .unwrap_or(0);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Today's date, ISO.
pub fn today() -> String {
    iso_date(std::time::SystemTime::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_iso_way() {
        let day = |secs: u64| iso_date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs));
        assert_eq!(day(0), "1970-01-01");
        assert_eq!(day(1_796_083_200), "2026-12-01");
        assert_eq!(day(951_782_400), "2000-02-29");
    }

    fn composition(pairs: &[(&str, &str)]) -> Composition {
        let mut c = Composition::default();
        for (_, area) in pairs {
            if c.area(area).is_none() {
                c.add_area(area).unwrap();
            }
        }
        for (unit, area) in pairs {
            c.assignment.insert(unit.to_string(), area.to_string());
        }
        c
    }

    fn version(pairs: &[(&str, &str)]) -> Version {
        Version {
            name: "concept 1".into(),
            date: "2013-03-01".into(),
            note: String::new(),
            base: None,
            composition: composition(pairs),
            signoffs: Vec::new(),
        }
    }

    #[test]
    fn a_signoff_no_longer_applies_once_its_area_changes() {
        let mut v = version(&[("b1", "Terborg"), ("b2", "Terborg"), ("b3", "Silvolde")]);
        v.record("Politie", "Terborg", SignoffStatus::Akkoord, "", "2013-03-02");
        v.record("Politie", "Silvolde", SignoffStatus::Bezwaar, "b2 hoort bij Silvolde", "2013-03-02");
        assert!(stale_signoffs(&v, &v.composition).is_empty());
        let moved = composition(&[("b1", "Terborg"), ("b2", "Silvolde"), ("b3", "Silvolde")]);
        let stale: Vec<&str> = stale_signoffs(&v, &moved).iter().map(|s| s.area.as_str()).collect();
        assert_eq!(stale, ["Terborg", "Silvolde"]);
        // Recording again replaces the partner's word.
        v.record("Politie", "Silvolde", SignoffStatus::Akkoord, "", "2013-04-01");
        assert_eq!(v.signoffs.len(), 2);
        assert_eq!(v.signoff("Politie", "Silvolde").unwrap().status, SignoffStatus::Akkoord);
    }

    #[test]
    fn only_areas_every_partner_agreed_to_are_agreed() {
        let mut v = version(&[("b1", "Terborg"), ("b3", "Silvolde")]);
        let partners = ["Politie".to_string(), "Wonion".to_string()];
        v.record("Politie", "Terborg", SignoffStatus::Akkoord, "", "d");
        v.record("Wonion", "Terborg", SignoffStatus::Akkoord, "", "d");
        v.record("Politie", "Silvolde", SignoffStatus::Akkoord, "", "d");
        v.record("Wonion", "Silvolde", SignoffStatus::Open, "", "d");
        assert_eq!(agreed_areas(&v, &partners), ["Terborg"]);
        assert!(agreed_areas(&v, &[]).is_empty());
        assert_eq!(SignoffStatus::parse("Bezwaar"), Some(SignoffStatus::Bezwaar));
        assert_eq!(SignoffStatus::parse("ja"), None);
    }
}
