//! Reading `manifest.json`: the stacks an app wrote, where they are, what they depend on, and
//! the annotations synthesis left.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The stacks of a synthesized app.
#[derive(Clone, Debug)]
pub struct Manifest {
    /// The output directory (absolute).
    pub outdir: PathBuf,
    /// The stacks, by name.
    pub stacks: Vec<Stack>,
}

/// One stack of the manifest.
#[derive(Clone, Debug)]
pub struct Stack {
    /// The stack name.
    pub name: String,
    /// The directory terraform runs in (absolute).
    pub dir: PathBuf,
    /// The stacks it depends on (deployed before it, destroyed after it).
    pub dependencies: Vec<String>,
    /// The annotations synthesis recorded for the stack.
    pub annotations: Vec<Annotation>,
}

/// A message synthesis attached to a construct.
#[derive(Clone, Debug, Deserialize)]
pub struct Annotation {
    /// The construct's path.
    #[serde(rename = "constructPath", default)]
    pub construct_path: String,
    /// `ERROR`, `WARN` or `INFO`.
    #[serde(default)]
    pub level: String,
    /// The message.
    #[serde(default)]
    pub message: String,
}

#[derive(Deserialize)]
struct RawManifest {
    stacks: std::collections::BTreeMap<String, RawStack>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawStack {
    name: String,
    working_directory: String,
    #[serde(default)]
    dependencies: Vec<String>,
    #[serde(default)]
    annotations: Vec<Annotation>,
}

impl Stack {
    /// The input variables the stack declares (the `variable` keys of its `cdk.tf.json`); none
    /// when the file cannot be read.
    pub fn declared_variables(&self) -> std::collections::BTreeSet<String> {
        let text = std::fs::read_to_string(self.dir.join("cdk.tf.json")).unwrap_or_default();
        serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|doc| {
                doc.get("variable")?
                    .as_object()
                    .map(|m| m.keys().cloned().collect())
            })
            .unwrap_or_default()
    }
}

impl Manifest {
    /// Reads `OUTDIR/manifest.json`.
    pub fn read(outdir: &Path) -> Result<Manifest> {
        let outdir = std::path::absolute(outdir).map_err(|e| Error::io("resolving", outdir, e))?;
        let path = outdir.join("manifest.json");
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io("reading", &path, e))?;
        let raw: RawManifest =
            serde_json::from_str(&text).map_err(|e| Error::config(&path, e.to_string()))?;
        let mut stacks = Vec::new();
        for (key, s) in raw.stacks {
            let rel = Path::new(&s.working_directory);
            if rel.is_absolute()
                || rel
                    .components()
                    .any(|c| c == std::path::Component::ParentDir)
            {
                return Err(Error::config(
                    &path,
                    format!(
                        "stack {key:?}: workingDirectory must stay inside the output directory"
                    ),
                ));
            }
            stacks.push(Stack {
                name: s.name,
                dir: outdir.join(rel),
                dependencies: s.dependencies,
                annotations: s.annotations,
            });
        }
        let manifest = Manifest { outdir, stacks };
        for s in &manifest.stacks {
            if let Some(d) = s.dependencies.iter().find(|d| manifest.stack(d).is_none()) {
                return Err(Error::config(
                    &path,
                    format!(
                        "stack {:?} depends on {d:?}, which is not in the manifest",
                        s.name
                    ),
                ));
            }
        }
        Ok(manifest)
    }

    /// Synthesizes `app` (into its output directory) and reads the manifest it wrote: the way to
    /// drive stacks from Rust code. Terraform's files in the stack directories (`.terraform/`,
    /// the dependency lock, relative state) are kept across the synth, as `cdktf synth` keeps
    /// them.
    ///
    /// ```no_run
    /// use cdktf::{App, TerraformStack};
    /// let app = App::with_outdir("cdktf.out");
    /// TerraformStack::new(&app, "dev");
    /// let manifest = cdktf_cli::Manifest::from_app(&app)?;
    /// let report = manifest.deploy(&["dev"], &cdktf_cli::RunOptions::new().auto_approve(true))?;
    /// assert!(report.success());
    /// # Ok::<(), cdktf_cli::Error>(())
    /// ```
    pub fn from_app(app: &cdktf::App) -> Result<Manifest> {
        let kept = crate::keep::set_aside(app.outdir())?;
        let synthesized = app.synth();
        for w in crate::keep::restore(kept, app.outdir()) {
            eprintln!("warning: {w}");
        }
        synthesized?;
        Manifest::read(app.outdir())
    }

    /// The stack named `name`.
    pub fn stack(&self, name: &str) -> Option<&Stack> {
        self.stacks.iter().find(|s| s.name == name)
    }

    /// The error annotations of every stack, as `path: message` lines.
    pub fn errors(&self) -> Vec<String> {
        self.annotations_at("ERROR")
    }

    /// The warning annotations of every stack, as `path: message` lines.
    pub fn warnings(&self) -> Vec<String> {
        self.annotations_at("WARN")
    }

    fn annotations_at(&self, level: &str) -> Vec<String> {
        self.stacks
            .iter()
            .flat_map(|s| &s.annotations)
            .filter(|a| a.level.eq_ignore_ascii_case(level))
            .map(|a| format!("{}: {}", a.construct_path, a.message))
            .collect()
    }

    /// The stacks matching any of `patterns` (names, or globs with `*` and `?`), in manifest
    /// order. No patterns selects the only stack, and is an error when there are several
    /// (`all_by_default` selects them all instead). A pattern matching nothing is an error.
    pub fn select<S: AsRef<str>>(
        &self,
        patterns: &[S],
        all_by_default: bool,
    ) -> Result<Vec<&Stack>> {
        if patterns.is_empty() {
            if all_by_default || self.stacks.len() <= 1 {
                return Ok(self.stacks.iter().collect());
            }
            return Err(Error::Selection(format!(
                "the app has {} stacks ({}): name the stacks to run, or '*' for all",
                self.stacks.len(),
                self.names().join(", ")
            )));
        }
        for p in patterns {
            if !self.stacks.iter().any(|s| glob_match(p.as_ref(), &s.name)) {
                return Err(Error::Selection(format!(
                    "no stack matches {:?} (stacks: {})",
                    p.as_ref(),
                    self.names().join(", ")
                )));
            }
        }
        Ok(self
            .stacks
            .iter()
            .filter(|s| patterns.iter().any(|p| glob_match(p.as_ref(), &s.name)))
            .collect())
    }

    fn names(&self) -> Vec<&str> {
        self.stacks.iter().map(|s| s.name.as_str()).collect()
    }
}

/// Whether `name` matches `pattern`, where `*` matches any run of characters and `?` one.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    // Iterative matching with one backtrack point (the last `*`): linear in practice.
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ni));
            pi += 1;
        } else if let Some((sp, sn)) = star {
            pi = sp + 1;
            ni = sn + 1;
            star = Some((sp, sn + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs() {
        assert!(glob_match("*", "anything"));
        assert!(glob_match("dev-*", "dev-network"));
        assert!(!glob_match("dev-*", "prod-network"));
        assert!(glob_match("a?c", "abc"));
        assert!(!glob_match("a?c", "abbc"));
        assert!(glob_match("*net*", "dev-network"));
        assert!(glob_match("exact", "exact"));
        assert!(!glob_match("exact", "exactly"));
        assert!(glob_match("", ""));
    }
}
