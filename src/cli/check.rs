//! The lint pipeline shared by `check` and `score`: read the candidates (in parallel),
//! optionally fix them, lint spec folders as workspaces and other files alone, and return
//! the results sorted by path.

use super::args::InputArgs;
use super::configs::LoadedConfig;
use super::discover::{self, Candidate, Collected, PathError};
use super::write::write_atomic;
use rayon::prelude::*;
use specmark::report::FileReport;
use specmark::{
    fix_text, fix_text_with, lint, lint_bytes, lint_workspace, Document, Kind, LintOptions,
};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What to do with fixable findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// Only report.
    Report,
    /// Write fixed files (`--fix`).
    Write { unsafe_fixes: bool },
    /// Compute unified diffs, write nothing (`--diff`).
    Diff { unsafe_fixes: bool },
}

/// One linted (or unlintable) file.
pub struct FileResult {
    pub display: String,
    pub report: FileReport,
    /// The text the report's ranges refer to (after fixes); `None` when not linted.
    pub source: Option<String>,
    /// Fixes applied to this file by `--fix`.
    pub fixed: usize,
}

#[derive(Default)]
pub struct Outcome {
    pub files: Vec<FileResult>,
    pub errors: Vec<PathError>,
    /// `--diff`: (path, unified diff) of every file that would change.
    pub diffs: Vec<(String, String)>,
}

enum Loaded {
    /// Not a spec document (folders only lint spec kinds unless `--all-markdown`).
    Skip,
    Error(String),
    /// Not lintable (not UTF-8, NUL bytes, too large): one engine finding.
    Report(FileReport),
    Text(String),
}

struct Entry<'c> {
    cand: &'c Candidate,
    loaded: Loaded,
    fixed: usize,
}

/// Whether every Markdown file is linted for this candidate's configuration.
fn all_markdown(input: &InputArgs, config: &LoadedConfig) -> bool {
    input.all_markdown || config.config.all_markdown || input.kind.is_some()
}

fn opts<'a>(display: &'a str, input: &InputArgs, config: &'a LoadedConfig) -> LintOptions<'a> {
    LintOptions {
        path: Some(display),
        kind: input.kind,
        config: &config.config,
    }
}

fn load(c: &Candidate, input: &InputArgs) -> Loaded {
    let cfg = &c.config;
    let wanted_by_path = c.explicit
        || all_markdown(input, cfg)
        || cfg.config.path_kind(&c.display).is_some_and(Kind::is_spec);
    match std::fs::metadata(&c.abs) {
        Err(e) => return Loaded::Error(super::io_message(&e)),
        Ok(m) if m.is_dir() => return Loaded::Error("is a folder, not a file".into()),
        // A FIFO would block the read forever and a device (a link to /dev/zero) never ends.
        Ok(m) if !m.is_file() => {
            return Loaded::Error(
                "not a regular file (a FIFO, socket or device); it was not read".into(),
            )
        }
        Ok(m) if m.len() > cfg.config.max_file_size as u64 => {
            if !wanted_by_path {
                return Loaded::Skip;
            }
            return Loaded::Report(FileReport::engine_finding(
                Some(&c.display),
                "file-too-large",
                format!(
                    "file is {} bytes, over max-file-size ({} bytes); it was not linted",
                    m.len(),
                    cfg.config.max_file_size
                ),
            ));
        }
        Ok(_) => {}
    }
    let bytes = match std::fs::read(&c.abs) {
        Ok(b) => b,
        Err(e) => return Loaded::Error(super::io_message(&e)),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            if !wanted_by_path {
                return Loaded::Skip;
            }
            let bytes = e.into_bytes();
            return Loaded::Report(lint_bytes(&bytes, &opts(&c.display, input, cfg)));
        }
    };
    if specmark::lint::unlintable(&text, &cfg.config).is_some() {
        if !wanted_by_path {
            return Loaded::Skip;
        }
        return Loaded::Report(lint_bytes(text.as_bytes(), &opts(&c.display, input, cfg)));
    }
    if wanted_by_path {
        return Loaded::Text(text);
    }
    // No path rule names it: the title or a goal-kit table may still make it a spec.
    let kind = Document::parse_with_config(&text, Some(&c.display), None, &cfg.config).kind;
    if kind.is_spec() {
        Loaded::Text(text)
    } else {
        Loaded::Skip
    }
}

