//! `empty-section`: a heading with nothing under it, and task-list phases without tasks.

use crate::rules::prelude::*;
use crate::rules::sections::{self, Wanted};
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Reports a section whose body has no content: nothing but whitespace, HTML comments
    /// and thematic breaks (`---`), or only sub-sections that are empty themselves. Only
    /// the outermost empty section is reported. A heading followed directly by sub-headings
    /// with content is not empty, and neither is a section holding a table, a list, a code
    /// block or a placeholder (placeholders are `unfilled-placeholder`'s business).
    ///
    /// Not reported: a closing heading with nothing after it (`## Notes` as an open slot,
    /// `## Completed: 2026-01-01` carrying its own statement) unless the template requires
    /// that section; a label line over the real title (`# Product Requirements Document`
    /// directly followed by `# Onomancer Bot`); the last YAML line of front matter that a
    /// blank line after the opening `---` made Markdown read as a setext heading.
    ///
    /// In task lists (GOE, Spec Kit, Kiro, goal-kit), a phase heading ("Phase 9: ...",
    /// "Implementation for User Story 7", "Stage", "Milestone", "Sprint") that holds no task
    /// while at least two other phases of the same heading level do is an empty phase, even
    /// when it keeps its Goal / Checkpoint lines. Phases marked optional, future, deferred or
    /// backlog are left alone.
    ///
    /// ## Why
    /// An empty section promises content that is not there. In a required section ("##
    /// Acceptance Criteria" with nothing under it) it silently defeats `missing-section`; in
    /// a task list an empty phase is work that was planned and then lost (Spec Kit
    /// regenerations often drop a user story's tasks and keep its headings).
    ///
    /// ## Example
    /// ```markdown
    /// ## Testing Strategy
    ///
    /// <!-- fill in -->
    ///
    /// ## Acceptance Criteria
    /// ```
    ///
    /// ## How to fix
    /// Write the section's content, or delete the heading if the section does not apply.
    pub static RULE = {
        code: "SM003",
        name: "empty-section",
        summary: "A section or phase with no content",
        category: Category::Completeness,
        tags: &["generic", "template"],
        kinds: &[],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

/// Titles of task-list sections that group tasks: a phase word and its number
/// ("Phase 9: ...", "Implementation for User Story 7"), not "Phase Dependencies".
static PHASE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:implementation for |tasks for )?(?:phase|stage|milestone|sprint|user story|story|us)\s*(?:\d+|[a-z]|[ivx]+)\b",
    )
    .expect("static regex")
});

/// Words that mark a phase as intentionally without tasks.
const PHASE_EXEMPT: &[&str] = &[
    "optional",
    "future",
    "deferred",
    "backlog",
    "later",
    "out of scope",
];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let n = doc.sections.len();
    // Children come after their parent, so one reverse pass settles emptiness bottom-up.
    let mut empty = vec![false; n];
    for i in (1..n).rev() {
        empty[i] = !sections::own_body_has_content(doc, i)
            && doc.sections[i].children.iter().all(|&c| empty[c]);
    }
    let required: Vec<Wanted> = sections::flavor(doc)
        .map(|f| {
            f.default_required()
                .iter()
                .map(|s| Wanted::parse(s))
                .collect()
        })
        .unwrap_or_default();
    // The last YAML line of unparsed front matter reads as a setext heading.
    let yaml_end = sections::unparsed_front_matter_end(doc).unwrap_or(0);
    for i in 1..n {
        let s = &doc.sections[i];
        let parent_empty = s.parent.is_some_and(|p| p != 0 && empty[p]);
        if !empty[i] || parent_empty {
            continue;
        }
        let Some(h) = s.heading.and_then(|h| doc.headings.get(h)) else {
            continue;
        };
        if h.range.start < yaml_end {
            continue;
        }
        let norm = &s.norm_title;
        let required = required.iter().any(|w| w.matches_strictly(norm));
        // A label line over the real title ("# Product Requirements Document (PRD)" then
        // "# Onomancer Bot"), and a closing heading that carries its own statement
        // ("## Completed: 2026-01-01") or an open slot ("## Notes") are not holes.
        let kicker = i == 1
            && s.level == 1
            && s.children.is_empty()
            && doc.sections.get(2).is_some_and(|n| n.level == 1);
        let trailing = !required
            && doc
                .text(&(s.range.end..doc.source.len()))
                .trim_start()
                .is_empty();
        if kicker || trailing || states_itself(&s.title) {
            continue;
        }
        let what = if required {
            "required section"
        } else {
            "section"
        };
        out.push(
            cx.diag(h.range.clone(), format!("{what} \"{}\" is empty", s.title))
                .with_help("write its content, or delete the heading if it does not apply"),
        );
    }
    if doc.kind.is_task_list() {
        empty_phases(cx, &empty, out);
    }
}

