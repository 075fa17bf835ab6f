//! `unknown-requirement`: a citation of a requirement, story or criterion that the feature's
//! requirements document does not define.

use crate::document::requirements::{id_stem, ReqKind, ReqRef, Requirements};
use crate::rules::family::sibling;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Resolves every citation of a requirement against the document that defines them,
    /// in the same feature folder:
    /// - Kiro `tasks.md` and `design.md`: `_Requirements: 2.5_`, `_需求: 1.2_`,
    ///   `**Validates: Requirements 1.4**`, ranges such as `4.1-4.6` and whole
    ///   requirements (`_Requirements: 3_`) against `requirements.md`;
    /// - Spec Kit `tasks.md`, `plan.md`, checklists and the spec itself: `FR-012`,
    ///   `SC-003`, `NFR-002` and story labels `[US3]` against `spec.md`.
    ///
    /// A citation is reported when the requirement does not exist, or when its requirement
    /// exists but has fewer criteria ("2.5" where Requirement 2 has four). The rule is
    /// silent when the defining document is not among the linted files, and for a kind of
    /// id the defining document never uses (a plan citing `NFR-001` of a spec without
    /// NFRs may follow another convention).
    ///
    /// ## Why
    /// Citations are how coverage is traced: a task citing criterion 6.6 of a requirement
    /// with five criteria was written against an older version of the requirements (or a
    /// hallucinated one), and the criterion it meant may be untested.
    ///
    /// ## Example
    /// ```markdown
    /// - [ ] 4. Add rate limiting
    ///   - _Requirements: 6.6_        ← Requirement 6 has criteria 6.1-6.5
    /// ```
    ///
    /// ## How to fix
    /// Cite the criterion the task implements, or add the missing criterion to
    /// `requirements.md`.
    pub static RULE = {
        code: "SM605",
        name: "unknown-requirement",
        summary: "Citation of a requirement, story or criterion that does not exist",
        category: Category::Consistency,
        tags: &["kiro", "speckit", "requirements", "workspace"],
        kinds: &[
            Kind::KiroTasks,
            Kind::KiroDesign,
            Kind::SpeckitSpec,
            Kind::SpeckitPlan,
            Kind::SpeckitTasks,
            Kind::SpeckitChecklist,
        ],
        severity: Severity::Error,
        fixable: false,
        options: &[],
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    match doc.kind {
        Kind::KiroTasks | Kind::KiroDesign => {
            let Some(target) = sibling(cx, Kind::KiroRequirements) else {
                return;
            };
            let index = KiroIndex::new(target.requirements());
            for r in doc.requirement_refs() {
                if let Some(why) = index.unknown(r) {
                    out.push(cx.diag(r.range.clone(), why));
                }
            }
        }
        _ => {
            let target = if doc.kind == Kind::SpeckitSpec {
                doc
            } else {
                match sibling(cx, Kind::SpeckitSpec) {
                    Some(t) => t,
                    None => return,
                }
            };
            let index = SpeckitIndex::new(target.requirements());
            let mut seen = std::collections::HashSet::new();
            for r in doc.requirement_refs() {
                if !seen.insert((r.range.start, r.id.clone())) {
                    continue;
                }
                if let Some(why) = index.unknown(r) {
                    out.push(cx.diag(r.range.clone(), why));
                }
            }
        }
    }
}

/// A Kiro requirements document's requirements, each with its criteria, by number.
struct KiroIndex<'r> {
    count: usize,
    criteria: std::collections::HashMap<&'r str, Vec<&'r str>>,
}

impl<'r> KiroIndex<'r> {
    fn new(reqs: &'r Requirements) -> KiroIndex<'r> {
        let mut criteria: std::collections::HashMap<&str, Vec<&str>> = Default::default();
        let mut major_of = std::collections::HashMap::new();
        for (i, r) in reqs.of_kind(ReqKind::Requirement) {
            criteria.entry(r.id.as_str()).or_default();
            major_of.insert(i, r.id.as_str());
        }
        for c in reqs.items.iter().filter(|c| c.kind == ReqKind::Criterion) {
            if let Some(major) = c.parent.and_then(|p| major_of.get(&p)) {
                criteria.entry(major).or_default().push(c.id.as_str());
            }
        }
        KiroIndex {
            count: major_of.len(),
            criteria,
        }
    }

    fn unknown(&self, r: &ReqRef) -> Option<String> {
        if r.id == "*" || self.count == 0 {
            return None;
        }
        let count = self.count;
        let major = r.id.split('.').next().unwrap_or("");
        let Some(criteria) = self.criteria.get(major) else {
            return Some(format!(
                "Requirement {major} does not exist: requirements.md defines {count} requirement{}",
                if count == 1 { "" } else { "s" }
            ));
        };
        if r.kind != ReqKind::Criterion || criteria.is_empty() || criteria.contains(&r.id.as_str())
        {
            return None;
        }
        Some(format!(
            "Criterion {} does not exist: Requirement {major} has {} criteri{} ({})",
            r.id,
            criteria.len(),
            if criteria.len() == 1 { "on" } else { "a" },
            span(criteria)
        ))
    }
}

/// A Spec Kit spec's ids of each kind: the ids, their stems (`FR-001` for `FR-001a`), the
/// lowest number, and all of them in order (for messages).
struct SpeckitIndex<'r> {
    kinds: std::collections::HashMap<ReqKind, KindIds<'r>>,
}

