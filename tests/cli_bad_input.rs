//! The CLI side of the bad-input table (README, "Reliability"): files that are not text,
//! empty or huge, odd line breaks under `--fix`, broken configurations, paths that are not
//! regular files, and interrupted or impossible writes. Cases already covered by
//! tests/cli.rs (missing path, symlink loop, link to a folder, read-only file, BOM + CRLF
//! under `--fix`) are not repeated here.
//!
//! Every run has a time limit, so a read that blocks (a FIFO) fails the test instead of
//! hanging the suite.

#[path = "support/cli.rs"]
mod support;

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::{file, json, paths, tmp, write, Run, CLEAN, LEAKED};

const LIMIT: Duration = Duration::from_secs(60);

/// Run the binary in `dir` (through `sh -c` when `shell_prefix` is set), failing the test
/// if it does not finish within `LIMIT`.
fn run_full(dir: &Path, args: &[&str], stdin: Option<Vec<u8>>, shell_prefix: Option<&str>) -> Run {
    let bin = env!("CARGO_BIN_EXE_specmark");
    let mut c = match shell_prefix {
        None => {
            let mut c = Command::new(bin);
            c.args(args);
            c
        }
        Some(prefix) => {
            let mut c = Command::new("sh");
            c.arg("-c")
                .arg(format!("{prefix}; exec \"$0\" \"$@\""))
                .arg(bin)
                .args(args);
            c
        }
    };
    c.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("run specmark");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin");
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            panic!("specmark {args:?} did not finish within {LIMIT:?} (a blocking read?)");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn run(dir: &Path, args: &[&str]) -> Run {
    run_full(dir, args, None, None)
}

fn names(f: &Value) -> Vec<String> {
    f["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap().to_string())
        .collect()
}

const COMMENT: &str = "<!-- specmark-disable-next-line agent-artifact -->";

// ------------------------------------------------------------ not text

#[test]
fn files_that_are_not_text_end_with_exit_2_after_linting_the_rest() {
    let d = tmp();
    let p = d.path();
    write(p, "specs/active/x/tasks.md", b"# Tasks\n\n- [ ] caf\xe9\n");
    write(p, "specs/active/x/prd.md", LEAKED);
    write(p, "specs/active/x/recovery.md", b"# Recovery\0\0\x01binary");
    let r = run(p, &["check", "-f", "json"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let v = json(&r);
    assert_eq!(
        paths(&v),
        [
            "specs/active/x/prd.md",
            "specs/active/x/recovery.md",
            "specs/active/x/tasks.md"
        ]
    );
    assert!(names(file(&v, "specs/active/x/prd.md")).contains(&"agent-artifact".to_string()));
    for bad in ["specs/active/x/recovery.md", "specs/active/x/tasks.md"] {
        assert_eq!(file(&v, bad)["linted"], false);
        assert_eq!(names(file(&v, bad)), ["invalid-utf8"]);
    }
    // Human output: one line naming each file.
    let r = run(p, &["check", "--color", "never", "-q"]);
    assert_eq!(r.code, 2);
    for bad in ["specs/active/x/recovery.md", "specs/active/x/tasks.md"] {
        assert_eq!(r.stdout.matches(bad).count(), 1, "{}", r.stdout);
    }
    // --diff names the file on standard error; score exits 2 as well.
    let r = run(p, &["check", "--diff", "specs/active/x/tasks.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("specs/active/x/tasks.md: file is not valid UTF-8"),
        "{}",
        r.stderr
    );
    let r = run(p, &["score", "specs/active/x/tasks.md"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    // Standard input that is not text: exit 2 with and without --diff.
    let r = run_full(
        p,
        &["check", "--stdin", "--diff"],
        Some(b"\xfe\xff".to_vec()),
        None,
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("<stdin>: file is not valid UTF-8"),
        "{}",
        r.stderr
    );
}

// ------------------------------------------------------------ empty, whitespace, BOM only

#[test]
fn empty_whitespace_and_bom_only_spec_files_are_linted() {
    let d = tmp();
    let p = d.path();
    write(p, "specs/active/x/prd.md", "");
    write(p, "specs/active/x/tasks.md", " \n\t\r\n  ");
    write(p, "specs/active/x/recovery.md", "\u{feff}");
    // An empty file carries no mark of any template: the team says these are GOE documents.
    write(
        p,
        ".specmark.toml",
        "[[profiles]]\nname = \"goe-prd\"\nmatch = [\"prd.md\"]\n",
    );
    let r = run(p, &["check", "-f", "json"]);
    assert_ne!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let v = json(&r);
    assert_eq!(paths(&v).len(), 3);
    for f in v["files"].as_array().unwrap() {
        assert_eq!(f["linted"], true, "{f:#}");
        assert_eq!(f["words"], 0, "{f:#}");
        // A BOM is one UTF-16 unit of line 0 (as in JavaScript): the only other column.
        let bom_only = f["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("recovery.md"));
        for d in f["diagnostics"].as_array().unwrap() {
            assert_eq!(d["range"]["start"]["line"], 0, "{f:#}");
            let c = d["range"]["start"]["character"].as_u64();
            assert!(c == Some(0) || (bom_only && c == Some(1)), "{f:#}");
        }
    }
    // An empty PRD says which sections are missing rather than nothing or a crash.
    assert!(
        names(file(&v, "specs/active/x/prd.md")).contains(&"missing-section".to_string()),
        "{v:#}"
    );
}

// ------------------------------------------------------------ size limit

#[test]
fn a_50_mb_file_gets_one_finding_without_being_read() {
    let d = tmp();
    let p = d.path();
    // A sparse 50 MB file of NUL bytes: if it were read, the finding would be invalid-utf8.
    let big = write(p, "specs/active/x/prd.md", "");
    std::fs::File::options()
        .write(true)
        .open(&big)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    write(
        p,
        "specs/active/x/tasks.md",
        "# Tasks: X\n\n- [ ] **T1**: Do it\n",
    );
    let start = Instant::now();
    let r = run(p, &["check", "-f", "json"]);
    let took = start.elapsed();
    assert_ne!(r.code, 2, "{}", r.stderr);
    let v = json(&r);
    let f = file(&v, "specs/active/x/prd.md");
    assert_eq!(f["linted"], false);
    assert_eq!(names(f), ["file-too-large"]);
    let msg = f["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        msg.contains("52428800 bytes, over max-file-size (10000000 bytes)"),
        "{msg}"
    );
    assert_eq!(file(&v, "specs/active/x/tasks.md")["linted"], true);
    assert!(took < Duration::from_secs(10), "took {took:?}");

    // 50 MB of text on standard input is read (a stream has no size) but never parsed.
    let text = "word ".repeat(10 * 1024 * 1024).into_bytes();
    let start = Instant::now();
    let r = run_full(p, &["check", "--stdin", "-f", "json"], Some(text), None);
    let took = start.elapsed();
    assert_eq!(names(&json(&r)["files"][0]), ["file-too-large"]);
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

// ------------------------------------------------------------ line breaks under --fix

#[test]
fn fix_keeps_mixed_line_breaks_byte_for_byte() {
    let d = tmp();
    let original = format!("\u{feff}# Notes\r\n\r\n{COMMENT}\nText\rmore\r\n\r\nend\n\n  ");
    let expected = "\u{feff}# Notes\r\n\r\nText\rmore\r\n\r\nend\n\n  ";
    let path = write(d.path(), "notes.md", &original);
    let r = run(d.path(), &["check", "--fix", "notes.md"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(std::fs::read(&path).unwrap(), expected.as_bytes());
    // A lone-CR file: the comment line and its CR go, nothing else.
    let original = format!("# Notes\r\r{COMMENT}\rText.\r");
    let path = write(d.path(), "cr.md", &original);
    let r = run(d.path(), &["check", "--fix", "cr.md"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(std::fs::read(&path).unwrap(), b"# Notes\r\rText.\r");
}

// ------------------------------------------------------------ configuration errors

#[test]
fn every_kind_of_config_error_names_file_line_column_and_lints_nothing() {
    // (config text, "line:col", fragments of the message)
    let mut rows: Vec<(String, &str, Vec<&str>)> = vec![
        (
            "all-markdown = true\nbogus = 1\n".into(),
            "2:1",
            vec!["unknown field `bogus`", "expected"],
        ),
        (
            "max-file-size = \"big\"\n".into(),
            "1:17",
            vec!["invalid type", "expected"],
        ),
        (
            "[rules.word-cuont]\nseverity = \"off\"\n".into(),
            "1:8",
            vec!["unknown rule \"word-cuont\"", "did you mean \"word-count\""],
        ),
        (
            "[rules.word-count]\nseverity = \"loud\"\n".into(),
            "2:12",
            vec![
                "invalid severity \"loud\"",
                "expected \"error\", \"warning\", \"info\" or \"off\"",
            ],
        ),
        (
            "exclude = [\"docs/[x\"]\n".into(),
            "1:11",
            vec!["invalid glob \"docs/[x\""],
        ),
        ("[rules\nseverity = 1\n".into(), "1:7", vec!["expected"]),
    ];
    // A bad regular expression in an allow-list, for whichever rule has one.
    if let Some((rule, option)) = specmark::RULES.iter().find_map(|r| {
        r.options
            .iter()
            .find(|o| matches!(o.default, specmark::rules::OptionDefault::RegexList(_)))
            .map(|o| (r.name, o.name))
    }) {
        rows.push((
            format!("[rules.{rule}]\n{option} = [\"ok\", \"(unclosed\"]\n"),
            "2:",
            vec!["invalid regular expression \"(unclosed\""],
        ));
    }
    for (text, at, fragments) in rows {
        let d = tmp();
        write(d.path(), ".specmark.toml", &text);
        write(d.path(), "notes.md", LEAKED);
        write(d.path(), "specs/active/x/prd.md", LEAKED);
        let r = run(d.path(), &["check", "--all-markdown", "-f", "json"]);
        assert_eq!(r.code, 2, "{text:?}: {}", r.stderr);
        assert!(
            r.stdout.is_empty(),
            "{text:?}: nothing may be linted: {}",
            r.stdout
        );
        let prefix = format!("specmark: error: .specmark.toml:{at}");
        assert!(
            r.stderr.starts_with(&prefix),
            "{text:?}: want {prefix}, got {}",
            r.stderr
        );
        for f in fragments {
            assert!(r.stderr.contains(f), "{text:?}: want {f:?} in {}", r.stderr);
        }
        assert_eq!(r.stderr.lines().count(), 1, "one message: {}", r.stderr);
    }
}

// ------------------------------------------------------------ paths that are not files

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(ok.success());
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_folders_named_like_files_never_block() {
    let d = tmp();
    let p = d.path();
    write(p, "specs/active/x/prd.md", LEAKED);
    // Met while walking: a FIFO is skipped, a link to a FIFO or a device is an error, a
    // folder named like a file is a folder.
    mkfifo(&p.join("specs/active/x/tasks.md"));
    std::os::unix::fs::symlink("tasks.md", p.join("specs/active/x/recovery.md")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", p.join("specs/active/x/zero.md")).unwrap();
    write(p, "specs/active/x/research/analysis.md/README.md", CLEAN);
    let r = run(p, &["check", "--all-markdown", "-f", "json"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    for link in ["specs/active/x/recovery.md", "specs/active/x/zero.md"] {
        assert!(
            r.stderr.contains(&format!("{link}: not a regular file")),
            "{link}: {}",
            r.stderr
        );
    }
    assert_eq!(r.stderr.lines().count(), 2, "{}", r.stderr);
    let v = json(&r);
    assert_eq!(
        paths(&v),
        [
            "specs/active/x/prd.md",
            "specs/active/x/research/analysis.md/README.md"
        ]
    );
    assert!(names(file(&v, "specs/active/x/prd.md")).contains(&"agent-artifact".to_string()));

    // Named on the command line: the FIFO is refused, the folder named like a file walked.
    let r = run(
        p,
        &[
            "check",
            "-f",
            "json",
            "--all-markdown",
            "specs/active/x/tasks.md",
            "specs/active/x/research/analysis.md",
            "specs/active/x/prd.md",
        ],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("specs/active/x/tasks.md: not a regular file or folder"),
        "{}",
        r.stderr
    );
    assert_eq!(
        paths(&json(&r)),
        [
            "specs/active/x/prd.md",
            "specs/active/x/research/analysis.md/README.md"
        ]
    );

    // A FIFO as --config is refused, not read.
    mkfifo(&p.join("fifo.toml"));
    let r = run(
        p,
        &["check", "--config", "fifo.toml", "specs/active/x/prd.md"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("fifo.toml: cannot read configuration"),
        "{}",
        r.stderr
    );
}

/// Whether this process can read a file whose mode is 000 (true for root).
fn reads_despite_mode_000(path: &Path) -> bool {
    std::fs::read(path).is_ok()
}

#[cfg(unix)]
#[test]
fn permission_denied_is_reported_and_the_rest_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let d = tmp();
    let p = d.path();
    let locked = write(p, "specs/active/x/prd.md", LEAKED);
    write(
        p,
        "specs/active/x/tasks.md",
        "# Tasks: X\n\n<invoke name=\"x\">\n",
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let r = run(p, &["check", "-f", "json"]);
    if reads_despite_mode_000(&locked) {
        // Running as root: permissions do not stop reads, so "permission denied" cannot be
        // produced here. The file is then linted like any other; the error path itself
        // (one message naming the path, the rest linted, exit 2) is the one the FIFO, device
        // and missing-path tests take, and `io_message` maps PermissionDenied to
        // "permission denied" (unit test in src/cli/mod.rs).
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert_eq!(paths(&json(&r)).len(), 2);
    } else {
        assert_eq!(r.code, 2);
        assert!(
            r.stderr
                .contains("specs/active/x/prd.md: permission denied"),
            "{}",
            r.stderr
        );
        assert_eq!(paths(&json(&r)), ["specs/active/x/tasks.md"]);
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
}

// ------------------------------------------------------------ atomic --fix

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[cfg(unix)]
#[test]
fn fix_replaces_the_file_by_rename_never_writing_into_it() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let d = tmp();
    let original = format!("# Notes\n\n{COMMENT}\nText.\n");
    let path = write(d.path(), "notes.md", &original);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604)).unwrap();
    // A second name for the original inode: it must keep the old bytes, which it would not
    // if the fix were written into the file in place.
    std::fs::hard_link(&path, d.path().join("old.md.bak")).unwrap();
    let inode = std::fs::metadata(&path).unwrap().ino();
    let r = run(d.path(), &["check", "--fix", "notes.md"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "# Notes\n\nText.\n"
    );
    assert_eq!(
        std::fs::read_to_string(d.path().join("old.md.bak")).unwrap(),
        original
    );
    let meta = std::fs::metadata(&path).unwrap();
    assert_ne!(meta.ino(), inode, "a new file was renamed over the old one");
    assert_eq!(meta.permissions().mode() & 0o777, 0o604, "permissions kept");
    assert_eq!(
        listing(d.path()),
        ["notes.md", "old.md.bak"],
        "no temporary file left"
    );
}

#[cfg(unix)]
#[test]
fn fix_interrupted_while_writing_leaves_the_old_file() {
    // `ulimit -f 0` makes the first byte written to any file kill the process (SIGXFSZ):
    // the run dies in the middle of writing the fixed text. The original must be intact.
    let d = tmp();
    let original = format!("# Notes\r\n\r\n{COMMENT}\r\nText.\r\n");
    let path = write(d.path(), "notes.md", &original);
    let r = run_full(
        d.path(),
        &["check", "--fix", "notes.md"],
        None,
        Some("ulimit -f 0"),
    );
    assert_ne!(
        r.code, 0,
        "the write was meant to fail: {}{}",
        r.stdout, r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        original,
        "old file, whole"
    );
    // Only the (empty) temporary file of the killed run may be left next to it.
    for name in listing(d.path()) {
        assert!(
            name == "notes.md" || (name.starts_with(".specmark-fix-") && name.ends_with(".tmp")),
            "unexpected file {name}"
        );
    }
    // A normal run afterwards fixes it.
    let r = run(d.path(), &["check", "--fix", "notes.md"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "# Notes\r\n\r\nText.\r\n"
    );
}

#[cfg(unix)]
#[test]
fn fix_in_a_folder_without_write_permission_leaves_the_file_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let d = tmp();
    let dir = d.path().join("locked");
    let original = format!("# Notes\n\n{COMMENT}\nText.\n");
    let path = write(&dir, "notes.md", &original);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = std::fs::File::create(dir.join("probe"));
    let writable_anyway = probe.is_ok();
    let _ = std::fs::remove_file(dir.join("probe"));
    let r = run(d.path(), &["check", "--fix", "locked/notes.md"]);
    if writable_anyway {
        // Running as root: a mode-555 folder is still writable, so the temporary file can
        // be created; the fix then goes through, atomically and without leftovers (the
        // interrupted-write test above covers a failing write).
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(listing(&dir), ["notes.md"]);
    } else {
        assert_eq!(r.code, 2);
        assert!(
            r.stderr
                .contains("locked/notes.md: cannot create a temporary file next to it"),
            "{}",
            r.stderr
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
}
