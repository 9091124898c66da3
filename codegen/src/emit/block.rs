//! Structs for configurations, nested blocks and object types (setters), and their `...Ref`
//! companions (getters).

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident, ref_type, rust_type};
use crate::ir::{BlockMode, Field, FieldType, Item, ObjectType, Presence, TypeId, ValueType};

/// Where a getter reads its expression from.
#[derive(Clone, Copy)]
pub enum Base {
    /// A resource handle: `self.0` is a `::cdktf::Resource`.
    Handle,
    /// A `...Ref`: `self.0` is a `::cdktf::Expression`.
    Ref,
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
            let t = rust_type(item, ty);
            (
                quote!(impl ::std::convert::Into<::cdktf::Value<#t>>),
                quote!(self.0.set::<#t>(#tf, value)),
            )
        }
        FieldType::Block { mode, ty } => {
            let s = ident(&item.types[*ty].rust_name);
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
                let s = ident(&item.types[ty].rust_name);
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
    let setters = ty
        .fields
        .iter()
        .filter(|f| f.presence != Presence::Computed)
        .map(|f| setter(item, f));
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

        impl #name {
            #(#setters)*
            #extra_setters
        }

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
            let ret = ref_type(item, ty);
            match ty {
                ValueType::Set(inner) if inner.has_object() => {
                    (ret, quote!(::cdktf::ListRef::set(#expr)))
                }
                _ => (ret, quote!(#from(#expr))),
            }
        }
        FieldType::Block { mode, ty } => {
            let r = ident(&item.types[*ty].ref_name);
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
    let getters = ty.fields.iter().map(|f| getter(item, f, Base::Ref));
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

        impl #name {
            #(#getters)*
        }
    }
}

/// Every nested struct of an item (everything but the configuration), with its `Ref`.
pub fn nested_types(item: &Item) -> TokenStream {
    let items = (0..item.types.len())
        .filter(|id| *id != item.config)
        .map(|id| {
            let s = object_struct(item, id, TokenStream::new());
            let r = ref_struct(item, id);
            quote!(#s #r)
        });
    quote!(#(#items)*)
}
