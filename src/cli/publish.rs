//! `gebieden publish`: the residents' web map in a folder.

use std::process::ExitCode;

use gebieden::model::Crs;
use gebieden::ops::{PublishSettings, is_project_file, publish_layer, publish_workspace};

use super::{PublishArgs, bad_input, load_all, open_project, print_ops_error};

pub fn run(args: &PublishArgs) -> anyhow::Result<ExitCode> {
    let settings = PublishSettings {
        title: args.title.clone(),
        tiles: args.tiles.clone(),
        locatieserver: args.locatieserver.clone(),
    };
    let published = if is_project_file(&args.input) {
        let Some(workspace) = open_project(&args.input, Crs::RD_NEW) else {
            return bad_input();
        };
        publish_workspace(&workspace, &settings, &args.out)
    } else {
        let (mut layers, failed) = load_all(std::slice::from_ref(&args.input), &Default::default());
        if failed || layers.is_empty() {
            return bad_input();
        }
        publish_layer(&layers.remove(0), &settings, &args.out)
    };
    match published {
        Ok(published) => {
            say!(
                "{} areas; data {:.0} kB (boundaries simplified by 2 m, WGS 84)",
                published.areas,
                published.data_bytes as f64 / 1000.0
            );
            say!("wrote {} (open index.html)", args.out.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            print_ops_error(&error);
            bad_input()
        }
    }
}
