//! `header-metadata`: the PRD's header lines: Status, Created and (inside a spec workspace)
//! Workspace.

use crate::document::dates;
use crate::rules::prelude::*;
use crate::rules::sections;
use crate::rules::Workspace;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Checks the metadata at the top of a PRD, as the GOE template writes it:
    /// ```markdown
    /// # PRD: Batch loading
    ///
    /// **Status**: Draft
    /// **Created**: 2025-11-23
    /// **Workspace**: specs/active/batch-loading/
    /// ```
    /// The header is everything before the first `##` heading, plus a section named
    /// "Document Information", "Document Control" or "Metadata" wherever it is. Fields may be
    /// written `**Status**: Draft`, `**Status:** Draft`, `> **Status:** Draft`,
    /// `Status: Draft`, `- Status: Draft`, or as rows of a two-column table
    /// (`| Status | Draft |`). Reported:
    /// - a missing Status, Created or Workspace field, once each, on the title. Created may
    ///   also be called Date, Created On, Creation Date or Last Updated. Workspace is only
    ///   required of PRDs inside a `specs/active/<slug>/` or `specs/archive/<slug>/` folder;
    /// - a Status that does not start with one of `statuses` (configurable; "Approved - ready
    ///   for architecture" is fine);
    /// - a Created value that is not a date (`last spring`), and a Workspace value that is
    ///   not a `specs/...` path.
    ///
    /// Placeholders such as `{date}`, `[Status]` or `2025-09-xx` are left to
    /// `unfilled-placeholder`. The Chinese, Japanese and Korean words for status and
    /// creation date (`状态`, `创建日期`, `ステータス`, `작성일`, ...) are accepted as field
    /// names; in a mostly non-English document the Status value is not checked and missing
    /// fields are info only (they may be there under names this rule does not know). A
    /// document whose title is numbered (`# 2. Requirements`) is a shard of a split PRD,
    /// whose header lives in its index document, and a companion note in a `prd/` folder
    /// (see `missing-section`) is not a PRD: missing fields are not reported for them.
    ///
    /// ## Why
    /// Status tells a reader whether to trust the PRD, Created how old it is, and Workspace
    /// where its research, tasks and recovery notes live. Agents resuming work read these
    /// lines first.
    ///
    /// ## Example
    /// ```markdown
    /// # PRD: Batch loading
    ///
    /// **Status**: Sketch
    /// ```
    /// "Sketch" is not a known status, and Created and Workspace are missing.
    ///
    /// ## How to fix
    /// Add the missing lines under the title; use one of the known statuses or add yours to
    /// `statuses`.
    pub static RULE = {
        code: "SM108",
        name: "header-metadata",
        summary: "PRD header without Status, Created or Workspace",
        category: Category::Completeness,
        tags: &["prd"],
        kinds: &[Kind::Prd],
        severity: Severity::Warning,
        fixable: false,
        options: &[OptionSpec {
            name: "statuses",
            doc: "Accepted Status values (a value may continue after one of these)",
            default: OptionDefault::StrList(&[
                "Draft",
                "In Review",
                "Review",
                "Proposed",
                "Accepted",
                "Approved",
                "Ready",
                "Planning",
                "In Progress",
                "Implemented",
                "Complete",
                "Completed",
                "Done",
                "On Hold",
                "Rejected",
                "Deprecated",
                "Superseded",
                "Archived",
                "Final",
                "Active",
            ]),
        }],
        check: check,
    }
}

const STATUS: &[&str] = &[
    "status",
    "document status",
    "prd status",
    // Chinese, Japanese, Korean
    "状态",
    "项目状态",
    "文档状态",
    "狀態",
    "ステータス",
    "상태",
];
const CREATED: &[&str] = &[
    "created",
    "created on",
    "created at",
    "creation date",
    "date created",
    "date",
    "last updated",
    "updated",
    "创建日期",
    "创建时间",
    "日期",
    "作成日",
    "작성일",
    "생성일",
    "날짜",
];
const WORKSPACE: &[&str] = &["workspace", "workspace path", "spec workspace"];
const INFO_SECTIONS: &[&str] = &[
    "document information",
    "document info",
    "document control",
    "document metadata",
    "document details",
    "metadata",
];

/// A header field found in the document.
struct Field {
    key: String,
    value: String,
    value_range: Range<usize>,
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.doc.profile.is_custom() {
        return crate::rules::schema_checks::header_metadata(cx, out);
    }
    let doc = cx.doc;
    let non_english = doc.mostly_non_english();
    let fields = header_fields(doc);
    let find = |names: &[&str]| fields.iter().find(|f| names.contains(&&*f.key));
    let in_workspace = doc
        .path
        .as_deref()
        .and_then(Workspace::spec_folder)
        .is_some();
    let mut missing = Vec::new();
    match find(STATUS) {
        // Status words of other languages are not in `statuses`.
        Some(_) if non_english => {}
        Some(f) => check_status(cx, f, out),
        None => missing.push(("Status", "**Status**: Draft")),
    }
    match find(CREATED) {
        Some(f) => check_created(cx, f, out),
        None => missing.push(("Created", "**Created**: 2025-11-23")),
    }
    match find(WORKSPACE) {
        Some(f) => check_workspace(cx, f, out),
        None if in_workspace => missing.push(("Workspace", "**Workspace**: specs/active/<slug>/")),
        None => {}
    }
    // A shard of a split PRD ("# 2. Requirements" in docs/prd/) has its header in the
    // index document.
    if doc.title().is_some_and(|t| is_numbered(&t.text)) || sections::is_prd_part(doc) {
        return;
    }
    let title = doc.title_range();
    for (name, example) in missing {
        let mut d = cx
            .diag(title.clone(), format!("the PRD header has no {name} line"))
            .with_help(format!("add `{example}` under the title"));
        if non_english {
            d = d.with_severity(Severity::Info);
        }
        out.push(d);
    }
}

