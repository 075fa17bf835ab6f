//! The single sorted table of every rule. Adding a rule: a `#[path]` module line and an entry
//! in `RULES`, both in code order.

use super::Rule;

#[path = "sm001_unfilled_placeholder.rs"]
mod sm001_unfilled_placeholder;
#[path = "sm004_broken_heading.rs"]
mod sm004_broken_heading;
#[path = "sm005_agent_artifact.rs"]
mod sm005_agent_artifact;
#[path = "sm006_mojibake.rs"]
mod sm006_mojibake;
#[path = "sm011_status_contradiction.rs"]
mod sm011_status_contradiction;
#[path = "sm105_missing_diagram.rs"]
mod sm105_missing_diagram;
#[path = "sm106_checkpoint_order.rs"]
mod sm106_checkpoint_order;
#[path = "sm900_unused_suppression.rs"]
mod sm900_unused_suppression;
#[path = "sm901_file_too_large.rs"]
mod sm901_file_too_large;
#[path = "sm902_invalid_utf8.rs"]
mod sm902_invalid_utf8;

/// Every rule, sorted by code.
pub static RULES: &[&Rule] = &[
    &sm001_unfilled_placeholder::RULE,
    &sm004_broken_heading::RULE,
    &sm005_agent_artifact::RULE,
    &sm006_mojibake::RULE,
    &sm011_status_contradiction::RULE,
    &sm105_missing_diagram::RULE,
    &sm106_checkpoint_order::RULE,
    &sm900_unused_suppression::RULE,
    &sm901_file_too_large::RULE,
    &sm902_invalid_utf8::RULE,
];
