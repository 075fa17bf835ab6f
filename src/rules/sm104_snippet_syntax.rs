//! `snippet-syntax`: a python code block that a real Python parser rejects.
//!
//! The parser (rustpython-parser, Python 3.12 grammar, in the `specmark-python` crate) is
//! linked into the native CLI and loaded by the JavaScript front ends as a second wasm
//! module ([`crate::python`]). Everything that prepares a snippet and maps positions back to
//! the Markdown source is here, so every front end reports the same findings.

use crate::document::CodeBlock;
use crate::python::Unavailable;
use crate::rules::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Parses every fenced python code block (`python` and `py` by default) with a real
    /// Python 3.12 parser and reports the first syntax error of each block, at the line of
    /// the Markdown file where it is, with the parser's message. Like `unverified-snippet`,
    /// only in a document (or workspace) that follows the `# VERIFIED:` convention: other
    /// workflows write pseudo-code in python fences.
    ///
    /// What is deliberately accepted, because documents show code that is not a complete
    /// program:
    /// - the snippet is dedented first, so a method copied out of a class parses;
    /// - `...` (a valid Python expression) and placeholder lines that hold only a bracketed
    ///   text such as `[implementation here]` or `<your code>` stand for omitted code;
    /// - IPython lines starting with `%` or `!`, and `>>>` / `...` prompts of a REPL session
    ///   (output lines are ignored);
    /// - parsing is not compiling: `return` or `await` at the top level parse, as they do
    ///   with `ast.parse`;
    /// - a block whose comments say it is pseudo-code or shows a syntax error on purpose
    ///   (`# pseudo-code`, `# SyntaxError`, `# invalid syntax`) is skipped.
    ///
    /// Parsing is bounded: a document gets a budget of `max-bytes` (default 50 000, about 35 ms natively) bytes
    /// of python to parse (retries included); blocks beyond it, and blocks nested deeper
    /// than any real code (hundreds of brackets or operators in one statement), are not
    /// parsed, and an info finding says so.
    ///
    /// Every front end runs it: the command line has the parser built in; the npm package,
    /// the language server and the browser page load it as a second WebAssembly module the
    /// first time a document needs it. Until it has loaded (in the browser, a moment), or if
    /// it cannot load, an info finding at the first python block says the snippets were not
    /// checked. A build without the `python` cargo feature and without a JavaScript host
    /// reports nothing.
    ///
    /// ## Why
    /// The GOE PRD agent must run `python3 -m py_compile` on every snippet ("ANY syntax check
    /// fails → Fix it immediately"). Snippets that do not parse are the clearest sign that
    /// the code was never run, and they mislead whoever copies them.
    ///
    /// ## Example
    /// ````markdown
    /// ```python
    /// Grep(pattern="class.*Interface", path="src/goe/offload", -n=True)
    /// ```
    /// ````
    /// `-n=True` is not a valid keyword argument: "invalid syntax. Got unexpected token '='".
    ///
    /// ## How to fix
    /// Correct the code. If the block is intentionally not Python, give it another language
    /// (```` ```text ````); write omitted parts as `...`.
    ///
    /// ## Options
    /// - `languages`: fence languages that count as python (default `python`, `py`).
    /// - `max-bytes`: bytes of python parsed per document (default 50000).
    pub static RULE = {
        code: "SM104",
        name: "snippet-syntax",
        summary: "Python snippet that does not parse",
        category: Category::Verification,
        tags: &["prd", "research", "code"],
        kinds: &[Kind::Prd, Kind::Research],
        severity: Severity::Error,
        fixable: false,
        options: &[
            OptionSpec {
                name: "languages",
                doc: "Fence languages that count as python",
                default: OptionDefault::StrList(&["python", "py"]),
            },
            OptionSpec {
                name: "max-bytes",
                doc: "Bytes of python parsed per document; blocks beyond it are not checked",
                default: OptionDefault::Int(50_000),
            },
        ],
        check: check,
    }
}

/// More nesting-capable tokens than this in one statement: not parsed (the parser and the
/// syntax tree it builds recurse; real code stays far below).
const MAX_NESTING_TOKENS: usize = 400;
/// Deeper indentation than this many columns: not parsed (CPython stops at 100 levels).
const MAX_INDENT: usize = 400;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cfg!(any(feature = "python", feature = "wasm")) {
        check_blocks(cx, out);
    }
}

