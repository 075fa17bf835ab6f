//! The regex crate is built with `unicode-perl` and `unicode-case` only (wasm size), so a
//! Unicode class such as `\p{L}` fails to compile at run time. Tests cannot see that through
//! the regexes themselves: dev-dependencies enable more `regex-syntax` features in test and
//! bench builds, so a pattern that passes every test still panics in the shipped CLI and
//! wasm. This test reads the sources instead.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_unicode_classes_the_release_regex_build_lacks() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 10, "found only {} source files", files.len());
    let mut bad = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("source is UTF-8");
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            if code.contains(r"\p{") || code.contains(r"\P{") {
                bad.push(format!("{}:{}: {}", f.display(), n + 1, code));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "Unicode property classes need regex features specmark does not enable (the release \
         build panics on them; use \\w, \\d, \\s or code such as char::is_alphanumeric):\n{}",
        bad.join("\n")
    );
}
