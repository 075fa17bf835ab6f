//! `uncovered-requirement`: a requirement, story or criterion that no task cites.

use crate::document::requirements::{id_stem, ReqKind, ReqRef};
use crate::rules::family::sibling;
use crate::rules::prelude::*;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Traces the requirements document of a feature folder to its `tasks.md`:
    /// - Kiro: every acceptance criterion is cited by some task (`_Requirements: 1.2_`, or
    ///   the whole requirement `_Requirements: 1_`, or a range `1.1-1.4`); a requirement
    ///   none of whose criteria is cited is reported once, on its heading;
    /// - Spec Kit: every user story has tasks labelled `[USn]`, and every `FR-###` is cited
    ///   by a task, when the task list cites stories or requirements at all.
    ///
    /// The message gives the coverage ("12 of 14 criteria are covered by tasks"). Silent
    /// when `tasks.md` is not among the linted files, or cites no requirement at all (a
    /// task list that does not trace is not measured against tracing).
    ///
    /// ## Why
    /// A criterion no task implements is the one that ships untested: coverage from
    /// requirement to task is the check Kiro and Spec Kit users ask an analysis step to
    /// make before implementing.
    ///
    /// ## Example
    /// ```markdown
    /// ### Requirement 3: Export       ← no task cites 3.1-3.4
    /// ```
    ///
    /// ## How to fix
    /// Add the task that implements it (citing it), or cite it from the task that already
    /// does; drop the requirement if it is out of scope.
    pub static RULE = {
        code: "SM606",
        name: "uncovered-requirement",
        summary: "Requirement, story or criterion that no task cites",
        category: Category::Completeness,
        tags: &["kiro", "speckit", "requirements", "workspace"],
        kinds: &[Kind::KiroRequirements, Kind::SpeckitSpec],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    match cx.doc.kind {
        Kind::KiroRequirements => kiro(cx, out),
        _ => speckit(cx, out),
    }
}

fn kiro(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(tasks) = sibling(cx, Kind::KiroTasks) else {
        return;
    };
    let refs = tasks.requirement_refs();
    // A task citing every requirement (`_Requirements: all_`) covers them all.
    if refs.is_empty() || refs.iter().any(|r| r.id == "*") {
        return;
    }
    let cited: HashSet<(ReqKind, &str)> = refs.iter().map(|r| (r.kind, r.id.as_str())).collect();
    let reqs = cx.doc.requirements();
    let criteria = reqs.of_kind(ReqKind::Criterion).count();
    let covered = |c: &crate::document::requirements::Requirement| {
        let major = c.id.split('.').next().unwrap_or("");
        cited.contains(&(ReqKind::Criterion, c.id.as_str()))
            || cited.contains(&(ReqKind::Requirement, major))
    };
    let n_covered = reqs
        .of_kind(ReqKind::Criterion)
        .filter(|(_, c)| covered(c))
        .count();
    let coverage = format!("{n_covered} of {criteria} criteria are covered by tasks");
    for (i, r) in reqs.of_kind(ReqKind::Requirement) {
        let own: Vec<&crate::document::requirements::Requirement> = reqs
            .items
            .iter()
            .filter(|c| c.kind == ReqKind::Criterion && c.parent == Some(i))
            .collect();
        if cited.contains(&(ReqKind::Requirement, r.id.as_str())) {
            continue;
        }
        let open: Vec<&&crate::document::requirements::Requirement> =
            own.iter().filter(|c| !covered(c)).collect();
        if own.is_empty() {
            let any = refs
                .iter()
                .any(|x| x.id.split('.').next() == Some(r.id.as_str()));
            if !any {
                out.push(cx.diag(
                    r.range.clone(),
                    format!("Requirement {} is cited by no task in tasks.md", r.id),
                ));
            }
        } else if open.len() == own.len() {
            out.push(cx.diag(
                r.range.clone(),
                format!(
                    "Requirement {} ({} criteri{}) is cited by no task in tasks.md ({coverage})",
                    r.id,
                    own.len(),
                    if own.len() == 1 { "on" } else { "a" }
                ),
            ));
        } else {
            for c in open {
                out.push(cx.diag(
                    c.range.start..c.body.end.max(c.range.end),
                    format!(
                        "Criterion {} is cited by no task in tasks.md ({coverage})",
                        c.id
                    ),
                ));
            }
        }
    }
}

