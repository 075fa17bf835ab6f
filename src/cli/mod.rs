//! The `specmark` command line: argument parsing, the commands, and exit codes
//! (0 no errors, 1 errors or too many warnings, 2 usage, configuration or I/O error, or a
//! file that is not UTF-8 text).

mod args;
mod baseline;
mod check;
mod commands;
mod configs;
mod discover;
mod formats;
mod human;
mod paths;
mod sarif;
mod write;

use args::{CheckArgs, Cli, ColorWhen, Command, Format, ScoreArgs};
use check::{FixMode, Outcome};
use clap::Parser;
use configs::Configs;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

/// `ELOOP` ("too many levels of symbolic links"), which `ErrorKind` does not name on stable.
const ELOOP: i32 = if cfg!(target_os = "linux") { 40 } else { 62 };

/// An I/O error in words, without the `(os error N)` suffix.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file or folder".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::IsADirectory => "is a folder, not a file".into(),
        _ if e.raw_os_error() == Some(ELOOP) => {
            "too many levels of symbolic links (a symlink loop?)".into()
        }
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

fn error(message: &str) {
    let _ = writeln!(std::io::stderr(), "specmark: error: {message}");
}

/// Whether human output on stdout gets colors.
fn use_color(when: ColorWhen) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
                && std::io::stdout().is_terminal()
        }
    }
}

fn print(s: &str) -> i32 {
    print_bytes(s.as_bytes())
}

fn print_bytes(bytes: &[u8]) -> i32 {
    let mut out = std::io::stdout().lock();
    write_result(out.write_all(bytes).and_then(|()| out.flush()))
}

fn write_result(r: std::io::Result<()>) -> i32 {
    match r {
        Ok(()) => EXIT_OK,
        // A closed pipe (`specmark check | head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            error(&format!("cannot write output: {}", io_message(&e)));
            EXIT_ERROR
        }
    }
}

/// Buffered standard output for reports written as they are made (a large document's
/// report can be megabytes); the first write error stops the writing and is kept.
struct Stdout {
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    failed: Option<std::io::Error>,
}

impl Stdout {
    fn new() -> Stdout {
        Stdout {
            out: std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock()),
            failed: None,
        }
    }

    /// Flush, and the exit code of the writing.
    fn finish(mut self) -> i32 {
        let flushed = match self.failed.take() {
            Some(e) => Err(e),
            None => self.out.flush(),
        };
        write_result(flushed)
    }
}

impl std::fmt::Write for Stdout {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if self.failed.is_some() {
            return Err(std::fmt::Error);
        }
        self.out.write_all(s.as_bytes()).map_err(|e| {
            self.failed = Some(e);
            std::fmt::Error
        })
    }
}

