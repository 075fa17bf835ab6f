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
pub fn init(dir: &Path, force: bool) -> Result<String, String> {
    let path = dir.join(super::configs::FILE_NAME);
    if path.exists() && !force {
        return Err(format!(
            "{} already exists; pass --force to overwrite it",
            super::configs::FILE_NAME
        ));
    }
    std::fs::write(&path, specmark::config::starter_toml()).map_err(|e| {
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
            "{} ({}): score {} ({})",
            f.display, rep.kind, rep.score, rep.grade
        );
        for c in &rep.categories {
            match c.score {
                None => {
                    let _ = writeln!(
                        out,
                        "  {:<14} {:>4}  weight {:>2}  (no rule of this category applies)",
                        c.name, "-", c.weight
                    );
                }
                Some(s) => {
                    let _ = writeln!(out, "  {:<14} {:>4}  weight {:>2}", c.name, s, c.weight);
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
        "Each finding costs its category 10 points (error), 4 (warning) or 1 (info), at most {} \
         per rule; the score is the weighted mean of the scored categories.",
        specmark::score::RULE_CAP
    );
    out
}