fn speckit(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(tasks) = sibling(cx, Kind::SpeckitTasks) else {
        return;
    };
    let refs = tasks.requirement_refs();
    let reqs = cx.doc.requirements();
    for kind in [ReqKind::Story, ReqKind::Functional] {
        // `FR-076a` cited covers `FR-076` too.
        let cited: HashSet<String> = refs
            .iter()
            .filter(|r| r.kind == kind)
            .flat_map(|r| [r.id.clone(), id_stem(&r.id).to_string()])
            .collect();
        if cited.is_empty() || (kind == ReqKind::Functional && !traces(tasks, refs, kind)) {
            continue;
        }
        let items: Vec<&crate::document::requirements::Requirement> = reqs
            .of_kind(kind)
            .filter(|(_, r)| !cx.doc.text(&r.body).trim_start().starts_with('|'))
            .map(|(_, r)| r)
            .collect();
        let mut uniq: Vec<&str> = items.iter().map(|r| r.id.as_str()).collect();
        uniq.dedup();
        let covered = uniq.iter().filter(|id| cited.contains(**id)).count();
        let coverage = format!(
            "{covered} of {} {} are covered by tasks",
            uniq.len(),
            kind.nouns()
        );
        for r in items {
            if cited.contains(&r.id) {
                continue;
            }
            let what = if kind == ReqKind::Story {
                format!(
                    "User story {} has no task labelled [{}]",
                    r.id.trim_start_matches("US"),
                    r.id
                )
            } else {
                format!("{} is cited by no task in tasks.md", r.id)
            };
            out.push(cx.diag(r.range.clone(), format!("{what} ({coverage})")));
        }
    }
}

/// Whether the task list traces to ids of `kind` as a rule, not in passing: at least two
/// task lines (not their notes) cite one, and at least a fifth of the tasks do.
fn traces(tasks: &Document<'_>, refs: &[ReqRef], kind: ReqKind) -> bool {
    let lines: Vec<&Range<usize>> = tasks
        .tasks
        .iter()
        .filter(|t| t.checkbox_range.is_some())
        .map(|t| &t.title_range)
        .collect();
    let citing = lines
        .iter()
        .filter(|l| {
            refs.iter()
                .any(|r| r.kind == kind && l.contains(&r.range.start))
        })
        .count();
    citing >= 2 && citing * 5 >= lines.len()
}

#[cfg(test)]
mod tests {
    use crate::testing::workspace_lines;

    #[test]
    fn kiro_coverage() {
        let reqs = "# Requirements Document\n\n### Requirement 1\n\n#### Acceptance Criteria\n\n1. THE system SHALL a\n2. THE system SHALL b\n\n### Requirement 2\n\n#### Acceptance Criteria\n\n1. THE system SHALL c\n\n### Requirement 3\n\n#### Acceptance Criteria\n\n1. THE system SHALL d\n";
        let tasks = "# Implementation Plan\n\n- [ ] 1. A\n  - _Requirements: 1.1, 3_\n";
        let found = workspace_lines(
            &[
                (".kiro/specs/a/requirements.md", reqs),
                (".kiro/specs/a/tasks.md", tasks),
            ],
            "uncovered-requirement",
        );
        assert_eq!(found, [8, 10]);
        let no_refs = "# Implementation Plan\n\n- [ ] 1. A\n";
        assert!(workspace_lines(
            &[
                (".kiro/specs/a/requirements.md", reqs),
                (".kiro/specs/a/tasks.md", no_refs)
            ],
            "uncovered-requirement",
        )
        .is_empty());
    }

    #[test]
    fn speckit_stories() {
        let spec = "# Feature Specification: X\n\n### User Story 1 - A (Priority: P1)\n\n### User Story 2 - B (Priority: P2)\n";
        let tasks = "# Tasks\n\n- [ ] T001 [US1] Do a in src/a.py\n";
        let found = workspace_lines(
            &[
                ("specs/001-x/spec.md", spec),
                ("specs/001-x/tasks.md", tasks),
            ],
            "uncovered-requirement",
        );
        assert_eq!(found, [5]);
    }
}
