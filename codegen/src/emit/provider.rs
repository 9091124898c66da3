//! The `provider` module: the provider configuration and its handle.

use super::block::Module;
use super::code::{Code, Ty, Written};
use super::resource::{handle_impls, new_fn};
use super::write_docs;
use crate::ir::{Doc, Facts, Field, FieldType, Item, Presence, ValueType};

/// The body of the `provider` module.
pub fn module(item: &Item) -> Written {
    // `alias` is a meta-argument of provider blocks, not in the schema: an optional string
    // setter like the others.
    let mut item = item.clone();
    item.types[item.config].fields.push(Field {
        tf_name: "alias".into(),
        rust_name: "alias".into(),
        presence: Presence::Optional,
        ty: FieldType::Attr(ValueType::String),
        doc: Doc {
            description: Some(
                "An alias, to configure the provider more than once; select it on an element \
                 with\n`MetaArguments::provider`."
                    .into(),
            ),
            ..Doc::default()
        },
        facts: Facts::default(),
        alias: None,
    });
    let item = &item;
    let writer = Module::new(item);
    let mut code = Code::new();
    code.docs(
        &[format!(" The `{}` provider configuration.", item.tf_name)],
        true,
    );
    writer.write_head(&mut code);
    writer.object_struct(&mut code, item.config);
    let config_name = &item.types[item.config].rust_name;
    let name = &item.rust_name;
    let mut doc = item.doc.clone();
    let head = format!(
        "The `{}` provider: create it with [`{name}::new`] from a [`{config_name}`].",
        item.tf_name
    );
    doc.description = Some(match doc.description {
        Some(d) => format!("{head}\n\n{d}"),
        None => head,
    });
    write_docs(&mut code, &doc);
    code.line("#[derive(Clone, Debug)]");
    code.tuple_struct(&format!("pub struct {name}"), "::cdktf::Provider");
    code.open_impl(&Ty::atom(name), None);
    code.docs(
        &[" Adds the provider configuration to `scope` under `id`."],
        false,
    );
    new_fn(
        &mut code,
        &writer,
        "::cdktf::Provider",
        &["super::PROVIDER_INFO"],
    );
    code.close("}");
    handle_impls(&mut code, name, "::cdktf::Provider");
    writer.nested_types(&mut code);
    code.finish()
}
