//! The rule registry and what a rule is: metadata, documentation and one check function.
//!
//! Adding a rule = one new file in this folder, one line in [`RULES`] (sorted by code), and
//! a fixture under `tests/fixtures/`.

mod claim_checklist;
mod context;
pub(crate) mod family;
mod registry;
mod schema_checks;
pub mod sections;

pub use context::{Context, Workspace};
pub use registry::RULES;

use crate::diagnostic::{Diagnostic, Severity};
use crate::kind::Kind;
use serde::Serialize;

/// What part of the score a rule's findings cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Headings, sections and layout a reader relies on.
    Structure,
    /// Nothing left unfilled, nothing too short.
    Completeness,
    /// Criteria a tester can check.
    Measurability,
    /// Code and claims backed by checks.
    Verification,
    /// The document agrees with itself and its workspace.
    Consistency,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Structure,
        Category::Completeness,
        Category::Measurability,
        Category::Verification,
        Category::Consistency,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Category::Structure => "structure",
            Category::Completeness => "completeness",
            Category::Measurability => "measurability",
            Category::Verification => "verification",
            Category::Consistency => "consistency",
        }
    }
}

/// An option's type and default value.
#[derive(Debug, Clone, Copy)]
pub enum OptionDefault {
    Int(i64),
    Bool(bool),
    Str(&'static str),
    StrList(&'static [&'static str]),
    /// A list of regular expressions (validated when the configuration is read).
    RegexList(&'static [&'static str]),
    /// Names to numbers (section name → minimum words).
    IntMap(&'static [(&'static str, i64)]),
}

impl OptionDefault {
    pub fn type_name(&self) -> &'static str {
        match self {
            OptionDefault::Int(_) => "integer",
            OptionDefault::Bool(_) => "boolean",
            OptionDefault::Str(_) => "string",
            OptionDefault::StrList(_) => "array of strings",
            OptionDefault::RegexList(_) => "array of regular expressions",
            OptionDefault::IntMap(_) => "table of integers",
        }
    }

    /// The default as JSON (for `rules()`, the schema and the starter config).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            OptionDefault::Int(v) => json!(v),
            OptionDefault::Bool(v) => json!(v),
            OptionDefault::Str(v) => json!(v),
            OptionDefault::StrList(v) | OptionDefault::RegexList(v) => json!(v),
            OptionDefault::IntMap(v) => {
                let map: serde_json::Map<String, serde_json::Value> =
                    v.iter().map(|(k, n)| (k.to_string(), json!(n))).collect();
                serde_json::Value::Object(map)
            }
        }
    }
}

/// One configurable option of a rule.
#[derive(Debug, Clone, Copy)]
pub struct OptionSpec {
    pub name: &'static str,
    pub doc: &'static str,
    pub default: OptionDefault,
}

/// A rule: metadata, documentation and its check.
pub struct Rule {
    /// Stable short code (`SM203`).
    pub code: &'static str,
    /// Kebab-case name (`dependency-cycle`): config key, suppression name, JSON `name`.
    pub name: &'static str,
    /// One line, shown in lists.
    pub summary: &'static str,
    pub category: Category,
    pub tags: &'static [&'static str],
    /// Kinds the rule runs on; empty means every kind.
    pub kinds: &'static [Kind],
    pub severity: Severity,
    pub fixable: bool,
    pub options: &'static [OptionSpec],
    /// The rule's doc comment: what it checks, why, an example, how to fix.
    pub docs: &'static str,
    pub check: fn(&Context<'_>, &mut Vec<Diagnostic>),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("code", &self.code)
            .field("name", &self.name)
            .finish()
    }
}

impl Rule {
    pub fn applies_to(&self, kind: Kind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }

    pub fn option(&self, name: &str) -> Option<&'static OptionSpec> {
        self.options.iter().find(|o| o.name == name)
    }

    /// The documentation with the one leading space of each `///` line removed.
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string()
    }
}

