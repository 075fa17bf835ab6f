//! `mojibake`: UTF-8 text that was decoded as Windows-1252 and encoded again (`âœ“` for `✓`).

use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Finds runs of characters that are UTF-8 bytes misread as Windows-1252 (or Latin-1)
    /// and saved again: `âœ“` for `✓`, `ðŸŽ¯` for 🎯, `â€™` for `’`, `Ã©` for `é`. A run is
    /// reported when its characters, written back as Windows-1252 bytes, form valid UTF-8
    /// that decodes to a plausible character (punctuation, symbols, emoji, letters).
    /// Real accented text ("café", "Größe", "naïve", "ÉTÉ”") does not form such runs and is
    /// never reported. Code blocks and code spans are left alone.
    ///
    /// ## Why
    /// Double-encoded text is unreadable, breaks search (the heading "ðŸŽ¯ Goal Overview"
    /// no longer matches "🎯 Goal Overview"), and usually means a tool in the pipeline
    /// guessed the wrong encoding; every later edit spreads it further.
    ///
    /// ## Example
    /// ```markdown
    /// ## Phase 1: Planning & Research âœ“
    /// ```
    ///
    /// ## How to fix
    /// `--fix` replaces each run with the text it was meant to be (`✓`); line endings and a
    /// byte-order mark are kept. Then find the tool that mis-decoded the file.
    pub static RULE = {
        code: "SM006",
        name: "mojibake",
        summary: "Double-encoded UTF-8 (mojibake)",
        category: Category::Structure,
        tags: &["generic", "encoding"],
        kinds: &[],
        severity: Severity::Warning,
        fixable: true,
        options: &[],
        check: check,
    }
}

/// Windows-1252 bytes 0x80–0x9F that are not the Latin-1 control characters.
const CP1252_HIGH: [(char, u8); 27] = [
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8A),
    ('‹', 0x8B),
    ('Œ', 0x8C),
    ('Ž', 0x8E),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9A),
    ('›', 0x9B),
    ('œ', 0x9C),
    ('ž', 0x9E),
    ('Ÿ', 0x9F),
];

/// The Windows-1252 byte a character was decoded from. Undefined Windows-1252 bytes (0x81,
/// 0x8D, 0x8F, 0x90, 0x9D) survive as the C1 controls U+0081…, as Windows decoders keep them.
fn cp1252_byte(c: char) -> Option<u8> {
    match c as u32 {
        n @ 0..=0xFF => Some(n as u8),
        _ => CP1252_HIGH.iter().find(|(ch, _)| *ch == c).map(|(_, b)| *b),
    }
}

/// A character a real document plausibly contains (what a repaired run must decode to).
fn plausible(c: char) -> bool {
    matches!(c as u32,
        0x20..=0x7E
        | 0xA0..=0x24F          // Latin-1 supplement, Latin extended
        | 0x370..=0x4FF         // Greek, Cyrillic
        | 0x2000..=0x2BFF       // punctuation, arrows, math, box drawing, symbols, dingbats
        | 0x3000..=0x30FF       // CJK punctuation, kana
        | 0x4E00..=0x9FFF       // CJK ideographs
        | 0xAC00..=0xD7AF       // Hangul
        | 0xFE00..=0xFE0F       // variation selectors
        | 0xFEFF                // byte-order mark
        | 0xFF00..=0xFFEF       // full-width forms
        | 0x1F000..=0x1FAFF     // emoji
    )
}

/// One misread UTF-8 sequence starting at `chars[i]`: its length in chars and the char.
fn sequence_at(chars: &[(usize, char)], i: usize) -> Option<(usize, char)> {
    let lead = cp1252_byte(chars.get(i)?.1)?;
    let len = match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let mut bytes = [lead, 0, 0, 0];
    for (k, b) in bytes.iter_mut().enumerate().take(len).skip(1) {
        let c = cp1252_byte(chars.get(i + k)?.1)?;
        if !(0x80..=0xBF).contains(&c) {
            return None;
        }
        *b = c;
    }
    let decoded = std::str::from_utf8(&bytes[..len]).ok()?.chars().next()?;
    Some((len, decoded))
}

