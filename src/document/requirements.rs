//! The requirements of a Spec Kit, Kiro or OpenSpec document, and the references to them.
//!
//! Spec Kit numbers its requirements (`FR-001`, `SC-002`, `NFR-003`) and its user stories
//! (`### User Story 1 - ...`, cited as `[US1]`); Kiro numbers requirements
//! (`### Requirement 1`) and their acceptance criteria (`1.1`, cited as
//! `_Requirements: 1.1, 2.3_`); OpenSpec names them (`### Requirement: Two-factor login`)
//! with `#### Scenario:` blocks, and a change's delta specs group them under
//! `## ADDED|MODIFIED|REMOVED|RENAMED Requirements`. Built on first use from the document
//! model: only the rules of these families ask for it.

use super::text::normalize_heading;
use super::Document;
use crate::kind::Kind;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What a requirement item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReqKind {
    /// Spec Kit `FR-###`.
    Functional,
    /// Spec Kit `SC-###`.
    Success,
    /// `NFR-###`.
    NonFunctional,
    /// Spec Kit `### User Story N`, cited as `US<N>`.
    Story,
    /// Kiro `### Requirement N`; OpenSpec `### Requirement: Name`.
    Requirement,
    /// Kiro acceptance criterion `N.M`.
    Criterion,
    /// OpenSpec `#### Scenario: Name`.
    Scenario,
}

impl ReqKind {
    /// How messages name one item of this kind.
    pub fn noun(self) -> &'static str {
        match self {
            ReqKind::Functional => "functional requirement",
            ReqKind::Success => "success criterion",
            ReqKind::NonFunctional => "non-functional requirement",
            ReqKind::Story => "user story",
            ReqKind::Requirement => "requirement",
            ReqKind::Criterion => "acceptance criterion",
            ReqKind::Scenario => "scenario",
        }
    }

    /// The plural of [`ReqKind::noun`].
    pub fn nouns(self) -> &'static str {
        match self {
            ReqKind::Functional => "functional requirements",
            ReqKind::Success => "success criteria",
            ReqKind::NonFunctional => "non-functional requirements",
            ReqKind::Story => "user stories",
            ReqKind::Requirement => "requirements",
            ReqKind::Criterion => "acceptance criteria",
            ReqKind::Scenario => "scenarios",
        }
    }

    /// The id prefix of a Spec Kit kind (`FR-`), if it has one.
    pub fn prefix(self) -> Option<&'static str> {
        match self {
            ReqKind::Functional => Some("FR-"),
            ReqKind::Success => Some("SC-"),
            ReqKind::NonFunctional => Some("NFR-"),
            ReqKind::Story => Some("US"),
            _ => None,
        }
    }
}

/// The section of an OpenSpec delta spec a requirement sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeltaOp {
    Added,
    Modified,
    Removed,
    Renamed,
}

impl DeltaOp {
    pub fn name(self) -> &'static str {
        match self {
            DeltaOp::Added => "ADDED",
            DeltaOp::Modified => "MODIFIED",
            DeltaOp::Removed => "REMOVED",
            DeltaOp::Renamed => "RENAMED",
        }
    }
}

/// One requirement, story, criterion or scenario.
#[derive(Debug, Clone)]
pub struct Requirement {
    pub kind: ReqKind,
    /// `FR-001`, `US2`, `3` (Kiro requirement), `3.2` (criterion), or an OpenSpec name.
    pub id: String,
    /// The numbers of the id (`[3, 2]` for `3.2`, `[1]` for `FR-001`), empty for names.
    pub numbers: Vec<u64>,
    /// Where the id (or the heading) is written.
    pub range: Range<usize>,
    /// The statement: the requirement's line, the criterion's list item, or the body of a
    /// requirement heading up to its first sub-heading.
    pub body: Range<usize>,
    /// The enclosing requirement (of a criterion or scenario).
    pub parent: Option<usize>,
    /// Heading level, for heading items (0 otherwise).
    pub level: u8,
    /// The delta section (OpenSpec delta specs).
    pub delta: Option<DeltaOp>,
}

/// A `## ADDED Requirements` (...) section of an OpenSpec delta, or a level-2 heading of a
/// delta spec that is none of them.
#[derive(Debug, Clone)]
pub struct DeltaSection {
    /// `None`: a level-2 heading that is not a delta operation.
    pub op: Option<DeltaOp>,
    pub heading: Range<usize>,
    pub section: usize,
}

