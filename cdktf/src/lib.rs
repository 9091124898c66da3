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

mod annotations;
mod any_value;
mod app;
mod args;
mod aspects;
mod assets;
pub mod backend;
pub mod blocks;
mod construct;
mod cross_stack;
mod element;
mod error;
mod expr;
pub mod expressions;
pub mod functions;
mod iterator;
pub mod literal;
mod meta;
mod module;
pub mod operators;
mod output;
mod provider;
pub mod provisioner;
mod remote_state;
mod resource;
mod stack;
pub mod synth;
mod terraform_data;
pub mod testing;
pub mod value;
mod variable;

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
