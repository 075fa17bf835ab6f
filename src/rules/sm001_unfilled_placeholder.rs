//! `unfilled-placeholder`: template text left unfilled in prose, headings, list items and
//! table cells.

use crate::document::{InlineBlock, InlineKind};
use crate::rules::prelude::*;
use crate::scan::Literals;
use regex::Regex;
use std::cell::OnceCell;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Finds template text that was never filled in: bracketed labels and instructions
    /// (`[Feature Name]`, `[DATE]`, `[X%]`, `[List specific methods]`, `[Brief description]`,
    /// `[NEEDS CLARIFICATION: ...]`), brace placeholders (`{slug}`, `{count}`), `TBD`, `???`,
    /// `TODO` used as a marker (`TODO:`, `TODO -`, a cell or line that is only `TODO`),
    /// dates such as `2025-09-xx`, and a choice list copied as is
    /// (`**Status**: Planning | In Progress | Testing | Complete`, `Yes | No | Partially`).
    ///
    /// Never reported: code spans and code blocks, Markdown links and references, footnotes,
    /// task checkboxes (`[ ]`, `[x]`, `[-]`), short tags and ids (`[P]`, `[US1]`, `[R]`,
    /// commit hashes like `[6459ec4a]`, citations like `[1]`), type and regex syntax
    /// (`list[str]`, `[a-z]`), path segments (`app/[id]/page.tsx`), `{{VARIABLE}}` and
    /// `${VAR}` syntax, and "TODO" as an ordinary word ("the TODO list feature").
    ///
    /// A `TBD` that says who or when decides (`TBD by maintainers`, `TBD during the
    /// architecture phase`, `TBD (will review after launch)`) is an open decision someone
    /// owns, not a value left unfilled; a bare `TBD` is reported. A file that is itself a
    /// template (in a `templates/` folder, `specs/template-spec/`, `tasks-template.md`) is
    /// not checked: placeholders are what it is for.
    ///
    /// ## Why
    /// A document generated from a template and only half filled reads as finished at a
    /// glance, but a reader (or an agent) acting on `[Feature Name]` or `{slug}` has nothing
    /// to act on.
    ///
    /// ## Example
    /// ```markdown
    /// # Tasks: [Feature Name]
    ///
    /// **Workspace**: specs/active/{slug}/
    /// **Status**: Planning | In Progress | Testing | Complete
    /// ```
    ///
    /// ## How to fix
    /// Replace each placeholder with the real value, keep the one choice that applies, or
    /// delete what does not apply. Texts that look like placeholders but are meant (a
    /// product's own `[Beta]` tag, say) can be allowed with the `allow` option, a list of
    /// regular expressions matched against the placeholder text.
    pub static RULE = {
        code: "SM001",
        name: "unfilled-placeholder",
        summary: "Template placeholder left unfilled",
        category: Category::Completeness,
        tags: &["generic", "templates"],
        kinds: &[],
        severity: Severity::Warning,
        fixable: false,
        options: &[OptionSpec {
            name: "allow",
            doc: "Regular expressions; placeholder texts (brackets included) matching one are not reported.",
            default: OptionDefault::RegexList(&[]),
        }],
        check: check,
    }
}

/// Findings reported per line.
const PER_LINE: usize = 12;

/// Longest prose run scanned (longer runs are generated data, not template text).
const MAX_SCAN: usize = 20_000;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let first = out.len();
    check_generic(cx, out);
    family_tokens(cx, first, out);
    if doc.profile.is_custom() {
        // The team's template names its own tokens (`T-XXX`, `{owner}`); the ones the
        // generic search found already are not reported twice.
        let mut extra = Vec::new();
        crate::rules::schema_checks::placeholders(cx, &mut extra);
        extra.retain(|d| {
            !out[first..]
                .iter()
                .any(|o| o.range.start < d.range.end && d.range.start < o.range.end)
        });
        out.extend(extra);
    }
}

