//! Task ids, checkbox states and dependency references, in the forms real task lists use.

use super::TaskState;
use regex::Regex;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

/// A checkbox at the start of a list item's text: `[ ]`, `[x]`, `[X]`, `[-]`, `[~]`, `[/]`,
/// optionally followed by `*` (optional task).
pub struct Checkbox {
    pub state: TaskState,
    pub optional: bool,
    /// Length in bytes of the checkbox (and `*`), from the start of the item text.
    pub len: usize,
}

pub fn parse_checkbox(text: &str) -> Option<Checkbox> {
    let b = text.as_bytes();
    if b.len() < 3 || b[0] != b'[' || b[2] != b']' {
        return None;
    }
    let state = match b[1] {
        b' ' => TaskState::Open,
        b'x' | b'X' => TaskState::Done,
        b'-' | b'~' | b'/' => TaskState::InProgress,
        _ => return None,
    };
    let optional = b.get(3) == Some(&b'*');
    let len = if optional { 4 } else { 3 };
    // A checkbox is followed by whitespace or the end of the line.
    match b.get(len) {
        None | Some(b' ' | b'\t' | b'\n' | b'\r') => Some(Checkbox {
            state,
            optional,
            len,
        }),
        _ => None,
    }
}

/// The id forms, anchored at the start of a task's text (after the checkbox).
static ID_AT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            \*\*(?:Task\s+)?(?P<bold>[A-Z]{1,5}-?\d+(?:\.\d+)*|\d+(?:\.\d+)*)\*\*\s*:?   # **R1**: / **Task 1.2**:
          | \*\*(?:Task\s+)?(?P<boldc>[A-Z]{1,5}-?\d+(?:\.\d+)*|\d+(?:\.\d+)*):\*\*      # **Task 1.2:**
          | Task\s+(?P<word>\d+(?:\.\d+)*|[A-Z]{1,5}-?\d+)\b\s*:?                        # Task 3:
          | (?P<tid>T-?\d+(?:[.-]\d+)*)\b:?                                              # T001 / T-001 / T0: / T240.1 / T158-2
          | \[(?P<btid>T-?\d+(?:[.-]\d+)*)\]                                             # [T001]
          | (?P<num>\d+(?:\.\d+)+)\.?(?:\s|$)                                             # 1.1 / 2.3.
          | (?P<top>\d+)\.(?:\s|$)                                                       # 1.
        )",
    )
    .expect("static regex")
});

/// Find a task id at the start of `text` (`base` is the offset of `text` in the source).
/// Returns the id text and its source range.
pub fn id_at_start(text: &str, base: usize) -> Option<(&str, Range<usize>)> {
    // Every form starts with `*`, `T`, `[` or a digit: most titles are decided without the
    // regex.
    if !text.starts_with(|c: char| matches!(c, '*' | 'T' | '[') || c.is_ascii_digit()) {
        return None;
    }
    // ASCII titles by hand (the same result as the regex, which the tests check); others
    // through the regex, whose `\d`, `\s` and `\b` are Unicode.
    if text.is_ascii() {
        return ascii_id_at_start(text.as_bytes())
            .map(|r| (&text[r.clone()], base + r.start..base + r.end));
    }
    first_group(&ID_AT_START.captures(text)?, base)
}

/// [`ID_AT_START`] on ASCII text: the id's range, trying the forms in the regex's order.
fn ascii_id_at_start(b: &[u8]) -> Option<Range<usize>> {
    bold_id(b, false)
        .or_else(|| bold_id(b, true))
        .or_else(|| task_word_id(b))
        .or_else(|| {
            // `T-?\d+(?:[.-]\d+)*\b:?`: like the regex, a sub-task group that ends
            // inside a word is given back (`T-1.2x` is `T-1`).
            let mut end = t_id_end(b, 0)?;
            while !word_boundary(b, end) {
                end = b[..end].iter().rposition(|&c| c == b'.' || c == b'-')?;
                if end <= 1 || !b[end - 1].is_ascii_digit() {
                    return None;
                }
            }
            Some(0..end)
        })
        .or_else(|| {
            // `\[T-?\d+(?:[.-]\d+)*\]`
            let end = t_id_end(b, 1).filter(|_| b.first() == Some(&b'['))?;
            (b.get(end) == Some(&b']')).then_some(1..end)
        })
        .or_else(|| {
            // `\d+(?:\.\d+)+\.?(?:\s|$)`
            let (end, groups) = dotted_number_end(b, 0)?;
            let after = if b.get(end) == Some(&b'.') && space_or_end(b, end + 1) {
                end + 1
            } else {
                end
            };
            (groups > 0 && space_or_end(b, after)).then_some(0..end)
        })
        .or_else(|| {
            // `\d+\.(?:\s|$)`
            let end = digits_end(b, 0)?;
            (b.get(end) == Some(&b'.') && space_or_end(b, end + 1)).then_some(0..end)
        })
}

