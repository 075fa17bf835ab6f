//! `status-contradiction`: a status the document states that its own task states deny.

use crate::document::{MetaLine, Task};
use crate::rules::prelude::*;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Compares what a document says about its progress with its checkboxes:
    /// - the document's **Status** (header metadata or front matter) says Complete / Done
    ///   while tasks are still open;
    /// - a heading marked done (`### Phase 1 ✅`, `## Phase 2 ✓`, `COMPLETE`, `(Complete)`,
    ///   `(Done)`) has unchecked tasks under it;
    /// - a progress table row says "Not started" for a phase whose tasks are checked;
    /// - the Status says "Ready for Implementation", "Planning" or "Not started" while every
    ///   task is checked.
    ///
    /// Open items that say they are deferred, optional, future work or low priority
    /// (`(P2)`), optional Kiro tasks `- [ ]*`, and items in sections titled that way make
    /// the finding a warning instead of an error. The document-level Status checks apply to
    /// task lists (GOE, phase, goal-kit, Kiro, Spec Kit) and recovery notes, where the
    /// status describes the work; in a PRD or a research note it describes the document.
    ///
    /// ## Why
    /// A reader trusts a ✅ or a "Complete" status and skips the section; an agent resuming
    /// the work picks the wrong next task. Either the status or the checkboxes are stale.
    ///
    /// ## Example
    /// ```markdown
    /// ### Phase 4: Documentation & Validation ✅
    /// - [x] Update README.md
    /// - [ ] Commit changes
    /// - [ ] Verify CI passes
    /// ```
    ///
    /// ## How to fix
    /// Check the boxes of the work that is done, mark deferred items as deferred, or correct
    /// the status.
    pub static RULE = {
        code: "SM011",
        name: "status-contradiction",
        summary: "Status or done marker contradicted by the task checkboxes",
        category: Category::Consistency,
        tags: &["generic", "tasks"],
        kinds: &[],
        severity: Severity::Error,
        fixable: false,
        options: &[],
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    if !doc.tasks.iter().any(|t| t.source == TaskSource::Checkbox) {
        return;
    }
    if doc.kind.is_task_list() || doc.kind == Kind::Recovery {
        document_status(cx, out);
    }
    done_headings(cx, out);
    progress_rows(cx, out);
}

fn checkboxes<'d, 'a>(doc: &'d Document<'a>) -> impl Iterator<Item = &'d Task<'a>> {
    doc.tasks
        .iter()
        .filter(|t| t.source == TaskSource::Checkbox)
}

/// Sorted start offsets of the checkbox tasks, with whether each is checked.
fn checkbox_starts(doc: &Document<'_>) -> Vec<(usize, bool)> {
    let mut v: Vec<(usize, bool)> = checkboxes(doc)
        .map(|t| (t.range.start, t.state == TaskState::Done))
        .collect();
    crate::sort::sort(&mut v);
    v
}

/// Checkbox tasks starting inside `range`.
fn count_in(starts: &[(usize, bool)], range: &Range<usize>) -> usize {
    starts.partition_point(|(s, _)| *s < range.end)
        - starts.partition_point(|(s, _)| *s < range.start)
}

/// Checked tasks starting inside `range` (`done_prefix[i]` = checked among the first `i`).
fn done_in(starts: &[(usize, bool)], done_prefix: &[usize], range: &Range<usize>) -> usize {
    let hi = starts.partition_point(|(s, _)| *s < range.end);
    let lo = starts.partition_point(|(s, _)| *s < range.start);
    done_prefix[hi] - done_prefix[lo]
}

fn is_open(t: &Task) -> bool {
    matches!(t.state, TaskState::Open | TaskState::InProgress)
}

