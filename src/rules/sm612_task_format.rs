//! `task-format`: task lines a task runner cannot read: Kiro / OpenSpec numbering, Spec Kit's
//! `T### [P] [USn]` line.

use crate::rules::family::{parent_task, phase, task_line};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks the shape of task lines the tools of each family parse:
    /// - **Kiro** (`- [ ] N. Title`, sub-tasks `- [ ] N.M Title`) and **OpenSpec**
    ///   (`- [ ] N.M Title` under `## N. Group`): a task without a number among numbered
    ///   ones, numbering that skips, repeats or goes back, and a sub-task whose number is
    ///   not its parent's (`2.1` under task 1, `1.3` under `## 2.`).
    /// - **Spec Kit** (`- [ ] T001 [P] [US1] Description in path/file.py`): a task without
    ///   a `T###` id among tasks that have one, and a task in a user-story phase without
    ///   its `[USn]` label when the list labels story tasks.
    ///
    /// Lists that number nothing are left alone (a plain checklist is not a Kiro task
    /// list), and so are Kiro's optional `- [ ]*` tasks' numbers when they only continue
    /// their parent's.
    ///
    /// ## Why
    /// Kiro starts tasks by their number and Spec Kit's implement step routes tasks by id
    /// and story label; a line without them is skipped or run out of order, and a skipped
    /// number is often a task deleted by hand with its citations left behind.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] 1. Set up the project
    /// - [ ] 2.1 Create the data model     ← under task 1, and task 2 does not exist
    /// - [ ] Write the API                 ← no number
    /// - [ ] 4. Add tests                  ← 3 is skipped
    /// ```
    ///
    /// ## How to fix
    /// Number every task in order, and nest each sub-task under the task its number
    /// names.
    pub static RULE = {
        code: "SM612",
        name: "task-format",
        summary: "Task line a task runner cannot read (numbering, id, story label)",
        category: Category::Structure,
        tags: &["kiro", "openspec", "speckit", "tasks"],
        kinds: &[Kind::KiroTasks, Kind::OpenspecTasks, Kind::SpeckitTasks],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    match cx.doc.kind {
        Kind::SpeckitTasks => speckit(cx, out),
        _ => numbered(cx, out),
    }
}

/// The numbers of a Kiro / OpenSpec id (`2.1` → [2, 1]); `None` for other ids.
fn numbers(id: &str) -> Option<Vec<u64>> {
    let id = id.trim_end_matches('.');
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    id.split('.').map(|p| p.parse().ok()).collect()
}

/// The number of a `## 2. Group` heading.
fn heading_number(title: &str) -> Option<u64> {
    let t = title.trim();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = &t[digits.len()..];
    (!digits.is_empty() && (rest.starts_with('.') || rest.starts_with(' ')))
        .then(|| digits.parse().ok())
        .flatten()
}

