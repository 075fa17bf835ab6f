//! `claim-mismatch`: numbers and checks a document states about itself that are false
//! ("Total Tasks: 14", progress tables, word counts, "(Days 1-5, 3 tasks)", a ticked
//! "Verified: No circular dependencies").

use crate::document::{Document, MetaLine};
use crate::rules::prelude::*;
use crate::scan::{contains_ascii_ci, may_have_digit, Literals};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Checks the numbers and checks a document states about itself against what the
    /// document really contains:
    ///
    /// - `Total Tasks: 14` (also `**Total Tasks**: 14`, `- Total Tasks: 14`) against the
    ///   number of tasks;
    /// - a Progress Tracking block (`Total Tasks:` / `Completed:` / `Remaining:` lines next to
    ///   each other, or under a `Progress Tracking` label) against the tasks and the ticked
    ///   ones;
    /// - a progress table (`| Phase | Tasks | Completed | Status |`): each row's numbers
    ///   against the matching `Phase N` section (`1. Foundation` ↔ `### Phase 1: Foundation`)
    ///   and a `Total` row against the whole document;
    /// - phase counts: `**Phase 1: API** (Days 1-5, 3 tasks)` over a goal-kit table,
    ///   `### Phase 2: Core (4 tasks)`, `**Phase 2 (US2)**: 7 tasks` in a summary, and summary
    ///   sentences such as "across 7 tasks across 3 phases";
    /// - `Total PRD Words`, `Total Analysis Words`, `Total Research Words`, `Total Words`,
    ///   `Word Count` against `wc -w` of the document, within `word-tolerance` percent;
    /// - `Acceptance Criteria: 8` against the items of the Acceptance Criteria section;
    /// - `Code Snippets: 5` (PRD and research documents) against the fenced code blocks;
    /// - a ticked `[x] Verified: No circular dependencies in task graph` when the task graph
    ///   has a cycle (an error);
    /// - in a Spec Kit checklist (`checklists/*.md`), ticked items that the feature's
    ///   `spec.md` contradicts: "No [NEEDS CLARIFICATION] markers remain" over a spec that
    ///   has some, "Success criteria are measurable" over a spec without a Success Criteria
    ///   section or `SC-###` items, "No implementation details (languages, frameworks,
    ///   APIs)" over a functional requirement naming a framework, database or language.
    ///
    /// Placeholders (`[Auto-calculated]`, `{count}`, `X`), approximations (`~15`) and
    /// lower bounds (`30+ tasks`) are not claims and are skipped.
    ///
    /// **What counts as a task.** Documents count tasks in different ways, so a claim is
    /// accepted when it matches any of these counts of the tasks in scope: tasks with an id
    /// (`**R1**`, `Task 1.2`, `T001`, `### 3.2`, goal-kit rows), top-level checkbox items
    /// (plus table rows), every checkbox item, and leaf tasks (tasks without sub-tasks).
    /// The true value written by the fix is the count of tasks with ids when the document
    /// uses ids, else the count of top-level checkbox items; the fix is safe only when every
    /// count agrees (seed 000: 45 tasks with ids but 50 checkboxes, so its fix is unsafe). A
    /// `Total Tasks` line inside a section that holds tasks may also count that section.
    /// A PRD's or recovery note's task numbers describe the `tasks.md` of the same spec
    /// folder: they are checked against it in workspace mode, and skipped otherwise.
    ///
    /// **Code snippets** are accepted when they match the number of fenced blocks, of fenced
    /// blocks in a programming language (not `text`, `mermaid`, `markdown`, diagrams), or
    /// of ```` ```python ```` blocks (the seed's `grep -c` check). The "(100% verified)" part
    /// is `unverified-snippet`'s job.
    ///
    /// **Status words** in a progress table ("Complete" with open tasks, "Not started" with
    /// done tasks) are `status-contradiction`'s job: this rule checks numbers only.
    ///
    /// ## Why
    /// Counts written by an agent or by hand go stale as soon as a task is added, and a
    /// reader trusts them more than the list itself ("33 tasks" when there are 37). A ticked
    /// verification that is false hides a real defect.
    ///
    /// ## Example
    /// ```markdown
    /// **Total Tasks**: 33
    ///
    /// - [x] T001 Create page
    /// ... (37 tasks)
    /// ```
    /// reports "`Total Tasks` says 33, but the document has 37 tasks".
    ///
    /// ## How to fix
    /// Write the true number (the fix replaces only the digits and keeps the formatting;
    /// word counts keep their thousands separators), or remove the claim. For a false
    /// "no circular dependencies" check, break the cycle (see `dependency-cycle`) or untick it.
    pub static RULE = {
        code: "SM007",
        name: "claim-mismatch",
        summary: "A count or check the document states about itself is false",
        category: Category::Consistency,
        tags: &["generic", "claims"],
        kinds: &[],
        severity: Severity::Warning,
        fixable: true,
        options: &[OptionSpec {
            name: "word-tolerance",
            doc: "How far (percent) a word-count claim may be from `wc -w` of the document before it is reported (documents change after the count is written).",
            default: OptionDefault::Int(10),
        }],
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.doc.kind == Kind::SpeckitChecklist {
        crate::rules::claim_checklist::check(cx, out);
        return;
    }
    let tasks_doc = tasks_document(cx);
    let mut own = TaskView::new(cx.doc);
    // The tasks the document's task numbers describe (itself, or its folder's tasks.md).
    let mut view = tasks_doc.map(TaskView::new);
    progress_blocks(cx, &mut view, out);
    progress_tables(cx, &mut view, out);
    phase_claims(cx, &mut own, &mut view, out);
    count_claims(cx, out);
    cycle_check(cx, tasks_doc, out);
}

// ---------------------------------------------------------------------------------------
// Which document the task numbers describe
// ---------------------------------------------------------------------------------------

/// The document whose tasks this document's task numbers describe: itself, except for a
/// PRD or recovery note, whose numbers describe the `tasks.md` of the same spec folder.
fn tasks_document<'a>(cx: &Context<'a>) -> Option<&'a Document<'a>> {
    match cx.doc.kind {
        Kind::Prd | Kind::Recovery => {
            let siblings = cx.siblings();
            siblings
                .iter()
                .copied()
                .find(|d| file_name(d) == Some("tasks.md"))
                .or_else(|| siblings.iter().copied().find(|d| d.kind.is_task_list()))
        }
        _ => Some(cx.doc),
    }
}

fn file_name<'d>(doc: &'d Document<'_>) -> Option<&'d str> {
    doc.path
        .as_deref()
        .map(|p| p.rsplit('/').next().unwrap_or(p))
}

