//! Required sections per document kind and tolerant heading lookup, shared by
//! `missing-section`, `empty-section` and `section-word-count`.
//!
//! A section name (from a rule option, so teams can change it) is matched against the
//! normalized headings of a document ([`text::normalize_heading`]: case, numbering, emoji,
//! bold, `&`/"and" and parenthesized remarks do not matter) together with the synonyms of its
//! group below, so "Test Plan" satisfies "Testing Strategy".

use crate::document::{text, Document};
use crate::kind::Kind;
use std::borrow::Cow;

/// A set of names that mean the same section. The first name is the canonical one.
struct Group {
    names: &'static [&'static str],
    /// The section may also be a bold label line (`**Problem Statement**: ...`) instead of a
    /// heading: true for the parts the templates nest inside a bigger section.
    labels: bool,
}

const fn g(names: &'static [&'static str]) -> Group {
    Group {
        names,
        labels: false,
    }
}

const fn label(names: &'static [&'static str]) -> Group {
    Group {
        names,
        labels: true,
    }
}

/// Synonym groups (all names normalized). Lookup prefers the group whose canonical name is
/// the configured name, so "Overview" and "Quick Context" find their own groups even though
/// both accept "summary".
static GROUPS: &[Group] = &[
    // prd (seed 001, Checkpoint 4)
    g(&[
        "overview",
        "executive summary",
        "summary",
        "introduction",
        "project overview",
        "product overview",
        "feature overview",
    ]),
    label(&[
        "problem statement",
        "problem",
        "the problem",
        "problem definition",
        "problem description",
        "motivation",
    ]),
    label(&[
        "solution summary",
        "solution",
        "proposed solution",
        "solution overview",
        "solution approach",
        "proposed approach",
    ]),
    g(&[
        "architecture",
        "technical architecture",
        "system architecture",
        "technical design",
        "system design",
        "technical approach",
        "architecture overview",
    ]),
    g(&[
        "implementation details",
        "implementation",
        "implementation plan",
        "implementation notes",
        "implementation approach",
        "detailed implementation",
    ]),
    g(&[
        "testing strategy",
        "testing",
        "test plan",
        "test strategy",
        "testing plan",
        "tests",
        "testing approach",
    ]),
    // PRDs that give each requirement its own criteria write `**Acceptance Criteria:**`
    // over a list, once per requirement, instead of one section.
    label(&["acceptance criteria", "acceptance"]),
    g(&[
        "risks and mitigation",
        "risks and mitigations",
        "risks",
        "risk",
        "risk assessment",
        "risk analysis",
        "risk management",
    ]),
    g(&[
        "dependencies",
        "external dependencies",
        "internal dependencies",
        "dependency",
    ]),
    // recovery (seed 002)
    g(&[
        "quick context",
        "context",
        "summary",
        "overview",
        "tl dr",
        "tldr",
    ]),
    g(&[
        "current state",
        "current status",
        "status",
        "current phase",
        "progress",
    ]),
    label(&[
        "completed",
        "done",
        "whats been done",
        "what has been done",
        "completed work",
        "completed tasks",
        "finished",
    ]),
    label(&[
        "in progress",
        "current focus",
        "current work",
        "work in progress",
        "ongoing",
    ]),
    label(&[
        "blocked",
        "blockers",
        "current blockers",
        "blocking issues",
        "blocked items",
    ]),
    g(&[
        "key decisions",
        "key decisions made",
        "decisions",
        "decisions made",
        "key design decisions",
        "design decisions",
        "technical decisions",
    ]),
    g(&[
        "files modified",
        "files modified so far",
        "modified files",
        "files changed",
        "changed files",
        "files touched",
        "file changes",
    ]),
    g(&[
        "next steps",
        "next actions",
        "remaining work",
        "whats next",
        "how to continue",
        "todo",
        "to do",
    ]),
    g(&[
        "open questions",
        "questions",
        "open issues",
        "unresolved questions",
        "outstanding questions",
    ]),
    g(&[
        "test status",
        "test results",
        "testing status",
        "tests",
        "testing",
        "test coverage",
    ]),
    g(&[
        "commands to resume",
        "commands to resume work",
        "to resume work",
        "how to resume",
        "resumption instructions",
        "resume",
        "commands",
    ]),
    g(&[
        "research findings",
        "research",
        "findings",
        "research outputs",
    ]),
    g(&[
        "code quality checklist",
        "code quality",
        "quality checklist",
    ]),
    g(&[
        "agent handoff notes",
        "handoff notes",
        "handoff",
        "context for next agent",
        "agent coordination",
    ]),
    g(&["integration points", "integrations"]),
    g(&["performance considerations", "performance"]),
    g(&["rollback information", "rollback", "rollback plan"]),
    // research/analysis.md (seed 001, Checkpoint 2)
    g(&["phase 1 scope discovery", "scope discovery", "phase 1"]),
    g(&[
        "phase 2 component deep dive",
        "component deep dive",
        "component analysis",
        "phase 2",
    ]),
    g(&[
        "phase 3 integration analysis",
        "integration analysis",
        "phase 3",
    ]),
    g(&[
        "phase 4 edge cases and error paths",
        "edge cases and error paths",
        "edge cases",
        "error paths",
        "phase 4",
    ]),
    g(&[
        "phase 5 performance and security",
        "performance and security",
        "phase 5",
    ]),
    g(&[
        "critical decisions",
        "critical decisions made",
        "key decisions",
        "decisions",
        "design decisions",
    ]),
    // research/plan.md (seed 001, Checkpoint 3)
    g(&[
        "internal patterns",
        "codebase patterns",
        "existing patterns",
        "patterns to follow",
        "patterns",
    ]),
    g(&[
        "library best practices",
        "libraries",
        "library research",
        "external libraries",
    ]),
    g(&[
        "industry best practices",
        "best practices",
        "industry practices",
    ]),
    g(&[
        "comparable implementations",
        "similar implementations",
        "comparable projects",
        "existing implementations",
        "prior art",
    ]),
];

