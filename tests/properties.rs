//! Property tests: the fuzz invariants (tests/support/invariants.rs) on small generated
//! documents, configurations and workspaces, so every `cargo test` checks them.
//!
//! Documents are built from Markdown fragments that reach the parser's and the rules'
//! interesting paths (headings, task checkboxes and ids, tables, fences, front matter,
//! suppression comments, placeholders) joined by every kind of line break, with BOMs,
//! emoji, CJK and combining characters mixed in. Case counts keep the whole file under
//! about 20 s in a debug build.

#[path = "support/invariants.rs"]
mod invariants;

use proptest::prelude::*;
use specmark::line_index::LineIndex;
use specmark::{Config, LintOptions};

const FRAGMENTS: &[&str] = &[
    "# PRD: Login",
    "# Tasks: Demo",
    "# Session Recovery",
    "## Overview",
    "## Acceptance Criteria",
    "## Tasks",
    "## Dependencies",
    "### 3.2 Build the thing",
    "### Task 3: Wire it",
    "#",
    "## ",
    "- [ ] **T1**: First task",
    "- [x] **T2**: Second (depends on T1)",
    "- [X] 1.1 Done task",
    "- [-] 2.1 In progress",
    "- [ ]* 4.1 Optional",
    "- [ ] T003 [P] Parallel task in src/x.rs",
    "  - **Files**: `src/lib.rs`",
    "  - **Done when**: tests pass",
    "  - Depends on: T1, T9",
    "- AC-1: The page loads in under 2 seconds",
    "- [ ] fast, robust and user-friendly",
    "1. numbered item",
    "| Task | Status | Depends |",
    "|---|---|---|",
    "| T1 | done | T2 |",
    "| T2 | todo |",
    "```rust",
    "```",
    "~~~",
    "fn main() { println!(\"{version}\"); }",
    "---",
    "specmark: { kind: tasks }",
    "**Status**: Draft",
    "**Status:** Complete",
    "> **Last Updated**: 2024-01-01",
    "- Total Tasks: 14",
    "Word count: 1200 words",
    "<!-- specmark-disable-next-line agent-artifact -->",
    "<!-- specmark-disable-file -->",
    "<!-- specmark-disable vague-criterion -- reason -->",
    "<!-- specmark-enable -->",
    "<!-- expect: x -->",
    "<!--",
    "-->",
    "[TODO: fill in]",
    "{{VAR}}",
    "<function_calls>",
    "Correctn</invoke>",
    "See [the plan](research/plan.md) and `specs/active/x/tasks.md`.",
    "/home/user/project/file.rs",
    "需求: 验证",
    "🎯 Goal: ship it 🎯",
    "e\u{301}\u{301} combining",
    "Ã©tÃ© mojibake",
    "plain words in a sentence that goes on",
    "",
    "    indented code",
    "\t- tab item",
];

const BREAKS: &[&str] = &["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"];

/// A document of 0-24 fragments joined by random line breaks, maybe behind a BOM.
fn document() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec(
            (
                prop::sample::select(FRAGMENTS),
                prop::sample::select(BREAKS),
                prop::option::weighted(0.1, "[ -~\u{a0}-\u{2fff}]{0,6}"),
            ),
            0..24,
        ),
    )
        .prop_map(|(bom, parts)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            for (frag, brk, noise) in parts {
                s.push_str(frag);
                if let Some(n) = noise {
                    s.push_str(&n);
                }
                s.push_str(brk);
            }
            s
        })
}

/// One document per kind-and-path selector, with a document from the fragments or any text.
fn selector_and_text() -> impl Strategy<Value = (u8, String)> {
    (
        any::<u8>(),
        prop_oneof![4 => document(), 1 => any::<String>()],
    )
}

