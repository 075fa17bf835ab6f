//! Human output: a code frame per finding (annotate-snippets), each file's score, and a
//! summary line. Colors come from the renderer and are only used when asked for.

use super::check::FileResult;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use rayon::prelude::*;
use specmark::line_index::LineIndex;
use specmark::report::DiagnosticReport;
use specmark::{Applicability, Severity};
use std::fmt::Write;

/// At most this many source lines are shown for one finding.
const MAX_FRAME_LINES: usize = 5;

/// Findings rendered side by side before they are written out.
const RENDER_WINDOW: usize = 512;

pub fn renderer(color: bool) -> Renderer {
    if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// Document text shown in a terminal: no escape sequences or other control characters.
pub fn clean(s: &str) -> String {
    // Control characters are U+0000-U+001F and U+007F-U+009F (the latter start with 0xC2 in
    // UTF-8): text without those bytes needs no replacement.
    let plain = !s
        .bytes()
        .any(|b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f || b == 0xc2);
    if plain {
        annotate_snippets::normalize_untrusted_str(s)
    } else {
        clean_every_char(s)
    }
}

/// [`clean`] looking at every character.
fn clean_every_char(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    annotate_snippets::normalize_untrusted_str(&s)
}

/// The lines of a finding's code frame: the snippet text (lines joined with `\n`, no BOM,
/// no `\r`), its first line number (1-based) and the span inside it.
fn frame(
    src: &str,
    idx: &LineIndex,
    d: &DiagnosticReport,
) -> (String, usize, std::ops::Range<usize>) {
    let start = d.byte_range.start.min(src.len());
    let end = d.byte_range.end.clamp(start, src.len());
    let first = idx.line_of(start);
    let mut last = idx.line_of(end);
    // A range ending at the start of a line (a whole line with its break) stops before it.
    if last > first && idx.line_start(last) == end {
        last -= 1;
    }
    last = last.min(first + MAX_FRAME_LINES - 1);
    let mut text = String::new();
    let mut span = 0..0;
    for line in first..=last {
        let mut r = idx.line_range(src, line);
        if line == 0 && src[r.clone()].starts_with('\u{feff}') {
            r.start += 3;
        }
        if line > first {
            text.push('\n');
        }
        let base = text.len();
        let map = |o: usize| base + o.clamp(r.start, r.end) - r.start;
        if line == first {
            span.start = map(start);
        }
        span.end = map(end);
        text.push_str(&src[r]);
    }
    (text, first + 1, span)
}

fn fix_note(d: &DiagnosticReport) -> Option<String> {
    let fix = d.fix.as_ref()?;
    let how = match fix.applicability {
        Applicability::Safe => "safe, applied by --fix",
        Applicability::Unsafe => "unsafe, applied by --fix --unsafe-fixes",
    };
    Some(format!("{} ({how})", clean(&fix.title)))
}

/// One finding as a code frame.
pub fn render_finding(
    r: &Renderer,
    path: &str,
    source: Option<(&str, &LineIndex)>,
    d: &DiagnosticReport,
) -> String {
    let title = level(d.severity)
        .primary_title(clean(&d.message))
        .id(d.code);
    let mut group: Group = match source {
        Some((src, idx)) => {
            let (text, line_start, span) = frame(src, idx, d);
            // The header's column counts characters (as terminals and most editors do);
            // the machine formats count UTF-16 code units.
            title.element(
                Snippet::source(text)
                    .line_start(line_start)
                    .path(path.to_string())
                    .fold(false)
                    .annotation(AnnotationKind::Primary.span(span).label(d.name)),
            )
        }
        None => title.element(Origin::path(path.to_string()).line(1)),
    };
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(clean(help)));
    }
    if let Some(note) = fix_note(d) {
        group = group.element(Level::NOTE.with_name("fix").message(note));
    }
    r.render(&[group])
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Totals over all files.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub files: usize,
    pub fixable: usize,
    pub fixed: usize,
    pub fixed_files: usize,
}

impl Totals {
    pub fn of(files: &[FileResult], unsafe_fixes: bool) -> Totals {
        let mut t = Totals {
            files: files.len(),
            ..Totals::default()
        };
        for f in files {
            t.errors += f.report.count(Severity::Error);
            t.warnings += f.report.count(Severity::Warning);
            t.infos += f.report.count(Severity::Info);
            t.fixable += f
                .report
                .diagnostics
                .iter()
                .filter(|d| {
                    d.fix
                        .as_ref()
                        .is_some_and(|x| unsafe_fixes || x.applicability == Applicability::Safe)
                })
                .count();
            t.fixed += f.fixed;
            t.fixed_files += usize::from(f.fixed > 0);
        }
        t
    }

