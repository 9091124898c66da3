//! Elements of Terraform's built-in provider, which has no schema to load: `terraform_data`
//! becomes the runtime's typed `TerraformData` (`input`, `triggers_replace`, and every
//! meta-argument, provisioner and connection through `MetaArguments`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::body::Override;
use crate::config::Block;
use crate::emit::Ctx;
use crate::error::{Error, Result};
use crate::expr::Want;

/// Whether `tf_type` is a managed resource of the built-in provider converted here.
pub fn is_builtin(tf_type: &str, data: bool) -> bool {
    !data && tf_type == "terraform_data"
}

// Meta-arguments as attributes (Terraform JSON writes provisioners and connections so too).
const META: &[&str] = &[
    "count",
    "for_each",
    "depends_on",
    "provider",
    "provisioner",
    "connection",
];
const META_BLOCKS: &[&str] = &["lifecycle", "provisioner", "connection"];

impl Ctx<'_, '_> {
    /// `TerraformData::new(scope, id, TerraformDataConfig::new().input(...)...)`.
    pub(crate) fn terraform_data(
        &mut self,
        b: &Block,
        var: &str,
        id: &str,
        overrides: &mut Vec<Override>,
    ) -> Result<TokenStream> {
        if let Some(a) = b.body.attr("for_each") {
            let it = format!("{}_each", var.trim_start_matches("r#"));
            self.iterator(&it, &a.value, &a.loc);
            self.each = Some(it);
        }
        let mut calls = Vec::new();
        for a in &b.body.attrs {
            match a.name.as_str() {
                name @ ("input" | "triggers_replace") => {
                    let v = self.value(&a.value, Want::Any, &a.loc).tokens;
                    let m = crate::emit::ident(name);
                    calls.push(quote!(.#m(#v)));
                }
                name if META.contains(&name) => {}
                other => {
                    self.each = None;
                    return Err(Error::Invalid {
                        loc: a.loc.clone(),
                        message: format!("terraform_data has no argument `{other}`"),
                    });
                }
            }
        }
        if let Some(x) = b
            .body
            .blocks
            .iter()
            .find(|x| !META_BLOCKS.contains(&x.kind.as_str()))
        {
            self.each = None;
            return Err(Error::Invalid {
                loc: x.loc.clone(),
                message: format!("terraform_data has no block `{}`", x.kind),
            });
        }
        let meta = self.meta(b, overrides);
        self.each = None;
        self.uses("TerraformData");
        self.uses("TerraformDataConfig");
        Ok(quote!(TerraformData::new(
            scope,
            #id,
            TerraformDataConfig::new() #(#calls)* #(#meta)*,
        )))
    }
}