fn other_name(doc: &Document<'_>, cx: &Context<'_>) -> String {
    if std::ptr::eq(doc, cx.doc) {
        "the document".to_string()
    } else {
        match doc.path.as_deref() {
            Some(p) => format!("`{}`", p.rsplit('/').next().unwrap_or(p)),
            None => "the tasks document".to_string(),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Counting tasks
// ---------------------------------------------------------------------------------------

/// One way of counting the tasks of a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counting {
    WithId,
    TopLevel,
    AllCheckboxes,
    Leaves,
}

impl Counting {
    fn describe(self) -> &'static str {
        match self {
            Counting::WithId => "tasks with ids",
            Counting::TopLevel => "top-level checkbox tasks",
            Counting::AllCheckboxes => "checkbox tasks",
            Counting::Leaves => "tasks without sub-tasks",
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    total: usize,
    done: usize,
    in_progress: usize,
    /// Tasks without a checkbox state (table rows, headings without checkboxes).
    unknown: usize,
}

/// The tasks of one document, indexed for counting by scope, and its phases.
struct TaskView<'d> {
    doc: &'d Document<'d>,
    /// Task indexes sorted by start offset.
    order: Vec<usize>,
    has_child: Vec<bool>,
    /// Built on first use (most documents make no phase claim).
    phases: Option<Phases>,
    cache: HashMap<(usize, usize), Vec<(Counting, Tally)>>,
}

impl<'d> TaskView<'d> {
    fn new(doc: &'d Document<'d>) -> Self {
        let mut order: Vec<usize> = (0..doc.tasks.len()).collect();
        crate::sort::sort_by_key(&mut order, |&i| doc.tasks[i].range.start);
        let mut has_child = vec![false; doc.tasks.len()];
        for t in &doc.tasks {
            if let Some(h) = t.parent.and_then(|p| has_child.get_mut(p)) {
                *h = true;
            }
        }
        TaskView {
            doc,
            order,
            has_child,
            phases: None,
            cache: HashMap::new(),
        }
    }

    fn whole(&self) -> Range<usize> {
        0..self.doc.source.len()
    }

    /// The counts of the tasks starting in `scope`, one per counting with at least one
    /// task, the preferred counting first.
    fn tallies(&mut self, scope: &Range<usize>) -> Vec<(Counting, Tally)> {
        let key = (scope.start, scope.end);
        if let Some(t) = self.cache.get(&key) {
            return t.clone();
        }
        let t = self.count(scope);
        self.cache.insert(key, t.clone());
        t
    }

    fn count(&self, scope: &Range<usize>) -> Vec<(Counting, Tally)> {
        let doc = self.doc;
        let all = [
            Counting::WithId,
            Counting::TopLevel,
            Counting::AllCheckboxes,
            Counting::Leaves,
        ];
        let mut out: Vec<(Counting, Tally)> = all.iter().map(|c| (*c, Tally::default())).collect();
        let first = self
            .order
            .partition_point(|&i| doc.tasks[i].range.start < scope.start);
        for &i in &self.order[first..] {
            let t = &doc.tasks[i];
            if t.range.start >= scope.end {
                break;
            }
            let parent_is_checkbox = t
                .parent
                .and_then(|p| doc.tasks.get(p))
                .is_some_and(|p| p.source == TaskSource::Checkbox);
            let member = [
                t.id.is_some(),
                (t.source == TaskSource::Checkbox && !parent_is_checkbox)
                    || t.source == TaskSource::TableRow,
                t.source != TaskSource::Heading,
                !self.has_child[i],
            ];
            for (slot, m) in out.iter_mut().zip(member) {
                if m {
                    slot.1.total += 1;
                    match t.state {
                        TaskState::Done => slot.1.done += 1,
                        TaskState::InProgress => slot.1.in_progress += 1,
                        TaskState::Unknown => slot.1.unknown += 1,
                        TaskState::Open => {}
                    }
                }
            }
        }
        out.retain(|(_, t)| t.total > 0);
        // Prefer tasks with ids; without ids, top-level checkbox items.
        if out.first().is_some_and(|(c, _)| *c != Counting::WithId) {
            if let Some(pos) = out.iter().position(|(c, _)| *c == Counting::TopLevel) {
                let top = out.remove(pos);
                out.insert(0, top);
            }
        }
        out
    }
}

/// What a numeric claim is compared with: the candidate true values, the preferred first.
struct Candidates {
    values: Vec<usize>,
    /// How each value was counted ("tasks with ids").
    labels: Vec<String>,
}

impl Candidates {
    fn accepts(&self, n: usize) -> bool {
        self.values.contains(&n)
    }

    fn preferred(&self) -> Option<usize> {
        self.values.first().copied()
    }

    fn unanimous(&self) -> bool {
        self.values.windows(2).all(|w| w[0] == w[1])
    }

    /// "5 tasks with ids"
    fn what(&self) -> String {
        match (self.values.first(), self.labels.first()) {
            (Some(v), Some(l)) => format!("{v} {l}"),
            _ => String::new(),
        }
    }

    /// The other counts, when they differ ("other counts: 7 checkbox tasks").
    fn help(&self) -> Option<String> {
        if self.unanimous() {
            return None;
        }
        let mut seen = vec![self.values[0]];
        let mut others = Vec::new();
        for (v, l) in self.values.iter().zip(&self.labels).skip(1) {
            if !seen.contains(v) {
                seen.push(*v);
                others.push(format!("{v} {l}"));
            }
        }
        Some(format!(
            "documents count tasks differently; {} would also be accepted, so the fix is marked unsafe",
            others.join(", ")
        ))
    }

    /// A finding on `claim` unless one of the counts agrees with it.
    fn check(
        &self,
        cx: &Context<'_>,
        claim: &Claim,
        message: impl FnOnce(String) -> String,
    ) -> Option<Diagnostic> {
        let truth = self.preferred()?;
        if self.accepts(claim.value) {
            return None;
        }
        let d = mismatch(cx, claim, truth, self.unanimous(), message(self.what()));
        Some(match self.help() {
            Some(h) => d.with_help(h),
            None => d,
        })
    }
}

fn totals(t: &[(Counting, Tally)]) -> Candidates {
    Candidates {
        values: t.iter().map(|(_, t)| t.total).collect(),
        labels: t.iter().map(|(c, _)| c.describe().to_string()).collect(),
    }
}

/// Done counts, only from countings where every task has a checkbox state.
fn dones(t: &[(Counting, Tally)]) -> Candidates {
    let known: Vec<&(Counting, Tally)> = t.iter().filter(|(_, t)| t.unknown == 0).collect();
    Candidates {
        values: known.iter().map(|(_, t)| t.done).collect(),
        labels: known
            .iter()
            .map(|(c, _)| format!("ticked {}", c.describe()))
            .collect(),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

// ---------------------------------------------------------------------------------------
// Reading a claimed number
// ---------------------------------------------------------------------------------------

/// A number written in the text.
#[derive(Debug, Clone)]
struct Claim {
    value: usize,
    /// The digits (and separators) in the source.
    range: Range<usize>,
    /// Written with thousands separators (`2,450`).
    grouped: bool,
    /// `2000+`: a lower bound.
    at_least: bool,
    /// `12/14`: the number after the slash.
    of: Option<Box<Claim>>,
}

/// A value that starts with a number and goes on with nothing that makes it something other
/// than a count (`14`, `**14**`, `14 (12 done)`, `2,450 words`, `12/14`).
static VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:\*\*|__)?
        (?P<num>\d{1,3}(?:,\d{3})+|\d{1,9})
        (?P<plus>\+)?
        (?:\s*/\s*(?P<of>\d{1,9}))?
        (?:\*\*|__)?
        \s*
        (?:$|[(\[—–,;]|-\s|
           (?:total|items?|criteria|tasks?|words?|snippets?|blocks?|examples?|defined|listed|verified|done|completed?|remaining|open|of|out)\b)",
    )
    .expect("static regex")
});

/// The claim in a metadata value, if the value is a count.
fn claim_in(value: &str, base: usize) -> Option<Claim> {
    // A trailing HTML comment is not part of the value.
    let value = value.find("<!--").map_or(value, |i| &value[..i]);
    let caps = VALUE.captures(value.trim_end())?;
    let num = caps.name("num")?;
    let of = caps.name("of").and_then(|m| {
        Some(Box::new(Claim {
            value: m.as_str().parse().ok()?,
            range: base + m.start()..base + m.end(),
            grouped: false,
            at_least: false,
            of: None,
        }))
    });
    Some(Claim {
        value: num.as_str().replace(',', "").parse().ok()?,
        range: base + num.start()..base + num.end(),
        grouped: num.as_str().contains(','),
        at_least: caps.name("plus").is_some(),
        of,
    })
}

fn meta_claim(doc: &Document<'_>, m: &MetaLine) -> Option<Claim> {
    claim_in(doc.text(&m.value_range), m.value_range.start)
}

fn format_number(n: usize, grouped: bool) -> String {
    let plain = n.to_string();
    if !grouped || plain.len() <= 3 {
        return plain;
    }
    let mut out = String::new();
    for (i, c) in plain.chars().enumerate() {
        if i > 0 && (plain.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A finding on `claim` with a fix writing `truth` (safe when `safe`).
fn mismatch(
    cx: &Context<'_>,
    claim: &Claim,
    truth: usize,
    safe: bool,
    message: String,
) -> Diagnostic {
    let text = format_number(truth, claim.grouped);
    let edits = vec![Edit::replace(claim.range.clone(), text.clone())];
    let title = format!("write {text}");
    let fix = if safe {
        Fix::safe(title, edits)
    } else {
        Fix::unsafe_(title, edits)
    };
    cx.diag(claim.range.clone(), message).with_fix(fix)
}

// ---------------------------------------------------------------------------------------
// Progress blocks: Total Tasks / Completed / Remaining lines
// ---------------------------------------------------------------------------------------

const TOTAL_KEYS: &[&str] = &[
    "total tasks",
    "tasks total",
    "task count",
    "number of tasks",
];
const GROUP_TOTAL_KEYS: &[&str] = &["total", "tasks"];
const DONE_KEYS: &[&str] = &[
    "completed",
    "complete",
    "done",
    "tasks completed",
    "completed tasks",
    "tasks done",
];
const REMAINING_KEYS: &[&str] = &[
    "remaining",
    "remaining tasks",
    "tasks remaining",
    "open",
    "open tasks",
    "pending",
    "to do",
    "todo",
];
const IN_PROGRESS_KEYS: &[&str] = &["in progress", "in-progress"];
const PROGRESS_LABELS: &[&str] = &[
    "progress tracking",
    "progress",
    "progress summary",
    "task summary",
    "tasks summary",
    "summary",
    "task progress",
    "status summary",
];

/// Runs of metadata lines on consecutive lines that hold a task total or sit under a
/// progress label.
fn progress_blocks(cx: &Context<'_>, view: &mut Option<TaskView<'_>>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let mut group: Vec<&MetaLine> = Vec::new();
    let mut last_line = usize::MAX - 1;
    for m in &doc.metadata {
        let line = doc.line_index.line_of(m.line_range.start);
        if line != last_line.wrapping_add(1) && !group.is_empty() {
            progress_group(cx, view, &group, out);
            group.clear();
        }
        group.push(m);
        last_line = line;
    }
    if !group.is_empty() {
        progress_group(cx, view, &group, out);
    }
}

/// The claims of one progress block.
struct BlockClaims {
    total: Option<Claim>,
    done: Option<Claim>,
    remaining: Option<Claim>,
    has_in_progress: bool,
}

fn block_claims(cx: &Context<'_>, group: &[&MetaLine]) -> Option<BlockClaims> {
    let doc = cx.doc;
    let labelled = group
        .iter()
        .any(|m| PROGRESS_LABELS.contains(&&*m.key) && m.value.trim().is_empty())
        || heading_label(doc, group[0]);
    let has_total = group.iter().any(|m| TOTAL_KEYS.contains(&&*m.key));
    if !labelled && !has_total {
        return None;
    }
    let find = |keys: &[&str]| {
        group
            .iter()
            .find(|m| keys.contains(&&*m.key))
            .and_then(|m| meta_claim(doc, m))
            .filter(|c| !c.at_least)
    };
    Some(BlockClaims {
        total: find(TOTAL_KEYS).or_else(|| labelled.then(|| find(GROUP_TOTAL_KEYS)).flatten()),
        done: find(DONE_KEYS),
        remaining: find(REMAINING_KEYS),
        has_in_progress: group.iter().any(|m| IN_PROGRESS_KEYS.contains(&&*m.key)),
    })
}

fn progress_group(
    cx: &Context<'_>,
    view: &mut Option<TaskView<'_>>,
    group: &[&MetaLine],
    out: &mut Vec<Diagnostic>,
) {
    let doc = cx.doc;
    let Some(claims) = block_claims(cx, group) else {
        return;
    };
    let Some(view) = view.as_mut() else {
        return;
    };
    let whole_scope = view.whole();
    let whole = view.tallies(&whole_scope);
    if whole.is_empty() {
        return;
    }
    let own = std::ptr::eq(view.doc, doc);
    // A total may also describe the section around the block when that holds tasks.
    let mut local = Vec::new();
    if own {
        let sec = doc.section_at(group[0].line_range.start);
        if sec != 0 && doc.sections[sec].level >= 2 {
            local = view.tallies(&doc.sections[sec].range);
        }
    }
    let where_ = other_name(view.doc, cx);

    // The countings that agree with the claimed total (all of them when there is none).
    let mut agreeing: Vec<(Counting, Tally)> = whole.clone();
    if let Some(tc) = &claims.total {
        agreeing = whole
            .iter()
            .chain(&local)
            .filter(|(_, t)| t.total == tc.value)
            .copied()
            .collect();
        if agreeing.is_empty() {
            // The section's count only excuses a claim; the fix writes the document's.
            out.extend(totals(&whole).check(cx, tc, |what| {
                format!("the task total says {}, but {where_} has {what}", tc.value)
            }));
            return;
        }
    }
    if let Some(dc) = &claims.done {
        out.extend(dones(&agreeing).check(cx, dc, |what| {
            format!("\"Completed\" says {}, but {where_} has {what}", dc.value)
        }));
        if let Some(of) = dc.of.as_deref() {
            out.extend(totals(&agreeing).check(cx, of, |what| {
                format!(
                    "\"Completed\" says {} of {}, but {where_} has {what}",
                    dc.value, of.value
                )
            }));
        }
    }
    if let Some(rc) = &claims.remaining {
        let mut values: Vec<usize> = Vec::new();
        for (_, t) in agreeing.iter().filter(|(_, t)| t.unknown == 0) {
            let open = t.total - t.done;
            values.push(open);
            if claims.has_in_progress {
                values.push(open - t.in_progress);
            }
        }
        let labels = vec!["unticked tasks".to_string(); values.len()];
        let cands = Candidates { values, labels };
        out.extend(cands.check(cx, rc, |what| {
            format!("\"Remaining\" says {}, but {where_} has {what}", rc.value)
        }));
    }
}

/// The block sits right under a heading named like a progress label.
fn heading_label(doc: &Document<'_>, first: &MetaLine) -> bool {
    let sec = doc.section_at(first.line_range.start);
    sec != 0 && text::normalized_matches(&doc.sections[sec].norm_title, PROGRESS_LABELS)
}

// ---------------------------------------------------------------------------------------
// Phases: "Phase N" sections and label blocks
// ---------------------------------------------------------------------------------------

static PHASE_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^phase\s+(\d{1,3})(\.\d)?\b").expect("static regex"));

/// `text` after its leading symbols, emoji and markup (everything before the first letter
/// or digit). Done in code: the regex build has no `\p{L}` (no `unicode-gencat` feature).
fn after_symbols(text: &str) -> &str {
    text.trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// Phase number of a heading or label text (`Phase 2: Core`, `**Phase 1 (US1)**`); `None`
/// for sub-phases such as `Phase 3.5`.
fn phase_number(text: &str) -> Option<u32> {
    let caps = PHASE_TITLE.captures(after_symbols(text))?;
    if caps.get(2).is_some() {
        return None;
    }
    caps.get(1)?.as_str().parse().ok()
}

/// A bold label line naming a phase, directly followed by a task table or checkbox list.
#[derive(Debug, Clone)]
struct PhaseLabel {
    phase: u32,
    line: Range<usize>,
    /// From the end of the label to the next label or heading.
    scope: Range<usize>,
}

/// Goal-kit style phases: `**Phase 1: Backend** (Days 1-5, 3 tasks)` over a table.
fn phase_labels(doc: &Document<'_>) -> Vec<PhaseLabel> {
    let src = doc.source;
    let lines = doc.line_index.line_count();
    let mut found: Vec<(u32, Range<usize>)> = Vec::new();
    for line in 0..lines {
        let r = doc.line_index.line_range(src, line);
        let text = &src[r.clone()];
        // Most lines start with an ASCII character that is neither a space nor `*`.
        let other_start = text
            .as_bytes()
            .first()
            .is_none_or(|&b| b.is_ascii() && !matches!(b, b'*' | b' ' | b'\t'..=b'\r'));
        if other_start
            || text.len() > 2000
            || !text.trim_start().starts_with("**")
            || doc.in_code(r.start)
        {
            continue;
        }
        let Some(n) = phase_number(text) else {
            continue;
        };
        let mut next = line + 1;
        // Blank lines and comment-only lines may stand between the label and its table.
        while next < lines && {
            let t = src[doc.line_index.line_range(src, next)].trim();
            t.is_empty() || (t.starts_with("<!--") && t.ends_with("-->"))
        } {
            next += 1;
        }
        if next >= lines {
            continue;
        }
        let nt = src[doc.line_index.line_range(src, next)].trim_start();
        if nt.starts_with('|') || ["- [", "* [", "+ ["].iter().any(|p| nt.starts_with(p)) {
            found.push((n, r));
        }
    }
    let mut out = Vec::with_capacity(found.len());
    for (i, (n, r)) in found.iter().enumerate() {
        let h = doc.headings.partition_point(|h| h.range.start <= r.end);
        let next_heading = doc.headings.get(h).map_or(src.len(), |h| h.range.start);
        let next_label = found.get(i + 1).map_or(src.len(), |(_, nr)| nr.start);
        out.push(PhaseLabel {
            phase: *n,
            line: r.clone(),
            scope: r.end..next_heading.min(next_label),
        });
    }
    out
}

/// The phases of a document, computed once: each phase number's scope (`None` when the
/// number is ambiguous), and how many distinct phases there are.
#[derive(Debug)]
struct Phases {
    scopes: HashMap<u32, Option<Range<usize>>>,
    count: usize,
    /// Phase label blocks (`**Phase 1: API** (Days 1-5, 3 tasks)` over a table).
    labels: Vec<PhaseLabel>,
    /// Label index by the start of its line.
    label_at: HashMap<usize, usize>,
}

impl Phases {
    /// Each phase's scope: the one outermost section titled `Phase n`, else the one label
    /// block for it.
    fn new(doc: &Document<'_>) -> Self {
        let labels = phase_labels(doc);
        // Outermost sections per phase number (sections come in document order, so an
        // enclosing one comes first).
        let mut outer: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, s) in doc.sections.iter().enumerate().skip(1) {
            let Some(n) = phase_number(&s.title) else {
                continue;
            };
            let list = outer.entry(n).or_default();
            let inside = list
                .last()
                .is_some_and(|&o| s.range.end <= doc.sections[o].range.end);
            if !inside {
                list.push(i);
            }
        }
        let mut by_label: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, l) in labels.iter().enumerate() {
            by_label.entry(l.phase).or_default().push(i);
        }
        let mut scopes = HashMap::new();
        for (n, secs) in &outer {
            let scope = match secs.as_slice() {
                [one] => Some(doc.sections[*one].range.clone()),
                _ => None,
            };
            scopes.insert(*n, scope);
        }
        for (n, ls) in &by_label {
            scopes.entry(*n).or_insert_with(|| match ls.as_slice() {
                [one] => Some(labels[*one].scope.clone()),
                _ => None,
            });
        }
        Phases {
            count: scopes.len(),
            scopes,
            label_at: labels
                .iter()
                .enumerate()
                .map(|(i, l)| (l.line.start, i))
                .collect(),
            labels,
        }
    }
}

impl TaskView<'_> {
    fn phases(&mut self) -> &Phases {
        let doc = self.doc;
        self.phases.get_or_insert_with(|| Phases::new(doc))
    }

    /// The scope of phase `n`, if it is known and unambiguous.
    fn phase_scope(&mut self, n: u32) -> Option<Range<usize>> {
        self.phases().scopes.get(&n).cloned().flatten()
    }

    /// Number of distinct phases (sections titled `Phase N` and label blocks).
    fn phase_count(&mut self) -> usize {
        self.phases().count
    }

    /// The scope a phase claim on line `r` of this document describes when the line itself
    /// opens the phase: a heading naming it (its section), or a label over a task table.
    fn opened_by(&mut self, r: &Range<usize>, n: u32) -> Option<Range<usize>> {
        let doc = self.doc;
        let h = doc.headings.partition_point(|h| h.range.start <= r.start);
        if let Some(h) = h.checked_sub(1).map(|h| &doc.headings[h]) {
            if r.start < h.range.end {
                return (phase_number(&h.text) == Some(n))
                    .then(|| doc.sections[h.section].range.clone());
            }
        }
        let phases = self.phases();
        let l = &phases.labels[*phases.label_at.get(&r.start)?];
        (l.phase == n).then(|| l.scope.clone())
    }
}

// ---------------------------------------------------------------------------------------
// Progress tables
// ---------------------------------------------------------------------------------------

static ROW_PHASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:phase\s*)?(\d{1,3})(?:[.):\s-]|$)").expect("static regex")
});

