//! A large document is parsed in pieces cut before top-level headings: the same events as
//! one pass over the whole text, with the parser's memory bounded by a piece, not the
//! document (pulldown-cmark keeps a tree of the whole input, several times its size).
//!
//! A cut goes before an ATX heading at column 0 that follows a blank line. There every
//! container (list, block quote) has ended and nothing but a fenced code block, an HTML
//! block of types 1-5 or a metadata block can still be open; a piece whose parse leaves one
//! of those open at its end is not cut there. Link reference and footnote definitions apply
//! across the whole document, so a document that may have one (`]:`) is parsed whole.

use super::parse::parser_options;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
use std::ops::Range;

/// Documents are parsed in pieces of about this many bytes (small enough for the parser's
/// tree to stay in cache).
pub const PIECE: usize = 64 * 1024;

/// Call `f` with every event of `text` and its range, in order, parsing pieces of about
/// `piece` bytes when the document allows it.
pub fn for_each_event<'t>(
    text: &'t str,
    piece: usize,
    f: &mut impl FnMut(Event<'t>, Range<usize>),
) {
    let cuts = cut_points(text, piece);
    if cuts.is_empty() {
        for (event, range) in Parser::new_ext(text, parser_options()).into_offset_iter() {
            f(event, range);
        }
        return;
    }
    let closers = metadata_closers(text);
    let mut events: Vec<(Event<'t>, Range<usize>)> = Vec::new();
    let mut start = 0;
    // The first cut not yet passed.
    let mut next_cut = 0;
    while start < text.len() {
        let mut want = piece;
        let end = loop {
            while next_cut < cuts.len() && cuts[next_cut] < start + want {
                next_cut += 1;
            }
            let end = cuts.get(next_cut).copied().unwrap_or(text.len());
            events.clear();
            let slice = &text[start..end];
            events.extend(Parser::new_ext(slice, parser_options()).into_offset_iter());
            if end == text.len() || clean_end(slice, &events, &closers, start) {
                break end;
            }
            // Something runs on past the cut: try a longer piece (doubling keeps the
            // re-parsing linear overall).
            want = want.saturating_mul(2);
        };
        for (event, range) in events.drain(..) {
            f(event, range.start + start..range.end + start);
        }
        start = end;
    }
}

/// Offsets where a piece may start, at least `piece` bytes apart: the starts of lines that
/// open an ATX heading at column 0 right after a blank line. Empty when the document is
/// small or may define link references or footnotes.
fn cut_points(text: &str, piece: usize) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    if b.len() < 2 * piece || memchr::memmem::find(b, b"]:").is_some() {
        return out;
    }
    let mut last = 0;
    let mut prev_blank = false;
    let mut line = 0;
    while line < b.len() {
        let end = memchr::memchr(b'\n', &b[line..]).map_or(b.len(), |i| line + i + 1);
        let l = &b[line..end];
        if prev_blank && line >= last + piece && atx_opener(l) {
            out.push(line);
            last = line;
        }
        prev_blank = is_blank(l);
        line = end;
    }
    out
}

