//! The blocks that refactor or check a configuration rather than declare an element: `import`
//! (`Resource::import_from`, or `ImportableResource` for a resource the configuration does not
//! have), `moved` (`Resource::move_from_id`), `removed` (`TerraformRemoved`) and `check`
//! (`TerraformCheck` with its assertions, and its scoped data sources made in it). They are
//! written after every element, whose variables they use.

use proc_macro2::TokenStream;
use quote::quote;

use crate::config::{Block, Loc};
use crate::emit::Ctx;
use crate::error::{Error, Result};
use crate::expr::Want;
use crate::symbols::{leading_attrs, provider_ref, reference_key, Kind};
use crate::tfjson;

const BOOL: codegen::ir::ValueType = codegen::ir::ValueType::Bool;
const STRING: codegen::ir::ValueType = codegen::ir::ValueType::String;

/// Whether a top-level block of this kind is converted here.
pub fn is_refactor_block(kind: &str) -> bool {
    matches!(kind, "import" | "moved" | "removed" | "check")
}

fn invalid(loc: &Loc, message: impl Into<String>) -> Error {
    Error::Invalid {
        loc: loc.clone(),
        message: message.into(),
    }
}

/// A resource address (`tfe_team.t`, `module.m`) as written in the block: a plain traversal.
fn address(b: &Block, name: &str) -> Result<(String, Loc)> {
    let a = b
        .body
        .attr(name)
        .ok_or_else(|| invalid(&b.loc, format!("`{}` block without `{name}`", b.kind)))?;
    match &a.value {
        hcl::Expression::Traversal(_) | hcl::Expression::Variable(_) => {
            Ok((tfjson::expr_text(&a.value), a.loc.clone()))
        }
        _ => Err(invalid(&a.loc, format!("`{name}` must be an address"))),
    }
}

/// The arguments a block may have besides its nested blocks; anything else is an error.
fn only(b: &Block, attrs: &[&str], blocks: &[&str]) -> Result<()> {
    if let Some(a) = b
        .body
        .attrs
        .iter()
        .find(|a| !attrs.contains(&a.name.as_str()))
    {
        return Err(invalid(
            &a.loc,
            format!("`{}` blocks: `{}` is not converted yet", b.kind, a.name),
        ));
    }
    if let Some(x) = b
        .body
        .blocks
        .iter()
        .find(|x| !blocks.contains(&x.kind.as_str()))
    {
        return Err(invalid(
            &x.loc,
            format!("`{}` blocks: `{}` is not converted yet", b.kind, x.kind),
        ));
    }
    Ok(())
}

impl Ctx<'_, '_> {
    /// The statements of the `import`, `moved`, `removed` and `check` blocks, in file order.
    pub(crate) fn refactor_blocks(&mut self, blocks: &[Block]) -> Result<Vec<TokenStream>> {
        let mut out = Vec::new();
        for b in blocks {
            self.here = b.loc.clone();
            let stmt = match b.kind.as_str() {
                "import" => self.import(b)?,
                "moved" => self.moved(b)?,
                "removed" => self.removed(b)?,
                "check" => self.check(b)?,
                _ => continue,
            };
            out.push(stmt);
        }
        Ok(out)
    }

    /// The variable of the declared managed resource at `address` (no index), if any.
    fn resource_at(&mut self, e: &hcl::Expression) -> Option<proc_macro2::Ident> {
        let key = reference_key(e)?;
        let el = self.symbols.get(&key)?;
        let ops = match e {
            hcl::Expression::Traversal(t) => t.operators.as_slice(),
            _ => return None,
        };
        let plain = leading_attrs(ops).len() == ops.len() && ops.len() == 1;
        if el.kind != Kind::Resource || !plain {
            return None;
        }
        if !crate::builtin::is_builtin(&el.tf_type, false) {
            self.schemas.find(&el.tf_type, false)?;
        }
        self.declared_var(&key)
    }