fn progress_tables(cx: &Context<'_>, view: &mut Option<TaskView<'_>>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let Some(view) = view.as_mut() else {
        return;
    };
    for table in &doc.tables {
        let Some(phase_col) = table.column(&["phase", "phases"]) else {
            continue;
        };
        let tasks_col = table
            .column(&["tasks", "total", "total tasks", "task count", "count"])
            .filter(|&c| !holds_task_numbers(doc, table, c));
        let done_col = table.column(&["completed", "done", "complete", "tasks completed"]);
        if tasks_col.is_none() && done_col.is_none() {
            continue;
        }
        for row in &table.rows {
            let Some(phase_cell) = row.cells.get(phase_col) else {
                continue;
            };
            let label = phase_cell.text.trim().trim_matches('*').trim();
            let (scope, name) =
                if label.eq_ignore_ascii_case("total") || label.eq_ignore_ascii_case("all") {
                    (view.whole(), "all phases".to_string())
                } else {
                    let Some(n) = ROW_PHASE
                        .captures(after_symbols(label))
                        .and_then(|c| c.get(1))
                        .and_then(|m| m.as_str().parse::<u32>().ok())
                    else {
                        continue;
                    };
                    let Some(scope) = view.phase_scope(n) else {
                        continue;
                    };
                    (scope, format!("phase {n}"))
                };
            let t = view.tallies(&scope);
            if t.is_empty() {
                continue;
            }
            let where_ = other_name(view.doc, cx);
            let cell_claim = |col: Option<usize>| {
                col.and_then(|c| row.cells.get(c))
                    .and_then(|c| claim_in(doc.text(&c.range), c.range.start))
                    .filter(|c| !c.at_least)
            };
            // The Tasks column picks the countings the Completed column is read with.
            let mut agreeing = t.clone();
            if let Some(tc) = cell_claim(tasks_col) {
                let found = totals(&t).check(cx, &tc, |what| {
                    format!(
                        "the progress table says {name} {} {}, but {where_} has {what} there",
                        if name == "all phases" { "have" } else { "has" },
                        plural(tc.value, "task")
                    )
                });
                if let Some(d) = found {
                    out.push(d);
                    continue;
                }
                agreeing.retain(|(_, x)| x.total == tc.value);
            }
            if let Some(dc) = cell_claim(done_col) {
                out.extend(dones(&agreeing).check(cx, &dc, |what| {
                    format!(
                        "the progress table says {} of {name} completed, but {where_} has {what} there",
                        plural(dc.value, "task")
                    )
                }));
            }
        }
    }
}

