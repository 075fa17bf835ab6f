//! The WebAssembly edge: a few free functions, typed through serde-wasm-bindgen, that never
//! panic on any input. Errors (bad options, bad configuration) become JavaScript `Error`s
//! with a clear message.
//!
//! Trap recovery: should a bug still panic, the module traps (`RuntimeError: unreachable`)
//! and its memory may be left mid-update, so hosts (the language server, the browser page)
//! must drop that instance, instantiate the module again and re-lint. To test that path,
//! a build with the cargo feature `test-panic` (off by default, never in a release build)
//! also exports `testPanic()`, which always panics.

use crate::config::Config;
use crate::kind::Kind;
use crate::lint::{
    fix_text, lint as lint_text, lint_workspace as lint_files, unlintable, LintOptions,
};
use crate::rules::RULES;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// Installs the panic hook so a bug shows a readable message in the console. Not named
/// `init`: the web target's loader already exports `init`.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Options accepted by `lint`, `lintWorkspace` and `fix`. Every function accepts every key
/// (one options object can be shared); each uses the keys that concern it.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct JsOptions {
    path: Option<String>,
    kind: Option<String>,
    /// A profile name (`goe-prd`, `generic-prd`, a `[[profiles]]` name): forces it.
    profile: Option<String>,
    /// A `.specmark.toml` as TOML text, or the same structure as an object.
    config: Option<serde_json::Value>,
    #[serde(rename = "unsafe", default)]
    unsafe_fixes: bool,
    /// `lintWorkspace` only: every path of the tree (for `stale-path`), as a complete listing.
    known_paths: Option<Vec<String>>,
    /// `lintWorkspace` only: whether `knownPaths` lists the whole tree (default: true when
    /// given). A listing of one folder is not complete: rules that report absent files
    /// (`phantom-completion`) then stay silent.
    complete_listing: Option<bool>,
    /// The text of each `[[profiles]]` `template` file of `config`, by the path written
    /// there (hosts that read files pass them; `configInfo` lists which).
    templates: Option<std::collections::BTreeMap<String, String>>,
}

struct Resolved {
    path: Option<String>,
    kind: Option<Kind>,
    config: Config,
    unsafe_fixes: bool,
    known_paths: Option<Vec<String>>,
    complete_listing: Option<bool>,
}

fn error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

fn options(value: JsValue) -> Result<Resolved, JsError> {
    let opts: JsOptions = if value.is_undefined() || value.is_null() {
        JsOptions::default()
    } else if !value.is_object() || value.is_array() {
        return Err(error(
            "specmark: options must be an object like { path, kind, config, unsafe, knownPaths }",
        ));
    } else {
        // Through a JSON value: serde-wasm-bindgen reads only the fields a struct names, so
        // `deny_unknown_fields` would never see a misspelled key.
        let invalid = |e: &dyn std::fmt::Display| error(format!("specmark: invalid options: {e}"));
        let json: serde_json::Value =
            serde_wasm_bindgen::from_value(value).map_err(|e| invalid(&e))?;
        serde_json::from_value(json).map_err(|e| invalid(&e))?
    };
    let kind = match opts.kind.as_deref() {
        None | Some("") | Some("auto") => None,
        Some(name) => Some(Kind::from_name(name).ok_or_else(|| {
            let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
            error(format!(
                "specmark: unknown kind \"{name}\"; expected one of: auto, {}",
                names.join(", ")
            ))
        })?),
    };
    let mut config = config_from(opts.config)?;
    fill_templates(&mut config, opts.templates.as_ref(), ".specmark.toml")
        .map_err(|m| error(format!("specmark: invalid config: {m}")))?;
    match opts.profile.as_deref() {
        None | Some("") | Some("auto") => {}
        Some(name) => config.profile = Some(name.to_string()),
    }
    config
        .check_profiles()
        .map_err(|e| error(format!("specmark: {}", e.message)))?;
    Ok(Resolved {
        path: opts.path,
        kind,
        config,
        unsafe_fixes: opts.unsafe_fixes,
        known_paths: opts.known_paths,
        complete_listing: opts.complete_listing,
    })
}

/// Give each `[[profiles]]` entry with a `template` path the text the host read for it.
/// Without `templates` the profiles keep no template text (a host that reads no files).
fn fill_templates(
    config: &mut Config,
    templates: Option<&std::collections::BTreeMap<String, String>>,
    shown: &str,
) -> Result<(), String> {
    let Some(templates) = templates else {
        return Ok(());
    };
    config.fill_templates(shown, |name, rel| {
        templates.get(rel).cloned().ok_or_else(|| {
            format!(
                "{shown}: profile \"{name}\": the text of template {rel} was not given (options.templates)"
            )
        })
    })
}

