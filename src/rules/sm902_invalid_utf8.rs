//! `invalid-utf8`: the file is not UTF-8 text.

use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports that a file is not valid UTF-8 (or contains NUL bytes, as binary files do),
    /// so it was not linted. The message gives the byte offset of the first bad byte.
    ///
    /// ## Why
    /// Markdown spec documents are UTF-8 text; anything else is a binary file with a `.md`
    /// name or a file saved in a legacy encoding, which every Markdown tool will misread.
    ///
    /// ## Example
    /// A `prd.md` saved as Latin-1 with `é` stored as the single byte `0xE9`.
    ///
    /// ## How to fix
    /// Re-save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`).
    pub static RULE = {
        code: "SM902",
        name: "invalid-utf8",
        summary: "File is not valid UTF-8 text and was not linted",
        category: Category::Structure,
        tags: &["engine"],
        kinds: &[],
        severity: Severity::Error,
        fixable: false,
        options: &[],
        check: |_, _| {},
    }
}
