//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

/// The real CBS data beside the repository (`../shared/data`), which CI provides.
pub fn shared_data() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    assert!(
        dir.is_dir(),
        "the shared CBS data is expected at {}",
        dir.display()
    );
    dir
}

/// A file in the shared data.
pub fn shared(file: &str) -> PathBuf {
    shared_data().join(file)
}

/// The bundled demo data in `data/`.
pub fn demo(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(file)
}

/// A file of the bad-input corpus.
pub fn corpus(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad_input")
        .join(file)
}

/// Runs the `gebieden` binary.
pub fn gebieden(args: &[&std::ffi::OsStr]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gebieden"))
        .args(args)
        .output()
        .expect("the gebieden binary runs")
}

/// Runs the binary with string arguments.
pub fn run(args: &[&str]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    gebieden(&args)
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Copies the shapefile `stem` from the shared data into `dir`, leaving out the listed sidecars.
pub fn copy_shapefile(stem: &str, dir: &Path, leave_out: &[&str]) -> PathBuf {
    for ext in ["shp", "shx", "dbf", "prj", "cpg"] {
        if leave_out.contains(&ext) {
            continue;
        }
        let from = shared_data().join("shp").join(format!("{stem}.{ext}"));
        std::fs::copy(&from, dir.join(format!("{stem}.{ext}"))).expect("copy shapefile part");
    }
    dir.join(format!("{stem}.shp"))
}

/// A file in `tests/fixtures`.
pub fn fixture(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(file)
}

/// Runs `inspect` on `path` (with extra arguments) and returns stderr, asserting exit code 2
/// (could not read), a message that starts with `error:` and names the file, and no panic or
/// backtrace.
pub fn refused(path: &Path, extra: &[&str]) -> String {
    inspect_exits(path, extra, 2)
}

/// Like [`refused`] for a file that loads but has features flagged as invalid: exit code 1
/// (issue 11: like `compose` when checks fail), everything still printed.
pub fn flagged(path: &Path, extra: &[&str]) -> String {
    inspect_exits(path, extra, 1)
}

fn inspect_exits(path: &Path, extra: &[&str], code: i32) -> String {
    let mut args = vec!["inspect", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    let output = run(&args);
    let message = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(code),
        "{}: {message}",
        path.display()
    );
    if code == 1 {
        assert!(
            stdout(&output).contains("invalid"),
            "the layer is still described: {}",
            stdout(&output)
        );
    }
    assert!(message.starts_with("error: "), "{message}");
    let file_name = path.file_name().unwrap().to_str().unwrap();
    assert!(
        message.contains(file_name),
        "message does not name {file_name}: {message}"
    );
    assert!(
        !message.contains("panicked") && !message.contains("RUST_BACKTRACE"),
        "{message}"
    );
    message
}

pub fn assert_says(message: &str, words: &[&str]) {
    for w in words {
        assert!(message.contains(w), "expected '{w}' in: {message}");
    }
}