/// Decode a whole string once more if all of it is misread UTF-8 (text encoded twice).
fn decode_again(s: &str) -> Option<String> {
    let bytes: Option<Vec<u8>> = s.chars().map(cp1252_byte).collect();
    let bytes = bytes?;
    let out = String::from_utf8(bytes).ok()?;
    (out != s).then_some(out)
}

/// A run of mojibake: its byte range in the line and the repaired text.
struct Run {
    start: usize,
    end: usize,
    repaired: String,
}

fn runs_in(line: &str) -> Vec<Run> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some((len, c)) = sequence_at(&chars, i) else {
            i += 1;
            continue;
        };
        let start = i;
        let mut decoded = String::from(c);
        let mut pieces = 1;
        i += len;
        while let Some((len, c)) = sequence_at(&chars, i) {
            decoded.push(c);
            pieces += 1;
            i += len;
        }
        let mut repaired = decoded;
        for _ in 0..3 {
            match decode_again(&repaired) {
                Some(again) => repaired = again,
                None => break,
            }
        }
        let end_byte = chars.get(i).map_or(line.len(), |(b, _)| *b);
        let next = chars.get(i).map(|(_, c)| *c);
        let second = chars.get(start + 1).map(|(_, c)| *c);
        if repaired.chars().all(plausible)
            && !accented_before_quote(pieces, i - start, second, next)
        {
            out.push(Run {
                start: chars[start].0,
                end: end_byte,
                repaired,
            });
        }
    }
    out
}

/// A lone two-character run ending in a closing quote, such as `É”` in "L’ÉTÉ” said": an
/// accented capital before a quotation mark, which is real text.
fn accented_before_quote(
    pieces: usize,
    chars: usize,
    second: Option<char>,
    next: Option<char>,
) -> bool {
    pieces == 1
        && chars == 2
        && matches!(second, Some('’' | '”' | '»' | '›'))
        && !next.is_some_and(char::is_alphanumeric)
}

/// Findings per line before the rest of a line's runs are reported together (keeps a
/// pathological line linear to report).
const PER_LINE: usize = 10;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let src = doc.source;
    // A run starts with a lead byte 0xC2-0xF4 read as Windows-1252, which is the character
    // U+00C2-U+00F4, UTF-8 `C3 82`-`C3 B4`: text without the byte 0xC3 (ASCII, or only
    // emoji, dashes and other scripts) has none.
    if doc.line_index.is_ascii() || memchr::memchr(0xC3, src.as_bytes()).is_none() {
        return;
    }
    for line in 0..doc.line_index.line_count() {
        let r = doc.line_index.line_range(src, line);
        let text = &src[r.clone()];
        if memchr::memchr(0xC3, text.as_bytes()).is_none() || doc.in_code(r.start) {
            continue;
        }
        let runs: Vec<Run> = runs_in(text)
            .into_iter()
            .filter(|run| !doc.in_code_span(r.start + run.start))
            .collect();
        let (single, rest) = if runs.len() <= PER_LINE {
            (&runs[..], &runs[..0])
        } else {
            runs.split_at(PER_LINE - 1)
        };
        for run in single {
            out.push(run_finding(cx, r.start, text, run));
        }
        if !rest.is_empty() {
            out.push(rest_finding(cx, r.start, text, rest));
        }
    }
}

/// The replacement for a run: the repaired text, or nothing for a stray byte-order mark.
fn replacement(run: &Run) -> &str {
    if run.repaired == "\u{feff}" {
        ""
    } else {
        &run.repaired
    }
}

fn run_finding(cx: &Context<'_>, base: usize, text: &str, run: &Run) -> Diagnostic {
    let range = base + run.start..base + run.end;
    let bad = visible(&text[run.start..run.end]);
    let shown = replacement(run);
    let message = if shown.is_empty() {
        format!("double-encoded byte-order mark `{bad}`; delete it")
    } else {
        format!("double-encoded UTF-8 `{bad}`; it should read `{shown}`")
    };
    cx.diag(range.clone(), message)
        .with_help("the text was decoded as Windows-1252 and saved again as UTF-8")
        .with_fix(Fix::safe(
            format!("replace `{bad}` with `{shown}`"),
            vec![Edit::replace(range, shown)],
        ))
}

