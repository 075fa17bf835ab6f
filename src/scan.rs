//! Cheap literal tests that decide whether a regular expression can match at all.
//!
//! The rules' regexes are the definition of what they find. Most lines contain none of the
//! literals a regex needs (`%`, `TODO`, "depends"), so a rule first asks [`Literals`] and
//! runs the regex only when a needed literal is there: same findings, far less work. This
//! matters most in the wasm build, whose regex engine has no literal optimizations.

/// A set of literals, any one of which a regex needs to match.
pub struct Literals {
    lits: &'static [&'static str],
    /// For each literal, the offset of its rarest byte in prose (see [`holds`]).
    rare: [usize; MAX_LITERALS],
    /// ASCII case-insensitive, as `(?i)` of a regex.
    ci: bool,
    /// Whether a literal holds `k` or `s`, which `(?i)` also matches to the Kelvin sign and
    /// the long s (the only non-ASCII characters that fold to ASCII letters).
    folds: bool,
    /// For each byte, the literals (a bit each) that start with it (in either case when
    /// `ci`): short texts are scanned once, position by position.
    starts: [u8; 256],
}

/// Texts up to this long are scanned position by position; longer ones with memchr, whose
/// setup costs more than such a scan.
const SHORT_TEXT: usize = 64;

/// Literals in one set, at most.
const MAX_LITERALS: usize = 8;

/// How common a byte is in English prose and Markdown (higher is more common); letters by
/// their frequency in English, capitals and punctuation rarer than lowercase letters.
const fn commonness(b: u8, ci: bool) -> u32 {
    const LETTERS: &[u8; 26] = b"zqjxkvbpygfwmucldrhsnioate";
    let lower = b.to_ascii_lowercase();
    let mut i = 0;
    while i < 26 {
        if LETTERS[i] == lower {
            // With case folding both cases are searched: as common as the lowercase.
            return if !ci && b.is_ascii_uppercase() {
                i as u32 / 3
            } else {
                10 + i as u32
            };
        }
        i += 1;
    }
    match b {
        b' ' => 100,
        b'0'..=b'9' => 12,
        _ => 5,
    }
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
        assert!(lits.len() <= MAX_LITERALS, "at most 8 literals in a set");
        let mut rare = [0usize; MAX_LITERALS];
        let mut starts = [0u8; 256];
        let mut folds = false;
        let mut i = 0;
        while i < lits.len() {
            let b = lits[i].as_bytes();
            assert!(b.len() >= 2, "literals have at least two bytes");
            let bit = 1u8 << i;
            starts[b[0] as usize] |= bit;
            if ci {
                starts[b[0].to_ascii_uppercase() as usize] |= bit;
            }
            let mut j = 0;
            while ci && j < b.len() {
                assert!(
                    b[j].is_ascii() && !b[j].is_ascii_uppercase(),
                    "case-insensitive literals are lowercase ASCII"
                );
                if b[j] == b'k' || b[j] == b's' {
                    folds = true;
                }
                j += 1;
            }
            rare[i] = rarest(b, ci);
            i += 1;
        }
        Literals {
            lits,
            rare,
            ci,
            folds,
            starts,
        }
    }

    /// Whether `text` contains one of the literals (or, case-insensitively, may contain
    /// one through a folding character).
    pub fn in_text(&self, text: &str) -> bool {
        let b = text.as_bytes();
        let found = if b.len() <= SHORT_TEXT {
            self.scan_short(b)
        } else {
            self.scan_long(b)
        };
        found || (self.folds && has_folding_char(text))
    }

    /// One pass over the positions, comparing the literals that start with each byte.
    fn scan_short(&self, b: &[u8]) -> bool {
        (0..b.len()).any(|at| {
            let mut set = self.starts[b[at] as usize];
            while set != 0 {
                let lit = self.lits[set.trailing_zeros() as usize].as_bytes();
                if lit_at(b, at, lit, self.ci) {
                    return true;
                }
                set &= set - 1;
            }
            false
        })
    }

    /// A memchr search per literal, from one occurrence of its rarest byte to the next.
    fn scan_long(&self, b: &[u8]) -> bool {
        (self.lits.iter().zip(&self.rare)).any(|(lit, &at)| holds(b, lit.as_bytes(), at, self.ci))
    }
}

/// [`commonness`] of every byte, exact (`[0]`) and case-insensitive (`[1]`), computed at
/// compile time: [`contains_ascii_ci`] picks its needle's rarest byte on every call.
const COMMONNESS: [[u32; 256]; 2] = {
    let mut t = [[0u32; 256]; 2];
    let mut b = 0;
    while b < 256 {
        t[0][b] = commonness(b as u8, false);
        t[1][b] = commonness(b as u8, true);
        b += 1;
    }
    t
};

/// The offset of the byte of `lit` that is rarest in prose.
const fn rarest(lit: &[u8], ci: bool) -> usize {
    let rank = &COMMONNESS[ci as usize];
    let mut best = 0;
    let mut j = 1;
    while j < lit.len() {
        if rank[lit[j] as usize] < rank[lit[best] as usize] {
            best = j;
        }
        j += 1;
    }
    best
}

