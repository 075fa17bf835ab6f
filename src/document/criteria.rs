//! Acceptance criteria, "Done when" lines and definition-of-done cells: the statements a
//! document promises a tester can check.

use super::{text, Document, InlineKind, TaskSource};
use std::borrow::Cow;
use std::ops::Range;

/// Where a criterion was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CriterionSource {
    /// A list item under an "Acceptance Criteria" heading.
    Acceptance,
    /// A list item under "Success Criteria" / "Success Metrics" / "Definition of Done".
    Success,
    /// A task's `Done when:` field.
    DoneWhen,
    /// A `DoD` cell of a goal-kit task table.
    Dod,
}

#[derive(Debug, Clone)]
pub struct Criterion<'a> {
    pub source: CriterionSource,
    /// The criterion's text without its checkbox or id (borrowed from the source when it
    /// has no markup to remove).
    pub text: Cow<'a, str>,
    pub range: Range<usize>,
    /// `AC1`, `AC-1`, `SC-001` when the criterion has one.
    pub id: Option<(String, Range<usize>)>,
}

/// Headings under which list items are acceptance criteria.
pub const ACCEPTANCE_HEADINGS: &[&str] = &["acceptance criteria"];
/// Headings under which list items are success criteria.
pub const SUCCESS_HEADINGS: &[&str] =
    &["success criteria", "success metrics", "definition of done"];

impl<'a> Document<'a> {
    /// Every criterion of the document, in order.
    pub fn criteria(&self) -> Vec<Criterion<'a>> {
        let mut out = Vec::new();
        let acceptance = self.criteria_sections(ACCEPTANCE_HEADINGS, &[]);
        let success = self.criteria_sections(SUCCESS_HEADINGS, &acceptance);
        self.list_criteria(&acceptance, CriterionSource::Acceptance, &mut out);
        self.list_criteria(&success, CriterionSource::Success, &mut out);
        for t in &self.tasks {
            for f in &t.fields {
                let source = match (t.source, &*f.key) {
                    (_, "done when") => CriterionSource::DoneWhen,
                    (TaskSource::TableRow, "dod") => CriterionSource::Dod,
                    _ => continue,
                };
                out.push(Criterion {
                    source,
                    text: f.value.clone(),
                    range: f.value_range.clone(),
                    id: None,
                });
            }
        }
        crate::sort::sort_by_key(&mut out, |c| c.range.start);
        out
    }

    /// Acceptance criteria only (list items under "Acceptance Criteria" headings).
    pub fn acceptance_criteria(&self) -> Vec<Criterion<'a>> {
        let mut out = Vec::new();
        let sections = self.criteria_sections(ACCEPTANCE_HEADINGS, &[]);
        self.list_criteria(&sections, CriterionSource::Acceptance, &mut out);
        out
    }

    /// Sections named `names`, without those nested in another one of them or in one of
    /// `outer` (their items are read with the enclosing section, once).
    fn criteria_sections(&self, names: &[&str], outer: &[usize]) -> Vec<usize> {
        let mut excluded = vec![false; self.sections.len()];
        for &o in outer {
            excluded[o] = true;
        }
        let found: Vec<usize> = self.sections_named(names).collect();
        let mut is_found = vec![false; self.sections.len()];
        for &f in &found {
            is_found[f] = true;
        }
        found
            .into_iter()
            .filter(|&s| {
                // Sections nest only as deep as heading levels (≤ 6), so this walk is short.
                let mut p = self.sections[s].parent;
                while let Some(i) = p {
                    if is_found[i] || excluded[i] {
                        return false;
                    }
                    p = self.sections[i].parent;
                }
                !excluded[s]
            })
            .collect()
    }

    /// The shallowest list items inside `sections` (and their sub-sections); the rows of
    /// their tables when they have no list.
    fn list_criteria(
        &self,
        sections: &[usize],
        source: CriterionSource,
        out: &mut Vec<Criterion<'a>>,
    ) {
        for &s in sections {
            let range = self.sections[s].range.clone();
            // List items and inline blocks are in document order.
            let lo = self
                .list_items
                .partition_point(|i| i.range.start < range.start);
            let hi = self
                .list_items
                .partition_point(|i| i.range.start < range.end);
            let items = &self.list_items[lo..hi.max(lo)];
            let Some(min_depth) = items.iter().map(|i| i.depth).min() else {
                self.table_criteria(range, source, out);
                continue;
            };
            for item in items.iter().filter(|i| i.depth == min_depth) {
                // The item's own first line of inline content.
                let first = self
                    .inlines
                    .partition_point(|b| b.range.start < item.range.start);
                let Some(block) = self.inlines[first..]
                    .iter()
                    .take_while(|b| b.range.start < item.range.end)
                    .find(|b| b.kind != InlineKind::Heading)
                else {
                    continue;
                };
                let line_end = self.source[block.range.clone()]
                    .find(['\n', '\r'])
                    .map_or(block.range.end, |i| block.range.start + i);
                let mut start = block.range.start;
                // Skip a checkbox marker that the parser did not treat as one (`[-]`, `[ ]*`).
                if let Some(cb) = super::tasks::parse_checkbox(&self.source[start..line_end]) {
                    start = text::skip_ws(self.source, start + cb.len).min(line_end);
                }
                let r = text::trim_range(self.source, start..line_end);
                let raw = &self.source[r.clone()];
                let id = criterion_id(raw, r.start);
                let body_start = id.as_ref().map_or(r.start, |(_, ir)| {
                    let after = &self.source[ir.end..r.end];
                    let skipped = after.len()
                        - after
                            .trim_start_matches(|c: char| {
                                c == '*' || c == ':' || c == ')' || c == '.' || c.is_whitespace()
                            })
                            .len();
                    ir.end + skipped
                });
                out.push(Criterion {
                    source,
                    text: unbold(&self.source[body_start.min(r.end)..r.end]),
                    range: r,
                    id,
                });
            }
        }
    }

    /// Rows of the tables inside `range`: the cells joined, the id from the first cell.
    fn table_criteria(
        &self,
        range: Range<usize>,
        source: CriterionSource,
        out: &mut Vec<Criterion>,
    ) {
        let lo = self.tables.partition_point(|t| t.range.start < range.start);
        let hi = self.tables.partition_point(|t| t.range.start < range.end);
        for t in &self.tables[lo..hi.max(lo)] {
            for row in &t.rows {
                let Some(first) = row.cells.first() else {
                    continue;
                };
                let r = text::trim_range(self.source, row.range.clone());
                let first_raw = text::trim_range(self.source, first.range.clone());
                let id = criterion_id(self.text(&first_raw), first_raw.start)
                    .filter(|(t, _)| t.len() == self.text(&first_raw).trim_matches('*').len());
                let cells = if id.is_some() {
                    &row.cells[1..]
                } else {
                    &row.cells[..]
                };
                // Raw cell source, so code spans keep their backticks.
                let text: Vec<&str> = cells
                    .iter()
                    .map(|c| self.text(&c.range).trim())
                    .filter(|t| !t.is_empty())
                    .collect();
                if text.is_empty() {
                    continue;
                }
                out.push(Criterion {
                    source,
                    text: Cow::Owned(unbold(&text.join("; ")).into_owned()),
                    range: r,
                    id,
                });
            }
        }
    }
}

