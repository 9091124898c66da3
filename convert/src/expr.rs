//! Expressions -> Rust values of the generated API: literals, typed getters of the elements they
//! refer to, typed containers; anything else a raw expression (`Expression::raw`) that
//! synthesizes the same Terraform, recorded as a [`Fallback`](crate::Fallback).

use codegen::ir::{FieldType, Item, ValueType};
use hcl::expr::{Expression, ObjectKey};
use hcl::template::{Element as TemplateElement, Template};
use proc_macro2::TokenStream;
use quote::quote;

use crate::config::Loc;
use crate::emit::{ident, Ctx};
use crate::schema::Struct;
use crate::symbols::{leading_attrs, reference_key, Kind};
use crate::tfjson;

/// What a value is converted to.
#[derive(Clone, Copy, Debug)]
pub enum Want<'a> {
    /// `impl Into<Value<T>>` of this type (with the item its object types belong to).
    Typed(&'a ValueType, Option<&'a Item>),
    /// Anything the runtime accepts as a value (`impl AnyValue`: outputs, locals).
    Any,
}

/// A converted value and whether it is a bare literal (which `vec![...]` can mix only with
/// literals of its own kind).
pub struct Out {
    /// The Rust expression.
    pub tokens: TokenStream,
    plain: Option<&'static str>,
}

impl Out {
    fn typed(tokens: TokenStream) -> Self {
        Out {
            tokens,
            plain: None,
        }
    }

    /// Whether it is a `Value<T>` already (a getter, a call).
    pub fn is_value(&self) -> bool {
        self.plain == Some("value")
    }

    /// A `Value<T>` of the wanted type already (getters, calls): no conversion needed in a list.
    pub(crate) fn value(tokens: TokenStream) -> Self {
        Out {
            tokens,
            plain: Some("value"),
        }
    }
}

