//! `get`: one bindings crate per provider of the project's `terraformProviders`.
//!
//! Terraform itself resolves and installs the providers (`terraform init` in a throwaway
//! configuration that only requires them), so the user's CLI configuration, plugin cache and
//! filesystem or network mirrors apply as they do to any terraform run. The schemas come from
//! `terraform providers schema -json`, the bindings from the `codegen` library. What was
//! generated, from which constraint, provider version and terraform version, is recorded in
//! `cdktf.lock.json`; a provider whose entry still matches is not looked at again.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::project::{Project, ProviderSpec};
use crate::runtime::RuntimeDependency;
use crate::terraform::{Terraform, Version};

/// The lock file's name, in the project directory.
pub const LOCK_FILE: &str = "cdktf.lock.json";

/// The generator version recorded in the lock file: a new generator regenerates.
const GENERATOR: &str = env!("CARGO_PKG_VERSION");

/// Schema sections older terraform releases do not report, and the release that added them.
const SECTIONS: [(&str, Version); 2] = [
    ("provider functions", Version(1, 8, 0)),
    ("ephemeral resources", Version(1, 10, 0)),
];

/// Options of [`get`].
#[derive(Clone, Debug, Default)]
pub struct GetOptions {
    /// Regenerate every provider, even those the lock file says are up to date.
    pub force: bool,
    /// The `cdktf` dependency of the generated crates.
    pub runtime: RuntimeDependency,
    /// The terraform binary.
    pub terraform: Terraform,
    /// Print no progress messages.
    pub quiet: bool,
}

/// What [`get`] did.
#[derive(Clone, Debug, Default)]
pub struct GetReport {
    /// Providers whose bindings were generated.
    pub generated: Vec<Generated>,
    /// Providers the lock file says are up to date.
    pub unchanged: Vec<String>,
    /// Things the user should know: a terraform too old for a schema section, sections the
    /// generator skipped.
    pub warnings: Vec<String>,
}

/// One provider's generated bindings.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The source address (`hashicorp/aws`).
    pub source: String,
    /// The version terraform installed.
    pub version: String,
    /// The crate name (`aws`).
    pub name: String,
    /// The crate directory, relative to the project (`.gen/aws`).
    pub package: String,
}

/// `cdktf.lock.json`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct LockFile {
    /// The generator version that wrote the bindings.
    pub generator: String,
    /// The terraform version that reported the schemas.
    pub terraform: String,
    /// By source address.
    pub providers: BTreeMap<String, LockedProvider>,
}

/// One provider of the lock file.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct LockedProvider {
    /// The constraint as written in `terraformProviders`.
    pub constraint: Option<String>,
    /// The version terraform installed.
    pub version: String,
    /// The bindings crate, relative to the project.
    pub package: String,
}

impl LockFile {
    /// Reads `ROOT/cdktf.lock.json`; none is an empty lock.
    pub fn read(root: &Path) -> Result<LockFile> {
        let path = root.join(LOCK_FILE);
        if !path.exists() {
            return Ok(LockFile::default());
        }
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io("reading", &path, e))?;
        serde_json::from_str(&text).map_err(|e| Error::config(&path, e.to_string()))
    }

    fn write(&self, root: &Path) -> Result<()> {
        let path = root.join(LOCK_FILE);
        let mut text =
            serde_json::to_string_pretty(self).map_err(|e| Error::config(&path, e.to_string()))?;
        text.push('\n');
        std::fs::write(&path, text).map_err(|e| Error::io("writing", &path, e))
    }
}