/// `\*\*(?:Task\s+)?(ID)\*\*` (or `ID:\*\*` when `colon`), ID being
/// `[A-Z]{1,5}-?\d+(?:\.\d+)*|\d+(?:\.\d+)*`.
fn bold_id(b: &[u8], colon: bool) -> Option<Range<usize>> {
    if !b.starts_with(b"**") {
        return None;
    }
    let close: &[u8] = if colon { b":**" } else { b"**" };
    let with_task = b[2..]
        .starts_with(b"Task")
        .then(|| spaces_end(b, 6))
        .filter(|&s| s > 6);
    // The optional "Task " is tried first, then the id right after `**`.
    with_task.into_iter().chain([2]).find_map(|start| {
        let end =
            letters_id_end(b, start).or_else(|| dotted_number_end(b, start).map(|(e, _)| e))?;
        b[end..].starts_with(close).then_some(start..end)
    })
}

/// `Task\s+(\d+(?:\.\d+)*|[A-Z]{1,5}-?\d+)\b`
fn task_word_id(b: &[u8]) -> Option<Range<usize>> {
    if !b.starts_with(b"Task") {
        return None;
    }
    let start = spaces_end(b, 4);
    if start == 4 {
        return None;
    }
    if let Some((end, _)) = dotted_number_end(b, start) {
        // The longest number that ends at a word boundary: the whole one, or one without
        // its last `.N` (the `.` is a boundary).
        if word_boundary(b, end) {
            return Some(start..end);
        }
        let last_dot = b[start..end].iter().rposition(|&c| c == b'.')?;
        return Some(start..start + last_dot);
    }
    let end = letters_digits_end(b, start)?;
    word_boundary(b, end).then_some(start..end)
}

/// `[A-Z]{1,5}-?\d+(?:\.\d+)*` at `at`: its end.
fn letters_id_end(b: &[u8], at: usize) -> Option<usize> {
    let end = letters_digits_end(b, at)?;
    Some(dot_groups_end(b, end).0)
}

/// `[A-Z]{1,5}-?\d+` at `at`: its end.
fn letters_digits_end(b: &[u8], at: usize) -> Option<usize> {
    let letters = b[at..]
        .iter()
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    if !(1..=5).contains(&letters) {
        return None;
    }
    let i = at + letters;
    digits_end(b, i).or_else(|| {
        (b.get(i) == Some(&b'-'))
            .then(|| digits_end(b, i + 1))
            .flatten()
    })
}

/// `T-?\d+(?:[.-]\d+)*` at `at`: its end. The `.N` / `-N` groups are sub-task ids
/// (`T240.1`, `T158-2` inserted after `T240` and `T158`), not their parent's id again.
fn t_id_end(b: &[u8], at: usize) -> Option<usize> {
    if b.get(at) != Some(&b'T') {
        return None;
    }
    let mut end = digits_end(b, at + 1).or_else(|| {
        (b.get(at + 1) == Some(&b'-'))
            .then(|| digits_end(b, at + 2))
            .flatten()
    })?;
    while matches!(b.get(end), Some(b'.' | b'-')) {
        match digits_end(b, end + 1) {
            Some(e) => end = e,
            None => break,
        }
    }
    Some(end)
}

/// `\d+(?:\.\d+)*` at `at`: its end and how many `.N` groups it has.
fn dotted_number_end(b: &[u8], at: usize) -> Option<(usize, usize)> {
    Some(dot_groups_end(b, digits_end(b, at)?))
}

fn dot_groups_end(b: &[u8], mut end: usize) -> (usize, usize) {
    let mut groups = 0;
    while b.get(end) == Some(&b'.') {
        match digits_end(b, end + 1) {
            Some(e) => {
                end = e;
                groups += 1;
            }
            None => break,
        }
    }
    (end, groups)
}