/// Whether `hay` contains `lit` (ASCII letters in either case when `ci`). The search jumps
/// with memchr from one occurrence of `lit[at]` (its rarest byte) to the next and compares
/// the literal around it, instead of looking at every position.
fn holds(hay: &[u8], lit: &[u8], at: usize, ci: bool) -> bool {
    let Some(&byte) = lit.get(at) else {
        return true;
    };
    let matches_at = |hit: usize| {
        hit.checked_sub(at)
            .is_some_and(|start| lit_at(hay, start, lit, ci))
    };
    let (lower, upper) = (byte.to_ascii_lowercase(), byte.to_ascii_uppercase());
    if ci && lower != upper {
        memchr::memchr2_iter(lower, upper, hay).any(matches_at)
    } else {
        memchr::memchr_iter(byte, hay).any(matches_at)
    }
}

/// Whether `lit` starts at `start` in `hay` (ASCII letters in either case when `ci`).
fn lit_at(hay: &[u8], start: usize, lit: &[u8], ci: bool) -> bool {
    hay.get(start..start + lit.len()).is_some_and(|w| {
        if ci {
            w.eq_ignore_ascii_case(lit)
        } else {
            w == lit
        }
    })
}

/// Whether `text` contains `needle`, ASCII letters in either case (no other folding).
pub fn contains_ascii_ci(text: &str, needle: &str) -> bool {
    let (hay, needle) = (text.as_bytes(), needle.as_bytes());
    if hay.len() <= SHORT_TEXT && !needle.is_empty() {
        // Short texts: comparing at every position costs less than setting up memchr.
        return (0..hay.len()).any(|at| lit_at(hay, at, needle, true));
    }
    holds(hay, needle, rarest(needle, true), true)
}

/// Whether `text` holds the Kelvin sign or the long s, the only non-ASCII characters that
/// `(?i)` folds to ASCII letters (`k`, `s`). A byte search: most text is ASCII and is
/// answered by one pass of `is_ascii`.
pub fn has_folding_char(text: &str) -> bool {
    let b = text.as_bytes();
    !text.is_ascii()
        && (memchr::memmem::find(b, "\u{212a}".as_bytes()).is_some()
            || memchr::memmem::find(b, "\u{17f}".as_bytes()).is_some())
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

    /// The literal search against a plain one (every position, every literal) on seeded
    /// random texts built from pieces of the literals, their other case and noise.
    #[test]
    fn literals_match_a_plain_search() {
        const SETS: [(&[&str], bool); 4] = [
            (&["depend", "after", "blocked", "requires"], true),
            (&["TBD", "???", "TODO", "YYYY-MM-DD", "19", "20"], false),
            (&["tasks"], true),
            (&["of"], true),
        ];
        let pieces = [
            "dep", "end", "DEPEND", "aft", "er", "AfTeR", "blocked", "req", "uires", "TB", "D",
            "TODO", "??", "?", "YYYY-MM-", "DD", "1", "9", "2", "0", "tas", "ks", "TASKS", "o",
            "f", "OF", " ", "é", "x", "\u{212a}",
        ];
        for (i, (lits, ci)) in SETS.into_iter().enumerate() {
            let set = Literals::build(lits, ci);
            let seed = 0x9e37_79b9_7f4a_7c15u64 + i as u64;
            for text in crate::testing::random_texts(&pieces, 0..=7, 20_000, seed) {
                let plain = lits.iter().any(|l| {
                    if ci {
                        text.to_ascii_lowercase().contains(l)
                    } else {
                        text.contains(l)
                    }
                });
                let folded = ci && text.contains(['\u{212a}', '\u{17f}']) && set.folds;
                assert_eq!(set.in_text(&text), plain || folded, "{text:?} in {lits:?}");
                // Both searches, whatever the text's length.
                let b = text.as_bytes();
                assert_eq!(set.scan_short(b), plain, "short scan: {text:?} in {lits:?}");
                assert_eq!(set.scan_long(b), plain, "memchr scan: {text:?} in {lits:?}");
            }
        }
    }

    #[test]
    fn ascii_case_insensitive_contains() {
        for (text, needle) in [
            ("Tasks: 3", "task"),
            ("no TASK here? yes", "task"),
            ("tas k", "task"),
            ("", "task"),
            ("anything", ""),
            ("PHASE 2", "phase"),
            ("phas", "phase"),
            ("bloc\u{212a}ed", "blocked"),
        ] {
            let want = text
                .to_ascii_lowercase()
                .contains(&needle.to_ascii_lowercase());
            // Short texts are compared position by position, long ones searched with memchr.
            let long = format!("{}{text}", "x".repeat(SHORT_TEXT));
            for t in [text, long.as_str()] {
                assert_eq!(contains_ascii_ci(t, needle), want, "{needle:?} in {t:?}");
            }
        }
    }

    #[test]
    fn folding_chars() {
        for text in [
            "",
            "plain",
            "é",
            "bloc\u{212a}ed",
            "\u{17f}",
            "ſ é",
            "K k",
            "\u{2129}\u{17e}",
        ] {
            assert_eq!(
                has_folding_char(text),
                text.contains(['\u{212a}', '\u{17f}']),
                "{text:?}"
            );
        }
    }

    #[test]
    fn digits() {
        assert!(may_have_digit("a1"));
        assert!(may_have_digit("٣"));
        assert!(!may_have_digit("no digits é"));
    }
}
