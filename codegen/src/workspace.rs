//! Regenerating this workspace's `bindings/` from `schema/providers.json`, and the runtime's
//! built-in functions module from `schema/functions.json` (what `cargo run -p codegen` does
//! without arguments).

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::{Config, Generated, WriteSummary};

/// `schema/providers.json`.
#[derive(Debug, Deserialize)]
pub struct ProvidersFile {
    /// The providers to generate.
    pub providers: Vec<ProviderEntry>,
}

/// One provider of `schema/providers.json`.
#[derive(Debug, Deserialize)]
pub struct ProviderEntry {
    /// Local name (`tfe`): the package and directory name under `bindings/`.
    pub name: String,
    /// Source address (`hashicorp/tfe`).
    pub source: String,
    /// Version constraint.
    #[serde(default)]
    pub version: Option<String>,
    /// The schema document, relative to `schema/`.
    pub schema: String,
}

/// The result for one provider.
#[derive(Debug)]
pub struct Regenerated {
    /// The package directory.
    pub dir: PathBuf,
    /// What was generated.
    pub generated: Generated,
    /// What was written.
    pub summary: WriteSummary,
}

/// The checkout to regenerate: `start` or the nearest directory above it that has
/// `schema/providers.json`.
pub fn find_root(start: &Path) -> Result<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join("schema").join("providers.json").is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::NoWorkspace {
            start: start.to_path_buf(),
        })
}

/// What [`regenerate`] did.
#[derive(Debug)]
pub struct Workspace {
    /// One entry per provider package.
    pub providers: Vec<Regenerated>,
    /// The runtime's functions module ([`crate::functions::OUTPUT_FILE`]) and whether it was
    /// written (`false`: it was up to date).
    pub functions: (PathBuf, bool),
}

/// Regenerates `ROOT/bindings/<name>/` for every provider in `ROOT/schema/providers.json`, and
/// the runtime's functions module from `ROOT/schema/functions.json`. Everything is generated
/// before anything is written.
pub fn regenerate(root: &Path) -> Result<Workspace> {
    let (functions_path, functions_code) = crate::functions::regenerate(root)?;
    let list_path = root.join("schema").join("providers.json");
    let text = read(&list_path)?;
    let list: ProvidersFile = serde_json::from_str(&text).map_err(|e| Error::ProvidersFile {
        file: list_path.clone(),
        message: e.to_string(),
    })?;
    let runtime = root.join("cdktf");
    let mut planned = Vec::new();
    for p in &list.providers {
        let schema_path = root.join("schema").join(&p.schema);
        let dir = root.join("bindings").join(&p.name);
        let mut config = Config::new();
        config
            .provider(&p.name)
            .package_name(&p.name)
            .source(&p.source)
            .runtime_path(
                relative_path(&dir, &runtime)
                    .to_string_lossy()
                    .replace('\\', "/"),
            )
            .file_name(schema_path.display().to_string())
            .standalone(false);
        if let Some(v) = &p.version {
            config.version(v);
        }
        let generated = config.generate(&read(&schema_path)?)?;
        planned.push((dir, generated));
    }
    let mut out = Vec::new();
    for (dir, generated) in planned {
        let summary = generated.write_to(&dir)?;
        out.push(Regenerated {
            dir,
            generated,
            summary,
        });
    }
    let written = crate::write::write_if_changed(&functions_path, &functions_code)?;
    Ok(Workspace {
        providers: out,
        functions: (functions_path, written),
    })
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Read {
        file: path.to_path_buf(),
        source,
    })
}

/// `to` relative to the directory `from` (both absolute or both relative to the same base).
pub fn relative_path(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<Component> = normalize(from);
    let to: Vec<Component> = normalize(to);
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..from.len() {
        out.push("..");
    }
    for c in &to[common..] {
        out.push(c.as_os_str());
    }
    out
}

fn normalize(path: &Path) -> Vec<Component<'_>> {
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        let p = relative_path(Path::new("/w/bindings/tfe"), Path::new("/w/cdktf"));
        assert_eq!(p, PathBuf::from("../../cdktf"));
        let p = relative_path(
            Path::new("/w/codegen/../bindings/tfe"),
            Path::new("/w/cdktf"),
        );
        assert_eq!(p, PathBuf::from("../../cdktf"));
    }
}
