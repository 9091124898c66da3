//! The elements that are not provider elements: variables, outputs, modules, and the
//! `terraform` block.

use proc_macro2::TokenStream;
use quote::quote;

use crate::body::{body_loc, Override};
use crate::config::{Block, Loc};
use crate::emit::{ident, Ctx};
use crate::error::{Error, Result};
use crate::expr::Want;
use crate::symbols::Element;
use crate::tfjson;

impl Ctx<'_, '_> {
    /// The `terraform` block: `required_providers` comes from the bindings of the providers
    /// used; a local backend becomes `LocalBackend` (nothing when it is the stack's default).
    pub(crate) fn terraform(&mut self, b: &Block, stack: Option<&str>) -> Result<Vec<TokenStream>> {
        let mut out = Vec::new();
        let mut backends: Vec<(String, Loc, crate::config::Body)> = Vec::new();
        for a in &b.body.attrs {
            match (a.name.as_str(), &a.value) {
                ("required_providers", _) => {}
                ("required_version", _) => {
                    // A module function has a scope, not the stack whose setting this is.
                    let text = tfjson::expr_text(&a.value);
                    self.fallback(
                        &a.loc,
                        &text,
                        "required_version not written (a stack setting)",
                    );
                }
                ("backend", hcl::Expression::Object(obj)) => {
                    for (k, v) in obj {
                        let mut body = crate::config::Body::default();
                        if let hcl::Expression::Object(fields) = v {
                            for (fk, fv) in fields {
                                body.attrs.push(crate::config::Attr {
                                    name: tfjson::literal_key(fk).unwrap_or_default(),
                                    value: fv.clone(),
                                    loc: a.loc.clone(),
                                });
                            }
                        }
                        backends.push((
                            tfjson::literal_key(k).unwrap_or_default(),
                            a.loc.clone(),
                            body,
                        ));
                    }
                }
                ("cloud", hcl::Expression::Object(_)) => {
                    let cloud = crate::backends::object_block(a, "cloud");
                    out.push(self.backend("cloud", &a.loc, &cloud.body)?);
                }
                (other, _) => {
                    return Err(Error::Invalid {
                        loc: a.loc.clone(),
                        message: format!("terraform `{other}` is not converted yet"),
                    })
                }
            }
        }
        for inner in &b.body.blocks {
            match (inner.kind.as_str(), inner.labels.as_slice()) {
                ("required_providers", _) => {}
                ("cloud", []) => out.push(self.backend("cloud", &inner.loc, &inner.body)?),
                ("backend", [kind]) => {
                    backends.push((kind.clone(), inner.loc.clone(), inner.body.clone()))
                }
                (other, _) => {
                    return Err(Error::Invalid {
                        loc: inner.loc.clone(),
                        message: format!("terraform `{other}` is not converted yet"),
                    })
                }
            }
        }
        for (kind, loc, body) in backends {
            if kind != "local" {
                out.push(self.backend(&kind, &loc, &body)?);
                continue;
            }
            let text = |name: &str| match body.attr(name).map(|a| &a.value) {
                Some(hcl::Expression::String(s)) => Some(s.clone()),
                _ => None,
            };
            let (path, dir) = (text("path"), text("workspace_dir"));
            let default = match (&path, stack) {
                (Some(p), Some(s)) => p.ends_with(&format!("terraform.{s}.tfstate")),
                (None, _) => true,
                _ => false,
            };
            if default && dir.is_none() {
                continue;
            }
            let p = path.map(|p| quote!(.path(#p)));
            let d = dir.map(|d| quote!(.workspace_dir(#d)));
            self.uses("LocalBackend");
            out.push(quote!(LocalBackend::new(
                scope,
                cdktf::backend::LocalBackendConfig::new()#p #d,
            );));
        }
        Ok(out)
    }

    pub(crate) fn variable(&mut self, el: &Element<'_>, id: &str) -> Result<TokenStream> {
        let name = el.name.as_str();
        let mut calls = Vec::new();
        if let Some(b) = el.block {
            for a in &b.body.attrs {
                let call = match a.name.as_str() {
                    "type" => {
                        let t = tfjson::expr_text(&a.value);
                        quote!(.type_constraint(#t))
                    }
                    "default" => {
                        let v = self.value(&a.value, Want::Any, &a.loc).tokens;
                        quote!(.default(#v))
                    }
                    "description" => {
                        let v = self.string_literal(&a.value, &a.loc)?;
                        quote!(.description(#v))
                    }
                    "sensitive" | "nullable" => {
                        let hcl::Expression::Bool(v) = a.value else {
                            return Err(Error::Invalid {
                                loc: a.loc.clone(),
                                message: format!("`{}` must be true or false", a.name),
                            });
                        };
                        let m = ident(&a.name);
                        quote!(.#m(#v))
                    }
                    other => {
                        return Err(Error::Invalid {
                            loc: a.loc.clone(),
                            message: format!("variable `{name}` has no argument `{other}`"),
                        })
                    }
                };
                calls.push(call);
            }
            // A validation reads the variable itself: declared for its conditions.
            let own = !self.declared.contains(&el.key);
            if own {
                self.declared.insert(el.key.clone());
            }
            let mut validations = Vec::new();
            for v in b.body.blocks_of("validation") {
                let (Some(c), Some(m)) = (v.body.attr("condition"), v.body.attr("error_message"))
                else {
                    return Err(Error::Invalid {
                        loc: v.loc.clone(),
                        message: "validation needs condition and error_message".into(),
                    });
                };
                let cv = self
                    .value(&c.value, Want::Typed(&BOOL, None), &c.loc)
                    .tokens;
                let mv = self
                    .value(&m.value, Want::Typed(&STRING, None), &m.loc)
                    .tokens;
                validations.push(quote!(.validation(#cv, #mv)));
            }
            if own {
                self.declared.remove(&el.key);
            }
            if !validations.is_empty() {
                let v = crate::emit::ident(&el.var);
                return Ok(quote!({
                    let #v = TerraformVariable::new(scope, #id) #(#calls)*;
                    #v.clone() #(#validations)*
                }));
            }
        }
        Ok(quote!(TerraformVariable::new(scope, #id) #(#calls)*))
    }

    pub(crate) fn string_literal(&mut self, e: &hcl::Expression, loc: &Loc) -> Result<TokenStream> {
        match e {
            hcl::Expression::String(s) => Ok(quote!(#s)),
            _ => Err(Error::Invalid {
                loc: loc.clone(),
                message: "expected a literal string".into(),
            }),
        }
    }

    pub(crate) fn output(&mut self, el: &Element<'_>, id: &str) -> Result<TokenStream> {
        let name = el.name.as_str();
        let b = el
            .block
            .ok_or_else(|| self.invalid("output without block"))?;
        let value = b.body.attr("value").ok_or_else(|| Error::Invalid {
            loc: b.loc.clone(),
            message: format!("output `{name}` has no value"),
        })?;
        let v = self.value(&value.value, Want::Any, &value.loc).tokens;
        let mut calls = Vec::new();
        for a in &b.body.attrs {
            match a.name.as_str() {
                "value" => {}
                "description" => {
                    let v = self.string_literal(&a.value, &a.loc)?;
                    calls.push(quote!(.description(#v)));
                }
                "sensitive" => {
                    let hcl::Expression::Bool(s) = a.value else {
                        return Err(Error::Invalid {
                            loc: a.loc.clone(),
                            message: "`sensitive` must be true or false".into(),
                        });
                    };
                    calls.push(quote!(.sensitive(#s)));
                }
                "depends_on" => {
                    let hcl::Expression::Array(items) = &a.value else {
                        return Err(self.invalid("depends_on must be a list"));
                    };
                    for i in items {
                        let v = crate::symbols::reference_key(i)
                            .and_then(|k| self.declared_var(&k))
                            .ok_or_else(|| Error::Invalid {
                                loc: a.loc.clone(),
                                message: "depends_on names an element not declared here".into(),
                            })?;
                        calls.push(quote!(.depends_on([&#v])));
                    }
                }
                other => {
                    return Err(Error::Invalid {
                        loc: a.loc.clone(),
                        message: format!("output `{name}`: `{other}` is not converted yet"),
                    })
                }
            }
        }
        Ok(quote!(TerraformOutput::new(scope, #id, #v) #(#calls)*))
    }

    pub(crate) fn module(
        &mut self,
        el: &Element<'_>,
        id: &str,
        overrides: &mut Vec<Override>,
    ) -> Result<TokenStream> {
        let b: &Block = el
            .block
            .ok_or_else(|| self.invalid("module without block"))?;
        let n = el.name.as_str();
        let source = b.body.attr("source").ok_or_else(|| Error::Invalid {
            loc: body_loc(&b.body, &b.loc),
            message: format!("module `{n}` has no source"),
        })?;
        let src = self.string_literal(&source.value, &source.loc)?;
        let mut calls = Vec::new();
        for a in &b.body.attrs {
            match a.name.as_str() {
                "source" => {}
                "version" => {
                    let v = self.string_literal(&a.value, &a.loc)?;
                    calls.push(quote!(.version(#v)));
                }
                "count" | "for_each" | "providers" | "depends_on" => {
                    self.fallback(&a.loc, &tfjson::expr_text(&a.value), "module meta-argument");
                    overrides.push((a.name.clone(), tfjson::expr_to_json(&a.value)));
                }
                name => {
                    let v = self.value(&a.value, Want::Any, &a.loc).tokens;
                    calls.push(quote!(.variable(#name, #v)));
                }
            }
        }
        Ok(quote!(TerraformHclModule::new(scope, #id, #src) #(#calls)*))
    }
}

const BOOL: codegen::ir::ValueType = codegen::ir::ValueType::Bool;
const STRING: codegen::ir::ValueType = codegen::ir::ValueType::String;