    pub fn summary(&self) -> String {
        format!(
            "{}, {}, {} in {}",
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings"),
            plural(self.infos, "info", "infos"),
            plural(self.files, "file", "files"),
        )
    }
}

/// The whole human report.
pub fn render(files: &[FileResult], color: bool, quiet: bool, unsafe_fixes: bool) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = render_to(&mut out, files, color, quiet, unsafe_fixes);
    out
}

/// [`render`] into `out` as it goes (the report of a large document can be megabytes).
pub fn render_to(
    out: &mut impl Write,
    files: &[FileResult],
    color: bool,
    quiet: bool,
    unsafe_fixes: bool,
) -> std::fmt::Result {
    let r = renderer(color);
    // Code frames are rendered on every core, a window of findings at a time, and written
    // in order, so the whole report is never held at once.
    let mut rest = files;
    while !rest.is_empty() {
        let mut take = 0;
        let mut findings = 0;
        while take < rest.len() && (take == 0 || findings < RENDER_WINDOW) {
            findings += rest[take].report.diagnostics.len();
            take += 1;
        }
        let (group, after) = rest.split_at(take);
        rest = after;
        let indexes: Vec<Option<LineIndex>> = group
            .par_iter()
            .map(|f| f.source.as_deref().map(LineIndex::new))
            .collect();
        let items: Vec<(usize, &DiagnosticReport)> = group
            .iter()
            .enumerate()
            .flat_map(|(i, f)| f.report.diagnostics.iter().map(move |d| (i, d)))
            .collect();
        for chunk in items.chunks(RENDER_WINDOW) {
            let texts: Vec<String> = chunk
                .par_iter()
                .map(|&(i, d)| {
                    let f = &group[i];
                    let source = f.source.as_deref().zip(indexes[i].as_ref());
                    render_finding(&r, &f.display, source, d)
                })
                .collect();
            for t in texts {
                out.write_str(&t)?;
                out.write_str("\n\n")?;
            }
        }
    }
    if !quiet {
        for f in files {
            writeln!(out, "{}", score_line(f))?;
        }
        if !files.is_empty() {
            out.write_char('\n')?;
        }
    }
    let t = Totals::of(files, unsafe_fixes);
    let summary = t.summary();
    if color {
        writeln!(out, "\u{1b}[1m{summary}\u{1b}[0m")?;
    } else {
        writeln!(out, "{summary}")?;
    }
    if t.fixed > 0 {
        writeln!(
            out,
            "fixed {} in {}",
            plural(t.fixed, "finding", "findings"),
            plural(t.fixed_files, "file", "files")
        )?;
    }
    if t.fixable > 0 {
        let how = if unsafe_fixes {
            "--fix --unsafe-fixes"
        } else {
            "--fix"
        };
        writeln!(
            out,
            "{} fixable with `specmark check {how}`",
            plural(t.fixable, "finding", "findings")
        )?;
    }
    Ok(())
}

/// `path: profile, score 82 (B) (why it got that profile)` (or `not linted`).
pub fn score_line(f: &FileResult) -> String {
    if f.report.linted {
        format!(
            "{}: {}, score {} ({})\n  profile: {}",
            f.display, f.report.profile, f.report.score, f.report.grade, f.report.profile_reason
        )
    } else {
        format!("{}: not linted", f.display)
    }
}

#[cfg(test)]
mod tests {
    use super::{clean, clean_every_char};

    /// The shortcut for text without control characters changes nothing.
    #[test]
    fn clean_replaces_control_characters_only() {
        let pieces = [
            "a",
            " ",
            "\n",
            "\t",
            "\u{1b}[31m",
            "\u{85}",
            "\u{a0}",
            "£",
            "é",
            "\u{7f}",
            "\r",
            "\u{200b}",
        ];
        // Every sequence of three pieces.
        let mut replaced = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let t = format!("{a}{b}{c}");
                    let want = clean_every_char(&t);
                    assert_eq!(clean(&t), want, "{t:?}");
                    replaced += usize::from(want.contains('\u{FFFD}'));
                }
            }
        }
        assert!(replaced > 500, "{replaced}");
    }
}
