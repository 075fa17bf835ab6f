//! Machine formats: JSON (the library's serde types), GitHub Actions workflow commands and
//! JUnit XML. SARIF lives in `sarif.rs`. Lines and columns are 1-based in every format
//! except JSON (0-based LSP positions); columns count UTF-16 code units.

use super::check::FileResult;
use specmark::report::{DiagnosticReport, FileReport};
use specmark::Severity;
use std::fmt::Write;

/// `{"version": VERSION, "files": [FileReport...]}`.
pub fn json(files: &[FileResult]) -> String {
    let mut out = Vec::new();
    if json_to(&mut out, files, None).is_err() {
        return "{}\n".into();
    }
    String::from_utf8(out).unwrap_or_else(|_| "{}\n".into())
}

/// What a baseline hid (`"baseline"` in JSON output, present only with `--baseline`).
#[derive(serde::Serialize)]
pub struct BaselineSummary {
    pub file: String,
    /// Recorded findings hidden from `files`.
    pub hidden: usize,
    /// Recorded findings that no longer occur.
    pub gone: usize,
}

/// [`json`] written to `w` as it is made.
pub fn json_to(
    w: &mut impl std::io::Write,
    files: &[FileResult],
    baseline: Option<&BaselineSummary>,
) -> std::io::Result<()> {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        version: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        baseline: Option<&'a BaselineSummary>,
        files: Vec<&'a FileReport>,
    }
    let out = Out {
        version: specmark::VERSION,
        baseline,
        files: files.iter().map(|f| &f.report).collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &out)?;
    w.write_all(b"\n")
}

/// 1-based line and column (UTF-16) of a finding's start and end.
pub fn one_based(d: &DiagnosticReport) -> (u32, u32, u32, u32) {
    (
        d.range.start.line + 1,
        d.range.start.character + 1,
        d.range.end.line + 1,
        d.range.end.character + 1,
    )
}

/// Escape the message part of a workflow command.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `::error file=...,line=..,col=..,endLine=..,endColumn=..,title=NAME::message`.
pub fn github(files: &[FileResult]) -> String {
    let mut out = String::new();
    for f in files {
        for d in &f.report.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let (line, col, end_line, end_col) = one_based(d);
            let mut message = format!("{} ({})", d.message, d.code);
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let _ = writeln!(
                out,
                "::{command} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                gh_property(&f.display),
                gh_property(d.name),
                gh_data(&message)
            );
        }
    }
    out
}

/// Escape text for XML 1.0 attribute values and text: markup characters become entities,
/// characters XML cannot carry at all become U+FFFD.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// JUnit XML: one `<testsuite>` per file, one `<testcase>` with a `<failure>` per finding.
pub fn junit(files: &[FileResult]) -> String {
    let total: usize = files.iter().map(|f| f.report.diagnostics.len()).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"specmark\" tests=\"{total}\" failures=\"{total}\" errors=\"0\">"
    );
    for f in files {
        let n = f.report.diagnostics.len();
        let path = xml_escape(&f.display);
        let _ = writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{n}\" failures=\"{n}\" errors=\"0\" skipped=\"0\">"
        );
        for d in &f.report.diagnostics {
            let (line, col, _, _) = one_based(d);
            let mut body = format!(
                "{}:{line}:{col}: {} {} ({}): {}",
                f.display,
                d.severity.as_str(),
                d.code,
                d.name,
                d.message
            );
            if let Some(help) = &d.help {
                body.push_str("\nhelp: ");
                body.push_str(help);
            }
            let _ = writeln!(
                out,
                "    <testcase name=\"{} {} at line {line}, column {col}\" classname=\"{path}\" file=\"{path}\" line=\"{line}\">",
                d.code, d.name
            );
            let _ = writeln!(
                out,
                "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                d.severity.as_str(),
                xml_escape(&d.message),
                xml_escape(&body)
            );
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
