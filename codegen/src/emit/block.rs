//! Structs for configurations, nested blocks and object types (setters), and their `...Ref`
//! companions (getters), written as text ([`Code`]).

use std::collections::HashSet;

use super::code::{string_literal, Code, Ty, Written};
use super::paths::Paths;
use super::{ref_type, rust_type, write_docs};
use crate::ir::{
    BlockMode, Field, FieldType, Item, ItemKind, ObjectType, Presence, SharedModule, SharedPath,
    TypeAlias, TypeId, ValueType,
};

/// What the writers of one module share: the item whose type table they read, the module's
/// spellings of runtime names, and the `cfg` that every item of the module carries (shared
/// types are compiled only with a feature of an item that uses them).
pub struct Module<'a> {
    /// The item (for a shared module, a table of its types).
    pub item: &'a Item,
    /// Spellings of runtime and std names.
    pub p: Paths,
    /// Features, one of which enables the items being written (`None`: always compiled).
    cfg: Option<&'a [String]>,
}

impl<'a> Module<'a> {
    /// The writers for the module of `item`.
    pub fn new(item: &'a Item) -> Self {
        let mut local: HashSet<&str> = HashSet::new();
        local.insert(&item.rust_name);
        for ty in &item.types {
            local.insert(&ty.rust_name);
            local.insert(&ty.ref_name);
        }
        for alias in &item.aliases {
            local.insert(&alias.rust_name);
            local.insert(&alias.ref_name);
        }
        Module {
            item,
            p: Paths::new(&local),
            cfg: None,
        }
    }

    /// `#![allow(...)]` and the imports: the start of every module after its `//!` docs.
    pub fn write_head(&self, code: &mut Code) {
        code.line(super::MODULE_ATTRS);
        self.p.write_imports(code);
    }

    /// The `cfg` attribute, if any, that starts each item.
    fn start_item(&self, code: &mut Code) {
        if let Some(features) = self.cfg {
            code.cfg_features(features);
        }
    }

    /// `#[derive(Clone, Debug)]` (derive macros live in their own namespace: no generated type
    /// can shadow them).
    fn derive(&self, code: &mut Code) {
        code.line("#[derive(Clone, Debug)]");
    }

    /// The struct of a configuration, block or object: a newtype over `Args`, with `new`, the
    /// setters and `Object`.
    pub fn object_struct(&self, code: &mut Code, id: TypeId) {
        let item = self.item;
        let p = &self.p;
        let ty = &item.types[id];
        let name = &ty.rust_name;
        let mut docs = ty.doc.clone();
        if docs.description.is_none() && id != item.config {
            docs.description = Some(format!("`{}`.", ty.tf_path));
        }
        self.start_item(code);
        write_docs(code, &docs);
        self.derive(code);
        code.line("#[must_use]");
        code.tuple_struct(&format!("pub struct {name}"), p.args);
        self.constructor(code, ty);
        self.start_item(code);
        let settable: Vec<&Field> = ty
            .fields
            .iter()
            .filter(|f| f.presence != Presence::Computed)
            .collect();
        if settable.is_empty() {
            code.unbreakable(&format!("impl {name} {{}}"));
        } else {
            code.open_impl(&Ty::atom(name), None);
            for f in settable {
                self.setter(code, f);
            }
            code.close("}");
        }
        self.start_item(code);
        code.open_impl(&Ty::atom(p.object), Some(&Ty::atom(name)));
        code.open_fn("fn into_args", &[Ty::atom("self")], Some(&Ty::atom(p.args)));
        code.line("self.0");
        code.close("}");
        code.close("}");
        if id != item.config {
            self.start_item(code);
            let from = Ty::generic(p.from, vec![Ty::atom(name)]);
            let value = Ty::generic(p.value, vec![Ty::atom(name)]);
            code.open_impl(&from, Some(&value));
            let param = Ty::atom(format!("object: {name}"));
            code.open_fn("fn from", &[param], Some(&Ty::atom("Self")));
            code.line("::cdktf::object_value(object)");
            code.close("}");
            code.close("}");
        }
    }

