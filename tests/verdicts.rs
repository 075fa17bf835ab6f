//! Every finding specmark reports on the real documents of `../shared/realdocs/` has a
//! verdict in `tests/corpus/verdicts.tsv` (path, line, rule, `right` or `wrong`, reason),
//! given by reading the document as its author would. The test fails when a finding has no
//! verdict, or a finding judged right disappears; it prints the precision (right / all) by
//! rule and by family.
//!
//! After a change to a rule: run `cargo test --test verdicts -- --nocapture`, judge each new
//! finding it lists and add its row (sorted by path, then line).

#[path = "support/realdocs.rs"]
mod realdocs;

use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    path: String,
    line: usize,
    rule: String,
}

struct Verdict {
    right: bool,
}

fn verdicts() -> BTreeMap<Key, Verdict> {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/verdicts.tsv");
    let text = std::fs::read_to_string(file).expect("tests/corpus/verdicts.tsv");
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        assert!(
            c.len() >= 5,
            "verdicts.tsv:{}: want 5 columns: {line}",
            i + 1
        );
        let right = match c[3] {
            "right" => true,
            "wrong" => false,
            v => panic!(
                "verdicts.tsv:{}: verdict {v:?} is not right or wrong",
                i + 1
            ),
        };
        assert!(!c[4].trim().is_empty(), "verdicts.tsv:{}: no reason", i + 1);
        let key = Key {
            path: c[0].to_string(),
            line: c[1]
                .parse()
                .unwrap_or_else(|_| panic!("verdicts.tsv:{}: line", i + 1)),
            rule: c[2].to_string(),
        };
        out.insert(key, Verdict { right });
    }
    out
}

fn family(categories: &BTreeMap<String, String>, path: &str) -> String {
    categories
        .get(path)
        .cloned()
        .unwrap_or_else(|| "other".to_string())
}

#[test]
fn every_finding_on_real_documents_has_a_verdict() {
    let judged = verdicts();
    let categories = realdocs::categories();
    let config = specmark::Config::default();
    let mut found: BTreeMap<Key, usize> = BTreeMap::new();
    // The messages of the findings, for `VERDICTS_DUMP` (a reviewer's worksheet).
    let mut messages: BTreeMap<Key, Vec<String>> = BTreeMap::new();
    let mut documents = 0;
    for repo in realdocs::repos() {
        for report in realdocs::lint_repo(&repo, &config) {
            documents += 1;
            let path = format!("{}/{}", repo.name, report.path.as_deref().unwrap_or(""));
            for d in &report.diagnostics {
                let key = Key {
                    path: path.clone(),
                    line: d.range.start.line as usize + 1,
                    rule: d.name.to_string(),
                };
                messages
                    .entry(key.clone())
                    .or_default()
                    .push(d.message.clone());
                *found.entry(key).or_insert(0) += 1;
            }
        }
    }
    assert!(
        documents >= 150,
        "only {documents} spec documents linted: corpus missing?"
    );

    let unjudged: Vec<String> = found
        .keys()
        .filter(|k| !judged.contains_key(k))
        .map(|k| format!("{}\t{}\t{}", k.path, k.line, k.rule))
        .collect();
    // `VERDICTS_DUMP=FILE`: write the unjudged findings with their messages, one per line
    // (path, line, rule, message), for review.
    if let Ok(file) = std::env::var("VERDICTS_DUMP") {
        let rows: Vec<String> = found
            .keys()
            .filter(|k| !judged.contains_key(k))
            .map(|k| {
                let m = messages.get(k).map(|m| m.join(" | ")).unwrap_or_default();
                format!("{}\t{}\t{}\t{m}", k.path, k.line, k.rule)
            })
            .collect();
        std::fs::write(&file, rows.join("\n") + "\n").expect("VERDICTS_DUMP is writable");
    }
    let present: BTreeSet<&Key> = found.keys().collect();
    let lost: Vec<String> = judged
        .iter()
        .filter(|(k, v)| v.right && !present.contains(k))
        .map(|(k, _)| format!("{}\t{}\t{}", k.path, k.line, k.rule))
        .collect();

    // Precision over findings (a row stands for every finding of its rule on its line).
    let mut by_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut by_family: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut right, mut wrong) = (0usize, 0usize);
    for (k, n) in &found {
        let Some(v) = judged.get(k) else { continue };
        let fam = family(&categories, &k.path);
        for e in [
            by_rule.entry(k.rule.clone()).or_default(),
            by_family.entry(fam).or_default(),
        ] {
            if v.right {
                e.0 += n;
            } else {
                e.1 += n;
            }
        }
        if v.right {
            right += n;
        } else {
            wrong += n;
        }
    }
    let pct = |r: usize, w: usize| {
        if r + w == 0 {
            100.0
        } else {
            100.0 * r as f64 / (r + w) as f64
        }
    };
    println!(
        "realdocs: {documents} documents, {} findings, {right} right, {wrong} wrong: precision {:.1}%",
        right + wrong,
        pct(right, wrong)
    );
    for (what, table) in [("rule", &by_rule), ("family", &by_family)] {
        for (name, (r, w)) in table {
            println!(
                "  {what} {name}: {r} right, {w} wrong ({:.1}%)",
                pct(*r, *w)
            );
        }
    }
    let stale = judged
        .iter()
        .filter(|(k, v)| !v.right && !present.contains(k))
        .count();
    if stale > 0 {
        println!("  {stale} findings judged wrong are gone (fixed)");
    }
    assert!(
        unjudged.is_empty(),
        "{} findings have no verdict in tests/corpus/verdicts.tsv; judge them and add rows:\n{}",
        unjudged.len(),
        unjudged.join("\n")
    );
    assert!(
        lost.is_empty(),
        "{} findings judged right are no longer reported:\n{}",
        lost.len(),
        lost.join("\n")
    );
}
