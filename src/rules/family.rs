//! What the Spec Kit, Kiro and OpenSpec rules share: the language of a statement, word
//! lookups, the sibling documents of a feature folder, sub-task parents, file paths in task
//! text.

use super::Context;
use crate::document::{Document, Task, TaskSource};
use crate::kind::Kind;
use std::ops::Range;

/// Whether `text` holds `word` as a whole word, ASCII case ignored.
pub fn has_word(text: &str, word: &str) -> bool {
    word_at(text, word).is_some()
}

/// Where `word` first occurs in `text` as a whole word, ASCII case ignored.
pub fn word_at(text: &str, word: &str) -> Option<usize> {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    if w.is_empty() || t.len() < w.len() {
        return None;
    }
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    (0..=t.len() - w.len()).find(|&i| {
        t[i..i + w.len()].eq_ignore_ascii_case(w)
            && (i == 0 || !is_word(t[i - 1]))
            && t.get(i + w.len()).is_none_or(|&b| !is_word(b))
    })
}

/// How many times `word` occurs in `text` as a whole word, ASCII case ignored.
pub fn count_word(text: &str, word: &str) -> usize {
    let mut n = 0;
    let mut at = 0;
    while let Some(i) = word_at(&text[at..], word) {
        n += 1;
        at += i + word.len();
    }
    n
}

/// Function words of English, none of them a word of the Romance languages specs are also
/// written in.
const ENGLISH_WORDS: &[&str] = &[
    "the", "shall", "when", "while", "if", "where", "then", "must", "should", "system", "and",
    "is", "be", "to", "will", "user", "users", "of", "in", "for", "with", "after", "on", "by",
    "are", "it", "or", "not", "that", "can", "may", "each", "all", "from", "before", "an", "page",
    "which", "has", "have",
];

/// Function words of Spanish, Portuguese, French and Italian (not those English shares:
/// "a", "as", "do", "no").
const ROMANCE_WORDS: &[&str] = &[
    "el", "la", "los", "las", "de", "del", "que", "y", "o", "en", "un", "una", "por", "para",
    "con", "se", "es", "sistema", "deberá", "debera", "debe", "cuando", "entonces", "si", "os",
    "dos", "das", "não", "em", "na", "deve", "deverá", "quando", "então", "usuário", "usuario",
    "e", "le", "les", "des", "et", "ou", "il", "lorsque", "alors", "doit", "di", "che", "allora",
    "um", "uma", "ao", "pelo", "pela", "lo", "al", "da", "mesma", "mesmo",
];

/// A statement written in English: no CJK or Hangul characters, mostly ASCII letters, and
/// more English function words than Romance ones.
pub fn is_english(text: &str) -> bool {
    let (mut ascii, mut other) = (0usize, 0usize);
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            ascii += 1;
        } else if c.is_alphabetic() {
            if crate::document::is_cjk(c) {
                return false;
            }
            other += 1;
        }
    }
    if ascii == 0 || other * 4 > ascii {
        return false;
    }
    let (mut en, mut romance) = (0usize, 0usize);
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let w = w.to_lowercase();
        en += usize::from(ENGLISH_WORDS.contains(&w.as_str()));
        romance += usize::from(ROMANCE_WORDS.contains(&w.as_str()));
    }
    en > romance
}

/// The first document of `kind` in the same feature folder.
pub fn sibling<'a>(cx: &Context<'a>, kind: Kind) -> Option<&'a Document<'a>> {
    cx.siblings().into_iter().find(|d| d.kind == kind)
}

/// The task a checkbox task belongs to: the checkbox task it is nested in, else (in a flat
/// list, `- [ ] 2.` followed by `- [ ] 2.1`) the task whose id is its id's prefix.
pub fn parent_task(doc: &Document<'_>, task: usize) -> Option<usize> {
    let t = &doc.tasks[task];
    if let Some(p) = t
        .parent
        .filter(|&p| doc.tasks[p].source == TaskSource::Checkbox)
    {
        return Some(p);
    }
    let id = t.id.as_ref()?;
    let (prefix, _) = id.text.rsplit_once('.')?;
    let prefix = prefix.trim_end_matches('.');
    if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    doc.tasks_with_id(prefix)
        .iter()
        .copied()
        .filter(|&p| p < task && doc.tasks[p].source == TaskSource::Checkbox)
        .last()
}

/// The phase a section belongs to: the outermost section below the title holding it (a
/// `## Phase 2` or `## 2. Backend`).
pub fn phase(doc: &Document<'_>, mut section: usize) -> usize {
    while let Some(p) = doc.sections[section].parent {
        if p == 0 || doc.sections[section].level <= 2 {
            break;
        }
        section = p;
    }
    section
}