/// A line with only spaces, tabs and its line break.
fn is_blank(line: &[u8]) -> bool {
    line.iter()
        .all(|&c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
}

/// `#` to `######` at column 0 followed by a space, a tab or the line's end.
fn atx_opener(line: &[u8]) -> bool {
    let hashes = line.iter().take_while(|&&c| c == b'#').count();
    (1..=6).contains(&hashes)
        && line
            .get(hashes)
            .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
}

/// Starts of the lines that can close a YAML metadata block (`---` or `...` at column 0,
/// then only spaces).
fn metadata_closers(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut line = 0;
    while line < b.len() {
        let end = memchr::memchr(b'\n', &b[line..]).map_or(b.len(), |i| line + i + 1);
        if metadata_closer(&b[line..end]) {
            out.push(line);
        }
        line = end;
    }
    out
}

fn metadata_closer(line: &[u8]) -> bool {
    let three = line.starts_with(b"---") || line.starts_with(b"...");
    three
        && line.get(3) != line.first()
        && line[3..]
            .iter()
            .skip_while(|&&c| c == b' ')
            .all(|&c| c == b'\r' || c == b'\n')
}

/// `---` at column 0 with only whitespace after it: the parser may open a metadata block
/// there when a closing line follows.
fn metadata_opener(line: &[u8]) -> bool {
    line.starts_with(b"---")
        && line.get(3) != Some(&b'-')
        && line[3..].iter().all(u8::is_ascii_whitespace)
}

/// Whether the parse of `piece` (events relative to it, the piece starting at `offset` of
/// the document) ends with everything closed, so that the next line starts the same in a
/// parse of the whole document.
fn clean_end(
    piece: &str,
    events: &[(Event<'_>, Range<usize>)],
    closers: &[usize],
    offset: usize,
) -> bool {
    let b = piece.as_bytes();
    // The piece ends with a blank line (the cut follows one).
    let body = b.len().saturating_sub(1);
    let blank_start = memchr::memrchr(b'\n', &b[..body]).map_or(0, |i| i + 1);
    for (event, range) in events {
        let Event::Start(tag) = event else { continue };
        let leaf = matches!(
            tag,
            Tag::CodeBlock(CodeBlockKind::Fenced(_)) | Tag::HtmlBlock | Tag::MetadataBlock(_)
        );
        if !leaf || range.end < blank_start {
            continue;
        }
        // A block reaching the final blank line was either closed on the line before it or
        // is still open.
        let closed = range.end == blank_start
            && match tag {
                Tag::CodeBlock(_) => fence_closed(&piece[range.clone()]),
                Tag::HtmlBlock => html_closed(&piece[range.clone()]),
                _ => true,
            };
        if !closed {
            return false;
        }
    }
    !dangling_metadata(b, closers, offset)
}

/// A line of the piece that may open a metadata block whose closing line lies beyond the
/// piece (the whole document's parse would make one block of everything between).
fn dangling_metadata(b: &[u8], closers: &[usize], offset: usize) -> bool {
    let end = offset + b.len();
    if closers.last().is_none_or(|&c| c < end) {
        return false;
    }
    let mut lines = Vec::new();
    let mut line = 0;
    while line < b.len() {
        let stop = memchr::memchr(b'\n', &b[line..]).map_or(b.len(), |i| line + i + 1);
        lines.push(line..stop);
        line = stop;
    }
    // Openers need a first line that is neither blank nor a closing line; an opener is
    // settled when a closing line follows it inside the piece.
    let mut open = false;
    for (i, r) in lines.iter().enumerate() {
        let l = &b[r.clone()];
        if open && metadata_closer(l) {
            open = false;
            continue;
        }
        if !open && metadata_opener(l) {
            let next = lines.get(i + 1).map(|n| &b[n.clone()]);
            open = next.is_some_and(|n| !is_blank(n) && !metadata_closer(n));
        }
    }
    open
}

/// The last line of a fenced code block is a closing fence: up to three spaces, at least
/// as many fence characters as the opening, then only spaces or tabs.
fn fence_closed(block: &str) -> bool {
    let lines: Vec<&str> = block.split_inclusive('\n').collect();
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return false;
    };
    if lines.len() < 2 {
        return false;
    }
    let open = first.trim_start_matches(' ');
    let Some(ch) = open.chars().next().filter(|c| matches!(c, '`' | '~')) else {
        return false;
    };
    let need = open.chars().take_while(|&c| c == ch).count();
    let indent = last.len() - last.trim_start_matches(' ').len();
    let close = &last[indent..];
    let have = close.chars().take_while(|&c| c == ch).count();
    indent <= 3
        && have >= need
        && close[have..]
            .chars()
            .all(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
}

/// An HTML block of types 1-5 ends on the line with its end marker; other types end at a
/// blank line.
fn html_closed(block: &str) -> bool {
    let first = block.trim_start_matches(' ');
    let last = block
        .trim_end_matches(['\r', '\n'])
        .rsplit('\n')
        .next()
        .unwrap_or("");
    let lower = |s: &str| s.to_ascii_lowercase();
    let starts_tag = |name: &str| {
        let f = lower(first.get(..name.len()).unwrap_or(""));
        f == name
            && first[name.len()..]
                .chars()
                .next()
                .is_none_or(|c| matches!(c, ' ' | '\t' | '>' | '\r' | '\n'))
    };
    if ["<script", "<pre", "<style", "<textarea"]
        .iter()
        .any(|t| starts_tag(t))
    {
        let l = lower(last);
        return ["</script>", "</pre>", "</style>", "</textarea>"]
            .iter()
            .any(|t| l.contains(t));
    }
    if first.starts_with("<!--") {
        return last.contains("-->");
    }
    if first.starts_with("<?") {
        return last.contains("?>");
    }
    if first.starts_with("<![CDATA[") {
        return last.contains("]]>");
    }
    if first.starts_with("<!") && first[2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return last.contains('>');
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(text: &str, piece: usize) -> Vec<(String, Range<usize>)> {
        let mut out = Vec::new();
        for_each_event(text, piece, &mut |e, r| out.push((format!("{e:?}"), r)));
        out
    }

    fn whole(text: &str) -> Vec<(String, Range<usize>)> {
        Parser::new_ext(text, parser_options())
            .into_offset_iter()
            .map(|(e, r)| (format!("{e:?}"), r))
            .collect()
    }

    /// Same events as one parse, for every piece size that cuts the text somewhere.
    fn assert_same(name: &str, text: &str) {
        let want = whole(text);
        for piece in [1, 7, 64, 500, 4096] {
            let got = events(text, piece);
            if got != want {
                let at = got.iter().zip(&want).position(|(a, b)| a != b);
                panic!(
                    "{name}, piece {piece}: events differ at {at:?}: {:?} vs {:?}",
                    at.and_then(|i| got.get(i)),
                    at.and_then(|i| want.get(i))
                );
            }
        }
    }

    fn md_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                md_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "md" || x == "txt") {
                out.push(p);
            }
        }
    }

    #[test]
    fn pieces_give_the_events_of_one_parse_on_real_documents() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in [
            "tests/fixtures",
            "tests/regressions",
            "../shared/realdocs",
            "../shared/seeds",
        ] {
            md_files(&root.join(dir), &mut files);
        }
        assert!(files.len() > 20, "found only {} files", files.len());
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            // Without `]:` (reference definitions) so that the pieces are really cut.
            assert_same(&f.display().to_string(), &text.replace("]:", "] :"));
        }
    }

    /// Blocks that stay open across a blank line and a heading, in every arrangement.
    #[test]
    fn pieces_give_the_events_of_one_parse_on_open_blocks() {
        let parts = [
            "# H\n\n",
            "## H2\n\n",
            "text\n\n",
            "```\ncode\n\n",
            "```\n\n",
            "~~~~\n# in code\n\n",
            "````\n```\n\n",
            "    indented\n\n",
            "  ```\n",
            "    ```\n\n",
            "- item\n\n",
            "- ```\n  code\n\n",
            "  - nested\n\n",
            "> quote\n\n",
            "> ```\n> code\n\n",
            "1. one\n\n",
            "- [ ] task\n\n",
            "<div>\n\n",
            "<pre>\nx\n\n",
            "</pre>\n\n",
            "<!--\n\n",
            "-->\n\n",
            "<!-- one -->\n\n",
            "<?php\n\n",
            "?>\n\n",
            "<!DOCTYPE\n\n",
            "<![CDATA[\n\n",
            "]]>\n\n",
            "<script>\n\n",
            "</script>\n\n",
            "---\n",
            "---\n\n",
            "...\n",
            "key: value\n",
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n",
            "#\n\n",
            "####### seven\n\n",
            "#tag\n\n",
            "\r\n",
            "# CRLF\r\n\r\n",
            "text\r\n\r\n",
            "*a\n\n",
            "[^1] and [x]\n\n",
            "***\n\n",
            "Setext\n===\n\n",
        ];
        let texts = crate::testing::random_texts(&parts, 2..=13, 3000, 0x9e37_79b9_7f4a_7c15u64);
        for (n, text) in texts.iter().enumerate() {
            assert_same(&format!("case {n}: {text:?}"), text);
        }
    }

    #[test]
    fn open_blocks_at_the_end_of_a_piece_are_seen() {
        let clean = |piece: &str, later: &str| {
            let events: Vec<_> = Parser::new_ext(piece, parser_options())
                .into_offset_iter()
                .collect();
            let closers = metadata_closers(&format!("{piece}{later}"));
            clean_end(piece, &events, &closers, 0)
        };
        assert!(clean("text\n\n", "# h\n"));
        assert!(clean("```\ncode\n```\n\n", "# h\n"));
        assert!(!clean("```\ncode\n\n", "# h\n```\n"));
        assert!(!clean("```\ncode\n    ```\n\n", "# h\n"));
        assert!(!clean("~~~~\ncode\n~~~\n\n", "# h\n"));
        assert!(clean("<!-- note -->\n\n", "# h\n"));
        assert!(!clean("<!--\nnote\n\n", "# h\n-->\n"));
        assert!(!clean("<pre>\nx\n\n", "# h\n</pre>\n"));
        assert!(clean("<div>\nx\n\n", "# h\n"));
        assert!(!clean("---\na: b\n\n", "# h\n---\n"));
        assert!(clean("---\n\ntext\n\n", "# h\n---\n"));
        assert!(clean("---\na: b\n---\n\n", "# h\n---\n"));
    }

    #[test]
    fn large_documents_are_cut_and_references_keep_them_whole() {
        let doc = "## Section\n\nSome text with `code`.\n\n- [ ] T1 task\n\n".repeat(5000);
        assert!(cut_points(&doc, PIECE).len() >= 3);
        assert_same("large", &doc);
        let with_ref = format!("{doc}[x]: https://example.com\n");
        assert!(cut_points(&with_ref, PIECE).is_empty());
    }
}
