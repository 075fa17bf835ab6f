//! `unused-suppression`: a `specmark-disable` comment that suppresses nothing.

use crate::rules::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports a suppression comment (`<!-- specmark-disable NAME -->`,
    /// `specmark-disable-next-line`, `specmark-disable-line`, `specmark-disable-file`) that
    /// suppressed no finding, or that names a rule that does not exist.
    ///
    /// ## Why
    /// A stale suppression hides the next real finding of that rule without anyone noticing,
    /// and a misspelled rule name suppresses nothing at all.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- specmark-disable-next-line word-count -->
    /// # PRD: Login (already 2,400 words long)
    /// ```
    ///
    /// ## How to fix
    /// Delete the comment, or correct the rule name. The engine reports this rule itself
    /// after the other rules have run.
    pub static RULE = {
        code: "SM900",
        name: "unused-suppression",
        summary: "A suppression comment that suppresses nothing or names an unknown rule",
        category: Category::Consistency,
        tags: &["engine"],
        kinds: &[],
        severity: Severity::Warning,
        fixable: true,
        options: &[],
        check: |_, _| {},
    }
}