/// `cases` generated inputs per test; failures are printed (not saved to a file).
fn cases(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn lint_ranges_and_positions_are_valid((selector, text) in selector_and_text()) {
        let (kind, path) = invariants::options_for(selector);
        let config = Config::default();
        invariants::check_lint(&text, &LintOptions { path, kind, config: &config });
    }

    #[test]
    fn line_index_round_trips(text in "[a\u{e9}\u{1f3af}\r\n\u{feff}]{0,40}") {
        let idx = LineIndex::new(&text);
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            let p = idx.position(&text, offset);
            let back = idx.offset(&text, p);
            prop_assert_eq!(idx.position(&text, back), p);
            // Back to the same byte, except from between `\r` and `\n` (to the `\r`). A BOM
            // is a character like any other (one UTF-16 unit, as in JavaScript).
            let crlf_middle = offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n');
            let expected = if crlf_middle { offset - 1 } else { offset };
            prop_assert_eq!(back, expected);
        }
    }
}

// Fixing lints the text several times over, workspaces several files: fewer cases.
proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn fix_is_idempotent_and_touches_only_its_edits((selector, text) in selector_and_text()) {
        let (kind, path) = invariants::options_for(selector);
        let config = Config::default();
        invariants::check_fix(&text, &LintOptions { path, kind, config: &config }, true);
    }

    #[test]
    fn raw_bytes_never_panic(selector in any::<u8>(), bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let mut data = vec![selector];
        data.extend(bytes);
        invariants::lint_input(&data);
    }

    #[test]
    fn workspace_reports_match_their_files(docs in prop::collection::vec((0usize..8, document()), 1..5), complete in any::<bool>()) {
        let paths = [
            "specs/active/x/prd.md",
            "specs/active/x/tasks.md",
            "specs/active/x/recovery.md",
            "specs/active/x/research/analysis.md",
            "specs/active/x/research/plan.md",
            "specs/active/x/notes.md",
            "specs/active/y/tasks.md",
            "specs/archive/x/prd.md",
        ];
        let files: Vec<(String, String)> =
            docs.into_iter().map(|(p, t)| (paths[p].to_string(), t)).collect();
        invariants::check_workspace(&files, complete);
    }

}

const CONFIG_KEYS: &[&str] = &[
    "all-markdown = true",
    "all-markdown = \"yes\"",
    "max-file-size = 0",
    "max-file-size = 10",
    "max-file-size = -1",
    "max-file-size = 99999999999999999999",
    "exclude = [\"node_modules/**\", \"a/[b\"]",
    "exclude = \"x\"",
    "extend-vague-words = [\"seamless\", \"\"]",
    "bogus = 1",
    "[rules]",
    "agent-artifact = \"off\"",
    "unused-suppression = \"loud\"",
    "[rules.word-count]",
    "severity = \"info\"",
    "max = 0",
    "max = 9223372036854775807",
    "max = 1.5",
    "min = -3",
    "[rules.section-word-count]",
    "[rules.missing-section]",
    "prd = []",
    "prd = [\"Overview\", \"\"]",
    "[rules.acceptance-criteria-count]",
    "min = 0",
    "[rules.vague-criterion]",
    "words = [\"fast\"]",
    "[rules.nonexistent]",
    "[[kinds]]",
    "glob = \"docs/*.md\"",
    "glob = \"**\"",
    "kind = \"prd\"",
    "kind = \"novel\"",
    "[[overrides]]",
    "files = [\"specs/archive/**\"]",
    "kinds = [\"tasks\"]",
    "rules = { word-count = \"off\", claim-mismatch = { severity = \"error\" } }",
    "[",
    "= 1",
    "\"unterminated",
    "key = { a = ",
    "需求 = 1",
    "",
    "# comment",
];

proptest! {
    #![proptest_config(cases(96))]

    #[test]
    fn config_text_never_panics_and_errors_point_inside(
        lines in prop::collection::vec((prop::sample::select(CONFIG_KEYS), prop::sample::select(&["\n", "\r\n"][..])), 0..12)
    ) {
        let text: String = lines.into_iter().flat_map(|(l, b)| [l, b]).collect();
        invariants::check_config_text(&text);
    }

    #[test]
    fn arbitrary_config_text_never_panics(text in any::<String>()) {
        invariants::check_config_text(&text);
    }
}
