//! A hand-written binding in the shape the generator emits, so that runtime tests do not depend
//! on generated code.
#![allow(dead_code)]

use cdktf::{Args, MetaArguments, Object, Resource, ResourceMode, Scope, Value};

pub const TFE: cdktf::ProviderInfo = cdktf::ProviderInfo {
    name: "tfe",
    source: "hashicorp/tfe",
    version: Some("0.71.0"),
};

#[derive(Clone, Debug, Default)]
pub struct Config(pub Args);

impl Config {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set<T>(mut self, name: &'static str, v: impl Into<Value<T>>) -> Self {
        self.0.set(name, v);
        self
    }
}

impl Object for Config {
    fn into_args(self) -> Args {
        self.0
    }
}

impl MetaArguments for Config {
    fn args_mut(&mut self) -> &mut Args {
        &mut self.0
    }
}

pub fn resource(scope: &impl Scope, id: &str, tf_type: &'static str, config: Config) -> Resource {
    Resource::create(scope, id, tf_type, ResourceMode::Managed, config.0)
}

pub fn data(scope: &impl Scope, id: &str, tf_type: &'static str, config: Config) -> Resource {
    Resource::create(scope, id, tf_type, ResourceMode::Data, config.0)
}

pub fn provider(scope: &impl Scope, id: &str, config: Config) -> cdktf::Provider {
    cdktf::Provider::create(scope, id, TFE, config.0)
}

/// A config for Terraform's built-in `terraform_data` resource.
pub fn data_resource(scope: &impl Scope, id: &str, config: Config) -> Resource {
    Resource::create(scope, id, "terraform_data", ResourceMode::Managed, config.0)
}

/// The snapshot text of a synthesized stack: cdktf's JSON format, with the values that differ
/// between machines and releases replaced (`__CWD__`, `__VERSION__`).
pub fn snapshot_text(json: &serde_json::Value) -> String {
    let mut json = json.clone();
    if let Some(v) = json.pointer_mut("/~1~1/metadata/version") {
        *v = "__VERSION__".into();
    }
    if let Some(v) = json.pointer_mut("/version") {
        *v = "__VERSION__".into();
    }
    let cwd = std::env::current_dir()
        .expect("cwd")
        .to_string_lossy()
        .into_owned();
    cdktf::synth::json::to_string(&json).replace(&cwd, "__CWD__")
}

/// Every stack of `app`, synthesized, as one snapshot text (`=== name ===` headers).
pub fn app_snapshot(app: &cdktf::App) -> String {
    let mut out = String::new();
    for (name, json) in app.synth_all().expect("synth") {
        out.push_str(&format!("=== {name} ===\n{}\n", snapshot_text(&json)));
    }
    out
}
