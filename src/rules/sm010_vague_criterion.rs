//! `vague-criterion`: an acceptance criterion, "Done when" or DoD that a tester cannot check.

use crate::document::criteria::SUCCESS_HEADINGS;
use crate::document::CriterionSource;
use crate::rules::prelude::*;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Reads every criterion of the document (acceptance criteria items, success criteria /
    /// success metrics / definition of done items, `Done when:` fields of tasks, goal-kit
    /// `DoD` cells) and reports one that rests on vague words with nothing measurable
    /// beside them:
    ///
    /// - judgement words (`vague-words`: "works correctly", "properly", "good", "fast",
    ///   "robust", "seamless", "intuitive", "user-friendly", "as needed", "appropriate",
    ///   "adequate", ...) are vague unless the criterion also has a **measurable element**:
    ///   a number (`1M rows`, `5 minutes`, `HTTP 429`, `90%`), a comparison (`<`, `≤`,
    ///   `>=`, "at most", "at least", "no more than", "within"), a count word ("zero",
    ///   "three"), or something named in backticks (a test, a file, a command);
    /// - pass/fail words (`weak-vague-words`: "tests pass", "works", "implemented") are vague
    ///   unless the criterion is measurable or at least says which: a quantifier ("all",
    ///   "every", "no"), a named test suite ("integration tests"), a file name or a tool
    ///   ("pytest", "cargo").
    ///
    /// With `require-measurable = true` every criterion without any of those elements is
    /// reported, vague words or not. HTML comments and tags in a criterion are ignored;
    /// a word glued to a hyphen ("better-uuid") is a name, not a vague word. Items of a
    /// sub-section of "Success Metrics" about how the metrics are followed ("Monitoring &
    /// Reporting", "Measurement Plan", "Tracking") describe a process, not success, and are
    /// not read as criteria.
    ///
    /// ## Why
    /// The PRD agent's Checkpoint 4 demands "8+ specific, measurable acceptance criteria"
    /// and lists the difference: "Offload works correctly", "Performance is good" and "Tests
    /// pass" are vague; "Processes 1M rows in <5 minutes", "Query count ≤2 per offload
    /// operation" and "Coverage ≥90% for modified modules" are measurable. A vague criterion
    /// lets anything count as done.
    ///
    /// ## Example
    /// ```markdown
    /// ## Acceptance Criteria
    /// - [ ] **AC1**: Offload works correctly
    /// - [ ] **AC2**: Processes 1M rows in <5 minutes
    /// ```
    /// reports AC1: `vague criterion: "works correctly" with nothing measurable`.
    ///
    /// ## How to fix
    /// Say what a tester measures or runs: a number with a unit, a limit, a percentage, a
    /// count, or the command or test that proves it. Add team words with
    /// `extend-vague-words = ["snappy"]` at the top of the configuration, or replace the
    /// lists with the `vague-words` / `weak-vague-words` options.
    pub static RULE = {
        code: "SM010",
        name: "vague-criterion",
        summary: "Criterion with vague words and nothing measurable",
        category: Category::Measurability,
        tags: &["prd", "tasks", "research", "goalkit"],
        kinds: &[Kind::Prd, Kind::Tasks, Kind::GoalkitTasks, Kind::Research],
        severity: Severity::Warning,
        fixable: false,
        options: &[
            OptionSpec {
                name: "vague-words",
                doc: "Judgement words and phrases; vague unless the criterion has a number, a comparison or a named check.",
                default: OptionDefault::StrList(VAGUE_WORDS),
            },
            OptionSpec {
                name: "weak-vague-words",
                doc: "Pass/fail words; vague unless the criterion is measurable or names what (all / every / no, a test suite, a file, a tool).",
                default: OptionDefault::StrList(WEAK_VAGUE_WORDS),
            },
            OptionSpec {
                name: "require-measurable",
                doc: "Report every criterion without a measurable element, vague words or not.",
                default: OptionDefault::Bool(false),
            },
        ],
        check: check,
    }
}

