//! Writing generated files: a new output directory whole, through a staging directory and one
//! rename; an existing one file by file, only files whose bytes changed, each through a
//! temporary file and a rename, and removal of stale generated files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::render::is_generated;
use crate::GeneratedFile;

/// What [`write_files`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files created or rewritten.
    pub written: Vec<PathBuf>,
    /// Files left alone because their content was already right.
    pub unchanged: usize,
    /// Stale generated files that were removed.
    pub removed: Vec<PathBuf>,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `contents` to `path` unless it already holds exactly that, through a temporary file
/// and a rename (the parent directory must exist). Returns whether it wrote.
pub fn write_if_changed(path: &Path, contents: &str) -> Result<bool> {
    if std::fs::read(path).ok().as_deref() == Some(contents.as_bytes()) {
        return Ok(false);
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{file_name}.codegen-tmp"));
    std::fs::write(&tmp, contents).map_err(io_err(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io_err(path))?;
    Ok(true)
}

/// Writes `files` under `dir`, then removes files under `dir` that carry the `@generated`
/// header but were not produced this time (a resource that left the schema).
///
/// A directory that does not exist yet is written whole beside its place and renamed into it: it
/// appears complete or not at all. An empty one is filled directly (and emptied again if a write
/// fails). Otherwise only files whose bytes changed are written, each through a temporary file
/// and a rename.
pub fn write_files(dir: &Path, files: &[GeneratedFile]) -> Result<WriteSummary> {
    let empty = match std::fs::read_dir(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(staging) = staging_dir(dir) {
                return write_staged(dir, &staging, files);
            }
            std::fs::create_dir_all(dir).map_err(io_err(dir))?;
            return write_changes(dir, files);
        }
        Err(e) => return Err(io_err(dir)(e)),
        Ok(mut entries) => entries.next().is_none(),
    };
    if empty {
        write_into_empty(dir, files)
    } else {
        write_changes(dir, files)
    }
}

/// A staging directory beside `dir` (`PARENT/.NAME.codegen-PID`), when `dir` ends in a name
/// (not `.` or `..`).
fn staging_dir(dir: &Path) -> Option<PathBuf> {
    let name = match dir.components().next_back()? {
        std::path::Component::Normal(name) => name.to_string_lossy().into_owned(),
        _ => return None,
    };
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Some(parent.join(format!(".{name}.codegen-{}", std::process::id())))
}

/// Creates the directories that `files` go into, under `root`, each once.
fn create_parent_dirs(root: &Path, files: &[GeneratedFile]) -> Result<()> {
    let dirs: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| root.join(&f.path).parent().map(Path::to_path_buf))
        .collect();
    for d in dirs {
        std::fs::create_dir_all(&d).map_err(io_err(&d))?;
    }
    Ok(())
}

/// Creates every file under `root`, on one thread: creating files in the same directory from
/// several threads only makes them wait for each other on the directory's lock.
fn create_all(root: &Path, files: &[GeneratedFile]) -> Result<()> {
    create_parent_dirs(root, files)?;
    files.iter().try_for_each(|f| {
        let path = root.join(&f.path);
        std::fs::write(&path, &f.contents).map_err(io_err(&path))
    })
}

/// Everything was written.
fn all_written(dir: &Path, files: &[GeneratedFile]) -> WriteSummary {
    WriteSummary {
        written: files.iter().map(|f| dir.join(&f.path)).collect(),
        unchanged: 0,
        removed: Vec::new(),
    }
}

/// Writes every file into `staging`, then renames it to `dir` (which does not exist).
fn write_staged(dir: &Path, staging: &Path, files: &[GeneratedFile]) -> Result<WriteSummary> {
    if let Some(parent) = staging.parent() {
        std::fs::create_dir_all(parent).map_err(io_err(parent))?;
    }
    if staging.exists() {
        std::fs::remove_dir_all(staging).map_err(io_err(staging))?;
    }
    let written = create_all(staging, files)
        .and_then(|()| std::fs::rename(staging, dir).map_err(io_err(dir)));
    if let Err(e) = written {
        // Best effort: the error that matters is the one returned.
        let _ = std::fs::remove_dir_all(staging);
        return Err(e);
    }
    Ok(all_written(dir, files))
}

