//! Native benchmark: the full rule set against the parser's limit, and the pathological set.
//!
//! - Throughput: for each input (the generated 20 KB, 1 MB and 5 MB documents, the shared
//!   corpus), the median time of a bare pulldown-cmark parse-and-walk with the model's parser
//!   options (the limit), of building the document model, and of the full lint (model, every
//!   rule, suppressions, score and the positioned report, as the CLI and wasm produce it).
//! - Pathological: every case of `tests/support/pathological.rs` at 10 KB, 100 KB and 1 MB.
//!
//! `cargo bench --bench native -- [--corpus DIR] [--shared DIR] [--json FILE] [--quick]
//! [--filter TEXT] [--skip-throughput] [--skip-pathological]` (`--filter` keeps the inputs
//! and pathological cases whose label contains TEXT).
//! `cargo bench --bench native -- --dump DIR` writes the pathological inputs as files.
//! `cargo bench --bench native -- --once full|model|baseline|read FILE [PATH]` runs one
//! pass and exits (for instruction counts under `valgrind --tool=callgrind`); with
//! `--repeat N` before it, N passes (for `perf record`).
//! `cargo bench --bench native -- --rules FILE [PATH]` prints where the time of one lint
//! goes: the walk, the model, each rule's check, suppressions, score and report (profiling).

#[path = "../tests/support/pathological.rs"]
mod pathological;

use pulldown_cmark::{Event, Parser};
use serde_json::{json, Value};
use specmark::document::parser_options;
use specmark::{lint_bytes, Config, Document, LintOptions};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const KB: usize = 1024;

/// The parser's limit: one pass over every event with its offset, touching the text.
fn baseline(text: &str) -> usize {
    let mut acc = 0usize;
    for (event, range) in Parser::new_ext(text, parser_options()).into_offset_iter() {
        acc = acc.wrapping_add(range.end - range.start);
        if let Event::Text(t) | Event::Code(t) = &event {
            acc = acc.wrapping_add(t.len());
        }
    }
    acc
}

fn full(text: &str, path: &str, config: &Config) -> usize {
    let opts = LintOptions {
        path: Some(path),
        kind: None,
        config,
    };
    lint_bytes(text.as_bytes(), &opts).diagnostics.len()
}

fn model(text: &str, path: &str) -> usize {
    Document::parse(text, Some(path), None).tasks.len()
}

#[derive(Clone, Copy)]
struct Stats {
    median: Duration,
    min: Duration,
    runs: usize,
}

/// Median of repeated runs: about `budget` of wall time, at least 5 runs (1 when a single
/// run already takes over a second, which only a quadratic case does).
fn measure(budget: Duration, mut f: impl FnMut() -> usize) -> Stats {
    let start = Instant::now();
    black_box(f());
    let first = start.elapsed();
    if first > Duration::from_secs(1) {
        return Stats {
            median: first,
            min: first,
            runs: 1,
        };
    }
    let runs =
        ((budget.as_secs_f64() / first.as_secs_f64().max(1e-6)).ceil() as usize).clamp(5, 301);
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    Stats {
        median: times[times.len() / 2],
        min: times[0],
        runs,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / (1024.0 * 1024.0) / d.as_secs_f64().max(1e-12)
}

struct Args {
    corpus: PathBuf,
    shared: PathBuf,
    json: Option<PathBuf>,
    quick: bool,
    once: Option<(String, PathBuf, String)>,
    rules: Option<(PathBuf, String)>,
    filter: Option<String>,
    skip_throughput: bool,
    skip_pathological: bool,
    dump: Option<PathBuf>,
    repeat: usize,
}

impl Args {
    fn wants(&self, label: &str) -> bool {
        self.filter.as_deref().is_none_or(|f| label.contains(f))
    }
}

fn args() -> Args {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut a = Args {
        corpus: root.join("bench/out/corpus"),
        shared: root.join("../shared/realdocs"),
        json: None,
        quick: false,
        once: None,
        rules: None,
        filter: None,
        skip_throughput: false,
        skip_pathological: false,
        dump: None,
        repeat: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--corpus" => a.corpus = it.next().map(PathBuf::from).unwrap_or(a.corpus),
            "--shared" => a.shared = it.next().map(PathBuf::from).unwrap_or(a.shared),
            "--json" => a.json = it.next().map(PathBuf::from),
            "--quick" => a.quick = true,
            "--filter" => a.filter = it.next(),
            "--skip-throughput" => a.skip_throughput = true,
            "--skip-pathological" => a.skip_pathological = true,
            "--dump" => a.dump = it.next().map(PathBuf::from),
            "--repeat" => a.repeat = it.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            "--once" => {
                let what = it.next().unwrap_or_default();
                let file = PathBuf::from(it.next().unwrap_or_default());
                let path = it.next().unwrap_or_else(|| file.display().to_string());
                a.once = Some((what, file, path));
            }
            "--rules" => {
                let file = PathBuf::from(it.next().unwrap_or_default());
                let path = it.next().unwrap_or_else(|| file.display().to_string());
                a.rules = Some((file, path));
            }
            _ => {} // `cargo bench` passes `--bench`.
        }
    }
    a
}

