//! `gebieden locate`: a place found by the Locatieserver, and per division the area holding it.

use std::process::ExitCode;
use std::sync::Arc;

use gebieden::ops::{OpsError, Workspace, locate};
use gebieden::services::{HttpClient, Locatieserver};

use super::{LocateArgs, bad_input, load_all, open_project, single_project};

pub fn run(args: &LocateArgs) -> anyhow::Result<ExitCode> {
    let workspace = match single_project(&args.input) {
        Some(project) => match open_project(project, gebieden::model::Crs::RD_NEW) {
            Some(workspace) => workspace,
            None => return bad_input(),
        },
        None => {
            let (layers, failed) = load_all(&args.input, &Default::default());
            if failed {
                return bad_input();
            }
            Workspace::from_layers(layers)
        }
    };
    let layers: Vec<Arc<gebieden::model::Layer>> = workspace.layers.clone();
    let search = Locatieserver::new(None, HttpClient::default());
    match locate(&args.query, &layers, &search) {
        Ok(located) => {
            if args.json {
                say!("{}", serde_json::to_string_pretty(&located)?);
            } else {
                say!(
                    "{}  (RD {:.0}, {:.0})",
                    located.place.name, located.place.x, located.place.y
                );
                for area in &located.areas {
                    if area.name == area.id {
                        say!("  {}: {}", area.layer, area.id);
                    } else {
                        say!("  {}: {} ({})", area.layer, area.name, area.id);
                    }
                }
                if located.areas.is_empty() {
                    say!("  in none of the divisions");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(OpsError::NothingFound(query)) => {
            eprintln!("error: no place found for '{query}'");
            Ok(ExitCode::from(super::EXIT_CHECKS_FAILED))
        }
        Err(error) => {
            eprintln!("error: the place search failed: {error}");
            bad_input()
        }
    }
}
