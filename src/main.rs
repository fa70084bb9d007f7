//! The `gebieden` binary: the desktop window without a command, headless commands with one.

mod cli;
mod gui;

use std::process::ExitCode;

// Overlay work allocates many small vectors on two threads; mimalloc is markedly faster than
// the system allocators at that, on Windows as on Linux.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc keeps freed pages for a second before it gives them back; the analysis frees large
/// overlay buffers phase by phase and allocates the next phase's beside them, so with that
/// default the process's peak was twice the memory in use (national pair: 166 MB resident for
/// 78 MB live). After 10 ms instead: 115 MB, same time (median of 6 interleaved runs, 2.05 s
/// both; giving pages back at once, 0 ms, costs 0.25 s of system time).
///
/// On Linux (where the kernel overcommits) mimalloc also commits each new arena whole at once,
/// with transparent huge pages; committing pages as they are first used instead keeps the
/// national pair's peak at 89–90 MB instead of 111–112 MB, same time (median of 8 interleaved
/// runs, twice). Windows does not overcommit and mimalloc commits on demand there already. The
/// first arena is made by the first allocation, which the Rust runtime does before `main`, so
/// on Linux this runs earlier still, as a constructor.
extern "C" fn return_memory_promptly() {
    // Indices into mimalloc 3's `mi_option_e` (include/mimalloc.h of libmimalloc-sys 0.1.49),
    // which the crate does not name as constants.
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    const PURGE_AFTER_MS: std::ffi::c_long = 10;
    // mimalloc reads its options from MIMALLOC_* variables before main; one set there wins.
    let unset = |name: &str| std::env::var_os(name).is_none();
    // SAFETY: plain stores into mimalloc's option table, done before main (the constructor) or
    // first thing in it, while this is the only thread.
    // The commit option first: looking up a variable that is set allocates, and the first
    // allocation makes the first arena.
    unsafe {
        if unset("MIMALLOC_ARENA_EAGER_COMMIT") {
            libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        }
        if unset("MIMALLOC_PURGE_DELAY") {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_AFTER_MS);
        }
    }
}

use clap::Parser;

#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static RETURN_MEMORY_PROMPTLY_BEFORE_THE_RUNTIME: extern "C" fn() = return_memory_promptly;

fn main() -> ExitCode {
    // Elsewhere the constructor above does not exist; setting the options again is harmless.
    return_memory_promptly();
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
