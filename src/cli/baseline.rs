//! Baselines: a committed file of known findings, so a team adopting specmark on existing
//! documents fails CI on new findings only (`check --baseline FILE`), and records the
//! current ones with `--update-baseline`.
//!
//! A finding is matched by its file (relative to the baseline's folder, so the baseline
//! answers the same from any working folder), its rule and its fingerprint (the flagged
//! text and the lines it is on, see `specmark::report::fingerprint`), never by line
//! number: editing elsewhere in the document keeps an old finding matched. The file counts
//! identical findings, so a second copy of a known defect is new.

use super::check::FileResult;
use super::paths;
use serde::{Deserialize, Serialize};
use specmark::report::DiagnosticReport;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The baseline file's format version.
const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// `/`-separated, relative to the baseline file's folder.
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    /// For people reading the file; not used for matching.
    #[serde(default)]
    pub message: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// A loaded baseline and where it lives.
pub struct Baseline {
    /// The baseline file as given, for messages.
    pub shown: String,
    abs: PathBuf,
    dir: PathBuf,
    entries: Vec<Entry>,
}

/// What applying a baseline did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// Findings recorded in the baseline and hidden from the report.
    pub hidden: usize,
    /// Recorded findings that no longer occur (fixed, or their line was edited).
    pub gone: usize,
}

type Key = (String, String, String);

impl Baseline {
    /// Read `path` (relative to `cwd`). With `create`, a missing file is an empty baseline
    /// (`--update-baseline` writes it); otherwise it is an error telling how to make one.
    pub fn open(cwd: &Path, path: &Path, create: bool) -> Result<Baseline, String> {
        let abs = paths::absolute(cwd, path);
        let shown = paths::display(cwd, &abs);
        let dir = abs
            .parent()
            .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);
        let mut b = Baseline {
            shown,
            abs,
            dir,
            entries: Vec::new(),
        };
        match std::fs::metadata(&b.abs) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if create {
                    return Ok(b);
                }
                return Err(format!(
                    "{}: baseline not found; record the current findings with --update-baseline",
                    b.shown
                ));
            }
            Err(e) => {
                return Err(format!(
                    "{}: cannot read baseline: {}",
                    b.shown,
                    super::io_message(&e)
                ))
            }
            Ok(m) if !m.is_file() => {
                return Err(format!(
                    "{}: cannot read baseline: not a regular file",
                    b.shown
                ))
            }
            Ok(_) => {}
        }
        let text = std::fs::read(&b.abs).map_err(|e| {
            format!(
                "{}: cannot read baseline: {}",
                b.shown,
                super::io_message(&e)
            )
        })?;
        let file: File = serde_json::from_slice(&text).map_err(|e| {
            format!(
                "{}:{}:{}: not a specmark baseline ({}); delete it and run --update-baseline to write a new one",
                b.shown,
                e.line(),
                e.column(),
                strip_position(&e.to_string())
            )
        })?;
        if file.version != VERSION {
            return Err(format!(
                "{}: baseline version {} is not supported (this specmark writes version {VERSION}); run --update-baseline to rewrite it",
                b.shown, file.version
            ));
        }
        b.entries = file.findings;
        Ok(b)
    }

    /// A file's path as the baseline records it: relative to the baseline's folder.
    fn path_of(&self, cwd: &Path, display: &str) -> String {
        paths::display(&self.dir, &paths::absolute(cwd, Path::new(display)))
    }

    /// Remove the recorded findings from `files` (each at most as often as recorded) and
    /// return them, with the file each was in (as displayed).
    pub fn apply(
        &self,
        cwd: &Path,
        files: &mut [FileResult],
    ) -> (Applied, Vec<(String, DiagnosticReport)>) {
        let mut left: BTreeMap<Key, usize> = BTreeMap::new();
        for e in &self.entries {
            *left
                .entry((e.path.clone(), e.rule.clone(), e.fingerprint.clone()))
                .or_default() += 1;
        }
        let mut hidden = Vec::new();
        for f in files.iter_mut() {
            let path = self.path_of(cwd, &f.display);
            let (known, new): (Vec<_>, Vec<_>) = std::mem::take(&mut f.report.diagnostics)
                .into_iter()
                .partition(|d| {
                    let key = (path.clone(), d.name.to_string(), d.fingerprint.clone());
                    match left.get_mut(&key) {
                        Some(n) if *n > 0 => {
                            *n -= 1;
                            true
                        }
                        _ => false,
                    }
                });
            f.report.diagnostics = new;
            hidden.extend(known.into_iter().map(|d| (f.display.clone(), d)));
        }
        let applied = Applied {
            hidden: hidden.len(),
            gone: left.values().sum(),
        };
        (applied, hidden)
    }

    /// Write every finding of `files` as the new baseline (atomically); the baseline then
    /// holds them.
    pub fn write(&mut self, cwd: &Path, files: &[FileResult]) -> Result<usize, String> {
        let mut findings: Vec<Entry> = files
            .iter()
            .flat_map(|f| {
                let path = self.path_of(cwd, &f.display);
                f.report.diagnostics.iter().map(move |d| Entry {
                    path: path.clone(),
                    rule: d.name.to_string(),
                    fingerprint: d.fingerprint.clone(),
                    message: d.message.clone(),
                })
            })
            .collect();
        findings.sort();
        let n = findings.len();
        let file = File {
            version: VERSION,
            findings,
        };
        self.entries = file.findings.clone();
        let failed = |m: String| format!("{}: cannot write baseline: {m}", self.shown);
        let io = |e: std::io::Error| failed(super::io_message(&e));
        let mut text = serde_json::to_string_pretty(&file).map_err(|e| failed(e.to_string()))?;
        text.push('\n');
        if let Some(dir) = self.abs.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        // The atomic write replaces an existing file (keeping its permissions): a new
        // baseline starts empty.
        if !self.abs.exists() {
            std::fs::write(&self.abs, b"").map_err(io)?;
        }
        super::write::write_atomic(&self.abs, text.as_bytes()).map_err(failed)?;
        Ok(n)
    }
}

/// serde_json's message without its " at line L column C" (the message leads with it).
fn strip_position(s: &str) -> &str {
    s.find(" at line ").map_or(s, |i| &s[..i])
}

/// The line the human summary ends with.
pub fn summary(shown: &str, applied: Applied) -> String {
    let mut s = format!(
        "{} known finding{} hidden by the baseline {shown}",
        applied.hidden,
        if applied.hidden == 1 { "" } else { "s" }
    );
    if applied.gone > 0 {
        s.push_str(&format!(
            "; {} recorded finding{} gone (run --update-baseline to drop {})",
            applied.gone,
            if applied.gone == 1 { " is" } else { "s are" },
            if applied.gone == 1 { "it" } else { "them" }
        ));
    }
    s
}
