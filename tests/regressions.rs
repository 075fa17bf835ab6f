//! Inputs found by fuzzing (and the bad inputs they taught us), replayed through the same
//! invariants the fuzz targets check (tests/support/invariants.rs).
//!
//! Every file under `tests/regressions/<target>/` is a minimized libFuzzer input for fuzz
//! target `<target>` (lint, fix, config, workspace, doc, diff), decoded exactly as the target decodes
//! it. Named tests below keep the small ones inline with a note on what broke.

#[path = "support/invariants.rs"]
mod invariants;
#[path = "support/specgen.rs"]
mod specgen;

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
        + replay("workspace", invariants::workspace_input)
        + replay("doc", specgen::doc_input)
        + replay("diff", specgen::diff_input);
    // The folder is never empty: at least the seeds of each target are kept there.
    assert!(
        n >= 4,
        "expected saved inputs under tests/regressions/, found {n}"
    );
}

/// Pseudo-random bytes (xorshift), so the generated inputs are the same on every run.
fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// The structure-aware targets on a few hundred generated documents and folders: the
/// invariants and the differential relations hold on them in every `cargo test`.
#[test]
fn generated_documents_keep_the_invariants() {
    for seed in 0..300u64 {
        let data = bytes(seed, 64 + (seed as usize * 37) % 2048);
        if let Err(e) = std::panic::catch_unwind(|| specgen::doc_input(&data)) {
            panic!("doc seed {seed}: {e:?}");
        }
        if let Err(e) = std::panic::catch_unwind(|| specgen::diff_input(&data)) {
            panic!("diff seed {seed}: {e:?}");
        }
    }
}

/// Every rule whose source reads the other documents of a folder is listed in
/// `invariants::READS_SIBLINGS`, so the differential target does not expect it to agree.
#[test]
fn rules_reading_the_folder_are_listed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let mut unlisted = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("src/rules") {
        let path = entry.expect("entry").path();
        let src = std::fs::read_to_string(&path).expect("rule source");
        let reads = [
            "siblings()",
            "cx.workspace",
            "follows_convention(",
            "sibling(cx",
        ]
        .iter()
        .any(|p| src.contains(p));
        let Some(name) = src
            .split("name: \"")
            .nth(1)
            .and_then(|r| r.split('"').next())
        else {
            continue;
        };
        if reads && !invariants::READS_SIBLINGS.contains(&name) {
            unlisted.push(name.to_string());
        }
    }
    assert!(
        unlisted.is_empty(),
        "rules that read the folder but are not in READS_SIBLINGS: {unlisted:?}"
    );
}

/// scripts/fuzz-seed.sh writes selector bytes with the number of kinds it names: it must be
/// the engine's, or its seeds would ask for other kinds than intended.
#[test]
fn the_seed_script_knows_the_number_of_kinds() {
    let script =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/fuzz-seed.sh"))
            .expect("scripts/fuzz-seed.sh");
    assert!(
        script.contains(&format!("\nKINDS={}\n", specmark::Kind::ALL.len())),
        "scripts/fuzz-seed.sh: KINDS must be {}",
        specmark::Kind::ALL.len()
    );
    assert_eq!(
        invariants::options_for(invariants::auto_selector(2)),
        (None, Some("specs/active/x/tasks.md"))
    );
}
