//! The generated Example Usage: a stack that configures the provider and creates the element with
//! every required argument and required nested block filled with a placeholder.
//!
//! One placeholder model, two renderings: [`Example::rust`] (the doctest users read, which
//! synthesizes the stack in memory and checks the result against the model) and
//! [`Example::stack_json`] (what that stack synthesizes, for `terraform validate`).
//!
//! Strings, numbers, bools and dynamic values come from input variables: their values are unknown
//! when Terraform validates, so provider checks of formats (ARNs, CIDRs, enums) cannot reject a
//! placeholder, while types, required arguments and required blocks are still checked.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Map, Value as Json};

use super::type_path;
use crate::emit::ident;
use crate::ir::{
    BlockMode, Field, FieldType, Item, ItemKind, Package, Presence, TypeId, ValueType,
};
use crate::naming;

/// The construct id of the stack and of the element in every example.
pub const EXAMPLE_ID: &str = "example";

/// An input variable standing for a primitive placeholder.
#[derive(Clone, Debug)]
pub struct Variable {
    /// The Terraform name (and Rust local, modulo keywords).
    pub id: String,
    /// The Rust local.
    pub local: String,
    /// The primitive type.
    pub ty: ValueType,
}

/// A placeholder value of an argument.
#[derive(Clone, Debug)]
pub enum Placeholder {
    /// `var.<id>`: index into [`Example::variables`].
    Var(usize),
    /// A list or set.
    List(Vec<Placeholder>),
    /// A map.
    Map(Vec<(String, Placeholder)>),
    /// An object value or one nested block, built with its struct's `new`.
    Object(Call),
    /// A list or set of nested blocks.
    Blocks(Vec<Call>),
    /// A map of nested blocks.
    BlockMap(Vec<(String, Call)>),
}

/// `Struct::new(args...)`.
#[derive(Clone, Debug)]
pub struct Call {
    /// The struct.
    pub type_name: String,
    /// The required fields, in `new`'s parameter order.
    pub args: Vec<(String, Placeholder)>,
    /// Fields of an object type that Terraform needs (written as `null` when not set): the
    /// example sets them, by setter (Rust name, Terraform name, value).
    pub setters: Vec<(String, String, Placeholder)>,
}

/// The example of one element.
#[derive(Clone, Debug)]
pub struct Example {
    /// The crate the example imports from; `None` when it cannot be compiled (module layout).
    pub krate: Option<String>,
    /// The element's module and the provider's module.
    pub module: String,
    /// The provider module (`provider`).
    pub provider_module: String,
    /// Provider local name, source, version constraint.
    pub provider: (String, String, Option<String>),
    /// The provider handle and its configuration.
    pub provider_handle: String,
    /// The provider configuration.
    pub provider_config: Call,
    /// Element kind, Terraform type, handle.
    pub kind: ItemKind,
    /// The Terraform type.
    pub tf_type: String,
    /// The handle type.
    pub handle: String,
    /// The element's configuration.
    pub config: Call,
    /// Struct names imported from the element's module and from the provider module.
    pub imports: (BTreeSet<String>, BTreeSet<String>),
    /// Input variables, in declaration order.
    pub variables: Vec<Variable>,
}

/// Collects variables and imports while placeholders are built.
struct Builder<'a> {
    item: &'a Item,
    variables: Vec<Variable>,
    locals: BTreeSet<String>,
    imports: BTreeSet<String>,
    depth: usize,
}

/// Locals the example itself uses, and Terraform names a variable may not have.
const RESERVED: &[&str] = &[
    "app",
    "stack",
    "json",
    "element",
    "source",
    "version",
    "providers",
    "count",
    "for_each",
    "lifecycle",
    "depends_on",
    "locals",
];

