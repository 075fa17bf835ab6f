//! Builds a [`Document`] from one pulldown-cmark pass plus line scans located by its events.

use super::fields::parse_key_value;
use super::tasks::{self, parse_checkbox};
use super::text::{trim_range, word_count};
use super::*;
use pulldown_cmark::{CodeBlockKind, Event, Options, Tag, TagEnd};

/// Field keys whose values name the tasks a task depends on.
pub const DEPENDENCY_KEYS: &[&str] = &[
    "depends on",
    "depends",
    "dependencies",
    "dependency",
    "depends-on",
    "blocked by",
    "after",
];

/// The pulldown-cmark options the model is built with (the benchmark's parse-and-walk
/// baseline uses the same ones).
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// What is open while walking the events. Small (the stack is as deep as the nesting, which
/// a pathological list makes as long as the document): the texts being collected live on
/// their own stacks, and a code block is boxed.
enum Open {
    /// Its text is the top of `Builder::texts`.
    Heading {
        level: u8,
        start: usize,
    },
    Item,
    /// Its text is the top of `Builder::texts`.
    Cell {
        start: usize,
        end: usize,
    },
    Code {
        block: Box<CodeBlock>,
    },
    /// Its destination is the top of `Builder::dests`.
    Link {
        start: usize,
    },
    Html {
        start: usize,
    },
    /// Its text is the top of `Builder::texts`.
    Meta {
        start: usize,
    },
    Other,
}

struct Builder<'a> {
    src: &'a str,
    doc_headings: Vec<Heading>,
    items: Vec<ListItem>,
    list_depth: u32,
    ordered_stack: Vec<bool>,
    tables: Vec<Table>,
    code_blocks: Vec<CodeBlock>,
    code_spans: Vec<Range<usize>>,
    links: Vec<Link>,
    html_ranges: Vec<Range<usize>>,
    front_matter: Option<FrontMatter>,
    inlines: Vec<InlineBlock>,
    excluded: Vec<Range<usize>>,
    current_inline: Option<InlineBlock>,
    stack: Vec<Open>,
    /// The texts of the open headings, table cells and metadata blocks, innermost last.
    texts: Vec<String>,
    /// The destinations of the open links, innermost last.
    dests: Vec<String>,
    /// Indexes into `stack` of the open headings, table cells and list items, innermost
    /// last: text goes to the innermost one without a walk down a stack that deep inline
    /// nesting (`*a **a *a ...`) makes as long as the document.
    collectors: Vec<usize>,
    in_table_head: bool,
}

pub(super) fn build<'a>(
    source: &'a str,
    path: Option<&str>,
    forced: Option<Kind>,
    config: Option<&crate::config::Config>,
) -> Document<'a> {
    let base = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut b = Builder {
        src: source,
        doc_headings: Vec::new(),
        items: Vec::new(),
        list_depth: 0,
        ordered_stack: Vec::new(),
        tables: Vec::new(),
        code_blocks: Vec::new(),
        code_spans: Vec::new(),
        links: Vec::new(),
        html_ranges: Vec::new(),
        front_matter: None,
        inlines: Vec::new(),
        excluded: Vec::new(),
        current_inline: None,
        stack: Vec::new(),
        texts: Vec::new(),
        dests: Vec::new(),
        collectors: Vec::new(),
        in_table_head: false,
    };
    // pulldown-cmark does not end every construct at a lone `\r` (an ATX heading runs on over
    // the following lines). CommonMark reads a lone `\r` as a line break, so the parser gets a
    // copy with each lone `\r` turned into `\n`: same length, so every offset stays valid.
    let relined = lone_cr_as_lf(&source[base..]);
    let parsed = relined.as_deref().unwrap_or(&source[base..]);
    pieces::for_each_event(parsed, pieces::PIECE, &mut |event, range| {
        b.event(event, range.start + base..range.end + base);
    });
    b.close_inline();

    let path = path.map(|p| p.replace('\\', "/"));
    let line_index = LineIndex::new(source);
    let html_comments = html_comments(source, &b.html_ranges);
    let (kind, kind_source) = detect_kind(&b, path.as_deref(), forced, config);

    let mut doc = Document {
        source,
        path,
        kind,
        kind_source,
        line_index,
        front_matter: b.front_matter,
        headings: b.doc_headings,
        sections: Vec::new(),
        tasks: Vec::new(),
        list_items: b.items,
        tables: b.tables,
        code_blocks: b.code_blocks,
        code_spans: b.code_spans,
        links: b.links,
        html_comments,
        metadata: Vec::new(),
        inlines: b.inlines,
        excluded: b.excluded,
        // Counted with the sections (`build_sections`).
        words: 0,
        task_index: TaskIndex::default(),
        non_ascii_ratio: std::sync::OnceLock::new(),
        requirements: std::sync::OnceLock::new(),
        requirement_refs: std::sync::OnceLock::new(),
        profile: crate::profile::markdown(),
        profile_reason: String::new(),
    };
    build_sections(&mut doc);
    assign_sections(&mut doc);
    doc.metadata = metadata_lines(&doc, &b.html_ranges);
    let (profile, reason) = crate::profile::detect(&doc, config);
    // A profile chosen by name brings its kind (the task model depends on it).
    if profile.kind != doc.kind && doc.kind_source != KindSource::Explicit {
        doc.kind = profile.kind;
    }
    doc.profile = profile;
    doc.profile_reason = reason;
    build_tasks(&mut doc);
    doc.shrink();
    doc
}

