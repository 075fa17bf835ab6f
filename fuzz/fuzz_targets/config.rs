//! Fuzz target `config`. Read arbitrary text as `.specmark.toml`: never a panic, errors point
//! inside the text, and a configuration that reads fine lints a probe document for every kind.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| invariants::config_input(data));
