//! `section-word-count`: a template section shorter than its minimum.

use crate::rules::prelude::*;
use crate::rules::sections::{self, thousands, Flavor, HeadingIndex, Wanted};

declare_rule! {
    /// ## What it does
    /// Counts the words of the sections the seed's "Word Count Guidelines" give minimums
    /// for, heading line and sub-sections included (`wc -w` of the section), and reports a
    /// section below its minimum on its heading:
    ///
    /// - **prd**: Overview 300, Problem Statement 200, Architecture 600, Implementation
    ///   400, Testing 400, Risks 100, Dependencies 100.
    /// - **research/analysis.md**: Scope Discovery 1000, Component Deep-Dive 1500,
    ///   Integration Analysis 1200, Edge Cases & Error Paths 1000, Performance & Security 800.
    /// - **research/plan.md**: Internal Patterns 600, Library Best Practices 600, Industry
    ///   Best Practices 500, Comparable Implementations 300.
    ///
    /// Sections are found like `missing-section` finds them (numbering, emoji, remarks and
    /// synonyms such as "Test Plan" for Testing); when several headings match, the
    /// shallowest and then the longest is measured, so per-phase "### Overview" headings do
    /// not stand in for the document's "## Overview". A missing section is not reported
    /// here (`missing-section` does that). A template file (in a `templates/` folder,
    /// `specs/template-spec/`) is not measured.
    ///
    /// ## Why
    /// A document can reach its total word count with one long section while Testing or
    /// Risks stay a line long; the per-section minimums keep every part substantive.
    ///
    /// ## Example
    /// ```markdown
    /// ## Testing Strategy
    /// Unit tests for the adapter.
    /// ```
    /// reports `section "Testing Strategy" has 7 words; the PRD template requires at least 400`.
    ///
    /// ## How to fix
    /// Expand the section. Minimums are tables of section name → words:
    /// `[rules.section-word-count.prd] Architecture = 300` (0 turns one off; names not in
    /// the defaults are added). Mostly non-English documents get info findings only.
    pub static RULE = {
        code: "SM009",
        name: "section-word-count",
        summary: "Section shorter than the template's minimum word count",
        category: Category::Completeness,
        tags: &["prd", "research", "template"],
        kinds: &[Kind::Prd, Kind::Research],
        severity: Severity::Warning,
        fixable: false,
        options: &[
            OptionSpec {
                name: "prd",
                doc: "Minimum words per PRD section.",
                default: OptionDefault::IntMap(&[
                    ("Overview", 300),
                    ("Problem Statement", 200),
                    ("Architecture", 600),
                    ("Implementation", 400),
                    ("Testing", 400),
                    ("Risks", 100),
                    ("Dependencies", 100),
                ]),
            },
            OptionSpec {
                name: "analysis",
                doc: "Minimum words per research/analysis.md section.",
                default: OptionDefault::IntMap(&[
                    ("Scope Discovery", 1000),
                    ("Component Deep-Dive", 1500),
                    ("Integration Analysis", 1200),
                    ("Edge Cases & Error Paths", 1000),
                    ("Performance & Security", 800),
                ]),
            },
            OptionSpec {
                name: "plan",
                doc: "Minimum words per research/plan.md section.",
                default: OptionDefault::IntMap(&[
                    ("Internal Patterns", 600),
                    ("Library Best Practices", 600),
                    ("Industry Best Practices", 500),
                    ("Comparable Implementations", 300),
                ]),
            },
        ],
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.doc.profile.is_custom() {
        return crate::rules::schema_checks::section_word_count(cx, out);
    }
    let doc = cx.doc;
    let Some(flavor) = sections::flavor(doc).filter(|f| *f != Flavor::Recovery) else {
        return;
    };
    let foreign = doc.mostly_non_english();
    let index = HeadingIndex::new(doc, false);
    for (name, min) in cx.int_map(flavor.option()) {
        let Some(i) = Wanted::parse(&name).best_section(doc, &index) else {
            continue;
        };
        let s = &doc.sections[i];
        let Some(h) = s.heading.and_then(|h| doc.headings.get(h)) else {
            continue;
        };
        if min <= 0 || s.words as i64 >= min {
            continue;
        }
        let mut d = cx
            .diag(
                h.range.clone(),
                format!(
                    "section \"{}\" has {} words; the {} template requires at least {} for {name}",
                    s.title,
                    thousands(s.words as i64),
                    flavor.label(),
                    thousands(min)
                ),
            )
            .with_help(format!(
                "expand it by about {} words",
                thousands(min - s.words as i64)
            ));
        if foreign {
            d = d.with_severity(Severity::Info);
        }
        out.push(d);
    }
}
