//! A structure-aware generator of spec documents for the fuzz targets `doc` and `diff`.
//!
//! libFuzzer's raw bytes rarely form a task graph, a progress table or a fixable line; this
//! builds documents from the parts the rules read instead, choosing each part with bytes of
//! the input (`arbitrary::Unstructured`), so a mutation of the input changes one choice:
//! front matter, titles and metadata lines of every family, the sections of each profile,
//! task items with ids, states, fields and dependencies drawn from a small id pool (so
//! duplicates, unknown ids and cycles happen), progress, goal-kit and risk tables,
//! acceptance criteria (EARS, ids, vague words), fenced code (python with and without
//! `# VERIFIED:`, mermaid graphs), suppression comments naming real rules, placeholders,
//! agent artifacts, mojibake, absolute paths, CJK and emoji, and CRLF, lone CR or a BOM.
//!
//! Shared by the fuzz targets (through `#[path]`) and `tests/regressions.rs`, which replays
//! the saved inputs of every target byte for byte.

#![allow(dead_code)]

use arbitrary::{Result, Unstructured};
use specmark::Kind;

/// Where a generated document lives: the path decides detection and feature folders.
pub const PATHS: &[&str] = &[
    "specs/active/demo/prd.md",
    "specs/active/demo/tasks.md",
    "specs/active/demo/recovery.md",
    "specs/active/demo/research/analysis.md",
    "specs/active/demo/research/plan.md",
    ".goalkit/goals/001-demo/tasks.md",
    "specs/001-demo/spec.md",
    "specs/001-demo/plan.md",
    "specs/001-demo/tasks.md",
    "specs/001-demo/checklists/requirements.md",
    ".kiro/specs/demo/requirements.md",
    ".kiro/specs/demo/design.md",
    ".kiro/specs/demo/tasks.md",
    "openspec/specs/auth/spec.md",
    "openspec/changes/add-demo/specs/auth/spec.md",
    "openspec/changes/add-demo/proposal.md",
    "openspec/changes/add-demo/tasks.md",
    "openspec/changes/add-demo/design.md",
    "docs/PRD.md",
    "notes.md",
];

const TITLES: &[&str] = &[
    "# PRD: Demo Checkout",
    "# Product Requirements Document: Demo",
    "# Tasks: Demo",
    "# Implementation Tasks",
    "# Session Recovery: Demo",
    "# Research Analysis: Demo",
    "# Research Plan: Demo",
    "# Feature Specification: Demo",
    "# Implementation Plan: Demo",
    "# Requirements Document",
    "# Design Document",
    "# Implementation Plan",
    "# Specification Quality Checklist: Demo",
    "# auth Specification",
    "# Change: Add demo",
    "## Why",
    "# Goal Tasks",
    "#Demo without a space",
    "# ",
];

const SECTIONS: &[&str] = &[
    "Overview",
    "Executive Summary",
    "Problem Statement",
    "Goals",
    "Non-Goals",
    "Background",
    "Requirements",
    "Functional Requirements",
    "Non-Functional Requirements",
    "User Stories",
    "User Scenarios & Testing",
    "Acceptance Criteria",
    "Success Criteria",
    "Measurable Outcomes",
    "Key Entities",
    "Edge Cases",
    "Clarifications",
    "Technical Design",
    "Architecture",
    "Implementation Plan",
    "Technical Context",
    "Constitution Check",
    "Project Structure",
    "Risks",
    "Risk Assessment",
    "Dependencies",
    "Dependency Graph",
    "Critical Path",
    "Timeline",
    "Testing Strategy",
    "Tasks",
    "Phase 1: Setup",
    "Phase 2: Foundational",
    "Phase 3: User Story 1 (Priority: P1)",
    "Checkpoint",
    "Progress",
    "Progress Tracking",
    "Current State",
    "Current Phase",
    "Next Steps",
    "Blockers",
    "Session Log",
    "Research Questions",
    "Findings",
    "Sources",
    "Methodology",
    "Open Questions",
    "Purpose",
    "ADDED Requirements",
    "MODIFIED Requirements",
    "REMOVED Requirements",
    "RENAMED Requirements",
    "What Changes",
    "Impact",
    "Requirement: Login with a password",
    "Requirement 1",
    "Requirement 2",
    "User Story 1 - Browse the catalog (Priority: P1)",
    "User Story 2 - Pay for the order (Priority: P2)",
    "Scenario: Valid credentials",
    "Dependencies Graph",
    "Temporal Logic Constraints",
    "Sequence Constraints",
    "Mutual Exclusion",
    "Liveness Requirements",
    "Atomicity Requirements",
    "Deadlock Analysis",
    "Task 3: Wire it",
    "3.2 Build the thing",
    "Notes",
];