impl<'a> Builder<'a> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => {
                match self.stack.last_mut() {
                    Some(Open::Code { block }) => {
                        if block.text.is_empty() {
                            block.content_range = range.clone();
                        }
                        block.text.push_str(&text);
                        block.content_range.end = range.end;
                        return;
                    }
                    Some(Open::Meta { .. }) => {
                        if let Some(t) = self.texts.last_mut() {
                            t.push_str(&text);
                        }
                        return;
                    }
                    _ => {}
                }
                self.push_text(&text);
                self.inline(range, false);
            }
            Event::Code(text) => {
                self.code_spans.push(range.clone());
                self.push_text(&text);
                self.inline(range, true);
            }
            Event::InlineHtml(_) | Event::InlineMath(_) | Event::FootnoteReference(_) => {
                if matches!(event, Event::InlineHtml(_)) {
                    self.html_ranges.push(range.clone());
                }
                self.inline(range, true);
            }
            Event::TaskListMarker(_) => self.inline(range, true),
            Event::SoftBreak | Event::HardBreak => {
                self.push_text(" ");
                self.inline(range, false);
            }
            Event::Html(_) | Event::DisplayMath(_) | Event::Rule => {}
        }
    }

    /// Append plain text to the innermost heading or table cell being collected.
    fn push_text(&mut self, text: &str) {
        let Some(&i) = self.collectors.last() else {
            return;
        };
        // Headings and cells do not nest in each other, so the innermost one's text is the
        // top of `texts`.
        if let Some(Open::Heading { .. } | Open::Cell { .. }) = self.stack.get(i) {
            if let Some(t) = self.texts.last_mut() {
                t.push_str(text);
            }
        }
    }

    /// Record inline content; `excluded` marks it as not prose.
    fn inline(&mut self, range: Range<usize>, excluded: bool) {
        let kind = self.inline_kind();
        let first = self.excluded.len();
        let block = self.current_inline.get_or_insert_with(|| InlineBlock {
            kind,
            range: range.clone(),
            excluded: first..first,
            section: 0,
        });
        block.range.end = block.range.end.max(range.end);
        if excluded {
            // The block's excluded parts are the end of the shared list.
            let own = &mut self.excluded[block.excluded.start..];
            match own.last_mut() {
                Some(last) if last.end >= range.start => last.end = last.end.max(range.end),
                _ => {
                    self.excluded.push(range);
                    block.excluded.end = self.excluded.len();
                }
            }
        }
    }

    fn inline_kind(&self) -> InlineKind {
        match self.collectors.last().and_then(|&i| self.stack.get(i)) {
            Some(Open::Heading { .. }) => InlineKind::Heading,
            Some(Open::Cell { .. }) => InlineKind::TableCell,
            Some(Open::Item) => InlineKind::ListItem,
            _ => InlineKind::Paragraph,
        }
    }

    fn close_inline(&mut self) {
        if let Some(block) = self.current_inline.take() {
            self.inlines.push(block);
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let is_inline = matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        );
        if !is_inline {
            self.close_inline();
        }
        let open = match tag {
            Tag::Heading { level, .. } => {
                self.texts.push(String::new());
                Open::Heading {
                    level: level as u8,
                    start: range.start,
                }
            }
            Tag::List(first) => {
                // Lists are tracked by `ordered_stack` alone (not on `stack`, which a deep
                // list would double).
                self.ordered_stack.push(first.is_some());
                self.list_depth += 1;
                return;
            }
            Tag::Item => {
                let item = self.items.len();
                self.items.push(ListItem {
                    range: range.clone(),
                    depth: self.list_depth.saturating_sub(1),
                    ordered: self.ordered_stack.last().copied().unwrap_or(false),
                    task: None,
                    section: 0,
                });
                let _ = item;
                Open::Item
            }
            Tag::Table(_) => {
                self.tables.push(Table {
                    range: range.clone(),
                    header: Vec::new(),
                    rows: Vec::new(),
                    section: 0,
                });
                Open::Other
            }
            Tag::TableHead => {
                self.in_table_head = true;
                Open::Other
            }
            Tag::TableRow => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Row {
                        range: range.clone(),
                        cells: Vec::new(),
                    });
                }
                Open::Other
            }
            Tag::TableCell => {
                self.texts.push(String::new());
                Open::Cell {
                    start: range.start,
                    end: range.end,
                }
            }
            Tag::CodeBlock(kind) => {
                let (fenced, info) = match kind {
                    CodeBlockKind::Fenced(info) => (true, info.to_string()),
                    CodeBlockKind::Indented => (false, String::new()),
                };
                let lang = info
                    .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                    .next()
                    .filter(|l| !l.is_empty())
                    .map(|l| l.to_ascii_lowercase());
                Open::Code {
                    block: Box::new(CodeBlock {
                        lang,
                        info,
                        fenced,
                        range: range.clone(),
                        text: String::new(),
                        content_range: range.start..range.start,
                        section: 0,
                    }),
                }
            }
            Tag::Link { dest_url, .. } => {
                self.inline(range.clone(), true);
                self.dests.push(dest_url.to_string());
                Open::Link { start: range.start }
            }
            Tag::Image { .. } => {
                self.inline(range.clone(), true);
                Open::Other
            }
            Tag::HtmlBlock => Open::Html { start: range.start },
            Tag::MetadataBlock(_) => {
                self.texts.push(String::new());
                Open::Meta { start: range.start }
            }
            _ => Open::Other,
        };
        if matches!(open, Open::Heading { .. } | Open::Cell { .. } | Open::Item) {
            self.collectors.push(self.stack.len());
        }
        self.stack.push(open);
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        let is_inline = matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
        );
        if !is_inline {
            self.close_inline();
        }
        if let TagEnd::List(_) = tag {
            self.ordered_stack.pop();
            self.list_depth = self.list_depth.saturating_sub(1);
            return;
        }
        let Some(open) = self.stack.pop() else {
            return;
        };
        if self.collectors.last() == Some(&self.stack.len()) {
            self.collectors.pop();
        }
        match open {
            Open::Heading { level, start } => {
                let text = self.texts.pop().unwrap_or_default();
                let text_range = heading_text_range(self.src, start..range.end);
                self.doc_headings.push(Heading {
                    level,
                    range: trim_range(self.src, start..range.end),
                    text: trimmed(text),
                    text_range,
                    section: 0,
                });
            }
            Open::Cell { start, end } => {
                let text = self.texts.pop().unwrap_or_default();
                let cell = Cell {
                    text: trimmed(text),
                    range: trim_range(self.src, start..end.max(range.end)),
                };
                if let Some(t) = self.tables.last_mut() {
                    if self.in_table_head {
                        t.header.push(cell);
                    } else if let Some(row) = t.rows.last_mut() {
                        row.cells.push(cell);
                    }
                }
            }
            Open::Code { mut block } => {
                block.range = block.range.start..range.end;
                if block.text.is_empty() {
                    block.content_range = block.range.start..block.range.start;
                }
                self.code_blocks.push(*block);
            }
            Open::Link { start } => self.links.push(Link {
                dest: self.dests.pop().unwrap_or_default(),
                range: start..range.end,
            }),
            Open::Html { start } => self.html_ranges.push(start..range.end),
            Open::Meta { start } => {
                let text = self.texts.pop().unwrap_or_default();
                let specmark_kind = front_matter_key(&text, "kind");
                let specmark_profile = front_matter_key(&text, "profile");
                self.front_matter = Some(FrontMatter {
                    range: start..range.end,
                    text,
                    specmark_kind,
                    specmark_profile,
                });
            }
            Open::Item | Open::Other => {}
        }
        if let TagEnd::TableHead = tag {
            self.in_table_head = false;
        }
    }
}

