//! specmark: a deterministic linter and scorer for Markdown spec documents.
//!
//! The core takes text from its host (the CLI, the wasm API, the language server) and never
//! touches the file system, so the same code runs natively and in WebAssembly.
//!
//! ```
//! use specmark::{lint, Config, LintOptions};
//! let config = Config::default();
//! let text = "# Tasks: Demo\n\n- [ ] **T1**: First\n- [ ] **T1**: Again\n";
//! let linted = lint(text, &LintOptions { path: Some("specs/active/demo/tasks.md"), kind: None, config: &config });
//! assert_eq!(linted.doc.kind, specmark::Kind::Tasks);
//! ```

pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fix;
mod glob;
pub mod kind;
pub mod line_index;
pub mod lint;
pub mod profile;
pub mod python;
pub mod report;
pub mod rules;
mod scan;
pub mod score;
mod sort;
pub mod suppression;
#[cfg(test)]
mod testing;

#[cfg(feature = "wasm")]
pub mod wasm;

pub use config::{Config, ConfigError};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use document::Document;
pub use kind::Kind;
pub use lint::{fix_text, fix_text_with, lint, lint_bytes, lint_workspace, LintOptions, Linted};
pub use report::FileReport;
pub use rules::{Rule, RULES};

/// The crate version, as reported by `specmark --version` and the wasm `version()`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
