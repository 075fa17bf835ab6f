//! Converts byte offsets to 0-based line / UTF-16 character positions.
//!
//! This is the only place where positions change units: everything inside specmark is a byte
//! range; editors (LSP) and JavaScript count UTF-16 code units. Line breaks are `\n`, `\r\n`
//! and a lone `\r`, as CommonMark defines them. Columns index into the text exactly as it was
//! given: a leading byte-order mark, if the text has one, is one UTF-16 unit like any other
//! character, so a JavaScript caller can slice the string it passed with the positions it got.
//! (Editors strip the mark before handing text to a language server, so there it never
//! appears.)

use crate::document::text::floor_char_boundary;
use serde::Serialize;

/// A 0-based line and UTF-16 character offset, as LSP defines `Position`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// Start and end positions of a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LspRange {
    pub start: Position,
    pub end: Position,
}

/// Line starts of a text, for offset conversion.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; always begins with 0.
    line_starts: Vec<usize>,
    /// True when the text is pure ASCII: byte columns equal UTF-16 columns.
    ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let line_starts = if memchr::memchr(b'\r', bytes).is_none() {
            // Only `\n` breaks (the common case): counted first, so the table is allocated
            // once at its size.
            let mut starts = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
            starts.push(0);
            starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
            starts
        } else {
            let mut starts = vec![0];
            for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
                // The `\r` of a CRLF ends no line; its `\n` does.
                if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                    starts.push(i + 1);
                }
            }
            starts.shrink_to_fit();
            starts
        };
        LineIndex {
            line_starts,
            ascii: text.is_ascii(),
        }
    }

    /// Whether the whole text is ASCII (found while building the index).
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// Number of lines (a text ending in a newline has an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where 0-based `line` starts (clamped to the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line.min(self.line_starts.len() - 1)]
    }

    /// 0-based line containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The 0-based lines of `text` holding one of `needles` (none of which contains a line
    /// break), in order, each once. One search over the whole text per needle, so a rule
    /// that only cares about lines with a marker (`Checkpoint`, `/home/`) skips the others
    /// without looking at them.
    pub fn lines_containing(&self, text: &str, needles: &[&str]) -> Vec<usize> {
        let mut lines = Vec::new();
        for needle in needles {
            debug_assert!(!needle.is_empty() && !needle.contains(['\n', '\r']));
            let mut last = None;
            for at in memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes()) {
                let line = self.line_of(at);
                if last != Some(line) {
                    lines.push(line);
                    last = Some(line);
                }
            }
        }
        if needles.len() > 1 {
            crate::sort::sort(&mut lines);
            lines.dedup();
        }
        lines
    }

    /// Byte range of 0-based `line` without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_start(line);
        let mut end = if line + 1 < self.line_starts.len() {
            self.line_starts[line + 1]
        } else {
            text.len()
        };
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }

    /// Position of byte `offset` in `text`. An offset inside a character is moved back to
    /// the start of that character; one past the end is clamped to the end. An offset between
    /// the `\r` and `\n` of a CRLF is the end of that line (no column lies between them).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = floor_char_boundary(text, offset);
        let bytes = text.as_bytes();
        if offset > 0 && bytes[offset - 1] == b'\r' && bytes.get(offset) == Some(&b'\n') {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let character = if self.ascii {
            offset - start
        } else {
            text[start..offset].chars().map(char::len_utf16).sum()
        };
        Position {
            line: line as u32,
            character: character as u32,
        }
    }

    /// Positions of many offsets, given in ascending order, in one pass: each line is
    /// scanned at most once however many offsets it holds (a long non-ASCII line with many
    /// findings would otherwise be counted from its start for each of them).
    pub fn positions(&self, text: &str, sorted: &[usize]) -> Vec<Position> {
        debug_assert!(
            sorted.windows(2).all(|w| w[0] <= w[1]),
            "offsets must be sorted"
        );
        if self.ascii {
            return sorted.iter().map(|&o| self.position(text, o)).collect();
        }
        let bytes = text.as_bytes();
        // Where the previous offset was: (line, byte offset, UTF-16 column).
        let mut cursor: Option<(usize, usize, usize)> = None;
        let mut out = Vec::with_capacity(sorted.len());
        for &o in sorted {
            let mut offset = floor_char_boundary(text, o);
            if offset > 0 && bytes[offset - 1] == b'\r' && bytes.get(offset) == Some(&b'\n') {
                offset -= 1;
            }
            let line = self.line_of(offset);
            let start = self.line_starts[line];
            let (from, column) = match cursor {
                Some((l, at, column)) if l == line && start <= at && at <= offset => (at, column),
                _ => (start, 0),
            };
            let column = column
                + text[from..offset]
                    .chars()
                    .map(char::len_utf16)
                    .sum::<usize>();
            cursor = Some((line, offset, column));
            out.push(Position {
                line: line as u32,
                character: column as u32,
            });
        }
        out
    }

    /// Positions of both ends of a byte range.
    pub fn range(&self, text: &str, range: &std::ops::Range<usize>) -> LspRange {
        LspRange {
            start: self.position(text, range.start),
            end: self.position(text, range.end),
        }
    }

    /// Byte offset of a 0-based line and UTF-16 character (the inverse of [`position`]).
    /// A character past the end of the line is clamped to the line end.
    ///
    /// [`position`]: LineIndex::position
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.line_starts.len() {
            return text.len();
        }
        let range = self.line_range(text, line);
        let start = range.start;
        let mut units = 0u32;
        for (i, c) in text[start..range.end].char_indices() {
            if units >= position.character {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        range.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_containing_finds_every_line_with_a_needle_once() {
        let text = "a /home/x\r\nnone\rCheckpoint /home/y\n\nCHECKPOINT\nend /home/";
        let index = LineIndex::new(text);
        // Compared with a line-by-line search over the same lines.
        for needles in [
            &["/home/"][..],
            &["heckpoint", "HECKPOINT"][..],
            &["/home/", "heckpoint"][..],
            &["absent"][..],
        ] {
            let want: Vec<usize> = (0..index.line_count())
                .filter(|&l| {
                    let line = &text[index.line_range(text, l)];
                    needles.iter().any(|n| line.contains(n))
                })
                .collect();
            assert_eq!(index.lines_containing(text, needles), want, "{needles:?}");
        }
        assert_eq!(index.lines_containing(text, &["/home/"]), vec![0, 2, 5]);
    }

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn ascii_lines() {
        let text = "ab\ncd\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), pos(0, 0));
        assert_eq!(idx.position(text, 4), pos(1, 1));
        assert_eq!(idx.position(text, 6), pos(2, 0));
        assert_eq!(idx.line_count(), 3);
        assert!(idx.is_ascii());
        assert!(!LineIndex::new("ab\nc\u{e9}\n").is_ascii());
        assert!(!LineIndex::new("\u{feff}ab").is_ascii());
    }

    #[test]
    fn emoji_counts_two_utf16_units() {
        let text = "a🎯b\n";
        let idx = LineIndex::new(text);
        // 'b' starts at byte 5 (a=1, 🎯=4 bytes); in UTF-16 it is at 3 (a=1, 🎯=2).
        assert_eq!(idx.position(text, 5), pos(0, 3));
        assert_eq!(idx.offset(text, pos(0, 3)), 5);
    }

    #[test]
    fn cjk_counts_one_unit() {
        let text = "需求: x";
        let idx = LineIndex::new(text);
        // '需' and '求' are 3 bytes each, 1 UTF-16 unit each.
        assert_eq!(idx.position(text, 6), pos(0, 2));
        assert_eq!(idx.offset(text, pos(0, 2)), 6);
    }

    #[test]
    fn line_starts_match_a_plain_scan() {
        // Both ways of building the table (`\n` only, and with `\r`) against a byte loop.
        let texts = crate::testing::random_texts(
            &["a", "\n", "\r\n", "\r", "\u{e9}", ""],
            0..=40,
            2_000,
            11,
        );
        for text in texts
            .iter()
            .map(String::as_str)
            .chain(["", "\n", "a\n\n", "\r"])
        {
            let b = text.as_bytes();
            let mut want = vec![0];
            for i in 0..b.len() {
                if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                    want.push(i + 1);
                }
            }
            let idx = LineIndex::new(text);
            let got: Vec<usize> = (0..idx.line_count()).map(|l| idx.line_start(l)).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn crlf_and_lone_cr_break_lines() {
        let text = "a\r\nb\rc\nd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 3), pos(1, 0));
        assert_eq!(idx.position(text, 5), pos(2, 0));
        assert_eq!(idx.position(text, 7), pos(3, 0));
        assert_eq!(idx.line_range(text, 0), 0..1);
        assert_eq!(idx.line_range(text, 1), 3..4);
    }

    #[test]
    fn offset_inside_crlf_is_the_line_end() {
        let text = "ab\r\ncd";
        let idx = LineIndex::new(text);
        // Byte 3 is the '\n' of the CRLF: the position is the end of line 0, a column
        // that exists, and it converts back to the '\r'.
        assert_eq!(idx.position(text, 3), pos(0, 2));
        assert_eq!(idx.offset(text, pos(0, 2)), 2);
        assert_eq!(idx.position(text, 4), pos(1, 0));
    }

    #[test]
    fn bom_is_one_utf16_unit_like_in_javascript() {
        let text = "\u{feff}# T\nx";
        let idx = LineIndex::new(text);
        // The BOM is 3 bytes and 1 UTF-16 unit: '#' is at JS index 1.
        assert_eq!(idx.position(text, 3), pos(0, 1));
        assert_eq!(idx.position(text, 5), pos(0, 3));
        assert_eq!(idx.offset(text, pos(0, 1)), 3);
        assert_eq!(idx.position(text, 0), pos(0, 0));
        assert_eq!(idx.position(text, 7), pos(1, 0));
    }

    #[test]
    fn positions_in_one_pass_match_single_positions() {
        let text = "\u{feff}é🎯a\r\nb需c\rd\n🎯🎯\n";
        let idx = LineIndex::new(text);
        let mut offsets: Vec<usize> = (0..=text.len() + 2).collect();
        offsets.extend([4, 4, 9]);
        offsets.sort_unstable();
        let many = idx.positions(text, &offsets);
        let single: Vec<Position> = offsets.iter().map(|&o| idx.position(text, o)).collect();
        assert_eq!(many, single);
        let ascii = "ab\ncd";
        let idx = LineIndex::new(ascii);
        assert_eq!(
            idx.positions(ascii, &[0, 4, 9]),
            vec![pos(0, 0), pos(1, 1), pos(1, 2)]
        );
    }

    #[test]
    fn offset_inside_char_moves_back() {
        let text = "é";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 1), pos(0, 0));
        assert_eq!(idx.position(text, 99), pos(0, 1));
    }
}
