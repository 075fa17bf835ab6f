//! The library side of the bad-input table (README, "Reliability"): what the core does with
//! text that is not UTF-8, binary, empty, huge, or broken across lines in every way. The
//! CLI side (exit codes, files, permissions, atomic writes) is in tests/cli_bad_input.rs.

#[path = "support/invariants.rs"]
mod invariants;

use specmark::line_index::Position;
use specmark::{fix_text, lint, lint_bytes, lint_workspace, Config, Kind, LintOptions};
use std::time::{Duration, Instant};

fn opts<'a>(config: &'a Config, path: Option<&'a str>, kind: Option<Kind>) -> LintOptions<'a> {
    LintOptions { path, kind, config }
}

/// Every kind forced, and detection from a few paths.
fn every_kind(config: &Config) -> Vec<LintOptions<'_>> {
    let mut all: Vec<LintOptions> = Kind::ALL
        .iter()
        .map(|&k| opts(config, Some("doc.md"), Some(k)))
        .collect();
    for p in [
        "specs/active/x/prd.md",
        "specs/active/x/tasks.md",
        "specs/active/x/recovery.md",
        "specs/active/x/research/analysis.md",
        "notes.md",
    ] {
        all.push(opts(config, Some(p), None));
    }
    all.push(opts(config, None, None));
    all
}

// ------------------------------------------------------------ not UTF-8, binary, NUL

#[test]
fn invalid_utf8_binary_and_nul_bytes_give_one_finding_for_every_kind() {
    let config = Config::default();
    let inputs: [(&[u8], &str); 4] = [
        (b"# Caf\xe9\n\nna\xefve\n", "offset 5"),
        (b"\xff\xfe#\0 \0T\0", "offset 0"),
        (b"GIF89a\x01\0\0\0;", "NUL byte at offset 7"),
        (
            b"# Title\n\nText with a NUL\0 byte.\n",
            "NUL byte at offset 24",
        ),
    ];
    for o in every_kind(&config) {
        for (bytes, needle) in inputs {
            let r = lint_bytes(bytes, &o);
            assert!(!r.linted, "{needle}: not linted");
            assert_eq!(r.diagnostics.len(), 1, "{needle}: one finding, {r:#?}");
            let d = &r.diagnostics[0];
            assert_eq!(d.name, "invalid-utf8");
            assert!(d.message.contains(needle), "{}", d.message);
            assert_eq!(r.path.as_deref(), o.path, "the finding names the file");
            assert_eq!(
                d.range.start,
                Position {
                    line: 0,
                    character: 0
                }
            );
        }
    }
}

#[test]
fn nul_text_reaching_the_wasm_path_is_a_finding_not_a_lint() {
    // The wasm `lint` receives a string (JavaScript text is never invalid UTF-8) and asks
    // `unlintable` first; `fix` goes through `fix_text`, which leaves such text alone.
    let config = Config::default();
    let text = "# PRD: X\n\n## Overview\u{0}\n";
    let r = specmark::lint::unlintable(text, &config).expect("NUL text is not linted");
    assert_eq!(r.diagnostics[0].name, "invalid-utf8");
    let o = opts(&config, Some("prd.md"), None);
    assert_eq!(fix_text(text, &o, true).output, text);
    // Linting it anyway (a host that skips the check) must not panic either.
    invariants::check_lint(text, &o);
}

// ------------------------------------------------------------ empty, whitespace, BOM

#[test]
fn empty_whitespace_and_bom_only_files_are_linted_with_the_same_findings() {
    let config = Config::default();
    for o in every_kind(&config) {
        let empty = lint("", &o);
        let base: Vec<(&str, String)> = empty
            .diagnostics
            .iter()
            .map(|d| (d.name, d.message.clone()))
            .collect();
        if empty.doc.kind == Kind::Markdown {
            assert!(
                base.is_empty(),
                "plain Markdown: nothing to say about nothing: {base:?}"
            );
        }
        for d in &empty.diagnostics {
            assert_eq!(d.range, 0..0, "{}: an empty file has only offset 0", d.name);
        }
        for text in [
            "   \n\t\n  ",
            "\n\n\n",
            "\r\n\r\n",
            "\r\r",
            "\u{feff}",
            "\u{feff}\n \n",
        ] {
            let l = lint(text, &o);
            invariants::check_diagnostics(text, &l.diagnostics);
            invariants::check_report(text, &l.report());
            invariants::check_fix(text, &o, true);
            assert!(l.report().linted);
            let got: Vec<(&str, String)> = l
                .diagnostics
                .iter()
                .map(|d| (d.name, d.message.clone()))
                .collect();
            assert_eq!(
                got, base,
                "{:?} as {:?}: same findings as an empty file",
                text, o.kind
            );
            for d in &l.diagnostics {
                let p = l.doc.line_index.position(text, d.range.start);
                assert!(p.line as usize <= text.lines().count(), "{}", d.name);
            }
        }
    }
}

// ------------------------------------------------------------ size limit

