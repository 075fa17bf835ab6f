//! `dependency-cycle`: tasks that depend on each other in a circle can never start.

use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Finds cycles in the task dependency graph (from `Depends on` fields, dependency
    /// columns and phrases such as "depends on T002") and reports each cycle once, at the
    /// first task of its path, naming the path: `2.1 → 2.3 → 2.1`.
    ///
    /// ## Why
    /// A task in a cycle waits for itself: no order of work satisfies the plan. Seed 003
    /// asks authors to verify "No circular dependencies in task graph"; this rule checks it.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] **Task 2.1**: Build the API
    ///   - **Depends on**: Task 2.3
    /// - [ ] **Task 2.3**: Wire the client
    ///   - **Depends on**: Task 2.1
    /// ```
    ///
    /// ## How to fix
    /// Decide which task really comes first and remove the dependency that points back.
    pub static RULE = {
        code: "SM203",
        name: "dependency-cycle",
        summary: "Tasks depend on each other in a cycle",
        category: Category::Consistency,
        tags: &["tasks", "goal-kit", "dependencies"],
        kinds: Kind::TASK_LISTS,
        severity: Severity::Error,
        fixable: false,
        options: &[],
        check: check,
    }
}

/// Longer paths are shortened in the message.
const SHOWN: usize = 12;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    for cycle in doc.dependency_cycles() {
        let Some(&first) = cycle.first() else {
            continue;
        };
        let name = |i: usize| {
            doc.tasks[i]
                .id
                .as_ref()
                .map_or_else(|| "?".to_string(), |id| id.text.to_string())
        };
        let mut names: Vec<String> = if cycle.len() <= SHOWN {
            cycle.iter().map(|&i| name(i)).collect()
        } else {
            let head = cycle[..SHOWN / 2].iter().map(|&i| name(i));
            let tail = cycle[cycle.len() - SHOWN / 2..].iter().map(|&i| name(i));
            head.chain(std::iter::once(format!(
                "… ({} more) …",
                cycle.len() - SHOWN
            )))
            .chain(tail)
            .collect()
        };
        names.push(name(first));
        let task = &doc.tasks[first];
        let range = task
            .id
            .as_ref()
            .map_or_else(|| task.title_range.clone(), |id| id.range.clone());
        let message = if cycle.len() == 1 {
            format!("task {} depends on itself", name(first))
        } else {
            format!(
                "dependency cycle of {} tasks: {}",
                cycle.len(),
                names.join(" → ")
            )
        };
        out.push(
            cx.diag(range, message)
                .with_help("remove the dependency that points back so the tasks have an order"),
        );
    }
}
