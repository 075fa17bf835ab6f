//! `unknown-dependency`: a dependency names a task id that does not exist in the document.

use crate::document::{
    extract_task_refs, inline_deps, may_have_inline_deps, IdCatalog, InlineKind, TaskRef,
};
use crate::rules::prelude::*;
use std::cell::OnceCell;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Reports dependencies on task ids that no task in the document has:
    /// - `Depends on:` / `Dependencies:` / `_Depends:_` fields and goal-kit `Dependencies`
    ///   cells;
    /// - "depends on 4.1", "after T005", "blocked by 2.3" in task titles and in prose;
    /// - task ids named in dependency sections ("Dependencies", "Parallel Opportunities",
    ///   "Execution Order", "Critical Path"), for example `T108-T113 can run in parallel`.
    ///
    /// Only references shaped like the document's own ids are checked (`T108` in a list of
    /// `T001`-style tasks, `2.4` among `Task 2.1`-style tasks), so user stories (`US1`),
    /// requirements, versions ("Python 3.11") and quantities ("after 2.5 seconds") are never
    /// taken for tasks. `None`, `-`, `N/A` and wildcards such as `Task 2.x` name nothing.
    /// A range such as `T006-T008` stands for every id in it. Findings on one line are
    /// reported together, with the nearest known ids when there is one unknown id.
    ///
    /// ## Why
    /// A dependency on a task that was renumbered or deleted silently drops an ordering
    /// constraint: the dependent task looks ready when it is not, and the reader cannot
    /// tell what was meant.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] **Task 2.3**: Wire the routes
    ///   - **Depends on**: Task 2.1, 2.4
    /// ```
    /// (there is no Task 2.4)
    ///
    /// ## How to fix
    /// Point the reference at the task that exists, or remove it if the task was dropped on
    /// purpose.
    pub static RULE = {
        code: "SM202",
        name: "unknown-dependency",
        summary: "A dependency names a task that does not exist",
        category: Category::Consistency,
        tags: &["tasks", "goal-kit", "dependencies"],
        kinds: Kind::TASK_LISTS,
        severity: Severity::Error,
        fixable: false,
        options: &[],
        check: check,
    }
}

/// Sections whose prose lists task ids as dependencies or execution order.
const DEPENDENCY_SECTION_WORDS: &[&str] = &[
    "dependenc",
    "parallel",
    "execution order",
    "critical path",
    "blocking",
    "sequencing",
];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    // Built on the first unknown reference: most documents have none.
    let catalog: OnceCell<IdCatalog> = OnceCell::new();
    let catalog = || catalog.get_or_init(|| IdCatalog::new(doc));
    let known = |id: &str| !doc.tasks_with_id(id).is_empty();
    let mut seen: HashSet<usize> = HashSet::new();
    // Task dependencies from the model, grouped per task and line.
    for task in &doc.tasks {
        let mut unknown: Vec<(usize, &TaskRef)> = Vec::new();
        for d in &task.deps {
            seen.insert(d.range.start);
            if !known(&d.id) && catalog().has_shape(&d.id) {
                unknown.push((doc.line_index.line_of(d.range.start), d));
            }
        }
        for (_, refs) in &crate::sort::grouped(unknown) {
            let who = match &task.id {
                Some(id) => format!("task {} depends on", id.text),
                None => "this task depends on".to_string(),
            };
            out.push(finding(cx, catalog(), &who, refs));
        }
    }
    prose_references(cx, &catalog, &seen, out);
}

