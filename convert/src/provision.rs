//! `provisioner` and `connection` blocks of a resource as the runtime's typed provisioners
//! (`LocalExec`, `FileProvisioner`, `RemoteExec`) and connections (`Connection::ssh`,
//! `Connection::winrm`); `self.ATTR` inside them is `TerraformSelf::get`. A block with an
//! argument these types do not have is left to the caller's override fallback.

use codegen::ir::ValueType;
use hcl::Expression;
use proc_macro2::TokenStream;
use quote::quote;

use crate::config::Block;
use crate::emit::{ident, Ctx};
use crate::expr::Want;

const STRING: ValueType = ValueType::String;
const NUMBER: ValueType = ValueType::Number;
const BOOL: ValueType = ValueType::Bool;

/// The setters of a connection type and the type each takes.
const SSH: &[(&str, ValueType)] = &[
    ("user", STRING),
    ("password", STRING),
    ("port", NUMBER),
    ("timeout", STRING),
    ("script_path", STRING),
    ("private_key", STRING),
    ("certificate", STRING),
    ("agent", BOOL),
    ("agent_identity", STRING),
    ("host_key", STRING),
    ("target_platform", STRING),
    ("bastion_host", STRING),
    ("bastion_host_key", STRING),
    ("bastion_port", NUMBER),
    ("bastion_user", STRING),
    ("bastion_password", STRING),
    ("bastion_private_key", STRING),
    ("bastion_certificate", STRING),
    ("proxy_scheme", STRING),
    ("proxy_host", STRING),
    ("proxy_port", NUMBER),
    ("proxy_user_name", STRING),
    ("proxy_user_password", STRING),
];

const WINRM: &[(&str, ValueType)] = &[
    ("user", STRING),
    ("password", STRING),
    ("port", NUMBER),
    ("timeout", STRING),
    ("script_path", STRING),
    ("https", BOOL),
    ("insecure", BOOL),
    ("use_ntlm", BOOL),
    ("cacert", STRING),
];

/// The bare keyword of `when` / `on_failure` (`destroy`, `continue`).
fn keyword(e: &Expression) -> Option<&str> {
    match e {
        Expression::Variable(v) => Some(v.as_str()),
        Expression::String(s) => Some(s.as_str()),
        _ => None,
    }
}

impl Ctx<'_, '_> {
    fn typed(&mut self, e: &Expression, vt: &ValueType, b: &Block) -> TokenStream {
        let loc = b
            .body
            .attrs
            .iter()
            .find(|a| std::ptr::eq(&a.value, e))
            .map_or_else(|| b.loc.clone(), |a| a.loc.clone());
        self.value(e, Want::Typed(vt, None), &loc).tokens
    }

    /// A `provisioner "KIND" { ... }` block as a typed provisioner, or `None` when it has an
    /// argument or block the typed provisioners do not have.
    pub(crate) fn provisioner(&mut self, b: &Block) -> Option<TokenStream> {
        let [kind] = b.labels.as_slice() else {
            return None;
        };
        let required = match kind.as_str() {
            "local-exec" => Some("command"),
            "file" => Some("destination"),
            "remote-exec" => None,
            _ => return None,
        };
        let mut init = match (kind.as_str(), required) {
            ("local-exec", Some(r)) | ("file", Some(r)) => {
                let v = b.body.attr(r)?.value.clone();
                let v = self.typed(&v, &STRING, b);
                let t = ident(if kind == "file" {
                    "FileProvisioner"
                } else {
                    "LocalExec"
                });
                self.uses(if kind == "file" {
                    "FileProvisioner"
                } else {
                    "LocalExec"
                });
                quote!(#t::new(#v))
            }
            _ => {
                self.uses("RemoteExec");
                quote!(RemoteExec::new())
            }
        };
        for a in &b.body.attrs {
            let name = a.name.as_str();
            if Some(name) == required {
                continue;
            }
            let call = match (kind.as_str(), name) {
                (_, "when") => match keyword(&a.value)? {
                    "destroy" => {
                        self.uses("When");
                        quote!(.when(When::Destroy))
                    }
                    "create" => {
                        self.uses("When");
                        quote!(.when(When::Create))
                    }
                    _ => return None,
                },
                (_, "on_failure") => match keyword(&a.value)? {
                    "continue" => {
                        self.uses("OnFailure");
                        quote!(.on_failure(OnFailure::Continue))
                    }
                    "fail" => {
                        self.uses("OnFailure");
                        quote!(.on_failure(OnFailure::Fail))
                    }
                    _ => return None,
                },
                ("local-exec", "working_dir")
                | ("file", "source" | "content")
                | ("remote-exec", "script") => {
                    let v = self.typed(&a.value, &STRING, b);
                    let m = ident(name);
                    quote!(.#m(#v))
                }
                ("local-exec", "interpreter") | ("remote-exec", "inline" | "scripts") => {
                    let list = ValueType::List(Box::new(STRING));
                    let v = self.typed(&a.value, &list, b);
                    let m = ident(name);
                    quote!(.#m(#v))
                }
                ("local-exec", "quiet") => {
                    let Expression::Bool(q) = a.value else {
                        return None;
                    };
                    quote!(.quiet(#q))
                }
                ("local-exec", "environment") => {
                    let Expression::Object(obj) = &a.value else {
                        return None;
                    };
                    let mut entries = Vec::new();
                    for (k, v) in obj {
                        let k = crate::tfjson::literal_key(k)?;
                        let v = self.typed(v, &STRING, b);
                        entries.push(quote!((#k, Value::<String>::from(#v))));
                    }
                    quote!(.environment([#(#entries),*]))
                }
                _ => return None,
            };
            init = quote!(#init #call);
        }
        for inner in &b.body.blocks {
            if inner.kind != "connection" || kind == "local-exec" {
                return None;
            }
            let c = self.connection(inner)?;
            init = quote!(#init.connection(#c));
        }
        Some(init)
    }

    /// A `connection { ... }` block as `Connection::ssh(host)` / `Connection::winrm(host)` with
    /// its setters, or `None` when it has an argument they do not have.
    pub(crate) fn connection(&mut self, b: &Block) -> Option<TokenStream> {
        let kind = match b.body.attr("type").map(|a| &a.value) {
            None => "ssh",
            Some(Expression::String(s)) if s == "ssh" || s == "winrm" => s.as_str(),
            Some(_) => return None,
        };
        if !b.body.blocks.is_empty() {
            return None;
        }
        let host = b.body.attr("host")?.value.clone();
        let host = self.typed(&host, &STRING, b);
        let setters = if kind == "ssh" { SSH } else { WINRM };
        let mut calls = Vec::new();
        for a in &b.body.attrs {
            let name = a.name.as_str();
            if matches!(name, "type" | "host") {
                continue;
            }
            let (_, vt) = setters.iter().find(|(n, _)| *n == name)?;
            let v = self.typed(&a.value, vt, b);
            let m = ident(name);
            calls.push(quote!(.#m(#v)));
        }
        self.uses("Connection");
        let ctor = ident(kind);
        // An explicit `type = "ssh"` is written by the runtime too.
        Some(quote!(Connection::#ctor(#host) #(#calls)*))
    }
}
