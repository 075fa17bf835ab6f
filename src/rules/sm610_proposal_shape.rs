//! `proposal-shape`: an OpenSpec change proposal without its Why or What Changes.

use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks an OpenSpec change's `proposal.md`:
    /// - a `## Why` section of 50 to 1,000 characters (options `why-min`, `why-max`);
    /// - a `## What Changes` section that lists something.
    ///
    /// Localized headings count (`## 为什么要做`, `## 本次变更包含什么`, `## Por qué`): some
    /// projects configure OpenSpec to write proposals in their language. A `### Changes`
    /// heading does not: OpenSpec reads only What Changes.
    ///
    /// ## Why
    /// The proposal is what a reviewer approves before any spec changes: `openspec
    /// validate` rejects one without these sections, and a one-line Why gives the reviewer
    /// nothing to weigh (a two-page one buries it).
    ///
    /// ## Example
    /// ```markdown
    /// # Change: add 2FA
    /// ## Summary
    /// Add 2FA.
    /// ```
    ///
    /// ## How to fix
    /// Write `## Why` (the problem, in a paragraph) and `## What Changes` (a bullet per
    /// change, marking breaking ones).
    pub static RULE = {
        code: "SM610",
        name: "proposal-shape",
        summary: "OpenSpec proposal without Why or What Changes",
        category: Category::Structure,
        tags: &["openspec"],
        kinds: &[Kind::OpenspecProposal],
        severity: Severity::Error,
        fixable: false,
        options: &[
            OptionSpec {
                name: "why-min",
                doc: "Fewest characters in the Why section.",
                default: OptionDefault::Int(50),
            },
            OptionSpec {
                name: "why-max",
                doc: "Most characters in the Why section.",
                default: OptionDefault::Int(1000),
            },
        ],
        check: check,
    }
}

/// The Why heading, in English and in the languages proposals are written in (a project's
/// OpenSpec configuration may ask for localized headings).
const WHY: &[&str] = &[
    "why",
    "为什么",
    "為什麼",
    "为何",
    "なぜ",
    "背景と目的",
    "por qué",
    "por que",
    "pourquoi",
    "왜",
];

/// The What Changes heading, likewise.
const WHAT_CHANGES: &[&str] = &[
    "what changes",
    "what's changing",
    "本次变更",
    "变更内容",
    "變更內容",
    "変更内容",
    "qué cambia",
    "o que muda",
    "ce qui change",
    "변경 사항",
];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let find = |names: &[&str]| {
        doc.sections.iter().skip(1).find(|s| {
            s.level <= 3
                && names.iter().any(|n| {
                    let t = s.norm_title.trim_end_matches(['?', '？', ':']);
                    t == *n || (!n.is_ascii() && t.starts_with(n))
                })
        })
    };
    let why = find(WHY);
    let changes = find(WHAT_CHANGES);
    let mut missing = Vec::new();
    match why {
        None => missing.push("## Why"),
        Some(s) => {
            let text = body_text(doc, &s.body_range);
            let n = text.chars().count() as i64;
            let (min, max) = (cx.int("why-min"), cx.int("why-max"));
            let at = s
                .heading
                .map_or(doc.title_range(), |h| doc.headings[h].range.clone());
            if n < min {
                out.push(
                    cx.diag(at, format!("the Why section has {n} characters; at least {min} say what problem the change solves"))
                        .with_severity(Severity::Warning),
                );
            } else if n > max {
                out.push(
                    cx.diag(at, format!("the Why section has {n} characters; keep it under {max} and move detail to design.md"))
                        .with_severity(Severity::Warning),
                );
            }
        }
    }
    match changes {
        None => missing.push("## What Changes"),
        Some(s) if body_text(doc, &s.body_range).trim().is_empty() => {
            let at = s
                .heading
                .map_or(doc.title_range(), |h| doc.headings[h].range.clone());
            out.push(cx.diag(
                at,
                "What Changes is empty: list each change (mark breaking ones **BREAKING**)",
            ));
        }
        Some(_) => {}
    }
    if !missing.is_empty() {
        out.push(cx.diag(
            doc.title_range(),
            format!(
                "the proposal has no {} section: a change proposal says why and what changes",
                missing.join(" and no ")
            ),
        ));
    }
}

/// The section's text without blank lines and HTML comments, trimmed.
fn body_text(doc: &Document<'_>, range: &Range<usize>) -> String {
    let mut text = doc.text(range).to_string();
    while let Some(a) = text.find("<!--") {
        let end = text[a..].find("-->").map_or(text.len(), |e| a + e + 3);
        text.replace_range(a..end, "");
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_lines;

    #[test]
    fn shapes() {
        let good = "# Change\n\n## Why\n\nUsers lose their session when the token expires mid-form, and retyping costs them minutes.\n\n## What Changes\n\n- Refresh tokens silently\n";
        assert!(lint_lines(good, "openspec/changes/x/proposal.md", "proposal-shape").is_empty());
        let short = "# Change\n\n## Why\n\nBetter.\n\n## What Changes\n\n- a\n";
        assert_eq!(
            lint_lines(short, "openspec/changes/x/proposal.md", "proposal-shape"),
            [3]
        );
        let none = "# Change\n\n## Summary\n\nAdd 2FA.\n";
        assert_eq!(
            lint_lines(none, "openspec/changes/x/proposal.md", "proposal-shape"),
            [1]
        );
    }
}
