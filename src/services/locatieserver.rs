//! Place search through PDOK's Locatieserver v3.1: `/suggest` for the list as the user types,
//! `/lookup?id=` for the point of the one chosen (`centroide_rd`, RD metres, so it lands on the
//! map without reprojection).

use serde::Deserialize;

use super::{HttpClient, ServiceError};

/// PDOK Locatieserver v3.1.
pub const LOCATIESERVER_URL: &str = "https://api.pdok.nl/bzk/locatieserver/search/v3_1";
/// The environment variable that replaces the base URL (tests, a municipality's own mirror).
pub const LOCATIESERVER_ENV: &str = "GEBIEDEN_LOCATIESERVER_URL";

/// What users look for: addresses, streets, postcodes, places and municipalities (not parcels
/// or hectometre posts).
const TYPES: &str = "type:(adres OR weg OR postcode OR woonplaats OR gemeente)";

/// One entry of the list as you type.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Suggestion {
    pub id: String,
    /// "Kerkstraat 1, 7081AC Gendringen"
    pub weergavenaam: String,
    /// adres, weg, postcode, woonplaats, gemeente
    #[serde(rename = "type", default)]
    pub kind: String,
}

/// A place found: its name and its point in RD New.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub name: String,
    pub kind: String,
    pub x: f64,
    pub y: f64,
}

#[derive(Deserialize)]
struct Answer<T> {
    response: Docs<T>,
}

#[derive(Deserialize)]
struct Docs<T> {
    docs: Vec<T>,
}

#[derive(Deserialize)]
struct LookupDoc {
    weergavenaam: String,
    #[serde(rename = "type", default)]
    kind: String,
    centroide_rd: Option<String>,
}

/// A client for one Locatieserver.
#[derive(Clone)]
pub struct Locatieserver {
    base: String,
    client: HttpClient,
}

impl Locatieserver {
    /// The server at `base`, else `GEBIEDEN_LOCATIESERVER_URL`, else PDOK's.
    pub fn new(base: Option<&str>, client: HttpClient) -> Locatieserver {
        let base = base
            .map(str::to_string)
            .or_else(|| std::env::var(LOCATIESERVER_ENV).ok())
            .filter(|b| !b.trim().is_empty())
            .unwrap_or_else(|| LOCATIESERVER_URL.to_string());
        Locatieserver {
            base: base.trim().trim_end_matches('/').to_string(),
            client,
        }
    }

    pub fn host(&self) -> String {
        super::tile_source::host_of(&self.base)
    }

    /// Up to `rows` suggestions for what the user typed so far.
    pub fn suggest(&self, query: &str, rows: usize) -> Result<Vec<Suggestion>, ServiceError> {
        let url = format!(
            "{}/suggest?q={}&fq={}&rows={rows}",
            self.base,
            percent_encode(query.trim()),
            percent_encode(TYPES)
        );
        let answer: Answer<Suggestion> = self.json(&url)?;
        Ok(answer.response.docs)
    }

    /// The point of a suggestion.
    pub fn lookup(&self, id: &str) -> Result<Place, ServiceError> {
        let url = format!("{}/lookup?id={}", self.base, percent_encode(id));
        let answer: Answer<LookupDoc> = self.json(&url)?;
        let unexpected = |reason: String| ServiceError::Unexpected {
            host: self.host(),
            reason,
        };
        let doc = answer
            .response
            .docs
            .into_iter()
            .next()
            .ok_or_else(|| unexpected(format!("nothing found for id '{id}'")))?;
        let point = doc
            .centroide_rd
            .as_deref()
            .and_then(parse_point)
            .ok_or_else(|| unexpected(format!("'{}' has no RD point (centroide_rd)", doc.weergavenaam)))?;
        Ok(Place {
            name: doc.weergavenaam,
            kind: doc.kind,
            x: point[0],
            y: point[1],
        })
    }

