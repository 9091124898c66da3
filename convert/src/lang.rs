//! The Terraform language beyond references and calls ([`calls`](crate::calls)), through the
//! runtime's typed API: operators (`std::ops` and the comparison and logic methods), `for`
//! expressions (`cdktf::expressions::for_expression`), and traversals of dynamic values
//! (`.attr`, `.at`, `.key`, `.splat`).

use codegen::ir::ValueType;
use hcl::expr::{BinaryOperator, Expression, ForExpr, Operation, UnaryOperator};
use proc_macro2::TokenStream;
use quote::quote;

use crate::config::Loc;
use crate::emit::{ident, Ctx};
use crate::expr::{rust_type, Out, Want};
use crate::schema::same_rust_type;

/// `tokens`, a `Value` of type `have`, stated to be of the type `want` asks for: nothing is
/// converted in Terraform (no `tostring()`), as the HCL converts nothing either.
pub(crate) fn assert_type(tokens: TokenStream, have: &ValueType, want: Want<'_>) -> TokenStream {
    let Want::Typed(vt, item) = want else {
        return tokens;
    };
    if same_rust_type(have, vt) {
        return tokens;
    }
    let t = rust_type(vt, item);
    let dynamic = match (have, vt) {
        (_, ValueType::Dynamic) => return quote!(#tokens.into_dynamic()),
        (ValueType::Dynamic, _) => tokens,
        _ => quote!(#tokens.into_dynamic()),
    };
    match vt {
        ValueType::String => quote!(#dynamic.as_string()),
        ValueType::Number => quote!(#dynamic.as_number()),
        ValueType::Bool => quote!(#dynamic.as_bool()),
        _ => quote!(#dynamic.cast::<#t>()),
    }
}

/// The type of a literal, where an operand's type is to be inferred from the other one.
fn literal_type(e: &Expression) -> Option<ValueType> {
    match e {
        Expression::String(_) | Expression::TemplateExpr(_) => Some(ValueType::String),
        Expression::Number(_) => Some(ValueType::Number),
        Expression::Bool(_) => Some(ValueType::Bool),
        Expression::Parenthesis(inner) => literal_type(inner),
        _ => None,
    }
}

const NUMBER: ValueType = ValueType::Number;
const BOOL: ValueType = ValueType::Bool;
const DYNAMIC: ValueType = ValueType::Dynamic;

impl Ctx<'_, '_> {
    /// Converts the operands with `convert` and makes the expression raw instead when more than
    /// one of them is (one raw operand inside a typed expression is still reported once).
    pub(crate) fn parts<R>(
        &mut self,
        e: &Expression,
        loc: &Loc,
        reason: &str,
        convert: impl FnOnce(&mut Self) -> R,
    ) -> Result<R, Out> {
        let mark = self.fallbacks.len();
        let r = convert(self);
        if self.fallbacks.len() > mark + 1 {
            self.fallbacks.truncate(mark);
            return Err(self.raw(e, loc, reason));
        }
        Ok(r)
    }

    /// An operand as a `Value<T>` (a bare literal is wrapped so that the operator is
    /// Terraform's, not Rust's).
    fn operand(&mut self, e: &Expression, vt: &ValueType, loc: &Loc) -> TokenStream {
        let out = self.value(e, Want::Typed(vt, None), loc);
        let t = rust_type(vt, None);
        let is_value = out.is_value();
        let tokens = out.tokens;
        if is_value {
            tokens
        } else {
            quote!(Value::<#t>::from(#tokens))
        }
    }

    /// An operation: arithmetic through `std::ops`, comparison and logic through methods.
    pub(crate) fn operation(
        &mut self,
        e: &Expression,
        op: &Operation,
        want: Want<'_>,
        loc: &Loc,
    ) -> Out {
        let parts = self.parts(e, loc, "operator", |cx| match op {
            Operation::Unary(u) => match u.operator {
                UnaryOperator::Neg => {
                    let x = cx.operand(&u.expr, &NUMBER, loc);
                    (quote!((-#x)), NUMBER)
                }
                UnaryOperator::Not => {
                    let x = cx.operand(&u.expr, &BOOL, loc);
                    (quote!((!#x)), BOOL)
                }
            },
            Operation::Binary(b) => {
                use BinaryOperator as B;
                let (l, r) = (&b.lhs_expr, &b.rhs_expr);
                match b.operator {
                    B::Plus | B::Minus | B::Mul | B::Div | B::Mod => {
                        let lt = cx.operand(l, &NUMBER, loc);
                        let rt = cx.value(r, Want::Typed(&NUMBER, None), loc).tokens;
                        let tokens = match b.operator {
                            B::Plus => quote!((#lt + #rt)),
                            B::Minus => quote!((#lt - #rt)),
                            B::Mul => quote!((#lt * #rt)),
                            B::Div => quote!((#lt / #rt)),
                            _ => quote!((#lt % #rt)),
                        };
                        (tokens, NUMBER)
                    }
                    B::Less | B::LessEq | B::Greater | B::GreaterEq => {
                        let lt = cx.operand(l, &NUMBER, loc);
                        let rt = cx.value(r, Want::Typed(&NUMBER, None), loc).tokens;
                        let m = ident(match b.operator {
                            B::Less => "lt",
                            B::LessEq => "le",
                            B::Greater => "gt",
                            _ => "ge",
                        });
                        (quote!(#lt.#m(#rt)), BOOL)
                    }
                    B::Eq | B::NotEq => {
                        // Compared as the type a literal side has, else as any values.
                        let vt = literal_type(r)
                            .or_else(|| literal_type(l))
                            .unwrap_or(DYNAMIC);
                        let lt = cx.operand(l, &vt, loc);
                        let rt = cx.value(r, Want::Typed(&vt, None), loc).tokens;
                        let m = ident(if b.operator == B::Eq { "eq" } else { "ne" });
                        (quote!(#lt.#m(#rt)), BOOL)
                    }
                    B::And | B::Or => {
                        let lt = cx.operand(l, &BOOL, loc);
                        let rt = cx.value(r, Want::Typed(&BOOL, None), loc).tokens;
                        let m = ident(if b.operator == B::And { "and" } else { "or" });
                        (quote!(#lt.#m(#rt)), BOOL)
                    }
                }
            }
        });
        match parts {
            Ok((tokens, have)) => Out::value(assert_type(tokens, &have, want)),
            Err(raw) => raw,
        }
    }

    /// A `for` expression through `expressions::for_expression`: the loop variables are closure
    /// parameters of type `Value<Dynamic>`, the body is typed as the result's elements.
    pub(crate) fn for_expr(
        &mut self,
        e: &Expression,
        f: &ForExpr,
        want: Want<'_>,
        loc: &Loc,
    ) -> Out {
        if f.grouping {
            return self.raw(e, loc, "for expression in grouping mode");
        }
        // The element type of the result, when the argument says it.
        let elem = match (want, &f.key_expr) {
            (Want::Typed(ValueType::List(t) | ValueType::Set(t), item), None) => {
                Some((t.as_ref(), item))
            }
            (Want::Typed(ValueType::Map(t), item), Some(_)) => Some((t.as_ref(), item)),
            _ => None,
        };
        let (elem_vt, item) = elem.unwrap_or((&DYNAMIC, None));
        let elem_t = rust_type(elem_vt, item);
        // The result: the wanted collection type when it fixed the elements, else dynamic.
        let have = match (elem, want) {
            (Some(_), Want::Typed(vt, _)) => vt.clone(),
            _ => DYNAMIC,
        };
        let result = match (elem, want) {
            (Some(_), Want::Typed(vt, item)) => rust_type(vt, item),
            _ => quote!(Dynamic),
        };
        let key_name = f.key_var.as_ref().map(|k| k.as_str().to_string());
        let value_name = f.value_var.as_str().to_string();
        // A key the body does not read is `_key`, as Rust spells an unused parameter.
        let key_read = key_name.as_deref().is_some_and(|k| {
            let mut read = false;
            for x in [
                Some(&f.value_expr),
                f.key_expr.as_ref(),
                f.cond_expr.as_ref(),
            ]
            .into_iter()
            .flatten()
            {
                crate::symbols::walk(x, &mut |y| {
                    let root = match y {
                        Expression::Variable(v) => Some(v.as_str()),
                        Expression::Traversal(t) => match &t.expr {
                            Expression::Variable(v) => Some(v.as_str()),
                            _ => None,
                        },
                        _ => None,
                    };
                    read |= root == Some(k);
                });
            }
            read
        });
        let key_ident = match key_name.as_deref() {
            Some(k) if key_read => self.loop_ident(k),
            _ => ident("_key"),
        };
        let value_ident = self.loop_ident(&value_name);
        let depth = self.loops.len();
        if let Some(k) = &key_name {
            self.loops.push((k.clone(), key_ident.to_string()));
        }
        self.loops.push((value_name, value_ident.to_string()));
        let mark = self.fallbacks.len();
        let mut body_mark = mark;
        let parts = self.parts(e, loc, "for expression", |cx| {
            let input = cx.value(&f.collection_expr, Want::Any, loc).tokens;
            body_mark = cx.fallbacks.len();
            let value = cx
                .value(&f.value_expr, Want::Typed(elem_vt, item), loc)
                .tokens;
            let body = match &f.key_expr {
                Some(k) => {
                    let k = cx
                        .value(k, Want::Typed(&ValueType::String, None), loc)
                        .tokens;
                    quote!(expressions::ForBody::map::<#elem_t>(#k, #value))
                }
                None => quote!(expressions::ForBody::list::<#elem_t>(#value)),
            };
            let body = match &f.cond_expr {
                Some(c) => {
                    let c = cx.value(c, Want::Typed(&BOOL, None), loc).tokens;
                    quote!(#body.when(#c))
                }
                None => body,
            };
            (input, body)
        });
        self.loops.truncate(depth);
        let (input, body) = match parts {
            // A raw part of the body would name the loop variables as the HCL does, but the
            // closure's variables are written with the runtime's names: the whole expression
            // goes raw.
            Ok(_) if self.fallbacks.len() > body_mark => {
                self.fallbacks.truncate(mark);
                return self.raw(e, loc, "for expression with a part that stays raw");
            }
            Ok(p) => p,
            Err(raw) => return raw,
        };
        self.uses("expressions");
        let tokens = quote!(expressions::for_expression::<Dynamic, Dynamic, #result>(
            #input,
            |#key_ident, #value_ident| #body,
        ));
        Out::value(assert_type(tokens, &have, want))
    }

    /// A new local variable `base_1`, `base_2`, ... that no element or loop variable has.
    pub(crate) fn fresh_ident(&mut self, base: &str) -> proc_macro2::Ident {
        self.fresh_count += 1;
        self.fresh_named(&format!("{base}_{}", self.fresh_count))
    }

    /// A new local variable named `name` (or `name_1`, ...) that no element or loop variable
    /// has.
    pub(crate) fn fresh_named(&mut self, name: &str) -> proc_macro2::Ident {
        let n = self.loop_ident(name);
        self.loops.push((String::new(), n.to_string()));
        n
    }

    /// The Rust name of a loop variable: its own, unless an element's variable has it.
    fn loop_ident(&self, name: &str) -> proc_macro2::Ident {
        let base = codegen::naming::snake(name);
        let taken = |n: &str| {
            self.symbols.elements.iter().any(|el| el.var == n)
                || self.loops.iter().any(|(_, r)| r == n)
                || matches!(n, "scope" | "functions" | "expressions" | "self" | "Self")
        };
        let mut n = base.clone();
        let mut k = 1;
        while taken(&n) || syn::parse_str::<syn::Ident>(&n).is_err() {
            n = format!("{base}_{k}");
            k += 1;
        }
        ident(&n)
    }

    /// A reference to a loop variable (`user`, `user.name`, `user["k"]`), as `want`.
    pub(crate) fn loop_reference(
        &mut self,
        root: &str,
        ops: &[hcl::expr::TraversalOperator],
        want: Want<'_>,
        loc: &Loc,
    ) -> Option<TokenStream> {
        let (_, rust) = self.loops.iter().rev().find(|(h, _)| h == root)?.clone();
        let var = ident(&rust);
        // The methods that follow take `&self`; a bare use moves, so it is cloned.
        let converted = matches!(want, Want::Typed(vt, _) if *vt != DYNAMIC);
        let base = if ops.is_empty() && !converted {
            quote!(#var.clone())
        } else {
            quote!(#var)
        };
        let tokens = self.dynamic_path(base, ops, loc);
        Some(assert_type(tokens, &DYNAMIC, want))
    }
}

impl Ctx<'_, '_> {
    /// An instance of a repeated element under a computed key (`x.y[each.key].id`,
    /// `x.y[member].id`): the element's address indexed as a dynamic value, stated to be of the
    /// type `want` asks for.
    pub(crate) fn computed_instance(
        &mut self,
        e: &Expression,
        index: &Expression,
        attr: &str,
        want: Want<'_>,
        loc: &Loc,
    ) -> Option<TokenStream> {
        use crate::symbols::Kind;
        let el = self.declared_element(e)?;
        if !el.repeated || !matches!(el.kind, Kind::Resource | Kind::Data) {
            return None;
        }
        let found = self.schemas.find(&el.tf_type, el.kind == Kind::Data)?;
        crate::schema::Struct::config(found.item).field(attr)?;
        let mark = self.fallbacks.len();
        let var = ident(&el.var);
        let base = quote!(Value::<Dynamic>::from_expression(#var.fqn()));
        let tokens = self.dynamic_path(
            base,
            &[
                hcl::expr::TraversalOperator::Index(index.clone()),
                hcl::expr::TraversalOperator::GetAttr(hcl::Identifier::sanitized(attr)),
            ],
            loc,
        );
        if self.fallbacks.len() > mark {
            self.fallbacks.truncate(mark);
            return None;
        }
        self.mark_used(&el.var);
        Some(assert_type(tokens, &DYNAMIC, want))
    }
}

impl Ctx<'_, '_> {
    /// `base` (a `Value<Dynamic>`) followed by the traversal `ops`: `.attr("a")`, `.at(0)`,
    /// `.key(k)`, `.splat()`.
    pub(crate) fn dynamic_path(
        &mut self,
        base: TokenStream,
        ops: &[hcl::expr::TraversalOperator],
        loc: &Loc,
    ) -> TokenStream {
        use hcl::expr::TraversalOperator as Op;
        let mut tokens = base;
        for op in ops {
            tokens = match op {
                Op::GetAttr(a) => {
                    let a = a.as_str();
                    quote!(#tokens.attr(#a))
                }
                Op::Index(i @ Expression::Number(_)) => {
                    let i = self.value(i, Want::Typed(&NUMBER, None), loc).tokens;
                    quote!(#tokens.at(#i))
                }
                Op::Index(Expression::String(k)) => quote!(#tokens.key(#k)),
                Op::Index(i) if is_count_index(i) => {
                    self.uses("count_index");
                    quote!(#tokens.at(count_index()))
                }
                Op::Index(i) => {
                    let k = self
                        .value(i, Want::Typed(&ValueType::String, None), loc)
                        .tokens;
                    quote!(#tokens.key(#k))
                }
                Op::LegacyIndex(n) => {
                    let n = proc_macro2::Literal::u64_unsuffixed(*n);
                    quote!(#tokens.at(#n))
                }
                Op::AttrSplat | Op::FullSplat => quote!(#tokens.splat()),
            };
        }
        tokens
    }

    /// `var.x[0]`, `local.m["k"].a`: a variable or local read as a dynamic value, then
    /// traversed.
    pub(crate) fn value_path(
        &mut self,
        e: &Expression,
        ops: &[hcl::expr::TraversalOperator],
        want: Want<'_>,
        loc: &Loc,
    ) -> Option<TokenStream> {
        use crate::symbols::Kind;
        let el = self.declared_element(e)?;
        if !matches!(el.kind, Kind::Variable | Kind::Local) {
            return None;
        }
        self.mark_used(&el.var);
        let var = ident(&el.var);
        let tokens = self.dynamic_path(quote!(#var.value::<Dynamic>()), ops.get(1..)?, loc);
        Some(assert_type(tokens, &DYNAMIC, want))
    }
}

impl Ctx<'_, '_> {
    /// A reference into a declared resource or data source as a dynamic value: its address
    /// (`fqn()`) followed by the traversal, stated to be of the type `want` asks for.
    pub(crate) fn element_path(
        &mut self,
        e: &Expression,
        want: Want<'_>,
        loc: &Loc,
    ) -> Option<TokenStream> {
        use crate::symbols::Kind;
        let Expression::Traversal(t) = e else {
            return None;
        };
        let Expression::Variable(root) = &t.expr else {
            return None;
        };
        let skip = match root.as_str() {
            "data" | "resource" => 2,
            "var" | "local" | "module" | "each" | "count" | "path" | "self" | "terraform" => {
                return None
            }
            _ => 1,
        };
        let rest = t.operators.get(skip..).filter(|r| !r.is_empty())?;
        let el = self.declared_element(e)?;
        if !matches!(el.kind, Kind::Resource | Kind::Data) {
            return None;
        }
        let mark = self.fallbacks.len();
        let var = ident(&el.var);
        let tokens = self.dynamic_path(
            quote!(Value::<Dynamic>::from_expression(#var.fqn())),
            rest,
            loc,
        );
        if self.fallbacks.len() > mark {
            self.fallbacks.truncate(mark);
            return None;
        }
        self.mark_used(&el.var);
        Some(assert_type(tokens, &DYNAMIC, want))
    }
}

/// Whether `e` is `count.index`.
fn is_count_index(e: &Expression) -> bool {
    matches!(e, Expression::Traversal(t)
        if matches!(&t.expr, Expression::Variable(v) if v.as_str() == "count")
            && matches!(t.operators.as_slice(), [hcl::expr::TraversalOperator::GetAttr(a)] if a.as_str() == "index"))
}
