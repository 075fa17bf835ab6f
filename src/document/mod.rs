//! The domain model of one spec document, built by a single pulldown-cmark pass.
//!
//! Rules read this model and never parse Markdown themselves. Every range is a byte range
//! into [`Document::source`].

pub mod criteria;
pub mod dates;
mod fields;
mod graph;
mod ids;
mod parse;
mod pieces;
pub mod requirements;
mod tasks;
pub mod text;

use crate::kind::{Kind, KindSource};
use crate::line_index::LineIndex;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

pub use criteria::{Criterion, CriterionSource};
pub use fields::{parse_key_value, KeyValue};
pub use ids::{IdCatalog, IdShape};
pub use parse::{parser_options, DEPENDENCY_KEYS};
pub use tasks::{
    extract_task_refs, id_at_start, inline_deps, may_have_inline_deps, parse_checkbox, split_id,
    TaskRef,
};

/// One parsed Markdown document.
#[derive(Debug)]
pub struct Document<'a> {
    pub source: &'a str,
    /// Path as given by the host, with `/` separators; `None` for pasted text.
    pub path: Option<String>,
    pub kind: Kind,
    pub kind_source: KindSource,
    pub line_index: LineIndex,
    pub front_matter: Option<FrontMatter>,
    pub headings: Vec<Heading>,
    /// `sections[0]` is the whole document (level 0, no heading); the others follow the
    /// headings in order.
    pub sections: Vec<Section>,
    pub tasks: Vec<Task<'a>>,
    pub list_items: Vec<ListItem>,
    pub tables: Vec<Table>,
    pub code_blocks: Vec<CodeBlock>,
    /// Inline code spans (backticks included), in order.
    pub code_spans: Vec<Range<usize>>,
    pub links: Vec<Link>,
    pub html_comments: Vec<HtmlComment>,
    pub metadata: Vec<MetaLine<'a>>,
    /// Runs of inline content (paragraphs, headings, list item text, table cells).
    pub inlines: Vec<InlineBlock>,
    /// The parts of inline blocks that are not prose, block after block (see
    /// [`InlineBlock::excluded`]).
    pub excluded: Vec<Range<usize>>,
    /// Whitespace-separated tokens of the whole source (`wc -w`).
    pub words: usize,
    /// The tasks with an id, by id ([`Document::tasks_with_id`]).
    pub task_index: TaskIndex,
    /// [`Document::non_ascii_letter_ratio`], computed on first use (rules may ask for it
    /// per finding; it scans all prose).
    non_ascii_ratio: std::sync::OnceLock<f64>,
    /// [`Document::requirements`], built on first use.
    requirements: std::sync::OnceLock<requirements::Requirements>,
    /// [`Document::requirement_refs`], built on first use.
    requirement_refs: std::sync::OnceLock<Vec<requirements::ReqRef>>,
    /// The document family (profile) the document belongs to: which rules apply, and the
    /// schema they check against.
    pub profile: std::sync::Arc<crate::profile::Profile>,
    /// Why it got that profile, in words ("GOE PRD: in specs/active/checkout/").
    pub profile_reason: String,
}

/// The tasks that have an id, ordered by id (then by position): lookups by id without a
/// map of owned keys.
#[derive(Debug, Default)]
pub struct TaskIndex {
    order: Vec<usize>,
    /// For each entry of `order`, [`prefix_key`] of its id: a lookup searches these numbers
    /// and compares whole ids only among those sharing the first eight bytes (string
    /// comparisons are byte loops in the wasm build).
    keys: Vec<u64>,
}

/// The first eight bytes of an id as a number, zero-padded: ids in byte order have their keys
/// in the same (non-strict) order.
fn prefix_key(id: &str) -> u64 {
    let mut b = [0u8; 8];
    let n = id.len().min(8);
    b[..n].copy_from_slice(&id.as_bytes()[..n]);
    u64::from_be_bytes(b)
}

impl TaskIndex {
    fn new(tasks: &[Task<'_>]) -> TaskIndex {
        let id = |i: usize| tasks[i].id.as_ref().map_or("", |t| &*t.text);
        let mut order: Vec<usize> = (0..tasks.len())
            .filter(|&i| tasks[i].id.is_some())
            .collect();
        // Stable: tasks sharing an id stay in document order.
        crate::sort::sort_by(&mut order, |&a, &b| id(a).cmp(id(b)));
        let keys = order.iter().map(|&i| prefix_key(id(i))).collect();
        TaskIndex { order, keys }
    }

    /// Whether no task has an id.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }
}

/// YAML front matter between `---` lines at the top of the file.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub range: Range<usize>,
    pub text: String,
    /// `kind` from `specmark: { kind: ... }` or a `specmark:` block with `kind:` under it.
    pub specmark_kind: Option<String>,
    /// `profile` from the same place.
    pub specmark_profile: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    /// The whole heading, markers included.
    pub range: Range<usize>,
    /// Plain text of the heading (inline markup removed).
    pub text: String,
    /// Source range of the heading's inline content.
    pub text_range: Range<usize>,
    /// Index of the section this heading opens.
    pub section: usize,
}