/// The document text argument: a string, or a clear error (never a coerced "undefined").
fn text_arg(value: &JsValue, function: &str) -> Result<String, JsError> {
    if value.is_instance_of::<js_sys::Uint8Array>() {
        return Err(error(format!(
            "specmark: {function}(text, options) expects the document text as a string (lint accepts bytes)"
        )));
    }
    value.as_string().ok_or_else(|| {
        error(format!(
            "specmark: {function}(text, options) expects the document text as a string"
        ))
    })
}

fn config_from(value: Option<serde_json::Value>) -> Result<Config, JsError> {
    match value {
        None | Some(serde_json::Value::Null) => Ok(Config::default()),
        Some(serde_json::Value::String(text)) => Config::from_toml(&text, Some(".specmark.toml"))
            .map_err(|e| error(format!("specmark: invalid config: {e}"))),
        Some(v) => serde_json::from_value::<Config>(v)
            .map_err(|e| error(format!("specmark: invalid config: {e}"))),
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| error(format!("specmark: could not return the result: {e}")))
}

/// Lint one document: `{ path, kind, kindSource, linted, score, grade, categories, words,
/// diagnostics }`.
#[wasm_bindgen]
pub fn lint(text: JsValue, options_value: JsValue) -> Result<JsValue, JsError> {
    // Bytes read from a file: not UTF-8 text gives the `invalid-utf8` finding.
    if let Some(bytes) = text.dyn_ref::<js_sys::Uint8Array>() {
        let o = options(options_value)?;
        let report = crate::lint::lint_bytes(
            &bytes.to_vec(),
            &LintOptions {
                path: o.path.as_deref(),
                kind: o.kind,
                config: &o.config,
            },
        );
        return to_js(&report);
    }
    let text = &text_arg(&text, "lint")?;
    let o = options(options_value)?;
    if let Some(report) = unlintable(text, &o.config) {
        return to_js(&report.with_path(o.path.as_deref()));
    }
    let linted = lint_text(
        text,
        &LintOptions {
            path: o.path.as_deref(),
            kind: o.kind,
            config: &o.config,
        },
    );
    to_js(&linted.into_report())
}

/// Lint several documents together (cross-document rules): `files` maps path → text.
/// Returns one report per file, in the order of the object's keys. With `knownPaths` the
/// listing of the tree is complete, so `stale-path` can report paths that do not exist.
#[wasm_bindgen(js_name = lintWorkspace)]
pub fn lint_workspace(files: JsValue, options_value: JsValue) -> Result<JsValue, JsError> {
    let o = options(options_value)?;
    let map: indexmap_free::OrderedMap = serde_wasm_bindgen::from_value(files).map_err(|e| {
        error(format!(
            "specmark: lintWorkspace expects an object of path → text: {e}"
        ))
    })?;
    let files = map.0;
    let complete = o.complete_listing.unwrap_or(o.known_paths.is_some());
    let known: Vec<String> = o
        .known_paths
        .unwrap_or_else(|| files.iter().map(|(p, _)| p.clone()).collect());
    to_js(&lint_files(&files, known, complete, &o.config))
}

/// Apply fixes (safe ones; unsafe ones too with `{ unsafe: true }`) and return the text.
#[wasm_bindgen]
pub fn fix(text: JsValue, options_value: JsValue) -> Result<String, JsError> {
    let text = &text_arg(&text, "fix")?;
    let o = options(options_value)?;
    let out = fix_text(
        text,
        &LintOptions {
            path: o.path.as_deref(),
            kind: o.kind,
            config: &o.config,
        },
        o.unsafe_fixes,
    );
    Ok(out.output)
}

/// Hands in the Python parser (`snippet-syntax`): an object whose `parse(source)` is the
/// export of the `specmark-python` wasm module. The JavaScript wrappers load that module the
/// first time a lint needs it ([`python_pending`]) and call this.
#[cfg(not(feature = "python"))]
#[wasm_bindgen(js_name = setPythonParser)]
pub fn set_python_parser(parser: crate::python::host::PythonParser) {
    crate::python::host::set_parser(parser);
}

/// Tells the engine how loading the Python parser goes: `"loading"`, `"not-loaded"`, or the
/// reason it failed. Until a parser is set, `snippet-syntax` reports one info finding that
/// says so instead of checking.
#[cfg(not(feature = "python"))]
#[wasm_bindgen(js_name = setPythonStatus)]
pub fn set_python_status(status: &str) {
    crate::python::host::set_status(status);
}

/// Whether a lint since the last call had python snippets to check and no parser (not loaded
/// yet, or loading): the host should load the parser module and lint again.
#[cfg(not(feature = "python"))]
#[wasm_bindgen(js_name = pythonPending)]
pub fn python_pending() -> bool {
    crate::python::host::take_wanted()
}