fn check_blocks(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    // Syntax checks are part of the verification the `# VERIFIED:` convention records; a
    // workflow without it writes pseudo-code in python fences.
    if !crate::rules::registry::sm103_unverified_snippet::follows_convention(cx, "# verified:") {
        return;
    }
    let languages: Vec<String> = cx
        .str_list("languages")
        .iter()
        .map(|l| l.to_lowercase())
        .collect();
    let max_bytes = usize::try_from(cx.int("max-bytes")).unwrap_or(0);
    let mut budget = Budget(max_bytes);
    // Blocks left unchecked: (first fence, count, bytes).
    let mut skipped: Option<(Range<usize>, usize, usize)> = None;
    for block in &doc.code_blocks {
        let Some(lang) = &block.lang else { continue };
        if !block.fenced || !languages.iter().any(|l| l == lang) || block.text.trim().is_empty() {
            continue;
        }
        if budget.0 < block.text.len() + 64 {
            let s = skipped.get_or_insert_with(|| (fence_range(doc, block), 0, 0));
            s.1 += 1;
            s.2 += block.text.len();
            continue;
        }
        if deliberately_invalid(&block.text) {
            continue;
        }
        let fence = fence_range(doc, block);
        let prepared = prepare(&block.text);
        if too_deep(&prepared.source) {
            out.push(
                cx.diag(
                    fence,
                    "python snippet is nested too deeply to be syntax-checked".to_string(),
                )
                .with_severity(Severity::Info),
            );
            continue;
        }
        let (offset, message) = match first_error(&prepared.source, &mut budget) {
            Outcome::Parses => continue,
            Outcome::Error(at, msg) => (at, msg),
            Outcome::Unavailable(why) => {
                unavailable(cx, fence, &why, out);
                return;
            }
            Outcome::OverBudget => {
                let s = skipped.get_or_insert((fence, 0, 0));
                s.1 += 1;
                s.2 += block.text.len();
                continue;
            }
        };
        let range = source_range(doc, block, &prepared, offset).unwrap_or(fence);
        out.push(
            cx.diag(range, format!("python snippet does not parse: {message}"))
                .with_help(
                    "fix the code; write omitted parts as `...`, or give a block that is not \
                     Python another language such as ```text",
                ),
        );
    }
    if let Some((fence, n, bytes)) = skipped {
        let what = if n == 1 {
            format!("this python snippet ({bytes} bytes) was")
        } else {
            format!("{n} python snippets from here on ({bytes} bytes) were")
        };
        out.push(
            cx.diag(
                fence,
                format!("{what} not syntax-checked: the document's budget of {max_bytes} bytes of python is used up"),
            )
            .with_severity(Severity::Info)
            .with_help("raise `max-bytes` for this rule to check them"),
        );
    }
}

/// The info finding when the parser is not there (a JavaScript front end that has not
/// loaded the parser module yet, or could not): the python blocks from `fence` on were not
/// checked.
fn unavailable(
    cx: &Context<'_>,
    fence: Range<usize>,
    why: &Unavailable,
    out: &mut Vec<Diagnostic>,
) {
    let (message, help) = match why {
        Unavailable::NotBuilt => return,
        Unavailable::NotLoaded => (
            "python snippets are not syntax-checked yet: the Python parser module is not loaded"
                .to_string(),
            "front ends load it when a document has python blocks; with the npm package's web \
             build, call loadPython()",
        ),
        Unavailable::Loading => (
            "python snippets are not syntax-checked yet: the Python parser module is loading"
                .to_string(),
            "the check runs as soon as it has loaded",
        ),
        Unavailable::Failed(reason) => (
            format!(
                "python snippets were not syntax-checked: the Python parser module could not be \
                 loaded ({reason})"
            ),
            "`specmark check` on the command line checks them",
        ),
    };
    out.push(
        cx.diag(fence, message)
            .with_severity(Severity::Info)
            .with_help(help),
    );
}

/// Bytes of python the parser may still read in this document; every parse attempt
/// (retries included) costs its length plus a fixed overhead.
struct Budget(usize);

impl Budget {
    fn take(&mut self, source: &str) -> bool {
        let cost = source.len() + 64;
        match self.0.checked_sub(cost) {
            Some(rest) => {
                self.0 = rest;
                true
            }
            None => false,
        }
    }
}

enum Outcome {
    Parses,
    Error(usize, String),
    OverBudget,
    Unavailable(Unavailable),
}

