//! Which profile a document gets, and why: the caller's choice, the front matter, the
//! configuration's globs, then the evidence in the document (its workspace folder, how
//! closely it follows a template), then its kind's default.

use super::{builtin, builtin_profiles, fallback_for, markdown, DetectBy, Profile};
use crate::config::Config;
use crate::document::Document;
use crate::kind::{Kind, KindSource};
use crate::rules::sections::{self, HeadingIndex, Wanted};
use std::sync::Arc;

/// The profile of `doc` (whose kind is already detected) and the reason, in words.
pub fn detect(doc: &Document<'_>, config: Option<&Config>) -> (Arc<Profile>, String) {
    if let Some(cfg) = config {
        if let Some(name) = cfg.profile.as_deref() {
            if let Some(p) = cfg.find_profile(name) {
                return (
                    p,
                    "chosen explicitly (--profile or the profile option)".into(),
                );
            }
        }
    }
    if let Some(name) = doc
        .front_matter
        .as_ref()
        .and_then(|f| f.specmark_profile.as_deref())
    {
        let found = match config {
            Some(cfg) => cfg.find_profile(name),
            None => builtin(name).cloned(),
        };
        if let Some(p) = found {
            return (p, format!("front matter says `profile: {name}`"));
        }
    }
    if let (Some(cfg), Some(path)) = (config, doc.path.as_deref()) {
        if let Some((p, glob)) = cfg.profile_for_path(path) {
            return (p, format!("matches `{glob}` in the configuration"));
        }
    }
    by_evidence(doc)
}

