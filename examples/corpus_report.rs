//! Lint ../shared/realdocs (and the seeds) and print every finding, for reviewing rules on real
//! documents. Corpus files are linted under their original repository paths (MANIFEST.tsv),
//! so kind detection sees what a user's checkout would show.
//!
//! `cargo run --example corpus_report -- [--workspace] [RULE-NAME...]` (no names: all rules,
//! plus a count per rule at the end).
//!
//! `--workspace` lints the files of each repository together with `lint_workspace`, so
//! cross-document rules see the other corpus files of the same spec folder. The corpus holds
//! only some files of each repository, so the listing is marked incomplete
//! (`complete_listing = false`) and rules that report missing files or paths
//! (`workspace-missing-file`, `stale-path`) stay silent, as they do in a browser or an editor
//! that only knows the open files.

use specmark::report::FileReport;
use specmark::{lint, lint_workspace, Config, LintOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One corpus file: its repository, its original path, and where it is stored.
struct CorpusFile {
    repo: String,
    path: String,
    file: PathBuf,
}

fn main() {
    let mut filter: Vec<String> = std::env::args().skip(1).collect();
    let workspace = filter.iter().any(|a| a == "--workspace");
    filter.retain(|a| a != "--workspace");
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let manifest =
        std::fs::read_to_string(shared.join("realdocs/MANIFEST.tsv")).unwrap_or_default();
    let mut files: Vec<CorpusFile> = Vec::new();
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        files.push(CorpusFile {
            repo: cols[1].to_string(),
            path: cols[2].to_string(),
            file: shared
                .join("realdocs")
                .join(cols[1].replace('/', "__"))
                .join(cols[2]),
        });
    }
    let config = Config::default();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    // (index into `files`, text) of every readable file.
    let mut texts: Vec<(usize, String)> = Vec::new();
    for (i, f) in files.iter().enumerate() {
        match std::fs::read_to_string(&f.file) {
            Ok(text) => texts.push((i, text)),
            Err(_) => eprintln!("missing: {}", f.file.display()),
        }
    }
    if workspace {
        let mut repos: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (k, (i, _)) in texts.iter().enumerate() {
            repos.entry(files[*i].repo.as_str()).or_default().push(k);
        }
        for members in repos.values() {
            let group: Vec<(String, String)> = members
                .iter()
                .map(|&k| (files[texts[k].0].path.clone(), texts[k].1.clone()))
                .collect();
            let known = group.iter().map(|(p, _)| p.clone());
            let reports = lint_workspace(&group, known, false, &config);
            for (&k, report) in members.iter().zip(&reports) {
                let (i, text) = &texts[k];
                show(&files[*i].file, text, report, &filter, &mut counts);
            }
        }
    } else {
        for (i, text) in &texts {
            let linted = lint(
                text,
                &LintOptions {
                    path: Some(&files[*i].path),
                    kind: None,
                    config: &config,
                },
            );
            show(
                &files[*i].file,
                text,
                &linted.report(),
                &filter,
                &mut counts,
            );
        }
    }
    println!("\nfindings per rule:");
    for (k, v) in counts {
        println!("  {v:5} {k}");
    }
}

/// Print the findings of `report` that pass the rule filter.
fn show(
    file: &Path,
    text: &str,
    report: &FileReport,
    filter: &[String],
    counts: &mut BTreeMap<String, usize>,
) {
    let shown: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| filter.is_empty() || filter.iter().any(|f| f == d.name))
        .collect();
    if shown.is_empty() {
        return;
    }
    println!(
        "== {} [{}] score {}",
        file.display(),
        report.kind,
        report.score
    );
    for d in shown {
        *counts.entry(d.name.to_string()).or_default() += 1;
        let line = d.range.start.line as usize;
        let src_line = text
            .lines()
            .nth(line)
            .unwrap_or("")
            .chars()
            .take(100)
            .collect::<String>();
        println!(
            "  {}:{} {} {}: {}\n      | {}",
            line + 1,
            d.range.start.character + 1,
            d.severity.as_str(),
            d.name,
            d.message,
            src_line
        );
    }
}
