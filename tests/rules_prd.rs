//! PRD, research and recovery rules on the seeds and on inputs the fixtures cannot express
//! (exact columns, CRLF, pathological snippets).

use specmark::{lint, Config, LintOptions};

fn seed(name: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let entry = std::fs::read_dir(&dir)
        .expect("shared/seeds beside the repository")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(name))
        .expect("seed file");
    std::fs::read_to_string(entry.path()).expect("utf-8 seed")
}

/// (rule name, text of the finding's range, 1-based line) of every finding of `rules`.
fn findings(text: &str, path: &str, rules: &[&str]) -> Vec<(String, String, usize)> {
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
        .filter(|d| rules.contains(&d.name))
        .map(|d| {
            (
                d.name.to_string(),
                text[d.range.clone()].to_string(),
                text[..d.range.start].matches('\n').count() + 1,
            )
        })
        .collect()
}

#[cfg(feature = "python")]
#[test]
fn seed_prd_agent_has_one_python_syntax_error() {
    // Seed 001 (the PRD agent prompt) linted as a PRD: its `-n=True` keyword argument is the
    // one real syntax error; `Read("AGENTS.md")` lines and the `...` elision after a keyword
    // argument (`enable_optimization=..., ...`) parse.
    let text = seed("001");
    let found = findings(&text, "specs/active/seed/prd.md", &["snippet-syntax"]);
    assert_eq!(found.len(), 1, "{found:?}");
    let (_, range_text, line) = &found[0];
    assert!(range_text.starts_with("=True)"), "{range_text:?}");
    assert!(text.lines().nth(line - 1).unwrap().contains("-n=True"));
}

#[test]
fn seed_recovery_template_findings() {
    let text = seed("002");
    let found = findings(
        &text,
        "specs/active/x/recovery.md",
        &[
            "last-updated",
            "absolute-path",
            "blocker-missing",
            "impossible-count",
        ],
    );
    let names: Vec<(&str, &str)> = found
        .iter()
        .map(|(n, t, _)| (n.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            (
                "last-updated",
                "[Date/Time - update this with each session]"
            ),
            ("absolute-path", "/home/cody/code/gluent/goe"),
        ]
    );
}

