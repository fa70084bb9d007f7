//! Project files (`*.gebieden`): versioned JSON, written atomically; an autosave sidecar beside
//! them; layer paths relative to the project file, so a project folder can be moved or shared.

use std::path::{Path, PathBuf};

use super::write_atomic_with;
use crate::model::{PROJECT_FORMAT, PROJECT_VERSION, Project};

/// Why a project could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not a gebieden project: {reason}", path.display())]
    NotAProject { path: PathBuf, reason: String },
    #[error("{}: made by a newer gebieden (project version {found}; this one reads up to {PROJECT_VERSION}); update gebieden to open it", path.display())]
    TooNew { path: PathBuf, found: u32 },
}

/// The autosave sidecar of a project file: `name.gebieden` → `name.gebieden.autosave`.
pub fn autosave_path(project: &Path) -> PathBuf {
    let mut name = project.as_os_str().to_owned();
    name.push(".autosave");
    PathBuf::from(name)
}

/// Writes a path relative to `base` when it lies below it, else as given; always with `/`, so
/// a project saved on Windows opens on Linux and back.
pub fn relative_path(path: &Path, base: &Path) -> String {
    let relative = path.strip_prefix(base).unwrap_or(path);
    relative.to_string_lossy().replace('\\', "/")
}

/// Resolves a stored layer path against the project's folder.
pub fn resolve_path(stored: &str, project_dir: &Path) -> PathBuf {
    let path = PathBuf::from(stored);
    if path.is_absolute() {
        path
    } else {
        project_dir.join(path)
    }
}

/// Reads a project file.
pub fn read_project(path: &Path) -> Result<Project, ProjectError> {
    let bytes = std::fs::read(path).map_err(|source| ProjectError::Read {
        path: path.into(),
        source,
    })?;
    let not_a_project = |reason: String| ProjectError::NotAProject {
        path: path.into(),
        reason,
    };
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| not_a_project(format!("not valid JSON ({e})")))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(PROJECT_FORMAT) {
        return Err(not_a_project(format!(
            "it has no \"format\": \"{PROJECT_FORMAT}\""
        )));
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0) as u32;
    if version > PROJECT_VERSION {
        return Err(ProjectError::TooNew {
            path: path.into(),
            found: version,
        });
    }
    let mut project: Project = serde_json::from_value(value).map_err(|e| not_a_project(e.to_string()))?;
    // A project from before versions: its composition is the first round.
    if version < 3 && project.versions.is_empty() && !project.composition.areas.is_empty() {
        let date = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .map(crate::model::iso_date)
            .unwrap_or_else(|_| crate::model::today());
        let name = project.next_version_name();
        project.versions.push(crate::model::Version {
            name: name.clone(),
            date,
            note: String::new(),
            base: None,
            composition: project.composition.clone(),
            signoffs: Vec::new(),
        });
        project.current_version = Some(name);
    }
    project.version = PROJECT_VERSION;
    Ok(project)
}

/// Writes a project file atomically (temporary file, flush to disk, rename).
pub fn write_project(path: &Path, project: &Project) -> Result<(), ProjectError> {
    // Straight into the temporary file: no second copy of a big project in memory.
    write_atomic_with(path, |w| {
        serde_json::to_writer_pretty(w, project).map_err(std::io::Error::other)
    })
    .map_err(|source| ProjectError::Write {
        path: path.into(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PaintMode;
    use crate::model::ProjectLayer;

    #[test]
    fn projects_round_trip_and_future_versions_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("oij.gebieden");
        let mut project = Project::default();
        project.layers.push(ProjectLayer {
            path: "buurten.geojson".into(),
            name: Some("CBS buurten 2019".into()),
            id_field: Some("buurtcode".into()),
            ..ProjectLayer::default()
        });
        project.composition.add_area("1 Varsseveld").unwrap();
        project
            .composition
            .assign(["BU15090300"], Some("1 Varsseveld"), PaintMode::Overwrite)
            .unwrap();
        write_project(&path, &project).unwrap();
        assert_eq!(read_project(&path).unwrap(), project);

        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace(&format!("\"version\": {PROJECT_VERSION}"), "\"version\": 7");
        std::fs::write(&path, text).unwrap();
        let err = read_project(&path).unwrap_err().to_string();
        assert!(err.contains("newer gebieden (project version 7"), "{err}");

        std::fs::write(&path, "{\"type\":\"FeatureCollection\"}").unwrap();
        assert!(
            read_project(&path)
                .unwrap_err()
                .to_string()
                .contains("not a gebieden project")
        );
    }

    #[test]
    fn versions_and_signoffs_round_trip_and_an_older_project_becomes_one_version() {
        use crate::model::SignoffStatus;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("oij.gebieden");
        let mut project = Project::default();
        project.composition.add_area("2 Terborg").unwrap();
        project.composition.assign(["BU15090100"], Some("2 Terborg"), PaintMode::Overwrite).unwrap();
        let mut version = crate::model::Version {
            name: "concept 1".into(),
            date: "2013-03-01".into(),
            note: "eerste ronde".into(),
            base: None,
            composition: project.composition.clone(),
            signoffs: Vec::new(),
        };
        version.record("Politie", "2 Terborg", SignoffStatus::Bezwaar, "wijk 01 hoort erbij", "2013-03-04");
        project.versions.push(version);
        project.current_version = Some("concept 1".into());
        project.partners.push("GGD".into());
        write_project(&path, &project).unwrap();
        assert_eq!(read_project(&path).unwrap(), project);

        // A version 2 file (no versions yet): its composition is the first version.
        let mut old = serde_json::to_value(&project).unwrap();
        old["version"] = 2.into();
        let map = old.as_object_mut().unwrap();
        map.remove("versions");
        map.remove("current_version");
        std::fs::write(&path, serde_json::to_string(&old).unwrap()).unwrap();
        let opened = read_project(&path).unwrap();
        assert_eq!(opened.versions.len(), 1);
        assert_eq!(opened.versions[0].name, "concept 1");
        assert_eq!(opened.versions[0].composition, project.composition);
        assert_eq!(opened.current_version.as_deref(), Some("concept 1"));
    }

    #[test]
    fn paths_are_stored_relative_with_forward_slashes() {
        let base = Path::new("/data/project");
        assert_eq!(
            relative_path(Path::new("/data/project/lagen/buurten.gpkg"), base),
            "lagen/buurten.gpkg"
        );
        assert_eq!(
            resolve_path("lagen/buurten.gpkg", base),
            base.join("lagen/buurten.gpkg")
        );
        assert_eq!(
            autosave_path(Path::new("a.gebieden")),
            PathBuf::from("a.gebieden.autosave")
        );
    }
}