#[test]
fn text_over_the_size_limit_gets_one_finding_quickly() {
    let config = Config::default();
    // 11 MB of a pathological pattern; the limit check happens before any parsing.
    let big = "- [ ] **T1**: x (depends on T1) {{VAR}}\n".repeat(11_000_000 / 40);
    assert!(big.len() > config.max_file_size);
    let o = opts(&config, Some("specs/active/x/tasks.md"), None);
    let start = Instant::now();
    let r = lint_bytes(big.as_bytes(), &o);
    assert!(!r.linted);
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].name, "file-too-large");
    assert!(r.diagnostics[0]
        .message
        .contains("over max-file-size (10000000 bytes)"));
    // The same for the wasm path and for fix, and inside a workspace.
    assert!(specmark::lint::unlintable(&big, &config).is_some());
    assert_eq!(fix_text(&big, &o, true).output.len(), big.len());
    let files = vec![
        ("specs/active/x/tasks.md".to_string(), big.clone()),
        (
            "specs/active/x/prd.md".to_string(),
            "# PRD: X\n".to_string(),
        ),
    ];
    let reports = lint_workspace(&files, Vec::new(), false, &config);
    assert_eq!(reports[0].diagnostics[0].name, "file-too-large");
    assert!(reports[1].linted);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?}: the size limit must short-circuit",
        start.elapsed()
    );
}

#[test]
fn the_size_limit_is_configurable() {
    let config = Config::from_toml("max-file-size = 100\n", None).unwrap();
    let o = opts(&config, Some("notes.md"), None);
    let r = lint_bytes("x".repeat(101).as_bytes(), &o);
    assert_eq!(r.diagnostics[0].name, "file-too-large");
    assert!(r.diagnostics[0]
        .message
        .contains("101 bytes, over max-file-size (100 bytes)"));
    assert!(lint_bytes("x".repeat(100).as_bytes(), &o).linted);
}

// ------------------------------------------------------------ line endings and BOM

/// `agent-artifact` (always on) reports leaked tool-call markup where it starts.
const LEAK: &str = "Correctn<function_calls>";

#[test]
fn positions_are_right_with_crlf_lone_cr_mixed_breaks_and_bom() {
    let config = Config::default();
    let o = opts(&config, Some("notes.md"), Some(Kind::Markdown));
    // (text, expected position of the leaked markup's start)
    let cases = [
        (format!("# T\n\nab 🎯 {LEAK}\n"), (2, 14)),
        (format!("# T\r\n\r\nab 🎯 {LEAK}\r\n"), (2, 14)),
        (format!("# T\r\rab 🎯 {LEAK}\r"), (2, 14)),
        (format!("# T\r\n\rx\n\r\nab 🎯 {LEAK}"), (4, 14)),
        // The BOM is one UTF-16 unit of line 0, as in the JavaScript string.
        (format!("\u{feff}ab 🎯 {LEAK}\n"), (0, 15)),
        (format!("\u{feff}# T\r\n\r\n需求 {LEAK}\r\n"), (2, 11)),
    ];
    for (text, (line, character)) in &cases {
        let l = lint(text, &o);
        let leaks: Vec<_> = l
            .diagnostics
            .iter()
            .filter(|d| d.name == "agent-artifact")
            .collect();
        assert_eq!(leaks.len(), 1, "{text:?}: {:#?}", l.diagnostics);
        let p = l.doc.line_index.position(text, leaks[0].range.start);
        assert_eq!(
            p,
            Position {
                line: *line,
                character: *character
            },
            "{text:?}"
        );
        invariants::check_lint(text, &o);
    }
}

#[test]
fn fix_keeps_every_byte_outside_its_edits_with_any_line_breaks() {
    let config = Config::default();
    let o = opts(&config, Some("notes.md"), Some(Kind::Markdown));
    let comment = "<!-- specmark-disable-next-line agent-artifact -->";
    // (before, after) with the same odd line breaks kept around the removed comment line.
    let cases = [
        (
            format!("\u{feff}# T\r\n\r\n{comment}\r\nText.\nMore\rLast"),
            "\u{feff}# T\r\n\r\nText.\nMore\rLast".to_string(),
        ),
        (
            format!("# T\r\r{comment}\rText.\r\n"),
            "# T\r\rText.\r\n".to_string(),
        ),
        (
            format!("# T\n\n{comment}\r\nText.\r\n\r\n  trailing  \t"),
            "# T\n\nText.\r\n\r\n  trailing  \t".to_string(),
        ),
    ];
    for (before, after) in &cases {
        let fixed = fix_text(before, &o, false);
        assert_eq!(&fixed.output, after, "{before:?}");
        assert_eq!(fixed.applied, 1);
        invariants::check_fix(before, &o, true);
    }
}

#[test]
fn lone_cr_breaks_lines_for_the_parser_too() {
    // pulldown-cmark ran an ATX heading on over lone-CR "lines"; the model parses a copy with
    // lone CRs read as line breaks, so headings, comments and tasks are found as with `\n`.
    for brk in ["\n", "\r\n", "\r"] {
        let text = [
            "# Tasks: X",
            "",
            "## Phase 1",
            "<!-- note -->",
            "- [ ] **T1**: Do it",
            "",
        ]
        .join(brk);
        let doc = specmark::Document::parse(&text, Some("specs/active/x/tasks.md"), None);
        let titles: Vec<&str> = doc.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(titles, ["Tasks: X", "Phase 1"], "{brk:?}");
        assert_eq!(doc.html_comments.len(), 1, "{brk:?}");
        assert_eq!(doc.tasks.len(), 1, "{brk:?}");
        assert_eq!(doc.text(&doc.headings[1].range), "## Phase 1", "{brk:?}");
    }
}
