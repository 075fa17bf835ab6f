//! `missing-section`: a section the document's template requires is not there.

use crate::rules::prelude::*;
use crate::rules::sections::{self, Flavor, HeadingIndex, Wanted, RECOVERY_RECOMMENDED};

declare_rule! {
    /// ## What it does
    /// Checks that the sections the seed templates require are present:
    ///
    /// - **prd**: Overview (with Problem Statement and Solution Summary, as sub-sections or
    ///   anywhere, headings or bold labels), Architecture, Implementation Details, Testing
    ///   Strategy, Acceptance Criteria (a section, or `**Acceptance Criteria:**` label lines
    ///   when each requirement has its own criteria), Risks & Mitigation, Dependencies.
    /// - **recovery**: Quick Context, Current State, Key Decisions, Files Modified, Next
    ///   Steps, Open Questions, Test Status, Commands to Resume. The rest of the template
    ///   (Completed / In Progress / Blocked under Current State, Research Findings, Code
    ///   Quality Checklist, Agent Handoff Notes, Integration Points, Performance
    ///   Considerations, Rollback Information) is reported once, at info level.
    /// - **research**: `research/analysis.md` needs the five analysis phases (Scope
    ///   Discovery, Component Deep-Dive, Integration Analysis, Edge Cases & Error Paths,
    ///   Performance & Security) and Critical Decisions; `research/plan.md` needs Internal
    ///   Patterns, Library Best Practices, Industry Best Practices, Comparable
    ///   Implementations. Other research files (`findings.md`) have no required sections.
    ///
    /// Headings are matched tolerantly: case, numbering (`## 3. Architecture`), emoji, bold,
    /// remarks in parentheses (`Testing Strategy (400+ words)`), `&` or "and", extra words
    /// ("Risks and Mitigations Plan"), and common synonyms ("Test Plan", "Technical Design",
    /// "Risk Assessment", "Key Decisions Made", "Files Modified So Far", "Commands to Resume
    /// Work"). A synonym found anywhere in a heading counts ("Risks & Dependencies" has the
    /// Dependencies section).
    ///
    /// A shard of a PRD split into one file per section (`docs/prd/2-requirements.md`, titled
    /// `# 2. Requirements`) is one part of the PRD and is not checked on its own, nor is a
    /// companion file in a `prd/` folder whose name does not say "prd", whose title is not a
    /// PRD title and that has none of the PRD sections (`docs/prd/index.md`, a note on how
    /// the PRD is written).
    ///
    /// Each missing section is one finding on the title. A document with none of the
    /// required sections (a file that follows another template, or is not really a PRD) gets
    /// one finding listing them all instead.
    ///
    /// ## Why
    /// The PRD agent's Checkpoint 4 and the recovery template make these sections
    /// mandatory: the next agent or reviewer looks for them by name. A PRD without
    /// Acceptance Criteria or a recovery note without Next Steps cannot be handed over.
    ///
    /// ## Example
    /// ```markdown
    /// # PRD: Batch loading
    ///
    /// ## Overview
    /// ...
    /// ## Architecture
    /// ...
    /// ```
    /// reports `missing required section "Acceptance Criteria" (prd)` (and the others) on
    /// the title.
    ///
    /// ## How to fix
    /// Add the section (any of the accepted spellings). Teams with other templates set the
    /// lists: `[rules.missing-section] prd = ["Overview", "Goals", ...]`; a name written as
    /// `"Parent > Part"` is a part that may appear anywhere, also as a bold label line.
    /// When most of the prose is not English, headings cannot be matched reliably and
    /// findings are info only.
    pub static RULE = {
        code: "SM002",
        name: "missing-section",
        summary: "A section the template requires is missing",
        category: Category::Structure,
        tags: &["prd", "recovery", "research", "template"],
        kinds: &[Kind::Prd, Kind::Recovery, Kind::Research],
        severity: Severity::Warning,
        fixable: false,
        options: &[
            OptionSpec {
                name: "prd",
                doc: "Required sections of a PRD (\"Parent > Part\" for a part found anywhere).",
                default: OptionDefault::StrList(sections::PRD_REQUIRED),
            },
            OptionSpec {
                name: "recovery",
                doc: "Required sections of a session-recovery document.",
                default: OptionDefault::StrList(sections::RECOVERY_REQUIRED),
            },
            OptionSpec {
                name: "recovery-recommended",
                doc: "Other recovery template sections, reported together at info level.",
                default: OptionDefault::StrList(RECOVERY_RECOMMENDED),
            },
            OptionSpec {
                name: "analysis",
                doc: "Required sections of research/analysis.md.",
                default: OptionDefault::StrList(sections::ANALYSIS_REQUIRED),
            },
            OptionSpec {
                name: "plan",
                doc: "Required sections of research/plan.md.",
                default: OptionDefault::StrList(sections::PLAN_REQUIRED),
            },
        ],
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.doc.profile.is_custom() {
        return crate::rules::schema_checks::missing_section(cx, out);
    }
    let doc = cx.doc;
    let Some(flavor) = sections::flavor(doc) else {
        return;
    };
    if sections::is_prd_part(doc) {
        return;
    }
    let index = HeadingIndex::new(doc, true);
    let at = doc.title_range();
    let kind = doc.kind.name();
    // Headings in another language cannot be matched against English names.
    let foreign = doc.mostly_non_english();
    let wanted: Vec<Wanted> = cx
        .str_list(flavor.option())
        .iter()
        .map(|s| Wanted::parse(s))
        .filter(|w| !w.display.is_empty())
        .collect();
    let missing: Vec<&Wanted> = wanted.iter().filter(|w| !w.present_in(&index)).collect();
    let severity = if foreign {
        Severity::Info
    } else {
        cx.rule.severity
    };
    if missing.len() == wanted.len() && wanted.len() >= 3 {
        // Nothing of the template is there: one finding, not one per section.
        let names: Vec<&str> = missing.iter().map(|w| w.display.as_str()).collect();
        out.push(
            cx.diag(
                at.clone(),
                format!(
                    "none of the sections the {} template requires are present: {}",
                    flavor.label(),
                    names.join(", ")
                ),
            )
            .with_help(format!(
                "add them, or if this document follows another template set its sections with `[rules.missing-section] {} = [...]`",
                flavor.option()
            ))
            .with_severity(severity),
        );
    } else {
        for w in missing {
            let part_of = match &w.parent {
                Some(p) => format!(", part of \"{p}\""),
                None => String::new(),
            };
            out.push(
                cx.diag(
                    at.clone(),
                    format!(
                        "missing required section \"{}\" ({kind}{part_of})",
                        w.display
                    ),
                )
                .with_help(format!(
                    "add a heading for it; accepted spellings include {}",
                    w.spellings(4)
                ))
                .with_severity(severity),
            );
        }
    }
    if flavor == Flavor::Recovery {
        let missing: Vec<String> = cx
            .str_list("recovery-recommended")
            .iter()
            .map(|s| Wanted::parse(s))
            .filter(|w| !w.display.is_empty() && !w.present_in(&index))
            .map(|w| match w.parent {
                Some(p) => format!("{} ({p})", w.display),
                None => w.display,
            })
            .collect();
        if !missing.is_empty() {
            out.push(
                cx.diag(
                    at,
                    format!(
                        "recovery template sections not present: {}",
                        missing.join(", ")
                    ),
                )
                .with_help("add them if they apply to this session; they are optional")
                .with_severity(Severity::Info),
            );
        }
    }
}
