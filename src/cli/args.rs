//! Command-line arguments (clap derive). Usage errors exit with code 2.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "specmark",
    version = specmark::VERSION,
    about = "Deterministic linter and scorer for Markdown spec documents",
    long_about = "Deterministic linter and scorer for Markdown spec documents: PRDs, tasks.md, \
                  session-recovery notes, research write-ups, goal-kit task tables.\n\n\
                  Exit codes: 0 no errors, 1 errors found (or warnings over --max-warnings), \
                  2 usage, configuration or I/O error (including a file that is not UTF-8 text).",
    arg_required_else_help = true
)]
pub struct Cli {
    /// When to color human output (auto: on a terminal, unless NO_COLOR is set).
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and folders (default: the current folder).
    Check(CheckArgs),
    /// Print each file's score and which rules cost how many points.
    Score(ScoreArgs),
    /// List every rule.
    Rules(RulesArgs),
    /// Show a rule's documentation and options.
    Explain(ExplainArgs),
    /// Write a commented starter `.specmark.toml` in the current folder.
    Init(InitArgs),
    /// Print the JSON Schema of `.specmark.toml`.
    Schema,
    /// List the profiles (document families): built-in and configured, with where each
    /// comes from.
    Profiles(ProfilesArgs),
    /// Show one profile: how it is recognized, its rules and the schema derived from its
    /// template.
    Profile(ProfileArgs),
}

#[derive(Debug, Args)]
pub struct ProfilesArgs {
    /// Use this configuration file instead of discovering `.specmark.toml`.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// Profile name (`goe-prd`, `generic-prd`, or a `[[profiles]]` name).
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Use this configuration file instead of discovering `.specmark.toml`.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Code frames with the offending line, a summary and each file's score.
    Human,
    /// `{"version", "files": [...]}`, documented and stable.
    Json,
    /// SARIF 2.1.0 (code scanning).
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::message`).
    Github,
    /// JUnit XML: one testsuite per file, one testcase per finding.
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

/// Options shared by `check` and `score`: what to read and how to configure it.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Use this configuration file instead of discovering `.specmark.toml` files.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Treat every file as this kind (prd, tasks, recovery, research, goalkit-tasks,
    /// kiro-requirements, kiro-design, kiro-tasks, speckit-spec, speckit-plan,
    /// speckit-tasks, speckit-checklist, openspec-spec, openspec-delta, openspec-proposal,
    /// openspec-tasks, openspec-design, markdown).
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    pub kind: Option<specmark::Kind>,

    /// Lint every file as this profile (`specmark profiles` lists them; a `[[profiles]]`
    /// name of the configuration works too).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,

    /// Lint every Markdown file found in folders, not only recognized spec documents.
    #[arg(long)]
    pub all_markdown: bool,

    /// Apply the configuration's `exclude` globs to files named on the command line too.
    #[arg(long)]
    pub force_exclude: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to lint.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Apply safe fixes to the files.
    #[arg(long)]
    pub fix: bool,

    /// With --fix or --diff, apply unsafe fixes too.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print a unified diff of the fixes instead of writing them; exit 1 if there are any.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,

    /// Read the document from standard input.
    #[arg(long, conflicts_with = "paths")]
    pub stdin: bool,

    /// Path used for standard input (kind detection, configuration, messages).
    #[arg(long, value_name = "NAME", requires = "stdin")]
    pub stdin_filename: Option<PathBuf>,

    /// Exit 1 when there are more than N warnings (even without errors).
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,

    /// Human output: only findings and the summary, no per-file score lines.
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Report only findings not recorded in this baseline file (JSON), and exit by those
    /// alone. Findings are matched by file, rule and a fingerprint of the flagged lines,
    /// not by line number.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["stdin", "diff"])]
    pub baseline: Option<PathBuf>,

    /// Write the current findings to the --baseline file (created if missing).
    #[arg(long, requires = "baseline")]
    pub update_baseline: bool,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Files (or folders) to score.
    #[arg(value_name = "FILE", required = true)]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub input: InputArgs,

    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Rule name (`agent-artifact`) or code (`SM005`).
    #[arg(value_name = "NAME|CODE")]
    pub rule: String,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Overwrite an existing `.specmark.toml`.
    #[arg(long)]
    pub force: bool,
    /// Write a configuration whose profile is described by this Markdown template.
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
}

fn parse_kind(s: &str) -> Result<specmark::Kind, String> {
    specmark::Kind::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = specmark::Kind::ALL.iter().map(|k| k.name()).collect();
        format!(
            "unknown kind \"{s}\"; expected one of: {}",
            names.join(", ")
        )
    })
}