/// `**` bold markers removed outside code spans.
fn unbold(s: &str) -> Cow<'_, str> {
    if !s.contains("**") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for (i, part) in s.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 0 {
            out.push_str(&part.replace("**", ""));
        } else {
            out.push_str(part);
        }
    }
    Cow::Owned(out)
}

/// `AC1`, `AC-1`, `AC1.2`, `SC-001`, `**AC1**:` at the start of a criterion.
fn criterion_id(raw: &str, base: usize) -> Option<(String, Range<usize>)> {
    let lead = raw.len() - raw.trim_start_matches('*').len();
    let s = &raw[lead..];
    let letters = s.bytes().take_while(u8::is_ascii_uppercase).count();
    if !(1..=4).contains(&letters) {
        return None;
    }
    let mut end = letters;
    if s.as_bytes().get(end) == Some(&b'-') {
        end += 1;
    }
    let digits = s[end..]
        .bytes()
        .take_while(|c| c.is_ascii_digit() || *c == b'.')
        .count();
    let digits = s[end..end + digits].trim_end_matches('.').len();
    if digits == 0 {
        return None;
    }
    end += digits;
    match s.as_bytes().get(end) {
        None | Some(b':' | b'*' | b' ' | b')' | b'.') => {}
        _ => return None,
    }
    Some((s[..end].to_string(), base + lead..base + lead + end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::Kind;

    #[test]
    fn acceptance_items_with_ids() {
        let text = "# PRD: X\n\n## Acceptance Criteria\n\n- [ ] **AC1**: Loads in <2s\n- [ ] **AC2**: Works\n  - detail\n\n## Next\n- not a criterion\n";
        let doc = Document::parse(text, None, Some(Kind::Prd));
        let c = doc.acceptance_criteria();
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].id.as_ref().unwrap().0, "AC1");
        assert_eq!(c[0].text, "Loads in <2s");
        assert_eq!(c[1].text, "Works");
    }

    #[test]
    fn done_when_and_plain_items() {
        let text = "# Tasks: X\n\n- [ ] **Task 1.1**: A\n  - **Done when**: Tests pass\n\n## Success Criteria\n\n1. 90% of users finish\n";
        let doc = Document::parse(text, Some("tasks.md"), None);
        let all = doc.criteria();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].source, CriterionSource::DoneWhen);
        assert_eq!(all[0].text, "Tests pass");
        assert_eq!(all[1].source, CriterionSource::Success);
        assert_eq!(all[1].text, "90% of users finish");
    }

    #[test]
    fn nested_sections_are_read_once_and_tables_count() {
        let text = "# PRD: X\n\n## Acceptance Criteria\n\n- AC1: a\n\n### Acceptance criteria for the API\n\n- AC2: b\n\n## Success Criteria\n\n| Id | Criterion |\n|---|---|\n| SC-1 | `p95` < 2s |\n| SC-2 | **Fast** |\n";
        let doc = Document::parse(text, None, Some(Kind::Prd));
        let ac = doc.acceptance_criteria();
        assert_eq!(ac.len(), 2, "{ac:?}");
        let all = doc.criteria();
        assert_eq!(all.len(), 4);
        assert_eq!(all[2].source, CriterionSource::Success);
        assert_eq!(all[2].id.as_ref().unwrap().0, "SC-1");
        assert_eq!(all[2].text, "`p95` < 2s");
        assert_eq!(all[3].text, "Fast");
    }

    #[test]
    fn bold_markers_inside_code_spans_stay() {
        assert_eq!(unbold("**Handles** `**/*.md`"), "Handles `**/*.md`");
    }
}
