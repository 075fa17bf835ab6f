//! `table-shape`: goal-kit task tables lack a column, leave a cell empty, or give an effort
//! that is not a duration.

use crate::document::{Cell, Row, Table};
use crate::kind::is_goalkit_header;
use crate::rules::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Checks the task tables of a goal-kit tasks document (seed 004), the tables with at
    /// least four of the columns Task ID, Owner, Effort, DoD, Dependencies:
    /// - every column of `columns` is present (default: Task ID, Task Name, Description,
    ///   Owner, Effort, DoD, Dependencies);
    /// - no cell of those columns is empty in any row (`Dependencies` may say `None`, `-`
    ///   or `N/A`; in the other columns a lone `-` counts as empty);
    /// - Effort is a duration: `8h`, `2d`, `1.5h`, `30m`, `3 days`, `2-3d`, `1 week`,
    ///   `5 pts`.
    ///
    /// Each bad cell is reported on its own. Cells that are still `[bracketed]` template
    /// text are left to `unfilled-placeholder`. The rule also runs on a goal-kit table in a
    /// document detected as a plain tasks.md.
    ///
    /// ## Why
    /// The table is the plan: a task nobody owns, without an estimate, without a definition
    /// of done or without its dependencies cannot be scheduled or checked.
    ///
    /// ## Example
    /// ```markdown
    /// | Task ID | Task Name | Description | Owner | Effort | DoD | Dependencies |
    /// |---------|-----------|-------------|-------|--------|-----|--------------|
    /// | T-002 | Set up schema | Create tables | | medium | Migrations run in CI | T-001 |
    /// ```
    /// (no Owner; "medium" is not an effort)
    ///
    /// ## How to fix
    /// Fill every cell; write Effort in hours, days or weeks.
    pub static RULE = {
        code: "SM301",
        name: "table-shape",
        summary: "Goal-kit task table lacks a column, a cell or a valid effort",
        category: Category::Completeness,
        tags: &["goal-kit"],
        kinds: &[Kind::GoalkitTasks, Kind::Tasks],
        severity: Severity::Warning,
        fixable: false,
        options: &[OptionSpec {
            name: "columns",
            doc: "Columns every goal-kit task table needs (matched case-insensitively; `DoD` also matches \"Definition of Done\").",
            default: OptionDefault::StrList(&[
                "Task ID",
                "Task Name",
                "Description",
                "Owner",
                "Effort",
                "DoD",
                "Dependencies",
            ]),
        }],
        check: check,
    }
}

/// Other spellings of the standard columns (normalized).
const ALIASES: &[(&str, &[&str])] = &[
    ("task id", &["id"]),
    ("task name", &["name", "task", "title"]),
    ("dod", &["definition of done", "done when"]),
    ("dependencies", &["depends on", "dependency", "deps"]),
    ("effort", &["estimate", "estimated effort"]),
];

static EFFORT: LazyLock<Regex> = LazyLock::new(|| {
    let num = r"\d+(?:[.,]\d+)?";
    let unit = r"(?:(?:m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|sprints?|sp|pts?|points?|story\s+points?)\.?)";
    // "8h", "2-3 days", "4h-6h", "2h 30m", "~1.5d".
    Regex::new(&format!(
        r"(?i)^~?\s*(?:{num}\s*{unit}?\s*(?:-|–|to)\s*)?{num}\s*{unit}(?:\s*{num}\s*{unit})*$"
    ))
    .expect("static regex")
});

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let wanted = cx.str_list("columns");
    for table in &doc.tables {
        let headers: Vec<String> = table.header.iter().map(|c| c.text.clone()).collect();
        if !is_goalkit_header(&headers) {
            continue;
        }
        let mut columns: Vec<(&str, usize)> = Vec::new();
        let mut missing: Vec<&str> = Vec::new();
        for name in &wanted {
            match find_column(table, name) {
                Some(c) => columns.push((name, c)),
                None => missing.push(name),
            }
        }
        if !missing.is_empty() {
            let at = table.header.first().map_or(table.range.clone(), |c| {
                let line = doc.line_index.line_of(c.range.start);
                doc.line_index.line_range(doc.source, line)
            });
            out.push(
                cx.diag(
                    at,
                    format!("task table has no {} column", missing.join(", ")),
                )
                .with_help(format!(
                    "goal-kit task tables have the columns {}",
                    wanted.join(", ")
                )),
            );
        }
        for row in &table.rows {
            check_row(cx, table, row, &columns, out);
        }
    }
}

fn find_column(table: &Table, name: &str) -> Option<usize> {
    let norm = text::normalize_heading(name);
    let mut names: Vec<&str> = vec![norm.as_str()];
    if let Some((_, more)) = ALIASES.iter().find(|(n, _)| *n == norm) {
        names.extend(more.iter());
    }
    // An exact match first: "Task" must not take the place of "Task ID".
    table
        .column(&[norm.as_str()])
        .or_else(|| table.column(&names))
}

fn check_row(
    cx: &Context<'_>,
    table: &Table,
    row: &Row,
    columns: &[(&str, usize)],
    out: &mut Vec<Diagnostic>,
) {
    let id_col = find_column(table, "task id");
    let id = id_col
        .and_then(|c| row.cells.get(c))
        .map(|c| c.text.trim())
        .filter(|t| !t.is_empty())
        .unwrap_or("this row");
    for &(name, col) in columns {
        let cell: Option<&Cell> = row.cells.get(col);
        let value = cell.map_or("", |c| c.text.trim());
        let is_deps = text::normalize_heading(name) == "dependencies";
        let empty = value.is_empty() || (!is_deps && matches!(value, "-" | "–" | "—"));
        let range = cell
            .map(|c| c.range.clone())
            .filter(|r| !r.is_empty() && !empty)
            .unwrap_or_else(|| row.range.clone());
        if empty {
            let hint = if is_deps {
                " (write None when there are none)"
            } else {
                ""
            };
            out.push(cx.diag(range, format!("{id} has no {name}{hint}")));
            continue;
        }
        // Template text is `unfilled-placeholder`'s to report.
        let placeholder = (value.starts_with('[') && value.ends_with(']'))
            || matches!(
                value.to_ascii_uppercase().as_str(),
                "TBD" | "TBC" | "TODO" | "?" | "??" | "???"
            );
        if text::normalize_heading(name) == "effort" && !placeholder && !EFFORT.is_match(value) {
            out.push(
                cx.diag(
                    range,
                    format!(
                        "{id} has Effort `{value}`, which is not a duration like 8h, 2d or 30m"
                    ),
                )
                .with_help("write the estimate in minutes, hours, days or weeks"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EFFORT;

    #[test]
    fn efforts() {
        for ok in [
            "8h", "2d", "1.5h", "30m", "3 days", "2-3d", "4h-6h", "2h 30m", "~1.5d", "1 week",
            "5 pts", "0,5d", "1 sprint",
        ] {
            assert!(EFFORT.is_match(ok), "{ok}");
        }
        for bad in ["medium", "S", "8", "soon", "2-3", "h", "8 hours of work"] {
            assert!(!EFFORT.is_match(bad), "{bad}");
        }
    }
}