/// At most this many parses per block (retries replace `...` elisions, then try the snippet
/// as the inside of a literal or call).
const MAX_PARSES: usize = 12;

/// Stand-ins for a `...` elision where Python does not accept an expression, tried in
/// order; all as long as `...` so offsets stay put.
const ELISION_STANDINS: [&str; 3] = ["_e_", "**_", "*_e"];

fn parse(source: &str) -> Result<Result<(), (usize, String)>, Unavailable> {
    crate::python::parse(source).map(|r| r.map_err(|(at, message)| (at, readable(&message))))
}

/// Some parser messages in plainer words.
fn readable(message: &str) -> String {
    match message {
        "invalid syntax. Got unexpected token Newline" => {
            "invalid syntax: unexpected end of line (a missing `:` or operator?)".to_string()
        }
        "Got unexpected nesting" => "unmatched closing bracket".to_string(),
        "unexpected EOF while parsing" => {
            "unexpected end of the snippet (an unclosed bracket or string?)".to_string()
        }
        m => m.replace("invalid syntax. Got", "invalid syntax: got"),
    }
}

/// The first syntax error of a prepared snippet (offset into it, message), after the
/// tolerances for `...` elisions (`def f(self, ...)`) and fragments of a literal or an
/// argument list (a snippet ending with `,`).
fn first_error(source: &str, budget: &mut Budget) -> Outcome {
    let mut src = source.to_string();
    // Replaced elisions: offset -> (stand-in index, the error the original `...` caused).
    let mut replaced: Vec<(usize, usize, (usize, String))> = Vec::new();
    let mut parses = 0;
    let mut first = (0, String::new());
    let err = loop {
        parses += 1;
        if !budget.take(&src) {
            return if parses == 1 {
                Outcome::OverBudget
            } else {
                // Checked once; the tolerances ran out of budget: report what was found.
                Outcome::Error(first.0, first.1)
            };
        }
        let (at, msg) = match parse(&src) {
            Ok(Ok(())) => return Outcome::Parses,
            Ok(Err(e)) => e,
            Err(why) => return Outcome::Unavailable(why),
        };
        if parses == 1 {
            first = (at, msg.clone());
        }
        if parses >= MAX_PARSES {
            break (at, msg);
        }
        if let Some(k) = replaced.iter().position(|r| (r.0..r.0 + 3).contains(&at)) {
            let pos = replaced[k].0;
            let next = replaced[k].1 + 1;
            // Starred stand-ins only where a parameter can stand: after `(` or `,`
            // (elsewhere `1 **_` would turn garbage into a valid power).
            let in_list = src[..pos].trim_end().ends_with(['(', ',']);
            match ELISION_STANDINS.get(next).filter(|_| in_list) {
                Some(standin) => {
                    src.replace_range(pos..pos + 3, standin);
                    replaced[k].1 = next;
                    continue;
                }
                None => break replaced[k].2.clone(),
            }
        }
        if src.get(at..at + 3) == Some("...") {
            src.replace_range(at..at + 3, ELISION_STANDINS[0]);
            replaced.push((at, 0, (at, msg)));
            continue;
        }
        break (at, msg);
    };
    // A signature or block header shown without its body (`def f(x) -> int:`).
    let mut retries: Vec<String> = Vec::new();
    if let Some(indent) = open_block_indent(&src) {
        retries.push(format!("{src}{indent}    ...\n"));
    }
    if ends_with_comma(&src) {
        for (open, close) in [("_ = {", "}"), ("_ = [", "]"), ("_ = f(", ")")] {
            retries.push(format!("{open}\n{src}{close}\n"));
        }
    }
    for retry in retries {
        if parses >= MAX_PARSES || !budget.take(&retry) {
            break;
        }
        parses += 1;
        if matches!(parse(&retry), Ok(Ok(()))) {
            return Outcome::Parses;
        }
    }
    Outcome::Error(err.0, err.1)
}

/// The last code line, when it ends with `:` (a header without a body): its indentation.
fn open_block_indent(source: &str) -> Option<&str> {
    let line = source
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let code = line.split(" #").next().unwrap_or(line).trim_end();
    code.ends_with(':').then(|| &line[..indent_len(line)])
}

/// The last code line (comments and blank lines aside) ends with a comma: a fragment of a
/// dict, list or argument list.
fn ends_with_comma(source: &str) -> bool {
    source
        .lines()
        .rev()
        .map(|l| l.split(" #").next().unwrap_or(l).trim())
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.ends_with(','))
}

