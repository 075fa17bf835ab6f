//! Suppression comments: `<!-- specmark-disable NAME[, NAME] -- reason -->` ...
//! `<!-- specmark-enable NAME -->`, `specmark-disable-next-line`, `specmark-disable-line`,
//! `specmark-disable-file`. A comment without names applies to every rule.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::rules::find_rule;
use std::collections::HashMap;
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
        // Open regions, so an enable comment finds what it closes without a scan of every
        // suppression: all open ones, those naming no rule, and those naming each rule. An
        // entry closed through another list stays behind and is skipped when met.
        let mut open_any: Vec<usize> = Vec::new();
        let mut open_unnamed: Vec<usize> = Vec::new();
        let mut open_named: HashMap<String, Vec<usize>> = HashMap::new();
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
                let mut close = |i: usize| {
                    let s: &mut Suppression = &mut items[i];
                    if s.lines.end == usize::MAX {
                        s.lines.end = line;
                    }
                };
                // An enable without names closes every region; one with names closes the
                // regions of those rules and the regions of all rules.
                if names.is_empty() {
                    open_any.drain(..).for_each(&mut close);
                    open_unnamed.clear();
                    open_named.clear();
                } else {
                    open_unnamed.drain(..).for_each(&mut close);
                    for n in &names {
                        open_named
                            .remove(n)
                            .into_iter()
                            .flatten()
                            .for_each(&mut close);
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
            if scope == Scope::Region {
                let i = items.len();
                open_any.push(i);
                if names.is_empty() {
                    open_unnamed.push(i);
                }
                for n in &names {
                    open_named.entry(n.clone()).or_default().push(i);
                }
            }
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

    /// Remove the findings that a suppression covers, and mark the suppressions that did.
    ///
    /// A suppression covers a finding when the finding starts on one of its lines and it
    /// names the finding's rule (or names nothing at all). The findings are visited in line
    /// order, so each list of suppressions (per rule name, sorted by first line) is walked
    /// once: a suppression is used exactly when the first finding of its rules at or after
    /// its first line is still within its last line.
    pub fn retain_unsuppressed(&mut self, doc: &Document<'_>, diagnostics: &mut Vec<Diagnostic>) {
        if self.items.is_empty() || diagnostics.is_empty() {
            return;
        }
        let items = &self.items;
        let mut used = vec![false; items.len()];
        // "" holds the suppressions of every rule.
        let mut groups: HashMap<&str, Cursor> = HashMap::new();
        for (i, s) in items.iter().enumerate() {
            if s.names.is_empty() && s.unknown.is_empty() {
                groups.entry("").or_default().order.push(i);
            }
            for n in &s.names {
                groups.entry(n.as_str()).or_default().order.push(i);
            }
        }
        for g in groups.values_mut() {
            crate::sort::sort_by_key(&mut g.order, |&i| items[i].lines.start);
        }
        let mut by_line: Vec<(usize, usize)> = diagnostics
            .iter()
            .enumerate()
            .map(|(k, d)| (doc.line_index.line_of(d.range.start), k))
            .collect();
        crate::sort::sort(&mut by_line);
        let mut suppressed = vec![false; diagnostics.len()];
        for (line, k) in by_line {
            let name = diagnostics[k].name;
            if name == "unused-suppression" {
                continue;
            }
            for key in ["", name] {
                if let Some(g) = groups.get_mut(key) {
                    suppressed[k] |= g.covers(items, line, &mut used);
                }
            }
        }
        for (s, u) in self.items.iter_mut().zip(used) {
            s.used |= u;
        }
        let mut k = 0;
        diagnostics.retain(|_| {
            k += 1;
            !suppressed[k - 1]
        });
    }

    /// Whether a comment suppresses rule `name` on 0-based `line`: a plain scan of every
    /// suppression, independent of the cursor walk of [`Suppressions::retain_unsuppressed`]
    /// (the fuzz targets check one against the other).
    pub fn suppresses(&self, name: &str, line: usize) -> bool {
        self.items.iter().any(|s| {
            let all = s.names.is_empty() && s.unknown.is_empty();
            (all || s.names.iter().any(|n| n == name))
                && s.lines.start <= line
                && line <= s.lines.end
        })
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

/// A walk through the suppressions of one rule (or of all rules), sorted by first line,
/// for findings met in line order.
#[derive(Default)]
struct Cursor {
    order: Vec<usize>,
    /// The suppressions before `next` start at or before the current line.
    next: usize,
    /// The furthest last line among them.
    max_end: Option<usize>,
}

impl Cursor {
    /// Whether a suppression of this list covers `line` (not before the previous call's
    /// line); marks the ones that do and were not yet met.
    fn covers(&mut self, items: &[Suppression], line: usize, used: &mut [bool]) -> bool {
        while let Some(&i) = self.order.get(self.next) {
            let s = &items[i];
            if s.lines.start > line {
                break;
            }
            // Met for the first time: this is the first finding at or after its first line,
            // so it is used exactly when it reaches this line.
            if s.lines.end >= line {
                used[i] = true;
            }
            self.max_end = Some(self.max_end.map_or(s.lines.end, |m| m.max(s.lines.end)));
            self.next += 1;
        }
        self.max_end.is_some_and(|m| m >= line)
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