/// A `FROM:` / `TO:` pair of a RENAMED section.
#[derive(Debug, Clone)]
pub struct Rename {
    pub from: String,
    pub from_range: Range<usize>,
    pub to: Option<String>,
}

/// Everything a document defines.
#[derive(Debug, Default)]
pub struct Requirements {
    pub items: Vec<Requirement>,
    pub deltas: Vec<DeltaSection>,
    pub renames: Vec<Rename>,
}

impl Requirements {
    pub fn of_kind(&self, kind: ReqKind) -> impl Iterator<Item = (usize, &Requirement)> {
        self.items
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.kind == kind)
    }

    pub fn has(&self, kind: ReqKind) -> bool {
        self.items.iter().any(|r| r.kind == kind)
    }

    /// The item of this kind with this id.
    pub fn find(&self, kind: ReqKind, id: &str) -> Option<&Requirement> {
        self.items.iter().find(|r| r.kind == kind && r.id == id)
    }

    /// An OpenSpec requirement by name (compared as OpenSpec does: trimmed, case kept, runs
    /// of spaces as one).
    pub fn find_named(&self, name: &str) -> Option<&Requirement> {
        let want = squash(name);
        self.items
            .iter()
            .find(|r| r.kind == ReqKind::Requirement && r.numbers.is_empty() && r.id == want)
    }
}

/// `FR-001` for `FR-001a`: an id without the letter a clarification adds to it.
pub fn id_stem(id: &str) -> &str {
    id.trim_end_matches(|c: char| c.is_ascii_lowercase())
}

/// A reference to a requirement from another place (a task, a design property, a
/// checklist item, another requirement).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReqRef {
    pub kind: ReqKind,
    /// As [`Requirement::id`]: `FR-012`, `US3`, `2` (a whole Kiro requirement), `2.5`.
    pub id: String,
    pub range: Range<usize>,
}

/// Build the requirements of `doc` (see [`Document::requirements`]).
pub(super) fn build(doc: &Document<'_>) -> Requirements {
    let mut out = Requirements::default();
    match doc.kind {
        Kind::SpeckitSpec => speckit(doc, &mut out),
        Kind::KiroRequirements => kiro(doc, &mut out),
        Kind::OpenspecSpec | Kind::OpenspecDelta => openspec(doc, &mut out),
        _ => {}
    }
    out
}

/// The citations `doc` makes, read by its family (see [`Document::requirement_refs`]).
pub(super) fn refs(doc: &Document<'_>) -> Vec<ReqRef> {
    match doc.kind {
        Kind::KiroTasks | Kind::KiroDesign => kiro_refs(doc),
        Kind::SpeckitSpec | Kind::SpeckitPlan | Kind::SpeckitTasks | Kind::SpeckitChecklist => {
            speckit_refs(doc)
        }
        _ => Vec::new(),
    }
}

/// `FR-001`, `SC-12`, `NFR-003`, `FR-001a`: the id grammar of Spec Kit requirements.
static SPECKIT_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(FR|SC|NFR)-([0-9]{1,4})([a-z])?\b").expect("static regex"));

/// A definition: the id opens the line's content (`- **FR-001**: ...`, `FR-001: ...`,
/// `| FR-001 | ... |`).
static SPECKIT_DEF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-*+]\s+|[0-9]+[.)]\s+|\|\s*)?(?:\[[ xX]\]\s+)?(?:\*\*|__)?((?:FR|SC|NFR)-[0-9]{1,4}[a-z]?)\b")
        .expect("static regex")
});

/// `User Story 1`, `User Story 2 - Title (Priority: P1)`.
static STORY_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*user\s+story\s+([0-9]{1,3})\b").expect("static regex"));

fn kind_of_prefix(prefix: &str) -> ReqKind {
    match prefix {
        "FR" => ReqKind::Functional,
        "SC" => ReqKind::Success,
        _ => ReqKind::NonFunctional,
    }
}

/// Lines outside code blocks and front matter, as (line range, text).
fn prose_lines<'d>(doc: &'d Document<'_>) -> impl Iterator<Item = (Range<usize>, &'d str)> + 'd {
    (0..doc.line_index.line_count()).filter_map(move |i| {
        let r = doc.line_index.line_range(doc.source, i);
        if doc.in_code(r.start) {
            return None;
        }
        let t = doc.text(&r);
        Some((r, t))
    })
}