/// Metadata and documentation of every rule.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    let infos: Vec<_> = RULES.iter().map(|r| r.info()).collect();
    to_js(&infos)
}

#[derive(Serialize)]
struct KindInfo {
    name: &'static str,
    label: &'static str,
}

/// Every document kind with a human label.
#[wasm_bindgen]
pub fn kinds() -> Result<JsValue, JsError> {
    let infos: Vec<KindInfo> = Kind::ALL
        .iter()
        .map(|k| KindInfo {
            name: k.name(),
            label: k.label(),
        })
        .collect();
    to_js(&infos)
}

/// Where a document's feature folder is (`specs/001-x`, `.kiro/specs/x`,
/// `openspec/changes/x`, `specs/active/x`) and which files outside it belong to its
/// workspace (an OpenSpec delta's current capability spec): a host lints them together.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FolderInfo {
    folder: Option<String>,
    related: Vec<String>,
}

/// The feature folder of a `/`-separated path, and the related files outside it.
#[wasm_bindgen(js_name = featureFolder)]
pub fn feature_folder(path: JsValue) -> Result<JsValue, JsError> {
    let path = path
        .as_string()
        .ok_or_else(|| error("specmark: featureFolder expects a path string"))?;
    let path = path.replace('\\', "/");
    let info = FolderInfo {
        folder: crate::kind::feature_folder(&path).map(str::to_string),
        related: crate::kind::openspec_current_spec(&path)
            .filter(|_| crate::kind::kind_from_path(&path) == Some(Kind::OpenspecDelta))
            .into_iter()
            .collect(),
    };
    to_js(&info)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProfileInfo {
    name: String,
    label: String,
    kind: &'static str,
}

/// Every built-in profile (document family) with its label and kind.
#[wasm_bindgen]
pub fn profiles() -> Result<JsValue, JsError> {
    let infos: Vec<ProfileInfo> = crate::profile::builtin_profiles()
        .iter()
        .map(|p| ProfileInfo {
            name: p.name.clone(),
            label: p.label.clone(),
            kind: p.kind.name(),
        })
        .collect();
    to_js(&infos)
}

#[derive(Serialize)]
struct ConfigCheck {
    ok: bool,
    message: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
}

/// Validate `.specmark.toml` text: `{ ok, message, line, column }` (1-based positions).
#[wasm_bindgen(js_name = checkConfig)]
pub fn check_config(text: JsValue) -> Result<JsValue, JsError> {
    let text = value_as_toml(&text)?;
    let result = match Config::from_toml(&text, None) {
        Ok(_) => ConfigCheck {
            ok: true,
            message: None,
            line: None,
            column: None,
        },
        Err(e) => ConfigCheck {
            ok: false,
            message: Some(e.message.clone()),
            line: e.line,
            column: e.column,
        },
    };
    to_js(&result)
}

/// Test-only (feature `test-panic`): panics, so the module traps. Hosts use it to check
/// that they re-instantiate the module and that the next lint works.
#[cfg(feature = "test-panic")]
#[wasm_bindgen(js_name = testPanic)]
pub fn test_panic() {
    panic!("specmark: testPanic() was called (a test-only export of the test-panic feature)");
}

/// The specmark version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

fn value_as_toml(value: &JsValue) -> Result<String, JsError> {
    value.as_string().ok_or_else(|| {
        error("specmark: checkConfig(tomlText) expects the .specmark.toml text as a string")
    })
}

/// A JS object's entries in insertion order (serde maps would sort them).
mod indexmap_free {
    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
    use std::fmt;

    pub struct OrderedMap(pub Vec<(String, String)>);

    impl<'de> Deserialize<'de> for OrderedMap {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = OrderedMap;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("an object mapping file paths to their text")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedMap, A::Error> {
                    let mut out = Vec::new();
                    while let Some((k, v)) = map.next_entry::<String, String>()? {
                        out.push((k, v));
                    }
                    Ok(OrderedMap(out))
                }
            }
            d.deserialize_map(V)
        }
    }
}

/// Exports for hosts that read files themselves (the npm package's `specmark` command):
/// configuration files with their templates, and which paths a configuration excludes or
/// names a kind for. Built into the Node module only (feature `host`); the browser page
/// reads no files.
#[cfg(feature = "host")]
mod host {
    use super::{error, fill_templates, to_js, Config, JsError, JsValue};
    use serde::{Deserialize, Serialize};
    use wasm_bindgen::prelude::*;