const METADATA: &[&str] = &[
    "**Status**: Draft",
    "**Status**: Complete",
    "**Status:** In Progress",
    "**Status**: Nonsense",
    "**Created**: 2025-03-04",
    "**Created**: yesterday",
    "**Last Updated**: 2025-03-05",
    "> **Last Updated**: 2019-01-01",
    "**Workspace**: specs/active/demo/",
    "**Workspace**: specs/active/elsewhere/",
    "**Current Phase**: Implementation",
    "**Current Phase**: Phase 9",
    "**Feature Branch**: `001-demo`",
    "**Input**: User description: \"demo\"",
    "**Priority**: P1",
    "**Owner**: [Name]",
    "- Total Tasks: 14",
    "- Completed: 3/5",
    "Progress: 7 of 4 tasks done",
    "Word count: 1200 words",
    "Current focus: T2",
    "**Focus**: T9",
];

const WORDS: &[&str] = &[
    "the",
    "system",
    "user",
    "checkout",
    "payment",
    "must",
    "should",
    "shall",
    "within",
    "2",
    "seconds",
    "fast",
    "robust",
    "properly",
    "correctly",
    "etc.",
    "intuitive",
    "seamless",
    "API",
    "returns",
    "error",
    "when",
    "and",
    "or",
    "99.9%",
    "requests",
    "logs",
    "data",
    "cache",
    "TODO",
    "TBD",
    "[Feature Name]",
    "{slug}",
    "T-XXX",
    "[NEEDS CLARIFICATION: which?]",
    "/Users/alice/project/src/app.py",
    "C:\\Users\\bob\\spec.md",
    "src/app.py",
    "`src/lib.rs`",
    "Ã©tÃ©",
    "â€™",
    "ï»¿",
    "検索",
    "ユーザー",
    "🚀",
    "✅",
    "e\u{301}",
    "\u{200b}",
    "100%",
    "verified",
    "done",
    "complete",
    "blocked",
    "deferred",
    "see",
    "specs/active/demo/tasks.md",
    "research/plan.md",
    "R1",
    "REQ-001",
    "FR-001",
    "SC-002",
    "US1",
    "AC-3",
];

const ARTIFACTS: &[&str] = &[
    "As an AI language model, I cannot run the tests.",
    "I'll now update the tasks file.",
    "Here's the updated PRD:",
    "<thinking>check the plan</thinking>",
    "Let me know if you want changes!",
    "[Insert diagram here]",
];

const CRITERIA: &[&str] = &[
    "WHEN the user submits valid credentials THEN the system SHALL sign them in",
    "IF the token is expired THEN the system SHALL return 401",
    "WHILE offline the app SHALL queue writes",
    "The system SHALL respond within 200 ms at p95",
    "The page loads fast and works properly",
    "Users can do things etc.",
    "**FR-001**: System MUST validate email addresses",
    "**FR-002**: System MUST log every payment",
    "**FR-003**: System MUST store sessions in Redis",
    "**SC-001**: 95% of users finish checkout in under 2 minutes",
    "The API proxy works",
];

const FIELDS: &[&str] = &[
    "**Description**: add the cart service",
    "**Status**: done",
    "**Status**: pending",
    "**Depends on**: T1, T2",
    "**Dependencies**: none",
    "**Estimate**: 2h",
    "**Files**: `src/app.py`",
    "**Done when**: tests pass",
    "**Acceptance**: the endpoint returns 200",
    "_Requirements: 1.1, 2.3_",
    "_Requirements: 9.9_",
    "Depends on: T3",
];

const LANGS: &[&str] = &[
    "python", "py", "mermaid", "rust", "bash", "json", "text", "",
];

