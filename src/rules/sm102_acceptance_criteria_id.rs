//! `acceptance-criteria-id`: acceptance criterion ids used twice or skipped.

use crate::document::criteria::ACCEPTANCE_HEADINGS;
use crate::rules::prelude::*;
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// When a PRD numbers its acceptance criteria (`AC1`, `AC-1`, `AC-001`, `AC1.2`), checks
    /// that every id is used once and that the numbering has no gaps: `AC1, AC2, AC4` reports
    /// "AC3 is missing" on AC4; a second `AC2` names the line of the first. Dotted ids are
    /// checked per level (`AC1.1, AC1.3` misses `AC1.2`). Numbering starts at 1 (or 0).
    /// Each id prefix (`AC`, `SC`, ...) is checked on its own. Criteria repeated in a
    /// second acceptance section (a checklist restating AC1-AC8) are not duplicates; only
    /// ids repeated within one section are.
    ///
    /// ## Why
    /// Tasks, tests and reviews cite criteria by id. A duplicate makes "AC3 passes"
    /// ambiguous; a gap usually means a criterion was deleted (or lost in an edit) while
    /// something still refers to it.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] **AC1**: Processes 1M rows in <5 minutes
    /// - [ ] **AC2**: Query count ≤2 per operation
    /// - [ ] **AC4**: Coverage ≥90% for modified modules
    /// ```
    /// reports `AC3 is missing: the ids go from AC2 to AC4` on AC4.
    ///
    /// ## How to fix
    /// Renumber the criteria, or restore the lost one. If ids are cited elsewhere, update the
    /// references too.
    pub static RULE = {
        code: "SM102",
        name: "acceptance-criteria-id",
        summary: "Acceptance criterion ids duplicated or with gaps",
        category: Category::Consistency,
        tags: &["prd"],
        kinds: &[Kind::Prd],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

/// A parsed id: `AC-012.3` → prefix `AC`, separator `-`, parts [12, 3], width 3.
#[derive(Debug, Clone)]
struct Id {
    text: String,
    prefix: String,
    sep: &'static str,
    parts: Vec<u64>,
    width: usize,
    range: Range<usize>,
    /// The outermost acceptance section holding the criterion.
    section: usize,
}

impl Id {
    fn parse(text: &str, range: Range<usize>, section: usize) -> Option<Id> {
        let letters = text.bytes().take_while(u8::is_ascii_alphabetic).count();
        let prefix = text[..letters].to_ascii_uppercase();
        let rest = &text[letters..];
        let (sep, rest) = match rest.strip_prefix('-') {
            Some(r) => ("-", r),
            None => ("", rest),
        };
        let mut parts = Vec::new();
        for p in rest.split('.') {
            // Ids longer than 9 digits are not numbering.
            if p.is_empty() || p.len() > 9 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            parts.push(p.parse().ok()?);
        }
        let width = rest.split('.').next().map_or(0, str::len);
        Some(Id {
            text: text.to_string(),
            prefix,
            sep,
            parts,
            width,
            range,
            section,
        })
    }

    /// The id with `parts` in this id's style.
    fn styled(&self, parts: &[u64]) -> String {
        let mut s = format!("{}{}", self.prefix, self.sep);
        for (i, p) in parts.iter().enumerate() {
            if i == 0 {
                s.push_str(&format!("{p:0w$}", w = self.width));
            } else {
                s.push_str(&format!(".{p}"));
            }
        }
        s
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let mut is_acceptance = vec![false; doc.sections.len()];
    for s in doc.sections_named(ACCEPTANCE_HEADINGS) {
        is_acceptance[s] = true;
    }
    // The outermost acceptance section around an offset (a walk up at most six levels).
    let outermost = |offset: usize| {
        let mut found = 0;
        let mut at = Some(doc.section_at(offset));
        while let Some(s) = at {
            if is_acceptance[s] {
                found = s;
            }
            at = doc.sections[s].parent;
        }
        found
    };
    let ids: Vec<Id> = doc
        .acceptance_criteria()
        .into_iter()
        .filter_map(|c| {
            let (text, range) = c.id?;
            let section = outermost(range.start);
            Id::parse(&text, range, section)
        })
        .collect();
    duplicates(cx, &ids, out);
    let by_prefix = crate::sort::grouped(ids.iter().map(|id| (id.prefix.as_str(), id)).collect());
    for (_, group) in &by_prefix {
        gaps(cx, group, out);
    }
}

fn duplicates(cx: &Context<'_>, ids: &[Id], out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<(usize, &str, &[u64]), &Id> = HashMap::new();
    for id in ids {
        let key = (id.section, id.prefix.as_str(), id.parts.as_slice());
        match first.get(&key) {
            Some(prev) => {
                let line = cx.doc.line_index.line_of(prev.range.start) + 1;
                out.push(
                    cx.diag(
                        id.range.clone(),
                        if prev.text == id.text {
                            format!("{} is used twice (first on line {line})", id.text)
                        } else {
                            format!(
                                "{} is used twice (first as {} on line {line})",
                                id.text, prev.text
                            )
                        },
                    )
                    .with_help("give each criterion its own id"),
                );
            }
            None => {
                first.insert(key, id);
            }
        }
    }
}

/// Gaps at every numbering level: for each stem (`AC`, `AC1`, `AC1.2`) the numbers used
/// right below it must run from 1 (or 0) without holes. One pass builds all levels.
fn gaps(cx: &Context<'_>, group: &[&Id], out: &mut Vec<Diagnostic>) {
    // Stem → number at the next level → first id using it.
    let mut numbered: Vec<(&[u64], (u64, &Id))> = Vec::new();
    for &id in group {
        for level in 0..id.parts.len().min(4) {
            numbered.push((&id.parts[..level], (id.parts[level], id)));
        }
    }
    for (stem, mut used) in crate::sort::grouped(numbered) {
        // In input order within a stem, so the first id using a number is kept.
        crate::sort::sort_by_key(&mut used, |&(n, _)| n);
        used.dedup_by_key(|&mut (n, _)| n);
        // A single top-level id says nothing about numbering; a lone AC2.3 misses AC2.1.
        if stem.is_empty() && used.len() < 2 {
            continue;
        }
        let mut expected = match used.first() {
            Some((0, _)) => 0,
            _ => 1,
        };
        let mut prev = None;
        for (n, id) in used {
            if n > expected {
                report_gap(cx, id, stem, prev, expected..=n - 1, out);
            }
            expected = n + 1;
            prev = Some(n);
        }
    }
}

fn report_gap(
    cx: &Context<'_>,
    after: &Id,
    stem: &[u64],
    prev: Option<u64>,
    missing: std::ops::RangeInclusive<u64>,
    out: &mut Vec<Diagnostic>,
) {
    let (from, to) = (*missing.start(), *missing.end());
    let name = |n: u64| {
        let mut parts = stem.to_vec();
        parts.push(n);
        after.styled(&parts)
    };
    let missing = if from == to {
        format!("{} is missing", name(from))
    } else {
        format!("{}–{} are missing", name(from), name(to))
    };
    let previous = match prev {
        None => format!("the ids start at {}", after.text),
        Some(p) => format!("the ids go from {} to {}", name(p), after.text),
    };
    out.push(
        cx.diag(after.range.clone(), format!("{missing}: {previous}"))
            .with_help("renumber the criteria or restore the missing one"),
    );
}