/// `\d+` at `at`: its end.
fn digits_end(b: &[u8], at: usize) -> Option<usize> {
    let n = b
        .get(at..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    (n > 0).then_some(at + n)
}

/// The end of the ASCII whitespace (`\s`) at `at`.
fn spaces_end(b: &[u8], at: usize) -> usize {
    at + b
        .get(at..)
        .map_or(0, |r| r.iter().take_while(|&&c| is_space(c)).count())
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn space_or_end(b: &[u8], at: usize) -> bool {
    b.get(at).is_none_or(|&c| is_space(c))
}

/// `\b` after a word character at `end - 1`: no word character at `end`.
fn word_boundary(b: &[u8], end: usize) -> bool {
    b.get(end)
        .is_none_or(|&c| !(c.is_ascii_alphanumeric() || c == b'_'))
}

/// The first participating capture group (the alternatives of the id regexes each have one,
/// in the order of preference), as text and source range.
fn first_group<'t>(caps: &regex::Captures<'t>, base: usize) -> Option<(&'t str, Range<usize>)> {
    let m = caps.iter().skip(1).flatten().next()?;
    Some((m.as_str(), base + m.start()..base + m.end()))
}

/// A heading that names a task: `Task 3: ...`, `3.2 Title`, `T0: Title`, `T001 Title`.
static HEADING_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            Task\s+(?P<word>\d+(?:\.\d+)*|[A-Z]{1,5}-?\d+)\b
          | (?P<tid>T-?\d+(?:[.-]\d+)*)\b
          | (?P<num>\d+\.\d+(?:\.\d+)*)\.?(?:\s|:|$)
        )",
    )
    .expect("static regex")
});

pub fn heading_task_id(text: &str, base: usize) -> Option<(&str, Range<usize>)> {
    if !text.starts_with(|c: char| c == 'T' || c.is_ascii_digit()) {
        return None;
    }
    first_group(&HEADING_ID.captures(text)?, base)
}

/// A reference to a task id found in text (borrowed from it, or made for the inside of
/// a range such as `T001-T004`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRef<'t> {
    pub id: Cow<'t, str>,
    pub range: Range<usize>,
}

static REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<prefix>\b(?:Phase|Day|Days|Week|Requirement|Requirements|Step|Sprint|Checkpoint|AC|SC|FR|US|v|P)\s*)?
        \b(?:Task\s+)?(?P<id>[A-Z]{1,5}-?\d+(?:\.\d+)*|\d+(?:\.\d+)*)\b(?P<wild>\.[xX*])?
        ",
    )
    .expect("static regex")
});

/// Ranges such as `T001-T005` are expanded up to this many ids; longer ones keep their ends
/// (a document of long ranges must not turn into millions of references).
const MAX_RANGE: u64 = 20;

/// Words that may stand right before a bare task number ("Task 1.1", "after 2.3", "and 4").
const NUMBER_LEAD_WORDS: &[&str] = &[
    "task", "tasks", "and", "or", "on", "after", "by", "see", "requires", "until", "then",
    "before", "also", "with", "plus", "once", "when", "from", "to",
];

/// Lowercase words after which a number is something else ("section 2.4", "issue 12").
const NOT_TASK_WORDS: &[&str] = &[
    "section",
    "sections",
    "chapter",
    "page",
    "step",
    "steps",
    "line",
    "lines",
    "version",
    "release",
    "phase",
    "day",
    "days",
    "week",
    "weeks",
    "sprint",
    "requirement",
    "requirements",
    "figure",
    "table",
    "rfc",
    "issue",
    "pr",
    "ticket",
    "story",
    "milestone",
    "port",
    "python",
    "node",
    "rev",
    "level",
    "priority",
    "stage",
];

/// Units that make a number a quantity ("after 2.5 seconds", "3 retries"), not a task.
const UNITS: &[&str] = &[
    "%", "ms", "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "h",
    "hr", "hrs", "hour", "hours", "d", "day", "days", "week", "weeks", "month", "months", "year",
    "years", "x", "kb", "mb", "gb", "tb", "px", "em", "rem", "rps", "qps", "percent", "times",
    "retries", "attempts", "items", "users", "requests", "req", "release", "version", "lts",
];

