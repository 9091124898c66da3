//! The `provider` module: the provider configuration and its handle.

use quote::quote;

use super::block::{nested_types, object_struct};
use super::{doc_attrs, ident};
use crate::ir::Item;
use proc_macro2::TokenStream;

/// The body of the `provider` module.
pub fn module(item: &Item) -> TokenStream {
    let module_doc = format!(" The `{}` provider configuration.", item.tf_name);
    let attrs = super::module_attrs();
    let alias = quote! {
        /// An alias, to configure the provider more than once; select it on an element with
        /// `MetaArguments::provider`.
        pub fn alias(mut self, value: impl ::std::convert::Into<::cdktf::Value<::std::string::String>>) -> Self {
            self.0.set::<::std::string::String>("alias", value);
            self
        }
    };
    let config = object_struct(item, item.config, alias);
    let config_name = ident(&item.types[item.config].rust_name);
    let name = ident(&item.rust_name);
    let mut doc = item.doc.clone();
    let head = format!(
        "The `{}` provider: create it with [`{}::new`] from a [`{}`].",
        item.tf_name, item.rust_name, item.types[item.config].rust_name
    );
    doc.description = Some(match doc.description {
        Some(d) => format!("{head}\n\n{d}"),
        None => head,
    });
    let docs = doc_attrs(&doc);
    let nested = nested_types(item);
    quote! {
        #![doc = #module_doc]
        #attrs

        #config

        #docs
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct #name(::cdktf::Provider);

        impl #name {
            /// Adds the provider configuration to `scope` under `id`.
            pub fn new(
                scope: &impl ::cdktf::Scope,
                id: &::std::primitive::str,
                config: #config_name,
            ) -> Self {
                Self(::cdktf::Provider::create(
                    scope,
                    id,
                    super::PROVIDER_INFO,
                    ::cdktf::Object::into_args(config),
                ))
            }
        }

        impl ::std::ops::Deref for #name {
            type Target = ::cdktf::Provider;
            fn deref(&self) -> &::cdktf::Provider {
                &self.0
            }
        }

        impl ::std::convert::AsRef<::cdktf::Provider> for #name {
            fn as_ref(&self) -> &::cdktf::Provider {
                &self.0
            }
        }

        #nested
    }
}