const VAGUE_WORDS: &[&str] = &[
    "works correctly",
    "work correctly",
    "working correctly",
    "works as expected",
    "work as expected",
    "works properly",
    "works well",
    "as expected",
    "correctly",
    "properly",
    "performance is good",
    "good",
    "good enough",
    "better",
    "fast",
    "faster",
    "quick",
    "quickly",
    "efficient",
    "efficiently",
    "performant",
    "scalable",
    "robust",
    "reliable",
    "seamless",
    "seamlessly",
    "intuitive",
    "user-friendly",
    "user friendly",
    "easy to use",
    "easy",
    "simple",
    "clean",
    "nice",
    "reasonable",
    "reasonably",
    "sufficient",
    "sufficiently",
    "adequate",
    "adequately",
    "appropriate",
    "appropriately",
    "acceptable",
    "optimal",
    "optimized",
    "high quality",
    "high-quality",
    "as needed",
    "as necessary",
    "if needed",
    "when needed",
    "as appropriate",
    "gracefully",
    "smooth",
    "smoothly",
    "minimal",
    "improved",
    "enhanced",
    "etc",
    "and so on",
    "no issues",
    "without issues",
    "bug-free",
    "production-ready",
    "responsive",
    "comprehensive",
    "significant",
    "significantly",
];

const WEAK_VAGUE_WORDS: &[&str] = &[
    "tests pass",
    "tests passing",
    "tests are passing",
    "test passes",
    "works",
    "working",
    "is done",
    "is complete",
    "is implemented",
    "implemented",
    "is ready",
    "finished",
];

/// A number, a comparison, a count word: something a tester measures.
static STRONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)\d|[<>≤≥≠±]|(?-u:\b)(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty|hundred|thousand|million|billion|half|twice|once|percent)(?-u:\b)|(?-u:\b)(?:at (?:most|least)|no (?:more|fewer|less) than|(?:less|more|fewer|greater|lower|higher|faster|slower) than|within|maximum|minimum|exactly)(?-u:\b)",
    )
    .expect("static regex")
});

/// Says which: a quantifier, a named test suite, a file name, a tool.
static WEAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:all|every|each|no|none|never|only|both|neither)(?-u:\b)|(?-u:\b)(?:unit|integration|e2e|end-to-end|regression|smoke|snapshot|property|contract|load|performance|acceptance|api|ui|browser|component)[- ]tests?(?-u:\b)|(?-u:\b)[\w./-]+\.(?:py|rs|ts|tsx|js|jsx|mjs|go|md|toml|ya?ml|json|sql|sh|java|kt|rb|css|html|txt|lock)(?-u:\b)|(?-u:\b)(?:pytest|cargo|npm|pnpm|yarn|make|mypy|ruff|black|eslint|prettier|tsc|jest|vitest|playwright|cypress|clippy|pyright|gradle|mvn)(?-u:\b)",
    )
    .expect("static regex")
});

/// HTML comments and tags: not part of what the criterion says (`<!-- note -->`, `<br>`).
static HTML: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<!--.*?(?:-->|$)|</?[A-Za-z][^<>]*>").expect("static regex"));

