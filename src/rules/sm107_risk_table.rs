//! `risk-table`: the PRD's risk table: Impact and Probability on the High / Medium / Low
//! scale, a Mitigation for every risk.

use crate::document::{Cell, Table};
use crate::rules::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Checks the table in the PRD's Risks section (a `##` or deeper heading such as
    /// "Risks", "Risks & Mitigation", "Risk Assessment", "Risk Register" or "Known Risks";
    /// not "Risk-free rollout"). A table there with at least two of the columns Risk, Impact,
    /// Probability (or Likelihood) and Mitigation is a risk table; for it the rule reports:
    /// - a missing Impact, Probability or Mitigation column (once, on the header row);
    /// - an Impact or Probability cell that is not on the scale: High, Medium, Low, plus
    ///   Critical, Very High / Very Low, Med, Moderate, the letters H / M / L and ranges such
    ///   as "Medium-High" or "Low/Medium" (case, bold and emoji are ignored);
    /// - an empty Mitigation cell (nothing, or only `-`, `—`, `?`, `...`, `N/A`).
    ///
    /// When no Risks section holds a risk table, one info finding on the section's heading
    /// says that the template expects one (risks written as bullet lists are common, and
    /// not wrong, but cannot be compared). Not when the list rates every risk itself:
    /// at least as many impact ratings and as many probability ratings on the scale
    /// (`HIGH IMPACT, MEDIUM PROBABILITY`, `Impact: High`, `Likelihood - Low`) as there are
    /// risks (`Risk:` or `Mitigation:` labels, at least one); that is the table's content
    /// in another layout. Rows whose cells are all `...` are template rows and skipped. Placeholder text such as `[Mitigation]` is left to `unfilled-placeholder`.
    ///
    /// ## Why
    /// The GOE PRD template ends with a `| Risk | Impact | Probability | Mitigation |` table.
    /// A risk without a rating cannot be prioritised, and a risk without a mitigation is just
    /// a worry: both are what reviewers skip over.
    ///
    /// ## Example
    /// ```markdown
    /// | Risk | Impact | Probability | Mitigation |
    /// |------|--------|-------------|------------|
    /// | Breaking change to interface | Severe | Medium | |
    /// ```
    /// "Severe" is not on the scale, and the Mitigation is empty.
    ///
    /// ## How to fix
    /// Rate every risk High, Medium or Low for both impact and probability, and write what
    /// will be done about it.
    pub static RULE = {
        code: "SM107",
        name: "risk-table",
        summary: "Risk table with unrated risks or missing mitigations",
        category: Category::Completeness,
        tags: &["prd"],
        kinds: &[Kind::Prd],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

const RISK: &[&str] = &["risk", "risks", "risk description", "description", "threat"];
const IMPACT: &[&str] = &["impact", "severity", "impact level"];
const PROBABILITY: &[&str] = &[
    "probability",
    "likelihood",
    "prob",
    "chance",
    "probability level",
];
const MITIGATION: &[&str] = &[
    "mitigation",
    "mitigations",
    "mitigation strategy",
    "mitigation plan",
    "mitigation strategies",
    "mitigation and contingency",
    "response",
];

/// Words of a rating scale; a cell is rated when all its words are scale words.
const SCALE: &[&str] = &[
    "high", "medium", "med", "low", "critical", "very", "moderate", "h", "m", "l", "to",
];

/// Nouns that make "Risk ..." a risk section ("Risk Assessment", not "Risk-free rollout").
const RISK_NOUNS: &[&str] = &[
    "and",
    "mitigation",
    "mitigations",
    "assessment",
    "assessments",
    "analysis",
    "register",
    "management",
    "matrix",
    "factors",
    "log",
    "table",
    "summary",
    "overview",
    "identification",
];

/// "Risks", "Risks & Mitigation", "Risk Assessment", "Known Risks".
fn is_risk_title(title: &str) -> bool {
    let norm = text::normalize_heading(title);
    let words: Vec<&str> = norm.split(' ').collect();
    match words.as_slice() {
        ["risk" | "risks"] => true,
        ["risk" | "risks", next, ..] => {
            *next != "free" && (words[0] == "risks" || RISK_NOUNS.contains(next))
        }
        _ => words.contains(&"risks"),
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let risk: Vec<usize> = (1..doc.sections.len())
        .filter(|&i| doc.sections[i].level >= 2 && is_risk_title(&doc.sections[i].title))
        .collect();
    // Only outermost Risks sections ("### High Risks" under "## Risks" is part of it).
    let top: Vec<usize> = risk
        .iter()
        .copied()
        .filter(|&i| {
            let mut p = doc.sections[i].parent;
            while let Some(q) = p {
                if risk.contains(&q) {
                    return false;
                }
                p = doc.sections[q].parent;
            }
            true
        })
        .collect();
    let Some(&first) = top.first() else { return };
    let mut found = false;
    for &s in &top {
        let range = doc.sections[s].range.clone();
        for table in doc.tables.iter().filter(|t| range.contains(&t.range.start)) {
            found |= check_table(cx, table, out);
        }
    }
    if !found && !top.iter().any(|&s| rated_in_prose(doc, s)) {
        let heading = doc.sections[first]
            .heading
            .map_or_else(|| doc.title_range(), |h| doc.headings[h].range.clone());
        out.push(
            cx.diag(
                text::trim_range(doc.source, heading),
                "the Risks section has no risk table; the PRD template expects \
                 `| Risk | Impact | Probability | Mitigation |`",
            )
            .with_severity(Severity::Info)
            .with_help(
                "list each risk as a table row rated High / Medium / Low, with its mitigation",
            ),
        );
    }
}

/// Check one table; `false` when it is not a risk table.
fn check_table(cx: &Context<'_>, table: &Table, out: &mut Vec<Diagnostic>) -> bool {
    let cols = [
        table.column(RISK),
        table.column(IMPACT),
        table.column(PROBABILITY),
        table.column(MITIGATION),
    ];
    if cols.iter().filter(|c| c.is_some()).count() < 2 {
        return false;
    }
    let [_, impact, probability, mitigation] = cols;
    let mut missing = Vec::new();
    if impact.is_none() {
        missing.push("Impact");
    }
    if probability.is_none() {
        missing.push("Probability (or Likelihood)");
    }
    if mitigation.is_none() {
        missing.push("Mitigation");
    }
    if !missing.is_empty() {
        let header = match (table.header.first(), table.header.last()) {
            (Some(a), Some(b)) => a.range.start..b.range.end,
            _ => table.range.clone(),
        };
        out.push(
            cx.diag(
                header,
                format!("the risk table has no {} column", missing.join(" or ")),
            )
            .with_help("the template's columns are Risk, Impact, Probability and Mitigation"),
        );
    }
    for row in &table.rows {
        if row.cells.iter().all(|c| is_template_cell(&c.text)) {
            continue;
        }
        let name = cols[0]
            .and_then(|i| row.cells.get(i))
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
            .unwrap_or("this risk");
        for (col, label) in [(impact, "Impact"), (probability, "Probability")] {
            let Some(cell) = col.and_then(|i| row.cells.get(i)) else {
                continue;
            };
            if let Some(msg) = rating_problem(cell, label) {
                out.push(
                    cx.diag(
                        cell_range(cx.doc, cell, &row.range),
                        format!("{msg} (risk `{name}`)"),
                    )
                    .with_help("rate it High, Medium or Low"),
                );
            }
        }
        if let Some(i) = mitigation {
            // A row shorter than the header has no Mitigation cell at all.
            let range = match row.cells.get(i) {
                Some(cell) if !is_empty_value(&cell.text) => continue,
                Some(cell) => cell_range(cx.doc, cell, &row.range),
                None => text::trim_range(cx.doc.source, row.range.clone()),
            };
            out.push(
                cx.diag(range, format!("no mitigation for risk `{name}`"))
                    .with_help("say what will reduce the risk or its impact"),
            );
        }
    }
    true
}

/// Whether the section's prose rates every risk it lists for impact and probability.
fn rated_in_prose(doc: &Document<'_>, section: usize) -> bool {
    let range = doc.sections[section].range.clone();
    let (mut impact, mut probability, mut risks, mut mitigations) = (0, 0, 0, 0);
    for block in doc
        .inlines
        .iter()
        .filter(|b| range.contains(&b.range.start))
    {
        for r in block.prose_ranges(doc) {
            let text = doc.text(&r);
            if text.len() > 10_000 {
                continue;
            }
            for c in RATING.captures_iter(text) {
                let factor = c
                    .get(1)
                    .or_else(|| c.get(2))
                    .map_or(String::new(), |m| m.as_str().to_lowercase());
                if IMPACT.contains(&factor.as_str()) {
                    impact += 1;
                } else {
                    probability += 1;
                }
            }
            risks += RISK_LABEL.find_iter(text).count();
            mitigations += MITIGATION_LABEL.find_iter(text).count();
        }
    }
    let needed = risks.max(mitigations).max(1);
    impact >= needed && probability >= needed
}

/// A rating on the scale next to its factor: `HIGH IMPACT`, `Medium-High Likelihood`,
/// `Impact: High`, `Probability - Low` (group 2 or 3 is the factor).
static RATING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(?:very )?(?:critical|high|medium|med|moderate|low)(?:[ /-](?:to )?(?:high|medium|low))?\s+(impact|severity|probability|likelihood)|(impact|severity|probability|likelihood)\**\s*[:=\-–]\s*\**\s*(?:very )?(?:critical|high|medium|med|moderate|low))(?-u:\b)",
    )
    .expect("static regex")
});