/// `text` trimmed, reusing its buffer when there is nothing to trim.
fn trimmed(text: String) -> String {
    if text.trim().len() == text.len() {
        text
    } else {
        text.trim().to_string()
    }
}

/// The inline content of an ATX or setext heading, without `#` markers.
fn heading_text_range(src: &str, range: Range<usize>) -> Range<usize> {
    let r = trim_range(src, range);
    let text = &src[r.clone()];
    if text.starts_with('#') {
        let hashes = text.bytes().take_while(|&c| c == b'#').count();
        let mut end = text.len();
        let line_end = text.find(['\n', '\r']).unwrap_or(text.len());
        end = end.min(line_end);
        let inner = &text[hashes..end];
        let trimmed_end = inner.trim_end().trim_end_matches('#').trim_end();
        let start = hashes + (inner.len() - inner.trim_start().len());
        let stop = hashes + trimmed_end.len();
        r.start + start.min(stop)..r.start + stop
    } else {
        // Setext: the first line.
        let first = text.find(['\n', '\r']).unwrap_or(text.len());
        trim_range(src, r.start..r.start + first)
    }
}

/// `specmark: { kind: prd }` or a `specmark:` block with an indented `kind:` line.
/// `key` of `specmark: { key: ... }` or of a `specmark:` block.
fn front_matter_key(yaml: &str, key: &str) -> Option<String> {
    let mut in_block = false;
    for line in yaml.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("specmark:") {
            let rest = rest.trim();
            if let Some(inner) = rest.strip_prefix('{') {
                let inner = inner.trim_end_matches('}');
                for pair in inner.split(',') {
                    if let Some((k, v)) = pair.split_once(':') {
                        if k.trim() == key {
                            return Some(unquote(v.trim()).to_string());
                        }
                    }
                }
                return None;
            }
            in_block = rest.is_empty();
            continue;
        }
        if in_block {
            if !line.starts_with([' ', '\t']) {
                in_block = false;
                continue;
            }
            if let Some(v) = trimmed.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
                return Some(unquote(v.trim()).to_string());
            }
        }
    }
    None
}

fn unquote(s: &str) -> &str {
    s.trim_matches(|c| c == '"' || c == '\'')
}

