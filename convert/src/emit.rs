//! Configuration IR + schemas -> a Rust program (token stream): one statement per element, in
//! dependency order, over the generated bindings.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use serde_json::Value as Json;

use crate::body::{At, Override};
use crate::config::{Config, Loc};
use crate::error::{Error, Result};
use crate::expr::Want;
use crate::schema::{Schemas, Struct};
use crate::symbols::{Element, Kind, Symbols};
use crate::Fallback;

/// The state of one conversion.
pub struct Ctx<'s, 'c> {
    pub(crate) schemas: &'s Schemas,
    pub(crate) symbols: &'s Symbols<'c>,
    /// Keys of the elements emitted so far (a reference to a later one cannot be typed).
    pub(crate) declared: BTreeSet<String>,
    pub(crate) fallbacks: Vec<Fallback>,
    /// Runtime names used besides the prelude.
    runtime: BTreeSet<&'static str>,
    /// Imported binding types: name -> path.
    imports: BTreeMap<String, (String, String)>,
    /// Cargo features of the bindings used.
    pub(crate) features: BTreeSet<String>,
    pub(crate) needs_serde_json: bool,
    /// Variables whose bindings are used by typed references.
    used_vars: BTreeSet<String>,
    /// The location of the element being converted.
    pub(crate) here: Loc,
    /// The iterator variable of the element being converted, when it uses `for_each`.
    pub(crate) each: Option<String>,
    /// Statements that go before the element's own (its iterators).
    pub(crate) pre: Vec<TokenStream>,
    /// The dynamic blocks being converted, innermost last: the name their content refers to the
    /// current entry by (`each`, or the HCL's own name for a named iterator), and the iterator
    /// variable.
    pub(crate) dynamic: Vec<(String, String)>,
    /// How many dynamic block iterators were made (their variables are numbered).
    pub(crate) dynamic_count: usize,
    /// The loop variables of the `for` expressions being converted, innermost last: HCL name
    /// and Rust closure parameter.
    pub(crate) loops: Vec<(String, String)>,
    /// How many fresh local variables were made (their names are numbered).
    pub(crate) fresh_count: usize,
    /// The check block of each data source scoped to one (`data.T.N` -> check name).
    pub(crate) scoped: BTreeMap<String, String>,
    /// The variables of the check blocks made for their scoped data sources, by check name.
    pub(crate) checks: BTreeMap<String, String>,
}