impl std::io::Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if let Some(e) = &self.failed {
            return Err(std::io::Error::new(e.kind(), e.to_string()));
        }
        self.out.write_all(buf).inspect_err(|e| {
            self.failed = Some(std::io::Error::new(e.kind(), e.to_string()));
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    let color = use_color(cli.color);
    match cli.command {
        Command::Check(a) => run_check(&a, color),
        Command::Score(a) => run_score(&a),
        Command::Rules(a) => print(&commands::rules(a.format)),
        Command::Explain(a) => match commands::explain(&a.rule) {
            Ok(s) => print(&s),
            Err(m) => {
                error(&m);
                EXIT_ERROR
            }
        },
        Command::Init(a) => {
            let cwd = match std::env::current_dir() {
                Ok(d) => d,
                Err(e) => {
                    error(&format!(
                        "cannot read the current folder: {}",
                        io_message(&e)
                    ));
                    return EXIT_ERROR;
                }
            };
            match commands::init(&cwd, a.force, a.template.as_deref()) {
                Ok(s) => print(&s),
                Err(m) => {
                    error(&m);
                    EXIT_ERROR
                }
            }
        }
        Command::Schema => print(&commands::schema()),
        Command::Profiles(a) => run_profiles(a.config.as_deref(), None, a.format),
        Command::Profile(a) => run_profiles(a.config.as_deref(), Some(&a.name), a.format),
    }
}

/// `specmark profiles` and `specmark profile NAME`, with the configuration of the current
/// folder (its `[[profiles]]` included).
fn run_profiles(config: Option<&Path>, name: Option<&str>, format: args::ListFormat) -> i32 {
    let (cwd, mut configs) = match setup(config, None) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let loaded = match configs.for_dir(&cwd) {
        Ok(c) => c,
        Err(m) => {
            error(&m);
            return EXIT_ERROR;
        }
    };
    let out = match name {
        None => commands::profiles(&loaded.config, format),
        Some(n) => match commands::profile(&loaded.config, n, format) {
            Ok(s) => s,
            Err(m) => {
                error(&m);
                return EXIT_ERROR;
            }
        },
    };
    print(&out)
}

/// The current folder and the configurations, or the exit code after reporting why not.
fn setup(
    config: Option<&Path>,
    profile: Option<&str>,
) -> Result<(std::path::PathBuf, Configs), i32> {
    let cwd = std::env::current_dir().map_err(|e| {
        error(&format!(
            "cannot read the current folder: {}",
            io_message(&e)
        ));
        EXIT_ERROR
    })?;
    let configs = Configs::new(&cwd, config, profile).map_err(|m| {
        error(&m);
        EXIT_ERROR
    })?;
    Ok((cwd, configs))
}

fn report_errors(outcome: &Outcome) {
    for e in &outcome.errors {
        error(&format!("{}: {}", e.display, e.message));
    }
}

fn run_check(a: &CheckArgs, color: bool) -> i32 {
    let (cwd, mut configs) = match setup(a.input.config.as_deref(), a.input.profile.as_deref()) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if a.stdin {
        return run_stdin(a, &cwd, &mut configs, color);
    }
    let collected = match discover::collect(&cwd, &a.paths, &mut configs, a.input.force_exclude) {
        Ok(c) => c,
        Err(m) => {
            error(&m);
            return EXIT_ERROR;
        }
    };
    let mode = if a.diff {
        FixMode::Diff {
            unsafe_fixes: a.unsafe_fixes,
        }
    } else if a.fix {
        FixMode::Write {
            unsafe_fixes: a.unsafe_fixes,
        }
    } else {
        FixMode::Report
    };
    // The baseline is read before any file is fixed: a broken one stops the run.
    let mut base = match &a.baseline {
        Some(p) => match baseline::Baseline::open(&cwd, p, a.update_baseline) {
            Ok(b) => Some(b),
            Err(m) => {
                error(&m);
                return EXIT_ERROR;
            }
        },
        None => None,
    };
    let mut outcome = check::run(&cwd, &collected, &a.input, mode);
    report_errors(&outcome);
    let mut known = Known::default();
    if let Some(b) = &mut base {
        if a.update_baseline {
            match b.write(&cwd, &outcome.files) {
                Ok(n) => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "specmark: recorded {n} finding{} in the baseline {}",
                        if n == 1 { "" } else { "s" },
                        b.shown
                    );
                }
                Err(m) => {
                    error(&m);
                    return EXIT_ERROR;
                }
            }
        }
        known = Known::of(b, &cwd, &mut outcome);
    }
    if a.diff {
        let mut text = String::new();
        for (_, d) in &outcome.diffs {
            text.push_str(d);
        }
        let code = print(&text);
        let _ = writeln!(
            std::io::stderr(),
            "{} would be changed by --fix{}",
            match outcome.diffs.len() {
                1 => "1 file".to_string(),
                n => format!("{n} files"),
            },
            if a.unsafe_fixes {
                " --unsafe-fixes"
            } else {
                ""
            }
        );
        return if !outcome.errors.is_empty() || code != EXIT_OK {
            EXIT_ERROR
        } else if outcome.diffs.is_empty() {
            EXIT_OK
        } else {
            EXIT_FINDINGS
        };
    }
    if outcome.files.is_empty() && outcome.errors.is_empty() && !a.input.all_markdown {
        let _ = writeln!(
            std::io::stderr(),
            "specmark: no spec documents found (pass --all-markdown to lint every Markdown file)"
        );
    }
    let code = stream(&outcome, a, color, &known);
    exit_code(&outcome, a.max_warnings, code)
}

/// The findings a baseline hid, for the summary and SARIF's `baselineState`.
#[derive(Default)]
struct Known {
    /// The baseline file as shown, when one was applied.
    shown: Option<String>,
    applied: baseline::Applied,
    /// (file as displayed, finding) of every hidden finding.
    hidden: Vec<(String, specmark::report::DiagnosticReport)>,
}

impl Known {
    fn of(b: &baseline::Baseline, cwd: &Path, outcome: &mut Outcome) -> Known {
        let (applied, hidden) = b.apply(cwd, &mut outcome.files);
        Known {
            shown: Some(b.shown.clone()),
            applied,
            hidden,
        }
    }
}

/// Write the report to standard output as it is made (human and JSON), or whole.
fn stream(outcome: &Outcome, a: &CheckArgs, color: bool, known: &Known) -> i32 {
    let mut out = Stdout::new();
    match a.format {
        Format::Human => {
            let _ = human::render_to(&mut out, &outcome.files, color, a.quiet, a.unsafe_fixes);
            if let Some(shown) = &known.shown {
                let _ = writeln!(out, "{}", baseline::summary(shown, known.applied));
            }
        }
        Format::Json => {
            let b = known.shown.as_ref().map(|file| formats::BaselineSummary {
                file: file.clone(),
                hidden: known.applied.hidden,
                gone: known.applied.gone,
            });
            let _ = formats::json_to(&mut out, &outcome.files, b.as_ref());
        }
        Format::Sarif => {
            let baseline = known.shown.as_ref().map(|_| known.hidden.as_slice());
            return print(&sarif::sarif(&outcome.files, &outcome.errors, baseline));
        }
        _ => return print(&render(outcome, a, color)),
    }
    out.finish()
}