/// Words that say an open item is not expected to be done yet.
static DEFERRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)defer(?:red)?(?-u:\b)|(?-u:\b)optional(?-u:\b)|(?-u:\b)future(?-u:\b)|(?-u:\b)later(?-u:\b)|(?-u:\b)post-mvp(?-u:\b)|(?-u:\b)out of scope(?-u:\b)|(?-u:\b)nice[- ]to[- ]have(?-u:\b)|(?-u:\b)follow[- ]up(?-u:\b)|(?-u:\b)backlog(?-u:\b)|\(p[2-4]\)|(?-u:\b)stretch(?-u:\b)|(?-u:\b)if time(?-u:\b)|(?-u:\b)not needed(?-u:\b)",
    )
    .expect("static regex")
});

/// Sections whose own heading or an ancestor's says the work is deferred ("Future Work",
/// "Phase 5 (Optional)"). Parents come before children, so one pass suffices.
fn deferred_sections(doc: &Document<'_>) -> Vec<bool> {
    let mut out = vec![false; doc.sections.len()];
    for i in 1..doc.sections.len() {
        let s = &doc.sections[i];
        out[i] = s.parent.is_some_and(|p| out[p]) || DEFERRED.is_match(&s.title);
    }
    out
}

/// Whether an open task is deferred: it is optional, its text says so, or its section does.
fn deferred(deferred_sections: &[bool], t: &Task) -> bool {
    t.optional
        || deferred_sections.get(t.section).copied().unwrap_or(false)
        || DEFERRED.is_match(&t.title)
}

/// "3 tasks are open (line 12: `Commit changes`)".
fn describe_open(doc: &Document<'_>, open: &[&Task], of: Option<usize>) -> String {
    let first = open[0];
    let line = doc.line_index.line_of(first.range.start) + 1;
    let title: String = first.title.chars().take(60).collect();
    let count = match (of, open.len()) {
        (Some(total), n) => format!("{n} of its {total} tasks are open"),
        (None, 1) => "1 task is open".to_string(),
        (None, n) => format!("{n} tasks are open"),
    };
    format!("{count} (line {line}: `{title}`)")
}

fn severity_for(deferred_sections: &[bool], open: &[&Task]) -> Severity {
    if open.iter().all(|t| deferred(deferred_sections, t)) {
        Severity::Warning
    } else {
        Severity::Error
    }
}

// ---------------------------------------------------------------------------------------
// The document's Status

/// The Status of the document itself: a `Status:` line before the first section heading
/// (below the title), or `status:` in the front matter.
fn status_line(doc: &Document<'_>) -> Option<(String, Range<usize>)> {
    let header_end = doc
        .headings
        .iter()
        .find(|h| h.level >= 2)
        .map_or(doc.source.len(), |h| h.range.start);
    let meta: Option<&MetaLine> = doc.meta("status").find(|m| m.line_range.start < header_end);
    if let Some(m) = meta {
        return Some((m.value.to_string(), m.value_range.clone()));
    }
    let fm = doc.front_matter.as_ref()?;
    let text = doc.text(&fm.range);
    let mut at = fm.range.start;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if let Some(v) = line.trim_end().strip_prefix("status:") {
            let value = v.trim().trim_matches(['"', '\'']);
            if !value.is_empty() {
                let off = start + line.find(value).unwrap_or(0);
                return Some((value.to_string(), off..off + value.len()));
            }
        }
    }
    None
}

/// The status with markup, emoji and punctuation removed, lowercase.
fn plain_status(value: &str) -> String {
    let s: String = value
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || c == '-' {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

static DONE_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:implementation|feature|work|development|all tasks)\s+)?(?:complete|completed|done|finished|implemented|shipped|released|delivered|merged)(?-u:\b)",
    )
    .expect("static regex")
});

static NOT_STARTED_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:ready for implementation|ready for development|ready to implement|ready to start|planning|planned|in planning|not started|not yet started|to do|todo|pending)(?-u:\b)",
    )
    .expect("static regex")
});

