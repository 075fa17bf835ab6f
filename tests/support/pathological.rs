//! Pathological inputs for the linear-time guarantees: each case builds a document of about
//! a given size that stresses one part of the parser, the model, the engine or the rules.
//! Shared by the CI smoke test (`tests/pathological.rs`) and the native benchmark
//! (`benches/native.rs`), which include this file with `#[path]`.

#![allow(dead_code)]

use std::fmt::Write as _;

/// One pathological input generator.
pub struct Case {
    pub name: &'static str,
    /// Path the document is linted under (decides its kind, so the kind's rules run).
    pub path: &'static str,
    /// The document for `n` repetitions.
    pub make: fn(usize) -> String,
}

fn rep(s: &str, n: usize) -> String {
    s.repeat(n)
}

fn nested_list(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&"  ".repeat(i));
        s.push_str("* a\n");
    }
    s
}

fn link_refs(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let _ = writeln!(s, "[{i}]: u");
    }
    s.push_str(&"[0] ".repeat(n));
    s
}

fn wide_table(n: usize) -> String {
    let mut s = String::new();
    for (row, cell) in ["h", "-", "c"].iter().enumerate() {
        s.push('|');
        for i in 0..n {
            let _ = write!(
                s,
                " {cell}{} |",
                if row == 1 {
                    String::new()
                } else {
                    i.to_string()
                }
            );
        }
        s.push('\n');
    }
    s
}

fn long_table(n: usize) -> String {
    let mut s = String::from("| Task ID | Name | Dependencies | Status |\n|---|---|---|---|\n");
    for i in 0..n {
        let _ = writeln!(s, "| T{i} | Task number {i} | T{} | Open |", i + 1);
    }
    s
}

/// A chain `T0 -> T1 -> ... -> Tn-1 -> T0`: long dependency chains and one big cycle.
fn dependency_chain(n: usize) -> String {
    let mut s = String::from("# Tasks: chain\n\n");
    for i in 0..n {
        let _ = writeln!(
            s,
            "- [ ] T{i:05} do it (depends on T{:05})",
            (i + 1) % n.max(1)
        );
    }
    s
}

/// Nested checkbox tasks with fields, each depending on the previous one.
fn nested_tasks(n: usize) -> String {
    let mut s = String::from("# Tasks: nested\n\n");
    for i in 0..n {
        let indent = "  ".repeat(i % 8);
        let _ = writeln!(
            s,
            "{indent}- [x] **Task {i}.1**: step\n{indent}  - **Depends on**: Task {}.1",
            i + 1
        );
    }
    s
}

fn python_blocks(n: usize) -> String {
    let mut s = String::from("# PRD: snippets\n\n## Technical Design\n\n");
    for i in 0..n {
        let _ = writeln!(s, "```python\ndef f{i}(x):\n    return x + {i}\n```\n");
    }
    s
}

fn same_headings(n: usize) -> String {
    "## Overview\n\ntext\n\n".repeat(n)
}

/// Many findings on one long non-ASCII line: unused suppressions after accented text, so
/// every finding needs a UTF-16 column far along the same line.
fn findings_on_one_line(n: usize) -> String {
    "é <!-- specmark-disable-line agent-artifact --> ".repeat(n)
}

/// Every finding checked against every suppression comment.
fn suppressions_and_findings(n: usize) -> String {
    "<!-- specmark-disable-next-line agent-artifact -->\n</invoke>\n".repeat(n)
}

/// Regions opened and closed many times.
fn suppression_regions(n: usize) -> String {
    "<!-- specmark-disable agent-artifact -->\n</invoke>\n<!-- specmark-enable agent-artifact -->\n"
        .repeat(n)
}

fn metadata_lines(n: usize) -> String {
    let mut s = String::from("# PRD: meta\n\n");
    for i in 0..n {
        let _ = writeln!(s, "**Total Tasks**: {i}\n");
    }
    s
}

fn acceptance_criteria(n: usize) -> String {
    let mut s = String::from("# PRD: criteria\n\n## Acceptance Criteria\n\n");
    for i in 0..n {
        let _ = writeln!(s, "- [ ] **AC{i}**: it loads in {i} ms");
    }
    s
}

