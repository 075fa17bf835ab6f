//! `broken-heading`: a line clearly meant as a heading that Markdown does not read as one.

use crate::document::InlineKind;
use crate::rules::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Finds lines written as headings that Markdown renders as text or code:
    /// - a stray character before the `#` markers: `-## Phase 10`, `w# Implementation Plan`
    ///   (a letter counts only on the document's first line or on a line standing alone
    ///   between blank lines; `C# ...` is a language, not a typo);
    /// - no space after the markers: `##Title` (a single `#` only before a capitalized word on
    ///   a line of its own, in a document that uses headings, so `#hashtag` and `#123` stay
    ///   silent);
    /// - a heading indented by four spaces or more, which renders as a one-line code block.
    ///
    /// Lines inside fenced code blocks are never reported.
    ///
    /// ## Why
    /// A heading that does not render drops its section from the outline: rules looking for
    /// required sections miss it, a table of contents skips it, and the text before it runs
    /// on into the wrong section.
    ///
    /// ## Example
    /// ```markdown
    /// w# Implementation Plan
    ///
    /// -## Phase 10: SDK
    ///
    /// ##Testing
    /// ```
    ///
    /// ## How to fix
    /// Delete the stray character, add the space after the `#` markers, or remove the
    /// indentation. `--fix` does the first two for punctuation and missing spaces; deleting a
    /// stray letter is offered as an unsafe fix.
    pub static RULE = {
        code: "SM004",
        name: "broken-heading",
        summary: "Line meant as a heading is not rendered as one",
        category: Category::Structure,
        tags: &["generic", "markdown"],
        kinds: &[],
        severity: Severity::Warning,
        fixable: true,
        options: &[],
        check: check,
    }
}

/// `x## Title`: one stray character, then the markers, a space and the title.
static STRAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<stray>[\w*+-])(?P<hashes>#{1,6})[ \t]+(?P<title>\S.*)$")
        .expect("static regex")
});

/// `##Title`: markers directly followed by the title.
static NO_SPACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<hashes>#{1,6})(?P<title>[^\s#].*)$").expect("static regex"));

/// The content of a one-line indented code block that is a heading.
static INDENTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^#{1,6}[ \t]+[A-ZÀ-ÖØ-ÞΑ-ΩА-Я]|^#{1,6}[ \t]+\d").expect("static regex")
});

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let src = doc.source;
    let first_line = first_content_line(doc);
    let has_headings = !doc.headings.is_empty();
    let mut heading_lines: Vec<usize> = doc
        .headings
        .iter()
        .map(|h| doc.line_index.line_of(h.range.start))
        .collect();
    crate::sort::sort(&mut heading_lines);
    for line in doc.line_index.lines_containing(src, &["#"]) {
        let r = doc.line_index.line_range(src, line);
        let raw = &src[r.clone()];
        if raw.len() > 300 || doc.in_code(r.start) {
            continue;
        }
        if heading_lines.binary_search(&line).is_ok() || !in_paragraph(doc, r.start, r.end) {
            continue;
        }
        let indent = raw.len() - raw.trim_start_matches(' ').len();
        if indent > 3 {
            continue;
        }
        let text = raw[indent..].trim_end();
        let at = r.start + indent;
        let standalone = blank_or_edge(doc, line, -1) && blank_or_edge(doc, line, 1);
        if let Some(c) = STRAY.captures(text) {
            let (Some(stray), Some(hashes)) = (c.name("stray"), c.name("hashes")) else {
                continue;
            };
            let s = stray.as_str();
            let title = c.name("title").map_or("", |m| m.as_str());
            let letter = s.chars().all(char::is_alphanumeric);
            if letter {
                let language = hashes.len() == 1 && matches!(s, "C" | "F" | "J");
                let looks_like_heading = Some(line) == first_line
                    || (standalone && hashes.len() >= 2 && starts_capital(title));
                if language || !looks_like_heading {
                    continue;
                }
            }
            let fixed = &text[stray.end()..];
            let edit = Edit::delete(at..at + stray.end());
            let fix_title = format!("delete the stray `{s}`");
            let fix = if letter {
                Fix::unsafe_(fix_title, vec![edit])
            } else {
                Fix::safe(fix_title, vec![edit])
            };
            out.push(
                cx.diag(
                    at..r.start + indent + text.len(),
                    format!("`{text}` is not a heading: a stray `{s}` precedes the `#`; write `{fixed}`"),
                )
                .with_help("a heading starts with `#` markers (up to three spaces of indentation)")
                .with_fix(fix),
            );
            continue;
        }
        if let Some(c) = NO_SPACE.captures(text) {
            let (Some(hashes), Some(title)) = (c.name("hashes"), c.name("title")) else {
                continue;
            };
            let t = title.as_str();
            let ok = if hashes.len() >= 2 {
                t.starts_with(|c: char| c.is_alphanumeric() || c == '*' || c == '_')
            } else {
                has_headings
                    && standalone
                    && t.starts_with(|c: char| c.is_uppercase())
                    && !t.ends_with('.')
            };
            if !ok {
                continue;
            }
            let h = hashes.as_str();
            out.push(
                cx.diag(
                    at..r.start + indent + text.len(),
                    format!(
                        "`{text}` is not a heading: `{h}` needs a space after it; write `{h} {t}`"
                    ),
                )
                .with_help("Markdown reads `#` markers as a heading only when a space follows them")
                .with_fix(Fix::safe(
                    format!("insert a space after `{h}`"),
                    vec![Edit::insert(at + h.len(), " ")],
                )),
            );
        }
    }
    indented_headings(cx, out);
}

