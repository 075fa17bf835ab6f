//! The single sorted table of every rule. Adding a rule: a `#[path]` module line and an entry
//! in `RULES`, both in code order.

use super::Rule;

#[path = "sm005_agent_artifact.rs"]
mod sm005_agent_artifact;
#[path = "sm007_claim_mismatch.rs"]
mod sm007_claim_mismatch;
#[path = "sm501_workspace_missing_file.rs"]
mod sm501_workspace_missing_file;
#[path = "sm502_stale_path.rs"]
mod sm502_stale_path;
#[path = "sm900_unused_suppression.rs"]
mod sm900_unused_suppression;
#[path = "sm901_file_too_large.rs"]
mod sm901_file_too_large;
#[path = "sm902_invalid_utf8.rs"]
mod sm902_invalid_utf8;

/// Every rule, sorted by code.
pub static RULES: &[&Rule] = &[
    &sm005_agent_artifact::RULE,
    &sm007_claim_mismatch::RULE,
    &sm501_workspace_missing_file::RULE,
    &sm502_stale_path::RULE,
    &sm900_unused_suppression::RULE,
    &sm901_file_too_large::RULE,
    &sm902_invalid_utf8::RULE,
];
