//! Fuzz target `lint`. Lint arbitrary bytes for every kind: `lint_bytes` on the raw bytes,
//! `lint` on their lossy UTF-8 text; ranges, fix edits and UTF-16 positions must be valid (the
//! first byte picks the kind and path).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| invariants::lint_input(data));
