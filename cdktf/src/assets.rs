//! Assets: files, directories and zip archives copied into the stack's output directory at
//! synthesis (cdktf's `TerraformAsset`), so that Terraform finds them beside `cdk.tf.json`.
//!
//! An asset lands in `stacks/<stack>/assets/<logical id>/<HASH>/<file name>` (a directory asset
//! in `.../<HASH>/` itself), where `HASH` is cdktf's: the MD5 of the contents of every file, in
//! name order, as 32 upper-case hex digits. A change of content changes the path, and with it the
//! configuration. [`TerraformAsset::path`] is relative to the stack's directory, where Terraform
//! runs.
//!
//! ```
//! use cdktf::prelude::*;
//! use cdktf::{TerraformAsset, TerraformAssetConfig};
//!
//! let dir = std::env::temp_dir().join("cdktf-asset-doc");
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("index.html"), "<h1>hello</h1>").unwrap();
//! let app = App::with_outdir(dir.join("cdktf.out"));
//! let stack = TerraformStack::new(&app, "site");
//! let page = TerraformAsset::new(&stack, "page", TerraformAssetConfig::new(dir.join("index.html")));
//! assert_eq!(page.path(), format!("assets/page/{}/index.html", page.asset_hash()));
//! TerraformOutput::new(&stack, "page-path", page.path());
//! app.synth()?;
//! assert!(dir.join("cdktf.out/stacks/site").join(page.path()).is_file());
//! # Ok::<(), cdktf::Error>(())
//! ```
//!
//! Differences from cdktf: a relative path is relative to the current directory (cdktf resolves
//! it against the directory of `cdktf.json`); archives are written by the `zip` crate, with
//! entries in name order and a fixed timestamp so that the same input gives the same bytes, and
//! need the cargo feature `archive` (it keeps the compression code out of builds that do not use
//! it); empty directories inside a directory asset are not copied.

use std::path::{Path, PathBuf};

use crate::construct::{Node, Scope};
use crate::error::{Error, Result};

/// What an asset is copied as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssetType {
    /// One file, copied as is.
    File,
    /// A directory, copied with everything in it.
    Directory,
    /// A directory (or file) packed into `archive.zip`.
    Archive,
}

/// The configuration of a [`TerraformAsset`].
#[derive(Clone, Debug)]
#[must_use]
pub struct TerraformAssetConfig {
    path: PathBuf,
    asset_type: Option<AssetType>,
    asset_hash: Option<String>,
}

impl TerraformAssetConfig {
    /// The file or directory at `path` (relative paths are relative to the current directory).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        TerraformAssetConfig {
            path: path.into(),
            asset_type: None,
            asset_hash: None,
        }
    }

    /// How to copy it; by default a file is a [`AssetType::File`] and a directory a
    /// [`AssetType::Directory`].
    pub fn asset_type(mut self, asset_type: AssetType) -> Self {
        self.asset_type = Some(asset_type);
        self
    }

    /// Uses `hash` instead of the hash of the contents.
    pub fn asset_hash(mut self, hash: impl Into<String>) -> Self {
        self.asset_hash = Some(hash.into());
        self
    }
}

/// A file, directory or archive copied into the stack's output directory.
#[derive(Clone, Debug)]
pub struct TerraformAsset {
    node: Node,
}

/// The asset attached to its node.
#[derive(Default)]
struct AssetState(Option<Asset>);

#[derive(Clone, Debug)]
struct Asset {
    source: PathBuf,
    kind: AssetType,
    hash: String,
}

const ARCHIVE_NAME: &str = "archive.zip";

