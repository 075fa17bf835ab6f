//! The Python parser behind specmark's `snippet-syntax` rule: the first syntax error of a
//! Python 3.12 module, as the byte offset where the parser stopped and its message.
//!
//! The main crate calls [`parse`] directly (feature `python`); the JavaScript front ends call
//! the same function through the wasm export of this crate, built as a module of its own
//! and loaded only when a document needs it. Everything around the parse (which blocks,
//! tolerances, budgets, wording, positions) stays in the main crate, so every front end
//! turns a parser result into the same finding.

/// The first syntax error of `source`: byte offset into `source` and the parser's message.
pub fn parse(source: &str) -> Result<(), (usize, String)> {
    rustpython_parser::parse(source, rustpython_parser::Mode::Module, "<snippet>")
        .map(|_| ())
        .map_err(|e| (u32::from(e.offset) as usize, e.error.to_string()))
}

/// The wasm export: `""` when `source` parses, else `"OFFSET\tMESSAGE"` (byte offset into
/// the UTF-8 of `source`).
#[cfg(feature = "wasm")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = parse)]
pub fn parse_js(source: &str) -> String {
    match parse(source) {
        Ok(()) => String::new(),
        Err((at, message)) => format!("{at}\t{message}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_the_first_error_with_its_offset() {
        assert_eq!(parse("x = 1\n"), Ok(()));
        let (at, message) = parse("x = 1\ndef f(:\n    pass\n").unwrap_err();
        assert_eq!(&"x = 1\ndef f(:\n    pass\n"[at..at + 1], ":");
        assert!(message.contains("invalid syntax"), "{message}");
    }

    #[cfg(feature = "wasm")]
    #[test]
    fn the_wasm_export_encodes_offset_and_message() {
        assert_eq!(parse_js("pass\n"), "");
        let out = parse_js("é = (\n");
        let (at, message) = out.split_once('\t').unwrap();
        assert!(at.parse::<usize>().is_ok() && !message.is_empty(), "{out}");
    }
}
