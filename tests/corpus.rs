//! Every file of ../shared/corpus and ../shared/seeds through the library: no panic, every
//! reported range in bounds and on character boundaries, UTF-16 positions consistent with
//! the byte ranges, fix edits valid, and fixing idempotent. Each file is linted under its
//! original repository path (MANIFEST.tsv), under every forced kind, and spec folders as
//! workspaces.

use specmark::line_index::LineIndex;
use specmark::report::FileReport;
use specmark::rules::Workspace;
use specmark::{fix_text, lint, lint_bytes, lint_workspace, Config, Kind, LintOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Flattened corpus file name → original repository path, from MANIFEST.tsv.
fn original_paths() -> BTreeMap<String, (String, String)> {
    let manifest =
        std::fs::read_to_string(shared().join("corpus/MANIFEST.tsv")).unwrap_or_default();
    let mut out = BTreeMap::new();
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        let flat = format!(
            "{}__{}",
            cols[1].replace('/', "__"),
            cols[2].replace('/', "__")
        );
        out.insert(flat, (cols[1].to_string(), cols[2].to_string()));
    }
    out
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
fn corpus_and_seeds_lint_cleanly_with_valid_ranges() {
    let mut files = Vec::new();
    files_under(&shared().join("corpus"), &mut files);
    files_under(&shared().join("seeds"), &mut files);
    assert!(
        files.len() >= 50,
        "corpus missing? found {} files",
        files.len()
    );
    let originals = original_paths();
    let config = Config::default();
    let mut folders: BTreeMap<(String, String), Vec<(String, String)>> = BTreeMap::new();
    let mut linted = 0;
    for file in &files {
        let bytes = std::fs::read(file).expect("readable corpus file");
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let original = originals.get(&name);
        let mut paths: Vec<String> = vec![name.clone()];
        if let Some((_, p)) = original {
            paths.push(p.clone());
        }
        for path in &paths {
            let opts = LintOptions {
                path: Some(path),
                kind: None,
                config: &config,
            };
            let report = lint_bytes(&bytes, &opts);
            let Ok(text) = std::str::from_utf8(&bytes) else {
                assert_eq!(report.diagnostics[0].name, "invalid-utf8");
                continue;
            };
            let what = format!("{} as {path}", file.display());
            check_report(&what, text, &report);
            linted += 1;
            // Fixing is idempotent.
            let once = fix_text(text, &opts, true);
            let twice = fix_text(&once.output, &opts, true);
            assert_eq!(
                twice.output, once.output,
                "{what}: fixing twice changed the text"
            );
        }
        if let Ok(text) = std::str::from_utf8(&bytes) {
            for &kind in Kind::ALL {
                let opts = LintOptions {
                    path: Some(&name),
                    kind: Some(kind),
                    config: &config,
                };
                let report = lint(text, &opts).report();
                check_report(&format!("{} as {kind}", file.display()), text, &report);
            }
            if let Some((repo, path)) = original {
                if let Some(folder) = Workspace::spec_folder(path) {
                    folders
                        .entry((repo.clone(), folder.to_string()))
                        .or_default()
                        .push((path.clone(), text.to_string()));
                }
            }
        }
    }
    assert!(linted >= 50);
    for ((repo, folder), members) in &folders {
        let known: Vec<String> = members.iter().map(|(p, _)| p.clone()).collect();
        let reports = lint_workspace(members, known, false, &config);
        assert_eq!(reports.len(), members.len());
        for ((path, text), report) in members.iter().zip(&reports) {
            check_report(&format!("{repo}/{folder} workspace: {path}"), text, report);
        }
    }
}