#[derive(Debug, Clone)]
pub struct Section {
    /// Index into `headings`; `None` for the root.
    pub heading: Option<usize>,
    pub level: u8,
    pub title: String,
    /// [`text::normalize_heading`] of `title`, computed once (rules match headings often).
    pub norm_title: String,
    /// From the heading line to the next heading of the same or a higher level.
    pub range: Range<usize>,
    /// After the heading line, to the end of `range`.
    pub body_range: Range<usize>,
    /// `wc -w` of `range` (heading line and sub-sections included).
    pub words: usize,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

/// The state of a checkbox, or of a task that has none (a heading or a table row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskState {
    Open,
    Done,
    InProgress,
    /// No checkbox (heading tasks, table rows).
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskSource {
    Checkbox,
    Heading,
    TableRow,
}

#[derive(Debug, Clone)]
pub struct Task<'a> {
    pub source: TaskSource,
    pub id: Option<TaskId<'a>>,
    pub state: TaskState,
    /// `- [ ]* ...` (Kiro / cc-sdd optional task).
    pub optional: bool,
    /// `[P]` or `(P)` marker.
    pub parallel: bool,
    /// Plain text of the first line after the checkbox (or the heading / the row's name);
    /// borrowed from the source when it has no markup to remove.
    pub title: Cow<'a, str>,
    pub title_range: Range<usize>,
    /// The whole item (nested lists included), heading section, or table row.
    pub range: Range<usize>,
    pub checkbox_range: Option<Range<usize>>,
    /// List nesting depth (0 = top level).
    pub depth: u32,
    pub parent: Option<usize>,
    pub section: usize,
    pub fields: Vec<Field<'a>>,
    /// Task ids this task depends on, from `Depends on:` fields, dependency columns and
    /// phrases such as "depends on T002" / "after T005" in the title.
    pub deps: Vec<TaskRef<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskId<'a> {
    /// Borrowed from the source, or from a table cell's text.
    pub text: Cow<'a, str>,
    pub range: Range<usize>,
}

/// `Key: value` attached to a task (`- **Files**: ...`, `_Requirements: 1.1_`, a table column).
#[derive(Debug, Clone)]
pub struct Field<'a> {
    /// Lowercase, markup removed (`done when`, `files`, `requirements`).
    pub key: Cow<'a, str>,
    /// The value: a slice of the source, or a table cell's text.
    pub value: Cow<'a, str>,
    pub value_range: Range<usize>,
    /// The line (or cell) holding the field.
    pub range: Range<usize>,
}

/// Every list item, task or not.
#[derive(Debug, Clone)]
pub struct ListItem {
    pub range: Range<usize>,
    pub depth: u32,
    pub ordered: bool,
    /// Set when the item starts with a checkbox.
    pub task: Option<usize>,
    pub section: usize,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub range: Range<usize>,
    pub header: Vec<Cell>,
    pub rows: Vec<Row>,
    pub section: usize,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub range: Range<usize>,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub range: Range<usize>,
}

impl Table {
    /// Index of the first header whose lowercase text is one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header.iter().position(|c| {
            let t = text::normalize_heading(&c.text);
            names.iter().any(|n| t == *n)
        })
    }
}