/// Run the pipeline on collected candidates.
pub fn run(cwd: &Path, collected: &Collected, input: &InputArgs, mode: FixMode) -> Outcome {
    let mut entries: Vec<Entry> = collected
        .candidates
        .par_iter()
        .map(|c| Entry {
            cand: c,
            loaded: load(c, input),
            fixed: 0,
        })
        .collect();
    let mut outcome = Outcome {
        errors: collected.errors.clone(),
        ..Outcome::default()
    };

    match mode {
        FixMode::Report => {}
        FixMode::Write { unsafe_fixes } | FixMode::Diff { unsafe_fixes } => {
            let write = matches!(mode, FixMode::Write { .. });
            let results: Vec<Option<FixResult>> = entries
                .par_iter()
                .map(|e| fix_entry(e, input, unsafe_fixes, write))
                .collect();
            for (e, r) in entries.iter_mut().zip(results) {
                match r {
                    None => {}
                    Some(FixResult::Diff(d)) => outcome.diffs.push((e.cand.display.clone(), d)),
                    Some(FixResult::Written(text, n)) => {
                        e.loaded = Loaded::Text(text);
                        e.fixed = n;
                    }
                    Some(FixResult::Failed(message)) => outcome.errors.push(PathError {
                        display: e.cand.display.clone(),
                        message,
                    }),
                }
            }
            if !write {
                outcome.diffs.sort();
                outcome.errors.sort();
                for e in &entries {
                    let message = match &e.loaded {
                        Loaded::Error(m) => m.clone(),
                        Loaded::Report(r) if unreadable(r) => r
                            .diagnostics
                            .first()
                            .map_or_else(String::new, |d| d.message.clone()),
                        _ => continue,
                    };
                    outcome.errors.push(PathError {
                        display: e.cand.display.clone(),
                        message,
                    });
                }
                outcome.errors.sort();
                return outcome;
            }
        }
    }

    let mut reports = lint_entries(cwd, collected, &entries, input);
    for (i, e) in entries.iter_mut().enumerate() {
        match std::mem::replace(&mut e.loaded, Loaded::Skip) {
            Loaded::Skip => {}
            Loaded::Error(message) => outcome.errors.push(PathError {
                display: e.cand.display.clone(),
                message,
            }),
            Loaded::Report(report) => outcome.files.push(FileResult {
                display: e.cand.display.clone(),
                report,
                source: None,
                fixed: 0,
            }),
            Loaded::Text(text) => {
                let Some(report) = reports.remove(&i) else {
                    continue;
                };
                // Front matter can make a file named like a spec a plain Markdown file.
                if report.kind == Kind::Markdown
                    && !e.cand.explicit
                    && !all_markdown(input, &e.cand.config)
                {
                    continue;
                }
                outcome.files.push(FileResult {
                    display: e.cand.display.clone(),
                    report,
                    source: Some(text),
                    fixed: e.fixed,
                });
            }
        }
    }
    outcome.files.sort_by(|a, b| a.display.cmp(&b.display));
    outcome.errors.sort();
    outcome.errors.dedup();
    outcome
}

/// A file that could not be read as text (not UTF-8, NUL bytes): reported as an
/// `invalid-utf8` finding, and the run ends with exit code 2 like other unreadable paths.
pub fn unreadable(report: &FileReport) -> bool {
    !report.linted && report.diagnostics.iter().any(|d| d.name == "invalid-utf8")
}

enum FixResult {
    Diff(String),
    Written(String, usize),
    Failed(String),
}

fn fix_entry(e: &Entry, input: &InputArgs, unsafe_fixes: bool, write: bool) -> Option<FixResult> {
    let Loaded::Text(text) = &e.loaded else {
        return None;
    };
    let fixed = fix_text(
        text,
        &opts(&e.cand.display, input, &e.cand.config),
        unsafe_fixes,
    );
    if fixed.output == *text {
        return None;
    }
    if !write {
        return Some(FixResult::Diff(unified_diff(
            &e.cand.display,
            text,
            &fixed.output,
        )));
    }
    Some(match write_atomic(&e.cand.abs, fixed.output.as_bytes()) {
        Ok(()) => FixResult::Written(fixed.output, fixed.applied),
        Err(m) => FixResult::Failed(m),
    })
}

