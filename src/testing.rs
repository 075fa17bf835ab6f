//! Helpers for the unit tests that check a hand-written matcher against its definition.

use std::ops::RangeInclusive;

/// `count` texts, each the concatenation of a number of `pieces` in `parts`, drawn with a
/// seeded xorshift generator: the same texts on every run.
pub fn random_texts(
    pieces: &[&str],
    parts: RangeInclusive<u64>,
    count: usize,
    seed: u64,
) -> Vec<String> {
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let span = parts.end() - parts.start() + 1;
    (0..count)
        .map(|_| {
            let n = parts.start() + next() % span;
            (0..n)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect()
        })
        .collect()
}

/// The 1-based lines where `rule` reports on `files` linted together as one feature folder
/// (path, text); the findings of the first file only.
pub fn workspace_lines(files: &[(&str, &str)], rule: &str) -> Vec<usize> {
    let config = crate::Config::default();
    let reports = crate::lint_workspace(files, Vec::<String>::new(), false, &config);
    reports
        .first()
        .map(|r| {
            r.diagnostics
                .iter()
                .filter(|d| d.name == rule)
                .map(|d| d.range.start.line as usize + 1)
                .collect()
        })
        .unwrap_or_default()
}

/// The 1-based lines where `rule` reports on `src` linted alone at `path`.
pub fn lint_lines(src: &str, path: &str, rule: &str) -> Vec<usize> {
    workspace_lines(&[(path, src)], rule)
}
