//! CDK for Terraform in Rust: the runtime that generated provider bindings and user stacks build
//! on.
//!
//! A program builds a tree of constructs (an [`App`], its [`TerraformStack`]s, resources created
//! with generated bindings) and calls [`App::synth`], which writes the Terraform JSON that
//! cdktf 0.21 writes for the same program: `manifest.json` and `stacks/<name>/cdk.tf.json`.
//!
//! ```
//! use cdktf::prelude::*;
//!
//! let app = App::with_outdir(std::env::temp_dir().join("cdktf-doc-example"));
//! let stack = TerraformStack::new(&app, "demo");
//! let name = TerraformVariable::new(&stack, "name").type_constraint("string");
//! TerraformOutput::new(&stack, "greeting", format!("hello, {}", name.string_value()));
//! let json = app.synth_stack("demo")?;
//! assert_eq!(json["output"]["greeting"]["value"], "hello, ${var.name}");
//! # Ok::<(), cdktf::Error>(())
//! ```
//!
//! Values are typed ([`Value<T>`]); see the [`value`] module for how strings, literals and
//! references behave. Terraform's language is typed too: every built-in function in
//! [`functions`], operators in [`operators`] (`size + 1`, `a.gt(b)`), and `for` expressions,
//! splats and named values in [`expressions`].
#![deny(missing_docs)]

// The runtime is built in layers; each module uses only its own layer and those above it in this
// list (tests/layers.rs checks it):
//
// 1. errors;
// 2. expressions and their rendering (`expr`: untyped values, references, token markers);
// 3. typed values over them, then Terraform's functions and operators over those;
// 4. the construct tree, which knows nothing of what its nodes are, and annotations on it;
// 5. elements: stacks, resources, providers, outputs, variables, backends, modules, assets,
//    blocks, and what they render into (`render`, `logical_id`);
// 6. aspects and synthesis, and the App that runs them.

mod error;

mod expr;

mod any_value;
pub mod literal;
pub mod value;

pub mod expressions;
pub mod functions;
pub mod operators;

mod annotations;
mod construct;

mod args;
mod assets;
pub mod backend;
pub mod blocks;
mod cross_stack;
mod element;
mod iterator;
mod logical_id;
mod meta;
mod module;
mod output;
mod provider;
pub mod provisioner;
mod remote_state;
mod render;
mod resource;
mod stack;
mod terraform_data;
mod variable;

mod app;
mod aspects;
pub mod synth;
pub mod testing;

pub use annotations::{Annotation, AnnotationLevel, Annotations, Validation};
pub use any_value::AnyValue;
pub use app::App;
pub use args::{object_value, Args, Block, Blocks, DynamicBlocks, Object};
pub use aspects::{Aspect, Aspects};
pub use assets::{AssetType, TerraformAsset, TerraformAssetConfig};
pub use backend::LocalBackend;
pub use blocks::check::TerraformCheck;
pub use blocks::import::ImportableResource;
pub use blocks::moved::MoveIndex;
pub use blocks::removed::TerraformRemoved;
pub use construct::{Construct, Node, Scope};
pub use element::TerraformElement;
pub use error::{Error, Result};
pub use expr::Expression;
pub use functions::function_call;
pub use iterator::{ForEach, TerraformCount, TerraformIterator};
pub use literal::IntoValue;
pub use meta::{count_index, Condition, Dependable, Lifecycle, MetaArguments};
pub use module::TerraformHclModule;
pub use output::TerraformOutput;
pub use provider::{Provider, ProviderInfo};
pub use provisioner::{
    Connection, FileProvisioner, LocalExec, OnFailure, Provisioner, RemoteExec, SshConnection,
    TerraformSelf, When, WinrmConnection,
};
pub use remote_state::TerraformRemoteState;
pub use resource::{Resource, ResourceMode};
pub use stack::TerraformStack;
pub use terraform_data::{TerraformData, TerraformDataConfig};
pub use value::{Attributes, Dynamic, FromExpression, ListRef, MapRef, ToExpression, Value};
pub use variable::{TerraformLocal, TerraformVariable};

/// The names a stack definition needs: `use cdktf::prelude::*;`.
pub mod prelude {
    pub use crate::{
        count_index, list, map, App, Construct, Dependable, IntoValue, Lifecycle, MetaArguments,
        Scope, TerraformElement, TerraformHclModule, TerraformIterator, TerraformLocal,
        TerraformOutput, TerraformRemoteState, TerraformStack, TerraformVariable, Value,
    };
    pub use crate::{Annotations, Aspects, Node, TerraformData, TerraformDataConfig};
}
