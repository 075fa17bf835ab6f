//! Invariants every lint, fix and configuration read must keep, whatever the input.
//!
//! One copy of the checks serves three callers: the property tests (`tests/properties.rs`),
//! the replayed fuzz findings (`tests/regressions.rs`) and the fuzz targets
//! (`fuzz/fuzz_targets/*.rs`, which include this file with `#[path]`). The `*_input`
//! functions decode raw fuzz bytes exactly as the fuzz targets do, so a crash file saved
//! by libFuzzer replays byte for byte in the normal test suite.
//!
//! Every check panics with a message naming the broken invariant.

#![allow(dead_code)]

use specmark::fix::apply_fixes;
use specmark::line_index::{LineIndex, Position};
use specmark::report::FileReport;
use specmark::{fix_text_with, lint, lint_bytes, lint_workspace, Applicability, Diagnostic};
use specmark::{Config, Kind, LintOptions};
use std::ops::Range;

/// Paths used when the selector asks for path-based kind detection.
const AUTO_PATHS: [Option<&str>; 8] = [
    None,
    Some("specs/active/x/prd.md"),
    Some("specs/active/x/tasks.md"),
    Some("specs/active/x/recovery.md"),
    Some("specs/active/x/research/analysis.md"),
    Some("specs/active/x/research/plan.md"),
    Some(".goalkit/goals/x/tasks.md"),
    Some("notes.md"),
];

/// Kind and path chosen by a fuzz input's first byte, modulo the number of kinds plus the
/// number of `AUTO_PATHS`: below the number of kinds it forces that kind (`Kind::ALL` order),
/// from there on it leaves the kind to detection with one of `AUTO_PATHS`.
pub fn options_for(selector: u8) -> (Option<Kind>, Option<&'static str>) {
    let n = Kind::ALL.len();
    let k = selector as usize % (n + AUTO_PATHS.len());
    match Kind::ALL.get(k) {
        Some(&kind) => (Some(kind), Some("doc.md")),
        None => (None, AUTO_PATHS[k - n]),
    }
}

/// The selector byte that asks for detection from `AUTO_PATHS[path_index]`
/// (scripts/fuzz-seed.sh writes the same bytes).
pub fn auto_selector(path_index: usize) -> u8 {
    (Kind::ALL.len() + path_index % AUTO_PATHS.len()) as u8
}

// ------------------------------------------------------------------ fuzz entry points

/// Target `lint`: the first byte picks kind and path, the rest is the document (raw bytes
/// for `lint_bytes`, lossy UTF-8 for `lint`).
pub fn lint_input(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let (kind, path) = options_for(selector);
    let config = Config::default();
    let opts = LintOptions {
        path,
        kind,
        config: &config,
    };
    // `lint_bytes` on valid text without NUL is `lint`, which `check_lint` covers.
    if std::str::from_utf8(rest).is_err() || rest.contains(&0) {
        check_bytes(rest, &opts);
    }
    let text = String::from_utf8_lossy(rest);
    check_lint(&text, &opts);
}

/// Target `fix`: the same decoding as `lint_input`, then the fix invariants (unsafe fixes
/// too when the selector's top bit is set: half the inputs, for speed).
pub fn fix_input(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let (kind, path) = options_for(selector);
    let config = Config::default();
    let opts = LintOptions {
        path,
        kind,
        config: &config,
    };
    let text = String::from_utf8_lossy(rest);
    check_fix(&text, &opts, selector >= 0x80);
}

/// Target `config`: the bytes (lossy UTF-8) are a `.specmark.toml`.
pub fn config_input(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    check_config_text(&text);
}

/// Paths of the workspace target's files (one per chunk, chosen by the chunk's first byte).
const WORKSPACE_PATHS: [&str; 8] = [
    "specs/active/x/prd.md",
    "specs/active/x/tasks.md",
    "specs/active/x/recovery.md",
    "specs/active/x/research/analysis.md",
    "specs/active/x/research/plan.md",
    "specs/active/x/notes.md",
    "specs/active/y/tasks.md",
    "specs/archive/x/prd.md",
];

