//! Cheap literal tests that decide whether a regular expression can match at all.
//!
//! The rules' regexes are the definition of what they find. Most lines contain none of the
//! literals a regex needs (`%`, `TODO`, "depends"), so a rule first asks [`Literals`] and
//! runs the regex only when a needed literal is there: same findings, far less work. This
//! matters most in the wasm build, whose regex engine has no literal optimizations.

/// A set of literals, any one of which a regex needs to match.
pub struct Literals {
    lits: &'static [&'static str],
    /// The first two bytes of the literals (both cases when case-insensitive), as a bitset
    /// indexed by `first * 256 + second`: most positions are rejected by one lookup.
    pairs: [u64; 1024],
    /// ASCII case-insensitive, as `(?i)` of a regex.
    ci: bool,
    /// Whether a literal holds `k` or `s`, which `(?i)` also matches to the Kelvin sign and
    /// the long s (the only non-ASCII characters that fold to ASCII letters).
    folds: bool,
}

impl Literals {
    /// Literals matched exactly (each at least two bytes long).
    pub const fn new(lits: &'static [&'static str]) -> Literals {
        Literals::build(lits, false)
    }

    /// Lowercase ASCII literals (each at least two bytes long) matched as a `(?i)` regex
    /// would: ASCII letters in either case, and `k` / `s` also as the Kelvin sign / long s.
    pub const fn ci(lits: &'static [&'static str]) -> Literals {
        Literals::build(lits, true)
    }

    const fn build(lits: &'static [&'static str], ci: bool) -> Literals {
        let mut pairs = [0u64; 1024];
        let mut folds = false;
        let mut i = 0;
        while i < lits.len() {
            let b = lits[i].as_bytes();
            assert!(b.len() >= 2, "literals have at least two bytes");
            if ci {
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
            let (x, y) = (b[0], b[1]);
            let xs = [x, x.to_ascii_uppercase()];
            let ys = [y, y.to_ascii_uppercase()];
            let n = if ci { 2 } else { 1 };
            let mut p = 0;
            while p < n {
                let mut q = 0;
                while q < n {
                    let at = xs[p] as usize * 256 + ys[q] as usize;
                    pairs[at / 64] |= 1 << (at % 64);
                    q += 1;
                }
                p += 1;
            }
            i += 1;
        }
        Literals {
            lits,
            pairs,
            ci,
            folds,
        }
    }

    /// Whether `text` contains one of the literals (or, case-insensitively, may contain
    /// one through a folding character).
    pub fn in_text(&self, text: &str) -> bool {
        let b = text.as_bytes();
        for (i, w) in b.windows(2).enumerate() {
            let at = usize::from(w[0]) * 256 + usize::from(w[1]);
            if self.pairs[at / 64] & (1 << (at % 64)) == 0 {
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
