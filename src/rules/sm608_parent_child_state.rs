//! `parent-child-state`: a task's checkbox that contradicts its sub-tasks.

use crate::rules::family::{parent_task, task_line};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Compares each parent task with its sub-tasks (nested checkboxes, or `N.M` items
    /// after task `N` in a flat Kiro list):
    /// - a checked parent (`- [x] 7. Checkpoint`) with required sub-tasks still open;
    ///   optional ones (`- [ ]* 7.2`, Kiro's property tests) do not count;
    /// - an in-progress parent (`- [-] 3.`) whose sub-tasks are all done;
    /// - an open parent whose sub-tasks are all done (at least two of them).
    ///
    /// ## Why
    /// Kiro and the agents that follow a task list read the parent's box to decide what to
    /// run next: a ticked parent over open work hides that work, an open parent over
    /// finished work sends the next session back to it.
    ///
    /// ## Example
    /// ```markdown
    /// - [x] 7. Checkpoint - ensure all tests pass
    ///   - [ ] 7.1 Fix the flaky login test
    /// ```
    ///
    /// ## How to fix
    /// Finish or untick: tick the parent when its last required sub-task is done.
    pub static RULE = {
        code: "SM608",
        name: "parent-child-state",
        summary: "Parent task state contradicts its sub-tasks",
        category: Category::Consistency,
        tags: &["kiro", "openspec", "speckit", "tasks"],
        kinds: &[Kind::KiroTasks, Kind::OpenspecTasks, Kind::SpeckitTasks],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); doc.tasks.len()];
    for i in 0..doc.tasks.len() {
        if doc.tasks[i].checkbox_range.is_none() {
            continue;
        }
        if let Some(p) = parent_task(doc, i) {
            children[p].push(i);
        }
    }
    for (p, kids) in children.iter().enumerate() {
        if kids.is_empty() {
            continue;
        }
        let parent = &doc.tasks[p];
        if parent.checkbox_range.is_none() {
            continue;
        }
        let name = parent.id.as_ref().map_or_else(
            || format!("\"{}\"", parent.title),
            |i| format!("Task {}", i.text),
        );
        let required: Vec<usize> = kids
            .iter()
            .copied()
            .filter(|&k| !doc.tasks[k].optional)
            .collect();
        let open: Vec<String> = required
            .iter()
            .filter(|&&k| doc.tasks[k].state != TaskState::Done)
            .map(|&k| {
                doc.tasks[k]
                    .id
                    .as_ref()
                    .map_or_else(|| doc.tasks[k].title.to_string(), |i| i.text.to_string())
            })
            .collect();
        let message = match parent.state {
            TaskState::Done if !open.is_empty() => format!(
                "{name} is checked but {} of its {} required sub-tasks {} open ({}): untick it until they are done",
                open.len(),
                required.len(),
                if open.len() == 1 { "is" } else { "are" },
                list(&open)
            ),
            TaskState::InProgress if !required.is_empty() && open.is_empty() => format!(
                "{name} is marked in progress but all {} of its sub-tasks are done: check it",
                required.len()
            ),
            TaskState::Open if required.len() >= 2 && open.is_empty() => format!(
                "{name} is open but all {} of its sub-tasks are done: check it, or add the sub-task that is left",
                required.len()
            ),
            _ => continue,
        };
        out.push(cx.diag(task_line(parent), message));
    }
}

fn list(ids: &[String]) -> String {
    if ids.len() <= 4 {
        ids.join(", ")
    } else {
        format!("{}, ...", ids[..3].join(", "))
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_lines;

    #[test]
    fn states() {
        let src = "# Implementation Plan\n\n- [x] 1. A\n  - [x] 1.1 a\n  - [ ]* 1.2 optional\n- [x] 2. B\n  - [ ] 2.1 b\n- [-] 3. C\n- [x] 3.1 c\n- [x] 3.2 d\n- [ ] 4. D\n- [x] 4.1 e\n- [x] 4.2 f\n- [ ] 5. E\n  - [x] 5.1 g\n";
        assert_eq!(
            lint_lines(src, ".kiro/specs/a/tasks.md", "parent-child-state"),
            [6, 8, 11]
        );
    }
}
