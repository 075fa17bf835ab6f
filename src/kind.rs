//! Document kinds and how a file's kind is detected from its path and content.

use serde::{Deserialize, Serialize};

/// What sort of spec document a file is; decides which rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Prd,
    Tasks,
    Recovery,
    Research,
    GoalkitTasks,
    KiroRequirements,
    KiroDesign,
    KiroTasks,
    SpeckitSpec,
    SpeckitPlan,
    SpeckitTasks,
    SpeckitChecklist,
    OpenspecSpec,
    OpenspecDelta,
    OpenspecProposal,
    OpenspecTasks,
    OpenspecDesign,
    Markdown,
}

impl Kind {
    pub const ALL: &'static [Kind] = &[
        Kind::Prd,
        Kind::Tasks,
        Kind::Recovery,
        Kind::Research,
        Kind::GoalkitTasks,
        Kind::KiroRequirements,
        Kind::KiroDesign,
        Kind::KiroTasks,
        Kind::SpeckitSpec,
        Kind::SpeckitPlan,
        Kind::SpeckitTasks,
        Kind::SpeckitChecklist,
        Kind::OpenspecSpec,
        Kind::OpenspecDelta,
        Kind::OpenspecProposal,
        Kind::OpenspecTasks,
        Kind::OpenspecDesign,
        Kind::Markdown,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Prd => "prd",
            Kind::Tasks => "tasks",
            Kind::Recovery => "recovery",
            Kind::Research => "research",
            Kind::GoalkitTasks => "goalkit-tasks",
            Kind::KiroRequirements => "kiro-requirements",
            Kind::KiroDesign => "kiro-design",
            Kind::KiroTasks => "kiro-tasks",
            Kind::SpeckitSpec => "speckit-spec",
            Kind::SpeckitPlan => "speckit-plan",
            Kind::SpeckitTasks => "speckit-tasks",
            Kind::SpeckitChecklist => "speckit-checklist",
            Kind::OpenspecSpec => "openspec-spec",
            Kind::OpenspecDelta => "openspec-delta",
            Kind::OpenspecProposal => "openspec-proposal",
            Kind::OpenspecTasks => "openspec-tasks",
            Kind::OpenspecDesign => "openspec-design",
            Kind::Markdown => "markdown",
        }
    }

    /// A human label, for the browser page and reports.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Prd => "PRD",
            Kind::Tasks => "Tasks (GOE / phase style)",
            Kind::Recovery => "Session recovery",
            Kind::Research => "Research / analysis",
            Kind::GoalkitTasks => "Goal-kit tasks",
            Kind::KiroRequirements => "Kiro requirements",
            Kind::KiroDesign => "Kiro design",
            Kind::KiroTasks => "Kiro tasks",
            Kind::SpeckitSpec => "Spec Kit spec",
            Kind::SpeckitPlan => "Spec Kit plan",
            Kind::SpeckitTasks => "Spec Kit tasks",
            Kind::SpeckitChecklist => "Spec Kit checklist",
            Kind::OpenspecSpec => "OpenSpec spec",
            Kind::OpenspecDelta => "OpenSpec delta spec",
            Kind::OpenspecProposal => "OpenSpec proposal",
            Kind::OpenspecTasks => "OpenSpec tasks",
            Kind::OpenspecDesign => "OpenSpec design",
            Kind::Markdown => "Generic Markdown",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// The task lists of every flavour (the task model is meaningful for these): the kinds
    /// of the task-graph rules.
    pub const TASK_LISTS: &'static [Kind] = &[
        Kind::Tasks,
        Kind::GoalkitTasks,
        Kind::KiroTasks,
        Kind::SpeckitTasks,
        Kind::OpenspecTasks,
    ];

    /// Task lists of any flavour.
    pub fn is_task_list(self) -> bool {
        Kind::TASK_LISTS.contains(&self)
    }

    /// Every kind except generic Markdown.
    pub fn is_spec(self) -> bool {
        self != Kind::Markdown
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a document's kind came from, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KindSource {
    /// The caller asked for it (`--kind`, the `kind` option, the page's selector).
    Explicit,
    /// `specmark: { kind: ... }` in the front matter.
    FrontMatter,
    /// A `[[kinds]]` glob in the configuration.
    Config,
    Path,
    Content,
    Default,
}

