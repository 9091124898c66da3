//! A project's settings: `cdktf.json` (as cdktf reads it) or, without one, the
//! `[package.metadata.cdktf]` table of its `Cargo.toml`.
//!
//! Keys, in either place: `app` (the command that synthesizes; default `cargo run --quiet`),
//! `output` (default `cdktf.out`), `terraformProviders` (entries such as `"hashicorp/aws@~> 5.0"`
//! or `{ "name": "aws", "source": "hashicorp/aws", "version": "~> 5.0" }`) and `codeMakerOutput`
//! (where `get` writes the bindings crates; default `.gen`).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The command that synthesizes a Rust app when the project names none.
pub const DEFAULT_APP: &str = "cargo run --quiet";

/// A project directory and its settings.
#[derive(Clone, Debug)]
pub struct Project {
    /// The project directory (absolute).
    pub root: PathBuf,
    /// The synth command; `None` runs [`DEFAULT_APP`].
    pub app: Option<String>,
    /// The output directory of synthesis (absolute).
    pub output: PathBuf,
    /// The providers `get` generates bindings for.
    pub providers: Vec<ProviderSpec>,
    /// Where `get` writes one bindings crate per provider (absolute).
    pub codegen_output: PathBuf,
    /// The file the settings came from (for messages); `None` when there is none.
    pub config_file: Option<PathBuf>,
}

/// One entry of `terraformProviders`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderSpec {
    /// The entry as written, for messages.
    pub entry: String,
    /// The source address (`hashicorp/aws`, or with a hostname).
    pub source: String,
    /// The local name (`aws`): the crate and directory name of the bindings.
    pub name: String,
    /// The version constraint (`~> 5.0`), if any.
    pub constraint: Option<String>,
}

/// The keys shared by `cdktf.json` and `[package.metadata.cdktf]`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Settings {
    app: Option<String>,
    output: Option<String>,
    #[serde(default)]
    terraform_providers: Vec<ProviderEntry>,
    code_maker_output: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ProviderEntry {
    Text(String),
    Object {
        name: Option<String>,
        source: Option<String>,
        version: Option<String>,
    },
}

impl Project {
    /// Reads the settings of the project in `root`.
    pub fn load(root: &Path) -> Result<Project> {
        let root = std::path::absolute(root).map_err(|e| Error::io("resolving", root, e))?;
        let json = root.join("cdktf.json");
        let cargo = root.join("Cargo.toml");
        let (settings, file) = if json.is_file() {
            let text = read(&json)?;
            let s: Settings =
                serde_json::from_str(&text).map_err(|e| Error::config(&json, e.to_string()))?;
            (s, Some(json))
        } else if cargo.is_file() {
            (cargo_settings(&cargo)?, Some(cargo))
        } else {
            (Settings::default(), None)
        };
        let where_ = file.clone().unwrap_or_else(|| root.clone());
        let providers = settings
            .terraform_providers
            .iter()
            .map(|p| ProviderSpec::from_entry(p).map_err(|e| Error::config(&where_, e.to_string())))
            .collect::<Result<Vec<_>>>()?;
        let mut names = std::collections::BTreeSet::new();
        for p in &providers {
            if !names.insert(p.name.clone()) {
                return Err(Error::config(
                    &where_,
                    format!(
                        "two terraformProviders entries have the local name {:?}",
                        p.name
                    ),
                ));
            }
        }
        Ok(Project {
            output: root.join(settings.output.as_deref().unwrap_or("cdktf.out")),
            codegen_output: root.join(settings.code_maker_output.as_deref().unwrap_or(".gen")),
            app: settings.app,
            providers,
            root,
            config_file: file,
        })
    }
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::io("reading", path, e))
}

/// `[package.metadata.cdktf]` of a `Cargo.toml`; missing tables are empty settings.
fn cargo_settings(path: &Path) -> Result<Settings> {
    let text = read(path)?;
    let doc: toml::Value = toml::from_str(&text).map_err(|e| Error::config(path, e.to_string()))?;
    match doc
        .get("package")
        .and_then(|p| p.get("metadata"))
        .and_then(|m| m.get("cdktf"))
    {
        Some(table) => table.clone().try_into().map_err(|e: toml::de::Error| {
            Error::config(path, format!("[package.metadata.cdktf]: {e}"))
        }),
        None => Ok(Settings::default()),
    }
}

