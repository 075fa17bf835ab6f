//! The `specmark` command line.

fn main() {
    std::process::exit(specmark_cli::run());
}

#[path = "cli/mod.rs"]
mod specmark_cli;
