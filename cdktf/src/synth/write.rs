//! Writing the output directory as a whole.
//!
//! The new output is written into a staging directory next to the output directory, whose name is
//! unique by construction (`create_dir` with a random suffix fails rather than reuse a name), and
//! synced to disk. It then takes the place of the old output in one step: on Linux an exchange
//! rename (`renameat2(RENAME_EXCHANGE)`), so that there is always a complete `cdktf.out`, even if
//! the process is killed. Of the old output, only the files synthesis writes are deleted; anything
//! else found in it (`.terraform/` after `terraform init`, ...) is moved into the new output.
//!
//! Synthesis refuses an output path that is not a directory, and a non-empty directory that holds
//! no `manifest.json` of a previous synth: it never deletes or moves what it did not write.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

const STAGING: &str = "staging";
const MANIFEST: &str = "manifest.json";
const STACK_FILE: &str = "cdk.tf.json";

/// Replaces `outdir` with a directory holding exactly `files` (paths relative to it), keeping
/// files of the old output that synthesis did not write.
pub(crate) fn replace_dir<C: AsRef<[u8]>>(outdir: &Path, files: &[(String, C)]) -> Result<()> {
    let parent = match outdir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Some(name) = outdir.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Err(unsafe_outdir(outdir, "it does not end in a directory name"));
    };
    check_outdir(outdir)?;
    fs::create_dir_all(&parent).map_err(|e| Error::io("creating", &parent, e))?;
    clean_dead_runs(&parent, &name, outdir);
    let staging = create_staging(&parent, &name)?;
    let result = write_all(&staging, files)
        .and_then(|()| sync_dir(&parent))
        .and_then(|()| swap_in(&staging, outdir));
    match result {
        Ok(Swapped::Exchanged) => {
            // `staging` now holds the previous output.
            dismantle(&staging, outdir);
            let _ = sync_dir(&parent);
            Ok(())
        }
        Ok(Swapped::Placed) => {
            let _ = sync_dir(&parent);
            Ok(())
        }
        Err(e) => {
            dismantle(&staging, outdir);
            Err(e)
        }
    }
}

fn unsafe_outdir(outdir: &Path, reason: &str) -> Error {
    Error::UnsafeOutdir {
        path: outdir.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// Refuses a path that is not a directory, and a non-empty directory that is not the output of a
/// previous synth.
fn check_outdir(outdir: &Path) -> Result<()> {
    let meta = match fs::symlink_metadata(outdir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io("reading", outdir, e)),
    };
    if meta.file_type().is_symlink() {
        return Err(unsafe_outdir(
            outdir,
            "it is a symbolic link; give the directory it points to",
        ));
    }
    if !meta.is_dir() {
        return Err(unsafe_outdir(
            outdir,
            "it is a file, not a directory; synthesis never replaces a file",
        ));
    }
    let mut entries = fs::read_dir(outdir).map_err(|e| Error::io("reading", outdir, e))?;
    if entries.next().is_none() || is_synth_output(outdir) {
        return Ok(());
    }
    Err(unsafe_outdir(
        outdir,
        "it is not empty and holds no manifest.json of a previous synth; synthesis replaces only \
         its own output, so choose an empty or new directory",
    ))
}

/// Whether `dir` holds a `manifest.json` as synthesis writes it (an object with `stacks`).
fn is_synth_output(dir: &Path) -> bool {
    let path = dir.join(MANIFEST);
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => {}
        _ => return false,
    }
    let Ok(text) = fs::read_to_string(&path) else {
        return false;
    };
    matches!(
        serde_json::from_str::<serde_json::Value>(&text),
        Ok(serde_json::Value::Object(m)) if m.get("stacks").is_some_and(|s| s.is_object())
    )
}

/// A random suffix: `RandomState` is seeded from the OS, and a counter separates calls.
fn random_suffix() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    format!("{:016x}", h.finish())
}