fn check_generic(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let allow = cx.regex_list("allow");
    let mut found: Vec<(Range<usize>, Kind_)> = Vec::new();
    let mut budget = Budget {
        line: usize::MAX,
        used: 0,
    };
    for block in &doc.inlines {
        // Prose ranges are parts of the block's text: when that has no character or marker
        // a candidate needs, none of them has.
        if !may_hold_candidate(doc.text(&block.range)) {
            continue;
        }
        // The block's prose without code, links and comments (a cell that is only `TODO`),
        // built when a candidate needs it. Trimmed once: per prose range it is quadratic (a
        // line of 9,000 links is 9,000 ranges around a run of spaces).
        let whole = Whole {
            doc,
            block,
            text: OnceCell::new(),
        };
        for r in block.prose_ranges(doc) {
            if r.len() > MAX_SCAN {
                continue;
            }
            let line = doc.line_index.line_of(r.start);
            if budget.line != line {
                budget = Budget { line, used: 0 };
            }
            if budget.used > 2 * PER_LINE {
                continue;
            }
            let before = found.len();
            scan_prose(doc.source, r.clone(), block.kind, &whole, &mut found);
            budget.used += found.len() - before;
        }
    }
    if found.is_empty() || declares_itself_a_template(doc) {
        return;
    }
    let labels = task_labels(doc);
    if !labels.is_empty() {
        found.retain(|(r, _)| !labels.iter().any(|l| l.start <= r.start && r.end <= l.end));
    }
    crate::sort::sort_by_key(&mut found, |(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut last_end = 0;
    let mut line_count = (usize::MAX, 0usize);
    for (range, what) in found {
        if range.start < last_end {
            continue; // inside a placeholder already reported (`[TBD]`)
        }
        last_end = range.end;
        // A line with dozens of placeholders is generated text: report the first ones only
        // (also keeps reporting a pathological line linear).
        let line = doc.line_index.line_of(range.start);
        line_count = if line_count.0 == line {
            (line, line_count.1 + 1)
        } else {
            (line, 1)
        };
        if line_count.1 > PER_LINE {
            continue;
        }
        let text = doc.text(&range);
        if allow.iter().any(|re| re.is_match(text)) {
            continue;
        }
        let diag = match what {
            Kind_::Placeholder => cx.diag(
                range,
                format!("unfilled template placeholder `{text}`; replace it with the real value"),
            ),
            Kind_::Choice => cx.diag(
                range,
                format!("unfilled template choice list `{text}`; keep the one value that applies"),
            ),
            Kind_::Todo => cx.diag(
                range,
                format!("`{text}` marker left in the text; finish the work or remove the marker"),
            ),
        };
        out.push(diag.with_help("fill in the template text, or delete it if it does not apply"));
    }
}

/// The bracketed labels right after a task's id (`- [ ] T012 [P] [ST] [US2] Add ...`,
/// `**T800** [POLISH] ...`): a task list's own tags (story, area, priority), which its
/// format legend defines, not template text.
fn task_labels(doc: &Document<'_>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for t in &doc.tasks {
        let b = doc.source.as_bytes();
        let mut at = match &t.id {
            Some(id) => id.range.end,
            // An id the model does not read (`**T020a**`): the first token of the title
            // when it is bold or holds a digit.
            None => first_token_end(doc.source, t.title_range.clone()),
        };
        let end = t.title_range.end.max(at).min(b.len());
        loop {
            while at < end && matches!(b[at], b' ' | b'\t' | b'*' | b':') {
                at += 1;
            }
            if at >= end || b[at] != b'[' {
                break;
            }
            match memchr::memchr(b']', &b[at..end]) {
                Some(close) => {
                    out.push(at..at + close + 1);
                    at += close + 1;
                }
                None => break,
            }
        }
    }
    out
}

/// The end of a task title's first token when it is an id-like token (`**T020a**`,
/// `T020a`), else the title's start.
fn first_token_end(src: &str, title: Range<usize>) -> usize {
    let text = src.get(title.clone()).unwrap_or("");
    if let Some(rest) = text.strip_prefix("**") {
        if let Some(close) = rest.find("**") {
            if rest[..close].bytes().any(|c| c.is_ascii_digit()) {
                return title.start + 2 + close + 2;
            }
        }
        return title.start;
    }
    let token_len = text.find(char::is_whitespace).unwrap_or(text.len());
    if text[..token_len].bytes().any(|c| c.is_ascii_digit()) {
        title.start + token_len
    } else {
        title.start
    }
}

/// A document that says it is a template ("This file is a template", a "Template Note"
/// section, "esta plantilla", "このファイルはテンプレート"): its placeholders are its purpose,
/// as for a file in a `templates/` folder.
fn declares_itself_a_template(doc: &Document<'_>) -> bool {
    const SAYS: &[&str] = &[
        "this file is a template",
        "this document is a template",
        "this is a template",
        "siguiendo esta plantilla",
        "este documento es una plantilla",
        "esta es una plantilla",
        "このファイルはテンプレート",
        "本文档是模板",
        "本文件是模板",
    ];
    let heading = doc
        .sections
        .iter()
        .any(|s| s.norm_title == "template note" || s.norm_title == "template notes");
    heading
        || doc.inlines.iter().any(|b| {
            let t = doc.text(&b.range);
            t.len() < 2_000 && {
                let lower = t.to_lowercase();
                SAYS.iter().any(|w| lower.contains(w))
            }
        })
}

/// Candidates collected on the line where the current prose range starts: once a line has
/// far more than [`PER_LINE`], its remaining ranges are not scanned.
struct Budget {
    line: usize,
    used: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind_ {
    Placeholder,
    Choice,
    Todo,
}

/// All candidate placeholders of one prose range. `whole` is the trimmed text of the whole
/// inline block (a cell or line that is just `TODO`).
/// The trimmed prose text of a block, joined on first use.
struct Whole<'d, 'a> {
    doc: &'d Document<'a>,
    block: &'d InlineBlock,
    text: OnceCell<String>,
}

impl Whole<'_, '_> {
    fn get(&self) -> &str {
        self.text
            .get_or_init(|| {
                let joined: String = self
                    .block
                    .prose_ranges(self.doc)
                    .map(|r| self.doc.text(&r))
                    .collect();
                joined.trim().to_string()
            })
            .as_str()
    }
}

/// Whether `text` has a byte or marker one of [`scan_prose`]'s patterns needs.
fn may_hold_candidate(text: &str) -> bool {
    memchr::memchr3(b'[', b'{', b'|', text.as_bytes()).is_some() || MARKERS_NEED.in_text(text)
}

fn scan_prose(
    src: &str,
    prose: Range<usize>,
    kind: InlineKind,
    whole: &Whole<'_, '_>,
    out: &mut Vec<(Range<usize>, Kind_)>,
) {
    let first = out.len();
    let base = prose.start;
    let text = &src[prose.clone()];
    if text.contains('[') {
        for m in BRACKET.find_iter(text) {
            let (s, e) = (base + m.start(), base + m.end());
            let inner = &m.as_str()[1..m.as_str().len() - 1];
            let placeholder = is_bracket_placeholder(inner)
                || (kind == InlineKind::TableCell
                    && whole.get() == m.as_str()
                    && is_cell_label(inner));
            if placeholder
                && bracket_context_ok(src, s, e)
                && !in_quotes(src, &prose, s, e)
                && !mentioned(src, &prose, s, e)
            {
                out.push((s..e, Kind_::Placeholder));
            }
        }
    }
    if text.contains('{') {
        for c in BRACE.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let (s, e) = (base + m.start(), base + m.end());
            if brace_context_ok(src, &prose, s, e) && !in_quotes(src, &prose, s, e) {
                out.push((s..e, Kind_::Placeholder));
            }
        }
    }
    for m in MARKERS_NEED
        .in_text(text)
        .then(|| MARKERS.find_iter(text))
        .into_iter()
        .flatten()
    {
        let (s, e) = (base + m.start(), base + m.end());
        let t = m.as_str();
        if t.starts_with("TODO") {
            if let Some(end) = todo_marker(src, &prose, s, e, whole.get(), kind) {
                out.push((s..end, Kind_::Todo));
            }
        } else if t == "TBD" {
            if !tbd_deferred(&src[e..window(src, &prose, s, e).end]) {
                out.push((s..e, Kind_::Placeholder));
            }
        } else if t.starts_with("YYYY") {
            // A date format ("use YYYY-MM-DD") is only a placeholder as a whole value.
            if date_is_whole_value(src, &prose, s, e, kind) {
                out.push((s..e, Kind_::Placeholder));
            }
        } else {
            out.push((s..e, Kind_::Placeholder));
        }
    }
    if text.contains('|') {
        for m in CHOICES.find_iter(text) {
            if let Some(r) = choice_list(m.as_str()) {
                let r = base + m.start() + r.start..base + m.start() + r.end;
                // Not when it is inside a bracket placeholder found above.
                if !out[first..]
                    .iter()
                    .any(|(o, _)| o.start <= r.start && r.end <= o.end)
                {
                    out.push((r, Kind_::Choice));
                }
            }
        }
    }
}

/// `[...]` without nested brackets or line breaks, at most 120 bytes.
static BRACKET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[[^\[\]\n\r]{1,118}\]").expect("static regex"));

/// `{name}`: an identifier or a few words in single braces.
static BRACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{[A-Za-z][A-Za-z0-9_ .-]{0,39}\}").expect("static regex"));

/// `TBD`, `???`, `TODO`, unfinished dates.
static MARKERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)TBD(?-u:\b)|\?{3,}|(?-u:\b)TODO(?-u:\b)|(?-u:\b)(?:19|20)\d\d-(?:0[1-9]|1[0-2]|[xX]{2})-[xX]{2}(?-u:\b)|(?-u:\b)YYYY-MM-DD(?-u:\b)",
    )
    .expect("static regex")
});

