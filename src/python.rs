//! Where the `snippet-syntax` rule gets its Python parser.
//!
//! - Native builds with the `python` feature (the CLI) link the `specmark-python` crate.
//! - The wasm builds leave the parser out (it would double the module the browser page
//!   downloads). The JavaScript host hands in the same crate compiled as a second wasm
//!   module, loaded only when a document has a python block: [`host`] keeps it, and
//!   remembers when a lint wanted it before it was there, so the host knows to load it.
//! - Other builds have no parser: the rule reports nothing.

/// Why a snippet could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// Built without a parser and without a host to provide one: the rule stays silent.
    NotBuilt,
    /// The host has not handed in the parser module (yet).
    NotLoaded,
    /// The host is loading the parser module.
    Loading,
    /// The host could not load the parser module: why.
    Failed(String),
}

/// The first syntax error of `source` (byte offset into it, the parser's message), or why
/// there is no parser.
pub fn parse(source: &str) -> Result<Result<(), (usize, String)>, Unavailable> {
    #[cfg(feature = "python")]
    {
        Ok(specmark_python::parse(source))
    }
    #[cfg(all(not(feature = "python"), feature = "wasm"))]
    {
        host::parse(source)
    }
    #[cfg(all(not(feature = "python"), not(feature = "wasm")))]
    {
        let _ = source;
        Err(Unavailable::NotBuilt)
    }
}

/// The parser a JavaScript host hands in (wasm builds without the `python` feature).
#[cfg(all(not(feature = "python"), feature = "wasm"))]
pub mod host {
    use super::Unavailable;
    use std::cell::{Cell, RefCell};
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// An object with `parse(source: string): string`: the export of the
        /// `specmark-python` module (`""`, or `"OFFSET\tMESSAGE"`).
        pub type PythonParser;
        #[wasm_bindgen(method, catch)]
        fn parse(this: &PythonParser, source: &str) -> Result<String, JsValue>;
    }

    enum State {
        NotLoaded,
        Loading,
        Failed(String),
        Ready(PythonParser),
    }

    thread_local! {
        static STATE: RefCell<State> = const { RefCell::new(State::NotLoaded) };
        static WANTED: Cell<bool> = const { Cell::new(false) };
    }

    pub fn set_parser(parser: PythonParser) {
        STATE.with(|s| *s.borrow_mut() = State::Ready(parser));
    }

    /// `loading`, `not-loaded`, or anything else: the reason loading failed.
    pub fn set_status(status: &str) {
        let state = match status {
            "loading" => State::Loading,
            "not-loaded" => State::NotLoaded,
            reason => State::Failed(reason.to_string()),
        };
        STATE.with(|s| *s.borrow_mut() = state);
    }

    /// Whether a lint since the last call wanted the parser and did not have it (the host
    /// then loads it and lints again).
    pub fn take_wanted() -> bool {
        WANTED.with(|w| w.replace(false))
    }

    pub(super) fn parse(source: &str) -> Result<Result<(), (usize, String)>, Unavailable> {
        let parser = STATE.with(|s| match &*s.borrow() {
            State::Ready(p) => Ok(JsValue::clone(p.as_ref()).unchecked_into::<PythonParser>()),
            State::NotLoaded => Err(Unavailable::NotLoaded),
            State::Loading => Err(Unavailable::Loading),
            State::Failed(r) => Err(Unavailable::Failed(r.clone())),
        });
        let parser = match parser {
            Ok(p) => p,
            Err(e) => {
                if matches!(e, Unavailable::NotLoaded | Unavailable::Loading) {
                    WANTED.with(|w| w.set(true));
                }
                return Err(e);
            }
        };
        let answer = match parser.parse(source) {
            Ok(a) => a,
            Err(e) => {
                // A lazily loaded module that cannot load (a missing file) or trapped: this
                // lint says why; the next one tries again (the host may have recovered).
                let reason = e
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .or_else(|| e.as_string())
                    .unwrap_or_else(|| "the parser module threw".to_string());
                return Err(Unavailable::Failed(reason));
            }
        };
        if answer.is_empty() {
            return Ok(Ok(()));
        }
        let parsed = answer.split_once('\t').and_then(|(at, message)| {
            // An offset the text does not have would misplace the finding: clamp it to a
            // character boundary.
            let at = crate::document::text::floor_char_boundary(source, at.parse().ok()?);
            Some((at, message.to_string()))
        });
        match parsed {
            Some(e) => Ok(Err(e)),
            None => Err(Unavailable::Failed(format!(
                "the parser module answered {answer:?}"
            ))),
        }
    }
}