fn render(outcome: &Outcome, a: &CheckArgs, color: bool) -> String {
    match a.format {
        Format::Human => human::render(&outcome.files, color, a.quiet, a.unsafe_fixes),
        Format::Json => formats::json(&outcome.files),
        Format::Sarif => sarif::sarif(&outcome.files, &outcome.errors, None),
        Format::Github => formats::github(&outcome.files),
        Format::Junit => formats::junit(&outcome.files),
    }
}

/// Whether a path could not be read or a file was not text (exit code 2).
fn io_failed(outcome: &Outcome) -> bool {
    !outcome.errors.is_empty() || outcome.files.iter().any(|f| check::unreadable(&f.report))
}

fn exit_code(outcome: &Outcome, max_warnings: Option<usize>, print_code: i32) -> i32 {
    if io_failed(outcome) || print_code != EXIT_OK {
        return EXIT_ERROR;
    }
    let t = human::Totals::of(&outcome.files, false);
    if t.errors > 0 || max_warnings.is_some_and(|m| t.warnings > m) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// `--stdin`: lint (or fix) standard input. With `--fix` the fixed text goes to stdout and
/// the remaining findings to stderr.
fn run_stdin(a: &CheckArgs, cwd: &Path, configs: &mut Configs, color: bool) -> i32 {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
        error(&format!("cannot read standard input: {}", io_message(&e)));
        return EXIT_ERROR;
    }
    let abs = a.stdin_filename.as_deref().map(|p| paths::absolute(cwd, p));
    let display = abs
        .as_deref()
        .map_or_else(|| "<stdin>".to_string(), |p| paths::display(cwd, p));
    let found = match abs.as_deref() {
        Some(p) => configs.for_file(p),
        None => configs.for_dir(cwd),
    };
    let config = match found {
        Ok(c) => c,
        Err(m) => {
            error(&m);
            return EXIT_ERROR;
        }
    };
    if a.input.force_exclude && abs.as_deref().is_some_and(|p| config.excludes(p, &display)) {
        if a.fix {
            return print_bytes(&bytes);
        }
        return EXIT_OK;
    }
    let outcome = check::run_text(
        &display,
        abs.is_some(),
        bytes,
        &config,
        &a.input,
        a.fix || a.diff,
        a.unsafe_fixes,
    );
    if a.diff {
        if check::unreadable(&outcome.result.report) {
            if let Some(d) = outcome.result.report.diagnostics.first() {
                error(&format!("{}: {}", outcome.result.display, d.message));
            }
            return EXIT_ERROR;
        }
        let code = print(&outcome.diff);
        return if code != EXIT_OK {
            EXIT_ERROR
        } else if outcome.diff.is_empty() {
            EXIT_OK
        } else {
            EXIT_FINDINGS
        };
    }
    let files = [outcome.result];
    let out = Outcome {
        files: files.into_iter().collect(),
        ..Outcome::default()
    };
    if a.fix {
        let code = print_bytes(&outcome.fixed_bytes);
        let remaining = human::render(&out.files, false, true, a.unsafe_fixes);
        let _ = std::io::stderr().write_all(remaining.as_bytes());
        return exit_code(&out, a.max_warnings, code);
    }
    let code = print(&render(&out, a, color));
    exit_code(&out, a.max_warnings, code)
}

fn run_score(a: &ScoreArgs) -> i32 {
    let (cwd, mut configs) = match setup(a.input.config.as_deref(), a.input.profile.as_deref()) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let collected = match discover::collect(&cwd, &a.paths, &mut configs, a.input.force_exclude) {
        Ok(c) => c,
        Err(m) => {
            error(&m);
            return EXIT_ERROR;
        }
    };
    let outcome = check::run(&cwd, &collected, &a.input, FixMode::Report);
    report_errors(&outcome);
    let text = match a.format {
        args::ListFormat::Human => commands::score_breakdown(&outcome.files),
        args::ListFormat::Json => formats::json(&outcome.files),
    };
    let code = print(&text);
    if io_failed(&outcome) || code != EXIT_OK {
        EXIT_ERROR
    } else {
        EXIT_OK
    }
}

#[cfg(test)]
mod tests {
    use super::io_message;
    use std::io::{Error, ErrorKind};

    #[test]
    fn io_errors_read_as_words() {
        // Permission denied cannot be provoked in tests that run as root; the message is
        // checked here.
        assert_eq!(
            io_message(&Error::from(ErrorKind::PermissionDenied)),
            "permission denied"
        );
        assert_eq!(
            io_message(&Error::from(ErrorKind::NotFound)),
            "no such file or folder"
        );
        assert_eq!(
            io_message(&Error::from_raw_os_error(super::ELOOP)),
            "too many levels of symbolic links (a symlink loop?)"
        );
    }
}
