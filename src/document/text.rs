//! Small text helpers shared by the model and the rules: word counts and tolerant heading
//! matching.

/// Whitespace-separated tokens, as `wc -w` counts them in a UTF-8 locale.
pub fn word_count(text: &str) -> usize {
    // Counts the starts of non-whitespace runs. Eight ASCII bytes at a time are classified
    // as one 64-bit word (`ascii_spaces`), and the starts among them are one popcount;
    // other bytes are decoded as characters. The model counts every byte of a document.
    let bytes = text.as_bytes();
    let (mut words, mut prev_space, mut i) = (0usize, true, 0usize);
    while i < bytes.len() {
        if let Some(eight) = bytes
            .get(i..i + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
        {
            let w = u64::from_le_bytes(eight);
            if w & HIGH == 0 {
                let spaces = ascii_spaces(w);
                // Each byte's predecessor: the byte below it, the first one's the byte before.
                let after_space = (spaces << 8) | (u64::from(prev_space) << 7);
                words += (!spaces & after_space & HIGH).count_ones() as usize;
                prev_space = spaces >> 63 == 1;
                i += 8;
                continue;
            }
        }
        let (space, len) = match bytes[i] {
            b @ 0..=0x7f => (b == b' ' || (b'\t'..=b'\r').contains(&b), 1),
            _ => match text[i..].chars().next() {
                // A byte-order mark (U+FEFF) is not a word, even alone in a file.
                Some(c) => (c.is_whitespace() || c == '\u{feff}', c.len_utf8()),
                None => break,
            },
        };
        words += usize::from(prev_space && !space);
        prev_space = space;
        i += len;
    }
    words
}

/// How many bytes are ASCII letters. Branch-free, in runs of up to 255 bytes counted in a
/// `u8`, so the compiler turns it into vector instructions.
pub fn ascii_letters(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|run| {
            let n = run.iter().fold(0u8, |n, &b| {
                // `| 0x20` maps `A..=Z` onto `a..=z` and nothing else onto them.
                n + u8::from((b | 0x20).wrapping_sub(b'a') < 26)
            });
            usize::from(n)
        })
        .sum()
}

/// The high bit of each of eight bytes in a 64-bit word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// For eight ASCII bytes (little-endian in `w`, every high bit clear): the high bit of each
/// byte that is whitespace (space, or `\t` to `\r`), every other bit clear. No byte can
/// carry into the next: each sum stays below 0x100.
fn ascii_spaces(w: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // A space byte becomes zero; the high bit of `(x & 0x7f) + 0x7f | x` is set when not.
    let x = w ^ 0x2020_2020_2020_2020;
    let space = !(((x & LOW7) + LOW7) | x) & HIGH;
    // b + (0x80 - 0x09) reaches the high bit when b >= 0x09; b + (0x80 - 0x0e) when b >= 0x0e.
    let from_tab = (w + 0x7777_7777_7777_7777) & HIGH;
    let past_cr = (w + 0x7272_7272_7272_7272) & HIGH;
    space | (from_tab & !past_cr)
}

/// Normalize a heading for matching: lowercase; numbering (`3.`, `3.2`, `A.`), emoji, bold
/// and punctuation removed; `&` read as `and`; parenthesized remarks such as "(300+ words)"
/// dropped; whitespace collapsed.
pub fn normalize_heading(text: &str) -> String {
    // One pass builds the words separated by single spaces; `starts` remembers where the
    // first two begin, for the numbering rules below.
    let mut s = String::with_capacity(text.len() + 8);
    let mut depth = 0u32;
    let mut pending_space = false;
    #[inline]
    fn push_char(s: &mut String, c: char, pending: &mut bool) {
        if *pending && !s.is_empty() {
            s.push(' ');
        }
        *pending = false;
        s.push(c);
    }
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '&' => {
                pending_space = true;
                for a in "and".chars() {
                    push_char(&mut s, a, &mut pending_space);
                }
                pending_space = true;
            }
            c if c.is_ascii_alphanumeric() => {
                push_char(&mut s, c.to_ascii_lowercase(), &mut pending_space)
            }
            c if c.is_alphanumeric() => {
                for l in c.to_lowercase() {
                    if l.is_whitespace() {
                        pending_space = true;
                    } else {
                        push_char(&mut s, l, &mut pending_space);
                    }
                }
            }
            '\'' | '’' => {}
            _ => pending_space = true,
        }
    }
    // Drop leading numbering tokens ("3", "3 2" from "3.2", "a" from "A." when followed by more).
    let mut rest = s.as_str();
    let mut dropped = false;
    loop {
        let (word, after) = split_at_space(rest).unwrap_or((rest, ""));
        if word.is_empty() || !word.bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        rest = after;
        dropped = true;
    }
    if !dropped {
        if let Some((first, after)) = split_at_space(rest) {
            if first.len() == 1 && text.trim_start().get(1..2) == Some(".") {
                rest = after;
            }
        }
    }
    if rest.len() == s.len() {
        s
    } else {
        rest.to_string()
    }
}

