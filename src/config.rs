//! `.specmark.toml`: one configuration struct shared by the CLI, the wasm API and the editor.
//!
//! Unknown keys, wrong types, unknown rule names, bad globs and bad regular expressions are
//! errors that name the line and column and the expected form; nothing is silently ignored.

use crate::diagnostic::Severity;
use crate::kind::Kind;
use crate::line_index::LineIndex;
use crate::rules::{find_rule, suggest_rule, OptionDefault, Rule, RULES};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// Default limit above which a file is not linted (one `file-too-large` finding instead).
pub const DEFAULT_MAX_FILE_SIZE: usize = 10_000_000;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Lint every Markdown file, not only recognized spec documents.
    #[serde(default)]
    pub all_markdown: bool,
    /// Files larger than this many bytes get one `file-too-large` finding.
    #[serde(default = "default_max_file_size")]
    pub max_file_size: usize,
    /// Glob patterns of files never linted.
    #[serde(default)]
    pub exclude: Vec<GlobPattern>,
    /// `[[kinds]]`: glob → kind, checked before path and content detection.
    #[serde(default)]
    pub kinds: Vec<KindGlob>,
    /// `[rules.NAME]`: severity and options per rule.
    #[serde(default)]
    pub rules: RulesConfig,
    /// `[[overrides]]`: rule settings for some files or kinds.
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Words added to `vague-criterion`'s list.
    #[serde(default)]
    pub extend_vague_words: Vec<String>,
    /// Force this profile on every document (what `check --profile NAME` sets).
    #[serde(default)]
    pub profile: Option<String>,
    /// `[[profiles]]`: a team's own document families, each described by its template.
    #[serde(default)]
    pub profiles: Vec<ProfileConfig>,
    /// The `[[profiles]]` entries made into profiles, once (their templates derived once).
    #[serde(skip)]
    resolved: std::sync::OnceLock<Vec<std::sync::Arc<crate::profile::Profile>>>,
}

/// A `[[profiles]]` entry: a document family described by a template.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProfileConfig {
    /// The profile's name (`--profile NAME`, front matter `specmark: { profile: NAME }`); a
    /// built-in name with only `match` assigns that built-in profile to the globs.
    pub name: String,
    /// How reports name it (default: the name).
    #[serde(default)]
    pub label: Option<String>,
    /// The Markdown template, relative to the configuration file.
    #[serde(default)]
    pub template: Option<String>,
    /// The template's text: read by the host from `template`, or given inline (the npm
    /// package and the page, which read no files).
    #[serde(default)]
    pub template_text: Option<String>,
    /// Files of this profile.
    #[serde(default, rename = "match")]
    pub matches: Vec<GlobPattern>,
    /// A built-in profile whose rules it keeps (`"generic-prd"`).
    #[serde(default)]
    pub extends: Option<String>,
    /// The document model (`prd`, `tasks`, ...); default: the extended profile's.
    #[serde(default)]
    pub kind: Option<Kind>,
    /// Template sections that are not required.
    #[serde(default)]
    pub optional: Vec<String>,
}

fn default_max_file_size() -> usize {
    DEFAULT_MAX_FILE_SIZE
}

impl Default for Config {
    fn default() -> Self {
        Config {
            all_markdown: false,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            exclude: Vec::new(),
            kinds: Vec::new(),
            rules: RulesConfig::default(),
            overrides: Vec::new(),
            extend_vague_words: Vec::new(),
            profile: None,
            profiles: Vec::new(),
            resolved: std::sync::OnceLock::new(),
        }
    }
}

/// A configuration error with its position (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", location(.path, .line, .column))]
pub struct ConfigError {
    pub path: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

fn location(path: &Option<String>, line: &Option<usize>, column: &Option<usize>) -> String {
    match (path, line, column) {
        (Some(p), Some(l), Some(c)) => format!("{p}:{l}:{c}: "),
        (Some(p), _, _) => format!("{p}: "),
        (None, Some(l), Some(c)) => format!("line {l}, column {c}: "),
        _ => String::new(),
    }
}

impl Config {
    /// Parse TOML text. `path` is used in error messages only.
    pub fn from_toml(text: &str, path: Option<&str>) -> Result<Config, ConfigError> {
        toml::from_str::<Config>(text).map_err(|e| {
            let (line, column) = match e.span() {
                Some(span) => {
                    let idx = LineIndex::new(text);
                    let p = idx.position(text, span.start);
                    (Some(p.line as usize + 1), Some(p.character as usize + 1))
                }
                None => (None, None),
            };
            ConfigError {
                path: path.map(str::to_string),
                line,
                column,
                message: e.message().trim().to_string(),
            }
        })
    }