/// A "Tasks" column that names the phase's tasks instead of counting them: some cell is a
/// range or a list (`1-4`, `5, 6`, `T001–T004`), so a lone number there (`12`) is a task's
/// number too, not a count.
fn holds_task_numbers(doc: &Document<'_>, table: &crate::document::Table, col: usize) -> bool {
    table.rows.iter().any(|row| {
        row.cells.get(col).is_some_and(|c| {
            let t = doc.text(&c.range).trim().trim_matches('*').trim();
            let b = t.as_bytes();
            let starts_id = b.first().is_some_and(|&x| x.is_ascii_digit() || x == b'T');
            starts_id
                && (t.contains(['-', '–', ',', '~'])
                    || t.contains(" to ")
                    || t.contains("..")
                    || (b[0] == b'T' && b.get(1).is_some_and(u8::is_ascii_digit)))
        })
    })
}

// ---------------------------------------------------------------------------------------
// Phase counts and summary sentences in prose
// ---------------------------------------------------------------------------------------

static PHASE_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bphase\s+(\d{1,3})\b(\.\d)?").expect("static regex"));

/// `3 tasks`, `3 infrastructure tasks`, `1 testing/refinement task` (up to three words).
static N_TASKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,5})(\+)?\s+(?:[a-z][a-z/&-]*\s+){0,3}?tasks?\b").expect("static regex")
});

