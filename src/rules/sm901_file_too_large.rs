//! `file-too-large`: a file over `max-file-size` is not linted.

use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports, once, that a file is larger than the configured `max-file-size` (10 MB by
    /// default) and was not linted.
    ///
    /// ## Why
    /// A spec document of that size is almost always generated output or a mistake; linting
    /// it would make an editor wait for no benefit.
    ///
    /// ## Example
    /// A 50 MB `tasks.md` produced by a runaway script.
    ///
    /// ## How to fix
    /// Split the document, exclude it (`exclude = ["path"]`), or raise `max-file-size`.
    pub static RULE = {
        code: "SM901",
        name: "file-too-large",
        summary: "File is larger than max-file-size and was not linted",
        category: Category::Structure,
        tags: &["engine"],
        kinds: &[],
        severity: Severity::Info,
        fixable: false,
        options: &[],
        check: |_, _| {},
    }
}