/// Task ids named in a dependency value such as "Task 1.1, 1.2", "T-001 (design)",
/// "2.1 and 2.3", "T001-T003". Numbers after words like "Phase" or "Day" are not ids;
/// neither are versions after a product name ("Python 3.11"), quantities ("2.5 seconds"),
/// years ("2024") or the end of a skipped range ("Phase 2-5"). `None`, `-` and wildcards
/// such as `2.x` yield nothing. A range expands to every id in it (each inner id gets the
/// range's span). `base` is the offset of `text` in the source.
pub fn extract_task_refs(text: &str, base: usize) -> Vec<TaskRef<'_>> {
    let mut out = Vec::new();
    // Every id has a digit.
    if !crate::scan::may_have_digit(text) {
        return out;
    }
    // The previous match: its end, and its id when it was kept.
    let mut prev: Option<(usize, Option<TaskRef>)> = None;
    for r in ref_matches(text) {
        let range_end = prev
            .as_ref()
            .filter(|(end, _)| is_range_dash(&text[*end..r.whole.start]));
        let skipped = r.prefix || r.wild || !plausible_number(text, r.id.start, r.id.end);
        let here = TaskRef {
            id: Cow::Borrowed(&text[r.id.clone()]),
            range: base + r.id.start..base + r.id.end,
        };
        let whole = r.whole;
        match range_end {
            // "Phase 2-5": the end of a skipped range is skipped too.
            Some((_, None)) => {
                prev = Some((whole.end, None));
                continue;
            }
            Some((_, Some(first))) if !skipped => {
                let span = first.range.start..here.range.end;
                out.extend(
                    range_inner(&first.id, &here.id)
                        .into_iter()
                        .map(|id| TaskRef {
                            id: Cow::Owned(id),
                            range: span.clone(),
                        }),
                );
            }
            _ => {}
        }
        if skipped {
            prev = Some((whole.end, None));
            continue;
        }
        out.push(here.clone());
        prev = Some((whole.end, Some(here)));
    }
    out
}

/// A match of [`REF`]: its whole range, the id's, and whether the optional prefix word and
/// wildcard took part.
#[derive(Debug, PartialEq, Eq)]
struct RefMatch {
    whole: Range<usize>,
    id: Range<usize>,
    prefix: bool,
    wild: bool,
}

/// The matches of [`REF`] in `text`: by hand for ASCII text (the same matches, which the
/// tests check), through the regex otherwise (its `\d`, `\s` and `\b` are Unicode).
fn ref_matches(text: &str) -> Vec<RefMatch> {
    if text.is_ascii() {
        return ascii_refs(text.as_bytes());
    }
    regex_refs(text)
}

/// The matches of [`REF`] in `text`, through the regex.
fn regex_refs(text: &str) -> Vec<RefMatch> {
    REF.captures_iter(text)
        .filter_map(|caps| {
            Some(RefMatch {
                whole: caps.get(0)?.range(),
                id: caps.name("id")?.range(),
                prefix: caps.name("prefix").is_some(),
                wild: caps.name("wild").is_some(),
            })
        })
        .collect()
}

/// The prefix words of [`REF`], in its order.
const REF_PREFIXES: &[&str] = &[
    "Phase",
    "Day",
    "Days",
    "Week",
    "Requirement",
    "Requirements",
    "Step",
    "Sprint",
    "Checkpoint",
    "AC",
    "SC",
    "FR",
    "US",
    "v",
    "P",
];

/// [`REF`] on ASCII text, leftmost first: at each word start, a prefix word and whitespace
/// (tried first), then an optional "Task" and whitespace, an id ending at a word boundary,
/// and an optional `.x` / `.*`.
fn ascii_refs(b: &[u8]) -> Vec<RefMatch> {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = Vec::new();
    let mut p = 0;
    while p < b.len() {
        if !word(b[p]) || (p > 0 && word(b[p - 1])) {
            p += 1;
            continue;
        }
        let with_prefix = REF_PREFIXES.iter().find_map(|w| {
            if !b[p..].starts_with(w.as_bytes()) {
                return None;
            }
            // `\s*\b` before a word character: at least one space.
            let s = spaces_end(b, p + w.len());
            (s > p + w.len()).then(|| ref_id(b, s)).flatten()
        });
        let found = match with_prefix {
            Some((id, end, wild)) => Some((id, end, wild, true)),
            None => ref_id(b, p).map(|(id, end, wild)| (id, end, wild, false)),
        };
        match found {
            Some((id, end, wild, prefix)) => {
                out.push(RefMatch {
                    whole: p..end,
                    id,
                    prefix,
                    wild,
                });
                p = end;
            }
            None => p += 1,
        }
    }
    out
}

/// `(?:Task\s+)?(ID)\b(\.[xX*])?` at `at`, ID being `[A-Z]{1,5}-?\d+(?:\.\d+)*` or
/// `\d+(?:\.\d+)*`: the id's range, the match's end and whether the wildcard is there.
fn ref_id(b: &[u8], at: usize) -> Option<(Range<usize>, usize, bool)> {
    let after_task = b[at..]
        .starts_with(b"Task")
        .then(|| spaces_end(b, at + 4))
        .filter(|&s| s > at + 4);
    let (start, end) = after_task.into_iter().chain([at]).find_map(|start| {
        let end = [letters_digits_end(b, start), digits_end(b, start)]
            .into_iter()
            .flatten()
            .find_map(|first| bounded_groups_end(b, first))?;
        Some((start, end))
    })?;
    let wild = b.get(end) == Some(&b'.') && matches!(b.get(end + 1), Some(b'x' | b'X' | b'*'));
    Some((start..end, if wild { end + 2 } else { end }, wild))
}