/// Inline code (a named test, file or command).
static CODE_SPAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`[^`]+`").expect("static regex"));

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let criteria = cx.doc.criteria();
    // The phrase regexes are built per document; a document without criteria needs none.
    if criteria.is_empty() {
        return;
    }
    let mut vague_list = cx.str_list("vague-words");
    vague_list.extend(cx.config.extend_vague_words.iter().cloned());
    let vague = phrase_regex(&vague_list);
    let weak_vague = phrase_regex(&cx.str_list("weak-vague-words"));
    let require = cx.bool("require-measurable");
    for c in criteria {
        if c.text.len() > 10_000 || c.text.trim().is_empty() {
            continue;
        }
        if c.source == CriterionSource::Success && in_process_section(cx.doc, c.range.start) {
            continue;
        }
        let text = if c.text.contains('<') {
            HTML.replace_all(&c.text, " ")
        } else {
            Cow::Borrowed(c.text.as_str())
        };
        // A test, file or command named in backticks is a check.
        if text.contains('`') && CODE_SPAN.is_match(&text) {
            continue;
        }
        let hits = find_phrases(vague.as_ref(), &text);
        let weak_hits = find_phrases(weak_vague.as_ref(), &text);
        if (hits.is_empty() && weak_hits.is_empty() && !require) || STRONG.is_match(&text) {
            continue;
        }
        let weak = WEAK.is_match(&text);
        let message = if !hits.is_empty() {
            format!("vague criterion: {} with nothing measurable", quoted(&hits))
        } else if !weak_hits.is_empty() && !weak {
            format!(
                "vague criterion: {} without saying what or how much",
                quoted(&weak_hits)
            )
        } else if require && !weak {
            "criterion has no measurable element".to_string()
        } else {
            continue;
        };
        out.push(cx.diag(c.range.clone(), message).with_help(
            "state what a tester measures or runs: a number with a unit, a limit (<, ≤, at most), \
             a percentage, a count, or the test or command that proves it \
             (e.g. \"processes 1M rows in <5 minutes\", \"coverage ≥90% for modified modules\")",
        ));
    }
}

/// Words of a sub-section title that say it describes how success is followed, not what it
/// is ("### Monitoring & Reporting" under "## Success Metrics": "Weekly reports", "Quarterly
/// reviews with leadership").
const PROCESS_WORDS: &[&str] = &[
    "monitoring",
    "reporting",
    "reports",
    "measurement",
    "measurements",
    "measuring",
    "tracking",
    "instrumentation",
    "dashboards",
    "data collection",
];

/// Whether `offset` lies in a sub-section of a success section whose title is about
/// monitoring or reporting. Sections nest at most six deep, so the walk is short.
fn in_process_section(doc: &Document<'_>, offset: usize) -> bool {
    let mut s = Some(doc.section_at(offset));
    while let Some(i) = s {
        let section = &doc.sections[i];
        if section.parent.is_none() || text::heading_matches(&section.title, SUCCESS_HEADINGS) {
            return false;
        }
        let norm = text::normalize_heading(&section.title);
        if PROCESS_WORDS
            .iter()
            .any(|w| crate::rules::sections::contains_words(&norm, w))
        {
            return true;
        }
        s = section.parent;
    }
    false
}

/// One case-insensitive regex for a list of words and phrases (longest first, so "works
/// correctly" wins over "correctly"); spaces and hyphens inside a phrase match either.
fn phrase_regex(list: &[String]) -> Option<Regex> {
    let mut words: Vec<&str> = list
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    crate::sort::sort_by_key(&mut words, |w| std::cmp::Reverse(w.len()));
    let alts: Vec<String> = words
        .iter()
        .map(|w| {
            let body = w
                .split([' ', '-'])
                .filter(|p| !p.is_empty())
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"[\s-]+");
            // ASCII word boundaries keep the regex on its fast engine; a phrase that
            // starts or ends with a non-ASCII letter gets a Unicode boundary there.
            let edge = |c: Option<char>| {
                if c.is_some_and(|c| c.is_ascii()) {
                    r"(?-u:\b)"
                } else {
                    r"\b"
                }
            };
            format!(
                "{}{body}{}",
                edge(w.chars().next()),
                edge(w.chars().next_back())
            )
        })
        .collect();
    Regex::new(&format!(r"(?i)(?:{})", alts.join("|"))).ok()
}

/// Distinct phrases found, skipping matches glued to a hyphen ("better-uuid" is a name).
fn find_phrases(re: Option<&Regex>, text: &str) -> Vec<String> {
    let Some(re) = re else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for m in re.find_iter(text) {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if before == Some('-') || after == Some('-') {
            continue;
        }
        let w = m.as_str().to_lowercase();
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

fn quoted(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
