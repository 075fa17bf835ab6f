//! Robustness of the generic rules (placeholders, headings, mojibake, status, diagrams,
//! checkpoints) on arbitrary mixes of the syntax they look at: no panic, every range on
//! char boundaries, and `--fix` reaches a text with no safe fix of these rules left.

use proptest::prelude::*;
use specmark::{fix_text, lint, Applicability, Config, LintOptions};

const RULES: &[&str] = &[
    "unfilled-placeholder",
    "broken-heading",
    "mojibake",
    "status-contradiction",
    "missing-diagram",
    "checkpoint-order",
];

/// Fragments that exercise the rules' edge cases, glued together at random.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[Feature Name]".to_string()),
        Just("[x]".to_string()),
        Just("- [ ] ".to_string()),
        Just("- [x] ".to_string()),
        Just("- [ ]* ".to_string()),
        Just("{slug}".to_string()),
        Just("{{VAR}}".to_string()),
        Just("TODO".to_string()),
        Just("TODO:".to_string()),
        Just("TBD ???".to_string()),
        Just("Yes | No | Partially".to_string()),
        Just("**Status**: Complete".to_string()),
        Just("**Status**: Ready for Implementation".to_string()),
        Just("#".to_string()),
        Just("##Title".to_string()),
        Just("-## Phase 1".to_string()),
        Just("w# Plan".to_string()),
        Just("    ## Indented".to_string()),
        Just("## Phase 1 ✅".to_string()),
        Just("## Architecture".to_string()),
        Just("| Phase | Status |\n|---|---|\n| Phase 1 | Not started |".to_string()),
        Just("✓ Checkpoint 3 complete".to_string()),
        Just("Checkpoint 1 complete".to_string()),
        Just("âœ“".to_string()),
        Just("ðŸŽ¯".to_string()),
        Just("Ã".to_string()),
        Just("\u{8d}".to_string()),
        Just("ï»¿".to_string()),
        Just("```".to_string()),
        Just("`".to_string()),
        Just("\u{feff}".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("> ".to_string()),
        Just("<!-- c -->".to_string()),
        "[ -~]{0,12}",
        "\\PC{0,6}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|v| v.concat())
}

const PATHS: &[&str] = &[
    "specs/active/x/tasks.md",
    "specs/active/x/prd.md",
    "specs/active/x/recovery.md",
    "specs/active/x/research/analysis.md",
    "specs/001-x/tasks.md",
    ".kiro/specs/x/tasks.md",
    "notes.md",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn generic_rules_never_panic_and_fixes_converge(doc in document(), p in 0..PATHS.len()) {
        let config = Config::default();
        let opts = LintOptions { path: Some(PATHS[p]), kind: None, config: &config };
        let linted = lint(&doc, &opts);
        for d in &linted.diagnostics {
            prop_assert!(doc.is_char_boundary(d.range.start) && doc.is_char_boundary(d.range.end));
            prop_assert!(d.range.start <= d.range.end && d.range.end <= doc.len());
        }
        let fixed = fix_text(&doc, &opts, true);
        let again = lint(&fixed.output, &opts);
        let left: Vec<_> = again
            .diagnostics
            .iter()
            .filter(|d| RULES.contains(&d.name))
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe))
            .map(|d| (d.name, d.message.clone()))
            .collect();
        prop_assert!(left.is_empty(), "safe fixes left after --fix: {left:?}\n{doc:?}");
    }
}
