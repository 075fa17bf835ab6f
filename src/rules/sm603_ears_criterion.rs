//! `ears-criterion`: a Kiro acceptance criterion that fits no EARS pattern, or holds more
//! than one SHALL.

use crate::document::requirements::ReqKind;
use crate::rules::family::{count_word, is_english, word_at};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks each acceptance criterion of a Kiro `requirements.md` against the EARS
    /// patterns (Easy Approach to Requirements Syntax) that Kiro writes criteria in:
    ///
    /// | pattern | shape |
    /// |---|---|
    /// | ubiquitous | THE `<system>` SHALL `<response>` |
    /// | event | WHEN `<trigger>`, THE `<system>` SHALL ... (also WHEN ... THEN ... SHALL) |
    /// | state | WHILE `<state>`, THE `<system>` SHALL ... |
    /// | unwanted behaviour | IF `<condition>`, THEN THE `<system>` SHALL ... |
    /// | optional feature | WHERE `<feature>`, THE `<system>` SHALL ... |
    ///
    /// and their combinations (WHILE ... WHEN ..., WHERE ... IF ...). A criterion is
    /// reported when it has no SHALL, opens with a condition in another form ("After
    /// login, ...", "On save, ...", "Given ..."), uses WHEN for a lasting state ("WHEN the
    /// user is logged in", "WHEN the list is loading": WHILE), has no system before SHALL,
    /// or holds more than one SHALL (two requirements in one criterion). Criteria not written in
    /// English (Kiro writes them in the user's language too) are not checked.
    ///
    /// ## Why
    /// EARS gives each criterion one trigger, one system and one response, which is what
    /// lets Kiro (and a reviewer) turn it into exactly one test. A criterion with two
    /// SHALLs passes half-done; one without a keyword is a wish.
    ///
    /// ## Example
    /// ```markdown
    /// 1. After the user saves, the draft is stored and the editor SHALL close and SHALL
    ///    show a toast.
    /// ```
    ///
    /// ## How to fix
    /// One trigger, one response per criterion: "WHEN the user saves a draft, THE Editor
    /// SHALL store it." and "WHEN a draft is stored, THE Editor SHALL show a confirmation."
    pub static RULE = {
        code: "SM603",
        name: "ears-criterion",
        summary: "Kiro acceptance criterion that fits no EARS pattern",
        category: Category::Measurability,
        tags: &["kiro", "requirements", "ears"],
        kinds: &[Kind::KiroRequirements],
        severity: Severity::Warning,
        fixable: false,
        options: &[],
        check: check,
    }
}

/// Words that open an EARS clause.
const TRIGGERS: &[&str] = &["when", "while", "if", "where"];

/// Words that open a condition EARS writes otherwise.
const NOT_EARS_OPENERS: &[&str] = &[
    "after",
    "before",
    "upon",
    "on",
    "once",
    "during",
    "given",
    "whenever",
    "in case",
    "as soon as",
];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    for r in doc.requirements().items.iter() {
        if r.kind != ReqKind::Criterion {
            continue;
        }
        let raw = doc.text(&r.body);
        // The criterion's text after its number.
        let text = raw
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(['.', ')'])
            .trim();
        let plain: String = text
            .chars()
            .filter(|c| !matches!(c, '*' | '_' | '`'))
            .collect();
        if plain.is_empty() || !is_english(&plain) {
            continue;
        }
        if let Some(problem) = problem(&plain) {
            out.push(cx.diag(
                r.range.start..r.body.end.max(r.range.end),
                format!("Criterion {} {problem}", r.id),
            ));
        }
    }
}

