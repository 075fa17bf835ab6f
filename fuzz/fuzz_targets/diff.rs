//! Fuzz target `diff` (differential, structure-aware). A generated feature folder of one to
//! four documents: each linted alone must equal it as a one-file workspace, and inside the
//! folder every rule that does not read the folder must agree with it alone; one pass of
//! safe fixes must leave the line-local findings of untouched lines as they were.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;
#[path = "../../tests/support/specgen.rs"]
mod specgen;

fuzz_target!(|data: &[u8]| specgen::diff_input(data));