/// A heading that is a statement, not a title over content: it ends a sentence
/// ("### 結論: Constitution Check PASS。追加の正当化は不要。") or gives a value after a label
/// ("### Total Estimated Time: **9-13 days**"). Numbered titles ("Phase 3: User Story 1")
/// are titles.
fn states_itself(title: &str) -> bool {
    let t = title.trim();
    if t.ends_with(['。', '！', '!']) || (t.ends_with('.') && t.split_whitespace().count() >= 4) {
        return true;
    }
    let Some((label, value)) = t.split_once(':').or_else(|| t.split_once('：')) else {
        return false;
    };
    let label = label.trim().to_lowercase();
    const TITLE_WORDS: &[&str] = &[
        "phase",
        "stage",
        "step",
        "story",
        "milestone",
        "sprint",
        "part",
        "chapter",
        "section",
        "task",
        "epic",
        "week",
        "day",
        "iteration",
        "us",
        "fr",
        "requirement",
        "checkpoint",
    ];
    let titled = label.split(|c: char| !c.is_alphanumeric()).any(|w| {
        TITLE_WORDS.contains(&w) || w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty()
    });
    !titled && value.chars().any(|c| c.is_ascii_digit())
}

/// A phase whose tasks are written in another way than the task model reads: plain bullets
/// that start with a task id (`- Task 1.1: Set up CI (4h)`, a summary list), or ids of
/// tasks written elsewhere in the document (`T001-T004`, detailed later as `### T001`).
fn lists_tasks_otherwise(doc: &Document<'_>, i: usize) -> bool {
    let s = &doc.sections[i];
    let body = doc.text(&s.body_range);
    let bullet_with_id = doc
        .list_items
        .iter()
        .filter(|li| {
            li.task.is_none() && s.range.start <= li.range.start && li.range.end <= s.range.end
        })
        .any(|li| {
            let t = doc.text(&li.range);
            let t = t.trim_start_matches(|c: char| {
                c == '-' || c == '*' || c == '+' || c.is_whitespace()
            });
            let t = t
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start_matches(['.', ')'])
                .trim_start();
            crate::document::id_at_start(t, 0).is_some() || t.starts_with("Task ")
        });
    bullet_with_id
        || crate::document::extract_task_refs(body, s.body_range.start)
            .iter()
            .any(|r| !doc.tasks_with_id(&r.id).is_empty())
}

/// Phase sections without tasks while other phases of the same level have some.
fn empty_phases(cx: &Context<'_>, empty: &[bool], out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let mut task_starts: Vec<usize> = doc.tasks.iter().map(|t| t.range.start).collect();
    crate::sort::sort(&mut task_starts);
    let n = doc.sections.len();
    let mut phase = vec![false; n];
    let mut tasks = vec![0usize; n];
    let mut with_tasks_per_level = [0usize; 7];
    for i in 1..n {
        let s = &doc.sections[i];
        let norm = &s.norm_title;
        phase[i] = PHASE_TITLE.is_match(norm)
            && !PHASE_EXEMPT
                .iter()
                .any(|w| sections::contains_words(norm, w));
        let lo = task_starts.partition_point(|&t| t < s.range.start);
        let hi = task_starts.partition_point(|&t| t < s.range.end);
        tasks[i] = hi - lo;
        if phase[i] && tasks[i] > 0 {
            with_tasks_per_level[usize::from(s.level.min(6))] += 1;
        }
    }
    let candidate: Vec<bool> = (0..n)
        .map(|i| {
            i > 0
                && phase[i]
                && tasks[i] == 0
                && !empty[i]
                && with_tasks_per_level[usize::from(doc.sections[i].level.min(6))] >= 2
                && !lists_tasks_otherwise(doc, i)
        })
        .collect();
    // Report the innermost candidates: a phase whose sub-phases are reported is covered.
    let mut has_candidate_below = vec![false; n];
    for i in (1..n).rev() {
        if candidate[i] || has_candidate_below[i] {
            if let Some(p) = doc.sections[i].parent {
                has_candidate_below[p] = true;
            }
        }
    }
    for i in 1..n {
        if !candidate[i] || has_candidate_below[i] {
            continue;
        }
        let s = &doc.sections[i];
        let inside_empty = std::iter::successors(s.parent, |&p| doc.sections[p].parent)
            .any(|p| p != 0 && empty[p]);
        let Some(h) = s.heading.and_then(|h| doc.headings.get(h)) else {
            continue;
        };
        if inside_empty {
            continue;
        }
        out.push(
            cx.diag(
                h.range.clone(),
                format!(
                    "phase \"{}\" lists no tasks, while other phases do",
                    s.title
                ),
            )
            .with_help(
                "add the phase's tasks, or delete the phase (or mark it optional or deferred in its heading)",
            ),
        );
    }
}
