//! The negotiation's operations: save the working composition as a version, switch to one,
//! compare two, record a partner's sign-off, lock what everyone agreed to. The window and the
//! `diff`, `signoff`, `compose --version` and `report` commands all go through these.

use std::path::{Path, PathBuf};

use geo::CoordsIter;

use crate::compose::compose;
use crate::io::{WriteError, write_atomic};
use crate::model::{
    BaseIdentity, Composition, Layer, Project, SignoffStatus, Version, agreed_areas, today, units_of,
};

use super::Workspace;
use super::compose_files::csv_bytes;

/// `diff.csv`'s header: one row per unit that changed area.
pub const DIFF_HEADER: &str = "unit,from_area,to_area";

/// Why a version operation was refused; each names what does not exist and what does.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VersionError {
    #[error("there is no version '{name}' (versions: {})", list(.known))]
    UnknownVersion { name: String, known: Vec<String> },
    #[error("version '{version}' has no area '{area}' (areas: {})", list(.known))]
    UnknownArea { version: String, area: String, known: Vec<String> },
    #[error("there is no partner '{partner}' (partners: {}); a partner without a division of its own can be added by name", list(.known))]
    UnknownPartner { partner: String, known: Vec<String> },
    #[error("a version needs a name")]
    EmptyName,
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        "none".into()
    } else {
        names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ")
    }
}

/// Which units a version is made on: file name, count, and a checksum over ids and coordinates.
pub fn base_identity(units: &Layer) -> BaseIdentity {
    // FNV-1a: stable across platforms and releases, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for feature in &units.features {
        eat(feature.id.as_bytes());
        eat(&[0]);
        for c in feature.geometry.coords_iter() {
            // Millimetres: the same units read again (or written and read) hash the same.
            eat(&((c.x * 1000.0).round() as i64).to_le_bytes());
            eat(&((c.y * 1000.0).round() as i64).to_le_bytes());
        }
    }
    BaseIdentity {
        file: units
            .source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        feature_count: units.features.len(),
        checksum: format!("{hash:016x}"),
        year: year_in_name(&units.source),
    }
}

/// A vintage year in a file name (buurten_2019.geojson → 2019), when it has exactly one.
fn year_in_name(path: &Path) -> Option<i32> {
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let years: Vec<i32> = stem
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| part.len() == 4)
        .filter_map(|part| part.parse().ok())
        .filter(|y| (1990..=2100).contains(y))
        .collect();
    match years[..] {
        [year] => Some(year),
        _ => None,
    }
}

/// The base units a project recorded and the ones it reads now, when they differ (another
/// file, a changed file, another vintage); `None` when they are the same or nothing was
/// recorded. Each front end words the warning in its own language.
pub fn base_vintage_change(project: &Project, units: &Layer) -> Option<(BaseIdentity, BaseIdentity)> {
    let recorded = project.base_vintage.as_ref()?;
    let now = base_identity(units);
    (now.checksum != recorded.checksum || now.feature_count != recorded.feature_count).then(|| (recorded.clone(), now))
}

/// "buurten_2019.geojson (2019)": a vintage as a user knows it.
pub fn vintage_name(identity: &BaseIdentity) -> String {
    match identity.year {
        Some(year) if !identity.file.contains(&year.to_string()) => format!("{} ({year})", identity.file),
        _ => identity.file.clone(),
    }
}

/// Saves the working composition as version `name` (dated today). A version of that name is
/// replaced, keeping its sign-offs: those whose area changed then show as no longer applying.
pub fn save_version(project: &mut Project, name: &str, note: &str, units: Option<&Layer>) -> Result<(), VersionError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(VersionError::EmptyName);
    }
    let version = Version {
        name: name.to_string(),
        date: today(),
        note: note.to_string(),
        base: units.map(base_identity),
        composition: project.composition.clone(),
        signoffs: Vec::new(),
    };
    match project.version_mut(name) {
        Some(existing) => {
            let signoffs = std::mem::take(&mut existing.signoffs);
            *existing = Version { signoffs, ..version };
        }
        None => project.versions.push(version),
    }
    project.current_version = Some(name.to_string());
    Ok(())
}

