//! `done-before-dependency`: a task is checked off while a task it depends on is still open.

use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports a checked task (`[x]`, `[X]`) whose dependency is still unchecked (`[ ]`,
    /// or in progress `[-]`, `[~]`, `[/]`). A heading task counts as done when all its
    /// checkboxes are. Optional tasks (`- [ ]*`) may stay open: depending on one is not
    /// reported. Tasks without a checkbox (table rows) have no state and are skipped.
    ///
    /// ## Why
    /// Either the dependency was finished and nobody ticked it, so the progress numbers are
    /// wrong, or the dependent task was ticked too early. Both mislead the next session.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] T003 Create the schema
    /// - [x] T004 Seed the tables (depends on T003)
    /// ```
    ///
    /// ## How to fix
    /// Tick the dependency if it is done, or untick the dependent task.
    pub static RULE = {
        code: "SM204",
        name: "done-before-dependency",
        summary: "A checked task depends on an unchecked one",
        category: Category::Consistency,
        tags: &["tasks", "dependencies"],
        kinds: Kind::TASK_LISTS,
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    for (i, task) in doc.tasks.iter().enumerate() {
        if task.state != TaskState::Done {
            continue;
        }
        let mut reported: Vec<usize> = Vec::new();
        for d in &task.deps {
            let Some(&j) = doc.tasks_with_id(&d.id).first() else {
                continue;
            };
            let dep = &doc.tasks[j];
            let open = matches!(dep.state, TaskState::Open | TaskState::InProgress);
            if j == i || !open || dep.optional || reported.contains(&j) {
                continue;
            }
            reported.push(j);
            let who = task
                .id
                .as_ref()
                .map_or_else(|| "this task".to_string(), |id| format!("task {}", id.text));
            let state = if dep.state == TaskState::InProgress {
                "still in progress"
            } else {
                "not checked"
            };
            let line = doc.line_index.line_of(dep.range.start) + 1;
            out.push(
                cx.diag(
                    d.range.clone(),
                    format!(
                        "{who} is checked, but it depends on {} (line {line}), which is {state}",
                        d.id
                    ),
                )
                .with_help("tick the dependency if it is finished, or untick this task"),
            );
        }
    }
}
