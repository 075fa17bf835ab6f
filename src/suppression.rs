//! Suppression comments: `<!-- specmark-disable NAME[, NAME] -- reason -->` ...
//! `<!-- specmark-enable NAME -->`, `specmark-disable-next-line`, `specmark-disable-line`,
//! `specmark-disable-file`. A comment without names applies to every rule.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::rules::find_rule;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// From the comment to the matching enable (or the end of the file).
    Region,
    NextLine,
    Line,
    File,
}

#[derive(Debug)]
struct Suppression {
    comment: Range<usize>,
    /// Rule names; empty = all rules.
    names: Vec<String>,
    unknown: Vec<String>,
    /// 0-based lines covered (inclusive).
    lines: Range<usize>,
    used: bool,
}

/// What the comments of a document suppress.
pub struct Suppressions {
    items: Vec<Suppression>,
}

fn parse_names(rest: &str) -> (Vec<String>, Vec<String>) {
    // "NAME, NAME -- reason"
    let list = rest.split("--").next().unwrap_or("");
    let mut names = Vec::new();
    let mut unknown = Vec::new();
    for n in list
        .split([',', ' '])
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        match find_rule(n) {
            Some(r) => names.push(r.name.to_string()),
            None => unknown.push(n.to_string()),
        }
    }
    (names, unknown)
}

impl Suppressions {
    pub fn parse(doc: &Document<'_>) -> Suppressions {
        let mut items: Vec<Suppression> = Vec::new();
        let last_line = doc.line_index.line_count().saturating_sub(1);
        for c in &doc.html_comments {
            let body = c.body.as_str();
            let Some(rest) = body.strip_prefix("specmark-") else {
                continue;
            };
            let (scope, rest) = if let Some(r) = rest.strip_prefix("disable-next-line") {
                (Scope::NextLine, r)
            } else if let Some(r) = rest.strip_prefix("disable-line") {
                (Scope::Line, r)
            } else if let Some(r) = rest.strip_prefix("disable-file") {
                (Scope::File, r)
            } else if let Some(r) = rest.strip_prefix("disable") {
                (Scope::Region, r)
            } else if let Some(r) = rest.strip_prefix("enable") {
                let (names, _) = parse_names(r);
                let line = doc.line_index.line_of(c.range.start);
                for s in items.iter_mut().filter(|s| s.lines.end == usize::MAX) {
                    if names.is_empty()
                        || s.names.is_empty()
                        || s.names.iter().any(|n| names.contains(n))
                    {
                        s.lines.end = line;
                    }
                }
                continue;
            } else {
                continue;
            };
            if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
                continue;
            }
            let (names, unknown) = parse_names(rest);
            let line = doc.line_index.line_of(c.range.start);
            let end_line = doc.line_index.line_of(c.range.end);
            let lines = match scope {
                Scope::Region => line..usize::MAX,
                Scope::NextLine => end_line + 1..end_line + 1,
                Scope::Line => line..end_line,
                Scope::File => 0..last_line,
            };
            items.push(Suppression {
                comment: c.range.clone(),
                names,
                unknown,
                lines,
                used: false,
            });
        }
        for s in &mut items {
            if s.lines.end == usize::MAX {
                s.lines.end = last_line;
            }
        }
        Suppressions { items }
    }

    /// Whether `d` is suppressed; marks the suppression used.
    pub fn suppresses(&mut self, doc: &Document<'_>, d: &Diagnostic) -> bool {
        if d.name == "unused-suppression" {
            return false;
        }
        let line = doc.line_index.line_of(d.range.start);
        let mut hit = false;
        for s in &mut self.items {
            let covers = s.lines.start <= line && line <= s.lines.end;
            let named =
                s.names.is_empty() && s.unknown.is_empty() || s.names.iter().any(|n| n == d.name);
            if covers && named {
                s.used = true;
                hit = true;
            }
        }
        hit
    }

    /// Findings for suppressions that suppressed nothing or name unknown rules.
    pub fn unused(&self, doc: &Document<'_>) -> Vec<Diagnostic> {
        let rule = &crate::rules::RULES
            .iter()
            .find(|r| r.name == "unused-suppression")
            .copied();
        let Some(rule) = rule else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for s in &self.items {
            let removal = removal_range(doc, &s.comment);
            let fix = Fix::safe(
                "Remove the unused suppression comment",
                vec![Edit::delete(removal)],
            );
            if !s.unknown.is_empty() {
                out.push(Diagnostic {
                    code: rule.code,
                    name: rule.name,
                    severity: rule.severity,
                    message: format!(
                        "suppression names unknown rule{} {}; `specmark rules` lists the rule names",
                        if s.unknown.len() == 1 { "" } else { "s" },
                        s.unknown.iter().map(|u| format!("\"{u}\"")).collect::<Vec<_>>().join(", ")
                    ),
                    range: s.comment.clone(),
                    help: None,
                    fix: None,
                });
            } else if !s.used {
                let what = if s.names.is_empty() {
                    "any rule".to_string()
                } else {
                    s.names.join(", ")
                };
                out.push(Diagnostic {
                    code: rule.code,
                    name: rule.name,
                    severity: rule.severity,
                    message: format!("suppression of {what} suppresses nothing here"),
                    range: s.comment.clone(),
                    help: Some(
                        "remove the comment, or move it to the finding it is meant for".into(),
                    ),
                    fix: Some(fix),
                });
            }
        }
        out
    }
}

/// The comment, plus its whole line when the comment is alone on it.
fn removal_range(doc: &Document<'_>, comment: &Range<usize>) -> Range<usize> {
    let src = doc.source;
    let line = doc.line_index.line_of(comment.start);
    let lr = doc.line_index.line_range(src, line);
    let alone = src[lr.start..comment.start].trim().is_empty()
        && src[comment.end.min(lr.end)..lr.end].trim().is_empty()
        && comment.end <= lr.end;
    if alone {
        let next = doc.line_index.line_start(line + 1);
        if next > lr.end {
            return lr.start..next;
        }
        return lr;
    }
    comment.clone()
}
