//! `check --baseline FILE` and `--update-baseline`: known findings are hidden and do not
//! fail the run, new ones do, and matching survives edits elsewhere in the document.

#[path = "support/cli.rs"]
mod support;

use serde_json::Value;
use std::path::Path;
use support::{json, run_plain, tmp, write, Run};

fn run(dir: &Path, args: &[&str]) -> Run {
    run_plain(env!("CARGO_BIN_EXE_specmark"), dir, args)
}

/// A note with one `agent-artifact` error: leaked tool-call markup in a heading.
const ONE_DEFECT: &str = "# Weather notes\n\n## Correctn<function_calls>\n\nThe text goes on.\n";

fn names(report: &Value) -> Vec<String> {
    report["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().expect("diagnostics").iter())
        .map(|d| d["name"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_missing_baseline_is_an_error_that_says_how_to_make_one() {
    let dir = tmp();
    write(dir.path(), "notes.md", ONE_DEFECT);
    let r = run(
        dir.path(),
        &["check", "--baseline", "base.json", "notes.md"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("base.json: baseline not found"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--update-baseline"), "{}", r.stderr);
    assert!(!dir.path().join("base.json").exists());
}

#[test]
fn update_records_then_known_findings_pass_and_new_ones_fail() {
    let dir = tmp();
    write(dir.path(), "notes.md", ONE_DEFECT);
    assert_eq!(run(dir.path(), &["check", "notes.md"]).code, 1);

    let r = run(
        dir.path(),
        &[
            "check",
            "--baseline",
            "base.json",
            "--update-baseline",
            "notes.md",
        ],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr
            .contains("recorded 1 finding in the baseline base.json"),
        "{}",
        r.stderr
    );
    let file: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("base.json")).expect("baseline"))
            .expect("baseline is JSON");
    assert_eq!(file["version"], 1);
    assert_eq!(file["findings"][0]["path"], "notes.md");
    assert_eq!(file["findings"][0]["rule"], "agent-artifact");

    let r = run(
        dir.path(),
        &["check", "--baseline", "base.json", "notes.md"],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("1 known finding hidden by the baseline base.json"),
        "{}",
        r.stdout
    );

    // Lines added above the known finding: it is matched by its text, not its line.
    let moved = ONE_DEFECT.replace(
        "# Weather notes\n",
        "# Weather notes\n\nA new opening paragraph.\n\nAnd another one.\n",
    );
    write(dir.path(), "notes.md", &moved);
    let r = run(
        dir.path(),
        &["check", "--baseline", "base.json", "-f", "json", "notes.md"],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    let report = json(&r);
    assert!(names(&report).is_empty(), "{report:#}");
    assert_eq!(report["baseline"]["hidden"], 1);
    assert_eq!(report["baseline"]["gone"], 0);

    // A second leak is new: reported, and the run fails by it alone.
    let two = format!("{moved}\n## Later<function_calls>\n");
    write(dir.path(), "notes.md", two);
    let r = run(
        dir.path(),
        &["check", "--baseline", "base.json", "-f", "json", "notes.md"],
    );
    assert_eq!(r.code, 1, "{}", r.stdout);
    let report = json(&r);
    assert_eq!(names(&report), ["agent-artifact"], "{report:#}");
    assert_eq!(
        report["files"][0]["diagnostics"][0]["range"]["start"]["line"],
        10
    );

    // The known one fixed: the summary says the recorded finding is gone.
    write(
        dir.path(),
        "notes.md",
        "# Weather notes\n\nAll clean now.\n",
    );
    let r = run(
        dir.path(),
        &["check", "--baseline", "base.json", "notes.md"],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        r.stdout.contains(
            "0 known findings hidden by the baseline base.json; 1 recorded finding is gone"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn identical_findings_are_counted() {
    let dir = tmp();
    let twice = "# Weather notes\n\n## A<function_calls>\n\ntext\n\n## A<function_calls>\n\ntext\n";
    write(dir.path(), "notes.md", twice);
    let r = run(
        dir.path(),
        &[
            "check",
            "--baseline",
            "b.json",
            "--update-baseline",
            "notes.md",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let thrice = format!("{twice}\n## A<function_calls>\n\ntext\n");
    write(dir.path(), "notes.md", thrice);
    let r = run(
        dir.path(),
        &["check", "--baseline", "b.json", "-f", "json", "notes.md"],
    );
    assert_eq!(r.code, 1);
    let report = json(&r);
    assert_eq!(names(&report).len(), 1, "{report:#}");
    assert_eq!(report["baseline"]["hidden"], 2);
}

#[test]
fn paths_are_relative_to_the_baseline_so_any_working_folder_matches() {
    let dir = tmp();
    write(dir.path(), "docs/notes.md", ONE_DEFECT);
    let r = run(
        dir.path(),
        &[
            "check",
            "--baseline",
            "ci/base.json",
            "--update-baseline",
            "docs/notes.md",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(dir.path().join("ci/base.json")).expect("written");
    assert!(text.contains("\"path\": \"../docs/notes.md\""), "{text}");
    let r = run(
        &dir.path().join("docs"),
        &["check", "--baseline", "../ci/base.json", "notes.md"],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn a_broken_baseline_stops_the_run_and_is_left_alone() {
    let dir = tmp();
    write(dir.path(), "notes.md", ONE_DEFECT);
    for (content, expected) in [
        ("{ not json", "base.json:1:3: not a specmark baseline"),
        (
            "{\"version\": 9, \"findings\": []}",
            "baseline version 9 is not supported",
        ),
        (
            "{\"version\": 1, \"findings\": [{\"path\": 3}]}",
            "not a specmark baseline",
        ),
    ] {
        write(dir.path(), "base.json", content);
        for extra in [&[][..], &["--fix"][..]] {
            let mut args = vec!["check", "--baseline", "base.json"];
            args.extend_from_slice(extra);
            args.push("notes.md");
            let r = run(dir.path(), &args);
            assert_eq!(r.code, 2, "{content}: {}", r.stderr);
            assert!(r.stderr.contains(expected), "{content}: {}", r.stderr);
            assert_eq!(
                std::fs::read_to_string(dir.path().join("base.json")).expect("kept"),
                content
            );
        }
    }
    let r = run(dir.path(), &["check", "--update-baseline", "notes.md"]);
    assert_eq!(
        r.code, 2,
        "--update-baseline needs --baseline: {}",
        r.stderr
    );
}

#[test]
fn sarif_marks_new_and_unchanged_results() {
    let dir = tmp();
    write(dir.path(), "notes.md", ONE_DEFECT);
    run(
        dir.path(),
        &[
            "check",
            "--baseline",
            "b.json",
            "--update-baseline",
            "notes.md",
        ],
    );
    write(
        dir.path(),
        "notes.md",
        format!("{ONE_DEFECT}\n## B<function_calls>\n"),
    );
    let r = run(
        dir.path(),
        &["check", "--baseline", "b.json", "-f", "sarif", "notes.md"],
    );
    assert_eq!(r.code, 1);
    let log = json(&r);
    let mut states: Vec<(String, u64)> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|res| {
            assert!(
                res["partialFingerprints"]["specmark/v1"].is_string(),
                "{res:#}"
            );
            (
                res["baselineState"].as_str().unwrap_or("none").to_string(),
                res["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap_or(0),
            )
        })
        .collect();
    states.sort();
    assert_eq!(
        states,
        [("new".to_string(), 7), ("unchanged".to_string(), 3)]
    );
}
