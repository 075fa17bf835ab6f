//! `acceptance-criteria-count`: a PRD with fewer acceptance criteria than required.

use crate::document::criteria::ACCEPTANCE_HEADINGS;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Counts the acceptance criteria of a PRD (the top-level list items, checkboxes or not,
    /// and table rows under "Acceptance Criteria" headings and their sub-sections) and
    /// reports fewer than `min` (8) on the Acceptance Criteria heading. A PRD without an
    /// Acceptance Criteria section is left to `missing-section`.
    ///
    /// ## Why
    /// The PRD agent's Checkpoint 4: "PRD MUST be minimum 2000+ words with 8+ specific,
    /// measurable acceptance criteria" and "STOP IF <8 acceptance criteria". Fewer criteria
    /// usually mean whole areas (performance, concurrency, docs) have no definition of done.
    ///
    /// ## Example
    /// ```markdown
    /// ## Acceptance Criteria
    /// - [ ] **AC1**: Processes 1M rows in <5 minutes
    /// - [ ] **AC2**: Query count ≤2 per offload operation
    /// ```
    /// reports `2 acceptance criteria; at least 8 are required`.
    ///
    /// ## How to fix
    /// Add criteria for what is not covered yet (performance, error handling, concurrency,
    /// configuration, documentation), each specific and measurable. Set `min` for another
    /// team rule.
    pub static RULE = {
        code: "SM101",
        name: "acceptance-criteria-count",
        summary: "Fewer acceptance criteria than required",
        category: Category::Measurability,
        tags: &["prd"],
        kinds: &[Kind::Prd],
        severity: Severity::Warning,
        fixable: false,
        options: &[OptionSpec {
            name: "min",
            doc: "Minimum number of acceptance criteria.",
            default: OptionDefault::Int(8),
        }],
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let Some(section) = doc.sections_named(ACCEPTANCE_HEADINGS).next() else {
        return;
    };
    let Some(heading) = doc.sections[section]
        .heading
        .and_then(|h| doc.headings.get(h))
    else {
        return;
    };
    let min = cx.int("min");
    let count = doc.acceptance_criteria().len();
    if min <= 0 || count as i64 >= min {
        return;
    }
    let noun = if count == 1 { "criterion" } else { "criteria" };
    out.push(
        cx.diag(
            heading.range.clone(),
            format!("{count} acceptance {noun}; at least {min} are required"),
        )
        .with_help(format!(
            "add {} more specific, measurable criteria (performance, errors, concurrency, configuration, docs)",
            min - count as i64
        )),
    );
}