static TOTAL_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\bacross\s+(?P<a>\d{1,5})\s+tasks\b|\btotal\s+of\s+(?P<b>\d{1,5})\s+tasks\b|\b(?P<c>\d{1,5})\s+tasks\s+in\s+total\b|\b(?P<d>\d{1,5})\s+total\s+tasks\b|\b(?P<e>\d{1,5})\s+tasks\s+across\b)",
    )
    .expect("static regex")
});

/// Words every match of [`TOTAL_SENTENCE`] / [`PHASES_SENTENCE`] contains.
const TASKS_WORD: Literals = Literals::ci(&["tasks"]);
const PHASES_WORD: Literals = Literals::ci(&["phases"]);

static PHASES_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:across|in|over)\s+(\d{1,3})\s+phases\b").expect("static regex")
});

fn phase_claims<'d>(
    cx: &Context<'_>,
    own: &mut TaskView<'d>,
    view: &mut Option<TaskView<'d>>,
    out: &mut Vec<Diagnostic>,
) {
    let doc = cx.doc;
    let src = doc.source;
    // Only lines with "task" in any case can hold a claim: such a line contains "sk" in
    // one of its four cases, which one search over the whole text per case finds.
    for line in doc
        .line_index
        .lines_containing(src, &["sk", "sK", "Sk", "SK"])
    {
        let r = doc.line_index.line_range(src, line);
        let text = &src[r.clone()];
        if text.len() > 10_000
            || !contains_ascii_ci(text, "task")
            || text.trim_start().starts_with('|')
            || doc.in_code(r.start)
        {
            continue;
        }
        if contains_ascii_ci(text, "phase") {
            for (n, claim) in phase_line_claims(doc, &r) {
                // The line opens the phase itself, or names a phase of the tasks document.
                let (scope, target) = match own.opened_by(&r, n) {
                    Some(s) => (s, &mut *own),
                    None => match view.as_mut() {
                        Some(v) => match v.phase_scope(n) {
                            Some(s) => (s, v),
                            None => continue,
                        },
                        None => continue,
                    },
                };
                let where_ = other_name(target.doc, cx);
                out.extend(totals(&target.tallies(&scope)).check(cx, &claim, |what| {
                    format!(
                        "the text says phase {n} has {}, but {where_} has {what} there",
                        plural(claim.value, "task")
                    )
                }));
            }
        }
        let Some(v) = view.as_mut() else {
            continue;
        };
        total_sentences(cx, v, text, r.start, out);
    }
}