/// Default required sections of a PRD (seed 001, Checkpoint 4).
pub const PRD_REQUIRED: &[&str] = &[
    "Overview",
    "Overview > Problem Statement",
    "Overview > Solution Summary",
    "Architecture",
    "Implementation Details",
    "Testing Strategy",
    "Acceptance Criteria",
    "Risks & Mitigation",
    "Dependencies",
];

/// Default required sections of a session-recovery document (seed 002).
pub const RECOVERY_REQUIRED: &[&str] = &[
    "Quick Context",
    "Current State",
    "Key Decisions",
    "Files Modified",
    "Next Steps",
    "Open Questions",
    "Test Status",
    "Commands to Resume",
];

/// The rest of the recovery template: reported at info level, in one finding.
pub const RECOVERY_RECOMMENDED: &[&str] = &[
    "Current State > Completed",
    "Current State > In Progress",
    "Current State > Blocked",
    "Research Findings",
    "Code Quality Checklist",
    "Agent Handoff Notes",
    "Integration Points",
    "Performance Considerations",
    "Rollback Information",
];

/// Default required sections of `research/analysis.md` (seed 001, Checkpoint 2).
pub const ANALYSIS_REQUIRED: &[&str] = &[
    "Phase 1: Scope Discovery",
    "Phase 2: Component Deep-Dive",
    "Phase 3: Integration Analysis",
    "Phase 4: Edge Cases & Error Paths",
    "Phase 5: Performance & Security",
    "Critical Decisions",
];

/// Default required sections of `research/plan.md` (seed 001, Checkpoint 3).
pub const PLAN_REQUIRED: &[&str] = &[
    "Internal Patterns",
    "Library Best Practices",
    "Industry Best Practices",
    "Comparable Implementations",
];

/// Which research document a `research` kind file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Prd,
    Recovery,
    /// `research/analysis.md`
    Analysis,
    /// `research/plan.md`
    Plan,
}

impl Flavor {
    /// The option name holding this flavor's lists and minimums.
    pub fn option(self) -> &'static str {
        match self {
            Flavor::Prd => "prd",
            Flavor::Recovery => "recovery",
            Flavor::Analysis => "analysis",
            Flavor::Plan => "plan",
        }
    }

    /// How messages name the template.
    pub fn label(self) -> &'static str {
        match self {
            Flavor::Prd => "PRD",
            Flavor::Recovery => "recovery",
            Flavor::Analysis => "research analysis",
            Flavor::Plan => "research plan",
        }
    }

    pub fn default_required(self) -> &'static [&'static str] {
        match self {
            Flavor::Prd => PRD_REQUIRED,
            Flavor::Recovery => RECOVERY_REQUIRED,
            Flavor::Analysis => ANALYSIS_REQUIRED,
            Flavor::Plan => PLAN_REQUIRED,
        }
    }
}