/// Kind from a file path alone (`/` or `\` separated), following the layouts of the GOE,
/// Kiro, Spec Kit and goal-kit workflows.
pub fn kind_from_path(path: &str) -> Option<Kind> {
    let path = path.replace('\\', "/");
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let file = parts.last()?.to_ascii_lowercase();
    if !(file.ends_with(".md") || file.ends_with(".markdown")) {
        return None;
    }
    let stem = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
    let dirs = &parts[..parts.len() - 1];
    let parent = dirs.last().map(|d| d.to_ascii_lowercase());

    if dirs.contains(&".kiro") {
        return match stem {
            "requirements" => Some(Kind::KiroRequirements),
            "design" => Some(Kind::KiroDesign),
            "tasks" => Some(Kind::KiroTasks),
            _ => None,
        };
    }
    if let Some(kind) = openspec_kind(dirs, stem) {
        return Some(kind);
    }
    if dirs.contains(&".goalkit") && stem == "tasks" {
        return Some(Kind::GoalkitTasks);
    }
    if is_speckit_feature_dir(dirs) {
        match stem {
            "spec" => return Some(Kind::SpeckitSpec),
            "plan" => return Some(Kind::SpeckitPlan),
            "tasks" => return Some(Kind::SpeckitTasks),
            _ => {}
        }
    }
    if dirs.len() >= 2
        && dirs[dirs.len() - 1] == "checklists"
        && is_speckit_feature_dir(&dirs[..dirs.len() - 1])
    {
        return Some(Kind::SpeckitChecklist);
    }
    if parent.as_deref() == Some("research") && matches!(stem, "analysis" | "plan" | "findings") {
        return Some(Kind::Research);
    }
    match stem {
        "prd" => return Some(Kind::Prd),
        "tasks" => return Some(Kind::Tasks),
        "recovery" => return Some(Kind::Recovery),
        _ => {}
    }
    if parent.as_deref() == Some("prd") && dirs.len() >= 2 && dirs[dirs.len() - 2] == "docs" {
        return Some(Kind::Prd);
    }
    None
}

/// Whether a path is a template that documents are copied from, not a document: a folder
/// `template/` or `templates/` (`.specify/templates/`, `.kiro/settings/templates/`), or a
/// folder or file name that is "template" plus document words only (`template-spec/`,
/// `tasks-template.md`, `prd_tmpl.md`). `email-templates/` or `template-engine/` are not
/// templates, nor is the feature folder after `specs/active/` (a feature called
/// "templates").
pub fn is_template_path(path: &str) -> bool {
    let path = path.replace('\\', "/");
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let Some((file, dirs)) = parts.split_last() else {
        return false;
    };
    let stem = file.rsplit_once('.').map_or(*file, |(s, _)| s);
    let slug = |i: usize| i > 0 && matches!(dirs[i - 1], "active" | "archive");
    dirs.iter()
        .enumerate()
        .any(|(i, d)| !slug(i) && is_template_name(d))
        || is_template_name(stem)
}