const PYTHON: &[&str] = &[
    "# VERIFIED: runs with python 3.12\ndef total(items):\n    return sum(i.price for i in items)\n",
    "def f(:\n    pass\n",
    "# VERIFIED: checked\nclass A:\n    def m(self, ...):\n        ...\n",
    "Grep(pattern=\"x\", -n=True)\n",
    "for x in range(3)\n    print(x)\n",
    ">>> 1 + 1\n2\n",
    "# pseudo-code\nfetch all the things\n",
    "async def g():\n    await h()\n",
    "x = {\n    'a': 1,\n",
];

const MERMAID: &[&str] = &[
    "graph TD\n  T1 --> T2\n  T2 --> T3\n",
    "graph LR\n  T3 --> T1\n  T1 --> T3\n",
    "flowchart TD\n  A[Start] --> B{Ok?}\n",
];

/// Task ids of the pool: few, so the same id and a dependency on it recur.
const IDS: &[&str] = &[
    "T-001", "T-002", "T1", "T2", "T3", "T001", "T002", "1", "1.1", "1.2", "2", "2.1", "3.2",
    "Task 3", "T-XXX", "Task 1.1", "Task 2.1", "I1", "A2",
];

const STATES: &[&str] = &["[ ]", "[x]", "[X]", "[-]", "[~]", "[ ]*", "[/]"];

const TABLES: &[&[&str]] = &[
    &["| Task | Status | Depends |", "|---|---|---|"],
    &[
        "| ID | Task | Status | Owner | Estimate |",
        "|----|------|--------|-------|----------|",
    ],
    &[
        "| Risk | Impact | Likelihood | Mitigation |",
        "|---|---|---|---|",
    ],
    &["| Milestone | Status |", "| :-- | --: |"],
    &["| Phase | Tasks | Done |", "|---|---|---|"],
    &[
        "| ID | Task | Status | Dependencies | Estimate |",
        "|----|------|--------|--------------|----------|",
    ],
    &[
        "| Constraint | Type | Rationale |",
        "|------------|------|-----------|",
    ],
];

const CELLS: &[&str] = &[
    "T-001",
    "T-002",
    "T-003",
    "[Constraint]",
    "MUST precede",
    "T1",
    "T2",
    "T9",
    "done",
    "todo",
    "in progress",
    "✅",
    "❌",
    "High",
    "Low",
    "—",
    "",
    "3",
    "7",
    "alice",
    "2h",
    "Phase 1",
];

const SUPPRESSION_FORMS: &[&str] = &[
    "<!-- specmark-disable-next-line {} -->",
    "<!-- specmark-disable-line {} -->",
    "<!-- specmark-disable {} -- reason -->",
    "<!-- specmark-enable {} -->",
    "<!-- specmark-disable-file {} -->",
    "<!-- specmark-disable -->",
    "<!-- specmark-enable -->",
    "<!-- specmark-disable-next-line no-such-rule -->",
];

const BREAKS: &[&str] = &["\n", "\r\n", "\r"];

/// One generated document.
#[derive(Debug, Clone)]
pub struct GenDoc {
    pub path: String,
    /// A forced kind (otherwise detected from the path and content).
    pub kind: Option<Kind>,
    pub text: String,
}

fn pick<'a>(u: &mut Unstructured<'_>, items: &[&'a str]) -> Result<&'a str> {
    u.choose(items).copied()
}

fn words(u: &mut Unstructured<'_>, out: &mut String, max: u32) -> Result<()> {
    let n = u.int_in_range(1..=max)?;
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(pick(u, WORDS)?);
    }
    Ok(())
}

/// The text of one document: a sequence of parts joined by the document's line break.
pub fn document_text(u: &mut Unstructured<'_>) -> Result<String> {
    let brk = match u.int_in_range(0..=7u8)? {
        0 | 1 => BREAKS[1],
        2 => BREAKS[2],
        _ => BREAKS[0],
    };
    // A mixed document switches its break now and then.
    let mixed = u.ratio(1, 16)?;
    let mut lines: Vec<String> = Vec::new();
    if u.ratio(1, 8)? {
        lines.push("---".into());
        let key = pick(u, &["kind", "profile"])?;
        let value = if key == "kind" {
            u.choose(Kind::ALL)?.name()
        } else {
            pick(
                u,
                &[
                    "goe-prd",
                    "generic-prd",
                    "phase-tasks",
                    "speckit-spec",
                    "nope",
                ],
            )?
        };
        lines.push(format!("specmark: {{ {key}: {value} }}"));
        lines.push("---".into());
    }
    if u.ratio(7, 8)? {
        lines.push(pick(u, TITLES)?.into());
    }
    let parts = u.int_in_range(1..=24u32)?;
    for _ in 0..parts {
        if u.is_empty() {
            break;
        }
        part(u, &mut lines)?;
    }
    let mut text = String::new();
    if u.ratio(1, 16)? {
        text.push('\u{feff}');
    }
    let last = lines.len();
    for (i, l) in lines.into_iter().enumerate() {
        text.push_str(&l);
        if i + 1 < last || u.ratio(7, 8)? {
            let b = if mixed && u.ratio(1, 4)? {
                pick(u, BREAKS)?
            } else {
                brk
            };
            text.push_str(b);
        }
    }
    Ok(text)
}

