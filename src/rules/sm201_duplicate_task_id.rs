//! `duplicate-task-id`: two tasks share an id, so dependencies and progress notes that name
//! it are ambiguous.

use crate::document::Task;
use crate::rules::prelude::*;
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Reports a task id used by two tasks: checkbox items (`- [ ] T003 ...`,
    /// `- [ ] **Task 2.1**: ...`), heading tasks (`### 1.5 Title`) and goal-kit table rows
    /// (`| T-003 | ... |`). The message names the line of the first use.
    ///
    /// Not duplicates: a checkbox that restates the id of the heading task it sits under
    /// (`### 1.5 Config` followed by `- [ ] 1.5 Config`); plain numbers (`1.`, `2.`) that
    /// restart in another section or another list level; rows of two tables with different
    /// columns (a summary table listing tasks again).
    ///
    /// ## Why
    /// "Depends on T003", the dependency graph and "Current Focus: T003" all point at an id.
    /// When two tasks carry it, readers and tools cannot tell which one is meant, and
    /// progress counts go wrong. Duplicates usually come from copying a task or from merging
    /// two edits of the list.
    ///
    /// ## Example
    /// ```markdown
    /// - [x] T012 Create the user model
    /// - [ ] T013 Create the session model
    /// - [ ] T012 Add the login endpoint
    /// ```
    ///
    /// ## How to fix
    /// Give one of the tasks a new id and update the references to it.
    pub static RULE = {
        code: "SM201",
        name: "duplicate-task-id",
        summary: "Two tasks share the same id",
        category: Category::Consistency,
        tags: &["tasks", "goal-kit"],
        kinds: Kind::TASK_LISTS,
        severity: Severity::Error,
        fixable: false,
        options: &[],
        check: check,
    }
}

/// Where an id must be unique.
#[derive(Hash, PartialEq, Eq)]
enum Scope {
    /// Letter or dotted ids: the whole document.
    Document,
    /// Plain numbers (`1.`, `Task 3`): one list level of one section.
    List {
        parent: Option<usize>,
        section: usize,
    },
    /// Table rows: tables with the same columns.
    Table(String),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let mut order: Vec<usize> = (0..doc.tasks.len())
        .filter(|&i| doc.tasks[i].id.is_some())
        .collect();
    crate::sort::sort_by_key(&mut order, |&i| doc.tasks[i].range.start);
    let mut first: HashMap<(&str, Scope), usize> = HashMap::new();
    for i in order {
        let task = &doc.tasks[i];
        let Some(id) = &task.id else { continue };
        if restates_heading(doc, task, &id.text) {
            continue;
        }
        let key = (&*id.text, scope(doc, task, &id.text));
        match first.get(&key) {
            None => {
                first.insert(key, i);
            }
            Some(&f) => {
                let line = doc.line_index.line_of(doc.tasks[f].range.start) + 1;
                out.push(
                    cx.diag(
                        id.range.clone(),
                        format!(
                            "task id `{}` is already used on line {line}; each task needs its own id",
                            id.text
                        ),
                    )
                    .with_help("renumber one of the two tasks and update the references to it"),
                );
            }
        }
    }
}

/// A checkbox directly under a heading task with the same id is that task, not a second one.
fn restates_heading(doc: &Document<'_>, task: &Task, id: &str) -> bool {
    task.source == TaskSource::Checkbox
        && task.parent.is_some_and(|p| {
            let parent = &doc.tasks[p];
            parent.id.as_ref().is_some_and(|pid| pid.text == id)
        })
}

fn scope(doc: &Document<'_>, task: &Task, id: &str) -> Scope {
    if task.source == TaskSource::TableRow {
        return Scope::Table(table_signature(doc, task.range.start));
    }
    if id.bytes().all(|b| b.is_ascii_digit()) {
        // A heading task opens its own section: its numbering runs in the enclosing one.
        let section = match task.source {
            TaskSource::Heading => doc.sections[task.section].parent.unwrap_or(0),
            _ => task.section,
        };
        return Scope::List {
            parent: task.parent,
            section,
        };
    }
    Scope::Document
}

/// The normalized header of the table holding the row that starts at `offset`.
fn table_signature(doc: &Document<'_>, offset: usize) -> String {
    let i = doc.tables.partition_point(|t| t.range.start <= offset);
    i.checked_sub(1)
        .and_then(|i| doc.tables.get(i))
        .map(|t| {
            t.header
                .iter()
                .map(|c| text::normalize_heading(&c.text))
                .collect::<Vec<_>>()
                .join("|")
        })
        .unwrap_or_default()
}
