//! Profiles: one document family each (how a document is recognized, which rules apply, and
//! the schema derived from the family's template). Built-in profiles are data
//! (`profiles/profiles.toml` and `profiles/templates/*.md`); a team adds its own with
//! `[[profiles]]` in `.specmark.toml`.

mod detect;
pub mod schema;

pub use detect::detect;
pub use schema::Schema;

use crate::kind::Kind;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// The family a profile belongs to: the GOE template rules apply only to `Goe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    Goe,
    #[default]
    Other,
}

/// How a document is recognized as a profile's, beyond its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DetectBy {
    /// In a `specs/active|archive/<slug>/` workspace, or close to the template.
    GoeWorkspace,
    /// Close to the template.
    Template,
    /// The kind's default profile.
    Fallback,
    /// Only by configuration (`[[profiles]]` globs, `--profile`, front matter).
    Config,
}

/// Which rules apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", untagged)]
pub enum RuleSet {
    /// Every rule that runs on the profile's kind.
    All,
    /// Only these (still limited to the kind).
    Only(Vec<String>),
}

/// Where a profile comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum Origin {
    /// Shipped with specmark; `template` is the data file it is derived from.
    BuiltIn { template: Option<String> },
    /// A `[[profiles]]` entry of the configuration.
    Config {
        template: Option<String>,
        extends: Option<String>,
    },
}

/// One document family.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Profile {
    pub name: String,
    pub label: String,
    pub kind: Kind,
    pub family: Family,
    pub origin: Origin,
    pub detect: DetectBy,
    pub rules: RuleSet,
    /// `analysis` / `plan` for the GOE research documents (the file they name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Template sections reported together at info level when absent.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub recommended: Vec<String>,
    /// The template's section names are its own (no other workflow uses them), so having
    /// most of them marks a document as the template's.
    pub own_sections: bool,
    /// Glob patterns (`[[profiles]] match`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub matches: Vec<String>,
    /// The family's own template tokens (Spec Kit's `[###-feature-name]`, `$ARGUMENTS`):
    /// left in a document, also in a code span, they are unfilled placeholders.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<String>,
    pub schema: Schema,
}

impl Profile {
    /// Whether `rule` runs on documents of this profile.
    pub fn allows(&self, rule: &str) -> bool {
        match &self.rules {
            RuleSet::All => true,
            RuleSet::Only(list) => list.iter().any(|r| r == rule),
        }
    }

    /// A team's own template: the rules read the derived schema instead of the built-in
    /// defaults of the GOE templates.
    pub fn is_custom(&self) -> bool {
        matches!(
            self.origin,
            Origin::Config {
                template: Some(_),
                ..
            }
        )
    }

    pub fn is_goe(&self) -> bool {
        self.family == Family::Goe
    }
}

/// The profiles file: the generic rule sets and the built-in profiles.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfilesFile {
    generic: std::collections::BTreeMap<String, Vec<String>>,
    profile: Vec<ProfileEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ProfileEntry {
    name: String,
    label: String,
    kind: Kind,
    #[serde(default)]
    family: Family,
    template: Option<String>,
    file: Option<String>,
    rules: String,
    #[serde(default)]
    optional: Vec<String>,
    #[serde(default)]
    recommended: Vec<String>,
    #[serde(default)]
    own_sections: bool,
    #[serde(default)]
    tokens: Vec<String>,
    detect: DetectBy,
}

const PROFILES_TOML: &str = include_str!("../../profiles/profiles.toml");

/// The built-in templates, by file name.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "goe-prd.md",
        include_str!("../../profiles/templates/goe-prd.md"),
    ),
    (
        "goe-analysis.md",
        include_str!("../../profiles/templates/goe-analysis.md"),
    ),
    (
        "goe-research-plan.md",
        include_str!("../../profiles/templates/goe-research-plan.md"),
    ),
    (
        "goe-tasks.md",
        include_str!("../../profiles/templates/goe-tasks.md"),
    ),
    (
        "recovery.md",
        include_str!("../../profiles/templates/recovery.md"),
    ),
    (
        "phase-tasks.md",
        include_str!("../../profiles/templates/phase-tasks.md"),
    ),
    (
        "goalkit-tasks.md",
        include_str!("../../profiles/templates/goalkit-tasks.md"),
    ),
];

/// The text of a built-in template file.
pub fn builtin_template(file: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|(f, _)| *f == file).map(|(_, t)| *t)
}

struct Builtins {
    profiles: Vec<Arc<Profile>>,
    generic: std::collections::BTreeMap<String, Vec<String>>,
}

