//! What a filled document of a family must contain, derived from the family's Markdown
//! template: one routine for the built-in templates and for a team's own.
//!
//! Read from the template: the title (`# PRD: [Feature Name]`), the sections in order with
//! their word minimums (`## Overview (300+ words)`, `**Phase 1: ...** - 1000+ words`), the
//! whole-document minimum (`**Total PRD Words**: {count} (minimum 2000 required)`,
//! `# MUST be ≥4500 words`), metadata fields with their allowed values
//! (`**Status**: Planning | In Progress | Complete`), required task fields (`- **Files**:`
//! under a task), table columns, and every placeholder token (`[Feature Name]`, `{slug}`,
//! `T-XXX`), which a filled document must not keep.

use serde::Serialize;

/// A section the template has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct SectionSpec {
    /// The heading as the template writes it, remarks removed (`Risks & Mitigation`).
    pub title: String,
    /// `Parent > Title` for a section below a level-2 section, else the title.
    pub path: String,
    pub level: u8,
    /// Words the section must hold (`(300+ words)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_words: Option<u32>,
    /// Whether a filled document must have it (level-2 sections, and deeper ones with a
    /// word minimum, unless the profile marks them optional).
    pub required: bool,
}

/// A `**Field**: value` line of the template's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct FieldSpec {
    pub name: String,
    /// `A | B | C` in the template: the only values a document may give.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// Everything a template says a filled document must have.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Schema {
    /// The title line with its placeholders (`PRD: [Feature Name]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub sections: Vec<SectionSpec>,
    /// Whole-document minimum (`wc -w`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_words: Option<u32>,
    /// Header metadata fields (before the first level-2 heading).
    pub fields: Vec<FieldSpec>,
    /// Fields every task of the template carries (`Files`, `Done when`).
    pub task_fields: Vec<String>,
    /// Header rows of the template's tables.
    pub table_columns: Vec<Vec<String>>,
    /// Placeholder tokens of the template, each once, in order.
    pub placeholders: Vec<String>,
    /// `(minimum 8 required)` next to acceptance criteria.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_criteria: Option<u32>,
}

impl Schema {
    /// The schema of a template. `optional` names sections (as `Parent > Title` or `Title`)
    /// that are not required even where the template's shape would make them so.
    pub fn derive(template: &str, optional: &[String]) -> Schema {
        let mut s = Schema::default();
        let mut fence: Option<(u8, usize)> = None;
        let mut parent: Option<String> = None;
        let mut seen_h2 = false;
        let mut in_task = false;
        let lines: Vec<&str> = template.lines().collect();
        for (i, raw) in lines.iter().enumerate() {
            let line = raw.trim_end();
            let trimmed = line.trim_start();
            if let Some(f) = fence_marker(trimmed) {
                match fence {
                    None => fence = Some(f),
                    Some((c, n)) if c == f.0 && f.1 >= n => fence = None,
                    _ => {}
                }
                continue;
            }
            if fence.is_some() {
                continue;
            }
            if let Some((level, text)) = atx_heading(trimmed) {
                in_task = false;
                s.heading(level, text, &mut parent, optional);
                seen_h2 |= level == 2;
                continue;
            }
            collect_placeholders(line, &mut s.placeholders);
            if let Some(n) = document_minimum(trimmed) {
                s.min_words = Some(n);
            }
            if let Some((name, value)) = bold_field(trimmed) {
                let lname = name.to_ascii_lowercase();
                if lname.contains("acceptance criteria") {
                    if let Some(n) = minimum_in(value) {
                        s.min_criteria = Some(n);
                    }
                }
                if in_task && raw.starts_with([' ', '\t']) {
                    push_unique(&mut s.task_fields, name);
                } else if !seen_h2 && !is_list_line(line) {
                    s.fields.push(FieldSpec {
                        name: name.to_string(),
                        values: enum_values(value),
                    });
                }
            }
            if is_task_line(trimmed) && !raw.starts_with([' ', '\t']) {
                in_task = true;
            }
            if trimmed.starts_with('|') && is_table_start(&lines, i) {
                s.table_columns.push(cells(trimmed));
            }
        }
        s
    }

    fn heading(&mut self, level: u8, text: &str, parent: &mut Option<String>, optional: &[String]) {
        collect_placeholders(text, &mut self.placeholders);
        let (title, min_words) = strip_remarks(text);
        if level == 1 {
            if self.title.is_none() {
                self.title = Some(title);
            }
            if let Some(n) = document_minimum(text) {
                self.min_words = Some(n);
            }
            return;
        }
        if title.is_empty() || is_placeholder_only(&title) {
            return;
        }
        let path = match (level, parent.as_deref()) {
            (2, _) | (_, None) => title.clone(),
            (_, Some(p)) => format!("{p} > {title}"),
        };
        if level == 2 {
            *parent = Some(title.clone());
        }
        let listed = optional
            .iter()
            .any(|o| o.eq_ignore_ascii_case(&path) || o.eq_ignore_ascii_case(&title));
        let required = !listed && (level == 2 || min_words.is_some());
        self.sections.push(SectionSpec {
            title,
            path,
            level,
            min_words,
            required,
        });
    }