fn staging_prefix(name: &str) -> String {
    format!(".{name}.{STAGING}-")
}

/// Creates `.NAME.staging-PID-RANDOM` next to the output; `create_dir` fails if it exists, so two
/// synths never share one.
fn create_staging(parent: &Path, name: &str) -> Result<PathBuf> {
    let pid = std::process::id();
    let mut last_error = None;
    for _ in 0..16 {
        let candidate = parent.join(format!("{}{pid}-{}", staging_prefix(name), random_suffix()));
        match fs::create_dir(&candidate) {
            Ok(()) => return Ok(candidate),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last_error = Some(e),
            Err(e) => return Err(Error::io("creating", &candidate, e)),
        }
    }
    let e = last_error.unwrap_or_else(|| std::io::Error::other("no unique name"));
    Err(Error::io("creating a staging directory in", parent, e))
}

fn write_all<C: AsRef<[u8]>>(dir: &Path, files: &[(String, C)]) -> Result<()> {
    let mut dirs = vec![dir.to_path_buf()];
    for (rel, contents) in files {
        let path = dir.join(rel);
        if let Some(p) = path.parent() {
            if !dirs.iter().any(|d| d == p) {
                fs::create_dir_all(p).map_err(|e| Error::io("creating", p, e))?;
                dirs.push(p.to_path_buf());
            }
        }
        let mut file = fs::File::create(&path).map_err(|e| Error::io("writing", &path, e))?;
        file.write_all(contents.as_ref())
            .and_then(|()| file.sync_all())
            .map_err(|e| Error::io("writing", &path, e))?;
    }
    // Deepest first, so that each directory's entries are durable before its parent's.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in &dirs {
        sync_dir(d)?;
    }
    Ok(())
}

/// Makes a directory's entries durable (a no-op where directories cannot be opened).
fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let f = fs::File::open(dir).map_err(|e| Error::io("opening", dir, e))?;
        f.sync_all().map_err(|e| Error::io("syncing", dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

enum Swapped {
    /// The old output is now at the staging path.
    Exchanged,
    /// There was no old output.
    Placed,
}

/// Puts `staging` in the place of `outdir` in one step.
fn swap_in(staging: &Path, outdir: &Path) -> Result<Swapped> {
    // Another synth may create or replace the output between the steps; retry a few times.
    for _ in 0..8 {
        match fs::symlink_metadata(outdir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                match rename_noreplace(staging, outdir) {
                    Ok(()) => return Ok(Swapped::Placed),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                    Err(e) => return Err(Error::io("moving into place", outdir, e)),
                }
            }
            Err(e) => return Err(Error::io("reading", outdir, e)),
            Ok(_) => {
                // Checked again: another program may have put something else there meanwhile.
                check_outdir(outdir)?;
                match exchange(staging, outdir) {
                    Ok(()) => return Ok(Swapped::Exchanged),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                    Err(e) => return Err(Error::io("moving into place", outdir, e)),
                }
            }
        }
    }
    Err(Error::io(
        "moving into place",
        outdir,
        std::io::Error::other("the output directory kept changing during synthesis"),
    ))
}

#[cfg(target_os = "linux")]
fn renameat2(from: &Path, to: &Path, flags: libc::c_uint) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let from = CString::new(from.as_os_str().as_bytes())?;
    let to = CString::new(to.as_os_str().as_bytes())?;
    // SAFETY: both paths are NUL-terminated strings that outlive the call; the syscall reads them
    // only. The raw syscall also works where the C library has no renameat2 wrapper.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            flags,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Whether the error means the file system or kernel lacks the operation.
#[cfg(target_os = "linux")]
fn unsupported(e: &std::io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS))
}