fn once(what: &str, file: &Path, path: &str, repeat: usize) {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let config = Config::default();
    // Compile the lazily built regexes first, so instruction counts of one pass (minus the
    // `read` pass) measure the steady state, as repeated runs do.
    black_box(full(&warm_up_text(), "specs/active/w/tasks.md", &config));
    let mut n = 0;
    for _ in 0..repeat.max(1) {
        n = black_box(match what {
            "full" => full(&text, path, &config),
            "model" => model(&text, path),
            "baseline" => baseline(&text),
            "read" => text.len(),
            other => panic!("--once {other}: expected full, model, baseline or read"),
        });
    }
    println!("{what} {n}");
}

/// Median time of each stage of one lint of `file`: where to look when a budget fails.
fn per_rule(file: &Path, path: &str, quick: bool) {
    use specmark::rules::Context;
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let config = Config::default();
    let budget = Duration::from_millis(if quick { 100 } else { 400 });
    let doc = Document::parse_with_config(&text, Some(path), None, &config);
    let mut rows: Vec<(String, Stats, usize)> = Vec::new();
    rows.push((
        "walk (pulldown-cmark)".into(),
        measure(budget, || baseline(&text)),
        0,
    ));
    rows.push(("model".into(), measure(budget, || model(&text, path)), 0));
    let mut all = Vec::new();
    for &rule in specmark::RULES {
        if !rule.applies_to(doc.kind) || rule.tags.contains(&"engine") {
            continue;
        }
        let settings = config.effective(rule, doc.path.as_deref(), doc.kind);
        let cx = Context {
            doc: &doc,
            rule,
            config: &config,
            settings: settings.as_ref(),
            workspace: None,
        };
        let mut found = 0;
        let s = measure(budget, || {
            let mut out = Vec::new();
            (rule.check)(&cx, &mut out);
            found = out.len();
            found
        });
        let mut out = Vec::new();
        (rule.check)(&cx, &mut out);
        all.extend(out);
        rows.push((format!("rule {}", rule.name), s, found));
    }
    rows.push((
        "suppressions".into(),
        measure(budget, || {
            let mut diags = all.clone();
            let mut sup = specmark::suppression::Suppressions::parse(&doc);
            sup.retain_unsuppressed(&doc, &mut diags);
            diags.len() + sup.unused(&doc).len()
        }),
        0,
    ));
    let diagnostics = specmark::lint::check_document(&doc, &config, None);
    let score = specmark::score::score(doc.kind, doc.path.as_deref(), &config, &diagnostics);
    rows.push((
        "report (positions)".into(),
        measure(budget, || {
            specmark::FileReport::new(&doc, &diagnostics, &score)
                .diagnostics
                .len()
        }),
        diagnostics.len(),
    ));
    rows.push((
        "full lint".into(),
        measure(budget, || full(&text, path, &config)),
        diagnostics.len(),
    ));
    println!("{} ({} bytes, kind {:?})\n", path, text.len(), doc.kind);
    println!(
        "model: {} headings, {} list items, {} tasks ({} fields, {} dependencies), {} tables, \
         {} code blocks, {} inline blocks, {} links, {} metadata lines, {} lines\n",
        doc.headings.len(),
        doc.list_items.len(),
        doc.tasks.len(),
        doc.tasks.iter().map(|t| t.fields.len()).sum::<usize>(),
        doc.tasks.iter().map(|t| t.deps.len()).sum::<usize>(),
        doc.tables.len(),
        doc.code_blocks.len(),
        doc.inlines.len(),
        doc.links.len(),
        doc.metadata.len(),
        doc.line_index.line_count(),
    );
    println!("| stage | median ms | findings |\n|---|---:|---:|");
    for (name, s, n) in rows {
        println!("| {name} | {:.3} | {n} |", ms(s.median));
    }
}

