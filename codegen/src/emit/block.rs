//! Structs for configurations, nested blocks and object types (setters), and their `...Ref`
//! companions (getters).

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident, ref_type, rust_type};
use crate::ir::{
    BlockMode, Field, FieldType, Item, ItemKind, ObjectType, Presence, SharedModule, SharedPath,
    TypeAlias, TypeId, ValueType,
};

/// Where a getter reads its expression from.
#[derive(Clone, Copy)]
pub enum Base {
    /// A resource handle: `self.0` is a `::cdktf::Resource`.
    Handle,
    /// A `...Ref`: `self.0` is a `::cdktf::Expression`.
    Ref,
}

/// `{ items }` as one token: `quote!` copies an interpolated stream token by token, but a group
/// only by reference, and the bodies of impls are most of the generated code.
pub fn braces(items: TokenStream) -> proc_macro2::Group {
    proc_macro2::Group::new(proc_macro2::Delimiter::Brace, items)
}

/// The struct and `Ref` names of the block type `ty` of `field`: its alias at this path, if any.
fn block_names<'a>(item: &'a Item, field: &Field, ty: TypeId) -> (&'a str, &'a str) {
    match field.alias {
        Some(a) => (&item.aliases[a].rust_name, &item.aliases[a].ref_name),
        None => (&item.types[ty].rust_name, &item.types[ty].ref_name),
    }
}

/// The setter of one settable field.
fn setter(item: &Item, field: &Field) -> TokenStream {
    let name = ident(&field.rust_name);
    let docs = doc_attrs(&field.doc);
    let (param, body) = setter_parts(item, field);
    let generics = matches!(
        field.ty,
        FieldType::Block {
            mode: BlockMode::Map,
            ..
        }
    )
    .then(|| quote!(<K: ::std::convert::Into<::std::string::String>>));
    quote! {
        #docs
        pub fn #name #generics(mut self, value: #param) -> Self {
            #body;
            self
        }
    }
}