fn speckit(doc: &Document<'_>, out: &mut Requirements) {
    // Whether each definition is written in bold (`- **FR-001**:`): where a kind has bold
    // definitions, a plain line opening with its id is a mention (a clarification note).
    let mut bold = Vec::new();
    for (line, text) in prose_lines(doc) {
        let Some(c) = SPECKIT_DEF.captures(text) else {
            continue;
        };
        let Some(m) = c.get(1) else { continue };
        let id = m.as_str();
        let Some((prefix, rest)) = id.split_once('-') else {
            continue;
        };
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let number = digits.parse().unwrap_or(0);
        bold.push(text[..m.start()].ends_with("**") || text[..m.start()].ends_with("__"));
        out.items.push(Requirement {
            kind: kind_of_prefix(prefix),
            id: id.to_string(),
            numbers: vec![number],
            range: line.start + m.start()..line.start + m.end(),
            body: line.clone(),
            parent: None,
            level: 0,
            delta: None,
        });
    }
    let kinds_in_bold: Vec<ReqKind> = out
        .items
        .iter()
        .zip(&bold)
        .filter(|(_, b)| **b)
        .map(|(r, _)| r.kind)
        .collect();
    let mut keep = bold.iter();
    out.items
        .retain(|r| keep.next().is_some_and(|b| *b) || !kinds_in_bold.contains(&r.kind));
    for h in &doc.headings {
        let Some(c) = STORY_HEADING.captures(&h.text) else {
            continue;
        };
        let n: u64 = c[1].parse().unwrap_or(0);
        let section = &doc.sections[h.section];
        out.items.push(Requirement {
            kind: ReqKind::Story,
            id: format!("US{n}"),
            numbers: vec![n],
            range: h.range.clone(),
            body: section.range.clone(),
            parent: None,
            level: h.level,
            delta: None,
        });
    }
    out.items.sort_by_key(|r| r.range.start);
}

/// `Requirement 1`, `Requirement 2: Title`, `需求 1`, `要件1`, `Requisito 3`, `요구사항 2`.
static KIRO_REQ_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:requirement|requisito|requerimiento|exigence|anforderung|需求|要件|要求|요구사항|요구\s*사항)\s*([0-9]{1,3})\b")
        .expect("static regex")
});

/// Normalized headings that open the acceptance criteria of a requirement.
const CRITERIA_HEADINGS: &[&str] = &[
    "acceptance criteria",
    "criterios de aceptación",
    "criterios de aceptacion",
    "critérios de aceitação",
    "criterios de aceite",
    "critères d'acceptation",
    "akzeptanzkriterien",
    "验收标准",
    "驗收標準",
    "受け入れ条件",
    "受入基準",
    "受け入れ基準",
    "인수 기준",
    "수락 기준",
    "승인 기준",
];