/// After an id's first number ending at `first`: the `.N` groups, as many as leave a word
/// boundary after the id (greedy, then giving back groups; a `.` is a boundary).
fn bounded_groups_end(b: &[u8], first: usize) -> Option<usize> {
    let (end, _) = dot_groups_end(b, first);
    if word_boundary(b, end) {
        return Some(end);
    }
    // Giving back the last group ends the id before a `.`.
    (end > first).then(|| first + b[first..end].iter().rposition(|&c| c == b'.').unwrap_or(0))
}

/// The text between two ids of a range: a dash with optional spaces.
fn is_range_dash(between: &str) -> bool {
    let t = between.trim();
    matches!(t, "-" | "–" | "—" | "..")
}

/// Split an id into its letter prefix (with a trailing `-`) and its number parts.
pub fn split_id(id: &str) -> (&str, Vec<u64>) {
    let digits = id.find(|c: char| c.is_ascii_digit()).unwrap_or(id.len());
    let parts = id[digits..]
        .split('.')
        .map(|p| p.parse::<u64>().unwrap_or(u64::MAX))
        .collect();
    (&id[..digits], parts)
}

/// Ids strictly between `a` and `b` when they differ only in their last number
/// (`T001`-`T004` gives T002, T003 with T001's zero padding; `1.1`-`1.3` gives 1.2).
fn range_inner(a: &str, b: &str) -> Vec<String> {
    let (pa, na) = split_id(a);
    let (pb, nb) = split_id(b);
    if pa != pb || na.len() != nb.len() || na[..na.len() - 1] != nb[..nb.len() - 1] {
        return Vec::new();
    }
    let (Some(&lo), Some(&hi)) = (na.last(), nb.last()) else {
        return Vec::new();
    };
    if hi <= lo.saturating_add(1) || hi - lo > MAX_RANGE {
        return Vec::new();
    }
    let width = a.bytes().rev().take_while(u8::is_ascii_digit).count();
    let stem = &a[..a.len() - width];
    let pad = a[stem.len()..].starts_with('0');
    (lo + 1..hi)
        .map(|n| {
            if pad {
                format!("{stem}{n:0width$}")
            } else {
                format!("{stem}{n}")
            }
        })
        .collect()
}

/// Whether a bare number at `start..end` of `text` can be a task number. Ids with a letter
/// prefix always can.
fn plausible_number(text: &str, start: usize, end: usize) -> bool {
    let id = &text[start..end];
    if id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return true;
    }
    // Years and other long numbers; the tail of a dotted token ("v1.2" gives no "2").
    if (!id.contains('.') && id.len() >= 4) || text[..start].ends_with('.') {
        return false;
    }
    let before = text[..start].trim_end();
    let word_start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &before[word_start..];
    let spaced_word = before.len() < text[..start].len() && !word.is_empty();
    let lower = word.to_lowercase();
    // "Python 3.11", "Angular 18": a capitalized name right before the number; "section
    // 2.4", "issue 12": a word that names something else.
    if spaced_word
        && ((word.starts_with(|c: char| c.is_uppercase())
            && !NUMBER_LEAD_WORDS.contains(&lower.as_str()))
            || NOT_TASK_WORDS.contains(&lower.as_str()))
    {
        return false;
    }
    // "#123" (an issue), "$5", "@2", "/3", "=4".
    if before.len() == text[..start].len()
        && before.ends_with(['#', '$', '@', '/', '\\', '=', '^', '€', '£'])
    {
        return false;
    }
    let rest = &text[end..];
    let after = rest.trim_start();
    let unit: String = after
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '%')
        .collect::<String>()
        .to_lowercase();
    let spaced = after.len() < rest.len();
    !((spaced || unit.starts_with('%')) && UNITS.contains(&unit.as_str()))
}

/// "depends on T002", "after T005", "blocked by 2.1" inside a task's title. The definition
/// of what [`inline_dep_ends`] finds (which the tests check); matching it needs Unicode word
/// boundaries, which only the regex crate's slow engines handle.
#[cfg(test)]
static INLINE_DEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:depends\s+on|dependent\s+on|after|blocked\s+by|requires)\s*:?\s+")
        .expect("static regex")
});

/// The words [`INLINE_DEP`] needs, without the boundaries.
const INLINE_DEP_WORDS: crate::scan::Literals =
    crate::scan::Literals::ci(&["depend", "after", "blocked", "requires"]);

