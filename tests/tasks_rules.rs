//! The task rules (SM201-SM208, SM301, SM302) on the seeds, the shared corpus, traps that
//! belong to other rules, and pathological input. Fixtures cover each rule's own cases;
//! these tests pin what the rules report on real documents.

use specmark::{lint, lint_workspace, Config, LintOptions};
use std::path::{Path, PathBuf};

const TASK_RULES: &[&str] = &[
    "duplicate-task-id",
    "unknown-dependency",
    "dependency-cycle",
    "done-before-dependency",
    "task-missing-field",
    "unknown-focus",
    "graph-mismatch",
    "temporal-logic",
    "table-shape",
    "critical-path",
];

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// (1-based line, rule name, message) of the task rules' findings.
fn task_findings(text: &str, path: &str) -> Vec<(usize, String, String)> {
    let config = Config::default();
    let linted = lint(
        text,
        &LintOptions {
            path: Some(path),
            kind: None,
            config: &config,
        },
    );
    linted
        .diagnostics
        .iter()
        .filter(|d| TASK_RULES.contains(&d.name))
        .map(|d| {
            (
                linted.doc.line_index.line_of(d.range.start) + 1,
                d.name.to_string(),
                d.message.clone(),
            )
        })
        .collect()
}

fn seed(prefix: &str) -> String {
    let dir = shared().join("seeds");
    let entry = std::fs::read_dir(&dir)
        .expect("shared/seeds beside the repository")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .expect("seed file");
    std::fs::read_to_string(entry.path()).expect("utf-8 seed")
}

fn lines_and_rules(found: &[(usize, String, String)]) -> Vec<(usize, &str)> {
    found.iter().map(|(l, n, _)| (*l, n.as_str())).collect()
}

#[test]
fn goe_seed_asks_files_only_of_the_implementation_task_without_them() {
    let found = task_findings(&seed("000"), "specs/active/x/tasks.md");
    assert_eq!(lines_and_rules(&found), [(82, "task-missing-field")]);
    assert!(found[0].2.contains("INT3"), "{}", found[0].2);
}

#[test]
fn phase_seed_reports_its_template_rows_and_tasks_without_files() {
    let found = task_findings(&seed("003"), "specs/active/x/tasks.md");
    let got = lines_and_rules(&found);
    // Tasks 4.3 and 5.2 of the template have no Files line.
    assert!(got.contains(&(72, "task-missing-field")));
    assert!(got.contains(&(88, "task-missing-field")));
    // One template row per table, two copied example rows per table.
    let temporal: Vec<&(usize, String, String)> =
        found.iter().filter(|f| f.1 == "temporal-logic").collect();
    assert_eq!(temporal.len(), 12);
    assert_eq!(
        temporal
            .iter()
            .filter(|f| f.2.contains("template row"))
            .count(),
        4
    );
    // The graph names exactly the template's tasks; the dependencies exist; no cycle.
    assert!(!got.iter().any(|(_, n)| matches!(
        *n,
        "graph-mismatch" | "unknown-dependency" | "dependency-cycle" | "duplicate-task-id"
    )));
    assert_eq!(got.len(), 14);
}

#[test]
fn goalkit_seed_is_consistent() {
    let text = seed("004");
    assert_eq!(
        task_findings(&text, ".goalkit/goals/001-x/tasks.md"),
        Vec::new()
    );
    // The same file named tasks.md outside .goalkit is linted as tasks: still nothing.
    assert_eq!(task_findings(&text, "tasks.md"), Vec::new());
}

#[test]
fn goalkit_seed_with_a_broken_critical_path_and_table() {
    let text = seed("004")
        .replace(
            "**Critical Path**: T-003 → T-004 → T-005 → T-006",
            "**Critical Path**: T-003 → T-005 → T-006",
        )
        .replace("| Bob | 12h |", "| Bob | twelve |");
    let found = task_findings(&text, ".goalkit/goals/001-x/tasks.md");
    let names: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(names, ["table-shape", "critical-path"], "{found:?}");
    assert!(found[1].2.contains("T-005 does not depend on T-003"));
}

#[test]
fn recovery_seed_template_focus_is_left_to_unfilled_placeholder() {
    let text = seed("002");
    assert_eq!(
        task_findings(&text, "specs/active/x/recovery.md"),
        Vec::new()
    );
    let text = "# Tasks: X\n\n- [ ] **A1**: Do it\n  - File: `a.py`\n\n**Current Focus**: [Task ID currently being worked on]\n";
    assert_eq!(task_findings(text, "specs/active/x/tasks.md"), Vec::new());
}

