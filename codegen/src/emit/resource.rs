//! The module of a resource, data source or ephemeral resource: configuration struct, handle with
//! getters, nested types.

use super::block::Module;
use super::code::{string_literal, Code, Ty, Written};
use super::write_docs;
use crate::ir::{Item, ItemKind};

/// The item's module. `page` is the module's docs page ([`super::docs::Page::rustdoc`]), one
/// string per `//!` line.
pub fn module(item: &Item, page: &[String]) -> Written {
    let writer = Module::new(item);
    let mut code = Code::new();
    code.docs(page, true);
    writer.write_head(&mut code);
    writer.object_struct(&mut code, item.config);
    let config_name = &item.types[item.config].rust_name;
    let meta = Ty::atom("::cdktf::MetaArguments");
    code.open_impl(&meta, Some(&Ty::atom(config_name)));
    let args = Ty::atom(format!("&mut {}", writer.p.args));
    code.open_fn("fn args_mut", &[Ty::atom("&mut self")], Some(&args));
    code.line("&mut self.0");
    code.close("}");
    code.close("}");
    handle(&writer, &mut code);
    writer.nested_types(&mut code);
    code.finish()
}

/// The handle type: `new`, `TF_TYPE`, getters, `Deref` to `::cdktf::Resource`.
fn handle(writer: &Module, code: &mut Code) {
    let item = writer.item;
    let name = &item.rust_name;
    let config_name = &item.types[item.config].rust_name;
    let mode = match item.kind {
        ItemKind::DataSource => "Data",
        ItemKind::Ephemeral => "Ephemeral",
        _ => "Managed",
    };
    let mut doc = item.doc.clone();
    let head = format!(
        "`{}`: create it with [`{name}::new`] from a [`{config_name}`].",
        item.tf_name
    );
    doc.description = Some(match doc.description {
        Some(d) => format!("{head}\n\n{d}"),
        None => head,
    });
    write_docs(code, &doc);
    code.line("#[derive(Clone, Debug)]");
    code.tuple_struct(&format!("pub struct {name}"), "::cdktf::Resource");
    code.open_impl(&Ty::atom(name), None);
    code.docs(&[" The Terraform type."], false);
    code.unbreakable(&format!(
        "pub const TF_TYPE: &'static str = {};",
        string_literal(&item.tf_name)
    ));
    code.docs(&[" Adds the element to `scope` under `id`."], false);
    let mode = format!("::cdktf::ResourceMode::{mode}");
    new_fn(code, writer, "::cdktf::Resource", &["Self::TF_TYPE", &mode]);
    aspect_fns(code, config_name, &mode);
    if item.kind == ItemKind::Resource {
        import_fn(code, writer);
    }
    for f in &item.types[item.config].fields {
        writer.getter(code, f);
    }
    code.close("}");
    handle_impls(code, name, "::cdktf::Resource");
    code.open_impl(&Ty::atom("::cdktf::Dependable"), Some(&Ty::atom(name)));
    let node = Ty::atom("&::cdktf::Node");
    code.open_fn("fn dependable_node", &[Ty::atom("&self")], Some(&node));
    code.line("::cdktf::Dependable::dependable_node(&self.0)");
    code.close("}");
    code.close("}");
}

/// `from_node` and `configure`: what an aspect needs to find this type's elements in the tree and
/// change their configuration through the typed setters.
fn aspect_fns(code: &mut Code, config_name: &str, mode: &str) {
    code.docs(
        &[" This type's element at `node`, if it is one (for aspects, which visit every node)."],
        false,
    );
    // Full paths: a generated type may be named `Option` or `FnOnce`.
    let ret = Ty::generic("::std::option::Option", vec![Ty::atom("Self")]);
    code.open_fn(
        "pub fn from_node",
        &[Ty::atom("node: &::cdktf::Node")],
        Some(&ret),
    );
    // Never on one line: prettyplease's layout of the chain, written here so that the module
    // need not go through it.
    let call = format!("::cdktf::Resource::from_node(node, Self::TF_TYPE, {mode})");
    if code.fits(&call) {
        code.chain(&call, &[("map".to_string(), "Self".to_string())]);
    } else {
        // A broken call at the head of a chain: its arguments two levels deeper.
        code.line("::cdktf::Resource::from_node(");
        for arg in ["node", "Self::TF_TYPE", mode] {
            code.line(&format!("        {arg},"));
        }
        code.line("    )");
        code.line("    .map(Self)");
    }
    code.close("}");
    code.docs(
        &[" Changes the configuration through its typed setters (for aspects)."],
        false,
    );
    let closure = Ty::closure(
        "f: impl ::std::ops::FnOnce",
        vec![Ty::atom(config_name)],
        config_name,
    );
    code.open_fn("pub fn configure", &[Ty::atom("&self"), closure], None);
    let call = format!("f({config_name}(args))");
    code.closure_statement("self.0", "update_args", "args", &call, "0");
    code.close("}");
}