    /// The kind a `[[kinds]]` glob assigns to `path`.
    pub fn kind_for_path(&self, path: &str) -> Option<Kind> {
        self.kinds
            .iter()
            .find(|k| k.glob.matches(path))
            .map(|k| k.kind)
    }

    /// The configured profiles, derived once. Entries that cannot be made into a profile
    /// were reported by [`Config::check_profiles`] when the configuration was loaded.
    pub fn custom_profiles(&self) -> &[std::sync::Arc<crate::profile::Profile>] {
        self.resolved.get_or_init(|| {
            self.profiles
                .iter()
                .filter_map(|e| crate::profile::from_config(e).ok())
                .map(std::sync::Arc::new)
                .collect()
        })
    }

    /// Give each `[[profiles]]` entry with a `template` path its text, from `read(profile
    /// name, path)` (the host reads the file; an error is the message to show). A profile
    /// with both `template` and `template-text` is an error. `shown` names the
    /// configuration file in messages.
    pub fn fill_templates(
        &mut self,
        shown: &str,
        mut read: impl FnMut(&str, &str) -> Result<String, String>,
    ) -> Result<(), String> {
        for p in &mut self.profiles {
            let Some(rel) = p.template.as_deref() else {
                continue;
            };
            if p.template_text.is_some() {
                return Err(format!(
                    "{shown}: profile \"{}\" has both `template` and `template-text`; keep one",
                    p.name
                ));
            }
            p.template_text = Some(read(&p.name, rel)?);
        }
        Ok(())
    }

    /// Check every `[[profiles]]` entry (the extended profile exists, the template was
    /// read, the forced profile exists); call after the host has filled `template-text`.
    pub fn check_profiles(&self) -> Result<(), ConfigError> {
        let profiles = self
            .profiles
            .iter()
            .map(|e| crate::profile::from_config(e).map(std::sync::Arc::new))
            .collect::<Result<Vec<_>, _>>()?;
        // The profiles just made are the ones `custom_profiles` would make: keep them, so
        // each template is derived once (a set made earlier holds the same).
        let _ = self.resolved.set(profiles);
        if let Some(name) = self.profile.as_deref() {
            if self.find_profile(name).is_none() {
                return Err(ConfigError {
                    path: None,
                    line: None,
                    column: None,
                    message: format!("unknown profile \"{name}\"; `specmark profiles` lists them"),
                });
            }
        }
        Ok(())
    }

    /// A profile by name: the configuration's first, then the built-in ones (and kind names
    /// as aliases of their default profile).
    pub fn find_profile(&self, name: &str) -> Option<std::sync::Arc<crate::profile::Profile>> {
        self.custom_profiles()
            .iter()
            .find(|p| p.name == name)
            .cloned()
            .or_else(|| crate::profile::builtin(name).cloned())
    }

    /// The profile a `[[profiles]]` glob assigns to `path`, with the glob.
    pub fn profile_for_path(
        &self,
        path: &str,
    ) -> Option<(std::sync::Arc<crate::profile::Profile>, String)> {
        for e in &self.profiles {
            if let Some(g) = e.matches.iter().find(|g| g.matches(path)) {
                if let Some(p) = self.find_profile(&e.name) {
                    return Some((p, g.text.clone()));
                }
            }
        }
        None
    }

    pub fn is_excluded(&self, path: &str) -> bool {
        self.exclude.iter().any(|g| g.matches(path))
    }

    /// Whether `exclude` matches a file, given relative to the configuration's folder
    /// (`rel`) or as displayed to the user (`display`).
    pub fn excludes_file(&self, rel: &str, display: &str) -> bool {
        !self.exclude.is_empty() && (self.is_excluded(rel) || self.is_excluded(display))
    }

