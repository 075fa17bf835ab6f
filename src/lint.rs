//! The engine: run the applicable rules on a document, validate what they report, apply
//! suppressions, and fix.

use crate::config::{Config, Level};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::fix::apply_fixes;
use crate::kind::Kind;
use crate::report::FileReport;
use crate::rules::{find_rule, Context, Workspace, RULES};
use crate::score::{score, Score};
use crate::suppression::Suppressions;

/// What to lint and how.
#[derive(Debug, Clone, Copy)]
pub struct LintOptions<'a> {
    /// Path used for kind detection, config globs and messages.
    pub path: Option<&'a str>,
    /// Force a kind (otherwise detected).
    pub kind: Option<Kind>,
    pub config: &'a Config,
}

/// A linted document with its findings (suppressed ones removed) and score.
#[derive(Debug)]
pub struct Linted<'a> {
    pub doc: Document<'a>,
    pub diagnostics: Vec<Diagnostic>,
    pub score: Score,
}

impl Linted<'_> {
    pub fn report(&self) -> FileReport {
        FileReport::new(&self.doc, &self.diagnostics, &self.score)
    }

    /// The report, moving the findings into it.
    pub fn into_report(self) -> FileReport {
        FileReport::from_owned(&self.doc, self.diagnostics, &self.score)
    }
}

/// Lint one document.
pub fn lint<'a>(source: &'a str, opts: &LintOptions<'_>) -> Linted<'a> {
    let doc = Document::parse_with_config(source, opts.path, opts.kind, opts.config);
    let diagnostics = check_document(&doc, opts.config, None);
    let score = score(doc.kind, doc.path.as_deref(), opts.config, &diagnostics);
    Linted {
        doc,
        diagnostics,
        score,
    }
}

/// Lint raw bytes: a file that is not UTF-8, contains NUL bytes or is over the size limit
/// gets one finding instead of a lint.
pub fn lint_bytes(bytes: &[u8], opts: &LintOptions<'_>) -> FileReport {
    match std::str::from_utf8(bytes) {
        Ok(text) => match unlintable(text, opts.config) {
            Some(report) => report.with_path(opts.path),
            None => lint(text, opts).into_report(),
        },
        Err(e) => FileReport::engine_finding(
            opts.path,
            "invalid-utf8",
            format!(
                "file is not valid UTF-8 (first invalid byte at offset {}); re-save it as UTF-8",
                e.valid_up_to()
            ),
        ),
    }
}

/// The single finding for text that is not linted (NUL bytes, over the size limit).
pub fn unlintable(text: &str, config: &Config) -> Option<FileReport> {
    if text.len() > config.max_file_size {
        return Some(FileReport::engine_finding(
            None,
            "file-too-large",
            format!(
                "file is {} bytes, over max-file-size ({} bytes); it was not linted",
                text.len(),
                config.max_file_size
            ),
        ));
    }
    if let Some(at) = text.bytes().position(|b| b == 0) {
        return Some(FileReport::engine_finding(
            None,
            "invalid-utf8",
            format!("file contains a NUL byte at offset {at}: it looks binary, not Markdown text"),
        ));
    }
    None
}

/// Lint several files together so cross-document rules can look across a spec folder.
/// `known_paths` lists every file of the tree (for `stale-path`); `complete_listing` says
/// whether it is the whole tree.
pub fn lint_workspace(
    files: &[(String, String)],
    known_paths: impl IntoIterator<Item = String>,
    complete_listing: bool,
    config: &Config,
) -> Vec<FileReport> {
    let mut reports: Vec<Option<FileReport>> = vec![None; files.len()];
    let mut ws = Workspace {
        docs: Vec::new(),
        known_paths: known_paths
            .into_iter()
            .map(|p| p.replace('\\', "/"))
            .collect(),
        complete_listing,
    };
    let mut doc_file: Vec<usize> = Vec::new();
    for (i, (path, text)) in files.iter().enumerate() {
        ws.known_paths.insert(path.replace('\\', "/"));
        if let Some(r) = unlintable(text, config) {
            reports[i] = Some(r.with_path(Some(path)));
            continue;
        }
        ws.docs
            .push(Document::parse_with_config(text, Some(path), None, config));
        doc_file.push(i);
    }
    for (d, &file) in ws.docs.iter().zip(&doc_file) {
        let diagnostics = check_document(d, config, Some(&ws));
        let s = score(d.kind, d.path.as_deref(), config, &diagnostics);
        reports[file] = Some(FileReport::from_owned(d, diagnostics, &s));
    }
    reports.into_iter().flatten().collect()
}

