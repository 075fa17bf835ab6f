//! `agent-artifact`: leaked AI-agent tool-call markup outside code blocks.

use crate::rules::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Finds AI-agent tool-call markup that leaked into the document outside code blocks and
    /// code spans: `<function_calls>`, `<invoke name="...">`, `<parameter name="...">`,
    /// `</parameter>`, `</invoke>`, `<function_results>`.
    ///
    /// ## Why
    /// When an agent writes a document and a tool call is interrupted, the call's markup ends
    /// up in the file, often splitting a heading or a sentence in two. Markdown renders it as
    /// invisible HTML, so nobody notices until the document is read by another tool.
    ///
    /// ## Example
    /// ```markdown
    /// ## Correctn<function_calls><invoke name="prework">
    /// ess Properties
    /// ```
    ///
    /// ## How to fix
    /// Delete the markup and rejoin what it split. Markup inside fenced code blocks or code
    /// spans (for example documentation of an agent protocol) is never reported.
    pub static RULE = {
        code: "SM005",
        name: "agent-artifact",
        summary: "Leaked agent tool-call markup outside code",
        category: Category::Structure,
        tags: &["generic", "agents"],
        kinds: &[],
        severity: Severity::Error,
        fixable: false,
        options: &[],
        check: check,
    }
}

static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"</?(?:[a-z]+:)?(?:function_calls|function_results|invoke|parameter)\b[^<>\n]{0,200}>?",
    )
    .expect("static regex")
});

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let src = doc.source;
    for line in doc.line_index.lines_containing(src, &["<"]) {
        let r = doc.line_index.line_range(src, line);
        let text = &src[r.clone()];
        if doc.in_code(r.start) {
            continue;
        }
        // One finding per line: the first leaked tag, whose message names it.
        if let Some(m) = MARKUP
            .find_iter(text)
            .find(|m| !doc.in_code_span(r.start + m.start()))
        {
            let range = r.start + m.start()..r.start + m.end();
            out.push(
                cx.diag(
                    range,
                    format!(
                        "agent tool-call markup `{}` leaked into the document",
                        m.as_str()
                    ),
                )
                .with_help("delete the markup and rejoin the text it split"),
            );
        }
    }
}
