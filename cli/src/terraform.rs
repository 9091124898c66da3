//! Running the terraform binary: `TERRAFORM_BINARY_NAME` (as in cdktf, so OpenTofu's `tofu`
//! works), else `terraform` on `PATH`.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::error::{Error, Result};

/// The terraform binary and how to call it.
#[derive(Clone, Debug)]
pub struct Terraform {
    program: String,
}

/// How a streamed run ended.
#[derive(Clone, Debug)]
pub struct Finished {
    /// The exit code (`None`: killed by a signal).
    pub code: Option<i32>,
    /// Every line it wrote (stdout and stderr, interleaved as read), without colour codes.
    pub lines: Vec<String>,
}

impl Finished {
    /// The last lines, for an error message.
    pub fn tail(&self, n: usize) -> String {
        let start = self.lines.len().saturating_sub(n);
        self.lines[start..].join("\n")
    }
}

/// A version `major.minor.patch`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(pub u64, pub u64, pub u64);

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

impl Version {
    /// Parses `1.11.4` (a `v` prefix and a `-beta1` suffix are ignored).
    pub fn parse(text: &str) -> Option<Version> {
        let core = text.trim().trim_start_matches('v');
        let core = core.split(['-', '+']).next().unwrap_or(core);
        let mut it = core.split('.').map(|p| p.parse::<u64>().ok());
        Some(Version(
            it.next()??,
            it.next().flatten().unwrap_or(0),
            it.next().flatten().unwrap_or(0),
        ))
    }
}

impl Default for Terraform {
    fn default() -> Self {
        Self::from_env()
    }
}

impl Terraform {
    /// `TERRAFORM_BINARY_NAME`, else `terraform`.
    pub fn from_env() -> Self {
        let program = std::env::var("TERRAFORM_BINARY_NAME")
            .ok()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "terraform".into());
        Terraform { program }
    }

    /// A specific binary.
    pub fn with_program(program: impl Into<String>) -> Self {
        Terraform {
            program: program.into(),
        }
    }

    /// The binary's name or path.
    pub fn program(&self) -> &str {
        &self.program
    }

    fn command(&self, dir: &Path, args: &[String]) -> Command {
        let mut cmd = Command::new(&self.program);
        cmd.args(args)
            .current_dir(dir)
            // No prompts (answers come from our options) and no "run terraform apply" hints.
            .env("TF_IN_AUTOMATION", "1")
            .env("TF_INPUT", "0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    fn spawn_error(&self, e: std::io::Error) -> Error {
        Error::Spawn {
            program: self.program.clone(),
            hint: " (TERRAFORM_BINARY_NAME names another terraform binary)",
            source: e,
        }
    }

    /// Runs `args` in `dir`, passing each output line (stdout and stderr) to `on_line` as it
    /// comes.
    pub fn stream(
        &self,
        dir: &Path,
        args: &[String],
        on_line: &mut dyn FnMut(&str),
    ) -> Result<Finished> {
        let mut child = self
            .command(dir, args)
            .spawn()
            .map_err(|e| self.spawn_error(e))?;
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let mut readers = Vec::new();
        let out: Option<Box<dyn Read + Send>> = child.stdout.take().map(|s| Box::new(s) as _);
        let err: Option<Box<dyn Read + Send>> = child.stderr.take().map(|s| Box::new(s) as _);
        for pipe in [out, err].into_iter().flatten() {
            let tx = tx.clone();
            readers.push(std::thread::spawn(move || {
                for line in BufReader::new(pipe).split(b'\n').map_while(|l| l.ok()) {
                    let text = String::from_utf8_lossy(&line)
                        .trim_end_matches('\r')
                        .to_string();
                    if tx.send(text).is_err() {
                        break;
                    }
                }
            }));
        }
        drop(tx);
        let mut lines = Vec::new();
        for line in rx {
            on_line(&line);
            lines.push(strip_ansi(&line));
        }
        for r in readers {
            let _ = r.join();
        }
        let status = child.wait().map_err(|e| self.spawn_error(e))?;
        Ok(Finished {
            code: status.code(),
            lines,
        })
    }

    /// Runs `args` in `dir` and returns its stdout; a failure carries the end of its stderr.
    pub fn capture(&self, dir: &Path, args: &[String]) -> Result<String> {
        let out = self
            .command(dir, args)
            .output()
            .map_err(|e| self.spawn_error(e))?;
        if !out.status.success() {
            let stderr = strip_ansi(&String::from_utf8_lossy(&out.stderr));
            let stdout = strip_ansi(&String::from_utf8_lossy(&out.stdout));
            let text = if stderr.trim().is_empty() {
                stdout
            } else {
                stderr
            };
            return Err(Error::Command {
                command: format!("{} {}", self.program, args.join(" ")),
                status: out.status.code(),
                detail: last_lines(&text, 30),
            });
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// The version of the binary (`terraform version -json`).
    pub fn version(&self, dir: &Path) -> Result<Version> {
        let text = self.capture(dir, &["version".into(), "-json".into()])?;
        let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| Error::Command {
            command: format!("{} version -json", self.program),
            status: Some(0),
            detail: format!("unexpected output: {e}"),
        })?;
        json.get("terraform_version")
            .and_then(|v| v.as_str())
            .and_then(Version::parse)
            .ok_or_else(|| Error::Command {
                command: format!("{} version -json", self.program),
                status: Some(0),
                detail: "no terraform_version in its output".into(),
            })
    }
}

/// The last `n` lines of `text`.
pub(crate) fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.trim_end().lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// `text` without ANSI escape sequences (terraform colours its output on a terminal).
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_colours() {
        assert_eq!(Version::parse("1.11.4"), Some(Version(1, 11, 4)));
        assert_eq!(Version::parse("v1.8.0-beta1"), Some(Version(1, 8, 0)));
        assert_eq!(Version::parse("1.10"), Some(Version(1, 10, 0)));
        assert_eq!(Version::parse("x"), None);
        assert!(Version(1, 9, 9) < Version(1, 10, 0));
        assert_eq!(
            strip_ansi("\u{1b}[1m\u{1b}[32mApply complete!\u{1b}[0m"),
            "Apply complete!"
        );
    }
}
