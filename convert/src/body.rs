//! Block bodies against their schema structs: required arguments to `new(...)`, optional ones to
//! setters, nested blocks to the generated block types, meta-arguments to `MetaArguments`.
//! What the typed API cannot hold goes to `add_override` in Terraform JSON form (a fallback).

use codegen::ir::{BlockMode, Field, FieldType, Presence};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value as Json};

use crate::config::{Block, Body, Loc};
use crate::emit::{ident, Ctx};
use crate::error::{Error, Result};
use crate::expr::Want;
use crate::schema::Struct;
use crate::tfjson;

/// Meta-arguments of resources and data sources (handled by [`Ctx::meta`]).
const META: &[&str] = &[
    "count",
    "for_each",
    "depends_on",
    "provider",
    "dynamic",
    "provisioner",
    "connection",
];
/// Meta blocks: `lifecycle` is typed; the others go to overrides.
const META_BLOCKS: &[&str] = &["lifecycle", "provisioner", "connection"];

/// A struct to construct and where its bindings are (`krate::module::Name`).
#[derive(Clone, Copy, Debug)]
pub struct At<'a> {
    /// The struct.
    pub st: Struct<'a>,
    /// The bindings crate.
    pub krate: &'a str,
    /// The item's module.
    pub module: &'a str,
}

/// An override (`element.add_override(path, value)`) for what the typed API does not hold.
pub type Override = (String, Json);

