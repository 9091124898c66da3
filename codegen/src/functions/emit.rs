//! The IR of the built-in functions -> the runtime's `functions::generated` module.
//!
//! The module lives inside the `cdktf` crate, so it names the runtime's items by `crate::` paths
//! and calls three small helpers of its parent module by path (`super::call`, `super::typed`,
//! `super::untyped`: a Terraform function of one of those names cannot shadow them). Each function
//! is one short generic body, so the crate compiles in about the same time with or without it.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::{doc_attrs, ident};
use crate::ir::{Doc, Function, Param, ValueType};

/// Whether a `dynamic` type occurs anywhere in `ty` (objects and tuples are `Dynamic` in the IR).
fn has_dynamic(ty: &ValueType) -> bool {
    match ty {
        ValueType::Dynamic | ValueType::Object(_) => true,
        ValueType::List(t) | ValueType::Set(t) | ValueType::Map(t) => has_dynamic(t),
        ValueType::String | ValueType::Number | ValueType::Bool => false,
    }
}

/// `T` of `Value<T>`.
fn value_type(ty: &ValueType) -> TokenStream {
    match ty {
        ValueType::String => quote!(String),
        ValueType::Number => quote!(f64),
        ValueType::Bool => quote!(bool),
        ValueType::Dynamic | ValueType::Object(_) => quote!(Dynamic),
        ValueType::List(t) | ValueType::Set(t) => {
            let t = value_type(t);
            quote!(Vec<#t>)
        }
        ValueType::Map(t) => {
            let t = value_type(t);
            quote!(BTreeMap<String, #t>)
        }
    }
}

/// The argument type of one value of `ty`, and the expression that turns `name` into a `Repr`.
/// A type with `dynamic` in it takes any value ([`AnyValue`]): a `Value<Vec<String>>` is a fine
/// `list(dynamic)`, and Rust could not infer an element type from a literal anyway.
fn argument(ty: &ValueType, name: &TokenStream) -> (TokenStream, TokenStream) {
    if has_dynamic(ty) {
        (quote!(impl AnyValue), quote!(super::untyped(#name)))
    } else {
        let t = value_type(ty);
        (
            quote!(impl Into<Value<#t>>),
            quote!(super::typed::<#t>(#name)),
        )
    }
}

fn doc(f: &Function) -> Doc {
    let mut text = f.doc.description.clone().unwrap_or_default();
    let mut names: Vec<String> = f.params.iter().map(|p| plain(p).to_string()).collect();
    if let Some(v) = &f.variadic {
        names.push(format!("{}...", plain(v)));
    }
    text.push_str(&format!(
        "\n\nTerraform: `{}({})`.",
        f.tf_name,
        names.join(", ")
    ));
    if let Some(v) = &f.variadic {
        text.push_str(&format!(
            " `{}` is variadic: each item of the iterator is one more argument.",
            plain(v)
        ));
    }
    for p in f.params.iter().chain(&f.variadic) {
        if let Some(d) = &p.description {
            text.push_str(&format!("\n- `{}`: {}", plain(p), d.replace('\n', " ")));
        }
    }
    Doc {
        description: Some(text.trim_start().to_string()),
        notes: Vec::new(),
        deprecated: f.doc.deprecated,
    }
}

fn plain(p: &Param) -> &str {
    p.rust_name.trim_start_matches("r#")
}

fn function(f: &Function) -> TokenStream {
    let docs = doc_attrs(&doc(f));
    let name = ident(&f.rust_name);
    let tf = &f.tf_name;
    let ret = value_type(&f.ret);
    let mut params = Vec::new();
    let mut args = Vec::new();
    for p in &f.params {
        let n = ident(&p.rust_name);
        let (ty, arg) = argument(&p.ty, &quote!(#n));
        params.push(quote!(#n: #ty));
        args.push(arg);
    }
    let body = match &f.variadic {
        None => quote!(super::call(#tf, [#(#args),*])),
        Some(v) => {
            let n = ident(&v.rust_name);
            let (ty, arg) = argument(&v.ty, &quote!(__item));
            params.push(quote!(#n: impl IntoIterator<Item = #ty>));
            quote! {
                super::call(#tf, [#(#args),*].into_iter().chain(#n.into_iter().map(|__item| #arg)))
            }
        }
    };
    quote! {
        #docs
        pub fn #name(#(#params),*) -> Value<#ret> {
            #body
        }
    }
}

/// The whole file (tokens), given the built-in functions in name order.
pub fn module(functions: &[Function]) -> TokenStream {
    let fns = functions.iter().map(function);
    quote! {
        //! Every built-in function of Terraform, typed from `terraform metadata functions -json`
        //! (`schema/functions.json`; regenerate with `cargo run -p codegen`).
        //!
        //! Parameters take natural Rust values (`&str`, numbers, `Value<T>`, arrays); a parameter
        //! whose type has `dynamic` in it takes any value. A variadic parameter takes an iterator
        //! whose items are spread as arguments, as cdktf's `Fn` does.
        #![allow(clippy::all, deprecated)]
        use std::collections::BTreeMap;

        use crate::{AnyValue, Dynamic, Value};

        #(#fns)*
    }
}
