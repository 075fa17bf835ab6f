//! Every file of ../shared/realdocs and ../shared/seeds through the library: no panic, every
//! reported range in bounds and on character boundaries, UTF-16 positions consistent with
//! the byte ranges, fix edits valid, and fixing idempotent. Each file is linted under its
//! real repository path, under every forced kind, and each repository as a workspace.

#[path = "support/realdocs.rs"]
mod realdocs;

use specmark::line_index::LineIndex;
use specmark::report::FileReport;
use specmark::{fix_text, lint, lint_bytes, lint_workspace, Config, Kind, LintOptions};
use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// Whether byte `offset` sits between the `\r` and `\n` of a CRLF, or inside the BOM:
/// places where a UTF-16 position cannot name the byte exactly.
fn ambiguous(text: &str, offset: usize) -> bool {
    let b = text.as_bytes();
    (offset > 0 && offset < b.len() && b[offset - 1] == b'\r' && b[offset] == b'\n')
        || (text.starts_with('\u{feff}') && offset < 3)
}

fn check_report(what: &str, text: &str, report: &FileReport) {
    let idx = LineIndex::new(text);
    for d in &report.diagnostics {
        let (s, e) = (d.byte_range.start, d.byte_range.end);
        assert!(
            s <= e && e <= text.len(),
            "{what}: {} range {s}..{e} out of bounds",
            d.name
        );
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "{what}: {} range {s}..{e} not on char boundaries",
            d.name
        );
        assert_eq!(
            idx.position(text, s),
            d.range.start,
            "{what}: {} start",
            d.name
        );
        assert_eq!(idx.position(text, e), d.range.end, "{what}: {} end", d.name);
        for (off, pos) in [(s, d.range.start), (e, d.range.end)] {
            if !ambiguous(text, off) {
                assert_eq!(
                    idx.offset(text, pos),
                    off,
                    "{what}: {} UTF-16 round trip",
                    d.name
                );
            }
        }
        if let Some(fix) = &d.fix {
            let mut last = 0;
            for edit in &fix.edits {
                let (a, b) = (edit.byte_range.start, edit.byte_range.end);
                assert!(
                    a <= b && b <= text.len(),
                    "{what}: {} edit out of bounds",
                    d.name
                );
                assert!(
                    a >= last,
                    "{what}: {} edits unsorted or overlapping",
                    d.name
                );
                assert!(
                    text.is_char_boundary(a) && text.is_char_boundary(b),
                    "{what}: {} edit off char boundaries",
                    d.name
                );
                assert_eq!(idx.position(text, a), edit.range.start);
                last = b;
            }
        }
    }
}

#[test]
fn realdocs_and_seeds_lint_cleanly_with_valid_ranges() {
    let config = Config::default();
    let mut linted = 0;
    let repos = realdocs::repos();
    assert!(
        repos.len() >= 100,
        "realdocs missing? found {} repositories",
        repos.len()
    );
    // Each file under its real path, then under every forced kind; fixing is idempotent.
    let mut seeds = Vec::new();
    realdocs::files_under(&shared().join("seeds"), &mut seeds);
    let seed_files: Vec<(String, Vec<u8>)> = seeds
        .iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read(p).expect("readable seed"),
            )
        })
        .collect();
    let all = repos
        .iter()
        .flat_map(|r| {
            r.files
                .iter()
                .map(move |(p, b)| (format!("{}/{p}", r.name), p, b))
        })
        .chain(seed_files.iter().map(|(p, b)| (p.clone(), p, b)));
    for (what, path, bytes) in all {
        let opts = LintOptions {
            path: Some(path),
            kind: None,
            config: &config,
        };
        let report = lint_bytes(bytes, &opts);
        let Ok(text) = std::str::from_utf8(bytes) else {
            assert_eq!(report.diagnostics[0].name, "invalid-utf8");
            continue;
        };
        check_report(&what, text, &report);
        linted += 1;
        let once = fix_text(text, &opts, true);
        let twice = fix_text(&once.output, &opts, true);
        assert_eq!(
            twice.output, once.output,
            "{what}: fixing twice changed the text"
        );
        for &kind in Kind::ALL {
            let opts = LintOptions {
                path: Some(path),
                kind: Some(kind),
                config: &config,
            };
            let report = lint(text, &opts).report();
            check_report(&format!("{what} as {kind}"), text, &report);
        }
    }
    assert!(linted >= 250, "only {linted} files linted");
    // Each repository as one workspace (cross-document rules), as the editor sees it.
    for repo in &repos {
        let texts = repo.texts();
        let known: Vec<String> = texts.iter().map(|(p, _)| p.clone()).collect();
        let reports = lint_workspace(&texts, known, false, &config);
        assert_eq!(reports.len(), texts.len());
        for ((path, text), report) in texts.iter().zip(&reports) {
            check_report(
                &format!("{}/{path} in its workspace", repo.name),
                text,
                report,
            );
        }
    }
}