/// An identifier, raw (`r#type`) where it has to be.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A JSON value as the tokens of a `serde_json::json!` argument.
pub fn json_tokens(v: &Json) -> TokenStream {
    match v {
        Json::Null => quote!(null),
        Json::Bool(b) => quote!(#b),
        Json::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => {
                let l = proc_macro2::Literal::i64_unsuffixed(i);
                quote!(#l)
            }
            (None, Some(f)) => {
                let l = proc_macro2::Literal::f64_unsuffixed(f);
                quote!(#l)
            }
            _ => quote!(null),
        },
        Json::String(s) => quote!(#s),
        Json::Array(items) => {
            let items = items.iter().map(json_tokens);
            quote!([#(#items),*])
        }
        Json::Object(m) => {
            let entries = m.iter().map(|(k, v)| {
                let v = json_tokens(v);
                quote!(#k: #v)
            });
            quote!({#(#entries),*})
        }
    }
}

/// The program: statements of `build`, and what they need.
pub struct Program {
    /// `use` items.
    pub uses: TokenStream,
    /// The body of `build`.
    pub statements: TokenStream,
    /// Fallbacks, in source order.
    pub fallbacks: Vec<Fallback>,
    /// Cargo features of the bindings used.
    pub features: BTreeSet<String>,
    /// Whether the program uses `serde_json`.
    pub needs_serde_json: bool,
}

impl<'s, 'c> Ctx<'s, 'c> {
    /// Records a fallback.
    pub fn fallback(&mut self, loc: &Loc, expression: &str, reason: &str) {
        self.fallbacks.push(Fallback {
            loc: loc.clone(),
            expression: expression.to_string(),
            reason: reason.to_string(),
        });
    }

    /// Marks a runtime name as used.
    pub fn uses(&mut self, name: &'static str) {
        self.runtime.insert(name);
    }

    /// The variable of a declared element, marking it used.
    pub fn declared_var(&mut self, key: &str) -> Option<Ident> {
        if !self.declared.contains(key) {
            return None;
        }
        let var = self.symbols.get(key)?.var.clone();
        self.used_vars.insert(var.clone());
        Some(ident(&var))
    }

    /// The element `e` refers to (`aws_x.y...`, `var.v`, `module.m...`), if it is declared
    /// before the element being converted (only those can be referred to by their bindings).
    pub(crate) fn declared_element(&self, e: &hcl::Expression) -> Option<&'s Element<'c>> {
        let key = crate::symbols::reference_key(e)?;
        if !self.declared.contains(&key) {
            return None;
        }
        self.symbols.get(&key)
    }

    /// Marks a variable as used by a typed reference.
    pub fn mark_used(&mut self, var: &str) {
        self.used_vars.insert(var.to_string());
    }

    /// A binding type by its name, imported unless another type took the name.
    pub fn type_path(&mut self, krate: &str, module: &str, name: &str) -> TokenStream {
        let want = (format!("{krate}::{module}"), name.to_string());
        let n = ident(name);
        match self.imports.get(name) {
            Some(p) if *p == (want.0.clone(), name.to_string()) => quote!(#n),
            Some(_) => {
                let k = ident(krate);
                let m = ident(module);
                quote!(#k::#m::#n)
            }
            None => {
                self.imports.insert(name.to_string(), want);
                quote!(#n)
            }
        }
    }
}

/// Converts `config` against `schemas` into the statements of a `build(scope)` function.
pub fn program(config: &Config, schemas: &Schemas) -> Result<Program> {
    for b in &config.blocks {
        if !matches!(
            b.kind.as_str(),
            "variable"
                | "locals"
                | "resource"
                | "data"
                | "provider"
                | "module"
                | "output"
                | "terraform"
        ) && !crate::blocks::is_refactor_block(&b.kind)
        {
            return Err(Error::Invalid {
                loc: b.loc.clone(),
                message: format!("`{}` blocks are not converted yet", b.kind),
            });
        }
    }
    let (hoisted, scoped) = crate::blocks::hoist_check_data(config);
    let symbols =
        Symbols::collect(&hoisted).map_err(|(loc, message)| Error::Invalid { loc, message })?;
    let start = config.blocks.first().map(|b| b.loc.clone()).unwrap_or(Loc {
        file: "<input>".into(),
        line: 1,
        column: 1,
    });
    let mut ctx = Ctx {
        schemas,
        symbols: &symbols,
        declared: BTreeSet::new(),
        fallbacks: Vec::new(),
        runtime: BTreeSet::new(),
        imports: BTreeMap::new(),
        features: BTreeSet::new(),
        needs_serde_json: false,
        used_vars: BTreeSet::new(),
        here: start,
        each: None,
        pre: Vec::new(),
        dynamic: Vec::new(),
        dynamic_count: 0,
        loops: Vec::new(),
        fresh_count: 0,
        scoped,
        checks: BTreeMap::new(),
    };
    type Stmt = (String, Vec<TokenStream>, TokenStream, Vec<TokenStream>);
    let mut stmts: Vec<Stmt> = Vec::new();
    let mut settings = Vec::new();
    for b in config.blocks.iter().filter(|b| b.kind == "terraform") {
        settings.extend(ctx.terraform(b, config.stack_name.as_deref())?);
    }
    for el in &symbols.elements {
        if let Some(b) = el.block {
            ctx.here = b.loc.clone();
        }
        let (init, overrides) = ctx.element(el)?;
        let scoped = ctx.scoped.get(&el.key).cloned();
        let init = match &scoped {
            Some(check) => ctx.scoped_data(check, init),
            None => init,
        };
        let var = ident(&el.var);
        let mut after = Vec::new();
        if el.construct_id.is_some() || scoped.is_some() {
            let name = el.name.as_str();
            after.push(quote!(#var.override_logical_id(#name);));
        }
        after.extend(ctx.override_calls(&var, overrides));
        if !after.is_empty() {
            ctx.mark_used(&el.var);
        }
        ctx.declared.insert(el.key.clone());
        let pre = std::mem::take(&mut ctx.pre);
        stmts.push((el.var.clone(), pre, init, after));
    }
    let refactors = ctx.refactor_blocks(&config.blocks)?;
    let statements = stmts.into_iter().map(|(var, pre, init, after)| {
        if ctx.used_vars.contains(&var) {
            let v = ident(&var);
            quote!(#(#pre)* let #v = #init; #(#after)*)
        } else {
            quote!(#(#pre)* #init;)
        }
    });
    let statements = quote!(#(#settings)* #(#statements)* #(#refactors)*);
    ctx.fallbacks.sort_by(|a, b| {
        (a.loc.file.as_ref(), a.loc.line, a.loc.column).cmp(&(
            b.loc.file.as_ref(),
            b.loc.line,
            b.loc.column,
        ))
    });
    Ok(Program {
        uses: ctx.use_items(&statements),
        statements,
        fallbacks: ctx.fallbacks,
        features: ctx.features,
        needs_serde_json: ctx.needs_serde_json,
    })
}

impl Ctx<'_, '_> {
    fn use_items(&self, statements: &TokenStream) -> TokenStream {
        let mut runtime = self.runtime.clone();
        // Type names written by `expr::rust_type`, imported when they occur.
        let text = statements.to_string();
        if text.contains("Dynamic") {
            runtime.insert("Dynamic");
        }
        let runtime: Vec<Ident> = runtime.iter().map(|n| ident(n)).collect();
        let mut by_module: BTreeMap<&str, Vec<Ident>> = BTreeMap::new();
        for (name, (path, _)) in &self.imports {
            by_module.entry(path).or_default().push(ident(name));
        }
        let bindings = by_module.iter().map(|(path, names)| {
            let path: syn::Path = syn::parse_str(path).unwrap_or_else(|_| syn::parse_quote!(self));
            quote!(use #path::{#(#names),*};)
        });
        let rt = if runtime.is_empty() {
            quote!()
        } else {
            quote!(use cdktf::{#(#runtime),*};)
        };
        quote!(use cdktf::prelude::*; #rt #(#bindings)*)
    }

    /// The constructor expression of one element, and its overrides.
    fn element(&mut self, el: &Element<'_>) -> Result<(TokenStream, Vec<Override>)> {
        let mut overrides = Vec::new();
        let id = el.construct_id.as_deref().unwrap_or(&el.name);
        let init = match el.kind {
            Kind::Variable => self.variable(el, id)?,
            Kind::Local => {
                let a = el
                    .local
                    .ok_or_else(|| self.invalid("local without value"))?;
                let v = self.value(&a.value, Want::Any, &a.loc).tokens;
                quote!(TerraformLocal::new(scope, #id, #v))
            }
            Kind::Output => self.output(el, id)?,
            Kind::Resource | Kind::Data => self.resource(el, id, &mut overrides)?,
            Kind::Provider => self.provider(el, &mut overrides)?,
            Kind::Module => self.module(el, id, &mut overrides)?,
        };
        Ok((init, overrides))
    }

    pub(crate) fn invalid(&self, message: &str) -> Error {
        Error::Invalid {
            loc: self.here.clone(),
            message: message.to_string(),
        }
    }

    fn resource(
        &mut self,
        el: &Element<'_>,
        id: &str,
        overrides: &mut Vec<Override>,
    ) -> Result<TokenStream> {
        let b = el
            .block
            .ok_or_else(|| self.invalid("resource without block"))?;
        let data = el.kind == Kind::Data;
        let (t, n) = (el.tf_type.as_str(), el.name.as_str());
        if crate::builtin::is_builtin(t, data) && self.schemas.find(t, data).is_none() {
            return self.terraform_data(b, &el.var, id, overrides);
        }
        let Some(found) = self.schemas.find(t, data) else {
            if self.schemas.owner_of(t).is_some() {
                return Err(Error::UnknownType {
                    loc: b.loc.clone(),
                    what: if data { "data source" } else { "resource" },
                    tf_type: t.to_string(),
                    hint: format!(
                        "not in the schema of provider(s) {}",
                        self.schemas.names().join(", ")
                    ),
                });
            }
            self.fallback(
                &b.loc,
                &format!("{} \"{t}\" \"{n}\"", b.kind),
                "no provider schema loaded for this type",
            );
            self.untyped(b, overrides);
            let mode = if data { quote!(Data) } else { quote!(Managed) };
            self.uses("Resource");
            self.uses("ResourceMode");
            self.uses("Args");
            return Ok(quote!(Resource::create(scope, #id, #t, ResourceMode::#mode, Args::new())));
        };
        if let Some(f) = &found.item.feature {
            self.features.insert(f.clone());
        }
        let st = Struct::config(found.item);
        let module = found.item.module.clone();
        let what = if data {
            format!("data.{t}")
        } else {
            t.to_string()
        };
        if let Some(a) = b.body.attr("for_each") {
            let it = format!("{}_each", el.var.trim_start_matches("r#"));
            // Made before the configuration, whose dynamic blocks may iterate over `each`.
            self.iterator(&it, &a.value, &a.loc);
            self.each = Some(it);
        }
        let config = self.construct(
            At {
                st,
                krate: found.krate,
                module: &module,
            },
            &b.body,
            &what,
            true,
            overrides,
        );
        let meta = self.meta(b, overrides);
        self.each = None;
        let config = config?;
        let handle = self.type_path(found.krate, &module, &found.item.rust_name);
        Ok(quote!(#handle::new(scope, #id, #config #(#meta)*)))
    }

    fn provider(&mut self, el: &Element<'_>, overrides: &mut Vec<Override>) -> Result<TokenStream> {
        let b = el
            .block
            .ok_or_else(|| self.invalid("provider without block"))?;
        let p = el.tf_type.as_str();
        let id = if el.name == p {
            p.to_string()
        } else {
            format!("{p}_{}", el.name)
        };
        let Some((pkg, krate)) = self.schemas.provider(p) else {
            self.fallback(
                &b.loc,
                &format!("provider \"{p}\""),
                "no provider schema loaded",
            );
            self.untyped(b, overrides);
            let source = format!("hashicorp/{p}");
            self.uses("Provider");
            self.uses("ProviderInfo");
            self.uses("Args");
            return Ok(
                quote!(Provider::create(scope, #id, ProviderInfo { name: #p, source: #source, version: None }, Args::new())),
            );
        };
        let st = Struct::config(&pkg.provider);
        let module = pkg.provider.module.clone();
        let what = format!("provider.{p}");
        let at = At {
            st,
            krate,
            module: &module,
        };
        let mut config = self.construct(at, &b.body, &what, true, overrides)?;
        if let Some(alias) = b.body.attr("alias") {
            let v = self.string_literal(&alias.value, &alias.loc)?;
            config = quote!(#config.alias(#v));
        }
        let handle = self.type_path(krate, &module, &pkg.provider.rust_name);
        Ok(quote!(#handle::new(scope, #id, #config)))
    }
}