fn document_status(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let Some((value, range)) = status_line(doc) else {
        return;
    };
    let status = plain_status(&value);
    // The value as written, without a trailing comment.
    let shown: String = value
        .split("<!--")
        .next()
        .unwrap_or("")
        .trim()
        .chars()
        .take(60)
        .collect();
    let tasks: Vec<&Task> = checkboxes(doc).collect();
    let open: Vec<&Task> = tasks
        .iter()
        .copied()
        .filter(|t| is_open(t) && !t.optional)
        .collect();
    if DONE_STATUS.is_match(&status) && !open.is_empty() {
        out.push(
            cx.diag(
                range,
                format!(
                    "Status says `{shown}` but {}",
                    describe_open(doc, &open, None)
                ),
            )
            .with_severity(severity_for(&deferred_sections(doc), &open))
            .with_help(
                "check the finished tasks, mark deferred ones as deferred, or correct the status",
            ),
        );
    } else if NOT_STARTED_STATUS.is_match(&status)
        && !COMPLETE_WORD.is_match(&status)
        && open.is_empty()
        && tasks.iter().filter(|t| t.state == TaskState::Done).count() >= 3
    {
        let done = tasks.iter().filter(|t| t.state == TaskState::Done).count();
        out.push(
            cx.diag(
                range,
                format!(
                    "Status says `{shown}` but all {done} tasks are checked; update the status"
                ),
            )
            .with_help("a finished task list should say Complete (or what is left to do)"),
        );
    }
}

/// "Planning Complete" says a stage is over, not that work has not started.
static COMPLETE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:complete|completed|done|finished)(?-u:\b)").expect("static regex")
});

// ---------------------------------------------------------------------------------------
// Headings marked done

/// A done mark at the end of a heading (`Phase 1 ✅`, `Phase 1 ✅ COMPLETE`), before a
/// phase-like label (`✅ Phase 1`), or a status word (`(Complete)`, `COMPLETED`, `- Done`).
static HEADING_DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        [✅✓✔☑]\u{FE0F}?\s*(?:\(?(?-u:\b)(?:COMPLETE|COMPLETED|DONE|IMPLEMENTED)(?-u:\b)\)?)?\s*$
      | ^[✅✓✔☑]\u{FE0F}?\s*(?:Phase|Task|Step|Stage|Milestone|Sprint|Part|\d)
      | \((?i:complete|completed|done|implemented|finished)\)
      | (?-u:\b)(?:COMPLETE|COMPLETED|DONE)(?-u:\b)
      | [-–—:]\s*(?i:complete|completed|done)\s*$
        ",
    )
    .expect("static regex")
});

/// Whether a heading says its section is done. Headings written in capitals ("DONE
/// CRITERIA") do not count their capital words.
fn heading_done(title: &str) -> bool {
    let t = title.trim();
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    if letters.len() >= 6 && upper * 4 >= letters.len() * 3 {
        // Shouting heading: only a trailing mark counts.
        return t
            .trim_end_matches('\u{FE0F}')
            .ends_with(['✅', '✓', '✔', '☑']);
    }
    may_be_done(t) && HEADING_DONE.is_match(t)
}

/// What every match of [`HEADING_DONE`] needs: a check mark, a capital status word, a
/// parenthesis, or a title ending in a status word.
fn may_be_done(t: &str) -> bool {
    let ends_with_ci = |w: &str| {
        t.len() >= w.len()
            && t.is_char_boundary(t.len() - w.len())
            && t[t.len() - w.len()..].eq_ignore_ascii_case(w)
    };
    t.contains(['✅', '✓', '✔', '☑', '('])
        || t.contains("COMPLETE")
        || t.contains("DONE")
        || ends_with_ci("complete")
        || ends_with_ci("completed")
        || ends_with_ci("done")
}