/// Look a rule up by name or code (case-insensitive for codes).
pub fn find_rule(name_or_code: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.name == name_or_code || r.code.eq_ignore_ascii_case(name_or_code))
}

/// The closest rule name, for "did you mean" hints.
pub fn suggest_rule(name: &str) -> Option<&'static str> {
    RULES
        .iter()
        .map(|r| (edit_distance(name, r.name), r.name))
        .filter(|(d, n)| *d <= 3.max(n.len() / 4))
        .min()
        .map(|(_, n)| n)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Declare a rule: its doc comment becomes [`Rule::docs`].
///
/// ```text
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub static RULE = { code: "SM005", name: "agent-artifact", ... check: check }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* $vis:vis static $name:ident = { $($field:ident : $value:expr),* $(,)? }) => {
        $(#[doc = $doc])*
        $vis static $name: $crate::rules::Rule = $crate::rules::Rule {
            docs: concat!($($doc, "\n"),*),
            $($field: $value),*
        };
    };
}

/// What rule files need.
pub mod prelude {
    pub use crate::declare_rule;
    pub use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
    pub use crate::document::{text, Document, TaskSource, TaskState};
    pub use crate::kind::Kind;
    pub use crate::rules::{Category, Context, OptionDefault, OptionSpec};
    pub use std::ops::Range;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn registry_is_sorted_unique_and_documented() {
        let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted, "RULES must be sorted by code");
        let names: HashSet<&str> = RULES.iter().map(|r| r.name).collect();
        assert_eq!(names.len(), RULES.len(), "rule names must be unique");
        let unique_codes: HashSet<&str> = codes.iter().copied().collect();
        assert_eq!(unique_codes.len(), RULES.len(), "rule codes must be unique");
        for r in RULES {
            assert!(
                r.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{} is not kebab-case",
                r.name
            );
            let docs = r.documentation();
            assert!(
                docs.contains("## What it does"),
                "{} lacks '## What it does'",
                r.name
            );
            assert!(docs.contains("## Why"), "{} lacks '## Why'", r.name);
            assert!(docs.contains("## Example"), "{} lacks '## Example'", r.name);
            assert!(!r.summary.is_empty(), "{} lacks a summary", r.name);
        }
    }

    #[test]
    fn lookup_and_suggestions() {
        assert_eq!(
            find_rule("unused-suppression").map(|r| r.code),
            Some("SM900")
        );
        assert_eq!(
            find_rule("sm900").map(|r| r.name),
            Some("unused-suppression")
        );
        assert_eq!(
            suggest_rule("unused-supression"),
            Some("unused-suppression")
        );
    }
}

/// A rule's metadata and documentation, as `specmark rules --format json`, the wasm
/// `rules()` and the editor show it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
    pub category: Category,
    pub tags: &'static [&'static str],
    /// Kind names the rule runs on; empty means every kind.
    pub kinds: Vec<&'static str>,
    pub severity: Severity,
    pub fixable: bool,
    pub options: Vec<OptionInfo>,
    /// Markdown documentation (What it does / Why / Example / How to fix).
    pub docs: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OptionInfo {
    pub name: &'static str,
    pub doc: &'static str,
    #[serde(rename = "type")]
    pub type_name: &'static str,
    pub default: serde_json::Value,
}

impl Rule {
    pub fn info(&self) -> RuleInfo {
        RuleInfo {
            code: self.code,
            name: self.name,
            summary: self.summary,
            category: self.category,
            tags: self.tags,
            kinds: self.kinds.iter().map(|k| k.name()).collect(),
            severity: self.severity,
            fixable: self.fixable,
            options: self
                .options
                .iter()
                .map(|o| OptionInfo {
                    name: o.name,
                    doc: o.doc,
                    type_name: o.default.type_name(),
                    default: o.default.to_json(),
                })
                .collect(),
            docs: self.documentation(),
        }
    }
}
