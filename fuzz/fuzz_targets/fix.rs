//! Fuzz target `fix`. Fix arbitrary text for every kind: edits never overlap or touch other
//! bytes, nothing safely fixable remains, a second fix changes nothing, BOM and CRLF survive.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| invariants::fix_input(data));
