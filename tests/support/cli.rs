//! What the end-to-end tests of the `specmark` binary share (`tests/cli.rs`,
//! `tests/cli_bad_input.rs`): the result of a run, files in a temporary folder, and lookups
//! in the JSON report. Each suite keeps its own way of running the binary.

#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};

/// A finished run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run the built binary `bin` in `dir` with `args`, no standard input and no colors.
pub fn run_plain(bin: &str, dir: &Path, args: &[&str]) -> Run {
    let out = std::process::Command::new(bin)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run specmark");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Write `content` to `dir/rel`, creating folders.
pub fn write(dir: &Path, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("a file inside the folder")).expect("mkdir");
    std::fs::write(&p, content).expect("write");
    p
}

pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// The run's standard output as JSON (the test fails with both outputs when it is not).
pub fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        )
    })
}

/// The report of the file at `path` in a JSON report.
pub fn file<'a>(report: &'a Value, path: &str) -> &'a Value {
    report["files"]
        .as_array()
        .expect("files array")
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("no report for {path} in {report:#}"))
}

/// The paths of every file in a JSON report, in order.
pub fn paths(report: &Value) -> Vec<String> {
    report["files"]
        .as_array()
        .expect("files array")
        .iter()
        .map(|f| f["path"].as_str().unwrap_or("").to_string())
        .collect()
}

/// A document without problems for any rule.
pub const CLEAN: &str = "# Weather notes\n\nIt rained on Tuesday and the garden liked it.\n";
/// A document with one `agent-artifact` error on line 3 (1-based), column 12 (the rule is on
/// for every kind).
pub const LEAKED: &str = "# Weather notes\n\n## Correctn<function_calls>\n\nThe text goes on.\n";