/// One-line indented code blocks that are headings (`    ## Title`).
fn indented_headings(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let src = doc.source;
    for block in doc.code_blocks.iter().filter(|b| !b.fenced) {
        let content = block.text.trim();
        if content.contains(['\n', '\r']) || !INDENTED.is_match(content) || content.len() > 200 {
            continue;
        }
        let line = doc.line_index.line_of(block.content_range.start);
        let r = doc.line_index.line_range(src, line);
        let raw = &src[r.clone()];
        let Some(hash) = raw.find('#') else { continue };
        let lead = &raw[..hash];
        let columns: usize = lead.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
        let mut diag = cx
            .diag(
                r.start + hash..r.end,
                format!(
                    "`{}` is indented {columns} spaces and renders as code, not as a heading",
                    raw[hash..].trim_end()
                ),
            )
            .with_help("remove the indentation so the line starts with its `#` markers");
        // Only a plain top-level line can simply be dedented.
        if lead.chars().all(|c| c == ' ' || c == '\t') && block.range.start == r.start {
            diag = diag.with_fix(Fix::unsafe_(
                "remove the indentation",
                vec![Edit::delete(r.start..r.start + hash)],
            ));
        }
        out.push(diag);
    }
}

fn starts_capital(t: &str) -> bool {
    t.trim_start_matches(['*', '_'])
        .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

/// The first line with content, after a byte-order mark and front matter.
fn first_content_line(doc: &Document<'_>) -> Option<usize> {
    let start = doc.front_matter.as_ref().map_or(0, |f| f.range.end);
    (doc.line_index.line_of(start)..doc.line_index.line_count()).find(|&l| {
        let r = doc.line_index.line_range(doc.source, l);
        r.start >= start
            && !doc.source[r]
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                .is_empty()
    })
}

/// Whether the line `delta` away from `line` is blank or beyond the document.
fn blank_or_edge(doc: &Document<'_>, line: usize, delta: isize) -> bool {
    let Some(other) = line.checked_add_signed(delta) else {
        return true;
    };
    if other >= doc.line_index.line_count() {
        return true;
    }
    doc.source[doc.line_index.line_range(doc.source, other)]
        .trim()
        .is_empty()
}

/// The line lies in a paragraph or list item text (not an HTML block, table or heading).
fn in_paragraph(doc: &Document<'_>, start: usize, end: usize) -> bool {
    let i = doc.inlines.partition_point(|b| b.range.start < end);
    i > 0 && {
        let b = &doc.inlines[i - 1];
        b.range.end > start && matches!(b.kind, InlineKind::Paragraph | InlineKind::ListItem)
    }
}