    /// The best match for a query, or `None` when the service finds nothing.
    pub fn find(&self, query: &str) -> Result<Option<Place>, ServiceError> {
        match self.suggest(query, 1)?.first() {
            Some(best) => self.lookup(&best.id).map(Some),
            None => Ok(None),
        }
    }

    fn json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, ServiceError> {
        let bytes = self.client.get(url)?;
        serde_json::from_slice(&bytes).map_err(|e| ServiceError::Unexpected {
            host: self.host(),
            reason: format!("the answer is not the Locatieserver's JSON ({e})"),
        })
    }
}

/// `POINT(221234.5 435678.9)` → [x, y].
fn parse_point(wkt: &str) -> Option<[f64; 2]> {
    let inner = wkt.trim().strip_prefix("POINT")?.trim().strip_prefix('(')?.strip_suffix(')')?;
    let mut numbers = inner.split_whitespace().map(str::parse::<f64>);
    let x = numbers.next()?.ok()?;
    let y = numbers.next()?.ok()?;
    (x.is_finite() && y.is_finite()).then_some([x, y])
}

/// Percent-encoding of a query parameter (RFC 3986 unreserved characters stay).
fn percent_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::test_server::TestServer;

    /// Answers in the shape PDOK documents (trimmed to the fields used and a few beside them).
    fn canned(path: &str) -> Option<(&'static str, Vec<u8>)> {
        let body = if path.to_lowercase().starts_with("/suggest?q=kerkstraat%201%20gendringen") {
            r#"{"response":{"numFound":2,"start":0,"maxScore":12.1,"docs":[
                {"type":"adres","weergavenaam":"Kerkstraat 1, 7081AC Gendringen","id":"adr-1","score":12.1},
                {"type":"weg","weergavenaam":"Kerkstraat, Gendringen","id":"wgd-2","score":9.0}]},
              "highlighting":{},"spellcheck":{"suggestions":[]}}"#
        } else if path.starts_with("/suggest?") {
            r#"{"response":{"numFound":0,"start":0,"maxScore":0.0,"docs":[]}}"#
        } else if path == "/lookup?id=adr-1" {
            r#"{"response":{"numFound":1,"start":0,"maxScore":1.0,"docs":[
                {"id":"adr-1","type":"adres","weergavenaam":"Kerkstraat 1, 7081AC Gendringen",
                 "centroide_ll":"POINT(6.37563 51.87265)","centroide_rd":"POINT(225710.12 434107.55)"}]}}"#
        } else {
            return None;
        };
        Some(("application/json", body.as_bytes().to_vec()))
    }

    #[test]
    fn suggest_then_lookup_gives_the_rd_point() {
        let server = TestServer::start(canned);
        let search = Locatieserver::new(Some(&server.url()), HttpClient::default());
        let list = search.suggest("Kerkstraat 1 Gendringen", 10).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].kind, "adres");
        let place = search.lookup(&list[0].id).unwrap();
        assert_eq!((place.x, place.y), (225_710.12, 434_107.55));
        assert_eq!(place.name, "Kerkstraat 1, 7081AC Gendringen");
        assert!(server.requests()[0].contains("fq=type%3A%28adres%20OR"), "{:?}", server.requests());
        assert_eq!(search.find("nergensstraat 99").unwrap(), None);
    }

    #[test]
    fn no_server_is_unreachable_with_its_host() {
        let server = TestServer::start(|_| None);
        let base = server.url();
        drop(server);
        let search = Locatieserver::new(Some(&base), HttpClient::default());
        let error = search.suggest("Ulft", 5).unwrap_err();
        assert!(error.is_unreachable(), "{error}");
        assert_eq!(error.host(), base.trim_start_matches("http://"));
    }

    #[test]
    fn points_and_encoding() {
        assert_eq!(parse_point("POINT(1.5 2)"), Some([1.5, 2.0]));
        assert_eq!(parse_point("POINT EMPTY"), None);
        assert_eq!(percent_encode("7081 AC/é"), "7081%20AC%2F%C3%A9");
    }
}