/// Writes every file into the empty directory `dir`; on an error, empties it again.
fn write_into_empty(dir: &Path, files: &[GeneratedFile]) -> Result<WriteSummary> {
    if let Err(e) = create_all(dir, files) {
        // Best effort, as above: `dir` was empty.
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                let path = entry.path();
                let _ = std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path));
            }
        }
        return Err(e);
    }
    Ok(all_written(dir, files))
}

/// Writes the files of `files` whose bytes differ from those under `dir`, and removes stale
/// generated files.
fn write_changes(dir: &Path, files: &[GeneratedFile]) -> Result<WriteSummary> {
    use rayon::prelude::*;
    let mut summary = WriteSummary::default();
    create_parent_dirs(dir, files)?;
    // File system calls overlap well: on several threads (results kept in file order).
    let results: Vec<(PathBuf, Result<bool>)> = files
        .par_iter()
        .map(|f| {
            let path = dir.join(&f.path);
            let wrote = write_if_changed(&path, &f.contents);
            (path, wrote)
        })
        .collect();
    let mut produced = BTreeSet::new();
    for (path, wrote) in results {
        if wrote? {
            summary.written.push(path.clone());
        } else {
            summary.unchanged += 1;
        }
        produced.insert(path);
    }
    let mut stale = Vec::new();
    find_generated(dir, &produced, &mut stale)?;
    for path in stale {
        std::fs::remove_file(&path).map_err(io_err(&path))?;
        summary.removed.push(path);
    }
    Ok(summary)
}

/// Generated `.rs` and `Cargo.toml` files under `dir` other than those in `produced` (which are
/// not read again), skipping `target` and hidden directories.
fn find_generated(dir: &Path, produced: &BTreeSet<PathBuf>, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_err(dir)(e)),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_dir() {
            if name != "target" && !name.starts_with('.') {
                find_generated(&path, produced, out)?;
            }
        } else if (name.ends_with(".rs") || name == "Cargo.toml") && !produced.contains(&path) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if is_generated(&text) {
                out.push(path);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_changes_and_removes_stale_generated_files() -> Result<()> {
        let dir = tempfile::tempdir().map_err(io_err(Path::new("tmp")))?;
        let gen = |p: &str| GeneratedFile {
            path: p.into(),
            contents: format!("{}\n// {p}\n", crate::render::HEADER),
        };
        let s = write_files(dir.path(), &[gen("src/a.rs"), gen("src/b.rs")])?;
        assert_eq!(s.written.len(), 2);
        std::fs::write(dir.path().join("src/mine.rs"), "// hand-written\n")
            .map_err(io_err(dir.path()))?;
        let s = write_files(dir.path(), &[gen("src/a.rs")])?;
        assert_eq!((s.written.len(), s.unchanged, s.removed.len()), (0, 1, 1));
        assert!(dir.path().join("src/mine.rs").exists());
        assert!(!dir.path().join("src/b.rs").exists());
        Ok(())
    }

    #[test]
    fn a_new_directory_appears_whole_and_leaves_no_staging_behind() -> Result<()> {
        let root = tempfile::tempdir().map_err(io_err(Path::new("tmp")))?;
        let out = root.path().join("pkg");
        let file = |p: &str| GeneratedFile {
            path: p.into(),
            contents: format!("{}\n// {p}\n", crate::render::HEADER),
        };
        let s = write_files(&out, &[file("Cargo.toml"), file("src/a/b.rs")])?;
        assert_eq!(s.written.len(), 2);
        assert!(out.join("src/a/b.rs").is_file());
        let names: Vec<_> = std::fs::read_dir(root.path())
            .map_err(io_err(root.path()))?
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        assert_eq!(names, ["pkg"]);
        // An empty existing directory is filled, also when named `.`-relative.
        let empty = root.path().join("empty");
        std::fs::create_dir(&empty).map_err(io_err(&empty))?;
        write_files(&empty.join("."), &[file("x.rs")])?;
        assert!(empty.join("x.rs").is_file());
        Ok(())
    }
}