/// `Risk:` / `**Risk**:` labels that open a risk entry.
static RISK_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)risk\**\s*:").expect("static regex"));

/// `Mitigation:` / `*Mitigation:*` labels.
static MITIGATION_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)mitigations?\**\s*:").expect("static regex"));

fn is_template_cell(text: &str) -> bool {
    matches!(text.trim(), "" | "..." | "…")
}

fn is_empty_value(text: &str) -> bool {
    let t = text.trim();
    t.is_empty()
        || t.chars()
            .all(|c| matches!(c, '-' | '—' | '–' | '?' | '.' | '…' | ' '))
        || t.eq_ignore_ascii_case("n/a")
        || t.eq_ignore_ascii_case("na")
}

/// Why a rating cell is not on the High / Medium / Low scale, if it is not.
fn rating_problem(cell: &Cell, label: &str) -> Option<String> {
    let t = cell.text.trim();
    if t.starts_with('[') || t.starts_with('{') || t.starts_with('<') {
        return None; // a template placeholder: unfilled-placeholder's finding
    }
    let lower = t.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Some(format!("{label} is empty"));
    }
    let rated = words.iter().all(|w| SCALE.contains(w))
        && words.iter().any(|w| !matches!(*w, "very" | "to"));
    (!rated).then(|| format!("{label} `{t}` is not High, Medium or Low"))
}

/// The cell's trimmed content, or (for an empty cell) the cell itself.
fn cell_range(doc: &Document<'_>, cell: &Cell, row: &Range<usize>) -> Range<usize> {
    let r = text::trim_range(doc.source, cell.range.clone());
    if r.is_empty() {
        if cell.range.is_empty() {
            row.clone()
        } else {
            cell.range.clone()
        }
    } else {
        r
    }
}
