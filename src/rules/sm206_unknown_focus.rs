//! `unknown-focus`: "Current Focus" names a task that does not exist or is already done.

use crate::document::{extract_task_refs, IdCatalog, MetaLine};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks the task named by `**Current Focus**: A1` in a tasks.md, and by
    /// `- [ ] **Current focus**: A1: Implement ...` in a recovery.md, against the task list:
    /// the task must exist and must not be checked off already. A recovery.md is checked
    /// against the tasks.md of the same `specs/active/<slug>/` folder (workspace mode);
    /// without one nothing is reported.
    ///
    /// Only the ids at the start of the focus are read (up to the first `:`, ` - ` or `(`),
    /// and only ids shaped like the task list's own. Template text such as
    /// `[Task ID currently being worked on]` is left to `unfilled-placeholder`.
    ///
    /// ## Why
    /// The focus line is where the next session starts. Pointing it at a renamed or finished
    /// task sends the reader (or the agent) to the wrong work.
    ///
    /// ## Example
    /// ```markdown
    /// - [x] **A1**: Implement the adapter
    /// - [ ] **A2**: Update the column mapping
    ///
    /// **Current Focus**: A1
    /// ```
    ///
    /// ## How to fix
    /// Point the focus at the task being worked on now.
    pub static RULE = {
        code: "SM206",
        name: "unknown-focus",
        summary: "Current Focus names a missing or finished task",
        category: Category::Consistency,
        tags: &["tasks", "recovery"],
        kinds: &[Kind::Tasks, Kind::Recovery],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

const FOCUS_KEYS: &[&str] = &["current focus", "current task"];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let focus: Vec<&MetaLine> = doc
        .metadata
        .iter()
        .filter(|m| FOCUS_KEYS.contains(&&*m.key))
        .collect();
    if focus.is_empty() {
        return;
    }
    let siblings = cx.siblings();
    let (tasks_doc, place) = if doc.kind == Kind::Recovery {
        let Some(t) = siblings
            .iter()
            .copied()
            .filter(|d| d.kind.is_task_list())
            .min_by_key(|d| !d.path.as_deref().is_some_and(|p| p.ends_with("tasks.md")))
        else {
            return;
        };
        (t, "tasks.md")
    } else {
        (doc, "this document")
    };
    let catalog = IdCatalog::new(tasks_doc);
    for m in focus {
        check_line(cx, tasks_doc, &catalog, place, m, out);
    }
}

fn check_line(
    cx: &Context<'_>,
    tasks_doc: &Document<'_>,
    catalog: &IdCatalog,
    place: &str,
    m: &MetaLine,
    out: &mut Vec<Diagnostic>,
) {
    let value = m.value;
    let trimmed = value.trim_start_matches(['*', '_', '`', '"', ' ']);
    // Template text is another rule's business.
    if trimmed.is_empty() || trimmed.starts_with(['[', '{', '<']) {
        return;
    }
    let lead_end = lead_end(value);
    for r in extract_task_refs(&value[..lead_end], m.value_range.start) {
        if !catalog.has_shape(&r.id) {
            continue;
        }
        let message = match tasks_doc.tasks_with_id(&r.id).first() {
            None => {
                let near = catalog.nearest(&r.id);
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    format!(" (nearest ids: {})", near.join(", "))
                };
                format!(
                    "Current Focus names {}, which is not a task in {place}{hint}",
                    r.id
                )
            }
            Some(&i) if tasks_doc.tasks[i].state == TaskState::Done => format!(
                "Current Focus names {}, which is already checked off in {place}",
                r.id
            ),
            Some(_) => continue,
        };
        out.push(
            cx.diag(r.range.clone(), message)
                .with_help("point Current Focus at the task being worked on now"),
        );
    }
}

/// Where the id part of a focus value ends: at `:`, ` - `, ` – `, ` — ` or `(`.
fn lead_end(value: &str) -> usize {
    let mut end = value.len();
    for pat in [":", " - ", " – ", " — ", "("] {
        if let Some(i) = value.find(pat) {
            end = end.min(i);
        }
    }
    end
}
