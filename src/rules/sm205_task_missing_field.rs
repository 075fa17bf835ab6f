//! `task-missing-field`: a task lacks a field its template requires (Description, Files,
//! Done when).

use crate::document::{split_id, Task};
use crate::rules::prelude::*;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Checks that tasks carry the fields their template asks for.
    ///
    /// - Phase style (seed 003), tasks written `**Task 2.1**: Title` (checkbox or heading):
    ///   each needs the fields in `required` (default Description, Files, Done when).
    ///   Checked only when the document uses these fields at all, so a one-line checklist
    ///   that happens to number its items "Task 1.1" is left alone.
    /// - GOE style (seed 000), tasks written `**A1**: Title`: implementation tasks, whose id
    ///   prefix is in `goe-files-prefixes` (default I, A, F, C, INT: interface, adapter,
    ///   factory, configuration and integration work), need a `Files:` or `File:` line.
    ///   Research (R), tests (UT, IT, PT, CT), docs (D) and quality gates (QG) do not. A task
    ///   whose title names the file (`Update [adapter]_literal.py`) or that only verifies
    ///   ("Test ...", "Verify ...") needs none. Checked only when some task of the
    ///   document has a Files line.
    ///
    /// Key spellings are tolerated: `File`/`Files`, `Done when`/`Done When`/`DoD`/
    /// `Definition of Done`, `Description`/`Details`; bold or not, with the colon inside or
    /// outside the bold.
    ///
    /// ## Why
    /// The fields are what makes a task executable by someone else: what to do, where, and
    /// how to know it is finished. A task without them gets interpreted, not implemented.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] **Task 2.2**: Add the session store
    ///   - **Description**: Keep sessions in Redis with a 30-minute TTL
    ///   - **Done when**: 12 session tests pass against a Redis container
    /// ```
    /// (no Files)
    ///
    /// ## How to fix
    /// Add the missing field lines under the task, or configure `required` /
    /// `goe-files-prefixes` for your team's template.
    pub static RULE = {
        code: "SM205",
        name: "task-missing-field",
        summary: "A task lacks a field its template requires",
        category: Category::Completeness,
        tags: &["tasks"],
        kinds: &[Kind::Tasks, Kind::GoalkitTasks],
        severity: Severity::Warning,
        fixable: false,
        options: &[
            OptionSpec {
                name: "required",
                doc: "Fields every phase-style task (`**Task N.M**`) needs (lowercase names; `files`, `done when` and `description` accept their usual spellings).",
                default: OptionDefault::StrList(&["description", "files", "done when"]),
            },
            OptionSpec {
                name: "goe-files-prefixes",
                doc: "Id prefixes of GOE-style implementation tasks that need a Files line.",
                default: OptionDefault::StrList(&["I", "A", "F", "C", "INT"]),
            },
        ],
        check: check,
    }
}

/// Field keys accepted for each canonical field name.
const ALIASES: &[(&str, &[&str])] = &[
    (
        "files",
        &[
            "files",
            "file",
            "files to create/modify",
            "files to modify",
            "files to create",
            "affected files",
            "paths",
        ],
    ),
    (
        "done when",
        &[
            "done when",
            "dod",
            "definition of done",
            "done",
            "completion criteria",
            "acceptance criteria",
            "acceptance",
        ],
    ),
    ("description", &["description", "desc", "details", "what"]),
];

static FILE_IN_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[\w\[\]*{}-]+/[\w\[\]*{}./-]+|[\w\[\]*{}-]+\.(?:py|rs|ts|tsx|js|jsx|mjs|go|java|kt|rb|php|cs|cpp|c|h|hpp|sql|md|rst|ya?ml|toml|json|env|sh|html|css|scss|vue|svelte|txt|ini|cfg|template|j2|proto|graphql)\b",
    )
    .expect("static regex")
});

static VERIFY_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:test|tests|verify|validate|check|confirm)\b").expect("static regex")
});

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    phase_style(cx, out);
    goe_style(cx, out);
}

fn normalize_key(key: &str) -> String {
    key.replace(['-', '_'], " ").to_lowercase()
}

fn has_field(task: &Task, name: &str) -> bool {
    let spellings = ALIASES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[][..], |(_, a)| *a);
    task.fields.iter().any(|f| {
        let is = |want: &str| normalized_is(&f.key, want);
        is(name) || spellings.iter().any(|s| is(s))
    })
}