impl Ctx<'_, '_> {
    /// `Struct::new(required...).optional(...)...` for `body`. `top`: the element's own body,
    /// where meta-arguments are allowed (and left to [`Ctx::meta`]).
    pub fn construct(
        &mut self,
        at: At<'_>,
        body: &Body,
        what: &str,
        top: bool,
        overrides: &mut Vec<Override>,
    ) -> Result<TokenStream> {
        let At { st, krate, module } = at;
        let expanded;
        let body = match blocks_from_attrs(&st, body) {
            Some(b) => {
                expanded = b;
                &expanded
            }
            None => body,
        };
        let mut values: Vec<(&Field, TokenStream)> = Vec::new();
        for a in &body.attrs {
            if top
                && (META.contains(&a.name.as_str())
                    || a.name == "alias" && what.starts_with("provider."))
            {
                continue;
            }
            let Some(field) = st
                .field(&a.name)
                .filter(|f| f.presence != Presence::Computed)
            else {
                return Err(Error::UnknownAttribute {
                    loc: a.loc.clone(),
                    tf_type: what.to_string(),
                    name: a.name.clone(),
                });
            };
            match &field.ty {
                FieldType::Attr(vt) => {
                    let out = self.value(&a.value, Want::Typed(vt, Some(st.item)), &a.loc);
                    values.push((field, out.tokens));
                }
                FieldType::Block { .. } if top => {
                    // A block written as an attribute (`x = [{...}]`): Terraform JSON form.
                    let text = tfjson::expr_text(&a.value);
                    self.fallback(&a.loc, &text, "block written as an attribute");
                    overrides.push((a.name.clone(), tfjson::expr_to_json(&a.value)));
                }
                FieldType::Block { .. } => {
                    return Err(Error::Invalid {
                        loc: a.loc.clone(),
                        message: format!("`{}` is a block in `{what}`, not an argument", a.name),
                    })
                }
            }
        }
        // Each block type once, in the order it first appears (static or dynamic).
        let mut labels: Vec<&str> = Vec::new();
        for b in &body.blocks {
            let label = block_label(b);
            let meta = top && META_BLOCKS.contains(&b.kind.as_str());
            if !meta && !labels.contains(&label) {
                labels.push(label);
            }
        }
        for label in labels {
            let marks = (self.pre.len(), self.fallbacks.len(), overrides.len());
            match self.block_field(at, body, label, what, overrides) {
                Ok(Some(v)) => values.push(v),
                Ok(None) => {}
                // At the top, blocks the typed API cannot hold yet go whole to an override.
                Err(Error::Invalid { loc, message }) if top => {
                    self.pre.truncate(marks.0);
                    self.fallbacks.truncate(marks.1);
                    overrides.truncate(marks.2);
                    self.fallback(&loc, &format!("{label} {{ ... }}"), &message);
                    for b in body.blocks.iter().filter(|b| block_label(b) == label) {
                        push_block_override(overrides, b);
                    }
                }
                Err(e) => return Err(e),
            }
        }
        let ty = self.type_path(krate, module, st.name);
        let mut required = Vec::new();
        for f in st
            .ty
            .fields
            .iter()
            .filter(|f| f.presence == Presence::Required)
        {
            let overridden = overrides
                .iter()
                .any(|(k, v)| *k == f.tf_name || k == "dynamic" && v.get(&f.tf_name).is_some());
            match values.iter().position(|(v, _)| v.tf_name == f.tf_name) {
                Some(i) => required.push(values.remove(i).1),
                // Required blocks that went to an override: no static blocks here.
                None if top && overridden && is_list_block(f) => {
                    let name = st.block(f).map(|b| b.name).unwrap_or_default();
                    let b = self.type_path(krate, module, name);
                    required.push(quote!(Vec::<#b>::new()));
                }
                None => {
                    let loc = body
                        .attrs
                        .first()
                        .map(|a| a.loc.clone())
                        .or_else(|| body.blocks.first().map(|b| b.loc.clone()))
                        .unwrap_or_else(|| self.here.clone());
                    return Err(Error::Invalid {
                        loc,
                        message: format!(
                            "`{what}` is missing its required argument `{}`",
                            f.tf_name
                        ),
                    });
                }
            }
        }
        let setters = values.into_iter().map(|(f, v)| {
            let setter = ident(&f.rust_name);
            quote!(.#setter(#v))
        });
        Ok(quote!(#ty::new(#(#required),*) #(#setters)*))
    }

    /// The value of the blocks of type `label` in `body` (static blocks, or one dynamic block
    /// of a list or set block), for the field's setter.
    fn block_field<'f>(
        &mut self,
        at: At<'f>,
        body: &Body,
        label: &str,
        what: &str,
        overrides: &mut Vec<Override>,
    ) -> Result<Option<(&'f Field, TokenStream)>> {
        let At { st, krate, module } = at;
        let blocks: Vec<&Block> = body
            .blocks
            .iter()
            .filter(|b| block_label(b) == label)
            .collect();
        let Some(first) = blocks.first() else {
            return Ok(None);
        };
        let field = st.field(label).ok_or_else(|| Error::UnknownAttribute {
            loc: first.loc.clone(),
            tf_type: what.to_string(),
            name: label.to_string(),
        })?;
        let FieldType::Block { mode, .. } = &field.ty else {
            return Err(Error::Invalid {
                loc: first.loc.clone(),
                message: format!("`{label}` is an argument of `{what}`, not a block"),
            });
        };
        let Some(inner) = st.block(field) else {
            return Ok(None);
        };
        let inner_at = At {
            st: inner,
            krate,
            module,
        };
        let path = format!("{what}.{label}");
        let invalid = |message: String| Error::Invalid {
            loc: first.loc.clone(),
            message,
        };
        if blocks.iter().any(|b| b.kind == "dynamic") {
            if blocks.len() > 1 {
                return Err(invalid(format!(
                    "several `{label}` blocks beside a dynamic one are not converted yet"
                )));
            }
            // A block that appears at most once takes a dynamic block too (the runtime writes it
            // under `dynamic`, as Terraform accepts); blocks keyed by label do not.
            if *mode == BlockMode::Map {
                return Err(invalid(format!(
                    "dynamic `{label}` of blocks keyed by label is not converted yet"
                )));
            }
            let tokens = self.dynamic_block(inner_at, first, &path, overrides)?;
            return Ok(Some((field, tokens)));
        }
        let mut items = Vec::new();
        for blk in &blocks {
            items.push(self.construct(inner_at, &blk.body, &path, false, overrides)?);
        }
        let tokens = match (mode, items.as_slice()) {
            (BlockMode::Single | BlockMode::OneOf { .. }, [one]) => one.clone(),
            (BlockMode::List | BlockMode::Set, [one]) => one.clone(),
            (BlockMode::List | BlockMode::Set, many) => quote!([#(#many),*]),
            (BlockMode::Map, _) => {
                return Err(invalid(format!("map block `{path}` is not converted yet")))
            }
            _ => {
                return Err(invalid(format!(
                    "`{path}` takes one block, found {}",
                    items.len()
                )))
            }
        };
        Ok(Some((field, tokens)))
    }

    /// `let VAR = TerraformIterator::from_expression(...)` before the element, over `e`.
    pub fn iterator(&mut self, var: &str, e: &hcl::Expression, loc: &Loc) {
        self.named_iterator(var, e, loc, None);
    }

    /// [`iterator`](Self::iterator), its current entry called `name` (`.named(NAME)`) if given.
    fn named_iterator(&mut self, var: &str, e: &hcl::Expression, loc: &Loc, name: Option<&str>) {
        let out = self.value(e, Want::Typed(&DYNAMIC, None), loc);
        let v = out.tokens.clone();
        let v = if out.is_value() {
            quote!(#v.expression())
        } else {
            quote!(Value::<Dynamic>::from(#v).expression())
        };
        let it = ident(var);
        let named = name.map(|n| quote!(.named(#n)));
        self.uses("TerraformIterator");
        self.pre.push(quote!(
            let #it = TerraformIterator::<Dynamic>::from_expression(#v) #named;
        ));
    }

    /// A `dynamic "LABEL"` block of a list or set block: `iterator.dynamic(content)`, its content
    /// converted with references to its iterator typed.
    fn dynamic_block(
        &mut self,
        at: At<'_>,
        b: &Block,
        path: &str,
        overrides: &mut Vec<Override>,
    ) -> Result<TokenStream> {
        let invalid = |message: String| Error::Invalid {
            loc: b.loc.clone(),
            message,
        };
        let label = b
            .labels
            .first()
            .ok_or_else(|| invalid("`dynamic` needs a label".into()))?;
        let for_each = b
            .body
            .attr("for_each")
            .ok_or_else(|| invalid(format!("dynamic `{label}` has no for_each")))?;
        let content = b
            .body
            .blocks_of("content")
            .next()
            .ok_or_else(|| invalid(format!("dynamic `{label}` has no content")))?;
        let name = match b.body.attr("iterator").map(|a| &a.value) {
            Some(hcl::Expression::Variable(v)) => v.as_str().to_string(),
            Some(hcl::Expression::String(s)) => s.clone(),
            _ => label.clone(),
        };
        self.dynamic_count += 1;
        let var = format!(
            "{}_dyn{}",
            codegen::naming::snake(label),
            self.dynamic_count
        );
        // The iterator is `each`, as cdktf writes it, and the content is renamed to match. Content
        // that also refers to another `each` (the resource's own, or an outer dynamic block's,
        // already renamed), which `each` would hide, keeps the HCL's name: a named iterator.
        let (body, name) = if name != "each" && crate::rename::mentions(&content.body, "each") {
            let named = Some(name.as_str());
            self.named_iterator(&var, &for_each.value, &for_each.loc, named);
            (content.body.clone(), name)
        } else {
            self.iterator(&var, &for_each.value, &for_each.loc);
            let body = crate::rename::rename_body(&content.body, &name, "each");
            (body, "each".to_string())
        };
        self.dynamic.push((name, var.clone()));
        let inner = self.construct(at, &body, path, false, overrides);
        self.dynamic.pop();
        let inner = inner?;
        let it = ident(&var);
        Ok(quote!(#it.dynamic(#inner)))
    }
}

const DYNAMIC: codegen::ir::ValueType = codegen::ir::ValueType::Dynamic;

/// Whether a field is a list or set block.
fn is_list_block(f: &Field) -> bool {
    matches!(
        f.ty,
        FieldType::Block {
            mode: BlockMode::List | BlockMode::Set,
            ..
        }
    )
}

/// The block type a block sets: its kind, or a dynamic block's label.
fn block_label(b: &Block) -> &str {
    if b.kind == "dynamic" {
        b.labels.first().map_or("", String::as_str)
    } else {
        &b.kind
    }
}

/// `body` with the attributes that are blocks of `st` (`x = {...}` or `x = [{...}]`, as
/// Terraform JSON and some HCL write them) turned into blocks; `None` when there are none.
fn blocks_from_attrs(st: &Struct<'_>, body: &Body) -> Option<Body> {
    let is_block = |name: &str| {
        st.field(name)
            .is_some_and(|f| matches!(f.ty, FieldType::Block { .. }))
    };
    let objects = |e: &hcl::Expression| -> Option<Vec<Body>> {
        let one = |e: &hcl::Expression, loc: &Loc| match e {
            hcl::Expression::Object(obj) => {
                let mut b = Body::default();
                for (k, v) in obj {
                    b.attrs.push(crate::config::Attr {
                        name: tfjson::literal_key(k)?,
                        value: v.clone(),
                        loc: loc.clone(),
                    });
                }
                Some(b)
            }
            _ => None,
        };
        let loc = Loc {
            file: "".into(),
            line: 0,
            column: 0,
        };
        match e {
            hcl::Expression::Array(items) => items.iter().map(|i| one(i, &loc)).collect(),
            other => one(other, &loc).map(|b| vec![b]),
        }
    };
    if !body
        .attrs
        .iter()
        .any(|a| is_block(&a.name) && objects(&a.value).is_some())
    {
        return None;
    }
    let mut out = Body {
        attrs: Vec::new(),
        blocks: body.blocks.clone(),
    };
    for a in &body.attrs {
        match objects(&a.value).filter(|_| is_block(&a.name)) {
            Some(bodies) => {
                for mut b in bodies {
                    for inner in &mut b.attrs {
                        inner.loc = a.loc.clone();
                    }
                    out.blocks.push(Block {
                        kind: a.name.clone(),
                        labels: Vec::new(),
                        body: b,
                        loc: a.loc.clone(),
                    });
                }
            }
            None => out.attrs.push(a.clone()),
        }
    }
    Some(out)
}

/// Adds a block to the overrides as Terraform JSON reads blocks: a list of objects, labels
/// as nested keys.
pub fn push_block_override(overrides: &mut Vec<Override>, b: &Block) {
    let mut v = body_json(&b.body);
    for l in b.labels.iter().rev() {
        let mut m = Map::new();
        m.insert(l.clone(), v);
        v = Json::Object(m);
    }
    let key = if b.kind == "dynamic" {
        "dynamic".to_string()
    } else {
        b.kind.clone()
    };
    match overrides.iter_mut().find(|(k, _)| *k == key) {
        Some((_, Json::Array(list))) => list.push(v),
        Some((_, Json::Object(existing))) => {
            if let Json::Object(m) = v {
                for (label, block) in m {
                    add_dynamic(existing, label, block);
                }
            }
        }
        _ if b.kind == "dynamic" => overrides.push((key, v)),
        _ => overrides.push((key, Json::Array(vec![v]))),
    }
}

/// Adds a dynamic block under its label: several of one label (`dynamic "action"` for each
/// kind of action) are a list of them, as Terraform JSON writes repeated blocks; one stays an
/// object.
fn add_dynamic(dynamic: &mut Map<String, Json>, label: String, block: Json) {
    match dynamic.get_mut(&label) {
        Some(Json::Array(list)) => list.push(block),
        Some(one) => {
            let first = one.take();
            *one = Json::Array(vec![first, block]);
        }
        None => {
            dynamic.insert(label, block);
        }
    }
}

/// A block body in Terraform JSON form.
pub fn body_json(body: &Body) -> Json {
    let mut m = Map::new();
    for a in &body.attrs {
        m.insert(a.name.clone(), tfjson::expr_to_json(&a.value));
    }
    let mut blocks = Vec::new();
    for b in &body.blocks {
        push_block_override(&mut blocks, b);
    }
    for (k, v) in blocks {
        m.insert(k, v);
    }
    Json::Object(m)
}

/// Where a body starts, for messages about it.
pub fn body_loc(body: &Body, fallback: &Loc) -> Loc {
    body.attrs
        .first()
        .map(|a| a.loc.clone())
        .unwrap_or_else(|| fallback.clone())
}

#[cfg(test)]
mod tests {
    /// Two dynamic blocks of one type are both kept (the second used to replace the first).
    #[test]
    fn repeated_dynamic_blocks_are_a_list() {
        let text = "resource \"r\" \"x\" {\n  dynamic \"a\" {\n    for_each = [1]\n    content { n = a.value }\n  }\n  dynamic \"a\" {\n    for_each = [2]\n    content { m = a.value }\n  }\n  dynamic \"b\" {\n    for_each = [3]\n    content {}\n  }\n}\n";
        let mut config = crate::Config::default();
        crate::parse::parse_hcl("t.tf", text, &mut config).expect("parses");
        let json = super::body_json(&config.blocks[0].body);
        let a = &json["dynamic"]["a"];
        assert_eq!(a.as_array().map(Vec::len), Some(2), "{json}");
        assert_eq!(a[0]["for_each"], serde_json::json!([1]));
        assert_eq!(a[1]["for_each"], serde_json::json!([2]));
        assert_eq!(json["dynamic"]["b"]["for_each"], serde_json::json!([3]));
    }

    /// `text` converted against the one resource type `x_r` (provider `acme/x`) whose block is
    /// `block`.
    fn convert_x_r(block: serde_json::Value, text: &str) -> crate::Converted {
        let schema = serde_json::json!({"format_version": "1.0", "provider_schemas": {
            "registry.terraform.io/acme/x": {"resource_schemas": {"x_r": {"version": 0,
                "block": block}}}}});
        let mut schemas = crate::Schemas::new();
        schemas.add_document(&schema.to_string()).expect("reads");
        crate::Converter::new(&schemas)
            .convert_hcl("t.tf", text)
            .expect("converts")
    }

    /// Content that refers to the resource's own `each` is not given the iterator `each`
    /// (which would hide it): the iterator keeps the HCL's name.
    #[test]
    fn dynamic_content_with_the_resource_each_is_not_captured() {
        let text = "resource \"x_r\" \"t\" {\n  for_each = var.m\n  name = each.key\n  dynamic \"blk\" {\n    for_each = var.c\n    content { n = each.value && blk.value }\n  }\n}\n";
        let c = convert_x_r(
            serde_json::json!({
                "attributes": {"name": {"type": "string", "required": true}},
                "block_types": {"blk": {"nesting_mode": "list", "block": {
                    "attributes": {"n": {"type": "bool", "optional": true}}}}}}),
            text,
        );
        assert!(c.fallbacks.is_empty(), "{:?}", c.fallbacks);
        assert!(c.code.contains(".named(\"blk\")"), "{}", c.code);
        assert!(c.code.contains("blk_dyn1.value()"), "{}", c.code);
        assert!(!c.code.contains("add_override"), "{}", c.code);
    }

    /// `each.value.NAME` of the element's own iterator is a typed attribute of the entry.
    #[test]
    fn an_attribute_of_each_value_is_typed() {
        let text = "resource \"x_r\" \"t\" {\n  for_each = var.m\n  name = each.value.name\n}\n";
        let c = convert_x_r(
            serde_json::json!({"attributes": {"name": {"type": "string", "required": true}}}),
            text,
        );
        assert!(c.fallbacks.is_empty(), "{:?}", c.fallbacks);
        assert!(
            c.code.contains("value_attr::<String>(\"name\")"),
            "{}",
            c.code
        );
    }
}
