//! `critical-path`: a goal-kit "Critical Path: T-001 → T-002" line names a step that is not
//! a dependency edge, or an id that is not a task.

use crate::document::{extract_task_refs, IdCatalog, TaskRef};
use crate::kind::is_goalkit_header;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reads critical-path lines of a goal-kit tasks document (seed 004):
    /// `**Critical Path**: T-001 → T-002 → T-003`, `**Critical Path Dependencies**: ...
    /// (sequential)`, with `→`, `->` or `⟶` between the steps, and lines with arrows in a
    /// "Critical Path" section. Each id must be a task of the document, and each step must
    /// be a real dependency edge: in `T-001 → T-002`, T-002 depends on T-001 (its
    /// Dependencies cell names T-001). A step may list several ids (`T-004, T-005 → T-006`);
    /// each id after the arrow must depend on one before it.
    ///
    /// Runs on goal-kit documents, and on a tasks.md that holds goal-kit task tables.
    ///
    /// ## Why
    /// The critical path decides the schedule. A path that does not follow the dependencies
    /// either hides a dependency the tables forgot or promises an order nobody planned.
    ///
    /// ## Example
    /// ```markdown
    /// **Critical Path**: T-001 → T-003
    /// ```
    /// while T-003's Dependencies cell says `T-002`.
    ///
    /// ## How to fix
    /// Rewrite the path along the Dependencies cells, or add the missing dependency to the
    /// table.
    pub static RULE = {
        code: "SM302",
        name: "critical-path",
        summary: "A critical path step is not a dependency edge",
        category: Category::Consistency,
        tags: &["goal-kit", "dependencies"],
        kinds: &[Kind::GoalkitTasks, Kind::Tasks],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

const ARROWS: &[&str] = &["→", "->", "⟶", "➔", "➜", "=>"];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let goalkit = doc.kind == Kind::GoalkitTasks
        || doc.tables.iter().any(|t| {
            let h: Vec<String> = t.header.iter().map(|c| c.text.clone()).collect();
            is_goalkit_header(&h)
        });
    if !goalkit || doc.task_index.is_empty() {
        return;
    }
    let catalog = IdCatalog::new(doc);
    for m in &doc.metadata {
        if m.key.starts_with("critical path") && m.value.len() <= 10_000 {
            check_path(cx, &catalog, m.value_range.clone(), out);
        }
    }
    // Arrow lines in a "Critical Path" section (metadata lines there are done above).
    for s in doc.sections_named(&["critical path"]) {
        let body = doc.sections[s].body_range.clone();
        let first = doc.line_index.line_of(body.start);
        let last = doc
            .line_index
            .line_of(body.end.saturating_sub(1).max(body.start));
        for line in first..=last {
            let r = doc.line_index.line_range(doc.source, line);
            let text = doc.text(&r);
            if r.start < body.start
                || doc.in_code(r.start)
                || text.len() > 10_000
                || !ARROWS.iter().any(|a| text.contains(a))
                || doc.metadata.iter().any(|m| m.line_range.start == r.start)
            {
                continue;
            }
            check_path(cx, &catalog, r, out);
        }
    }
}

/// Check one path written in `range`.
fn check_path(
    cx: &Context<'_>,
    catalog: &IdCatalog,
    range: Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let doc = cx.doc;
    let text = doc.text(&range);
    let steps: Vec<Vec<TaskRef>> = split_steps(text)
        .into_iter()
        .map(|(s, e)| {
            extract_task_refs(&text[s..e], range.start + s)
                .into_iter()
                .filter(|r| catalog.has_shape(&r.id))
                .collect()
        })
        .collect();
    if steps.len() < 2 {
        return;
    }
    for step in &steps {
        for r in step {
            if doc.tasks_with_id(&r.id).is_empty() {
                out.push(cx.diag(
                    r.range.clone(),
                    format!(
                        "the critical path names {}, which is not a task in this document",
                        r.id
                    ),
                ));
            }
        }
    }
    for pair in steps.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        let before_known: Vec<&TaskRef> = before
            .iter()
            .filter(|r| !doc.tasks_with_id(&r.id).is_empty())
            .collect();
        if before_known.is_empty() {
            continue;
        }
        for r in after {
            let Some(&t) = doc.tasks_with_id(&r.id).first() else {
                continue;
            };
            let deps = &doc.tasks[t].deps;
            if before_known
                .iter()
                .any(|b| deps.iter().any(|d| d.id == b.id))
            {
                continue;
            }
            let from: Vec<&str> = before_known.iter().map(|b| &*b.id).collect();
            let has: Vec<&str> = deps.iter().map(|d| &*d.id).collect();
            let actual = if has.is_empty() {
                "it has no dependencies".to_string()
            } else {
                format!("its dependencies are {}", has.join(", "))
            };
            out.push(
                cx.diag(
                    r.range.clone(),
                    format!(
                        "critical path step {} → {}: {} does not depend on {}; {actual}",
                        from.join(", "),
                        r.id,
                        r.id,
                        from.join(" or ")
                    ),
                )
                .with_help(
                    "follow the Dependencies cells, or add the missing dependency to the table",
                ),
            );
        }
    }
}

/// Byte spans of the steps between arrows.
fn split_steps(text: &str) -> Vec<(usize, usize)> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for a in ARROWS {
        for (i, _) in text.match_indices(a) {
            cuts.push((i, i + a.len()));
        }
    }
    crate::sort::sort(&mut cuts);
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e) in cuts {
        if s < at {
            continue;
        }
        out.push((at, s));
        at = e;
    }
    out.push((at, text.len()));
    out
}
