//! `last-updated`: a recovery document says when it was last updated, as a real date.

use crate::document::{dates, MetaLine};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Looks for the recovery document's "Last Updated" metadata line and reports when it is
    /// missing, still the template's placeholder (`[Date/Time - update this with each
    /// session]`, `{timestamp}`, `TBD`), or not a date.
    ///
    /// The line may be spelled `**Last Updated**: ...`, `**Last Updated:** ...`,
    /// `Last Updated: ...` or `- Last updated: ...`; "Updated", "Last Modified", "Session
    /// Date" and "Date" are accepted names too. A value is a date when it contains one in a
    /// common spelling: `2025-11-23`, `2025-11-23 14:30`, `2025-11-23T14:30Z`,
    /// `Nov 23, 2025`, `23 November 2025`, `11/23/2025`; text around it is fine
    /// (`2025-11-23 (session 3)`). Impossible dates such as `2025-02-30` are not dates.
    ///
    /// A recovery template itself (`specs/template-spec/recovery.md`, a file in a
    /// `templates/` folder) is not checked: its placeholder date is what it is for.
    ///
    /// ## Why
    /// A recovery note is read by whoever resumes the work, often an agent in a new session.
    /// Without a trustworthy timestamp it cannot tell whether the note describes the current
    /// state of the branch or a state several sessions old.
    ///
    /// ## Example
    /// ```markdown
    /// **Last Updated**: [Date/Time - update this with each session]
    /// ```
    ///
    /// ## How to fix
    /// Write the date (and time) of the session that last touched the note, and update it
    /// every session: `**Last Updated**: 2025-11-23 14:30 (session 3)`.
    pub static RULE = {
        code: "SM401",
        name: "last-updated",
        summary: "Recovery note without a real Last Updated date",
        category: Category::Consistency,
        tags: &["recovery"],
        kinds: &[Kind::Recovery],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

/// Accepted names, preferred first.
const KEYS: &[&str] = &[
    "last updated",
    "last update",
    "updated",
    "last modified",
    "updated at",
    "last session",
    "session date",
    "date",
];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let line: Option<&MetaLine> = KEYS
        .iter()
        .find_map(|k| doc.metadata.iter().find(|m| m.key.trim() == *k));
    let Some(m) = line else {
        // Required where the document's template has the line (the session-recovery
        // template); other session notes may date themselves elsewhere ("*Last updated:*"
        // in a footer, a table row) or not at all.
        let template_has_it = doc
            .profile
            .schema
            .fields
            .iter()
            .any(|f| f.name.eq_ignore_ascii_case("last updated"));
        if !template_has_it || crate::scan::contains_ascii_ci(doc.source, "last updated") {
            return;
        }
        out.push(
            cx.diag(doc.title_range(), "the recovery note has no Last Updated line")
                .with_help("add `**Last Updated**: 2025-11-23 14:30` under the title and update it each session"),
        );
        return;
    };
    let value = m.value.trim();
    let range = if m.value_range.is_empty() {
        text::trim_range(doc.source, m.line_range.clone())
    } else {
        m.value_range.clone()
    };
    let key = doc.text(&m.key_range).trim();
    let msg = if value.is_empty() {
        format!("{key} has no value")
    } else if dates::find_date(value).is_some() {
        return;
    } else if dates::is_placeholder(value) {
        format!("{key} is still the template placeholder `{value}`")
    } else {
        format!("{key} `{value}` is not a date")
    };
    out.push(
        cx.diag(range, msg)
            .with_help("write the session's date and time, e.g. `2025-11-23 14:30`"),
    );
}
