//! Command-line front end (placeholder until the CLI lands).

pub fn run() -> i32 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = specmark::Config::default();
    let mut code = 0;
    for path in args {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                code = 2;
                continue;
            }
        };
        let report = specmark::lint_bytes(
            &bytes,
            &specmark::LintOptions {
                path: Some(&path),
                kind: None,
                config: &config,
            },
        );
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    }
    code
}
