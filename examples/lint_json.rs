//! Print the JSON `FileReport`s of the given files, as the native library computes them: the
//! reference the wasm package is compared against (tests/js/wasm.test.mjs). `--bench` times
//! files one by one (the benchmarks proper are `npm run bench`, see BENCHMARKS.md).
//!
//! ```text
//! cargo run --example lint_json -- [--config FILE] [--kind KIND] FILE...
//! cargo run --example lint_json -- [--config FILE] --workspace [--known-from DIR] FILE...
//! cargo run --example lint_json -- [--config FILE] [--kind KIND] --fix [--unsafe] FILE...
//! cargo run --release --example lint_json -- --bench RUNS FILE...
//! ```
//!
//! Paths are reported as given. `--workspace` lints the files together (cross-document
//! rules) the way the wasm `lintWorkspace` does: without `--known-from` only the given files
//! are known; with it every path below DIR (relative to DIR) is, as a complete listing (the
//! wasm `knownPaths` option). `--fix` prints a JSON array of the fixed texts instead of
//! reports. `--bench RUNS` prints, per file, the median and the first lint time in
//! microseconds.

use specmark::{fix_text, lint, lint_bytes, lint_workspace, Config, Kind, LintOptions};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

struct Args {
    config: Config,
    kind: Option<Kind>,
    workspace: bool,
    known_from: Option<String>,
    fix: bool,
    unsafe_fixes: bool,
    bench: Option<usize>,
    files: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        config: Config::default(),
        kind: None,
        workspace: false,
        known_from: None,
        fix: false,
        unsafe_fixes: false,
        bench: None,
        files: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--config" => {
                let path = it.next().ok_or("--config needs a file")?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                args.config = Config::from_toml(&text, Some(&path)).map_err(|e| e.to_string())?;
            }
            "--kind" => {
                let name = it.next().ok_or("--kind needs a kind name")?;
                args.kind = Some(Kind::from_name(&name).ok_or(format!("unknown kind {name}"))?);
            }
            "--workspace" => args.workspace = true,
            "--known-from" => args.known_from = Some(it.next().ok_or("--known-from needs a dir")?),
            "--fix" => args.fix = true,
            "--unsafe" => args.unsafe_fixes = true,
            "--bench" => {
                let n = it.next().ok_or("--bench needs a number of runs")?;
                args.bench = Some(n.parse().map_err(|_| format!("bad run count {n}"))?);
            }
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => args.files.push(a),
        }
    }
    Ok(args)
}

/// Every file and folder below `dir`, relative to `root`, `/`-separated.
fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in entries.filter_map(Result::ok) {
        let p = e.path();
        if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
        if p.is_dir() {
            walk(root, &p, out)?;
        }
    }
    Ok(())
}

fn read(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{path}: {e}"))
}

fn bench(args: &Args, runs: usize) -> Result<(), String> {
    for path in &args.files {
        let bytes = read(path)?;
        let text = String::from_utf8(bytes).map_err(|_| format!("{path}: not UTF-8"))?;
        let opts = LintOptions {
            path: Some(path),
            kind: args.kind,
            config: &args.config,
        };
        let mut times = Vec::with_capacity(runs);
        let mut findings = 0;
        for _ in 0..runs.max(1) {
            let t = Instant::now();
            let linted = lint(&text, &opts);
            findings = std::hint::black_box(linted.report()).diagnostics.len();
            times.push(t.elapsed().as_secs_f64() * 1e6);
        }
        let first = times[0];
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        println!(
            "{{\"path\":{},\"bytes\":{},\"runs\":{},\"firstUs\":{first:.1},\"medianUs\":{median:.1},\"findings\":{findings}}}",
            serde_json::Value::from(path.as_str()),
            text.len(),
            times.len()
        );
    }
    Ok(())
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    if let Some(runs) = args.bench {
        return bench(&args, runs);
    }
    if args.fix {
        let mut out = Vec::new();
        for path in &args.files {
            let text = String::from_utf8(read(path)?).map_err(|_| format!("{path}: not UTF-8"))?;
            let opts = LintOptions {
                path: Some(path),
                kind: args.kind,
                config: &args.config,
            };
            out.push(fix_text(&text, &opts, args.unsafe_fixes).output);
        }
        let json = serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?;
        println!("{json}");
        return Ok(());
    }
    let reports = if args.workspace {
        let mut files = Vec::new();
        for path in &args.files {
            let text = String::from_utf8(read(path)?).map_err(|_| format!("{path}: not UTF-8"))?;
            files.push((path.clone(), text));
        }
        match &args.known_from {
            Some(dir) => {
                let mut known = Vec::new();
                walk(Path::new(dir), Path::new(dir), &mut known)?;
                lint_workspace(&files, known, true, &args.config)
            }
            None => lint_workspace(&files, args.files.clone(), false, &args.config),
        }
    } else {
        let mut out = Vec::new();
        for path in &args.files {
            let opts = LintOptions {
                path: Some(path),
                kind: args.kind,
                config: &args.config,
            };
            out.push(lint_bytes(&read(path)?, &opts));
        }
        out
    };
    let json = serde_json::to_string_pretty(&reports).map_err(|e| e.to_string())?;
    println!("{json}");
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lint_json: {e}");
            ExitCode::from(2)
        }
    }
}
