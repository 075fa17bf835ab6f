//! Task ids, checkbox states and dependency references, in the forms real task lists use.

use super::TaskState;
use regex::Regex;
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
          | (?P<tid>T-?\d+)\b:?                                                          # T001 / T-001 / T0:
          | (?P<num>\d+(?:\.\d+)+)\.?(?:\s|$)                                             # 1.1 / 2.3.
          | (?P<top>\d+)\.(?:\s|$)                                                       # 1.
        )",
    )
    .expect("static regex")
});

/// Find a task id at the start of `text` (`base` is the offset of `text` in the source).
/// Returns the id text and its source range.
pub fn id_at_start(text: &str, base: usize) -> Option<(String, Range<usize>)> {
    // Every form starts with `*`, `T` or a digit: most titles are decided without the regex.
    if !text.starts_with(|c: char| c == '*' || c == 'T' || c.is_ascii_digit()) {
        return None;
    }
    // The match alone (a fast DFA search, no capture groups) says which form matched; the
    // id is then read from it (see `id_in_match`; a property test checks it against the
    // groups).
    let m = ID_AT_START.find(text)?;
    let id = id_in_match(m.as_str());
    Some((
        m.as_str()[id.clone()].to_string(),
        base + id.start..base + id.end,
    ))
}

/// The id group's range inside a match of [`ID_AT_START`]. The form is known from how the
/// match starts, and an id never contains `*`, `:` or whitespace, which end it.
fn id_in_match(m: &str) -> Range<usize> {
    let ends_id = |c: char| c == '*' || c == ':' || c.is_whitespace();
    let (start, rest) = if let Some(rest) = m.strip_prefix("**") {
        // `**Task 1.2**`, `**R1**:`, `**Task 1.2:**`
        match rest.strip_prefix("Task") {
            Some(after) if after.starts_with(char::is_whitespace) => {
                let body = after.trim_start();
                (m.len() - body.len(), body)
            }
            _ => (2, rest),
        }
    } else if let Some(after) = m.strip_prefix("Task") {
        // `Task 3:` (the match needs whitespace after `Task`)
        let body = after.trim_start();
        (m.len() - body.len(), body)
    } else if m.starts_with('T') {
        // `T001`, `T-001:`
        (0, m)
    } else {
        // `1.1 `, `2.3. `, `1. ` (or at the end): the id is before an optional `.` and
        // one whitespace character.
        let mut end = m.len();
        if let Some(c) = m.chars().next_back().filter(|c| c.is_whitespace()) {
            end -= c.len_utf8();
        }
        if m[..end].ends_with('.') {
            end -= 1;
        }
        return 0..end;
    };
    start..start + rest.find(ends_id).unwrap_or(rest.len())
}

/// The first participating capture group (the alternatives of the id regexes each have one,
/// in the order of preference), as text and source range.
fn first_group(caps: &regex::Captures<'_>, base: usize) -> Option<(String, Range<usize>)> {
    let m = caps.iter().skip(1).flatten().next()?;
    Some((m.as_str().to_string(), base + m.start()..base + m.end()))
}

/// A heading that names a task: `Task 3: ...`, `3.2 Title`, `T0: Title`, `T001 Title`.
static HEADING_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            Task\s+(?P<word>\d+(?:\.\d+)*|[A-Z]{1,5}-?\d+)\b
          | (?P<tid>T-?\d+)\b
          | (?P<num>\d+\.\d+(?:\.\d+)*)\.?(?:\s|:|$)
        )",
    )
    .expect("static regex")
});

pub fn heading_task_id(text: &str, base: usize) -> Option<(String, Range<usize>)> {
    if !text.starts_with(|c: char| c == 'T' || c.is_ascii_digit()) {
        return None;
    }
    first_group(&HEADING_ID.captures(text)?, base)
}

/// A reference to a task id found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRef {
    pub id: String,
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

