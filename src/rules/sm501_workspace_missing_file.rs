//! `workspace-missing-file`: a GOE spec folder (`specs/active/<slug>/`) lacking one of the
//! files the workflow creates for it.

use crate::rules::prelude::*;
use crate::rules::Workspace;

declare_rule! {
    /// ## What it does
    /// In workspace mode, checks that every `specs/active/<slug>/` folder holds the files
    /// the GOE workflow creates at its first checkpoint: `prd.md`, `tasks.md`,
    /// `recovery.md`, `research/analysis.md` and `research/plan.md` (option `required`).
    /// Folders under `specs/archive/` are reported at info level only.
    ///
    /// Each missing file is reported once per folder, on the first line of one linted
    /// document of that folder, chosen in a fixed order (`prd.md`, `tasks.md`, `recovery.md`,
    /// `research/analysis.md`, `research/plan.md`, then the first path in sorting order), so
    /// linting several documents of a folder never repeats a finding.
    ///
    /// The rule only runs when the host lists the whole tree (the CLI walks it). A browser
    /// page or an editor that only knows the open files cannot tell a missing file from one
    /// it was not given, so the rule stays silent there.
    ///
    /// ## Why
    /// The recovery note is what lets the next session resume; the research files back the
    /// PRD's claims. A folder without them means a checkpoint was skipped.
    ///
    /// ## Example
    /// ```text
    /// specs/active/parquet-offload/
    ///   prd.md
    ///   tasks.md          ← recovery.md, research/analysis.md, research/plan.md missing
    /// ```
    ///
    /// ## How to fix
    /// Create the missing file (the seed's Checkpoint 1 lists their starting contents), or
    /// set `required` for a workflow that names them differently (for example
    /// `research/findings.md`).
    pub static RULE = {
        code: "SM501",
        name: "workspace-missing-file",
        summary: "A specs/active/<slug>/ folder lacks a standard file",
        category: Category::Structure,
        tags: &["workspace", "goe"],
        kinds: &[],
        severity: Severity::Warning,
        fixable: false,
        options: &[OptionSpec {
            name: "required",
            doc: "Files every spec folder must hold, relative to the folder.",
            default: OptionDefault::StrList(&[
                "prd.md",
                "tasks.md",
                "recovery.md",
                "research/analysis.md",
                "research/plan.md",
            ]),
        }],
        check: check,
    }
}

/// Which linted document of a folder carries the folder's findings.
const REPORTER_ORDER: &[&str] = &[
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
    let Some(path) = doc.path.as_deref() else {
        return;
    };
    let Some(folder) = Workspace::spec_folder(path) else {
        return;
    };
    if reporter(ws, folder) != Some(path) {
        return;
    }
    let archived = folder
        .rsplit('/')
        .nth(1)
        .is_some_and(|parent| parent == "archive");
    let range = first_line(doc);
    for file in cx.str_list("required") {
        let file = file.trim_matches('/');
        if file.is_empty() || ws.file_exists_any_case(folder, file) {
            continue;
        }
        let mut d = cx
            .diag(
                range.clone(),
                format!("spec folder `{folder}/` has no `{file}`"),
            )
            .with_help(if archived {
                "archived folders keep what they had; create the file if the history needs it"
            } else {
                "create it (seed Checkpoint 1 lists each file's starting contents) or adjust `required`"
            });
        if archived {
            d = d.with_severity(Severity::Info);
        }
        out.push(d);
    }
}

/// The path of the linted document that reports for `folder`.
fn reporter<'w>(ws: &'w Workspace<'_>, folder: &str) -> Option<&'w str> {
    let members: Vec<&str> = ws
        .docs
        .iter()
        .filter_map(|d| d.path.as_deref())
        .filter(|p| Workspace::spec_folder(p) == Some(folder))
        .collect();
    let rank = |p: &str| {
        let rel = p.get(folder.len() + 1..).unwrap_or("");
        REPORTER_ORDER
            .iter()
            .position(|f| *f == rel)
            .unwrap_or(REPORTER_ORDER.len())
    };
    members
        .into_iter()
        .min_by(|a, b| (rank(a), *a).cmp(&(rank(b), *b)))
}

/// The first line, after a byte-order mark.
fn first_line(doc: &Document<'_>) -> Range<usize> {
    let r = doc.line_index.line_range(doc.source, 0);
    let bom = if doc.source.starts_with('\u{feff}') {
        3
    } else {
        0
    };
    r.start.max(bom)..r.end.max(bom)
}
