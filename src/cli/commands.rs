//! The informational commands: `rules`, `explain`, `init`, `schema`, and the `score`
//! breakdown.

use super::args::ListFormat;
use super::check::FileResult;
use serde_json::json;
use specmark::rules::{find_rule, suggest_rule, OptionDefault, Rule};
use specmark::RULES;
use std::fmt::Write;
use std::path::Path;

fn kinds(r: &Rule) -> String {
    if r.kinds.is_empty() {
        "all".into()
    } else {
        r.kinds
            .iter()
            .map(|k| k.name())
            .collect::<Vec<_>>()
            .join(",")
    }
}

fn option_json(o: &specmark::rules::OptionSpec) -> serde_json::Value {
    json!({
        "name": o.name,
        "type": o.default.type_name(),
        "default": o.default.to_json(),
        "doc": o.doc,
    })
}

/// `specmark rules`: a table, or JSON for machines.
pub fn rules(format: ListFormat) -> String {
    match format {
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = RULES
                .iter()
                .map(|r| {
                    json!({
                        "code": r.code,
                        "name": r.name,
                        "summary": r.summary,
                        "category": r.category.name(),
                        "severity": r.severity.as_str(),
                        "fixable": r.fixable,
                        "kinds": r.kinds.iter().map(|k| k.name()).collect::<Vec<_>>(),
                        "tags": r.tags,
                        "options": r.options.iter().map(option_json).collect::<Vec<_>>(),
                        "documentation": r.documentation(),
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&list).unwrap_or_default();
            s.push('\n');
            s
        }
        ListFormat::Human => {
            let header = [
                "CODE", "NAME", "CATEGORY", "SEVERITY", "FIX", "KINDS", "SUMMARY",
            ];
            let rows: Vec<[String; 7]> = RULES
                .iter()
                .map(|r| {
                    [
                        r.code.to_string(),
                        r.name.to_string(),
                        r.category.name().to_string(),
                        r.severity.as_str().to_string(),
                        if r.fixable { "yes" } else { "-" }.to_string(),
                        kinds(r),
                        r.summary.to_string(),
                    ]
                })
                .collect();
            let mut widths = header.map(str::len);
            for row in &rows {
                for (w, cell) in widths.iter_mut().zip(row) {
                    *w = (*w).max(cell.chars().count());
                }
            }
            let mut out = String::new();
            let line = |cells: &[&str]| {
                let mut s = String::new();
                for (i, c) in cells.iter().enumerate() {
                    if i + 1 == cells.len() {
                        s.push_str(c);
                    } else {
                        let pad = widths[i] - c.chars().count();
                        s.push_str(c);
                        s.push_str(&" ".repeat(pad + 2));
                    }
                }
                s.trim_end().to_string()
            };
            let _ = writeln!(out, "{}", line(&header));
            for row in &rows {
                let cells: Vec<&str> = row.iter().map(String::as_str).collect();
                let _ = writeln!(out, "{}", line(&cells));
            }
            let _ = writeln!(
                out,
                "\n{} rules. `specmark explain NAME` shows a rule's documentation and options.",
                RULES.len()
            );
            out
        }
    }
}

fn default_text(d: &OptionDefault) -> String {
    d.to_json().to_string()
}

/// `specmark explain NAME|CODE`. An unknown name is an error with a suggestion.
pub fn explain(name: &str) -> Result<String, String> {
    let Some(r) = find_rule(name) else {
        let hint = suggest_rule(name)
            .map(|s| format!(" (did you mean \"{s}\"?)"))
            .unwrap_or_default();
        return Err(format!(
            "unknown rule \"{name}\"{hint}; `specmark rules` lists every rule"
        ));
    };
    let mut out = String::new();
    let _ = writeln!(out, "# {} {}\n", r.code, r.name);
    let _ = writeln!(out, "{}\n", r.summary);
    let _ = writeln!(out, "- Category: {}", r.category.name());
    let _ = writeln!(out, "- Default severity: {}", r.severity.as_str());
    let _ = writeln!(out, "- Fixable: {}", if r.fixable { "yes" } else { "no" });
    let _ = writeln!(out, "- Kinds: {}", kinds(r));
    let _ = writeln!(out, "\n{}\n", r.documentation());
    let _ = writeln!(out, "## Options\n");
    let _ = writeln!(
        out,
        "In `.specmark.toml`:\n\n```toml\n[rules.{}]\nseverity = \"{}\"    # error | warning | info | off",
        r.name,
        r.severity.as_str()
    );
    for o in r.options {
        let _ = writeln!(out, "{} = {}", o.name, default_text(&o.default));
    }
    let _ = writeln!(out, "```\n");
    if r.options.is_empty() {
        let _ = writeln!(out, "This rule has no options besides `severity`.");
    }
    for o in r.options {
        let _ = writeln!(
            out,
            "- `{}` ({}, default {}): {}",
            o.name,
            o.default.type_name(),
            default_text(&o.default),
            o.doc
        );
    }
    let _ = writeln!(
        out,
        "\nSuppress it in a document with `<!-- specmark-disable-next-line {} -->`.",
        r.name
    );
    Ok(out)
}

/// `specmark init`: write the starter configuration unless one exists (or `--force`).
pub fn init(dir: &Path, force: bool, template: Option<&Path>) -> Result<String, String> {
    let path = dir.join(super::configs::FILE_NAME);
    if path.exists() && !force {
        return Err(format!(
            "{} already exists; pass --force to overwrite it",
            super::configs::FILE_NAME
        ));
    }
    let text = match template {
        None => specmark::config::starter_toml(),
        Some(t) => template_config(dir, t)?,
    };
    std::fs::write(&path, text).map_err(|e| {
        format!(
            "{}: cannot write: {}",
            super::configs::FILE_NAME,
            super::io_message(&e)
        )
    })?;
    Ok(format!(
        "wrote {} (every setting is commented out; `specmark schema` prints its JSON Schema)\n",
        super::configs::FILE_NAME
    ))
}

/// A configuration whose one profile is described by `template` (checked: it must be
/// UTF-8 Markdown with at least one section).
fn template_config(dir: &Path, template: &Path) -> Result<String, String> {
    let abs = super::paths::absolute(dir, template);
    let shown = template.display().to_string();
    let bytes = std::fs::read(&abs)
        .map_err(|e| format!("{shown}: cannot read template: {}", super::io_message(&e)))?;
    let text =
        String::from_utf8(bytes).map_err(|_| format!("{shown}: template is not UTF-8 text"))?;
    let schema = specmark::profile::Schema::derive(&text, &[]);
    if schema.sections.is_empty() {
        return Err(format!(
            "{shown}: the template has no `##` sections, so there is nothing to check documents against"
        ));
    }
    let rel = abs
        .strip_prefix(dir)
        .map(super::paths::slashes)
        .unwrap_or_else(|_| super::paths::slashes(&abs));
    let stem = abs
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("team")
        .to_lowercase()
        .replace(|c: char| !c.is_ascii_alphanumeric(), "-");
    let name = stem
        .trim_end_matches("-template")
        .trim_matches('-')
        .to_string();
    let name = if name.is_empty() {
        "team".to_string()
    } else {
        name
    };
    let kind = if schema.task_fields.is_empty() {
        "prd"
    } else {
        "tasks"
    };
    let extends = if kind == "tasks" {
        "generic-tasks"
    } else {
        "generic-prd"
    };
    let required: Vec<&str> = schema
        .required_sections()
        .map(|s| s.path.as_str())
        .collect();
    Ok(format!(
        "# specmark configuration written by `specmark init --template {shown}`.\n\
# Documents matching `match` are checked against the template: its {n} required sections\n\
# ({list}), word minimums, header fields and placeholders. `specmark profile {name}`\n\
# shows everything derived from it.\n\n\
[[profiles]]\n\
name = \"{name}\"\n\
template = \"{rel}\"\n\
extends = \"{extends}\"\n\
match = [\"**/{name}*.md\"]\n",
        n = required.len(),
        list = required.join(", "),
    ))
}

/// `specmark profiles`.
pub fn profiles(config: &specmark::Config, format: ListFormat) -> String {
    let custom = config.custom_profiles();
    let all: Vec<&specmark::profile::Profile> = custom
        .iter()
        .map(|p| &**p)
        .chain(specmark::profile::builtin_profiles().iter().map(|p| &**p))
        .collect();
    if format == ListFormat::Json {
        let mut s = serde_json::to_string_pretty(&all).unwrap_or_default();
        s.push('\n');
        return s;
    }
    let mut out = String::new();
    for p in all {
        let from = origin(p);
        let _ = writeln!(
            out,
            "{:<20} {:<24} kind {:<18} {from}",
            p.name,
            p.label,
            p.kind.name()
        );
    }
    out
}

fn origin(p: &specmark::profile::Profile) -> String {
    use specmark::profile::Origin;
    match &p.origin {
        Origin::BuiltIn { template: Some(t) } => format!("built-in, from {t}"),
        Origin::BuiltIn { template: None } => "built-in".to_string(),
        Origin::Config { template, extends } => {
            let mut s = "configuration".to_string();
            if let Some(t) = template {
                s.push_str(&format!(", template {t}"));
            }
            if let Some(e) = extends {
                s.push_str(&format!(", extends {e}"));
            }
            s
        }
    }
}

/// `specmark profile NAME`: the profile and its derived schema, readable.
pub fn profile(
    config: &specmark::Config,
    name: &str,
    format: ListFormat,
) -> Result<String, String> {
    let p = config
        .find_profile(name)
        .ok_or_else(|| format!("unknown profile \"{name}\"; `specmark profiles` lists them"))?;
    if format == ListFormat::Json {
        let mut s = serde_json::to_string_pretty(&*p).unwrap_or_default();
        s.push('\n');
        return Ok(s);
    }
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", p.name, p.label);
    let _ = writeln!(out, "  kind: {}", p.kind.name());
    let _ = writeln!(out, "  from: {}", origin(&p));
    let rules = match &p.rules {
        specmark::profile::RuleSet::All => format!("every rule of kind {}", p.kind.name()),
        specmark::profile::RuleSet::Only(list) => list.join(", "),
    };
    let _ = writeln!(out, "  rules: {rules}");
    if !p.matches.is_empty() {
        let _ = writeln!(out, "  match: {}", p.matches.join(", "));
    }
    let s = &p.schema;
    if let Some(t) = &s.title {
        let _ = writeln!(out, "  title: {t}");
    }
    if let Some(n) = s.min_words {
        let _ = writeln!(out, "  document minimum: {n} words");
    }
    if let Some(n) = s.min_criteria {
        let _ = writeln!(out, "  acceptance criteria: at least {n}");
    }
    if !s.sections.is_empty() {
        let _ = writeln!(out, "  sections:");
        for sec in &s.sections {
            let indent = "  ".repeat(usize::from(sec.level.saturating_sub(2)));
            let mut line = format!("    {indent}{}", sec.title);
            if let Some(m) = sec.min_words {
                line.push_str(&format!(" ({m}+ words)"));
            }
            line.push_str(if sec.required {
                "  required"
            } else {
                "  optional"
            });
            let _ = writeln!(out, "{line}");
        }
    }
    for f in &s.fields {
        if f.values.is_empty() {
            let _ = writeln!(out, "  field: {}", f.name);
        } else {
            let _ = writeln!(out, "  field: {} ({})", f.name, f.values.join(" | "));
        }
    }
    if !s.task_fields.is_empty() {
        let _ = writeln!(out, "  task fields: {}", s.task_fields.join(", "));
    }
    for cols in &s.table_columns {
        let _ = writeln!(out, "  table: {}", cols.join(" | "));
    }
    if !s.placeholders.is_empty() {
        let _ = writeln!(out, "  placeholders: {}", s.placeholders.join(" "));
    }
    Ok(out)
}

/// `specmark schema`.
pub fn schema() -> String {
    let mut s = serde_json::to_string_pretty(&specmark::config::json_schema()).unwrap_or_default();
    s.push('\n');
    s
}

/// `specmark score`: overall score and grade, each category's score, and what cost points.
pub fn score_breakdown(files: &[FileResult]) -> String {
    let mut out = String::new();
    for f in files {
        let rep = &f.report;
        if !rep.linted {
            let why = rep
                .diagnostics
                .first()
                .map(|d| d.message.as_str())
                .unwrap_or("not linted");
            let _ = writeln!(out, "{}: not scored: {why}\n", f.display);
            continue;
        }
        let _ = writeln!(
            out,
            "{} ({}): score {} ({})\n  profile: {}",
            f.display, rep.kind, rep.score, rep.grade, rep.profile_reason
        );
        for c in &rep.categories {
            match c.score {
                None => {
                    let _ = writeln!(
                        out,
                        "  {:<14} {:>4}  (no rule of this category applies)",
                        c.name, "-"
                    );
                }
                Some(s) => {
                    let _ = writeln!(out, "  {:<14} {:>4}  -{} points", c.name, s, c.points);
                    for l in &c.lost {
                        let _ = writeln!(
                            out,
                            "      -{:<3} {} {} ({} finding{})",
                            l.points,
                            l.code,
                            l.name,
                            l.count,
                            if l.count == 1 { "" } else { "s" }
                        );
                    }
                }
            }
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "Each finding costs 25 points (error) or 5 (warning); info findings cost nothing; one rule \
         costs at most {} points; the score is 100 minus every point lost.",
        specmark::score::RULE_CAP
    );
    out
}