/// The template a document follows: PRD, recovery, or for research files the analysis or
/// the plan, decided by the file name (`research/analysis.md`, `research/plan.md`). Other
/// research files (`findings.md`) follow no template. Without a path, the title decides.
pub fn flavor(doc: &Document<'_>) -> Option<Flavor> {
    match doc.kind {
        Kind::Prd => Some(Flavor::Prd),
        Kind::Recovery => Some(Flavor::Recovery),
        Kind::Research => research_flavor(doc),
        _ => None,
    }
}

/// A shard of a PRD split into one file per section (BMAD's `docs/prd/2-requirements.md`,
/// titled `# 2. Requirements`): a file in a `prd/` folder whose name or title starts with
/// its section number. Whole-document requirements (every section, 2,000 words) apply to
/// the PRD as a whole, not to one shard.
pub fn is_prd_shard(doc: &Document<'_>) -> bool {
    if doc.kind != Kind::Prd {
        return false;
    }
    let Some(path) = doc.path.as_deref() else {
        return false;
    };
    let mut parts = path.rsplit(['/', '\\']);
    let file = parts.next().unwrap_or("");
    if !parts
        .next()
        .is_some_and(|dir| dir.eq_ignore_ascii_case("prd"))
    {
        return false;
    }
    let numbered = |t: &str| {
        let t = t.trim_start();
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        // Section numbers, not years (`2024-roadmap.md`).
        (1..=2).contains(&digits) && t[digits..].starts_with(['.', ' ', '-', '_', ')'])
    };
    numbered(file) || doc.title().is_some_and(|h| numbered(&h.text))
}

/// A file in a `prd/` folder that is a part of a PRD or a note beside it, not a PRD of its
/// own: a numbered shard ([`is_prd_shard`]), or a companion: a file whose name does not
/// say "prd", whose title is not a PRD title (`# PRD: ...`) and that has none of the PRD
/// template's default sections (BMAD's `docs/prd/index.md`, a workstream note on how the
/// PRD is written). Whole-document requirements (every section, 2,000 words, the header)
/// are for the PRD itself.
pub fn is_prd_part(doc: &Document<'_>) -> bool {
    is_prd_shard(doc) || is_prd_companion(doc)
}

fn is_prd_companion(doc: &Document<'_>) -> bool {
    if doc.kind != Kind::Prd {
        return false;
    }
    let Some(path) = doc.path.as_deref() else {
        return false;
    };
    let mut parts = path.rsplit(['/', '\\']);
    let file = parts.next().unwrap_or("").to_lowercase();
    if !parts
        .next()
        .is_some_and(|dir| dir.eq_ignore_ascii_case("prd"))
    {
        return false;
    }
    let stem = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
    let words: Vec<&str> = stem
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let named_prd =
        words.contains(&"prd") || words.windows(2).any(|w| w == ["product", "requirements"]);
    let titled_prd = doc
        .title()
        .is_some_and(|t| crate::kind::kind_from_title(&t.text) == Some(Kind::Prd));
    if named_prd || titled_prd {
        return false;
    }
    let index = HeadingIndex::new(doc, true);
    !PRD_REQUIRED
        .iter()
        .any(|name| Wanted::parse(name).present_in(&index))
}

fn research_flavor(doc: &Document<'_>) -> Option<Flavor> {
    if let Some(path) = doc.path.as_deref() {
        let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        return match stem.to_ascii_lowercase().as_str() {
            "analysis" => Some(Flavor::Analysis),
            "plan" => Some(Flavor::Plan),
            _ => None,
        };
    }
    let title = text::normalize_heading(&doc.title()?.text);
    if title.contains("analysis") {
        Some(Flavor::Analysis)
    } else if title.contains("research") {
        Some(Flavor::Plan)
    } else {
        None
    }
}

/// A configured section name: `"Overview > Problem Statement"` is the part "Problem
/// Statement" of "Overview" (found anywhere in the document).
#[derive(Debug, Clone)]
pub struct Wanted {
    /// As written, without the parent (`Problem Statement`).
    pub display: String,
    pub parent: Option<String>,
    names: Vec<String>,
    labels: bool,
}

