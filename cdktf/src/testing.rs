//! Helpers for testing stacks: synthesize in memory and assert on the JSON.
//!
//! ```
//! use cdktf::prelude::*;
//! use cdktf::testing;
//!
//! let app = App::new();
//! let stack = TerraformStack::new(&app, "test");
//! TerraformOutput::new(&stack, "x", "y");
//! let json = testing::synth(&app, "test").unwrap();
//! assert!(testing::has_output(&json, "x"));
//! ```

use crate::app::App;
use crate::error::Result;

/// The synthesized JSON of the stack `stack` of `app`, in memory.
pub fn synth(app: &App, stack: &str) -> Result<serde_json::Value> {
    app.synth_stack(stack)
}

/// The resources (or, with `data`, data sources) of type `tf_type` in a synthesized stack.
pub fn resources_of_type<'a>(
    json: &'a serde_json::Value,
    tf_type: &str,
) -> Vec<&'a serde_json::Map<String, serde_json::Value>> {
    blocks_of(json, "resource", tf_type)
}

/// The data sources of type `tf_type` in a synthesized stack.
pub fn data_sources_of_type<'a>(
    json: &'a serde_json::Value,
    tf_type: &str,
) -> Vec<&'a serde_json::Map<String, serde_json::Value>> {
    blocks_of(json, "data", tf_type)
}

fn blocks_of<'a>(
    json: &'a serde_json::Value,
    kind: &str,
    tf_type: &str,
) -> Vec<&'a serde_json::Map<String, serde_json::Value>> {
    json.get(kind)
        .and_then(|k| k.get(tf_type))
        .and_then(serde_json::Value::as_object)
        .map(|m| {
            m.values()
                .filter_map(serde_json::Value::as_object)
                .collect()
        })
        .unwrap_or_default()
}

/// Whether `json` (at every key of `expected`, recursively) contains `expected`: objects match
/// when each expected key matches, everything else must be equal.
pub fn contains(actual: &serde_json::Value, expected: &serde_json::Value) -> bool {
    match (actual, expected) {
        (serde_json::Value::Object(a), serde_json::Value::Object(e)) => e
            .iter()
            .all(|(k, ev)| a.get(k).is_some_and(|av| contains(av, ev))),
        _ => actual == expected,
    }
}

/// Whether the stack has a resource of type `tf_type` whose arguments include `properties`.
pub fn has_resource_with_properties(
    json: &serde_json::Value,
    tf_type: &str,
    properties: &serde_json::Value,
) -> bool {
    resources_of_type(json, tf_type)
        .into_iter()
        .any(|r| contains(&serde_json::Value::Object(r.clone()), properties))
}

/// Whether the stack has a data source of type `tf_type` whose arguments include `properties`.
pub fn has_data_source_with_properties(
    json: &serde_json::Value,
    tf_type: &str,
    properties: &serde_json::Value,
) -> bool {
    data_sources_of_type(json, tf_type)
        .into_iter()
        .any(|r| contains(&serde_json::Value::Object(r.clone()), properties))
}

/// Whether the stack has an output named `name`.
pub fn has_output(json: &serde_json::Value, name: &str) -> bool {
    json.get("output").and_then(|o| o.get(name)).is_some()
}

/// Panics with a readable message unless the stack has a resource of type `tf_type` with
/// `properties`. For use in tests.
#[track_caller]
pub fn assert_has_resource_with_properties(
    json: &serde_json::Value,
    tf_type: &str,
    properties: &serde_json::Value,
) {
    assert!(
        has_resource_with_properties(json, tf_type, properties),
        "no resource of type {tf_type} with {properties}; resources of that type: {:?}",
        resources_of_type(json, tf_type)
    );
}

/// Panics with a readable message unless the stack has a data source of type `tf_type` with
/// `properties`. For use in tests.
///
/// ```
/// use cdktf::backend::LocalBackendConfig;
/// use cdktf::prelude::*;
/// use cdktf::testing;
///
/// let app = App::new();
/// let stack = TerraformStack::new(&app, "test");
/// TerraformRemoteState::local(&stack, "net", LocalBackendConfig::new().path("net.tfstate"));
/// let json = testing::synth(&app, "test").unwrap();
/// testing::assert_has_data_source_with_properties(
///     &json,
///     "terraform_remote_state",
///     &serde_json::json!({ "backend": "local", "config": { "path": "net.tfstate" } }),
/// );
/// ```
#[track_caller]
pub fn assert_has_data_source_with_properties(
    json: &serde_json::Value,
    tf_type: &str,
    properties: &serde_json::Value,
) {
    assert!(
        has_data_source_with_properties(json, tf_type, properties),
        "no data source of type {tf_type} with {properties}; data sources of that type: {:?}",
        data_sources_of_type(json, tf_type)
    );
}

/// Whether the stack configures the provider `name` (any of its configurations) with
/// `properties`.
pub fn has_provider_with_properties(
    json: &serde_json::Value,
    name: &str,
    properties: &serde_json::Value,
) -> bool {
    json.get("provider")
        .and_then(|p| p.get(name))
        .and_then(serde_json::Value::as_array)
        .is_some_and(|configs| configs.iter().any(|c| contains(c, properties)))
}

/// The value of the output `name`, as synthesized (`None` if there is no such output).
///
/// ```
/// use cdktf::prelude::*;
/// use cdktf::testing;
///
/// let app = App::new();
/// let stack = TerraformStack::new(&app, "test");
/// let v = TerraformVariable::new(&stack, "name");
/// TerraformOutput::new(&stack, "greeting", format!("hi {}", v.string_value()));
/// let json = testing::synth(&app, "test").unwrap();
/// assert_eq!(testing::output_value(&json, "greeting"), Some(&serde_json::json!("hi ${var.name}")));
/// ```
pub fn output_value<'a>(json: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    json.get("output")
        .and_then(|o| o.get(name))
        .and_then(|o| o.get("value"))
}

/// The module blocks of a synthesized stack whose `source` is `source`.
pub fn modules_with_source<'a>(
    json: &'a serde_json::Value,
    source: &str,
) -> Vec<&'a serde_json::Map<String, serde_json::Value>> {
    json.get("module")
        .and_then(serde_json::Value::as_object)
        .map(|m| {
            m.values()
                .filter_map(serde_json::Value::as_object)
                .filter(|m| m.get("source").and_then(serde_json::Value::as_str) == Some(source))
                .collect()
        })
        .unwrap_or_default()
}