/// A unified diff (3 lines of context) from `old` to `new`, both labelled `path`.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(path, path)
        .to_string()
}

/// One unit of linting work.
enum Job {
    Single(usize),
    /// The files of one spec folder with one configuration. The job also reads the sibling
    /// documents that were not asked for but that cross-document rules read (not reported).
    Folder {
        folder: String,
        members: Vec<usize>,
    },
}

/// Lint every `Text` entry; the map is keyed by entry index.
fn lint_entries(
    cwd: &Path,
    collected: &Collected,
    entries: &[Entry],
    input: &InputArgs,
) -> BTreeMap<usize, FileReport> {
    let mut singles = Vec::new();
    let mut folders: BTreeMap<(String, usize), Vec<usize>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        if !matches!(e.loaded, Loaded::Text(_)) {
            continue;
        }
        match specmark::kind::feature_folder(&e.cand.display) {
            Some(folder) if input.kind.is_none() => folders
                .entry((
                    folder.to_string(),
                    Arc::as_ptr(&e.cand.config) as *const () as usize,
                ))
                .or_default()
                .push(i),
            _ => singles.push(i),
        }
    }
    let known: HashSet<&Path> = entries.iter().map(|e| e.cand.abs.as_path()).collect();
    let mut jobs: Vec<Job> = singles.into_iter().map(Job::Single).collect();
    jobs.extend(
        folders
            .into_iter()
            .map(|((folder, _), members)| Job::Folder { folder, members }),
    );
    // The siblings of each folder are listed and read inside its job, on the lint threads.
    jobs.par_iter()
        .flat_map_iter(|job| run_job(job, cwd, entries, &known, collected, input))
        .collect()
}

fn text_of<'e>(e: &'e Entry) -> &'e str {
    match &e.loaded {
        Loaded::Text(t) => t,
        _ => "",
    }
}

fn run_job(
    job: &Job,
    cwd: &Path,
    entries: &[Entry],
    known: &HashSet<&Path>,
    collected: &Collected,
    input: &InputArgs,
) -> Vec<(usize, FileReport)> {
    match job {
        Job::Single(i) => {
            let e = &entries[*i];
            let o = opts(&e.cand.display, input, &e.cand.config);
            vec![(*i, lint(text_of(e), &o).into_report())]
        }
        Job::Folder { folder, members } => {
            let (context, listing) =
                siblings(cwd, collected, folder, &entries[members[0]], known, input);
            let config = &entries[members[0]].cand.config.config;
            // Even-numbered lint threads take a folder's documents in order, odd ones in
            // reverse: the rules' patterns are compiled on first use, and threads starting on
            // documents of the same kind would wait on each other compiling the same ones.
            // The reports do not depend on the order (cross-document rules see every
            // document of the folder).
            let mut order = members.clone();
            if rayon::current_thread_index().is_some_and(|t| t % 2 == 1) {
                order.reverse();
            }
            // Borrowed: a folder's texts are not copied for the lint.
            let mut files: Vec<(&str, &str)> = order
                .iter()
                .map(|&i| (entries[i].cand.display.as_str(), text_of(&entries[i])))
                .collect();
            files.extend(context.iter().map(|(p, t)| (p.as_str(), t.as_str())));
            let known: BTreeSet<String> = collected
                .known_paths
                .iter()
                .chain(&listing)
                .cloned()
                .collect();
            let complete = collected.complete_listing || specs_tree_walked(cwd, collected, folder);
            let reports = lint_workspace(&files, known, complete, config);
            order.into_iter().zip(reports).collect()
        }
    }
}

/// Whether the walk listed the whole `specs/` tree holding a spec folder
/// (`specs/active/<slug>`): `check specs/` lists every workspace as completely as
/// `check .`, so the rules that report absent files and paths answer the same wherever the
/// user stands. A walk of one workspace alone does not list its neighbours.
fn specs_tree_walked(cwd: &Path, collected: &Collected, folder: &str) -> bool {
    let Some(specs) = Path::new(folder).ancestors().nth(2) else {
        return false;
    };
    let specs = super::paths::absolute(cwd, specs);
    collected.walked.iter().any(|w| specs.starts_with(w))
}

