//! `vague-criterion`: an acceptance criterion, "Done when" or DoD that a tester cannot check.

use crate::document::criteria::SUCCESS_HEADINGS;
use crate::document::CriterionSource;
use crate::rules::prelude::*;
use regex::Regex;
use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

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
    ///   "every", "no"), a named test suite ("integration tests"), a file name, a tool
    ///   ("pytest", "cargo"), or a component named as such ("FastAPI adapter working",
    ///   "API proxy to Litestar works": an acronym, a CamelCase or capitalized name).
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

/// Whether a pass/fail criterion names what passes: a component written as a name
/// ("Starlette and FastAPI adapters working", "API proxy to Litestar works", "HMR
/// functional"): an acronym, a CamelCase name, or a capitalized word after the first.
/// "Export works" names nothing a tester can pick out.
fn names_component(text: &str) -> bool {
    let words = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty());
    words.enumerate().any(|(i, w)| {
        let upper = w.chars().filter(char::is_ascii_uppercase).count();
        let acronym = upper >= 2
            && w.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        let camel = upper >= 2 && w.chars().any(|c| c.is_ascii_lowercase());
        let name =
            i > 0 && upper == 1 && w.starts_with(|c: char| c.is_ascii_uppercase()) && w.len() > 1;
        acronym || camel || name
    })
}

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
    let (mut own_vague, mut own_weak) = (None, None);
    let vague = prepared(vague_list, VAGUE_WORDS, &DEFAULT_VAGUE, &mut own_vague);
    let weak_list = cx.str_list("weak-vague-words");
    let weak_vague = prepared(weak_list, WEAK_VAGUE_WORDS, &DEFAULT_WEAK, &mut own_weak);
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
            Cow::Borrowed(&*c.text)
        };
        // A test, file or command named in backticks is a check.
        if text.contains('`') && CODE_SPAN.is_match(&text) {
            continue;
        }
        let hits = vague.find(&text);
        let weak_hits = weak_vague.find(&text);
        if (hits.is_empty() && weak_hits.is_empty() && !require) || STRONG.is_match(&text) {
            continue;
        }
        let weak = WEAK.is_match(&text) || names_component(&text);
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
        if section.parent.is_none()
            || text::normalized_matches(&section.norm_title, SUCCESS_HEADINGS)
        {
            return false;
        }
        let norm = &section.norm_title;
        if PROCESS_WORDS
            .iter()
            .any(|w| crate::rules::sections::contains_words(norm, w))
        {
            return true;
        }
        s = section.parent;
    }
    false
}

static DEFAULT_VAGUE: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(VAGUE_WORDS.iter().map(|w| w.to_string()).collect()));
static DEFAULT_WEAK: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(WEAK_VAGUE_WORDS.iter().map(|w| w.to_string()).collect()));

/// The phrases of `list`: the default ones, prepared once, when `list` is the default list
/// `default_list`; otherwise `list` prepared into `own` for this document.
fn prepared<'p>(
    list: Vec<String>,
    default_list: &[&str],
    default: &'p Phrases,
    own: &'p mut Option<Phrases>,
) -> &'p Phrases {
    if same(&list, default_list) {
        default
    } else {
        own.insert(Phrases::new(list))
    }
}

fn same(list: &[String], default: &[&str]) -> bool {
    list.len() == default.len() && list.iter().zip(default).all(|(a, b)| a == b)
}

/// A list of words and phrases, found case-insensitively as whole words; spaces and hyphens
/// inside a phrase match any run of whitespace and hyphens. The definition is
/// [`phrase_regex`]; [`Phrases::find`] matches ASCII phrases by hand with the same results,
/// since building that regex per document costs more than linting a typical document, and
/// matching it without the regex crate's fast engines (the wasm build) is slow.
struct Phrases {
    list: Vec<String>,
    /// The phrases in the regex's order of preference (longest first), each as its parts
    /// in lowercase; `None` when a phrase is out of the hand matcher's reach.
    alts: Option<Vec<Vec<Vec<u8>>>>,
    /// Per lowercase first byte, the phrases starting with it (indexes into `alts`, in
    /// order).
    by_first: Vec<Vec<usize>>,
    regex: OnceLock<Option<Regex>>,
}

