//! Every regular expression literal in the source compiles, and uses no Unicode property
//! class (`\p{L}`, `\P{..}`): the crate enables only the `unicode-perl` and `unicode-case`
//! regex features to keep the wasm small, so such a class would panic when the rule using it
//! first runs. Test builds cannot show that panic by compiling alone: a dev-dependency turns
//! on every Unicode feature of `regex` for tests, hence the explicit check.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Raw string literals passed to `Regex::new(` (`r"..."`, `r#"..."#`) and plain ones.
fn regex_literals(src: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = src[at..].find("Regex::new(") {
        let start = at + i + "Regex::new(".len();
        at = start;
        let rest = src[start..].trim_start();
        let lit_start = src.len() - rest.len();
        let line = src[..lit_start].matches('\n').count() + 1;
        if let Some(r) = rest.strip_prefix('r') {
            let hashes = r.bytes().take_while(|&b| b == b'#').count();
            let body = &r[hashes..];
            let Some(body) = body.strip_prefix('"') else {
                continue;
            };
            let close = format!("\"{}", "#".repeat(hashes));
            if let Some(end) = body.find(&close) {
                out.push((line, body[..end].to_string()));
            }
        } else if let Some(body) = rest.strip_prefix('"') {
            // A plain literal: unescape the few escapes regexes use.
            let mut s = String::new();
            let mut chars = body.chars();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => match chars.next() {
                        Some('\\') => s.push('\\'),
                        Some('"') => s.push('"'),
                        Some('n') => s.push('\n'),
                        Some('t') => s.push('\t'),
                        Some(o) => {
                            s.push('\\');
                            s.push(o)
                        }
                        None => break,
                    },
                    c => s.push(c),
                }
            }
            out.push((line, s));
        }
    }
    out
}

#[test]
fn every_regex_literal_compiles() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut count = 0;
    let mut failures = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        for (line, pattern) in regex_literals(&src) {
            count += 1;
            if pattern.contains("\\p{") || pattern.contains("\\P{") {
                failures.push(format!(
                    "{}:{line}: Unicode property classes need a regex feature specmark does not enable; use \\w or char methods",
                    f.display()
                ));
            }
            if let Err(e) = regex::Regex::new(&pattern) {
                failures.push(format!("{}:{line}: {e}", f.display()));
            }
        }
    }
    assert!(
        count > 5,
        "found only {count} regex literals; is the scanner broken?"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
