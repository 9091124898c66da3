//! The `functions` module: provider-defined functions, called as `provider::NAME::FUNC(...)`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident};
use crate::ir::{Doc, Function, ValueType};

/// `T` of `Value<T>` for a function parameter or result (no objects here: they are `Dynamic`).
fn value_type(ty: &ValueType) -> TokenStream {
    match ty {
        ValueType::String => quote!(::std::string::String),
        ValueType::Number => quote!(::std::primitive::f64),
        ValueType::Bool => quote!(::std::primitive::bool),
        ValueType::Dynamic | ValueType::Object(_) => quote!(::cdktf::Dynamic),
        ValueType::List(t) | ValueType::Set(t) => {
            let t = value_type(t);
            quote!(::std::vec::Vec<#t>)
        }
        ValueType::Map(t) => {
            let t = value_type(t);
            quote!(::std::collections::BTreeMap<::std::string::String, #t>)
        }
    }
}

fn function(provider: &str, f: &Function) -> TokenStream {
    let name = ident(&f.rust_name);
    let call = format!("provider::{provider}::{}", f.tf_name);
    let mut doc: Doc = f.doc.clone();
    let mut text = doc.description.take().unwrap_or_default();
    text.push_str(&format!("\n\nCalls `{call}`."));
    let all = f.params.iter().chain(f.variadic.iter());
    for p in all.clone() {
        if let Some(d) = &p.description {
            text.push_str(&format!(
                "\n- `{}`: {}",
                p.rust_name.trim_start_matches("r#"),
                d
            ));
        }
    }
    doc.description = Some(text.trim_start().to_string());
    let docs = doc_attrs(&doc);
    let ret = value_type(&f.ret);
    let names: Vec<_> = f.params.iter().map(|p| ident(&p.rust_name)).collect();
    let types: Vec<_> = f.params.iter().map(|p| value_type(&p.ty)).collect();
    let (variadic_param, extend) = match &f.variadic {
        Some(v) => {
            let n = ident(&v.rust_name);
            let t = value_type(&v.ty);
            (
                quote!(#n: impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<::cdktf::Value<#t>>>,),
                quote!(__args.extend(#n.into_iter().map(|__v| {
                    ::cdktf::Value::into_dynamic(::std::convert::Into::<::cdktf::Value<#t>>::into(__v))
                }));),
            )
        }
        None => (TokenStream::new(), TokenStream::new()),
    };
    let mutability = f.variadic.as_ref().map(|_| quote!(mut));
    quote! {
        #docs
        pub fn #name(
            #(#names: impl ::std::convert::Into<::cdktf::Value<#types>>,)*
            #variadic_param
        ) -> ::cdktf::Value<#ret> {
            let #mutability __args: ::std::vec::Vec<::cdktf::Value<::cdktf::Dynamic>> = ::std::vec![
                #(::cdktf::Value::into_dynamic(::std::convert::Into::<::cdktf::Value<#types>>::into(#names)),)*
            ];
            #extend
            ::cdktf::function_call(#call, __args)
        }
    }
}

/// The body of the `functions` module.
pub fn module(provider: &str, functions: &[Function]) -> TokenStream {
    let doc =
        format!(" Functions of the `{provider}` provider (`provider::{provider}::NAME(...)`).");
    let attrs = super::module_attrs();
    let fns = functions.iter().map(|f| function(provider, f));
    quote! {
        #![doc = #doc]
        #attrs
        #(#fns)*
    }
}
