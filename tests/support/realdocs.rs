//! The real documents of `../shared/realdocs/`: each repository's files at their real paths
//! under `<owner>__<repo>/`, and MANIFEST.tsv (category, repository, path, commit, notes).
//! Shared by the corpus invariants test and the verdicts test.

#![allow(dead_code)]

use specmark::report::FileReport;
use specmark::{lint_workspace, Config, Kind};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn realdocs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realdocs")
}

/// One repository folder: its name (`owner__repo`) and its Markdown files, each as the path
/// inside the repository and the text.
pub struct Repo {
    pub name: String,
    pub files: Vec<(String, Vec<u8>)>,
}

/// Every file below `dir`, folders in sorted order.
pub fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The Markdown files below `root`, as (path inside `root`, bytes).
fn markdown_files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    files_under(root, &mut all);
    all.into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "markdown"))
        .map(|p| {
            let rel = p
                .strip_prefix(root)
                .map(|r| r.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            (rel, std::fs::read(&p).expect("readable realdocs file"))
        })
        .collect()
}

impl Repo {
    /// The files that are UTF-8 text, as (path, text).
    pub fn texts(&self) -> Vec<(String, String)> {
        self.files
            .iter()
            .filter_map(|(p, b)| String::from_utf8(b.clone()).ok().map(|t| (p.clone(), t)))
            .collect()
    }
}

/// Every repository folder, sorted. Panics with a clear message when the corpus is missing.
pub fn repos() -> Vec<Repo> {
    let root = realdocs();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (the shared realdocs corpus is needed)",
                root.display()
            )
        })
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|d| {
            let files = markdown_files(&d);
            Repo {
                name: d
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                files,
            }
        })
        .collect()
}

/// `owner__repo/path` → MANIFEST category (`speckit`, `kiro`, `prd`, ...).
pub fn categories() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(realdocs().join("MANIFEST.tsv")).unwrap_or_default();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c.len() >= 3).then(|| {
                (
                    format!("{}/{}", c[1].replace('/', "__"), c[2]),
                    c[0].to_string(),
                )
            })
        })
        .collect()
}

/// Lint one repository folder as the editor or the browser would, with its files as one
/// workspace: the reports of the spec documents (kinds other than plain Markdown). The
/// listing is incomplete (the corpus holds some files of each repository), so the rules
/// that report absent files stay silent: what they say about the real repository cannot be
/// judged on a subset of it.
pub fn lint_repo(repo: &Repo, config: &Config) -> Vec<FileReport> {
    let texts = repo.texts();
    let known: Vec<String> = texts.iter().map(|(p, _)| p.clone()).collect();
    lint_workspace(&texts, known, false, config)
        .into_iter()
        .filter(|r| r.kind != Kind::Markdown)
        .collect()
}
