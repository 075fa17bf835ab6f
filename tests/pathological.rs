//! CI smoke test for linear time: every pathological input at about 100 KB must lint (full
//! rule set, positions included) within a generous bound even in a debug build. The bound is
//! a regression guard against quadratic code, not a timing assertion: a linear run takes
//! milliseconds, a quadratic one on these inputs takes far longer. The timings themselves
//! belong to the benchmark (`benches/native.rs`, `npm run bench`).

#[path = "support/pathological.rs"]
mod pathological;

use pathological::{build, CASES};
use specmark::{lint_bytes, Config, LintOptions};
use std::time::{Duration, Instant};

const SIZE: usize = 100 * 1024;
const BOUND: Duration = Duration::from_secs(2);

#[test]
fn pathological_inputs_lint_in_near_linear_time() {
    let config = Config::default();
    let mut slow = Vec::new();
    for case in CASES {
        let text = build(case, SIZE);
        assert!(
            text.len() > SIZE / 2 && text.len() <= SIZE,
            "{}: generated {} bytes for a {SIZE}-byte target",
            case.name,
            text.len()
        );
        let opts = LintOptions {
            path: Some(case.path),
            kind: None,
            config: &config,
        };
        let start = Instant::now();
        let report = lint_bytes(text.as_bytes(), &opts);
        let took = start.elapsed();
        // The binary case is refused with one finding; every other case is really linted.
        assert_eq!(
            report.linted,
            !text.contains('\0'),
            "{}: unexpected linted={}",
            case.name,
            report.linted
        );
        eprintln!("{:>8.1} ms  {}", took.as_secs_f64() * 1e3, case.name);
        if took > BOUND {
            slow.push(format!("{} took {took:?}", case.name));
        }
    }
    assert!(
        slow.is_empty(),
        "pathological inputs over {BOUND:?} at {SIZE} bytes (quadratic code?): {slow:#?}"
    );
}

#[test]
fn sizes_follow_the_target() {
    // The generators must scale: the 1 MB input of a case is about ten times its 100 KB one,
    // so the benchmark's growth ratio compares like with like.
    for case in CASES {
        let small = build(case, 10 * 1024).len();
        let large = build(case, SIZE).len();
        assert!(
            large >= small * 5,
            "{}: {small} bytes at 10 KB, {large} bytes at 100 KB",
            case.name
        );
    }
}
