//! The single sorted table of every rule. Adding a rule: a `#[path]` module line and an entry
//! in `RULES`, both in code order.

use super::Rule;

#[path = "sm005_agent_artifact.rs"]
mod sm005_agent_artifact;
#[path = "sm201_duplicate_task_id.rs"]
mod sm201_duplicate_task_id;
#[path = "sm202_unknown_dependency.rs"]
mod sm202_unknown_dependency;
#[path = "sm203_dependency_cycle.rs"]
mod sm203_dependency_cycle;
#[path = "sm204_done_before_dependency.rs"]
mod sm204_done_before_dependency;
#[path = "sm205_task_missing_field.rs"]
mod sm205_task_missing_field;
#[path = "sm206_unknown_focus.rs"]
mod sm206_unknown_focus;
#[path = "sm207_graph_mismatch.rs"]
mod sm207_graph_mismatch;
#[path = "sm208_temporal_logic.rs"]
mod sm208_temporal_logic;
#[path = "sm301_table_shape.rs"]
mod sm301_table_shape;
#[path = "sm302_critical_path.rs"]
mod sm302_critical_path;
#[path = "sm900_unused_suppression.rs"]
mod sm900_unused_suppression;
#[path = "sm901_file_too_large.rs"]
mod sm901_file_too_large;
#[path = "sm902_invalid_utf8.rs"]
mod sm902_invalid_utf8;

/// Every rule, sorted by code.
pub static RULES: &[&Rule] = &[
    &sm005_agent_artifact::RULE,
    &sm201_duplicate_task_id::RULE,
    &sm202_unknown_dependency::RULE,
    &sm203_dependency_cycle::RULE,
    &sm204_done_before_dependency::RULE,
    &sm205_task_missing_field::RULE,
    &sm206_unknown_focus::RULE,
    &sm207_graph_mismatch::RULE,
    &sm208_temporal_logic::RULE,
    &sm301_table_shape::RULE,
    &sm302_critical_path::RULE,
    &sm900_unused_suppression::RULE,
    &sm901_file_too_large::RULE,
    &sm902_invalid_utf8::RULE,
];