fn detect_kind(
    b: &Builder<'_>,
    path: Option<&str>,
    forced: Option<Kind>,
    config: Option<&crate::config::Config>,
) -> (Kind, KindSource) {
    if let Some(k) = forced {
        return (k, KindSource::Explicit);
    }
    if let Some(k) = b
        .front_matter
        .as_ref()
        .and_then(|f| f.specmark_kind.as_deref())
        .and_then(Kind::from_name)
    {
        return (k, KindSource::FrontMatter);
    }
    if let (Some(cfg), Some(p)) = (config, path) {
        if let Some(k) = cfg.kind_for_path(p) {
            return (k, KindSource::Config);
        }
    }
    if let Some(k) = path.and_then(crate::kind::kind_from_path) {
        return (k, KindSource::Path);
    }
    if b.tables.iter().any(|t| {
        let headers: Vec<String> = t.header.iter().map(|c| c.text.clone()).collect();
        crate::kind::is_goalkit_header(&headers)
    }) {
        return (Kind::GoalkitTasks, KindSource::Content);
    }
    if let Some(k) = b
        .doc_headings
        .iter()
        .find(|h| h.level == 1)
        .and_then(|h| crate::kind::kind_from_title(&h.text))
    {
        return (k, KindSource::Content);
    }
    (Kind::Markdown, KindSource::Default)
}

fn build_sections(doc: &mut Document<'_>) {
    let len = doc.source.len();
    let root_start = doc.front_matter.as_ref().map_or(0, |f| f.range.end);
    doc.sections.push(Section {
        heading: None,
        level: 0,
        title: String::new(),
        norm_title: String::new(),
        range: 0..len,
        body_range: root_start..len,
        words: doc.words,
        parent: None,
        children: Vec::new(),
    });
    let mut stack: Vec<usize> = vec![0];
    for (hi, h) in doc.headings.iter_mut().enumerate() {
        while let Some(&top) = stack.last() {
            if top != 0 && doc.sections[top].level >= h.level {
                doc.sections[top].range.end = h.range.start;
                doc.sections[top].body_range.end =
                    h.range.start.max(doc.sections[top].body_range.start);
                stack.pop();
            } else {
                break;
            }
        }
        let parent = stack.last().copied().unwrap_or(0);
        let idx = doc.sections.len();
        let body_start = line_end_after(doc.source, h.range.end);
        doc.sections.push(Section {
            heading: Some(hi),
            level: h.level,
            title: h.text.clone(),
            norm_title: super::text::normalize_heading(&h.text),
            range: h.range.start..len,
            body_range: body_start..len,
            words: 0,
            parent: Some(parent),
            children: Vec::new(),
        });
        doc.sections[parent].children.push(idx);
        h.section = idx;
        stack.push(idx);
    }
    // Words: each section's own segment (to the next heading of any level), summed upwards.
    // The segments and the text before the first heading tile the source, so the document's
    // count is their sum, less one for each word a segment boundary cuts in two; every byte
    // is read once.
    let n = doc.sections.len();
    let mut totals = vec![0usize; n];
    let first_heading = doc.sections.get(1).map_or(len, |s| s.range.start);
    let mut words = word_count(&doc.source[..first_heading]);
    let mut prev_end = first_heading;
    for (i, total) in totals.iter_mut().enumerate().skip(1) {
        let start = doc.sections[i].range.start;
        let end = if i + 1 < n {
            doc.sections[i + 1].range.start
        } else {
            len
        };
        *total = word_count(&doc.source[start..end.max(start)]);
        words += *total;
        if start == prev_end && splits_word(doc.source, start) {
            words -= 1;
        }
        prev_end = end.max(start);
    }
    debug_assert_eq!(words, word_count(doc.source));
    doc.words = words;
    doc.sections[0].words = words;
    for i in (1..n).rev() {
        doc.sections[i].words = totals[i];
        if let Some(p) = doc.sections[i].parent {
            if p != 0 {
                totals[p] += totals[i];
            }
        }
    }
}

/// Whether `at` falls inside a word: non-whitespace characters on both sides.
fn splits_word(src: &str, at: usize) -> bool {
    let before = src[..at].chars().next_back();
    let after = src[at..].chars().next();
    // A byte-order mark separates words like whitespace (see `word_count`).
    let sep = |c: char| c.is_whitespace() || c == '\u{feff}';
    matches!((before, after), (Some(b), Some(a)) if !sep(b) && !sep(a))
}

/// `text` with every `\r` that is not followed by `\n` replaced by `\n`, or `None` when there
/// is none (the common case costs one scan and no copy).
fn lone_cr_as_lf(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let lone = |i: usize| b[i] == b'\r' && b.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', b).any(lone) {
        return None;
    }
    let bytes: Vec<u8> = (0..b.len())
        .map(|i| if lone(i) { b'\n' } else { b[i] })
        .collect();
    // Only an ASCII byte changed into another ASCII byte, so the text is still UTF-8.
    String::from_utf8(bytes).ok()
}

