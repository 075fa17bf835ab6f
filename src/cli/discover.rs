//! Which files to lint: the files named on the command line, and the Markdown files of the
//! folders named there (walked with the `ignore` crate, so `.gitignore` and `.ignore` apply).

use super::configs::{Configs, LoadedConfig};
use super::paths;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file that may be linted.
pub struct Candidate {
    pub abs: PathBuf,
    /// Relative to the current folder, `/`-separated.
    pub display: String,
    /// Named on the command line (always linted) rather than found in a folder.
    pub explicit: bool,
    pub config: Arc<LoadedConfig>,
}

/// A path that could not be read, with the message to print.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PathError {
    pub display: String,
    pub message: String,
}

#[derive(Default)]
pub struct Collected {
    pub candidates: Vec<Candidate>,
    pub errors: Vec<PathError>,
    /// Every file and folder seen while walking (for workspace rules), as displayed.
    pub known_paths: BTreeSet<String>,
    /// True when a walked folder is the current folder, so `known_paths` lists the tree.
    pub complete_listing: bool,
    /// The folders named on the command line and walked (absolute).
    pub walked: Vec<PathBuf>,
    /// Every regular Markdown file seen while walking, excluded ones too (displayed →
    /// absolute): the sibling documents of a spec folder that was walked are read from here
    /// instead of walking the folder again.
    pub markdown: BTreeMap<String, PathBuf>,
}

impl Collected {
    /// The Markdown files below `dir` when the walk went through it, in display order:
    /// `None` when it did not (the folder must be listed on its own).
    pub fn markdown_below(&self, cwd: &Path, dir: &Path) -> Option<Vec<PathBuf>> {
        let display = paths::display(cwd, dir);
        if !(self.known_paths.contains(&display) || self.walked.iter().any(|w| w == dir)) {
            return None;
        }
        let prefix = display + "/";
        Some(
            self.markdown
                .range(prefix.clone()..)
                .take_while(|(d, _)| d.starts_with(&prefix))
                .map(|(_, abs)| abs.clone())
                .collect(),
        )
    }
}

/// A directory walker with specmark's settings: hidden folders are walked (`.kiro`,
/// `.goalkit`), VCS folders are not, and ignore files apply even outside a git checkout.
pub fn walker(root: &Path) -> ignore::Walk {
    ignore::WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| {
            let name = e.file_name();
            !(e.depth() > 0
                && e.file_type().is_some_and(|t| t.is_dir())
                && (name == ".git" || name == ".hg" || name == ".svn"))
        })
        .build()
}

/// Collect candidates from the command-line paths. Errors in configuration files are
/// returned as `Err` (nothing may be linted with a half-read configuration).
pub fn collect(
    cwd: &Path,
    args: &[PathBuf],
    configs: &mut Configs,
    force_exclude: bool,
) -> Result<Collected, String> {
    let mut out = Collected::default();
    let mut seen: BTreeMap<PathBuf, usize> = BTreeMap::new();
    for arg in args {
        let abs = paths::absolute(cwd, arg);
        let display = paths::display(cwd, &abs);
        match std::fs::metadata(&abs) {
            Err(e) => out.errors.push(PathError {
                display,
                message: super::io_message(&e),
            }),
            Ok(meta) if meta.is_dir() => {
                if abs == cwd {
                    out.complete_listing = true;
                    // The listing is a repository's: rules about files of the repository
                    // (phantom-completion) may answer.
                    if abs.join(".git").exists() {
                        out.known_paths.insert(".git".to_string());
                    }
                }
                walk_dir(cwd, &abs, configs, &mut out, &mut seen)?;
                out.walked.push(abs);
            }
            Ok(meta) if meta.is_file() => {
                let config = configs.for_file(&abs)?;
                if force_exclude && config.excludes(&abs, &display) {
                    continue;
                }
                push(&mut out, &mut seen, abs, display, true, config);
            }
            Ok(_) => out.errors.push(PathError {
                display,
                message: "not a regular file or folder".into(),
            }),
        }
    }
    out.candidates.sort_by(|a, b| a.display.cmp(&b.display));
    out.errors.sort();
    out.errors.dedup();
    Ok(out)
}

fn push(
    out: &mut Collected,
    seen: &mut BTreeMap<PathBuf, usize>,
    abs: PathBuf,
    display: String,
    explicit: bool,
    config: Arc<LoadedConfig>,
) {
    if let Some(&i) = seen.get(&abs) {
        out.candidates[i].explicit |= explicit;
        return;
    }
    seen.insert(abs.clone(), out.candidates.len());
    out.candidates.push(Candidate {
        abs,
        display,
        explicit,
        config,
    });
}

fn walk_dir(
    cwd: &Path,
    root: &Path,
    configs: &mut Configs,
    out: &mut Collected,
    seen: &mut BTreeMap<PathBuf, usize>,
) -> Result<(), String> {
    for entry in walker(root) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                out.errors.push(walk_error(cwd, &e));
                continue;
            }
        };
        let path = entry.path();
        let display = paths::display(cwd, path);
        if entry.depth() > 0 {
            out.known_paths.insert(display.clone());
        }
        let Some(ft) = entry.file_type() else {
            continue;
        };
        // Symlinks are not followed while walking, but a link named like a Markdown file is
        // read (and reported if it points nowhere or at a folder).
        if ft.is_dir() || !paths::is_markdown(path) || !(ft.is_file() || ft.is_symlink()) {
            continue;
        }
        if ft.is_file() {
            out.markdown.insert(display.clone(), path.to_path_buf());
        }
        let config = configs.for_file(path)?;
        if config.excludes(path, &display) {
            continue;
        }
        push(out, seen, path.to_path_buf(), display, false, config);
    }
    Ok(())
}

fn walk_error(cwd: &Path, e: &ignore::Error) -> PathError {
    let mut err = e;
    let mut path: Option<&Path> = None;
    loop {
        match err {
            ignore::Error::WithPath {
                path: p,
                err: inner,
            } => {
                path = Some(p);
                err = inner;
            }
            ignore::Error::WithDepth { err: inner, .. }
            | ignore::Error::WithLineNumber { err: inner, .. } => {
                err = inner;
            }
            _ => break,
        }
    }
    let message = match err {
        ignore::Error::Io(io) => super::io_message(io),
        ignore::Error::Loop { .. } => "symbolic link loop".into(),
        other => other.to_string(),
    };
    PathError {
        display: path.map_or_else(|| ".".into(), |p| paths::display(cwd, p)),
        message,
    }
}

/// Every file and folder below `dir` (as displayed) and its Markdown files (absolute),
/// for the sibling documents of a spec folder.
pub fn list_folder(cwd: &Path, dir: &Path) -> (Vec<String>, Vec<PathBuf>) {
    let mut all = Vec::new();
    let mut md = Vec::new();
    for entry in walker(dir).flatten() {
        if entry.depth() == 0 {
            continue;
        }
        all.push(paths::display(cwd, entry.path()));
        if entry.file_type().is_some_and(|t| t.is_file()) && paths::is_markdown(entry.path()) {
            md.push(entry.path().to_path_buf());
        }
    }
    (all, md)
}