fn kiro(doc: &Document<'_>, out: &mut Requirements) {
    for (hi, h) in doc.headings.iter().enumerate() {
        let Some(c) = KIRO_REQ_HEADING.captures(&h.text) else {
            continue;
        };
        let n: u64 = c[1].parse().unwrap_or(0);
        let section = &doc.sections[h.section];
        let parent = out.items.len();
        out.items.push(Requirement {
            kind: ReqKind::Requirement,
            id: n.to_string(),
            numbers: vec![n],
            range: h.range.clone(),
            body: section.range.clone(),
            parent: None,
            level: h.level,
            delta: None,
        });
        // Where the criteria start: after an "Acceptance Criteria" heading or bold line
        // inside the requirement, else anywhere in it.
        let criteria_from = doc.headings[hi + 1..]
            .iter()
            .take_while(|s| s.range.start < section.range.end)
            .find(|s| is_criteria_heading(&s.text))
            .map(|s| s.range.end)
            .or_else(|| criteria_line(doc, section.body_range.clone()))
            .unwrap_or(section.body_range.start);
        // Items of one list: the first list's depth decides which items are criteria.
        let first_criterion = out.items.len();
        let mut depth = None;
        let from = doc
            .list_items
            .partition_point(|i| i.range.start < criteria_from);
        for item in &doc.list_items[from..] {
            if item.range.start >= section.range.end {
                break;
            }
            if !item.ordered || item.task.is_some() {
                continue;
            }
            let d = *depth.get_or_insert(item.depth);
            if item.depth != d {
                continue;
            }
            // A later sub-heading that is not about criteria (notes, examples) ends them.
            let sub = doc.section_at(item.range.start);
            if sub != h.section
                && doc.sections[sub]
                    .heading
                    .is_some_and(|i| i > hi && !is_criteria_heading(&doc.headings[i].text))
            {
                continue;
            }
            let text = doc.text(&item.range);
            let lead = text.len() - text.trim_start().len();
            let digits: String = text[lead..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let Ok(m) = digits.parse::<u64>() else {
                continue;
            };
            let start = item.range.start + lead;
            let first_line = text[lead..]
                .find(['\n', '\r'])
                .map_or(text.len(), |e| lead + e);
            out.items.push(Requirement {
                kind: ReqKind::Criterion,
                id: format!("{n}.{m}"),
                numbers: vec![n, m],
                range: start..start + digits.len(),
                body: start..item.range.start + first_line.max(lead),
                parent: Some(parent),
                level: 0,
                delta: None,
            });
        }
        // `1.` on every item is Markdown's lazy numbering: the criteria count by position.
        let criteria = &mut out.items[first_criterion..];
        if criteria.len() > 1 && criteria.iter().all(|c| c.numbers == criteria[0].numbers) {
            for (k, c) in criteria.iter_mut().enumerate() {
                let m = k as u64 + 1;
                c.numbers = vec![n, m];
                c.id = format!("{n}.{m}");
            }
        }
    }
}

fn is_criteria_heading(text: &str) -> bool {
    let n = normalize_heading(text);
    CRITERIA_HEADINGS.iter().any(|c| n.starts_with(c))
}

/// The end of a `**Acceptance Criteria:**` line inside `range`, if there is one.
fn criteria_line(doc: &Document<'_>, range: Range<usize>) -> Option<usize> {
    let text = doc.text(&range);
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let plain: String = line
            .chars()
            .filter(|c| !matches!(c, '*' | '_' | ':' | '：'))
            .collect();
        if is_criteria_heading(plain.trim()) && plain.trim().len() < 40 {
            return Some(range.start + at + line.len());
        }
        at += line.len();
    }
    None
}

/// Runs of whitespace as one space, trimmed.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `Requirement: Name` / `Scenario: Name` in a heading, as (keyword, name).
fn openspec_heading(text: &str) -> Option<(&'static str, &str)> {
    let t = text.trim();
    for (kw, out) in [("requirement", "requirement"), ("scenario", "scenario")] {
        if t.len() > kw.len()
            && t.is_char_boundary(kw.len())
            && t[..kw.len()].eq_ignore_ascii_case(kw)
        {
            let rest = t[kw.len()..].trim_start();
            if let Some(name) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：')) {
                return Some((out, name.trim()));
            }
        }
    }
    None
}

/// `ADDED Requirements` → Added.
fn delta_op(text: &str) -> Option<DeltaOp> {
    let n = normalize_heading(text);
    let (word, rest) = n.split_once(' ')?;
    if !rest.starts_with("requirement") {
        return None;
    }
    match word {
        "added" => Some(DeltaOp::Added),
        "modified" => Some(DeltaOp::Modified),
        "removed" => Some(DeltaOp::Removed),
        "renamed" => Some(DeltaOp::Renamed),
        _ => None,
    }
}

fn openspec(doc: &Document<'_>, out: &mut Requirements) {
    let mut op = None;
    let mut requirement = None;
    for h in &doc.headings {
        if h.level <= 2 {
            requirement = None;
            if doc.kind == Kind::OpenspecDelta && h.level == 2 {
                op = delta_op(&h.text);
                out.deltas.push(DeltaSection {
                    op,
                    heading: h.range.clone(),
                    section: h.section,
                });
            }
        }
        let Some((kw, name)) = openspec_heading(&h.text) else {
            continue;
        };
        let section = &doc.sections[h.section];
        // The statement: the body up to the first sub-heading.
        let body_end = section
            .children
            .first()
            .map_or(section.range.end, |&c| doc.sections[c].range.start);
        let kind = if kw == "requirement" {
            ReqKind::Requirement
        } else {
            ReqKind::Scenario
        };
        let parent = if kind == ReqKind::Scenario {
            requirement
        } else {
            None
        };
        if kind == ReqKind::Requirement {
            requirement = Some(out.items.len());
        }
        out.items.push(Requirement {
            kind,
            id: squash(name),
            numbers: Vec::new(),
            range: h.range.clone(),
            body: section.body_range.start..body_end.max(section.body_range.start),
            parent,
            level: h.level,
            delta: op,
        });
    }
    if doc.kind == Kind::OpenspecDelta {
        renames(doc, out);
    }
}

