//! The module of a resource, data source or ephemeral resource: configuration struct, handle with
//! getters, nested types.

use proc_macro2::TokenStream;
use quote::quote;

use super::block::{getter, nested_types, object_struct, Base};
use super::{doc_attrs, ident};
use crate::ir::{Item, ItemKind};

/// The body of the item's module (inner attributes and items). `page` is the module's docs page
/// ([`super::docs::Page::rustdoc`]), one string per `//!` line.
pub fn module(item: &Item, page: &[String]) -> TokenStream {
    let attrs = super::module_attrs();
    let config = object_struct(item, item.config, TokenStream::new());
    let config_name = ident(&item.types[item.config].rust_name);
    let handle = handle(item);
    let mut out = quote! {
        #(#![doc = #page])*
        #attrs

        #config

        impl ::cdktf::MetaArguments for #config_name {
            fn args_mut(&mut self) -> &mut ::cdktf::Args {
                &mut self.0
            }
        }

        #handle
    };
    // Moved in, not interpolated: `#tokens` copies every token, and this is most of the module.
    out.extend(nested_types(item));
    out
}

/// The handle type: `new`, `TF_TYPE`, getters, `Deref` to `::cdktf::Resource`.
fn handle(item: &Item) -> TokenStream {
    let name = ident(&item.rust_name);
    let config_name = ident(&item.types[item.config].rust_name);
    let tf = &item.tf_name;
    let mode = match item.kind {
        ItemKind::DataSource => quote!(::cdktf::ResourceMode::Data),
        ItemKind::Ephemeral => quote!(::cdktf::ResourceMode::Ephemeral),
        _ => quote!(::cdktf::ResourceMode::Managed),
    };
    let mut doc = item.doc.clone();
    let head = format!("`{tf}`: create it with [`{name}::new`] from a [`{config_name}`].");
    doc.description = Some(match doc.description {
        Some(d) => format!("{head}\n\n{d}"),
        None => head,
    });
    let docs = doc_attrs(&doc);
    let getters: TokenStream = item.types[item.config]
        .fields
        .iter()
        .map(|f| getter(item, f, Base::Handle))
        .collect();
    quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct #name(::cdktf::Resource);

        impl #name {
            /// The Terraform type.
            pub const TF_TYPE: &'static str = #tf;

            /// Adds the element to `scope` under `id`.
            pub fn new(
                scope: &impl ::cdktf::Scope,
                id: &::std::primitive::str,
                config: #config_name,
            ) -> Self {
                Self(::cdktf::Resource::create(
                    scope,
                    id,
                    Self::TF_TYPE,
                    #mode,
                    ::cdktf::Object::into_args(config),
                ))
            }

            #getters
        }

        impl ::std::ops::Deref for #name {
            type Target = ::cdktf::Resource;
            fn deref(&self) -> &::cdktf::Resource {
                &self.0
            }
        }

        impl ::std::convert::AsRef<::cdktf::Resource> for #name {
            fn as_ref(&self) -> &::cdktf::Resource {
                &self.0
            }
        }

        impl ::cdktf::Dependable for #name {
            fn dependable_node(&self) -> &::cdktf::Node {
                ::cdktf::Dependable::dependable_node(&self.0)
            }
        }
    }
}