#[derive(Debug, Clone)]
pub struct CodeBlock {
    /// First word of the info string, lowercase (`python`, `mermaid`).
    pub lang: Option<String>,
    pub info: String,
    pub fenced: bool,
    /// The whole block, fences included.
    pub range: Range<usize>,
    /// The content as the parser sees it (indentation of the container removed).
    pub text: String,
    /// Source range of the content lines.
    pub content_range: Range<usize>,
    pub section: usize,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub dest: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct HtmlComment {
    pub range: Range<usize>,
    /// The text between `<!--` and `-->`, trimmed.
    pub body: String,
}

/// A `Key: value` line outside code (`**Status**: Draft`, `**Status:** Draft`,
/// `> **Status:** Draft`, `- Total Tasks: 14`).
#[derive(Debug, Clone)]
pub struct MetaLine<'a> {
    /// Lowercase, markup removed.
    pub key: Cow<'a, str>,
    pub key_range: Range<usize>,
    /// A slice of the source.
    pub value: &'a str,
    pub value_range: Range<usize>,
    pub line_range: Range<usize>,
    pub bold: bool,
    pub section: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InlineKind {
    Paragraph,
    Heading,
    ListItem,
    TableCell,
}

/// A run of inline content, with the parts that are not prose (code spans, links, inline
/// HTML, footnote references, checkboxes) listed in [`Document::excluded`].
#[derive(Debug, Clone)]
pub struct InlineBlock {
    pub kind: InlineKind,
    pub range: Range<usize>,
    /// The block's non-prose parts: indexes into [`Document::excluded`] (one list for all
    /// blocks, rather than one allocation per block).
    pub excluded: Range<usize>,
    pub section: usize,
}

impl InlineBlock {
    /// The prose parts of the block: `range` minus its excluded parts, in order (no list
    /// is built: rules walk them block by block).
    pub fn prose_ranges<'d>(
        &self,
        doc: &'d Document<'_>,
    ) -> impl Iterator<Item = Range<usize>> + use<'d> {
        let end = self.range.end;
        let mut at = self.range.start;
        let mut excluded = doc
            .excluded
            .get(self.excluded.clone())
            .unwrap_or(&[])
            .iter();
        std::iter::from_fn(move || {
            for ex in excluded.by_ref() {
                let gap = at..ex.start.min(end);
                at = at.max(ex.end);
                if !gap.is_empty() {
                    return Some(gap);
                }
            }
            let rest = at..end;
            at = end;
            (!rest.is_empty()).then_some(rest)
        })
    }
}

impl<'a> Document<'a> {
    /// Parse `source`. `path` is used for kind detection and messages; `kind` forces a kind.
    pub fn parse(source: &'a str, path: Option<&str>, kind: Option<Kind>) -> Document<'a> {
        parse::build(source, path, kind, None)
    }

    /// Parse with kind globs from the configuration (checked after front matter).
    pub fn parse_with_config(
        source: &'a str,
        path: Option<&str>,
        kind: Option<Kind>,
        config: &crate::config::Config,
    ) -> Document<'a> {
        parse::build(source, path, kind, Some(config))
    }

    /// Give back the spare capacity of the model's lists: the model of a large document
    /// lives through every rule, and growth by doubling leaves up to half of each unused.
    fn shrink(&mut self) {
        if self.source.len() < 64 * 1024 {
            return;
        }
        self.headings.shrink_to_fit();
        self.sections.shrink_to_fit();
        self.tasks.shrink_to_fit();
        self.list_items.shrink_to_fit();
        self.tables.shrink_to_fit();
        self.code_blocks.shrink_to_fit();
        self.code_spans.shrink_to_fit();
        self.links.shrink_to_fit();
        self.html_comments.shrink_to_fit();
        self.metadata.shrink_to_fit();
        self.inlines.shrink_to_fit();
        self.excluded.shrink_to_fit();
    }

