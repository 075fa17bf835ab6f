//! `absolute-path`: a path into someone's home directory in steps meant for anyone.

use crate::rules::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Reports paths into a personal home directory: `/home/NAME/...`, `/Users/NAME/...`,
    /// `C:\Users\NAME\...` (also with `/`). Recovery notes and task lists are checked
    /// everywhere, code blocks included: the "Commands to Resume Work" block is exactly where
    /// such paths do harm.
    ///
    /// Generic example names are not reported: `user`, `username`, `you`, `me`, `name`,
    /// `runner` (GitHub Actions), `vscode` (dev containers) and the others in the
    /// `generic-names` option, and any name written as a placeholder (`<user>`, `{user}`,
    /// `$USER`, `[name]`). A path inside a URL (`https://host/home/x/`) is not a home
    /// directory.
    ///
    /// ## Why
    /// A recovery note is for whoever resumes the work: another person, another machine, a
    /// CI runner, an agent in a container. `cd /home/cody/code/gluent/goe` works on one
    /// laptop only; the other readers follow the steps and fail at the first command.
    ///
    /// ## Example
    /// ~~~markdown
    /// ## Commands to Resume Work
    /// ```bash
    /// cd /home/cody/code/gluent/goe
    /// ```
    /// ~~~
    ///
    /// ## How to fix
    /// Use a path relative to the repository root (`cd goe` or nothing at all: "from the
    /// repository root"), or `$HOME` / `~` when the location under the home directory is a
    /// convention everyone shares. In shell code blocks an unsafe fix replaces
    /// `/home/NAME` and `/Users/NAME` with `$HOME`; review it, since the rest of the path
    /// may still be particular to one machine.
    pub static RULE = {
        code: "SM404",
        name: "absolute-path",
        summary: "Path into a personal home directory",
        category: Category::Consistency,
        tags: &["recovery", "tasks"],
        kinds: &[Kind::Recovery, Kind::Tasks],
        severity: Severity::Warning,
        fixable: true,
        options: &[OptionSpec {
            name: "generic-names",
            doc: "User names that stand for anyone and are not reported (case-insensitive)",
            default: OptionDefault::StrList(&[
                "user",
                "username",
                "user-name",
                "your-username",
                "yourusername",
                "yourname",
                "your-name",
                "you",
                "me",
                "name",
                "example",
                "someone",
                "runner",
                "vscode",
            ]),
        }],
        check: check,
    }
}

/// A home-directory prefix and the user name in it.
static HOME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:/home/|/Users/|(?i:[a-z]):[\\/]+(?i:users)[\\/]+)([^\s/\\`'\x22<>(){}\[\]|,;:*?]+)[/\\]",
    )
    .expect("static regex")
});

/// What a line needs for [`HOME`] to match it (and for this rule to look at it).
fn may_match(text: &str) -> bool {
    text.contains("/home/")
        || (text.contains("sers") && (text.contains("/Users/") || drive_users(text)))
}

/// `:` then slashes then "users" in any case (`C:\\Users\\`), as `[\\/]+(?i:users)` needs.
fn drive_users(text: &str) -> bool {
    memchr::memchr_iter(b':', text.as_bytes()).any(|colon| {
        let rest = &text[colon + 1..];
        let after = rest.trim_start_matches(['/', '\\']);
        after.len() < rest.len()
            && after
                .chars()
                .zip("users".chars())
                .filter(|&(c, want)| {
                    c.to_ascii_lowercase() == want || (want == 's' && c == '\u{17f}')
                })
                .count()
                == 5
    })
}

const SHELL: &[&str] = &[
    "bash",
    "sh",
    "shell",
    "zsh",
    "console",
    "shell-session",
    "fish",
];

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.doc;
    let src = doc.source;
    let generic: Vec<String> = cx
        .str_list("generic-names")
        .iter()
        .map(|n| n.to_lowercase())
        .collect();
    // `may_match` needs one of these on the line.
    for line in doc.line_index.lines_containing(src, &["/home/", "sers"]) {
        let r = doc.line_index.line_range(src, line);
        let text = &src[r.clone()];
        if text.len() > 10_000 || !may_match(text) {
            continue;
        }
        for c in HOME.captures_iter(text) {
            let (Some(m), Some(name)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let prev = text[..m.start()].chars().next_back();
            // Inside a URL or a longer path (`https://host/home/x/`, `/srv/home/x/`).
            if prev.is_some_and(|p| p.is_alphanumeric() || matches!(p, '/' | '.' | '-' | '_' | '~'))
            {
                continue;
            }
            let user = name.as_str();
            if generic.contains(&user.to_lowercase())
                || user.starts_with(['$', '%', '<', '{', '['])
                || user.chars().all(|ch| ch == '.' || ch == '*')
            {
                continue;
            }
            let path_end = text[m.start()..]
                .find(|ch: char| {
                    ch.is_whitespace() || matches!(ch, '`' | '\'' | '"' | ')' | '>' | ']')
                })
                .map_or(text.len(), |i| m.start() + i);
            let range = r.start + m.start()..r.start + path_end;
            let home = &text[m.start()..name.end()];
            let mut d = cx
                .diag(
                    range,
                    format!(
                        "`{home}` is one person's home directory; these steps fail for anyone else"
                    ),
                )
                .with_help("use a path relative to the repository root, or `$HOME`");
            if in_shell_block(doc, r.start + m.start()) && !home.contains(':') {
                d = d.with_fix(Fix::unsafe_(
                    format!("replace `{home}` with `$HOME`"),
                    vec![Edit::replace(
                        r.start + m.start()..r.start + name.end(),
                        "$HOME",
                    )],
                ));
            }
            out.push(d);
        }
    }
}

/// `offset` is inside a fenced shell code block (or an unlabeled one).
fn in_shell_block(doc: &Document<'_>, offset: usize) -> bool {
    doc.code_blocks.iter().any(|b| {
        b.content_range.start <= offset
            && offset < b.content_range.end
            && b.lang.as_deref().is_none_or(|l| SHELL.contains(&l))
    })
}
