//! The score against a labelled set: documents of ../shared/realdocs and of this repository
//! (the page's examples, seeded-defect fixtures), each labelled good, fair or poor by reading
//! it (`tests/corpus/score-labels.tsv`, with the reason). Prints the confusion table of
//! labels against grades (the README's "Score" section shows it) and checks the order:
//! good documents score higher on average than fair ones, fair than poor; the page's weak
//! example scores at most 50, its strong example at least 95.

#[path = "support/realdocs.rs"]
mod realdocs;

use specmark::{lint, Config, LintOptions};
use std::collections::BTreeMap;
use std::path::Path;

fn config_for(dir: &Path) -> Config {
    match std::fs::read_to_string(dir.join(".specmark.toml")) {
        Ok(text) => Config::from_toml(&text, None).expect("fixture config"),
        Err(_) => Config::default(),
    }
}

/// (score, grade) of one labelled document, linted as a user would see it.
fn graded(path: &str) -> (u32, &'static str) {
    if let Some(rest) = path.strip_prefix("realdocs/") {
        let (repo_name, inner) = rest.split_once('/').expect("realdocs/<repo>/<path>");
        let repo = realdocs::repos()
            .into_iter()
            .find(|r| r.name == repo_name)
            .unwrap_or_else(|| panic!("no realdocs folder {repo_name}"));
        let report = realdocs::lint_repo(&repo, &Config::default())
            .into_iter()
            .find(|r| r.path.as_deref() == Some(inner))
            .unwrap_or_else(|| panic!("{path} was not linted as a spec document"));
        return (report.score, report.grade);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = root.join(path);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{path}: {e}"));
    let config = config_for(file.parent().expect("a folder"));
    // The page lints pasted text without a path; fixtures are linted under their path in
    // the fixture folder, as the fixture test does.
    let shown: Option<String> = (!path.starts_with("www/examples/"))
        .then(|| path.trim_start_matches("tests/fixtures/").to_string());
    let opts = LintOptions {
        path: shown.as_deref(),
        kind: None,
        config: &config,
    };
    let r = lint(&text, &opts);
    (r.score.score, r.score.grade)
}

#[test]
fn grades_follow_the_labels() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/score-labels.tsv"
    ))
    .expect("score-labels.tsv");
    let mut table: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    let mut scores: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut by_path: BTreeMap<String, u32> = BTreeMap::new();
    let mut n = 0;
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let c: Vec<&str> = line.split('\t').collect();
        assert!(c.len() >= 3 && !c[2].trim().is_empty(), "bad row: {line}");
        let label = c[1].to_string();
        assert!(["good", "fair", "poor"].contains(&c[1]), "label {}", c[1]);
        let (score, grade) = graded(c[0]);
        println!("{score:>3} {grade} {label:<4} {}", c[0]);
        *table.entry((label.clone(), grade)).or_insert(0) += 1;
        scores.entry(label).or_default().push(score);
        by_path.insert(c[0].to_string(), score);
        n += 1;
    }
    assert!(n >= 30, "only {n} labelled documents");
    println!("\n| label | A | B | C | D | F | mean score |\n|---|---:|---:|---:|---:|---:|---:|");
    let mean = |l: &str| {
        let v = &scores[l];
        v.iter().sum::<u32>() as f64 / v.len() as f64
    };
    for l in ["good", "fair", "poor"] {
        let cells: Vec<String> = ["A", "B", "C", "D", "F"]
            .iter()
            .map(|g| {
                table
                    .get(&(l.to_string(), *g))
                    .copied()
                    .unwrap_or(0)
                    .to_string()
            })
            .collect();
        println!("| {l} | {} | {:.1} |", cells.join(" | "), mean(l));
    }
    assert!(
        mean("good") > mean("fair"),
        "good {} fair {}",
        mean("good"),
        mean("fair")
    );
    assert!(
        mean("fair") > mean("poor"),
        "fair {} poor {}",
        mean("fair"),
        mean("poor")
    );
    let weak = by_path["www/examples/weak-prd.md"];
    assert!(weak <= 50, "the page's weak example scores {weak}");
    let strong = by_path["www/examples/strong-prd.md"];
    assert!(strong >= 95, "the page's strong example scores {strong}");
}
