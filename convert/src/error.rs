//! The converter's errors: each names the file, line and column it is about.

use crate::config::Loc;

/// A conversion error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is not valid HCL.
    #[error("{loc}: HCL syntax error: {message}")]
    Syntax {
        /// Where.
        loc: Loc,
        /// The parser's message.
        message: String,
    },
    /// The input is not valid Terraform JSON.
    #[error("{loc}: invalid Terraform JSON: {message}")]
    Json {
        /// Where.
        loc: Loc,
        /// What is wrong.
        message: String,
    },
    /// A resource or data source type that no loaded provider schema has.
    #[error("{loc}: unknown {what} type `{tf_type}`: {hint}")]
    UnknownType {
        /// Where.
        loc: Loc,
        /// `resource` or `data source`.
        what: &'static str,
        /// The Terraform type.
        tf_type: String,
        /// What was loaded.
        hint: String,
    },
    /// An argument or block the schema does not have.
    #[error("{loc}: `{tf_type}` has no argument or block `{name}`")]
    UnknownAttribute {
        /// Where.
        loc: Loc,
        /// The element (or nested block path) it is in.
        tf_type: String,
        /// The unknown name.
        name: String,
    },
    /// Something the configuration language does not allow where it is.
    #[error("{loc}: {message}")]
    Invalid {
        /// Where.
        loc: Loc,
        /// What is wrong.
        message: String,
    },
    /// Reading an input or schema file failed.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The provider schema could not be read.
    #[error("{0}")]
    Schema(#[from] codegen::Error),
    /// The generated program did not parse as Rust (a converter bug).
    #[error("internal error: generated code does not parse: {0}")]
    Render(String),
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
