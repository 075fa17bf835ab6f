//! Cheap literal tests that decide whether a regular expression can match at all.
//!
//! The rules' regexes are the definition of what they find. Most lines contain none of the
//! literals a regex needs (`%`, `TODO`, "depends"), so a rule first asks [`Literals`] and
//! runs the regex only when a needed literal is there: same findings, far less work. This
//! matters most in the wasm build, whose regex engine has no literal optimizations.

/// A set of literals, any one of which a regex needs to match.
pub struct Literals {
    lits: &'static [&'static str],
    /// Bytes a literal starts with (both cases when case-insensitive).
    first: [bool; 256],
    /// ASCII case-insensitive, as `(?i)` of a regex.
    ci: bool,
    /// Whether a literal holds `k` or `s`, which `(?i)` also matches to the Kelvin sign and
    /// the long s (the only non-ASCII characters that fold to ASCII letters).
    folds: bool,
}

impl Literals {
    /// Literals matched exactly.
    pub const fn new(lits: &'static [&'static str]) -> Literals {
        Literals::build(lits, false)
    }

    /// Lowercase ASCII literals matched as a `(?i)` regex would: ASCII letters in either
    /// case, and `k` / `s` also as the Kelvin sign / long s.
    pub const fn ci(lits: &'static [&'static str]) -> Literals {
        Literals::build(lits, true)
    }

    const fn build(lits: &'static [&'static str], ci: bool) -> Literals {
        let mut first = [false; 256];
        let mut folds = false;
        let mut i = 0;
        while i < lits.len() {
            let b = lits[i].as_bytes();
            assert!(!b.is_empty(), "empty literal");
            first[b[0] as usize] = true;
            if ci {
                first[b[0].to_ascii_uppercase() as usize] = true;
                let mut j = 0;
                while j < b.len() {
                    assert!(
                        b[j].is_ascii() && !b[j].is_ascii_uppercase(),
                        "case-insensitive literals are lowercase ASCII"
                    );
                    if b[j] == b'k' || b[j] == b's' {
                        folds = true;
                    }
                    j += 1;
                }
            }
            i += 1;
        }
        Literals {
            lits,
            first,
            ci,
            folds,
        }
    }

    /// Whether `text` contains one of the literals (or, case-insensitively, may contain
    /// one through a folding character).
    pub fn in_text(&self, text: &str) -> bool {
        let b = text.as_bytes();
        for i in 0..b.len() {
            if !self.first[usize::from(b[i])] {
                continue;
            }
            let rest = &b[i..];
            let hit = self.lits.iter().any(|l| {
                let l = l.as_bytes();
                rest.len() >= l.len()
                    && if self.ci {
                        rest[..l.len()].eq_ignore_ascii_case(l)
                    } else {
                        &rest[..l.len()] == l
                    }
            });
            if hit {
                return true;
            }
        }
        self.folds && !text.is_ascii() && text.contains(['\u{212a}', '\u{17f}'])
    }
}

/// Whether `text` may hold a `\d` of a Unicode regex: an ASCII digit, or any numeric
/// character (a superset of the decimal digits).
pub fn may_have_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
        || (!text.is_ascii() && text.chars().any(char::is_numeric))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        const L: Literals = Literals::new(&["TODO", "???"]);
        assert!(L.in_text("a TODO b"));
        assert!(L.in_text("??? "));
        assert!(!L.in_text("todo ?? TOD"));
        const C: Literals = Literals::ci(&["depend", "blocked"]);
        assert!(C.in_text("It DEPENDS"));
        assert!(C.in_text("bLoCkEd"));
        assert!(!C.in_text("dependable".get(..5).unwrap_or("")));
        assert!(C.in_text("bloc\u{212a}ed"));
        assert!(!C.in_text("é nothing"));
    }

    #[test]
    fn digits() {
        assert!(may_have_digit("a1"));
        assert!(may_have_digit("٣"));
        assert!(!may_have_digit("no digits é"));
    }
}
