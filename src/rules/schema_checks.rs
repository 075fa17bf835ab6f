//! The checks of a document against a team's own template (a `[[profiles]]` entry with a
//! `template`): the template rules call these instead of their GOE defaults, so one rule
//! name means one check whatever template it reads.

use super::sections::{thousands, HeadingIndex, Wanted};
use super::Context;
use crate::diagnostic::{Diagnostic, Severity};

fn label(cx: &Context<'_>) -> String {
    cx.doc.profile.label.clone()
}

/// `missing-section`: every required section of the template is there.
pub fn missing_section(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let index = HeadingIndex::new(doc, true);
    let foreign = doc.mostly_non_english();
    for s in doc.profile.schema.required_sections() {
        let w = Wanted::parse(&s.path);
        if w.display.is_empty() || w.present_in(&index) {
            continue;
        }
        let mut d = cx
            .diag(
                doc.title_range(),
                format!(
                    "missing required section \"{}\" (the {} template has it)",
                    s.path,
                    label(cx)
                ),
            )
            .with_help(format!("add a heading \"{}\"", s.title));
        if foreign {
            d = d.with_severity(Severity::Info);
        }
        out.push(d);
    }
}

/// `section-word-count`: each section with a minimum in the template holds that many words.
pub fn section_word_count(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let index = HeadingIndex::new(doc, false);
    for spec in &doc.profile.schema.sections {
        let Some(min) = spec.min_words else {
            continue;
        };
        let Some(i) = Wanted::parse(&spec.path).best_section(doc, &index) else {
            continue;
        };
        let s = &doc.sections[i];
        let Some(h) = s.heading.and_then(|h| doc.headings.get(h)) else {
            continue;
        };
        if s.words >= min as usize {
            continue;
        }
        out.push(
            cx.diag(
                h.range.clone(),
                format!(
                    "section \"{}\" has {} words; the {} template requires at least {}",
                    s.title,
                    thousands(s.words as i64),
                    label(cx),
                    thousands(i64::from(min))
                ),
            )
            .with_help(format!(
                "expand it by about {} words",
                thousands(i64::from(min) - s.words as i64)
            )),
        );
    }
}

/// `word-count`: the whole document holds the template's minimum.
pub fn word_count(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let Some(min) = doc.profile.schema.min_words else {
        return;
    };
    if doc.words >= min as usize {
        return;
    }
    out.push(cx.diag(
        doc.title_range(),
        format!(
            "{} words; the {} template requires at least {}",
            thousands(doc.words as i64),
            label(cx),
            thousands(i64::from(min))
        ),
    ));
}

/// `header-metadata`: each header field of the template is present, with one of the values
/// the template allows (`**Status**: Draft | Review | Approved`).
pub fn header_metadata(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    for field in &doc.profile.schema.fields {
        let key = field.name.to_lowercase();
        let Some(m) = doc.metadata.iter().find(|m| m.key == key.as_str()) else {
            out.push(
                cx.diag(
                    doc.title_range(),
                    format!(
                        "the header has no {} line (the {} template has one)",
                        field.name,
                        label(cx)
                    ),
                )
                .with_help(format!("add `**{}**: ...` below the title", field.name)),
            );
            continue;
        };
        if field.values.is_empty() {
            continue;
        }
        let value = m.value.trim().trim_matches('*').trim();
        if value.is_empty() || value.contains('|') {
            continue;
        }
        let allowed = field.values.iter().any(|v| {
            let v = v.to_lowercase();
            let value = value.to_lowercase();
            value == v
                || value
                    .strip_prefix(v.as_str())
                    .is_some_and(|rest| rest.starts_with(|c: char| !c.is_alphanumeric()))
        });
        if !allowed {
            out.push(
                cx.diag(
                    m.value_range.clone(),
                    format!(
                        "{} `{value}` is not one of the template's values: {}",
                        field.name,
                        field.values.join(", ")
                    ),
                )
                .with_help("use one of the values the template lists"),
            );
        }
    }
}

/// `unfilled-placeholder`: a token of the template kept in the filled document.
pub fn placeholders(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let tokens = &doc.profile.schema.placeholders;
    if tokens.is_empty() {
        return;
    }
    let in_code = |at: usize| {
        doc.code_blocks.iter().any(|b| b.range.contains(&at))
            || doc.code_spans.iter().any(|r| r.contains(&at))
    };
    for token in tokens {
        for (at, _) in doc.source.match_indices(token.as_str()) {
            if in_code(at) {
                continue;
            }
            out.push(
                cx.diag(
                    at..at + token.len(),
                    format!("template placeholder {token} left unfilled"),
                )
                .with_help("replace it with the document's own content"),
            );
        }
    }
}