    /// `new` with the required fields as parameters, calling their setters; `Default` when
    /// nothing is required.
    fn constructor(&self, code: &mut Code, ty: &ObjectType) {
        let p = &self.p;
        let required: Vec<&Field> = ty
            .fields
            .iter()
            .filter(|f| f.presence == Presence::Required)
            .collect();
        let params: Vec<Ty> = required
            .iter()
            .map(|f| {
                let param = match f.ty {
                    // `new` takes map blocks keyed by `String`, to stay free of generics.
                    FieldType::Block {
                        mode: BlockMode::Map,
                        ty,
                    } => map_blocks(p, p.string, self.block_names(f, ty).0),
                    _ => self.setter_parts(f).0,
                };
                param.prefixed(&format!("{}: ", f.rust_name))
            })
            .collect();
        // Fields of an object type that Terraform needs present start as `null`.
        let nulls = ty.fields.iter().filter(|f| f.facts.null_when_unset);
        let calls: Vec<(String, String)> = required
            .iter()
            .map(|f| (f.rust_name.clone(), f.rust_name.clone()))
            .chain(nulls.map(|f| (f.rust_name.clone(), format!("{}::null()", p.value))))
            .collect();
        self.start_item(code);
        code.open_impl(&Ty::atom(&ty.rust_name), None);
        code.docs(
            &[if ty.fields.iter().any(|f| f.facts.null_when_unset) {
                " Every field unset (written as `null`); set fields with the setters."
            } else if required.is_empty() {
                " An empty configuration; set arguments with the setters."
            } else {
                " The required arguments; set optional ones with the setters."
            }],
            false,
        );
        code.line("#[allow(clippy::too_many_arguments)]");
        code.open_fn("pub fn new", &params, Some(&Ty::atom("Self")));
        code.chain(&format!("Self({}::new())", p.args), &calls);
        code.close("}");
        code.close("}");
        if required.is_empty() {
            self.start_item(code);
            code.open_impl(&Ty::atom(p.default), Some(&Ty::atom(&ty.rust_name)));
            code.open_fn("fn default", &[], Some(&Ty::atom("Self")));
            code.line("Self::new()");
            code.close("}");
            code.close("}");
        }
    }

    /// The struct and `Ref` names of the block type `ty` of `field`: its alias at this path, if
    /// any.
    fn block_names(&self, field: &Field, ty: TypeId) -> (&'a str, &'a str) {
        let item = self.item;
        match field.alias {
            Some(a) => (&item.aliases[a].rust_name, &item.aliases[a].ref_name),
            None => (&item.types[ty].rust_name, &item.types[ty].ref_name),
        }
    }

    /// The setter of one settable field.
    fn setter(&self, code: &mut Code, field: &Field) {
        let (param, body) = self.setter_parts(field);
        let generics = match field.ty {
            FieldType::Block {
                mode: BlockMode::Map,
                ..
            } => format!("<K: {}<{}>>", self.p.into, self.p.string),
            _ => String::new(),
        };
        write_docs(code, &field.doc);
        code.open_fn(
            &format!("pub fn {}{generics}", field.rust_name),
            &[Ty::atom("mut self"), param.prefixed("value: ")],
            Some(&Ty::atom("Self")),
        );
        let (method, args) = body;
        code.method_call("self.0", method, &args, ";");
        code.line("self");
        code.close("}");
    }