fn heading(u: &mut Unstructured<'_>) -> Result<String> {
    let level = u.int_in_range(1..=4usize)?;
    Ok(format!("{} {}", "#".repeat(level), pick(u, SECTIONS)?))
}

fn task(u: &mut Unstructured<'_>, lines: &mut Vec<String>) -> Result<()> {
    let indent = "  ".repeat(u.int_in_range(0..=2usize)?);
    let state = pick(u, STATES)?;
    let id = pick(u, IDS)?;
    let mut line = match u.int_in_range(0..=4u8)? {
        0 => format!("{indent}- {state} **{id}**: "),
        1 => format!("{indent}- {state} {id} "),
        2 => format!("{indent}- {state} {id} [P] [US1] "),
        3 => format!("{indent}- {state} {id}. "),
        _ => format!("{indent}- {state} "),
    };
    words(u, &mut line, 6)?;
    if u.ratio(1, 3)? {
        line.push_str(&format!(" (depends on {})", pick(u, IDS)?));
    }
    lines.push(line);
    for _ in 0..u.int_in_range(0..=2u8)? {
        lines.push(format!("{indent}  - {}", pick(u, FIELDS)?));
    }
    Ok(())
}

fn table(u: &mut Unstructured<'_>, lines: &mut Vec<String>) -> Result<()> {
    let head = *u.choose(TABLES)?;
    let columns = head[0].matches('|').count().saturating_sub(1).max(1);
    lines.extend(head.iter().map(|s| s.to_string()));
    for _ in 0..u.int_in_range(0..=5u8)? {
        // Now and then a ragged row.
        let n = if u.ratio(1, 6)? {
            u.int_in_range(1..=columns + 1)?
        } else {
            columns
        };
        let mut row = String::from("|");
        for _ in 0..n {
            row.push(' ');
            row.push_str(pick(u, CELLS)?);
            row.push_str(" |");
        }
        lines.push(row);
    }
    Ok(())
}

fn code(u: &mut Unstructured<'_>, lines: &mut Vec<String>) -> Result<()> {
    let lang = pick(u, LANGS)?;
    let fence = pick(u, &["```", "~~~", "````"])?;
    lines.push(format!("{fence}{lang}"));
    let body = match lang {
        "python" | "py" => pick(u, PYTHON)?,
        "mermaid" => pick(u, MERMAID)?,
        _ => pick(
            u,
            &["fn main() {}\n", "echo hi\n", "{\"a\": 1}\n", "plain\n"],
        )?,
    };
    lines.extend(body.lines().map(str::to_string));
    // An unclosed fence now and then.
    if u.ratio(7, 8)? {
        lines.push(fence.into());
    }
    Ok(())
}