/// "across 7 tasks", "7 tasks across 3 phases", "a total of 7 tasks", "in 3 phases".
fn total_sentences(
    cx: &Context<'_>,
    view: &mut TaskView<'_>,
    text: &str,
    base: usize,
    out: &mut Vec<Diagnostic>,
) {
    // Cheap literal checks first (the sentence regexes need Unicode word boundaries, which
    // only the slow engines handle); they fold case as the regexes do.
    let digits = may_have_digit(text);
    let totals_possible = digits && TASKS_WORD.in_text(text);
    let phases_possible = digits && PHASES_WORD.in_text(text);
    let total_matches = totals_possible.then(|| TOTAL_SENTENCE.captures_iter(text));
    for caps in total_matches.into_iter().flatten() {
        let Some(m) = ["a", "b", "c", "d", "e"].iter().find_map(|k| caps.name(k)) else {
            continue;
        };
        let Ok(value) = m.as_str().parse::<usize>() else {
            continue;
        };
        if preceded_by_tilde(text, m.start()) {
            continue;
        }
        let whole = view.whole();
        let claim = plain_claim(value, base + m.start()..base + m.end());
        let where_ = other_name(view.doc, cx);
        out.extend(totals(&view.tallies(&whole)).check(cx, &claim, |what| {
            format!("the text says {value} tasks in all, but {where_} has {what}")
        }));
    }
    let phase_matches = phases_possible.then(|| PHASES_SENTENCE.captures_iter(text));
    for caps in phase_matches.into_iter().flatten() {
        let Some(m) = caps.get(1) else { continue };
        let Ok(value) = m.as_str().parse::<usize>() else {
            continue;
        };
        let truth = view.phase_count();
        if truth > 0 && truth != value && !preceded_by_tilde(text, m.start()) {
            let claim = plain_claim(value, base + m.start()..base + m.end());
            out.push(mismatch(
                cx,
                &claim,
                truth,
                true,
                format!(
                    "the text says {value} phases, but {} has {truth} phases",
                    other_name(view.doc, cx)
                ),
            ));
        }
    }
}

fn plain_claim(value: usize, range: Range<usize>) -> Claim {
    Claim {
        value,
        range,
        grouped: false,
        at_least: false,
        of: None,
    }
}

fn preceded_by_tilde(text: &str, at: usize) -> bool {
    text[..at].trim_end().ends_with(['~', '≈'])
}

/// `Phase N ... K tasks` claims on one line: the count must follow the phase in the same
/// clause, right after `:`, `(`, `,` or a dash ("Phase 1 (Days 1-5, 3 tasks)",
/// "**Phase 2 (US2)**: 7 tasks"), so "Phase 2 adds 3 more tasks" is not a claim.
fn phase_line_claims(doc: &Document<'_>, r: &Range<usize>) -> Vec<(u32, Claim)> {
    let text = doc.text(r);
    let mut out = Vec::new();
    // A claim names a phase number.
    if !may_have_digit(text) {
        return out;
    }
    let phases: Vec<regex::Captures<'_>> = PHASE_WORD.captures_iter(text).collect();
    for (i, caps) in phases.iter().enumerate() {
        if caps.get(2).is_some() {
            continue;
        }
        let (Some(whole), Some(num)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let Ok(n) = num.as_str().parse::<u32>() else {
            continue;
        };
        // The clause runs to the next phase or the end of the sentence.
        let mut end = phases
            .get(i + 1)
            .and_then(|c| c.get(0))
            .map_or(text.len(), |m| m.start());
        if let Some(dot) = sentence_end(&text[whole.end()..end]) {
            end = whole.end() + dot;
        }
        let clause = &text[whole.end()..end];
        let Some(m) = N_TASKS.captures(clause) else {
            continue;
        };
        let (Some(all), Some(count)) = (m.get(0), m.get(1)) else {
            continue;
        };
        if m.get(2).is_some() {
            continue;
        }
        let before = clause[..all.start()].trim_end_matches([' ', '*', '_', '\t']);
        if !before.ends_with([':', '(', ',', '-', '–', '—']) {
            continue;
        }
        let Ok(value) = count.as_str().parse::<usize>() else {
            continue;
        };
        let at = r.start + whole.end() + count.start();
        out.push((n, plain_claim(value, at..at + count.len())));
    }
    out
}

/// Offset of the first `.` that ends a sentence (followed by whitespace or the end), so
/// decimal points such as `v1.2` do not cut the clause.
fn sentence_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len()).find(|&i| b[i] == b'.' && b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()))
}

// ---------------------------------------------------------------------------------------
// Word counts, acceptance criteria, code snippets
// ---------------------------------------------------------------------------------------

