//! `checkpoint-order`: "✓ Checkpoint N complete" markers in order, none skipped.

use crate::rules::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Reads the checkpoint markers of the GOE workflow outside code — "✓ Checkpoint 2
    /// complete", "Checkpoint 2 complete", "✅ Checkpoint 2: Workspace created" — and checks
    /// that their numbers go up by one: a marker that comes after a higher one is out of
    /// order, and a jump ("Checkpoint 3" right after "Checkpoint 1") names the missing
    /// checkpoints. The first marker may have any number: a document written at Checkpoint 4
    /// only records the checkpoints from there on.
    ///
    /// ## Why
    /// The checkpoints are sequential and mandatory: a skipped checkpoint means a step of
    /// the workflow (research, analysis, verification) did not happen, and a marker out of
    /// order means the log was edited by hand or copied from another feature.
    ///
    /// ## Example
    /// ```markdown
    /// - ✓ Checkpoint 0 complete - Context loaded
    /// - ✓ Checkpoint 1 complete - Workspace created
    /// - ✓ Checkpoint 3 complete - Research finished
    /// ```
    ///
    /// ## How to fix
    /// Do the missing checkpoint and record it, or correct the numbers.
    pub static RULE = {
        code: "SM106",
        name: "checkpoint-order",
        summary: "Checkpoint markers out of order or skipped",
        category: Category::Consistency,
        tags: &["goe", "prd", "research"],
        kinds: &[Kind::Prd, Kind::Research, Kind::Recovery, Kind::Tasks],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

/// `✓ Checkpoint 3`, `✅ **Checkpoint 3**`, `Checkpoint 3 complete`, `Checkpoint 3: ... ✓`
/// is not required: the mark or the word "complete" makes it a marker.
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?:[✓✅✔☑]\u{FE0F}?\s*(?:\*\*|__)?\s*checkpoint\s+(?P<a>\d{1,3})(?-u:\b))
      | (?:(?-u:\b)checkpoint\s+(?P<b>\d{1,3})(?:\*\*|__)?\s*(?:[:\-–—]\s*)?(?:is\s+)?complete(?:d)?(?-u:\b))",
    )
    .expect("static regex")
});

struct Marker {
    n: u32,
    range: Range<usize>,
}

fn markers(doc: &Document<'_>) -> Vec<Marker> {
    let src = doc.source;
    let mut out = Vec::new();
    // Only lines naming a checkpoint can hold a marker.
    for line in doc
        .line_index
        .lines_containing(src, &["heckpoint", "HECKPOINT"])
    {
        let r = doc.line_index.line_range(src, line);
        let text = &src[r.clone()];
        if text.len() > 10_000 || doc.in_code(r.start) {
            continue;
        }
        for c in MARKER.captures_iter(text) {
            let (Some(m), Some(num)) = (c.get(0), c.name("a").or_else(|| c.name("b"))) else {
                continue;
            };
            let range = r.start + m.start()..r.start + m.end();
            if doc.in_code_span(range.start) {
                continue;
            }
            if let Ok(n) = num.as_str().parse() {
                out.push(Marker { n, range });
            }
        }
    }
    out
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let found = markers(cx.doc);
    let start = out.len();
    let mut all: Vec<u32> = found.iter().map(|m| m.n).collect();
    crate::sort::sort(&mut all);
    let mut highest: Option<u32> = None;
    for m in &found {
        let Some(prev) = highest else {
            highest = Some(m.n);
            continue;
        };
        if m.n <= prev {
            let what = if m.n == prev {
                format!("Checkpoint {} is marked complete twice", m.n)
            } else {
                format!(
                    "Checkpoint {} comes after Checkpoint {prev}; checkpoints must be in increasing order",
                    m.n
                )
            };
            out.push(
                cx.diag(m.range.clone(), what)
                    .with_help("record each checkpoint once, in the order it was completed"),
            );
        } else if m.n > prev + 1 {
            // Only the numbers that appear nowhere are missing (a late one is out of order).
            let missing: Vec<u32> = (prev + 1..m.n)
                .filter(|k| all.binary_search(k).is_err())
                .collect();
            if !missing.is_empty() {
                let list = match missing.as_slice() {
                    [one] => format!("Checkpoint {one} is missing"),
                    [first, .., last] if last - first + 1 == missing.len() as u32 => {
                        format!("Checkpoints {first}–{last} are missing")
                    }
                    many => format!(
                        "Checkpoints {} are missing",
                        many.iter()
                            .map(u32::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                out.push(
                    cx.diag(
                        m.range.clone(),
                        format!("Checkpoint {} follows Checkpoint {prev}; {list}", m.n),
                    )
                    .with_help("checkpoints are sequential: complete and record the skipped ones"),
                );
            }
        }
        highest = Some(prev.max(m.n));
    }
    // One finding per line is enough to point at a garbled checkpoint log.
    let index = &cx.doc.line_index;
    let mut last_line = None;
    let mut kept = start;
    for i in start..out.len() {
        let line = index.line_of(out[i].range.start);
        if last_line != Some(line) {
            out.swap(kept, i);
            kept += 1;
            last_line = Some(line);
        }
    }
    out.truncate(kept);
}