/// Target `workspace`: NUL bytes separate up to 8 files; each file's first byte picks its
/// path from `WORKSPACE_PATHS` (bit 3 of the first file's byte: complete listing or not).
pub fn workspace_input(data: &[u8]) {
    let (files, complete) = workspace_files(data);
    check_workspace(&files, complete);
}

/// The files (path, text) and the complete-listing flag a `workspace` input stands for.
pub fn workspace_files(data: &[u8]) -> (Vec<(String, String)>, bool) {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut complete = false;
    for chunk in data.split(|&b| b == 0).take(8) {
        let Some((&selector, rest)) = chunk.split_first() else {
            continue;
        };
        if files.is_empty() {
            complete = selector & 0x08 != 0;
        }
        let path = WORKSPACE_PATHS[selector as usize % WORKSPACE_PATHS.len()];
        files.push((path.to_string(), String::from_utf8_lossy(rest).into_owned()));
    }
    (files, complete)
}

// ------------------------------------------------------------------ invariants

/// `lint_bytes` on raw bytes: never a panic; text that is not UTF-8 gets exactly one
/// `invalid-utf8` finding and is not linted.
pub fn check_bytes(bytes: &[u8], opts: &LintOptions<'_>) {
    let report = lint_bytes(bytes, opts);
    match std::str::from_utf8(bytes) {
        Err(_) => {
            assert!(!report.linted, "invalid UTF-8 must not be linted");
            assert_eq!(report.diagnostics.len(), 1, "one finding for invalid UTF-8");
            assert_eq!(report.diagnostics[0].name, "invalid-utf8");
        }
        Ok(text) => check_report(text, &report),
    }
}

/// Lint `text` and check every range, fix edit and position.
pub fn check_lint(text: &str, opts: &LintOptions<'_>) {
    let linted = lint(text, opts);
    check_diagnostics(text, &linted.diagnostics);
    check_suppressions(&linted);
    check_report(text, &linted.report());
}

/// No finding (other than `unused-suppression`) starts on a line where a comment
/// suppresses its rule: the engine's cursor walk against a plain scan of the comments.
pub fn check_suppressions(linted: &specmark::Linted<'_>) {
    let sup = specmark::suppression::Suppressions::parse(&linted.doc);
    for d in &linted.diagnostics {
        if d.name == "unused-suppression" {
            continue;
        }
        let line = linted.doc.line_index.line_of(d.range.start);
        assert!(
            !sup.suppresses(d.name, line),
            "{}: finding on line {line} is suppressed by a comment: {}",
            d.name,
            d.message
        );
    }
}

/// Ranges in bounds and on character boundaries; fix edits sorted, non-overlapping, in
/// bounds and on character boundaries.
pub fn check_diagnostics(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        check_range(text, &d.range, d.name, "finding");
        let Some(fix) = &d.fix else { continue };
        let mut last_end = 0;
        for e in &fix.edits {
            check_range(text, &e.range, d.name, "fix edit");
            assert!(
                e.range.start >= last_end,
                "{}: fix edits overlap or are unsorted: {:?}",
                d.name,
                fix.edits
                    .iter()
                    .map(|e| e.range.clone())
                    .collect::<Vec<_>>()
            );
            last_end = e.range.end;
        }
    }
}

fn check_range(text: &str, r: &Range<usize>, name: &str, what: &str) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{name}: {what} range {r:?} out of bounds (text is {} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{name}: {what} range {r:?} not on character boundaries"
    );
}

/// Every position of a report agrees with its byte range, lies on a real line within that
/// line's length (UTF-16), and converts back to the same byte offset (after moving out of
/// a byte-order mark or from between `\r` and `\n`).
pub fn check_report(text: &str, report: &FileReport) {
    let idx = LineIndex::new(text);
    let naive = NaivePositions::new(text, report);
    for d in &report.diagnostics {
        let bytes = d.byte_range.start..d.byte_range.end;
        check_range(text, &bytes, d.name, "reported finding");
        assert_eq!(
            d.range,
            idx.range(text, &bytes),
            "{}: reported positions differ from the byte range",
            d.name
        );
        assert!(d.range.start <= d.range.end, "{}: start after end", d.name);
        for (offset, pos) in [(bytes.start, d.range.start), (bytes.end, d.range.end)] {
            check_position(text, &idx, offset, pos, d.name);
            naive.check(text, offset, pos, d.name);
        }
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                let r = e.byte_range.start..e.byte_range.end;
                check_range(text, &r, d.name, "reported edit");
                assert_eq!(e.range, idx.range(text, &r), "{}: edit positions", d.name);
            }
        }
    }
}