/// One finding for the many remaining runs of a line, repairing them all with one edit (the
/// text between the runs is copied unchanged).
fn rest_finding(cx: &Context<'_>, base: usize, text: &str, runs: &[Run]) -> Diagnostic {
    let (first, last) = (&runs[0], &runs[runs.len() - 1]);
    let mut repaired = String::with_capacity(last.end - first.start);
    let mut at = first.start;
    for run in runs {
        repaired.push_str(&text[at..run.start]);
        repaired.push_str(replacement(run));
        at = run.end;
    }
    let range = base + first.start..base + last.end;
    cx.diag(
        range.clone(),
        format!(
            "{} more double-encoded UTF-8 sequences on this line, starting with `{}`",
            runs.len(),
            visible(&text[first.start..first.end])
        ),
    )
    .with_help("the text was decoded as Windows-1252 and saved again as UTF-8")
    .with_fix(Fix::safe(
        "repair the double-encoded text",
        vec![Edit::replace(range, repaired)],
    ))
}

/// Control characters (the C1 bytes some runs carry) spelled out for messages.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repair(s: &str) -> Vec<(String, String)> {
        runs_in(s)
            .into_iter()
            .map(|r| (s[r.start..r.end].to_string(), r.repaired))
            .collect()
    }

    #[test]
    fn repairs_common_mojibake() {
        let pair = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
        assert_eq!(repair("Research âœ“"), pair("âœ“", "✓"));
        assert_eq!(repair("## ðŸŽ¯ Goal"), pair("ðŸŽ¯", "🎯"));
        assert_eq!(repair("it’s: itâ€™s"), pair("â€™", "’"));
        assert_eq!(repair("cafÃ© au lait"), pair("Ã©", "é"));
        assert_eq!(repair("ðŸ”\u{8d} Validation"), pair("ðŸ”\u{8d}", "🔍"));
        assert_eq!(repair("æµ‹è¯•"), pair("æµ‹è¯•", "测试"));
        // Encoded twice.
        assert_eq!(repair("Ã¢Â€Â™"), pair("Ã¢Â€Â™", "’"));
        assert_eq!(repair("Ã¢Å“â€œ"), pair("Ã¢Å“â€œ", "✓"));
    }

    /// The fixture snapshots normalize line endings, so the byte-exact check lives here.
    #[test]
    fn fix_keeps_bom_and_crlf() {
        let config = crate::Config::default();
        let opts = crate::LintOptions {
            path: Some("notes.md"),
            kind: Some(Kind::Markdown),
            config: &config,
        };
        let src = "\u{feff}# Plan\r\n\r\n## Phase 1 âœ“\r\n\r\nitâ€™s done\r\n";
        let fixed = crate::fix_text(src, &opts, false);
        assert_eq!(
            fixed.output,
            "\u{feff}# Plan\r\n\r\n## Phase 1 ✓\r\n\r\nit’s done\r\n"
        );
        assert_eq!(fixed.applied, 2);
    }

    #[test]
    fn many_runs_on_one_line_are_grouped() {
        let config = crate::Config::default();
        let opts = crate::LintOptions {
            path: Some("notes.md"),
            kind: Some(Kind::Markdown),
            config: &config,
        };
        let src = format!("# Plan\n\n{}\n", "âœ“ ".repeat(25));
        let linted = crate::lint(&src, &opts);
        let found: Vec<_> = linted
            .diagnostics
            .iter()
            .filter(|d| d.name == "mojibake")
            .collect();
        assert_eq!(found.len(), PER_LINE);
        assert!(found[PER_LINE - 1].message.starts_with("16 more"));
        let fixed = crate::fix_text(&src, &opts, false);
        assert_eq!(fixed.output, format!("# Plan\n\n{}\n", "✓ ".repeat(25)));
    }

    #[test]
    fn real_text_is_left_alone() {
        for s in [
            "café",
            "Größe",
            "naïve",
            "L’ÉTÉ” said",
            "Straße“ quoted",
            "10×–20× faster",
            "Ñandú",
            "À la carte « menu »",
            "Ærø and Øresund",
            "日本語のテキスト",
            "✓ done 🎯",
            "Привет",
            "São Paulo — 5° ± 2",
        ] {
            assert!(repair(s).is_empty(), "{s} was reported: {:?}", repair(s));
        }
    }
}
