//! The `backend` blocks of the runtime's backends (`s3`, `gcs`, `azurerm`, `remote`) and the
//! `cloud` block, as `cdktf::backend::*Backend::new(scope, Config::new(required...).setter(...))`.
//! Terraform takes only literal values in these blocks, so every value is a literal: a setting
//! the runtime has a setter for uses it, any other goes through `.setting(name, json)`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::config::{Block, Body, Loc};
use crate::emit::{ident, json_tokens, Ctx};
use crate::error::{Error, Result};
use crate::expr::is_literal;
use crate::tfjson;

/// A backend the runtime has: its Terraform name, Rust handle and config types, required
/// settings (the parameters of `Config::new`), and optional settings with a setter (name,
/// whether it takes a bool rather than a string).
struct Kind {
    name: &'static str,
    handle: &'static str,
    config: &'static str,
    required: &'static [&'static str],
    setters: &'static [(&'static str, bool)],
}

const KINDS: &[Kind] = &[
    Kind {
        name: "s3",
        handle: "S3Backend",
        config: "S3BackendConfig",
        required: &["bucket", "key"],
        setters: &[
            ("region", false),
            ("encrypt", true),
            ("acl", false),
            ("access_key", false),
            ("secret_key", false),
            ("kms_key_id", false),
            ("dynamodb_table", false),
            ("use_lockfile", true),
            ("profile", false),
            ("shared_credentials_file", false),
            ("token", false),
            ("workspace_key_prefix", false),
            ("endpoint", false),
            ("sts_region", false),
            ("use_path_style", true),
            ("force_path_style", true),
            ("skip_credentials_validation", true),
            ("skip_region_validation", true),
            ("skip_requesting_account_id", true),
            ("skip_metadata_api_check", true),
            ("skip_s3_checksum", true),
        ],
    },
    Kind {
        name: "gcs",
        handle: "GcsBackend",
        config: "GcsBackendConfig",
        required: &["bucket"],
        setters: &[
            ("prefix", false),
            ("credentials", false),
            ("access_token", false),
            ("impersonate_service_account", false),
            ("encryption_key", false),
            ("kms_encryption_key", false),
            ("storage_custom_endpoint", false),
        ],
    },
    Kind {
        name: "azurerm",
        handle: "AzurermBackend",
        config: "AzurermBackendConfig",
        required: &["storage_account_name", "container_name", "key"],
        setters: &[
            ("resource_group_name", false),
            ("environment", false),
            ("endpoint", false),
            ("metadata_host", false),
            ("snapshot", true),
            ("subscription_id", false),
            ("tenant_id", false),
            ("client_id", false),
            ("client_secret", false),
            ("client_certificate_path", false),
            ("client_certificate_password", false),
            ("access_key", false),
            ("sas_token", false),
            ("use_msi", true),
            ("msi_endpoint", false),
            ("use_oidc", true),
            ("oidc_token", false),
            ("oidc_token_file_path", false),
            ("oidc_request_url", false),
            ("oidc_request_token", false),
            ("use_azuread_auth", true),
        ],
    },
    Kind {
        name: "remote",
        handle: "RemoteBackend",
        config: "RemoteBackendConfig",
        required: &["organization"],
        setters: &[("hostname", false), ("token", false)],
    },
    Kind {
        name: "cloud",
        handle: "CloudBackend",
        config: "CloudBackendConfig",
        required: &["organization"],
        setters: &[("hostname", false), ("token", false)],
    },
];

fn invalid(loc: &Loc, message: impl Into<String>) -> Error {
    Error::Invalid {
        loc: loc.clone(),
        message: message.into(),
    }
}

/// A literal string setting.
fn string_of(body: &Body, name: &str, loc: &Loc, what: &str) -> Result<String> {
    match body.attr(name).map(|a| (&a.value, &a.loc)) {
        Some((hcl::Expression::String(s), _)) => Ok(s.clone()),
        Some((_, at)) => Err(invalid(
            at,
            format!("{what}: `{name}` must be a literal string"),
        )),
        None => Err(invalid(loc, format!("{what}: `{name}` is required"))),
    }
}

