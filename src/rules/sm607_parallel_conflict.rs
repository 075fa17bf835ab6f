//! `parallel-conflict`: two tasks marked parallel in one batch that touch the same file, or
//! where one depends on the other.

use crate::rules::family::{file_paths, parent_task, phase};
use crate::rules::prelude::*;
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Tasks marked `[P]` (Spec Kit) or `(P)` (cc-sdd) may run at the same time as the other
    /// parallel tasks of their batch: the same phase (the `##` section) in Spec Kit, the
    /// same parent task in a Kiro / cc-sdd list. Two such tasks conflict when
    /// - their lines name the same file (`src/models/user.py`), so two agents would edit
    ///   it at once, or
    /// - one depends on the other (`depends on T012`, `_Depends: 2.1_`), so they cannot run
    ///   together.
    ///
    /// Each conflicting pair is reported once, on the later task.
    ///
    /// ## Why
    /// Spec Kit's implement step and cc-sdd hand parallel tasks to concurrent agents; a
    /// shared file means lost edits or merge conflicts, a dependency means one agent builds
    /// on work that does not exist yet.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] T012 [P] [US1] Create User model in src/models/user.py
    /// - [ ] T013 [P] [US1] Add password hashing to src/models/user.py
    /// ```
    ///
    /// ## How to fix
    /// Drop the `[P]` of one task (they then run in order), or split the work so each
    /// parallel task owns its files.
    pub static RULE = {
        code: "SM607",
        name: "parallel-conflict",
        summary: "Parallel tasks of one batch share a file or depend on each other",
        category: Category::Consistency,
        tags: &["speckit", "kiro", "tasks"],
        kinds: &[Kind::SpeckitTasks, Kind::KiroTasks, Kind::Tasks, Kind::OpenspecTasks],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

/// The batch a parallel task belongs to: its parent task, else its phase (the outermost
/// section below the title).
fn batch(doc: &Document<'_>, task: usize) -> (bool, usize) {
    if let Some(p) = parent_task(doc, task) {
        return (true, p);
    }
    (false, phase(doc, doc.tasks[task].section))
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let parallel: Vec<usize> = (0..doc.tasks.len())
        .filter(|&i| doc.tasks[i].parallel && doc.tasks[i].checkbox_range.is_some())
        .collect();
    if parallel.len() < 2 {
        return;
    }
    let files: Vec<Vec<String>> = parallel
        .iter()
        .map(|&i| {
            let t = &doc.tasks[i];
            // The files the task changes: those its line names before the description that
            // follows a colon or dash after the first one ("`scripts/lint.py`: fail on use
            // outside `core/kms.py`" changes only the script).
            let title = doc.text(&t.title_range);
            let found = file_paths(title, 0);
            let head_end = found.first().map_or(title.len(), |(_, r)| {
                title[r.end..]
                    .find([':', '：', '—'])
                    .map_or(title.len(), |i| r.end + i)
            });
            let mut paths: Vec<String> = found
                .into_iter()
                .filter(|(_, r)| r.start < head_end)
                .map(|(p, _)| p.trim_start_matches("./").to_string())
                .collect();
            for f in &t.fields {
                if matches!(&*f.key, "files" | "file") {
                    paths.extend(file_paths(&f.value, 0).into_iter().map(|(p, _)| p));
                }
            }
            paths.sort();
            paths.dedup();
            paths
        })
        .collect();
    let batches: Vec<(bool, usize)> = parallel.iter().map(|&i| batch(doc, i)).collect();
    let id_of = |k: usize| doc.tasks[parallel[k]].id.as_ref().map(|i| &*i.text);
    // Per batch: the parallel tasks by id, and the first task naming each file (maps, so a
    // list of thousands of parallel tasks stays linear).
    let mut by_id: HashMap<((bool, usize), &str), usize> = HashMap::new();
    for (k, &b) in batches.iter().enumerate() {
        if let Some(id) = id_of(k) {
            by_id.entry((b, id)).or_insert(k);
        }
    }
    // For each later task of a pair, the earlier one it depends on (or that depends on it).
    let mut depends: HashMap<usize, usize> = HashMap::new();
    for k in 0..parallel.len() {
        for d in &doc.tasks[parallel[k]].deps {
            if let Some(&j) = by_id.get(&(batches[k], &*d.id)).filter(|&&j| j != k) {
                let (early, late) = (j.min(k), j.max(k));
                let e = depends.entry(late).or_insert(early);
                *e = (*e).min(early);
            }
        }
    }
    let mut owner: HashMap<((bool, usize), &str), usize> = HashMap::new();
    let name = |t: &crate::document::Task<'_>| {
        t.id.as_ref().map_or_else(
            || format!("\"{}\"", t.title.chars().take(40).collect::<String>()),
            |i| i.text.to_string(),
        )
    };
    for (k, &later) in parallel.iter().enumerate() {
        let t = &doc.tasks[later];
        let at =
            t.id.as_ref()
                .map_or(t.title_range.clone(), |i| i.range.clone());
        let shared = files[k]
            .iter()
            .find_map(|f| owner.get(&(batches[k], f.as_str())).map(|&j| (j, f)));
        for f in &files[k] {
            owner.entry((batches[k], f.as_str())).or_insert(k);
        }
        if let Some(&j) = depends.get(&k) {
            out.push(cx.diag(
                at,
                format!(
                    "{} and {} are both marked parallel, but one depends on the other: drop the parallel marker of the later one",
                    name(&doc.tasks[parallel[j]]),
                    name(t)
                ),
            ));
        } else if let Some((j, f)) = shared {
            out.push(cx.diag(
                at,
                format!(
                    "{} and {} are both marked parallel but both change `{f}`: run them in order or split the file",
                    name(&doc.tasks[parallel[j]]),
                    name(t)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_lines;

    #[test]
    fn shared_file_and_dependency() {
        let src = "# Tasks\n\n## Phase 3: User Story 1\n\n- [ ] T010 [P] [US1] Create model in src/models/user.py\n- [ ] T011 [P] [US1] Create service in src/services/user.py\n- [ ] T012 [P] [US1] Add hashing to src/models/user.py\n- [ ] T013 [P] [US1] Wire routes in src/api.py (depends on T011)\n\n## Phase 4: User Story 2\n\n- [ ] T020 [P] [US2] Extend src/models/user.py\n";
        assert_eq!(
            lint_lines(src, "specs/001-x/tasks.md", "parallel-conflict"),
            [7, 8]
        );
    }
}