/// `- FROM: `### Requirement: Old name`` / `- TO: `### Requirement: New name`` lines.
fn renames(doc: &Document<'_>, out: &mut Requirements) {
    let Some(section) = out
        .deltas
        .iter()
        .find(|d| d.op == Some(DeltaOp::Renamed))
        .map(|d| doc.sections[d.section].range.clone())
    else {
        return;
    };
    for (line, text) in prose_lines(doc) {
        if line.start < section.start || line.start >= section.end {
            continue;
        }
        let t = text
            .trim_start()
            .trim_start_matches(['-', '*', '+'])
            .trim_start();
        let t = t.trim_start_matches("**");
        // `get`: the line may start with a character wider than the keyword's bytes.
        let (is_from, rest) = if t.get(..4).is_some_and(|k| k.eq_ignore_ascii_case("from")) {
            (true, &t[4..])
        } else if t.get(..2).is_some_and(|k| k.eq_ignore_ascii_case("to")) {
            (false, &t[2..])
        } else {
            continue;
        };
        let rest = rest.trim_start_matches("**").trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        let rest = rest.trim_start_matches("**").trim();
        // The header, in a code span or not: `` `### Requirement: Old` ``.
        let inner = match rest.strip_prefix('`') {
            Some(r) => r.split('`').next().unwrap_or(r),
            None => rest,
        };
        let inner = inner.trim().trim_start_matches('#').trim();
        let Some(("requirement", name)) = openspec_heading(inner) else {
            continue;
        };
        let name = squash(name.trim_end_matches('`'));
        if is_from {
            let at = line.start + text.find(rest).unwrap_or(0);
            out.renames.push(Rename {
                from: name,
                from_range: at..line.end,
                to: None,
            });
        } else if let Some(last) = out.renames.last_mut().filter(|r| r.to.is_none()) {
            last.to = Some(name);
        }
    }
}

/// Keys of Kiro fields and lines that cite requirements, in the languages Kiro and cc-sdd
/// write them (`_Requirements: 1.1_`, `_需求: 2.3_`, `_Requisitos: 1.2_`,
/// `**Validates: Requirements 1.4**`).
static KIRO_REF_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s_*(])(?:requirements?|requisitos?|requerimientos?|需求|要件|要求|요구사항|validates(?:\s*:\s*requirements?)?|验证需求|検証\s*:\s*要件)\s*[:：]\s*")
        .expect("static regex")
});

/// One reference in a Kiro value: `1.2`, `3`, `4.1-4.6`, `需求1-3`.
static KIRO_REF_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{1,3})(?:\.([0-9]{1,3}))?(?:\s*[-–~〜]\s*(?:(?:requirements?|需求|要件)\s*)?([0-9]{1,3})(?:\.([0-9]{1,3}))?)?")
        .expect("static regex")
});

/// Values that cite every requirement.
const ALL_WORDS: &[&str] = &[
    "all",
    "所有",
    "全部",
    "すべて",
    "全て",
    "todos",
    "todas",
    "전체",
    "모든",
];

