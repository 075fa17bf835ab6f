//! What a rule's check sees: the document, its resolved options, and (in workspace mode)
//! the other documents of the same spec folder.

use super::{OptionDefault, Rule};
use crate::config::{Config, OptValue, RuleSettings};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use std::collections::BTreeSet;
use std::ops::Range;

/// Several documents linted together, plus the paths known to exist in the tree.
#[derive(Debug, Default)]
pub struct Workspace<'a> {
    pub docs: Vec<Document<'a>>,
    /// Every file path the host knows of (for `stale-path`), `/` separated.
    pub known_paths: BTreeSet<String>,
    /// Whether `known_paths` lists the whole tree (the CLI walks it) or only the files passed
    /// in (the browser): rules that report missing files need the whole tree.
    pub complete_listing: bool,
}

impl<'a> Workspace<'a> {
    /// `specs/active/<slug>` or `specs/archive/<slug>` containing `path`, if any.
    pub fn spec_folder(path: &str) -> Option<&str> {
        let parts: Vec<(usize, &str)> = path
            .match_indices('/')
            .map(|(i, _)| i)
            .scan(0usize, |start, end| {
                let s = *start;
                *start = end + 1;
                Some((s, &path[s..end]))
            })
            .collect();
        for w in parts.windows(3) {
            if w[0].1 == "specs" && (w[1].1 == "active" || w[1].1 == "archive") {
                let end = w[2].0 + w[2].1.len();
                return Some(&path[..end]);
            }
        }
        None
    }

    /// Documents in the same feature folder as `doc` (excluding it): a GOE workspace, a
    /// Spec Kit `specs/NNN-x/`, a Kiro `.kiro/specs/x/`, an OpenSpec change (see
    /// [`crate::kind::feature_folder`]).
    pub fn siblings<'s>(&'s self, doc: &'s Document<'a>) -> impl Iterator<Item = &'s Document<'a>> {
        let folder = doc.path.as_deref().and_then(crate::kind::feature_folder);
        self.docs.iter().filter(move |d| {
            !std::ptr::eq(*d, doc)
                && d.path != doc.path
                && folder.is_some()
                && d.path.as_deref().and_then(crate::kind::feature_folder) == folder
        })
    }

    /// The linted document at `path`, if the host passed it in.
    pub fn doc_at(&self, path: &str) -> Option<&Document<'a>> {
        self.docs.iter().find(|d| d.path.as_deref() == Some(path))
    }

    /// [`Workspace::path_exists`], the file name compared without case (`RECOVERY.md` is the
    /// workspace's `recovery.md`; some agents write the upper-case name).
    pub fn file_exists_any_case(&self, folder: &str, file: &str) -> bool {
        let prefix = format!("{}/", folder.trim_end_matches('/'));
        self.path_exists(&format!("{prefix}{file}"))
            || self
                .known_paths
                .range(prefix.clone()..)
                .take_while(|k| k.starts_with(&prefix))
                .any(|k| k[prefix.len()..].eq_ignore_ascii_case(file))
    }

    pub fn path_exists(&self, path: &str) -> bool {
        let p = path.trim_end_matches('/');
        self.known_paths.contains(p)
            || self
                .known_paths
                .range(format!("{p}/")..)
                .next()
                .is_some_and(|k| k.starts_with(&format!("{p}/")))
    }
}

/// The view one rule has while checking one document.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub rule: &'static Rule,
    pub config: &'a Config,
    pub settings: Option<&'a RuleSettings>,
    pub workspace: Option<&'a Workspace<'a>>,
}

impl<'a> Context<'a> {
    /// A finding of this rule at `range`, with the rule's default severity.
    pub fn diag(&self, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: self.rule.code,
            name: self.rule.name,
            severity: self.rule.severity,
            message: message.into(),
            range,
            help: None,
            fix: None,
        }
    }

    fn configured(&self, name: &str) -> Option<&'a OptValue> {
        self.settings.and_then(|s| s.options.get(name))
    }

    fn default(&self, name: &str) -> OptionDefault {
        match self.rule.option(name) {
            Some(spec) => spec.default,
            None => {
                debug_assert!(false, "rule {} has no option {name}", self.rule.name);
                OptionDefault::Int(0)
            }
        }
    }

    pub fn int(&self, name: &str) -> i64 {
        if let Some(OptValue::Int(v)) = self.configured(name) {
            return *v;
        }
        match self.default(name) {
            OptionDefault::Int(v) => v,
            _ => 0,
        }
    }

    pub fn bool(&self, name: &str) -> bool {
        if let Some(OptValue::Bool(v)) = self.configured(name) {
            return *v;
        }
        matches!(self.default(name), OptionDefault::Bool(true))
    }

    pub fn string(&self, name: &str) -> String {
        if let Some(OptValue::Str(v)) = self.configured(name) {
            return v.clone();
        }
        match self.default(name) {
            OptionDefault::Str(v) => v.to_string(),
            _ => String::new(),
        }
    }

    pub fn str_list(&self, name: &str) -> Vec<String> {
        if let Some(OptValue::StrList(v)) = self.configured(name) {
            return v.clone();
        }
        match self.default(name) {
            OptionDefault::StrList(v) => v.iter().map(|s| s.to_string()).collect(),
            _ => Vec::new(),
        }
    }

    /// Compiled regular expressions (configured ones were validated when read).
    pub fn regex_list(&self, name: &str) -> Vec<regex::Regex> {
        if let Some(OptValue::RegexList(v)) = self.configured(name) {
            return v.iter().map(|(_, r)| r.clone()).collect();
        }
        match self.default(name) {
            OptionDefault::RegexList(v) => {
                v.iter().filter_map(|s| regex::Regex::new(s).ok()).collect()
            }
            _ => Vec::new(),
        }
    }

    /// Name → number pairs; configured entries replace defaults of the same name, others
    /// are kept.
    pub fn int_map(&self, name: &str) -> Vec<(String, i64)> {
        let mut out: Vec<(String, i64)> = match self.default(name) {
            OptionDefault::IntMap(v) => v.iter().map(|(k, n)| (k.to_string(), *n)).collect(),
            _ => Vec::new(),
        };
        if let Some(OptValue::IntMap(m)) = self.configured(name) {
            for (k, v) in m {
                match out.iter_mut().find(|(ok, _)| ok == k) {
                    Some(e) => e.1 = *v,
                    None => out.push((k.clone(), *v)),
                }
            }
        }
        out
    }

    /// Other documents of the same `specs/<active|archive>/<slug>/` folder.
    pub fn siblings(&self) -> Vec<&'a Document<'a>> {
        match self.workspace {
            Some(ws) => ws.siblings(self.doc).collect(),
            None => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_folders() {
        assert_eq!(
            Workspace::spec_folder("specs/active/x/research/plan.md"),
            Some("specs/active/x")
        );
        assert_eq!(
            Workspace::spec_folder("repo/specs/archive/y/recovery.md"),
            Some("repo/specs/archive/y")
        );
        assert_eq!(Workspace::spec_folder("specs/002-x/tasks.md"), None);
    }
}
