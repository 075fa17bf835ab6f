//! Lint ../shared/corpus (and the seeds) and print every finding, for reviewing rules on real
//! documents. Corpus files are linted under their original repository paths (MANIFEST.tsv),
//! so kind detection sees what a user's checkout would show.
//!
//! `cargo run --example corpus_report -- [RULE-NAME...]` (no names: all rules, plus a count
//! per rule at the end).

use specmark::{lint, Config, LintOptions};
use std::collections::BTreeMap;
use std::path::Path;

fn main() {
    let filter: Vec<String> = std::env::args().skip(1).collect();
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let manifest = std::fs::read_to_string(shared.join("corpus/MANIFEST.tsv")).unwrap_or_default();
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        let flat = format!(
            "{}__{}",
            cols[1].replace('/', "__"),
            cols[2].replace('/', "__")
        );
        files.push((
            cols[2].to_string(),
            shared.join("corpus").join(cols[0]).join(flat),
        ));
    }
    let config = Config::default();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (path, file) in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            eprintln!("missing: {}", file.display());
            continue;
        };
        let linted = lint(
            &text,
            &LintOptions {
                path: Some(path),
                kind: None,
                config: &config,
            },
        );
        let report = linted.report();
        let shown: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| filter.is_empty() || filter.iter().any(|f| f == d.name))
            .collect();
        if shown.is_empty() {
            continue;
        }
        println!(
            "== {} [{}] score {}",
            file.display(),
            report.kind,
            report.score
        );
        for d in shown {
            *counts.entry(d.name).or_default() += 1;
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
    println!("\nfindings per rule:");
    for (k, v) in counts {
        println!("  {v:5} {k}");
    }
}