    /// The kind a path alone gives: the configuration's `[kinds]` globs, then file names.
    pub fn path_kind(&self, path: &str) -> Option<Kind> {
        self.kind_for_path(path)
            .or_else(|| crate::kind::kind_from_path(path))
    }

    /// Settings for `rule` on a file: `[rules.NAME]`, then every matching `[[overrides]]`
    /// in order (later keys win).
    pub fn effective(
        &self,
        rule: &'static Rule,
        path: Option<&str>,
        kind: Kind,
    ) -> Option<RuleSettings> {
        let mut merged: Option<RuleSettings> = self.rules.0.get(rule.name).cloned();
        for o in &self.overrides {
            if !o.applies(path, kind) {
                continue;
            }
            if let Some(s) = o.rules.0.get(rule.name) {
                let m = merged.get_or_insert_with(RuleSettings::default);
                if s.level.is_some() {
                    m.level = s.level;
                }
                for (k, v) in &s.options {
                    m.options.insert(k, v.clone());
                }
            }
        }
        merged
    }
}

/// A compiled glob pattern, matched against `/`-separated paths (see [`crate::glob`]).
#[derive(Debug, Clone)]
pub struct GlobPattern {
    pub text: String,
    matcher: regex::Regex,
    /// A pattern without `/` matches file names anywhere (like .gitignore).
    basename_only: bool,
}

impl GlobPattern {
    pub fn new(text: &str) -> Result<Self, String> {
        let invalid = |why: String| format!("invalid glob {text:?}: {why}");
        let re = crate::glob::to_regex(text).map_err(invalid)?;
        let matcher = regex::Regex::new(&re).map_err(|e| invalid(e.to_string()))?;
        Ok(GlobPattern {
            text: text.to_string(),
            matcher,
            basename_only: !text.contains('/'),
        })
    }

    pub fn matches(&self, path: &str) -> bool {
        let path = path.replace('\\', "/");
        let path = path.trim_start_matches("./");
        if self.matcher.is_match(path) {
            return true;
        }
        if self.basename_only {
            let name = path.rsplit('/').next().unwrap_or(path);
            return self.matcher.is_match(name);
        }
        // "docs/**" written for a repository root also matches a path with a leading folder.
        path.match_indices('/')
            .any(|(i, _)| self.matcher.is_match(&path[i + 1..]))
    }
}

impl<'de> Deserialize<'de> for GlobPattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        GlobPattern::new(&s).map_err(de::Error::custom)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindGlob {
    pub glob: GlobPattern,
    pub kind: Kind,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    #[serde(default)]
    pub files: Vec<GlobPattern>,
    #[serde(default)]
    pub kinds: Vec<Kind>,
    #[serde(default)]
    pub rules: RulesConfig,
}

impl Override {
    fn applies(&self, path: Option<&str>, kind: Kind) -> bool {
        let file_ok =
            self.files.is_empty() || path.is_some_and(|p| self.files.iter().any(|g| g.matches(p)));
        let kind_ok = self.kinds.is_empty() || self.kinds.contains(&kind);
        file_ok && kind_ok
    }
}

/// A rule's configured level: a severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

fn parse_level(v: &str) -> Result<Level, String> {
    match v {
        "off" => Ok(Level::Off),
        "info" => Ok(Level::Info),
        "warning" | "warn" => Ok(Level::Warning),
        "error" => Ok(Level::Error),
        _ => Err(format!(
            "invalid severity \"{v}\"; expected \"error\", \"warning\", \"info\" or \"off\""
        )),
    }
}

// Validation happens inside the value's own deserialization, so the TOML error points at
// the offending value rather than at the enclosing table.
impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Level;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("\"error\", \"warning\", \"info\" or \"off\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Level, E> {
                parse_level(v).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

/// A configured option value, typed by the rule's [`OptionDefault`].
#[derive(Debug, Clone)]
pub enum OptValue {
    Int(i64),
    Bool(bool),
    Str(String),
    StrList(Vec<String>),
    RegexList(Vec<(String, regex::Regex)>),
    IntMap(BTreeMap<String, i64>),
}

/// `[rules.NAME]` contents.
#[derive(Debug, Clone, Default)]
pub struct RuleSettings {
    pub level: Option<Level>,
    pub options: BTreeMap<&'static str, OptValue>,
}

/// Rule name → settings. Keys are validated against the registry.
#[derive(Debug, Clone, Default)]
pub struct RulesConfig(pub BTreeMap<&'static str, RuleSettings>);

impl<'de> Deserialize<'de> for RulesConfig {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(RulesVisitor)
    }
}

struct RulesVisitor;

impl<'de> Visitor<'de> for RulesVisitor {
    type Value = RulesConfig;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table of rule names, e.g. [rules.word-count]")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RulesConfig, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(rule) = map.next_key_seed(RuleKey)? {
            let settings = map.next_value_seed(SettingsSeed(rule))?;
            out.insert(rule.name, settings);
        }
        Ok(RulesConfig(out))
    }
}