impl Ctx<'_, '_> {
    /// `backend "KIND" { ... }` (or the `cloud` block, `kind == "cloud"`), for every backend
    /// but `local` (which the caller handles).
    pub(crate) fn backend(&mut self, kind: &str, loc: &Loc, body: &Body) -> Result<TokenStream> {
        let what = if kind == "cloud" {
            "the `cloud` block".to_string()
        } else {
            format!("backend `{kind}`")
        };
        let k = KINDS
            .iter()
            .find(|k| k.name == kind)
            .ok_or_else(|| invalid(loc, format!("{what} is not converted yet")))?;
        let mut args = Vec::new();
        for r in k.required {
            let v = string_of(body, r, loc, &what)?;
            args.push(quote!(#v));
        }
        if matches!(kind, "remote" | "cloud") {
            args.push(self.workspaces(kind, loc, body)?);
        }
        let mut calls = Vec::new();
        for a in &body.attrs {
            let name = a.name.as_str();
            let workspaces = name == "workspaces" && matches!(kind, "remote" | "cloud");
            if k.required.contains(&name) || workspaces {
                continue;
            }
            if !is_literal(&a.value) {
                return Err(invalid(
                    &a.loc,
                    format!(
                        "{what}: `{name}` must be a literal (Terraform reads no expressions here)"
                    ),
                ));
            }
            let setter = k.setters.iter().find(|(n, _)| *n == name);
            let m = ident(name);
            match (setter, &a.value) {
                (Some((_, false)), hcl::Expression::String(s)) => calls.push(quote!(.#m(#s))),
                (Some((_, true)), hcl::Expression::Bool(b)) => calls.push(quote!(.#m(#b))),
                _ => {
                    self.needs_serde_json = true;
                    let json = json_tokens(&tfjson::expr_to_json(&a.value));
                    calls.push(quote!(.setting(#name, serde_json::json!(#json))));
                }
            }
        }
        if let Some(b) = body
            .blocks
            .iter()
            .find(|b| !(b.kind == "workspaces" && matches!(kind, "remote" | "cloud")))
        {
            return Err(invalid(
                &b.loc,
                format!("{what}: block `{}` is not converted yet", b.kind),
            ));
        }
        let (handle, config) = (ident(k.handle), ident(k.config));
        Ok(quote!(cdktf::backend::#handle::new(
            scope,
            cdktf::backend::#config::new(#(#args),*) #(#calls)*,
        );))
    }

    /// The `workspaces` block of `remote` (name or prefix) and `cloud` (name, optionally with
    /// a project, or tags).
    fn workspaces(&mut self, kind: &str, loc: &Loc, body: &Body) -> Result<TokenStream> {
        let what = format!("`{kind}` workspaces");
        // Terraform JSON writes the block as an object attribute.
        let from_json = body
            .attr("workspaces")
            .map(|a| object_block(a, "workspaces"));
        let ws: &Block = match &from_json {
            Some(b) => b,
            None => body.blocks_of("workspaces").next().ok_or_else(|| {
                invalid(loc, format!("{what}: the `workspaces` block is required"))
            })?,
        };
        let has = |n: &str| ws.body.attr(n).is_some();
        if let Some(a) = ws
            .body
            .attrs
            .iter()
            .find(|a| !matches!(a.name.as_str(), "name" | "prefix" | "project" | "tags"))
        {
            return Err(invalid(
                &a.loc,
                format!("{what}: `{}` is not converted", a.name),
            ));
        }
        if kind == "remote" {
            return match (has("name"), has("prefix")) {
                (true, false) => {
                    let n = string_of(&ws.body, "name", &ws.loc, &what)?;
                    Ok(quote!(cdktf::backend::RemoteWorkspaces::named(#n)))
                }
                (false, true) => {
                    let p = string_of(&ws.body, "prefix", &ws.loc, &what)?;
                    Ok(quote!(cdktf::backend::RemoteWorkspaces::prefixed(#p)))
                }
                _ => Err(invalid(
                    &ws.loc,
                    format!("{what}: one of `name` or `prefix`"),
                )),
            };
        }
        if has("tags") {
            let tags = ws.body.attr("tags").map(|a| (&a.value, &a.loc));
            let Some((hcl::Expression::Array(items), at)) = tags else {
                return Err(invalid(&ws.loc, format!("{what}: `tags` must be a list")));
            };
            let mut names = Vec::new();
            for i in items {
                let hcl::Expression::String(s) = i else {
                    return Err(invalid(at, format!("{what}: tags must be literal strings")));
                };
                names.push(s.clone());
            }
            if has("name") || has("project") {
                return Err(invalid(
                    &ws.loc,
                    format!("{what}: `tags` with `name` or `project` is not converted"),
                ));
            }
            return Ok(quote!(cdktf::backend::CloudWorkspaces::tagged([#(#names),*])));
        }
        let n = string_of(&ws.body, "name", &ws.loc, &what)?;
        if has("project") {
            let p = string_of(&ws.body, "project", &ws.loc, &what)?;
            return Ok(quote!(cdktf::backend::CloudWorkspaces::Name {
                name: #n.into(),
                project: Some(#p.into()),
            }));
        }
        Ok(quote!(cdktf::backend::CloudWorkspaces::named(#n)))
    }
}

/// An attribute whose value is an object (`workspaces = { name = "x" }`, as Terraform JSON
/// writes a block) as a block of that kind.
pub(crate) fn object_block(a: &crate::config::Attr, kind: &str) -> Block {
    let mut body = Body::default();
    if let hcl::Expression::Object(fields) = &a.value {
        for (k, v) in fields {
            body.attrs.push(crate::config::Attr {
                name: tfjson::literal_key(k).unwrap_or_default(),
                value: v.clone(),
                loc: a.loc.clone(),
            });
        }
    }
    Block {
        kind: kind.to_string(),
        labels: Vec::new(),
        body,
        loc: a.loc.clone(),
    }
}
