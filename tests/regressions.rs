//! Inputs found by fuzzing (and the bad inputs they taught us), replayed through the same
//! invariants the fuzz targets check (tests/support/invariants.rs).
//!
//! Every file under `tests/regressions/<target>/` is a minimized libFuzzer input for fuzz
//! target `<target>` (lint, fix, config, workspace), decoded exactly as the target decodes
//! it. Named tests below keep the small ones inline with a note on what broke.

#[path = "support/invariants.rs"]
mod invariants;

use std::path::Path;

/// Replays every saved input of one target; returns how many there were.
fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in &paths {
        let data = std::fs::read(p).expect("readable regression input");
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        if let Err(e) = std::panic::catch_unwind(|| run(&data)) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("regression {target}/{name} fails again: {msg}");
        }
    }
    paths.len()
}

#[test]
fn saved_fuzz_inputs_replay_cleanly() {
    let n = replay("lint", invariants::lint_input)
        + replay("fix", invariants::fix_input)
        + replay("config", invariants::config_input)
        + replay("workspace", invariants::workspace_input);
    // The folder is never empty: at least the seeds of each target are kept there.
    assert!(
        n >= 4,
        "expected saved inputs under tests/regressions/, found {n}"
    );
}
