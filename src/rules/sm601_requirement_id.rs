//! `requirement-id`: a requirement, story or criterion id defined twice, or a gap in the
//! numbering.

use crate::document::requirements::{ReqKind, Requirement};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks the ids a Spec Kit or Kiro document gives its requirements:
    /// - the same id defined twice: two `FR-003` lines, two `### User Story 2` headings, two
    ///   `### Requirement 4` headings, two criteria numbered `3.` under one requirement;
    /// - a gap in a numbering: `FR-001`, `FR-002`, `FR-004` (where is `FR-003`?), `User
    ///   Story 1`, `User Story 3`, criteria `1.`, `2.`, `4.`.
    ///
    /// A jump over several ids to the start of a new block (`FR-105` → `FR-201`, `SC-018` →
    /// `SC-021`) is a grouping, not a gap; one id missing (`FR-009` → `FR-011`) is a gap. Ids with a letter (`FR-001a`, added by a clarification) are
    /// their own ids. A criteria list numbered `1.` throughout (Markdown's lazy numbering)
    /// counts by position.
    ///
    /// ## Why
    /// Tasks, checklists and reviews cite requirements by id. A duplicate makes a citation
    /// ambiguous; a gap is usually a requirement deleted or renumbered by hand, which leaves
    /// the citations of everything after it pointing at the wrong text.
    ///
    /// ## Example
    /// ```markdown
    /// - **FR-001**: System MUST let users sign in.
    /// - **FR-002**: System MUST lock an account after 5 failed attempts.
    /// - **FR-002**: System MUST log every sign-in.
    /// ```
    ///
    /// ## How to fix
    /// Give the second requirement the next free id, and update what cites it.
    pub static RULE = {
        code: "SM601",
        name: "requirement-id",
        summary: "Requirement, story or criterion id defined twice, or skipped",
        category: Category::Consistency,
        tags: &["speckit", "kiro", "requirements"],
        kinds: &[Kind::SpeckitSpec, Kind::KiroRequirements],
        severity: Severity::Error,
        fixable: false,
        options: &[],
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let reqs = doc.requirements();
    for kind in [
        ReqKind::Functional,
        ReqKind::Success,
        ReqKind::NonFunctional,
        ReqKind::Story,
    ] {
        let items: Vec<&Requirement> = reqs
            .of_kind(kind)
            // A table row citing an id is a summary, not the definition.
            .filter(|(_, r)| !doc.text(&r.body).trim_start().starts_with('|'))
            .map(|(_, r)| r)
            .collect();
        sequence(cx, kind, &items, out);
    }
    let requirements: Vec<(usize, &Requirement)> = reqs
        .of_kind(ReqKind::Requirement)
        .filter(|(_, r)| !r.numbers.is_empty())
        .collect();
    let items: Vec<&Requirement> = requirements.iter().map(|(_, r)| *r).collect();
    sequence(cx, ReqKind::Requirement, &items, out);
    for (i, _) in requirements {
        let criteria: Vec<&Requirement> = reqs
            .items
            .iter()
            .filter(|r| r.kind == ReqKind::Criterion && r.parent == Some(i))
            .collect();
        sequence(cx, ReqKind::Criterion, &criteria, out);
    }
}

/// The last number of an id (the criterion's own number for `3.2`).
fn last(r: &Requirement) -> u64 {
    r.numbers.last().copied().unwrap_or(0)
}

fn label(kind: ReqKind, r: &Requirement, n: u64) -> String {
    match kind {
        ReqKind::Functional | ReqKind::Success | ReqKind::NonFunctional => {
            let width = r.id.split_once('-').map_or(3, |(_, d)| {
                d.chars().take_while(char::is_ascii_digit).count()
            });
            format!("{}{n:0width$}", kind.prefix().unwrap_or(""))
        }
        ReqKind::Story => format!("User Story {n}"),
        ReqKind::Requirement => format!("Requirement {n}"),
        ReqKind::Criterion => {
            let major = r.numbers.first().copied().unwrap_or(0);
            format!("criterion {major}.{n}")
        }
        ReqKind::Scenario => n.to_string(),
    }
}

fn sequence(cx: &Context<'_>, kind: ReqKind, items: &[&Requirement], out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    // Duplicates: the same id (letters included) defined again.
    let mut firsts: std::collections::HashMap<&str, &Requirement> = Default::default();
    for r in items {
        let first = *firsts.entry(r.id.as_str()).or_insert(r);
        if !std::ptr::eq(first, *r) {
            let line = doc.line_index.line_of(first.range.start) + 1;
            let name = match kind {
                ReqKind::Criterion | ReqKind::Story | ReqKind::Requirement => {
                    label(kind, r, last(r))
                }
                _ => r.id.clone(),
            };
            out.push(cx.diag(
                r.range.clone(),
                format!(
                    "{name} is defined twice (first on line {line}); give this {} its own id",
                    kind.noun()
                ),
            ));
        }
    }
    // Gaps: ids in increasing order that skip a few numbers.
    let mut prev: Option<u64> = None;
    for r in items {
        let n = last(r);
        if let Some(p) = prev {
            if n > p + 1 && n - p <= 4 && (n == p + 2 || !starts_block(n)) {
                let missing: Vec<String> = (p + 1..n).map(|m| label(kind, r, m)).collect();
                out.push(
                    cx.diag(
                        r.range.clone(),
                        format!(
                            "{} {} skipped: the numbering goes from {} to {}",
                            missing.join(", "),
                            if missing.len() == 1 { "is" } else { "are" },
                            label(kind, r, p),
                            label(kind, r, n)
                        ),
                    )
                    .with_severity(Severity::Warning),
                );
            }
        }
        if prev.is_none_or(|p| n > p) {
            prev = Some(n);
        }
    }
}

/// `201`, `21`, `100`: the first id of a new block of numbers (a jump over two or three ids
/// to one of these is a grouping; one id missing is a gap wherever it is).
fn starts_block(n: u64) -> bool {
    n > 10 && (n % 10 == 1 || n % 10 == 0)
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_lines as lint_names;

    #[test]
    fn duplicates_and_gaps() {
        let src = "# Spec\n\n## Requirements\n\n- **FR-001**: System MUST a.\n- **FR-002**: System MUST b.\n- **FR-002**: System MUST c.\n- **FR-004**: System MUST d.\n- **FR-004a**: System MUST e.\n- **FR-101**: System MUST f.\n";
        let found = lint_names(src, "specs/001-x/spec.md", "requirement-id");
        assert_eq!(found, [7, 8], "{found:?}");
    }

    #[test]
    fn kiro_criteria_lazy_numbering_is_fine() {
        let src = "# Requirements Document\n\n### Requirement 1\n\n#### Acceptance Criteria\n\n1. THE system SHALL a\n1. THE system SHALL b\n\n### Requirement 3\n\n#### Acceptance Criteria\n\n1. THE system SHALL c\n2. THE system SHALL d\n2. THE system SHALL e\n";
        let found = lint_names(src, ".kiro/specs/a/requirements.md", "requirement-id");
        assert_eq!(found, [10, 16], "{found:?}");
    }
}
