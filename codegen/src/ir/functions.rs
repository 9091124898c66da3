//! Schema -> IR for provider-defined functions.

use std::collections::BTreeSet;

use super::build::claim;
use super::{Doc, Function, Param, ValueType};
use crate::error::Result;
use crate::naming;
use crate::schema::{CtyType, FunctionSignature};

/// A function parameter or return type: objects and tuples are passed as `Dynamic`.
fn function_type(cty: &CtyType) -> ValueType {
    match cty {
        CtyType::String => ValueType::String,
        CtyType::Number => ValueType::Number,
        CtyType::Bool => ValueType::Bool,
        CtyType::List(t) => ValueType::List(Box::new(function_type(t))),
        CtyType::Set(t) => ValueType::Set(Box::new(function_type(t))),
        CtyType::Map(t) => ValueType::Map(Box::new(function_type(t))),
        CtyType::Dynamic | CtyType::Tuple(_) | CtyType::Object { .. } => ValueType::Dynamic,
    }
}

pub(crate) fn functions(
    sigs: &std::collections::BTreeMap<String, FunctionSignature>,
    path: &str,
) -> Result<Vec<Function>> {
    let names = naming::assign(
        sigs.keys().map(String::as_str),
        &BTreeSet::new(),
        "_",
        naming::param_ident,
    );
    let mut out = Vec::new();
    for (tf, sig) in sigs {
        let p = format!("{path}.{tf}");
        let ret = function_type(&CtyType::parse(
            &sig.return_type,
            &format!("{p}.return_type"),
        )?);
        let mut pnames: Vec<&str> = sig.parameters.iter().map(|x| x.name.as_str()).collect();
        if let Some(v) = &sig.variadic_parameter {
            pnames.push(v.name.as_str());
        }
        // Parameter names may repeat or be empty; distinct identifiers by position.
        let mut used = BTreeSet::new();
        let mut idents = Vec::new();
        for n in &pnames {
            idents.push(claim(&mut used, &naming::param_ident(n), "_"));
        }
        let mut params = Vec::new();
        for (i, param) in sig.parameters.iter().enumerate() {
            let ty = CtyType::parse(&param.ty, &format!("{p}.parameters[{i}].type"))?;
            params.push(Param {
                rust_name: idents[i].clone(),
                ty: function_type(&ty),
                description: super::build::description(param.description.as_deref()),
            });
        }
        let variadic = match &sig.variadic_parameter {
            Some(v) => {
                let ty = CtyType::parse(&v.ty, &format!("{p}.variadic_parameter.type"))?;
                Some(Param {
                    rust_name: idents[pnames.len() - 1].clone(),
                    ty: function_type(&ty),
                    description: super::build::description(v.description.as_deref()),
                })
            }
            None => None,
        };
        let summary = super::build::description(sig.summary.as_deref());
        let details = super::build::description(sig.description.as_deref());
        let description = match (summary, details) {
            (Some(s), Some(d)) => Some(format!("{s}\n\n{d}")),
            (s, d) => s.or(d),
        };
        out.push(Function {
            tf_name: tf.clone(),
            rust_name: names[tf].clone(),
            doc: Doc {
                description,
                notes: Vec::new(),
                deprecated: sig.deprecation_message.is_some(),
            },
            params,
            variadic,
            ret,
        });
    }
    Ok(out)
}