    /// The required sections, as `Parent > Title` paths.
    pub fn required_sections(&self) -> impl Iterator<Item = &SectionSpec> {
        self.sections.iter().filter(|s| s.required)
    }
}

/// ```` ``` ```` or `~~~` opening or closing a fence: the character and the run length.
fn fence_marker(line: &str) -> Option<(u8, usize)> {
    let b = line.as_bytes();
    let c = *b.first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = b.iter().take_while(|&&x| x == c).count();
    (n >= 3).then_some((c, n))
}

fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let n = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&n) {
        return None;
    }
    let rest = &line[n..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((n as u8, rest.trim().trim_end_matches('#').trim()))
}

/// A heading's title without its remarks (`(300+ words)`, `(REQUIRED)`, `(if applicable)`,
/// a trailing `✓`), and the word minimum a remark states.
fn strip_remarks(text: &str) -> (String, Option<u32>) {
    let min_words = words_minimum(text);
    let mut title = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => title.push(c),
            _ => {}
        }
    }
    // `**Phase 1: Scope Discovery (Steps 1-5)** - 1000+ words` style remarks after a dash.
    if let Some(at) = title.find(" - ") {
        if title[at..].contains("words") {
            title.truncate(at);
        }
    }
    let title = title
        .trim()
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != ']' && c != '}')
        .trim()
        .to_string();
    (title, min_words)
}

