//! `Key: value` lines in their Markdown spellings: `**Status**: Draft`, `**Status:** Draft`,
//! `> **Status:** Draft`, `- Files: a.py`, `_Requirements: 1.1, 2.3_`.

use std::borrow::Cow;
use std::ops::Range;

/// A parsed `Key: value` line; the value is a slice of the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyValue<'l> {
    /// Lowercase (borrowed when the line has it so, or when it is a common key).
    pub key: Cow<'l, str>,
    pub key_range: Range<usize>,
    pub value: &'l str,
    pub value_range: Range<usize>,
    pub bold: bool,
}

/// Strip what may precede the key on a line: indentation, `>` quote markers, a list bullet
/// or number, and a checkbox. Returns the offset where the content starts.
pub fn content_start(line: &str) -> usize {
    let b = line.as_bytes();
    let mut i = 0;
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        if i < b.len() && b[i] == b'>' {
            i += 1;
            continue;
        }
        break;
    }
    if i + 1 < b.len() && matches!(b[i], b'-' | b'*' | b'+') && b[i + 1] == b' ' {
        i += 2;
    } else {
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0
            && digits < 4
            && matches!(b.get(i + digits), Some(b'.' | b')'))
            && b.get(i + digits + 1) == Some(&b' ')
        {
            i += digits + 2;
        }
    }
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    if let Some(cb) = super::tasks::parse_checkbox(&line[i..]) {
        i += cb.len;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
    }
    i
}

fn valid_key(key: &str) -> bool {
    let key = key.trim();
    !key.is_empty()
        && key.len() <= 48
        && key.starts_with(|c: char| c.is_alphabetic())
        && key.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '/' | '&' | '-' | '(' | ')' | '\'' | '.' | '#')
        })
        && key.split_whitespace().count() <= 6
}

/// Keys common enough in spec documents to be shared rather than allocated per line.
const COMMON_KEYS: &[&str] = &[
    "status",
    "owner",
    "created",
    "last updated",
    "updated",
    "date",
    "author",
    "version",
    "priority",
    "estimate",
    "effort",
    "type",
    "files",
    "file",
    "depends on",
    "dependencies",
    "dependency",
    "blocked by",
    "done when",
    "acceptance",
    "requirements",
    "description",
    "notes",
    "tests",
    "phase",
    "progress",
    "total tasks",
    "completed",
    "assignee",
    "goal",
];

/// `key` in lowercase, without a copy when it already is (or is a common key).
fn lowercase_key(key: &str) -> Cow<'_, str> {
    if !key.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        return Cow::Borrowed(key);
    }
    if key.is_ascii() {
        if let Some(k) = COMMON_KEYS.iter().find(|k| k.eq_ignore_ascii_case(key)) {
            return Cow::Borrowed(k);
        }
    }
    Cow::Owned(key.to_lowercase())
}

/// Parse a `Key: value` line. `base` is the line's offset in the source.
pub fn parse_key_value(line: &str, base: usize) -> Option<KeyValue<'_>> {
    let start = content_start(line);
    let rest = &line[start..];
    // Where the value ends: the line's end, or the closing `_` of an italic field followed
    // by a remark (`_Depends: 1.2_ *(only cross-boundary)*`).
    let mut line_end = line.len();
    let (key, key_off, after, bold) =
        if let Some(inner) = rest.strip_prefix("**").or_else(|| rest.strip_prefix("__")) {
            let marker = &rest[..2];
            let close = inner.find(marker)?;
            let key_text = &inner[..close];
            let after_off = start + 2 + close + 2;
            if let Some(k) = key_text.strip_suffix(':') {
                (k, start + 2, after_off, true)
            } else {
                let tail = &line[after_off..];
                let colon = tail.strip_prefix(':')?;
                let _ = colon;
                (key_text, start + 2, after_off + 1, true)
            }
        } else if let Some(inner) = rest.strip_prefix('_') {
            // `_Requirements: 1.1, 2.3_`
            let colon = inner.find(':')?;
            let key_text = &inner[..colon];
            let value_off = start + 1 + colon + 1;
            let b = line.as_bytes();
            let close = (value_off..b.len())
                .find(|&i| b[i] == b'_' && b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()))?;
            line_end = close + 1;
            (key_text, start + 1, value_off, false)
        } else {
            let colon = rest.find(':')?;
            let key_text = &rest[..colon];
            // "http://", "12:30" and similar are not keys.
            if rest[colon + 1..].starts_with("//") {
                return None;
            }
            (key_text, start, start + colon + 1, false)
        };
    if !valid_key(key) {
        return None;
    }
    let value_raw = &line[after.min(line_end)..line_end];
    let mut value_start = after + (value_raw.len() - value_raw.trim_start().len());
    let mut value_end = after + value_raw.trim_end().len();
    // A closing `_` of an italic field, or a `**` after a bold value opener, is markup.
    let value_text = &line[value_start.min(value_end)..value_end];
    let mut v = value_text;
    if !bold && rest.starts_with('_') {
        if let Some(s) = v.strip_suffix('_') {
            v = s.trim_end();
            value_end = value_start + v.len();
        }
    }
    if let Some(s) = v.strip_prefix("**") {
        if let Some(s2) = s.strip_suffix("**") {
            v = s2;
            value_start += 2;
            value_end = value_start + v.len();
        }
    }
    let key_clean = key.trim();
    let key_off = key_off + (key.len() - key.trim_start().len());
    Some(KeyValue {
        key: lowercase_key(key_clean),
        key_range: base + key_off..base + key_off + key_clean.len(),
        value: v,
        value_range: base + value_start..base + value_end.max(value_start),
        bold,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kv(line: &str) -> Option<(String, String)> {
        parse_key_value(line, 0).map(|k| (k.key.into_owned(), k.value.to_string()))
    }

    #[test]
    fn spellings() {
        let want = Some(("status".to_string(), "Draft".to_string()));
        assert_eq!(kv("**Status**: Draft"), want);
        assert_eq!(kv("**Status:** Draft"), want);
        assert_eq!(kv("> **Status:** Draft"), want);
        assert_eq!(kv("Status: Draft"), want);
        assert_eq!(
            kv("- Total Tasks: 14"),
            Some(("total tasks".into(), "14".into()))
        );
        assert_eq!(
            kv("  _Requirements: 1.1, 2.3_"),
            Some(("requirements".into(), "1.1, 2.3".into()))
        );
        assert_eq!(
            kv("  - **Depends on**: Task 1.1, 1.2"),
            Some(("depends on".into(), "Task 1.1, 1.2".into()))
        );
        assert_eq!(
            kv("  - _Depends: 1.2, 2.3_ *(Only for cross-boundary work.)*"),
            Some(("depends".into(), "1.2, 2.3".into()))
        );
        assert_eq!(
            kv("_Boundary: my_module_name_"),
            Some(("boundary".into(), "my_module_name".into()))
        );
        assert_eq!(kv("_an italic sentence: not closed"), None);
        assert_eq!(kv("see https://x.y"), None);
        assert_eq!(
            kv("just a sentence, with: a colon later on in it and more"),
            None
        );
    }

    #[test]
    fn ranges_point_at_value() {
        let line = "**Status**: Draft";
        let k = parse_key_value(line, 10).unwrap();
        assert_eq!(
            &line[k.value_range.start - 10..k.value_range.end - 10],
            "Draft"
        );
        assert_eq!(
            &line[k.key_range.start - 10..k.key_range.end - 10],
            "Status"
        );
    }
}
