//! The document model on the seed templates: tasks, fields, dependencies, tables, sections.

use specmark::document::{Document, TaskSource, TaskState};
use specmark::Kind;

fn seed(name: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let entry = std::fs::read_dir(&dir)
        .expect("shared/seeds beside the repository")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(name))
        .expect("seed file");
    std::fs::read_to_string(entry.path()).expect("utf-8 seed")
}

#[test]
fn phase_tasks_seed_has_ids_fields_and_deps() {
    let text = seed("003");
    let doc = Document::parse(&text, Some("specs/active/x/tasks.md"), None);
    assert_eq!(doc.kind, Kind::Tasks);
    let ids: Vec<&str> = doc
        .tasks
        .iter()
        .filter(|t| t.source == TaskSource::Checkbox)
        .filter_map(|t| t.id.as_ref().map(|i| &*i.text))
        .collect();
    assert_eq!(
        ids,
        ["1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "4.1", "4.2", "4.3", "5.1", "5.2"]
    );
    let t21 = &doc.tasks[doc.tasks_with_id("2.1")[0]];
    let deps: Vec<&str> = t21.deps.iter().map(|d| &*d.id).collect();
    assert_eq!(deps, ["1.1", "1.2"]);
    let keys: Vec<&str> = t21.fields.iter().map(|f| &*f.key).collect();
    assert_eq!(keys, ["description", "depends on", "files", "done when"]);
    // "Task 2.x" is a wildcard, not a reference.
    let t31 = &doc.tasks[doc.tasks_with_id("3.1")[0]];
    assert!(t31.deps.is_empty());
    // The Deadlock Analysis checkboxes are tasks without ids.
    assert!(doc
        .tasks
        .iter()
        .any(|t| t.id.is_none() && t.title.starts_with("Verified: No circular")));
    // The dependency graph is a code block, never tasks.
    assert!(doc.code_blocks.iter().any(|c| c.text.contains("──┬──>")));
}

#[test]
fn goalkit_seed_rows_are_tasks_with_dependencies() {
    let text = seed("004");
    let doc = Document::parse(&text, Some("tasks.md"), None);
    // tasks.md by path is GOE tasks; the table decides only without a path.
    assert_eq!(doc.kind, Kind::Tasks);
    let doc = Document::parse(&text, None, None);
    assert_eq!(doc.kind, Kind::GoalkitTasks);
    let rows: Vec<_> = doc
        .tasks
        .iter()
        .filter(|t| t.source == TaskSource::TableRow)
        .collect();
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[0].id.as_ref().unwrap().text, "T-001");
    assert!(rows[0].deps.is_empty(), "None is no dependency");
    assert_eq!(rows[1].deps[0].id, "T-001");
    assert_eq!(rows[6].title, "Optimize + monitoring setup");
    assert_eq!(rows[6].state, TaskState::Unknown);
}

#[test]
fn goe_tasks_seed_bold_ids_and_metadata() {
    let text = seed("000");
    let doc = Document::parse(&text, Some("specs/active/x/tasks.md"), None);
    let r1 = &doc.tasks[doc.tasks_with_id("R1")[0]];
    assert_eq!(r1.state, TaskState::Open);
    assert_eq!(r1.fields[0].key, "files");
    assert!(doc.tasks_with_id("QG4").len() == 1);
    let status: Vec<_> = doc.meta("status").collect();
    assert_eq!(
        status[0].value,
        "Planning | In Progress | Testing | Complete"
    );
    let total: Vec<_> = doc.meta("total tasks").collect();
    assert_eq!(total[0].value, "[Auto-calculated]");
    assert_eq!(doc.title().unwrap().text, "Tasks: [Feature Name]");
}

#[test]
fn prd_seed_sections_and_words() {
    let text = seed("001");
    let doc = Document::parse(&text, Some("agents/prd.md"), Some(Kind::Markdown));
    assert!(doc.front_matter.is_some());
    // The PRD template lives inside a ```markdown fence: none of its headings are headings.
    assert!(!doc
        .headings
        .iter()
        .any(|h| h.text.starts_with("PRD: [Feature Name]")));
    assert!(doc
        .headings
        .iter()
        .any(|h| h.text == "Word Count Guidelines (MANDATORY MINIMUMS)"));
    let python = doc
        .code_blocks
        .iter()
        .filter(|c| c.lang.as_deref() == Some("python"))
        .count();
    assert!(python > 5);
    assert_eq!(doc.words, text.split_whitespace().count());
    let root_children_words: usize = doc.sections[0]
        .children
        .iter()
        .map(|&c| doc.sections[c].words)
        .sum();
    assert!(root_children_words <= doc.words);
}