/// A rule name (or code) as a table key.
struct RuleKey;

impl<'de> DeserializeSeed<'de> for RuleKey {
    type Value = &'static Rule;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<&'static Rule, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for RuleKey {
    type Value = &'static Rule;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a rule name")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<&'static Rule, E> {
        find_rule(key).ok_or_else(|| {
            let hint = suggest_rule(key)
                .map(|s| format!(" (did you mean \"{s}\"?)"))
                .unwrap_or_default();
            E::custom(format!(
                "unknown rule \"{key}\"{hint}; `specmark rules` lists the {} rule names",
                RULES.len()
            ))
        })
    }
}

/// A key inside `[rules.NAME]`: `severity` or one of the rule's options.
enum SettingKey {
    Level,
    Option(&'static crate::rules::OptionSpec),
}

struct SettingKeySeed(&'static Rule);

impl<'de> DeserializeSeed<'de> for SettingKeySeed {
    type Value = SettingKey;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<SettingKey, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for SettingKeySeed {
    type Value = SettingKey;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`severity` or an option name")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<SettingKey, E> {
        let rule = self.0;
        if key == "severity" || key == "level" {
            return Ok(SettingKey::Level);
        }
        rule.option(key).map(SettingKey::Option).ok_or_else(|| {
            let known: Vec<&str> = std::iter::once("severity")
                .chain(rule.options.iter().map(|o| o.name))
                .collect();
            E::custom(format!(
                "unknown option \"{key}\" for rule {}; expected one of: {}",
                rule.name,
                known.join(", ")
            ))
        })
    }
}

struct SettingsSeed(&'static Rule);

impl<'de> DeserializeSeed<'de> for SettingsSeed {
    type Value = RuleSettings;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<RuleSettings, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SettingsSeed {
    type Value = RuleSettings;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "\"off\", \"info\", \"warning\", \"error\", or a table with `severity` and the options of {}",
            self.0.name
        )
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RuleSettings, E> {
        let level = parse_level(v).map_err(E::custom)?;
        Ok(RuleSettings {
            level: Some(level),
            options: BTreeMap::new(),
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RuleSettings, A::Error> {
        let rule = self.0;
        let mut settings = RuleSettings::default();
        while let Some(key) = map.next_key_seed(SettingKeySeed(rule))? {
            match key {
                SettingKey::Level => settings.level = Some(map.next_value::<Level>()?),
                SettingKey::Option(spec) => {
                    let value =
                        map.next_value_seed(OptionSeed(spec.default, rule.name, spec.name))?;
                    settings.options.insert(spec.name, value);
                }
            }
        }
        Ok(settings)
    }
}

struct OptionSeed(OptionDefault, &'static str, &'static str);

impl<'de> DeserializeSeed<'de> for OptionSeed {
    type Value = OptValue;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<OptValue, D::Error> {
        match self.0 {
            OptionDefault::Int(_) => d.deserialize_i64(self),
            OptionDefault::Bool(_) => d.deserialize_bool(self),
            OptionDefault::Str(_) => d.deserialize_str(self),
            OptionDefault::IntMap(_) => d.deserialize_map(self),
            OptionDefault::StrList(_) | OptionDefault::RegexList(_) => d.deserialize_seq(self),
        }
    }
}

impl<'de> Visitor<'de> for OptionSeed {
    type Value = OptValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "option {}.{} to be {}",
            self.1,
            self.2,
            article(self.0.type_name())
        )
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<OptValue, E> {
        if !matches!(self.0, OptionDefault::Int(_)) {
            return Err(E::invalid_type(de::Unexpected::Signed(v), &self));
        }
        if v < 0 {
            return Err(E::custom(format!(
                "option {}.{} must not be negative (got {v})",
                self.1, self.2
            )));
        }
        Ok(OptValue::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<OptValue, E> {
        let v = i64::try_from(v)
            .map_err(|_| E::custom(format!("option {}.{} is too large", self.1, self.2)))?;
        self.visit_i64(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<OptValue, E> {
        // JavaScript numbers arrive as floats; accept whole ones.
        if matches!(self.0, OptionDefault::Int(_)) && v.fract() == 0.0 && v.abs() < 9.0e15 {
            return self.visit_i64(v as i64);
        }
        Err(E::invalid_type(de::Unexpected::Float(v), &self))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<OptValue, E> {
        match self.0 {
            OptionDefault::Bool(_) => Ok(OptValue::Bool(v)),
            _ => Err(E::invalid_type(de::Unexpected::Bool(v), &self)),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<OptValue, E> {
        match self.0 {
            OptionDefault::Str(_) => Ok(OptValue::Str(v.to_string())),
            _ => Err(E::invalid_type(de::Unexpected::Str(v), &self)),
        }
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<OptValue, A::Error> {
        match self.0 {
            OptionDefault::StrList(_) => {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    out.push(s);
                }
                Ok(OptValue::StrList(out))
            }
            OptionDefault::RegexList(_) => {
                let mut out = Vec::new();
                while let Some(p) = seq.next_element_seed(RegexSeed(self.1, self.2))? {
                    out.push(p);
                }
                Ok(OptValue::RegexList(out))
            }
            _ => Err(de::Error::invalid_type(de::Unexpected::Seq, &self)),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OptValue, A::Error> {
        if !matches!(self.0, OptionDefault::IntMap(_)) {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        }
        let mut out = BTreeMap::new();
        while let Some(k) = map.next_key::<String>()? {
            let v = map.next_value_seed(OptionSeed(OptionDefault::Int(0), self.1, self.2))?;
            if let OptValue::Int(n) = v {
                out.insert(k, n);
            }
        }
        Ok(OptValue::IntMap(out))
    }
}

/// One regular expression of an allow-list, compiled while reading.
struct RegexSeed(&'static str, &'static str);

impl<'de> DeserializeSeed<'de> for RegexSeed {
    type Value = (String, regex::Regex);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for RegexSeed {
    type Value = (String, regex::Regex);
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a regular expression")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        regex::Regex::new(s)
            .map(|r| (s.to_string(), r))
            .map_err(|e| {
                let detail = e.to_string();
                let last = detail.lines().last().unwrap_or("").trim().to_string();
                E::custom(format!(
                    "option {}.{}: invalid regular expression {s:?}: {last}",
                    self.0, self.1
                ))
            })
    }
}

fn article(type_name: &str) -> String {
    if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {type_name}")
    } else {
        format!("a {type_name}")
    }
}

/// The commented starter file written by `specmark init`.
pub fn starter_toml() -> String {
    let mut s = String::from(
        "# specmark configuration. Every key is optional; `specmark schema` prints the JSON Schema.\n\
         # Rule names: `specmark rules`; documentation: `specmark explain NAME`.\n\n\
         # Lint every Markdown file, not only recognized spec documents.\n\
         # all-markdown = false\n\n\
         # Files above this size (bytes) get one `file-too-large` finding instead of a lint.\n\
         # max-file-size = 10000000\n\n\
         # exclude = [\"node_modules/**\", \"**/templates/**\"]\n\n\
         # Map paths to document kinds (prd, tasks, recovery, research, goalkit-tasks, ...).\n\
         # [[kinds]]\n# glob = \"docs/requirements/*.md\"\n# kind = \"prd\"\n\n\
         # Extra words that make a criterion vague.\n\
         # extend-vague-words = [\"seamless\"]\n\n\
         # Per-rule settings: severity = \"error\" | \"warning\" | \"info\" | \"off\", plus options.\n",
    );
    for r in RULES {
        s.push_str(&format!("\n# {} ({}): {}\n", r.name, r.code, r.summary));
        s.push_str(&format!(
            "# [rules.{}]\n# severity = \"{}\"\n",
            r.name,
            r.severity.as_str()
        ));
        for o in r.options {
            let v = toml_value(&o.default.to_json());
            s.push_str(&format!("# {} = {}    # {}\n", o.name, v, o.doc));
        }
    }
    s.push_str(
        "\n# Settings for some files or kinds only:\n\
         # [[overrides]]\n# files = [\"specs/archive/**\"]\n# kinds = [\"tasks\"]\n\
         # rules = { word-count = \"off\" }\n",
    );
    s
}

fn toml_value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Object(m) => {
            let parts: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("\"{k}\" = {}", toml_value(v)))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
        other => other.to_string(),
    }
}

/// JSON Schema (draft 2020-12) of the configuration file.
pub fn json_schema() -> serde_json::Value {
    use serde_json::json;
    let mut rule_props = serde_json::Map::new();
    let levels = json!({ "enum": ["off", "info", "warning", "error"] });
    for r in RULES {
        let mut props = serde_json::Map::new();
        props.insert("severity".into(), levels.clone());
        for o in r.options {
            let schema = match o.default {
                OptionDefault::Int(_) => json!({ "type": "integer", "minimum": 0 }),
                OptionDefault::Bool(_) => json!({ "type": "boolean" }),
                OptionDefault::Str(_) => json!({ "type": "string" }),
                OptionDefault::StrList(_) | OptionDefault::RegexList(_) => {
                    json!({ "type": "array", "items": { "type": "string" } })
                }
                OptionDefault::IntMap(_) => {
                    json!({ "type": "object", "additionalProperties": { "type": "integer" } })
                }
            };
            let mut schema = schema;
            schema["description"] = json!(o.doc);
            schema["default"] = o.default.to_json();
            props.insert(o.name.into(), schema);
        }
        rule_props.insert(
            r.name.into(),
            json!({
                "description": r.summary,
                "oneOf": [
                    levels,
                    { "type": "object", "properties": props, "additionalProperties": false }
                ]
            }),
        );
    }
    let rules =
        json!({ "type": "object", "properties": rule_props, "additionalProperties": false });
    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "specmark configuration (.specmark.toml)",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "all-markdown": { "type": "boolean", "default": false },
            "max-file-size": { "type": "integer", "minimum": 0, "default": DEFAULT_MAX_FILE_SIZE },
            "exclude": { "type": "array", "items": { "type": "string" } },
            "extend-vague-words": { "type": "array", "items": { "type": "string" } },
            "kinds": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["glob", "kind"],
                    "properties": { "glob": { "type": "string" }, "kind": { "enum": kinds } }
                }
            },
            "profile": { "type": "string", "description": "Force this profile on every document" },
            "profiles": {
                "type": "array",
                "description": "A team's own document families, each described by its template",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["name"],
                    "properties": {
                        "name": { "type": "string" },
                        "label": { "type": "string" },
                        "template": { "type": "string", "description": "Markdown template, relative to the configuration file" },
                        "template-text": { "type": "string", "description": "The template's text inline (hosts without files)" },
                        "match": { "type": "array", "items": { "type": "string" } },
                        "extends": { "type": "string", "description": "A built-in profile whose rules it keeps" },
                        "kind": { "enum": kinds },
                        "optional": { "type": "array", "items": { "type": "string" } }
                    }
                }
            },
            "rules": rules,
            "overrides": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                        "files": { "type": "array", "items": { "type": "string" } },
                        "kinds": { "type": "array", "items": { "enum": kinds } },
                        "rules": rules
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_default() {
        let c = Config::from_toml("", None).unwrap();
        assert_eq!(c.max_file_size, DEFAULT_MAX_FILE_SIZE);
        assert!(c.rules.0.is_empty());
    }

    #[test]
    fn unknown_key_has_position() {
        let e = Config::from_toml("all-markdown = true\nbogus = 1\n", Some("x.toml")).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert_eq!(e.column, Some(1));
        assert!(e.message.contains("bogus"), "{}", e.message);
        assert!(e.to_string().starts_with("x.toml:2:1: "), "{e}");
    }

    #[test]
    fn unknown_rule_is_error_with_suggestion() {
        let e =
            Config::from_toml("[rules.unused-supression]\nseverity = \"off\"\n", None).unwrap_err();
        assert!(e.message.contains("unknown rule"), "{}", e.message);
        assert!(e.message.contains("unused-suppression"), "{}", e.message);
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn wrong_severity_and_type() {
        let e = Config::from_toml("[rules.unused-suppression]\nseverity = \"loud\"\n", None)
            .unwrap_err();
        assert!(e.message.contains("invalid severity"), "{}", e.message);
        assert_eq!(e.line, Some(2));
        let e = Config::from_toml("all-markdown = \"yes\"\n", None).unwrap_err();
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn severity_shorthand_and_overrides() {
        let c = Config::from_toml(
            "[rules]\nunused-suppression = \"off\"\n[[overrides]]\nfiles = [\"archive/**\"]\nrules = { unused-suppression = \"error\" }\n",
            None,
        )
        .unwrap();
        let rule = find_rule("unused-suppression").unwrap();
        let base = c.effective(rule, Some("a.md"), Kind::Prd).unwrap();
        assert_eq!(base.level, Some(Level::Off));
        let over = c.effective(rule, Some("archive/a.md"), Kind::Prd).unwrap();
        assert_eq!(over.level, Some(Level::Error));
    }

    #[test]
    fn bad_glob_and_kind() {
        let e =
            Config::from_toml("[[kinds]]\nglob = \"a/[b\"\nkind = \"prd\"\n", None).unwrap_err();
        assert!(e.message.contains("invalid glob"), "{}", e.message);
        assert_eq!(e.line, Some(2));
        let e =
            Config::from_toml("[[kinds]]\nglob = \"a/*\"\nkind = \"novel\"\n", None).unwrap_err();
        assert!(e.message.contains("novel"), "{}", e.message);
    }

    #[test]
    fn bad_regex_in_an_allow_list_points_at_the_pattern() {
        // Read through the same seed `[rules.NAME]` uses for a regex-list option, inside a
        // one-key table, so the test does not depend on which rules have such an option.
        struct Probe;
        impl<'de> Deserialize<'de> for Probe {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = Probe;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str("a table")
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
                        while map.next_key::<String>()?.is_some() {
                            map.next_value_seed(OptionSeed(
                                OptionDefault::RegexList(&[]),
                                "some-rule",
                                "allow",
                            ))?;
                        }
                        Ok(Probe)
                    }
                }
                d.deserialize_map(V)
            }
        }
        let text = "allow = [\"ok\", \"(unclosed\"]\n";
        let e = toml::from_str::<Probe>(text)
            .err()
            .expect("a bad regex is an error");
        let span = e.span().expect("the error has a position");
        assert_eq!(&text[span.start..span.start + 11], "\"(unclosed\"");
        assert!(
            e.message()
                .contains("option some-rule.allow: invalid regular expression \"(unclosed\""),
            "{}",
            e.message()
        );
        assert!(toml::from_str::<Probe>("allow = [\"a+\", \"^b$\"]").is_ok());
    }

    #[test]
    fn kind_globs_match() {
        let c = Config::from_toml(
            "[[kinds]]\nglob = \"docs/req/*.md\"\nkind = \"prd\"\n",
            None,
        )
        .unwrap();
        assert_eq!(c.kind_for_path("docs/req/login.md"), Some(Kind::Prd));
        assert_eq!(c.kind_for_path("docs/other/login.md"), None);
    }

    #[test]
    fn starter_is_valid_and_schema_lists_rules() {
        let starter = starter_toml();
        assert!(Config::from_toml(&starter, None).is_ok());
        let schema = json_schema();
        for r in RULES {
            assert!(schema["properties"]["rules"]["properties"][r.name].is_object());
        }
    }
}