/// Generates the bindings of the project's providers that changed since the last `get`.
pub fn get(project: &Project, options: &GetOptions) -> Result<GetReport> {
    let say = |text: String| {
        if !options.quiet {
            eprintln!("{text}");
        }
    };
    let mut report = GetReport::default();
    let mut lock = LockFile::read(&project.root)?;
    let listed = |source: &String| project.providers.iter().any(|p| &p.source == source);
    // Providers taken off the list leave the lock file (their crates stay, for the user to
    // delete); with none listed, terraform is not needed at all.
    if !lock.providers.keys().all(listed) {
        lock.providers.retain(|source, _| listed(source));
        lock.write(&project.root)?;
    }
    if project.providers.is_empty() {
        return Ok(report);
    }
    let tf_version = options.terraform.version(&project.root)?;
    for (section, needs) in SECTIONS {
        if tf_version < needs {
            report.warnings.push(format!(
                "{} {tf_version} does not report {section} (they need {needs} or later): the \
                 bindings will have none; upgrade terraform to get them",
                options.terraform.program()
            ));
        }
    }
    let same_tools = lock.generator == GENERATOR && lock.terraform == tf_version.to_string();
    let stale: Vec<&ProviderSpec> = project
        .providers
        .iter()
        .filter(|p| {
            let fresh = same_tools
                && lock.providers.get(&p.source).is_some_and(|l| {
                    l.constraint == p.constraint
                        && project.root.join(&l.package).join("Cargo.toml").is_file()
                });
            if fresh {
                report.unchanged.push(p.source.clone());
            }
            options.force || !fresh
        })
        .collect();
    report
        .unchanged
        .retain(|u| !stale.iter().any(|s| &s.source == u));
    if stale.is_empty() {
        return Ok(report);
    }
    let work = tempfile::Builder::new()
        .prefix("cdktf-get-")
        .tempdir()
        .map_err(|e| Error::io("creating", std::env::temp_dir(), e))?;
    write_config(work.path(), &stale)?;
    let names: Vec<String> = stale.iter().map(|p| p.entry.clone()).collect();
    say(format!("get: terraform init ({})", names.join(", ")));
    let tf = &options.terraform;
    tf.capture(
        work.path(),
        &args(&["init", "-input=false", "-backend=false", "-no-color"]),
    )?;
    say("get: terraform providers schema -json".into());
    let schema = tf.capture(work.path(), &args(&["providers", "schema", "-json"]))?;
    let selections = provider_selections(tf, work.path())?;
    let mut generated = Vec::new();
    for p in &stale {
        let version = selections.get(&p.schema_key()).cloned().unwrap_or_default();
        let package = relative_to(&project.root, &project.codegen_output.join(&p.name));
        say(format!(
            "get: generating {} {version} into {package}",
            p.source
        ));
        let mut config = codegen::Config::new();
        config
            .provider(p.schema_key())
            .package_name(&p.name)
            .source(&p.source)
            // The crate sits inside the project, so it is a member of the project's workspace
            // (cargo refuses a second workspace root below the first).
            .standalone(false)
            .file_name(format!("`terraform providers schema -json` ({})", p.source));
        if let Some(c) = &p.constraint {
            config.version(c);
        }
        options.runtime.configure(&mut config);
        let out = config.generate(&schema).map_err(|e| Error::Codegen {
            provider: p.source.clone(),
            source: e,
        })?;
        report
            .warnings
            .extend(out.warnings.iter().map(|w| format!("{}: {w}", p.source)));
        generated.push((p, version, package, out));
    }
    // Everything generated in memory first: a failure above leaves the project as it was.
    for (p, version, package, out) in generated {
        out.write_to(project.root.join(&package))
            .map_err(|e| Error::Codegen {
                provider: p.source.clone(),
                source: e,
            })?;
        lock.providers.insert(
            p.source.clone(),
            LockedProvider {
                constraint: p.constraint.clone(),
                version: version.clone(),
                package: package.clone(),
            },
        );
        report.generated.push(Generated {
            source: p.source.clone(),
            version,
            name: p.name.clone(),
            package,
        });
    }
    lock.generator = GENERATOR.to_string();
    lock.terraform = tf_version.to_string();
    lock.write(&project.root)?;
    Ok(report)
}

fn args(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

/// `main.tf.json` requiring the providers, and nothing else.
fn write_config(dir: &Path, providers: &[&ProviderSpec]) -> Result<()> {
    let mut required = serde_json::Map::new();
    for p in providers {
        let mut entry = serde_json::Map::new();
        entry.insert("source".into(), p.source.clone().into());
        if let Some(c) = &p.constraint {
            entry.insert("version".into(), c.clone().into());
        }
        required.insert(p.name.clone(), serde_json::Value::Object(entry));
    }
    let doc = serde_json::json!({ "terraform": { "required_providers": required } });
    let path = dir.join("main.tf.json");
    std::fs::write(&path, doc.to_string()).map_err(|e| Error::io("writing", &path, e))
}

/// The installed version of each provider, by schema key (`terraform version -json`).
fn provider_selections(tf: &Terraform, dir: &Path) -> Result<BTreeMap<String, String>> {
    let text = tf.capture(dir, &args(&["version", "-json"]))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| Error::Command {
        command: format!("{} version -json", tf.program()),
        status: Some(0),
        detail: format!("unexpected output: {e}"),
    })?;
    let mut out = BTreeMap::new();
    if let Some(m) = json.get("provider_selections").and_then(|v| v.as_object()) {
        for (k, v) in m {
            if let Some(v) = v.as_str() {
                out.insert(k.clone(), v.to_string());
            }
        }
    }
    Ok(out)
}

/// `path` relative to `root` when inside it, with `/` separators.
fn relative_to(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path
        .strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf());
    rel.to_string_lossy().replace('\\', "/")
}
