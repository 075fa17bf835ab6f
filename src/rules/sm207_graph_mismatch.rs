//! `graph-mismatch`: the Dependencies Graph names task ids that are not tasks.

use crate::document::{extract_task_refs, IdCatalog};
use crate::rules::prelude::*;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Reads the code blocks of the "Dependencies Graph" section (ASCII art or mermaid) and
    /// reports task ids in them that no task of the document has. Dotted numbers
    /// (`2.3`) and ids shaped like the document's own (`T014`, `A2`) count; phase labels
    /// (`Phase 1:`), versions and mermaid node names (`A`, `B1` when no task is named like
    /// that) do not. `4.1, 4.2, 4.3` and ranges such as `4.1-4.3` are read id by id. Each
    /// unknown id is reported once, at its first place in the graph.
    ///
    /// ## Why
    /// The graph is the overview readers trust to plan the work. When tasks are renumbered
    /// or dropped and the graph is not redrawn, it shows an order for work that does not
    /// exist.
    ///
    /// ## Example
    /// ````markdown
    /// ## Dependencies Graph
    /// ```
    /// 1.1 ──> 2.1 ──> 2.4
    /// ```
    /// ````
    /// (there is no task 2.4)
    ///
    /// ## How to fix
    /// Redraw the graph with the current task ids.
    pub static RULE = {
        code: "SM207",
        name: "graph-mismatch",
        summary: "The dependency graph names ids that are not tasks",
        category: Category::Consistency,
        tags: &["tasks", "dependencies"],
        kinds: &[Kind::Tasks],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

const GRAPH_SECTIONS: &[&str] = &[
    "dependencies graph",
    "dependency graph",
    "task dependency graph",
    "task dependencies graph",
    "task graph",
];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    if doc.task_index.is_empty() {
        return;
    }
    let sections: Vec<usize> = doc.sections_named(GRAPH_SECTIONS).collect();
    if sections.is_empty() {
        return;
    }
    let catalog = IdCatalog::new(doc);
    let mut reported: HashSet<String> = HashSet::new();
    for block in &doc.code_blocks {
        let inside = sections.iter().any(|&s| {
            let r = &doc.sections[s].range;
            r.start <= block.range.start && block.range.start < r.end
        });
        if !inside || block.content_range.is_empty() {
            continue;
        }
        let content = doc.text(&block.content_range);
        let mut at = block.content_range.start;
        for line in content.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            if body.len() <= 10_000 {
                for r in extract_task_refs(body, at) {
                    let counts = r.id.contains('.') || catalog.has_shape(&r.id);
                    if !counts || !doc.tasks_with_id(&r.id).is_empty() {
                        continue;
                    }
                    if reported.insert(r.id.to_string()) {
                        out.push(
                            cx.diag(
                                r.range.clone(),
                                format!(
                                    "the dependency graph names {}, which is not a task in this document",
                                    r.id
                                ),
                            )
                            .with_help("redraw the graph with the current task ids"),
                        );
                    }
                }
            }
            at += line.len();
        }
    }
}