/// The opening fence line, trimmed.
fn fence_range(doc: &Document<'_>, block: &CodeBlock) -> Range<usize> {
    let line = doc.line_index.line_of(block.range.start);
    text::trim_range(doc.source, doc.line_index.line_range(doc.source, line))
}

static INTENTIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)syntax ?error|invalid syntax|(?:does not|doesn't|won't|will not) (?:parse|compile)|pseudo-? ?code",
    )
    .expect("static regex")
});

/// A comment says the block is pseudo-code or shows an error on purpose.
fn deliberately_invalid(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim_start();
        t.starts_with('#') && INTENTIONAL.is_match(t)
    })
}

/// A line that stands for omitted code: `[implementation here]`, `<your code>`, `…`.
static PLACEHOLDER_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\[[^\[\]]*\s[^\[\]]*\]|<[^<>]+>|…)$").expect("static regex"));

/// One line of the text handed to the parser.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LineMap {
    /// Index of the line in the block's text.
    text_line: usize,
    /// Bytes removed from the start of the text line (prompt, dedent).
    shift: usize,
    /// The line was replaced (placeholder, REPL output): columns do not map.
    replaced: bool,
}

#[derive(Debug)]
struct Prepared {
    source: String,
    lines: Vec<LineMap>,
}

/// Lines of `text`, without their terminators (`\n`, `\r\n` or a lone `\r`).
fn split_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            b'\r' => {
                out.push(&text[start..i]);
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn indent_len(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// Turn a snippet into the text the parser sees, keeping one parser line per text line.
fn prepare(text: &str) -> Prepared {
    let raw = split_lines(text);
    // A REPL transcript: its first line of code (comments aside) is a `>>>` prompt. (Not any
    // `>>>` line: doctests inside docstrings have them too.)
    let repl = raw
        .iter()
        .map(|l| l.trim_start())
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.starts_with(">>>"));
    // (line text, bytes removed, replaced)
    let mut lines: Vec<(String, usize, bool)> = Vec::with_capacity(raw.len());
    for line in &raw {
        if repl {
            let ind = indent_len(line);
            let t = &line[ind..];
            let prompt = [">>> ", "... "].iter().find(|p| t.starts_with(**p));
            match prompt {
                Some(p) => lines.push((t[p.len()..].to_string(), ind + p.len(), false)),
                None => lines.push((String::new(), 0, true)),
            }
            continue;
        }
        let t = line.trim();
        if PLACEHOLDER_LINE.is_match(t) || t.starts_with('%') || t.starts_with('!') {
            let ind = indent_len(line);
            lines.push((format!("{}...", &line[..ind]), 0, true));
        } else {
            lines.push((line.to_string(), 0, false));
        }
    }
    // Dedent by the indentation every non-blank line shares.
    let common = lines
        .iter()
        .filter(|(l, _, _)| !l.trim().is_empty())
        .map(|(l, _, _)| &l[..indent_len(l)])
        .reduce(|a, b| {
            let n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
            &a[..n]
        })
        .map_or(0, str::len);
    let mut source = String::with_capacity(text.len() + 8);
    let mut maps = Vec::with_capacity(lines.len());
    for (i, (line, shift, replaced)) in lines.into_iter().enumerate() {
        let cut = if line.trim().is_empty() {
            0
        } else {
            common.min(line.len())
        };
        source.push_str(&line[cut..]);
        source.push('\n');
        maps.push(LineMap {
            text_line: i,
            shift: shift + cut,
            replaced,
        });
    }
    Prepared {
        source,
        lines: maps,
    }
}

/// A statement with more nesting-capable tokens (brackets, operators, `not`, `lambda`,
/// `if`, `await`) than [`MAX_NESTING_TOKENS`], or indentation past [`MAX_INDENT`].
/// Strings and comments are skipped; the count restarts at each new line outside brackets.
fn too_deep(source: &str) -> bool {
    let b = source.as_bytes();
    let (mut i, mut depth, mut count) = (0usize, 0usize, 0usize);
    let mut line_start = true;
    while i < b.len() {
        let c = b[i];
        if line_start {
            let ind = b[i..]
                .iter()
                .take_while(|&&x| x == b' ' || x == b'\t')
                .count();
            if ind > MAX_INDENT {
                return true;
            }
            line_start = false;
        }
        match c {
            b'\n' => {
                if depth == 0 {
                    count = 0;
                }
                line_start = true;
            }
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                let triple = b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c);
                i += if triple { 3 } else { 1 };
                while i < b.len() {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if b[i] == c
                        && (!triple || (b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c)))
                    {
                        i += if triple { 3 } else { 1 };
                        break;
                    }
                    if b[i] == b'\n' && !triple {
                        break;
                    }
                    i += 1;
                }
                continue;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                count += 1;
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'+' | b'-' | b'*' | b'/' | b'%' | b'@' | b'&' | b'|' | b'^' | b'~' | b'<' | b'>'
            | b'.' => count += 1,
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let end = i + b[i..]
                    .iter()
                    .take_while(|x| x.is_ascii_alphanumeric() || **x == b'_')
                    .count();
                if matches!(&source[i..end], "not" | "lambda" | "if" | "await") {
                    count += 1;
                }
                i = end;
                continue;
            }
            _ => {}
        }
        if count > MAX_NESTING_TOKENS {
            return true;
        }
        i += 1;
    }
    false
}

