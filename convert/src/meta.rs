//! Meta-arguments of resources and data sources (`count`, `for_each`, `depends_on`,
//! `provider`, `lifecycle`) as `MetaArguments` calls, and overrides in Terraform JSON form for
//! what the typed API cannot say (provisioners, elements without a schema).

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value as Json;

use crate::body::{body_json, push_block_override, Override};
use crate::config::Block;
use crate::emit::{ident, json_tokens, Ctx};
use crate::expr::Want;
use crate::symbols::{provider_ref, reference_key};
use crate::tfjson;

impl Ctx<'_, '_> {
    /// The meta-arguments of a resource or data source: `MetaArguments` calls, and overrides for
    /// what they cannot say.
    pub fn meta(&mut self, block: &Block, overrides: &mut Vec<Override>) -> Vec<TokenStream> {
        let mut calls = Vec::new();
        for a in &block.body.attrs {
            match a.name.as_str() {
                "count" => {
                    let v = self
                        .value(&a.value, Want::Typed(&NUMBER, None), &a.loc)
                        .tokens;
                    calls.push(quote!(.count(#v)));
                }
                "for_each" => {
                    if let Some(it) = self.each.as_deref() {
                        let it = ident(it);
                        calls.push(quote!(.for_each(&#it)));
                    }
                }
                "depends_on" => match self.dependables(&a.value) {
                    Some(vars) => {
                        calls.extend(vars.into_iter().map(|v| quote!(.depends_on([&#v]))))
                    }
                    None => {
                        self.fallback(
                            &a.loc,
                            &tfjson::expr_text(&a.value),
                            "depends_on on undeclared elements",
                        );
                        overrides.push(("depends_on".into(), bare_refs(&a.value)));
                    }
                },
                "provider" => match provider_ref(&a.value).and_then(|k| self.declared_var(&k)) {
                    Some(v) => calls.push(quote!(.provider(&#v))),
                    None => {
                        let text = tfjson::expr_text(&a.value);
                        self.fallback(&a.loc, &text, "provider not declared in this configuration");
                        overrides.push(("provider".into(), Json::String(text)));
                    }
                },
                "dynamic" | "provisioner" | "connection" => {
                    let text = tfjson::expr_text(&a.value);
                    self.fallback(&a.loc, &text, "block the typed API does not cover");
                    overrides.push((a.name.clone(), tfjson::expr_to_json(&a.value)));
                }
                _ => {}
            }
        }
        for b in &block.body.blocks {
            match b.kind.as_str() {
                "lifecycle" => {
                    if let Some(lc) = self.lifecycle(b) {
                        calls.push(quote!(.lifecycle(#lc)));
                    } else {
                        self.fallback(
                            &b.loc,
                            "lifecycle { ... }",
                            "lifecycle the typed API does not cover",
                        );
                        overrides.push(("lifecycle".into(), body_json(&b.body)));
                    }
                }
                "provisioner" | "connection" => {
                    // Typed when every argument has a setter; else the block as an override.
                    let mark = self.fallbacks.len();
                    let typed = if b.kind == "provisioner" {
                        self.provisioner(b).map(|p| quote!(.provisioner(#p)))
                    } else {
                        self.connection(b).map(|c| quote!(.connection(#c)))
                    };
                    match typed {
                        Some(call) if self.fallbacks.len() == mark => calls.push(call),
                        _ => {
                            self.fallbacks.truncate(mark);
                            self.fallback(
                                &b.loc,
                                &format!("{} {{ ... }}", b.kind),
                                "block the typed API does not cover",
                            );
                            push_block_override(overrides, b);
                        }
                    }
                }
                _ => {}
            }
        }
        calls
    }

    /// The variables of the elements a `depends_on` list names, if all are declared.
    fn dependables(&mut self, e: &hcl::Expression) -> Option<Vec<proc_macro2::Ident>> {
        let hcl::Expression::Array(items) = e else {
            return None;
        };
        items
            .iter()
            .map(|i| reference_key(i).and_then(|k| self.declared_var(&k)))
            .collect()
    }

    fn lifecycle(&mut self, b: &Block) -> Option<TokenStream> {
        let mut calls = Vec::new();
        for a in &b.body.attrs {
            match (a.name.as_str(), &a.value) {
                ("create_before_destroy", hcl::Expression::Bool(v)) => {
                    calls.push(quote!(.create_before_destroy(#v)));
                }
                ("prevent_destroy", hcl::Expression::Bool(v)) => {
                    calls.push(quote!(.prevent_destroy(#v)));
                }
                ("ignore_changes", hcl::Expression::Variable(v)) if v.as_str() == "all" => {
                    calls.push(quote!(.ignore_all_changes()));
                }
                ("ignore_changes", hcl::Expression::Array(items)) => {
                    let names: Vec<String> = items.iter().map(tfjson::expr_text).collect();
                    calls.push(quote!(.ignore_changes([#(#names),*])));
                }
                ("replace_triggered_by", hcl::Expression::Array(items)) => {
                    for i in items {
                        let v = reference_key(i)
                            .filter(|k| *k == tfjson::expr_text(i))
                            .and_then(|k| self.declared_var(&k))?;
                        calls.push(quote!(.replace_triggered_by(&#v)));
                    }
                }
                _ => return None,
            }
        }
        for c in &b.body.blocks {
            let cond = c.body.attr("condition")?;
            let msg = c.body.attr("error_message")?;
            let cv = self
                .value(&cond.value, Want::Typed(&BOOL, None), &cond.loc)
                .tokens;
            let mv = self
                .value(&msg.value, Want::Typed(&STRING, None), &msg.loc)
                .tokens;
            self.uses("Condition");
            let call = match c.kind.as_str() {
                "precondition" => quote!(.precondition(Condition::new(#cv, #mv))),
                "postcondition" => quote!(.postcondition(Condition::new(#cv, #mv))),
                _ => return None,
            };
            calls.push(call);
        }
        Some(quote!(Lifecycle::new() #(#calls)*))
    }

    /// Overrides of every attribute and block of an untyped element (no schema), in Terraform
    /// JSON form; the whole element is one fallback.
    pub fn untyped(&mut self, block: &Block, overrides: &mut Vec<Override>) {
        for a in &block.body.attrs {
            let v = match a.name.as_str() {
                "depends_on" => bare_refs(&a.value),
                "provider" => Json::String(tfjson::expr_text(&a.value)),
                _ => tfjson::expr_to_json(&a.value),
            };
            overrides.push((a.name.clone(), v));
        }
        for b in &block.body.blocks {
            push_block_override(overrides, b);
        }
    }

    /// `element.add_override(...)` statements.
    pub fn override_calls(
        &mut self,
        var: &proc_macro2::Ident,
        overrides: Vec<Override>,
    ) -> Vec<TokenStream> {
        if !overrides.is_empty() {
            self.needs_serde_json = true;
        }
        overrides
            .into_iter()
            .map(|(path, v)| {
                let j = json_tokens(&v);
                quote!(#var.add_override(#path, serde_json::json!(#j));)
            })
            .collect()
    }
}

const NUMBER: codegen::ir::ValueType = codegen::ir::ValueType::Number;
const BOOL: codegen::ir::ValueType = codegen::ir::ValueType::Bool;
const STRING: codegen::ir::ValueType = codegen::ir::ValueType::String;

/// `depends_on` in Terraform JSON: bare reference strings.
fn bare_refs(e: &hcl::Expression) -> Json {
    match e {
        hcl::Expression::Array(items) => Json::Array(
            items
                .iter()
                .map(|i| Json::String(tfjson::expr_text(i)))
                .collect(),
        ),
        other => Json::String(tfjson::expr_text(other)),
    }
}
