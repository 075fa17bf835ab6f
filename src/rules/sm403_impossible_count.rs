//! `impossible-count`: progress numbers that cannot be true: 12/10 tests passing, 120%
//! coverage.

use crate::document::Table;
use crate::rules::prelude::*;
use crate::scan::{may_have_digit, Literals};
use regex::{Captures, Regex};
use std::collections::HashSet;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Reports counts that cannot be true:
    /// - a part larger than its whole: "Passing: 12/10", "12/10 tests", "7 of 5 tasks
    ///   complete", or a bare `12/10` in a table column named Tests, Passing, Assertions,
    ///   Progress, Completed or Done;
    /// - a percentage over 100 for something that tops out at 100: "Coverage: 120%",
    ///   "Progress: 105%", "150% complete", or such a value in a Coverage / Progress /
    ///   Completion / Pass Rate column.
    ///
    /// Only numbers next to such words are read, so dates (`11/22`), ratios and "300%
    /// faster" are left alone, and "100%+" (at least 100) is fine. Nothing inside code
    /// blocks or code spans is checked.
    ///
    /// ## Why
    /// Recovery notes and task lists are updated by hand (or by an agent) session after
    /// session; a count that exceeds its total shows that one of the two numbers was not
    /// updated, and the reader cannot tell which one to trust.
    ///
    /// ## Example
    /// ```markdown
    /// - **Unit Tests**: Passing
    ///   - Passing: 52/48 tests
    ///   - Coverage: 104%
    /// ```
    ///
    /// ## How to fix
    /// Re-run the tests or recount the tasks and write both numbers from the same run.
    pub static RULE = {
        code: "SM403",
        name: "impossible-count",
        summary: "Count larger than its total, or a percentage over 100",
        category: Category::Consistency,
        tags: &["recovery", "tasks", "prd"],
        kinds: &[Kind::Recovery, Kind::Tasks, Kind::Prd],
        severity: Severity::Error,
        fixable: false,
        options: &[],
        check: check,
    }
}

const MARK: &str = r"[*_`]*";

// Numbers are ASCII `[0-9]`, not Unicode `\d` (a much larger automaton to build in every
// process). Nothing changes: a number holding another script's digit cannot be parsed and
// was never reported, and because `\b` and `\w` stay Unicode (such digits are word
// characters), an ASCII run touching one cannot match on its own either (tested below).

/// "Passing: 12/10", "Tests - 12/10".
static FRACTION_AFTER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:passing|passed|tests?|assertions?|checks?|progress|completed?|done|tasks?|criteria){MARK}\s*[:=\-–—]?\s*{MARK}\s*([0-9]{{1,9}})\s*/\s*([0-9]{{1,9}})\b"
    ))
    .expect("static regex")
});

/// "12/10 tests", "7 of 5 tasks", "3 out of 2 passing".
static FRACTION_BEFORE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b([0-9]{{1,9}})\s*(?:/|\bof\b|\bout of\b)\s*([0-9]{{1,9}}){MARK}\s+(?:\w+\s+)?(?:tests?|passing|passed|tasks?|complete|completed|done|checks?|assertions?|criteria|items|steps|subtasks|cases|phases)\b"
    ))
    .expect("static regex")
});

/// "Coverage: 120%", "Progress ~105%".
static PERCENT_AFTER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:coverage|completion|complete|completed|progress|passing|pass rate|success rate|done){MARK}\s*[:=\-–—]?\s*{MARK}\s*[~≈]?\s*([0-9]{{1,9}}(?:\.[0-9]+)?)\s*%"
    ))
    .expect("static regex")
});

/// "120% complete", "105% coverage".
static PERCENT_BEFORE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[^\w.])([0-9]{{1,9}}(?:\.[0-9]+)?)\s*%\+?{MARK}\s+(?:test\s+|code\s+)?(?:coverage|complete|completed|done|passing)\b"
    ))
    .expect("static regex")
});

static BARE_FRACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*([0-9]{1,9})\s*(?:/|\bof\b)\s*([0-9]{1,9})\b").expect("static regex")
});

static BARE_PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[~≈]?\s*([0-9]{1,9}(?:\.[0-9]+)?)\s*%").expect("static regex")
});

/// The word of "7 of 5 tasks" and "3 out of 2".
const OF: Literals = Literals::ci(&["of"]);

const COUNT_COLUMNS: &[&str] = &[
    "tests",
    "test",
    "passing",
    "passed",
    "assertions",
    "progress",
    "completed",
    "complete",
    "done",
    "checks",
    "results",
];
const PERCENT_COLUMNS: &[&str] = &[
    "coverage",
    "progress",
    "completion",
    "complete",
    "pass rate",
    "success rate",
    "done",
];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let mut seen = HashSet::new();
    for block in &doc.inlines {
        for r in block.prose_ranges(doc) {
            if r.len() > 10_000 {
                continue;
            }
            let text = doc.text(&r);
            // Every pattern needs a digit; fractions need `/` or "of", percentages `%`.
            if !may_have_digit(text) {
                continue;
            }
            let slash = text.contains('/');
            if slash || OF.in_text(text) {
                let after_word = slash.then_some(&*FRACTION_AFTER_WORD);
                for re in after_word.into_iter().chain([&*FRACTION_BEFORE_WORD]) {
                    for c in re.captures_iter(text) {
                        fraction(cx, &c, r.start, text, &mut seen, out);
                    }
                }
            }
            if text.contains('%') {
                for re in [&*PERCENT_AFTER_WORD, &*PERCENT_BEFORE_WORD] {
                    for c in re.captures_iter(text) {
                        percent(cx, &c, r.start, text, &mut seen, out);
                    }
                }
            }
        }
    }
    for table in &doc.tables {
        let counts = columns(table, COUNT_COLUMNS);
        let percents = columns(table, PERCENT_COLUMNS);
        for row in &table.rows {
            let cell_text = |col: usize| {
                let cell = row.cells.get(col)?;
                let text = doc.text(&cell.range);
                let lead = text.len() - text.trim_start().len();
                (text.len() <= 10_000 && !doc.in_code_span(cell.range.start + lead))
                    .then_some((cell.range.start, text))
            };
            for (base, text) in counts.iter().filter_map(|&c| cell_text(c)) {
                if let Some(c) = BARE_FRACTION.captures(text) {
                    fraction(cx, &c, base, text, &mut seen, out);
                }
            }
            for (base, text) in percents.iter().filter_map(|&c| cell_text(c)) {
                if let Some(c) = BARE_PERCENT.captures(text) {
                    percent(cx, &c, base, text, &mut seen, out);
                }
            }
        }
    }
}