/// Where a position must convert back to: an offset between `\r` and `\n` is the end of
/// the line. (A byte-order mark is a column like any other character: one UTF-16 unit, so
/// JavaScript callers can slice the string they passed.)
fn normalized(text: &str, offset: usize) -> usize {
    let b = text.as_bytes();
    if offset > 0 && b.get(offset) == Some(&b'\n') && b[offset - 1] == b'\r' {
        offset - 1
    } else {
        offset
    }
}

fn check_position(text: &str, idx: &LineIndex, offset: usize, pos: Position, name: &str) {
    let line = pos.line as usize;
    assert!(line < idx.line_count(), "{name}: line {line} past the end");
    let lr = idx.line_range(text, line);
    let start = lr.start;
    let len: usize = text[start.min(lr.end)..lr.end]
        .chars()
        .map(char::len_utf16)
        .sum();
    assert!(
        (pos.character as usize) <= len,
        "{name}: character {} past the end of line {line} ({len} UTF-16 units) for offset {offset}",
        pos.character
    );
    assert_eq!(
        idx.offset(text, pos),
        normalized(text, offset),
        "{name}: position {pos:?} does not convert back to offset {offset}"
    );
}

/// An independent position oracle: one scan from the start of the text over every offset a
/// report names (sorted), so it costs one pass whatever the number of findings.
struct NaivePositions {
    /// (offset after normalizing, position) in offset order.
    at: Vec<(usize, Position)>,
}

impl NaivePositions {
    fn new(text: &str, report: &FileReport) -> Self {
        let mut offsets: Vec<usize> = report
            .diagnostics
            .iter()
            .flat_map(|d| [d.byte_range.start, d.byte_range.end])
            .map(|o| normalized(text, o))
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        let mut at = Vec::with_capacity(offsets.len());
        let (mut line, mut character) = (0u32, 0u32);
        let b = text.as_bytes();
        let mut i = 0;
        // Byte by byte up to the last offset: a line break is `\n`, `\r\n` or a lone `\r`;
        // a character is one UTF-16 unit, two from a four-byte sequence (lead byte 0xF0 and
        // up); continuation bytes count nothing.
        for &o in &offsets {
            while i < o.min(b.len()) {
                match b[i] {
                    b'\r' if b.get(i + 1) == Some(&b'\n') => {}
                    b'\r' | b'\n' => {
                        line += 1;
                        character = 0;
                    }
                    0x80..=0xBF => {}
                    c if c >= 0xF0 => character += 2,
                    _ => character += 1,
                }
                i += 1;
            }
            at.push((o, Position { line, character }));
        }
        NaivePositions { at }
    }

    fn check(&self, text: &str, offset: usize, pos: Position, name: &str) {
        let offset = normalized(text, offset);
        assert!(
            text.is_char_boundary(offset),
            "{name}: offset {offset} is not on a character boundary"
        );
        let Ok(k) = self.at.binary_search_by_key(&offset, |&(o, _)| o) else {
            panic!("{name}: offset {offset} is not among the report's offsets");
        };
        assert_eq!(
            pos, self.at[k].1,
            "{name}: position of offset {offset} disagrees with a scan from the start"
        );
    }
}

/// Does the text use only `\r\n` line breaks (at least one)?
fn crlf_only(text: &str) -> bool {
    let b = text.as_bytes();
    let mut any = false;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'\r' if b.get(i + 1) == Some(&b'\n') => any = true,
            b'\r' => return false,
            b'\n' if i == 0 || b[i - 1] != b'\r' => return false,
            _ => {}
        }
    }
    any
}