/// What a match of [`MARKERS`] starts with (a date starts with `19` or `20`).
const MARKERS_NEED: Literals = Literals::new(&["TBD", "???", "TODO", "YYYY-MM-DD", "19", "20"]);

/// Runs of short alternatives separated by `|`.
static CHOICES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[A-Za-z][\w'/-]*(?: [A-Za-z][\w'/-]*){0,5}(?: ?\| ?[A-Za-z][\w'/-]*(?: [A-Za-z][\w'/-]*){0,3})+",
    )
    .expect("static regex")
});

fn prev_char(src: &str, at: usize) -> Option<char> {
    src[..at].chars().next_back()
}

fn next_char(src: &str, at: usize) -> Option<char> {
    src[at..].chars().next()
}

/// What surrounds a `[...]` rules it out: `list[str]`, `pkg[extra]`, `![image]`, a path
/// segment `app/[id]/`, a link or reference `[a](b)` / `[a][b]` / `[a]:`.
fn bracket_context_ok(src: &str, s: usize, e: usize) -> bool {
    let before = prev_char(src, s);
    let after = next_char(src, e);
    !(before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '!' | '/' | '\\' | '`'))
        || after.is_some_and(|c| matches!(c, '(' | '[' | '/' | '`')))
}

/// Inside a quoted string on its line (`"Completed: [Issue Title]"`): a message or naming
/// format the document specifies, not template text.
fn in_quotes(src: &str, prose: &Range<usize>, s: usize, e: usize) -> bool {
    let (line_start, line_end) = line_in(src, prose, s, e);
    let (before, after) = (&src[line_start..s], &src[e..line_end]);
    let straight = before.matches('"').count() % 2 == 1 && after.contains('"');
    let curly = before.matches('“').count() > before.matches('”').count() && after.contains('”');
    straight || curly
}