    fn import(&mut self, b: &Block) -> Result<TokenStream> {
        only(b, &["to", "id", "provider"], &[])?;
        let (to, to_loc) = address(b, "to")?;
        let id = b
            .body
            .attr("id")
            .ok_or_else(|| invalid(&b.loc, "`import` block without `id`"))?;
        let id_value = self
            .value(&id.value, Want::Typed(&STRING, None), &id.loc)
            .tokens;
        let provider = match b.body.attr("provider") {
            Some(p) => Some(
                provider_ref(&p.value)
                    .and_then(|k| self.declared_var(&k))
                    .ok_or_else(|| invalid(&p.loc, "the provider is not declared here"))?,
            ),
            None => None,
        };
        let to_expr = &b.body.attr("to").map(|a| a.value.clone());
        let target = to_expr.as_ref().and_then(|e| self.resource_at(e));
        if let Some(var) = target {
            return Ok(match provider {
                Some(p) => quote!(#var.import_from_with_provider(#id_value, &#p);),
                None => quote!(#var.import_from(#id_value);),
            });
        }
        // A resource the configuration does not declare: Terraform generates its configuration.
        let Some((tf_type, name)) = to.split_once('.').filter(|(t, n)| {
            *t != "module"
                && !n.contains(['.', '['])
                && (self.schemas.find(t, false).is_some() || crate::builtin::is_builtin(t, false))
        }) else {
            return Err(invalid(
                &to_loc,
                format!(
                    "`import` to `{to}`: only a resource of a provider with a schema is converted"
                ),
            ));
        };
        self.uses("ImportableResource");
        let p = match provider {
            Some(p) => quote!(Some(&#p)),
            None => quote!(None),
        };
        Ok(quote!(ImportableResource::new(scope, #name, #tf_type, #id_value, #p);))
    }

    fn moved(&mut self, b: &Block) -> Result<TokenStream> {
        only(b, &["from", "to"], &[])?;
        let (from, _) = address(b, "from")?;
        let (to, to_loc) = address(b, "to")?;
        let to_expr = b.body.attr("to").map(|a| a.value.clone());
        let Some(var) = to_expr.as_ref().and_then(|e| self.resource_at(e)) else {
            return Err(invalid(
                &to_loc,
                format!("`moved` to `{to}`: only a move to a resource declared here is converted"),
            ));
        };
        Ok(quote!(#var.move_from_id(#from);))
    }

    fn removed(&mut self, b: &Block) -> Result<TokenStream> {
        only(b, &["from"], &["lifecycle", "provisioner"])?;
        let (from, _) = address(b, "from")?;
        let mut calls = Vec::new();
        for l in b.body.blocks_of("lifecycle") {
            for a in &l.body.attrs {
                match (a.name.as_str(), &a.value) {
                    ("destroy", hcl::Expression::Bool(d)) => calls.push(quote!(.destroy(#d))),
                    _ => {
                        return Err(invalid(
                            &a.loc,
                            format!("`removed` lifecycle: `{}` is not converted", a.name),
                        ))
                    }
                }
            }
        }
        // Destroy-time provisioners (Terraform 1.9).
        for p in b.body.blocks_of("provisioner") {
            let mark = self.fallbacks.len();
            match self.provisioner(p) {
                Some(t) if self.fallbacks.len() == mark => calls.push(quote!(.provisioner(#t))),
                _ => {
                    return Err(invalid(
                        &p.loc,
                        "`removed` provisioner: an argument is not converted",
                    ))
                }
            }
        }
        // The construct id only names the block in the tree; the address makes it unique.
        let id = format!("removed_{}", codegen::naming::snake(&from));
        self.uses("TerraformRemoved");
        Ok(quote!(TerraformRemoved::new(scope, #id, #from) #(#calls)*;))
    }

    fn check(&mut self, b: &Block) -> Result<TokenStream> {
        only(b, &[], &["assert", "data"])?;
        let [name] = b.labels.as_slice() else {
            return Err(invalid(&b.loc, "`check` takes one label"));
        };
        let mut asserts = Vec::new();
        for a in b.body.blocks_of("assert") {
            let (Some(c), Some(m)) = (a.body.attr("condition"), a.body.attr("error_message"))
            else {
                return Err(invalid(&a.loc, "assert needs condition and error_message"));
            };
            let c = self
                .value(&c.value, Want::Typed(&BOOL, None), &c.loc)
                .tokens;
            let m = self
                .value(&m.value, Want::Typed(&STRING, None), &m.loc)
                .tokens;
            asserts.push(quote!(.assert(#c, #m)));
        }
        // Made already when it has scoped data sources (see `scoped_data`).
        if let Some(var) = self.checks.get(name.as_str()).cloned() {
            let var = crate::emit::ident(&var);
            return Ok(quote!(#var #(#asserts)*;));
        }
        self.uses("TerraformCheck");
        Ok(quote!(TerraformCheck::new(scope, #name) #(#asserts)*;))
    }

    /// The constructor of a data source scoped to the check `check`, made in it: the check is
    /// created before its first data source, and the data source keeps its HCL name as its
    /// logical id (the runtime would name it after its path).
    pub(crate) fn scoped_data(&mut self, check: &str, init: TokenStream) -> TokenStream {
        let var = match self.checks.get(check) {
            Some(v) => v.clone(),
            None => {
                let v = self
                    .fresh_named(&format!("{}_check", codegen::naming::snake(check)))
                    .to_string();
                self.checks.insert(check.to_string(), v.clone());
                let id = crate::emit::ident(&v);
                self.uses("TerraformCheck");
                self.pre
                    .push(quote!(let #id = TerraformCheck::new(scope, #check);));
                v
            }
        };
        let var = crate::emit::ident(&var);
        quote!({
            let scope = &#var;
            #init
        })
    }
}

/// `config` with the data sources of its `check` blocks also at the top level, where the
/// symbol table finds them (they are written inside their check: see [`Ctx::scoped_data`]),
/// and the check of each by its key (`data.T.N`).
pub fn hoist_check_data(
    config: &crate::config::Config,
) -> (
    crate::config::Config,
    std::collections::BTreeMap<String, String>,
) {
    let mut hoisted = config.clone();
    let mut scoped = std::collections::BTreeMap::new();
    for b in &config.blocks {
        let (true, [check]) = (b.kind == "check", b.labels.as_slice()) else {
            continue;
        };
        for d in b.body.blocks_of("data") {
            if let [t, n] = d.labels.as_slice() {
                scoped.insert(format!("data.{t}.{n}"), check.clone());
                hoisted.blocks.push(d.clone());
            }
        }
    }
    (hoisted, scoped)
}
