//! "Which team serves Kerkstraat 1?": a place found by the Locatieserver, and per division the
//! area that holds it. The command line's `locate` and the window's search box both ask this.

use std::sync::Arc;

use geo::{BoundingRect, Intersects, Point};
use serde::Serialize;

use crate::model::{Crs, Layer};
use crate::services::Locatieserver;

use super::OpsError;
use super::map::name_column;

/// One division's area at a place.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AreaAt {
    /// The division's name (as the user calls it).
    pub layer: String,
    /// The feature's id.
    pub id: String,
    /// Its name (gebied, naam, buurtnaam … field), else its id.
    pub name: String,
}

/// The place found, in RD New.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlaceAt {
    pub name: String,
    pub x: f64,
    pub y: f64,
}

/// A search and its answer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Located {
    pub query: String,
    pub place: PlaceAt,
    /// One entry per division holding the place, in layer order.
    pub areas: Vec<AreaAt>,
}

/// The area of each layer that holds `pos` (working CRS); a point on a shared boundary goes to
/// the first feature that touches it. Layers that hold nothing there are left out.
pub fn areas_at(layers: &[Arc<Layer>], pos: [f64; 2]) -> Vec<AreaAt> {
    let point = Point::new(pos[0], pos[1]);
    layers
        .iter()
        .filter_map(|layer| {
            let feature = layer.features.iter().find(|f| {
                f.geometry.bounding_rect().is_some_and(|b| {
                    b.min().x <= pos[0] && pos[0] <= b.max().x && b.min().y <= pos[1] && pos[1] <= b.max().y
                }) && f.geometry.intersects(&point)
            })?;
            let name = name_column(layer, None)
                .and_then(|column| feature.attributes.get(column))
                .map(|v| v.to_string().trim().to_string())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| feature.id.clone());
            Some(AreaAt {
                layer: layer.name.clone(),
                id: feature.id.clone(),
                name,
            })
        })
        .collect()
}

/// Finds `query` (address, street, postcode, place) and the areas holding it.
pub fn locate(query: &str, layers: &[Arc<Layer>], search: &Locatieserver) -> Result<Located, OpsError> {
    let place = search
        .find(query)?
        .ok_or_else(|| OpsError::NothingFound(query.trim().to_string()))?;
    let pos_in_rd = [place.x, place.y];
    let working_crs = layers.first().map_or(Crs::RD_NEW, |l| l.working_crs);
    let pos = to_working_crs(pos_in_rd, working_crs);
    Ok(Located {
        query: query.to_string(),
        place: PlaceAt {
            name: place.name,
            x: place.x,
            y: place.y,
        },
        areas: areas_at(layers, pos),
    })
}

/// An RD position in another working CRS (unchanged when it is RD, or cannot be moved).
pub fn to_working_crs(pos_in_rd: [f64; 2], working_crs: Crs) -> [f64; 2] {
    match crate::io::Reprojector::new(Crs::RD_NEW, working_crs) {
        Ok(Some(reprojector)) => reprojector
            .project(geo::Coord {
                x: pos_in_rd[0],
                y: pos_in_rd[1],
            })
            .map_or(pos_in_rd, |c| [c.x, c.y]),
        _ => pos_in_rd,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, FieldType, Value};

    #[test]
    fn each_division_names_the_area_holding_the_point() {
        let mut teams = Layer::from_geometries(
            "zorgteams",
            Crs::RD_NEW,
            [
                ("T1".to_string(), geo::wkt!(MULTIPOLYGON(((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.))))),
                ("T2".to_string(), geo::wkt!(MULTIPOLYGON(((10. 0.,20. 0.,20. 10.,10. 10.,10. 0.))))),
            ],
        );
        teams.fields.push(Field {
            name: "team".into(),
            kind: FieldType::Text,
        });
        teams.features[0].attributes.push(Value::Text("Team West".into()));
        teams.features[1].attributes.push(Value::Text("Team Oost".into()));
        let police = Layer::from_geometries(
            "politie",
            Crs::RD_NEW,
            [("P9".to_string(), geo::wkt!(MULTIPOLYGON(((5. 5.,15. 5.,15. 15.,5. 15.,5. 5.)))))],
        );
        let layers = [Arc::new(teams), Arc::new(police)];
        let found = areas_at(&layers, [12.0, 7.0]);
        assert_eq!(
            found,
            [
                AreaAt { layer: "zorgteams".into(), id: "T2".into(), name: "Team Oost".into() },
                AreaAt { layer: "politie".into(), id: "P9".into(), name: "P9".into() },
            ]
        );
        assert_eq!(areas_at(&layers, [2.0, 2.0]).len(), 1, "outside the police area");
        assert!(areas_at(&layers, [50.0, 50.0]).is_empty());
    }
}