/// A placeholder named, not left: "No [NEEDS CLARIFICATION] markers remain", "sections
/// marked with [COMPLETAR]", "remove any [TODO] tags". The words around it talk about the
/// marker itself.
fn mentioned(src: &str, prose: &Range<usize>, s: usize, e: usize) -> bool {
    let (line_start, line_end) = line_in(src, prose, s, e);
    let before = src[line_start..s].trim_end().to_lowercase();
    let after = src[e..line_end].trim_start().to_lowercase();
    const AFTER: &[&str] = &[
        "marker",
        "markers",
        "tag",
        "tags",
        "token",
        "tokens",
        "placeholder",
        "placeholders",
        "remain",
        "remains",
        "標記",
        "标记",
        "マーカー",
        "마커",
    ];
    const BEFORE: &[&str] = &[
        "no",
        "any",
        "all",
        "every",
        "marked with",
        "marked",
        "marcadas con",
        "marcado con",
        "without",
        "remove",
        "replace",
        "resolve",
        "resolved",
        "contains",
        "contain",
        "marcadores",
        "marcadores de",
        "無殘留的",
        "无残留的",
        "没有",
        "sin",
        "nenhum",
        "aucun",
    ];
    // A legend entry: `**[US1/2/3]**: the user story`, `[P]: parallel`.
    let legend = ["**:", "**：", ":", "：", "`:", "** -", "** —"]
        .iter()
        .any(|p| src[e..line_end].starts_with(p));
    legend
        || AFTER.iter().any(|w| after.starts_with(w))
        || BEFORE.iter().any(|w| {
            before.ends_with(w)
                && before[..before.len() - w.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
}

/// `{{VAR}}`, `${VAR}`, `%{x}`, `\frac{a}`, an absolute URL path `/users/{id}` or a route
/// after an HTTP verb are syntax, not placeholders.
fn brace_context_ok(src: &str, prose: &Range<usize>, s: usize, e: usize) -> bool {
    let before = prev_char(src, s);
    let after = next_char(src, e);
    if before.is_some_and(|c| {
        c.is_alphanumeric() || matches!(c, '{' | '$' | '%' | '\\' | '#' | '^' | '@')
    }) || after.is_some_and(|c| c == '}')
    {
        return false;
    }
    // The whitespace-delimited token holding the braces.
    let near = window(src, prose, s, e);
    let line_start = src[near.start..s]
        .rfind(['\n', '\r', ' ', '\t'])
        .map_or(near.start, |i| near.start + i + 1);
    let token = &src[line_start..s];
    if token.starts_with('/') || token.contains("://") {
        return false;
    }
    let before_token = src[near.start..line_start].trim_end();
    let prev_word = before_token
        .rsplit([' ', '\t', '\n', '\r', '`', '*'])
        .find(|w| !w.is_empty())
        .unwrap_or("");
    if matches!(
        prev_word,
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"
    ) {
        return false;
    }
    !describes_a_format(src, prose, s, e)
}

/// A line that specifies a message, file name or template the product itself fills in
/// ("email template with {lead_name} and {agent_phone}", "subject: New lead {name}"):
/// its braces are that format's variables, not the document's unfilled text.
fn describes_a_format(src: &str, prose: &Range<usize>, s: usize, e: usize) -> bool {
    const FORMAT_WORDS: &[&str] = &[
        "template",
        "templates",
        "email",
        "message",
        "sms",
        "subject",
        "format",
        "variable",
        "variables",
        "placeholder",
        "placeholders",
        "merge",
        "interpolat",
        "filename",
        "pattern",
        "greeting",
        "notification",
    ];
    let (line_start, line_end) = line_in(src, prose, s, e);
    let line = src[line_start..line_end].to_ascii_lowercase();
    FORMAT_WORDS.iter().any(|w| line.contains(w))
}

/// Tags and notes that are bracketed on purpose.
#[rustfmt::skip]
const KNOWN_TAGS: &[&str] = &[
    "wip", "done", "new", "breaking", "deprecated", "optional", "blocked", "mvp", "fixed", "ok",
    "pass", "passed", "fail", "failed", "skip", "skipped", "critical", "high", "medium", "low",
    "bug", "feat", "fix", "chore", "docs", "info", "warn", "warning", "error", "note", "tip",
    "important", "caution", "draft", "rfc", "adr", "api", "ui", "ux", "cli", "mcp", "ai", "beta",
    "alpha", "experimental", "required", "mandatory", "recommended", "updated", "removed", "added",
    "changed", "security", "perf", "test", "tests", "refactor", "style", "ci", "build", "yes",
    "no", "n/a", "na", "sic", "options", "args", "flags", "verified", "complete", "completed",
    "in progress", "pending", "todo", "citation needed", "emphasis added", "redacted", "truncated",
    "omitted", "parallel", "p", "us", "qa", "pr", "db", "mvp+", "not started", "on hold",
    "won't fix", "deferred", "skipped", "see below", "see above",
];

/// Type names (`[str]`, `[UUID | None]`).
#[rustfmt::skip]
const TYPE_NAMES: &[&str] = &[
    "str", "int", "bool", "float", "bytes", "dict", "list", "tuple", "set", "any", "object",
    "string", "number", "boolean", "datetime", "uuid", "void", "null", "none", "unknown", "never",
    "undefined", "t", "k", "v", "...",
];

/// Single Title Case words that are placeholders (`[Title]`, `[Name]`), unlike category
/// tags (`[Infrastructure]`).
#[rustfmt::skip]
const LABEL_WORDS: &[&str] = &[
    "title", "name", "date", "description", "summary", "owner", "component", "feature", "version",
    "author", "link", "url", "path", "file", "filename", "value", "number", "count", "status",
    "priority", "estimate", "details", "reason", "example", "project", "team", "goal", "module",
    "service", "entity", "endpoint", "metric", "target", "deadline", "milestone", "stakeholder",
    "assignee", "email", "company", "product", "role", "time", "duration", "amount", "percentage",
    "topic", "question", "answer", "task", "notes", "language", "framework", "library", "tool",
    "database", "repository", "branch", "environment", "region", "location", "slug", "id",
    "placeholder", "label", "user", "customer", "person", "organization", "timestamp", "datetime",
    "phase", "effort", "rationale", "decision", "outcome", "result", "scope", "context", "adapter",
    "command", "auto-calculated", "auto-generated",
];

/// Words that mark bracketed text as an instruction to the author, whatever its case.
#[rustfmt::skip]
const CUE_WORDS: &[&str] = &[
    "specific", "brief", "briefly", "e.g.", "e.g", "eg", "i.e.", "describe", "insert", "enter",
    "fill", "replace", "tbd", "todo", "todo:", "placeholder", "here", "your", "one-sentence",
    "xx", "x%",
];

/// Nouns that make a Title Case label a field to fill (`[Feature Name]`, `[Issue Title]`),
/// unlike a UI label or a tag (`[Add User]`, `[Security Audit]`).
#[rustfmt::skip]
const FIELD_NOUNS: &[&str] = &[
    "name", "title", "date", "description", "summary", "type", "id", "link", "url", "path",
    "value", "number", "count", "owner", "version", "estimate", "details", "filename",
];

/// Short words that stay lowercase in Title Case (`[Terms of Service]`).
#[rustfmt::skip]
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "for", "in", "on", "at", "by", "with", "from",
    "vs", "per", "via", "into", "as",
];

/// Whether the text between `[` and `]` reads like template text.
fn is_bracket_placeholder(inner: &str) -> bool {
    let t = inner.trim();
    if t.len() < 2 {
        return false; // `[P]`, `[x]`, `[ ]`, `[-]`, `[R]`
    }
    let lower = t.to_lowercase();
    if lower.starts_with("needs clarification") {
        return true;
    }
    if t.starts_with([
        '^', '!', ':', '.', '"', '\'', '#', '@', '=', '<', '-', '+', '*', '&',
    ]) || t.contains("://")
    {
        return false;
    }
    if NOT_PLACEHOLDER.is_match(t) || KNOWN_TAGS.contains(&lower.as_str()) {
        return false;
    }
    // Code-ish: calls, assignments, braces, operators.
    if CODE_LIKE.is_match(t) {
        return false;
    }
    // Mostly non-Latin text (`[継続]`): cannot judge, stay silent.
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let latin = t.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if letters == 0 || latin * 2 < letters {
        return false;
    }
    // Intervals and tuples of identifiers (`[start_dt, end_dt]`, `[x, y]`).
    if t.contains(',')
        && t.split(',').map(str::trim).all(|a| {
            IDENT.is_match(a)
                && (a.contains('_') || a.len() <= 2 || a.bytes().all(|c| c.is_ascii_lowercase()))
        })
    {
        return false;
    }
    // Type lists `[str | None]`, `[Any, ...]`, `[S1, None]`.
    if t.contains(['|', ',']) {
        let alts: Vec<&str> = t.split(['|', ',']).map(str::trim).collect();
        let typeish = alts.iter().all(|a| IDENT.is_match(a) || *a == "...")
            && alts
                .iter()
                .any(|a| TYPE_NAMES.contains(&a.to_lowercase().as_str()) || a.ends_with('T'));
        if typeish {
            return false;
        }
    }
    // Choice lists `[Planning | Research | Implementation]`.
    if t.contains('|') {
        return t.split('|').all(|a| !a.trim().is_empty());
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    // A pointer to what follows or precedes ("[Key decisions, blockers below]").
    if words.len() > 1
        && words
            .last()
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "below" | "above"))
    {
        return false;
    }
    if words.len() == 1 {
        return single_word_placeholder(t, &lower);
    }
    // Several words: an instruction or a field name to fill.
    let lower_words: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| matches!(c, ',' | ';' | ')' | '(' | '"' | '?' | '*'))
                .to_lowercase()
        })
        .collect();
    if lower_words
        .iter()
        .any(|w| CUE_WORDS.contains(&w.as_str()) || FIELD_NOUNS.contains(&w.as_str()))
    {
        return true;
    }
    // Sentence case ("Measurable outcome", "full file path"), not Title Case with small
    // words ("Terms of Service"); a numbered label ("Goal 1", "User Type 2"); all caps
    // ("FEATURE NAME").
    let has_lower_word = words[1..].iter().zip(&lower_words[1..]).any(|(w, lw)| {
        w.starts_with(|c: char| c.is_ascii_lowercase()) && !SMALL_WORDS.contains(&lw.as_str())
    }) || (words[0].starts_with(|c: char| c.is_ascii_lowercase())
        && !SMALL_WORDS.contains(&lower_words[0].as_str()));
    // "Goal 1", "Operation A".
    let numbered = words.len() <= 4
        && words.last().is_some_and(|w| {
            w.chars().all(|c| c.is_ascii_digit())
                || (w.len() == 1 && w.chars().all(|c| c.is_ascii_uppercase()))
        });
    let all_caps = t
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_ascii_uppercase());
    has_lower_word || numbered || all_caps
}