fn done_headings(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let marked: Vec<bool> = doc
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| i > 0 && s.level >= 2 && heading_done(&s.title))
        .collect();
    if !marked.contains(&true) {
        return;
    }
    // Each open task belongs to its innermost section marked done.
    let mut open_tasks: Vec<(usize, &Task)> = Vec::new();
    for t in checkboxes(doc).filter(|t| is_open(t)) {
        let mut s = Some(t.section);
        while let Some(i) = s {
            if marked[i] {
                open_tasks.push((i, t));
                break;
            }
            s = doc.sections[i].parent;
        }
    }
    let groups = crate::sort::grouped(open_tasks);
    let starts = checkbox_starts(doc);
    let deferred_sections = deferred_sections(doc);
    for (section, open) in groups {
        let sec = &doc.sections[section];
        let Some(h) = sec.heading.and_then(|h| doc.headings.get(h)) else {
            continue;
        };
        let total = count_in(&starts, &sec.range);
        let title: String = h.text.chars().take(80).collect();
        out.push(
            cx.diag(
                h.range.clone(),
                format!(
                    "`{title}` is marked done but {}",
                    describe_open(doc, &open, Some(total))
                ),
            )
            .with_severity(severity_for(&deferred_sections, &open))
            .with_help(
                "check the finished tasks, mark deferred ones as deferred, or remove the done mark",
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------
// Progress tables

static PHASE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:phase|stage|milestone|sprint)\s+(\d+(?:\.\d+)?)(?-u:\b)")
        .expect("static regex")
});

/// Sections by "Phase N" number and by normalized title (first one wins).
struct PhaseIndex {
    by_number: HashMap<String, usize>,
    by_title: HashMap<String, usize>,
}

impl PhaseIndex {
    fn new(doc: &Document<'_>) -> Self {
        let mut by_number = HashMap::new();
        let mut by_title = HashMap::new();
        for (i, s) in doc.sections.iter().enumerate().skip(1) {
            if let Some(n) = PHASE_NUMBER.captures(&s.title).and_then(|c| c.get(1)) {
                by_number.entry(n.as_str().to_string()).or_insert(i);
            }
            by_title.entry(s.norm_title.clone()).or_insert(i);
        }
        PhaseIndex {
            by_number,
            by_title,
        }
    }

    /// The section a progress-table row names: the same "Phase N", else the same title.
    fn find(&self, name: &str) -> Option<usize> {
        match PHASE_NUMBER.captures(name).and_then(|c| c.get(1)) {
            Some(n) => self.by_number.get(n.as_str()).copied(),
            None => {
                let norm = text::normalize_heading(name);
                (!norm.is_empty())
                    .then(|| self.by_title.get(&norm).copied())
                    .flatten()
            }
        }
    }
}

/// The sections by phase, and the checkbox tasks with how many are checked up to each.
struct Checked {
    phases: PhaseIndex,
    starts: Vec<(usize, bool)>,
    done_prefix: Vec<usize>,
}

impl Checked {
    fn new(doc: &Document<'_>) -> Self {
        let starts = checkbox_starts(doc);
        let mut done_prefix = vec![0usize; starts.len() + 1];
        for (i, (_, done)) in starts.iter().enumerate() {
            done_prefix[i + 1] = done_prefix[i] + usize::from(*done);
        }
        Checked {
            phases: PhaseIndex::new(doc),
            starts,
            done_prefix,
        }
    }
}