#[derive(Default)]
struct KindIds<'r> {
    ids: std::collections::HashSet<&'r str>,
    stems: std::collections::HashSet<&'r str>,
    first: Option<u64>,
    ordered: Vec<&'r str>,
}

impl<'r> SpeckitIndex<'r> {
    fn new(reqs: &'r Requirements) -> SpeckitIndex<'r> {
        let mut kinds: std::collections::HashMap<ReqKind, KindIds<'r>> = Default::default();
        for r in &reqs.items {
            let k = kinds.entry(r.kind).or_default();
            k.ids.insert(r.id.as_str());
            k.stems.insert(id_stem(&r.id));
            k.ordered.push(r.id.as_str());
            if let Some(&n) = r.numbers.first() {
                k.first = Some(k.first.map_or(n, |f: u64| f.min(n)));
            }
        }
        SpeckitIndex { kinds }
    }

    fn unknown(&self, r: &ReqRef) -> Option<String> {
        let k = self.kinds.get(&r.kind)?;
        // `FR-001a` cited where only `FR-001` exists, or the reverse: a sub-item, not unknown.
        if k.ids.contains(r.id.as_str()) || k.stems.contains(id_stem(&r.id)) {
            return None;
        }
        // A spec numbering from FR-007 (or User Story 5) continues an earlier spec: the ids
        // below its first are that spec's.
        let number: Option<u64> =
            r.id.trim_start_matches(|c: char| !c.is_ascii_digit())
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .ok();
        if let (Some(first), Some(n)) = (k.first, number) {
            if first > 1 && n < first {
                return None;
            }
        }
        let what = if r.kind == ReqKind::Story {
            format!("User story {}", r.id.trim_start_matches("US"))
        } else {
            r.id.clone()
        };
        Some(format!(
            "{what} is not defined in spec.md (it defines {} {})",
            r.kind.nouns(),
            span(&k.ordered)
        ))
    }
}

/// `1.1-1.5`, or the ids themselves when there are few.
fn span(ids: &[&str]) -> String {
    match ids {
        [] => String::new(),
        [one] => (*one).to_string(),
        [a, b] => format!("{a}, {b}"),
        [first, .., last] => format!("{first} to {last}"),
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::workspace_lines;

    const REQS: &str = "# Requirements Document\n\n## Requirements\n\n### Requirement 1\n\n#### Acceptance Criteria\n\n1. THE system SHALL a\n2. THE system SHALL b\n\n### Requirement 2\n\n#### Acceptance Criteria\n\n1. THE system SHALL c\n";

    #[test]
    fn kiro() {
        let tasks = "# Implementation Plan\n\n- [ ] 1. A\n  - _Requirements: 1.1, 1.3_\n- [ ] 2. B\n  - _Requirements: 3_\n- [ ] 3. C\n  - _Requirements: 2.1, 1.1-1.2_\n";
        let found = workspace_lines(
            &[
                (".kiro/specs/a/tasks.md", tasks),
                (".kiro/specs/a/requirements.md", REQS),
            ],
            "unknown-requirement",
        );
        assert_eq!(found, [4, 6]);
        // Without the requirements document nothing can be resolved.
        assert!(
            workspace_lines(&[(".kiro/specs/a/tasks.md", tasks)], "unknown-requirement").is_empty()
        );
    }

    #[test]
    fn speckit() {
        let spec = "# Feature Specification: X\n\n### User Story 1 - A (Priority: P1)\n\n## Requirements\n\n- **FR-001**: System MUST a.\n- **FR-002**: System MUST b.\n";
        let tasks = "# Tasks\n\n## Phase 3: User Story 1\n\n- [ ] T001 [US1] Do a for FR-001 in src/a.py\n- [ ] T002 [US2] Do b for FR-003 in src/b.py\n";
        let found = workspace_lines(
            &[
                ("specs/001-x/tasks.md", tasks),
                ("specs/001-x/spec.md", spec),
            ],
            "unknown-requirement",
        );
        assert_eq!(found, [6, 6]);
    }
}