/// A table cell that is only `[Word]` (`| [Constraint] | [Type] | [Why] |`): a template row.
fn is_cell_label(inner: &str) -> bool {
    let lower = inner.to_lowercase();
    inner.len() >= 2
        && inner.chars().all(|c| c.is_alphabetic() || c == '-')
        && inner.is_ascii()
        && !KNOWN_TAGS.contains(&lower.as_str())
        && !TYPE_NAMES.contains(&lower.as_str())
}

fn single_word_placeholder(t: &str, lower: &str) -> bool {
    if TYPE_NAMES.contains(&lower) || t.contains('.') {
        return false; // `[str]`, `[project.optional-dependencies]`
    }
    let alpha: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    if alpha.iter().all(|c| c.is_ascii_uppercase()) {
        // `[DATE]`, `[ENV_VAR_NAME]`, `[X%]` — but not `[ABC123]`-style ids (handled above).
        return alpha.len() >= 2 || t.contains('%');
    }
    // CamelCase identifiers are code (`[RouterOutlet]`, `[projectId]`).
    if CAMEL.is_match(t) {
        return false;
    }
    if alpha[0].is_ascii_lowercase() {
        // `[adapter]`, `[count]`, `[adapter_name]`, `[endpoint/feature]`.
        return true;
    }
    // Title Case single word: only label words (`[Title]`, not `[Infrastructure]`).
    LABEL_WORDS.contains(&lower.trim_end_matches(|c: char| c.is_ascii_digit()))
}