/// What a count claim is about, by its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Words of the PRD.
    PrdWords,
    AnalysisWords,
    ResearchWords,
    /// Words of this document.
    OwnWords,
    Criteria,
    Snippets,
}

fn target_of(key: &str) -> Option<Target> {
    Some(match key {
        "total prd words" | "prd words" => Target::PrdWords,
        "total analysis words" | "analysis words" => Target::AnalysisWords,
        "total research words" | "research words" => Target::ResearchWords,
        "total words" | "word count" | "total word count" => Target::OwnWords,
        "acceptance criteria" | "acceptance criteria count" => Target::Criteria,
        "code snippets" | "code snippet count" => Target::Snippets,
        _ => return None,
    })
}

fn path_ends(doc: &Document<'_>, suffix: &str) -> bool {
    doc.path.as_deref().is_some_and(|p| p.ends_with(suffix))
}

/// The document a word claim describes: this one when it is of that sort, else the sibling
/// of that sort in the same spec folder.
fn word_target<'a>(cx: &Context<'a>, target: Target) -> Option<&'a Document<'a>> {
    let doc = cx.doc;
    let is = |d: &Document<'_>| match target {
        Target::PrdWords => d.kind == Kind::Prd,
        Target::AnalysisWords => {
            d.kind == Kind::Research && !path_ends(d, "/plan.md") && !path_ends(d, "/findings.md")
        }
        Target::ResearchWords => d.kind == Kind::Research && !path_ends(d, "/analysis.md"),
        _ => true,
    };
    if target == Target::OwnWords {
        // A recovery note or a task list that gives a word count reports another
        // document's (the PRD's, the analysis'), which one is not said.
        let reports_others = doc.kind == Kind::Recovery || doc.kind.is_task_list();
        return (!reports_others).then_some(doc);
    }
    if is(doc) {
        return Some(doc);
    }
    cx.siblings().into_iter().find(|d| is(d))
}

fn count_claims(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let tolerance = cx.int("word-tolerance").clamp(0, 100) as usize;
    for m in &doc.metadata {
        let Some(target) = target_of(&m.key) else {
            continue;
        };
        let Some(claim) = meta_claim(doc, m) else {
            continue;
        };
        match target {
            Target::Criteria => criteria_claim(cx, &claim, out),
            Target::Snippets => snippet_claim(cx, &claim, out),
            _ => {
                let Some(tdoc) = word_target(cx, target) else {
                    continue;
                };
                word_claim(cx, tdoc, &claim, tolerance, out);
            }
        }
    }
}

fn word_claim(
    cx: &Context<'_>,
    tdoc: &Document<'_>,
    claim: &Claim,
    tolerance: usize,
    out: &mut Vec<Diagnostic>,
) {
    let actual = tdoc.words;
    let slack = claim.value * tolerance / 100;
    let wrong = if claim.at_least {
        actual + slack < claim.value
    } else {
        actual.abs_diff(claim.value) > slack
    };
    if !wrong {
        return;
    }
    let message = format!(
        "the text claims {}{} words, but {} has {actual} (`wc -w`); more than {tolerance}% off",
        format_number(claim.value, claim.grouped),
        if claim.at_least { "+" } else { "" },
        other_name(tdoc, cx)
    );
    if claim.at_least {
        out.push(cx.diag(claim.range.clone(), message).with_help(
            "add the missing words or correct the claim; the count is a lower bound, so it is not rewritten",
        ));
    } else {
        out.push(mismatch(cx, claim, actual, true, message));
    }
}

fn criteria_claim(cx: &Context<'_>, claim: &Claim, out: &mut Vec<Diagnostic>) {
    const AC: &[&str] = &["acceptance criteria"];
    let doc = cx.doc;
    let has_section = |d: &Document<'_>| d.sections_named(AC).next().is_some();
    let target = if has_section(doc) {
        Some(doc)
    } else if doc.kind != Kind::Prd {
        cx.siblings()
            .into_iter()
            .find(|d| d.kind == Kind::Prd && has_section(d))
    } else {
        None
    };
    let Some(tdoc) = target else {
        return;
    };
    // Nested "Acceptance Criteria" headings would list the same items twice.
    let mut starts: Vec<usize> = tdoc
        .acceptance_criteria()
        .iter()
        .map(|c| c.range.start)
        .collect();
    crate::sort::sort(&mut starts);
    starts.dedup();
    let actual = starts.len();
    if actual == 0 || claim.at_least || actual == claim.value {
        return;
    }
    out.push(mismatch(
        cx,
        claim,
        actual,
        true,
        format!(
            "the text claims {} acceptance criteria, but {} lists {actual} under Acceptance Criteria",
            claim.value,
            other_name(tdoc, cx)
        ),
    ));
}

/// Info strings of fenced blocks that hold no program code.
const NOT_CODE: &[&str] = &[
    "text",
    "txt",
    "plain",
    "plaintext",
    "mermaid",
    "markdown",
    "md",
    "ascii",
    "diagram",
    "output",
    "console",
    "none",
];

fn snippet_claim(cx: &Context<'_>, claim: &Claim, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    if !matches!(doc.kind, Kind::Prd | Kind::Research) || claim.at_least {
        return;
    }
    let fenced: Vec<_> = doc.code_blocks.iter().filter(|c| c.fenced).collect();
    let python = fenced
        .iter()
        .filter(|c| matches!(c.lang.as_deref(), Some("python" | "py" | "python3")))
        .count();
    let code = fenced
        .iter()
        .filter(|c| c.lang.as_deref().is_some_and(|l| !NOT_CODE.contains(&l)))
        .count();
    let values = if python > 0 {
        [python, code, fenced.len()]
    } else {
        [code, python, fenced.len()]
    };
    if values.contains(&claim.value) {
        return;
    }
    let truth = values[0];
    let what = if python > 0 {
        plural(truth, "python block")
    } else {
        plural(truth, "code block")
    };
    out.push(mismatch(
        cx,
        claim,
        truth,
        values.windows(2).all(|w| w[0] == w[1]),
        format!(
            "the text claims {} code snippets, but the document has {what} ({} fenced blocks in all)",
            claim.value,
            fenced.len()
        ),
    ));
}

// ---------------------------------------------------------------------------------------
// "Verified: No circular dependencies"
// ---------------------------------------------------------------------------------------

static NO_CYCLES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^verified\s*:?\s*no\s+circular\s+dependenc").expect("static regex")
});

