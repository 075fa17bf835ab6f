//! `unverified-snippet`: a python code block without its `# VERIFIED:` comment.

use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports every fenced python code block (languages `python` and `py` by default) that
    /// has no `# VERIFIED:` line in it. This is the check the GOE PRD agent runs with grep:
    /// the number of ```` ```python ```` fences must equal the number of `# VERIFIED:`
    /// comments. The marker is matched anywhere in the block, case-insensitively, so a
    /// trailing `x = 1  # verified: ...` counts too. Empty blocks are not reported.
    ///
    /// Only a document that follows the convention is checked: one that writes the marker
    /// at least once, or whose workspace does. Variants of the workflow without the marker
    /// (the same `specs/active/<slug>/` layout, another template) are left alone.
    ///
    /// ## Why
    /// PRDs and research plans written by agents are full of plausible code that nobody ran.
    /// The template asks every snippet to say how it was checked (a file and line range it
    /// was copied from, or the syntax check that passed), so a reviewer knows which code is
    /// real and which is invented.
    ///
    /// ## Example
    /// ````markdown
    /// ```python
    /// with backend_api_factory_ctx(backend_type=DBTYPE_BIGQUERY) as api:
    ///     api.create_table(...)
    /// ```
    /// ````
    ///
    /// ## How to fix
    /// Check the snippet, then say how as its first line:
    /// `# VERIFIED: src/goe/offload/factory/backend_api_factory.py:45-62` or
    /// `# VERIFIED: Syntax checked with py_compile`. There is no automatic fix: a tool cannot
    /// write down a verification that did not happen.
    ///
    /// ## Options
    /// - `marker`: the comment that marks a verified block (default `# VERIFIED:`).
    /// - `languages`: fence languages that count as python (default `python`, `py`).
    pub static RULE = {
        code: "SM103",
        name: "unverified-snippet",
        summary: "Python snippet without a `# VERIFIED:` comment",
        category: Category::Verification,
        tags: &["prd", "research", "code"],
        kinds: &[Kind::Prd, Kind::Research],
        severity: Severity::Warning,
        fixable: false,
        options: &[
            OptionSpec {
                name: "marker",
                doc: "Comment that marks a verified snippet",
                default: OptionDefault::Str("# VERIFIED:"),
            },
            OptionSpec {
                name: "languages",
                doc: "Fence languages that count as python",
                default: OptionDefault::StrList(&["python", "py"]),
            },
        ],
        check: check,
    }
}

/// Whether the document, or another of its workspace, writes `marker` (lowercase) in a code
/// block: the evidence that its workflow asks snippets to be verified (`snippet-syntax`
/// reads it; this rule finds the marker in its own pass over the blocks).
pub(crate) fn follows_convention(cx: &Context<'_>, marker: &str) -> bool {
    has_marker(cx.doc, marker) || siblings_have_marker(cx, marker)
}

/// Whether a code block of `d` holds `marker` (lowercase), in any case.
fn has_marker(d: &Document<'_>, marker: &str) -> bool {
    d.code_blocks
        .iter()
        .any(|b| b.text.to_lowercase().contains(marker))
}

fn siblings_have_marker(cx: &Context<'_>, marker: &str) -> bool {
    cx.siblings().iter().any(|d| has_marker(d, marker))
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let marker = cx.string("marker").trim().to_lowercase();
    if marker.is_empty() {
        return;
    }
    let languages: Vec<String> = cx
        .str_list("languages")
        .iter()
        .map(|l| l.to_lowercase())
        .collect();
    // One pass: the blocks without the marker, and whether any block has it.
    let mut marked = false;
    let mut unverified = Vec::new();
    for block in &doc.code_blocks {
        if block.text.to_lowercase().contains(&marker) {
            marked = true;
            continue;
        }
        let Some(lang) = &block.lang else { continue };
        if block.fenced && languages.iter().any(|l| l == lang) && !block.text.trim().is_empty() {
            unverified.push((lang, block));
        }
    }
    // The convention is the template's: a document (or its workspace) that never writes the
    // marker follows a variant of the workflow without it, and its snippets are not held to
    // it. Once one snippet carries it, every other one should.
    if unverified.is_empty() || !(marked || siblings_have_marker(cx, &marker)) {
        return;
    }
    for (lang, block) in unverified {
        let fence = doc.line_index.line_of(block.range.start);
        let range = text::trim_range(doc.source, doc.line_index.line_range(doc.source, fence));
        out.push(
            cx.diag(
                range,
                format!(
                    "{lang} snippet has no `{}` comment saying how it was checked",
                    cx.string("marker").trim()
                ),
            )
            .with_help(format!(
                "after checking the code, add a line such as `{} src/path/to/file.py:10-24` \
                 or `{} Syntax checked with py_compile` to the block",
                cx.string("marker").trim(),
                cx.string("marker").trim()
            )),
        );
    }
}