/// Fix invariants, on the lints `fix_text_with` makes anyway (one for a text with nothing
/// to fix, so fixing costs the fuzzer about one lint): every pass's findings have valid
/// ranges and edits and one pass touches nothing outside its accepted edits; the first
/// pass (the text itself) gets every check of [`check_lint`]; the settled pass, which is the
/// first pass of fixing the result again (lints are deterministic), has no safely fixable
/// finding left, so a second fix changes nothing; a byte-order mark and pure CRLF line
/// breaks survive; with `unsafe_too`, unsafe fixes give valid edits in every pass too.
pub fn check_fix(text: &str, opts: &LintOptions<'_>, unsafe_too: bool) {
    let mut first = true;
    let mut settled = false;
    let mut has_unsafe = false;
    let fixed = fix_text_with(text, opts, false, |linted, last| {
        let src = linted.doc.source;
        check_diagnostics(src, &linted.diagnostics);
        check_one_pass(src, &linted.diagnostics);
        if first {
            first = false;
            check_suppressions(&linted);
            check_report(src, &linted.report());
            has_unsafe = linted.diagnostics.iter().any(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == Applicability::Unsafe)
            });
        }
        if last {
            settled = true;
            check_nothing_safe_left(&linted.diagnostics);
        }
    })
    .output;
    if !settled && specmark::lint::unlintable(&fixed, opts.config).is_none() {
        // The passes ran out: fixing the result must change nothing.
        let again = lint(&fixed, opts);
        check_diagnostics(&fixed, &again.diagnostics);
        check_nothing_safe_left(&again.diagnostics);
        let (twice, n) = apply_fixes(&fixed, &again.diagnostics, false);
        assert!(n == 0 && twice == fixed, "a second fix changed the text");
    }
    if text.starts_with('\u{feff}') {
        assert!(
            fixed.starts_with('\u{feff}'),
            "the fix removed the byte-order mark"
        );
    }
    if crlf_only(text) {
        assert!(
            !fixed.contains('\n') || crlf_only(&fixed),
            "the fix introduced a line break other than \\r\\n"
        );
    }

    // Unsafe fixes (when there are any): valid edits in every pass and in the result.
    if unsafe_too && has_unsafe {
        let mut settled = false;
        let with_unsafe = fix_text_with(text, opts, true, |linted, last| {
            check_diagnostics(linted.doc.source, &linted.diagnostics);
            settled |= last;
        })
        .output;
        if !settled && specmark::lint::unlintable(&with_unsafe, opts.config).is_none() {
            check_diagnostics(&with_unsafe, &lint(&with_unsafe, opts).diagnostics);
        }
    }
}

/// No safely fixable finding is left (after `--fix` settled).
fn check_nothing_safe_left(diagnostics: &[Diagnostic]) {
    let left: Vec<String> = diagnostics
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
        })
        .map(|d| format!("{} at {:?}: {}", d.name, d.range, d.message))
        .collect();
    assert!(
        left.is_empty(),
        "safely fixable findings remain after --fix: {left:?}"
    );
}

/// `apply_fixes` against an independent splice of the edits it should accept: safe fixes in
/// order of their first edit, each taken whole unless one of its edits overlaps (or starts
/// where) an accepted edit does.
fn check_one_pass(text: &str, diagnostics: &[Diagnostic]) {
    let (out, n) = apply_fixes(text, diagnostics, false);
    let (edits, count) = accepted_edits(diagnostics);
    let mut expected = String::new();
    let mut at = 0;
    for (r, t) in &edits {
        expected.push_str(&text[at..r.start]);
        expected.push_str(t);
        at = r.end;
    }
    expected.push_str(&text[at..]);
    assert_eq!(n, count, "apply_fixes counted a different number of fixes");
    assert!(
        out == expected,
        "apply_fixes changed bytes outside the accepted edits"
    );
}

