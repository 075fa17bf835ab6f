//! `stale-path`: a `specs/active/...` or `specs/archive/...` path named in a document that
//! does not exist in the tree (typically left behind when a spec folder was archived).

use crate::rules::prelude::*;
use crate::rules::Workspace;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// In workspace mode, finds paths under `specs/active/` or `specs/archive/` named in a
    /// document (in prose, code spans, links, and code blocks: a command such as
    /// `cat specs/active/x/prd.md` in "Commands to Resume" is a real reference) that do not
    /// exist in the tree. When the folder was moved between `specs/active/` and
    /// `specs/archive/` and the other location exists, the fix (unsafe: a log of files
    /// modified may mean the old location on purpose) rewrites the path to it.
    ///
    /// Not checked:
    /// - template placeholders: `specs/active/{slug}/`, `specs/active/[slug]/`,
    ///   `specs/active/<slug>/`, `$SLUG`, globs such as `specs/active/*/prd.md`;
    /// - a bare `specs/active/` or `specs/archive/` with no folder name;
    /// - `tmp/` files of a spec folder (scratch files the workflow deletes on archiving);
    /// - the standard files of the document's own folder (`prd.md`, `tasks.md`, ...):
    ///   `workspace-missing-file` reports those once per folder;
    /// - a line that names both locations of the same folder ("moved from `specs/active/x`
    ///   to `specs/archive/x`").
    ///
    /// A missing file of the document's own folder is reported at info level: it may be one
    /// a task is still to write.
    ///
    /// The rule only runs when the host lists the whole tree (the CLI walks it): with only
    /// the open files known, every other path would look missing.
    ///
    /// ## Why
    /// After `specs/active/x` is archived, its recovery note still tells the next session to
    /// open `specs/active/x/tasks.md`, which no longer exists; commands copied from it fail.
    ///
    /// ## Example
    /// ```markdown
    /// ## Files Modified
    /// - `specs/active/oracle-advanced-pushdown/prd.md`
    /// ```
    /// in `specs/archive/oracle-advanced-pushdown/recovery.md` reports the path and suggests
    /// `specs/archive/oracle-advanced-pushdown/prd.md`.
    ///
    /// ## How to fix
    /// Point the path at where the file is now, or remove the reference.
    pub static RULE = {
        code: "SM502",
        name: "stale-path",
        summary: "A specs/active or specs/archive path that does not exist",
        category: Category::Consistency,
        tags: &["workspace", "goe"],
        kinds: &[],
        severity: Severity::Warning,
        fixable: true,
        options: &[],
        check: check,
    }
}

/// `specs/active/<slug>/...` or `specs/archive/<slug>/...`, starting at a token boundary.
static SPEC_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w./~-])(?P<path>(?:\./)?specs/(?P<area>active|archive)/(?P<slug>[A-Za-z0-9][A-Za-z0-9._-]*)(?:/[A-Za-z0-9._-]+)*/?)")
        .expect("static regex")
});

/// Standard files of a spec folder (reported by `workspace-missing-file` when missing).
const STANDARD_FILES: &[&str] = &[
    "prd.md",
    "tasks.md",
    "recovery.md",
    "research/analysis.md",
    "research/plan.md",
];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(ws) = cx.workspace.filter(|w| w.complete_listing) else {
        return;
    };
    let doc = cx.doc;
    let src = doc.source;
    let doc_path = doc.path.as_deref().unwrap_or("");
    // Paths in documents are relative to the repository root, which is where the `specs/`
    // folder holding this document sits (a monorepo may keep it below the root).
    let root = match doc_path.find("specs/") {
        Some(i) if i == 0 || doc_path[..i].ends_with('/') => &doc_path[..i],
        _ => "",
    };
    let own_folder = Workspace::spec_folder(doc_path);
    // Only lines naming `specs/` can hold a path, found by one search over the text.
    for line in doc.line_index.lines_containing(src, &["specs/"]) {
        let r = doc.line_index.line_range(src, line);
        let text = &src[r.clone()];
        if text.len() > 10_000 {
            continue;
        }
        for caps in SPEC_PATH.captures_iter(text) {
            let (Some(m), Some(area), Some(slug)) =
                (caps.name("path"), caps.name("area"), caps.name("slug"))
            else {
                continue;
            };
            // A placeholder or glob continues the path: `specs/active/x-{n}`, `.../*.md`.
            if text[m.end()..].starts_with(['{', '[', '<', '$', '*', '%']) {
                continue;
            }
            let path = m.as_str().trim_start_matches("./").trim_end_matches('.');
            let path = path.trim_end_matches('/');
            let rel = path
                .get(format!("specs/{}/{}", area.as_str(), slug.as_str()).len()..)
                .unwrap_or("")
                .trim_start_matches('/');
            if rel == "tmp" || rel.starts_with("tmp/") {
                continue;
            }
            let full = format!("{root}{path}");
            if ws.path_exists(&full) || ws.path_exists(path) {
                continue;
            }
            let folder = format!("{root}specs/{}/{}", area.as_str(), slug.as_str());
            if own_folder == Some(folder.as_str()) && STANDARD_FILES.contains(&rel) {
                continue;
            }
            let other_area = if area.as_str() == "active" {
                "archive"
            } else {
                "active"
            };
            let moved_prefix = format!("specs/{other_area}/{}", slug.as_str());
            if text.contains(&moved_prefix) {
                continue;
            }
            let start = r.start
                + m.start()
                + (m.as_str().len() - m.as_str().trim_start_matches("./").len());
            let range = start..start + path.len();
            let moved = if rel.is_empty() {
                moved_prefix.clone()
            } else {
                format!("{moved_prefix}/{rel}")
            };
            let mut d = if ws.path_exists(&format!("{root}{moved}")) || ws.path_exists(&moved) {
                // Only the area word changes, so the edit keeps the rest of the text.
                let at = start + "specs/".len();
                cx.diag(
                    range,
                    format!("`{path}` does not exist; the folder is now `{moved_prefix}/`"),
                )
                .with_fix(Fix::unsafe_(
                    format!("point to `{moved}`"),
                    vec![Edit::replace(at..at + area.as_str().len(), other_area)],
                ))
            } else {
                cx.diag(range, format!("`{path}` does not exist in the workspace"))
                    .with_help("point the path at the file's current location or remove it")
            };
            if own_folder == Some(folder.as_str()) {
                // A file of the document's own folder may be one still to be written.
                d = d
                    .with_severity(Severity::Info)
                    .with_help("a file of this spec folder that does not exist (yet?): create it or correct the path");
            }
            out.push(d);
        }
    }
}