fn cycle_check(cx: &Context<'_>, tasks_doc: Option<&Document<'_>>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let claims: Vec<_> = doc
        .tasks
        .iter()
        .filter(|t| t.state == TaskState::Done && NO_CYCLES.is_match(&t.title))
        .collect();
    if claims.is_empty() {
        return;
    }
    let Some(tdoc) = tasks_doc else {
        return;
    };
    let cycles = tdoc.dependency_cycles();
    let Some(cycle) = cycles.first() else {
        return;
    };
    let name = |i: usize| {
        tdoc.tasks
            .get(i)
            .and_then(|t| t.id.as_ref())
            .map_or_else(|| format!("#{i}"), |id| id.text.to_string())
    };
    let mut path: Vec<String> = cycle.iter().map(|&i| name(i)).collect();
    if let Some(first) = path.first().cloned() {
        path.push(first);
    }
    for t in claims {
        out.push(
            cx.diag(
                t.title_range.clone(),
                format!(
                    "ticked \"no circular dependencies\", but the task graph has {} cycle{}: {}",
                    cycles.len(),
                    if cycles.len() == 1 { "" } else { "s" },
                    path.join(" → ")
                ),
            )
            .with_severity(Severity::Error)
            .with_help("break the cycle (see dependency-cycle) or untick the check"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{fix_text, lint, Config, LintOptions};

    fn findings(text: &str, path: &str) -> Vec<(usize, String)> {
        let config = Config::default();
        let linted = lint(
            text,
            &LintOptions {
                path: Some(path),
                kind: None,
                config: &config,
            },
        );
        linted
            .diagnostics
            .iter()
            .filter(|d| d.name == "claim-mismatch")
            .map(|d| {
                (
                    linted.doc.line_index.line_of(d.range.start),
                    d.message.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn case_insensitive_contains() {
        assert!(contains_ascii_ci("Total TASKS: 3", "tasks"));
        assert!(contains_ascii_ci("ttask", "task"));
        assert!(contains_ascii_ci("é Task", "task"));
        assert!(!contains_ascii_ci("tas", "task"));
        assert!(!contains_ascii_ci("t a s k", "task"));
        assert!(contains_ascii_ci("x", ""));
    }

    #[test]
    fn phase_numbers_after_symbols() {
        assert_eq!(phase_number("**Phase 1: API** (Days 1-5)"), Some(1));
        assert_eq!(phase_number("🏗\u{fe0f} Phase 12 - Core"), Some(12));
        assert_eq!(phase_number("> **phase 3**"), Some(3));
        assert_eq!(phase_number("Phase 3.5: Polish"), None);
        assert_eq!(phase_number("Rollout phase 2"), None);
        let row = |s: &str| {
            ROW_PHASE
                .captures(after_symbols(s))
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_string())
        };
        assert_eq!(row("**2. Core**"), Some("2".into()));
        assert_eq!(row("✅ Phase 4"), Some("4".into()));
        assert_eq!(row("Total"), None);
    }

    #[test]
    fn values_that_are_counts() {
        let v = |s: &str| claim_in(s, 0).map(|c| (c.value, c.at_least, c.grouped));
        assert_eq!(v("14"), Some((14, false, false)));
        assert_eq!(v("**14**"), Some((14, false, false)));
        assert_eq!(
            v("2,450 (minimum 2000 required)"),
            Some((2450, false, true))
        );
        assert_eq!(v("33  "), Some((33, false, false)));
        assert_eq!(v("2000+ words"), Some((2000, true, false)));
        assert_eq!(v("17 tasks"), Some((17, false, false)));
        assert_eq!(v("3 <!-- note -->"), Some((3, false, false)));
        assert_eq!(
            claim_in("12/14", 0).and_then(|c| c.of).map(|o| o.value),
            Some(14)
        );
        // Not counts: placeholders, approximations, sentences that start with a number.
        assert_eq!(v("[Auto-calculated]"), None);
        assert_eq!(v("{count} (minimum 8 required)"), None);
        assert_eq!(v("X"), None);
        assert_eq!(v("~15"), None);
        assert_eq!(v("2 users can log in at once"), None);
        assert_eq!(v("2025-11-20"), None);
    }

    #[test]
    fn thousands_separators_are_kept() {
        assert_eq!(format_number(1812, true), "1,812");
        assert_eq!(format_number(1234567, true), "1,234,567");
        assert_eq!(format_number(812, true), "812");
        assert_eq!(format_number(1812, false), "1812");
    }

    #[test]
    fn crlf_bom_and_emoji_lines() {
        let text = "\u{feff}# Tasks: X\r\n\r\n## Phase 1: Setup 🎯\r\n\r\n- [x] **T1**: a 😀\r\n- [ ] **T2**: b\r\n\r\n**Total Tasks**: 3\r\n**Phase 1 (🎯 MVP)**: 4 tasks\r\n";
        let f = findings(text, "specs/active/x/tasks.md");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].0, 7);
        assert!(f[0].1.contains("says 3"), "{}", f[0].1);
        assert_eq!(f[1].0, 8);
        // Lone CR line breaks: the model reads them as line breaks too (the parser gets
        // them as `\n`), so the same findings on the same lines.
        let lone_cr = text.replace("\r\n", "\r");
        assert_eq!(findings(&lone_cr, "specs/active/x/tasks.md"), f);
    }

    #[test]
    fn fixing_is_idempotent_and_true() {
        let text = "# Tasks: X\n\n- [x] **R1**: a\n- [ ] **R2**: b\n- [ ] **R3**: c\n\n**Progress Tracking**:\n- Total Tasks: 5\n- Completed: 2\n- Remaining: 1\n";
        let config = Config::default();
        let opts = LintOptions {
            path: Some("specs/active/x/tasks.md"),
            kind: None,
            config: &config,
        };
        let fixed = fix_text(text, &opts, false);
        assert!(fixed
            .output
            .contains("- Total Tasks: 3\n- Completed: 1\n- Remaining: 2\n"));
        assert_eq!(fix_text(&fixed.output, &opts, false).output, fixed.output);
        assert!(findings(&fixed.output, "specs/active/x/tasks.md").is_empty());
    }

    #[test]
    fn seeds_make_no_false_claims() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            panic!("seeds folder missing at {}", dir.display());
        };
        let mut seen = 0;
        for e in entries.filter_map(Result::ok) {
            let name = e.file_name().to_string_lossy().to_string();
            let path = match &name[..name.len().min(3)] {
                "000" | "003" => "specs/active/x/tasks.md",
                "001" => "specs/active/x/prd.md",
                "002" => "specs/active/x/recovery.md",
                "004" => ".goalkit/goals/001-x/tasks.md",
                _ => continue,
            };
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            assert_eq!(findings(&text, path), vec![], "{name}");
            seen += 1;
        }
        assert_eq!(seen, 5);
    }
}
