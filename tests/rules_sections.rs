//! The section, word-count and criteria rules on the seeds' own templates, and on large
//! pathological input (no panic, no quadratic blow-up).

use specmark::{lint, Config, LintOptions, Severity};
use std::time::{Duration, Instant};

fn seed(name: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let entry = std::fs::read_dir(&dir)
        .expect("shared/seeds beside the repository")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(name))
        .expect("seed file");
    std::fs::read_to_string(entry.path()).expect("utf-8 seed")
}

/// The lines of `text` from the one starting with `first` to the one starting with `last`.
fn block(text: &str, first: &str, last: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let a = lines
        .iter()
        .position(|l| l.starts_with(first))
        .expect("start line");
    let b = a + lines[a..]
        .iter()
        .position(|l| l.starts_with(last))
        .expect("end line");
    lines[a..=b].join("\n") + "\n"
}

/// (line, severity, rule, message) of the findings of `rules`.
fn findings(text: &str, path: &str, rules: &[&str]) -> Vec<(u32, Severity, String, String)> {
    findings_as(text, path, None, rules)
}

/// [`findings`] with the profile chosen (`--profile`).
fn findings_as(
    text: &str,
    path: &str,
    profile: Option<&str>,
    rules: &[&str],
) -> Vec<(u32, Severity, String, String)> {
    let mut config = Config::default();
    config.profile = profile.map(str::to_string);
    let opts = LintOptions {
        path: Some(path),
        kind: None,
        config: &config,
    };
    lint(text, &opts)
        .report()
        .diagnostics
        .iter()
        .filter(|d| rules.contains(&d.name))
        .map(|d| {
            (
                d.range.start.line + 1,
                d.severity,
                d.name.to_string(),
                d.message.clone(),
            )
        })
        .collect()
}

#[test]
fn prd_template_of_seed_001_has_every_section_and_only_the_bad_criteria_are_vague() {
    let prd = block(
        &seed("001"),
        "# PRD: [Feature Name]",
        "4. Docs & Vision agent handles quality gate",
    );
    let path = "specs/active/x/prd.md";
    assert_eq!(findings(&prd, path, &["missing-section"]), vec![]);
    assert_eq!(findings(&prd, path, &["acceptance-criteria-count"]), vec![]);
    assert_eq!(findings(&prd, path, &["acceptance-criteria-id"]), vec![]);
    let vague: Vec<String> = findings(&prd, path, &["vague-criterion"])
        .into_iter()
        .map(|f| prd.lines().nth(f.0 as usize - 1).unwrap_or("").to_string())
        .collect();
    assert_eq!(
        vague,
        [
            "- [ ] Offload works correctly",
            "- [ ] Performance is good",
            "- [ ] Tests pass"
        ]
    );
    // The template is a skeleton: far below 2,000 words, and its sections below their
    // minimums (the "(300+ words)" remarks themselves count as words, like `wc -w`).
    let wc = findings(&prd, path, &["word-count"]);
    assert_eq!(wc.len(), 1);
    assert!(wc[0]
        .3
        .ends_with("the PRD template requires at least 2,000"));
    let sections: Vec<String> = findings(&prd, path, &["section-word-count"])
        .into_iter()
        .map(|f| f.3)
        .collect();
    assert!(
        sections
            .iter()
            .any(|m| m.starts_with("section \"Architecture (600+ words)\" has ")),
        "{sections:?}"
    );
}

#[test]
fn recovery_template_of_seed_002_has_every_section() {
    let text = seed("002");
    let path = "specs/active/x/recovery.md";
    assert_eq!(findings(&text, path, &["missing-section"]), vec![]);
    // Dropping a required section is a warning, dropping an optional one an info.
    let cut = text
        .replace("## Open Questions", "## Unknowns")
        .replace("## Rollback Information", "## Undo");
    let f = findings(&cut, path, &["missing-section"]);
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[0].1, Severity::Warning);
    assert_eq!(
        f[0].3,
        "missing required section \"Open Questions\" (recovery)"
    );
    assert_eq!(f[1].1, Severity::Info);
    assert_eq!(
        f[1].3,
        "recovery template sections not present: Rollback Information"
    );
    // Recovery notes have no word minimums.
    assert_eq!(
        findings(&text, path, &["word-count", "section-word-count"]),
        vec![]
    );
}

#[test]
fn research_templates_of_seed_001_follow_the_file_name() {
    let s = seed("001");
    let analysis = block(
        &s,
        "# Ultra-Deep Analysis Report",
        "   - Risks: {potential issues}",
    );
    let plan = block(
        &s,
        "# EXTENSIVE Research Report",
        "**Total**: {count} words",
    );
    let a = "specs/active/x/research/analysis.md";
    let p = "specs/active/x/research/plan.md";
    assert_eq!(findings(&analysis, a, &["missing-section"]), vec![]);
    assert_eq!(findings(&plan, p, &["missing-section"]), vec![]);
    // Swapped, neither has a mark of the other's template: not held to it.
    assert_eq!(findings(&analysis, p, &["missing-section"]), vec![]);
    // Declared as plan, the analysis misses every section of it: one finding.
    let swapped = findings_as(
        &analysis,
        p,
        Some("goe-research-plan"),
        &["missing-section"],
    );
    assert_eq!(swapped.len(), 1);
    assert!(swapped[0]
        .3
        .starts_with("none of the sections the research plan template requires are present"));
    // Five analysis phases below their minimums.
    assert_eq!(
        findings(&analysis, a, &["section-word-count"]).len(),
        5,
        "{:?}",
        findings(&analysis, a, &["section-word-count"])
    );
    let wc = findings(&analysis, a, &["word-count"]);
    assert!(wc[0]
        .3
        .ends_with("the research analysis template requires at least 4,500"));
}