fn progress_rows(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    if doc.tables.is_empty() {
        return;
    }
    // Built at the first row that says "not started" (most documents have none).
    let mut index: Option<Checked> = None;
    for table in &doc.tables {
        let Some(status_col) = table.column(&["status", "state", "progress"]) else {
            continue;
        };
        let name_col = table
            .column(&["phase", "stage", "milestone", "sprint", "step"])
            .unwrap_or(0);
        if name_col == status_col {
            continue;
        }
        for row in &table.rows {
            let (Some(name), Some(status)) = (row.cells.get(name_col), row.cells.get(status_col))
            else {
                continue;
            };
            let st = plain_status(&status.text);
            if !(st.contains("not started") || st.contains("not yet started")) {
                continue;
            }
            let index = index.get_or_insert_with(|| Checked::new(doc));
            let Some(section) = index.phases.find(&name.text) else {
                continue;
            };
            let done = done_in(
                &index.starts,
                &index.done_prefix,
                &doc.sections[section].range,
            );
            if done == 0 {
                continue;
            }
            let verb = if done == 1 { "is" } else { "are" };
            out.push(
                cx.diag(
                    status.range.clone(),
                    format!(
                        "progress table says `{}` is `{}` but {done} of its tasks {verb} checked",
                        name.text, status.text
                    ),
                )
                .with_help("update the row's status (and its counts) to match the checkboxes"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn done_headings_are_recognized() {
        for yes in [
            "Phase 1: Test Organization ✅",
            "Phase 1: Core Architecture (Foundation) ✅ COMPLETE",
            "1.5 Vite Executor (Sidecar Mode) ✅",
            "Phase 1: Planning & Research ✓",
            "1. DECIMAL Type Handling in Fetch (COMPLETED)",
            "Phase 2 (Done)",
            "✅ Phase 3: Polish",
            "Phase 4 - Complete",
        ] {
            assert!(heading_done(yes), "{yes}");
        }
        for no in [
            "✅ Acceptance Criteria",
            "Definition of Done",
            "Done Criteria",
            "DEFINITION OF DONE",
            "Complete Guide to Setup",
            "Phase 2: Dual Mode System",
            "Completed",
        ] {
            assert!(!heading_done(no), "{no}");
        }
    }

    fn findings(src: &str, path: &str) -> Vec<(usize, Severity)> {
        let config = crate::Config::default();
        let opts = crate::LintOptions {
            path: Some(path),
            kind: None,
            config: &config,
        };
        let linted = crate::lint(src, &opts);
        linted
            .diagnostics
            .iter()
            .filter(|d| d.name == "status-contradiction")
            .map(|d| (linted.doc.line_index.line_of(d.range.start) + 1, d.severity))
            .collect()
    }

    #[test]
    fn deferred_items_make_a_warning() {
        let src = "# Tasks\n\n## Phase 1 ✅\n- [x] a\n- [ ] b (deferred)\n- [ ]* c\n\n\
                   ## Phase 2 ✅\n- [x] d\n- [ ] e\n\n\
                   ## Phase 3 ✅\n- [x] f\n\n### Future Work\n- [ ] g\n";
        assert_eq!(
            findings(src, "specs/active/x/tasks.md"),
            vec![
                (3, Severity::Warning),
                (8, Severity::Error),
                (12, Severity::Warning)
            ]
        );
    }

    #[test]
    fn document_status_only_for_task_lists_and_recovery() {
        let src = "# Doc\n\n**Status**: Done\n\n## Work\n- [x] a\n- [ ] b\n";
        assert_eq!(
            findings(src, "specs/active/x/tasks.md"),
            vec![(3, Severity::Error)]
        );
        assert_eq!(
            findings(src, "specs/active/x/recovery.md"),
            vec![(3, Severity::Error)]
        );
        assert!(findings(src, "specs/active/x/prd.md").is_empty());
        assert!(findings(src, "specs/active/x/research/analysis.md").is_empty());
    }

    #[test]
    fn statuses() {
        let done = |s: &str| DONE_STATUS.is_match(&plain_status(s));
        assert!(done("Complete"));
        assert!(done("✅ COMPLETE (2025-01-02)"));
        assert!(done("Implementation done, tests passing"));
        assert!(!done("Planning Complete"));
        assert!(!done("In Progress - Phase 1 Complete"));
        let ns = |s: &str| {
            let p = plain_status(s);
            NOT_STARTED_STATUS.is_match(&p) && !COMPLETE_WORD.is_match(&p)
        };
        assert!(ns("Ready for Implementation"));
        assert!(ns("Planning"));
        assert!(!ns("Planning Complete"));
    }
}