/// Task ids named in a dependency value such as "Task 1.1, 1.2", "T-001 (design)",
/// "2.1 and 2.3". Numbers after words like "Phase" or "Day" are not ids; `None`, `-` and
/// wildcards such as `2.x` yield nothing. `base` is the offset of `text` in the source.
pub fn extract_task_refs(text: &str, base: usize) -> Vec<TaskRef> {
    let mut out = Vec::new();
    for caps in REF.captures_iter(text) {
        // Groups by index (1 prefix, 2 id, 3 wild): a lookup by name hashes the name.
        if caps.get(1).is_some() || caps.get(3).is_some() {
            continue;
        }
        if let Some(m) = caps.get(2) {
            // A bare number must look like a task number ("3" alone is too vague unless
            // the whole value is a list of numbers, which the caller decides).
            out.push(TaskRef {
                id: m.as_str().to_string(),
                range: base + m.start()..base + m.end(),
            });
        }
    }
    out
}

/// "depends on T002", "after T005", "blocked by 2.1" inside a task's title.
static INLINE_DEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:depends\s+on|dependent\s+on|after|blocked\s+by|requires)\s*:?\s+")
        .expect("static regex")
});

/// The words [`INLINE_DEP`] needs, without the boundaries.
static INLINE_DEP_WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)depend|after|blocked|requires").expect("static regex"));

/// Dependency references written in prose inside a task's title line.
pub fn inline_deps(text: &str, base: usize) -> Vec<TaskRef> {
    let mut out = Vec::new();
    // A cheap literal search first: the phrase regex needs Unicode word boundaries, which
    // the fast engines cannot do, and most titles contain none of these words.
    if !INLINE_DEP_WORDS.is_match(text) {
        return out;
    }
    for m in INLINE_DEP.find_iter(text) {
        let rest = &text[m.end()..];
        // The id list runs to the end of the clause.
        let end = rest
            .find(['.', ';', ')', '('])
            .filter(|&i| {
                // "1.1" contains '.', so only stop at a '.' not followed by a digit.
                !rest[i..].starts_with('.')
                    || !rest[i + 1..].starts_with(|c: char| c.is_ascii_digit())
            })
            .unwrap_or(rest.len());
        let clause = &rest[..end.min(rest.len())];
        let refs = extract_task_refs(clause, base + m.end());
        // Prose such as "after 3 retries" is not a dependency: require an id-like token.
        out.extend(
            refs.into_iter().filter(|r| {
                r.id.contains('.') || r.id.starts_with(|c: char| c.is_ascii_alphabetic())
            }),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> Option<String> {
        id_at_start(s, 0).map(|(i, _)| i)
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
    }

    /// The id as the capture groups give it (what `id_at_start` computed before it read
    /// the id from the match).
    fn id_by_groups(text: &str) -> Option<(String, Range<usize>)> {
        first_group(&ID_AT_START.captures(text)?, 0)
    }

    #[test]
    fn ids_from_the_match_equal_the_groups() {
        for t in [
            "**Task 1.2**: x",
            "**Task\u{a0}1.2:** x",
            "**TASK 1**",
            "**Task1**",
            "**R1**:",
            "**12.3**",
            "Task 3:",
            "Task  T-12 :",
            "Task 3.x",
            "T-001: a",
            "T0",
            "T٣ x",
            "1.1",
            "1.2. a",
            "1.2.3\u{3000}b",
            "1. a",
            "1.",
            "12",
            "3 tests",
        ] {
            assert_eq!(id_at_start(t, 0), id_by_groups(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ids_from_the_match_equal_the_groups_for_any_text(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "*", "**", "Task", "TASK", " ", "\u{a0}", "T", "-", "1", "23", ".", ":",
                    "A", "ZZ", "x", "٣", "_", "é",
                ]),
                0..10,
            )
        ) {
            let t: String = parts.concat();
            proptest::prop_assert_eq!(id_at_start(&t, 7).map(|(i, r)| (i, r.start - 7..r.end - 7)), id_by_groups(&t));
        }
    }

    #[test]
    fn heading_ids() {
        let h = |s| heading_task_id(s, 0).map(|(i, _)| i);
        assert_eq!(h("Task 3: Build"), Some("3".into()));
        assert_eq!(h("3.2 Title"), Some("3.2".into()));
        assert_eq!(h("T0: Setup"), Some("T0".into()));
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
            ["bold", "boldc", "word", "tid", "num", "top"]
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
        assert_eq!(d("Run after 3 retries"), Vec::<String>::new());
        assert_eq!(d("Depends on 4.1, 4.2"), vec!["4.1", "4.2"]);
    }
}