impl Phrases {
    fn new(list: Vec<String>) -> Phrases {
        let mut by_first = vec![Vec::new(); 256];
        let mut alts = Some(Vec::new());
        for w in ordered(&list) {
            let parts: Vec<Vec<u8>> = w
                .split([' ', '-'])
                .filter(|p| !p.is_empty())
                .map(|p| p.as_bytes().to_ascii_lowercase())
                .collect();
            // By hand: ASCII phrases whose parts start with something other than the
            // separators (so a separator run is always taken whole).
            let simple = w.is_ascii()
                && !parts.is_empty()
                && parts
                    .iter()
                    .all(|p| p.first().is_some_and(|&b| !is_sep(char::from(b))));
            match (&mut alts, simple) {
                (Some(a), true) => {
                    by_first[usize::from(parts[0][0])].push(a.len());
                    a.push(parts);
                }
                _ => alts = None,
            }
        }
        Phrases {
            list,
            alts,
            by_first,
            regex: OnceLock::new(),
        }
    }

    /// Distinct phrases found (lowercase), skipping matches glued to a hyphen
    /// ("better-uuid" is a name).
    fn find(&self, text: &str) -> Vec<String> {
        match &self.alts {
            // Unicode case folding matches `k` to the Kelvin sign and `s` to the long s;
            // such text goes to the regex.
            Some(alts) if !crate::scan::has_folding_char(text) => {
                let mut out = Vec::new();
                let b = text.as_bytes();
                let mut i = 0;
                while i < b.len() {
                    // A match starts with a phrase's first letter, at a word boundary.
                    let first = &self.by_first[usize::from(b[i].to_ascii_lowercase())];
                    if !first.is_empty() && ascii_boundary(b, i) {
                        let found = first.iter().find_map(|&a| match_at(text, i, &alts[a]));
                        if let Some(end) = found {
                            push_hit(text, i, end, &mut out);
                            i = end;
                            continue;
                        }
                    }
                    // No boundary inside a run of word bytes: the next place a match can
                    // start is the run's end.
                    i += 1;
                    if is_word_byte(b[i - 1]) {
                        while i < b.len() && is_word_byte(b[i]) {
                            i += 1;
                        }
                    }
                }
                out
            }
            _ => {
                let re = self.regex.get_or_init(|| phrase_regex(&self.list));
                let mut out = Vec::new();
                for m in re.iter().flat_map(|re| re.find_iter(text)) {
                    push_hit(text, m.start(), m.end(), &mut out);
                }
                out
            }
        }
    }
}

/// The phrase `parts` at `at` (word boundaries at both ends), returning its end.
fn match_at(text: &str, at: usize, parts: &[Vec<u8>]) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = at;
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            // One or more whitespace characters or hyphens.
            let start = i;
            while let Some(c) = text[i..].chars().next().filter(|&c| is_sep(c)) {
                i += c.len_utf8();
            }
            if i == start {
                return None;
            }
        }
        let end = i + part.len();
        if !b.get(i..end).is_some_and(|t| t.eq_ignore_ascii_case(part)) {
            return None;
        }
        i = end;
    }
    (ascii_boundary(b, at) && ascii_boundary(b, i)).then_some(i)
}

/// `(?-u:\b)` at `at`: a word byte on exactly one side (the ends of the text count as
/// non-word).
fn ascii_boundary(b: &[u8], at: usize) -> bool {
    let before = at > 0 && is_word_byte(b[at - 1]);
    let after = b.get(at).is_some_and(|&c| is_word_byte(c));
    before != after
}

fn push_hit(text: &str, start: usize, end: usize, out: &mut Vec<String>) {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    if before == Some('-') || after == Some('-') {
        return;
    }
    let w = text[start..end].to_lowercase();
    if !out.contains(&w) {
        out.push(w);
    }
}

/// `[\s-]` of the regex.
fn is_sep(c: char) -> bool {
    c == '-' || c.is_whitespace()
}