/// A small document that touches every rule's regexes.
fn warm_up_text() -> String {
    let prd = "# PRD: w\n\n**Status**: Draft\n**Total Tasks**: 3\n\n## Acceptance Criteria\n\n- [ ] **AC1**: loads\n\n```python\nx = 1\n```\n";
    let tasks = "## Phase 1: A (2 tasks)\n\n- [ ] **Task 1.1**: a (depends on T2) across 3 tasks in 2 phases\n  - **Depends on**: Task 1.2\n\n| Phase | Tasks | Completed |\n|---|---|---|\n| Phase 1 | 2 | 0 |\n\n<!-- specmark-disable agent-artifact -->\n";
    format!("{prd}{tasks}")
}

/// The inputs of the throughput table: (label, linted path, text).
fn inputs(a: &Args) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (label, rel) in [
        ("generated 20 KB", "single-20k/specs/active/demo/tasks.md"),
        ("generated 1 MB", "large-1m/specs/active/large/tasks.md"),
        ("generated 5 MB", "large-5m/specs/active/huge/tasks.md"),
    ] {
        match std::fs::read_to_string(a.corpus.join(rel)) {
            Ok(text) => out.push((label.to_string(), rel.to_string(), text)),
            Err(e) => eprintln!("skipping {label}: {e} (run `node bench/generate.mjs` first)"),
        }
    }
    out
}

/// Every Markdown file of the shared real documents, linted under its path in its
/// repository (`<owner>__<repo>/<path>`).
fn shared_corpus(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                if let Ok(text) = std::fs::read_to_string(&p) {
                    // The path inside the repository: below the `<owner>__<repo>` folder.
                    let name = p
                        .strip_prefix(dir)
                        .ok()
                        .map(|r| r.to_string_lossy().replace('\\', "/"))
                        .and_then(|r| r.split_once('/').map(|(_, rest)| rest.to_string()));
                    files.push((name.unwrap_or_default(), text));
                }
            }
        }
    }
    files.sort();
    files
}

