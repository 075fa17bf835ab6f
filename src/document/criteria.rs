//! Acceptance criteria, "Done when" lines and definition-of-done cells: the statements a
//! document promises a tester can check.

use super::{text, Document, InlineKind, TaskSource};
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
pub struct Criterion {
    pub source: CriterionSource,
    /// The criterion's text without its checkbox or id.
    pub text: String,
    pub range: Range<usize>,
    /// `AC1`, `AC-1`, `SC-001` when the criterion has one.
    pub id: Option<(String, Range<usize>)>,
}

/// Headings under which list items are acceptance criteria.
pub const ACCEPTANCE_HEADINGS: &[&str] = &["acceptance criteria"];
/// Headings under which list items are success criteria.
pub const SUCCESS_HEADINGS: &[&str] =
    &["success criteria", "success metrics", "definition of done"];

impl Document<'_> {
    /// Every criterion of the document, in order.
    pub fn criteria(&self) -> Vec<Criterion> {
        let mut out = Vec::new();
        self.list_criteria(ACCEPTANCE_HEADINGS, CriterionSource::Acceptance, &mut out);
        self.list_criteria(SUCCESS_HEADINGS, CriterionSource::Success, &mut out);
        for t in &self.tasks {
            for f in &t.fields {
                let source = match (t.source, f.key.as_str()) {
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
        out.sort_by_key(|c| c.range.start);
        out
    }

    /// Acceptance criteria only (list items under "Acceptance Criteria" headings).
    pub fn acceptance_criteria(&self) -> Vec<Criterion> {
        let mut out = Vec::new();
        self.list_criteria(ACCEPTANCE_HEADINGS, CriterionSource::Acceptance, &mut out);
        out
    }

    /// The shallowest list items inside sections named `names` (and their sub-sections).
    fn list_criteria(&self, names: &[&str], source: CriterionSource, out: &mut Vec<Criterion>) {
        for s in self.sections_named(names) {
            let range = self.sections[s].range.clone();
            // List items and inline blocks are in document order: find them by binary search.
            let first = self
                .list_items
                .partition_point(|i| i.range.start < range.start);
            let count = self.list_items[first..].partition_point(|i| i.range.start < range.end);
            let items = &self.list_items[first..first + count];
            let Some(min_depth) = items.iter().map(|i| i.depth).min() else {
                continue;
            };
            for item in items.iter().filter(|i| i.depth == min_depth) {
                // The item's own first line of inline content.
                let at = self
                    .inlines
                    .partition_point(|b| b.range.start < item.range.start);
                let Some(block) = self.inlines[at..]
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
                    text: self.source[body_start.min(r.end)..r.end].replace("**", ""),
                    range: r,
                    id,
                });
            }
        }
    }
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
}