#[test]
fn front_matter_overrides_kind_and_crlf_bom_work() {
    let text =
        "\u{feff}---\r\nspecmark: { kind: prd }\r\n---\r\n# Notes\r\n\r\n- [ ] T001 first\r\n";
    let doc = Document::parse(text, Some("notes.md"), None);
    assert_eq!(doc.kind, Kind::Prd);
    assert_eq!(doc.headings[0].text, "Notes");
    assert_eq!(doc.tasks[0].id.as_ref().unwrap().text, "T001");
    assert_eq!(doc.text(&doc.tasks[0].title_range), "T001 first");
    assert_eq!(doc.newline(), "\r\n");
}

#[test]
fn special_checkbox_states() {
    let text = "# Tasks: X\n\n- [-] 1.1 in progress\n- [ ]* 1.2 optional\n- [X] 1.3 done (P)\n\n```\n- [ ] 9.9 in code\n```\n";
    let doc = Document::parse(text, Some("tasks.md"), None);
    let states: Vec<_> = doc
        .tasks
        .iter()
        .map(|t| (t.state, t.optional, t.parallel))
        .collect();
    assert_eq!(
        states,
        [
            (TaskState::InProgress, false, false),
            (TaskState::Open, true, false),
            (TaskState::Done, false, true)
        ]
    );
}

#[test]
fn heading_tasks_take_state_from_checkboxes() {
    let text = "# Tasks: X\n\n### 1.5 Config ✅\n\n**File**: `a.py`\n\n- [x] a\n- [ ] b (deferred)\n\n### Task 2: Other\n- [x] c\n";
    let doc = Document::parse(text, Some("tasks.md"), None);
    let h15 = &doc.tasks[doc.tasks_with_id("1.5")[0]];
    assert_eq!(h15.source, TaskSource::Heading);
    assert_eq!(h15.state, TaskState::Open);
    assert_eq!(h15.fields[0].key, "file");
    let h2 = &doc.tasks[doc.tasks_with_id("2")[0]];
    assert_eq!(h2.state, TaskState::Done);
}

#[test]
fn dependency_lines_ranges_and_italic_remarks() {
    let text = "# Tasks: X\n\n- [ ] [T001] [P] First\n- [ ] T002 Second\n  - depends on T001\n- [ ] T005 Third (depends on T001-T004)\n- [ ] 2.1 Kiro style\n  - _Depends: T002_ *(cross-boundary only)*\n";
    let doc = Document::parse(text, Some("tasks.md"), None);
    let deps = |id: &str| -> Vec<String> {
        doc.tasks[doc.tasks_with_id(id)[0]]
            .deps
            .iter()
            .map(|d| d.id.to_string())
            .collect()
    };
    assert!(!doc.tasks_with_id("T001").is_empty());
    assert_eq!(deps("T002"), ["T001"]);
    assert_eq!(deps("T005"), ["T001", "T002", "T003", "T004"]);
    assert_eq!(deps("2.1"), ["T002"]);
}

/// Lookups by id agree with a plain scan of the tasks, for ids that share their first eight
/// bytes (the index searches those by the whole id), repeated ids, ids that are prefixes of
/// others, and ids that are not there.
#[test]
fn tasks_with_id_agrees_with_a_scan() {
    let mut ids: Vec<String> = Vec::new();
    for major in [1, 12, 123] {
        for minor in [1, 2, 10, 11, 100] {
            ids.push(format!("{major}.{minor}.{minor}.{major}"));
            ids.push(format!("{major}.{minor}"));
        }
    }
    for n in [
        1,
        2,
        10,
        100,
        1000,
        10_000,
        100_000_000,
        100_000_001,
        100_000_010,
    ] {
        ids.push(format!("T{n:03}"));
        ids.push(format!("T-{n}"));
    }
    let mut text = String::from("# Tasks\n\n");
    for (k, id) in ids.iter().chain(ids.iter().step_by(3)).enumerate() {
        text.push_str(&format!("- [ ] {id} Task number {k}\n"));
    }
    let doc = Document::parse(&text, Some("specs/active/x/tasks.md"), None);
    let parsed: Vec<&str> = doc
        .tasks
        .iter()
        .filter_map(|t| t.id.as_ref().map(|i| &*i.text))
        .collect();
    assert!(parsed.len() > 60, "{parsed:?}");
    let mut asked: Vec<String> = parsed.iter().map(|s| s.to_string()).collect();
    for id in &parsed {
        asked.push(format!("{id}0"));
        asked.push(id[..id.len() - 1].to_string());
    }
    asked.push(String::new());
    for id in &asked {
        let scan: Vec<usize> = (0..doc.tasks.len())
            .filter(|&i| doc.tasks[i].id.as_ref().is_some_and(|t| &*t.text == id))
            .collect();
        assert_eq!(doc.tasks_with_id(id), &scan[..], "{id:?}");
    }
}