impl Builder<'_> {
    fn variable(&mut self, path: &str, ty: ValueType) -> Placeholder {
        let mut base = naming::snake(path);
        if RESERVED.contains(&base.as_str()) {
            base.push_str("_value");
        }
        let id = crate::ir::build::claim(&mut self.locals, &base, "_");
        let local = naming::field_ident(&id, &[]);
        self.variables.push(Variable { id, local, ty });
        Placeholder::Var(self.variables.len() - 1)
    }

    /// `alias`: the name the field gives an object type inside ([`crate::ir::Field::alias`]).
    fn value(&mut self, path: &str, ty: &ValueType, alias: Option<usize>) -> Placeholder {
        match ty {
            ValueType::String | ValueType::Number | ValueType::Bool | ValueType::Dynamic => {
                self.variable(path, ty.clone())
            }
            ValueType::List(t) | ValueType::Set(t) => {
                Placeholder::List(vec![self.value(path, t, alias)])
            }
            ValueType::Map(t) => {
                Placeholder::Map(vec![(EXAMPLE_ID.to_string(), self.value(path, t, alias))])
            }
            ValueType::Object(id) => Placeholder::Object(self.call(*id, path, alias)),
        }
    }

    /// `Struct::new(...)` of the type `id` (named by `alias`, if set) with its required fields.
    fn call(&mut self, id: TypeId, path: &str, alias: Option<usize>) -> Call {
        let item = self.item;
        let type_name = match alias {
            Some(a) => item.aliases[a].rust_name.clone(),
            None => type_path(item, id),
        };
        if id != item.config {
            self.imports.insert(type_name.clone());
        }
        // Required fields cannot recurse forever in a valid schema; the bound only keeps a
        // malformed one from hanging the generator.
        self.depth += 1;
        let (mut args, mut setters) = (Vec::new(), Vec::new());
        if self.depth <= 64 {
            for f in &item.types[id].fields {
                let p = join(path, &f.tf_name);
                if f.presence == Presence::Required {
                    args.push((f.tf_name.clone(), self.field(f, &p)));
                } else if f.facts.null_when_unset {
                    let value = self.field(f, &p);
                    setters.push((f.rust_name.clone(), f.tf_name.clone(), value));
                }
            }
        }
        self.depth -= 1;
        Call {
            type_name,
            args,
            setters,
        }
    }

    fn field(&mut self, field: &Field, path: &str) -> Placeholder {
        match &field.ty {
            FieldType::Attr(t) => self.value(path, t, field.alias),
            FieldType::Block { mode, ty } => match mode {
                BlockMode::Single | BlockMode::OneOf { .. } => {
                    Placeholder::Object(self.call(*ty, path, field.alias))
                }
                BlockMode::List | BlockMode::Set => {
                    // Set elements must differ: each repetition gets its own variables.
                    let n = field.facts.min_items.max(1);
                    let calls = (0..n)
                        .map(|i| {
                            let p = if i == 0 {
                                path.to_string()
                            } else {
                                format!("{path}_{}", i + 1)
                            };
                            self.call(*ty, &p, field.alias)
                        })
                        .collect();
                    Placeholder::Blocks(calls)
                }
                BlockMode::Map => Placeholder::BlockMap(vec![(
                    EXAMPLE_ID.to_string(),
                    self.call(*ty, path, field.alias),
                )]),
            },
        }
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}_{name}")
    }
}

/// Builds the example of `item`.
pub fn build(pkg: &Package, item: &Item, krate: Option<&str>) -> Example {
    let provider = &pkg.provider;
    // Variables of the provider come first, prefixed so they cannot take the element's names.
    let mut b = Builder {
        item: provider,
        variables: Vec::new(),
        locals: RESERVED.iter().map(|s| s.to_string()).collect(),
        imports: BTreeSet::new(),
        depth: 0,
    };
    let provider_config = b.call(provider.config, "provider", None);
    let provider_imports = std::mem::take(&mut b.imports);
    b.item = item;
    let config = b.call(item.config, "", None);
    Example {
        krate: krate.map(str::to_string),
        module: item.module.clone(),
        provider_module: provider.module.clone(),
        provider: (
            pkg.provider_name.clone(),
            pkg.source.clone(),
            pkg.version.clone(),
        ),
        provider_handle: provider.rust_name.clone(),
        provider_config,
        kind: item.kind,
        tf_type: item.tf_name.clone(),
        handle: item.rust_name.clone(),
        config,
        imports: (b.imports, provider_imports),
        variables: b.variables,
    }
}

