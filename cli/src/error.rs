//! The command line library's error type. Every variant names the file, stack or command it is
//! about.

use std::path::PathBuf;

/// Everything that can go wrong in the workflow.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file or directory failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done (`reading`, `writing`, ...).
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A configuration file (`cdktf.json`, `Cargo.toml`, `manifest.json`, the lock file) that
    /// cannot be understood.
    #[error("{}: {message}", file.display())]
    Config {
        /// The file.
        file: PathBuf,
        /// What is wrong, and where in the file.
        message: String,
    },
    /// A command (the app, `terraform`, `cargo`) that could not be started.
    #[error("cannot run {program:?}: {source}{hint}")]
    Spawn {
        /// The program.
        program: String,
        /// What to do about it, if there is something (starts with a space).
        hint: &'static str,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A command that ran and failed.
    #[error("{command} failed{}{}", status_text(.status), detail_text(.detail))]
    Command {
        /// The command line, for the message.
        command: String,
        /// Its exit status, if it exited.
        status: Option<i32>,
        /// The last lines of its error output.
        detail: String,
    },
    /// The app wrote error annotations into the manifest.
    #[error("synthesis reported errors:\n{}", .0.join("\n"))]
    Annotations(Vec<String>),
    /// A stack selection that cannot be run as asked.
    #[error("{0}")]
    Selection(String),
    /// A provider entry of `terraformProviders` that cannot be read.
    #[error("provider {entry:?}: {message}")]
    Provider {
        /// The entry as written.
        entry: String,
        /// What is wrong.
        message: String,
    },
    /// The code generator failed on a provider's schema.
    #[error("generating bindings for {provider}: {source}")]
    Codegen {
        /// The provider source address.
        provider: String,
        /// The generator's error.
        #[source]
        source: codegen::Error,
    },
    /// The runtime failed to synthesize an app given in code.
    #[error(transparent)]
    Synth(#[from] cdktf::Error),
    /// A plan needs approval and there is no terminal to ask on (the action or the stack).
    #[error("{0}: changes need approval, and there is no terminal to ask on: pass --auto-approve")]
    NeedsApproval(String),
}

fn status_text(status: &Option<i32>) -> String {
    match status {
        Some(code) => format!(" (exit status {code})"),
        None => " (killed by a signal)".into(),
    }
}

fn detail_text(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!(":\n{detail}")
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
        source: std::io::Error,
    ) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    pub(crate) fn config(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Config {
            file: file.into(),
            message: message.into(),
        }
    }
}
