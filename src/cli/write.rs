//! Writing fixed files atomically: a temporary file in the same folder, the original
//! permissions, then a rename over the original. A reader never sees half a file.

use std::io::Write;
use std::path::Path;

/// Replace the contents of `path` with `bytes`. A symlink is followed (the target is
/// rewritten, the link kept). A read-only file is refused and left untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let real = std::fs::canonicalize(path).map_err(|e| super::io_message(&e))?;
    let meta = std::fs::metadata(&real).map_err(|e| super::io_message(&e))?;
    if meta.permissions().readonly() {
        return Err("file is read-only; fixes were not written".into());
    }
    // Renaming would succeed even where the file itself is not writable for this user;
    // opening it for writing (without truncating) asks the operating system.
    std::fs::OpenOptions::new()
        .append(true)
        .open(&real)
        .map_err(|e| {
            format!(
                "cannot write: {}; fixes were not written",
                super::io_message(&e)
            )
        })?;
    let dir = real
        .parent()
        .ok_or_else(|| "file has no parent folder".to_string())?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".specmark-fix-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| {
            format!(
                "cannot create a temporary file next to it: {}",
                super::io_message(&e)
            )
        })?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| format!("cannot write: {}", super::io_message(&e)))?;
    std::fs::set_permissions(tmp.path(), meta.permissions())
        .map_err(|e| format!("cannot set permissions: {}", super::io_message(&e)))?;
    tmp.persist(&real)
        .map_err(|e| format!("cannot replace the file: {}", super::io_message(&e.error)))?;
    Ok(())
}