#[test]
fn focus_in_recovery_is_checked_against_tasks_of_the_same_folder_only() {
    let tasks = "# Tasks: X\n\n- [x] **A1**: Done one\n  - File: `a.py`\n- [ ] **A2**: Open one\n  - File: `b.py`\n".to_string();
    let recovery =
        "# Session Recovery: X\n\n- [ ] **Current focus**: A1: Implement the adapter\n".to_string();
    let files = vec![
        ("specs/active/x/tasks.md".to_string(), tasks),
        ("specs/active/x/recovery.md".to_string(), recovery.clone()),
        ("specs/active/y/recovery.md".to_string(), recovery),
    ];
    let reports = lint_workspace(&files, Vec::<String>::new(), false, &Config::default());
    let focus = |i: usize| {
        reports[i]
            .diagnostics
            .iter()
            .filter(|d| d.name == "unknown-focus")
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        focus(1),
        ["Current Focus names A1, which is already checked off in tasks.md"]
    );
    assert!(focus(2).is_empty(), "no tasks.md beside it");
}

#[test]
fn long_chains_and_one_big_cycle_stay_linear_and_readable() {
    // About 1 MB: a chain of 30 000 tasks closed into one cycle, plus duplicates.
    let mut text = String::from("# Tasks: big\n\n");
    let n = 30_000;
    for i in 1..=n {
        let next = if i == n { 1 } else { i + 1 };
        text.push_str(&format!("- [ ] T{i:05} depends on T{next:05}\n"));
    }
    text.push_str("- [x] T00001 again (depends on T00002-T00009)\n");
    assert!(text.len() > 800_000);
    let found = task_findings(&text, "specs/active/x/tasks.md");
    let cycles: Vec<_> = found.iter().filter(|f| f.1 == "dependency-cycle").collect();
    assert_eq!(cycles.len(), 1);
    assert_eq!(cycles[0].0, 3);
    assert!(cycles[0]
        .2
        .starts_with("dependency cycle of 30000 tasks: T00001 → T00002"));
    assert!(cycles[0].2.contains("(29988 more)"));
    assert!(cycles[0].2.ends_with("T30000 → T00001"));
    let dups: Vec<_> = found
        .iter()
        .filter(|f| f.1 == "duplicate-task-id")
        .collect();
    assert_eq!(dups.len(), 1);
    assert!(dups[0].2.contains("line 3"));
}

/// The fixtures of the task rules, as (path relative to the fixtures folder, text).
fn task_rule_fixtures() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = TASK_RULES.iter().map(|r| root.join(r)).collect();
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("fixture folder").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                let rel = p
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn crlf_finds_the_same_and_lone_cr_and_bom_do_not_panic() {
    let fixtures = task_rule_fixtures();
    assert!(fixtures.len() >= 25);
    for (path, text) in fixtures {
        let lines = |t: &str| -> Vec<(usize, String)> {
            task_findings(t, &path)
                .into_iter()
                .map(|(l, n, _)| (l, n))
                .collect()
        };
        let lf = lines(&text);
        let crlf = lines(&text.replace('\n', "\r\n"));
        assert_eq!(lf, crlf, "{path}: CRLF changes the findings");
        let _ = task_findings(&text.replace('\n', "\r"), &path);
        let bom = lines(&format!("\u{feff}{text}"));
        assert_eq!(lf, bom, "{path}: a BOM changes the findings");
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "- [ ] ",
        "- [x] ",
        "- [X] ",
        "- [-] ",
        "- [ ]* ",
        "  ",
        "**Task 2.1**: ",
        "**A1**: ",
        "T001 ",
        "T-001 ",
        "[T001] ",
        "(P) ",
        "[P] ",
        "depends on ",
        "after ",
        "T001-T005",
        "2.1, 2.x",
        "None",
        "- **Depends on**: ",
        "- Files: `a.py`",
        "**Current Focus**: ",
        "## Dependencies Graph",
        "```",
        "## Temporal Logic Constraints",
        "### Sequence Constraints",
        "| Task ID | Task Name | Description | Owner | Effort | DoD | Dependencies |",
        "|---|---|---|---|---|---|---|",
        "| T-001 | a | b | c | 8h | d | None |",
        "| ",
        "**Critical Path**: T-001 → T-002 → ",
        "→",
        "->",
        "### 1.5 ",
        "_Depends: 1.2_",
        "é",
        "🎯",
        "需求",
        "\u{feff}",
        "3.11",
        "Python ",
        "%",
        "v1.2",
    ];
    const BREAKS: &[&str] = &["\n", "\r\n", "\r", " ", ""];
    const PATHS: &[&str] = &[
        "specs/active/x/tasks.md",
        ".goalkit/goals/001-x/tasks.md",
        ".kiro/specs/x/tasks.md",
        "specs/001-x/tasks.md",
        "specs/active/x/recovery.md",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn task_like_input_never_panics(
            parts in proptest::collection::vec((0..PIECES.len(), 0..BREAKS.len()), 0..60),
            path in 0..PATHS.len(),
        ) {
            let mut text = String::new();
            for (p, b) in parts {
                text.push_str(PIECES[p]);
                text.push_str(BREAKS[b]);
            }
            // Debug builds assert that every reported range is valid.
            let _ = task_findings(&text, PATHS[path]);
        }
    }
}
