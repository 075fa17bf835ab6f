//! `requirement-keyword`: a requirement with no normative SHALL / MUST, or a weak "should"
//! where the format asks for SHALL.

use crate::document::requirements::{DeltaOp, ReqKind};
use crate::rules::family::{has_word, is_english};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that each requirement states an obligation:
    /// - a Spec Kit functional requirement (`FR-###`) says MUST or SHALL ("System MUST
    ///   ..."; any letter case);
    /// - an OpenSpec requirement's statement (the text under `### Requirement:` before its
    ///   first scenario) holds SHALL or MUST in capitals, as `openspec validate` demands: a
    ///   `**Priority:** MUST` label does not count;
    /// - a Kiro acceptance criterion says SHALL (or MUST).
    ///
    /// When the statement uses "should", "may", "can" or "will" instead, the message says
    /// so. REMOVED and RENAMED requirements of a delta are not statements and are skipped,
    /// as are requirements not written in English.
    ///
    /// ## Why
    /// The keyword is what makes a sentence a requirement a test can fail: "the system
    /// should retry" leaves the retry optional. OpenSpec rejects a requirement without
    /// SHALL or MUST; Kiro's EARS criteria are built around SHALL.
    ///
    /// ## Example
    /// ```markdown
    /// ### Requirement: Session timeout
    /// **Priority:** MUST
    ///
    /// Sessions expire after 30 minutes of inactivity.
    /// ```
    ///
    /// ## How to fix
    /// State the obligation: "The system SHALL expire a session after 30 minutes of
    /// inactivity."
    pub static RULE = {
        code: "SM602",
        name: "requirement-keyword",
        summary: "Requirement without a normative SHALL / MUST",
        category: Category::Measurability,
        tags: &["speckit", "kiro", "openspec", "requirements"],
        kinds: &[
            Kind::SpeckitSpec,
            Kind::KiroRequirements,
            Kind::OpenspecSpec,
            Kind::OpenspecDelta,
        ],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

/// Words that state a wish or a prediction, not an obligation.
const WEAK: &[&str] = &["should", "may", "can", "will", "might", "could"];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    // A Spec Kit spec whose requirements never say MUST or SHALL writes them in its own
    // style (terse statements, another language): the keyword is not its convention.
    let speckit_style = doc.kind != Kind::SpeckitSpec
        || doc
            .requirements()
            .of_kind(ReqKind::Functional)
            .any(|(_, r)| {
                let t = doc.text(&r.body);
                has_word(t, "must") || has_word(t, "shall")
            });
    if !speckit_style {
        return;
    }
    for r in &doc.requirements().items {
        let (wanted, capitals) = match (doc.kind, r.kind) {
            (Kind::SpeckitSpec, ReqKind::Functional) => ("MUST", false),
            (Kind::KiroRequirements, ReqKind::Criterion) => ("SHALL", false),
            (Kind::OpenspecSpec | Kind::OpenspecDelta, ReqKind::Requirement)
                if !matches!(r.delta, Some(DeltaOp::Removed | DeltaOp::Renamed)) =>
            {
                ("SHALL or MUST", true)
            }
            _ => continue,
        };
        let text = if r.kind == ReqKind::Requirement {
            statement(doc, &r.body)
        } else {
            doc.text(&r.body).to_string()
        };
        if text.trim().is_empty() || !is_english(&text) {
            continue;
        }
        let normative = if capitals {
            ["SHALL", "MUST"].iter().any(|k| has_capital_word(&text, k))
        } else {
            has_word(&text, "shall") || has_word(&text, "must")
        };
        if normative {
            continue;
        }
        let weak = WEAK.iter().find(|w| has_word(&text, w));
        let what = match r.kind {
            ReqKind::Functional => r.id.clone(),
            ReqKind::Criterion => format!("Criterion {}", r.id),
            _ => format!("Requirement \"{}\"", r.id),
        };
        let message = match weak {
            Some(w) => format!(
                "{what} says \"{w}\" where the format asks for {wanted}: state the obligation with {wanted}"
            ),
            None => format!("{what} has no normative {wanted}: state what the system {} do", if capitals { "SHALL" } else { wanted }),
        };
        let at = if r.kind == ReqKind::Requirement {
            r.range.clone()
        } else {
            r.range.start..r.body.end.max(r.range.end)
        };
        out.push(cx.diag(at, message));
    }
}

/// The statement's prose: its lines minus `**Key:** value` labels (a priority is not a
/// statement) and code.
fn statement(doc: &Document<'_>, body: &Range<usize>) -> String {
    let mut out = String::new();
    let mut at = body.start;
    for line in doc.text(body).split_inclusive('\n') {
        let start = at;
        at += line.len();
        if doc.in_code(start) {
            continue;
        }
        let t = line.trim_start().trim_start_matches(['-', '*', '>', ' ']);
        let label = (line.trim_start().starts_with("**") || line.trim_start().starts_with("- **"))
            && t.find(':').is_some_and(|c| {
                c < 40 && t[..c].trim_end_matches('*').split_whitespace().count() <= 3
            })
            && !t.contains("SHALL ")
            && t.split_whitespace().count() <= 6;
        if !label {
            out.push_str(line);
        }
    }
    out
}

/// `word` in capitals, as a whole word.
fn has_capital_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_lines;

    #[test]
    fn speckit_and_kiro() {
        let spec = "# Spec\n\n## Requirements\n\n- **FR-001**: System MUST log in.\n- **FR-002**: Users should be able to log out.\n- **FR-003**: Users can export data.\n- **FR-004**: 系统必须记录日志。\n";
        assert_eq!(
            lint_lines(spec, "specs/001-x/spec.md", "requirement-keyword"),
            [6, 7]
        );
        let kiro = "# Requirements Document\n\n### Requirement 1\n\n#### Acceptance Criteria\n\n1. WHEN x THEN the system SHALL y\n2. The system should z\n3. WHEN 用户登录 时系统应当显示\n";
        assert_eq!(
            lint_lines(kiro, ".kiro/specs/a/requirements.md", "requirement-keyword"),
            [8]
        );
    }

    #[test]
    fn openspec_label_is_not_a_statement() {
        let spec = "# auth Specification\n\n## Purpose\n\nAuth.\n\n## Requirements\n\n### Requirement: Timeout\n**Priority:** MUST\n\nSessions expire after 30 minutes.\n\n#### Scenario: idle\n\n- **WHEN** idle\n- **THEN** expired\n\n### Requirement: Login\n\nThe system SHALL log in.\n\n#### Scenario: ok\n\n- **WHEN** a\n- **THEN** b\n";
        assert_eq!(
            lint_lines(spec, "openspec/specs/auth/spec.md", "requirement-keyword"),
            [9]
        );
    }
}