fn throughput(a: &Args, config: &Config) -> Vec<Value> {
    let budget = Duration::from_millis(if a.quick { 200 } else { 1500 });
    println!("\n## Throughput (median of repeated runs)\n");
    println!(
        "| input | bytes | walk ms | walk MB/s | model ms | full ms | full MB/s | full / walk throughput |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let mut rows = Vec::new();
    let mut all = inputs(a);
    all.retain(|(label, _, _)| a.wants(label));
    let shared = if a.wants("shared corpus") {
        shared_corpus(&a.shared)
    } else {
        Vec::new()
    };
    if !shared.is_empty() {
        // The real corpus as one workload: every file linted once per run.
        let joined: Vec<(String, String)> = shared;
        let bytes: usize = joined.iter().map(|(_, t)| t.len()).sum();
        let walk = measure(budget, || joined.iter().map(|(_, t)| baseline(t)).sum());
        let mdl = measure(budget, || joined.iter().map(|(p, t)| model(t, p)).sum());
        let fl = measure(budget, || {
            joined.iter().map(|(p, t)| full(t, p, config)).sum()
        });
        rows.push(row(
            &format!("shared corpus ({} files)", joined.len()),
            bytes,
            walk,
            mdl,
            fl,
        ));
    }
    for (label, path, text) in all.drain(..) {
        let walk = measure(budget, || baseline(&text));
        let mdl = measure(budget, || model(&text, &path));
        let fl = measure(budget, || full(&text, &path, config));
        rows.push(row(&label, text.len(), walk, mdl, fl));
    }
    rows
}

fn row(label: &str, bytes: usize, walk: Stats, mdl: Stats, fl: Stats) -> Value {
    let ratio = walk.median.as_secs_f64() / fl.median.as_secs_f64();
    println!(
        "| {label} | {bytes} | {:.2} | {:.1} | {:.2} | {:.2} | {:.1} | {:.0}% |",
        ms(walk.median),
        mb_per_s(bytes, walk.median),
        ms(mdl.median),
        ms(fl.median),
        mb_per_s(bytes, fl.median),
        ratio * 100.0
    );
    json!({
        "input": label,
        "bytes": bytes,
        "walk": stats_json(walk, bytes),
        "model": stats_json(mdl, bytes),
        "full": stats_json(fl, bytes),
        "full_over_walk_throughput": ratio,
    })
}

fn stats_json(s: Stats, bytes: usize) -> Value {
    json!({
        "median_ms": ms(s.median),
        "min_ms": ms(s.min),
        "runs": s.runs,
        "mb_per_s": mb_per_s(bytes, s.median),
    })
}

fn pathological_set(a: &Args, config: &Config) -> Vec<Value> {
    let budget = Duration::from_millis(if a.quick { 100 } else { 400 });
    let sizes = [10 * KB, 100 * KB, 1024 * KB];
    println!("\n## Pathological inputs (full rule set, median ms)\n");
    println!(
        "| case | 10 KB | 100 KB | 1 MB | growth 100 KB → 1 MB (time) | growth (bytes) | walk 1 MB | walk growth |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let mut rows = Vec::new();
    for case in pathological::CASES.iter().filter(|c| a.wants(c.name)) {
        let mut cells = Vec::new();
        // Context: what the parser alone costs on the same inputs (100 KB, 1 MB).
        let mut walks = Vec::new();
        for &size in &sizes {
            let text = pathological::build(case, size);
            let s = measure(budget, || full(&text, case.path, config));
            cells.push((text.len(), s));
            if size >= 100 * KB {
                walks.push(measure(budget, || baseline(&text)));
            }
        }
        let walk_ms = walks.last().map_or(0.0, |w| ms(w.median));
        let walk_growth = match walks.as_slice() {
            [a, b] => b.median.as_secs_f64() / a.median.as_secs_f64().max(1e-9),
            _ => 0.0,
        };
        let growth = cells[2].1.median.as_secs_f64() / cells[1].1.median.as_secs_f64().max(1e-9);
        let bytes_growth = cells[2].0 as f64 / cells[1].0 as f64;
        println!(
            "| {} | {:.3} | {:.3} | {:.2} | {:.1}x | {:.1}x | {:.2} | {:.1}x |",
            case.name.replace('|', "\\|"),
            ms(cells[0].1.median),
            ms(cells[1].1.median),
            ms(cells[2].1.median),
            growth,
            bytes_growth,
            walk_ms,
            walk_growth
        );
        rows.push(json!({
            "case": case.name,
            "path": case.path,
            "sizes": cells.iter().map(|(b, s)| json!({"bytes": b, "median_ms": ms(s.median), "min_ms": ms(s.min), "runs": s.runs})).collect::<Vec<_>>(),
            "growth_100k_to_1m": growth,
            "walk_1m_ms": walk_ms,
            "walk_growth_100k_to_1m": walk_growth,
        }));
    }
    rows
}

/// Every pathological input at 10 KB, 100 KB and 1 MB as a file, named after its case.
fn dump(dir: &Path) {
    for case in pathological::CASES {
        let name: String = case
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        for (label, size) in [("10k", 10 * KB), ("100k", 100 * KB), ("1m", 1024 * KB)] {
            let sub = dir.join(label);
            let _ = std::fs::create_dir_all(&sub);
            let file = sub.join(format!("{name}.md"));
            std::fs::write(&file, pathological::build(case, size))
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        }
        println!("{name}.md: linted as {}", case.path);
    }
}

fn main() {
    let a = args();
    if let Some((what, file, path)) = &a.once {
        once(what, file, path, a.repeat);
        return;
    }
    if let Some((file, path)) = &a.rules {
        per_rule(file, path, a.quick);
        return;
    }
    if let Some(dir) = &a.dump {
        dump(dir);
        return;
    }
    let config = Config::default();
    let through = if a.skip_throughput {
        Vec::new()
    } else {
        throughput(&a, &config)
    };
    let patho = if a.skip_pathological {
        Vec::new()
    } else {
        pathological_set(&a, &config)
    };
    if let Some(out) = &a.json {
        let doc = json!({
            "specmark": specmark::VERSION,
            "throughput": through,
            "pathological": patho,
        });
        if let Some(dir) = out.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        std::fs::write(
            out,
            serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n",
        )
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
        println!("\nwrote {}", out.display());
    }
}
