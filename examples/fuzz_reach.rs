//! Which rules and fixes the fuzz corpora reach: every input of `fuzz/corpus/<target>` and
//! `fuzz/seeds/<target>` (the kept corpus and the seeds, `scripts/fuzz.sh`) decoded as the
//! target decodes it, linted (a folder or workspace input as one workspace), and fixed; a Markdown table of the findings and applied fixes
//! per rule, and the rules no input reached.
//!
//! `cargo run --release --example fuzz_reach [FUZZ_DIR]` (scripts/fuzz-coverage.sh runs it
//! next to the line coverage of src/rules/).

#[path = "../tests/support/invariants.rs"]
mod invariants;
#[path = "../tests/support/specgen.rs"]
mod specgen;

use specmark::{fix::apply_fixes, lint, lint_workspace, Applicability, Config, LintOptions};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Default)]
struct Reach {
    findings: usize,
    inputs: usize,
    fixes: usize,
}

fn inputs(dir: &Path) -> Vec<Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read(e.path()).ok())
        .collect()
}

/// The documents (path, kind, text) one input of `target` stands for.
fn documents(target: &str, data: &[u8]) -> Vec<(Option<String>, Option<specmark::Kind>, String)> {
    match target {
        "lint" | "fix" => {
            let Some((&selector, rest)) = data.split_first() else {
                return Vec::new();
            };
            let (kind, path) = invariants::options_for(selector);
            vec![(
                path.map(str::to_string),
                kind,
                String::from_utf8_lossy(rest).into_owned(),
            )]
        }
        "doc" => {
            let mut u = arbitrary::Unstructured::new(data);
            match specgen::document(&mut u) {
                Ok(d) => vec![(Some(d.path), d.kind, d.text)],
                Err(_) => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fuzz".to_string());
    let config = Config::default();
    let mut reach: BTreeMap<&'static str, Reach> = BTreeMap::new();
    for rule in specmark::RULES {
        reach.insert(rule.name, Reach::default());
    }
    let mut total = 0usize;
    // Per target: inputs, documents they stand for, and those documents' bytes.
    let mut sizes: Vec<(&str, usize, usize, usize)> = Vec::new();
    for target in ["lint", "fix", "doc", "diff", "workspace"] {
        let mut all = inputs(&Path::new(&dir).join("corpus").join(target));
        all.extend(inputs(&Path::new(&dir).join("seeds").join(target)));
        total += all.len();
        let (mut docs, mut bytes) = (0usize, 0usize);
        for data in &all {
            if target == "workspace" || target == "diff" {
                let (files, complete) = if target == "workspace" {
                    invariants::workspace_files(data)
                } else {
                    let mut u = arbitrary::Unstructured::new(data);
                    let docs = specgen::folder(&mut u).unwrap_or_default();
                    (docs.into_iter().map(|d| (d.path, d.text)).collect(), true)
                };
                docs += files.len();
                bytes += files.iter().map(|(_, t)| t.len()).sum::<usize>();
                let mut known: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
                if target == "diff" {
                    // As the diff target's complete listing (specgen::diff_input).
                    known.extend([".git", "src/app.py", "app/api/other.ts"].map(String::from));
                }
                for report in lint_workspace(&files, known, complete, &config) {
                    let mut seen = std::collections::BTreeSet::new();
                    for d in &report.diagnostics {
                        if let Some(r) = reach.get_mut(d.name) {
                            r.findings += 1;
                            if seen.insert(d.name) {
                                r.inputs += 1;
                            }
                        }
                    }
                }
                continue;
            }
            // The raw bytes, as `lint_bytes` sees them (not UTF-8, NUL bytes: one engine finding).
            if target == "lint" {
                if let Some((&selector, rest)) = data.split_first() {
                    let (kind, path) = invariants::options_for(selector);
                    let opts = LintOptions {
                        path,
                        kind,
                        config: &config,
                    };
                    let report = specmark::lint_bytes(rest, &opts);
                    if !report.linted {
                        for d in &report.diagnostics {
                            if let Some(r) = reach.get_mut(d.name) {
                                r.findings += 1;
                                r.inputs += 1;
                            }
                        }
                    }
                }
            }
            for (path, kind, text) in documents(target, data) {
                docs += 1;
                bytes += text.len();
                let opts = LintOptions {
                    path: path.as_deref(),
                    kind,
                    config: &config,
                };
                let linted = lint(&text, &opts);
                let mut seen = std::collections::BTreeSet::new();
                for d in &linted.diagnostics {
                    let Some(r) = reach.get_mut(d.name) else {
                        continue;
                    };
                    r.findings += 1;
                    if seen.insert(d.name) {
                        r.inputs += 1;
                    }
                }
                // Which fixes one pass applies: each safe fix alone.
                for d in &linted.diagnostics {
                    let Some(f) = &d.fix else { continue };
                    if f.applicability != Applicability::Safe {
                        continue;
                    }
                    let (_, n) = apply_fixes(&text, std::slice::from_ref(d), false);
                    if n > 0 {
                        if let Some(r) = reach.get_mut(d.name) {
                            r.fixes += 1;
                        }
                    }
                }
            }
        }
        sizes.push((target, all.len(), docs, bytes));
    }
    println!("Inputs read: {total} (kept corpora and seeds of lint, fix, doc, diff, workspace)\n");
    println!("| target | inputs | documents | bytes a document, on average |");
    println!("|---|---|---|---|");
    for (target, n, docs, bytes) in &sizes {
        println!("| {target} | {n} | {docs} | {} |", bytes / (*docs).max(1));
    }
    println!();
    println!("| rule | fixable | findings | inputs with one | safe fixes applied |");
    println!("|---|---|---|---|---|");
    let mut missed = Vec::new();
    for rule in specmark::RULES {
        let r = &reach[rule.name];
        if r.findings == 0 {
            missed.push(rule.name);
        }
        println!(
            "| {} | {} | {} | {} | {} |",
            rule.name,
            if rule.fixable { "yes" } else { "" },
            r.findings,
            r.inputs,
            if rule.fixable {
                r.fixes.to_string()
            } else {
                String::new()
            }
        );
    }
    let reached = specmark::RULES.len() - missed.len();
    println!("\nRules reached: {reached} of {}", specmark::RULES.len());
    if !missed.is_empty() {
        println!("Not reached: {}", missed.join(", "));
    }
}
