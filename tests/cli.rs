//! End-to-end tests of the `specmark` binary: every test works on files in a fresh
//! temporary folder and runs the built binary there.
//!
//! The documents only provoke findings of rules that exist in the core from the start
//! (`agent-artifact`, `unused-suppression`, `invalid-utf8`, `file-too-large`), and the
//! assertions look at those findings by name, so adding rules does not break these tests.

#[path = "support/cli.rs"]
mod support;

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use support::{file, json, paths, tmp, write, Run, CLEAN, LEAKED};

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_specmark"));
    c.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    c
}

fn run(dir: &Path, args: &[&str]) -> Run {
    run_with_stdin(dir, args, None)
}

fn run_with_stdin(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Run {
    let mut c = command(dir, args);
    c.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = c.spawn().expect("run specmark");
    if let Some(bytes) = input {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(bytes)
            .expect("write stdin");
    }
    let out = child.wait_with_output().expect("wait for specmark");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// A document with one `unused-suppression` warning (safely fixable) on line 3.
const UNUSED: &str =
    "# Weather notes\n\n<!-- specmark-disable-next-line agent-artifact -->\nNothing leaked here.\n";

/// Diagnostics named `name` in a file's JSON report.
fn named<'a>(file: &'a Value, name: &str) -> Vec<&'a Value> {
    file["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .filter(|d| d["name"] == name)
        .collect()
}

// ---------------------------------------------------------------- exit codes

#[test]
fn exit_0_when_clean() {
    let d = tmp();
    write(d.path(), "notes.md", CLEAN);
    let r = run(d.path(), &["check", "notes.md"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("0 errors"), "{}", r.stdout);
}

#[test]
fn exit_1_on_error_findings() {
    let d = tmp();
    write(d.path(), "notes.md", LEAKED);
    let r = run(d.path(), &["check", "notes.md"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
}

#[test]
fn warnings_pass_unless_over_max_warnings() {
    let d = tmp();
    write(d.path(), "notes.md", UNUSED);
    assert_eq!(run(d.path(), &["check", "notes.md"]).code, 0);
    assert_eq!(
        run(d.path(), &["check", "notes.md", "--max-warnings", "1"]).code,
        0
    );
    assert_eq!(
        run(d.path(), &["check", "notes.md", "--max-warnings", "0"]).code,
        1
    );
}

#[test]
fn exit_2_on_usage_errors() {
    let d = tmp();
    assert_eq!(run(d.path(), &["check", "--no-such-flag"]).code, 2);
    assert_eq!(run(d.path(), &["check", "--format", "yaml"]).code, 2);
    assert_eq!(run(d.path(), &["check", "--kind", "novel", "x.md"]).code, 2);
    assert_eq!(run(d.path(), &[]).code, 2);
}

#[test]
fn version_and_help() {
    let d = tmp();
    let r = run(d.path(), &["--version"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains(env!("CARGO_PKG_VERSION")), "{}", r.stdout);
    let r = run(d.path(), &["check", "--help"]);
    assert_eq!(r.code, 0);
    for flag in ["--format", "--fix", "--diff", "--stdin", "--max-warnings"] {
        assert!(r.stdout.contains(flag), "help lacks {flag}:\n{}", r.stdout);
    }
}

// ---------------------------------------------------------------- formats

#[test]
fn json_has_the_documented_shape() {
    let d = tmp();
    write(
        d.path(),
        "specs/active/demo/tasks.md",
        "# Tasks: Demo\n\n## Correctn<invoke name=\"x\">\n",
    );
    write(d.path(), "notes.md", UNUSED);
    let r = run(
        d.path(),
        &[
            "check",
            "specs/active/demo/tasks.md",
            "notes.md",
            "-f",
            "json",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = json(&r);
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        v.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["files", "version"]
    );
    // Sorted by path.
    assert_eq!(paths(&v), ["notes.md", "specs/active/demo/tasks.md"]);
    let f = file(&v, "specs/active/demo/tasks.md");
    assert_eq!(f["kind"], "tasks");
    assert_eq!(f["kindSource"], "path");
    assert_eq!(f["linted"], true);
    assert!(f["score"].is_u64());
    assert!(f["grade"].is_string());
    assert!(f["categories"].is_array());
    assert!(f["words"].is_u64());
    let leaked = named(f, "agent-artifact");
    assert_eq!(leaked.len(), 1);
    let diag = leaked[0];
    assert_eq!(diag["code"], "SM005");
    assert_eq!(diag["severity"], "error");
    assert!(diag["message"].as_str().unwrap().contains("<invoke"));
    assert!(diag["help"].is_string());
    assert_eq!(diag["range"]["start"]["line"], 2);
    assert_eq!(diag["range"]["start"]["character"], 11);
    assert_eq!(diag["range"]["end"]["line"], 2);
    assert!(diag["byteRange"]["start"].is_u64());
    assert!(diag["byteRange"]["end"].is_u64());
    assert!(diag.get("fix").is_some(), "fix key must be present (null)");

    let unused = named(file(&v, "notes.md"), "unused-suppression");
    assert_eq!(unused.len(), 1);
    let fix = &unused[0]["fix"];
    assert_eq!(fix["applicability"], "safe");
    assert!(fix["title"].is_string());
    let edit = &fix["edits"][0];
    assert_eq!(edit["text"], "");
    assert_eq!(edit["range"]["start"]["line"], 2);
    assert_eq!(edit["range"]["end"]["line"], 3);
    assert_eq!(edit["byteRange"]["start"], 17);
}

#[test]
fn json_positions_are_utf16_with_emoji_cjk_and_crlf() {
    let d = tmp();
    // Line 2 (0-based) starts with two CJK characters (1 UTF-16 unit each, 3 bytes each)
    // and an emoji (2 units, 4 bytes); lines end in CRLF.
    let text = "# 笔记\r\n\r\n中文🎯 <invoke name=\"x\">\r\nok\r\n";
    write(d.path(), "notes.md", text);
    let r = run(d.path(), &["check", "notes.md", "-f", "json"]);
    let v = json(&r);
    let diags = named(file(&v, "notes.md"), "agent-artifact");
    assert_eq!(diags.len(), 1, "{v:#}");
    let diag = diags[0];
    let start_byte = text.find("<invoke").unwrap();
    let end_byte = text.find("\r\nok").unwrap();
    assert_eq!(diag["byteRange"]["start"], start_byte);
    assert_eq!(diag["byteRange"]["end"], end_byte);
    assert_eq!(diag["range"]["start"]["line"], 2);
    assert_eq!(diag["range"]["start"]["character"], 5); // 中 文 🎯(2) space
    assert_eq!(diag["range"]["end"]["line"], 2);
    assert_eq!(
        diag["range"]["end"]["character"],
        5 + "<invoke name=\"x\">".len()
    );
}

#[test]
fn github_workflow_commands() {
    let d = tmp();
    write(d.path(), "a, b.md", LEAKED);
    write(d.path(), "notes.md", UNUSED);
    let r = run(d.path(), &["check", "a, b.md", "notes.md", "-f", "github"]);
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let leaked = lines
        .iter()
        .find(|l| l.contains("title=agent-artifact"))
        .expect("agent-artifact line");
    assert!(
        leaked.starts_with(
            "::error file=a%2C b.md,line=3,col=12,endLine=3,endColumn=28,title=agent-artifact::"
        ),
        "{leaked}"
    );
    // The help text is on a second line, escaped as %0A.
    assert!(leaked.contains("%0Ahelp: "), "{leaked}");
    let unused = lines
        .iter()
        .find(|l| l.contains("title=unused-suppression"))
        .expect("unused-suppression line");
    assert!(
        unused.starts_with("::warning file=notes.md,line=3,col=1,"),
        "{unused}"
    );
    for l in &lines {
        assert!(l.starts_with("::"), "not a workflow command: {l}");
    }
}

#[test]
fn github_escapes_properties_and_data() {
    let d = tmp();
    // A file name with `:` and `%`, a finding message with a `%`.
    write(d.path(), "x%y:z.md", "# N\n\n<invoke name=\"100%\">\n");
    let r = run(d.path(), &["check", "x%y:z.md", "-f", "github"]);
    let line = r
        .stdout
        .lines()
        .find(|l| l.contains("agent-artifact"))
        .expect("finding");
    assert!(line.contains("file=x%25y%3Az.md,"), "{line}");
    assert!(line.contains("100%25"), "{line}");
}

/// A small XML well-formedness check: balanced tags, quoted attributes, known entities,
/// no raw `<` or `&` in text. Returns the number of start tags per name.
fn xml_elements(xml: &str) -> std::collections::BTreeMap<String, usize> {
    fn entity_ok(rest: &str) -> bool {
        let Some(end) = rest.find(';') else {
            return false;
        };
        let name = &rest[1..end];
        matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
            || (name.starts_with('#') && name[1..].chars().all(|c| c.is_ascii_digit()))
    }
    fn text_ok(t: &str) -> bool {
        t.match_indices('&').all(|(i, _)| entity_ok(&t[i..]))
    }
    let mut counts = std::collections::BTreeMap::new();
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml.trim_start();
    assert!(rest.starts_with("<?xml "), "no XML declaration");
    rest = &rest[rest.find("?>").expect("declaration end") + 2..];
    while let Some(lt) = rest.find('<') {
        assert!(text_ok(&rest[..lt]), "bad text: {:?}", &rest[..lt]);
        let gt = rest[lt..].find('>').expect("unclosed tag") + lt;
        let tag = &rest[lt + 1..gt];
        assert!(!tag.contains('<'), "'<' inside a tag: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.trim()),
                "unbalanced </{name}>"
            );
        } else {
            let self_closing = tag.ends_with('/');
            let body = tag.trim_end_matches('/');
            let name = body
                .split_whitespace()
                .next()
                .expect("tag name")
                .to_string();
            // Attributes: name="value" pairs with escaped values.
            let mut attrs = body[name.len()..].trim();
            while !attrs.is_empty() {
                let eq = attrs.find("=\"").expect("attribute with quoted value");
                let close = attrs[eq + 2..].find('"').expect("closed attribute") + eq + 2;
                assert!(text_ok(&attrs[eq + 2..close]), "bad attribute value");
                attrs = attrs[close + 1..].trim_start();
            }
            *counts.entry(name.clone()).or_insert(0) += 1;
            if !self_closing {
                stack.push(name);
            }
        }
        rest = &rest[gt + 1..];
    }
    assert!(rest.trim().is_empty(), "text after the root element");
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    counts
}

#[test]
fn junit_is_well_formed_with_one_testcase_per_finding() {
    let d = tmp();
    write(d.path(), "a.md", LEAKED);
    write(d.path(), "b.md", UNUSED);
    write(d.path(), "c.md", CLEAN);
    let r = run(d.path(), &["check", "a.md", "b.md", "c.md", "-f", "junit"]);
    assert_eq!(r.code, 1);
    let counts = xml_elements(&r.stdout);
    let v = json(&run(
        d.path(),
        &["check", "a.md", "b.md", "c.md", "-f", "json"],
    ));
    let total: usize = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["diagnostics"].as_array().unwrap().len())
        .sum();
    assert!(total >= 2);
    assert_eq!(counts.get("testsuites"), Some(&1));
    assert_eq!(counts.get("testsuite"), Some(&3));
    assert_eq!(counts.get("testcase"), Some(&total));
    assert_eq!(counts.get("failure"), Some(&total));
    // The leaked markup is escaped, not markup of the report.
    assert!(r.stdout.contains("&lt;function_calls&gt;"), "{}", r.stdout);
    assert!(r.stdout.contains("<testsuite name=\"a.md\""));
}

// ---------------------------------------------------------------- SARIF

type Obj = serde_json::Map<String, Value>;

/// Check an object against the keys the SARIF 2.1.0 schema allows (`additionalProperties:
/// false` on every SARIF object) and requires.
fn sarif_object<'a>(v: &'a Value, what: &str, allowed: &[&str], required: &[&str]) -> &'a Obj {
    let o = v
        .as_object()
        .unwrap_or_else(|| panic!("{what} is not an object: {v}"));
    for k in o.keys() {
        assert!(
            allowed.contains(&k.as_str()),
            "{what}: property {k:?} is not allowed by the SARIF schema"
        );
    }
    for k in required {
        assert!(
            o.contains_key(*k),
            "{what}: required property {k:?} missing"
        );
    }
    o
}

fn sarif_message(v: &Value, what: &str) {
    let o = sarif_object(
        v,
        what,
        &["text", "markdown", "id", "arguments", "properties"],
        &[],
    );
    assert!(
        o.get("text").is_some_and(Value::is_string) || o.contains_key("id"),
        "{what}: a message needs text or id"
    );
}

fn sarif_mf_string(v: &Value, what: &str) {
    let o = sarif_object(v, what, &["text", "markdown", "properties"], &["text"]);
    assert!(o["text"].is_string());
}

fn sarif_level(v: &Value, what: &str) {
    assert!(
        ["none", "note", "warning", "error"].contains(&v.as_str().unwrap_or("")),
        "{what}: bad level {v}"
    );
}

fn sarif_property_bag(v: &Value, what: &str) {
    let o = v
        .as_object()
        .unwrap_or_else(|| panic!("{what} not an object"));
    if let Some(tags) = o.get("tags") {
        let tags = tags.as_array().expect("tags array");
        let set: std::collections::BTreeSet<&str> = tags
            .iter()
            .map(|t| t.as_str().expect("string tag"))
            .collect();
        assert_eq!(set.len(), tags.len(), "{what}: tags must be unique");
    }
}

fn positive(v: &Value, what: &str) -> u64 {
    let n = v
        .as_u64()
        .unwrap_or_else(|| panic!("{what} is not an integer: {v}"));
    assert!(n >= 1, "{what} must be >= 1");
    n
}

fn sarif_region(v: &Value, what: &str) {
    let o = sarif_object(
        v,
        what,
        &[
            "startLine",
            "startColumn",
            "endLine",
            "endColumn",
            "charOffset",
            "charLength",
            "byteOffset",
            "byteLength",
            "snippet",
            "message",
            "sourceLanguage",
            "properties",
        ],
        &["startLine"],
    );
    let sl = positive(&o["startLine"], "startLine");
    let sc = positive(&o["startColumn"], "startColumn");
    let el = positive(&o["endLine"], "endLine");
    let ec = positive(&o["endColumn"], "endColumn");
    assert!((el, ec) >= (sl, sc), "{what}: region ends before it starts");
}

fn sarif_artifact_location(v: &Value, what: &str) {
    let o = sarif_object(
        v,
        what,
        &["uri", "uriBaseId", "index", "description", "properties"],
        &[],
    );
    let uri = o["uri"].as_str().expect("uri string");
    assert!(
        !uri.is_empty() && !uri.contains([' ', '\\', '"', '<', '>']),
        "{what}: {uri:?} is not a URI reference"
    );
}

fn sarif_physical_location(v: &Value, what: &str) {
    let o = sarif_object(
        v,
        what,
        &[
            "address",
            "artifactLocation",
            "region",
            "contextRegion",
            "properties",
        ],
        &[],
    );
    assert!(o.contains_key("artifactLocation") || o.contains_key("address"));
    sarif_artifact_location(&o["artifactLocation"], "artifactLocation");
    if let Some(r) = o.get("region") {
        sarif_region(r, "region");
    }
}

const RESULT_KEYS: &[&str] = &[
    "ruleId",
    "ruleIndex",
    "rule",
    "kind",
    "level",
    "message",
    "analysisTarget",
    "locations",
    "guid",
    "correlationGuid",
    "occurrenceCount",
    "partialFingerprints",
    "fingerprints",
    "stacks",
    "codeFlows",
    "graphs",
    "graphTraversals",
    "relatedLocations",
    "suppressions",
    "baselineState",
    "rank",
    "attachments",
    "hostedViewerUri",
    "workItemUris",
    "provenance",
    "fixes",
    "taxa",
    "webRequest",
    "webResponse",
    "properties",
];

const RUN_KEYS: &[&str] = &[
    "tool",
    "invocations",
    "conversion",
    "language",
    "versionControlProvenance",
    "originalUriBaseIds",
    "artifacts",
    "logicalLocations",
    "graphs",
    "results",
    "automationDetails",
    "runAggregates",
    "baselineGuid",
    "redactionTokens",
    "defaultEncoding",
    "defaultSourceLanguage",
    "newlineSequences",
    "columnKind",
    "externalPropertyFileReferences",
    "threadFlowLocations",
    "taxonomies",
    "addresses",
    "translations",
    "policies",
    "webRequests",
    "webResponses",
    "specialLocations",
    "properties",
];

const TOOL_COMPONENT_KEYS: &[&str] = &[
    "guid",
    "name",
    "organization",
    "product",
    "productSuite",
    "shortDescription",
    "fullDescription",
    "fullName",
    "version",
    "semanticVersion",
    "dottedQuadFileVersion",
    "releaseDateUtc",
    "downloadUri",
    "informationUri",
    "globalMessageStrings",
    "notifications",
    "rules",
    "taxa",
    "locations",
    "language",
    "contents",
    "isComprehensive",
    "localizedDataSemanticVersion",
    "minimumRequiredLocalizedDataSemanticVersion",
    "associatedComponent",
    "translationMetadata",
    "supportedTaxonomies",
    "properties",
];

/// Validate a SARIF log against the structure of the SARIF 2.1.0 schema (every object
/// this output uses: allowed and required properties, enums, integer minimums, uniqueness).
fn validate_sarif(log: &Value) -> usize {
    let root = sarif_object(
        log,
        "sarifLog",
        &[
            "$schema",
            "version",
            "runs",
            "inlineExternalProperties",
            "properties",
        ],
        &["version", "runs"],
    );
    assert_eq!(root["version"], "2.1.0");
    assert!(root["$schema"].as_str().unwrap().starts_with("https://"));
    let runs = root["runs"].as_array().expect("runs array");
    assert_eq!(runs.len(), 1);
    let run = sarif_object(&runs[0], "run", RUN_KEYS, &["tool"]);
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let tool = sarif_object(
        &run["tool"],
        "tool",
        &["driver", "extensions", "properties"],
        &["driver"],
    );
    let driver = sarif_object(&tool["driver"], "driver", TOOL_COMPONENT_KEYS, &["name"]);
    assert_eq!(driver["name"], "specmark");
    let rules = driver["rules"].as_array().expect("rules");
    let mut ids = std::collections::BTreeSet::new();
    for r in rules {
        let o = sarif_object(
            r,
            "reportingDescriptor",
            &[
                "id",
                "deprecatedIds",
                "guid",
                "deprecatedGuids",
                "name",
                "deprecatedNames",
                "shortDescription",
                "fullDescription",
                "messageStrings",
                "defaultConfiguration",
                "helpUri",
                "help",
                "relationships",
                "properties",
            ],
            &["id"],
        );
        assert!(
            ids.insert(o["id"].as_str().unwrap().to_string()),
            "duplicate rule id"
        );
        assert!(o["name"].is_string());
        sarif_mf_string(&o["shortDescription"], "shortDescription");
        sarif_mf_string(&o["fullDescription"], "fullDescription");
        assert!(o["fullDescription"]["text"]
            .as_str()
            .unwrap()
            .contains("## What it does"));
        sarif_mf_string(&o["help"], "help");
        let dc = sarif_object(
            &o["defaultConfiguration"],
            "reportingConfiguration",
            &["enabled", "level", "rank", "parameters", "properties"],
            &[],
        );
        sarif_level(&dc["level"], "defaultConfiguration.level");
        sarif_property_bag(&o["properties"], "rule properties");
    }
    for inv in run["invocations"].as_array().expect("invocations") {
        let o = sarif_object(
            inv,
            "invocation",
            &[
                "commandLine",
                "arguments",
                "responseFiles",
                "startTimeUtc",
                "endTimeUtc",
                "exitCode",
                "ruleConfigurationOverrides",
                "notificationConfigurationOverrides",
                "toolExecutionNotifications",
                "toolConfigurationNotifications",
                "exitCodeDescription",
                "exitSignalName",
                "exitSignalNumber",
                "processStartFailureMessage",
                "executionSuccessful",
                "machine",
                "account",
                "processId",
                "executableLocation",
                "workingDirectory",
                "environmentVariables",
                "stdin",
                "stdout",
                "stderr",
                "stdoutStderr",
                "properties",
            ],
            &["executionSuccessful"],
        );
        assert!(o["executionSuccessful"].is_boolean());
        for n in o["toolExecutionNotifications"]
            .as_array()
            .expect("notifications")
        {
            let n = sarif_object(
                n,
                "notification",
                &[
                    "locations",
                    "message",
                    "level",
                    "threadId",
                    "timeUtc",
                    "exception",
                    "descriptor",
                    "associatedRule",
                    "properties",
                ],
                &["message"],
            );
            sarif_message(&n["message"], "notification.message");
            sarif_level(&n["level"], "notification.level");
            for l in n["locations"].as_array().unwrap() {
                sarif_physical_location(&l["physicalLocation"], "notification location");
            }
        }
    }
    let results = run["results"].as_array().expect("results");
    for res in results {
        let o = sarif_object(res, "result", RESULT_KEYS, &["message"]);
        sarif_message(&o["message"], "result.message");
        sarif_level(&o["level"], "result.level");
        let index = o["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(
            rules[index]["id"], o["ruleId"],
            "ruleIndex points at ruleId"
        );
        let locations = o["locations"].as_array().expect("locations");
        assert_eq!(locations.len(), 1);
        let loc = sarif_object(
            &locations[0],
            "location",
            &[
                "id",
                "physicalLocation",
                "logicalLocations",
                "message",
                "annotations",
                "relationships",
                "properties",
            ],
            &[],
        );
        sarif_physical_location(&loc["physicalLocation"], "physicalLocation");
        if let Some(fixes) = o.get("fixes") {
            for f in fixes.as_array().unwrap() {
                let f = sarif_object(
                    f,
                    "fix",
                    &["description", "artifactChanges", "properties"],
                    &["artifactChanges"],
                );
                sarif_message(&f["description"], "fix.description");
                let changes = f["artifactChanges"].as_array().unwrap();
                assert!(!changes.is_empty(), "artifactChanges minItems 1");
                for c in changes {
                    let c = sarif_object(
                        c,
                        "artifactChange",
                        &["artifactLocation", "replacements", "properties"],
                        &["artifactLocation", "replacements"],
                    );
                    sarif_artifact_location(&c["artifactLocation"], "artifactChange location");
                    let reps = c["replacements"].as_array().unwrap();
                    assert!(!reps.is_empty(), "replacements minItems 1");
                    for rep in reps {
                        let rep = sarif_object(
                            rep,
                            "replacement",
                            &["deletedRegion", "insertedContent", "properties"],
                            &["deletedRegion"],
                        );
                        sarif_region(&rep["deletedRegion"], "deletedRegion");
                        sarif_object(
                            &rep["insertedContent"],
                            "artifactContent",
                            &["text", "binary", "rendered", "properties"],
                            &[],
                        );
                    }
                }
            }
        }
    }
    results.len()
}

#[test]
fn sarif_is_valid_2_1_0() {
    let d = tmp();
    write(d.path(), "docs/my notes.md", LEAKED);
    write(d.path(), "notes.md", UNUSED);
    let r = run(
        d.path(),
        &[
            "check",
            "docs/my notes.md",
            "notes.md",
            "missing.md",
            "-f",
            "sarif",
        ],
    );
    assert_eq!(r.code, 2, "missing.md is an I/O error");
    let log = json(&r);
    let n = validate_sarif(&log);
    assert!(n >= 2);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let leaked = results
        .iter()
        .find(|r| r["ruleId"] == "SM005")
        .expect("SM005 result");
    assert_eq!(leaked["level"], "error");
    let loc = &leaked["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "docs/my%20notes.md");
    assert_eq!(loc["region"]["startLine"], 3);
    assert_eq!(loc["region"]["startColumn"], 12);
    let unused = results
        .iter()
        .find(|r| r["ruleId"] == "SM900")
        .expect("SM900 result");
    assert_eq!(unused["level"], "warning");
    let rep = &unused["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(rep["deletedRegion"]["startLine"], 3);
    assert_eq!(rep["deletedRegion"]["endLine"], 4);
    assert_eq!(rep["insertedContent"]["text"], "");
    let inv = &log["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    assert!(inv["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap()
        .contains("missing.md"));
}

#[test]
fn sarif_columns_count_utf16() {
    let d = tmp();
    write(d.path(), "n.md", "# N\n\n🎯🎯 <invoke>\n");
    let log = json(&run(d.path(), &["check", "n.md", "-f", "sarif"]));
    validate_sarif(&log);
    let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], 6); // two emoji = 4 units, a space, then 1-based
}

// ---------------------------------------------------------------- human output

fn human(dir: &Path, args: &[&str]) -> String {
    let mut a = vec!["check", "--color", "never"];
    a.extend_from_slice(args);
    run(dir, &a).stdout
}

#[test]
fn human_snapshot_leaked_markup() {
    let d = tmp();
    write(d.path(), "notes.md", LEAKED);
    insta::assert_snapshot!("human_leaked_markup", human(d.path(), &["-q", "notes.md"]));
}

#[test]
fn human_snapshot_unused_suppression_with_fix() {
    let d = tmp();
    write(d.path(), "notes.md", UNUSED);
    insta::assert_snapshot!(
        "human_unused_suppression",
        human(d.path(), &["-q", "notes.md"])
    );
}

#[test]
fn human_snapshot_emoji_cjk_crlf_and_unlintable() {
    let d = tmp();
    write(
        d.path(),
        "wide.md",
        "\u{feff}# 笔记\r\n\r\n中文🎯 text <parameter name=\"x\">\r\n",
    );
    write(d.path(), "binary.md", b"# x\0\x01\x02");
    insta::assert_snapshot!(
        "human_wide_and_binary",
        human(d.path(), &["-q", "wide.md", "binary.md"])
    );
}

#[test]
fn human_reports_scores_and_summary() {
    let d = tmp();
    write(d.path(), "a.md", LEAKED);
    write(d.path(), "b.md", UNUSED);
    let out = human(d.path(), &["a.md", "b.md"]);
    assert!(
        out.contains("1 error, 1 warning, 0 infos in 2 files"),
        "{out}"
    );
    let score_lines: Vec<&str> = out.lines().filter(|l| l.contains(", score ")).collect();
    assert_eq!(score_lines.len(), 2, "{out}");
    assert!(
        score_lines[0].starts_with("a.md: markdown, score "),
        "{out}"
    );
    assert!(score_lines[0].ends_with(')'), "{out}");
    assert!(
        out.contains("\n  profile: Markdown: not recognized as a spec document"),
        "{out}"
    );
    assert!(
        out.contains("1 finding fixable with `specmark check --fix`"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "no colors when asked for none");
}

#[test]
fn colors_only_when_asked() {
    let d = tmp();
    write(d.path(), "a.md", LEAKED);
    let colored = run(d.path(), &["check", "--color", "always", "a.md"]).stdout;
    assert!(colored.contains("\u{1b}["), "{colored}");
    // Not a terminal: auto means no colors, and NO_COLOR is respected.
    let auto = run(d.path(), &["check", "a.md"]).stdout;
    assert!(!auto.contains('\u{1b}'), "{auto}");
    let out = command(d.path(), &["check", "a.md"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}

// ---------------------------------------------------------------- discovery

#[test]
fn folders_lint_spec_documents_honoring_gitignore_and_exclude() {
    let d = tmp();
    let p = d.path();
    write(p, "specs/active/demo/tasks.md", "# Tasks: Demo\n");
    write(p, "specs/active/demo/prd.md", "# PRD: Demo\n");
    write(p, "docs/guide.md", CLEAN);
    write(p, "docs/plan.md", "# Implementation Plan\n\nSteps.\n");
    write(p, ".kiro/specs/login/tasks.md", "# Tasks\n");
    write(p, "build/tasks.md", "# Tasks: generated\n");
    write(p, ".gitignore", "build/\n");
    write(p, "vendor/x/tasks.md", "# Tasks: vendored\n");
    write(p, ".specmark.toml", "exclude = [\"vendor/**\"]\n");
    let v = json(&run(p, &["check", "-f", "json"]));
    assert_eq!(
        paths(&v),
        [
            ".kiro/specs/login/tasks.md",
            "docs/plan.md",
            "specs/active/demo/prd.md",
            "specs/active/demo/tasks.md",
        ]
    );
    assert_eq!(file(&v, ".kiro/specs/login/tasks.md")["kind"], "kiro-tasks");
    assert_eq!(file(&v, "docs/plan.md")["kindSource"], "content");
    let all = json(&run(p, &["check", ".", "--all-markdown", "-f", "json"]));
    assert!(paths(&all).contains(&"docs/guide.md".to_string()));
    assert!(!paths(&all)
        .iter()
        .any(|p| p.starts_with("build/") || p.starts_with("vendor/")));
    // all-markdown from the configuration file.
    write(
        p,
        ".specmark.toml",
        "all-markdown = true\nexclude = [\"vendor/**\"]\n",
    );
    let cfg = json(&run(p, &["check", "-f", "json"]));
    assert!(paths(&cfg).contains(&"docs/guide.md".to_string()));
}

#[test]
fn paths_are_relative_to_the_current_folder() {
    let d = tmp();
    let p = d.path();
    write(p, "project/specs/active/x/tasks.md", "# Tasks: X\n");
    std::fs::create_dir_all(p.join("elsewhere")).unwrap();
    let v = json(&run(
        &p.join("elsewhere"),
        &["check", "../project", "-f", "json"],
    ));
    assert_eq!(paths(&v), ["../project/specs/active/x/tasks.md"]);
    let abs = p.join("project/specs/active/x/tasks.md");
    let v = json(&run(
        &p.join("project"),
        &["check", abs.to_str().unwrap(), "-f", "json"],
    ));
    assert_eq!(paths(&v), ["specs/active/x/tasks.md"]);
}

#[test]
fn nearest_config_wins_and_explicit_config_overrides() {
    let d = tmp();
    let p = d.path();
    write(
        p,
        ".specmark.toml",
        "[rules.agent-artifact]\nseverity = \"warning\"\n",
    );
    write(
        p,
        "sub/.specmark.toml",
        "[rules]\nagent-artifact = \"off\"\n",
    );
    write(p, "top.md", LEAKED);
    write(p, "sub/inner.md", LEAKED);
    write(
        p,
        "strict.toml",
        "[rules.agent-artifact]\nseverity = \"info\"\n",
    );
    let v = json(&run(p, &["check", "top.md", "sub/inner.md", "-f", "json"]));
    assert_eq!(
        named(file(&v, "top.md"), "agent-artifact")[0]["severity"],
        "warning"
    );
    assert!(named(file(&v, "sub/inner.md"), "agent-artifact").is_empty());
    let v = json(&run(
        p,
        &[
            "check",
            "top.md",
            "sub/inner.md",
            "--config",
            "strict.toml",
            "-f",
            "json",
        ],
    ));
    assert_eq!(
        named(file(&v, "top.md"), "agent-artifact")[0]["severity"],
        "info"
    );
    assert_eq!(
        named(file(&v, "sub/inner.md"), "agent-artifact")[0]["severity"],
        "info"
    );
}

#[test]
fn one_file_of_a_spec_folder_reports_only_that_file() {
    let d = tmp();
    write(d.path(), "specs/active/x/tasks.md", "# Tasks: X\n");
    write(d.path(), "specs/active/x/prd.md", LEAKED);
    write(
        d.path(),
        "specs/active/x/recovery.md",
        "# Session Recovery: X\n",
    );
    let r = run(
        d.path(),
        &["check", "specs/active/x/tasks.md", "-f", "json"],
    );
    assert_eq!(paths(&json(&r)), ["specs/active/x/tasks.md"]);
    let r = run(d.path(), &["check", "specs/active/x", "-f", "json"]);
    assert_eq!(
        paths(&json(&r)),
        [
            "specs/active/x/prd.md",
            "specs/active/x/recovery.md",
            "specs/active/x/tasks.md"
        ]
    );
}

#[test]
fn excluded_siblings_still_inform_cross_document_rules() {
    // tasks.md is excluded from the report but the recovery note of the same spec folder
    // is still checked against it, whether the folder is walked or the note is named.
    let d = tmp();
    write(d.path(), ".specmark.toml", "exclude = [\"**/tasks.md\"]\n");
    write(
        d.path(),
        "specs/active/x/tasks.md",
        "# Tasks: X\n\n- [x] **A1**: Build the parser\n- [ ] **A2**: Write the docs\n",
    );
    write(
        d.path(),
        "specs/active/x/recovery.md",
        "# Session Recovery: X\n\n- [ ] **Current focus**: A1: Build the parser\n",
    );
    for args in [
        &["check", ".", "-f", "json"][..],
        &["check", "specs", "-f", "json"][..],
        &["check", "specs/active/x", "-f", "json"][..],
        &["check", "specs/active/x/recovery.md", "-f", "json"][..],
    ] {
        let v = json(&run(d.path(), args));
        assert_eq!(paths(&v), ["specs/active/x/recovery.md"], "{args:?}");
        let focus = named(file(&v, "specs/active/x/recovery.md"), "unknown-focus");
        assert_eq!(focus.len(), 1, "{args:?}: {v}");
    }
}

#[test]
fn kind_flag_forces_the_kind() {
    let d = tmp();
    write(d.path(), "README.md", CLEAN);
    let v = json(&run(
        d.path(),
        &["check", "README.md", "--kind", "prd", "-f", "json"],
    ));
    assert_eq!(v["files"][0]["kind"], "prd");
    assert_eq!(v["files"][0]["kindSource"], "explicit");
}

// ---------------------------------------------------------------- configuration errors

#[test]
fn config_error_names_file_line_column_and_lints_nothing() {
    let d = tmp();
    write(
        d.path(),
        ".specmark.toml",
        "all-markdown = true\nbogus = 1\n",
    );
    write(d.path(), "notes.md", LEAKED);
    let r = run(d.path(), &["check", "notes.md", "-f", "json"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty(), "nothing may be linted: {}", r.stdout);
    assert!(r.stderr.contains(".specmark.toml:2:1: "), "{}", r.stderr);
    assert!(r.stderr.contains("bogus"), "{}", r.stderr);
}

#[test]
fn unknown_rule_in_config_suggests_the_name() {
    let d = tmp();
    write(
        d.path(),
        ".specmark.toml",
        "\n[rules.agent-artefact]\nseverity = \"off\"\n",
    );
    write(d.path(), "notes.md", CLEAN);
    let r = run(d.path(), &["check", "notes.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(".specmark.toml:2:"), "{}", r.stderr);
    assert!(
        r.stderr.contains("unknown rule \"agent-artefact\""),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("did you mean \"agent-artifact\""),
        "{}",
        r.stderr
    );
}

#[test]
fn explicit_config_that_is_missing_is_an_error() {
    let d = tmp();
    write(d.path(), "notes.md", CLEAN);
    let r = run(d.path(), &["check", "notes.md", "--config", "nope.toml"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nope.toml"), "{}", r.stderr);
}

// ---------------------------------------------------------------- unreadable files

#[test]
fn missing_path_is_reported_and_other_files_still_linted() {
    let d = tmp();
    write(d.path(), "good.md", LEAKED);
    let r = run(d.path(), &["check", "missing.md", "good.md", "-f", "json"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("missing.md: no such file or folder"),
        "{}",
        r.stderr
    );
    let v = json(&r);
    assert_eq!(paths(&v), ["good.md"]);
    assert_eq!(named(file(&v, "good.md"), "agent-artifact").len(), 1);
}

#[test]
fn invalid_utf8_and_binary_files_get_one_finding() {
    let d = tmp();
    write(d.path(), "latin1.md", b"# Caf\xe9\n\nna\xefve\n");
    write(d.path(), "image.md", b"GIF89a\x01\0\0\0;");
    write(d.path(), "good.md", CLEAN);
    let r = run(
        d.path(),
        &["check", "latin1.md", "image.md", "good.md", "-f", "json"],
    );
    assert_eq!(
        r.code, 2,
        "a file that is not text ends the run with exit 2: {}",
        r.stderr
    );
    let v = json(&r);
    assert_eq!(paths(&v), ["good.md", "image.md", "latin1.md"]);
    for (path, needle) in [("latin1.md", "offset 5"), ("image.md", "NUL byte")] {
        let f = file(&v, path);
        assert_eq!(f["linted"], false);
        let diags = f["diagnostics"].as_array().unwrap();
        assert_eq!(diags.len(), 1, "{f:#}");
        assert_eq!(diags[0]["name"], "invalid-utf8");
        assert!(
            diags[0]["message"].as_str().unwrap().contains(needle),
            "{f:#}"
        );
    }
    // Human output names the file once.
    let out = human(d.path(), &["-q", "latin1.md"]);
    assert!(out.contains("latin1.md"), "{out}");
    assert!(out.contains("not valid UTF-8"), "{out}");
}

#[test]
fn file_too_large_is_reported_not_linted() {
    let d = tmp();
    write(d.path(), ".specmark.toml", "max-file-size = 20\n");
    write(d.path(), "big.md", LEAKED);
    let r = run(d.path(), &["check", "big.md", "-f", "json"]);
    let v = json(&r);
    let f = file(&v, "big.md");
    assert_eq!(f["linted"], false);
    assert_eq!(f["diagnostics"][0]["name"], "file-too-large");
    assert!(named(f, "agent-artifact").is_empty());
    assert_eq!(r.code, 0, "file-too-large is an info finding");
}

#[cfg(unix)]
#[test]
fn symlink_loop_and_link_to_folder_are_clear_errors() {
    let d = tmp();
    let p = d.path();
    std::os::unix::fs::symlink("b.md", p.join("a.md")).unwrap();
    std::os::unix::fs::symlink("a.md", p.join("b.md")).unwrap();
    write(p, "good.md", CLEAN);
    let r = run(p, &["check", "a.md", "good.md", "-f", "json"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("a.md: too many levels of symbolic links"),
        "{}",
        r.stderr
    );
    assert_eq!(paths(&json(&r)), ["good.md"]);

    let w = tmp();
    std::fs::create_dir_all(w.path().join("specs/active/x/real")).unwrap();
    std::os::unix::fs::symlink("real", w.path().join("specs/active/x/tasks.md")).unwrap();
    write(w.path(), "specs/active/x/prd.md", "# PRD: X\n");
    let r = run(w.path(), &["check", "-f", "json"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("specs/active/x/tasks.md: is a folder, not a file"),
        "{}",
        r.stderr
    );
    assert_eq!(paths(&json(&r)), ["specs/active/x/prd.md"]);
}

// ---------------------------------------------------------------- --fix, --diff, --stdin

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn fix_preserves_bom_crlf_and_missing_final_newline() {
    let d = tmp();
    let original = "\u{feff}# Weather notes\r\n\r\n<!-- specmark-disable-next-line agent-artifact -->\r\nNothing leaked here.\r\nLast line, no newline";
    let expected = "\u{feff}# Weather notes\r\n\r\nNothing leaked here.\r\nLast line, no newline";
    let path = write(d.path(), "notes.md", original);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let r = run(d.path(), &["check", "--fix", "notes.md"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("fixed 1 finding in 1 file"),
        "{}",
        r.stdout
    );
    assert_eq!(std::fs::read(&path).unwrap(), expected.as_bytes());
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o640, "permissions kept");
    // No temporary files left behind.
    let names: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // Idempotent: a second run changes nothing.
    let r = run(d.path(), &["check", "--fix", "notes.md"]);
    assert_eq!(r.code, 0);
    assert!(!r.stdout.contains("fixed"), "{}", r.stdout);
    assert_eq!(std::fs::read(&path).unwrap(), expected.as_bytes());
}

#[cfg(unix)]
#[test]
fn fix_leaves_a_read_only_file_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let d = tmp();
    let path = write(d.path(), "notes.md", UNUSED);
    write(d.path(), "other.md", UNUSED);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let r = run(
        d.path(),
        &["check", "--fix", "notes.md", "other.md", "-f", "json"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("notes.md: file is read-only"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), UNUSED);
    assert_eq!(mode(&path), 0o444);
    // The other file was fixed, and the read-only one still reports its finding.
    assert_ne!(
        std::fs::read_to_string(d.path().join("other.md")).unwrap(),
        UNUSED
    );
    let v = json(&r);
    assert_eq!(named(file(&v, "notes.md"), "unused-suppression").len(), 1);
    assert!(named(file(&v, "other.md"), "unused-suppression").is_empty());
}

#[cfg(unix)]
#[test]
fn fix_through_a_symlink_rewrites_the_target() {
    let d = tmp();
    let target = write(d.path(), "real/notes.md", UNUSED);
    std::os::unix::fs::symlink("real/notes.md", d.path().join("link.md")).unwrap();
    let r = run(d.path(), &["check", "--fix", "link.md"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::symlink_metadata(d.path().join("link.md"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(!std::fs::read_to_string(target)
        .unwrap()
        .contains("specmark-disable"));
}

#[test]
fn diff_shows_fixes_without_writing() {
    let d = tmp();
    let path = write(d.path(), "notes.md", UNUSED);
    write(d.path(), "clean.md", CLEAN);
    let r = run(d.path(), &["check", "--diff", "notes.md", "clean.md"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("--- notes.md\n+++ notes.md\n@@ "),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("\n-<!-- specmark-disable-next-line agent-artifact -->\n"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("clean.md"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), UNUSED);
    let r = run(d.path(), &["check", "--diff", "clean.md"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
}

#[test]
fn stdin_is_linted_with_its_filename() {
    let d = tmp();
    let r = run_with_stdin(
        d.path(),
        &[
            "check",
            "--stdin",
            "--stdin-filename",
            "specs/active/x/tasks.md",
            "-f",
            "json",
        ],
        Some(b"# Tasks: X\n\n<invoke name=\"y\">\n"),
    );
    assert_eq!(r.code, 1);
    let v = json(&r);
    let f = &v["files"][0];
    assert_eq!(f["path"], "specs/active/x/tasks.md");
    assert_eq!(f["kind"], "tasks");
    assert_eq!(named(f, "agent-artifact").len(), 1);
    // Without a name.
    let r = run_with_stdin(d.path(), &["check", "--stdin"], Some(CLEAN.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stdout);
    // Not UTF-8.
    let r = run_with_stdin(
        d.path(),
        &["check", "--stdin", "-f", "json"],
        Some(b"\xff\xfe"),
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        json(&r)["files"][0]["diagnostics"][0]["name"],
        "invalid-utf8"
    );
}

#[test]
fn stdin_fix_prints_the_fixed_text() {
    let d = tmp();
    let input =
        "# Weather notes\r\n\r\n<!-- specmark-disable-next-line agent-artifact -->\r\nNothing.";
    let r = run_with_stdin(
        d.path(),
        &["check", "--stdin", "--fix"],
        Some(input.as_bytes()),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "# Weather notes\r\n\r\nNothing.");
    let r = run_with_stdin(
        d.path(),
        &["check", "--stdin", "--diff"],
        Some(input.as_bytes()),
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("-<!-- specmark-disable-next-line"),
        "{}",
        r.stdout
    );
    // stdin config comes from the stdin filename's folder.
    write(
        d.path(),
        "sub/.specmark.toml",
        "[rules]\nagent-artifact = \"off\"\n",
    );
    let r = run_with_stdin(
        d.path(),
        &[
            "check",
            "--stdin",
            "--stdin-filename",
            "sub/n.md",
            "-f",
            "json",
        ],
        Some(LEAKED.as_bytes()),
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
}

// ---------------------------------------------------------------- other commands

#[test]
fn rules_lists_every_rule() {
    let d = tmp();
    let r = run(d.path(), &["rules"]);
    assert_eq!(r.code, 0);
    let header = r.stdout.lines().next().unwrap();
    for col in [
        "CODE", "NAME", "CATEGORY", "SEVERITY", "FIX", "KINDS", "SUMMARY",
    ] {
        assert!(header.contains(col), "{header}");
    }
    let line = r
        .stdout
        .lines()
        .find(|l| l.starts_with("SM900"))
        .expect("SM900 row");
    assert!(
        line.contains("unused-suppression") && line.contains("warning") && line.contains("yes")
    );
    let v: Value = serde_json::from_str(&run(d.path(), &["rules", "-f", "json"]).stdout).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), specmark::RULES.len());
    let sm005 = list.iter().find(|r| r["code"] == "SM005").unwrap();
    assert_eq!(sm005["name"], "agent-artifact");
    assert_eq!(sm005["severity"], "error");
    assert_eq!(sm005["fixable"], false);
    assert!(sm005["documentation"].as_str().unwrap().contains("## Why"));
}

#[test]
fn explain_by_name_or_code_and_suggests_names() {
    let d = tmp();
    for arg in ["agent-artifact", "SM005", "sm005"] {
        let r = run(d.path(), &["explain", arg]);
        assert_eq!(r.code, 0);
        assert!(
            r.stdout.starts_with("# SM005 agent-artifact"),
            "{}",
            r.stdout
        );
        assert!(r.stdout.contains("## What it does"));
        assert!(r.stdout.contains("[rules.agent-artifact]"));
    }
    let r = run(d.path(), &["explain", "agent-artefact"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean \"agent-artifact\""),
        "{}",
        r.stderr
    );
}

#[test]
fn explain_lists_options_with_defaults() {
    let Some(rule) = specmark::RULES.iter().find(|r| !r.options.is_empty()) else {
        // Only the engine rules exist in this build: the option listing is still printed.
        let d = tmp();
        let r = run(d.path(), &["explain", "unused-suppression"]);
        assert!(
            r.stdout.contains("no options besides `severity`"),
            "{}",
            r.stdout
        );
        return;
    };
    let d = tmp();
    let r = run(d.path(), &["explain", rule.name]);
    for o in rule.options {
        assert!(
            r.stdout.contains(&format!(
                "`{}` ({}, default {})",
                o.name,
                o.default.type_name(),
                o.default.to_json()
            )),
            "{}",
            r.stdout
        );
    }
}

#[test]
fn init_writes_a_valid_starter_and_refuses_to_overwrite() {
    let d = tmp();
    let r = run(d.path(), &["init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written = std::fs::read_to_string(d.path().join(".specmark.toml")).unwrap();
    assert_eq!(written, specmark::config::starter_toml());
    std::fs::write(d.path().join(".specmark.toml"), "# mine\n").unwrap();
    let r = run(d.path(), &["init"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(d.path().join(".specmark.toml")).unwrap(),
        "# mine\n"
    );
    assert_eq!(run(d.path(), &["init", "--force"]).code, 0);
    // The starter configuration is accepted by check.
    write(d.path(), "notes.md", CLEAN);
    assert_eq!(run(d.path(), &["check", "notes.md"]).code, 0);
}

#[test]
fn schema_is_the_config_json_schema() {
    let d = tmp();
    let r = run(d.path(), &["schema"]);
    assert_eq!(r.code, 0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v, specmark::config::json_schema());
    assert!(v["properties"]["rules"]["properties"]["agent-artifact"].is_object());
}

#[test]
fn score_prints_the_breakdown() {
    let d = tmp();
    write(d.path(), "a.md", LEAKED);
    write(d.path(), "bin.md", b"\0");
    let r = run(d.path(), &["score", "a.md", "bin.md"]);
    // bin.md is not text: scored "not scored", and the run ends with exit 2.
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(run(d.path(), &["score", "a.md"]).code, 0);
    let v = json(&run(d.path(), &["check", "a.md", "-f", "json"]));
    let f = file(&v, "a.md");
    let head = format!(
        "a.md (markdown): score {} ({})",
        f["score"],
        f["grade"].as_str().unwrap()
    );
    assert!(r.stdout.contains(&head), "{}", r.stdout);
    assert!(
        r.stdout.contains("-25  SM005 agent-artifact (1 finding)"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("  structure "), "{}", r.stdout);
    assert!(r.stdout.contains("bin.md: not scored: "), "{}", r.stdout);
    let j = json(&run(d.path(), &["score", "a.md", "-f", "json"]));
    assert!(j["files"][0]["categories"].as_array().unwrap().len() == 5);
    assert_eq!(run(d.path(), &["score", "nope.md"]).code, 2);
}

#[test]
fn examples_workspace_shows_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let r = run(root, &["check", "examples/", "-f", "json"]);
    let v = json(&r);
    let base = "examples/specs/active/checkout-flow";
    let mut want: Vec<String> = [
        "prd.md",
        "recovery.md",
        "research/analysis.md",
        "research/plan.md",
        "tasks.md",
    ]
    .iter()
    .map(|f| format!("{base}/{f}"))
    .chain(
        [
            // The team-template example: documents of its own `[[profiles]]` entry.
            "team-template/docs/notes/export-queue.md",
            "team-template/docs/notes/search-cache.md",
            // One feature folder per family.
            "kiro/.kiro/specs/price-alerts/design.md",
            "kiro/.kiro/specs/price-alerts/requirements.md",
            "kiro/.kiro/specs/price-alerts/tasks.md",
            "openspec/openspec/changes/add-login-limits/proposal.md",
            "openspec/openspec/changes/add-login-limits/specs/auth/spec.md",
            "openspec/openspec/changes/add-login-limits/tasks.md",
            "openspec/openspec/specs/auth/spec.md",
            "speckit/specs/012-team-invites/checklists/requirements.md",
            "speckit/specs/012-team-invites/plan.md",
            "speckit/specs/012-team-invites/spec.md",
            "speckit/specs/012-team-invites/tasks.md",
        ]
        .iter()
        .map(|f| format!("examples/{f}")),
    )
    .collect();
    want.sort();
    let mut got = paths(&v);
    got.sort();
    assert_eq!(got, want);
    assert_eq!(file(&v, &format!("{base}/prd.md"))["profile"], "goe-prd");
    assert_eq!(
        file(&v, "examples/team-template/docs/notes/export-queue.md")["profile"],
        "design-note"
    );
    assert_eq!(file(&v, &format!("{base}/prd.md"))["kind"], "prd");
    assert_eq!(
        file(&v, &format!("{base}/research/plan.md"))["kind"],
        "research"
    );
    assert_eq!(
        named(
            file(&v, &format!("{base}/research/analysis.md")),
            "agent-artifact"
        )
        .len(),
        1
    );
    assert_eq!(r.code, 1);
}

/// Spec folders linted on several threads: each folder's documents are linted in a different
/// order on different threads (so the threads do not wait on each other's first pattern
/// compilations), and every report must still belong to its own file. Each document leaks a
/// number of agent tags of its own, which its report must count.
#[test]
fn spec_folder_reports_stay_with_their_files_on_every_thread() {
    let dir = tmp();
    let names = ["prd.md", "recovery.md", "research.md", "tasks.md"];
    let mut expected = Vec::new();
    for folder in 0..24 {
        for (k, name) in names.iter().enumerate() {
            let leaks = 1 + (folder + k) % 5;
            let mut text = String::from("# Notes\n\n");
            for _ in 0..leaks {
                text.push_str("A line with <function_calls> left in it.\n\n");
            }
            let rel = format!("specs/active/f{folder:02}/{name}");
            write(dir.path(), &rel, text);
            expected.push((rel, leaks));
        }
    }
    for threads in ["1", "2", "3"] {
        let out = command(dir.path(), &["check", "--all-markdown", "-f", "json", "."])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("run specmark");
        let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
        // In path order, each entry the report of the file it names.
        let want: Vec<&str> = expected.iter().map(|(rel, _)| rel.as_str()).collect();
        assert_eq!(paths(&report), want, "{threads} threads");
        for (rel, leaks) in &expected {
            let found = named(file(&report, rel), "agent-artifact").len();
            assert_eq!(found, *leaks, "{rel} with {threads} threads");
        }
    }
}

/// The rules that report absent files and paths answer the same wherever the user stands:
/// `check .`, `check specs/` and the same from the folder above list the workspaces fully.
#[test]
fn missing_file_rules_do_not_depend_on_where_you_stand() {
    let d = tmp();
    let p = d.path();
    write(
        p,
        "repo/specs/active/x/prd.md",
        "# PRD: X\n\n**Workspace**: specs/active/x/\n\nSee specs/active/y/prd.md for the old design.\n",
    );
    let found = |dir: &Path, arg: &str| -> Vec<String> {
        let v = json(&run(dir, &["check", arg, "-f", "json"]));
        let mut names: Vec<String> = v["files"]
            .as_array()
            .expect("files")
            .iter()
            .flat_map(|f| f["diagnostics"].as_array().cloned().unwrap_or_default())
            .map(|d| d["name"].as_str().unwrap_or("").to_string())
            .filter(|n| n == "workspace-missing-file" || n == "stale-path")
            .collect();
        names.sort();
        names
    };
    let root = p.join("repo");
    let here = found(&root, ".");
    assert!(here.contains(&"stale-path".to_string()), "{here:?}");
    assert_eq!(
        here.iter()
            .filter(|n| *n == "workspace-missing-file")
            .count(),
        4
    );
    assert_eq!(found(&root, "specs"), here);
    assert_eq!(found(&root, "specs/"), here);
    assert_eq!(found(p, "repo/specs"), here);
}

/// Each family's example folder, checked where it stands, reports the defects its README
/// names, across the documents of the folder.
#[test]
fn family_examples_find_their_defects() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let cases: [(&str, &[(&str, &str)]); 3] = [
        (
            "speckit",
            &[
                ("specs/012-team-invites/tasks.md", "unknown-requirement"),
                ("specs/012-team-invites/tasks.md", "parallel-conflict"),
                ("specs/012-team-invites/spec.md", "uncovered-requirement"),
                ("specs/012-team-invites/spec.md", "requirement-keyword"),
                (
                    "specs/012-team-invites/checklists/requirements.md",
                    "claim-mismatch",
                ),
            ],
        ),
        (
            "kiro",
            &[
                (".kiro/specs/price-alerts/requirements.md", "ears-criterion"),
                (
                    ".kiro/specs/price-alerts/requirements.md",
                    "uncovered-requirement",
                ),
                (".kiro/specs/price-alerts/tasks.md", "unknown-requirement"),
                (".kiro/specs/price-alerts/tasks.md", "parent-child-state"),
            ],
        ),
        (
            "openspec",
            &[
                (
                    "openspec/changes/add-login-limits/proposal.md",
                    "proposal-shape",
                ),
                (
                    "openspec/changes/add-login-limits/specs/auth/spec.md",
                    "delta-shape",
                ),
                (
                    "openspec/changes/add-login-limits/specs/auth/spec.md",
                    "missing-scenario",
                ),
                (
                    "openspec/changes/add-login-limits/specs/auth/spec.md",
                    "requirement-keyword",
                ),
            ],
        ),
    ];
    for (family, wanted) in cases {
        let v = json(&run(&root.join(family), &["check", ".", "-f", "json"]));
        for (path, rule) in wanted {
            assert!(
                !named(file(&v, path), rule).is_empty(),
                "{family}: {path} has no {rule} finding"
            );
        }
    }
    // The optional property test under a ticked Kiro task is not an open sub-task.
    let v = json(&run(&root.join("kiro"), &["check", ".", "-f", "json"]));
    let states = named(
        file(&v, ".kiro/specs/price-alerts/tasks.md"),
        "parent-child-state",
    );
    assert_eq!(states.len(), 1, "{states:?}");
    assert_eq!(states[0]["range"]["start"]["line"], 7);
}

/// A change folder checked on its own is still read with the current spec its delta
/// changes (outside the folder), so a MODIFIED requirement that matches nothing is found.
#[test]
fn openspec_change_is_read_with_the_current_spec() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/openspec");
    let v = json(&run(
        &root,
        &["check", "openspec/changes/add-login-limits", "-f", "json"],
    ));
    let delta = file(&v, "openspec/changes/add-login-limits/specs/auth/spec.md");
    let shape = named(delta, "delta-shape");
    assert_eq!(shape.len(), 1, "{shape:?}");
    assert!(shape[0]["message"]
        .as_str()
        .unwrap()
        .contains("openspec/specs/auth/spec.md"));
    // The current spec is read, not reported: only the change's files are listed.
    assert!(paths(&v).iter().all(|p| p.starts_with("openspec/changes/")));
}

/// `phantom-completion` answers only when the whole repository is listed: `check .` at a
/// folder holding `.git`.
#[test]
fn phantom_completion_needs_the_repository() {
    let d = tmp();
    write(d.path(), "src/invites/model.py", "class Invite: ...\n");
    write(
        d.path(),
        "specs/001-invites/tasks.md",
        "# Tasks\n\n- [x] T001 Invite model in src/invites/model.py\n- [x] T002 Accept handler in src/invites/accept.py\n- [ ] T003 Email in src/invites/email.py\n",
    );
    let phantoms = |dir: &Path, args: &[&str]| -> Vec<u64> {
        let v = json(&run(dir, args));
        named(file(&v, "specs/001-invites/tasks.md"), "phantom-completion")
            .iter()
            .map(|d| d["range"]["start"]["line"].as_u64().unwrap())
            .collect()
    };
    assert!(
        phantoms(d.path(), &["check", ".", "-f", "json"]).is_empty(),
        "not a repository"
    );
    std::fs::create_dir(d.path().join(".git")).expect("mkdir .git");
    assert_eq!(phantoms(d.path(), &["check", ".", "-f", "json"]), [3]);
    // From a folder below the root the repository is not listed: no answer.
    let v = json(&run(&d.path().join("specs"), &["check", ".", "-f", "json"]));
    assert!(named(file(&v, "001-invites/tasks.md"), "phantom-completion").is_empty());
}
