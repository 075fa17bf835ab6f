//! The document score: 0-100 overall and per category, every lost point traced to findings.
//!
//! Formula (deterministic):
//! - Each category starts at 100. Each finding costs its category 10 points (error),
//!   4 (warning) or 1 (info); one rule costs a category at most 40 points, so a single
//!   problem repeated many times cannot hide every other signal.
//! - A category scores `max(0, 100 - cost)`. A category none of whose rules apply to the
//!   document's kind is not scored (`null`) and does not count.
//! - The overall score is the weighted mean of the scored categories, rounded: structure 20,
//!   completeness 25, measurability 20, verification 15, consistency 20.
//! - Grades: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F below.

use crate::config::{Config, Level};
use crate::diagnostic::{Diagnostic, Severity};
use crate::kind::Kind;
use crate::rules::{Category, Rule, RULES};
use serde::Serialize;

pub const RULE_CAP: u32 = 40;

pub fn cost(severity: Severity) -> u32 {
    match severity {
        Severity::Error => 10,
        Severity::Warning => 4,
        Severity::Info => 1,
    }
}

pub fn weight(category: Category) -> u32 {
    match category {
        Category::Structure => 20,
        Category::Completeness => 25,
        Category::Measurability => 20,
        Category::Verification => 15,
        Category::Consistency => 20,
    }
}

/// Points one rule cost a category.
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
    /// `None` when no rule of this category applies to the document's kind.
    pub score: Option<u32>,
    pub weight: u32,
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
    let (mut total, mut weights) = (0u32, 0u32);
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
        let spent: u32 = lost.iter().map(|l| l.points).sum();
        let score = (applies || !lost.is_empty()).then(|| 100u32.saturating_sub(spent));
        if let Some(s) = score {
            total += s * weight(cat);
            weights += weight(cat);
        }
        categories.push(CategoryScore {
            name: cat.name(),
            score,
            weight: weight(cat),
            lost,
        });
    }
    let overall = (total + weights / 2).checked_div(weights).unwrap_or(100);
    Score {
        score: overall,
        grade: grade(overall),
        categories,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades() {
        assert_eq!(grade(100), "A");
        assert_eq!(grade(85), "B");
        assert_eq!(grade(59), "F");
    }
}
