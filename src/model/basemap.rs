//! The background map a project shows under its divisions: which style of PDOK's
//! BRT-Achtergrondkaart (or none), and a tile service of the user's own in its place.

use serde::{Deserialize, Serialize};

/// The styles PDOK serves the background map in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BasemapStyle {
    Standaard,
    /// Grey: quiet under coloured areas, the default.
    #[default]
    Grijs,
    Pastel,
    Water,
}

impl BasemapStyle {
    pub const ALL: [BasemapStyle; 4] = [
        BasemapStyle::Standaard,
        BasemapStyle::Grijs,
        BasemapStyle::Pastel,
        BasemapStyle::Water,
    ];

    /// The style's name in PDOK's URLs (and on the command line).
    pub fn name(self) -> &'static str {
        match self {
            BasemapStyle::Standaard => "standaard",
            BasemapStyle::Grijs => "grijs",
            BasemapStyle::Pastel => "pastel",
            BasemapStyle::Water => "water",
        }
    }

    /// `standaard`, `grijs`, `pastel`, `water` (any case).
    pub fn parse(text: &str) -> Option<BasemapStyle> {
        BasemapStyle::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// The window's background map, kept in the project.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct BasemapSettings {
    /// `None`: no background map.
    pub style: Option<BasemapStyle>,
    /// A tile service of the user's own on the same RD grid (`{z}`, `{x}`, `{y}`); `None`:
    /// `GEBIEDEN_BASEMAP_URL`, else PDOK.
    pub url_template: Option<String>,
}

impl Default for BasemapSettings {
    fn default() -> Self {
        BasemapSettings {
            style: Some(BasemapStyle::Grijs),
            url_template: None,
        }
    }
}