impl TerraformAsset {
    /// Creates the asset `id` under `scope` (inside a stack). A missing source, or a type that
    /// does not fit it (a file as a directory or the reverse), is reported by `synth`.
    pub fn new(scope: &impl Scope, id: &str, config: TerraformAssetConfig) -> Self {
        let node = scope.node().add_child(id, None);
        let asset = TerraformAsset { node };
        match Self::inspect(&config) {
            Ok(a) => asset.node.with_ext(|s: &mut AssetState| s.0 = Some(a)),
            Err(message) => asset.node.record_error(Error::Asset {
                path: asset.node.path().to_string(),
                source_path: config.path.clone(),
                message,
            }),
        }
        if asset.node.stack().is_none() {
            asset.node.record_error(Error::NoStack {
                path: asset.node.path().to_string(),
            });
        }
        asset
    }

    fn inspect(config: &TerraformAssetConfig) -> std::result::Result<Asset, String> {
        let meta = std::fs::metadata(&config.path).map_err(|e| e.to_string())?;
        let kind = config.asset_type.unwrap_or(if meta.is_file() {
            AssetType::File
        } else {
            AssetType::Directory
        });
        match (kind, meta.is_file()) {
            (AssetType::File, false) => return Err("is a directory, not a file".into()),
            (AssetType::Directory | AssetType::Archive, true) => {
                return Err("is a file; directory and archive assets need a directory".into())
            }
            _ => {}
        }
        let hash = match &config.asset_hash {
            Some(h) => h.clone(),
            None => hash_path(&config.path).map_err(|e| e.to_string())?,
        };
        Ok(Asset {
            source: config.path.clone(),
            kind,
            hash,
        })
    }

    fn state(&self) -> Option<Asset> {
        self.node.ext_ref(|s: &AssetState| s.0.clone()).flatten()
    }

    /// The folder of all versions of this asset: `assets/<logical id>`.
    fn named_folder(&self) -> String {
        format!("assets/{}", crate::logical_id::allocate(&self.node))
    }

    /// Where the asset is, relative to the stack's directory:
    /// `assets/<logical id>/<HASH>/<file name>` (no file name for a directory).
    pub fn path(&self) -> String {
        let base = format!("{}/{}", self.named_folder(), self.asset_hash());
        match self.state().map(|a| a.kind) {
            Some(AssetType::Directory) | None => base,
            Some(_) => format!("{base}/{}", self.file_name()),
        }
    }

    /// The asset's file name: the source's for a file or directory, `archive.zip` for an archive.
    pub fn file_name(&self) -> String {
        match self.state() {
            Some(a) if a.kind == AssetType::Archive => ARCHIVE_NAME.into(),
            Some(a) => a
                .source
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            None => String::new(),
        }
    }

    /// The hash of the contents (or the one given in the configuration).
    pub fn asset_hash(&self) -> String {
        self.state().map(|a| a.hash).unwrap_or_default()
    }

    /// The asset's type.
    pub fn asset_type(&self) -> Option<AssetType> {
        self.state().map(|a| a.kind)
    }
}

impl Scope for TerraformAsset {
    fn node(&self) -> &Node {
        &self.node
    }
}

/// cdktf's asset hash: MD5 of the bytes of every file below `path` in name order, upper-case hex.
pub(crate) fn hash_path(path: &Path) -> std::io::Result<String> {
    let mut hasher = md5::Context::new();
    for file in files_below(path)? {
        // As a slice: `consume` is generic, and one instance of its unrolled rounds is enough.
        hasher.consume(std::fs::read(under(path, &file))?.as_slice());
    }
    Ok(hasher
        .finalize()
        .0
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect())
}

/// The files below `root` (or `root` itself, as an empty relative path, if it is a file), as
/// relative paths, depth first with each directory's entries in byte order of their names (the
/// order cdktf's `readdirSync` walk gives). Symbolic links are followed.
fn files_below(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    Ok(entries_below(root)?
        .into_iter()
        .filter_map(|(rel, is_dir)| (!is_dir).then_some(rel))
        .collect())
}

/// Like [`files_below`], with the directories below `root` too (`true`), each before its
/// contents.
fn entries_below(root: &Path) -> std::io::Result<Vec<(PathBuf, bool)>> {
    let mut out = Vec::new();
    walk(root, PathBuf::new(), &mut out)?;
    Ok(out)
}