/// `templates`, `template-spec`, `tasks-template`, `prd_tmpl`.
fn is_template_name(name: &str) -> bool {
    const MARKERS: &[&str] = &["template", "templates", "tmpl"];
    const DOC_WORDS: &[&str] = &[
        "spec",
        "specs",
        "prd",
        "tasks",
        "task",
        "recovery",
        "plan",
        "research",
        "analysis",
        "requirements",
        "design",
        "goal",
        "goals",
        "doc",
        "docs",
        "document",
        "feature",
        "checklist",
        "agent",
        "file",
        "files",
        "strategies",
        "story",
    ];
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(['-', '_', '.', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| MARKERS.contains(w))
        && words
            .iter()
            .all(|w| MARKERS.contains(w) || DOC_WORDS.contains(w))
}

/// OpenSpec's layout: `openspec/specs/<capability>/spec.md` (the current truth), and a
/// change `openspec/changes/<name>/` (also under `changes/archive/`) with `proposal.md`,
/// `tasks.md`, `design.md` and delta specs `specs/<capability>/spec.md`.
fn openspec_kind(dirs: &[&str], stem: &str) -> Option<Kind> {
    let at = dirs.iter().rposition(|d| *d == "openspec")?;
    let rest = &dirs[at + 1..];
    match rest.first().copied()? {
        "specs" if stem == "spec" && rest.len() >= 2 => Some(Kind::OpenspecSpec),
        "changes" => {
            let change = if rest.get(1) == Some(&"archive") {
                3
            } else {
                2
            };
            if rest.len() < change {
                return None;
            }
            if rest.len() == change {
                return match stem {
                    "proposal" => Some(Kind::OpenspecProposal),
                    "tasks" => Some(Kind::OpenspecTasks),
                    "design" => Some(Kind::OpenspecDesign),
                    _ => None,
                };
            }
            (rest.get(change) == Some(&"specs") && stem == "spec").then_some(Kind::OpenspecDelta)
        }
        _ => None,
    }
}

/// The feature folder a document belongs to, whose documents are read together: a GOE
/// workspace `specs/active|archive/<slug>`, a Spec Kit `specs/NNN-name`, a Kiro
/// `.kiro/specs/<name>`, an OpenSpec change `openspec/changes/[archive/]<name>`.
pub fn feature_folder(path: &str) -> Option<&str> {
    let mut starts = vec![0usize];
    starts.extend(path.match_indices('/').map(|(i, _)| i + 1));
    let parts: Vec<&str> = starts.windows(2).map(|w| &path[w[0]..w[1] - 1]).collect();
    let end = |i: usize| starts[i] + parts[i].len();
    for i in 0..parts.len() {
        let next = |k: usize| parts.get(i + k).copied();
        match parts[i] {
            "specs" if matches!(next(1), Some("active" | "archive")) && next(2).is_some() => {
                return Some(&path[..end(i + 2)]);
            }
            "specs" if i > 0 && parts[i - 1] == ".kiro" && next(1).is_some() => {
                return Some(&path[..end(i + 1)]);
            }
            "specs" if next(1).is_some_and(|d| is_speckit_feature_dir(&["specs", d])) => {
                return Some(&path[..end(i + 1)]);
            }
            "changes" if i > 0 && parts[i - 1] == "openspec" => {
                let k = if next(1) == Some("archive") { 2 } else { 1 };
                return next(k).map(|_| &path[..end(i + k)]);
            }
            _ => {}
        }
    }
    None
}

/// The capability an OpenSpec delta spec changes, and where its current spec lives:
/// `openspec/changes/x/specs/auth/spec.md` → `openspec/specs/auth/spec.md`.
pub fn openspec_current_spec(delta_path: &str) -> Option<String> {
    let at = delta_path.rfind("openspec/changes/")?;
    let root = &delta_path[..at];
    let rest = &delta_path[at..];
    let specs = rest.find("/specs/")?;
    let capability = &rest[specs + "/specs/".len()..];
    Some(format!("{root}openspec/specs/{capability}"))
}

/// `specs/NNN-name/` (Spec Kit numbers its feature folders).
fn is_speckit_feature_dir(dirs: &[&str]) -> bool {
    if dirs.len() < 2 || dirs[dirs.len() - 2] != "specs" {
        return false;
    }
    let dir = dirs[dirs.len() - 1];
    let digits = dir.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && dir.as_bytes().get(digits) == Some(&b'-')
}

/// Kind from the first H1 title of a document.
pub fn kind_from_title(title: &str) -> Option<Kind> {
    let t = title.trim().to_ascii_lowercase();
    let starts = |p: &str| t.starts_with(p);
    if starts("prd:") || starts("prd -") || starts("product requirements") {
        Some(Kind::Prd)
    } else if starts("tasks:") || starts("implementation tasks:") || starts("implementation plan") {
        Some(Kind::Tasks)
    } else if starts("session recovery") || starts("recovery") {
        Some(Kind::Recovery)
    } else {
        None
    }
}

/// A goal-kit task table has at least four of these headers.
pub fn is_goalkit_header(headers: &[String]) -> bool {
    const WANTED: [&str; 5] = ["task id", "owner", "effort", "dod", "dependencies"];
    let lower: Vec<String> = headers
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    WANTED
        .iter()
        .filter(|w| lower.iter().any(|h| h == *w))
        .count()
        >= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let k = |p| kind_from_path(p);
        assert_eq!(k("specs/active/x/prd.md"), Some(Kind::Prd));
        assert_eq!(k("PRD.md"), Some(Kind::Prd));
        assert_eq!(k("docs/prd/2-需求.md"), Some(Kind::Prd));
        assert_eq!(k("specs/active/x/tasks.md"), Some(Kind::Tasks));
        assert_eq!(k("specs/active/x/recovery.md"), Some(Kind::Recovery));
        assert_eq!(
            k("specs/active/x/research/analysis.md"),
            Some(Kind::Research)
        );
        assert_eq!(
            k("specs/active/x/research/findings.md"),
            Some(Kind::Research)
        );
        assert_eq!(k(".goalkit/goals/001-x/tasks.md"), Some(Kind::GoalkitTasks));
        assert_eq!(
            k(".kiro/specs/a/requirements.md"),
            Some(Kind::KiroRequirements)
        );
        assert_eq!(k(".kiro/specs/a/design.md"), Some(Kind::KiroDesign));
        assert_eq!(k(".kiro/specs/a/tasks.md"), Some(Kind::KiroTasks));
        assert_eq!(k("specs/002-dash/tasks.md"), Some(Kind::SpeckitTasks));
        assert_eq!(k("specs/1-portal/spec.md"), Some(Kind::SpeckitSpec));
        assert_eq!(k("specs/010-x/plan.md"), Some(Kind::SpeckitPlan));
        assert_eq!(k("specs\\active\\x\\tasks.md"), Some(Kind::Tasks));
        assert_eq!(
            k("specs/003-x/checklists/requirements.md"),
            Some(Kind::SpeckitChecklist)
        );
        assert_eq!(k("openspec/specs/auth/spec.md"), Some(Kind::OpenspecSpec));
        assert_eq!(
            k("openspec/changes/add-2fa/specs/auth/spec.md"),
            Some(Kind::OpenspecDelta)
        );
        assert_eq!(
            k("openspec/changes/archive/2025-01-01-x/proposal.md"),
            Some(Kind::OpenspecProposal)
        );
        assert_eq!(k("openspec/changes/x/tasks.md"), Some(Kind::OpenspecTasks));
        assert_eq!(
            k("openspec/changes/x/design.md"),
            Some(Kind::OpenspecDesign)
        );
        assert_eq!(k("openspec/project.md"), None);
        assert_eq!(k("README.md"), None);
        assert_eq!(k("tasks.txt"), None);
    }

    #[test]
    fn feature_folders() {
        let f = feature_folder;
        assert_eq!(f("specs/active/x/research/plan.md"), Some("specs/active/x"));
        assert_eq!(f("a/specs/002-dash/tasks.md"), Some("a/specs/002-dash"));
        assert_eq!(f(".kiro/specs/login/tasks.md"), Some(".kiro/specs/login"));
        assert_eq!(
            f("openspec/changes/add-2fa/specs/auth/spec.md"),
            Some("openspec/changes/add-2fa")
        );
        assert_eq!(
            f("openspec/changes/archive/2025-x/tasks.md"),
            Some("openspec/changes/archive/2025-x")
        );
        assert_eq!(f("openspec/specs/auth/spec.md"), None);
        assert_eq!(f("docs/specs/notes.md"), None);
        assert_eq!(
            openspec_current_spec("r/openspec/changes/x/specs/auth/spec.md").as_deref(),
            Some("r/openspec/specs/auth/spec.md")
        );
    }

    #[test]
    fn template_paths() {
        assert!(is_template_path("specs/template-spec/recovery.md"));
        assert!(is_template_path("templates/tasks-template.md"));
        assert!(is_template_path(".specify/templates/spec-template.md"));
        assert!(is_template_path(".kiro/settings/templates/specs/tasks.md"));
        assert!(is_template_path("docs\\prd_tmpl.md"));
        assert!(!is_template_path("specs/active/x/prd.md"));
        assert!(!is_template_path("specs/active/templates/prd.md"));
        assert!(!is_template_path("specs/active/email-templates/prd.md"));
        assert!(!is_template_path("src/template-engine/tasks.md"));
        assert!(!is_template_path("docs/prd.md"));
    }

    #[test]
    fn titles() {
        assert_eq!(kind_from_title("PRD: Login"), Some(Kind::Prd));
        assert_eq!(kind_from_title("Implementation Plan"), Some(Kind::Tasks));
        assert_eq!(kind_from_title("Session Recovery: X"), Some(Kind::Recovery));
        assert_eq!(kind_from_title("Design notes"), None);
    }

    #[test]
    fn names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_name(k.name()), Some(*k));
        }
    }
}