/// What keeps `text` from being one EARS requirement, if anything.
fn problem(text: &str) -> Option<String> {
    let shalls = count_word(text, "shall");
    if shalls == 0 {
        return Some(
            "has no SHALL: write it as an EARS requirement (\"WHEN <trigger>, THE <system> SHALL <response>\")"
                .to_string(),
        );
    }
    if shalls > 1 {
        return Some(format!(
            "holds {shalls} SHALLs: split it so each criterion states one response"
        ));
    }
    let shall = word_at(text, "shall").unwrap_or(0);
    let before = text[..shall].trim();
    let first = before
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .find(|w| !w.is_empty())
        .unwrap_or("");
    if before.is_empty() {
        return Some("has no system before SHALL: say which component SHALL respond".to_string());
    }
    let lower = before.to_ascii_lowercase();
    if let Some(state) = when_state(before) {
        return Some(format!(
            "uses WHEN for a state (\"{state}\"): a condition that holds for a while is written WHILE <state>, THE <system> SHALL ..."
        ));
    }
    if let Some(opener) = NOT_EARS_OPENERS
        .iter()
        .find(|o| lower.starts_with(*o) && lower[o.len()..].starts_with([' ', ',']))
    {
        if !TRIGGERS.iter().any(|t| first.eq_ignore_ascii_case(t)) {
            return Some(format!(
                "opens with \"{}\", which is no EARS trigger: use WHEN (an event), WHILE (a state), IF ... THEN (an unwanted case) or WHERE (a feature)",
                &before[..opener.len()]
            ));
        }
    }
    None
}

/// Words that name a lasting state after "is" / "are" (not an event: "is clicked"). Feature
/// switches ("is enabled") and conditions ("is empty") are left out: EARS writes them WHERE
/// and IF, but many Kiro criteria write WHEN there and mean the moment it becomes true.
const STATES: &[&str] = &[
    "logged in",
    "signed in",
    "offline",
    "online",
    "connected",
    "disconnected",
    "idle",
    "running",
    "paused",
    "in progress",
    "loading",
    "playing",
    "recording",
    "syncing",
];

/// The state a WHEN clause names (`WHEN the user is logged in`), if it names one.
fn when_state(before: &str) -> Option<&'static str> {
    let lower = before.to_ascii_lowercase();
    if !lower.starts_with("when ") {
        return None;
    }
    // The WHEN clause: up to its comma or THEN.
    let clause = lower
        .split([',', ';'])
        .next()
        .unwrap_or(&lower)
        .split(" then ")
        .next()
        .unwrap_or(&lower);
    for verb in [
        " is ",
        " are ",
        " is currently ",
        " are currently ",
        " remains ",
        " stays ",
    ] {
        if let Some(at) = clause.find(verb) {
            let rest = clause[at + verb.len()..].trim_start();
            if let Some(s) = STATES.iter().find(|s| {
                rest.starts_with(*s)
                    && rest[s.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            }) {
                return Some(s);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::problem;
    use crate::testing::lint_lines;

    #[test]
    fn patterns() {
        for ok in [
            "THE Custom_Period_Selector SHALL allow selection of start date",
            "WHEN a user clicks Apply, THE Selector SHALL refresh the data",
            "WHEN the user logs in THEN the system SHALL show the dashboard",
            "WHILE offline, THE app SHALL queue writes",
            "IF the token is expired, THEN THE API SHALL return 401",
            "WHERE dark mode is enabled, THE UI SHALL use the dark palette",
            "WHILE syncing, WHEN a conflict occurs, THE app SHALL keep both copies",
            "WHEN the Save button is clicked, THE Editor SHALL store the draft",
            "WHEN the upload is complete, THE app SHALL show the file",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        for bad in [
            "The button is blue",
            "After login, the system SHALL show the dashboard",
            "Given a user, when they log in, then the system SHALL greet them",
            "WHEN saved THE editor SHALL close AND SHALL show a toast",
            "SHALL display a list",
            "WHEN the user is logged in, THE Dashboard SHALL show the balance",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn only_english_criteria() {
        let src = "# Requirements Document\n\n### Requirement 1\n\n#### Acceptance Criteria\n\n1. The page is fast\n2. CUANDO el usuario entra ENTONCES el sistema DEBERÁ mostrar\n3. THE system SHALL log\n";
        assert_eq!(
            lint_lines(src, ".kiro/specs/a/requirements.md", "ears-criterion"),
            [7]
        );
    }
}
