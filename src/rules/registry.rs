//! The single sorted table of every rule. Adding a rule: a `#[path]` module line and an entry
//! in `RULES`, both in code order.

use super::Rule;

#[path = "sm005_agent_artifact.rs"]
mod sm005_agent_artifact;
#[path = "sm103_unverified_snippet.rs"]
mod sm103_unverified_snippet;
#[path = "sm104_snippet_syntax.rs"]
mod sm104_snippet_syntax;
#[path = "sm107_risk_table.rs"]
mod sm107_risk_table;
#[path = "sm108_header_metadata.rs"]
mod sm108_header_metadata;
#[path = "sm109_research_coverage.rs"]
mod sm109_research_coverage;
#[path = "sm401_last_updated.rs"]
mod sm401_last_updated;
#[path = "sm402_blocker_missing.rs"]
mod sm402_blocker_missing;
#[path = "sm403_impossible_count.rs"]
mod sm403_impossible_count;
#[path = "sm404_absolute_path.rs"]
mod sm404_absolute_path;
#[path = "sm900_unused_suppression.rs"]
mod sm900_unused_suppression;
#[path = "sm901_file_too_large.rs"]
mod sm901_file_too_large;
#[path = "sm902_invalid_utf8.rs"]
mod sm902_invalid_utf8;

/// Every rule, sorted by code.
pub static RULES: &[&Rule] = &[
    &sm005_agent_artifact::RULE,
    &sm103_unverified_snippet::RULE,
    &sm104_snippet_syntax::RULE,
    &sm107_risk_table::RULE,
    &sm108_header_metadata::RULE,
    &sm109_research_coverage::RULE,
    &sm401_last_updated::RULE,
    &sm402_blocker_missing::RULE,
    &sm403_impossible_count::RULE,
    &sm404_absolute_path::RULE,
    &sm900_unused_suppression::RULE,
    &sm901_file_too_large::RULE,
    &sm902_invalid_utf8::RULE,
];