/// Offset just past the line break that ends the line containing `offset - 1`.
fn line_end_after(src: &str, offset: usize) -> usize {
    let rest = &src.as_bytes()[offset.min(src.len())..];
    match rest.iter().position(|&c| c == b'\n' || c == b'\r') {
        Some(i) => {
            let at = offset + i;
            if src.as_bytes()[at] == b'\r' && src.as_bytes().get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            }
        }
        None => src.len(),
    }
}

/// Innermost section for an offset: the section of the last heading starting at or before it.
fn section_lookup(heading_starts: &[(usize, usize)], offset: usize) -> usize {
    match heading_starts.partition_point(|(s, _)| *s <= offset) {
        0 => 0,
        n => heading_starts[n - 1].1,
    }
}

fn assign_sections(doc: &mut Document<'_>) {
    let starts: Vec<(usize, usize)> = doc
        .headings
        .iter()
        .map(|h| (h.range.start, h.section))
        .collect();
    for t in &mut doc.tables {
        t.section = section_lookup(&starts, t.range.start);
    }
    for c in &mut doc.code_blocks {
        c.section = section_lookup(&starts, c.range.start);
    }
    for i in &mut doc.list_items {
        i.section = section_lookup(&starts, i.range.start);
    }
    for b in &mut doc.inlines {
        b.section = section_lookup(&starts, b.range.start);
    }
}

/// Sorted, disjoint ranges that are not prose lines (code, front matter, HTML blocks).
fn non_prose_ranges(doc: &Document<'_>, html: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = doc.code_blocks.iter().map(|c| c.range.clone()).collect();
    if let Some(f) = &doc.front_matter {
        out.push(f.range.clone());
    }
    out.extend(html.iter().cloned());
    merged(out)
}

/// `ranges` sorted by start with overlapping ones joined: the same offsets, disjoint, so a
/// binary search can find the first range that ends after an offset.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    crate::sort::sort_by_key(&mut ranges, |r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The lines of `range` (as ranges without their breaks) that start in `range` and outside
/// every range of the sorted, disjoint lists in `skip`. A skipped range is jumped over in one
/// step, so the cost is the number of lines yielded plus the skipped ranges met, not the
/// number of lines skipped.
fn lines_in<'s>(
    doc: &'s Document<'_>,
    range: Range<usize>,
    skip: [&'s [Range<usize>]; 2],
) -> LinesIn<'s> {
    let line = doc.line_index.line_of(range.start);
    let last = doc
        .line_index
        .line_of(range.end.saturating_sub(1).max(range.start));
    let from = doc.line_index.line_start(line);
    LinesIn {
        src: doc.source,
        index: &doc.line_index,
        line,
        last,
        range,
        skip,
        next: skip.map(|s| s.partition_point(|r| r.end <= from)),
    }
}

struct LinesIn<'s> {
    src: &'s str,
    index: &'s LineIndex,
    line: usize,
    last: usize,
    range: Range<usize>,
    skip: [&'s [Range<usize>]; 2],
    /// Per list: the first range that ends after the current line's start.
    next: [usize; 2],
}

impl LinesIn<'_> {
    /// The skipped range containing `offset`, if any.
    fn skipped(&mut self, offset: usize) -> Option<Range<usize>> {
        for (list, k) in self.skip.iter().zip(self.next.iter_mut()) {
            while *k < list.len() && list[*k].end <= offset {
                *k += 1;
            }
            if let Some(r) = list.get(*k).filter(|r| r.start <= offset) {
                return Some(r.clone());
            }
        }
        None
    }
}

impl Iterator for LinesIn<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        while self.line <= self.last {
            let r = self.index.line_range(self.src, self.line);
            if let Some(s) = self.skipped(r.start) {
                // The first line starting at or after the skipped range's end.
                let mut next = self.index.line_of(s.end);
                if self.index.line_start(next) < s.end {
                    next += 1;
                }
                self.line = next.max(self.line + 1);
                continue;
            }
            self.line += 1;
            if r.start >= self.range.start && r.start < self.range.end.max(self.range.start + 1) {
                return Some(r);
            }
        }
        None
    }
}

fn metadata_lines<'a>(doc: &Document<'a>, html: &[Range<usize>]) -> Vec<MetaLine<'a>> {
    let skip = non_prose_ranges(doc, html);
    let starts: Vec<(usize, usize)> = doc
        .headings
        .iter()
        .map(|h| (h.range.start, h.section))
        .collect();
    let mut out = Vec::new();
    for r in lines_in(doc, 0..doc.source.len(), [&skip, &[]]) {
        let line = &doc.source[r.clone()];
        if line.len() > 2000 || !line.contains(':') {
            continue;
        }
        if let Some(kv) = parse_key_value(line, r.start) {
            out.push(MetaLine {
                key: strip_markup(kv.key),
                key_range: kv.key_range,
                value: kv.value,
                value_range: kv.value_range,
                line_range: r.clone(),
                bold: kv.bold,
                section: section_lookup(&starts, r.start),
            });
        }
    }
    out
}