/// Spec Kit's open-question markers left in a document's prose: `[NEEDS CLARIFICATION: ...]`
/// (or `[NEEDS CLARIFICATION - ...]`), not a bare `[NEEDS CLARIFICATION]` that names the
/// marker ("No [NEEDS CLARIFICATION] markers remain"), nor one in code.
pub fn clarification_markers(doc: &Document<'_>) -> Vec<Range<usize>> {
    const MARKER: &str = "[NEEDS CLARIFICATION";
    let mut out = Vec::new();
    for (i, _) in doc.source.match_indices(MARKER) {
        let rest = &doc.source[i + MARKER.len()..];
        if !rest.starts_with([':', ' ', '-', '：']) || doc.in_code(i) || doc.in_code_span(i) {
            continue;
        }
        let end = rest
            .find([']', '\n'])
            .map_or(doc.source.len(), |e| i + MARKER.len() + e + 1);
        out.push(i..end.min(doc.source.len()));
    }
    out
}

/// A checkbox task's line as findings mark it: from the checkbox to the end of its title.
pub fn task_line(t: &Task<'_>) -> Range<usize> {
    t.checkbox_range.clone().map_or(t.title_range.clone(), |c| {
        c.start..t.title_range.end.max(c.end)
    })
}

/// File extensions that make a token a file path even without a `/`.
const CODE_EXTENSIONS: &[&str] = &[
    "py", "ts", "tsx", "js", "jsx", "mjs", "cjs", "rs", "go", "java", "kt", "kts", "swift", "rb",
    "php", "cs", "c", "h", "cc", "cpp", "hpp", "vue", "svelte", "css", "scss", "html", "sql",
    "json", "yaml", "yml", "toml", "md", "sh", "dart", "ex", "exs", "scala", "lua",
];

/// The file paths a task line names: `src/models/user.py`, `` `tests/test_api.py` ``,
/// `app.ts`. A path has a file extension and either a `/` or a code extension; URLs and
/// version numbers are not paths.
pub fn file_paths(text: &str, base: usize) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let is_path_byte = |b: u8| {
        b.is_ascii_alphanumeric()
            || matches!(b, b'/' | b'.' | b'_' | b'-' | b'@' | b'[' | b']' | b'+')
    };
    let mut i = 0;
    while i < bytes.len() {
        if !is_path_byte(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_path_byte(bytes[i]) {
            i += 1;
        }
        let token = text[start..i]
            .trim_end_matches(['.', ']'])
            .trim_start_matches(['[', '.']);
        let token_start = start + text[start..].find(token).unwrap_or(0);
        if start > 0 && bytes[start - 1] == b':' {
            continue; // the tail of a URL or a `file:line`
        }
        let Some((stem, ext)) = token.rsplit_once('.') else {
            continue;
        };
        let ext_ok = !ext.is_empty()
            && ext.len() <= 6
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
            && ext.bytes().any(|b| b.is_ascii_alphabetic());
        let named =
            token.contains('/') || CODE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str());
        if !ext_ok || !named || stem.is_empty() || stem.ends_with('/') || token.contains("//") {
            continue;
        }
        if text[..start].ends_with("://") || token.starts_with("www.") {
            continue;
        }
        out.push((
            token.to_string(),
            base + token_start..base + token_start + token.len(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert!(has_word("The system SHALL log", "shall"));
        assert!(!has_word("marshall", "shall"));
        assert_eq!(count_word("SHALL a and shall b", "shall"), 2);
        assert_eq!(word_at("WHEN x", "when"), Some(0));
    }

    #[test]
    fn english() {
        assert!(is_english("WHEN the user logs in THE system SHALL show"));
        assert!(!is_english(
            "CUANDO el usuario inicia sesión ENTONCES el sistema DEBERÁ"
        ));
        assert!(!is_english("当用户登录时，系统应当显示仪表板"));
        assert!(!is_english("1.2"));
        assert!(!is_english(
            "O sistema deve impedir reservas duplicadas para a mesma sala"
        ));
        assert!(!is_english(
            "6 主体（Guest / Authenticated / Viewer / Member / Admin / Owner）"
        ));
        assert!(is_english("Sessions expire after 30 minutes"));
    }

    #[test]
    fn paths() {
        let p: Vec<String> = file_paths(
            "Create model in src/models/user.py and `app.ts`, see https://x.io/a.html, v1.2",
            0,
        )
        .into_iter()
        .map(|(p, _)| p)
        .collect();
        assert_eq!(p, ["src/models/user.py", "app.ts"]);
    }
}