/// Metadata lines and two-column table rows in the header area and in "Document
/// Information" sections.
fn header_fields(doc: &Document<'_>) -> Vec<Field> {
    let header_end = doc
        .headings
        .iter()
        .find(|h| h.level >= 2)
        .map_or(doc.source.len(), |h| h.range.start);
    let info: Vec<Range<usize>> = doc
        .sections_named(INFO_SECTIONS)
        .map(|s| doc.sections[s].range.clone())
        .collect();
    let in_header = |at: usize| at < header_end || info.iter().any(|r| r.contains(&at));
    let mut out: Vec<(usize, Field)> = doc
        .metadata
        .iter()
        .filter(|m| in_header(m.line_range.start))
        .map(|m| {
            (
                m.line_range.start,
                Field {
                    key: m.key.trim().to_lowercase(),
                    value: m.value.to_string(),
                    value_range: m.value_range.clone(),
                },
            )
        })
        .collect();
    for table in doc.tables.iter().filter(|t| in_header(t.range.start)) {
        let header_row = table.header.len() == 2;
        for row in &table.rows {
            if !header_row || row.cells.len() < 2 {
                continue;
            }
            let key = row.cells[0]
                .text
                .trim()
                .trim_end_matches(':')
                .to_lowercase();
            out.push((
                row.range.start,
                Field {
                    key,
                    value: row.cells[1].text.trim().to_string(),
                    value_range: text::trim_range(doc.source, row.cells[1].range.clone()),
                },
            ));
        }
        // `| Status | Draft |` as the header row itself.
        if header_row {
            let key = table.header[0]
                .text
                .trim()
                .trim_end_matches(':')
                .to_lowercase();
            if STATUS.contains(&key.as_str()) || CREATED.contains(&key.as_str()) {
                out.push((
                    table.range.start,
                    Field {
                        key,
                        value: table.header[1].text.trim().to_string(),
                        value_range: text::trim_range(doc.source, table.header[1].range.clone()),
                    },
                ));
            }
        }
    }
    crate::sort::sort_by_key(&mut out, |(at, _)| *at);
    out.into_iter().map(|(_, f)| f).collect()
}

/// "2. Requirements", "3 Architecture", "4.1 Epics".
fn is_numbered(title: &str) -> bool {
    let t = title.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && t[digits..].starts_with(['.', ' ', ')'])
}

/// Template text, left to `unfilled-placeholder`: `[Status]`, `{date}`, a choice list, and
/// a date with its day or month left open (`2025-09-xx`, `YYYY-MM-DD`), which that rule
/// reports on the same span.
fn is_template(value: &str) -> bool {
    let v = value.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '`'));
    v.starts_with(['[', '{', '<']) || v.contains('|') || OPEN_DATE.is_match(v)
}

/// `2025-09-xx`, `2025-xx-xx`, `YYYY-MM-DD` at the start of a value.
static OPEN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:19|20)\d\d-(?:\d\d|[xX]{2})-[xX]{2}|YYYY-MM-DD)(?-u:\b)")
        .expect("static regex")
});

/// The value without leading emoji, markup and punctuation, lowercase.
fn clean(value: &str) -> String {
    value
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim()
        .to_lowercase()
}

fn check_status(cx: &Context<'_>, f: &Field, out: &mut Vec<Diagnostic>) {
    if is_template(&f.value) || f.value.trim().is_empty() {
        return;
    }
    let value = clean(&f.value);
    let statuses = cx.str_list("statuses");
    let known = statuses.iter().any(|s| {
        let s = s.trim().to_lowercase();
        !s.is_empty()
            && value.starts_with(&s)
            && value[s.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    });
    if !known {
        let shown: Vec<&str> = statuses.iter().take(6).map(String::as_str).collect();
        out.push(
            cx.diag(
                f.value_range.clone(),
                format!("Status `{}` is not a known status", f.value.trim()),
            )
            .with_help(format!(
                "use one of {} ... (option `statuses` of this rule lists them all)",
                shown.join(", ")
            )),
        );
    }
}

fn check_created(cx: &Context<'_>, f: &Field, out: &mut Vec<Diagnostic>) {
    if is_template(&f.value) || dates::find_date(&f.value).is_some() {
        return;
    }
    let msg = if f.value.trim().is_empty() {
        format!("the header's {} line has no date", title_case(&f.key))
    } else {
        format!("{} `{}` is not a date", title_case(&f.key), f.value.trim())
    };
    let range = if f.value_range.is_empty() {
        f.value_range.start..f.value_range.start
    } else {
        f.value_range.clone()
    };
    out.push(
        cx.diag(range, msg)
            .with_help("write the date as 2025-11-23 (or Nov 23, 2025)"),
    );
}

fn check_workspace(cx: &Context<'_>, f: &Field, out: &mut Vec<Diagnostic>) {
    if is_template(&f.value) {
        return;
    }
    let v = f.value.trim().trim_matches('`');
    if v.contains("specs/") {
        return;
    }
    let msg = if v.is_empty() {
        "the header's Workspace line names no folder".to_string()
    } else {
        format!("Workspace `{v}` is not a specs/... folder")
    };
    out.push(
        cx.diag(f.value_range.clone(), msg)
            .with_help("name the spec folder, e.g. `specs/active/<slug>/`"),
    );
}

fn title_case(key: &str) -> String {
    let mut c = key.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
