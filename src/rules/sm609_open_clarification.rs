//! `open-clarification`: too many `[NEEDS CLARIFICATION]` markers in a spec, or any left in
//! a plan or task list.

use crate::rules::family::clarification_markers;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Counts Spec Kit's `[NEEDS CLARIFICATION: question]` markers:
    /// - a `spec.md` may hold a few open questions before planning (option `max`,
    ///   default 3); past that, every marker is reported;
    /// - a `plan.md` or `tasks.md` is written after the questions are answered: any marker
    ///   there is reported.
    ///
    /// A marker named rather than left ("No [NEEDS CLARIFICATION] markers remain"), in
    /// code, or in a code span is not counted.
    ///
    /// ## Why
    /// Spec Kit's workflow resolves the open questions (`/clarify`) before `/plan`: a spec
    /// with many of them is not ready to plan, and a plan or task list with one builds on
    /// a guess.
    ///
    /// ## Example
    /// ```markdown
    /// - **FR-006**: System MUST authenticate users via [NEEDS CLARIFICATION: SSO or
    ///   email/password?]
    /// ```
    ///
    /// ## How to fix
    /// Answer the question (run the clarify step) and write the answer in place of the
    /// marker.
    pub static RULE = {
        code: "SM609",
        name: "open-clarification",
        summary: "Open [NEEDS CLARIFICATION] markers past planning",
        category: Category::Completeness,
        tags: &["speckit"],
        kinds: &[Kind::SpeckitSpec, Kind::SpeckitPlan, Kind::SpeckitTasks],
        severity: Severity::Warning,
        fixable: false,
        options: &[OptionSpec {
            name: "max",
            doc: "How many markers a spec may hold before it is reported.",
            default: OptionDefault::Int(3),
        }],
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let markers = clarification_markers(doc);
    if markers.is_empty() {
        return;
    }
    let max = cx.int("max").max(0) as usize;
    let (spec, limit) = match doc.kind {
        Kind::SpeckitSpec => (true, max),
        _ => (false, 0),
    };
    if markers.len() <= limit {
        return;
    }
    let n = markers.len();
    for r in markers {
        let message = if spec {
            format!("{n} open [NEEDS CLARIFICATION] markers; a spec ready to plan has at most {max}: answer this one")
        } else {
            "open [NEEDS CLARIFICATION] marker in a document written after the spec is clarified: answer it in spec.md and update this line".to_string()
        };
        out.push(cx.diag(r, message));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_lines;

    #[test]
    fn spec_limit_and_plan() {
        let few = "# Spec\n\n- FR-001: MUST a [NEEDS CLARIFICATION: a?]\n- FR-002: MUST b [NEEDS CLARIFICATION: b?]\n";
        assert!(lint_lines(few, "specs/001-x/spec.md", "open-clarification").is_empty());
        let many = format!(
            "{few}- FR-003: [NEEDS CLARIFICATION: c?]\n- FR-004: [NEEDS CLARIFICATION: d?]\n"
        );
        assert_eq!(
            lint_lines(&many, "specs/001-x/spec.md", "open-clarification"),
            [3, 4, 5, 6]
        );
        let plan = "# Plan\n\nStorage: [NEEDS CLARIFICATION: which DB?]\n\n- [x] No [NEEDS CLARIFICATION] markers remain\n";
        assert_eq!(
            lint_lines(plan, "specs/001-x/plan.md", "open-clarification"),
            [3]
        );
    }
}