fn by_evidence(doc: &Document<'_>) -> (Arc<Profile>, String) {
    let kind = doc.kind;
    // The headings and bold labels every template comparison reads, made once.
    let index = std::cell::OnceCell::new();
    let index = || index.get_or_init(|| HeadingIndex::new(doc, true));
    for p in builtin_profiles().iter().filter(|p| p.kind == kind) {
        if !file_fits(p, doc) {
            continue;
        }
        match p.detect {
            DetectBy::GoeWorkspace => {
                // The workspace layout is shared by variants of the workflow with templates of
                // their own (other sections, no minimums, no `# VERIFIED:`): a document is the
                // GOE template's when it has one of that template's own marks; outside a
                // workspace, two marks of the template, one of them its own.
                let marks = template_marks(p, doc, index());
                let own = marks.iter().any(|m| m.own);
                let listed = || {
                    marks
                        .iter()
                        .map(|m| m.text.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                match goe_workspace(doc) {
                    Some(folder) if own => {
                        return (
                            p.clone(),
                            format!("{}: in {folder}/; {}", p.label, listed()),
                        );
                    }
                    None if own && (marks.len() >= 2 || marks.iter().any(|m| m.alone)) => {
                        return (p.clone(), format!("{}: {}", p.label, listed()));
                    }
                    _ => {}
                }
            }
            DetectBy::Template => {
                let c = Closeness::of(p, index());
                if c.sections_ratio() >= 0.6 && c.required >= 3 {
                    return (
                        p.clone(),
                        format!(
                            "{}: {} of {} template sections present",
                            p.label, c.present, c.required
                        ),
                    );
                }
            }
            DetectBy::Fallback | DetectBy::Config => {}
        }
    }
    let p = fallback_for(kind).cloned().unwrap_or_else(markdown);
    let why_kind = kind_reason(doc);
    let reason = if kind == Kind::Markdown {
        "Markdown: not recognized as a spec document".to_string()
    } else if p.detect == DetectBy::Fallback
        && builtin_profiles()
            .iter()
            .any(|o| o.kind == kind && o.detect != DetectBy::Fallback)
    {
        format!("{}: {why_kind}; follows no known template", p.label)
    } else {
        format!("{}: {why_kind}", p.label)
    };
    (p, reason)
}

/// Why the document has its kind, for the reason line.
fn kind_reason(doc: &Document<'_>) -> String {
    let file = doc
        .path
        .as_deref()
        .map(|p| p.rsplit('/').next().unwrap_or(p).to_string());
    match doc.kind_source {
        KindSource::Explicit => format!("kind {} chosen explicitly", doc.kind),
        KindSource::FrontMatter => format!("front matter says `kind: {}`", doc.kind),
        KindSource::Config => "kind set by the configuration".to_string(),
        KindSource::Path => match file {
            Some(f) => format!("file name {f}"),
            None => "its path".to_string(),
        },
        KindSource::Content => match doc.title() {
            Some(t) => format!("title \"{}\"", truncate(&t.text, 40)),
            None => "its content".to_string(),
        },
        KindSource::Default => "no other sign".to_string(),
    }
}

fn truncate(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Profiles tied to one file of a workspace (`research/analysis.md`) fit only that file.
/// The decision is the rules' own ([`sections::flavor`]: the file name, or the title).
fn file_fits(p: &Profile, doc: &Document<'_>) -> bool {
    p.file
        .as_deref()
        .is_none_or(|want| sections::flavor(doc).is_some_and(|f| f.option() == want))
}

/// `specs/active/<slug>` or `specs/archive/<slug>` holding the document.
fn goe_workspace(doc: &Document<'_>) -> Option<String> {
    let path = doc.path.as_deref()?;
    let folder = crate::rules::Workspace::spec_folder(path)?;
    // The folder itself, from `specs/` on.
    let at = folder.rfind("specs/").unwrap_or(0);
    Some(folder[at..].to_string())
}

/// How much of a profile's template a document has.
struct Closeness {
    present: usize,
    required: usize,
}

impl Closeness {
    fn of(p: &Profile, index: &HeadingIndex<'_>) -> Closeness {
        let wanted: Vec<Wanted> = p
            .schema
            .required_sections()
            .map(|s| Wanted::parse(&s.path))
            .collect();
        Closeness {
            present: wanted.iter().filter(|w| w.present_in(index)).count(),
            required: wanted.len(),
        }
    }

    fn sections_ratio(&self) -> f64 {
        if self.required == 0 {
            0.0
        } else {
            self.present as f64 / self.required as f64
        }
    }
}

/// One sign that a document follows a template. `own` marks are the GOE template's alone
/// (variants of the workflow share its title shape, header fields and section names);
/// an `alone` mark decides outside a workspace without a second one.
struct Mark {
    text: String,
    own: bool,
    alone: bool,
}

/// The marks of the GOE template a document has: three quarters of the template's sections,
/// two of its header fields, its title shape, `Checkpoint N` markers; and its own: a
/// `**Workspace**: specs/...` line, the `**Analysis**: 4500+ words` header lines,
/// `# VERIFIED:` snippet comments, a title of the template's own words ("Session
/// Recovery: ..."), most of its section names where they are its own (research).
fn template_marks(p: &Profile, doc: &Document<'_>, index: &HeadingIndex<'_>) -> Vec<Mark> {
    let mut marks: Vec<Mark> = Vec::new();
    let mut mark = |text: String, own: bool, alone: bool| marks.push(Mark { text, own, alone });
    let c = Closeness::of(p, index);
    if c.required > 0 && c.sections_ratio() >= 0.75 {
        mark(
            format!("{} of {} template sections present", c.present, c.required),
            p.own_sections,
            false,
        );
    }
    let fields: Vec<&str> = p
        .schema
        .fields
        .iter()
        .filter(|f| {
            doc.metadata
                .iter()
                .any(|m| m.key.eq_ignore_ascii_case(&f.name))
        })
        .map(|f| f.name.as_str())
        .collect();
    let workspace_line = doc.metadata.iter().any(|m| {
        m.key.eq_ignore_ascii_case("workspace")
            && (m.value.contains("specs/active/") || m.value.contains("specs/archive/"))
    });
    let word_lines = doc.metadata.iter().any(|m| {
        (m.key.eq_ignore_ascii_case("analysis") || m.key.eq_ignore_ascii_case("research"))
            && m.value.contains("words")
    });
    if workspace_line {
        mark(
            "its Workspace line names a specs/ folder".to_string(),
            true,
            false,
        );
    } else if fields.len() >= 2 {
        mark(format!("header has {}", fields.join(", ")), false, false);
    }
    if word_lines {
        mark(
            "its header states the analysis and research word counts".to_string(),
            true,
            false,
        );
    }
    let title_mark = p
        .schema
        .title
        .as_deref()
        .filter(|want| doc.title().is_some_and(|t| title_fits(want, &t.text)));
    if let Some(want) = title_mark {
        // "Session Recovery: ..." is the template's own, and decides alone; "PRD: ..." is
        // everyone's.
        let fixed_words = want
            .split(['[', '{'])
            .next()
            .unwrap_or("")
            .split_whitespace()
            .count();
        let own = fixed_words >= 2;
        mark(format!("title follows \"{want}\""), own, own);
    }
    if has_checkpoint_marker(doc.source) {
        // Variants of the workflow keep the checkpoints: a mark, not the template's own.
        mark("it has Checkpoint markers".to_string(), false, false);
    }
    if doc
        .code_blocks
        .iter()
        .any(|b| doc.text(&b.range).contains("# VERIFIED:"))
    {
        mark(
            "its snippets carry # VERIFIED: comments".to_string(),
            true,
            false,
        );
    }
    marks
}

/// A title that keeps the template title's fixed words before its first placeholder
/// (`PRD: Login` for `PRD: [Feature Name]`).
fn title_fits(template: &str, title: &str) -> bool {
    let fixed = template.split(['[', '{']).next().unwrap_or("").trim();
    let has_slot = fixed.len() < template.len();
    fixed.len() >= 3
        && (title.len() > fixed.len() || !has_slot)
        && title
            .get(..fixed.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(fixed))
}

/// `Checkpoint 2` (a word and a number), as the GOE workflow marks its steps.
fn has_checkpoint_marker(text: &str) -> bool {
    text.match_indices("Checkpoint ").any(|(i, m)| {
        text[i + m.len()..]
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit())
    })
}