    /// The parameter type and the storing statement of a setter.
    /// The parameter type of a setter, and the `Args` method that stores the value with its
    /// arguments.
    fn setter_parts(&self, field: &Field) -> (Ty, (&'static str, Vec<String>)) {
        let p = &self.p;
        let tf = string_literal(&field.tf_name);
        let into = format!("impl {}", p.into);
        let value = || "value".to_string();
        match &field.ty {
            FieldType::Attr(ty) => {
                let t = rust_type(p, self.item, ty, field.alias);
                (
                    Ty::generic(into, vec![Ty::generic(p.value, vec![t])]),
                    ("set_value", vec![tf, "value.into()".into()]),
                )
            }
            FieldType::Block { mode, ty } => {
                let s = self.block_names(field, *ty).0;
                match mode {
                    // A struct, or a dynamic block (`TerraformIterator::dynamic`).
                    BlockMode::Single | BlockMode::OneOf { .. } => (
                        Ty::generic(into, vec![Ty::generic("::cdktf::Block", vec![Ty::atom(s)])]),
                        ("set_block", vec![tf, value()]),
                    ),
                    BlockMode::List | BlockMode::Set => (
                        Ty::generic(into, vec![Ty::generic(p.blocks, vec![Ty::atom(s)])]),
                        ("set_blocks", vec![tf, value()]),
                    ),
                    BlockMode::Map => (map_blocks(p, "K", s), ("set_block_map", vec![tf, value()])),
                }
            }
        }
    }

    /// The getter of one field: one call of the runtime's `Attributes`, which reads from a
    /// resource handle and from a reference alike.
    pub fn getter(&self, code: &mut Code, field: &Field) {
        let p = &self.p;
        let tf = string_literal(&field.tf_name);
        let (ret, read) = match &field.ty {
            FieldType::Attr(ty) => {
                let ret = ref_type(p, self.item, ty, field.alias);
                match ty {
                    ValueType::Set(inner) if inner.has_object() => (ret, "get_set"),
                    _ => (ret, "get"),
                }
            }
            FieldType::Block { mode, ty } => {
                let r = Ty::atom(self.block_names(field, *ty).1);
                match mode {
                    BlockMode::Single => (r, "get"),
                    BlockMode::OneOf { set: false } => (r, "get_first"),
                    BlockMode::OneOf { set: true } => (r, "get_set_first"),
                    BlockMode::List => (Ty::generic(p.list_ref, vec![r]), "get"),
                    BlockMode::Set => (Ty::generic(p.list_ref, vec![r]), "get_set"),
                    BlockMode::Map => (Ty::generic(p.map_ref, vec![r]), "get"),
                }
            }
        };
        write_docs(code, &field.doc);
        code.open_fn(
            &format!("pub fn {}", field.rust_name),
            &[Ty::atom("&self")],
            Some(&ret),
        );
        code.method_call("self.0", read, &[tf], "");
        code.close("}");
    }

    /// The `...Ref` companion of a block or object struct: a typed reference with getters.
    pub fn ref_struct(&self, code: &mut Code, id: TypeId) {
        let p = &self.p;
        let ty = &self.item.types[id];
        let name = &ty.ref_name;
        let target = &ty.rust_name;
        self.start_item(code);
        code.docs(
            &[format!(
                " A reference to `{}` (a value of [`{target}`]).",
                ty.tf_path
            )],
            false,
        );
        self.derive(code);
        code.tuple_struct(&format!("pub struct {name}"), p.expression);
        let this = Ty::atom(name);
        let expression = Ty::atom(p.expression);
        let self_ty = Ty::atom("Self");
        self.start_item(code);
        code.open_impl(&Ty::atom(p.from_expression), Some(&this));
        let param = expression.prefixed("expression: ");
        code.open_fn("fn from_expression", &[param], Some(&self_ty));
        code.line("Self(expression)");
        code.close("}");
        code.close("}");
        self.start_item(code);
        let from = Ty::generic(p.from, vec![this.clone()]);
        let value = Ty::generic(p.value, vec![Ty::atom(target)]);
        code.open_impl(&from, Some(&value));
        let param = this.prefixed("reference: ");
        code.open_fn("fn from", &[param], Some(&self_ty));
        code.line("Self::from_expression(reference.0)");
        code.close("}");
        code.close("}");
        self.start_item(code);
        code.open_impl(&Ty::atom(p.to_expression), Some(&this));
        code.open_fn("fn to_expression", &[Ty::atom("&self")], Some(&expression));
        code.line("self.0.clone()");
        code.close("}");
        code.close("}");
        self.start_item(code);
        if ty.fields.is_empty() {
            code.unbreakable(&format!("impl {name} {{}}"));
        } else {
            code.open_impl(&this, None);
            for f in &ty.fields {
                self.getter(code, f);
            }
            code.close("}");
        }
    }

    /// Every nested struct of an item (everything but the configuration), with its `Ref`; types
    /// shared with other items are re-exported from the package's `types` module under the
    /// item's names.
    pub fn nested_types(&self, code: &mut Code) {
        let item = self.item;
        let nested = (0..item.types.len()).filter(|id| *id != item.config);
        for id in nested.clone() {
            if let Some(path) = &item.types[id].shared {
                reexport(code, &item.types[id], path);
            }
        }
        for id in nested {
            if item.types[id].shared.is_none() {
                self.object_struct(code, id);
                self.ref_struct(code, id);
            }
        }
        for alias in &item.aliases {
            type_alias(code, item, alias);
        }
    }
}

/// `impl IntoIterator<Item = (key, block)>`: the parameter of a map of blocks.
fn map_blocks(p: &Paths, key: &str, block: &str) -> Ty {
    let pair = Ty::tuple("Item = ", vec![Ty::atom(key), Ty::atom(block)]);
    Ty::generic(format!("impl {}", p.into_iterator), vec![pair])
}

/// `pub type Natural = Canonical;` and the same for the `Ref`s: a merged type under the name of
/// another of its occurrences.
fn type_alias(code: &mut Code, item: &Item, alias: &TypeAlias) {
    let target = &item.types[alias.target];
    code.docs(
        &[format!(
            " `{}`: the same type as [`{}`] (`{}`); identical types are generated once.",
            alias.tf_path, target.rust_name, target.tf_path
        )],
        false,
    );
    code.unbreakable(&format!(
        "pub type {} = {};",
        alias.rust_name, target.rust_name
    ));
    code.docs(
        &[format!(
            " A reference to `{}`: the same type as [`{}`].",
            alias.tf_path, target.ref_name
        )],
        false,
    );
    code.unbreakable(&format!(
        "pub type {} = {};",
        alias.ref_name, target.ref_name
    ));
}

/// `pub use super::types::FAMILY::{Shared as Local, SharedRef as LocalRef};`
fn reexport(code: &mut Code, ty: &ObjectType, path: &SharedPath) {
    let pair = |from: &str, to: &str| {
        if from == to {
            from.to_string()
        } else {
            format!("{from} as {to}")
        }
    };
    let names = [
        pair(&path.rust_name, &ty.rust_name),
        pair(&format!("{}Ref", path.rust_name), &ty.ref_name),
    ];
    let prefix = format!("pub use super::{}::{}", path.types_module, path.module);
    code.use_names(&prefix, &names);
}

/// The body of a submodule of the shared `types` module: each struct (with its `Ref`) compiled
/// when one of the items that use it is.
pub fn shared_module(module: &SharedModule) -> Written {
    let table = Item {
        kind: ItemKind::Resource,
        tf_name: String::new(),
        module: module.module.clone(),
        rust_name: String::new(),
        feature: None,
        doc: Default::default(),
        // No configuration here: every type is a nested one.
        config: usize::MAX,
        types: module.types.clone(),
        aliases: Vec::new(),
    };
    let mut writer = Module::new(&table);
    let mut code = Code::new();
    code.docs(
        &[
            " Nested types that several resources and data sources share; each item's module \
           re-exports those it uses under its own names.",
        ],
        true,
    );
    writer.write_head(&mut code);
    for (id, ty) in table.types.iter().enumerate() {
        writer.cfg = module.features[id].as_deref();
        match &ty.shared {
            // A type of another submodule that types here refer to.
            Some(path) => {
                writer.start_item(&mut code);
                let names = [ty.rust_name.clone(), ty.ref_name.clone()];
                code.use_names(&format!("use super::{}", path.module), &names);
            }
            None => {
                writer.object_struct(&mut code, id);
                writer.ref_struct(&mut code, id);
            }
        }
    }
    code.finish()
}