/// The other spec documents of a spec folder, read for cross-document rules, and the
/// folder's listing.
fn siblings(
    cwd: &Path,
    collected: &Collected,
    folder: &str,
    first: &Entry,
    known: &HashSet<&Path>,
    input: &InputArgs,
) -> (Vec<(String, String)>, Vec<String>) {
    let depth = first.cand.display[folder.len()..]
        .split('/')
        .filter(|p| !p.is_empty())
        .count();
    let Some(dir) = first.cand.abs.ancestors().nth(depth) else {
        return (Vec::new(), Vec::new());
    };
    // A folder the walk went through is fully listed in `known_paths` already.
    let (listing, md) = match collected.markdown_below(cwd, dir) {
        Some(md) => (Vec::new(), md),
        None => discover::list_folder(cwd, dir),
    };
    let mut context = Vec::new();
    // An OpenSpec change is read with the current specs of the capabilities it changes.
    // (also when they are linted on their own: their findings here are not reported).
    let mut current_specs = Vec::new();
    let root = dir
        .ancestors()
        .find(|a| a.file_name().is_some_and(|n| n == "openspec"));
    if let Some(openspec) = root {
        for delta in &md {
            let display = super::paths::display(cwd, delta);
            if let Some(current) = specmark::kind::openspec_current_spec(&display) {
                let rel = current
                    .rsplit_once("openspec/specs/")
                    .map_or("", |(_, r)| r);
                let abs = openspec.join("specs").join(rel);
                if abs.is_file() && !current_specs.contains(&abs) {
                    current_specs.push(abs);
                }
            }
        }
    }
    let md = md.into_iter().filter(|abs| !known.contains(abs.as_path()));
    for abs in md.chain(current_specs) {
        let display = super::paths::display(cwd, &abs);
        let cand = Candidate {
            abs: PathBuf::from(&abs),
            display,
            explicit: false,
            config: first.cand.config.clone(),
        };
        if let Loaded::Text(text) = load(&cand, input) {
            context.push((cand.display, text));
        }
    }
    (context, listing)
}

/// The result of `--stdin`.
pub struct TextOutcome {
    pub result: FileResult,
    /// `--diff`: the unified diff (empty when nothing changes).
    pub diff: String,
    /// `--fix`: the fixed bytes (the input itself when it cannot be fixed).
    pub fixed_bytes: Vec<u8>,
}

/// Lint (and with `fix`, fix) one text that does not come from a file.
pub fn run_text(
    display: &str,
    named: bool,
    bytes: Vec<u8>,
    config: &LoadedConfig,
    input: &InputArgs,
    fix: bool,
    unsafe_fixes: bool,
) -> TextOutcome {
    let o = LintOptions {
        path: named.then_some(display),
        kind: input.kind,
        config: &config.config,
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let bytes = e.into_bytes();
            return TextOutcome {
                result: FileResult {
                    display: display.to_string(),
                    report: lint_bytes(&bytes, &o),
                    source: None,
                    fixed: 0,
                },
                diff: String::new(),
                fixed_bytes: bytes,
            };
        }
    };
    if specmark::lint::unlintable(&text, &config.config).is_some() {
        return TextOutcome {
            result: FileResult {
                display: display.to_string(),
                report: lint_bytes(text.as_bytes(), &o),
                source: None,
                fixed: 0,
            },
            diff: String::new(),
            fixed_bytes: text.into_bytes(),
        };
    }
    // With --fix, the fixing's last lint is the fixed text's report (no second lint).
    let mut settled = None;
    let (text, diff, applied) = if fix {
        let fixed = fix_text_with(&text, &o, unsafe_fixes, |linted, last| {
            if last {
                settled = Some(linted.into_report());
            }
        });
        let diff = if fixed.output == text {
            String::new()
        } else {
            unified_diff(display, &text, &fixed.output)
        };
        (fixed.output, diff, fixed.applied)
    } else {
        (text, String::new(), 0)
    };
    let report = settled.unwrap_or_else(|| lint(&text, &o).into_report());
    TextOutcome {
        result: FileResult {
            display: display.to_string(),
            report,
            source: None,
            fixed: applied,
        }
        .with_source(text.clone()),
        diff,
        fixed_bytes: text.into_bytes(),
    }
}

impl FileResult {
    fn with_source(mut self, source: String) -> FileResult {
        self.source = Some(source);
        self
    }
}
