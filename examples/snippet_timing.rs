//! Time `snippet-syntax` natively: on the PRD and research documents of ../shared/realdocs
//! (lint time with the rule on minus with it off) and on pathological 1 MB documents; and
//! whole-document lint time of 1 MB recovery / PRD documents full of what the other
//! PRD and recovery rules look for.
//!
//! `cargo run --release --example snippet_timing`

use specmark::{lint, Config, LintOptions};
use std::path::Path;
use std::time::{Duration, Instant};

/// The fastest of `runs` lints (the machine is shared; the minimum is the least noisy).
fn time_lint(text: &str, path: &str, config: &Config, runs: u32) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let linted = lint(
                text,
                &LintOptions {
                    path: Some(path),
                    kind: None,
                    config,
                },
            );
            std::hint::black_box(linted.diagnostics.len());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let on = Config::default();
    let off = Config::from_toml("[rules.snippet-syntax]\nseverity = \"off\"\n", None)
        .expect("valid config");
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realdocs");
    let manifest = std::fs::read_to_string(shared.join("MANIFEST.tsv")).unwrap_or_default();
    let runs = 20;
    let (mut total_on, mut total_off, mut blocks, mut bytes) =
        (Duration::ZERO, Duration::ZERO, 0, 0);
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        let file = shared.join(cols[1].replace('/', "__")).join(cols[2]);
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let doc = specmark::Document::parse(&text, Some(cols[2]), None);
        if !matches!(doc.kind, specmark::Kind::Prd | specmark::Kind::Research) {
            continue;
        }
        let py: Vec<_> = doc
            .code_blocks
            .iter()
            .filter(|b| matches!(b.lang.as_deref(), Some("python" | "py")))
            .collect();
        blocks += py.len();
        bytes += py.iter().map(|b| b.text.len()).sum::<usize>();
        let t_on = time_lint(&text, cols[2], &on, runs);
        let t_off = time_lint(&text, cols[2], &off, runs);
        total_on += t_on;
        total_off += t_off;
        if !py.is_empty() {
            println!(
                "{:>3} blocks {:>6} B  lint {:>9.3?} (without snippet-syntax {:>9.3?})  {}",
                py.len(),
                py.iter().map(|b| b.text.len()).sum::<usize>(),
                t_on,
                t_off,
                cols[2]
            );
        }
    }
    println!(
        "PRD + research corpus: {blocks} python blocks, {bytes} bytes; snippet-syntax costs {:.3?} of {:.3?} total lint time",
        total_on.saturating_sub(total_off),
        total_on
    );

    let unit =
        "def f(self, a: int, *args, **kw) -> dict[str, int]:\n    return {\"a\": a + 1, **kw}\n";
    let big_block = format!(
        "```python\n# VERIFIED: x\n{}```\n\n",
        unit.repeat(99_000 / unit.len())
    );
    let small_block = format!(
        "```python\n# VERIFIED: x\n{}```\n\n",
        unit.repeat(49_000 / unit.len())
    );
    let cases = [
        ("10 blocks of 99 KB", big_block.repeat(10)),
        ("20 blocks of 49 KB", small_block.repeat(20)),
        (
            "52k tiny broken blocks",
            "```python\nx = (\n```\n".repeat(52_000),
        ),
        (
            "30k elided calls",
            "```python\nf(a=1, ...\n```\n".repeat(30_000),
        ),
    ];
    for (name, text) in cases {
        let t = time_lint(&text, "specs/active/x/prd.md", &on, 5);
        let t_off = time_lint(&text, "specs/active/x/prd.md", &off, 5);
        println!(
            "{name} ({} bytes): lint {t:.1?}, without snippet-syntax {t_off:.1?}",
            text.len()
        );
    }
    let others = [
        (
            "recovery: counts, paths, blocked items",
            "specs/active/x/recovery.md",
            "### Blocked\n- [ ] Passing: 12/10 tests, Coverage: 120% in /home/cody/x/ BLOCKED\n"
                .repeat(12_000),
        ),
        (
            "prd: risk table rows",
            "specs/active/x/prd.md",
            format!(
                "# PRD: X\n\n## Risks\n\n| Risk | Impact | Probability | Mitigation |\n|---|---|---|---|\n{}",
                "| r | Severe | Often | |\n".repeat(40_000)
            ),
        ),
        (
            "prd: header lines",
            "specs/active/x/prd.md",
            format!("# PRD: X\n{}", "**Status**: Sketch\n**Created**: soon\n".repeat(30_000)),
        ),
    ];
    let mine = [
        "unverified-snippet",
        "snippet-syntax",
        "risk-table",
        "header-metadata",
        "research-coverage",
        "last-updated",
        "blocker-missing",
        "impossible-count",
        "absolute-path",
    ];
    let none: String = mine
        .iter()
        .map(|r| format!("[rules.{r}]\nseverity = \"off\"\n"))
        .collect();
    let none = Config::from_toml(&none, None).expect("valid config");
    for (name, path, text) in others {
        let t = time_lint(&text, path, &on, 3);
        let t_none = time_lint(&text, path, &none, 3);
        println!(
            "{name} ({} bytes): lint {t:.1?}, without these rules {t_none:.1?}",
            text.len()
        );
    }
}
