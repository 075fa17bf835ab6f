//! Small text helpers shared by the model and the rules: word counts and tolerant heading
//! matching.

/// Whitespace-separated tokens, as `wc -w` counts them in a UTF-8 locale.
pub fn word_count(text: &str) -> usize {
    // A byte-order mark (U+FEFF) is not a word, even alone in a file.
    text.split(|c: char| c.is_whitespace() || c == '\u{feff}')
        .filter(|w| !w.is_empty())
        .count()
}

/// Normalize a heading for matching: lowercase; numbering (`3.`, `3.2`, `A.`), emoji, bold
/// and punctuation removed; `&` read as `and`; parenthesized remarks such as "(300+ words)"
/// dropped; whitespace collapsed.
pub fn normalize_heading(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    let mut depth = 0u32;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '&' => s.push_str(" and "),
            c if c.is_alphanumeric() => s.extend(c.to_lowercase()),
            '\'' | '’' => {}
            _ => s.push(' '),
        }
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    // Drop leading numbering tokens ("3", "3 2" from "3.2", "a" from "A." when followed by more).
    let mut start = 0;
    while start < words.len() && words[start].chars().all(|c| c.is_ascii_digit()) {
        start += 1;
    }
    if start == 0
        && words.len() > 1
        && words[0].len() == 1
        && text.trim_start().get(1..2) == Some(".")
    {
        start = 1;
    }
    words[start..].join(" ")
}

/// Whether a heading (raw text) matches one of `names` (normalized): equal, or starting with
/// the name followed by a word break ("Risks and Mitigation Plan" matches "risks and mitigation").
pub fn heading_matches(title: &str, names: &[&str]) -> bool {
    let norm = normalize_heading(title);
    names
        .iter()
        .any(|n| norm == *n || (norm.starts_with(n) && norm.as_bytes().get(n.len()) == Some(&b' ')))
}

/// Byte offset of the first non-whitespace character of `s` at or after `start`.
pub fn skip_ws(s: &str, start: usize) -> usize {
    let rest = &s[start..];
    start + (rest.len() - rest.trim_start().len())
}

/// `range` with leading and trailing whitespace removed.
pub fn trim_range(s: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let t = &s[range.clone()];
    let start = range.start + (t.len() - t.trim_start().len());
    let end = range.end - (t.len() - t.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wc() {
        assert_eq!(word_count("a b\tc\n\nd  "), 4);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("需求 分析"), 2);
        assert_eq!(word_count("\u{feff}"), 0);
        assert_eq!(word_count("\u{feff}# Title"), 2);
    }

    #[test]
    fn normalize() {
        assert_eq!(normalize_heading("3. Architecture"), "architecture");
        assert_eq!(
            normalize_heading("## **Risks & Mitigation**"),
            "risks and mitigation"
        );
        assert_eq!(normalize_heading("🎯 Overview (300+ words)"), "overview");
        assert_eq!(
            normalize_heading("2.1 Problem Statement"),
            "problem statement"
        );
        assert_eq!(normalize_heading("A. Appendix"), "appendix");
        assert_eq!(normalize_heading("Testing Strategy"), "testing strategy");
    }

    #[test]
    fn matches() {
        assert!(heading_matches(
            "4. Testing Strategy ✅",
            &["testing strategy"]
        ));
        assert!(heading_matches(
            "Risks & Mitigation Plan",
            &["risks and mitigation"]
        ));
        assert!(!heading_matches("Overviewing", &["overview"]));
    }
}
