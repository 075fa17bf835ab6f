//! The engine: run the applicable rules on a document, validate what they report, apply
//! suppressions, and fix.

use crate::config::{Config, Level};
use crate::diagnostic::Diagnostic;
use crate::document::text::floor_char_boundary;
use crate::document::Document;
use crate::fix::apply_fixes;
use crate::kind::Kind;
use crate::report::{FileReport, ReportBase};
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

    /// The report, moving the findings into it; the model is dropped first (for a large
    /// document it is far larger than the report).
    pub fn into_report(self) -> FileReport {
        FileReport::from_base(ReportBase::take(self.doc), self.diagnostics, &self.score)
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
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
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
pub fn lint_workspace<P: AsRef<str>, T: AsRef<str>>(
    files: &[(P, T)],
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
        let (path, text) = (path.as_ref(), text.as_ref());
        ws.known_paths.insert(path.replace('\\', "/"));
        if let Some(r) = unlintable(text, config) {
            reports[i] = Some(r.with_path(Some(path)));
            continue;
        }
        ws.docs
            .push(Document::parse_with_config(text, Some(path), None, config));
        doc_file.push(i);
    }
    // Every document is checked before any report is built: cross-document rules read the
    // others. Then each model is dropped before its report is made.
    let checked: Vec<_> = ws
        .docs
        .iter()
        .map(|d| {
            let diagnostics = check_document(d, config, Some(&ws));
            let s = score(d.kind, d.path.as_deref(), config, &diagnostics);
            (diagnostics, s)
        })
        .collect();
    for ((d, (diagnostics, s)), &file) in ws.docs.into_iter().zip(checked).zip(&doc_file) {
        reports[file] = Some(FileReport::from_base(ReportBase::take(d), diagnostics, &s));
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
    let is_template = doc.is_template();
    let template_rules = crate::profile::generic_rules("template");
    for &rule in RULES {
        if !rule.applies_to(doc.kind) || rule.tags.contains(&"engine") {
            continue;
        }
        let settings = config.effective(rule, doc.path.as_deref(), doc.kind);
        let level = settings.as_ref().and_then(|s| s.level);
        if level == Some(Level::Off) {
            continue;
        }
        // A rule the profile leaves out still runs where the configuration asks for it by
        // name (a level or options in `[rules.NAME]`): the team chose it.
        if !doc.profile.allows(rule.name) && settings.is_none() {
            continue;
        }
        if is_template && !template_rules.iter().any(|r| r == rule.name) {
            continue;
        }
        let cx = Context {
            doc,
            rule,
            config,
            settings: settings.as_ref(),
            workspace,
        };
        // The rule appends to the shared list (no second list of a rule's findings,
        // which can be thousands); then its findings are checked in place.
        let first = all.len();
        (rule.check)(&cx, &mut all);
        for d in &mut all[first..] {
            if let Some(sev) = level.and_then(Level::severity) {
                d.severity = sev;
            }
            validate(doc.source, d);
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
                validate(doc.source, &mut d);
                all.push(d);
            }
        }
    }
    crate::sort::sort_by(&mut all, report_order);
    all.dedup_by(|a, b| a.code == b.code && a.range == b.range && a.message == b.message);
    all
}

/// The order of a document's findings: by place, then rule code, then message.
fn report_order(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    (a.range.start, a.range.end, a.code, &a.message).cmp(&(
        b.range.start,
        b.range.end,
        b.code,
        &b.message,
    ))
}

/// Clamp a finding's range into the text and onto character boundaries; drop a fix whose
/// edits are out of bounds, off boundaries, unsorted or overlapping.
fn validate(src: &str, d: &mut Diagnostic) {
    let start = floor_char_boundary(src, d.range.start);
    let end = floor_char_boundary(src, d.range.end.max(start));
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
    fix_text_with(source, opts, include_unsafe, |_, _| {})
}

/// [`fix_text`], handing each pass's lint to `each_pass` with `settled`: true for the lint
/// of the text it returns (the pass that found nothing left to apply), which is the report
/// a caller showing the fixed text's findings would otherwise lint again. When the passes
/// run out (10) or the text becomes unlintable, no lint is `settled`.
pub fn fix_text_with(
    source: &str,
    opts: &LintOptions<'_>,
    include_unsafe: bool,
    mut each_pass: impl FnMut(Linted<'_>, bool),
) -> FixOutcome {
    let mut text = source.to_string();
    let mut applied = 0;
    for _ in 0..10 {
        if unlintable(&text, opts.config).is_some() {
            break;
        }
        let linted = lint(&text, opts);
        let (next, n) = apply_fixes(&text, &linted.diagnostics, include_unsafe);
        let settled = n == 0 || next == text;
        each_pass(linted, settled);
        if settled {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    #[test]
    fn fix_passes_end_with_the_lint_of_the_fixed_text() {
        let config = crate::Config::default();
        let opts = LintOptions {
            path: Some("notes.md"),
            kind: None,
            config: &config,
        };
        // An unused suppression: one pass removes it, the second finds nothing to apply.
        let text = "# Notes\n\n<!-- specmark-disable-next-line agent-artifact -->\nPlain.\n";
        let mut passes: Vec<(String, Vec<Diagnostic>, bool)> = Vec::new();
        let out = fix_text_with(text, &opts, false, |linted, settled| {
            passes.push((linted.doc.source.to_string(), linted.diagnostics, settled));
        });
        assert_eq!(out.applied, 1);
        assert_eq!(passes.len(), 2);
        assert_eq!((passes[0].0.as_str(), passes[0].2), (text, false));
        let (last_text, last, settled) = &passes[1];
        assert!(settled);
        assert_eq!(last_text, &out.output);
        assert_eq!(last, &lint(&out.output, &opts).diagnostics);
        assert_eq!(fix_text(text, &opts, false).output, out.output);
    }

    #[test]
    fn in_place_sort_is_the_stable_sort() {
        let mut state = 7u64;
        let mut next = move |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        for len in [0, 1, 2, 3, 10, 100, 1000] {
            let all: Vec<Diagnostic> = (0..len)
                .map(|i| Diagnostic {
                    code: ["SM001", "SM002"][next(2) as usize],
                    name: "x",
                    severity: Severity::Warning,
                    message: format!("m{}", next(3)),
                    range: next(5) as usize..5,
                    // Tells apart findings that compare equal.
                    help: Some(i.to_string().into()),
                    fix: None,
                })
                .collect();
            let mut want = all.clone();
            want.sort_by(report_order);
            let mut got = all;
            crate::sort::sort_by(&mut got, report_order);
            assert_eq!(got, want);
        }
    }
}
