//! Applying fixes: non-overlapping edits, safe ones by default, repeated until stable.

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// Apply the fixes of `diagnostics` to `source`. A fix whose edits overlap an earlier
/// accepted fix is skipped (the next pass picks it up). Returns the new text and the number
/// of fixes applied.
pub fn apply_fixes(
    source: &str,
    diagnostics: &[Diagnostic],
    include_unsafe: bool,
) -> (String, usize) {
    let mut fixes: Vec<&[Edit]> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| include_unsafe || f.applicability == Applicability::Safe)
        .filter(|f| !f.edits.is_empty())
        .map(|f| f.edits.as_slice())
        .collect();
    crate::sort::sort_by_key(&mut fixes, |e| (e[0].range.start, e[0].range.end));
    let mut accepted: Vec<&Edit> = Vec::new();
    let mut count = 0;
    for edits in fixes {
        let clashes = edits
            .iter()
            .any(|e| accepted.iter().any(|a| overlaps(a, e)));
        if clashes {
            continue;
        }
        accepted.extend(edits.iter());
        count += 1;
    }
    crate::sort::sort_by_key(&mut accepted, |e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for e in accepted {
        if e.range.start < at || e.range.end > source.len() {
            continue;
        }
        out.push_str(&source[at..e.range.start]);
        out.push_str(&e.text);
        at = e.range.end;
    }
    out.push_str(&source[at..]);
    (out, count)
}

fn overlaps(a: &Edit, b: &Edit) -> bool {
    (a.range.start < b.range.end && b.range.start < a.range.end)
        || (a.range.start == b.range.start)
        || (a.range.is_empty() && b.range.start < a.range.start && a.range.start < b.range.end)
        || (b.range.is_empty() && a.range.start < b.range.start && b.range.start < a.range.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, Severity};

    fn d(edits: Vec<Edit>) -> Diagnostic {
        Diagnostic {
            code: "X",
            name: "x",
            severity: Severity::Error,
            message: String::new(),
            range: 0..0,
            help: None,
            fix: Some(Fix::safe("t", edits)),
        }
    }

    #[test]
    fn applies_and_skips_overlaps() {
        let src = "abcdef";
        let (out, n) = apply_fixes(
            src,
            &[
                d(vec![Edit::replace(0..2, "X")]),
                d(vec![Edit::replace(1..3, "Y")]),
                d(vec![Edit::replace(4..5, "Z")]),
            ],
            false,
        );
        assert_eq!(out, "XcdZf");
        assert_eq!(n, 2);
    }

    #[test]
    fn unsafe_needs_opt_in() {
        let mut diag = d(vec![Edit::replace(0..1, "Q")]);
        diag.fix.as_mut().unwrap().applicability = Applicability::Unsafe;
        assert_eq!(
            apply_fixes("ab", std::slice::from_ref(&diag), false).0,
            "ab"
        );
        assert_eq!(apply_fixes("ab", &[diag], true).0, "Qb");
    }
}