    #[derive(Deserialize, Default)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    struct InfoOptions {
        /// The configuration file as messages name it.
        path: Option<String>,
        /// `--profile NAME`, checked against the configuration's profiles.
        profile: Option<String>,
        /// The texts of the templates (see `lint`'s `templates`); without them the
        /// configuration is only parsed and `templates` says which files to read.
        templates: Option<std::collections::BTreeMap<String, String>>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct TemplateRef {
        profile: String,
        path: String,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct ConfigInfo {
        ok: bool,
        /// The error as the CLI prints it (`.specmark.toml:7:1: unknown rule ...`).
        message: Option<String>,
        templates: Vec<TemplateRef>,
        max_file_size: usize,
        all_markdown: bool,
    }

    fn info_options(value: JsValue) -> Result<InfoOptions, JsError> {
        if value.is_undefined() || value.is_null() {
            return Ok(InfoOptions::default());
        }
        let json: serde_json::Value = serde_wasm_bindgen::from_value(value)
            .map_err(|e| error(format!("specmark: invalid options: {e}")))?;
        serde_json::from_value(json).map_err(|e| error(format!("specmark: invalid options: {e}")))
    }

    fn config_of(text: &JsValue, shown: &str) -> Result<Result<Config, String>, JsError> {
        if text.is_undefined() || text.is_null() {
            return Ok(Ok(Config::default()));
        }
        let text = text.as_string().ok_or_else(|| {
            error("specmark: configInfo(text, options) expects TOML text or null")
        })?;
        Ok(Config::from_toml(&text, Some(shown)).map_err(|e| e.to_string()))
    }

    /// A configuration file (TOML text, or `null` for the defaults) resolved as the CLI
    /// resolves it: `{ ok, message, templates, maxFileSize, allMarkdown }`.
    #[wasm_bindgen(js_name = configInfo)]
    pub fn config_info(text: JsValue, options: JsValue) -> Result<JsValue, JsError> {
        let o = info_options(options)?;
        let shown = o.path.clone().unwrap_or_else(|| ".specmark.toml".into());
        let defaults = text.is_undefined() || text.is_null();
        let mut config = match config_of(&text, &shown)? {
            Ok(c) => c,
            Err(message) => {
                return to_js(&ConfigInfo {
                    ok: false,
                    message: Some(message),
                    templates: Vec::new(),
                    max_file_size: 0,
                    all_markdown: false,
                })
            }
        };
        let templates = config
            .profiles
            .iter()
            .filter_map(|p| {
                p.template.as_ref().map(|t| TemplateRef {
                    profile: p.name.clone(),
                    path: t.clone(),
                })
            })
            .collect::<Vec<_>>();
        let mut message = None;
        if o.templates.is_some() || templates.is_empty() {
            let resolved =
                fill_templates(&mut config, o.templates.as_ref(), &shown).and_then(|()| {
                    if o.profile.is_some() {
                        config.profile = o.profile.clone();
                    }
                    config.check_profiles().map_err(|e| {
                        if defaults {
                            e.to_string()
                        } else {
                            format!("{shown}: {}", e.message)
                        }
                    })
                });
            message = resolved.err();
        }
        to_js(&ConfigInfo {
            ok: message.is_none(),
            message,
            templates,
            max_file_size: config.max_file_size,
            all_markdown: config.all_markdown,
        })
    }

    /// The report of a file that was not read (`file-too-large` from its size alone): one
    /// engine finding, as the CLI makes it.
    #[wasm_bindgen(js_name = engineReport)]
    pub fn engine_report(path: String, rule: String, message: String) -> Result<JsValue, JsError> {
        to_js(&crate::report::FileReport::engine_finding(
            Some(&path),
            &rule,
            message,
        ))
    }

    #[derive(Serialize)]
    struct PathInfo {
        excluded: bool,
        /// The kind the path alone gives (configuration globs, then file names).
        kind: Option<&'static str>,
    }

    /// For each `[relative to the configuration's folder, as displayed]` pair: whether the
    /// configuration's `exclude` matches it and the kind its path gives.
    #[wasm_bindgen(js_name = pathInfo)]
    pub fn path_info(text: JsValue, paths: JsValue) -> Result<JsValue, JsError> {
        let config = config_of(&text, ".specmark.toml")?
            .map_err(|m| error(format!("specmark: invalid config: {m}")))?;
        let pairs: Vec<(String, String)> = serde_wasm_bindgen::from_value(paths).map_err(|e| {
            error(format!(
                "specmark: pathInfo(config, paths) expects [relative, displayed] pairs: {e}"
            ))
        })?;
        let out: Vec<PathInfo> = pairs
            .iter()
            .map(|(rel, display)| PathInfo {
                excluded: config.excludes_file(rel, display),
                kind: config.path_kind(display).map(|k| k.name()),
            })
            .collect();
        to_js(&out)
    }
}
