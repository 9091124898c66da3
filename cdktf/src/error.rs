//! The runtime's error type.
//!
//! Construction never fails on the spot (constructors return handles, like cdktf's); problems found
//! while building the tree are recorded and returned by [`App::synth`](crate::App::synth). Every
//! variant names the construct path where the problem is.

use std::path::PathBuf;
use std::sync::Arc;

/// Everything that can go wrong while building or synthesizing an app.
///
/// `Debug` writes the same sentence as `Display`: `fn main() -> cdktf::Result<()>` prints a
/// returned error with `Debug`, and the user should read what went wrong, not the variant's
/// fields.
#[derive(Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Two constructs under one scope share an id.
    #[error("duplicate construct id {id:?} under {scope:?}: ids must be unique within a scope")]
    DuplicateId {
        /// Path of the scope that already has a child with this id.
        scope: String,
        /// The repeated id.
        id: String,
    },
    /// A construct id that cannot be used (empty, or containing `/`).
    #[error("invalid construct id {id:?} under {scope:?}: {reason}")]
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
    #[error("invalid stack name {name:?}: {reason}")]
    InvalidStackName {
        /// The rejected stack name.
        name: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A construct that needs a stack was created outside of one.
    #[error("no stack could be identified for the construct at path {path:?}: create it inside a TerraformStack")]
    NoStack {
        /// Path of the construct.
        path: String,
    },
    /// `count` and `for_each` were both set on one element.
    #[error("{path}: `count` and `for_each` cannot be used on the same element")]
    CountAndForEach {
        /// Path of the element.
        path: String,
    },
    /// An override path that passes through a value which is not an object.
    #[error("{path}: override {override_path:?} passes through {at:?}, which is not an object")]
    OverrideThroughNonObject {
        /// Path of the element (or stack) the override was added to.
        path: String,
        /// The override path as given.
        override_path: String,
        /// The prefix of the override path that holds a non-object value.
        at: String,
    },
    /// An override path that is empty or has an empty segment.
    #[error("{path}: invalid override path {override_path:?}")]
    InvalidOverridePath {
        /// Path of the element (or stack) the override was added to.
        path: String,
        /// The override path as given.
        override_path: String,
    },
    /// Stacks that reference each other in a loop.
    #[error("cross-stack reference cycle: {cycle}")]
    CrossStackCycle {
        /// The stacks in the cycle, joined with ` -> `.
        cycle: String,
    },
    /// A reference to an element of another app.
    #[error("{path}: a reference points to an element of another App")]
    ForeignReference {
        /// Path of the element holding the reference.
        path: String,
    },
    /// Something the element's configuration says is not valid.
    #[error("{path}: {message}")]
    InvalidConfig {
        /// Path of the element.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// An error annotation on a construct ([`Annotations::add_error`](crate::Annotations)).
    #[error("[{path}] {message}")]
    Annotation {
        /// Path of the annotated construct.
        path: String,
        /// The message.
        message: String,
    },
    /// A construct validation ([`Node::add_validation`](crate::Node::add_validation)) failed.
    #[error("[{path}] validation failed: {message}")]
    Validation {
        /// Path of the construct.
        path: String,
        /// The validation's message.
        message: String,
    },
    /// A resource move that cannot be written (`move_to`, `move_to_id`, `move_from_id`).
    #[error("{path}: {message}")]
    InvalidMove {
        /// Path of the resource.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// An asset that cannot be read or archived.
    #[error("{path}: asset {source_path}: {message}")]
    Asset {
        /// Path of the asset construct.
        path: String,
        /// The asset's source path.
        source_path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Reading or writing the output directory failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done (`creating`, `writing`, ...).
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: Arc<std::io::Error>,
    },
    /// An output directory synthesis will not replace: a file, a symbolic link, or a non-empty
    /// directory that is not the output of a previous synth.
    #[error("refusing to synthesize into {}: {reason}", path.display())]
    UnsafeOutdir {
        /// The output directory.
        path: PathBuf,
        /// Why it is refused.
        reason: String,
    },
    /// Two constructs that would get one name in the synthesized output.
    #[error("{first} and {second} would both be {what} {name:?}: give one of them another id")]
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
    #[error("{path}: {name:?} is not a valid Terraform name: {reason}")]
    InvalidName {
        /// Path of the construct.
        path: String,
        /// The name it would get.
        name: String,
        /// Why it is not valid.
        reason: String,
    },
    /// A value formatted into a string (a token marker) where it cannot be resolved.
    #[error("{path}: a formatted value at {place} cannot be used: {reason}")]
    UnresolvedToken {
        /// Path of the stack (or element) being synthesized.
        path: String,
        /// Where in the output the marker was found.
        place: String,
        /// Why it cannot be resolved.
        reason: String,
    },
    /// A value, expression or override nested deeper than synthesis renders.
    #[error("{path}: {what} is nested deeper than {limit} levels")]
    TooDeep {
        /// Path of the element (or stack).
        path: String,
        /// What is nested too deeply.
        what: String,
        /// The documented limit.
        limit: usize,
    },
    /// Several errors at once; synthesis reports every problem it found, not only the first.
    #[error("{}", join_errors(.0))]
    Multiple(Vec<Error>),
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