#[test]
fn non_english_prd_findings_are_info() {
    let text = "# PRD: 基金量化分析平台\n\n**Workspace**: specs/active/fund/\n\n## Overview\n\n本文档描述基金量化分析平台的架构重构需求，包括状态管理和服务层。\n\n## 验收标准\n\n- 首屏加载时间不超过两秒\n";
    let f = findings(
        text,
        "specs/active/fund/prd.md",
        &["missing-section", "word-count", "section-word-count"],
    );
    assert!(f.len() >= 3, "{f:?}");
    assert!(f.iter().all(|x| x.1 == Severity::Info), "{f:?}");
    // The same gaps in English are warnings.
    let en = "# PRD: Fund analysis\n\n**Workspace**: specs/active/fund/\n\n## Overview\n\nThis document describes the rework.\n";
    let f = findings(en, "specs/active/fund/prd.md", &["missing-section"]);
    assert!(f.iter().all(|x| x.1 == Severity::Warning), "{f:?}");
}

/// Big documents of the shapes these rules walk (many headings, empty sections, criteria
/// sections, ids) lint without panicking. The time bound only catches a catastrophic
/// blow-up (a debug build on a shared machine is slow and noisy; release timings are
/// measured separately): a quadratic walk over these 10^4-10^5 items takes far longer.
#[test]
fn large_pathological_documents_lint_in_linear_time() {
    let mut shapes = Vec::new();
    let mut s = String::from("# PRD: Big\n\n");
    while s.len() < 1_000_000 {
        s.push_str("## Acceptance Criteria\n\n- [ ] **AC1**: works correctly\n- [ ] AC3 fast\n\n");
    }
    shapes.push(("prd.md", s));
    let mut s = String::from("# PRD: Big\n\n## Acceptance Criteria\n\n");
    let mut n = 1;
    while s.len() < 1_000_000 {
        s.push_str(&format!("- [ ] **AC{n}**: Loads in <{n} ms\n"));
        n += 2;
    }
    shapes.push(("prd.md", s));
    let mut s = String::from("# Tasks: Big\n\n");
    let mut n = 0;
    while s.len() < 1_000_000 {
        n += 1;
        s.push_str(&format!("## Phase {n}: Empty\n\n**Checkpoint**: x\n\n### Overview\n\n## Phase {n}b\n\n- [ ] T{n} do it\n  - **Done when**: tests pass\n"));
    }
    shapes.push(("specs/001-big/tasks.md", s));
    let mut s = String::from("# Session Recovery: Big\n\n");
    while s.len() < 1_000_000 {
        s.push_str("**Completed**: yes\n#\n## \n### Open\n");
    }
    shapes.push(("recovery.md", s));
    shapes.push(("prd.md", "#".repeat(1_000_000)));
    shapes.push(("prd.md", "- **".repeat(250_000)));
    let config = Config::default();
    for (path, text) in &shapes {
        let started = Instant::now();
        let linted = lint(
            text,
            &LintOptions {
                path: Some(path),
                kind: None,
                config: &config,
            },
        );
        let took = started.elapsed();
        assert!(
            took < Duration::from_secs(60),
            "{path}: {} bytes took {took:?} ({} findings)",
            text.len(),
            linted.diagnostics.len()
        );
    }
}

#[test]
fn odd_input_does_not_panic() {
    let config = Config::default();
    for text in [
        "",
        "\u{feff}",
        "\u{feff}# PRD: X\r\n\r\n## Acceptance Criteria\r\n\r\n- [ ] AC1: fast\r\n- [ ] AC3: ok\r\n",
        "# PRD: X\r## Overview\r\r## Acceptance Criteria\r- AC1 good\r",
        "## \n### \n#### 🎯\n",
        "# PRD\n\n## Acceptance Criteria\n\n| AC99999999999999999999 | x |\n|---|---|\n| AC1 | y |\n",
        "# PRD\n\n## Acceptance Criteria\n\n- AC1.2.3.4.5.6 a\n- AC1.2.3.4.5.8 b\n- AC-0 c\n- AC-0 d\n",
    ] {
        for path in ["prd.md", "recovery.md", "research/analysis.md", "tasks.md"] {
            let _ = lint(
                text,
                &LintOptions {
                    path: Some(path),
                    kind: None,
                    config: &config,
                },
            );
        }
    }
}