/// `300+ words` anywhere in the text.
fn words_minimum(text: &str) -> Option<u32> {
    let lower = text.to_ascii_lowercase();
    let at = lower.find("+ words").or_else(|| lower.find("+words"))?;
    let digits: String = lower[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .collect::<String>()
        .chars()
        .rev()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// A whole-document word minimum: `**Total PRD Words**: {count} (minimum 2000 required)`
/// or `# MUST be ≥4500 words`.
fn document_minimum(line: &str) -> Option<u32> {
    let lower = line.to_lowercase();
    if lower.contains("total") && lower.contains("words") && lower.contains("minimum") {
        return minimum_in(&lower);
    }
    let at = lower.find('≥')?;
    if !lower.contains("words") {
        return None;
    }
    leading_number(&lower[at + '≥'.len_utf8()..])
}

/// The number at the start of `text` (spaces before it skipped, `2,000` read as 2000).
fn leading_number(text: &str) -> Option<u32> {
    let digits: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The number after "minimum" (`(minimum 8 required)`).
fn minimum_in(text: &str) -> Option<u32> {
    let lower = text.to_ascii_lowercase();
    let at = lower.find("minimum")?;
    leading_number(&lower[at + 7..])
}

/// `**Name**: value` or `- **Name**: value` (the colon inside or after the bold).
fn bold_field(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_start();
    let t = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .unwrap_or(t);
    let inner = t.strip_prefix("**")?;
    let close = inner.find("**")?;
    let bold = &inner[..close];
    let after = inner[close + 2..].trim_start();
    let value = match bold.trim_end().strip_suffix(':') {
        Some(_) => after,
        None => after.strip_prefix(':')?.trim_start(),
    };
    let name = bold.trim().trim_end_matches(':').trim();
    if name.is_empty() || name.len() > 40 || name.starts_with('[') {
        return None;
    }
    Some((name, value))
}

/// `Planning | In Progress | Complete` → the values; a value that is a placeholder
/// (`[Feature Name]`) or a single word is no list.
fn enum_values(value: &str) -> Vec<String> {
    let v = value.trim().trim_matches(['[', ']']);
    if !v.contains('|') {
        return Vec::new();
    }
    let parts: Vec<String> = v
        .split('|')
        .map(|p| p.trim().trim_matches('`').trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2
        || parts
            .iter()
            .any(|p| p.contains(['{', '[']) || p.split_whitespace().count() > 4)
    {
        return Vec::new();
    }
    parts
}

fn is_list_line(line: &str) -> bool {
    line.starts_with([' ', '\t']) || line.starts_with("- ") || line.starts_with("* ")
}

fn push_unique(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x.eq_ignore_ascii_case(item)) {
        list.push(item.to_string());
    }
}

/// `- [ ] **Task 1.1**: ...` or `- [ ] **R1**: ...` (a task item at the left margin).
fn is_task_line(line: &str) -> bool {
    let l = line.trim_start();
    (l.starts_with("- [") || l.starts_with("* [")) && l.get(5..6) == Some(" ")
}

fn is_table_start(lines: &[&str], i: usize) -> bool {
    let prev_is_row = i > 0 && lines[i - 1].trim_start().starts_with('|');
    let next_is_rule = lines.get(i + 1).is_some_and(|n| {
        let n = n.trim();
        n.starts_with('|') && n.contains('-') && n.chars().all(|c| "|-: ".contains(c))
    });
    !prev_is_row && next_is_rule
}

fn cells(row: &str) -> Vec<String> {
    row.trim()
        .trim_matches('|')
        .split('|')
        .map(|c| c.trim().replace("**", ""))
        .collect()
}

fn is_placeholder_only(title: &str) -> bool {
    let t = title.trim();
    (t.starts_with('[') && t.ends_with(']')) || (t.starts_with('{') && t.ends_with('}'))
}

/// Placeholder tokens of one template line: `[Feature Name]` (brackets around words, not a
/// checkbox or a link), `{slug}`, and all-capital ids with X (`T-XXX`, `FR-XXX`).
fn collect_placeholders(line: &str, out: &mut Vec<String>) {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'[' || c == b'{' {
            let close = if c == b'[' { ']' } else { '}' };
            if let Some(len) = line[i + 1..].find(close) {
                let inner = &line[i + 1..i + 1 + len];
                let end = i + 2 + len;
                let is_link = c == b'[' && matches!(b.get(end), Some(b'(') | Some(b'['));
                if is_placeholder_text(inner) && !is_link && !inner.contains(['[', '{']) {
                    let token = &line[i..end];
                    if !out.iter().any(|t| t == token) {
                        out.push(token.to_string());
                    }
                    i = end;
                    continue;
                }
            }
        }
        if c.is_ascii_uppercase() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let end = line[i..]
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-'))
                .map_or(line.len(), |e| i + e);
            let token = &line[i..end];
            if is_xxx_token(token) && !out.iter().any(|t| t == token) {
                out.push(token.to_string());
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
}

fn is_placeholder_text(inner: &str) -> bool {
    let t = inner.trim();
    !t.is_empty()
        && t.len() <= 80
        && t.chars().any(char::is_alphabetic)
        && !matches!(t, "x" | "X" | " " | "-" | "P")
        && !t.starts_with('^')
}

/// `T-XXX`, `FR-XXX`, `XXX`: a prefix and a run of at least two X standing for a number.
fn is_xxx_token(token: &str) -> bool {
    let Some((prefix, tail)) = token.rsplit_once('-') else {
        return false;
    };
    !prefix.is_empty()
        && prefix.bytes().all(|b| b.is_ascii_uppercase())
        && tail.len() >= 2
        && tail.bytes().all(|b| b == b'X')
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "# Design Note: [Feature Name]\n\n\
**Status**: Draft | Review | Approved\n**Owner**: {owner}\n\n\
## Summary (100+ words)\n[What and why]\n\n\
## Design\n### Data Model (50+ words)\n### Open Points\n\n\
## Tasks\n- [ ] **T-XXX**: [Title]\n  - **Files**: [paths]\n  - **Done when**: [check]\n\n\
| Task ID | Owner |\n|---|---|\n| T-XXX | [name] |\n\n\
```python\n# Not a heading\n```\n\n**Total Words**: {count} (minimum 600 required)\n";

    #[test]
    fn derives_sections_minimums_fields_and_placeholders() {
        let s = Schema::derive(TEMPLATE, &["Design > Open Points".to_string()]);
        assert_eq!(s.title.as_deref(), Some("Design Note: [Feature Name]"));
        let paths: Vec<(&str, Option<u32>, bool)> = s
            .sections
            .iter()
            .map(|x| (x.path.as_str(), x.min_words, x.required))
            .collect();
        assert_eq!(
            paths,
            vec![
                ("Summary", Some(100), true),
                ("Design", None, true),
                ("Design > Data Model", Some(50), true),
                ("Design > Open Points", None, false),
                ("Tasks", None, true),
            ]
        );
        assert_eq!(s.min_words, Some(600));
        assert_eq!(s.fields[0].name, "Status");
        assert_eq!(s.fields[0].values, vec!["Draft", "Review", "Approved"]);
        assert!(s.fields[1].values.is_empty());
        assert_eq!(s.task_fields, vec!["Files", "Done when"]);
        assert_eq!(s.table_columns, vec![vec!["Task ID", "Owner"]]);
        for t in [
            "[Feature Name]",
            "{owner}",
            "[What and why]",
            "T-XXX",
            "{count}",
        ] {
            assert!(s.placeholders.iter().any(|p| p == t), "{t}: {s:?}");
        }
        assert!(!s.placeholders.iter().any(|p| p == "[ ]"));
    }
}