#[cfg(feature = "python")]
#[test]
fn syntax_error_columns_map_into_indented_blocks_and_crlf() {
    let text = "# PRD: X\r\n\r\n**Status**: Draft\r\n**Created**: 2025-11-23\r\n\r\n\
                - Step:\r\n\r\n  ```python\r\n  # VERIFIED: x\r\n  if ready:\r\n      go() +\r\n  ```\r\n";
    let found = findings(text, "specs/active/x/prd.md", &["snippet-syntax"]);
    assert_eq!(found.len(), 1, "{found:?}");
    // The error is at the end of `go() +` (nothing after the operator): line 11.
    assert_eq!(found[0].2, 11);
    assert!(
        found[0].1.starts_with("go() +") || found[0].1 == "+",
        "{:?}",
        found[0].1
    );

    let quoted = "# PRD: X\n\n**Status**: Draft\n**Created**: 2025-11-23\n\n\
                  > ```python\n> # VERIFIED: x\n> data = {1: 2,, 3: 4}\n> ```\n";
    let found = findings(quoted, "specs/active/x/prd.md", &["snippet-syntax"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, ", 3: 4}", "{:?}", found[0]);
    assert_eq!(found[0].2, 8);
}

#[test]
fn pathological_snippets_do_not_crash() {
    let deep = format!(
        "# PRD: X\n\n**Status**: Draft\n**Created**: 2025-11-23\n\n```python\n# VERIFIED: x\nx = {}1{}\ny = 1{}\n```\n",
        "(".repeat(50_000),
        ")".repeat(50_000),
        " + 1".repeat(50_000)
    );
    let found = findings(&deep, "specs/active/x/prd.md", &["snippet-syntax"]);
    #[cfg(feature = "python")]
    assert_eq!(found.len(), 1, "{found:?}");
    #[cfg(not(feature = "python"))]
    assert!(found.is_empty());
    for odd in [
        "```python\n",
        "```python\n\u{feff}x = 1\n```",
        "```python\r\rx = (\r```",
        "```python\n>>> \n... \n```\n",
        "```python\n    \t\n```\n",
        "```python\n'''unterminated\n```\n",
        "```python\nx = '\\\n```\n",
        "```python\n🎉 = 1\n```\n",
        "- ```python\n  x = (\n",
    ] {
        let _ = findings(odd, "specs/active/x/prd.md", &["snippet-syntax"]);
    }
}

/// (rule name, severity, message) of every finding of `rules`.
fn messages(text: &str, path: &str, rules: &[&str]) -> Vec<(String, String, String)> {
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
        .filter(|d| rules.contains(&d.name))
        .map(|d| {
            (
                d.name.to_string(),
                d.severity.as_str().to_string(),
                d.message.clone(),
            )
        })
        .collect()
}

#[test]
fn absolute_path_fix_uses_home_in_shell_blocks_only() {
    let text = "# Session Recovery: X\n\n**Last Updated**: 2025-11-23\n\n\
                Logs: /home/cody/logs/app.log\n\n```bash\ncd /home/cody/code/goe\n```\n";
    let config = Config::default();
    let opts = LintOptions {
        path: Some("specs/active/x/recovery.md"),
        kind: None,
        config: &config,
    };
    // Not applied by a plain --fix: it is unsafe.
    assert_eq!(specmark::fix_text(text, &opts, false).applied, 0);
    let fixed = specmark::fix_text(text, &opts, true);
    assert_eq!(fixed.applied, 1);
    assert!(
        fixed.output.contains("cd $HOME/code/goe\n"),
        "{}",
        fixed.output
    );
    assert!(fixed.output.contains("Logs: /home/cody/logs/app.log"));
}

#[test]
fn last_updated_messages_say_what_is_wrong() {
    let msg = |value: &str| {
        let text = format!("# Session Recovery: X\n\n**Last Updated**: {value}\n");
        messages(&text, "specs/active/x/recovery.md", &["last-updated"])
            .into_iter()
            .map(|(_, _, m)| m)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        msg("{timestamp}"),
        ["Last Updated is still the template placeholder `{timestamp}`"]
    );
    assert_eq!(msg(""), ["Last Updated has no value"]);
    assert_eq!(msg("soon"), ["Last Updated `soon` is not a date"]);
    assert!(msg("2025-11-23T14:30Z").is_empty());
    assert!(msg("Nov 23, 2025 (session 3)").is_empty());
}

#[test]
fn header_metadata_is_info_for_non_english_prds() {
    let text = "# PRD: 基金量化分析平台\n\n**Workspace**: specs/active/fund/\n\n## 1. 需求\n\n系统应支持展示不同类型基金的排行数据，排行应支持多时间段筛选。\n";
    let found = messages(text, "specs/active/fund/prd.md", &["header-metadata"]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|(_, sev, _)| sev == "info"), "{found:?}");
    let english = "# PRD: Loader\n\n**Workspace**: specs/active/fund/\n\n## Overview\n\nThe loader moves rows in batches.\n";
    let found = messages(english, "specs/active/fund/prd.md", &["header-metadata"]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found.iter().all(|(_, sev, _)| sev == "warning"),
        "{found:?}"
    );
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    /// Pieces the PRD, research and recovery rules react to, plus awkward bytes.
    const PIECES: &[&str] = &[
        "# PRD: X\n",
        "## Risks & Mitigation\n",
        "| Risk | Impact | Probability | Mitigation |\n|---|---|---|---|\n",
        "| a | Severe | | |\n",
        "| Status | Draft |\n|---|---|\n",
        "**Status**: Sketch\n",
        "**Created**: 2025-02-30\n",
        "**Last Updated**: [Date]\n",
        "### Blocked\n- [ ] item BLOCKED\n",
        "  - **Blocker**: x\n",
        "Passing: 12/10 tests, Coverage: 120%\n",
        "| Tests | Coverage |\n|---|---|\n| 3/2 | 150% |\n",
        "cd /home/cody/x /Users/é/ C:\\Users\\ü\\\n",
        "```python\n",
        "```py\n",
        "```\n",
        "   ```python\n",
        "> ```python\n> x = (\n",
        "def f(...):\n",
        "    ...\n",
        ">>> x = 1\n",
        "x = (1,\n",
        "[placeholder text]\n",
        "# VERIFIED: ok\n",
        "### Pattern 1: x\n",
        "## Library Best Practices\n### Library 1: y\n",
        "\r\n",
        "\r",
        "\n",
        "\u{feff}",
        "\t",
        "é🎉中",
        "\"\"\"",
        "'",
        "\\",
        "(((",
        ")))",
        "- ",
        "1. ",
        "|",
    ];

    fn doc_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn rules_never_panic_and_ranges_are_valid(text in doc_text()) {
            for path in [
                "specs/active/x/prd.md",
                "specs/active/x/research/plan.md",
                "specs/active/x/recovery.md",
                "specs/active/x/tasks.md",
            ] {
                let config = Config::default();
                let linted = lint(&text, &LintOptions { path: Some(path), kind: None, config: &config });
                for d in &linted.diagnostics {
                    prop_assert!(d.range.start <= d.range.end && d.range.end <= text.len());
                    prop_assert!(text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end));
                }
            }
        }
    }
}
