//! `missing-diagram`: a PRD's Architecture section without a diagram.

use crate::rules::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Checks that the PRD's Architecture section (a heading such as "Architecture",
    /// "3. System Architecture", "Technical Architecture", "Architecture Overview", "架构")
    /// contains a diagram: a code block drawn with box-drawing characters (`┌─┐ │ └ ▼ →`) or
    /// ASCII art (`+--+`, `-->`, `|` columns), a ```` ```mermaid ```` (or PlantUML, Graphviz,
    /// D2) block, or an image. Sub-sections count as part of the section. A PRD without an
    /// Architecture section is left to `missing-section`.
    ///
    /// ## Why
    /// The PRD checklist requires a visual representation of the architecture: a reviewer
    /// sees components, boundaries and data flow at a glance that 600 words of prose hide.
    ///
    /// ## Example
    /// ```markdown
    /// ## Architecture
    ///
    /// The service reads from the queue and writes to the warehouse.
    /// ```
    ///
    /// ## How to fix
    /// Add a diagram to the section, for example:
    /// ````markdown
    /// ```text
    /// ┌─────────┐     ┌─────────┐
    /// │  Queue  │ ──▶ │ Service │
    /// └─────────┘     └─────────┘
    /// ```
    /// ````
    pub static RULE = {
        code: "SM105",
        name: "missing-diagram",
        summary: "Architecture section has no diagram",
        category: Category::Structure,
        tags: &["prd"],
        kinds: &[Kind::Prd],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

/// Headings that name the architecture section (normalized), besides plain "architecture".
const QUALIFIERS: &[&str] = &[
    "system",
    "technical",
    "solution",
    "software",
    "high level",
    "high-level",
    "application",
    "overall",
    "proposed",
    "target",
    "platform",
    "component",
    "service",
];

/// Words that make an "architecture" heading about something else.
const OTHER_TOPICS: &[&str] = &[
    "decision",
    "decisions",
    "principle",
    "principles",
    "phase",
    "question",
    "questions",
    "constraint",
    "constraints",
    "record",
    "records",
    "adr",
    "review",
    "notes",
    "changes",
    "requirements",
    "goals",
    "risks",
];

/// Non-English names of the section.
const TRANSLATIONS: &[&str] = &[
    "架构",
    "系统架构",
    "技术架构",
    "整体架构",
    "总体架构",
    "架构设计",
    "架构图",
    "アーキテクチャ",
    "システムアーキテクチャ",
    "システム構成",
    "아키텍처",
    "시스템 아키텍처",
    "архитектура",
    "arquitectura",
    "architektur",
];

/// Whether a heading names the Architecture section.
fn is_architecture(title: &str) -> bool {
    let norm = text::normalize_heading(title);
    if TRANSLATIONS.contains(&norm.as_str()) {
        return true;
    }
    let words: Vec<&str> = norm.split_whitespace().collect();
    let Some(at) = words.iter().position(|w| *w == "architecture") else {
        return false;
    };
    if words.len() > 4 || words.iter().any(|w| OTHER_TOPICS.contains(w)) {
        return false;
    }
    // "Architecture", "Architecture Overview", "System Architecture", "High Level Architecture".
    let before = words[..at].join(" ");
    at == 0 || QUALIFIERS.contains(&before.as_str())
}

/// Box-drawing characters and arrows used in text diagrams.
fn is_drawing_char(c: char) -> bool {
    matches!(c as u32, 0x2500..=0x257F | 0x2190..=0x21FF | 0x25A0..=0x25FF | 0x27F0..=0x27FF)
}

/// ASCII-art signals: `+--+`, `-->`, `<--`, `==>`, `|  x  |`, a lone `v` or `|` connector.
static ASCII_ART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\+[-=]{2,}|[-=]{2,}\+|-{2,}>|<-{2,}|={2,}>|\|\s{2,}\S[^|]*\s{2,}\||^\s*[v|^]\s*$")
        .expect("static regex")
});

const DIAGRAM_LANGS: &[&str] = &[
    "mermaid", "plantuml", "puml", "dot", "graphviz", "d2", "ditaa", "svgbob", "diagram", "ascii",
    "nomnoml",
];