/// A word byte for an ASCII word boundary (`(?-u:\b)`): non-ASCII bytes are not.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The non-empty trimmed phrases, longest first (stable: ties keep their order).
fn ordered(list: &[String]) -> Vec<&str> {
    let mut words: Vec<&str> = list
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .collect();
    crate::sort::sort_by_key(&mut words, |w| std::cmp::Reverse(w.len()));
    words
}

/// One case-insensitive regex for a list of words and phrases (longest first, so "works
/// correctly" wins over "correctly"); spaces and hyphens inside a phrase match either.
fn phrase_regex(list: &[String]) -> Option<Regex> {
    let words = ordered(list);
    if words.is_empty() {
        return None;
    }
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

fn quoted(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_regex(re: Option<&Regex>, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for m in re.iter().flat_map(|re| re.find_iter(text)) {
            push_hit(text, m.start(), m.end(), &mut out);
        }
        out
    }

    fn lists() -> Vec<Vec<String>> {
        let own = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        vec![
            own(VAGUE_WORDS),
            own(WEAK_VAGUE_WORDS),
            own(&[
                "(x)",
                "a_b",
                " spaced  out ",
                "x\ty",
                "-lead",
                "trail-",
                "k8s",
            ]),
        ]
    }

    /// Texts built from pieces that stress boundaries, separators and case.
    fn texts() -> Vec<String> {
        let pieces = [
            "works",
            "Correctly",
            "WORKS",
            "correctly",
            "as",
            "expected",
            "easy",
            "to",
            "use",
            "user",
            "friendly",
            "tests",
            "pass",
            "x",
            "y",
            "(x)",
            "a_b",
            "k8s",
            "spaced",
            "out",
            "lead",
            "trail",
            "good",
            "goodé",
            "é",
            "_",
            " ",
            "  ",
            "-",
            "--",
            " - ",
            "\t",
            "\n",
            "\u{a0}",
            "\u{2003}",
            "\u{b}",
            ",",
            ".",
            "better-uuid",
            "1",
            "ok",
        ];
        crate::testing::random_texts(&pieces, 1..=9, 4000, 0x2545_f491_4f6c_dd1du64)
    }

    #[test]
    fn hand_matcher_agrees_with_the_regex() {
        for list in lists() {
            let phrases = Phrases::new(list.clone());
            assert!(phrases.alts.is_some(), "{list:?} should be matched by hand");
            let re = phrase_regex(&list);
            for text in texts() {
                assert_eq!(
                    phrases.find(&text),
                    by_regex(re.as_ref(), &text),
                    "list {list:?}, text {text:?}"
                );
            }
        }
    }

    #[test]
    fn lists_out_of_reach_use_the_regex() {
        let list: Vec<String> = ["naïve", "-", "a \tx"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for w in &list {
            let one = vec![w.clone()];
            assert!(Phrases::new(one.clone()).alts.is_none(), "{w:?}");
            for text in ["naïve", "a - b", "a \tx", "a  \tx", "NAÏVE x"] {
                let re = phrase_regex(&one);
                assert_eq!(
                    Phrases::new(one.clone()).find(text),
                    by_regex(re.as_ref(), text)
                );
            }
        }
        // Case folding beyond ASCII: only these two characters match ASCII letters.
        let list: Vec<String> = vec!["okx".into(), "yess".into()];
        let text = "o\u{212a}x ye\u{17f}s";
        let found = Phrases::new(list.clone()).find(text);
        assert_eq!(found, by_regex(phrase_regex(&list).as_ref(), text));
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn only_kelvin_and_long_s_fold_to_ascii_letters() {
        let all: String = (0x80..=0x10ffffu32).filter_map(char::from_u32).collect();
        let re = Regex::new(r"(?i)[a-z]").unwrap();
        let folding: Vec<char> = re
            .find_iter(&all)
            .flat_map(|m| m.as_str().chars())
            .collect();
        assert_eq!(folding, ['\u{17f}', '\u{212a}']);
    }
}