impl Wanted {
    pub fn parse(spec: &str) -> Wanted {
        let (parent, name) = match spec.rsplit_once('>') {
            Some((p, n)) => (Some(p.trim().to_string()), n.trim()),
            None => (None, spec.trim()),
        };
        let norm = text::normalize_heading(name);
        let group = GROUPS
            .iter()
            .find(|g| g.names[0] == norm)
            .or_else(|| GROUPS.iter().find(|g| g.names.contains(&norm.as_str())));
        let mut names = vec![norm.clone()];
        if let Some(g) = group {
            names.extend(
                g.names
                    .iter()
                    .filter(|n| **n != norm)
                    .map(|n| n.to_string()),
            );
        }
        Wanted {
            display: name.to_string(),
            parent,
            names,
            labels: group.is_some_and(|g| g.labels),
        }
    }

    /// Accepted spellings, for help texts (at most `max`).
    pub fn spellings(&self, max: usize) -> String {
        let mut out: Vec<String> = Vec::new();
        for n in self.names.iter().take(max) {
            out.push(format!("\"{}\"", title_case(n)));
        }
        out.join(", ")
    }

    /// Whether a normalized heading is this section: equal, or starting with one of its
    /// names followed by more words ("Risks and Mitigation Plan").
    pub fn matches_strictly(&self, norm: &str) -> bool {
        self.names.iter().any(|n| starts_with_words(norm, n))
    }

    /// Looser: one of the names appears anywhere in the heading as whole words
    /// ("Risks & Dependencies" has "dependencies").
    pub fn matches_loosely(&self, norm: &str) -> bool {
        self.names.iter().any(|n| contains_words(norm, n))
    }

    /// Whether the document has this section: a heading that matches (loosely, except for
    /// the title, which must match strictly), or for nested parts a bold label line.
    pub fn present_in(&self, index: &HeadingIndex) -> bool {
        let title = index.title.and_then(|t| index.norms.get(t));
        let in_heading = title.is_some_and(|t| self.matches_strictly(t))
            || index
                .distinct
                .iter()
                .any(|&i| self.matches_loosely(&index.norms[i]));
        in_heading || (self.labels && index.labels.iter().any(|l| self.matches_strictly(l)))
    }

    /// The section to measure: among the headings that match, the shallowest one, and of
    /// those the longest (per-phase repeated "### Overview" headings lose to a "## Overview").
    /// Below level 2 a heading must be exactly one of the names: "### Architecture
    /// Components" inside "## Technical Requirements" is a part, not the architecture
    /// section.
    pub fn best_section(&self, doc: &Document<'_>, index: &HeadingIndex) -> Option<usize> {
        doc.headings
            .iter()
            .enumerate()
            .filter(|(i, h)| {
                let norm = &index.norms[*i];
                Some(*i) != index.title
                    && if h.level <= 2 {
                        self.matches_strictly(norm)
                    } else {
                        self.names.iter().any(|n| n == norm)
                    }
            })
            .filter_map(|(_, h)| doc.sections.get(h.section).map(|s| (h.section, s)))
            .min_by_key(|(_, s)| (s.level, std::cmp::Reverse(s.words)))
            .map(|(i, _)| i)
    }
}

/// The normalized headings of a document (computed once per check) and, on demand, its
/// bold label lines.
#[derive(Debug, Default)]
pub struct HeadingIndex<'d> {
    /// `normalize_heading` of each of `doc.headings` (borrowed from its section).
    pub norms: Vec<Cow<'d, str>>,
    /// Index of the title (first H1) in `doc.headings`.
    pub title: Option<usize>,
    /// The other headings, as indexes into `norms`, each text once (documents repeat
    /// "### Overview").
    distinct: Vec<usize>,
    pub labels: Vec<String>,
}

