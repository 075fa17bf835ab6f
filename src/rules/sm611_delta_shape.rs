//! `delta-shape`: an OpenSpec delta spec that is malformed, or changes a requirement the
//! capability's current spec does not have.

use crate::document::requirements::{DeltaOp, ReqKind};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks a delta spec of an OpenSpec change (`openspec/changes/<change>/specs/<capability>/spec.md`):
    /// - it has at least one `## ADDED Requirements`, `## MODIFIED Requirements`,
    ///   `## REMOVED Requirements` or `## RENAMED Requirements` section;
    /// - ADDED, MODIFIED and REMOVED sections hold `### Requirement: <name>` blocks, a
    ///   RENAMED section `- FROM:` / `- TO:` pairs; no requirement appears twice;
    /// - when the capability's current spec (`openspec/specs/<capability>/spec.md`) is
    ///   among the linted files: every MODIFIED, REMOVED or renamed requirement exists
    ///   there (matched by its name), and no ADDED one does already.
    ///
    /// Archived changes (`changes/archive/`) are checked for shape only: their deltas are
    /// already merged into the current specs.
    ///
    /// ## Why
    /// `openspec archive` merges deltas into the current spec by requirement name: a
    /// MODIFIED block whose name matches nothing cannot be applied, and a delta without
    /// operation headers changes nothing at all.
    ///
    /// ## Example
    /// ```markdown
    /// ## MODIFIED Requirements
    /// ### Requirement: Two factor login    ← the spec calls it "Two-factor login"
    /// ```
    ///
    /// ## How to fix
    /// Copy the requirement's header exactly from the current spec, or use ADDED for a new
    /// requirement.
    pub static RULE = {
        code: "SM611",
        name: "delta-shape",
        summary: "Malformed OpenSpec delta, or one that changes a requirement that does not exist",
        category: Category::Structure,
        tags: &["openspec", "workspace"],
        kinds: &[Kind::OpenspecDelta],
        severity: Severity::Error,
        fixable: false,
        options: &[],
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let reqs = doc.requirements();
    let ops: Vec<_> = reqs.deltas.iter().filter(|d| d.op.is_some()).collect();
    if ops.is_empty() {
        out.push(cx.diag(
            doc.title_range(),
            "no delta section: a change's spec says what it does with `## ADDED Requirements`, `## MODIFIED Requirements`, `## REMOVED Requirements` or `## RENAMED Requirements`",
        ));
        return;
    }
    for d in &ops {
        let Some(op) = d.op else { continue };
        let inside = |r: &Range<usize>| doc.sections[d.section].range.contains(&r.start);
        let empty = match op {
            DeltaOp::Renamed => !reqs.renames.iter().any(|r| inside(&r.from_range)),
            _ => !reqs
                .items
                .iter()
                .any(|r| r.kind == ReqKind::Requirement && inside(&r.range)),
        };
        if empty {
            let want = if op == DeltaOp::Renamed {
                "`- FROM: `### Requirement: Old`` / `- TO: `### Requirement: New`` pairs"
            } else {
                "`### Requirement: <name>` blocks"
            };
            out.push(cx.diag(
                d.heading.clone(),
                format!(
                    "the {} section holds no requirement: write {want}",
                    op.name()
                ),
            ));
        }
    }
    for r in &reqs.renames {
        if r.to.is_none() {
            out.push(cx.diag(
                r.from_range.clone(),
                format!("rename of \"{}\" has no `- TO:` line", r.from),
            ));
        }
    }
    // The same requirement twice in the delta.
    let named: Vec<_> = reqs.of_kind(ReqKind::Requirement).map(|(_, r)| r).collect();
    let mut seen = std::collections::HashSet::new();
    for r in &named {
        if !seen.insert(r.id.as_str()) {
            out.push(cx.diag(
                r.range.clone(),
                format!("requirement \"{}\" appears twice in this delta", r.id),
            ));
        }
    }
    current_spec(cx, out);
}

/// MODIFIED / REMOVED / RENAMED names against the capability's current spec.
fn current_spec(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let Some(path) = doc.path.as_deref() else {
        return;
    };
    if path.contains("/changes/archive/") {
        return;
    }
    let Some(current_path) = crate::kind::openspec_current_spec(path) else {
        return;
    };
    let Some(current) = cx.workspace.and_then(|w| w.doc_at(&current_path)) else {
        return;
    };
    let base = current.requirements();
    if !base.has(ReqKind::Requirement) {
        return;
    }
    let reqs = doc.requirements();
    for r in reqs.of_kind(ReqKind::Requirement).map(|(_, r)| r) {
        let exists = base.find_named(&r.id).is_some();
        match r.delta {
            Some(op @ (DeltaOp::Modified | DeltaOp::Removed)) if !exists => out.push(cx.diag(
                r.range.clone(),
                format!(
                    "{} requirement \"{}\" is not in {current_path}: match its header exactly, or use ADDED",
                    op.name(),
                    r.id
                ),
            )),
            Some(DeltaOp::Added) if exists => out.push(
                cx.diag(
                    r.range.clone(),
                    format!(
                        "ADDED requirement \"{}\" already exists in {current_path}: use MODIFIED to change it",
                        r.id
                    ),
                )
                .with_severity(Severity::Warning),
            ),
            _ => {}
        }
    }
    for r in &reqs.renames {
        if base.find_named(&r.from).is_none() {
            out.push(cx.diag(
                r.from_range.clone(),
                format!(
                    "renamed requirement \"{}\" is not in {current_path}",
                    r.from
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::workspace_lines;

    const BASE: &str = "# auth Specification\n\n## Purpose\n\nAuth.\n\n## Requirements\n\n### Requirement: Login\n\nThe system SHALL log in.\n\n#### Scenario: ok\n\n- **WHEN** a\n- **THEN** b\n";

    #[test]
    fn against_the_current_spec() {
        let delta = "## MODIFIED Requirements\n\n### Requirement: Login\n\nThe system SHALL log in fast.\n\n#### Scenario: ok\n\n- **WHEN** a\n- **THEN** b\n\n### Requirement: Logout\n\nThe system SHALL log out.\n\n#### Scenario: ok\n\n- **WHEN** a\n- **THEN** b\n\n## ADDED Requirements\n\n### Requirement: Login\n\nThe system SHALL x.\n\n#### Scenario: ok\n\n- **WHEN** a\n- **THEN** b\n";
        let files = [
            ("openspec/changes/c/specs/auth/spec.md", delta),
            ("openspec/specs/auth/spec.md", BASE),
        ];
        assert_eq!(workspace_lines(&files, "delta-shape"), [12, 23, 23]);
        let archived = [
            ("openspec/changes/archive/2025-c/specs/auth/spec.md", delta),
            ("openspec/specs/auth/spec.md", BASE),
        ];
        assert_eq!(workspace_lines(&archived, "delta-shape"), [23]);
    }

    #[test]
    fn no_operations() {
        let delta = "# Auth\n\nSome notes.\n";
        assert_eq!(
            workspace_lines(
                &[("openspec/changes/c/specs/auth/spec.md", delta)],
                "delta-shape"
            ),
            [1]
        );
    }
}
