//! Built-in function calls through their typed Rust functions in `cdktf::functions`, typed by
//! the signatures `codegen` reads from `schema/functions.json` (the document the runtime's
//! module is generated from, so every name and parameter type is the generated one).

use std::sync::OnceLock;

use codegen::ir::{Function, ValueType};
use hcl::expr::{Expression, FuncCall};
use proc_macro2::TokenStream;
use quote::quote;

use crate::config::Loc;
use crate::emit::{ident, Ctx};
use crate::expr::{rust_type, Out, Want};
use crate::lang::assert_type;

/// The signatures of Terraform's built-in functions: the document the runtime's
/// `cdktf::functions` is generated from, so that every name and parameter type is the generated
/// one. Embedded: converting needs no terraform and no file beside the binary.
fn builtins() -> &'static [Function] {
    static FUNCTIONS: OnceLock<Vec<Function>> = OnceLock::new();
    FUNCTIONS.get_or_init(|| {
        codegen::functions::read::functions(include_str!("../../schema/functions.json"))
            .unwrap_or_default()
    })
}

/// How a call is written: the path of the Rust function, its fixed parameter types, the type of
/// its variadic items, and its result type. `None` for a parameter type means any value
/// (`impl AnyValue`).
struct Signature {
    path: TokenStream,
    params: Vec<Option<ValueType>>,
    variadic: Option<Option<ValueType>>,
    ret: ValueType,
}

/// Whether a `dynamic` type occurs in `ty`: such a parameter takes any value.
fn has_dynamic(ty: &ValueType) -> bool {
    match ty {
        ValueType::Dynamic | ValueType::Object(_) => true,
        ValueType::List(t) | ValueType::Set(t) | ValueType::Map(t) => has_dynamic(t),
        _ => false,
    }
}

fn param(ty: &ValueType) -> Option<ValueType> {
    (!has_dynamic(ty)).then(|| ty.clone())
}

fn list_of_strings() -> ValueType {
    ValueType::List(Box::new(ValueType::String))
}