fn block_is_diagram(lang: Option<&str>, body: &str) -> bool {
    if lang.is_some_and(|l| DIAGRAM_LANGS.contains(&l)) {
        return true;
    }
    let drawing = body.chars().filter(|&c| is_drawing_char(c)).count();
    if drawing >= 3 {
        return true;
    }
    // Two lines of ASCII art, so one `-->` in a shell comment is not a diagram.
    body.lines()
        .filter(|l| l.len() < 500 && ASCII_ART.is_match(l))
        .count()
        >= 2
}

static IMAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)!\[[^\]]*\]|<img(?-u:\b)|<svg(?-u:\b)|\.(?:png|svg|jpe?g|gif|webp|drawio|excalidraw)(?-u:\b)")
        .expect("static regex")
});

fn has_diagram(doc: &Document<'_>, range: &Range<usize>) -> bool {
    let first = doc
        .code_blocks
        .partition_point(|b| b.range.start < range.start);
    let blocks = doc.code_blocks[first..]
        .iter()
        .take_while(|b| b.range.start < range.end);
    for b in blocks {
        if block_is_diagram(b.lang.as_deref(), &b.text) {
            return true;
        }
    }
    // Outside code: an image, or box drawing written straight into the text.
    let text = doc.text(range);
    let mut at = range.start;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let maybe = line.contains(['!', '<', '.']) || !line.is_ascii();
        if line.len() > 10_000 || !maybe {
            continue;
        }
        if doc.in_code(start) {
            continue;
        }
        if IMAGE.is_match(line) || line.chars().filter(|&c| is_drawing_char(c)).count() >= 3 {
            return true;
        }
    }
    false
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    // Top-most architecture sections (a matching ancestor already covers its children);
    // the H1 is the document's title, not a section.
    let sections: Vec<usize> = (1..doc.sections.len())
        .filter(|&i| doc.sections[i].level >= 2 && is_architecture(&doc.sections[i].title))
        .filter(|&i| {
            let mut p = doc.sections[i].parent;
            while let Some(s) = p {
                if s != 0 && doc.sections[s].level >= 2 && is_architecture(&doc.sections[s].title) {
                    return false;
                }
                p = doc.sections[s].parent;
            }
            true
        })
        .collect();
    let Some(&first) = sections.first() else {
        return;
    };
    if sections
        .iter()
        .any(|&i| has_diagram(doc, &doc.sections[i].range))
    {
        return;
    }
    let Some(h) = doc.sections[first]
        .heading
        .and_then(|h| doc.headings.get(h))
    else {
        return;
    };
    out.push(
        cx.diag(
            h.range.clone(),
            format!(
                "the `{}` section has no diagram; add an ASCII or box-drawing diagram or a mermaid block",
                h.text
            ),
        )
        .with_help("draw the components and the data flow between them in a code block"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn architecture_headings() {
        for yes in [
            "Architecture",
            "3. Architecture",
            "🏗️ System Architecture",
            "Technical Architecture",
            "Architecture Overview",
            "High Level Architecture",
            "架构",
            "Architecture Components",
        ] {
            assert!(is_architecture(yes), "{yes}");
        }
        for no in [
            "Critical Questions (Need Answers Before Architecture Phase)",
            "Architecture Decisions",
            "架构原则",
            "Why this architecture was chosen over the alternatives",
            "Event-driven architecture tradeoffs",
        ] {
            assert!(!is_architecture(no), "{no}");
        }
    }

    #[test]
    fn diagrams() {
        assert!(block_is_diagram(Some("mermaid"), "graph TD; A-->B"));
        assert!(block_is_diagram(None, "┌──┐\n│A │\n└──┘"));
        assert!(block_is_diagram(
            None,
            "+-------+      +-------+\n| API   | ---> | DB    |\n+-------+      +-------+"
        ));
        assert!(!block_is_diagram(
            Some("python"),
            "def f(x) -> int:\n    return x"
        ));
        assert!(!block_is_diagram(Some("sql"), "-- comment\nSELECT 1;"));
    }
}