fn part(u: &mut Unstructured<'_>, lines: &mut Vec<String>) -> Result<()> {
    match u.int_in_range(0..=17u8)? {
        0 | 1 => {
            lines.push(String::new());
            lines.push(heading(u)?);
        }
        2 | 3 => task(u, lines)?,
        4 => lines.push(pick(u, METADATA)?.into()),
        5 => table(u, lines)?,
        6 => {
            let mut l = match u.int_in_range(0..=3u8)? {
                0 => format!(
                    "- {}: ",
                    pick(u, &["AC-1", "AC-2", "AC1", "FR-001", "SC-001"])?
                ),
                1 => "- [ ] ".to_string(),
                2 => format!("{}. ", u.int_in_range(1..=9u8)?),
                _ => "- ".to_string(),
            };
            l.push_str(pick(u, CRITERIA)?);
            lines.push(l);
        }
        7 => code(u, lines)?,
        8 => {
            let form = pick(u, SUPPRESSION_FORMS)?;
            let rule = u.choose(specmark::RULES)?.name;
            lines.push(form.replace("{}", rule));
        }
        9 => lines.push(pick(u, ARTIFACTS)?.into()),
        10 => {
            lines
                .push("**User Story:** As a shopper, I want to pay, so that I get my order".into());
            lines.push(String::new());
            lines.push("#### Acceptance Criteria".into());
            lines.push(String::new());
            for i in 1..=u.int_in_range(1..=3u8)? {
                lines.push(format!("{i}. {}", pick(u, CRITERIA)?));
            }
        }
        11 => {
            lines.push(format!("#### Scenario: {}", pick(u, WORDS)?));
            for step in ["- **WHEN** a user signs in", "- **THEN** a session starts"] {
                if u.ratio(3, 4)? {
                    lines.push(step.into());
                }
            }
        }
        15 => {
            let arrow = pick(u, &[" → ", " -> ", " ──> ", " --> "])?;
            let mut path = pick(u, IDS)?.to_string();
            for _ in 0..u.int_in_range(1..=3u8)? {
                path.push_str(arrow);
                path.push_str(pick(u, IDS)?);
            }
            if u.ratio(1, 2)? {
                lines.push(format!("**Critical Path**: {path}"));
            } else {
                lines.push("```".into());
                lines.push(path);
                lines.push("```".into());
            }
        }
        16 => {
            let file = pick(
                u,
                &[
                    "src/app.py",
                    "src/models/user.py",
                    "`app/api/routes.ts`",
                    "README.md",
                ],
            )?;
            lines.push(format!(
                "- [x] {} Implement the service in {file}",
                pick(u, IDS)?
            ));
        }
        12 => lines.push(format!(
            "{} {}",
            pick(
                u,
                &[
                    "All tasks complete.",
                    "Phase 1 is done.",
                    "100% done",
                    "3/5 tasks done"
                ]
            )?,
            pick(u, &["", "✅", "Next: T2"])?
        )),
        13 => temporal_logic(u, lines)?,
        14 => {
            // A Spec Kit checklist item the spec may contradict (claim-mismatch).
            let state = pick(u, &["[x]", "[X]", "[ ]"])?;
            lines.push(format!("- {state} {}", pick(u, CHECKLIST_CLAIMS)?));
        }
        _ => {
            let mut p = String::new();
            words(u, &mut p, 40)?;
            lines.push(p);
        }
    }
    Ok(())
}

/// The claims of Spec Kit's requirements checklist.
const CHECKLIST_CLAIMS: &[&str] = &[
    "No [NEEDS CLARIFICATION] markers remain",
    "Success criteria are measurable",
    "No implementation details (languages, frameworks, APIs)",
    "Requirements are testable and unambiguous",
];

/// The parts of seed 003's Temporal Logic Constraints section: heading and table header
/// (the deadlock analysis is prose).
const TEMPORAL_PARTS: &[(&str, Option<&str>)] = &[
    (
        "Sequence Constraints",
        Some("| Constraint | Type | Rationale |"),
    ),
    (
        "Mutual Exclusion",
        Some("| Resource | Conflict | Resolution |"),
    ),
    (
        "Liveness Requirements",
        Some("| Requirement | Trigger | Deadline |"),
    ),
    (
        "Atomicity Requirements",
        Some("| Operation | Steps | Rollback |"),
    ),
    ("Deadlock Analysis", None),
];

/// Rows of those tables: the template's placeholder row, its example rows, real ones.
const TEMPORAL_ROWS: &[&str] = &[
    "| [Constraint] | [Type] | [Why] |",
    "| Auth middleware MUST be deployed before protected routes | sequence | security |",
    "| Payment + order creation | atomic | consistency |",
    "| T1 before T2 | sequence | the schema comes first |",
    "| None identified | | |",
];

