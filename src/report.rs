//! The serializable result of linting one file: what the CLI prints as JSON and what the
//! wasm API returns. Byte ranges become 0-based line / UTF-16 positions here, and only here.

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::Document;
use crate::kind::{Kind, KindSource};
use crate::line_index::{LineIndex, LspRange, Position};
use crate::rules::find_rule;
use crate::score::{CategoryScore, Score};
use serde::Serialize;
use std::borrow::Cow;
use std::ops::Range;

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct ByteRange {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct EditReport {
    pub range: LspRange,
    pub byte_range: ByteRange,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct FixReport {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<EditReport>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticReport {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<Cow<'static, str>>,
    pub range: LspRange,
    pub byte_range: ByteRange,
    pub fix: Option<FixReport>,
    /// What a baseline matches the finding by (see [`fingerprint`]): stays the same when
    /// the document is edited elsewhere.
    pub fingerprint: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct FileReport {
    pub path: Option<String>,
    pub kind: Kind,
    pub kind_source: KindSource,
    /// The profile (document family) the file was linted as.
    pub profile: String,
    /// How reports name the profile ("GOE PRD").
    pub profile_label: String,
    /// Why the file got that profile ("GOE PRD: in specs/active/checkout/").
    pub profile_reason: String,
    /// False when the file was not linted (not UTF-8, binary, too large).
    pub linted: bool,
    pub score: u32,
    pub grade: &'static str,
    pub categories: Vec<CategoryScore>,
    /// `wc -w` of the whole file.
    pub words: usize,
    pub diagnostics: Vec<DiagnosticReport>,
}

impl FileReport {
    pub fn new(doc: &Document<'_>, diagnostics: &[Diagnostic], score: &Score) -> FileReport {
        let base = ReportBase::of(doc);
        let at = Positions::new(&base, diagnostics);
        let reports = diagnostics
            .iter()
            .map(|d| report_with(d, base.source, &|r| at.range(&base, r)))
            .collect();
        base.report(score, reports)
    }

    /// [`FileReport::new`] taking the findings: their texts move into the report instead
    /// of being copied (a large document can have thousands).
    pub fn from_owned(
        doc: &Document<'_>,
        diagnostics: Vec<Diagnostic>,
        score: &Score,
    ) -> FileReport {
        FileReport::from_base(ReportBase::of(doc), diagnostics, score)
    }

    /// The report from what it needs of a document (see [`ReportBase`]).
    pub fn from_base(
        base: ReportBase<'_>,
        diagnostics: Vec<Diagnostic>,
        score: &Score,
    ) -> FileReport {
        let at = Positions::new(&base, &diagnostics);
        let reports = diagnostics
            .into_iter()
            .map(|d| report_owned(d, base.source, &|r| at.range(&base, r)))
            .collect();
        base.report(score, reports)
    }

    /// A report holding one engine finding at the start of the file (`invalid-utf8`,
    /// `file-too-large`); the file was not linted and scores 0.
    pub fn engine_finding(path: Option<&str>, rule_name: &str, message: String) -> FileReport {
        let (code, name, severity) = match find_rule(rule_name) {
            Some(r) => (r.code, r.name, r.severity),
            None => ("SM9XX", "engine", Severity::Error),
        };
        let zero = Position {
            line: 0,
            character: 0,
        };
        FileReport {
            path: path.map(|p| p.replace('\\', "/")),
            kind: path
                .and_then(crate::kind::kind_from_path)
                .unwrap_or(Kind::Markdown),
            kind_source: KindSource::Path,
            profile: String::new(),
            profile_label: String::new(),
            profile_reason: "not linted".to_string(),
            linted: false,
            score: 0,
            grade: "F",
            categories: Vec::new(),
            words: 0,
            diagnostics: vec![DiagnosticReport {
                code,
                name,
                severity,
                message,
                help: None,
                range: LspRange {
                    start: zero,
                    end: zero,
                },
                byte_range: ByteRange { start: 0, end: 0 },
                fix: None,
                fingerprint: fingerprint(name, "", &(0..0)),
            }],
        }
    }

    pub fn with_path(mut self, path: Option<&str>) -> FileReport {
        if let Some(p) = path {
            self.path = Some(p.replace('\\', "/"));
            self.kind = crate::kind::kind_from_path(p).unwrap_or(self.kind);
        }
        self
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// What a report needs of a linted document: a linter can drop the rest of the model
/// before building the report of a large document.
pub struct ReportBase<'a> {
    pub source: &'a str,
    pub line_index: std::borrow::Cow<'a, LineIndex>,
    pub path: Option<String>,
    pub kind: Kind,
    pub kind_source: KindSource,
    pub words: usize,
    pub profile: std::sync::Arc<crate::profile::Profile>,
    pub profile_reason: String,
}

impl<'a> ReportBase<'a> {
    pub fn of(doc: &'a Document<'_>) -> ReportBase<'a> {
        ReportBase {
            source: doc.source,
            line_index: std::borrow::Cow::Borrowed(&doc.line_index),
            path: doc.path.clone(),
            kind: doc.kind,
            kind_source: doc.kind_source,
            words: doc.words,
            profile: doc.profile.clone(),
            profile_reason: doc.profile_reason.clone(),
        }
    }

    /// Take what the report needs and drop the rest of the model.
    pub fn take(doc: Document<'a>) -> ReportBase<'a> {
        ReportBase {
            source: doc.source,
            line_index: std::borrow::Cow::Owned(doc.line_index),
            path: doc.path,
            kind: doc.kind,
            kind_source: doc.kind_source,
            words: doc.words,
            profile: doc.profile,
            profile_reason: doc.profile_reason,
        }
    }

    fn report(self, score: &Score, diagnostics: Vec<DiagnosticReport>) -> FileReport {
        FileReport {
            path: self.path,
            kind: self.kind,
            kind_source: self.kind_source,
            profile: self.profile.name.clone(),
            profile_label: self.profile.label.clone(),
            profile_reason: self.profile_reason,
            linted: true,
            score: score.score,
            grade: score.grade,
            categories: score.categories.clone(),
            words: self.words,
            diagnostics,
        }
    }
}

/// Every offset the findings name, converted to a position in one pass (see
/// `LineIndex::positions`).
struct Positions {
    offsets: Vec<usize>,
    positions: Vec<Position>,
}

impl Positions {
    fn new(base: &ReportBase<'_>, diagnostics: &[Diagnostic]) -> Positions {
        let mut offsets: Vec<usize> = Vec::with_capacity(diagnostics.len() * 2);
        for d in diagnostics {
            offsets.extend([d.range.start, d.range.end]);
            for e in d.fix.iter().flat_map(|f| &f.edits) {
                offsets.extend([e.range.start, e.range.end]);
            }
        }
        crate::sort::sort(&mut offsets);
        offsets.dedup();
        let positions = base.line_index.positions(base.source, &offsets);
        Positions { offsets, positions }
    }

    fn at(&self, base: &ReportBase<'_>, offset: usize) -> Position {
        match self.offsets.binary_search(&offset) {
            Ok(i) => self.positions[i],
            Err(_) => base.line_index.position(base.source, offset),
        }
    }

    fn range(&self, base: &ReportBase<'_>, r: &Range<usize>) -> LspRange {
        LspRange {
            start: self.at(base, r.start),
            end: self.at(base, r.end),
        }
    }
}

pub fn diagnostic_report(src: &str, idx: &LineIndex, d: &Diagnostic) -> DiagnosticReport {
    report_with(d, src, &|r| idx.range(src, r))
}

/// A finding's report, with `range` converting byte ranges to positions.
fn report_with(
    d: &Diagnostic,
    source: &str,
    range: &dyn Fn(&Range<usize>) -> LspRange,
) -> DiagnosticReport {
    report_owned(d.clone(), source, range)
}

fn report_owned(
    d: Diagnostic,
    source: &str,
    range: &dyn Fn(&Range<usize>) -> LspRange,
) -> DiagnosticReport {
    DiagnosticReport {
        fingerprint: fingerprint(d.name, source, &d.range),
        code: d.code,
        name: d.name,
        severity: d.severity,
        range: range(&d.range),
        byte_range: ByteRange {
            start: d.range.start,
            end: d.range.end,
        },
        message: d.message,
        help: d.help,
        fix: d.fix.map(|f| FixReport {
            title: f.title,
            applicability: f.applicability,
            edits: f
                .edits
                .into_iter()
                .map(|e| EditReport {
                    range: range(&e.range),
                    byte_range: ByteRange {
                        start: e.range.start,
                        end: e.range.end,
                    },
                    text: e.text,
                })
                .collect(),
        }),
    }
}

/// A finding's fingerprint: 16 hex digits of a 64-bit FNV-1a hash of the rule name, the
/// flagged text and the line around it, each with its whitespace collapsed. Line numbers are
/// left out, so a baseline keeps matching a finding when lines are added or removed elsewhere
/// in the document (or its indentation or line endings change); editing the flagged text or
/// its line near it makes it a new finding. Identical findings on identical lines share a
/// fingerprint: a baseline counts them.
///
/// The cost is bounded per finding (at most [`FINGERPRINT_SPAN`] bytes of flagged text and as
/// many of line on each side), so thousands of findings on one long line stay linear.
pub fn fingerprint(rule: &str, source: &str, range: &Range<usize>) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    fn feed(hash: &mut u64, text: &str) {
        let mut first = true;
        for word in text.split_whitespace() {
            if !first {
                *hash = (*hash ^ u64::from(b' ')).wrapping_mul(PRIME);
            }
            first = false;
            for b in word.bytes() {
                *hash = (*hash ^ u64::from(b)).wrapping_mul(PRIME);
            }
        }
        // A separator no text holds, so ("ab", "c") and ("a", "bc") differ.
        *hash = (*hash ^ 0xff).wrapping_mul(PRIME);
    }
    use crate::document::text::{ceil_char_boundary, floor_char_boundary};
    let floor = |i: usize| floor_char_boundary(source, i);
    let ceil = |i: usize| ceil_char_boundary(source, i);
    let start = floor(range.start);
    let end = ceil(range.end.max(start));
    let bytes = source.as_bytes();
    let before = floor(start.saturating_sub(FINGERPRINT_SPAN));
    let after = ceil(end + FINGERPRINT_SPAN);
    let line_start =
        memchr::memrchr(b'\n', &bytes[before..start]).map_or(before, |i| before + i + 1);
    let line_end = memchr::memchr(b'\n', &bytes[end..after]).map_or(after, |i| end + i);
    let flagged_end = ceil((start + FINGERPRINT_SPAN).min(end));
    let mut hash = OFFSET;
    feed(&mut hash, rule);
    feed(&mut hash, &source[start..flagged_end]);
    feed(&mut hash, &source[line_start..start]);
    feed(&mut hash, &source[end..line_end]);
    format!("{hash:016x}")
}

/// How many bytes of flagged text, and of its line on each side, a fingerprint reads.
pub const FINGERPRINT_SPAN: usize = 160;

#[cfg(test)]
mod fingerprint_tests {
    use super::{fingerprint, FINGERPRINT_SPAN};

    fn at(source: &str, needle: &str) -> std::ops::Range<usize> {
        let i = source.find(needle).expect("needle");
        i..i + needle.len()
    }

    #[test]
    fn matches_by_text_and_line_not_position() {
        let a = "# T\n\n- [ ] T001 do it\n";
        let b = "# T\n\nmore\n\n  - [ ]   T001 do it\r\n";
        let fa = fingerprint("duplicate-id", a, &at(a, "T001"));
        assert_eq!(fa, fingerprint("duplicate-id", b, &at(b, "T001")));
        assert_ne!(fa, fingerprint("unknown-dependency", a, &at(a, "T001")));
        let c = "# T\n\n- [ ] T001 do it now\n";
        assert_ne!(fa, fingerprint("duplicate-id", c, &at(c, "T001")));
        assert_eq!(fa.len(), 16);
    }

    #[test]
    fn reads_a_bounded_span_of_long_lines() {
        let pad = "é".repeat(FINGERPRINT_SPAN);
        let a = format!("{pad}x{pad} FLAG {pad}y{pad}\n");
        let b = format!("{pad}z{pad} FLAG {pad}w{pad}\n");
        // Edits farther than the span from the flagged text keep the fingerprint.
        assert_eq!(
            fingerprint("r", &a, &at(&a, "FLAG")),
            fingerprint("r", &b, &at(&b, "FLAG"))
        );
        // Ranges off char boundaries or past the end do not panic.
        let _ = fingerprint("r", &a, &(1..3));
        let _ = fingerprint("r", &a, &(a.len() + 5..a.len() + 9));
    }
}
