//! `missing-scenario`: an OpenSpec requirement without a scenario, a scenario without WHEN
//! and THEN, or a Spec Kit user story without its priority, independent test or scenarios.

use crate::document::requirements::{DeltaOp, ReqKind, Requirement};
use crate::rules::family::{has_word, is_english};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// OpenSpec specs and delta specs: every requirement (except REMOVED and RENAMED ones)
    /// has at least one `#### Scenario:` heading (exactly four `#`: OpenSpec does not read
    /// a `### Scenario:` or a `- **Scenario:**` bullet), and every scenario says WHEN
    /// and THEN.
    ///
    /// Spec Kit specs: every `### User Story N` has a priority (`(Priority: P1)` in the
    /// heading or a Priority line), an **Independent Test**, and acceptance scenarios in
    /// Given / When / Then form.
    ///
    /// Text not written in English is not checked for the keywords.
    ///
    /// ## Why
    /// Scenarios are the testable half of a requirement: OpenSpec refuses to archive a
    /// change whose requirements have none, and Spec Kit plans each user story as an
    /// independently testable slice, ordered by priority.
    ///
    /// ## Example
    /// ```markdown
    /// ### Requirement: Password reset
    /// The system SHALL email a reset link.
    ///
    /// ### Scenario: Link expires
    /// - the link is older than one hour; reset is refused
    /// ```
    ///
    /// ## How to fix
    /// Write the scenario as `#### Scenario: Link expires` with `- **WHEN** ...` and
    /// `- **THEN** ...` lines.
    pub static RULE = {
        code: "SM604",
        name: "missing-scenario",
        summary: "Requirement or user story without its scenarios",
        category: Category::Completeness,
        tags: &["openspec", "speckit", "requirements"],
        kinds: &[Kind::OpenspecSpec, Kind::OpenspecDelta, Kind::SpeckitSpec],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let reqs = doc.requirements();
    if doc.kind == Kind::SpeckitSpec {
        for (_, story) in reqs.of_kind(ReqKind::Story) {
            user_story(cx, story, out);
        }
        return;
    }
    for (i, r) in reqs.items.iter().enumerate() {
        match r.kind {
            ReqKind::Requirement
                if !matches!(r.delta, Some(DeltaOp::Removed | DeltaOp::Renamed)) =>
            {
                let scenarios: Vec<&Requirement> = reqs
                    .items
                    .iter()
                    .filter(|s| s.kind == ReqKind::Scenario && s.parent == Some(i))
                    .collect();
                if scenarios.is_empty() {
                    let section = doc.sections[doc.section_at(r.range.start)].range.clone();
                    let bullet = doc
                        .text(&section)
                        .to_ascii_lowercase()
                        .contains("scenario:");
                    let hint = if bullet {
                        ": write each scenario as a `#### Scenario: <name>` heading (OpenSpec reads no other form)"
                    } else {
                        ": add a `#### Scenario: <name>` with WHEN and THEN lines"
                    };
                    out.push(cx.diag(
                        r.range.clone(),
                        format!("Requirement \"{}\" has no scenario{hint}", r.id),
                    ));
                }
            }
            ReqKind::Scenario => scenario(cx, r, out),
            _ => {}
        }
    }
}

fn scenario(cx: &Context<'_>, s: &Requirement, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    if s.level != 4 {
        out.push(cx.diag(
            s.range.clone(),
            format!(
                "Scenario \"{}\" is a level-{} heading: OpenSpec reads scenarios only as `#### Scenario:` (four #)",
                s.id, s.level
            ),
        ));
    }
    let section = doc.sections[doc.section_at(s.range.start)]
        .body_range
        .clone();
    let body = doc.text(&section);
    if body.trim().is_empty() {
        out.push(cx.diag(
            s.range.clone(),
            format!(
                "Scenario \"{}\" is empty: add its WHEN and THEN lines",
                s.id
            ),
        ));
        return;
    }
    if !is_english(body) {
        return;
    }
    let missing: Vec<&str> = ["WHEN", "THEN"]
        .into_iter()
        .filter(|k| !has_word(body, k))
        .collect();
    if !missing.is_empty() {
        out.push(cx.diag(
            s.range.clone(),
            format!(
                "Scenario \"{}\" has no {}: write it as `- **WHEN** <condition>` / `- **THEN** <outcome>`",
                s.id,
                missing.join(" and no ")
            ),
        ));
    }
}

fn user_story(cx: &Context<'_>, story: &Requirement, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let text = doc.text(&story.body);
    if !is_english(text) {
        return;
    }
    let lower = text.to_ascii_lowercase();
    let mut missing = Vec::new();
    if !lower.contains("priority") {
        missing.push("a priority (`(Priority: P1)`)");
    }
    if !lower.contains("independent test") {
        missing.push("an **Independent Test** line");
    }
    let scenarios = lower.lines().any(|l| {
        has_word(l, "given") && has_word(l, "when") && has_word(l, "then")
            || has_word(l, "when") && has_word(l, "then")
    }) || (has_word(&lower, "given") && has_word(&lower, "then"));
    if !scenarios {
        missing.push("Given / When / Then acceptance scenarios");
    }
    if missing.is_empty() {
        return;
    }
    out.push(cx.diag(
        story.range.clone(),
        format!(
            "User story {} lacks {}",
            story.id.trim_start_matches("US"),
            missing.join(" and ")
        ),
    ));
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_lines;

    #[test]
    fn openspec() {
        let src = "# auth Specification\n\n## Purpose\n\nAuth.\n\n## Requirements\n\n### Requirement: Login\n\nThe system SHALL log in.\n\n#### Scenario: ok\n\n- **WHEN** valid\n- **THEN** in\n\n### Requirement: Logout\n\nThe system SHALL log out.\n\n### Requirement: Reset\n\nThe system SHALL reset.\n\n#### Scenario: link\n\n- the link works\n";
        assert_eq!(
            lint_lines(src, "openspec/specs/auth/spec.md", "missing-scenario"),
            [18, 26]
        );
    }

    #[test]
    fn removed_requirements_need_no_scenario() {
        let src = "## REMOVED Requirements\n\n### Requirement: Legacy export\n**Reason**: unused\n**Migration**: none\n";
        assert!(lint_lines(
            src,
            "openspec/changes/x/specs/auth/spec.md",
            "missing-scenario"
        )
        .is_empty());
    }

    #[test]
    fn speckit_stories() {
        let src = "# Feature Specification: X\n\n## User Scenarios & Testing\n\n### User Story 1 - Login (Priority: P1)\n\nA user logs in.\n\n**Independent Test**: log in.\n\n**Acceptance Scenarios**:\n\n1. **Given** an account, **When** the user logs in, **Then** the dashboard shows.\n\n### User Story 2 - Logout\n\nA user logs out.\n";
        assert_eq!(
            lint_lines(src, "specs/001-x/spec.md", "missing-scenario"),
            [15]
        );
    }
}
