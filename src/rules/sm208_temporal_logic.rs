//! `temporal-logic`: the Temporal Logic Constraints tables of seed 003 are missing, empty or
//! still hold template rows.

use crate::document::{Row, Table};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// When a tasks document has a "Temporal Logic Constraints" section (seed 003), checks
    /// that it holds the four tables and the deadlock analysis the template asks for:
    /// Sequence Constraints, Mutual Exclusion, Liveness Requirements, Atomicity Requirements
    /// and Deadlock Analysis. Reported:
    /// - a part that is missing (found by its heading, or by its table's columns);
    /// - a part whose table has no rows;
    /// - a template row left in (`| [Constraint] | [Type] | [Why] |`);
    /// - an example row copied verbatim from the template ("Auth middleware MUST be deployed
    ///   before protected routes"), at info level: it may be true of this feature, but it
    ///   usually means the table was not thought through.
    ///
    /// Documents without the section are not reported: the section is the template's, not
    /// every team's.
    ///
    /// ## Why
    /// Ordering, exclusion, liveness and atomicity constraints are where concurrent work
    /// goes wrong. A table left as the template gives the reassurance of analysis without
    /// any analysis.
    ///
    /// ## Example
    /// ```markdown
    /// ## Temporal Logic Constraints
    /// ### Sequence Constraints
    /// | Constraint | Type | Rationale |
    /// |------------|------|-----------|
    /// | [Constraint] | [Type] | [Why] |
    /// ```
    ///
    /// ## How to fix
    /// Write this feature's own constraints in each table, delete the template rows, and
    /// write "None identified" rows where a table truly has nothing.
    pub static RULE = {
        code: "SM208",
        name: "temporal-logic",
        summary: "Temporal Logic Constraints tables missing, empty or left as template",
        category: Category::Completeness,
        tags: &["tasks", "temporal-logic"],
        kinds: &[Kind::Tasks],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

/// A part of the section: display name, heading names, and words one of its table's
/// headers contains (to find a table written without its heading).
struct Part {
    name: &'static str,
    headings: &'static [&'static str],
    header_words: &'static [&'static str],
    table: bool,
}

const PARTS: &[Part] = &[
    Part {
        name: "Sequence Constraints",
        headings: &[
            "sequence constraints",
            "sequence constraint",
            "ordering constraints",
        ],
        header_words: &["constraint"],
        table: true,
    },
    Part {
        name: "Mutual Exclusion",
        headings: &["mutual exclusion"],
        header_words: &["conflict"],
        table: true,
    },
    Part {
        name: "Liveness Requirements",
        headings: &["liveness requirements", "liveness"],
        header_words: &["trigger"],
        table: true,
    },
    Part {
        name: "Atomicity Requirements",
        headings: &["atomicity requirements", "atomicity"],
        header_words: &["rollback"],
        table: true,
    },
    Part {
        name: "Deadlock Analysis",
        headings: &["deadlock analysis", "deadlocks"],
        header_words: &[],
        table: false,
    },
];

/// The template's example rows (first cells), lowercase.
const EXAMPLES: &[&str] = &[
    "auth middleware must be deployed before protected routes",
    "database migration must complete before api deployment",
    "session creation",
    "write to user table",
    "user must eventually see confirmation",
    "webhook must eventually fire",
    "payment + order creation",
    "if payment fails, cart must not be cleared",
];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let Some(root) = doc
        .sections_named(&["temporal logic constraints", "temporal logic"])
        .next()
    else {
        return;
    };
    let root_range = doc.sections[root].range.clone();
    let tables: Vec<&Table> = doc
        .tables
        .iter()
        .filter(|t| root_range.start <= t.range.start && t.range.start < root_range.end)
        .collect();
    let heading_range = doc.sections[root]
        .heading
        .map_or_else(|| doc.title_range(), |h| doc.headings[h].range.clone());
    let mut missing = Vec::new();
    for part in PARTS {
        let section = descendants(doc, root)
            .into_iter()
            .find(|&s| text::normalized_matches(&doc.sections[s].norm_title, part.headings));
        let table = match section {
            Some(s) => tables
                .iter()
                .copied()
                .find(|t| doc.section_at(t.range.start) == s),
            None => tables.iter().copied().find(|t| {
                !part.header_words.is_empty()
                    && t.header.iter().any(|c| {
                        let h = c.text.to_lowercase();
                        part.header_words.iter().any(|w| h.contains(w))
                    })
            }),
        };
        if section.is_none() && table.is_none() {
            missing.push(part.name);
            continue;
        }
        if !part.table {
            continue;
        }
        match table {
            Some(t) if !t.rows.is_empty() => check_rows(cx, part, t, out),
            _ => {
                let at = section
                    .and_then(|s| doc.sections[s].heading)
                    .map_or(heading_range.clone(), |h| doc.headings[h].range.clone());
                out.push(
                    cx.diag(at, format!("{} has no table rows; list this feature's constraints (or a \"None identified\" row)", part.name))
                        .with_help("fill the table the template provides"),
                );
            }
        }
    }
    if !missing.is_empty() {
        out.push(
            cx.diag(
                heading_range,
                format!(
                    "Temporal Logic Constraints lacks {}; the template asks for all five parts",
                    missing.join(", ")
                ),
            )
            .with_help("add the missing sub-sections with their tables"),
        );
    }
}

fn descendants(doc: &Document<'_>, root: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = doc.sections[root].children.clone();
    while let Some(s) = stack.pop() {
        out.push(s);
        stack.extend(doc.sections[s].children.iter().copied());
    }
    crate::sort::sort(&mut out);
    out
}

fn check_rows(cx: &Context<'_>, part: &Part, table: &Table, out: &mut Vec<Diagnostic>) {
    for row in &table.rows {
        if is_template_row(row) {
            out.push(
                cx.diag(
                    row.range.clone(),
                    format!(
                        "{} still has the template row `{}`; replace it with a real constraint or delete it",
                        part.name,
                        row_text(row)
                    ),
                )
                .with_help("the bracketed cells are the template's instructions"),
            );
        } else if let Some(first) = row.cells.first() {
            let cell = first.text.trim().to_lowercase();
            if EXAMPLES.contains(&cell.as_str()) {
                out.push(
                    cx.diag(
                        row.range.clone(),
                        format!(
                            "{} row \"{}\" is the template's example, copied unchanged; check that it applies to this feature",
                            part.name,
                            first.text.trim()
                        ),
                    )
                    .with_severity(Severity::Info)
                    .with_help("keep it only if it is a real constraint of this feature"),
                );
            }
        }
    }
}

/// Every non-empty cell is a `[bracketed]` instruction.
fn is_template_row(row: &Row) -> bool {
    let mut any = false;
    for c in &row.cells {
        let t = c.text.trim();
        if t.is_empty() {
            continue;
        }
        if !(t.starts_with('[') && t.ends_with(']')) {
            return false;
        }
        any = true;
    }
    any
}

fn row_text(row: &Row) -> String {
    row.cells
        .iter()
        .map(|c| c.text.trim())
        .collect::<Vec<_>>()
        .join(" | ")
}