/// The references a Kiro tasks or design document makes to requirements and criteria; a
/// citation of every requirement (`_Requirements: all_`) has the id `*`.
fn kiro_refs(doc: &Document<'_>) -> Vec<ReqRef> {
    let mut out = Vec::new();
    for (line, text) in prose_lines(doc) {
        let Some(m) = KIRO_REF_KEY.find(text) else {
            continue;
        };
        let value_start = m.end();
        let value = &text[value_start..];
        // The value ends at the closing `_` / `*` of the field, or a `;` / `)` remark.
        let end = value
            .find(['_', '*', ';', '）', ')'])
            .unwrap_or(value.len());
        let value = &value[..end];
        // `_Requirements: all_`, `_需求: 所有_`: every requirement, written `*`.
        let lower = value.trim().to_lowercase();
        if ALL_WORDS.iter().any(|w| lower.starts_with(w)) {
            out.push(ReqRef {
                kind: ReqKind::Requirement,
                id: "*".to_string(),
                range: line.start + value_start..line.start + value_start + value.len(),
            });
            continue;
        }
        for c in KIRO_REF_TOKEN.captures_iter(value) {
            let Some(whole) = c.get(0) else { continue };
            // A number glued to letters is not an id ("v2", "3D").
            let before = value[..whole.start()].chars().next_back();
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == '.') {
                continue;
            }
            let after = value[whole.end()..].chars().next();
            if after.is_some_and(|a| a.is_ascii_alphabetic() || a == '%') {
                continue;
            }
            let range =
                line.start + value_start + whole.start()..line.start + value_start + whole.end();
            let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u64>().ok());
            let (Some(a), b) = (num(1), num(2)) else {
                continue;
            };
            match (num(3), num(4), b) {
                // 4.1-4.6
                (Some(c3), Some(d), Some(b)) if c3 == a && d >= b && d - b < 64 => {
                    for m in b..=d {
                        out.push(ReqRef {
                            kind: ReqKind::Criterion,
                            id: format!("{a}.{m}"),
                            range: range.clone(),
                        });
                    }
                }
                // 1-3 (whole requirements)
                (Some(c3), None, None) if c3 >= a && c3 - a < 64 => {
                    for n in a..=c3 {
                        out.push(ReqRef {
                            kind: ReqKind::Requirement,
                            id: n.to_string(),
                            range: range.clone(),
                        });
                    }
                }
                (_, _, Some(b)) => out.push(ReqRef {
                    kind: ReqKind::Criterion,
                    id: format!("{a}.{b}"),
                    range,
                }),
                (_, _, None) => out.push(ReqRef {
                    kind: ReqKind::Requirement,
                    id: a.to_string(),
                    range,
                }),
            }
        }
    }
    out
}

/// The rest of an id range after its first id: `〜005`, `–FR-005`, ` to FR-005`, `~015a`,
/// `〜c`.
static RANGE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s*[–—~〜～]\s*|-|\s+(?:to|through)\s+)(?:(?:FR|SC|NFR)-)?(?:([0-9]{1,4})([a-z])?\b|([a-z])\b)")
        .expect("static regex")
});

/// `[US3]`, `US3`, `[US-3]` labels.
static STORY_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bUS-?([0-9]{1,3})\b").expect("static regex"));