/// Whether `text` has a word [`inline_deps`] needs: without one, no line of it has an
/// inline dependency (a caller can skip a whole block at once).
pub fn may_have_inline_deps(text: &str) -> bool {
    INLINE_DEP_WORDS.in_text(text)
}

/// Dependency references written in prose inside a task's title line.
pub fn inline_deps(text: &str, base: usize) -> Vec<TaskRef<'_>> {
    let mut out = Vec::new();
    // A cheap literal search first: the phrase regex needs Unicode word boundaries, which
    // the fast engines cannot do, and most titles contain none of these words.
    if !INLINE_DEP_WORDS.in_text(text) {
        return out;
    }
    for at in inline_dep_ends(text) {
        let rest = &text[at..];
        // The id list runs to the end of the clause.
        let end = clause_end(rest);
        let clause = &rest[..end];
        let refs = extract_task_refs(clause, base + at);
        // Prose such as "after 3 retries" is not a dependency: require an id-like token;
        // "after 1.0 ships" names a version, not a task.
        out.extend(refs.into_iter().filter(|r| {
            (r.id.contains('.') && !r.id.ends_with(".0"))
                || r.id.starts_with(|c: char| c.is_ascii_alphabetic())
        }));
    }
    out
}

/// The ends of the matches of [`INLINE_DEP`] in `text`, found by hand: a keyword at a word
/// boundary, in any case, then whitespace, an optional colon and whitespace.
fn inline_dep_ends(text: &str) -> Vec<usize> {
    const KEYWORDS: [&[&str]; 5] = [
        &["depends", "on"],
        &["dependent", "on"],
        &["after"],
        &["blocked", "by"],
        &["requires"],
    ];
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < b.len() {
        // Every keyword starts with an ASCII letter, which no other character folds to.
        let first = b[at].to_ascii_lowercase();
        if !matches!(first, b'd' | b'a' | b'b' | b'r') || !word_start(text, at) {
            at += 1;
            continue;
        }
        let end = KEYWORDS
            .iter()
            .filter(|k| k[0].as_bytes()[0] == first)
            .find_map(|k| keyword_end(text, at, k).and_then(|e| dep_tail_end(text, e)));
        match end {
            Some(e) => {
                out.push(e);
                at = e;
            }
            None => at += 1,
        }
    }
    out
}

/// A Unicode word boundary before the word character at `at`: no word character before it.
fn word_start(text: &str, at: usize) -> bool {
    match text[..at].chars().next_back() {
        None => true,
        Some(c) if c.is_ascii() => !(c.is_ascii_alphanumeric() || c == '_'),
        Some(c) => !regex_syntax::try_is_word_character(c).unwrap_or(true),
    }
}

/// The end of the words of `keyword` at `at` (case-insensitive as `(?i)`, one or more
/// whitespace characters between them), if they are there.
fn keyword_end(text: &str, at: usize, keyword: &[&str]) -> Option<usize> {
    let mut i = at;
    for (n, word) in keyword.iter().enumerate() {
        if n > 0 {
            let ws = whitespace_run(text, i);
            if ws == i {
                return None;
            }
            i = ws;
        }
        for want in word.chars() {
            let c = text[i..].chars().next()?;
            if !folds_to(c, want) {
                return None;
            }
            i += c.len_utf8();
        }
    }
    Some(i)
}

/// Whether `c` matches the lowercase ASCII letter `want` under `(?i)` (the Kelvin sign is a
/// `k`, the long s an `s`).
fn folds_to(c: char, want: char) -> bool {
    c.to_ascii_lowercase() == want
        || (want == 'k' && c == '\u{212a}')
        || (want == 's' && c == '\u{17f}')
}

/// The end of the whitespace run at `at`.
fn whitespace_run(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + (rest.len() - rest.trim_start_matches(char::is_whitespace).len())
}

/// Where `\s*:?\s+` matching at `at` ends: past a colon and the whitespace after it, else
/// past the whitespace before it (at least one whitespace character is needed).
fn dep_tail_end(text: &str, at: usize) -> Option<usize> {
    let w1 = whitespace_run(text, at);
    if text[w1..].starts_with(':') {
        let w2 = whitespace_run(text, w1 + 1);
        if w2 > w1 + 1 {
            return Some(w2);
        }
    }
    (w1 > at).then_some(w1)
}

