//! The `gebieden` binary: the desktop window without a command, headless commands with one.

mod cli;
mod gui;

use std::process::ExitCode;

// Overlay work allocates many small vectors on two threads; mimalloc is markedly faster than
// the system allocators at that, on Windows as on Linux.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

fn main() -> ExitCode {
    // A bug must still end in one readable line, not a Rust backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("error: internal error in gebieden (please report it): {info}");
    }));
    let args = cli::Cli::parse();
    match args.command {
        Some(command) => match cli::run(&command) {
            Ok(code) => code,
            Err(error) => {
                eprintln!("error: {error:#}");
                ExitCode::from(cli::EXIT_BAD_INPUT)
            }
        },
        None if args.bench_frames.is_some() => {
            println!(
                "{}",
                gui::bench::run(args.files, args.bench_frames.unwrap_or(0))
            );
            ExitCode::SUCCESS
        }
        None => match gui::run(args.files) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: cannot open the window: {error}");
                ExitCode::FAILURE
            }
        },
    }
}
