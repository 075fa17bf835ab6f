//! `phantom-completion`: a checked task naming a repository file that does not exist.

use crate::rules::family::file_paths;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// For each checked task, looks up the file paths its line and its `Files:` field name
    /// (`src/models/user.py`, `` `app/api/routes.ts` ``) in the repository. A path is
    /// reported when it plainly names a file there, its first folder exists in the
    /// repository, and the file does not.
    ///
    /// The rule runs only when the host lists the whole repository: the CLI does when it
    /// walks the repository's root folder (`specmark check .` where `.git` is), and says
    /// so by listing `.git` among the known paths (an npm or editor host can do the same).
    /// A path with a wildcard or a placeholder (`src/*.py`, `<name>.ts`) is not a file
    /// name; a task that removes, renames or moves a file is about a file that is meant to
    /// be gone.
    ///
    /// ## Why
    /// Agents tick tasks they believe done. A ticked "Create `src/services/auth.py`" with
    /// no such file in the repository is work claimed but never written (or written
    /// elsewhere), the defect reviewers of agent task lists find most often.
    ///
    /// ## Example
    /// ```markdown
    /// - [x] T014 [US1] Implement AuthService in src/services/auth.py   ← no such file
    /// ```
    ///
    /// ## How to fix
    /// Untick the task until the file exists, or correct the path to where the work went.
    pub static RULE = {
        code: "SM613",
        name: "phantom-completion",
        summary: "Checked task names a repository file that does not exist",
        category: Category::Verification,
        tags: &["tasks", "workspace", "speckit", "kiro", "openspec"],
        kinds: &[Kind::SpeckitTasks, Kind::KiroTasks, Kind::OpenspecTasks, Kind::Tasks],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

/// Words of a task about a file meant to be gone.
const GONE: &[&str] = &[
    "remove",
    "removed",
    "delete",
    "deleted",
    "rename",
    "renamed",
    "move",
    "moved",
    "drop",
    "deprecate",
    "retire",
    "replace",
    "replaced",
    "migrate",
    "consolidate",
    "merge",
    "merged",
];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(ws) = cx
        .workspace
        .filter(|w| w.complete_listing && w.path_exists(".git"))
    else {
        return;
    };
    let doc = cx.doc;
    for t in &doc.tasks {
        if t.state != TaskState::Done {
            continue;
        }
        let title = doc.text(&t.title_range);
        let lower = title.to_ascii_lowercase();
        if GONE
            .iter()
            .any(|w| crate::rules::family::has_word(&lower, w))
        {
            continue;
        }
        let mut paths = file_paths(title, t.title_range.start);
        for f in &t.fields {
            if matches!(&*f.key, "files" | "file") {
                paths.extend(file_paths(doc.text(&f.value_range), f.value_range.start));
            }
        }
        for (path, range) in paths {
            let path = path.trim_start_matches("./");
            if !path.contains('/')
                || path.starts_with('/')
                || path.starts_with('~')
                || path.contains(['*', '<', '>', '{', '}', '$'])
                || path.split('/').any(|p| p == ".." || p.is_empty())
            {
                continue;
            }
            let first = path.split('/').next().unwrap_or("");
            if !ws.path_exists(first) || ws.path_exists(path) {
                continue;
            }
            out.push(cx.diag(
                range,
                format!("this task is checked, but `{path}` does not exist in the repository: untick it or correct the path"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Config;

    fn lines(tasks: &str, known: &[&str], complete: bool) -> Vec<usize> {
        let known: Vec<String> = known.iter().map(|s| s.to_string()).collect();
        let reports = crate::lint_workspace(
            &[("specs/001-x/tasks.md", tasks)],
            known,
            complete,
            &Config::default(),
        );
        reports[0]
            .diagnostics
            .iter()
            .filter(|d| d.name == "phantom-completion")
            .map(|d| d.range.start.line as usize + 1)
            .collect()
    }

    #[test]
    fn checked_tasks_and_the_repository() {
        let tasks = "# Tasks\n\n- [x] T001 Create src/models/user.py\n- [x] T002 Create src/models/ghost.py\n- [ ] T003 Create src/models/later.py\n- [x] T004 Remove src/legacy.py\n- [x] T005 Write docs/guide.md\n- [x] T006 Edit `src/*.py`\n";
        let repo = [".git", "src", "src/models", "src/models/user.py"];
        assert_eq!(lines(tasks, &repo, true), [4]);
        assert!(lines(tasks, &repo, false).is_empty(), "incomplete listing");
        assert!(
            lines(tasks, &["src", "src/models"], true).is_empty(),
            "not a repository"
        );
    }
}