fn strip_markup(key: Cow<'_, str>) -> Cow<'_, str> {
    let markup = |c: char| c == '*' || c == '_' || c.is_whitespace();
    match key {
        Cow::Borrowed(k) => Cow::Borrowed(k.trim_matches(markup)),
        Cow::Owned(k) if k.trim_matches(markup).len() == k.len() => Cow::Owned(k),
        Cow::Owned(k) => Cow::Owned(k.trim_matches(markup).to_string()),
    }
}

fn build_tasks(doc: &mut Document<'_>) {
    let skip_code = merged(doc.code_blocks.iter().map(|c| c.range.clone()).collect());
    checkbox_tasks(doc, &skip_code);
    if doc.kind.is_task_list() {
        heading_tasks(doc, &skip_code);
        table_tasks(doc);
    }
    link_heading_parents(doc);
    doc.task_index = TaskIndex::new(&doc.tasks);
}

/// Offset of an item's text: after the bullet or number and the spaces that follow it.
fn item_text_start(src: &str, item_start: usize) -> usize {
    let b = src.as_bytes();
    let mut i = item_start;
    if i < b.len() && matches!(b[i], b'-' | b'*' | b'+') {
        i += 1;
    } else {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i < b.len() && matches!(b[i], b'.' | b')') {
            i += 1;
        }
    }
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i
}

fn checkbox_tasks(doc: &mut Document<'_>, skip_code: &[Range<usize>]) {
    let src = doc.source;
    let items = &doc.list_items;
    // Whether an item starts with a checkbox, judged on the rest of the source (as a nested
    // item's text may run past its own range).
    let starts_with_checkbox: Vec<bool> = items
        .iter()
        .map(|i| {
            let at = item_text_start(src, i.range.start).min(src.len());
            parse_checkbox(&src[at..]).is_some()
        })
        .collect();
    if !starts_with_checkbox.contains(&true) {
        return;
    }
    // List items come in document order and nest: the items inside item `i` are
    // `i + 1..subtree_end[i]`.
    let starts: Vec<usize> = items.iter().map(|i| i.range.start).collect();
    let subtree_end: Vec<usize> = items
        .iter()
        .enumerate()
        .map(|(i, it)| i + 1 + starts[i + 1..].partition_point(|&s| s < it.range.end))
        .collect();
    // Enclosing task item for nesting: a stack of (item end, task index).
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut nested: Vec<Range<usize>> = Vec::new();
    for item_idx in 0..doc.list_items.len() {
        let item = doc.list_items[item_idx].clone();
        while open.last().is_some_and(|(end, _)| *end <= item.range.start) {
            open.pop();
        }
        let text_start = item_text_start(src, item.range.start).min(item.range.end);
        // Only the first bytes decide whether this is a task (keeps one-line lists linear).
        let head_end = super::text::floor_char_boundary(src, (text_start + 5).min(item.range.end));
        let Some(cb) = parse_checkbox(&src[text_start..head_end]) else {
            continue;
        };
        let line_end = src[text_start..item.range.end]
            .find(['\n', '\r'])
            .map_or(item.range.end, |i| text_start + i);
        let title_start = super::text::skip_ws(src, text_start + cb.len).min(line_end);
        let title_range = trim_range(src, title_start..line_end);
        let title_text = &src[title_range.clone()];
        let id = tasks::id_at_start(title_text, title_range.start).map(|(text, range)| TaskId {
            text: Cow::Borrowed(text),
            range,
        });
        let index = doc.tasks.len();
        let parent = open.last().map(|(_, t)| *t);
        let mut task = Task {
            source: TaskSource::Checkbox,
            id,
            state: cb.state,
            optional: cb.optional,
            parallel: marked_parallel(title_text),
            title: plain_title(title_text),
            title_range: title_range.clone(),
            range: trim_range(src, item.range.clone()),
            checkbox_range: Some(text_start..text_start + cb.len),
            depth: item.depth,
            parent,
            section: item.section,
            fields: Vec::new(),
            deps: tasks::inline_deps(title_text, title_range.start),
        };
        // Fields: the item's other lines, minus nested checkbox items (the outermost ones:
        // they contain the others) and code.
        nested.clear();
        let mut j = item_idx + 1;
        while j < subtree_end[item_idx] {
            if starts_with_checkbox[j] {
                nested.push(doc.list_items[j].range.clone());
                j = subtree_end[j];
            } else {
                j += 1;
            }
        }
        let skip_nested = merged(std::mem::take(&mut nested));
        collect_fields(
            doc,
            &mut task,
            line_end..item.range.end,
            [skip_code, &skip_nested],
        );
        nested = skip_nested;
        doc.list_items[item_idx].task = Some(index);
        open.push((item.range.end, index));
        doc.tasks.push(task);
    }
}

/// A detail line that states a dependency without a `Key:` colon.
static DEP_LINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^[*_]*(?:depends\s+on|dependent\s+on|blocked\s+by)\b")
        .expect("static regex")
});

/// What every match of [`DEP_LINE`] contains.
const DEP_LINE_WORDS: crate::scan::Literals = crate::scan::Literals::ci(&["depend", "blocked"]);

