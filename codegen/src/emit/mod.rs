//! IR -> `TokenStream`, one file per item kind. Nothing here renames or decides types: names come
//! from the IR. Everything refers to the runtime and std by absolute path, so that no generated
//! name (a resource called `String`, say) can shadow ours.

pub mod block;
pub mod function;
pub mod package;
pub mod provider;
pub mod resource;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Doc, Item, ValueType};

/// An identifier token from an IR name (`r#type` becomes a raw identifier).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// Doc attributes (and `#[deprecated]`). Text always goes through a string literal, so nothing in
/// a description can break the code.
pub fn doc_attrs(doc: &Doc) -> TokenStream {
    let mut parts: Vec<String> = Vec::new();
    if let Some(d) = &doc.description {
        parts.push(fence_code_blocks(d.trim_end()));
    }
    if !doc.notes.is_empty() {
        parts.push(doc.notes.join(" "));
    }
    let text = parts.join("\n\n");
    let docs = text.lines().map(|l| format!(" {l}"));
    let deprecated = doc.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #( #[doc = #docs] )*
        #deprecated
    }
}

/// Rustdoc compiles fenced blocks without a language as Rust; schema examples are HCL or shell.
fn fence_code_blocks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(lang) = trimmed.strip_prefix("```") {
            if !open && (lang.trim().is_empty() || lang.trim() == "rust") {
                out.push_str(&line[..line.len() - trimmed.len()]);
                out.push_str("```text");
            } else {
                out.push_str(line);
            }
            open = !open;
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    if open {
        out.push_str("```\n");
    }
    out.trim_end().to_string()
}

/// The Rust type `T` of `Value<T>` for a value type.
pub fn rust_type(item: &Item, ty: &ValueType) -> TokenStream {
    match ty {
        ValueType::String => quote!(::std::string::String),
        ValueType::Number => quote!(::std::primitive::f64),
        ValueType::Bool => quote!(::std::primitive::bool),
        ValueType::Dynamic => quote!(::cdktf::Dynamic),
        ValueType::List(t) | ValueType::Set(t) => {
            let t = rust_type(item, t);
            quote!(::std::vec::Vec<#t>)
        }
        ValueType::Map(t) => {
            let t = rust_type(item, t);
            quote!(::std::collections::BTreeMap<::std::string::String, #t>)
        }
        ValueType::Object(id) => {
            let name = ident(&item.types[*id].rust_name);
            quote!(#name)
        }
    }
}

/// What a getter of a value of type `ty` returns: `Value<T>`, or reference types when objects
/// are inside.
pub fn ref_type(item: &Item, ty: &ValueType) -> TokenStream {
    if !ty.has_object() {
        let t = rust_type(item, ty);
        return quote!(::cdktf::Value<#t>);
    }
    match ty {
        ValueType::List(t) | ValueType::Set(t) => {
            let t = ref_type(item, t);
            quote!(::cdktf::ListRef<#t>)
        }
        ValueType::Map(t) => {
            let t = ref_type(item, t);
            quote!(::cdktf::MapRef<#t>)
        }
        ValueType::Object(id) => {
            let name = ident(&item.types[*id].ref_name);
            quote!(#name)
        }
        _ => {
            let t = rust_type(item, ty);
            quote!(::cdktf::Value<#t>)
        }
    }
}

/// Inner attributes every generated module carries: deprecated items are used by the generated
/// code itself, and clippy's style lints do not apply to generated code.
pub fn module_attrs() -> TokenStream {
    quote! {
        #![allow(deprecated, clippy::all, unused_imports)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_without_language_become_text() {
        let got = fence_code_blocks("a\n```\nx = 1\n```\n```hcl\ny\n```");
        assert_eq!(got, "a\n```text\nx = 1\n```\n```hcl\ny\n```");
        assert_eq!(fence_code_blocks("```\nunclosed"), "```text\nunclosed\n```");
    }

    #[test]
    fn descriptions_cannot_break_out() {
        let doc = Doc {
            description: Some("\"] fn evil() {} #[doc = \"*/".into()),
            notes: vec!["Required.".into()],
            deprecated: true,
        };
        let tokens = doc_attrs(&doc);
        let file: syn::File = syn::parse2(quote!(#tokens pub struct S;)).expect("parses");
        assert_eq!(file.items.len(), 1);
    }
}