/// A small document with sections, tasks, criteria, tables and code, linted under a
/// configuration read from fuzzed text to exercise rule options with odd values.
const CONFIG_PROBE: &str = "---\nspecmark: { kind: prd }\n---\n# PRD: Probe\n\n\
**Status**: Draft\n\n## Overview\n\nA short overview of the thing.\n\n\
## Acceptance Criteria\n\n- AC-1: The page loads in under 2 seconds\n- [ ] fast and robust\n\n\
## Tasks\n\n- [ ] **T1**: First (depends on T2)\n- [x] **T2**: Second\n\n\
| Task | Status |\n|---|---|\n| T1 | done |\n\n```rust\nfn main() {}\n```\n\n\
<!-- specmark-disable-next-line agent-artifact -->\nText.\n";

/// Configuration text: never a panic; an error names a line and column inside the text;
/// a configuration that reads fine lints and fixes (unsafe fixes too) the probe document
/// with the invariants of [`check_fix`]: for one kind, chosen by a hash of the text (so every
/// kind gets its turn), or, when the configuration has `[[profiles]]`, as detection decides.
pub fn check_config_text(text: &str) {
    match Config::from_toml(text, Some(".specmark.toml")) {
        Err(e) => {
            let shown = e.to_string();
            assert!(!e.message.is_empty(), "config error without a message");
            assert_eq!(
                e.line.is_some(),
                e.column.is_some(),
                "line without column: {shown}"
            );
            if let (Some(line), Some(column)) = (e.line, e.column) {
                let idx = LineIndex::new(text);
                assert!(
                    line >= 1 && line <= idx.line_count(),
                    "line {line} outside: {shown}"
                );
                let lr = idx.line_range(text, line - 1);
                let len: usize = text[lr].chars().map(char::len_utf16).sum();
                assert!(
                    column >= 1 && column <= len + 1,
                    "column {column} outside line {line} ({len} units): {shown}"
                );
                assert!(shown.starts_with(&format!(".specmark.toml:{line}:{column}: ")));
            }
        }
        Ok(config) => {
            // As the hosts do after reading: derive the `[[profiles]]` templates and check
            // the forced profile; an error there stops the run with a message.
            if let Err(e) = config.check_profiles() {
                assert!(!e.message.is_empty(), "profile error without a message");
                return;
            }
            if let Some(r) = specmark::lint::unlintable(CONFIG_PROBE, &config) {
                assert!(!r.linted);
                return;
            }
            // A configuration with profiles of its own: detection decides (the probe's front
            // matter says prd), so a profile its globs assign applies with its schema.
            // Otherwise one kind, by FNV-1a of the text: a small change moves it to another.
            let kind = if config.profiles.is_empty() {
                let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
                });
                Some(Kind::ALL[(hash % Kind::ALL.len() as u64) as usize])
            } else {
                None
            };
            let opts = LintOptions {
                path: Some("specs/active/x/doc.md"),
                kind,
                config: &config,
            };
            check_fix(CONFIG_PROBE, &opts, true);
        }
    }
}

/// Workspace mode: one report per file, in order, each consistent with its own text.
pub fn check_workspace(files: &[(String, String)], complete_listing: bool) {
    let known: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    workspace_reports(files, known, complete_listing);
}

/// `lint_workspace` of `files` (the host listing `known`, the whole tree when `complete`),
/// checked: one report per file, in order, each consistent with its own text.
fn workspace_reports(
    files: &[(String, String)],
    known: Vec<String>,
    complete: bool,
) -> Vec<FileReport> {
    let reports = lint_workspace(files, known, complete, &Config::default());
    assert_eq!(reports.len(), files.len(), "one report per workspace file");
    for ((path, text), report) in files.iter().zip(&reports) {
        assert_eq!(
            report.path.as_deref(),
            Some(path.as_str()),
            "reports in file order"
        );
        check_report(text, report);
    }
    reports
}

// ------------------------------------------------------------------ differential checks

/// Rules whose findings on a document depend on the other documents of its feature folder
/// (they call `Context::siblings`, read `Context::workspace`, or follow a convention the
/// folder may establish). `tests/regressions.rs` checks that every rule source doing so is
/// named here. Linted alone or with its folder, a document gets the same findings from every
/// other rule (when it keeps its profile).
pub const READS_SIBLINGS: &[&str] = &[
    "claim-mismatch",
    "unverified-snippet",
    "snippet-syntax",
    "header-metadata",
    "unknown-focus",
    "workspace-missing-file",
    "stale-path",
    "unknown-requirement",
    "uncovered-requirement",
    "delta-shape",
    "phantom-completion",
];

