//! Fuzz target `doc` (structure-aware). The input chooses the parts of a spec document
//! (tests/support/specgen.rs): front matter, titles, sections of every profile, task items,
//! tables, criteria, code, suppressions, placeholders, CRLF/BOM. The document is linted and
//! fixed with the invariants of the raw targets.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;
#[path = "../../tests/support/specgen.rs"]
mod specgen;

fuzz_target!(|data: &[u8]| specgen::doc_input(data));
