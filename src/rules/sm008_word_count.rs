//! `word-count`: a PRD or research document shorter than its template's minimum.

use crate::rules::prelude::*;
use crate::rules::sections::{self, thousands, Flavor};

declare_rule! {
    /// ## What it does
    /// Counts the words of the document the way `wc -w` does (every whitespace-separated
    /// token, code and tables included, as the seed's own check runs `wc -w`) and reports a
    /// document below its template's minimum: PRD 2,000 words, `research/analysis.md`
    /// 4,500, `research/plan.md` 2,000. Other research files (`findings.md`) have no
    /// minimum, nor has one shard of a PRD split into a file per section
    /// (`docs/prd/2-requirements.md`) or a companion note in a `prd/` folder (see
    /// `missing-section`): the minimum is for the whole PRD. A template file (in a
    /// `templates/` folder, `specs/template-spec/`) has no minimum either.
    ///
    /// ## Why
    /// The PRD agent's critical rules set these minimums ("NO EXCEPTIONS"): a short PRD or
    /// analysis is the clearest sign that a checkpoint was skipped.
    ///
    /// ## Example
    /// A `prd.md` of 1,234 words: `1,234 words; the PRD template requires at least 2,000`.
    ///
    /// ## How to fix
    /// Add the missing detail (the section minimums of `section-word-count` show where), or
    /// set the minimum your team uses: `[rules.word-count] prd = 1200` (0 turns a minimum
    /// off). Word counts mean little for Chinese, Japanese or Korean text, so a mostly
    /// non-English document gets an info finding only.
    pub static RULE = {
        code: "SM008",
        name: "word-count",
        summary: "Document shorter than the template's minimum word count",
        category: Category::Completeness,
        tags: &["prd", "research", "template"],
        kinds: &[Kind::Prd, Kind::Research],
        severity: Severity::Warning,
        fixable: false,
        options: &[
            OptionSpec {
                name: "prd",
                doc: "Minimum words of a PRD.",
                default: OptionDefault::Int(2000),
            },
            OptionSpec {
                name: "analysis",
                doc: "Minimum words of research/analysis.md.",
                default: OptionDefault::Int(4500),
            },
            OptionSpec {
                name: "plan",
                doc: "Minimum words of research/plan.md.",
                default: OptionDefault::Int(2000),
            },
        ],
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.doc.profile.is_custom() {
        return crate::rules::schema_checks::word_count(cx, out);
    }
    let doc = cx.doc;
    let Some(flavor) = sections::flavor(doc).filter(|f| *f != Flavor::Recovery) else {
        return;
    };
    if sections::is_prd_part(doc) {
        return;
    }
    let min = cx.int(flavor.option());
    let words = doc.words;
    if min <= 0 || words as i64 >= min {
        return;
    }
    let mut d = cx
        .diag(
            doc.title_range(),
            format!(
                "{} words; the {} template requires at least {}",
                thousands(words as i64),
                flavor.label(),
                thousands(min)
            ),
        )
        .with_help(format!(
            "add about {} words of detail where sections are thinnest",
            thousands(min - words as i64)
        ));
    if doc.mostly_non_english() {
        d = d.with_severity(Severity::Info);
    }
    out.push(d);
}

#[cfg(test)]
mod tests {
    use crate::{lint, Config, LintOptions, Severity};

    fn findings(text: &str, path: &str) -> Vec<(Severity, String)> {
        // The documents are GOE documents by declaration (they carry none of the
        // template's own marks): the profile follows the file, as a team's config would say.
        let mut config = Config::default();
        config.profile = Some(
            if path.ends_with("analysis.md") {
                "goe-analysis"
            } else if path.ends_with("plan.md") || path.ends_with("findings.md") {
                "goe-research-plan"
            } else {
                "goe-prd"
            }
            .to_string(),
        );
        let opts = LintOptions {
            path: Some(path),
            kind: None,
            config: &config,
        };
        lint(text, &opts)
            .diagnostics
            .into_iter()
            .filter(|d| d.name == "word-count")
            .map(|d| (d.severity, d.message))
            .collect()
    }

    /// A PRD of exactly `n` words (`wc -w`), title included.
    fn prd(n: usize) -> String {
        format!("# PRD: X\n\n{}\n", vec!["word"; n - 3].join(" "))
    }

    #[test]
    fn boundary_is_inclusive() {
        assert_eq!(
            findings(&prd(1999), "specs/active/x/prd.md"),
            vec![(
                Severity::Warning,
                "1,999 words; the PRD template requires at least 2,000".to_string()
            )]
        );
        assert!(findings(&prd(2000), "specs/active/x/prd.md").is_empty());
    }

    #[test]
    fn analysis_and_plan_minimums_follow_the_file_name() {
        let text = prd(3000);
        let analysis = findings(&text, "specs/active/x/research/analysis.md");
        assert_eq!(analysis.len(), 1);
        assert!(analysis[0].1.contains("at least 4,500"), "{analysis:?}");
        assert!(findings(&text, "specs/active/x/research/plan.md").is_empty());
        assert!(findings(&prd(10), "specs/active/x/research/findings.md").is_empty());
    }

    #[test]
    fn non_english_is_info() {
        let text = "# PRD: 基金平台\n\n本文档描述基金量化分析平台的架构重构需求。\n";
        let f = findings(text, "specs/active/x/prd.md");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, Severity::Info);
    }
}
