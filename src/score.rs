//! The document score: 100 minus the points its findings cost, every point traced to a rule.
//!
//! Formula (deterministic, calibrated on a labelled set: README, "Score"):
//! - A finding costs 25 points (error), 5 (warning) or 0 (info: advice, not a defect).
//! - The findings of one rule cost at most 50 points together, so one problem repeated many
//!   times does not hide every other signal.
//! - The score is `max(0, 100 - every rule's points)`. The breakdown groups the rules by
//!   category; the categories' points add up to what the document lost.
//! - Grades: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F below. One error costs 25 points, so a
//!   document with an error grades B at best and scores below any document of its profile
//!   with four warnings or fewer.

use crate::config::{Config, Level};
use crate::diagnostic::{Diagnostic, Severity};
use crate::kind::Kind;
use crate::rules::{Category, Rule, RULES};
use serde::Serialize;

/// The most points the findings of one rule cost together.
pub const RULE_CAP: u32 = 50;

pub fn cost(severity: Severity) -> u32 {
    match severity {
        Severity::Error => 25,
        Severity::Warning => 5,
        Severity::Info => 0,
    }
}

/// Points one rule cost.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Loss {
    pub code: &'static str,
    pub name: &'static str,
    pub count: usize,
    pub points: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CategoryScore {
    pub name: &'static str,
    /// `100 -` the category's points (at least 0); `None` when no rule of this category
    /// applies to the document's kind.
    pub score: Option<u32>,
    /// Points the category's findings took from the total.
    pub points: u32,
    pub lost: Vec<Loss>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Score {
    pub score: u32,
    pub grade: &'static str,
    pub categories: Vec<CategoryScore>,
}

pub fn grade(score: u32) -> &'static str {
    match score {
        90.. => "A",
        80..=89 => "B",
        70..=79 => "C",
        60..=69 => "D",
        _ => "F",
    }
}

/// Score a document of `kind` from its (unsuppressed) findings.
pub fn score(kind: Kind, path: Option<&str>, config: &Config, diagnostics: &[Diagnostic]) -> Score {
    let mut categories = Vec::new();
    let mut spent_total = 0u32;
    // Each finding's rule, looked up once (RULES is sorted by code), not once per category.
    let rules: Vec<Option<&Rule>> = diagnostics
        .iter()
        .map(|d| {
            RULES
                .binary_search_by(|r| r.code.cmp(d.code))
                .ok()
                .map(|i| RULES[i])
        })
        .collect();
    for cat in Category::ALL {
        let applies = RULES.iter().any(|r| {
            r.category == cat
                && !r.tags.contains(&"engine")
                && r.applies_to(kind)
                && config.effective(r, path, kind).and_then(|s| s.level) != Some(Level::Off)
        });
        let mut lost: Vec<Loss> = Vec::new();
        for (d, rule) in diagnostics.iter().zip(&rules) {
            let Some(rule) = rule else {
                continue;
            };
            if rule.category != cat {
                continue;
            }
            match lost.iter_mut().find(|l| l.code == d.code) {
                Some(l) => {
                    l.count += 1;
                    l.points = (l.points + cost(d.severity)).min(RULE_CAP);
                }
                None => lost.push(Loss {
                    code: rule.code,
                    name: rule.name,
                    count: 1,
                    points: cost(d.severity).min(RULE_CAP),
                }),
            }
        }
        crate::sort::sort_by(&mut lost, |a, b| {
            b.points.cmp(&a.points).then(a.code.cmp(b.code))
        });
        let points: u32 = lost.iter().map(|l| l.points).sum();
        spent_total += points;
        let score = (applies || !lost.is_empty()).then(|| 100u32.saturating_sub(points));
        categories.push(CategoryScore {
            name: cat.name(),
            score,
            points,
            lost,
        });
    }
    let overall = 100u32.saturating_sub(spent_total);
    Score {
        score: overall,
        grade: grade(overall),
        categories,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn grades() {
        assert_eq!(grade(100), "A");
        assert_eq!(grade(85), "B");
        assert_eq!(grade(59), "F");
    }

    fn finding(code: &'static str, severity: Severity) -> Diagnostic {
        Diagnostic {
            code,
            name: "x",
            severity,
            message: String::new(),
            range: 0..0,
            help: None,
            fix: None,
        }
    }

    fn of(findings: &[(&'static str, Severity)]) -> Score {
        let d: Vec<Diagnostic> = findings.iter().map(|(c, s)| finding(c, *s)).collect();
        score(Kind::Prd, None, &Config::default(), &d)
    }

    #[test]
    fn an_error_grades_below_a_few_warnings_and_never_a() {
        use Severity::*;
        let error = of(&[("SM005", Error)]);
        assert_eq!(error.score, 75);
        assert_ne!(error.grade, "A");
        let few = of(&[
            ("SM001", Warning),
            ("SM003", Warning),
            ("SM010", Warning),
            ("SM004", Warning),
        ]);
        assert!(few.score > error.score, "{} vs {}", few.score, error.score);
        assert_eq!(of(&[]).score, 100);
        assert_eq!(of(&[("SM001", Info), ("SM003", Info)]).score, 100);
    }

    #[test]
    fn adding_a_finding_never_raises_the_score_and_the_breakdown_adds_up() {
        use Severity::*;
        let pool = [
            ("SM001", Warning),
            ("SM005", Error),
            ("SM006", Warning),
            ("SM007", Warning),
            ("SM011", Error),
            ("SM010", Info),
            ("SM003", Warning),
        ];
        let mut state = 11u64;
        for _ in 0..300 {
            let mut list: Vec<(&'static str, Severity)> = Vec::new();
            let mut last = 100;
            for _ in 0..40 {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                list.push(pool[(state >> 33) as usize % pool.len()]);
                let s = of(&list);
                assert!(s.score <= last, "{list:?}: {} after {last}", s.score);
                last = s.score;
                let spent: u32 = s.categories.iter().map(|c| c.points).sum();
                assert_eq!(s.score, 100u32.saturating_sub(spent));
                for c in &s.categories {
                    assert_eq!(c.points, c.lost.iter().map(|l| l.points).sum::<u32>());
                }
            }
        }
    }
}