/// `root/rel`; `root` itself for an empty `rel` (`join` would add a trailing `/`, which a file
/// path must not have).
fn under(root: &Path, rel: &Path) -> PathBuf {
    if rel.as_os_str().is_empty() {
        root.to_path_buf()
    } else {
        root.join(rel)
    }
}

fn walk(root: &Path, rel: PathBuf, out: &mut Vec<(PathBuf, bool)>) -> std::io::Result<()> {
    let full = under(root, &rel);
    let meta = std::fs::metadata(&full)?;
    if meta.is_file() {
        out.push((rel, false));
    } else if meta.is_dir() {
        let mut names: Vec<std::ffi::OsString> = std::fs::read_dir(&full)?
            .map(|e| e.map(|e| e.file_name()))
            .collect::<std::io::Result<_>>()?;
        names.sort_by(|a, b| a.as_encoded_bytes().cmp(b.as_encoded_bytes()));
        if !rel.as_os_str().is_empty() {
            out.push((rel.clone(), true));
        }
        for name in names {
            walk(root, rel.join(name), out)?;
        }
    }
    Ok(())
}

/// The files every asset of the app adds to the output directory, as (path relative to the
/// output directory, contents): the synthesis hook.
pub(crate) fn output_files(root: &Node) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for node in root.find_all() {
        let Some(asset) = node.ext_ref(|s: &AssetState| s.0.clone()).flatten() else {
            continue;
        };
        let Some(stack) = node.stack() else { continue };
        let handle = TerraformAsset { node: node.clone() };
        let base = format!("stacks/{}/{}", stack.id(), handle.path());
        let error = |e: String| Error::Asset {
            path: node.path().to_string(),
            source_path: asset.source.clone(),
            message: e,
        };
        let result = match asset.kind {
            AssetType::File => std::fs::read(&asset.source)
                .map(|bytes| vec![(base, bytes)])
                .map_err(|e| error(e.to_string())),
            AssetType::Directory => {
                directory_files(&asset.source, &base).map_err(|e| error(e.to_string()))
            }
            AssetType::Archive => archive(&asset.source)
                .map(|bytes| vec![(base, bytes)])
                .map_err(error),
        };
        match result {
            Ok(f) => files.extend(f),
            Err(e) => errors.push(e),
        }
    }
    match Error::from_many(errors) {
        Some(e) => Err(e),
        None => Ok(files),
    }
}

fn directory_files(source: &Path, base: &str) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    files_below(source)?
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(source.join(&rel))?;
            Ok((format!("{base}/{}", slash_path(&rel)), bytes))
        })
        .collect()
}

/// A relative path with `/` separators, as zip entries and output paths use.
fn slash_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The zip archive of the directory `source`: every directory and file, in name order, deflated
/// at level 9 (as cdktf's archiver does), with a fixed timestamp so that the bytes depend on the
/// contents only.
#[cfg(feature = "archive")]
fn archive(source: &Path) -> std::result::Result<Vec<u8>, String> {
    use std::io::Write as _;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (rel, is_dir) in entries_below(source).map_err(|e| e.to_string())? {
        let full = source.join(&rel);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(9))
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(permissions(&full));
        if is_dir {
            zip.add_directory(format!("{}/", slash_path(&rel)), options)
                .map_err(|e| e.to_string())?;
            continue;
        }
        let bytes = std::fs::read(&full).map_err(|e| format!("{}: {e}", full.display()))?;
        zip.start_file(slash_path(&rel), options)
            .map_err(|e| e.to_string())?;
        zip.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    zip.finish().map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

#[cfg(not(feature = "archive"))]
fn archive(_source: &Path) -> std::result::Result<Vec<u8>, String> {
    Err("archive assets need the cargo feature `archive` of cdktf".into())
}

/// The file's permission bits (kept so that an executable stays executable in the archive).
#[cfg(feature = "archive")]
fn permissions(path: &Path) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        0o644
    }
}
