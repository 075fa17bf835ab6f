//! Paths as the user sees them: relative to the current folder, `/`-separated, computed
//! lexically (symlinks are not resolved, so the path printed is the path the user passed).

use std::path::{Component, Path, PathBuf};

/// `path` made absolute against `cwd` with `.` and `..` folded away.
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `abs` relative to `cwd` (using `..` when it lies outside), `/`-separated.
pub fn display(cwd: &Path, abs: &Path) -> String {
    let a: Vec<Component> = abs.components().collect();
    let b: Vec<Component> = cwd.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return slashes(abs);
    }
    let mut parts: Vec<String> = Vec::new();
    for _ in common..b.len() {
        parts.push("..".into());
    }
    for c in &a[common..] {
        parts.push(c.as_os_str().to_string_lossy().into_owned());
    }
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

pub fn slashes(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Whether the file name ends in `.md` or `.markdown` (any case).
pub fn is_markdown(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_display() {
        let cwd = Path::new("/r/work");
        assert_eq!(display(cwd, &absolute(cwd, Path::new("a/b.md"))), "a/b.md");
        assert_eq!(
            display(cwd, &absolute(cwd, Path::new("./a/./b.md"))),
            "a/b.md"
        );
        assert_eq!(
            display(cwd, &absolute(cwd, Path::new("../shared/x.md"))),
            "../shared/x.md"
        );
        assert_eq!(
            display(cwd, &absolute(cwd, Path::new("/r/work/c.md"))),
            "c.md"
        );
        assert_eq!(display(cwd, &absolute(cwd, Path::new("."))), ".");
    }
}
