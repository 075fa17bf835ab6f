//! `research-coverage`: a research plan documents at least 5 patterns and 3 libraries.

use crate::document::Table;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Counts the patterns and libraries a research plan (`research/plan.md`) documents and
    /// reports when there are fewer than `min-patterns` (5) or `min-libraries` (3).
    ///
    /// A **pattern** is counted for
    /// - a heading "Pattern N: ..." or "Pattern: ..." (any level),
    /// - a heading directly below a section whose title mentions patterns ("Internal
    ///   Patterns", "Patterns to Follow", "Existing Patterns in Codebase"),
    /// - a row of a table with a "Pattern" column (the template's "Pattern Summary Table").
    ///
    /// A **library** is counted for
    /// - a heading "Library N: ..." or "Library: ..." (any level),
    /// - a heading directly below a section whose title mentions libraries ("Library Best
    ///   Practices", "Libraries Researched", "External Libraries"),
    /// - a row of a table with a "Library" or "Package" column, or of any table in such a
    ///   section.
    ///
    /// Headings and table rows often describe the same items (the template has both), so
    /// the larger of the two counts is taken, not their sum. Rows whose cells are `...` are
    /// template rows and not counted.
    ///
    /// Only files named in `files` are checked (default `plan.md`): `research/analysis.md`
    /// and `research/findings.md` are write-ups of a different shape. A document without a
    /// path (pasted text) is checked unless its title mentions analysis or findings.
    ///
    /// ## Why
    /// The GOE PRD agent stops at Checkpoint 3 when "fewer than 5 patterns documented" or
    /// "fewer than 3 libraries researched": implementation built on one example and no
    /// library research repeats mistakes the codebase and the ecosystem already solved.
    ///
    /// ## Example
    /// ```markdown
    /// # Research Plan: Refactoring listeners
    /// ## Findings
    /// 1. **Current State**: ...
    /// ```
    /// No pattern and no library is documented.
    ///
    /// ## How to fix
    /// Document each pattern under "## Internal Patterns" as "### Pattern N: name" (location,
    /// purpose, example), and each library under "## Library Best Practices" as
    /// "### Library N: name".
    pub static RULE = {
        code: "SM109",
        name: "research-coverage",
        summary: "Research plan with too few patterns or libraries",
        category: Category::Completeness,
        tags: &["research"],
        kinds: &[Kind::Research],
        severity: Severity::Warning,
        fixable: false,
        options: &[
            OptionSpec {
                name: "min-patterns",
                doc: "Patterns a research plan must document",
                default: OptionDefault::Int(5),
            },
            OptionSpec {
                name: "min-libraries",
                doc: "Libraries a research plan must document",
                default: OptionDefault::Int(3),
            },
            OptionSpec {
                name: "files",
                doc: "File names (in research/) the rule checks",
                default: OptionDefault::StrList(&["plan.md"]),
            },
        ],
        check: check,
    }
}

/// What is being counted.
struct Item {
    /// Singular, as in "Pattern 1:".
    word: &'static str,
    /// Words in a section title whose sub-headings are items.
    section_words: &'static [&'static str],
    /// Table columns whose rows are items.
    columns: &'static [&'static str],
}

const PATTERN: Item = Item {
    word: "pattern",
    section_words: &["pattern", "patterns"],
    columns: &["pattern", "patterns", "pattern name"],
};

const LIBRARY: Item = Item {
    word: "library",
    section_words: &["library", "libraries"],
    columns: &[
        "library",
        "libraries",
        "package",
        "packages",
        "library package",
    ],
};

fn applies(cx: &Context<'_>) -> bool {
    let doc = cx.doc;
    match doc.path.as_deref() {
        Some(path) => {
            let file = path
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or(path)
                .to_lowercase();
            cx.str_list("files")
                .iter()
                .any(|f| f.to_lowercase() == file)
        }
        None => doc.title().is_none_or(|t| {
            let t = t.text.to_lowercase();
            !t.contains("analysis") && !t.contains("findings")
        }),
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if !applies(cx) {
        return;
    }
    let doc = cx.doc;
    for (item, option, plural) in [
        (&PATTERN, "min-patterns", "patterns"),
        (&LIBRARY, "min-libraries", "libraries"),
    ] {
        let min = cx.int(option).max(0) as usize;
        let n = count(doc, item);
        if n < min {
            let (singular, section) = if item.word == "pattern" {
                ("Pattern", "Internal Patterns")
            } else {
                ("Library", "Library Best Practices")
            };
            out.push(
                cx.diag(
                    doc.title_range(),
                    format!(
                        "{n} {} documented; the research plan needs at least {min}",
                        if n == 1 { item.word } else { plural }
                    ),
                )
                .with_help(format!(
                    "document each one under \"## {section}\" as \"### {singular} N: name\""
                )),
            );
        }
    }
}

/// Items counted from headings and from table rows; the larger count.
fn count(doc: &Document<'_>, item: &Item) -> usize {
    let item_sections: Vec<usize> = (1..doc.sections.len())
        .filter(|&i| {
            if doc.sections[i].level < 2 {
                return false; // the title
            }
            let norm = &doc.sections[i].norm_title;
            // "Anti-Patterns to Avoid" lists what not to do.
            !norm.contains("anti pattern")
                && norm.split(' ').any(|w| item.section_words.contains(&w))
        })
        .collect();
    let headings = (1..doc.sections.len())
        .filter(|&i| {
            let s = &doc.sections[i];
            is_numbered_item(&s.title, item.word)
                || s.parent.is_some_and(|p| item_sections.contains(&p))
        })
        .count();
    let rows: usize = doc
        .tables
        .iter()
        .map(|t| {
            let col = t.column(item.columns).or_else(|| {
                item_sections
                    .iter()
                    .any(|&s| doc.sections[s].range.contains(&t.range.start))
                    .then_some(0)
            });
            col.map_or(0, |c| filled_rows(t, c))
        })
        .sum();
    headings.max(rows)
}

/// "Pattern 1: Factory", "Pattern: Factory", "Library 2 - pyarrow".
fn is_numbered_item(title: &str, word: &str) -> bool {
    let t = title
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let Some(rest) = t.strip_prefix(word) else {
        return false;
    };
    let rest = rest.trim_start();
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '#');
    rest.trim_start().starts_with([':', '-', '—', '.'])
}

fn filled_rows(table: &Table, col: usize) -> usize {
    table
        .rows
        .iter()
        .filter(|r| {
            r.cells
                .get(col)
                .map(|c| c.text.trim())
                .is_some_and(|t| !matches!(t, "" | "..." | "…" | "-"))
        })
        .count()
}
