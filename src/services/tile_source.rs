//! Where background tiles come from: PDOK's BRT-Achtergrondkaart by default, or any service on
//! the same RD grid (a municipality's own, a test server) named by a URL template.

use super::TileKey;
pub use crate::model::BasemapStyle;

/// PDOK BRT-Achtergrondkaart, WMTS in EPSG:28992 (`{style}`, `{z}` level, `{x}` column, `{y}`
/// row from the top).
pub const PDOK_BASEMAP_TEMPLATE: &str =
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/{style}/EPSG:28992/{z}/{x}/{y}.png";
/// The environment variable that replaces the template (placeholders `{z}`, `{x}`, `{y}`, and
/// optionally `{style}`; the same RD grid).
pub const BASEMAP_ENV: &str = "GEBIEDEN_BASEMAP_URL";
/// The attribution PDOK asks for on every map with its background.
pub const CREDIT_KADASTER: &str = "Kaartgegevens © Kadaster";

/// A tile service on the RD grid: a URL template and the style filled into it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TileSource {
    pub template: String,
    pub style: BasemapStyle,
}

impl TileSource {
    /// The service for `style`: a template the user set (in the window or project), else
    /// `GEBIEDEN_BASEMAP_URL`, else PDOK.
    pub fn new(style: BasemapStyle, template: Option<&str>) -> TileSource {
        let template = template
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .or_else(|| std::env::var(BASEMAP_ENV).ok().filter(|t| !t.trim().is_empty()))
            .unwrap_or_else(|| PDOK_BASEMAP_TEMPLATE.to_string());
        TileSource { template, style }
    }

    /// Why a template cannot be used, if it cannot: it needs `{z}`, `{x}` and `{y}` and an
    /// http(s) address.
    pub fn check_template(template: &str) -> Result<(), String> {
        let missing: Vec<&str> = ["{z}", "{x}", "{y}"]
            .into_iter()
            .filter(|p| !template.contains(p))
            .collect();
        if !missing.is_empty() {
            return Err(format!("the tile address lacks {}", missing.join(", ")));
        }
        if !(template.starts_with("http://") || template.starts_with("https://")) {
            return Err("the tile address must start with http:// or https://".into());
        }
        Ok(())
    }

    /// The URL of one tile.
    pub fn url(&self, key: TileKey) -> String {
        self.template
            .replace("{style}", self.style.name())
            .replace("{z}", &key.level.to_string())
            .replace("{x}", &key.column.to_string())
            .replace("{y}", &key.row.to_string())
    }

    /// The host the tiles come from, for messages ("tiles could not be fetched from HOST").
    pub fn host(&self) -> String {
        host_of(&self.template)
    }

    /// Whether this is PDOK's service (its tiles are credited to Kadaster).
    pub fn is_pdok(&self) -> bool {
        self.template.contains("pdok.nl")
    }

    /// A name for this source's tiles in the cache: the template with the style filled in.
    pub fn cache_key(&self) -> String {
        self.template.replace("{style}", self.style.name())
    }
}

/// The host (and port) of an http(s) URL.
pub(crate) fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdok_urls_count_rows_from_the_top() {
        let source = TileSource {
            template: PDOK_BASEMAP_TEMPLATE.into(),
            style: BasemapStyle::Grijs,
        };
        let key = TileKey { level: 9, column: 300, row: 212 };
        assert_eq!(
            source.url(key),
            "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:28992/9/300/212.png"
        );
        assert_eq!(source.host(), "service.pdok.nl");
        assert!(source.is_pdok());
    }

    #[test]
    fn a_template_of_our_own_replaces_pdok() {
        let source = TileSource::new(BasemapStyle::Pastel, Some("http://127.0.0.1:8080/t/{z}/{x}/{y}.png"));
        assert_eq!(source.url(TileKey { level: 1, column: 0, row: 1 }), "http://127.0.0.1:8080/t/1/0/1.png");
        assert_eq!(source.host(), "127.0.0.1:8080");
        assert!(!source.is_pdok());
        assert!(TileSource::check_template("http://x/{z}/{y}.png").unwrap_err().contains("{x}"));
        assert!(TileSource::check_template("file:///{z}/{x}/{y}").is_err());
        assert!(TileSource::check_template(PDOK_BASEMAP_TEMPLATE).is_ok());
    }

    #[test]
    fn styles_by_name() {
        assert_eq!(BasemapStyle::parse("Grijs"), Some(BasemapStyle::Grijs));
        assert_eq!(BasemapStyle::parse("luchtfoto"), None);
        assert_eq!(BasemapStyle::default(), BasemapStyle::Grijs);
    }
}