/// The built-in profiles, derived once per process.
fn builtins() -> &'static Builtins {
    static B: OnceLock<Builtins> = OnceLock::new();
    B.get_or_init(|| {
        // The file ships inside the binary and a unit test parses it: an error here is a
        // build defect, reported as no profiles rather than a panic.
        let file: ProfilesFile = match toml::from_str(PROFILES_TOML) {
            Ok(f) => f,
            Err(e) => {
                debug_assert!(false, "profiles.toml: {e}");
                return Builtins {
                    profiles: Vec::new(),
                    generic: Default::default(),
                };
            }
        };
        let profiles = file
            .profile
            .into_iter()
            .map(|e| {
                let schema = e
                    .template
                    .as_deref()
                    .and_then(builtin_template)
                    .map(|t| Schema::derive(t, &e.optional))
                    .unwrap_or_default();
                let rules = match e.rules.strip_prefix("generic.") {
                    Some(set) => RuleSet::Only(file.generic.get(set).cloned().unwrap_or_default()),
                    None => RuleSet::All,
                };
                Arc::new(Profile {
                    name: e.name,
                    label: e.label,
                    kind: e.kind,
                    family: e.family,
                    origin: Origin::BuiltIn {
                        template: e.template.map(|t| format!("profiles/templates/{t}")),
                    },
                    detect: e.detect,
                    rules,
                    file: e.file,
                    recommended: e.recommended,
                    own_sections: e.own_sections,
                    matches: Vec::new(),
                    tokens: e.tokens,
                    schema,
                })
            })
            .collect();
        Builtins {
            profiles,
            generic: file.generic,
        }
    })
}

/// Every built-in profile, in the order of `profiles.toml`.
pub fn builtin_profiles() -> &'static [Arc<Profile>] {
    &builtins().profiles
}

/// A built-in profile by name, or by the name of a kind (`prd` is the kind's default
/// profile, kept so `--kind` names still work as profile names).
pub fn builtin(name: &str) -> Option<&'static Arc<Profile>> {
    let all = builtin_profiles();
    all.iter().find(|p| p.name == name).or_else(|| {
        let kind = Kind::from_name(name)?;
        fallback_for(kind)
    })
}

/// The profile a document of `kind` gets when nothing else says which.
pub fn fallback_for(kind: Kind) -> Option<&'static Arc<Profile>> {
    builtin_profiles()
        .iter()
        .find(|p| p.kind == kind && p.detect == DetectBy::Fallback)
}

/// The profile for documents that are no spec document.
pub fn markdown() -> Arc<Profile> {
    fallback_for(Kind::Markdown)
        .cloned()
        .unwrap_or_else(|| Arc::new(empty_profile("markdown", Kind::Markdown)))
}

fn empty_profile(name: &str, kind: Kind) -> Profile {
    Profile {
        name: name.to_string(),
        label: name.to_string(),
        kind,
        family: Family::Other,
        origin: Origin::BuiltIn { template: None },
        detect: DetectBy::Fallback,
        rules: RuleSet::All,
        file: None,
        recommended: Vec::new(),
        own_sections: false,
        matches: Vec::new(),
        tokens: Vec::new(),
        schema: Schema::default(),
    }
}

/// A profile of the configuration (`[[profiles]]`), with its template's text already read
/// by the host (the core reads no files).
pub fn from_config(
    entry: &crate::config::ProfileConfig,
) -> Result<Profile, crate::config::ConfigError> {
    let err = |message: String| crate::config::ConfigError {
        path: None,
        line: None,
        column: None,
        message,
    };
    let base = match entry.extends.as_deref() {
        Some(name) => Some(builtin(name).ok_or_else(|| {
            err(format!(
                "profile \"{}\": extends \"{name}\", which is no built-in profile (see `specmark profiles`)",
                entry.name
            ))
        })?),
        None => builtin(&entry.name),
    };
    let template = entry.template_text.as_deref();
    if entry.template.is_some() && template.is_none() {
        return Err(err(format!(
            "profile \"{}\": its template {} was not read",
            entry.name,
            entry.template.as_deref().unwrap_or_default()
        )));
    }
    let schema = match template {
        Some(t) => Schema::derive(t, &entry.optional),
        None => base.map(|b| b.schema.clone()).unwrap_or_default(),
    };
    let kind = entry
        .kind
        .or(base.map(|b| b.kind))
        .unwrap_or_else(|| guess_kind(&schema));
    let mut rules = match base {
        Some(b) => b.rules.clone(),
        None => RuleSet::All,
    };
    if template.is_some() {
        if let RuleSet::Only(list) = &mut rules {
            for r in SCHEMA_RULES {
                if !list.iter().any(|x| x == r) {
                    list.push(r.to_string());
                }
            }
        }
    }
    Ok(Profile {
        name: entry.name.clone(),
        label: entry.label.clone().unwrap_or_else(|| entry.name.clone()),
        kind,
        family: base.map_or(Family::Other, |b| b.family),
        origin: Origin::Config {
            // A template given inline (`template-text`, for hosts without files) is one too.
            template: entry
                .template
                .clone()
                .or_else(|| template.map(|_| "(inline template-text)".to_string())),
            extends: entry.extends.clone(),
        },
        detect: DetectBy::Config,
        rules,
        file: base.and_then(|b| b.file.clone()),
        recommended: if template.is_some() {
            Vec::new()
        } else {
            base.map(|b| b.recommended.clone()).unwrap_or_default()
        },
        own_sections: base.is_some_and(|b| b.own_sections),
        matches: entry.matches.iter().map(|g| g.text.clone()).collect(),
        tokens: base.map(|b| b.tokens.clone()).unwrap_or_default(),
        schema,
    })
}

