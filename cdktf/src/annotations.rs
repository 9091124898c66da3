//! Annotations (info, warning and error messages on constructs) and construct validations: the
//! construct-tree layer of cdktf's `Annotations.of(scope)` and `node.addValidation(...)`.
//!
//! Synthesis collects them: every annotation of a stack's subtree goes to that stack's
//! `annotations` in `manifest.json` (as cdktf writes them: `constructPath`, `level`, `message`),
//! warnings are printed to stderr, and an error annotation or a failed validation fails synthesis
//! with every such problem listed and nothing written.
//!
//! ```
//! use cdktf::prelude::*;
//! use cdktf::Annotations;
//!
//! let app = App::new();
//! let stack = TerraformStack::new(&app, "demo");
//! Annotations::of(&stack).add_info("built by the platform team");
//! stack.node().add_validation(|| Vec::<String>::new()); // nothing to complain about
//! assert!(app.synth_stack("demo").is_ok());
//!
//! Annotations::of(&stack).add_error("region is not set");
//! let err = app.synth_stack("demo").unwrap_err();
//! assert!(err.to_string().contains("[demo] region is not set"), "{err}");
//! ```

use std::rc::Rc;

use crate::construct::{Node, Scope};

/// How serious an annotation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnotationLevel {
    /// `@cdktf/info`.
    Info,
    /// `@cdktf/warn`: printed to stderr at synthesis.
    Warning,
    /// `@cdktf/error`: synthesis fails.
    Error,
}

impl AnnotationLevel {
    /// The level as cdktf writes it in `manifest.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            AnnotationLevel::Info => "@cdktf/info",
            AnnotationLevel::Warning => "@cdktf/warn",
            AnnotationLevel::Error => "@cdktf/error",
        }
    }
}

/// One message on a construct.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    /// The construct's path.
    pub construct_path: String,
    /// How serious it is.
    pub level: AnnotationLevel,
    /// The message.
    pub message: String,
}

/// The annotations of a node, in the order they were added.
#[derive(Default)]
struct NodeAnnotations(Vec<(AnnotationLevel, String)>);

/// Adds info, warning and error messages to a construct (cdktf's `Annotations.of(scope)`).
pub struct Annotations {
    node: Node,
}

impl Annotations {
    /// The annotations of `scope`.
    pub fn of(scope: &impl Scope) -> Self {
        Annotations {
            node: scope.node().clone(),
        }
    }

    /// Adds an informational message.
    pub fn add_info(&self, message: impl Into<String>) {
        self.add(AnnotationLevel::Info, message.into());
    }

    /// Adds a warning: printed to stderr when the app is synthesized.
    pub fn add_warning(&self, message: impl Into<String>) {
        self.add(AnnotationLevel::Warning, message.into());
    }

    /// Adds an error: synthesis fails and lists it.
    pub fn add_error(&self, message: impl Into<String>) {
        self.add(AnnotationLevel::Error, message.into());
    }

    fn add(&self, level: AnnotationLevel, message: String) {
        self.node
            .with_ext(|a: &mut NodeAnnotations| a.0.push((level, message)));
    }
}

/// A check of a construct, run at synthesis after aspects: each message it returns fails
/// synthesis (cdktf's `IValidation`). Closures `Fn() -> Vec<String>` are validations.
pub trait Validation {
    /// The problems found; empty when the construct is valid.
    fn validate(&self) -> Vec<String>;
}

impl<F: Fn() -> Vec<S>, S: Into<String>> Validation for F {
    fn validate(&self) -> Vec<String> {
        self().into_iter().map(Into::into).collect()
    }
}

#[derive(Default)]
struct NodeValidations(Vec<Rc<dyn Validation>>);

impl Node {
    /// Adds a validation to this construct (cdktf's `node.addValidation`).
    pub fn add_validation(&self, validation: impl Validation + 'static) {
        let validation: Rc<dyn Validation> = Rc::new(validation);
        self.with_ext(|v: &mut NodeValidations| v.0.push(validation));
    }

    /// Runs this construct's validations (not those of its children) and returns their messages.
    pub fn validate(&self) -> Vec<String> {
        // Cloned out first: a validation may read this node's tree state.
        let Some(validations) = self.ext_ref(|v: &NodeValidations| v.0.clone()) else {
            return Vec::new();
        };
        validations.iter().flat_map(|v| v.validate()).collect()
    }

    /// This construct's own annotations, in the order they were added.
    pub fn annotations(&self) -> Vec<Annotation> {
        self.ext_ref(|a: &NodeAnnotations| {
            a.0.iter()
                .map(|(level, message)| Annotation {
                    construct_path: self.path().to_string(),
                    level: *level,
                    message: message.clone(),
                })
                .collect()
        })
        .unwrap_or_default()
    }

    /// This node and every node below it, depth first in creation order (cdktf's `findAll`).
    pub fn find_all(&self) -> Vec<Node> {
        let mut out = Vec::new();
        let mut todo = vec![self.clone()];
        while let Some(n) = todo.pop() {
            todo.extend(n.children().into_iter().rev());
            out.push(n);
        }
        out
    }
}

/// The annotations of every construct of the subtree at `root`, depth first.
pub(crate) fn collect(root: &Node) -> Vec<Annotation> {
    root.find_all().iter().flat_map(Node::annotations).collect()
}

/// The `annotations` array of a stack in `manifest.json`.
pub(crate) fn manifest_entries(stack: &Node) -> serde_json::Value {
    collect(stack)
        .into_iter()
        .map(|a| {
            serde_json::json!({
                "constructPath": a.construct_path,
                "level": a.level.as_str(),
                "message": a.message,
            })
        })
        .collect()
}

/// Problems that stop synthesis: failed validations of every construct, then error annotations
/// of every stack's subtree (cdktf's order). Warnings are printed to stderr on the way.
pub(crate) fn check(root: &Node, stacks: &[Node]) -> Vec<crate::error::Error> {
    let mut errors = Vec::new();
    for node in root.find_all() {
        for message in node.validate() {
            errors.push(crate::error::Error::Validation {
                path: display_path(&node),
                message,
            });
        }
    }
    for stack in stacks {
        for a in collect(stack) {
            match a.level {
                AnnotationLevel::Error => errors.push(crate::error::Error::Annotation {
                    path: a.construct_path,
                    message: a.message,
                }),
                AnnotationLevel::Warning => {
                    eprintln!("Warning: [{}] {}", a.construct_path, a.message);
                }
                AnnotationLevel::Info => {}
            }
        }
    }
    errors
}

fn display_path(node: &Node) -> String {
    if node.path().is_empty() {
        "<app>".into()
    } else {
        node.path().to_string()
    }
}