/// A Temporal Logic Constraints section with some of its parts, tables of zero to two rows.
fn temporal_logic(u: &mut Unstructured<'_>, lines: &mut Vec<String>) -> Result<()> {
    lines.push(String::new());
    lines.push("## Temporal Logic Constraints".into());
    for (name, header) in TEMPORAL_PARTS {
        if !u.ratio(3, 4)? {
            continue;
        }
        lines.push(String::new());
        lines.push(format!("### {name}"));
        lines.push(String::new());
        match header {
            Some(h) => {
                lines.push(h.to_string());
                lines.push("|---|---|---|".into());
                for _ in 0..u.int_in_range(0..=2u8)? {
                    lines.push(pick(u, TEMPORAL_ROWS)?.into());
                }
            }
            None => {
                let mut p = String::new();
                words(u, &mut p, 12)?;
                lines.push(p);
            }
        }
    }
    Ok(())
}

/// A document at a path of [`PATHS`], with a forced kind now and then.
pub fn document(u: &mut Unstructured<'_>) -> Result<GenDoc> {
    let path = pick(u, PATHS)?.to_string();
    let kind = if u.ratio(1, 8)? {
        Some(*u.choose(Kind::ALL)?)
    } else {
        None
    };
    let text = document_text(u)?;
    Ok(GenDoc { path, kind, text })
}

/// One to four documents of one feature folder (and now and then one elsewhere), each at a
/// distinct path.
pub fn folder(u: &mut Unstructured<'_>) -> Result<Vec<GenDoc>> {
    let family = u.int_in_range(0..=4u8)?;
    let candidates: Vec<&str> = PATHS
        .iter()
        .copied()
        .filter(|p| match family {
            0 => p.starts_with("specs/active/"),
            1 => p.starts_with("specs/001-"),
            2 => p.starts_with(".kiro/"),
            3 => p.starts_with("openspec/"),
            _ => true,
        })
        .collect();
    let n = u.int_in_range(1..=4usize)?;
    let mut docs: Vec<GenDoc> = Vec::new();
    for _ in 0..n {
        let path = pick(u, &candidates)?;
        if docs.iter().any(|d| d.path == path) {
            continue;
        }
        let text = document_text(u)?;
        docs.push(GenDoc {
            path: path.to_string(),
            kind: None,
            text,
        });
    }
    Ok(docs)
}

// ------------------------------------------------------------------ fuzz entry points
// (They use `crate::invariants`: a caller includes both files.)

/// Target `doc`: a generated document, linted and fixed with every invariant of the raw
/// targets (ranges, positions, suppressions, fix passes).
pub fn doc_input(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(doc) = document(&mut u) else { return };
    let config = specmark::Config::default();
    let opts = specmark::LintOptions {
        path: Some(&doc.path),
        kind: doc.kind,
        config: &config,
    };
    // The lint and fix invariants on the fixing's own lints; unsafe fixes on half the inputs.
    let unsafe_too = data.first().is_some_and(|b| b & 1 == 1);
    crate::invariants::check_fix(&doc.text, &opts, unsafe_too);
}

/// Target `diff`: a generated feature folder; each document linted alone, then two of the
/// relations chosen by the input's first byte (the checks cost about two lints per
/// document instead of six): one document (chosen) alone vs as a one-file workspace and
/// before vs after one pass of its safe fixes (`check_alone_vs_workspace`,
/// `check_fix_locality`), and the folder linted together, as a folder or (half the
/// inputs) as part of a repository the host lists completely, against the documents alone.
pub fn diff_input(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(docs) = folder(&mut u) else { return };
    if docs.is_empty() {
        return;
    }
    let files: Vec<(String, String)> = docs
        .iter()
        .map(|d| (d.path.clone(), d.text.clone()))
        .collect();
    let selector = data.first().copied().unwrap_or(0);
    let chosen = usize::from(selector >> 1) % files.len();
    // The folder in a repository the host lists completely (`.git` among the paths, as the
    // CLI does at a repository root): the rules that need the whole tree run too.
    let complete = selector & 1 == 1;
    let mut known: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    if complete {
        known.extend([
            ".git".to_string(),
            "src/app.py".to_string(),
            "app/api/other.ts".to_string(),
        ]);
    }
    crate::invariants::check_alone_vs_workspace(&files, chosen, known, complete);
    let config = specmark::Config::default();
    let d = &docs[chosen];
    let opts = specmark::LintOptions {
        path: Some(&d.path),
        kind: None,
        config: &config,
    };
    crate::invariants::check_fix_locality(&d.text, &opts);
}