/// `generate_config_for_import` of a managed resource (cdktf's `generateConfigForImport`).
fn import_fn(code: &mut Code, writer: &Module) {
    let p = &writer.p;
    code.docs(
        &[
            " An `import` block for an object not in the configuration yet: `terraform plan",
            " -generate-config-out=FILE` writes its configuration.",
        ],
        false,
    );
    code.open_fn(
        "pub fn generate_config_for_import",
        &[
            Ty::atom("scope: &impl ::cdktf::Scope"),
            Ty::atom("import_to_id: &str"),
            Ty::atom(format!(
                "import_from_id: impl {}<{}<{}>>",
                p.into, p.value, p.string
            )),
            Ty::atom("provider: ::std::option::Option<&::cdktf::Provider>"),
        ],
        Some(&Ty::atom("::cdktf::ImportableResource")),
    );
    code.line("::cdktf::ImportableResource::new(");
    code.line("    scope,");
    code.line("    import_to_id,");
    code.line("    Self::TF_TYPE,");
    code.line("    import_from_id,");
    code.line("    provider,");
    code.line(")");
    code.close("}");
}

/// A handle's `new` (resource or provider): `Self(ELEMENT::create(scope, id, ARGS..., config))`.
pub(super) fn new_fn(code: &mut Code, writer: &Module, element: &str, args: &[&str]) {
    let item = writer.item;
    let config_name = &item.types[item.config].rust_name;
    code.open_fn(
        "pub fn new",
        &[
            Ty::atom("scope: &impl ::cdktf::Scope"),
            Ty::atom("id: &str"),
            Ty::atom(format!("config: {config_name}")),
        ],
        Some(&Ty::atom("Self")),
    );
    // The call never fits on a line: this is prettyplease's layout of it.
    code.line("Self(");
    code.line(&format!("    {element}::create("));
    for arg in ["scope", "id"].iter().chain(args) {
        code.line(&format!("        {arg},"));
    }
    code.line(&format!("        {}::into_args(config),", writer.p.object));
    code.line("    ),");
    code.line(")");
    code.close("}");
}

/// `Deref` and `AsRef` from a handle to the runtime's element type `inner`.
pub(super) fn handle_impls(code: &mut Code, name: &str, inner: &str) {
    let this = Ty::atom(name);
    let target = Ty::atom(format!("&{inner}"));
    code.open_impl(&Ty::atom("::std::ops::Deref"), Some(&this));
    code.line(&format!("type Target = {inner};"));
    code.open_fn("fn deref", &[Ty::atom("&self")], Some(&target));
    code.line("&self.0");
    code.close("}");
    code.close("}");
    let as_ref = Ty::generic("::std::convert::AsRef", vec![Ty::atom(inner)]);
    code.open_impl(&as_ref, Some(&this));
    code.open_fn("fn as_ref", &[Ty::atom("&self")], Some(&target));
    code.line("&self.0");
    code.close("}");
    code.close("}");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every resource, data source and ephemeral resource module whose names are not extreme is
    /// written in prettyplease's layout, so that generation need not go through it (a module
    /// that does costs about ten times as much: AWS generation went from 1 s to 4.7 s when
    /// `from_node` and `configure` were not).
    #[test]
    fn modules_need_no_reformatting() {
        // Up to config names of 64 characters (`EphemeralPXx..xConfig`): longer ones break inside
        // the `update_args` call, which is left to prettyplease.
        let names: Vec<String> = (1..=48).map(|k| format!("p_{}", "x".repeat(k))).collect();
        let block = r#"{"block":{"attributes":{"a":{"type":"string","optional":true}}}}"#;
        let entries: Vec<String> = names.iter().map(|n| format!("\"{n}\":{block}")).collect();
        let entries = entries.join(",");
        let pkg = crate::ir::build::test_package(&format!(
            r#"{{"format_version":"1.0","provider_schemas":{{"registry.terraform.io/h/p":{{
            "resource_schemas":{{{entries}}},"data_source_schemas":{{{entries}}},
            "ephemeral_resource_schemas":{{{entries}}}}}}}}}"#
        ));
        assert_eq!(pkg.items.len(), 144);
        for item in &pkg.items {
            let written = module(item, &[]);
            let long: Vec<&str> = written.text.lines().filter(|l| l.len() > 89).collect();
            assert!(
                !written.reformat,
                "{} needs reformatting: {long:#?}",
                item.tf_name
            );
            let file = syn::parse_file(&written.text).expect("parses");
            assert_eq!(
                prettyplease::unparse(&file),
                written.text,
                "{}",
                item.tf_name
            );
        }
    }
}
