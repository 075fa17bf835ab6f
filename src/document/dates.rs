//! Recognizing dates in metadata values (`**Created**: 2025-11-23`, `Last Updated: Nov 23,
//! 2025 14:30 (session 3)`) and template text left in their place (`{date}`, `[DATE]`).

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}|\s?[A-Z]{2,4}\b)?)?",
    )
    .expect("static regex")
});

/// `Nov 23, 2025`, `November 23 2025`, `Nov. 23rd, 2025`.
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
        .expect("static regex")
});

/// `23 November 2025`, `23 Nov, 2025`, `23-Nov-2025`.
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4})\b")
        .expect("static regex")
});

/// `11/23/2025` or `23/11/2025` (accepted when either reading is a real date).
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b").expect("static regex"));

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\[[^\]]*\]|\{[^}]*\}|<[^>]*>|\b(?:tbd|todo|yyyy|mm|dd|hh|xx|date|timestamp|n/?a)\b|\?\?",
    )
    .expect("static regex")
});

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let i = MONTHS.iter().position(|m| lower.starts_with(m))?;
    // The name must be the abbreviation, `Sept`, or a prefix of the full name.
    (full[i].starts_with(&lower) || lower == "sept").then_some(i as u32 + 1)
}

fn valid_ymd(y: u32, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2999).contains(&y) && (1..=days).contains(&d)
}

fn num(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

/// The byte range of the first real calendar date in `text`, in any of the common spellings
/// (ISO `2025-11-23` with an optional time, `Nov 23, 2025`, `23 November 2025`,
/// `11/23/2025`). Impossible dates (`2025-02-30`, `2025-13-01`) are not dates.
pub fn find_date(text: &str) -> Option<Range<usize>> {
    let mut best: Option<Range<usize>> = None;
    let mut consider = |r: Range<usize>| {
        if best.as_ref().is_none_or(|b| r.start < b.start) {
            best = Some(r);
        }
    };
    if let Some(c) = ISO
        .captures_iter(text)
        .find(|c| valid_ymd(num(&c[1]), num(&c[2]), num(&c[3])))
    {
        consider(c.get(0).map_or(0..0, |m| m.range()));
    }
    if let Some(c) = MONTH_FIRST
        .captures_iter(text)
        .find(|c| month_number(&c[1]).is_some_and(|m| valid_ymd(num(&c[3]), m, num(&c[2]))))
    {
        consider(c.get(0).map_or(0..0, |m| m.range()));
    }
    if let Some(c) = DAY_FIRST
        .captures_iter(text)
        .find(|c| month_number(&c[2]).is_some_and(|m| valid_ymd(num(&c[3]), m, num(&c[1]))))
    {
        consider(c.get(0).map_or(0..0, |m| m.range()));
    }
    if let Some(c) = NUMERIC.captures_iter(text).find(|c| {
        let (a, b, y) = (num(&c[1]), num(&c[2]), num(&c[3]));
        valid_ymd(y, a, b) || valid_ymd(y, b, a)
    }) {
        consider(c.get(0).map_or(0..0, |m| m.range()));
    }
    best
}

/// Whether a metadata value is template text rather than a value: empty, a bracketed or
/// braced placeholder, `TBD`, `YYYY-MM-DD`, `2025-09-xx`.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '`'));
    v.is_empty() || (find_date(v).is_none() && PLACEHOLDER.is_match(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<&str> {
        find_date(s).map(|r| &s[r])
    }

    #[test]
    fn accepted_spellings() {
        assert_eq!(date("2025-11-23"), Some("2025-11-23"));
        assert_eq!(date("2025-11-23 14:30"), Some("2025-11-23 14:30"));
        assert_eq!(date("2025-11-23T14:30Z"), Some("2025-11-23T14:30Z"));
        assert_eq!(
            date("2025-11-23T14:30:05+02:00"),
            Some("2025-11-23T14:30:05+02:00")
        );
        assert_eq!(date("Nov 23, 2025"), Some("Nov 23, 2025"));
        assert_eq!(
            date("November 23rd, 2025 (session 3)"),
            Some("November 23rd, 2025")
        );
        assert_eq!(date("23 November 2025"), Some("23 November 2025"));
        assert_eq!(date("Sept 3 2025"), Some("Sept 3 2025"));
        assert_eq!(date("11/23/2025"), Some("11/23/2025"));
        assert_eq!(date("23/11/2025"), Some("23/11/2025"));
        assert_eq!(date("2025-11-23 (session 3)"), Some("2025-11-23"));
        assert_eq!(date("Session 3 on 2024-02-29"), Some("2024-02-29"));
    }

    #[test]
    fn rejected() {
        assert_eq!(date("2025-09-xx"), None);
        assert_eq!(date("2025-02-30"), None);
        assert_eq!(date("2025-13-01"), None);
        assert_eq!(date("Smarch 3, 2025"), None);
        assert_eq!(date("yesterday"), None);
        assert_eq!(date("v1.2.3"), None);
        assert_eq!(date("Nov 23"), None);
    }

    #[test]
    fn placeholders() {
        assert!(is_placeholder(
            "[Date/Time - update this with each session]"
        ));
        assert!(is_placeholder("{timestamp}"));
        assert!(is_placeholder("YYYY-MM-DD"));
        assert!(is_placeholder("2025-09-xx"));
        assert!(is_placeholder("TBD"));
        assert!(is_placeholder("  "));
        assert!(!is_placeholder("2025-11-23 [after review]"));
        assert!(!is_placeholder("last Tuesday"));
    }
}