/// The signature of `name` called with `argc` arguments: cdktf's hand-written helpers where
/// their form fits (`join(sep, list)`, `lookup(map, key, default)`, `range(a, b, step)`,
/// `bcrypt` with or without a cost, `format`), else the generated function, under
/// `functions::generated` when a helper took its name.
fn signature(name: &str, argc: usize) -> Option<Signature> {
    let helper = |path: TokenStream, params: Vec<Option<ValueType>>, ret: ValueType| Signature {
        path,
        params,
        variadic: None,
        ret,
    };
    let (s, n) = (ValueType::String, ValueType::Number);
    match (name, argc) {
        ("join", 2) => {
            return Some(helper(
                quote!(functions::join),
                vec![Some(s.clone()), Some(list_of_strings())],
                s,
            ))
        }
        ("lookup", 3) => {
            return Some(helper(
                quote!(functions::lookup),
                vec![None, Some(s), None],
                ValueType::Dynamic,
            ))
        }
        ("range", 3) => {
            return Some(helper(
                quote!(functions::range),
                vec![Some(n.clone()), Some(n.clone()), Some(n.clone())],
                ValueType::List(Box::new(n)),
            ))
        }
        ("bcrypt", 1) => return Some(helper(quote!(functions::bcrypt), vec![Some(s.clone())], s)),
        ("bcrypt", 2) => {
            return Some(helper(
                quote!(functions::bcrypt_with_cost),
                vec![Some(s.clone()), Some(n)],
                s,
            ))
        }
        ("format", _) => {
            return Some(Signature {
                path: quote!(functions::format),
                params: vec![Some(s.clone())],
                variadic: Some(None),
                ret: s,
            })
        }
        _ => {}
    }
    let f = builtins().iter().find(|f| f.tf_name == name)?;
    let fixed = f.params.len();
    let arity_ok = match &f.variadic {
        Some(_) => argc >= fixed,
        None => argc == fixed,
    };
    if !arity_ok {
        return None;
    }
    let rust = ident(&f.rust_name);
    // The helpers of these names have other signatures; Terraform's is kept in `generated`.
    let path = if matches!(
        name,
        "join" | "lookup" | "range" | "bcrypt" | "format" | "element" | "try"
    ) {
        quote!(functions::generated::#rust)
    } else {
        quote!(functions::#rust)
    };
    Some(Signature {
        path,
        params: f.params.iter().map(|p| param(&p.ty)).collect(),
        variadic: f.variadic.as_ref().map(|v| param(&v.ty)),
        ret: f.ret.clone(),
    })
}

const DYNAMIC: ValueType = ValueType::Dynamic;

impl Ctx<'_, '_> {
    /// A call of a built-in function through its typed Rust function; raw when the function or
    /// its arity is unknown.
    pub(crate) fn typed_call(
        &mut self,
        e: &Expression,
        c: &FuncCall,
        want: Want<'_>,
        loc: &Loc,
    ) -> Out {
        let name = c.name.name.as_str();
        let sig = match c.name.namespace.as_slice() {
            [] if name == "try" => return self.try_call(e, c, want, loc),
            [] => signature(name, c.args.len()),
            [p, provider] if p.as_str() == "provider" => {
                self.provider_signature(provider.as_str(), name, c.args.len())
            }
            _ => None,
        };
        let Some(sig) = sig else {
            return self.raw(
                e,
                loc,
                "call of an unknown function or with other arguments",
            );
        };
        let parts = self.parts(e, loc, "function call", |cx| {
            let mut args = Vec::new();
            for (a, p) in c.args.iter().zip(&sig.params) {
                args.push(cx.argument(a, p.as_ref(), loc));
            }
            if let Some(v) = &sig.variadic {
                let rest = &c.args[sig.params.len().min(c.args.len())..];
                args.push(cx.variadic(rest, v.as_ref(), loc));
            }
            args
        });
        let args = match parts {
            Ok(a) => a,
            Err(raw) => return raw,
        };
        if c.name.namespace.is_empty() {
            self.uses("functions");
        }
        let path = sig.path;
        Out::value(assert_type(quote!(#path(#(#args),*)), &sig.ret, want))
    }

    /// A function of a provider whose schema is loaded: the generated
    /// `<crate>::functions::NAME`, whose parameters are all `impl Into<Value<T>>` (`dynamic`
    /// ones too).
    fn provider_signature(&mut self, provider: &str, name: &str, argc: usize) -> Option<Signature> {
        let (pkg, krate) = self.schemas.provider(provider)?;
        let f = pkg.functions.iter().find(|f| f.tf_name == name)?;
        let arity_ok = match &f.variadic {
            Some(_) => argc >= f.params.len(),
            None => argc == f.params.len(),
        };
        if !arity_ok {
            return None;
        }
        let (k, n) = (ident(krate), ident(&f.rust_name));
        Some(Signature {
            path: quote!(#k::functions::#n),
            params: f.params.iter().map(|p| Some(p.ty.clone())).collect(),
            variadic: f.variadic.as_ref().map(|v| Some(v.ty.clone())),
            ret: f.ret.clone(),
        })
    }

    /// One argument: typed when the parameter is, else any value.
    fn argument(&mut self, a: &Expression, ty: Option<&ValueType>, loc: &Loc) -> TokenStream {
        match ty {
            Some(vt) => self.value(a, Want::Typed(vt, None), loc).tokens,
            None => self.value(a, Want::Any, loc).tokens,
        }
    }

    /// The items of a variadic parameter, as one array of one type.
    fn variadic(&mut self, items: &[Expression], ty: Option<&ValueType>, loc: &Loc) -> TokenStream {
        match ty {
            Some(vt) => {
                let t = rust_type(vt, None);
                if items.is_empty() {
                    return quote!(Vec::<Value<#t>>::new());
                }
                let outs: Vec<Out> = items
                    .iter()
                    .map(|i| self.value(i, Want::Typed(vt, None), loc))
                    .collect();
                let elems = crate::expr::unify(outs, &t);
                quote!([#(#elems),*])
            }
            None => {
                if items.is_empty() {
                    return quote!(Vec::<Value<Dynamic>>::new());
                }
                let elems = items.iter().map(|i| {
                    let t = self.value(i, Want::Any, loc).tokens;
                    quote!(Value::any(#t))
                });
                let elems: Vec<TokenStream> = elems.collect();
                quote!([#(#elems),*])
            }
        }
    }

    /// `try(a, b)`: typed by what the argument wants (`functions::try_::<T>`).
    fn try_call(&mut self, e: &Expression, c: &FuncCall, want: Want<'_>, loc: &Loc) -> Out {
        let (vt, item) = match want {
            Want::Typed(vt, item) => (vt, item),
            Want::Any => (&DYNAMIC, None),
        };
        let t = rust_type(vt, item);
        let parts = self.parts(e, loc, "function call", |cx| {
            let outs: Vec<Out> = c
                .args
                .iter()
                .map(|a| cx.value(a, Want::Typed(vt, item), loc))
                .collect();
            crate::expr::unify(outs, &t)
        });
        let elems = match parts {
            Ok(a) => a,
            Err(raw) => return raw,
        };
        self.uses("functions");
        Out::value(quote!(functions::try_::<#t>([#(#elems),*])))
    }
}