/// Rules whose findings depend only on their own line (and on the document's profile): a
/// fix elsewhere neither removes nor adds them.
pub const LINE_LOCAL: &[&str] = &["agent-artifact", "mojibake", "absolute-path"];

type Key = (&'static str, String, usize, usize, String);

fn keys(report: &FileReport, keep: impl Fn(&str) -> bool) -> Vec<Key> {
    let mut k: Vec<Key> = report
        .diagnostics
        .iter()
        .filter(|d| keep(d.name))
        .map(|d| {
            (
                d.name,
                format!("{:?}", d.severity),
                d.byte_range.start,
                d.byte_range.end,
                d.message.clone(),
            )
        })
        .collect();
    k.sort();
    k
}

/// A finding of the engine as a [`Key`], its offsets moved by `map`.
fn engine_key(d: &Diagnostic, map: &dyn Fn(usize) -> usize) -> Key {
    let r = map(d.range.start)..map(d.range.end);
    (
        d.name,
        format!("{:?}", d.severity),
        r.start,
        r.end,
        d.message.clone(),
    )
}

/// The same documents linted alone and together: document `chosen` as a one-file
/// workspace is that document alone; together (the workspace `known` lists, `complete`
/// when the host lists the whole tree), the reports pass [`workspace_reports`] and every
/// rule that does not read the folder agrees with the document alone when its profile did
/// not change.
pub fn check_alone_vs_workspace(
    files: &[(String, String)],
    chosen: usize,
    known: Vec<String>,
    complete: bool,
) {
    let config = Config::default();
    let alone: Vec<FileReport> = files
        .iter()
        .map(|(p, t)| {
            let opts = LintOptions {
                path: Some(p),
                kind: None,
                config: &config,
            };
            match specmark::lint::unlintable(t, &config) {
                Some(r) => r.with_path(Some(p)),
                None => lint(t, &opts).into_report(),
            }
        })
        .collect();
    if let (Some((path, text)), Some(a)) = (files.get(chosen), alone.get(chosen)) {
        let one = lint_workspace(&[(path, text)], [path.clone()], false, &config);
        assert_eq!(
            keys(a, |_| true),
            keys(&one[0], |_| true),
            "{path}: a one-file workspace reports differently from the document alone"
        );
        assert_eq!(
            a.profile, one[0].profile,
            "{path}: profile alone vs one-file workspace"
        );
    }
    let together = workspace_reports(files, known, complete);
    for ((path, _), (a, t)) in files.iter().zip(alone.iter().zip(&together)) {
        if a.profile != t.profile {
            continue;
        }
        let local = |n: &str| !READS_SIBLINGS.contains(&n) && n != "unused-suppression";
        assert_eq!(
            keys(a, local),
            keys(t, local),
            "{path}: a rule that does not read the folder reports differently inside it"
        );
    }
}

/// One pass of safe fixes changes the line-local findings of no other line: those of the
/// lines no edit touched are the same before and after (at their moved offsets), when the
/// fix left the document's profile alone and the line's Markdown context (inside a code
/// block or a code span, which an edit elsewhere can open or close) did not change.
pub fn check_fix_locality(text: &str, opts: &LintOptions<'_>) {
    let before = lint(text, opts);
    let (edits, _) = accepted_edits(&before.diagnostics);
    if edits.is_empty() {
        return;
    }
    let (fixed, _) = apply_fixes(text, &before.diagnostics, false);
    if specmark::lint::unlintable(&fixed, opts.config).is_some() {
        return;
    }
    let after = lint(&fixed, opts);
    if before.doc.profile.name != after.doc.profile.name {
        return;
    }
    // Lines touched by an edit, in the old text and in the new.
    let old_idx = LineIndex::new(text);
    let new_idx = LineIndex::new(&fixed);
    let mut old_touched: Vec<Range<usize>> = Vec::new();
    let mut new_touched: Vec<Range<usize>> = Vec::new();
    let mut shift: isize = 0;
    let mut moved: Vec<(usize, isize)> = Vec::new();
    let mut moved_back: Vec<(usize, isize)> = Vec::new();
    for (r, t) in &edits {
        old_touched.push(old_idx.line_of(r.start)..old_idx.line_of(r.end) + 1);
        let ns = (r.start as isize + shift) as usize;
        new_touched.push(new_idx.line_of(ns)..new_idx.line_of(ns + t.len()) + 1);
        shift += t.len() as isize - r.len() as isize;
        moved.push((r.end, shift));
        moved_back.push((ns + t.len(), shift));
    }
    // The shift of the last edit ending at or before `o` (edits are sorted).
    let shift_at = |table: &[(usize, isize)], o: usize| {
        table
            .iter()
            .take_while(|(end, _)| *end <= o)
            .last()
            .map_or(0, |&(_, s)| s)
    };
    let map = |o: usize| (o as isize + shift_at(&moved, o)) as usize;
    let unmap = |o: usize| (o as isize - shift_at(&moved_back, o)) as usize;
    let untouched = |touched: &[Range<usize>], a: usize, b: usize| {
        touched.iter().all(|t| b < t.start || a >= t.end)
    };
    // The same Markdown context at an old offset and where it moved to.
    let same_context = |o: usize| {
        let n = map(o);
        let line = |idx: &LineIndex, t: &str, at: usize| idx.line_range(t, idx.line_of(at)).start;
        before.doc.in_code(line(&old_idx, text, o)) == after.doc.in_code(line(&new_idx, &fixed, n))
            && before.doc.in_code(o) == after.doc.in_code(n)
            && before.doc.in_code_span(o) == after.doc.in_code_span(n)
    };
    let mut expected: Vec<Key> = before
        .diagnostics
        .iter()
        .filter(|d| LINE_LOCAL.contains(&d.name))
        .filter(|d| {
            let (a, b) = (old_idx.line_of(d.range.start), old_idx.line_of(d.range.end));
            // (A finding an edit overlaps is on a touched line.)
            untouched(&old_touched, a, b) && same_context(d.range.start)
        })
        .map(|d| engine_key(d, &map))
        .collect();
    expected.sort();
    let mut actual: Vec<Key> = after
        .diagnostics
        .iter()
        .filter(|d| LINE_LOCAL.contains(&d.name))
        .filter(|d| {
            let (a, b) = (new_idx.line_of(d.range.start), new_idx.line_of(d.range.end));
            untouched(&new_touched, a, b) && same_context(unmap(d.range.start))
        })
        .map(|d| engine_key(d, &|o| o))
        .collect();
    actual.sort();
    assert_eq!(
        expected, actual,
        "a fix changed line-local findings on lines it did not touch"
    );
}

/// The edits one pass of safe fixes should apply, sorted, and how many fixes they come from:
/// safe fixes in order of their first edit, each taken whole unless one of its edits
/// overlaps (or starts where) an accepted edit does. Independent of `apply_fixes`.
fn accepted_edits(diagnostics: &[Diagnostic]) -> (Vec<(Range<usize>, String)>, usize) {
    let mut fixes: Vec<&[specmark::Edit]> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability == Applicability::Safe && !f.edits.is_empty())
        .map(|f| f.edits.as_slice())
        .collect();
    fixes.sort_by_key(|e| (e[0].range.start, e[0].range.end));
    let mut accepted: Vec<(Range<usize>, String)> = Vec::new();
    let mut count = 0;
    for edits in fixes {
        let clash = edits.iter().any(|e| {
            accepted.iter().any(|(y, _)| {
                let x = &e.range;
                x.start == y.start
                    || (x.start < y.end && y.start < x.end)
                    || (x.is_empty() && y.start < x.start && x.start < y.end)
                    || (y.is_empty() && x.start < y.start && y.start < x.end)
            })
        });
        if !clash {
            count += 1;
            accepted.extend(edits.iter().map(|e| (e.range.clone(), e.text.clone())));
        }
    }
    accepted.sort_by_key(|(r, _)| (r.start, r.end));
    (accepted, count)
}