impl ProviderSpec {
    /// Parses `"hashicorp/aws@~> 5.0"`, `"aws"` (a `hashicorp/` provider) or
    /// `"registry.example.com/acme/thing@1.2.3"`.
    pub fn parse(entry: &str) -> Result<ProviderSpec> {
        let (source, constraint) = match entry.split_once('@') {
            Some((s, c)) => (s.trim(), Some(c.trim().to_string())),
            None => (entry.trim(), None),
        };
        Self::build(entry, source, None, constraint)
    }

    fn from_entry(entry: &ProviderEntry) -> Result<ProviderSpec> {
        match entry {
            ProviderEntry::Text(t) => Self::parse(t),
            ProviderEntry::Object {
                name,
                source,
                version,
            } => {
                let text =
                    serde_json::json!({ "name": name, "source": source, "version": version })
                        .to_string();
                let src = source
                    .as_deref()
                    .or(name.as_deref())
                    .ok_or_else(|| Error::Provider {
                        entry: text.clone(),
                        message: "needs a `source` (or a `name`)".into(),
                    })?;
                Self::build(&text, src, name.clone(), version.clone())
            }
        }
    }

    fn build(
        entry: &str,
        source: &str,
        name: Option<String>,
        constraint: Option<String>,
    ) -> Result<ProviderSpec> {
        let bad = |message: &str| Error::Provider {
            entry: entry.to_string(),
            message: message.to_string(),
        };
        let parts: Vec<&str> = source.split('/').collect();
        let ok_part = |p: &&str| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        if parts.len() > 3 || !parts.iter().all(ok_part) {
            return Err(bad(
                "expected a source address such as `hashicorp/aws` (letters, digits, `-`, `_`)",
            ));
        }
        let source = match parts.len() {
            1 => format!("hashicorp/{}", parts[0]),
            _ => parts.join("/"),
        }
        .to_ascii_lowercase();
        if matches!(constraint.as_deref(), Some("")) {
            return Err(bad("empty version constraint after `@`"));
        }
        let name = name.unwrap_or_else(|| parts[parts.len() - 1].to_ascii_lowercase());
        if !ok_part(&name.as_str()) || name.contains('.') {
            return Err(bad("the local name must be letters, digits, `-` or `_`"));
        }
        Ok(ProviderSpec {
            entry: entry.to_string(),
            source,
            name,
            constraint,
        })
    }

    /// The key of this provider in `terraform providers schema -json`
    /// (`registry.terraform.io/hashicorp/aws`).
    pub fn schema_key(&self) -> String {
        if self.source.split('/').count() == 3 {
            self.source.clone()
        } else {
            format!("registry.terraform.io/{}", self.source)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_entries() {
        let p = ProviderSpec::parse("hashicorp/aws@~> 5.0").expect("parses");
        assert_eq!(p.source, "hashicorp/aws");
        assert_eq!(p.name, "aws");
        assert_eq!(p.constraint.as_deref(), Some("~> 5.0"));
        assert_eq!(p.schema_key(), "registry.terraform.io/hashicorp/aws");
        let p = ProviderSpec::parse("random").expect("parses");
        assert_eq!(p.source, "hashicorp/random");
        assert_eq!(p.constraint, None);
        let p = ProviderSpec::parse("example.com/Acme/thing@1.2.3").expect("parses");
        assert_eq!(p.schema_key(), "example.com/acme/thing");
        assert!(ProviderSpec::parse("a/b/c/d").is_err());
        assert!(ProviderSpec::parse("hashicorp/aws@").is_err());
        assert!(ProviderSpec::parse("hashi corp/aws").is_err());
        assert!(ProviderSpec::parse("").is_err());
    }

    #[test]
    fn settings_from_cargo_toml() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("Cargo.toml"),
            "[package]\nname = \"x\"\n[package.metadata.cdktf]\nterraformProviders = [\"hashicorp/aws@~> 5.0\"]\noutput = \"out\"\n",
        )
        .expect("write");
        let p = Project::load(dir.path()).expect("loads");
        assert_eq!(p.providers.len(), 1);
        assert!(p.output.ends_with("out"));
        assert_eq!(p.app, None);
    }
}
