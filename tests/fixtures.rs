//! Self-describing fixtures: every `.md` under `tests/fixtures/` marks the findings it
//! expects, and the test fails on any finding missing or extra.
//!
//! - `<!-- expect: NAME[, NAME] -->` on a line: those findings start on that line.
//! - `<!-- expect-next-line: NAME[, NAME] -->` alone on a line: they start on the next line
//!   (for table rows, code fences and places a comment would change).
//! - A folder holding a file named `.workspace` is linted as one workspace (cross-document
//!   rules); the paths are relative to that folder.
//! - A `.specmark.toml` in a fixture's folder configures the fixtures of that folder.
//! - Under `tests/fixtures/<rule-name>/`, only the findings of that rule and of rules named in
//!   the fixture's expect marks are compared, so a fixture stays about its rule when other
//!   rules are added. Fixtures in other folders (such as `generic/`) compare every finding.
//!
//! Fixed text of every fixture with fixable findings is snapshotted (insta) and re-linted:
//! no fixable finding may remain.

use specmark::report::FileReport;
use specmark::{fix_text, lint, lint_workspace, Config, LintOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable fixture dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "md") {
            out.push(p);
        }
    }
}

/// (0-based line, rule name) pairs the fixture expects.
fn expectations(text: &str) -> BTreeMap<(usize, String), usize> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        for (marker, offset) in [("<!-- expect-next-line:", 1), ("<!-- expect:", 0)] {
            let mut rest = line;
            while let Some(at) = rest.find(marker) {
                let after = &rest[at + marker.len()..];
                let end = after.find("-->").expect("closed expect comment");
                for name in after[..end]
                    .split(',')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                {
                    *out.entry((i + offset, name.to_string())).or_insert(0) += 1;
                }
                rest = &after[end..];
            }
        }
    }
    out
}

fn found(report: &FileReport, scope: Option<&[String]>) -> BTreeMap<(usize, String), usize> {
    let mut out = BTreeMap::new();
    for d in &report.diagnostics {
        if scope.is_some_and(|names| !names.iter().any(|n| n == d.name)) {
            continue;
        }
        *out.entry((d.range.start.line as usize, d.name.to_string()))
            .or_insert(0) += 1;
    }
    out
}

fn config_for(dir: &Path) -> Config {
    let p = dir.join(".specmark.toml");
    match std::fs::read_to_string(&p) {
        Ok(text) => Config::from_toml(&text, Some(&p.display().to_string()))
            .unwrap_or_else(|e| panic!("fixture config: {e}")),
        Err(_) => Config::default(),
    }
}

fn workspace_root(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .skip(1)
        .take_while(|a| a.starts_with(fixtures_dir()))
        .find(|a| a.join(".workspace").exists())
        .map(Path::to_path_buf)
}

fn describe(diff: &[String], report: &FileReport) -> String {
    let mut s = diff.join("\n");
    s.push_str("\nall findings:\n");
    for d in &report.diagnostics {
        s.push_str(&format!(
            "  line {}: {} ({}) {}\n",
            d.range.start.line + 1,
            d.name,
            d.severity.as_str(),
            d.message
        ));
    }
    s
}

/// The rules a fixture is about: its folder's rule and the rules its marks name; `None`
/// (every rule) for fixtures outside a rule-named folder.
fn scope(rel: &str, want: &BTreeMap<(usize, String), usize>) -> Option<Vec<String>> {
    let first = rel.split('/').next()?;
    specmark::rules::find_rule(first)?;
    let mut names: Vec<String> = want.keys().map(|(_, n)| n.clone()).collect();
    names.push(first.to_string());
    Some(names)
}

fn compare(rel: &str, text: &str, report: &FileReport) -> Option<String> {
    let want = expectations(text);
    let scope = scope(rel, &want);
    let got = found(report, scope.as_deref());
    let mut diff = Vec::new();
    for (k, n) in &want {
        let g = got.get(k).copied().unwrap_or(0);
        if g < *n {
            diff.push(format!(
                "missing: line {} {} (expected {n}, found {g})",
                k.0 + 1,
                k.1
            ));
        }
    }
    for (k, n) in &got {
        let w = want.get(k).copied().unwrap_or(0);
        if *n > w {
            diff.push(format!(
                "unexpected: line {} {} (found {n}, expected {w})",
                k.0 + 1,
                k.1
            ));
        }
    }
    (!diff.is_empty()).then(|| format!("{rel}:\n{}", describe(&diff, report)))
}

#[test]
fn fixtures_report_exactly_what_they_mark() {
    let root = fixtures_dir();
    let mut files = Vec::new();
    walk(&root, &mut files);
    assert!(!files.is_empty(), "no fixtures found");
    let mut failures = Vec::new();
    let mut workspaces: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for path in &files {
        if let Some(ws) = workspace_root(path) {
            workspaces.entry(ws).or_default().push(path.clone());
            continue;
        }
        let text = std::fs::read_to_string(path).expect("utf-8 fixture");
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let config = config_for(path.parent().unwrap());
        let opts = LintOptions {
            path: Some(&rel),
            kind: None,
            config: &config,
        };
        let report = lint(&text, &opts).report();
        if let Some(f) = compare(&rel, &text, &report) {
            failures.push(f);
        }
    }
    for (ws, members) in &workspaces {
        let config = config_for(ws);
        let files: Vec<(String, String)> = members
            .iter()
            .map(|p| {
                (
                    p.strip_prefix(ws)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                    std::fs::read_to_string(p).expect("utf-8 fixture"),
                )
            })
            .collect();
        let mut all = Vec::new();
        walk_all(ws, ws, &mut all);
        let reports = lint_workspace(&files, all, true, &config);
        for ((rel, text), report) in files.iter().zip(&reports) {
            let ws_rel = ws
                .strip_prefix(&root)
                .unwrap_or(ws)
                .to_string_lossy()
                .replace('\\', "/");
            if let Some(f) = compare(&format!("{ws_rel}/{rel}"), text, report) {
                failures.push(f);
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Every file and folder below `dir`, relative to `root` (the workspace's known paths).
fn walk_all(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let p = e.path();
        out.push(
            p.strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/"),
        );
        if p.is_dir() {
            walk_all(root, &p, out);
        }
    }
}

#[test]
fn fixed_fixtures_are_stable_and_clean() {
    let root = fixtures_dir();
    let mut files = Vec::new();
    walk(&root, &mut files);
    for path in files {
        if workspace_root(&path).is_some() {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let config = config_for(path.parent().unwrap());
        let opts = LintOptions {
            path: Some(&rel),
            kind: None,
            config: &config,
        };
        let fixed = fix_text(&text, &opts, false);
        if fixed.applied == 0 {
            continue;
        }
        // Idempotent: fixing the fixed text changes nothing.
        let again = fix_text(&fixed.output, &opts, false);
        assert_eq!(
            again.output, fixed.output,
            "{rel}: a second --fix changed the text"
        );
        // Nothing safely fixable is left.
        let relinted = lint(&fixed.output, &opts);
        let left: Vec<_> = relinted
            .diagnostics
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == specmark::Applicability::Safe)
            })
            .map(|d| d.name)
            .collect();
        assert!(
            left.is_empty(),
            "{rel}: fixable findings remain after fixing: {left:?}"
        );
        let name = rel.replace(['/', '.'], "_");
        insta::assert_snapshot!(format!("fixed_{name}"), fixed.output);
    }
}