impl<'d> HeadingIndex<'d> {
    pub fn new(doc: &'d Document<'_>, with_labels: bool) -> HeadingIndex<'d> {
        // Each heading opens a section, which holds its normalized title already.
        let norms: Vec<Cow<'d, str>> = doc
            .headings
            .iter()
            .enumerate()
            .map(|(i, h)| match doc.sections.get(h.section) {
                Some(s) if s.heading == Some(i) => Cow::Borrowed(s.norm_title.as_str()),
                _ => Cow::Owned(text::normalize_heading(&h.text)),
            })
            .collect();
        let title = doc.headings.iter().position(|h| h.level == 1);
        let mut distinct: Vec<usize> = (0..norms.len()).filter(|&i| Some(i) != title).collect();
        crate::sort::sort_by(&mut distinct, |&a, &b| norms[a].cmp(&norms[b]));
        distinct.dedup_by(|a, b| norms[*a] == norms[*b]);
        let mut labels = if with_labels {
            bold_labels(doc)
        } else {
            Vec::new()
        };
        crate::sort::sort(&mut labels);
        labels.dedup();
        HeadingIndex {
            norms,
            title,
            distinct,
            labels,
        }
    }
}

/// `norm` equals `name` or starts with it followed by a space.
fn starts_with_words(norm: &str, name: &str) -> bool {
    !name.is_empty()
        && norm.starts_with(name)
        && (norm.len() == name.len() || norm.as_bytes().get(name.len()) == Some(&b' '))
}

/// `name` occurs in `norm` on word boundaries. Only the starts of words (the start and each
/// byte after a space) can begin such an occurrence, so only those are compared.
pub fn contains_words(norm: &str, name: &str) -> bool {
    if name.is_empty() || name.len() > norm.len() {
        return false;
    }
    let (hay, needle) = (norm.as_bytes(), name.as_bytes());
    let fits = |at: usize| {
        hay[at..].starts_with(needle)
            && hay
                .get(at + needle.len())
                .is_none_or(|&after| after == b' ')
    };
    fits(0)
        || memchr::memchr_iter(b' ', &hay[..=hay.len() - needle.len()]).any(|space| fits(space + 1))
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Normalized bold labels that open a line outside code (`**Problem Statement**: ...`,
/// `- **Completed**:`), for parts written as labels instead of headings.
pub fn bold_labels(doc: &Document<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let src = doc.source;
    for line in 0..doc.line_index.line_count() {
        let r = doc.line_index.line_range(src, line);
        let text = &src[r.clone()];
        if text.len() > 10_000 {
            continue;
        }
        let Some(open) = find_double_star(text) else {
            continue;
        };
        if doc.in_code(r.start) {
            continue;
        }
        // Only a label that opens the line, after list, quote or checkbox markers.
        let lead_ok = text[..open].chars().all(|c| {
            c.is_whitespace() || matches!(c, '-' | '*' | '+' | '>' | '[' | ']' | 'x' | 'X')
        });
        let after = &text[open + 2..];
        let Some(close) = find_double_star(after) else {
            continue;
        };
        if !lead_ok || close == 0 || close > 80 {
            continue;
        }
        let norm = text::normalize_heading(&after[..close]);
        if !norm.is_empty() {
            out.push(norm);
        }
    }
    out
}

/// The first `**` in `text` (as `text.find("**")`), found with memchr.
fn find_double_star(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    memchr::memchr_iter(b'*', b).find(|&i| b.get(i + 1) == Some(&b'*'))
}

/// Whether the section's own body (up to its first sub-section) holds anything besides
/// whitespace, HTML comments and thematic breaks.
pub fn own_body_has_content(doc: &Document<'_>, section: usize) -> bool {
    let Some(s) = doc.sections.get(section) else {
        return false;
    };
    let end = s
        .children
        .first()
        .and_then(|c| doc.sections.get(*c))
        .map_or(s.range.end, |c| c.range.start)
        .max(s.body_range.start);
    let body = s.body_range.start..end;
    let mut at = body.start;
    let first = doc
        .html_comments
        .partition_point(|c| c.range.end <= body.start);
    for c in &doc.html_comments[first..] {
        if c.range.start >= body.end {
            break;
        }
        if has_content(doc.text(&(at..c.range.start.max(at)))) {
            return true;
        }
        at = at.max(c.range.end);
    }
    has_content(doc.text(&(at.min(body.end)..body.end)))
}

fn has_content(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !is_thematic_break(t)
    })
}

fn is_thematic_break(t: &str) -> bool {
    let c = t.chars().find(|c| !c.is_whitespace());
    matches!(c, Some('-' | '*' | '_'))
        && t.chars().filter(|x| !x.is_whitespace()).count() >= 3
        && t.chars().all(|x| x.is_whitespace() || Some(x) == c)
}