/// Where a dependency clause ends: at `;`, `(`, `)` or a `.` that is not inside a number
/// such as "1.1".
fn clause_end(rest: &str) -> usize {
    let b = rest.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b';' | b'(' | b')' => return i,
            b'.' if !b.get(i + 1).is_some_and(u8::is_ascii_digit) => return i,
            _ => {}
        }
    }
    rest.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::random_texts;

    fn id(s: &str) -> Option<String> {
        id_at_start(s, 0).map(|(i, _)| i.to_string())
    }

    #[test]
    fn ids() {
        assert_eq!(id("**R1**: Study"), Some("R1".into()));
        assert_eq!(id("**Task 1.2**: Title"), Some("1.2".into()));
        assert_eq!(id("**Task 1.2:** Title"), Some("1.2".into()));
        assert_eq!(id("T001 [P] [US1] Do"), Some("T001".into()));
        assert_eq!(id("T-001 Do"), Some("T-001".into()));
        assert_eq!(id("1.1 Create"), Some("1.1".into()));
        assert_eq!(id("1. Set up"), Some("1".into()));
        assert_eq!(id("**INT1**: Integrate"), Some("INT1".into()));
        assert_eq!(id("**Coverage**: 90%"), None);
        assert_eq!(id("2025-11-23 notes"), None);
        assert_eq!(id("3 tests pass"), None);
        assert_eq!(id("Task 3: Build"), Some("3".into()));
        assert_eq!(id("[T014] [P] Build"), Some("T014".into()));
    }

    #[test]
    fn ids_by_hand_match_the_regex() {
        let pieces = [
            "**",
            "*",
            "Task",
            "Task ",
            "TASK",
            " ",
            "  ",
            "\t",
            ":",
            ":**",
            "**:",
            "1",
            "12",
            "007",
            ".",
            ".2",
            "..",
            "-",
            "T",
            "T-",
            "AB",
            "ABCDEF",
            "INT",
            "R",
            "x",
            "a",
            "[",
            "]",
            "_",
            "(P)",
            "[P]",
            "\n",
            "ABCDE1",
            "ABCDEF1",
            "**ABCDEF1**",
            "Task 1.2a",
            "1.2.",
            "T-1",
        ];
        for text in random_texts(&pieces, 1..=8, 50_000, 0x0bad_5eed_1234_5678u64) {
            let want = ID_AT_START
                .captures(&text)
                .and_then(|c| first_group(&c, 0))
                .map(|(_, r)| r);
            assert_eq!(ascii_id_at_start(text.as_bytes()), want, "{text:?}");
        }
    }

    #[test]
    fn references_by_hand_match_the_regex() {
        let pieces = [
            "Task",
            "Task ",
            "T",
            "T1",
            "T-001",
            "1",
            "1.2",
            "2.x",
            ".X",
            ".*",
            ".",
            "-",
            "–",
            " ",
            "  ",
            ",",
            "Phase",
            "Phase ",
            "Day",
            "Days ",
            "Requirement",
            "Requirements ",
            "v",
            "v ",
            "P",
            "P ",
            "AC",
            "US",
            "ABCDEF",
            "INT3",
            "a",
            "x",
            "_",
            "(",
            ")",
            "and ",
            "\t",
            "12a",
            "3.4.5",
            "#",
            "/",
        ];
        for text in random_texts(&pieces, 1..=10, 50_000, 0x5eed_cafe_f00d_0001u64) {
            let want = regex_refs(&text);
            assert_eq!(ascii_refs(text.as_bytes()), want, "{text:?}");
        }
    }

    #[test]
    fn heading_ids() {
        let h = |s| heading_task_id(s, 0).map(|(i, _)| i);
        assert_eq!(h("Task 3: Build"), Some("3"));
        assert_eq!(h("3.2 Title"), Some("3.2"));
        assert_eq!(h("T0: Setup"), Some("T0"));
        assert_eq!(h("3. Architecture"), None);
        assert_eq!(h("Phase 2: Core"), None);
    }

    #[test]
    fn checkboxes() {
        assert_eq!(
            parse_checkbox("[ ] a").map(|c| c.state),
            Some(TaskState::Open)
        );
        assert_eq!(
            parse_checkbox("[X] a").map(|c| c.state),
            Some(TaskState::Done)
        );
        assert_eq!(
            parse_checkbox("[-] a").map(|c| c.state),
            Some(TaskState::InProgress)
        );
        assert!(parse_checkbox("[ ]* a").is_some_and(|c| c.optional && c.len == 4));
        assert!(parse_checkbox("[link](x)").is_none());
        assert!(parse_checkbox("[x]y").is_none());
    }

    #[test]
    fn capture_groups_are_read_by_index_in_preference_order() {
        fn names(r: &Regex) -> Vec<&str> {
            r.capture_names().skip(1).flatten().collect()
        }
        assert_eq!(
            names(&ID_AT_START),
            ["bold", "boldc", "word", "tid", "btid", "num", "top"]
        );
        assert_eq!(names(&HEADING_ID), ["word", "tid", "num"]);
        assert_eq!(
            REF.capture_names().collect::<Vec<_>>(),
            [None, Some("prefix"), Some("id"), Some("wild")]
        );
        // Titles that start with none of the id forms' first characters have no id.
        assert_eq!(id("Set up **T1**"), None);
        assert_eq!(heading_task_id("Overview T1", 0), None);
    }

    #[test]
    fn inline_dependencies_by_hand_match_the_regex() {
        let pieces = [
            "depends",
            "Depends",
            "DEPENDS",
            "dependent",
            "on",
            "ON",
            "after",
            "After",
            "blocked",
            "BLOCKED",
            "by",
            "requires",
            "Requires",
            "require",
            "afterwards",
            "x",
            "T1",
            "2.3",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{a0}",
            "\u{2003}",
            ":",
            " :",
            ": ",
            "-",
            "_",
            "é",
            "日",
            "\u{212a}",
            "\u{17f}",
            "bloc\u{212a}ed",
            "depend\u{17f}",
            "(",
            ")",
            ".",
            "a",
        ];
        for text in random_texts(&pieces, 1..=10, 20_000, 0x1234_5678_9abc_def1u64) {
            let want: Vec<usize> = INLINE_DEP.find_iter(&text).map(|m| m.end()).collect();
            assert_eq!(inline_dep_ends(&text), want, "{text:?}");
        }
    }

    #[test]
    fn refs() {
        let r = |s| {
            extract_task_refs(s, 0)
                .into_iter()
                .map(|r| r.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(r("Task 1.1, 1.2"), vec!["1.1", "1.2"]);
        assert_eq!(r("T-001 (design)"), vec!["T-001"]);
        assert_eq!(r("Task 2.x"), Vec::<String>::new());
        assert_eq!(r("Phase 3 done"), Vec::<String>::new());
        assert_eq!(r("None"), Vec::<String>::new());
        let d = |s| {
            inline_deps(s, 0)
                .into_iter()
                .map(|r| r.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(d("Wire it (depends on T002)"), vec!["T002"]);
        let at: Vec<_> = inline_deps("Wire it (depends on T002)", 10)
            .into_iter()
            .map(|r| r.range)
            .collect();
        assert_eq!(at, vec![Range { start: 30, end: 34 }]);
        assert_eq!(d("Run after 3 retries"), Vec::<String>::new());
        assert_eq!(d("Depends on 4.1, 4.2"), vec!["4.1", "4.2"]);
        assert_eq!(d("Depends on 4.1. Then v2 and AB12"), vec!["4.1"]);
        assert_eq!(d("Retry after 2.5 seconds"), Vec::<String>::new());
        assert_eq!(d("Ship after 1.0 is tagged"), Vec::<String>::new());
        assert_eq!(d("Upgrade (requires Python 3.11)"), Vec::<String>::new());
    }

    #[test]
    fn ranges_and_non_ids() {
        let r = |s| {
            extract_task_refs(s, 0)
                .into_iter()
                .map(|r| r.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(r("T001-T004"), vec!["T001", "T002", "T003", "T004"]);
        assert_eq!(r("T-008 – T-010"), vec!["T-008", "T-009", "T-010"]);
        assert_eq!(r("1.1-1.3"), vec!["1.1", "1.2", "1.3"]);
        assert_eq!(r("T1-T3"), vec!["T1", "T2", "T3"]);
        // Descending, mixed or huge ranges keep only their ends.
        assert_eq!(r("T005-T003"), vec!["T005", "T003"]);
        assert_eq!(r("T1-T99999"), vec!["T1", "T99999"]);
        assert_eq!(r("T1-T22"), vec!["T1", "T22"]);
        assert_eq!(r("T1-T21").len(), 21);
        assert_eq!(r("T18446744073709551615-T18446744073709551616").len(), 2);
        assert_eq!(r("Phase 2-5"), Vec::<String>::new());
        assert_eq!(r("done 2024-12-19"), Vec::<String>::new());
        assert_eq!(r("T-001 and 2.3 after 3%"), vec!["T-001", "2.3"]);
        assert_eq!(r("Node 18, 2.1"), vec!["2.1"]);
        assert_eq!(r("v1.2 release"), Vec::<String>::new());
        assert_eq!(r("PR #45, see section 2.4, issue 12"), Vec::<String>::new());
        assert_eq!(r("Task 3 and 4"), vec!["3", "4"]);
    }
}