/// Makes version `name` the working composition.
pub fn switch_version(project: &mut Project, name: &str) -> Result<(), VersionError> {
    let composition = version_of(project, name)?.composition.clone();
    project.composition = composition;
    project.current_version = Some(name.to_string());
    Ok(())
}

/// The version named `name`, or an error listing the versions there are.
pub fn version_of<'a>(project: &'a Project, name: &str) -> Result<&'a Version, VersionError> {
    project.version(name).ok_or_else(|| VersionError::UnknownVersion {
        name: name.to_string(),
        known: project.versions.iter().map(|v| v.name.clone()).collect(),
    })
}

/// Who can sign off: the partner divisions' names (every layer but the base units and the
/// extent, shown or not), then the partners named by hand.
pub fn signoff_partners(workspace: &Workspace) -> Vec<String> {
    let names: Vec<String> = workspace.layers.iter().map(|l| l.name.clone()).collect();
    let project = &workspace.project;
    partner_names(&names, project.base_layer, project.analysis.extent_layer, &project.partners)
}

/// [`signoff_partners`] from the layers' names: the window keeps its layers its own way.
pub fn partner_names(layer_names: &[String], base: Option<usize>, extent: Option<usize>, by_hand: &[String]) -> Vec<String> {
    let mut names: Vec<String> = layer_names
        .iter()
        .enumerate()
        .filter(|&(i, _)| Some(i) != base && Some(i) != extent)
        .map(|(_, name)| name.clone())
        .collect();
    for name in by_hand {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    names
}

/// Records a partner's word on an area of a version, dated today.
pub fn record_signoff(
    project: &mut Project,
    partners: &[String],
    version: &str,
    partner: &str,
    area: &str,
    status: SignoffStatus,
    note: &str,
) -> Result<(), VersionError> {
    let found = version_of(project, version)?;
    if found.composition.area(area).is_none() {
        return Err(VersionError::UnknownArea {
            version: version.to_string(),
            area: area.to_string(),
            known: found.composition.areas.iter().map(|a| a.name.clone()).collect(),
        });
    }
    if !partners.iter().any(|p| p == partner) {
        return Err(VersionError::UnknownPartner {
            partner: partner.to_string(),
            known: partners.to_vec(),
        });
    }
    if let Some(v) = project.version_mut(version) {
        v.record(partner, area, status, note, &today());
    }
    Ok(())
}

/// Locks, in the working composition, the units of every area of `version` all `partners`
/// agreed to (and whose units are still as signed); returns those areas.
pub fn lock_agreed(project: &mut Project, version: &str, partners: &[String]) -> Result<Vec<String>, VersionError> {
    let found = version_of(project, version)?;
    let areas = agreed_areas(found, partners);
    let units: Vec<String> = areas.iter().flat_map(|a| units_of(&found.composition, a)).collect();
    project.composition.locked.extend(units);
    Ok(areas)
}

/// A unit that changed area between two versions.
#[derive(Clone, Debug, PartialEq)]
pub struct MovedUnit {
    pub unit: String,
    /// The unit's name in the base layer (e.g. the buurt's name), when it has one.
    pub name: Option<String>,
    /// `None`: unassigned in that version.
    pub from: Option<String>,
    pub to: Option<String>,
}

/// One area in two versions: units, km² and every numeric field (sums over its units).
#[derive(Clone, Debug, PartialEq)]
pub struct AreaChange {
    pub area: String,
    pub colour: [u8; 3],
    pub units: [usize; 2],
    pub km2: [f64; 2],
    pub fields: Vec<(String, [f64; 2])>,
}

impl AreaChange {
    pub fn changed(&self) -> bool {
        self.units[0] != self.units[1]
            || (self.km2[0] - self.km2[1]).abs() > 1e-9
            || self.fields.iter().any(|(_, [a, b])| (a - b).abs() > 1e-9)
    }
}

/// What changed from version `from` to version `to`.
#[derive(Clone, Debug, PartialEq)]
pub struct VersionDiff {
    pub from: String,
    pub to: String,
    pub moved: Vec<MovedUnit>,
    /// Every area of either version, `to`'s order first.
    pub areas: Vec<AreaChange>,
}

/// Compares two compositions over the same units.
pub fn diff_versions(units: &Layer, from: (&str, &Composition), to: (&str, &Composition)) -> VersionDiff {
    let (a, b) = (from.1, to.1);
    let name_column = super::map::name_column(units, None);
    let position: std::collections::HashMap<&str, usize> =
        units.features.iter().enumerate().map(|(i, f)| (f.id.as_str(), i)).collect();
    let name_of = |unit: &str| {
        let column = name_column?;
        let feature = &units.features[*position.get(unit)?];
        let name = feature.attributes.get(column)?.to_string();
        (!name.is_empty() && name != unit).then_some(name)
    };
    let mut all_units: Vec<&String> = a.assignment.keys().chain(b.assignment.keys()).collect();
    all_units.sort();
    all_units.dedup();
    // In the units' own order, so the list reads like the base layer.
    let order = |unit: &str| position.get(unit).copied().unwrap_or(usize::MAX);
    let mut moved: Vec<MovedUnit> = all_units
        .into_iter()
        .filter(|u| a.assignment.get(*u) != b.assignment.get(*u))
        .map(|u| MovedUnit {
            unit: u.clone(),
            name: name_of(u),
            from: a.assignment.get(u).cloned(),
            to: b.assignment.get(u).cloned(),
        })
        .collect();
    moved.sort_by_key(|m| (order(&m.unit), m.unit.clone()));

    let none: &[Layer] = &[];
    let composed = [compose(units, a, none, 0.0), compose(units, b, none, 0.0)];
    let mut names: Vec<(String, [u8; 3])> = Vec::new();
    for area in b.areas.iter().chain(&a.areas) {
        if !names.iter().any(|(n, _)| n == &area.name) {
            names.push((area.name.clone(), area.colour));
        }
    }
    let mut fields: Vec<String> = composed
        .iter()
        .flat_map(|c| c.areas.iter().flat_map(|r| r.sums.keys().cloned()))
        .collect();
    fields.sort();
    fields.dedup();
    let areas = names
        .into_iter()
        .map(|(area, colour)| {
            let side = |k: usize| composed[k].areas.iter().find(|r| r.name == area);
            let units = [0, 1].map(|k| side(k).map_or(0, |r| r.units.len()));
            let km2 = [0, 1].map(|k| side(k).map_or(0.0, |r| r.area_m2 / 1e6));
            let fields = fields
                .iter()
                .map(|f| (f.clone(), [0, 1].map(|k| side(k).and_then(|r| r.sums.get(f).copied()).unwrap_or(0.0))))
                .collect();
            AreaChange {
                area,
                colour,
                units,
                km2,
                fields,
            }
        })
        .collect();
    VersionDiff {
        from: from.0.to_string(),
        to: to.0.to_string(),
        moved,
        areas,
    }
}

/// Writes `diff.csv` (`unit,from_area,to_area`, a row per moved unit, empty for unassigned)
/// and `diff_areas.csv` (per area: units, km² and numeric fields in both versions) into `dir`.
pub fn write_diff(dir: &Path, diff: &VersionDiff) -> Result<Vec<PathBuf>, WriteError> {
    std::fs::create_dir_all(dir).map_err(|e| WriteError::new(dir, e))?;
    let mut written = Vec::new();
    let path = dir.join("diff.csv");
    let mut rows = vec![DIFF_HEADER.split(',').map(String::from).collect::<Vec<_>>()];
    rows.extend(diff.moved.iter().map(|m| {
        vec![
            m.unit.clone(),
            m.from.clone().unwrap_or_default(),
            m.to.clone().unwrap_or_default(),
        ]
    }));
    let bytes = csv_bytes(rows).map_err(|e| WriteError::new(&path, e))?;
    write_atomic(&path, &bytes).map_err(|e| WriteError::new(&path, e))?;
    written.push(path);

    let path = dir.join("diff_areas.csv");
    let field_names: Vec<&String> = diff.areas.first().map(|a| a.fields.iter().map(|(f, _)| f).collect()).unwrap_or_default();
    let mut header = vec!["area".to_string(), "units_from".into(), "units_to".into(), "km2_from".into(), "km2_to".into()];
    for f in &field_names {
        header.push(format!("{f}_from"));
        header.push(format!("{f}_to"));
    }
    let mut rows = vec![header];
    for area in &diff.areas {
        let mut row = vec![
            area.area.clone(),
            area.units[0].to_string(),
            area.units[1].to_string(),
            format!("{:.4}", area.km2[0]),
            format!("{:.4}", area.km2[1]),
        ];
        for (_, [a, b]) in &area.fields {
            row.push(number(*a));
            row.push(number(*b));
        }
        rows.push(row);
    }
    let bytes = csv_bytes(rows).map_err(|e| WriteError::new(&path, e))?;
    write_atomic(&path, &bytes).map_err(|e| WriteError::new(&path, e))?;
    written.push(path);
    Ok(written)
}

/// Whole numbers without decimals (inwoners), others with two.
pub fn number(value: f64) -> String {
    if value.fract().abs() < 1e-9 { format!("{value:.0}") } else { format!("{value:.2}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Crs, Field, FieldType, Value};
    use geo::wkt;

    fn units() -> Layer {
        let mut layer = Layer::from_geometries(
            "buurten",
            Crs::RD_NEW,
            (0..4).map(|k| {
                let x = f64::from(k) * 1000.0;
                let square = wkt!(MULTIPOLYGON(((0. 0.,1000. 0.,1000. 1000.,0. 1000.,0. 0.))));
                (format!("b{k}"), geo::Translate::translate(&square, x, 0.0))
            }),
        );
        layer.fields = vec![
            Field { name: "naam".into(), kind: FieldType::Text },
            Field { name: "inwoners".into(), kind: FieldType::Integer },
        ];
        for (k, f) in layer.features.iter_mut().enumerate() {
            f.attributes = vec![Value::Text(format!("Buurt {k}")), Value::Integer(100 * (k as i64 + 1))];
        }
        layer
    }

    fn composition(pairs: &[(&str, &str)]) -> Composition {
        let mut c = Composition::default();
        for (unit, area) in pairs {
            if c.area(area).is_none() {
                c.add_area(area).unwrap();
            }
            c.assignment.insert(unit.to_string(), area.to_string());
        }
        c
    }

    #[test]
    fn a_diff_lists_the_moved_units_and_what_each_area_gained_or_lost() {
        let units = units();
        let a = composition(&[("b0", "West"), ("b1", "West"), ("b2", "Oost"), ("b3", "Oost")]);
        let b = composition(&[("b0", "West"), ("b1", "Oost"), ("b2", "Oost")]);
        let diff = diff_versions(&units, ("concept 1", &a), ("concept 2", &b));
        assert_eq!(diff.moved.len(), 2);
        assert_eq!(diff.moved[0].unit, "b1");
        assert_eq!(diff.moved[0].name.as_deref(), Some("Buurt 1"));
        assert_eq!((diff.moved[0].from.as_deref(), diff.moved[0].to.as_deref()), (Some("West"), Some("Oost")));
        assert_eq!((diff.moved[1].from.as_deref(), diff.moved[1].to.as_deref()), (Some("Oost"), None));
        let west = diff.areas.iter().find(|a| a.area == "West").unwrap();
        assert_eq!(west.units, [2, 1]);
        assert!((west.km2[0] - 2.0).abs() < 1e-9 && (west.km2[1] - 1.0).abs() < 1e-9);
        let inwoners = west.fields.iter().find(|(f, _)| f == "inwoners").unwrap().1;
        assert_eq!(inwoners, [300.0, 100.0]);

        let dir = tempfile::tempdir().unwrap();
        write_diff(dir.path(), &diff).unwrap();
        let csv = std::fs::read_to_string(dir.path().join("diff.csv")).unwrap();
        assert_eq!(csv, "unit,from_area,to_area\nb1,West,Oost\nb3,Oost,\n");
        let areas = std::fs::read_to_string(dir.path().join("diff_areas.csv")).unwrap();
        assert!(areas.starts_with("area,units_from,units_to,km2_from,km2_to,inwoners_from,inwoners_to\n"), "{areas}");
        assert!(areas.contains("West,2,1,2.0000,1.0000,300,100"), "{areas}");
    }

    #[test]
    fn saving_a_version_again_keeps_its_signoffs_and_shows_which_no_longer_apply() {
        let units = units();
        let mut project = Project {
            composition: composition(&[("b0", "West"), ("b1", "West"), ("b2", "Oost")]),
            ..Project::default()
        };
        save_version(&mut project, "concept 1", "eerste ronde", Some(&units)).unwrap();
        let partners = vec!["Politie".to_string()];
        record_signoff(&mut project, &partners, "concept 1", "Politie", "West", SignoffStatus::Akkoord, "").unwrap();
        record_signoff(&mut project, &partners, "concept 1", "Politie", "Oost", SignoffStatus::Akkoord, "").unwrap();
        assert_eq!(lock_agreed(&mut project, "concept 1", &partners).unwrap(), ["West", "Oost"]);
        assert!(project.composition.locked.contains("b1"));
        // Refusals name what does not exist.
        let err = record_signoff(&mut project, &partners, "concept 9", "Politie", "West", SignoffStatus::Open, "").unwrap_err();
        assert!(err.to_string().contains("no version 'concept 9' (versions: 'concept 1')"), "{err}");
        let err = record_signoff(&mut project, &partners, "concept 1", "Wonion", "West", SignoffStatus::Open, "").unwrap_err();
        assert!(err.to_string().contains("no partner 'Wonion'"), "{err}");
        let err = record_signoff(&mut project, &partners, "concept 1", "Politie", "Noord", SignoffStatus::Open, "").unwrap_err();
        assert!(err.to_string().contains("no area 'Noord'"), "{err}");

        // b1 moves and the round is saved again under its name.
        project.composition.assignment.insert("b1".into(), "Oost".into());
        save_version(&mut project, "concept 1", "", Some(&units)).unwrap();
        let v = project.version("concept 1").unwrap();
        assert_eq!(v.signoffs.len(), 2);
        assert_eq!(crate::model::stale_signoffs(v, &v.composition).len(), 2);
        assert!(agreed_areas(v, &partners).is_empty());
        assert_eq!(v.base.as_ref().unwrap().feature_count, 4);
        assert_eq!(v.base.as_ref().unwrap().checksum, base_identity(&units).checksum);
        // A project that recorded these units warns once they change under it.
        project.base_vintage = Some(base_identity(&units));
        assert_eq!(base_vintage_change(&project, &units), None);
        let mut changed = units.clone();
        changed.features.pop();
        let (then, now) = base_vintage_change(&project, &changed).unwrap();
        assert_eq!((then.feature_count, now.feature_count), (4, 3));
        assert_eq!(year_in_name(Path::new("data/buurten_2019.rd.geojson")), Some(2019));
        assert_eq!(year_in_name(Path::new("wijk_2015_2019.geojson")), None);

        // Switching back and forth brings each round's composition.
        save_version(&mut project, "concept 2", "", Some(&units)).unwrap();
        project.composition.assignment.clear();
        switch_version(&mut project, "concept 2").unwrap();
        assert_eq!(project.composition.assignment.get("b1").map(String::as_str), Some("Oost"));
        assert_eq!(project.current_version.as_deref(), Some("concept 2"));
    }
}