/// The rules that read a template's schema: a profile with its own template gets them.
pub const SCHEMA_RULES: &[&str] = &[
    "missing-section",
    "section-word-count",
    "word-count",
    "header-metadata",
    "unfilled-placeholder",
    "task-missing-field",
];

/// A template that names no kind: tasks if its items carry task fields, else a PRD.
fn guess_kind(schema: &Schema) -> Kind {
    if !schema.task_fields.is_empty() {
        Kind::Tasks
    } else {
        Kind::Prd
    }
}

/// The rule names of a generic set (for docs and tests).
pub fn generic_rules(set: &str) -> &'static [String] {
    builtins().generic.get(set).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse_and_every_named_rule_exists() {
        let file: ProfilesFile = toml::from_str(PROFILES_TOML).expect("profiles.toml parses");
        assert!(file.profile.len() >= 12);
        for (set, rules) in &file.generic {
            for r in rules {
                assert!(
                    crate::rules::find_rule(r).is_some(),
                    "generic.{set}: no rule {r}"
                );
            }
        }
        for e in &file.profile {
            if let Some(t) = &e.template {
                assert!(builtin_template(t).is_some(), "{}: no template {t}", e.name);
            }
        }
        // Every kind has its default profile.
        for k in Kind::ALL {
            assert!(fallback_for(*k).is_some(), "no fallback profile for {k}");
        }
    }

    #[test]
    fn goe_prd_schema_is_the_seed_template() {
        let p = builtin("goe-prd").expect("goe-prd");
        let required: Vec<&str> = p
            .schema
            .required_sections()
            .map(|s| s.path.as_str())
            .collect();
        // The sections `missing-section` requires of a GOE PRD by default.
        assert_eq!(required, crate::rules::sections::PRD_REQUIRED);
        assert_eq!(p.schema.min_words, Some(2000));
        assert_eq!(p.schema.min_criteria, Some(8));
        let mins: Vec<(&str, u32)> = p
            .schema
            .sections
            .iter()
            .filter_map(|s| s.min_words.map(|m| (s.title.as_str(), m)))
            .collect();
        for (title, min) in [
            ("Overview", 300),
            ("Problem Statement", 200),
            ("Architecture", 600),
            ("Implementation Details", 400),
            ("Testing Strategy", 400),
            ("Risks & Mitigation", 100),
            ("Dependencies", 100),
        ] {
            assert!(mins.contains(&(title, min)), "{title} {min}: {mins:?}");
        }
        let status = p.schema.fields.iter().find(|f| f.name == "Workspace");
        assert!(status.is_some(), "{:?}", p.schema.fields);
        assert!(p.schema.placeholders.iter().any(|t| t == "[Feature Name]"));
    }

    #[test]
    fn research_and_recovery_schemas() {
        let a = builtin("goe-analysis").expect("analysis");
        assert_eq!(a.schema.min_words, Some(4500));
        let req: Vec<&str> = a
            .schema
            .required_sections()
            .map(|s| s.title.as_str())
            .collect();
        assert_eq!(
            req,
            vec![
                "Phase 1: Scope Discovery",
                "Phase 2: Component Deep-Dive",
                "Phase 3: Integration Analysis",
                "Phase 4: Edge Cases & Error Paths",
                "Phase 5: Performance & Security",
                "Critical Decisions Made"
            ]
        );
        let plan = builtin("goe-research-plan").expect("plan");
        assert_eq!(plan.schema.min_words, Some(2000));
        let r = builtin("recovery").expect("recovery");
        let status = r
            .schema
            .fields
            .iter()
            .find(|f| f.name == "Current Phase")
            .expect("Current Phase field");
        assert_eq!(status.values.len(), 6, "{:?}", status.values);
        assert_eq!(status.values[0], "Planning");
        let tasks = builtin("phase-tasks").expect("phase tasks");
        assert!(tasks.schema.task_fields.iter().any(|f| f == "Done when"));
        let gk = builtin("goalkit-tasks").expect("goal-kit");
        assert!(gk
            .schema
            .table_columns
            .iter()
            .any(|c| c.iter().any(|h| h == "Task ID")));
    }

    #[test]
    fn kind_names_are_profile_aliases() {
        assert_eq!(builtin("prd").map(|p| p.name.as_str()), Some("generic-prd"));
        assert_eq!(
            builtin("tasks").map(|p| p.name.as_str()),
            Some("generic-tasks")
        );
        assert_eq!(
            builtin("kiro-tasks").map(|p| p.name.as_str()),
            Some("kiro-tasks")
        );
    }
}