/// Every case of the issue's list, plus cases for the model's and engine's own structures.
pub const CASES: &[Case] = &[
    Case {
        name: "nested brackets [[[a]]]",
        path: "notes.md",
        make: |n| format!("{}a{}", rep("[", n), rep("]", n)),
    },
    Case {
        name: "'[a' * n",
        path: "notes.md",
        make: |n| rep("[a", n),
    },
    Case {
        name: "'[a](<b' * n",
        path: "notes.md",
        make: |n| rep("[a](<b", n),
    },
    Case {
        name: "'[ (](' * n",
        path: "notes.md",
        make: |n| rep("[ (](", n),
    },
    Case {
        name: "'[*_a' * n",
        path: "notes.md",
        make: |n| rep("[*_a", n),
    },
    Case {
        name: "'](['+LF * n",
        path: "notes.md",
        make: |n| rep("]([\n", n),
    },
    Case {
        name: "nested emphasis *a **a",
        path: "notes.md",
        make: |n| format!("{}b{}", rep("*a **a ", n), rep(" a** a*", n)),
    },
    Case {
        name: "'a***' * n",
        path: "notes.md",
        make: |n| rep("a***", n),
    },
    Case {
        name: "'``\\' * n",
        path: "notes.md",
        make: |n| rep("``\\", n),
    },
    Case {
        name: "'a <![CDATA[' * n",
        path: "notes.md",
        make: |n| rep("a <![CDATA[", n),
    },
    Case {
        name: "'> ' * n (deep quote)",
        path: "notes.md",
        make: |n| format!("{}a", rep("> ", n)),
    },
    Case {
        name: "'* ' * n (deep list, one line)",
        path: "notes.md",
        make: |n| format!("{}a", rep("* ", n)),
    },
    Case {
        name: "nested list items",
        path: "notes.md",
        make: nested_list,
    },
    Case {
        name: "link reference definitions",
        path: "notes.md",
        make: link_refs,
    },
    Case {
        name: "table with n columns",
        path: "notes.md",
        make: wide_table,
    },
    Case {
        name: "table with n rows (tasks)",
        path: "specs/active/x/tasks.md",
        make: long_table,
    },
    Case {
        name: "'[^'+LF * n",
        path: "notes.md",
        make: |n| rep("[^\n", n),
    },
    Case {
        name: "dependency chain with one cycle",
        path: "specs/active/x/tasks.md",
        make: dependency_chain,
    },
    Case {
        name: "nested checkbox tasks with fields",
        path: "specs/active/x/tasks.md",
        make: nested_tasks,
    },
    Case {
        name: "one line of 'word ' * n",
        path: "notes.md",
        make: |n| rep("word ", n),
    },
    Case {
        name: "'a\\0' * n (binary)",
        path: "notes.md",
        make: |n| rep("a\0", n),
    },
    Case {
        name: "PRD with n python blocks",
        path: "specs/active/x/prd.md",
        make: python_blocks,
    },
    Case {
        name: "n identical headings",
        path: "specs/active/x/prd.md",
        make: same_headings,
    },
    Case {
        name: "findings on one long non-ASCII line",
        path: "notes.md",
        make: findings_on_one_line,
    },
    Case {
        name: "findings x suppression comments",
        path: "notes.md",
        make: suppressions_and_findings,
    },
    Case {
        name: "suppression regions",
        path: "notes.md",
        make: suppression_regions,
    },
    Case {
        name: "metadata lines",
        path: "specs/active/x/prd.md",
        make: metadata_lines,
    },
    Case {
        name: "acceptance criteria items",
        path: "specs/active/x/prd.md",
        make: acceptance_criteria,
    },
    Case {
        name: "Spec Kit requirements citing each other",
        path: "specs/001-x/spec.md",
        make: |n| {
            (1..=n)
                .map(|i| {
                    format!(
                        "- **FR-{i:03}**: System should see FR-{:03}〜{:03}\n",
                        i + 1,
                        i + 9
                    )
                })
                .collect()
        },
    },
    Case {
        name: "parallel tasks sharing files and depending on each other",
        path: "specs/001-x/tasks.md",
        make: |n| {
            (1..=n)
                .map(|i| {
                    format!(
                        "- [x] T{i:04} [P] [US1] Edit src/a{}.py (depends on T{:04})\n",
                        i % 7,
                        i.saturating_sub(1)
                    )
                })
                .collect()
        },
    },
    Case {
        name: "Kiro criteria and flat sub-tasks",
        path: ".kiro/specs/x/tasks.md",
        make: |n| {
            (1..=n)
                .map(|i| {
                    format!("- [x] {i}. T\n- [ ] {i}.1 s\n  - _Requirements: {i}.1-{i}.9, {i}_\n")
                })
                .collect()
        },
    },
    Case {
        name: "OpenSpec delta requirements with the same name",
        path: "openspec/changes/x/specs/y/spec.md",
        make: |n| {
            format!(
                "## MODIFIED Requirements\n\n{}",
                rep(
                    "### Requirement: Same\nThe system should x.\n#### Scenario: s\n- y\n",
                    n
                )
            )
        },
    },
];

/// The document of `case` with the largest `n` whose size stays within `target` bytes (at
/// least one repetition). Doubling, then bisection, so generators that grow faster than
/// linearly (the nested list) are sized correctly too.
pub fn build(case: &Case, target: usize) -> String {
    let size = |n: usize| (case.make)(n).len();
    let mut hi = 1;
    while size(hi) <= target {
        hi *= 2;
    }
    let mut lo = (hi / 2).max(1);
    while hi - lo > 1 && hi - lo > lo / 64 {
        let mid = lo + (hi - lo) / 2;
        if size(mid) <= target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (case.make)(lo)
}