/// End of a YAML front-matter block that the Markdown parser did not read as one because a
/// blank line follows the opening `---` (Spec Kit's own templates do this): its closing
/// `---` then turns the last YAML line into a setext heading. `None` when the document has
/// parsed front matter or does not open with `---`.
pub fn unparsed_front_matter_end(doc: &Document<'_>) -> Option<usize> {
    if doc.front_matter.is_some() {
        return None;
    }
    let src = doc.source;
    let mut lines =
        (0..doc.line_index.line_count().min(60)).map(|l| doc.line_index.line_range(src, l));
    let first = lines.next()?;
    if src[first].trim_start_matches('\u{feff}').trim_end() != "---" {
        return None;
    }
    for r in lines {
        let t = src[r.clone()].trim_end();
        if t == "---" || t == "..." {
            return Some(r.end);
        }
        let yamlish = t.is_empty()
            || t.starts_with([' ', '\t', '#', '-'])
            || t.split_once(':').is_some_and(|(k, _)| {
                !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
            });
        if !yamlish {
            return None;
        }
    }
    None
}

/// `1234` → `1,234`, for word counts in messages.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_and_tolerant_matching() {
        let w = Wanted::parse("Testing Strategy");
        for h in [
            "## 5. Testing Strategy (400+ words)",
            "Test Plan",
            "🧪 **Testing**",
            "Test Strategy",
        ] {
            assert!(
                w.matches_strictly(&text::normalize_heading(h)),
                "{h} should match"
            );
        }
        assert!(!w.matches_strictly("testimonials"));
        let r = Wanted::parse("Risks & Mitigation");
        assert!(r.matches_strictly(&text::normalize_heading("Risks and Mitigations")));
        assert!(r.matches_strictly(&text::normalize_heading("Risk Assessment")));
        let d = Wanted::parse("Dependencies");
        assert!(!d.matches_strictly(&text::normalize_heading("Risks & Dependencies")));
        assert!(d.matches_loosely(&text::normalize_heading("Risks & Dependencies")));
        // "Overview" and "Quick Context" each find their own group.
        assert_eq!(Wanted::parse("Overview").names[0], "overview");
        assert!(Wanted::parse("Overview")
            .names
            .contains(&"executive summary".into()));
        assert!(Wanted::parse("Quick Context")
            .names
            .contains(&"summary".into()));
        // Short keys find their group (section-word-count keys).
        assert!(Wanted::parse("Implementation").matches_strictly("implementation details"));
        let p = Wanted::parse("Overview > Problem Statement");
        assert_eq!(p.parent.as_deref(), Some("Overview"));
        assert_eq!(p.display, "Problem Statement");
        // An unknown name still matches itself.
        let x = Wanted::parse("Security Review");
        assert!(x.matches_strictly("security review"));
        assert!(!x.matches_strictly("security"));
    }

    #[test]
    fn groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234), "1,234");
        assert_eq!(thousands(4500), "4,500");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(-1200), "-1,200");
    }

    #[test]
    fn word_boundaries() {
        assert!(contains_words("risks and dependencies", "dependencies"));
        assert!(!contains_words("interdependencies", "dependencies"));
        assert!(!starts_with_words("overviewing", "overview"));
        assert!(contains_words("需求 分析", "分析"));
    }

    #[test]
    fn double_star_search_agrees_with_find() {
        let texts =
            crate::testing::random_texts(&["*", "**", "a", " ", "é"], 0..=6, 5000, 0x2545_f491u64);
        for t in &texts {
            assert_eq!(find_double_star(t), t.find("**"), "{t:?}");
        }
    }

    /// The word-start search finds what a search of every occurrence finds.
    #[test]
    fn word_search_agrees_with_a_search_of_every_occurrence() {
        fn every_occurrence(norm: &str, name: &str) -> bool {
            // Every start, overlapping ones too.
            !name.is_empty()
                && (0..norm.len()).any(|at| {
                    let end = at + name.len();
                    norm.get(at..end) == Some(name)
                        && (at == 0 || norm.as_bytes()[at - 1] == b' ')
                        && (end == norm.len() || norm.as_bytes()[end] == b' ')
                })
        }
        let pieces = ["risk", "s", " ", "and", "a", "分析", "é", "ab", "  "];
        let texts = crate::testing::random_texts(&pieces, 0..=6, 6000, 0x51ce_da7a_0bad_f00du64);
        let (mut found, mut checked) = (0, 0);
        for norm in &texts {
            for name in texts.iter().take(60) {
                let want = every_occurrence(norm, name);
                assert_eq!(contains_words(norm, name), want, "{norm:?} / {name:?}");
                found += usize::from(want);
                checked += 1;
            }
        }
        assert!(found > 1000 && found < checked / 2, "{found} of {checked}");
    }

    #[test]
    fn prd_shards_are_numbered_files_in_a_prd_folder() {
        let shard = |src: &str, path: &str| is_prd_shard(&Document::parse(src, Some(path), None));
        assert!(shard("# 2. 需求\n", "docs/prd/2-需求.md"));
        assert!(shard("# Requirements\n", "docs/prd/2-requirements.md"));
        assert!(shard("# 4. Epics\n", "docs/prd/epics.md"));
        assert!(!shard("# PRD Master\n", "docs/prd/PRD_MASTER.md"));
        assert!(!shard("# 1. Introduction\n", "specs/active/x/prd.md"));
        assert!(!shard("# 2. Requirements\n", "notes/2-requirements.md"));
        assert!(!shard("# Roadmap\n", "docs/prd/2024-roadmap.md"));
    }

    #[test]
    fn prd_companions_are_unnamed_files_without_prd_sections() {
        let part = |src: &str, path: &str| is_prd_part(&Document::parse(src, Some(path), None));
        assert!(part(
            "# PRD Sub-Agent Workstream Orchestration\n\n## Objective\n\n## Merge Gates\n",
            "docs/prd/WORKSTREAM_ORCHESTRATION.md"
        ));
        assert!(part(
            "# Index\n\n- [Goals](goals.md)\n",
            "docs/prd/index.md"
        ));
        // The PRD itself: by its name, its title, or its sections.
        assert!(!part(
            "# Plane Clone\n\n## Goals\n",
            "docs/prd/PRD_MASTER.md"
        ));
        assert!(!part(
            "# PRD: Checkout\n\n## Goals\n",
            "docs/prd/checkout.md"
        ));
        assert!(!part(
            "# Checkout\n\n## Overview\n\n## Acceptance Criteria\n",
            "docs/prd/checkout.md"
        ));
        assert!(!part("# Notes\n\n## Objective\n", "specs/active/x/prd.md"));
    }

    #[test]
    fn research_flavor_from_path() {
        let doc = Document::parse("# X\n", Some("specs/active/a/research/analysis.md"), None);
        assert_eq!(flavor(&doc), Some(Flavor::Analysis));
        let doc = Document::parse("# X\n", Some("specs/active/a/research/plan.md"), None);
        assert_eq!(flavor(&doc), Some(Flavor::Plan));
        let doc = Document::parse("# X\n", Some("specs/active/a/research/findings.md"), None);
        assert_eq!(flavor(&doc), None);
        let doc = Document::parse("# Ultra-Deep Analysis Report\n", None, Some(Kind::Research));
        assert_eq!(flavor(&doc), Some(Flavor::Analysis));
    }

    #[test]
    fn front_matter_with_a_blank_line() {
        let src = "---\n\ndescription: \"Task list\"\n---\n\n# Tasks\n";
        let doc = Document::parse(src, None, Some(Kind::Tasks));
        assert_eq!(
            unparsed_front_matter_end(&doc),
            Some(src.find("\n\n# Tasks").unwrap())
        );
        let doc = Document::parse("---\ntitle: x\n---\n# T\n", None, None);
        assert_eq!(unparsed_front_matter_end(&doc), None, "parsed front matter");
        let doc = Document::parse("---\n\nSome prose here.\n---\n", None, None);
        assert_eq!(unparsed_front_matter_end(&doc), None, "not YAML");
    }

    #[test]
    fn labels_and_bodies() {
        let src = "# T\n\n**Problem Statement**: slow\n- **Blocked**: none\n\n## A\n<!-- c -->\n---\n\n## B\ntext\n";
        let doc = Document::parse(src, None, Some(Kind::Prd));
        let labels = bold_labels(&doc);
        assert!(labels.contains(&"problem statement".to_string()));
        assert!(labels.contains(&"blocked".to_string()));
        let a = doc.sections_named(&["a"]).next().unwrap();
        let b = doc.sections_named(&["b"]).next().unwrap();
        assert!(!own_body_has_content(&doc, a));
        assert!(own_body_has_content(&doc, b));
    }
}