/// `s.split_once(' ')` for the short words of a heading: a byte loop, without setting up a
/// character searcher.
fn split_at_space(s: &str) -> Option<(&str, &str)> {
    let i = s.bytes().position(|b| b == b' ')?;
    Some((&s[..i], &s[i + 1..]))
}

/// Whether a heading (raw text) matches one of `names` (normalized): equal, or starting with
/// the name followed by a word break ("Risks and Mitigation Plan" matches "risks and mitigation").
pub fn heading_matches(title: &str, names: &[&str]) -> bool {
    normalized_matches(&normalize_heading(title), names)
}

/// [`heading_matches`] for a title already normalized (see [`Section::norm_title`]).
///
/// [`Section::norm_title`]: super::Section::norm_title
pub fn normalized_matches(norm: &str, names: &[&str]) -> bool {
    names
        .iter()
        .any(|n| norm == *n || (norm.starts_with(n) && norm.as_bytes().get(n.len()) == Some(&b' ')))
}

/// Byte offset of the first non-whitespace character of `s` at or after `start`.
pub fn skip_ws(s: &str, start: usize) -> usize {
    let rest = &s[start..];
    start + (rest.len() - rest.trim_start().len())
}

/// The largest character boundary of `s` at or before `i` (clamped to `s.len()`).
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary of `s` at or after `i` (clamped to `s.len()`).
pub fn ceil_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
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
    fn split_at_space_is_split_once() {
        for s in ["", " ", "a", "a b", " a", "a ", "é b c", "ab  c"] {
            assert_eq!(split_at_space(s), s.split_once(' '), "{s:?}");
        }
    }

    #[test]
    fn ascii_letters_counts_what_is_ascii_alphabetic_counts() {
        let every_byte: Vec<u8> = (0..=255u8).cycle().take(256 * 3 + 17).collect();
        let expected = every_byte
            .iter()
            .filter(|b| b.is_ascii_alphabetic())
            .count();
        assert_eq!(ascii_letters(&every_byte), expected);
        assert_eq!(expected, 52 * 3);
        for text in crate::testing::random_texts(
            &["a", "Z", "@", "[", "`", "{", " ", "é", "9", "\u{c1}"],
            0..=700,
            200,
            7,
        ) {
            let want = text.bytes().filter(u8::is_ascii_alphabetic).count();
            assert_eq!(ascii_letters(text.as_bytes()), want, "{text:?}");
        }
    }

    #[test]
    fn wc() {
        assert_eq!(word_count("a b\tc\n\nd  "), 4);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("需求 分析"), 2);
        // Unicode whitespace (`char::is_whitespace`) separates words; U+001F does not.
        assert_eq!(word_count("a\u{a0}b\u{3000}c\u{1f}d \u{b}\u{c}é"), 4);
        assert_eq!(word_count(" \r\n\t"), 0);
        // Long inputs go through the 8-byte ASCII path; words may span words and mix with
        // non-ASCII text.
        let long = "alpha beta\tgamma\n".repeat(7) + "é word  " + &"x".repeat(40) + " end";
        let reference = long
            .split(char::is_whitespace)
            .filter(|w| !w.is_empty())
            .count();
        assert_eq!(word_count(&long), reference);
        for cut in 0..long.len() {
            if long.is_char_boundary(cut) {
                let t = &long[cut..];
                let r = t
                    .split(char::is_whitespace)
                    .filter(|w| !w.is_empty())
                    .count();
                assert_eq!(word_count(t), r, "from byte {cut}");
            }
        }
        assert_eq!(word_count("\u{feff}"), 0);
        assert_eq!(word_count("\u{feff}# Title"), 2);
    }

    /// Every ASCII byte at every place of an 8-byte word, after a space or a letter, against
    /// the character-by-character count.
    #[test]
    fn wc_ascii_words() {
        for b in 0u8..128 {
            for at in 0..8 {
                for before in ["", " ", "x", "\t"] {
                    let mut bytes = b"abcdefgh ijklmnop".to_vec();
                    bytes[at] = b;
                    let t = format!("{before}{}", String::from_utf8(bytes).unwrap_or_default());
                    let r = t
                        .split(|c: char| c.is_whitespace())
                        .filter(|w| !w.is_empty())
                        .count();
                    assert_eq!(word_count(&t), r, "{t:?}");
                }
            }
        }
        for b in 0u8..128 {
            let w = u64::from_le_bytes([b; 8]);
            let want = if b == b' ' || (b'\t'..=b'\r').contains(&b) {
                0x8080_8080_8080_8080
            } else {
                0
            };
            assert_eq!(ascii_spaces(w), want, "byte {b:#x}");
        }
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
        assert_eq!(
            normalize_heading("  Don't  Stop & Go!  "),
            "dont stop and go"
        );
        assert_eq!(normalize_heading("& more"), "and more");
        assert_eq!(normalize_heading("1. 2. Ünïcode ÉTAPE"), "ünïcode étape");
        assert_eq!(normalize_heading("B. Plan"), "plan");
        assert_eq!(normalize_heading("B"), "b");
        assert_eq!(normalize_heading("3"), "");
        assert_eq!(normalize_heading("(only remark)"), "");
        assert_eq!(normalize_heading("需求 分析"), "需求 分析");
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