/// `normalize_key(key) == want`, without building the normalized key for ASCII keys (this
/// runs for every field of every task).
fn normalized_is(key: &str, want: &str) -> bool {
    if !key.is_ascii() {
        return normalize_key(key) == want;
    }
    key.len() == want.len()
        && key.bytes().zip(want.bytes()).all(|(k, w)| {
            let k = if k == b'-' || k == b'_' { b' ' } else { k };
            k.to_ascii_lowercase() == w
        })
}

/// `**Task 2.1**: ...` as a checkbox or a heading.
fn is_phase_task(doc: &Document<'_>, task: &Task) -> bool {
    let Some(id) = &task.id else { return false };
    if task.source == TaskSource::TableRow || !id.text.contains('.') {
        return false;
    }
    let title = doc.text(&task.title_range).trim_start_matches(['*', '_']);
    title
        .get(..5)
        .is_some_and(|w| w.eq_ignore_ascii_case("task "))
}

fn task_range(task: &Task) -> Range<usize> {
    task.id
        .as_ref()
        .map_or_else(|| task.title_range.clone(), |id| id.range.clone())
}

fn phase_style(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let required: Vec<String> = cx
        .str_list("required")
        .iter()
        .map(|r| normalize_key(r.trim()))
        .filter(|r| !r.is_empty())
        .collect();
    let tasks: Vec<&Task> = doc.tasks.iter().filter(|t| is_phase_task(doc, t)).collect();
    // A document that never uses the fields is a plain checklist, not this template.
    if !tasks
        .iter()
        .any(|t| required.iter().any(|r| has_field(t, r)))
    {
        return;
    }
    let shown = display_list(&required);
    for task in tasks {
        let missing: Vec<&str> = required
            .iter()
            .filter(|r| !has_field(task, r))
            .map(String::as_str)
            .collect();
        if missing.is_empty() {
            continue;
        }
        let id = task.id.as_ref().map_or("", |i| &*i.text);
        let what = display_list(&missing.iter().map(|m| m.to_string()).collect::<Vec<_>>());
        out.push(
            cx.diag(
                task_range(task),
                format!("Task {id} has no {what}; each task needs {shown}"),
            )
            .with_help(missing_line_help(missing[0])),
        );
    }
}

fn goe_style(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let prefixes = cx.str_list("goe-files-prefixes");
    let goe = |t: &&Task| {
        t.source == TaskSource::Checkbox
            && t.id.as_ref().is_some_and(|id| {
                let (prefix, parts) = split_id(&id.text);
                parts.len() == 1 && !prefix.is_empty() && !prefix.ends_with('-')
            })
    };
    let tasks: Vec<&Task> = doc.tasks.iter().filter(goe).collect();
    if !tasks.iter().any(|t| has_field(t, "files")) {
        return;
    }
    for task in tasks {
        let Some(id) = &task.id else { continue };
        let (prefix, _) = split_id(&id.text);
        if !prefixes.iter().any(|p| p == prefix) || has_field(task, "files") {
            continue;
        }
        let title = task
            .title
            .split_once(':')
            .map_or(&*task.title, |(_, t)| t)
            .trim();
        if FILE_IN_TITLE.is_match(&task.title) || VERIFY_TITLE.is_match(title) {
            continue;
        }
        out.push(
            cx.diag(
                id.range.clone(),
                format!(
                    "implementation task {} has no Files line; name the files it changes",
                    id.text
                ),
            )
            .with_help("add a `- Files: path/to/file` line under the task"),
        );
    }
}

/// The help for a task without the `missing` field: fixed text for the default fields
/// (a large task list can have thousands of these findings).
fn missing_line_help(missing: &str) -> Cow<'static, str> {
    match missing {
        "description" => {
            "add the missing line under the task, e.g. `- **Description**: ...`".into()
        }
        "files" => "add the missing line under the task, e.g. `- **Files**: ...`".into(),
        "done when" => "add the missing line under the task, e.g. `- **Done when**: ...`".into(),
        other => format!(
            "add the missing line under the task, e.g. `- **{}**: ...`",
            capitalize(other)
        )
        .into(),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "Description, Files and Done when".
fn display_list(names: &[String]) -> String {
    let names: Vec<String> = names.iter().map(|n| capitalize(n)).collect();
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}