    pub fn text(&self, range: &Range<usize>) -> &'a str {
        self.source.get(range.clone()).unwrap_or("")
    }

    /// The first H1 heading, if any.
    pub fn title(&self) -> Option<&Heading> {
        self.headings.iter().find(|h| h.level == 1)
    }

    /// Range for document-level findings: the title heading, else the first line.
    pub fn title_range(&self) -> Range<usize> {
        match self.title() {
            Some(h) => h.range.clone(),
            None => {
                let r = self.line_index.line_range(self.source, 0);
                let bom = if self.source.starts_with('\u{feff}') {
                    3
                } else {
                    0
                };
                r.start.max(bom)..r.end.max(bom)
            }
        }
    }

    /// Index of the innermost section containing `offset`: the section of the last heading
    /// that starts at or before it.
    pub fn section_at(&self, offset: usize) -> usize {
        match self.headings.partition_point(|h| h.range.start <= offset) {
            0 => 0,
            n => self.headings[n - 1].section,
        }
    }

    /// Sections whose normalized title starts with one of `names` (already normalized
    /// with [`text::normalize_heading`]).
    pub fn sections_named<'s>(&'s self, names: &'s [&'s str]) -> impl Iterator<Item = usize> + 's {
        self.sections
            .iter()
            .enumerate()
            .skip(1)
            .filter(move |(_, s)| text::normalized_matches(&s.norm_title, names))
            .map(|(i, _)| i)
    }

    /// Tasks with this id.
    pub fn tasks_with_id(&self, id: &str) -> &[usize] {
        let TaskIndex { order, keys } = &self.task_index;
        let key = prefix_key(id);
        let lo = keys.partition_point(|&k| k < key);
        let hi = lo + keys[lo..].partition_point(|&k| k == key);
        // The ids sharing the first eight bytes, in order: searched by the whole id.
        let run = &order[lo..hi];
        let start = run.partition_point(|&i| self.task_id(i) < id);
        // Ids are mostly unique: walk the equal ones instead of a second binary search.
        let n = run[start..]
            .iter()
            .take_while(|&&i| self.task_id(i) == id)
            .count();
        &run[start..start + n]
    }

    /// The distinct task ids, in sorted order.
    pub fn task_ids(&self) -> impl Iterator<Item = &str> {
        let mut last: Option<&str> = None;
        self.task_index.order.iter().filter_map(move |&i| {
            let id = self.task_id(i);
            (last != Some(id)).then(|| {
                last = Some(id);
                id
            })
        })
    }

    fn task_id(&self, task: usize) -> &str {
        self.tasks[task].id.as_ref().map_or("", |id| &*id.text)
    }

    /// `true` when `offset` lies inside a code block or the front matter.
    pub fn in_code(&self, offset: usize) -> bool {
        let i = self
            .code_blocks
            .partition_point(|c| c.range.start <= offset);
        (i > 0 && offset < self.code_blocks[i - 1].range.end)
            || self
                .front_matter
                .as_ref()
                .is_some_and(|f| f.range.start <= offset && offset < f.range.end)
    }

    /// `true` when `offset` lies inside an inline code span.
    pub fn in_code_span(&self, offset: usize) -> bool {
        let i = self.code_spans.partition_point(|c| c.start <= offset);
        i > 0 && offset < self.code_spans[i - 1].end
    }

    /// Metadata lines with this key (lowercase).
    pub fn meta(&self, key: &str) -> impl Iterator<Item = &MetaLine<'a>> {
        let key = key.to_string();
        self.metadata.iter().filter(move |m| m.key == key)
    }

    /// The line break this document uses (the first one found; `\n` by default).
    pub fn newline(&self) -> &'static str {
        let b = self.source.as_bytes();
        match b.iter().position(|&c| c == b'\n' || c == b'\r') {
            Some(i) if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') => "\r\n",
            Some(i) if b[i] == b'\r' => "\r",
            _ => "\n",
        }
    }

    /// Share of letters in prose that are not ASCII (0.0 to 1.0); high for CJK, Cyrillic.
    /// Computed once per document.
    pub fn non_ascii_letter_ratio(&self) -> f64 {
        *self
            .non_ascii_ratio
            .get_or_init(|| self.compute_non_ascii_letter_ratio())
    }

    fn compute_non_ascii_letter_ratio(&self) -> f64 {
        let (mut ascii, mut other) = (0usize, 0usize);
        for block in &self.inlines {
            for r in block.prose_ranges(self) {
                let text = self.text(&r);
                if text.is_ascii() {
                    ascii += text::ascii_letters(text.as_bytes());
                    continue;
                }
                for c in text.chars() {
                    if c.is_ascii_alphabetic() {
                        ascii += 1;
                    } else if c.is_alphabetic() {
                        // CJK ideographs carry a word's meaning in one character.
                        other += if is_cjk(c) { 4 } else { 1 };
                    }
                }
            }
        }
        if ascii + other == 0 {
            0.0
        } else {
            other as f64 / (ascii + other) as f64
        }
    }

    /// The file is a template documents are copied from (`templates/tasks-template.md`,
    /// `specs/template-spec/recovery.md`): its placeholders are its purpose, so rules about
    /// filled-in content stay silent. See [`crate::kind::is_template_path`].
    pub fn is_template(&self) -> bool {
        self.path
            .as_deref()
            .is_some_and(crate::kind::is_template_path)
    }

    /// The requirements, user stories, criteria and scenarios the document defines (Spec
    /// Kit, Kiro and OpenSpec documents; empty for others). Built once, on first use.
    pub fn requirements(&self) -> &requirements::Requirements {
        self.requirements.get_or_init(|| requirements::build(self))
    }

    /// The citations of requirements the document makes (Kiro `_Requirements: 1.2_`, Spec
    /// Kit `FR-012` / `[US3]`; empty for other families). Built once, on first use: both the
    /// rule resolving them and the rule measuring coverage read them.
    pub fn requirement_refs(&self) -> &[requirements::ReqRef] {
        self.requirement_refs
            .get_or_init(|| requirements::refs(self))
    }

    /// Most of the prose is not English (rules soften English-specific findings).
    pub fn mostly_non_english(&self) -> bool {
        self.non_ascii_letter_ratio() > 0.4
    }
}

/// Kana, CJK ideographs and Hangul: scripts that carry a word's meaning in one character.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF)
}