fn collect_fields<'a>(
    doc: &Document<'a>,
    task: &mut Task<'a>,
    range: Range<usize>,
    skip: [&[Range<usize>]; 2],
) {
    if range.start >= range.end {
        return;
    }
    for r in lines_in(doc, range, skip) {
        let line = &doc.source[r.clone()];
        if line.len() > 2000 {
            continue;
        }
        // Every spelling of a field has a colon; a line without one may still be a
        // dependency sentence.
        let kv = if line.contains(':') {
            key_value_at(doc, line, r.start)
        } else {
            None
        };
        let Some((key, value, value_range)) = kv else {
            // "- depends on T003" / "Blocked by 2.1" written without a colon.
            let start = super::fields::content_start(line);
            let rest = &line[start..];
            if DEP_LINE_WORDS.in_text(rest) && DEP_LINE.is_match(rest) {
                task.deps.extend(tasks::inline_deps(rest, r.start + start));
            }
            continue;
        };
        if DEPENDENCY_KEYS.contains(&&*key) {
            task.deps
                .extend(tasks::extract_task_refs(value, value_range.start));
        }
        task.fields.push(Field {
            key,
            value: Cow::Borrowed(value),
            value_range,
            range: r,
        });
    }
    // Most tasks have a few fields and dependencies: no spare capacity kept per task.
    task.fields.shrink_to_fit();
    task.deps.shrink_to_fit();
}

/// The key (markup removed), value and value range of the `Key: value` line starting at
/// `start`: from the metadata lines when the model already read it there.
fn key_value_at<'a>(
    doc: &Document<'a>,
    line: &'a str,
    start: usize,
) -> Option<(Cow<'a, str>, &'a str, Range<usize>)> {
    let at = doc.metadata.partition_point(|m| m.line_range.start < start);
    if let Some(m) = doc.metadata.get(at).filter(|m| m.line_range.start == start) {
        return Some((m.key.clone(), m.value, m.value_range.clone()));
    }
    let kv = parse_key_value(line, start)?;
    Some((strip_markup(kv.key), kv.value, kv.value_range))
}

/// Whether a task title holds `[P]` or `(P)` (may run in parallel).
fn marked_parallel(title: &str) -> bool {
    let b = title.as_bytes();
    memchr::memchr_iter(b'P', b).any(|i| {
        i > 0
            && matches!(
                (b[i - 1], b.get(i + 1)),
                (b'[', Some(b']')) | (b'(', Some(b')'))
            )
    })
}

/// The title without `**` and backticks (as `text.replace("**", "").replace('`', "")`,
/// in one pass), trimmed.
fn plain_title(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let Some(first) =
        memchr::memchr2_iter(b'`', b'*', b).find(|&i| b[i] == b'`' || b.get(i + 1) == Some(&b'*'))
    else {
        return Cow::Borrowed(text.trim());
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut rest = &text[first..];
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("**") {
            rest = after;
        } else {
            rest = &rest[c.len_utf8()..];
            if c != '`' {
                out.push(c);
            }
        }
    }
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        Cow::Owned(out)
    } else {
        Cow::Owned(trimmed.to_string())
    }
}

fn heading_tasks(doc: &mut Document<'_>, skip_code: &[Range<usize>]) {
    let checkbox_items = merged(
        doc.tasks
            .iter()
            .filter(|t| t.source == TaskSource::Checkbox)
            .map(|t| t.range.clone())
            .collect(),
    );
    for hi in 0..doc.headings.len() {
        let h = doc.headings[hi].clone();
        let text = doc.text(&h.text_range);
        let stripped = text.trim_start_matches(['*', '_']);
        let offset = h.text_range.start + (text.len() - stripped.len());
        let Some((id_text, id_range)) = tasks::heading_task_id(stripped, offset) else {
            continue;
        };
        let section = &doc.sections[h.section];
        // Fields come from the heading's own text, up to its first sub-heading.
        let own_end = section
            .children
            .first()
            .map_or(section.range.end, |&c| doc.sections[c].range.start);
        let mut task = Task {
            source: TaskSource::Heading,
            id: Some(TaskId {
                text: Cow::Borrowed(id_text),
                range: id_range,
            }),
            state: TaskState::Unknown,
            optional: false,
            parallel: text.contains("[P]") || text.contains("(P)"),
            title: Cow::Owned(h.text.clone()),
            title_range: h.text_range.clone(),
            range: section.range.clone(),
            checkbox_range: None,
            depth: 0,
            parent: None,
            section: h.section,
            fields: Vec::new(),
            deps: tasks::inline_deps(text, h.text_range.start),
        };
        collect_fields(
            doc,
            &mut task,
            section.body_range.start..own_end,
            [skip_code, &checkbox_items],
        );
        doc.tasks.push(task);
    }
}