/// References outside the task model: dependency phrases anywhere in prose, and task ids in
/// dependency sections.
fn prose_references<'c>(
    cx: &Context<'_>,
    catalog: &impl Fn() -> &'c IdCatalog,
    seen: &HashSet<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let doc = cx.doc;
    let src = doc.source;
    let dep_sections = dependency_sections(doc);
    // Task titles: the model already read their dependency phrases.
    let mut titles: Vec<Range<usize>> = doc.tasks.iter().map(|t| t.title_range.clone()).collect();
    crate::sort::sort_by_key(&mut titles, |r| r.start);
    let in_title = |at: usize| {
        let i = titles.partition_point(|r| r.start <= at);
        i > 0 && at < titles[i - 1].end
    };
    for block in &doc.inlines {
        if block.kind == InlineKind::Heading {
            continue;
        }
        let title = &doc.sections[block.section].title;
        let dep_section = dep_sections[block.section];
        // Outside dependency sections only dependency phrases count, and most blocks have
        // none of their words.
        if !dep_section && !may_have_inline_deps(&src[block.range.clone()]) {
            continue;
        }
        let mut at = block.range.start;
        while at < block.range.end {
            let end = memchr::memchr2(b'\n', b'\r', &src.as_bytes()[at..block.range.end])
                .map_or(block.range.end, |i| at + i);
            let line = &src[at..end];
            if line.len() <= 10_000 {
                let mut refs: Vec<TaskRef> = if in_title(at) || in_title(end.saturating_sub(1)) {
                    Vec::new()
                } else {
                    inline_deps(line, at)
                };
                // Critical-path lines belong to `critical-path`, which checks them fully.
                if dep_section && !line.to_lowercase().contains("critical path") {
                    refs.extend(
                        extract_task_refs(line, at)
                            .into_iter()
                            .filter(|r| r.id.starts_with(|c: char| c.is_ascii_alphabetic())),
                    );
                }
                crate::sort::sort_by_key(&mut refs, |r| (r.range.start, r.range.end));
                refs.dedup();
                let unknown: Vec<&TaskRef> = refs
                    .iter()
                    .filter(|r| !seen.contains(&r.range.start))
                    .filter(|r| doc.tasks_with_id(&r.id).is_empty() && catalog().has_shape(&r.id))
                    .collect();
                if !unknown.is_empty() {
                    let what = if title.is_empty() {
                        "the document names".to_string()
                    } else {
                        format!("\"{}\" names", title.trim())
                    };
                    out.push(finding(cx, catalog(), &what, &unknown));
                }
            }
            at = end + 1;
            if src[..at.min(src.len())].ends_with('\r')
                && src[at.min(src.len())..].starts_with('\n')
            {
                at += 1;
            }
        }
    }
}

/// For each section: it, or a section it is part of, is about dependencies ("Parallel
/// Opportunities" under "Dependencies & Execution Order").
fn dependency_sections(doc: &Document<'_>) -> Vec<bool> {
    let mut out = vec![false; doc.sections.len()];
    // Parents come before their children in `sections`.
    for (i, s) in doc.sections.iter().enumerate().skip(1) {
        let title = &s.norm_title;
        let own = DEPENDENCY_SECTION_WORDS.iter().any(|w| title.contains(w));
        out[i] = own || s.parent.is_some_and(|p| out[p]);
    }
    out
}

/// One finding for the unknown references of one line.
fn finding(cx: &Context<'_>, catalog: &IdCatalog, what: &str, refs: &[&TaskRef]) -> Diagnostic {
    let range = refs[0].range.start..refs.iter().map(|r| r.range.end).max().unwrap_or(0);
    let mut unique = HashSet::new();
    let ids: Vec<&str> = refs
        .iter()
        .map(|r| &*r.id)
        .filter(|id| unique.insert(*id))
        .collect();
    let message = if ids.len() == 1 {
        let near = catalog.nearest(ids[0]);
        let hint = if near.is_empty() {
            String::new()
        } else {
            format!(" (nearest ids: {})", near.join(", "))
        };
        format!(
            "{what} {}, which is not a task in this document{hint}",
            ids[0]
        )
    } else {
        format!(
            "{what} {}, which are not tasks in this document",
            list(&ids)
        )
    };
    cx.diag(range, message)
        .with_help("point the reference at an existing task, or remove it if the task was dropped")
}

fn list(ids: &[&str]) -> String {
    const SHOWN: usize = 8;
    if ids.len() <= SHOWN {
        ids.join(", ")
    } else {
        format!("{} and {} more", ids[..SHOWN].join(", "), ids.len() - SHOWN)
    }
}
