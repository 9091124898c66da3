//! The runtime's error type.
//!
//! Construction never fails on the spot (constructors return handles, like cdktf's); problems found
//! while building the tree are recorded and returned by [`App::synth`](crate::App::synth). Every
//! variant names the construct path where the problem is.

use std::path::PathBuf;
use std::sync::Arc;

/// Everything that can go wrong while building or synthesizing an app.
///
/// `Display` and `std::error::Error` are written out rather than derived with `thiserror`: a
/// derive would put `syn` and its kin in every user's build, the slowest part of it.
///
/// `Debug` writes the same sentence as `Display`: `fn main() -> cdktf::Result<()>` prints a
/// returned error with `Debug`, and the user should read what went wrong, not the variant's
/// fields.
#[derive(Clone)]
#[non_exhaustive]
pub enum Error {
    /// Two constructs under one scope share an id.
    DuplicateId {
        /// Path of the scope that already has a child with this id.
        scope: String,
        /// The repeated id.
        id: String,
    },
    /// A construct id that cannot be used (empty, or containing `/`).
    InvalidId {
        /// Path of the scope the construct was added to.
        scope: String,
        /// The rejected id.
        id: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A stack name that cdktf rejects (whitespace or a glob character) or that would escape the
    /// output directory.
    InvalidStackName {
        /// The rejected stack name.
        name: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A construct that needs a stack was created outside of one.
    NoStack {
        /// Path of the construct.
        path: String,
    },
    /// `count` and `for_each` were both set on one element.
    CountAndForEach {
        /// Path of the element.
        path: String,
    },
    /// An override path that passes through a value which is not an object.
    OverrideThroughNonObject {
        /// Path of the element (or stack) the override was added to.
        path: String,
        /// The override path as given.
        override_path: String,
        /// The prefix of the override path that holds a non-object value.
        at: String,
    },
    /// An override path that is empty or has an empty segment.
    InvalidOverridePath {
        /// Path of the element (or stack) the override was added to.
        path: String,
        /// The override path as given.
        override_path: String,
    },
    /// Stacks that reference each other in a loop.
    CrossStackCycle {
        /// The stacks in the cycle, joined with ` -> `.
        cycle: String,
    },
    /// A reference to an element of another app.
    ForeignReference {
        /// Path of the element holding the reference.
        path: String,
    },
    /// Something the element's configuration says is not valid.
    InvalidConfig {
        /// Path of the element.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// An error annotation on a construct ([`Annotations::add_error`](crate::Annotations)).
    Annotation {
        /// Path of the annotated construct.
        path: String,
        /// The message.
        message: String,
    },
    /// A construct validation ([`Node::add_validation`](crate::Node::add_validation)) failed.
    Validation {
        /// Path of the construct.
        path: String,
        /// The validation's message.
        message: String,
    },
    /// A resource move that cannot be written (`move_to`, `move_to_id`, `move_from_id`).
    InvalidMove {
        /// Path of the resource.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// An asset that cannot be read or archived.
    Asset {
        /// Path of the asset construct.
        path: String,
        /// The asset's source path.
        source_path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Reading or writing the output directory failed.
    Io {
        /// What was being done (`creating`, `writing`, ...).
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: Arc<std::io::Error>,
    },
    /// An output directory synthesis will not replace: a file, a symbolic link, or a non-empty
    /// directory that is not the output of a previous synth.
    UnsafeOutdir {
        /// The output directory.
        path: PathBuf,
        /// Why it is refused.
        reason: String,
    },
    /// Two constructs that would get one name in the synthesized output.
    NameCollision {
        /// What the name is (`resource`, `stack directory`, ...).
        what: String,
        /// The shared name.
        name: String,
        /// Path of the first construct.
        first: String,
        /// Path of the second construct.
        second: String,
    },
    /// A name that Terraform would reject (an element's logical id, or a reserved name).
    InvalidName {
        /// Path of the construct.
        path: String,
        /// The name it would get.
        name: String,
        /// Why it is not valid.
        reason: String,
    },
    /// A value formatted into a string (a token marker) where it cannot be resolved.
    UnresolvedToken {
        /// Path of the stack (or element) being synthesized.
        path: String,
        /// Where in the output the marker was found.
        place: String,
        /// Why it cannot be resolved.
        reason: String,
    },
    /// A value, expression or override nested deeper than synthesis renders.
    TooDeep {
        /// Path of the element (or stack).
        path: String,
        /// What is nested too deeply.
        what: String,
        /// The documented limit.
        limit: usize,
    },
    /// Several errors at once; synthesis reports every problem it found, not only the first.
    Multiple(Vec<Error>),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::DuplicateId { id, scope } => write!(f, "duplicate construct id {id:?} under {scope:?}: ids must be unique within a scope"),
            Error::InvalidId { id, reason, scope } => write!(f, "invalid construct id {id:?} under {scope:?}: {reason}"),
            Error::InvalidStackName { name, reason } => write!(f, "invalid stack name {name:?}: {reason}"),
            Error::NoStack { path } => write!(f, "no stack could be identified for the construct at path {path:?}: create it inside a TerraformStack"),
            Error::CountAndForEach { path } => write!(f, "{path}: `count` and `for_each` cannot be used on the same element"),
            Error::OverrideThroughNonObject { at, override_path, path } => write!(f, "{path}: override {override_path:?} passes through {at:?}, which is not an object"),
            Error::InvalidOverridePath { override_path, path } => write!(f, "{path}: invalid override path {override_path:?}"),
            Error::CrossStackCycle { cycle } => write!(f, "cross-stack reference cycle: {cycle}"),
            Error::ForeignReference { path } => write!(f, "{path}: a reference points to an element of another App"),
            Error::InvalidConfig { message, path } => write!(f, "{path}: {message}"),
            Error::Annotation { message, path } => write!(f, "[{path}] {message}"),
            Error::Validation { message, path } => write!(f, "[{path}] validation failed: {message}"),
            Error::InvalidMove { message, path } => write!(f, "{path}: {message}"),
            Error::Asset {
                path,
                source_path,
                message,
            } => write!(f, "{path}: asset {}: {message}", source_path.display()),
            Error::Io {
                action,
                path,
                source,
            } => write!(f, "{action} {}: {source}", path.display()),
            Error::UnsafeOutdir { path, reason } => {
                write!(f, "refusing to synthesize into {}: {reason}", path.display())
            }
            Error::NameCollision { first, name, second, what } => write!(f, "{first} and {second} would both be {what} {name:?}: give one of them another id"),
            Error::InvalidName { name, path, reason } => write!(f, "{path}: {name:?} is not a valid Terraform name: {reason}"),
            Error::UnresolvedToken { path, place, reason } => write!(f, "{path}: a formatted value at {place} cannot be used: {reason}"),
            Error::TooDeep { limit, path, what } => write!(f, "{path}: {what} is nested deeper than {limit} levels"),
            Error::Multiple(errors) => f.write_str(&join_errors(errors)),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

fn join_errors(errors: &[Error]) -> String {
    let lines: Vec<String> = errors.iter().map(|e| format!("  - {e}")).collect();
    format!("{} errors:\n{}", errors.len(), lines.join("\n"))
}

/// The runtime's result type.
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
            source: Arc::new(source),
        }
    }

    /// Folds a list of errors into one: the error itself when there is one, `Multiple` otherwise.
    pub(crate) fn from_many(mut errors: Vec<Error>) -> Option<Error> {
        match errors.len() {
            0 => None,
            1 => errors.pop(),
            _ => Some(Error::Multiple(errors)),
        }
    }
}
