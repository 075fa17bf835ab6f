//! Profiles end to end: a team's own template as the schema (through `.specmark.toml`,
//! `--profile` and the commands), and which profile real-world shapes of documents get.

#[path = "support/cli.rs"]
mod support;

use serde_json::Value;
use std::path::Path;
use support::{file, json, run_plain, tmp, write, Run};

fn run(dir: &Path, args: &[&str]) -> Run {
    run_plain(env!("CARGO_BIN_EXE_specmark"), dir, args)
}

/// (rule, message) of every finding of a file in a JSON report.
fn findings(report: &Value, path: &str) -> Vec<(String, String)> {
    file(report, path)["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["name"].as_str().unwrap_or("").to_string(),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

const TEMPLATE: &str = "# Runbook: [Service Name]\n\n\
**Status**: Draft | Reviewed | Retired\n**Owner**: [Team]\n\n\
## Purpose (30+ words)\n[Why this runbook exists.]\n\n\
## Alerts\n[Which alerts send people here.]\n\n\
## Recovery Steps (40+ words)\n[What to do, in order.]\n";

const PURPOSE: &str = "This runbook covers the payments gateway: how to tell a stuck \
queue from a slow upstream, which dashboards to open first, and when to page the \
database team instead of restarting workers, so that the person on call can act \
without waiting for anyone.";

const STEPS: &str = "Open the queue dashboard and compare the depth with the hour \
before. If the depth grows while upstream latency stays flat, restart the workers one \
at a time with the deploy tool and watch the depth fall. If upstream latency grows, do \
not restart anything: page the database team and post in the incident channel.";

fn runbook(status: &str, owner: &str, sections: &[(&str, &str)]) -> String {
    let mut s =
        format!("# Runbook: Payments gateway\n\n**Status**: {status}\n**Owner**: {owner}\n");
    for (title, body) in sections {
        s.push_str(&format!("\n## {title}\n\n{body}\n"));
    }
    s
}

fn team_folder() -> tempfile::TempDir {
    let dir = tmp();
    write(dir.path(), "templates/runbook.md", TEMPLATE);
    write(
        dir.path(),
        ".specmark.toml",
        "[[profiles]]\nname = \"runbook\"\ntemplate = \"templates/runbook.md\"\n\
extends = \"generic-prd\"\nmatch = [\"runbooks/*.md\"]\n",
    );
    let full = [
        ("Purpose", PURPOSE),
        ("Alerts", "The `PaymentsQueueDepth` alert."),
        ("Recovery Steps", STEPS),
    ];
    write(
        dir.path(),
        "runbooks/complete.md",
        runbook("Reviewed", "Payments", &full),
    );
    write(
        dir.path(),
        "runbooks/missing.md",
        runbook("Reviewed", "Payments", &[full[0], full[2]]),
    );
    write(
        dir.path(),
        "runbooks/short.md",
        runbook(
            "Reviewed",
            "Payments",
            &[("Purpose", "Too short."), full[1], full[2]],
        ),
    );
    write(
        dir.path(),
        "runbooks/placeholder.md",
        runbook("Reviewed", "[Team]", &full),
    );
    write(
        dir.path(),
        "runbooks/status.md",
        runbook("Approved", "Payments", &full),
    );
    dir
}

#[test]
fn a_custom_template_is_the_schema() {
    let dir = team_folder();
    let r = run(dir.path(), &["check", "runbooks", "--format", "json"]);
    assert_eq!(r.code, 0, "warnings only: {}", r.stderr);
    let report = json(&r);
    assert_eq!(findings(&report, "runbooks/complete.md"), vec![]);
    let names =
        |p: &str| -> Vec<String> { findings(&report, p).into_iter().map(|(n, _)| n).collect() };
    assert_eq!(names("runbooks/missing.md"), vec!["missing-section"]);
    assert!(findings(&report, "runbooks/missing.md")[0]
        .1
        .contains("\"Alerts\""));
    assert_eq!(names("runbooks/short.md"), vec!["section-word-count"]);
    assert!(findings(&report, "runbooks/short.md")[0]
        .1
        .contains("at least 30"));
    assert_eq!(
        names("runbooks/placeholder.md"),
        vec!["unfilled-placeholder"]
    );
    assert_eq!(names("runbooks/status.md"), vec!["header-metadata"]);
    assert!(findings(&report, "runbooks/status.md")[0]
        .1
        .contains("Draft, Reviewed, Retired"));
    let f = file(&report, "runbooks/status.md");
    assert_eq!(f["profile"], "runbook");
    assert!(f["profileReason"]
        .as_str()
        .unwrap_or("")
        .contains("runbooks/*.md"));
}

#[test]
fn profile_flag_and_front_matter_choose_the_profile() {
    let dir = tmp();
    // A GOE-shaped PRD outside a workspace: generic unless chosen.
    let prd = "# Product Requirements: Export\n\n## Overview\n\nShort.\n";
    write(dir.path(), "docs/prd.md", prd);
    let r = run(dir.path(), &["check", "docs/prd.md", "--format", "json"]);
    let report = json(&r);
    assert_eq!(file(&report, "docs/prd.md")["profile"], "generic-prd");
    assert!(findings(&report, "docs/prd.md")
        .iter()
        .all(|(n, _)| n != "word-count" && n != "missing-section"));
    let r = run(
        dir.path(),
        &[
            "check",
            "docs/prd.md",
            "--format",
            "json",
            "--profile",
            "goe-prd",
        ],
    );
    let report = json(&r);
    let f = file(&report, "docs/prd.md");
    assert_eq!(f["profile"], "goe-prd");
    let names: Vec<String> = findings(&report, "docs/prd.md")
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert!(names.contains(&"word-count".to_string()), "{names:?}");
    assert!(names.contains(&"missing-section".to_string()), "{names:?}");

    let fm = format!("---\nspecmark: {{ profile: goe-prd }}\n---\n{prd}");
    write(dir.path(), "docs/prd.md", fm);
    let r = run(dir.path(), &["check", "docs/prd.md", "--format", "json"]);
    let report = json(&r);
    assert_eq!(file(&report, "docs/prd.md")["profile"], "goe-prd");
    assert!(file(&report, "docs/prd.md")["profileReason"]
        .as_str()
        .unwrap_or("")
        .contains("front matter"));
}

#[test]
fn bad_profile_settings_are_clear_errors() {
    let dir = tmp();
    write(dir.path(), "a/prd.md", "# PRD: X\n");
    let r = run(dir.path(), &["check", "a", "--profile", "nope"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown profile \"nope\""),
        "{}",
        r.stderr
    );
    write(
        dir.path(),
        ".specmark.toml",
        "[[profiles]]\nname = \"x\"\ntemplate = \"missing.md\"\n",
    );
    let r = run(dir.path(), &["check", "a"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("cannot read template missing.md"),
        "{}",
        r.stderr
    );
    write(
        dir.path(),
        ".specmark.toml",
        "[[profiles]]\nname = \"x\"\nextends = \"bmad\"\n",
    );
    let r = run(dir.path(), &["check", "a"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("extends \"bmad\""), "{}", r.stderr);
    write(
        dir.path(),
        ".specmark.toml",
        "[[profiles]]\nname = \"x\"\nmatchs = [\"*.md\"]\n",
    );
    let r = run(dir.path(), &["check", "a"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(".specmark.toml:3:1"), "{}", r.stderr);
}

#[test]
fn commands_list_show_and_init_from_a_template() {
    let dir = team_folder();
    let r = run(dir.path(), &["profiles"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("goe-prd"), "{}", r.stdout);
    assert!(r
        .stdout
        .contains("built-in, from profiles/templates/goe-prd.md"));
    assert!(r.stdout.contains("runbook"));
    assert!(r.stdout.contains("template templates/runbook.md"));
    let r = run(dir.path(), &["profile", "runbook"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("Purpose (30+ words)  required"),
        "{}",
        r.stdout
    );
    assert!(r
        .stdout
        .contains("field: Status (Draft | Reviewed | Retired)"));
    assert!(r.stdout.contains("[Service Name]"));
    let r = run(dir.path(), &["profile", "goe-prd", "--format", "json"]);
    let v = json(&r);
    assert_eq!(v["schema"]["min-words"], 2000);
    let r = run(dir.path(), &["profile", "nope"]);
    assert_eq!(r.code, 2);

    let fresh = tmp();
    write(fresh.path(), "team/runbook-template.md", TEMPLATE);
    let r = run(
        fresh.path(),
        &["init", "--template", "team/runbook-template.md"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written =
        std::fs::read_to_string(fresh.path().join(".specmark.toml")).expect("config written");
    assert!(
        written.contains("template = \"team/runbook-template.md\""),
        "{written}"
    );
    assert!(written.contains("name = \"runbook\""), "{written}");
    // The written configuration works: a runbook missing a section is reported.
    write(
        fresh.path(),
        "ops/runbook-payments.md",
        runbook("Draft", "Payments", &[("Purpose", PURPOSE)]),
    );
    let r = run(fresh.path(), &["check", "ops", "--format", "json"]);
    let report = json(&r);
    let names: Vec<String> = findings(&report, "ops/runbook-payments.md")
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert!(names.contains(&"missing-section".to_string()), "{names:?}");
    let r = run(
        fresh.path(),
        &["init", "--template", "nowhere.md", "--force"],
    );
    assert_eq!(r.code, 2);
}

#[test]
fn detection_says_why() {
    let dir = tmp();
    let goe = "# PRD: Checkout\n\n**Status**: Draft\n**Workspace**: specs/active/checkout/\n\n## Overview\n\nText.\n";
    write(dir.path(), "specs/active/checkout/prd.md", goe);
    // The same layout, a variant of the workflow: none of the GOE template's own marks.
    let variant =
        "# PRD: Search\n\n**Status**: Draft\n**Created**: 2026-01-05\n\n## Overview\n\nText.\n";
    write(dir.path(), "specs/active/search/prd.md", variant);
    write(
        dir.path(),
        "docs/prd.md",
        "# Product Requirements Document (PRD)\n\n## Goals\n\nShip it.\n",
    );
    write(
        dir.path(),
        "notes/prd.md",
        "# PRD: Export\n\n**Status**: Draft\n\n## Overview\n\n```python\n# VERIFIED: src/export.py:1-3\nexport()\n```\n",
    );
    let r = run(dir.path(), &["check", ".", "--format", "json"]);
    let report = json(&r);
    let f = file(&report, "specs/active/checkout/prd.md");
    assert_eq!(f["profile"], "goe-prd");
    assert_eq!(
        f["profileReason"],
        "GOE PRD: in specs/active/checkout/; its Workspace line names a specs/ folder; title follows \"PRD: [Feature Name]\""
    );
    let f = file(&report, "specs/active/search/prd.md");
    assert_eq!(f["profile"], "generic-prd", "{f:#}");
    let f = file(&report, "docs/prd.md");
    assert_eq!(f["profile"], "generic-prd");
    assert!(f["profileReason"]
        .as_str()
        .unwrap_or("")
        .contains("follows no known template"));
    // Outside a workspace: the template's title and its `# VERIFIED:` comments.
    let f = file(&report, "notes/prd.md");
    assert_eq!(f["profile"], "goe-prd", "{f:#}");
}

/// The npm package and the page give the template's text inline: the same checks apply.
#[test]
fn an_inline_template_is_a_custom_template() {
    let mut config = specmark::Config::default();
    config.profiles = vec![specmark::config::ProfileConfig {
        name: "note".into(),
        label: None,
        template: None,
        template_text: Some("# Note: [Title]\n\n**Status**: Draft | Final\n\n## Summary (20+ words)\n\n## Rollout\n".into()),
        matches: vec![],
        extends: Some("generic-prd".into()),
        kind: None,
        optional: vec![],
    }];
    config.profile = Some("note".into());
    config.check_profiles().expect("valid");
    let doc = "# Note: Cache\n\n**Status**: Shipped\n\n## Summary\n\nToo short.\n";
    let linted = specmark::lint(
        doc,
        &specmark::LintOptions {
            path: Some("notes/cache.md"),
            kind: None,
            config: &config,
        },
    );
    let mut names: Vec<&str> = linted.diagnostics.iter().map(|d| d.name).collect();
    names.sort();
    assert_eq!(
        names,
        ["header-metadata", "missing-section", "section-word-count"]
    );
}
