//! The single sorted table of every rule. Adding a rule: a `#[path]` module line and an entry
//! in `RULES`, both in code order.

use super::Rule;

#[path = "sm001_unfilled_placeholder.rs"]
mod sm001_unfilled_placeholder;
#[path = "sm002_missing_section.rs"]
mod sm002_missing_section;
#[path = "sm003_empty_section.rs"]
mod sm003_empty_section;
#[path = "sm004_broken_heading.rs"]
mod sm004_broken_heading;
#[path = "sm005_agent_artifact.rs"]
mod sm005_agent_artifact;
#[path = "sm006_mojibake.rs"]
mod sm006_mojibake;
#[path = "sm007_claim_mismatch.rs"]
mod sm007_claim_mismatch;
#[path = "sm008_word_count.rs"]
mod sm008_word_count;
#[path = "sm009_section_word_count.rs"]
mod sm009_section_word_count;
#[path = "sm010_vague_criterion.rs"]
mod sm010_vague_criterion;
#[path = "sm011_status_contradiction.rs"]
mod sm011_status_contradiction;
#[path = "sm101_acceptance_criteria_count.rs"]
mod sm101_acceptance_criteria_count;
#[path = "sm102_acceptance_criteria_id.rs"]
mod sm102_acceptance_criteria_id;
#[path = "sm103_unverified_snippet.rs"]
mod sm103_unverified_snippet;
#[path = "sm104_snippet_syntax.rs"]
mod sm104_snippet_syntax;
#[path = "sm105_missing_diagram.rs"]
mod sm105_missing_diagram;
#[path = "sm106_checkpoint_order.rs"]
mod sm106_checkpoint_order;
#[path = "sm107_risk_table.rs"]
mod sm107_risk_table;
#[path = "sm108_header_metadata.rs"]
mod sm108_header_metadata;
#[path = "sm109_research_coverage.rs"]
mod sm109_research_coverage;
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
#[path = "sm401_last_updated.rs"]
mod sm401_last_updated;
#[path = "sm402_blocker_missing.rs"]
mod sm402_blocker_missing;
#[path = "sm403_impossible_count.rs"]
mod sm403_impossible_count;
#[path = "sm404_absolute_path.rs"]
mod sm404_absolute_path;
#[path = "sm501_workspace_missing_file.rs"]
mod sm501_workspace_missing_file;
#[path = "sm502_stale_path.rs"]
mod sm502_stale_path;
#[path = "sm601_requirement_id.rs"]
mod sm601_requirement_id;
#[path = "sm602_requirement_keyword.rs"]
mod sm602_requirement_keyword;
#[path = "sm603_ears_criterion.rs"]
mod sm603_ears_criterion;
#[path = "sm604_missing_scenario.rs"]
mod sm604_missing_scenario;
#[path = "sm605_unknown_requirement.rs"]
mod sm605_unknown_requirement;
#[path = "sm606_uncovered_requirement.rs"]
mod sm606_uncovered_requirement;
#[path = "sm607_parallel_conflict.rs"]
mod sm607_parallel_conflict;
#[path = "sm608_parent_child_state.rs"]
mod sm608_parent_child_state;
#[path = "sm609_open_clarification.rs"]
mod sm609_open_clarification;
#[path = "sm610_proposal_shape.rs"]
mod sm610_proposal_shape;
#[path = "sm611_delta_shape.rs"]
mod sm611_delta_shape;
#[path = "sm612_task_format.rs"]
mod sm612_task_format;
#[path = "sm613_phantom_completion.rs"]
mod sm613_phantom_completion;
#[path = "sm900_unused_suppression.rs"]
mod sm900_unused_suppression;
#[path = "sm901_file_too_large.rs"]
mod sm901_file_too_large;
#[path = "sm902_invalid_utf8.rs"]
mod sm902_invalid_utf8;

/// Every rule, sorted by code.
pub static RULES: &[&Rule] = &[
    &sm001_unfilled_placeholder::RULE,
    &sm002_missing_section::RULE,
    &sm003_empty_section::RULE,
    &sm004_broken_heading::RULE,
    &sm005_agent_artifact::RULE,
    &sm006_mojibake::RULE,
    &sm007_claim_mismatch::RULE,
    &sm008_word_count::RULE,
    &sm009_section_word_count::RULE,
    &sm010_vague_criterion::RULE,
    &sm011_status_contradiction::RULE,
    &sm101_acceptance_criteria_count::RULE,
    &sm102_acceptance_criteria_id::RULE,
    &sm103_unverified_snippet::RULE,
    &sm104_snippet_syntax::RULE,
    &sm105_missing_diagram::RULE,
    &sm106_checkpoint_order::RULE,
    &sm107_risk_table::RULE,
    &sm108_header_metadata::RULE,
    &sm109_research_coverage::RULE,
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
    &sm401_last_updated::RULE,
    &sm402_blocker_missing::RULE,
    &sm403_impossible_count::RULE,
    &sm404_absolute_path::RULE,
    &sm501_workspace_missing_file::RULE,
    &sm502_stale_path::RULE,
    &sm601_requirement_id::RULE,
    &sm602_requirement_keyword::RULE,
    &sm603_ears_criterion::RULE,
    &sm604_missing_scenario::RULE,
    &sm605_unknown_requirement::RULE,
    &sm606_uncovered_requirement::RULE,
    &sm607_parallel_conflict::RULE,
    &sm608_parent_child_state::RULE,
    &sm609_open_clarification::RULE,
    &sm610_proposal_shape::RULE,
    &sm611_delta_shape::RULE,
    &sm612_task_format::RULE,
    &sm613_phantom_completion::RULE,
    &sm900_unused_suppression::RULE,
    &sm901_file_too_large::RULE,
    &sm902_invalid_utf8::RULE,
];
