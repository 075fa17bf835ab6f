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

/// Options accepted by `lint`, `lintWorkspace` and `fix`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct JsOptions {
    path: Option<String>,
    kind: Option<String>,
    /// A `.specmark.toml` as TOML text, or the same structure as an object.
    config: Option<serde_json::Value>,
    #[serde(rename = "unsafe", default)]
    unsafe_fixes: bool,
}

struct Resolved {
    path: Option<String>,
    kind: Option<Kind>,
    config: Config,
    unsafe_fixes: bool,
}

fn error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

fn options(value: JsValue) -> Result<Resolved, JsError> {
    let opts: JsOptions = if value.is_undefined() || value.is_null() {
        JsOptions::default()
    } else {
        serde_wasm_bindgen::from_value(value)
            .map_err(|e| error(format!("specmark: invalid options: {e}")))?
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
    Ok(Resolved {
        path: opts.path,
        kind,
        config: config_from(opts.config)?,
        unsafe_fixes: opts.unsafe_fixes,
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
pub fn lint(text: &str, options_value: JsValue) -> Result<JsValue, JsError> {
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
    to_js(&linted.report())
}

/// Lint several documents together (cross-document rules): `files` maps path → text.
/// Returns one report per file, in the order of the object's keys.
#[wasm_bindgen(js_name = lintWorkspace)]
pub fn lint_workspace(files: JsValue, options_value: JsValue) -> Result<JsValue, JsError> {
    let o = options(options_value)?;
    let map: indexmap_free::OrderedMap = serde_wasm_bindgen::from_value(files).map_err(|e| {
        error(format!(
            "specmark: lintWorkspace expects an object of path → text: {e}"
        ))
    })?;
    let files = map.0;
    let known: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    to_js(&lint_files(&files, known, false, &o.config))
}

/// Apply fixes (safe ones; unsafe ones too with `{ unsafe: true }`) and return the text.
#[wasm_bindgen]
pub fn fix(text: &str, options_value: JsValue) -> Result<String, JsError> {
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

#[derive(Serialize)]
struct ConfigCheck {
    ok: bool,
    message: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
}

/// Validate `.specmark.toml` text: `{ ok, message, line, column }` (1-based positions).
#[wasm_bindgen(js_name = checkConfig)]
pub fn check_config(text: &str) -> Result<JsValue, JsError> {
    let result = match Config::from_toml(text, None) {
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
