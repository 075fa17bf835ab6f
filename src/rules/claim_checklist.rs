//! The claims of a Spec Kit checklist (`checklists/*.md`) that its spec contradicts: a ticked
//! "No [NEEDS CLARIFICATION] markers remain" over a spec with markers, "Success criteria are
//! measurable" over a spec without success criteria, "No implementation details" over
//! requirements that name frameworks. Part of `claim-mismatch`.

use crate::document::requirements::ReqKind;
use crate::rules::family::{clarification_markers, has_word, sibling, task_line};
use crate::rules::prelude::*;

/// Names of languages, frameworks and products that are implementation details in a
/// requirement (capitalized as written; matched as whole words).
const TECHNOLOGIES: &[&str] = &[
    "React",
    "Vue",
    "Angular",
    "Svelte",
    "SvelteKit",
    "Next.js",
    "Nuxt",
    "Django",
    "Flask",
    "FastAPI",
    "Rails",
    "Laravel",
    "Spring Boot",
    "Express",
    "NestJS",
    "PostgreSQL",
    "Postgres",
    "MySQL",
    "MongoDB",
    "Redis",
    "SQLite",
    "DynamoDB",
    "Python",
    "TypeScript",
    "JavaScript",
    "Kotlin",
    "Node.js",
    "GraphQL",
    "Kafka",
    "RabbitMQ",
    "Docker",
    "Kubernetes",
    "Supabase",
    "Firebase",
    "Tailwind",
    "Prisma",
    "SQLAlchemy",
    "Pydantic",
    "Celery",
    "Elasticsearch",
    "Terraform",
    "jQuery",
    "Bootstrap",
    "Zustand",
    "Redux",
];

/// Words that name the success-criteria section in the languages specs are written in.
const SUCCESS_CRITERIA: &[&str] = &[
    "success criteria",
    "criterios de éxito",
    "critérios de sucesso",
    "成功标准",
    "成功標準",
    "成功基準",
    "성공 기준",
];

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let Some(spec) = sibling(cx, Kind::SpeckitSpec) else {
        return;
    };
    for t in &doc.tasks {
        if t.state != TaskState::Done {
            continue;
        }
        let line = doc.text(&t.title_range);
        let lower = line.to_lowercase();
        let at = task_line(t);
        if line.contains("NEEDS CLARIFICATION") {
            let markers = clarification_markers(spec);
            if let Some(first) = markers.first().map(|m| m.start) {
                out.push(cx.diag(
                    at,
                    format!(
                        "ticked, but spec.md still holds {} [NEEDS CLARIFICATION] marker{} (line {}): untick it or resolve them",
                        markers.len(),
                        if markers.len() == 1 { "" } else { "s" },
                        spec.line_index.line_of(first) + 1
                    ),
                ));
            }
        } else if SUCCESS_CRITERIA.iter().any(|w| lower.contains(w)) && !has_success_criteria(spec)
        {
            out.push(cx.diag(
                at,
                "ticked, but spec.md has no Success Criteria section and no SC-### items: untick it or write measurable outcomes",
            ));
        } else if (has_word(&lower, "implementation")
            && (lower.contains("no ") || lower.starts_with("no")))
            && (lower.contains("detail")
                || lower.contains("framework")
                || lower.contains("language"))
        {
            if let Some((id, tech)) = named_technology(spec) {
                out.push(cx.diag(
                    at,
                    format!("ticked, but spec.md's {id} names {tech}, an implementation detail: untick it or state the requirement without it"),
                ));
            }
        }
    }
}

fn has_success_criteria(spec: &Document<'_>) -> bool {
    spec.requirements().has(ReqKind::Success)
        || spec
            .sections
            .iter()
            .any(|s| SUCCESS_CRITERIA.iter().any(|w| s.norm_title.contains(w)))
}

/// The first functional requirement naming a technology, and the technology.
fn named_technology(spec: &Document<'_>) -> Option<(String, &'static str)> {
    for (_, r) in spec.requirements().of_kind(ReqKind::Functional) {
        let text = spec.text(&r.body);
        for tech in TECHNOLOGIES {
            let found = text.match_indices(tech).any(|(i, _)| {
                let before = text[..i].chars().next_back();
                let after = text[i + tech.len()..].chars().next();
                before.is_none_or(|c| !c.is_alphanumeric() && c != '.')
                    && after.is_none_or(|c| !c.is_alphanumeric())
            });
            if found {
                return Some((r.id.clone(), tech));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::testing::workspace_lines;

    #[test]
    fn ticked_items_the_spec_contradicts() {
        let spec = "# Feature Specification: X\n\n## Requirements\n\n- **FR-001**: System MUST store sessions in Redis.\n- **FR-002**: System MUST sign in via [NEEDS CLARIFICATION: SSO?]\n";
        let checklist = "# Specification Quality Checklist\n\n- [x] No implementation details (languages, frameworks, APIs)\n- [x] No [NEEDS CLARIFICATION] markers remain\n- [x] Success criteria are measurable\n- [ ] Requirements are testable\n";
        let files = [
            ("specs/001-x/checklists/requirements.md", checklist),
            ("specs/001-x/spec.md", spec),
        ];
        assert_eq!(workspace_lines(&files, "claim-mismatch"), [3, 4, 5]);
        let good_spec = "# Feature Specification: X\n\n## Requirements\n\n- **FR-001**: System MUST keep sessions for 30 days.\n\n## Success Criteria\n\n- **SC-001**: 95% of sign-ins take under 2 s.\n";
        let files = [
            ("specs/001-x/checklists/requirements.md", checklist),
            ("specs/001-x/spec.md", good_spec),
        ];
        assert!(workspace_lines(&files, "claim-mismatch").is_empty());
    }
}
