//! The serializable result of linting one file: what the CLI prints as JSON and what the
//! wasm API returns. Byte ranges become 0-based line / UTF-16 positions here, and only here.

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::Document;
use crate::kind::{Kind, KindSource};
use crate::line_index::{LineIndex, LspRange, Position};
use crate::rules::find_rule;
use crate::score::{CategoryScore, Score};
use serde::Serialize;
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
    pub help: Option<String>,
    pub range: LspRange,
    pub byte_range: ByteRange,
    pub fix: Option<FixReport>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct FileReport {
    pub path: Option<String>,
    pub kind: Kind,
    pub kind_source: KindSource,
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
        let idx = &doc.line_index;
        // Every offset to convert, converted in one pass (see `LineIndex::positions`).
        let mut offsets: Vec<usize> = Vec::with_capacity(diagnostics.len() * 2);
        for d in diagnostics {
            offsets.extend([d.range.start, d.range.end]);
            for e in d.fix.iter().flat_map(|f| &f.edits) {
                offsets.extend([e.range.start, e.range.end]);
            }
        }
        crate::sort::sort(&mut offsets);
        offsets.dedup();
        let positions = idx.positions(doc.source, &offsets);
        let at = |offset: usize| match offsets.binary_search(&offset) {
            Ok(i) => positions[i],
            Err(_) => idx.position(doc.source, offset),
        };
        FileReport {
            path: doc.path.clone(),
            kind: doc.kind,
            kind_source: doc.kind_source,
            linted: true,
            score: score.score,
            grade: score.grade,
            categories: score.categories.clone(),
            words: doc.words,
            diagnostics: diagnostics
                .iter()
                .map(|d| {
                    report_with(d, &|r| LspRange {
                        start: at(r.start),
                        end: at(r.end),
                    })
                })
                .collect(),
        }
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

pub fn diagnostic_report(src: &str, idx: &LineIndex, d: &Diagnostic) -> DiagnosticReport {
    report_with(d, &|r| idx.range(src, r))
}

/// A finding's report, with `range` converting byte ranges to positions.
fn report_with(d: &Diagnostic, range: &dyn Fn(&Range<usize>) -> LspRange) -> DiagnosticReport {
    DiagnosticReport {
        code: d.code,
        name: d.name,
        severity: d.severity,
        message: d.message.clone(),
        help: d.help.clone(),
        range: range(&d.range),
        byte_range: ByteRange {
            start: d.range.start,
            end: d.range.end,
        },
        fix: d.fix.as_ref().map(|f| FixReport {
            title: f.title.clone(),
            applicability: f.applicability,
            edits: f
                .edits
                .iter()
                .map(|e| EditReport {
                    range: range(&e.range),
                    byte_range: ByteRange {
                        start: e.range.start,
                        end: e.range.end,
                    },
                    text: e.text.clone(),
                })
                .collect(),
        }),
    }
}