/// Bracketed text that is never a placeholder: numbers and citations, commit hashes, ids
/// (`US1`, `S1, S2`, `T001`), versions, regex classes.
static NOT_PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            [\d\s,.\-–]+                                        # [1], [1, 2], [12-14]
          | [0-9a-f]*\d[0-9a-f]*                                 # commit hashes
          | [A-Z]{1,5}-?\d+[a-z]?(?:\.\d+)*(?:\s*,\s*(?:[A-Z]{1,5}-?\d+[a-z]?(?:\.\d+)*|None))*  # [US1], [S1, S2]
          | [A-Za-z]{1,5}\?                                      # [P?]
          | v?\d+(?:\.\d+)+\S*                                   # versions
          | (?:[A-Za-z0-9]-[A-Za-z0-9]|[_\\.\-])+                # [a-z], [a-zA-Z0-9_-]
          | [a-z]{1,3}                                           # [ok], [id]? too short to judge
        )$",
    )
    .expect("static regex")
});

static CODE_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\w\(|[=;{}<>`]|::|=>|->|(?-u:\b)for(?-u:\b).*(?-u:\b)in(?-u:\b)")
        .expect("static regex")
});

static IDENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z_][\w.]*$").expect("static regex"));

static CAMEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z]*[a-z][A-Z][A-Za-z0-9]*$").expect("static regex"));

/// The range of a `TODO` that is used as a marker: `TODO:`, `TODO -`, `TODO(name)`, or a
/// block that is only `TODO`. `None` for "the TODO list feature".
fn todo_marker(
    src: &str,
    prose: &Range<usize>,
    s: usize,
    e: usize,
    whole: &str,
    kind: InlineKind,
) -> Option<usize> {
    let rest = &src[e..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let gap = rest.len() - trimmed.len();
    if trimmed.starts_with(':') {
        return Some(e + gap + 1);
    }
    if trimmed.starts_with('(') {
        if let Some(close) = trimmed.find(')') {
            if close < 40 && trimmed[close + 1..].starts_with(':') {
                return Some(e + gap + close + 2);
            }
        }
    }
    if gap > 0
        && (trimmed.starts_with("- ") || trimmed.starts_with("– ") || trimmed.starts_with("— "))
    {
        return Some(e);
    }
    // A heading "## TODO" names a list of things to do; it is not a marker.
    if kind == InlineKind::Heading {
        return None;
    }
    let w = whole.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    if w == "TODO" {
        return Some(e);
    }
    // A line that is just `TODO` (for example the last line of a paragraph).
    let (line_start, line_end) = line_in(src, prose, s, e);
    let line = src[line_start..line_end]
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '-' | '>' | '#'));
    (line == "TODO").then_some(e)
}

/// `TBD by maintainers`, `TBD during the architecture phase`, `TBD (will review later)`:
/// the text after a `TBD` names who or when decides.
fn tbd_deferred(after: &str) -> bool {
    TBD_DEFERRED.is_match(after)
}

static TBD_DEFERRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]*[(,:\-]?[ \t]*(?i:by|during|in|at|after|before|until|once|when|pending|following|will|based|depending|subject|per)[ \t]+[^ \t\r\n)]",
    )
    .expect("static regex")
});

/// The line holding `s..e`, clipped to the prose range (a trailing comment is not prose, and
/// scans stay within the range).
fn line_in(src: &str, prose: &Range<usize>, s: usize, e: usize) -> (usize, usize) {
    let window = window(src, prose, s, e);
    let start = src[window.start..s]
        .rfind(['\n', '\r'])
        .map_or(window.start, |i| window.start + i + 1);
    let end = src[e..window.end]
        .find(['\n', '\r'])
        .map_or(window.end, |i| e + i);
    (start, end)
}

/// How far the context checks look around a candidate, so a long line costs linear time.
const CONTEXT: usize = 160;

/// The part of `prose` within [`CONTEXT`] bytes of `s..e`, on char boundaries.
fn window(src: &str, prose: &Range<usize>, s: usize, e: usize) -> Range<usize> {
    let start = text::ceil_char_boundary(src, s.saturating_sub(CONTEXT).max(prose.start));
    let end = text::floor_char_boundary(src, (e + CONTEXT).min(prose.end));
    start.min(s)..end.max(e)
}

/// `YYYY-MM-DD` as the whole value of a `Key: value` line or a cell.
fn date_is_whole_value(
    src: &str,
    prose: &Range<usize>,
    s: usize,
    e: usize,
    kind: InlineKind,
) -> bool {
    let (line_start, line_end) = line_in(src, prose, s, e);
    let before = src[line_start..s].trim_end_matches([' ', '*', '_']);
    let after = src[e..line_end].trim_matches([' ', '*', '_', '|']);
    (before.ends_with(':') || (kind == InlineKind::TableCell && before.trim().ends_with('|')))
        && after.is_empty()
}

/// Status-like values that appear in template choice lists.
#[rustfmt::skip]
const CHOICE_WORDS: &[&str] = &[
    "planning", "in progress", "testing", "complete", "completed", "done", "draft", "in review",
    "review", "approved", "blocked", "pending", "not started", "todo", "yes", "no", "partially",
    "high", "medium", "low", "passing", "failing", "answered", "investigating", "proposed",
    "accepted", "rejected", "deprecated", "active", "inactive", "open", "closed", "critical", "p0",
    "p1", "p2", "p3", "must", "should", "could", "won't", "research", "implementation",
    "documentation", "qa", "not yet written", "partially written", "superseded", "on hold",
    "cancelled", "canceled", "ready", "in development", "released", "shipped", "archived", "major",
    "minor", "patch", "true", "false", "pass", "fail", "skipped", "n/a",
];

/// The part of a `a | b | c` run that is a template choice list: every alternative a
/// status-like word (the first may carry words before it: "Status Planning").
fn choice_list(run: &str) -> Option<Range<usize>> {
    let mut parts = Vec::new();
    let mut at = 0;
    for piece in run.split('|') {
        let lead = piece.len() - piece.trim_start().len();
        let t = piece.trim();
        parts.push((at + lead, t));
        at += piece.len() + 1;
    }
    if parts.len() < 2 {
        return None;
    }
    let is_choice = |s: &str| CHOICE_WORDS.contains(&s.to_lowercase().as_str());
    if !parts[1..].iter().all(|(_, t)| is_choice(t)) {
        return None;
    }
    // The first alternative: its longest suffix of words that is a choice word.
    let (first_at, first) = parts[0];
    let start = std::iter::once(0)
        .chain(first.match_indices(' ').map(|(i, _)| i + 1))
        .find(|&i| is_choice(&first[i..]))
        .map(|i| first_at + i)?;
    // Two alternatives only when they are the classic pairs (`Yes | No`).
    if parts.len() == 2 {
        let pair = (
            first[start - first_at..].to_lowercase(),
            parts[1].1.to_lowercase(),
        );
        if !matches!(
            (pair.0.as_str(), pair.1.as_str()),
            ("yes", "no") | ("no", "yes") | ("true", "false") | ("pass", "fail")
        ) {
            return None;
        }
    }
    let (last_at, last) = parts[parts.len() - 1];
    Some(start..last_at + last.len())
}

/// The family's own template tokens (profile data: Spec Kit's `[###-feature-name]`,
/// `$ARGUMENTS`), anywhere outside code blocks: the template puts some in code spans.
fn family_tokens(cx: &Context<'_>, first: usize, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    for token in &doc.profile.tokens {
        for (at, _) in doc.source.match_indices(token.as_str()) {
            let range = at..at + token.len();
            let in_block = doc.code_blocks.iter().any(|b| b.range.contains(&at));
            let known = out[first..]
                .iter()
                .any(|o| o.range.start < range.end && range.start < o.range.end);
            if in_block || known {
                continue;
            }
            out.push(
                cx.diag(range, format!("template placeholder {token} left unfilled"))
                    .with_help("replace it with the document's own content"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets() {
        for yes in [
            "Feature Name",
            "DATE",
            "X%",
            "List specific methods",
            "Brief description",
            "NEEDS CLARIFICATION: auth method?",
            "adapter",
            "adapter_name",
            "Title",
            "Goal 1",
            "User Type 2",
            "FEATURE NAME",
            "ENV_VAR_NAME",
            "Planning | Research | Implementation",
            "None | List specific issues",
            "Date/Time - update this with each session",
            "One-sentence summary of the feature",
            "full file path",
            "Component Name",
            "Issue Title",
            "List Specific Methods",
            "What \"success\" looks like",
        ] {
            assert!(is_bracket_placeholder(yes), "{yes} should be a placeholder");
        }
        for no in [
            "P",
            "x",
            " ",
            "-",
            "R",
            "US1",
            "S1, S2",
            "6459ec4a",
            "1",
            "1, 2",
            "a-z",
            "A-F0-9",
            "str",
            "str | None",
            "UUID | None",
            "RouterOutlet",
            "projectId",
            "v1.2.0",
            "await anext(p(db) ) for p in x",
            "...",
            ":255",
            "P?",
            "WIP",
            "Infrastructure",
            "継続",
            "project.optional-dependencies",
            "HTMXPlugin(), VitePlugin()",
            "\"zone.js\"",
            "Add User",
            "Save Changes",
            "Security Audit",
            "Terms of Service",
            "not started",
        ] {
            assert!(
                !is_bracket_placeholder(no),
                "{no} should not be a placeholder"
            );
        }
    }

    #[test]
    fn choices() {
        let c = |s: &str| choice_list(s).map(|r| s[r].to_string());
        assert_eq!(
            c("Planning | In Progress | Testing | Complete").as_deref(),
            Some("Planning | In Progress | Testing | Complete")
        );
        assert_eq!(
            c("Status Yes | No | Partially").as_deref(),
            Some("Yes | No | Partially")
        );
        assert_eq!(c("React | Node | Postgres"), None);
        assert_eq!(c("Input | Output"), None);
        assert_eq!(c("High | Low"), None);
        assert_eq!(c("Yes | No").as_deref(), Some("Yes | No"));
    }
}