/// The parameter type and the storing statement of a setter.
fn setter_parts(item: &Item, field: &Field) -> (TokenStream, TokenStream) {
    let tf = &field.tf_name;
    match &field.ty {
        FieldType::Attr(ty) => {
            let t = rust_type(item, ty, field.alias);
            (
                quote!(impl ::std::convert::Into<::cdktf::Value<#t>>),
                quote!(self.0.set::<#t>(#tf, value)),
            )
        }
        FieldType::Block { mode, ty } => {
            let s = ident(block_names(item, field, *ty).0);
            match mode {
                BlockMode::Single | BlockMode::OneOf { .. } => {
                    (quote!(#s), quote!(self.0.set_block(#tf, value)))
                }
                BlockMode::List | BlockMode::Set => (
                    quote!(impl ::std::convert::Into<::cdktf::Blocks<#s>>),
                    quote!(self.0.set_blocks(#tf, value)),
                ),
                BlockMode::Map => (
                    quote!(impl ::std::iter::IntoIterator<Item = (K, #s)>),
                    quote!(self.0.set_block_map(#tf, value)),
                ),
            }
        }
    }
}

/// `new` with the required fields as parameters, calling their setters.
fn constructor(item: &Item, ty: &ObjectType) -> TokenStream {
    let required: Vec<&Field> = ty
        .fields
        .iter()
        .filter(|f| f.presence == Presence::Required)
        .collect();
    let names: Vec<_> = required.iter().map(|f| ident(&f.rust_name)).collect();
    let params = required.iter().map(|f| {
        let (param, _) = setter_parts(item, f);
        match f.ty {
            // `new` takes map blocks keyed by `String`, to stay free of generics.
            FieldType::Block {
                mode: BlockMode::Map,
                ty,
            } => {
                let s = ident(block_names(item, f, ty).0);
                quote!(impl ::std::iter::IntoIterator<Item = (::std::string::String, #s)>)
            }
            _ => param,
        }
    });
    let doc = if required.is_empty() {
        " An empty configuration; set arguments with the setters.".to_string()
    } else {
        " The required arguments; set optional ones with the setters.".to_string()
    };
    let default = required.is_empty().then(|| {
        let s = ident(&ty.rust_name);
        quote! {
            impl ::std::default::Default for #s {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    let this = ident(&ty.rust_name);
    quote! {
        impl #this {
            #[doc = #doc]
            #[allow(clippy::too_many_arguments)]
            pub fn new(#(#names: #params),*) -> Self {
                Self(::cdktf::Args::new()) #(.#names(#names))*
            }
        }
        #default
    }
}

/// The struct of a configuration, block or object: a newtype over `::cdktf::Args`.
pub fn object_struct(item: &Item, id: TypeId, extra_setters: TokenStream) -> TokenStream {
    let ty = &item.types[id];
    let name = ident(&ty.rust_name);
    let mut docs = ty.doc.clone();
    if docs.description.is_none() && id != item.config {
        docs.description = Some(format!("`{}`.", ty.tf_path));
    }
    let docs = doc_attrs(&docs);
    let mut setters = TokenStream::new();
    for f in ty
        .fields
        .iter()
        .filter(|f| f.presence != Presence::Computed)
    {
        setters.extend(setter(item, f));
    }
    setters.extend(extra_setters);
    let setters = braces(setters);
    let ctor = constructor(item, ty);
    let value_from = (id != item.config).then(|| {
        quote! {
            impl ::std::convert::From<#name> for ::cdktf::Value<#name> {
                fn from(object: #name) -> Self {
                    ::cdktf::object_value(object)
                }
            }
        }
    });
    quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        #[must_use]
        pub struct #name(::cdktf::Args);

        #ctor

        impl #name #setters

        impl ::cdktf::Object for #name {
            fn into_args(self) -> ::cdktf::Args {
                self.0
            }
        }

        #value_from
    }
}

/// The getter of one field.
pub fn getter(item: &Item, field: &Field, base: Base) -> TokenStream {
    let name = ident(&field.rust_name);
    let tf = &field.tf_name;
    let docs = doc_attrs(&field.doc);
    let expr = match base {
        Base::Handle => quote!(self.0.attr_expression(#tf)),
        Base::Ref => quote!(self.0.attr(#tf)),
    };
    let from = quote!(::cdktf::FromExpression::from_expression);
    let (ret, body) = match &field.ty {
        FieldType::Attr(ty) => {
            let ret = ref_type(item, ty, field.alias);
            match ty {
                ValueType::Set(inner) if inner.has_object() => {
                    (ret, quote!(::cdktf::ListRef::set(#expr)))
                }
                _ => (ret, quote!(#from(#expr))),
            }
        }
        FieldType::Block { mode, ty } => {
            let r = ident(block_names(item, field, *ty).1);
            match mode {
                BlockMode::Single => (quote!(#r), quote!(#from(#expr))),
                BlockMode::OneOf { set: false } => (quote!(#r), quote!(#from(#expr.index(0)))),
                BlockMode::OneOf { set: true } => (quote!(#r), quote!(#from(#expr.set_index(0)))),
                BlockMode::List => (
                    quote!(::cdktf::ListRef<#r>),
                    quote!(::cdktf::ListRef::list(#expr)),
                ),
                BlockMode::Set => (
                    quote!(::cdktf::ListRef<#r>),
                    quote!(::cdktf::ListRef::set(#expr)),
                ),
                BlockMode::Map => (quote!(::cdktf::MapRef<#r>), quote!(#from(#expr))),
            }
        }
    };
    quote! {
        #docs
        pub fn #name(&self) -> #ret {
            #body
        }
    }
}

/// The `...Ref` companion of a block or object struct: a typed reference with getters.
pub fn ref_struct(item: &Item, id: TypeId) -> TokenStream {
    let ty = &item.types[id];
    let name = ident(&ty.ref_name);
    let target = ident(&ty.rust_name);
    let doc = format!(
        " A reference to `{}` (a value of [`{}`]).",
        ty.tf_path, ty.rust_name
    );
    let getters = braces(
        ty.fields
            .iter()
            .map(|f| getter(item, f, Base::Ref))
            .collect(),
    );
    quote! {
        #[doc = #doc]
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct #name(::cdktf::Expression);

        impl ::cdktf::FromExpression for #name {
            fn from_expression(expression: ::cdktf::Expression) -> Self {
                Self(expression)
            }
        }

        impl ::std::convert::From<#name> for ::cdktf::Value<#target> {
            fn from(reference: #name) -> Self {
                ::cdktf::Value::from_expression(reference.0)
            }
        }

        impl ::cdktf::ToExpression for #name {
            fn to_expression(&self) -> ::cdktf::Expression {
                self.0.clone()
            }
        }

        impl #name #getters
    }
}

/// Every nested struct of an item (everything but the configuration), with its `Ref`; types
/// shared with other items are re-exported from the package's `types` module under the item's
/// names.
pub fn nested_types(item: &Item) -> TokenStream {
    // Streams are moved into `out` (`#tokens` in `quote!` would copy every token).
    let mut out = TokenStream::new();
    let mut structs = TokenStream::new();
    for id in (0..item.types.len()).filter(|id| *id != item.config) {
        let ty = &item.types[id];
        match &ty.shared {
            Some(path) => out.extend(reexport(ty, path)),
            None => {
                structs.extend(object_struct(item, id, TokenStream::new()));
                structs.extend(ref_struct(item, id));
            }
        }
    }
    out.extend(structs);
    for alias in &item.aliases {
        out.extend(type_alias(item, alias));
    }
    out
}

/// `pub type Natural = Canonical;` and the same for the `Ref`s: a merged type under the name of
/// another of its occurrences.
fn type_alias(item: &Item, alias: &TypeAlias) -> TokenStream {
    let target = &item.types[alias.target];
    let (name, name_ref) = (ident(&alias.rust_name), ident(&alias.ref_name));
    let (to, to_ref) = (ident(&target.rust_name), ident(&target.ref_name));
    let doc = format!(
        " `{}`: the same type as [`{}`] (`{}`); identical types are generated once.",
        alias.tf_path, target.rust_name, target.tf_path
    );
    let doc_ref = format!(
        " A reference to `{}`: the same type as [`{}`].",
        alias.tf_path, target.ref_name
    );
    quote! {
        #[doc = #doc]
        pub type #name = #to;
        #[doc = #doc_ref]
        pub type #name_ref = #to_ref;
    }
}

/// `pub use super::types::FAMILY::{Shared as Local, SharedRef as LocalRef};`
fn reexport(ty: &ObjectType, path: &SharedPath) -> TokenStream {
    let types = ident(&path.types_module);
    let module = ident(&path.module);
    let (shared, shared_ref) = (
        ident(&path.rust_name),
        ident(&format!("{}Ref", path.rust_name)),
    );
    let (local, local_ref) = (ident(&ty.rust_name), ident(&ty.ref_name));
    let pair = |from: &proc_macro2::Ident, to: &proc_macro2::Ident| {
        if from == to {
            quote!(#from)
        } else {
            quote!(#from as #to)
        }
    };
    let (a, b) = (pair(&shared, &local), pair(&shared_ref, &local_ref));
    quote!(pub use super::#types::#module::{#a, #b};)
}

/// The body of a submodule of the shared `types` module: each struct (with its `Ref`) compiled
/// when one of the items that use it is.
pub fn shared_module(module: &SharedModule) -> TokenStream {
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
    let doc = " Nested types that several resources and data sources share; each item's module \
               re-exports those it uses under its own names.";
    let attrs = super::module_attrs();
    let mut out = quote! {
        #![doc = #doc]
        #attrs
    };
    for id in 0..table.types.len() {
        let ty = &table.types[id];
        let tokens = match &ty.shared {
            // A type of another submodule that types here refer to.
            Some(path) => {
                let m = ident(&path.module);
                let (name, name_ref) = (ident(&ty.rust_name), ident(&ty.ref_name));
                quote!(use super::#m::{#name, #name_ref};)
            }
            None => {
                let mut tokens = object_struct(&table, id, TokenStream::new());
                tokens.extend(ref_struct(&table, id));
                tokens
            }
        };
        out.extend(match &module.features[id] {
            None => tokens,
            Some(features) => with_cfg(tokens, features),
        });
    }
    out
}

/// `#[cfg(any(feature = ...))]` on every item of `tokens`.
fn with_cfg(tokens: TokenStream, features: &[String]) -> TokenStream {
    let cfg = cfg_any(features);
    // `object_struct` and `ref_struct` write items only, which always parse.
    let file: syn::File = syn::parse2(tokens).expect("generated items parse");
    let items = file.items;
    quote!(#(#cfg #items)*)
}

/// `#[cfg(any(feature = "a", feature = "b"))]`.
pub fn cfg_any(features: &[String]) -> TokenStream {
    quote!(#[cfg(any(#(feature = #features),*))])
}
