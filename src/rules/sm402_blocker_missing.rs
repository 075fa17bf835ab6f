//! `blocker-missing`: a blocked item that does not say what blocks it.

use crate::rules::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Reports a blocked item of a recovery note that does not say what blocks it. An item
    /// is blocked when it is an open list item directly in a "Blocked" section (`### Blocked`,
    /// `## Blocked Items`), or an open task item whose text has `BLOCKED` in capitals.
    /// It is explained when the item or one of its sub-items has a `**Blocker**:` field
    /// (also `Blocker:`, `**Blocker:**`, `Blockers:`), or a phrase such as "blocked by",
    /// "blocked on", "waiting for", "waiting on", "pending", "depends on", "requires",
    /// "needs", "until", "because", "due to".
    ///
    /// Not reported: checked items (no longer blocked), "None" / "Nothing" items, and items
    /// of a "Blockers" section (those are the explanations).
    ///
    /// ## Why
    /// The recovery template writes every blocked item as
    /// `- [ ] Item - **Blocker**: what is blocking it and what is needed to unblock`. Whoever
    /// resumes the work needs the second half to act; "blocked" alone only says to skip it.
    ///
    /// ## Example
    /// ```markdown
    /// ### Blocked
    /// - [ ] Load test against production data
    /// ```
    ///
    /// ## How to fix
    /// Add what blocks the item and what would unblock it:
    /// `- [ ] Load test against production data - **Blocker**: no read access yet; ops ticket OPS-42`.
    pub static RULE = {
        code: "SM402",
        name: "blocker-missing",
        summary: "Blocked item without its Blocker explanation",
        category: Category::Completeness,
        tags: &["recovery"],
        kinds: &[Kind::Recovery],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

static EXPLAINED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bblockers?\b[*_]*\s*:|\bblocked (?:by|on|until)\b|\bwaiting (?:for|on)\b|\bpending\b|\bdepends on\b|\brequires?\b|\bneeds?\b|\buntil\b|\bbecause\b|\bdue to\b",
    )
    .expect("static regex")
});

static BLOCKED_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bBLOCKED\b").expect("static regex"));

/// `norm` is the section's normalized title ([`text::normalize_heading`]).
fn is_blocked_section(norm: &str) -> bool {
    let mut words = norm.split(' ');
    matches!(words.next(), Some("blocked"))
        || norm == "current blocked items"
        || norm.ends_with(" blocked")
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    for item in &doc.list_items {
        let task = item.task.and_then(|t| doc.tasks.get(t));
        if task.is_some_and(|t| t.state == TaskState::Done) {
            continue;
        }
        let first_line = {
            let line = doc.line_index.line_of(item.range.start);
            let r = doc.line_index.line_range(doc.source, line);
            item.range.start..r.end.min(item.range.end.max(item.range.start))
        };
        let head = doc.text(&first_line);
        let in_blocked = in_blocked_section(doc, item.section);
        // Sub-items of a blocked item are its details, not items of their own.
        let top_level = item.depth == 0;
        let marked = task.is_some() && BLOCKED_WORD.is_match(head);
        if !((in_blocked && top_level) || marked) {
            continue;
        }
        let body = doc.text(&item.range);
        if EXPLAINED.is_match(body) || is_none_item(head) {
            continue;
        }
        let range = match task {
            Some(t) if !t.title_range.is_empty() => t.title_range.clone(),
            _ => text::trim_range(doc.source, first_line),
        };
        out.push(
            cx.diag(range, "blocked item does not say what blocks it")
                .with_help("add ` - **Blocker**: <what is blocking it and what would unblock it>`"),
        );
    }
}

/// The section or one of its ancestors is a "Blocked" section.
fn in_blocked_section(doc: &Document<'_>, section: usize) -> bool {
    let mut s = Some(section);
    while let Some(i) = s {
        let sec = &doc.sections[i];
        if sec.heading.is_some() && is_blocked_section(&sec.norm_title) {
            return true;
        }
        s = sec.parent;
    }
    false
}

/// "- None", "- Nothing currently", "- (none)", "- N/A".
fn is_none_item(line: &str) -> bool {
    let t: String = line
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '+'))
        .trim_start_matches("[ ]")
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace() || *c == '/')
        .collect::<String>()
        .to_lowercase();
    let t = t.trim();
    t.is_empty()
        || t == "n/a"
        || t.starts_with("none")
        || t.starts_with("nothing")
        || t.starts_with("no blocker")
        || t.starts_with("no blocked")
}