fn numbered(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let tasks: Vec<usize> = (0..doc.tasks.len())
        .filter(|&i| doc.tasks[i].checkbox_range.is_some())
        .collect();
    let with_numbers = tasks
        .iter()
        .filter(|&&i| {
            doc.tasks[i]
                .id
                .as_ref()
                .is_some_and(|id| numbers(&id.text).is_some())
        })
        .count();
    if with_numbers < 2 || with_numbers * 2 < tasks.len() {
        return;
    }
    // The phases (`##` sections) that hold numbered tasks.
    let numbered_phases: std::collections::HashSet<usize> = tasks
        .iter()
        .filter(|&&i| {
            doc.tasks[i]
                .id
                .as_ref()
                .is_some_and(|id| numbers(&id.text).is_some())
        })
        .map(|&i| phase(doc, doc.tasks[i].section))
        .collect();
    // Tasks grouped by parent task, or (top level) by section for OpenSpec's `## N.` groups,
    // in order of first appearance.
    let mut groups: Vec<((bool, usize), Vec<usize>)> = Vec::new();
    let mut group_of: std::collections::HashMap<(bool, usize), usize> = Default::default();
    for &i in &tasks {
        let key = match parent_task(doc, i) {
            Some(p) => (true, p),
            None if doc.kind == Kind::OpenspecTasks => (false, doc.tasks[i].section),
            None => (false, 0),
        };
        let g = *group_of.entry(key).or_insert_with(|| {
            groups.push((key, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(i);
    }
    for ((is_task, owner), members) in groups {
        let expected_prefix: Option<Vec<u64>> = if is_task {
            doc.tasks[owner]
                .id
                .as_ref()
                .and_then(|id| numbers(&id.text))
        } else if doc.kind == Kind::OpenspecTasks {
            doc.sections[owner]
                .heading
                .and_then(|h| heading_number(&doc.headings[h].text))
                .map(|n| vec![n])
        } else {
            None
        };
        let mut prev: Option<u64> = None;
        for i in members {
            let t = &doc.tasks[i];
            let at = task_line(t);
            let Some(nums) = t.id.as_ref().and_then(|id| numbers(&id.text)) else {
                // A checkbox in a section of its own (a milestone list after the plan) is
                // not one of the numbered tasks.
                if !numbered_phases.contains(&phase(doc, t.section)) {
                    continue;
                }
                out.push(cx.diag(at, format!("task \"{}\" has no number: write it as `- [ ] N. Title` so the task runner can start it", short(&t.title))));
                continue;
            };
            let id = t.id.as_ref().map_or("", |i| &*i.text).trim_end_matches('.');
            if let Some(prefix) = &expected_prefix {
                if nums.len() != prefix.len() + 1 || nums[..prefix.len()] != prefix[..] {
                    let owner_name = if is_task {
                        format!(
                            "task {}",
                            prefix
                                .iter()
                                .map(u64::to_string)
                                .collect::<Vec<_>>()
                                .join(".")
                        )
                    } else {
                        format!("group {}", prefix[0])
                    };
                    out.push(cx.diag(at, format!("task {id} sits under {owner_name}: its number should start with {}.", prefix.iter().map(u64::to_string).collect::<Vec<_>>().join("."))));
                    continue;
                }
            }
            // Kiro's top level holds whole numbers: `2.1` there has no task 2 to belong to.
            if expected_prefix.is_none() && !is_task && nums.len() > 1 {
                let parent = nums[..nums.len() - 1]
                    .iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(".");
                out.push(cx.diag(
                    at,
                    format!("sub-task {id} has no task {parent} above it: add task {parent}, or number it as a task of its own"),
                ));
                continue;
            }
            let n = *nums.last().unwrap_or(&0);
            if let Some(p) = prev {
                let what = if n == p {
                    Some(format!("task number {id} repeats the one before"))
                } else if n < p {
                    Some(format!(
                        "task {id} comes after task number {p}: the numbering goes back"
                    ))
                } else if n > p + 1 && !t.optional {
                    Some(format!(
                        "task {id} skips {}: the numbering goes from {p} to {n}",
                        if n == p + 2 {
                            format!("number {}", p + 1)
                        } else {
                            format!("numbers {}-{}", p + 1, n - 1)
                        }
                    ))
                } else {
                    None
                };
                if let Some(w) = what {
                    out.push(cx.diag(at, w));
                }
            }
            prev = Some(prev.map_or(n, |p| p.max(n)));
        }
    }
}

fn short(title: &str) -> String {
    let t: String = title.chars().take(50).collect();
    if t.len() < title.len() {
        format!("{t}...")
    } else {
        t
    }
}

fn speckit(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let tasks: Vec<usize> = (0..doc.tasks.len())
        .filter(|&i| doc.tasks[i].checkbox_range.is_some() && doc.tasks[i].depth == 0)
        .collect();
    // `T001`, `**T001**`, `[T001]`, and sub-task ids inserted later: `T007a`, `T158-1`,
    // `T240.2`.
    let is_t_id = |i: usize| {
        let title = doc.text(&doc.tasks[i].title_range);
        let t = title.trim_start_matches(['*', '[', '_', '`']).as_bytes();
        let digits = t.iter().skip(1).take_while(|c| c.is_ascii_digit()).count();
        let rest = &t[(1 + digits).min(t.len())..];
        let rest = match rest.first() {
            Some(c) if c.is_ascii_lowercase() => &rest[1..],
            _ => rest,
        };
        let rest_ok = match rest.first() {
            None => true,
            Some(b'-' | b'.') => rest.get(1).is_none_or(|c| !c.is_ascii_alphabetic()),
            Some(c) => !c.is_ascii_alphanumeric(),
        };
        matches!(t.first(), Some(b'T')) && digits > 0 && rest_ok
    };
    let with_ids = tasks.iter().filter(|&&i| is_t_id(i)).count();
    if with_ids < 2 || with_ids * 2 < tasks.len() {
        return;
    }
    let labels = tasks
        .iter()
        .any(|&i| doc.text(&doc.tasks[i].title_range).contains("[US"));
    for &i in &tasks {
        let t = &doc.tasks[i];
        let at = task_line(t);
        if !is_t_id(i) {
            out.push(cx.diag(at, format!("task \"{}\" has no T### id: write it as `- [ ] T042 [P] [US1] Description in path/to/file`", short(&t.title))));
            continue;
        }
        if !labels {
            continue;
        }
        let title = doc.text(&t.title_range);
        if let Some(story) = story_of_phase(doc, t.section) {
            if !title.contains("[US") {
                out.push(cx.diag(
                    at,
                    format!("task in the phase of User Story {story} has no [US{story}] label"),
                ));
            }
        }
    }
}

/// The story number of the phase a section belongs to (`## Phase 3: User Story 1 - ...`).
fn story_of_phase(doc: &Document<'_>, mut s: usize) -> Option<u64> {
    loop {
        let sec = &doc.sections[s];
        if sec.level >= 2 {
            if let Some(h) = sec.heading {
                let lower = doc.headings[h].text.to_ascii_lowercase();
                if let Some(at) = lower.find("user story") {
                    let digits: String = lower[at + 10..]
                        .trim_start()
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect();
                    return digits.parse().ok();
                }
            }
        }
        s = sec.parent?;
        if s == 0 {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::lint_lines;

    #[test]
    fn kiro_numbering() {
        let src = "# Implementation Plan\n\n- [ ] 1. Set up\n  - [ ] 2.1 Model\n- [ ] Write the API\n- [ ] 2. B\n- [ ] 4. D\n  - [ ] 4.1 d\n  - [ ] 4.2 e\n  - [ ]* 4.4 optional\n";
        assert_eq!(
            lint_lines(src, ".kiro/specs/a/tasks.md", "task-format"),
            [4, 5, 7]
        );
    }

    #[test]
    fn openspec_groups() {
        let src = "# Tasks\n\n## 1. Backend\n\n- [ ] 1.1 a\n- [ ] 1.2 b\n\n## 2. Frontend\n\n- [ ] 2.1 c\n- [ ] 1.3 d\n";
        assert_eq!(
            lint_lines(src, "openspec/changes/x/tasks.md", "task-format"),
            [11]
        );
    }

    #[test]
    fn speckit_lines() {
        let src = "# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 Create project in src/\n- [ ] T002 [P] Configure lint in .eslintrc\n\n## Phase 3: User Story 1 - Login (Priority: P1)\n\n- [ ] T010 [P] [US1] Model in src/user.py\n- [ ] T011 Service in src/auth.py\n- [ ] Wire the routes\n";
        assert_eq!(
            lint_lines(src, "specs/001-x/tasks.md", "task-format"),
            [11, 12]
        );
    }
}