/// Where a parser offset lands in the Markdown source: the error position on its line,
/// to the end of that line.
fn source_range(
    doc: &Document<'_>,
    block: &CodeBlock,
    prepared: &Prepared,
    offset: usize,
) -> Option<Range<usize>> {
    let src = &prepared.source;
    // The parser line holding `offset`; past the end (an unexpected end of input), the last
    // non-blank line.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(src.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&s| s < src.len())
        .collect();
    let (line, col) = if offset >= src.trim_end().len() {
        let last = starts
            .iter()
            .rposition(|&s| !src[s..].lines().next().unwrap_or("").trim().is_empty())?;
        let text = src[starts[last]..].lines().next().unwrap_or("");
        (last, text.trim_end().len())
    } else {
        let l = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        (l, offset - starts[l])
    };
    let map = prepared.lines.get(line)?;
    let raw = split_lines(&block.text);
    let text_line = raw.get(map.text_line)?;
    let first = doc.line_index.line_of(block.content_range.start);
    let last = doc.line_index.line_of(block.range.end.saturating_sub(1));
    let src_line_no = first + map.text_line;
    if src_line_no > last {
        return None;
    }
    let line_range = doc.line_index.line_range(doc.source, src_line_no);
    let src_line = doc.text(&line_range);
    let trimmed = text::trim_range(doc.source, line_range.clone());
    let start = if !map.replaced && !text_line.is_empty() && src_line.ends_with(text_line) {
        let base = line_range.end - text_line.len();
        let at =
            text::floor_char_boundary(doc.source, base + (col + map.shift).min(text_line.len()));
        at.max(trimmed.start)
    } else {
        trimmed.start
    };
    let end = trimmed.end.max(start);
    if start < end {
        Some(start..end)
    } else if !trimmed.is_empty() {
        Some(trimmed)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepare_dedents_and_replaces_placeholders() {
        let p =
            prepare("    def f(self):\n        [implementation goes here]\n\n        return 1\n");
        assert_eq!(p.source, "def f(self):\n    ...\n\n    return 1\n");
        assert_eq!(p.lines[0].shift, 4);
        assert!(p.lines[1].replaced);
        assert_eq!(p.lines[3].shift, 4);
    }

    #[test]
    fn prepare_keeps_list_literals_and_strips_repl_prompts() {
        let p = prepare("[code]\n");
        assert_eq!(p.source, "[code]\n");
        let p = prepare(">>> x = 1\n>>> if x:\n...     print(x)\n1\n");
        assert_eq!(p.source, "x = 1\nif x:\n    print(x)\n\n");
        assert_eq!(p.lines[2].shift, 4);
        assert!(p.lines[3].replaced);
        let p = prepare("%timeit f()\n!pip install x\nf()\r\ng()\rh()");
        assert_eq!(p.source, "...\n...\nf()\ng()\nh()\n");
    }

    #[test]
    fn nesting_bound() {
        assert!(!too_deep("x = (1 + 2) * f(a.b, [3, 4])\n"));
        assert!(too_deep(&format!(
            "x = {}1{}\n",
            "(".repeat(500),
            ")".repeat(500)
        )));
        assert!(too_deep(&format!("x = 1{}\n", " + 1".repeat(500))));
        assert!(too_deep(&format!("x = {}1\n", "not ".repeat(500))));
        // Long statements on separate lines do not add up; strings and comments are skipped.
        let many = "y = a + b + c + d\n".repeat(500);
        assert!(!too_deep(&many));
        assert!(!too_deep(&format!(
            "s = '{}'  # {}\n",
            "-".repeat(5000),
            "+".repeat(5000)
        )));
        assert!(too_deep(&format!("{}x\n", " ".repeat(MAX_INDENT + 1))));
    }

    #[test]
    fn intentional_errors_are_recognized() {
        assert!(deliberately_invalid(
            "# ❌ SyntaxError: missing colon\nif x\n"
        ));
        assert!(deliberately_invalid("# pseudo-code\nfor each item: do\n"));
        assert!(!deliberately_invalid(
            "try:\n    x()\nexcept SyntaxError:\n    pass\n"
        ));
    }

    #[test]
    fn registered_and_reports_only_with_the_parser() {
        assert!(crate::rules::find_rule("snippet-syntax").is_some());
        let text = "# PRD: X\n\n```python\n# VERIFIED: no\nprint 'x'\n```\n";
        let config = crate::Config::default();
        let linted = crate::lint(
            text,
            &crate::LintOptions {
                path: Some("specs/active/x/prd.md"),
                kind: None,
                config: &config,
            },
        );
        let n = linted
            .diagnostics
            .iter()
            .filter(|d| d.name == "snippet-syntax")
            .count();
        assert_eq!(n, usize::from(cfg!(feature = "python")));
    }

    #[cfg(feature = "python")]
    fn err(source: &str) -> Option<(usize, String)> {
        match first_error(source, &mut Budget(1_000_000)) {
            Outcome::Parses => None,
            Outcome::Error(at, msg) => Some((at, msg)),
            Outcome::OverBudget => panic!("over budget"),
            Outcome::Unavailable(why) => panic!("no parser: {why:?}"),
        }
    }

    #[cfg(feature = "python")]
    #[test]
    fn budget_bounds_parsing() {
        let src = "x = (1,\n";
        assert!(matches!(
            first_error(src, &mut Budget(10)),
            Outcome::OverBudget
        ));
        // Enough for the first parse but not the retries: the first error is reported.
        let mut b = Budget(src.len() + 64);
        assert!(matches!(first_error(src, &mut b), Outcome::Error(..)));
        assert_eq!(b.0, 0);
    }

    #[cfg(feature = "python")]
    #[test]
    fn elisions_and_fragments_are_tolerated() {
        assert_eq!(err("def f(self, ...) -> None:\n    ...\n"), None);
        assert_eq!(
            err("def f(a, /, b=None, ...,\n) -> X[..., None]:\n    pass\n"),
            None
        );
        assert_eq!(err("from x import ...\nfor ... in ...:\n    pass\n"), None);
        assert_eq!(err("Key.A: Template(\n    name=\"a\",\n),\n"), None);
        assert_eq!(err("name=\"a\",\ntype=int,  # note\n"), None);
        assert_eq!(
            err("def f(\n    a: int,\n) -> Callable[..., None]:\n"),
            None
        );
        assert_eq!(err("class A:\n    def g(self):  # body omitted\n"), None);
        // A real error after an elision is still found, at its own position.
        let (at, msg) = err("def f(...):\n    return 1 +\n").expect("error");
        assert_eq!(at, "def f(...):\n    return 1 +".len());
        assert!(msg.contains("unexpected end of line"), "{msg}");
        // `...` where nothing fits reports the original error.
        let (at, _) = err("x = 1 ...\n").expect("error");
        assert_eq!(at, 6);
        // A trailing comma does not excuse statements.
        assert!(err("if x:\n    y = 1,\nelse\n").is_some());
    }

    #[cfg(feature = "python")]
    #[test]
    fn parser_knows_modern_python() {
        let ok = |s: &str| specmark_python::parse(s).is_ok();
        assert!(ok(
            "match cmd.split():\n    case [a, b]:\n        pass\n    case _:\n        ...\n"
        ));
        assert!(ok("type X = int\ntype Pair[T] = tuple[T, T]\n"));
        assert!(ok(
            "async def f():\n    async with x as y:\n        await y\n"
        ));
        assert!(ok("def f[T](x: T) -> T: ...\n"));
        assert!(ok("print(f\"{x!r:>10}\")\n"));
        assert!(ok("Read(\"AGENTS.md\")\nRead(\"CLAUDE.md\")\n"));
        assert!(!ok("print 'python 2'\n"));
        assert!(!ok("Grep(pattern=\"x\", -n=True)\n"));
    }
}