/// The Rust type of a value type.
pub fn rust_type(vt: &ValueType, item: Option<&Item>) -> TokenStream {
    match vt {
        ValueType::String => quote!(String),
        ValueType::Number => quote!(f64),
        ValueType::Bool => quote!(bool),
        ValueType::Dynamic => quote!(Dynamic),
        ValueType::List(t) | ValueType::Set(t) => {
            let t = rust_type(t, item);
            quote!(Vec<#t>)
        }
        ValueType::Map(t) => {
            let t = rust_type(t, item);
            quote!(std::collections::BTreeMap<String, #t>)
        }
        ValueType::Object(id) => match item.and_then(|i| i.types.get(*id)) {
            Some(ty) => {
                let name = ident(&ty.rust_name);
                quote!(#name)
            }
            None => quote!(Dynamic),
        },
    }
}

impl Ctx<'_, '_> {
    /// Converts `e` to a value of `want`; `loc` is where the attribute is, for fallbacks.
    pub fn value(&mut self, e: &Expression, want: Want<'_>, loc: &Loc) -> Out {
        match (e, want) {
            (Expression::Parenthesis(inner), _) => self.value(inner, want, loc),
            (Expression::Null, Want::Any) => {
                self.needs_serde_json = true;
                Out::typed(quote!(serde_json::Value::Null))
            }
            (Expression::Null, Want::Typed(vt, item)) => {
                let t = rust_type(vt, item);
                Out::typed(quote!(Value::<#t>::null()))
            }
            (
                Expression::Bool(b),
                Want::Any | Want::Typed(ValueType::Bool | ValueType::Dynamic, _),
            ) => Out {
                tokens: quote!(#b),
                plain: Some("bool"),
            },
            (
                Expression::Number(n),
                Want::Any | Want::Typed(ValueType::Number | ValueType::Dynamic, _),
            ) => {
                let tokens = number_tokens(n, matches!(want, Want::Typed(ValueType::Number, _)));
                Out {
                    tokens,
                    plain: Some("number"),
                }
            }
            (
                Expression::String(s),
                Want::Any | Want::Typed(ValueType::String | ValueType::Dynamic, _),
            ) => {
                if s.contains("${") || s.contains("%{") {
                    // Text Terraform must read verbatim (HCL wrote `$${`): a literal value.
                    return Out::value(match want {
                        Want::Typed(ValueType::Dynamic, _) => {
                            quote!(Value::literal(#s).into_dynamic())
                        }
                        _ => quote!(Value::literal(#s)),
                    });
                }
                Out {
                    tokens: quote!(#s),
                    plain: Some("str"),
                }
            }
            (
                Expression::Array(items),
                Want::Typed(ValueType::List(t) | ValueType::Set(t), item),
            ) => {
                let outs: Vec<Out> = items
                    .iter()
                    .map(|i| self.value(i, Want::Typed(t, item), loc))
                    .collect();
                let elems = unify(outs, &rust_type(t, item));
                if items.is_empty() {
                    let ty = rust_type(t, item);
                    return Out::typed(quote!(Vec::<Value<#ty>>::new()));
                }
                Out::typed(quote!([#(#elems),*]))
            }
            (Expression::Object(obj), Want::Typed(ValueType::Map(t), item)) if !obj.is_empty() => {
                let mut keys = Vec::new();
                let mut outs = Vec::new();
                for (k, v) in obj {
                    let Some(k) = tfjson::literal_key(k) else {
                        return self.raw(e, loc, "computed map key");
                    };
                    keys.push(k);
                    outs.push(self.value(v, Want::Typed(t, item), loc));
                }
                let vals = unify(outs, &rust_type(t, item));
                Out::typed(quote!([#((#keys, #vals)),*]))
            }
            (
                Expression::Array(_) | Expression::Object(_),
                Want::Any | Want::Typed(ValueType::Dynamic, _),
            ) if is_literal(e) => {
                let json = crate::emit::json_tokens(&tfjson::expr_to_json(e));
                self.needs_serde_json = true;
                Out::typed(quote!(serde_json::json!(#json)))
            }
            (Expression::Object(obj), Want::Any | Want::Typed(ValueType::Dynamic, _))
                if !obj.is_empty() =>
            {
                // Values of different kinds: an object of any values.
                let mark = self.fallbacks.len();
                let mut entries = Vec::new();
                for (k, v) in obj {
                    let Some(k) = tfjson::literal_key(k) else {
                        self.fallbacks.truncate(mark);
                        return self.raw(e, loc, "computed object key");
                    };
                    let t = self.value(v, Want::Any, loc).tokens;
                    entries.push(quote!((#k, Value::any(#t))));
                }
                if self.fallbacks.len() > mark + 1 {
                    self.fallbacks.truncate(mark);
                    return self.raw(e, loc, "object");
                }
                let map = quote!(std::collections::BTreeMap::from([#(#entries),*]));
                match want {
                    Want::Any => Out::typed(map),
                    Want::Typed(..) => Out::value(quote!(Value::any(#map))),
                }
            }
            (Expression::Array(items), Want::Any | Want::Typed(ValueType::Dynamic, _))
                if !items.is_empty() =>
            {
                // Elements of different kinds: each any value, in a list of values.
                let mark = self.fallbacks.len();
                let elems: Vec<TokenStream> = items
                    .iter()
                    .map(|i| {
                        let t = self.value(i, Want::Any, loc).tokens;
                        quote!(Value::any(#t))
                    })
                    .collect();
                if self.fallbacks.len() > mark + 1 {
                    self.fallbacks.truncate(mark);
                    return self.raw(e, loc, "list");
                }
                let list = quote!([#(#elems),*]);
                match want {
                    Want::Any => Out::typed(list),
                    Want::Typed(..) => Out::value(quote!(Value::any(#list))),
                }
            }
            (Expression::FuncCall(c), _) if !c.expand_final => self.typed_call(e, c, want, loc),
            (Expression::Operation(op), _) => self.operation(e, op, want, loc),
            (Expression::ForExpr(f), _) => self.for_expr(e, f, want, loc),
            (Expression::Conditional(c), _) => {
                let (vt, item) = match want {
                    Want::Typed(vt, item) => (vt, item),
                    Want::Any => (&DYNAMIC, None),
                };
                let branch = Want::Typed(vt, item);
                let mark = self.fallbacks.len();
                let cond = self.value(&c.cond_expr, Want::Typed(&BOOL, None), loc);
                let yes = self.value(&c.true_expr, branch, loc);
                let no = self.value(&c.false_expr, branch, loc);
                if self.fallbacks.len() > mark + 1 {
                    self.fallbacks.truncate(mark);
                    return self.raw(e, loc, "conditional");
                }
                let (t, c, y, n) = (rust_type(vt, item), cond.tokens, yes.tokens, no.tokens);
                self.uses("functions");
                Out::value(quote!(functions::conditional::<#t>(#c, #y, #n)))
            }
            (Expression::TemplateExpr(_), _) => self.template(e, want, loc),
            (Expression::Traversal(_) | Expression::Variable(_), _) => self.reference(e, want, loc),
            _ => self.raw(e, loc, kind_of(e)),
        }
    }

    /// A raw expression with the same Terraform text, recorded as a fallback.
    pub fn raw(&mut self, e: &Expression, loc: &Loc, reason: &str) -> Out {
        let text = tfjson::expr_text(e);
        self.fallback(loc, &text, reason);
        self.uses("Expression");
        Out::typed(quote!(Expression::raw(#text)))
    }

    /// A template: one interpolation is its expression; literals and references of a string
    /// become `format!`; anything else is raw.
    fn template(&mut self, e: &Expression, want: Want<'_>, loc: &Loc) -> Out {
        let Expression::TemplateExpr(t) = e else {
            return self.raw(e, loc, "template");
        };
        let Ok(template) = Template::from_expr(t) else {
            return self.raw(e, loc, "template");
        };
        if let [TemplateElement::Interpolation(i)] = template.elements() {
            return self.value(&i.expr, want, loc);
        }
        // A template is a string; where another type is wanted, it is stated to be that type.
        let string_ok = true;
        // The text between interpolations (escaped for `format!`), one more than the arguments.
        let mut segments = vec![String::new()];
        let mut args = Vec::new();
        for el in template.elements() {
            match el {
                TemplateElement::Literal(s)
                    if string_ok && !s.contains('$') && !s.contains("%{") =>
                {
                    if let Some(last) = segments.last_mut() {
                        last.push_str(&s.replace('{', "{{").replace('}', "}}"));
                    }
                }
                TemplateElement::Interpolation(i) if string_ok => {
                    // Any type formats into the string as its interpolation (no `tostring`).
                    let tokens = match self.typed_reference(&i.expr, Want::Any, loc) {
                        Some(tokens) => tokens,
                        None => {
                            // Calls, operators, ...: a `Value` of their own type.
                            let mark = self.fallbacks.len();
                            let out = self.value(&i.expr, Want::Any, loc);
                            if !out.is_value() || self.fallbacks.len() > mark {
                                self.fallbacks.truncate(mark);
                                return self.raw(e, loc, "template with expressions");
                            }
                            out.tokens
                        }
                    };
                    segments.push(String::new());
                    args.push(tokens);
                }
                _ => return self.raw(e, loc, "template"),
            }
        }
        // prettyplease lays out macro arguments as plain tokens: anything but a getter call is
        // bound first and captured by name (`{part_1}`), so that the `format!` reads well.
        let mut lets = Vec::new();
        let mut positional = Vec::new();
        let mut pieces = segments.into_iter();
        let mut text = pieces.next().unwrap_or_default();
        for (a, rest) in args.into_iter().zip(pieces) {
            let t = a.to_string();
            let getter = t.split(" . ").count() == 2
                && t.ends_with("()")
                && !t.contains("::")
                && t.matches('(').count() == 1;
            if getter {
                text.push_str("{}");
                positional.push(a);
            } else {
                let n = self.fresh_ident("part");
                text.push_str(&format!("{{{n}}}"));
                lets.push(quote!(let #n = #a;));
            }
            text.push_str(&rest);
        }
        let call = if positional.is_empty() {
            quote!(format!(#text))
        } else {
            quote!(format!(#text, #(#positional),*))
        };
        let call = if lets.is_empty() {
            call
        } else {
            quote!({ #(#lets)* #call })
        };
        match want {
            Want::Any | Want::Typed(ValueType::String, _) => Out::typed(call),
            _ => Out::value(crate::lang::assert_type(
                quote!(Value::<String>::from(#call)),
                &ValueType::String,
                want,
            )),
        }
    }

    fn reference(&mut self, e: &Expression, want: Want<'_>, loc: &Loc) -> Out {
        match self.typed_reference(e, want, loc) {
            Some(tokens) => Out::value(tokens),
            None => {
                let reason = match reference_key(e).and_then(|k| self.symbols.get(&k)) {
                    Some(_) => "reference the typed API does not cover",
                    None => "reference to something not declared in this configuration",
                };
                self.raw(e, loc, reason)
            }
        }
    }

    /// A typed getter call for a reference to a declared element, converted to `want`; else,
    /// for a part of an element the getters do not reach (`x.y.list[0]["k"]`, an element of a
    /// provider without a schema), its address traversed as a dynamic value.
    pub fn typed_reference(
        &mut self,
        e: &Expression,
        want: Want<'_>,
        loc: &Loc,
    ) -> Option<TokenStream> {
        let mark = self.fallbacks.len();
        if let Some(t) = self.getter_reference(e, want, loc) {
            return Some(t);
        }
        self.fallbacks.truncate(mark);
        self.element_path(e, want, loc)
    }

    fn getter_reference(
        &mut self,
        e: &Expression,
        want: Want<'_>,
        loc: &Loc,
    ) -> Option<TokenStream> {
        let (root, ops) = match e {
            Expression::Traversal(t) => match &t.expr {
                Expression::Variable(v) => (v.as_str(), t.operators.as_slice()),
                _ => return None,
            },
            Expression::Variable(v) => (v.as_str(), &[][..]),
            _ => return None,
        };
        if self.loops.iter().any(|(h, _)| h == root) {
            return self.loop_reference(root, ops, want, loc);
        }
        if matches!(root, "var" | "local") && ops.len() > 1 {
            return self.value_path(e, ops, want, loc);
        }
        let attrs = leading_attrs(ops);
        if attrs.len() != ops.len() {
            return self.instance_reference(e, root, ops, want, loc);
        }
        let want_ty = match want {
            Want::Typed(vt, item) => rust_type(vt, item),
            Want::Any => quote!(Dynamic),
        };
        // The innermost dynamic block whose entry has this name (`each`, or a named iterator's).
        let dynamic = self.dynamic.iter().rev().find(|(name, _)| name == root);
        if let Some(it) = dynamic.map(|(_, var)| ident(var)) {
            return match attrs.as_slice() {
                ["key"] => self.convert(quote!(#it.key()), &ValueType::String, want),
                ["value"] => self.convert(quote!(#it.value()), &ValueType::Dynamic, want),
                ["value", attr] => Some(quote!(#it.value_attr::<#want_ty>(#attr))),
                _ => None,
            };
        }
        if root == "each" && matches!(attrs.as_slice(), ["key"] | ["value"] | ["value", _]) {
            let it = ident(self.each.as_deref()?);
            if attrs == ["key"] {
                return self.convert(quote!(#it.key()), &ValueType::String, want);
            }
            if let ["value", attr] = attrs.as_slice() {
                return Some(quote!(#it.value_attr::<#want_ty>(#attr)));
            }
            // `each.value` has the collection's element type, which the iterator does not know:
            // the type the argument wants is asserted, as the HCL does.
            return Some(match want {
                Want::Typed(vt, item) if *vt != ValueType::Dynamic => {
                    let t = rust_type(vt, item);
                    quote!(Value::<#t>::from_expression(#it.value().expression()))
                }
                _ => quote!(#it.value()),
            });
        }
        if let ("self", [attr]) = (root, attrs.as_slice()) {
            // Inside a provisioner or connection: the resource's own attribute.
            self.uses("TerraformSelf");
            return Some(quote!(TerraformSelf::get::<#want_ty>(#attr)));
        }
        if root == "count" && attrs == ["index"] {
            self.uses("count_index");
            return self.convert(quote!(count_index()), &ValueType::Number, want);
        }
        let el = self.declared_element(e)?;
        self.mark_used(&el.var);
        let var = ident(&el.var);
        match (&el.kind, root, attrs.as_slice()) {
            (Kind::Variable | Kind::Local, _, [_]) => Some(quote!(#var.value::<#want_ty>())),
            (Kind::Module, _, [_, out]) => Some(quote!(#var.get::<#want_ty>(#out))),
            // A whole element used as a value (`slug = data.tfe_slug.test`): its address, the
            // type the argument wants asserted, as the HCL does.
            (Kind::Resource | Kind::Data, _, rest)
                if matches!((root, rest), ("data" | "resource", [_, _]) | (_, [_]))
                    && self
                        .schemas
                        .find(&el.tf_type, el.kind == Kind::Data)
                        .is_some() =>
            {
                Some(match want {
                    Want::Typed(..) => quote!(Value::<#want_ty>::from_expression(#var.fqn())),
                    Want::Any => quote!(#var.fqn()),
                })
            }
            (Kind::Resource | Kind::Data, _, rest) if !el.repeated => {
                let attr = match (root, rest) {
                    ("data" | "resource", [_, _, a]) => *a,
                    (_, [_, a]) if root != "data" && root != "resource" => *a,
                    _ => return None,
                };
                let found = self.schemas.find(&el.tf_type, el.kind == Kind::Data)?;
                let field = Struct::config(found.item).field(attr)?;
                let FieldType::Attr(vt) = &field.ty else {
                    return None;
                };
                if vt.has_object() {
                    return None;
                }
                let getter = ident(&field.rust_name);
                self.convert(quote!(#var.#getter()), vt, want)
            }
            _ => None,
        }
    }

    /// A reference to one instance of an element that uses `count` or `for_each`
    /// (`aws_lb.this[0].arn`, `x.y["k"].id`): the element's address indexed, typed by the
    /// attribute's schema type.
    fn instance_reference(
        &mut self,
        e: &Expression,
        root: &str,
        ops: &[hcl::expr::TraversalOperator],
        want: Want<'_>,
        loc: &Loc,
    ) -> Option<TokenStream> {
        use hcl::expr::TraversalOperator as Op;
        let rest = match (root, ops) {
            ("data" | "resource", [Op::GetAttr(_), rest @ ..]) => rest,
            ("var" | "local" | "module" | "each" | "count" | "path" | "self" | "terraform", _) => {
                return None
            }
            (_, rest) => rest,
        };
        let [Op::GetAttr(_), Op::Index(index), Op::GetAttr(attr)] = rest else {
            return None;
        };
        let index = match index {
            Expression::Number(n) => {
                let i = proc_macro2::Literal::usize_unsuffixed(usize::try_from(n.as_u64()?).ok()?);
                quote!(.index(#i))
            }
            Expression::String(k) => quote!(.key(#k)),
            // A key computed in the configuration (`x.y[each.key]`, a loop variable): indexed
            // as a dynamic value.
            _ => return self.computed_instance(e, index, attr.as_str(), want, loc),
        };
        let el = self.declared_element(e)?;
        if !el.repeated || !matches!(el.kind, Kind::Resource | Kind::Data) {
            return None;
        }
        let found = self.schemas.find(&el.tf_type, el.kind == Kind::Data)?;
        let field = Struct::config(found.item).field(attr.as_str())?;
        let FieldType::Attr(vt) = &field.ty else {
            return None;
        };
        if vt.has_object() {
            return None;
        }
        self.mark_used(&el.var);
        let var = ident(&el.var);
        let t = rust_type(vt, None);
        let name = attr.as_str();
        let tokens = quote!(Value::<#t>::from_expression(#var.fqn()#index.attr(#name)));
        self.convert(tokens, vt, want)
    }

    /// A typed value of type `have` as `want`: stated to be of that type, with nothing
    /// converted in Terraform (no `tostring()`), as the HCL converts nothing either.
    fn convert(
        &mut self,
        tokens: TokenStream,
        have: &ValueType,
        want: Want<'_>,
    ) -> Option<TokenStream> {
        Some(crate::lang::assert_type(tokens, have, want))
    }
}

const BOOL: ValueType = ValueType::Bool;
const DYNAMIC: ValueType = ValueType::Dynamic;

/// Elements of a `vec![...]` or map: bare when all are literals of one kind, else each as
/// `Value::<T>::from(...)` so that they have one type.
pub(crate) fn unify(outs: Vec<Out>, ty: &TokenStream) -> Vec<TokenStream> {
    let first = outs.first().and_then(|o| o.plain);
    if first.is_some() && outs.iter().all(|o| o.plain == first) {
        return outs.into_iter().map(|o| o.tokens).collect();
    }
    // Mixed: what is a `Value<T>` already stays as it is, the rest is converted.
    outs.into_iter()
        .map(|o| {
            let t = o.tokens;
            if o.plain == Some("value") {
                t
            } else {
                quote!(Value::<#ty>::from(#t))
            }
        })
        .collect()
}

fn number_tokens(n: &hcl::Number, typed_number: bool) -> TokenStream {
    if let Some(i) = n.as_i64() {
        let lit = proc_macro2::Literal::i64_unsuffixed(i);
        if typed_number {
            return quote!(#lit);
        }
        let lit = proc_macro2::Literal::i64_suffixed(i);
        return quote!(#lit);
    }
    let f = n.as_f64().unwrap_or(0.0);
    let lit = proc_macro2::Literal::f64_suffixed(f);
    quote!(#lit)
}

/// Whether an expression is made of literals only.
pub fn is_literal(e: &Expression) -> bool {
    match e {
        Expression::Null | Expression::Bool(_) | Expression::Number(_) | Expression::String(_) => {
            true
        }
        Expression::Array(items) => items.iter().all(is_literal),
        Expression::Object(obj) => obj.iter().all(|(k, v)| {
            matches!(
                k,
                ObjectKey::Identifier(_) | ObjectKey::Expression(Expression::String(_))
            ) && is_literal(v)
        }),
        _ => false,
    }
}

fn kind_of(e: &Expression) -> &'static str {
    match e {
        Expression::FuncCall(_) => "function call",
        Expression::Operation(_) => "operator",
        Expression::Conditional(_) => "conditional",
        Expression::ForExpr(_) => "for expression",
        Expression::Array(_) | Expression::Object(_) => "collection of another type",
        _ => "value of another type",
    }
}