/// Run every applicable rule on `doc`.
pub fn check_document(
    doc: &Document<'_>,
    config: &Config,
    workspace: Option<&Workspace<'_>>,
) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    for &rule in RULES {
        if !rule.applies_to(doc.kind) || rule.tags.contains(&"engine") {
            continue;
        }
        let settings = config.effective(rule, doc.path.as_deref(), doc.kind);
        let level = settings.as_ref().and_then(|s| s.level);
        if level == Some(Level::Off) {
            continue;
        }
        let cx = Context {
            doc,
            rule,
            config,
            settings: settings.as_ref(),
            workspace,
        };
        let mut out = Vec::new();
        (rule.check)(&cx, &mut out);
        for mut d in out {
            if let Some(sev) = level.and_then(Level::severity) {
                d.severity = sev;
            }
            all.push(validated(doc.source, d));
        }
    }
    let mut sup = Suppressions::parse(doc);
    sup.retain_unsuppressed(doc, &mut all);
    if let Some(rule) = find_rule("unused-suppression") {
        let level = config
            .effective(rule, doc.path.as_deref(), doc.kind)
            .and_then(|s| s.level);
        if level != Some(Level::Off) {
            for mut d in sup.unused(doc) {
                if let Some(sev) = level.and_then(Level::severity) {
                    d.severity = sev;
                }
                all.push(validated(doc.source, d));
            }
        }
    }
    crate::sort::sort_by(&mut all, |a, b| {
        (a.range.start, a.range.end, a.code, &a.message).cmp(&(
            b.range.start,
            b.range.end,
            b.code,
            &b.message,
        ))
    });
    all.dedup_by(|a, b| a.code == b.code && a.range == b.range && a.message == b.message);
    all
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Clamp a finding's range into the text and onto character boundaries; drop a fix whose
/// edits are out of bounds, off boundaries, unsorted or overlapping.
fn validated(src: &str, mut d: Diagnostic) -> Diagnostic {
    let start = floor_boundary(src, d.range.start);
    let end = floor_boundary(src, d.range.end.max(start));
    debug_assert!(
        start == d.range.start && end == d.range.end,
        "rule {} reported an invalid range {:?}",
        d.name,
        d.range
    );
    d.range = start..end;
    if let Some(fix) = &d.fix {
        let mut ok = true;
        let mut last_end = 0;
        for e in &fix.edits {
            let valid = e.range.start <= e.range.end
                && e.range.end <= src.len()
                && src.is_char_boundary(e.range.start)
                && src.is_char_boundary(e.range.end)
                && e.range.start >= last_end;
            ok &= valid;
            last_end = e.range.end;
        }
        debug_assert!(ok, "rule {} produced invalid fix edits", d.name);
        if !ok {
            d.fix = None;
        }
    }
    d
}

/// The result of fixing a text.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    pub output: String,
    /// Fixes applied over all passes.
    pub applied: usize,
}

/// Apply fixes repeatedly (at most 10 passes) until no fixable finding is left.
pub fn fix_text(source: &str, opts: &LintOptions<'_>, include_unsafe: bool) -> FixOutcome {
    let mut text = source.to_string();
    let mut applied = 0;
    for _ in 0..10 {
        if unlintable(&text, opts.config).is_some() {
            break;
        }
        let linted = lint(&text, opts);
        let (next, n) = apply_fixes(&text, &linted.diagnostics, include_unsafe);
        drop(linted);
        if n == 0 || next == text {
            break;
        }
        applied += n;
        text = next;
    }
    FixOutcome {
        output: text,
        applied,
    }
}
