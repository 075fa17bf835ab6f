//! Fuzz target `workspace`. Lint up to 8 arbitrary files (NUL-separated) together as one
//! spec-folder workspace.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| invariants::workspace_input(data));