fn table_tasks(doc: &mut Document<'_>) {
    let mut new_tasks = Vec::new();
    for t in &doc.tables {
        let Some(id_col) = t.column(&["task id", "id", "task"]) else {
            continue;
        };
        let dep_col = t.column(&["dependencies", "depends on", "dependency", "blocked by"]);
        let title_col = t
            .column(&["task name", "name", "title", "task"])
            .filter(|&c| c != id_col);
        for row in &t.rows {
            let Some(cell) = row.cells.get(id_col) else {
                continue;
            };
            let Some((id_text, id_range)) = tasks::id_at_start(&cell.text, cell.range.start)
                .filter(|(id, _)| id.len() == cell.text.trim().len())
            else {
                continue;
            };
            let fields: Vec<Field> = row
                .cells
                .iter()
                .zip(&t.header)
                .map(|(c, h)| Field {
                    key: Cow::Owned(super::text::normalize_heading(&h.text)),
                    value: Cow::Owned(c.text.clone()),
                    value_range: c.range.clone(),
                    range: c.range.clone(),
                })
                .collect();
            let deps = dep_col
                .and_then(|c| row.cells.get(c))
                .map(|c| tasks::extract_task_refs(doc.text(&c.range), c.range.start))
                .unwrap_or_default();
            let title_cell = title_col.and_then(|c| row.cells.get(c));
            new_tasks.push(Task {
                source: TaskSource::TableRow,
                id: Some(TaskId {
                    // The cell's text, which the model owns: copied.
                    text: Cow::Owned(id_text.to_string()),
                    range: id_range,
                }),
                state: TaskState::Unknown,
                optional: false,
                parallel: false,
                title: Cow::Owned(title_cell.map_or_else(String::new, |c| c.text.clone())),
                title_range: title_cell.map_or(cell.range.clone(), |c| c.range.clone()),
                range: row.range.clone(),
                checkbox_range: None,
                depth: 0,
                parent: None,
                section: t.section,
                fields,
                deps,
            });
        }
    }
    doc.tasks.extend(new_tasks);
}

/// A top-level checkbox task inside a heading task's section belongs to that heading task;
/// the heading task's state follows its checkboxes.
fn link_heading_parents(doc: &mut Document<'_>) {
    let heading_task_of_section: HashMap<usize, usize> = doc
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.source == TaskSource::Heading)
        .map(|(i, t)| (t.section, i))
        .collect();
    if heading_task_of_section.is_empty() {
        return;
    }
    for i in 0..doc.tasks.len() {
        if doc.tasks[i].source != TaskSource::Checkbox || doc.tasks[i].parent.is_some() {
            continue;
        }
        let mut s = Some(doc.tasks[i].section);
        while let Some(sec) = s {
            if let Some(&h) = heading_task_of_section.get(&sec) {
                doc.tasks[i].parent = Some(h);
                break;
            }
            s = doc.sections[sec].parent;
        }
    }
    // One pass over the children: (has children, all done) per heading task.
    let mut summary: HashMap<usize, bool> = HashMap::new();
    for t in &doc.tasks {
        if let Some(p) = t
            .parent
            .filter(|&p| doc.tasks[p].source == TaskSource::Heading)
        {
            let all_done = summary.entry(p).or_insert(true);
            *all_done &= t.state == TaskState::Done;
        }
    }
    for (h, all_done) in summary {
        doc.tasks[h].state = if all_done {
            TaskState::Done
        } else {
            TaskState::Open
        };
    }
}

/// `<!-- ... -->` comments inside HTML blocks and inline HTML.
fn html_comments(src: &str, ranges: &[Range<usize>]) -> Vec<HtmlComment> {
    let mut out = Vec::new();
    let mut sorted = ranges.to_vec();
    crate::sort::sort_by_key(&mut sorted, |r| r.start);
    let mut last_end = 0;
    // No `-->` follows this offset (so later searches from beyond it would fail too, and
    // repeating them would make the scan quadratic).
    let mut no_close_from = usize::MAX;
    for r in sorted {
        let mut at = r.start.max(last_end);
        while at < r.end {
            let Some(open) = src[at..r.end].find("<!--") else {
                break;
            };
            let start = at + open;
            if start + 4 >= no_close_from {
                break;
            }
            let Some(close) = src[start + 4..].find("-->") else {
                no_close_from = start + 4;
                break;
            };
            let end = start + 4 + close + 3;
            out.push(HtmlComment {
                range: start..end,
                body: src[start + 4..end - 3].trim().to_string(),
            });
            at = end;
            last_end = end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{marked_parallel, plain_title};

    #[test]
    fn parallel_marker_agrees_with_a_substring_search() {
        let pieces = ["[", "]", "(", ")", "P", "p", "a", " ", "[P", "P)"];
        let texts = crate::testing::random_texts(&pieces, 0..=7, 20_000, 0x0dd_ba11_5eed_0001u64);
        let mut marked = 0;
        for t in &texts {
            let want = t.contains("[P]") || t.contains("(P)");
            assert_eq!(marked_parallel(t), want, "{t:?}");
            marked += usize::from(want);
        }
        assert!(marked > 1000 && marked < 19_000, "{marked}");
    }

    /// The one-pass title cleaner gives what the two `replace` calls give.
    #[test]
    fn plain_title_agrees_with_replace() {
        let pieces = ["*", "**", "`", "a", " ", "é", "T001", "\t", "[P]"];
        let texts = crate::testing::random_texts(&pieces, 0..=9, 20_000, 0x7f4a_7c15_9e37_79b9u64);
        let mut changed = 0;
        for text in &texts {
            let want = text.replace("**", "").replace('`', "");
            assert_eq!(plain_title(text), want.trim(), "{text:?}");
            changed += usize::from(want.len() != text.len());
        }
        assert!(changed > 5000, "{changed}");
    }
}