/// The references a Spec Kit document makes to requirements (`FR-012`, `SC-003`) and user
/// stories (`[US3]`), definitions of the document itself left out.
fn speckit_refs(doc: &Document<'_>) -> Vec<ReqRef> {
    let defs: std::collections::HashSet<usize> = doc
        .requirements()
        .items
        .iter()
        .map(|r| r.range.start)
        .collect();
    let mut out = Vec::new();
    for (line, text) in prose_lines(doc) {
        for c in SPECKIT_ID.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let range = line.start + m.start()..line.start + m.end();
            if defs.contains(&range.start) {
                continue;
            }
            let kind = kind_of_prefix(&c[1]);
            out.push(ReqRef {
                kind,
                id: m.as_str().to_string(),
                range: range.clone(),
            });
            // A range: `FR-001〜005`, `FR-001–FR-005`, `FR-014~015a`, `FR-076a〜c`.
            let rest = &text[m.end()..];
            if let Some(r) = RANGE_TAIL.captures(rest) {
                let width = c[2].len();
                let from: u64 = c[2].parse().unwrap_or(0);
                let from_letter = c.get(3).map(|l| l.as_str().as_bytes()[0]);
                let to: Option<u64> = r.get(1).and_then(|d| d.as_str().parse().ok());
                let to_letter = r
                    .get(2)
                    .or_else(|| r.get(3))
                    .map(|l| l.as_str().as_bytes()[0]);
                let name = |n: u64, l: Option<u8>| {
                    let mut id = format!("{}-{n:0width$}", &c[1]);
                    if let Some(l) = l {
                        id.push(l as char);
                    }
                    id
                };
                let mut ids = Vec::new();
                match (to, from_letter, to_letter) {
                    // FR-076a〜c
                    (None, Some(a), Some(b)) if b > a => {
                        ids.extend((a + 1..=b).map(|l| name(from, Some(l))));
                    }
                    (Some(to), _, l) if to > from && to - from <= 64 => {
                        ids.extend((from + 1..=to).map(|n| name(n, None)));
                        if l.is_some() {
                            ids.push(name(to, l));
                        }
                    }
                    _ => {}
                }
                for id in ids {
                    out.push(ReqRef {
                        kind,
                        id,
                        range: range.clone(),
                    });
                }
            }
        }
        for c in STORY_REF.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            out.push(ReqRef {
                kind: ReqKind::Story,
                id: format!("US{}", c[1].parse::<u64>().unwrap_or(0)),
                range: line.start + m.start()..line.start + m.end(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(doc: &Document<'_>, kind: ReqKind) -> Vec<String> {
        doc.requirements()
            .of_kind(kind)
            .map(|(_, r)| r.id.clone())
            .collect()
    }

    #[test]
    fn speckit_requirements_and_stories() {
        let src = "# Feature Specification: X\n\n## User Scenarios\n\n### User Story 1 - Login (Priority: P1)\n\ntext\n\n### User Story 2 - Logout (Priority: P2)\n\n## Requirements\n\n- **FR-001**: System MUST log in.\n- **FR-002**: System MUST log out, see FR-001.\n\n| SC-001 | under 2 s |\n|---|---|\n";
        let doc = Document::parse(src, Some("specs/001-x/spec.md"), None);
        assert_eq!(ids(&doc, ReqKind::Functional), ["FR-001", "FR-002"]);
        assert_eq!(ids(&doc, ReqKind::Story), ["US1", "US2"]);
        let refs = speckit_refs(&doc);
        assert_eq!(refs.len(), 1, "{refs:?}");
        assert_eq!(refs[0].id, "FR-001");
    }

    #[test]
    fn speckit_ranges() {
        let src = "# Tasks\n\n- [ ] T001 covers FR-001〜003, FR-014~015a, FR-076a〜c and FR-020 - a note\n";
        let doc = Document::parse(src, Some("specs/001-x/tasks.md"), None);
        let refs: Vec<String> = speckit_refs(&doc).into_iter().map(|r| r.id).collect();
        assert_eq!(
            refs,
            [
                "FR-001", "FR-002", "FR-003", "FR-014", "FR-015", "FR-015a", "FR-076a", "FR-076b",
                "FR-076c", "FR-020"
            ]
        );
    }

    #[test]
    fn kiro_requirements_and_criteria() {
        let src = "# Requirements Document\n\n## Introduction\n\n1. not a criterion\n\n## Requirements\n\n### Requirement 1: Login\n\n**User Story:** As a user, I want to log in.\n\n#### Acceptance Criteria\n\n1. WHEN x THEN the system SHALL y\n2. THE system SHALL z\n\n### 需求 2\n\n#### 验收标准\n\n1. 当 x 时，系统应当 y\n";
        let doc = Document::parse(src, Some(".kiro/specs/a/requirements.md"), None);
        assert_eq!(ids(&doc, ReqKind::Requirement), ["1", "2"]);
        assert_eq!(ids(&doc, ReqKind::Criterion), ["1.1", "1.2", "2.1"]);
    }

    #[test]
    fn kiro_references() {
        let src = "# Tasks\n\n- [ ] 1. A\n  - _Requirements: 1.1, 2.3-2.5_\n- [ ] 2. B\n  - _需求: 需求1-2_\n  - **Validates: Requirements 3.1**\n  - Uses v2 API\n";
        let doc = Document::parse(src, Some(".kiro/specs/a/tasks.md"), None);
        let refs: Vec<String> = kiro_refs(&doc).into_iter().map(|r| r.id).collect();
        assert_eq!(refs, ["1.1", "2.3", "2.4", "2.5", "1", "2", "3.1"]);
    }

    #[test]
    fn openspec_delta() {
        let src = "## MODIFIED Requirements\n\n### Requirement: Login\n\nThe system SHALL log in.\n\n#### Scenario: ok\n\n- **WHEN** x\n- **THEN** y\n\n## RENAMED Requirements\n\n- FROM: `### Requirement: Old`\n- TO: `### Requirement: New`\n";
        let doc = Document::parse(src, Some("openspec/changes/c/specs/auth/spec.md"), None);
        let r = doc.requirements();
        assert_eq!(r.deltas.len(), 2);
        assert_eq!(ids(&doc, ReqKind::Requirement), ["Login"]);
        assert_eq!(ids(&doc, ReqKind::Scenario), ["ok"]);
        assert_eq!(r.items[1].parent, Some(0));
        assert_eq!(r.renames.len(), 1);
        assert_eq!(r.renames[0].from, "Old");
        assert_eq!(r.renames[0].to.as_deref(), Some("New"));
        assert_eq!(
            doc.text(&r.items[0].body).trim(),
            "The system SHALL log in."
        );
    }
}
