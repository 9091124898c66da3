//! The library's error type. Every variant that comes from the schema names the file and the JSON
//! path of the offending value.

use std::path::PathBuf;

/// Result alias of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong while generating or writing bindings.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("{}: cannot read: {source}", file.display())]
    Read {
        /// The file.
        file: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The document is not valid JSON, or a value has the wrong shape.
    #[error("{file}: invalid schema at `{path}`: {message}")]
    Json {
        /// The file.
        file: String,
        /// The JSON path (`.` when the document itself is malformed).
        path: String,
        /// What serde_json reported.
        message: String,
    },
    /// A `format_version` whose major version is above 1, or one that is not a version.
    #[error("{file}: unsupported format_version `{version}` (this generator reads 0.x and 1.x)")]
    UnsupportedFormatVersion {
        /// The file.
        file: String,
        /// The version found.
        version: String,
    },
    /// Arrays and objects nested deeper than [`crate::MAX_JSON_DEPTH`].
    #[error("{file}: JSON nested deeper than {limit} levels at line {line}, column {column}")]
    TooDeep {
        /// The file.
        file: String,
        /// 1-based line of the first bracket past the limit.
        line: usize,
        /// 1-based column (in characters) of that bracket.
        column: usize,
        /// The limit.
        limit: usize,
    },
    /// `provider_schemas` is present but empty.
    #[error("{file}: `provider_schemas` holds no provider")]
    NoProviders {
        /// The file.
        file: String,
    },
    /// The name is both an attribute and a nested block of one block.
    #[error("{file}: `{name}` is both an attribute and a block at `{path}`")]
    DuplicateName {
        /// The file.
        file: String,
        /// The JSON path of the block.
        path: String,
        /// The name.
        name: String,
    },
    /// The document has no `provider_schemas` object.
    #[error("{file}: no `provider_schemas` in the document")]
    NoProviderSchemas {
        /// The file.
        file: String,
    },
    /// A type string or array that is not a cty type.
    #[error("{file}: unknown type {found} at `{path}`")]
    UnknownType {
        /// The file.
        file: String,
        /// The JSON path of the type.
        path: String,
        /// The type as found, as JSON.
        found: String,
    },
    /// A `nesting_mode` that is not known (or is missing).
    #[error("{file}: unknown nesting_mode `{found}` at `{path}`")]
    UnknownNestingMode {
        /// The file.
        file: String,
        /// The JSON path of the nesting mode.
        path: String,
        /// The mode as found.
        found: String,
    },
    /// `max_items` is below `min_items`.
    #[error("{file}: max_items {max} is below min_items {min} at `{path}`")]
    InvalidItems {
        /// The file.
        file: String,
        /// The JSON path of the block.
        path: String,
        /// `min_items`.
        min: u64,
        /// `max_items`.
        max: u64,
    },
    /// An attribute with neither `type` nor `nested_type`.
    #[error("{file}: attribute without `type` or `nested_type` at `{path}`")]
    MissingType {
        /// The file.
        file: String,
        /// The JSON path of the attribute.
        path: String,
    },
    /// The requested provider is not in the document.
    #[error("{file}: no provider `{name}` in the document (found: {})", available.join(", "))]
    ProviderNotFound {
        /// The file.
        file: String,
        /// The requested name.
        name: String,
        /// The provider keys present.
        available: Vec<String>,
    },
    /// No directory at or above the start has `schema/providers.json`: `codegen` without a
    /// command regenerates the bindings of a checkout of this repository.
    #[error(
        "no schema/providers.json in {} or any directory above it: run `codegen` without a \
         command inside a checkout of the cdktf-rs repository, or use `codegen generate`",
        start.display()
    )]
    NoWorkspace {
        /// Where the search started.
        start: PathBuf,
    },
    /// The providers list (`schema/providers.json`) is malformed.
    #[error("{}: {message}", file.display())]
    ProvidersFile {
        /// The file.
        file: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Generated tokens did not parse as Rust: a bug in the generator.
    #[error("internal error: generated code for `{file}` does not parse: {message}")]
    Render {
        /// The generated file.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// The thread that reads the document (it needs a large stack) could not be started.
    #[error("cannot start the generator thread: {source}")]
    Thread {
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file could not be written or removed.
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl Error {
    /// Sets the file name of a schema error (errors are built deep down without it).
    pub(crate) fn in_file(mut self, name: &str) -> Self {
        match &mut self {
            Error::Json { file, .. }
            | Error::UnsupportedFormatVersion { file, .. }
            | Error::NoProviderSchemas { file }
            | Error::NoProviders { file }
            | Error::TooDeep { file, .. }
            | Error::DuplicateName { file, .. }
            | Error::UnknownType { file, .. }
            | Error::UnknownNestingMode { file, .. }
            | Error::InvalidItems { file, .. }
            | Error::MissingType { file, .. }
            | Error::ProviderNotFound { file, .. } => *file = name.to_string(),
            _ => {}
        }
        self
    }
}