impl Example {
    fn placeholder_tokens(&self, p: &Placeholder) -> TokenStream {
        match p {
            Placeholder::Var(i) => {
                let v = &self.variables[*i];
                let local = ident(&v.local);
                match v.ty {
                    ValueType::String => quote!(#local.string_value()),
                    ValueType::Number => quote!(#local.number_value()),
                    ValueType::Bool => quote!(#local.bool_value()),
                    _ => quote!(#local.value::<cdktf::Dynamic>()),
                }
            }
            Placeholder::List(items) => {
                let items = items.iter().map(|i| self.placeholder_tokens(i));
                quote!([#(#items),*])
            }
            Placeholder::Map(entries) => {
                let entries = entries.iter().map(|(k, v)| {
                    let v = self.placeholder_tokens(v);
                    quote!((#k, #v))
                });
                quote!([#(#entries),*])
            }
            Placeholder::Object(call) => self.call_tokens(call),
            Placeholder::Blocks(calls) => {
                let calls = calls.iter().map(|c| self.call_tokens(c));
                quote!([#(#calls),*])
            }
            Placeholder::BlockMap(entries) => {
                let entries = entries.iter().map(|(k, c)| {
                    let c = self.call_tokens(c);
                    quote!((#k.to_string(), #c))
                });
                quote!([#(#entries),*])
            }
        }
    }

    fn call_tokens(&self, call: &Call) -> TokenStream {
        let ty = ident(&call.type_name);
        let args = call.args.iter().map(|(_, p)| self.placeholder_tokens(p));
        let setters = call.setters.iter().map(|(name, _, p)| {
            let name = ident(name);
            let value = self.placeholder_tokens(p);
            quote!(.#name(#value))
        });
        quote!(#ty::new(#(#args),*)#(#setters)*)
    }

    /// The example as a Rust program (hidden doctest lines start with `# `).
    pub fn rust(&self) -> String {
        let krate = ident(self.krate.as_deref().unwrap_or("provider_bindings"));
        let module = ident(&self.module);
        let mut element_names: Vec<_> = self.imports.0.iter().cloned().collect();
        element_names.push(self.handle.clone());
        element_names.push(self.config.type_name.clone());
        element_names.sort();
        let element_names = element_names.iter().map(|n| ident(n));
        let pmod = ident(&self.provider_module);
        let mut provider_names: Vec<_> = self.imports.1.iter().cloned().collect();
        provider_names.push(self.provider_handle.clone());
        provider_names.push(self.provider_config.type_name.clone());
        provider_names.sort();
        let provider_names = provider_names.iter().map(|n| ident(n));
        let vars = self.variables.iter().map(|v| {
            let local = ident(&v.local);
            let id = &v.id;
            let ty = type_constraint(&v.ty);
            quote! {
                let #local = cdktf::TerraformVariable::new(&stack, #id).type_constraint(#ty);
            }
        });
        let phandle = ident(&self.provider_handle);
        let pname = &self.provider.0;
        let pconfig = self.call_tokens(&self.provider_config);
        let handle = ident(&self.handle);
        let config = self.call_tokens(&self.config);
        let file = quote! {
            use #krate::#module::{#(#element_names),*};
            use #krate::#pmod::{#(#provider_names),*};

            fn main() -> cdktf::Result<()> {
                let app = cdktf::App::new();
                let stack = cdktf::TerraformStack::new(&app, #EXAMPLE_ID);
                #(#vars)*
                #phandle::new(&stack, #pname, #pconfig);
                #handle::new(&stack, #EXAMPLE_ID, #config);
                let json = app.synth_stack(#EXAMPLE_ID)?;
                __checks();
                Ok(())
            }
        };
        let text = match syn::parse2::<syn::File>(file) {
            Ok(f) => prettyplease::unparse(&f),
            // Unreachable for IR names (they are identifiers); keep the page rather than fail.
            Err(e) => format!("// example not generated: {e}\n"),
        };
        let mut out = String::new();
        for line in text.lines() {
            // Macro calls are written here: prettyplease prints macro arguments as raw tokens.
            if line.trim() == "__checks();" {
                let indent = &line[..line.len() - line.trim_start().len()];
                out.push_str(&format!(
                    "{indent}assert!(json[{:?}][{:?}][{:?}].is_object());\n",
                    self.section(),
                    self.tf_type,
                    EXAMPLE_ID
                ));
                for check in self.hidden_checks() {
                    out.push_str(&format!("{indent}# {check}\n"));
                }
            } else {
                if line.starts_with("fn main") {
                    out.push('\n');
                }
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }

    /// Checks the synthesized stack against [`Example::stack_json`], so that the JSON that
    /// `terraform validate` checks is what this program writes.
    fn hidden_checks(&self) -> Vec<String> {
        let parts = self.parts();
        let element = lit(&parts.element.to_string());
        let variables = lit(&parts.variables.to_string());
        let provider = lit(&parts.provider.to_string());
        vec![
            format!(
                "let mut element = json[{:?}][{:?}][{:?}].clone();",
                self.section(),
                self.tf_type,
                EXAMPLE_ID
            ),
            "element.as_object_mut().map(|o| o.remove(\"//\"));".into(),
            format!("assert_eq!(element.to_string(), {element});"),
            format!("assert_eq!(json[\"variable\"].to_string(), {variables});"),
            format!("assert_eq!(json[\"provider\"].to_string(), {provider});"),
        ]
    }

    /// The top-level key of the element in Terraform JSON.
    pub fn section(&self) -> &'static str {
        match self.kind {
            ItemKind::DataSource => "data",
            ItemKind::Ephemeral => "ephemeral",
            _ => "resource",
        }
    }

    /// The code block for rustdoc: a doctest, or `ignore` when the crate path is unknown.
    pub fn rustdoc_block(&self) -> String {
        let fence = if self.krate.is_some() {
            "```rust"
        } else {
            "```rust,ignore"
        };
        format!("{fence}\n{}```", self.rust())
    }

    /// The code block for Markdown: the same program without the hidden lines.
    pub fn markdown_block(&self) -> String {
        let text = self.rust();
        let visible: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("# "))
            .collect();
        format!("```rust\n{}\n```", visible.join("\n"))
    }

    fn placeholder_json(&self, p: &Placeholder) -> Json {
        match p {
            Placeholder::Var(i) => Json::String(format!("${{var.{}}}", self.variables[*i].id)),
            Placeholder::List(items) => {
                Json::Array(items.iter().map(|i| self.placeholder_json(i)).collect())
            }
            Placeholder::Map(entries) => Json::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), self.placeholder_json(v)))
                    .collect(),
            ),
            Placeholder::Object(call) => self.call_json(call),
            Placeholder::Blocks(calls) => {
                Json::Array(calls.iter().map(|c| self.call_json(c)).collect())
            }
            Placeholder::BlockMap(entries) => Json::Object(
                entries
                    .iter()
                    .map(|(k, c)| (k.clone(), self.call_json(c)))
                    .collect(),
            ),
        }
    }

    fn call_json(&self, call: &Call) -> Json {
        Json::Object(
            call.args
                .iter()
                .map(|(k, p)| (k.clone(), self.placeholder_json(p)))
                .chain(
                    call.setters
                        .iter()
                        .map(|(_, k, p)| (k.clone(), self.placeholder_json(p))),
                )
                .collect(),
        )
    }

    fn parts(&self) -> Parts {
        let variables: Map<String, Json> = self
            .variables
            .iter()
            .map(|v| (v.id.clone(), json!({ "type": type_constraint(&v.ty) })))
            .collect();
        Parts {
            element: self.call_json(&self.config),
            variables: if variables.is_empty() {
                Json::Null
            } else {
                Json::Object(variables)
            },
            provider: json!({ self.provider.0.clone(): [self.call_json(&self.provider_config)] }),
        }
    }

    /// The Terraform JSON the example writes (without cdktf's `//` metadata and backend): what
    /// `terraform validate` is run on.
    pub fn stack_json(&self) -> Json {
        let parts = self.parts();
        let (name, source, version) = &self.provider;
        let mut required = json!({ "source": source });
        if let Some(v) = version {
            required["version"] = json!(v);
        }
        let mut doc = json!({
            "terraform": { "required_providers": { name.clone(): required } },
            "provider": parts.provider,
        });
        if !parts.variables.is_null() {
            doc["variable"] = parts.variables;
        }
        doc[self.section()] = json!({ self.tf_type.clone(): { EXAMPLE_ID: parts.element } });
        doc
    }
}

struct Parts {
    element: Json,
    variables: Json,
    provider: Json,
}

fn type_constraint(ty: &ValueType) -> &'static str {
    match ty {
        ValueType::String => "string",
        ValueType::Number => "number",
        ValueType::Bool => "bool",
        _ => "any",
    }
}

/// A Rust raw string literal holding `text`; an escaped one when `text` holds bidirectional
/// controls, which rustc rejects in source ([`crate::text`]).
fn lit(text: &str) -> String {
    if text.chars().any(crate::text::is_bidi_control) {
        return format!("{text:?}");
    }
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
}
