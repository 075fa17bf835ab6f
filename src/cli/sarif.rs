//! SARIF 2.1.0 output for code-scanning services.
//!
//! Lines and columns are 1-based; columns count UTF-16 code units, which the run declares
//! with `"columnKind": "utf16CodeUnits"` (SARIF §3.14.19). Files that could not be read are
//! reported as tool execution notifications of the invocation.

use super::check::FileResult;
use super::discover::PathError;
use serde_json::{json, Value};
use specmark::report::{DiagnosticReport, EditReport};
use specmark::{Severity, RULES};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: `/`-separated, everything but unreserved characters
/// percent-encoded.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn region(start: specmark::line_index::Position, end: specmark::line_index::Position) -> Value {
    json!({
        "startLine": start.line + 1,
        "startColumn": start.character + 1,
        "endLine": end.line + 1,
        "endColumn": end.character + 1,
    })
}

fn rule_descriptors() -> Vec<Value> {
    RULES
        .iter()
        .map(|r| {
            let docs = r.documentation();
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": docs, "markdown": docs },
                "help": { "text": docs, "markdown": docs },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": {
                    "category": r.category.name(),
                    "tags": r.tags,
                    "fixable": r.fixable,
                },
            })
        })
        .collect()
}

fn replacement(e: &EditReport) -> Value {
    json!({
        "deletedRegion": region(e.range.start, e.range.end),
        "insertedContent": { "text": e.text },
    })
}

fn result(path: &str, d: &DiagnosticReport, state: Option<&str>) -> Value {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str(" (help: ");
        text.push_str(help);
        text.push(')');
    }
    let location = json!({
        "artifactLocation": { "uri": uri(path) },
        "region": region(d.range.start, d.range.end),
    });
    let mut r = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [ { "physicalLocation": location } ],
        "properties": { "name": d.name },
        "partialFingerprints": { "specmark/v1": d.fingerprint },
    });
    if let Some(state) = state {
        r["baselineState"] = json!(state);
    }
    if let Some(index) = RULES.iter().position(|x| x.code == d.code) {
        r["ruleIndex"] = json!(index);
    }
    if let Some(fix) = d.fix.as_ref().filter(|f| !f.edits.is_empty()) {
        r["fixes"] = json!([{
            "description": { "text": fix.title },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri(path) },
                "replacements": fix.edits.iter().map(replacement).collect::<Vec<_>>(),
            }],
        }]);
    }
    r
}

/// The SARIF log. With a baseline (`known`: the findings it hid), every result carries a
/// `baselineState`: `new` for the reported findings, `unchanged` for the known ones, which
/// are listed too so code scanning keeps tracking them.
pub fn sarif(
    files: &[FileResult],
    errors: &[PathError],
    known: Option<&[(String, DiagnosticReport)]>,
) -> String {
    let new = known.map(|_| "new");
    let mut results: Vec<Value> = files
        .iter()
        .flat_map(|f| {
            f.report
                .diagnostics
                .iter()
                .map(move |d| result(&f.display, d, new))
        })
        .collect();
    for (path, d) in known.unwrap_or_default() {
        results.push(result(path, d, Some("unchanged")));
    }
    let notifications: Vec<Value> = errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": format!("{}: {}", e.display, e.message) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&e.display) } } }],
            })
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "specmark",
                    "version": specmark::VERSION,
                    "semanticVersion": specmark::VERSION,
                    "rules": rule_descriptors(),
                }
            },
            "invocations": [{
                "executionSuccessful": errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
