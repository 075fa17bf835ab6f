//! Glob patterns (`.specmark.toml` `exclude`, `[[kinds]] glob`, `[[overrides]] files`)
//! translated to one anchored regular expression.
//!
//! The semantics follow globset with `literal_separator(true)`: `*` and `?` never cross a
//! `/`, `**` as a whole path component spans directories (`**/x`, `a/**`, `a/**/b`),
//! `[abc]` / `[a-z]` / `[!a]` classes, `{a,b}` alternatives and `\` escapes. Translating to
//! the `regex` crate the rules already use keeps globset (and the second copy of the regex
//! engines it pulls in) out of the WebAssembly build, which is about a quarter of its size.

/// The regular expression (anchored at both ends) that matches what `glob` matches.
pub fn to_regex(glob: &str) -> Result<String, String> {
    let chars: Vec<char> = glob.chars().collect();
    let mut re = String::from("(?s)^");
    let mut in_alt = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '*' if chars.get(i + 1) == Some(&'*') => {
                let at_component_start = i == 0 || matches!(chars[i - 1], '/' | '{' | ',');
                let next = chars.get(i + 2).copied();
                match next {
                    Some('/') if at_component_start => {
                        re.push_str("(?:[^/]*/)*");
                        i += 3;
                        continue;
                    }
                    None | Some(',') | Some('}') if at_component_start => re.push_str(".*"),
                    _ => re.push_str("[^/]*"),
                }
                i += 2;
                continue;
            }
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            '[' => {
                let (class, next) = class(&chars, i)?;
                re.push_str(&class);
                i = next;
                continue;
            }
            '{' if in_alt => return Err("nested alternate groups are not allowed".into()),
            '{' => {
                in_alt = true;
                re.push_str("(?:");
            }
            ',' if in_alt => re.push('|'),
            '}' if in_alt => {
                in_alt = false;
                re.push(')');
            }
            '}' => return Err("unopened alternate group; missing '{'".into()),
            '\\' => match chars.get(i + 1) {
                Some(&e) => {
                    push_literal(&mut re, e);
                    i += 2;
                    continue;
                }
                None => return Err("dangling '\\'".into()),
            },
            _ => push_literal(&mut re, c),
        }
        i += 1;
    }
    if in_alt {
        return Err("unclosed alternate group; missing '}'".into());
    }
    re.push('$');
    Ok(re)
}

fn push_literal(re: &mut String, c: char) {
    let mut buf = [0u8; 4];
    re.push_str(&regex::escape(c.encode_utf8(&mut buf)));
}

/// `[...]` starting at `start`: the regex class and the index after the closing `]`.
fn class(chars: &[char], start: usize) -> Result<(String, usize), String> {
    let mut out = String::from("[");
    let mut i = start + 1;
    if matches!(chars.get(i), Some('!') | Some('^')) {
        out.push('^');
        i += 1;
    }
    let first = i;
    while i < chars.len() {
        let c = chars[i];
        // A `]` right after the opening bracket is a literal, as in globset.
        if c == ']' && i > first {
            out.push(']');
            return Ok((out, i + 1));
        }
        if c == '-' && i > first && chars.get(i + 1).is_some_and(|&n| n != ']') {
            out.push('-');
        } else {
            // Inside a class every punctuation character may be escaped.
            if c.is_ascii_punctuation() {
                out.push('\\');
            }
            out.push(c);
        }
        i += 1;
    }
    Err("unclosed character class; missing ']'".into())
}

#[cfg(test)]
mod tests {
    use super::to_regex;

    fn m(glob: &str, path: &str) -> bool {
        let re = regex::Regex::new(&to_regex(glob).unwrap()).unwrap();
        re.is_match(path)
    }

    #[test]
    fn star_stays_in_one_component() {
        assert!(m("docs/*.md", "docs/a.md"));
        assert!(!m("docs/*.md", "docs/x/a.md"));
        assert!(m("*.md", "a.md"));
        assert!(!m("*.md", "a.mdx"));
        assert!(m("a?c", "abc"));
        assert!(!m("a?c", "a/c"));
    }

    #[test]
    fn double_star_spans_directories() {
        assert!(m("**/tasks.md", "tasks.md"));
        assert!(m("**/tasks.md", "specs/active/x/tasks.md"));
        assert!(m("archive/**", "archive/a.md"));
        assert!(m("archive/**", "archive/x/y/a.md"));
        assert!(!m("archive/**", "other/a.md"));
        assert!(m("a/**/b.md", "a/b.md"));
        assert!(m("a/**/b.md", "a/x/y/b.md"));
        assert!(!m("a/**/b.md", "a/x/c.md"));
        // `**` inside a component is a plain `*`.
        assert!(m("a**.md", "abc.md"));
        assert!(!m("a**.md", "a/b.md"));
    }

    #[test]
    fn classes_alternatives_escapes() {
        assert!(m("v[0-9].md", "v1.md"));
        assert!(!m("v[0-9].md", "vx.md"));
        assert!(m("v[!0-9].md", "vx.md"));
        assert!(!m("v[!0-9].md", "v1.md"));
        assert!(m("[]]x", "]x"));
        assert!(m("[a-]x", "-x"));
        assert!(m("*.{md,markdown}", "a.markdown"));
        assert!(m("{docs,specs}/**", "specs/a/b.md"));
        assert!(!m("*.{md,markdown}", "a.txt"));
        assert!(m("a\\*b", "a*b"));
        assert!(!m("a\\*b", "axb"));
        assert!(m("a+b (1).md", "a+b (1).md"));
        assert!(m("ü/*.md", "ü/ß.md"));
    }

    #[test]
    fn malformed_globs_are_errors() {
        for bad in ["a/[b", "{a,b", "a}", "{a,{b}}", "x\\"] {
            assert!(to_regex(bad).is_err(), "{bad} should be rejected");
        }
        for good in ["", "**", "a/**/", "[[]", "{,a}"] {
            let re = to_regex(good).unwrap();
            assert!(regex::Regex::new(&re).is_ok(), "{good} -> {re}");
        }
    }
}