/// Swaps two existing paths atomically.
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    match renameat2(a, b, libc::RENAME_EXCHANGE) {
        Err(e) if unsupported(&e) => {}
        other => return other,
    }
    // Fallback: two renames, through a unique name next to `b`.
    let aside = a.with_file_name(format!(
        "{}.old-{}",
        a.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        random_suffix()
    ));
    fs::rename(b, &aside)?;
    if let Err(e) = fs::rename(a, b) {
        let _ = fs::rename(&aside, b);
        return Err(e);
    }
    fs::rename(&aside, a)
}

/// Renames `from` to `to`, failing with `AlreadyExists` if `to` exists.
fn rename_noreplace(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    match renameat2(from, to, libc::RENAME_NOREPLACE) {
        Err(e) if unsupported(&e) => {}
        other => return other,
    }
    if fs::symlink_metadata(to).is_ok() {
        return Err(std::io::ErrorKind::AlreadyExists.into());
    }
    fs::rename(from, to)
}

/// Whether `rel` (relative to an output directory) is a file synthesis writes: the manifest, a
/// stack's document, or anything below a stack's `assets` (each synth copies the assets it uses
/// there afresh, so an earlier synth's copies must not be carried over).
fn written_by_synthesis(rel: &Path) -> bool {
    let parts: Vec<_> = rel.components().map(|c| c.as_os_str()).collect();
    match parts.as_slice() {
        [m] => *m == MANIFEST,
        [s, _, f] => *s == "stacks" && *f == STACK_FILE,
        [s, _, a, _, ..] => *s == "stacks" && *a == "assets",
        _ => false,
    }
}

/// Takes apart a previous output (or a staging directory): deletes the files synthesis writes,
/// moves every other file into `outdir` (where that path is free), and removes the directories
/// left empty. What cannot be moved stays where it is; nothing else is deleted.
fn dismantle(dir: &Path, outdir: &Path) {
    remove_synthesized(dir, Path::new(""));
    if is_synth_output(outdir) {
        carry_over(dir, Path::new(""), outdir);
    }
    let _ = fs::remove_dir(dir);
}

/// Deletes the files synthesis writes below `root`, and the directories that leaves empty.
fn remove_synthesized(root: &Path, rel: &Path) {
    let Ok(entries) = fs::read_dir(root.join(rel)) else {
        return;
    };
    for entry in entries.flatten() {
        let rel = rel.join(entry.file_name());
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_file() && written_by_synthesis(&rel) {
            let _ = fs::remove_file(root.join(&rel));
        } else if file_type.is_dir() {
            remove_synthesized(root, &rel);
            // Fails, keeping it, unless it is empty.
            let _ = fs::remove_dir(root.join(&rel));
        }
    }
}

/// Moves what is left below `root` to the same place in `outdir`, where that place is free.
fn carry_over(root: &Path, rel: &Path, outdir: &Path) {
    let Ok(entries) = fs::read_dir(root.join(rel)) else {
        return;
    };
    for entry in entries.flatten() {
        let rel = rel.join(entry.file_name());
        let path = root.join(&rel);
        let target = outdir.join(&rel);
        match fs::symlink_metadata(&target) {
            Ok(meta) => {
                if meta.is_dir() && entry.file_type().is_ok_and(|t| t.is_dir()) {
                    carry_over(root, &rel, outdir);
                    let _ = fs::remove_dir(&path);
                }
            }
            Err(_) => {
                if let Some(p) = target.parent() {
                    let _ = fs::create_dir_all(p);
                }
                let _ = rename_noreplace(&path, &target);
            }
        }
    }
}

/// Whether the process `pid` is running.
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        // SAFETY: signal 0 only checks whether the process exists; nothing is sent.
        let rc = unsafe { libc::kill(pid, 0) };
        rc == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Takes apart staging directories of runs whose process is gone (killed mid-synth): synthesized
/// files are deleted, other files moved into the output, as after a normal swap.
fn clean_dead_runs(parent: &Path, name: &str, outdir: &Path) {
    let prefix = staging_prefix(name);
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) {
            dismantle(&entry.path(), outdir);
        }
    }
}