/// Every column whose header is one of `names`.
fn columns(table: &Table, names: &[&str]) -> Vec<usize> {
    table
        .header
        .iter()
        .enumerate()
        .filter(|(_, h)| names.contains(&text::normalize_heading(&h.text).as_str()))
        .map(|(i, _)| i)
        .collect()
}

fn num(c: &Captures<'_>, i: usize) -> Option<f64> {
    c.get(i).and_then(|m| m.as_str().parse().ok())
}

/// Part of a date, version or path (`2025/11/22`, `1/2/3`, `3/4.5`): not a count.
fn embedded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let next = after.next();
    let then = after.next();
    matches!(before, Some('/' | '.' | '-'))
        || before.is_some_and(|c| c.is_ascii_digit())
        || next == Some('/')
        || (matches!(next, Some('.' | '-' | ':')) && then.is_some_and(|c| c.is_ascii_digit()))
}

/// Report `part/whole` when the part is larger.
fn fraction(
    cx: &Context<'_>,
    c: &Captures<'_>,
    base: usize,
    text: &str,
    seen: &mut HashSet<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let (Some(part), Some(whole), Some(pm), Some(wm)) = (num(c, 1), num(c, 2), c.get(1), c.get(2))
    else {
        return;
    };
    if part <= whole || embedded(text, pm.start(), wm.end()) {
        return;
    }
    let range = base + pm.start()..base + wm.end();
    if !seen.insert(range.start) {
        return;
    }
    out.push(
        cx.diag(
            range,
            format!(
                "count `{}` is impossible: {} is more than the total of {}",
                &text[pm.start()..wm.end()],
                pm.as_str(),
                wm.as_str()
            ),
        )
        .with_help("recount and write both numbers from the same run"),
    );
}

/// Report a percentage over 100.
fn percent(
    cx: &Context<'_>,
    c: &Captures<'_>,
    base: usize,
    text: &str,
    seen: &mut HashSet<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let (Some(value), Some(m)) = (num(c, 1), c.get(1)) else {
        return;
    };
    if value <= 100.0 {
        return;
    }
    let end = text[m.end()..]
        .find('%')
        .map_or(m.end(), |i| m.end() + i + 1);
    let range = base + m.start()..base + end;
    if !seen.insert(range.start) {
        return;
    }
    out.push(
        cx.diag(
            range,
            format!("{}% is impossible here: it cannot be over 100%", m.as_str()),
        )
        .with_help("recompute the percentage from the current numbers"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::random_texts;

    /// The matches whose numbers parse (the only ones reported) are the same with ASCII
    /// digits as with Unicode `\d`, on texts that mix ASCII and other scripts' digits.
    #[test]
    fn ascii_digits_find_what_unicode_digits_find() {
        let pieces = [
            "Tests: ",
            "passing ",
            "Coverage ",
            "12",
            "7",
            "0",
            "\u{663}",
            "\u{967}",
            "\u{ff13}",
            "/",
            " of ",
            "%",
            " tests",
            " complete",
            ".5",
            ".",
            " ",
            "**",
            "x",
            "~",
            "-",
        ];
        let texts = random_texts(&pieces, 1..=12, 20_000, 0x5eed_0403);
        for re in [
            &*FRACTION_AFTER_WORD,
            &*FRACTION_BEFORE_WORD,
            &*PERCENT_AFTER_WORD,
            &*PERCENT_BEFORE_WORD,
            &*BARE_FRACTION,
            &*BARE_PERCENT,
        ] {
            assert!(re.as_str().contains("[0-9]") && !re.as_str().contains(r"\d"));
            let unicode = Regex::new(&re.as_str().replace("[0-9]", r"\d")).expect("regex");
            let parsed = |r: &Regex, t: &str| -> Vec<std::ops::Range<usize>> {
                r.captures_iter(t)
                    .filter(|c| {
                        c.iter()
                            .skip(1)
                            .flatten()
                            .all(|m| m.as_str().parse::<f64>().is_ok())
                    })
                    .filter_map(|c| c.get(0).map(|m| m.range()))
                    .collect()
            };
            let mut other_digits = 0;
            for t in &texts {
                assert_eq!(
                    parsed(re, t),
                    parsed(&unicode, t),
                    "{t:?} with {}",
                    re.as_str()
                );
                other_digits += unicode.find_iter(t).count() - parsed(&unicode, t).len();
            }
            // The texts do reach matches that hold other scripts' digits.
            assert!(other_digits >= 10, "{other_digits} with {}", re.as_str());
        }
    }
}
