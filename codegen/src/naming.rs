//! All identifier logic: Terraform names -> Rust identifiers, module and type names as cdktf
//! derives them, and deterministic collision resolution.
//!
//! The rules, in order:
//! 1. non-identifier characters separate words; non-ASCII characters are spelled as `uXXXX`
//!    (so `ñ` and `n` stay distinct and the output stays ASCII); heck does the casing;
//! 2. an empty result becomes `unnamed`, a leading digit gets a prefix (`_` for snake case, `T`
//!    for types);
//! 3. keywords become raw identifiers (`r#type`), except those that cannot be raw (`self`, `Self`,
//!    `super`, `crate`, `_`), which get a `_` suffix, as do names of methods the generated code
//!    itself defines (`new`, the `MetaArguments` methods, the `Deref` target's methods, ...);
//! 4. names still taken get a numeric suffix (`_2`, `_3`, ...). Names whose Terraform spelling is
//!    already their Rust spelling are served first, so `foo` keeps `foo` when `Foo` also exists.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords of every edition (strict and reserved).
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Methods that generated top-level types (resource/data source/provider configs and handles)
/// define or inherit; a field getter or setter with one of these names would hide or clash with it.
pub const TOP_LEVEL_RESERVED: &[&str] = &[
    "new",
    "depends_on",
    "count",
    "for_each",
    "provider",
    "lifecycle",
    "provisioner",
    "connection",
    "from_node",
    "configure",
    "update_args",
    "generate_config_for_import",
    "import_from",
    "import_from_with_provider",
    "add_move_target",
    "move_to",
    "move_to_id",
    "move_from_id",
    "args_mut",
    "into_args",
    "node",
    "fqn",
    "attr",
    "attr_expression",
    "terraform_resource_type",
    "mode",
    "element_node",
    "add_override",
    "override_logical_id",
    "reset_override_logical_id",
    "logical_id",
    "dependable_node",
    "as_ref",
    "clone",
    "fmt",
    "default",
    "deref",
    "into",
    "info",
    "alias",
    "to_string",
    "from",
];

/// Methods that generated nested block / object types and their `...Ref` types define.
pub const NESTED_RESERVED: &[&str] = &[
    "new",
    "into_args",
    "clone",
    "fmt",
    "default",
    "from_expression",
    "into",
    "from",
    "to_string",
];

/// Module names the generated package uses itself.
pub const RESERVED_MODULES: &[&str] = &["provider", "functions"];

/// Splits `name` into ASCII words for heck: non-alphanumerics separate words, non-ASCII
/// characters become `uXXXX` words.
fn ascii_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_ascii() {
            out.push('_');
        } else {
            out.push_str(&format!("_u{:04x}_", u32::from(c)));
        }
    }
    out
}

/// `snake_case` without keyword handling; never empty, never starts with a digit.
pub fn snake(name: &str) -> String {
    let s = ascii_words(name).to_snake_case();
    if s.is_empty() {
        "unnamed".to_string()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{s}")
    } else {
        s
    }
}

/// `UpperCamelCase`; never empty, never starts with a digit.
pub fn camel(name: &str) -> String {
    let s = ascii_words(name).to_upper_camel_case();
    if s.is_empty() {
        "Unnamed".to_string()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("T{s}")
    } else {
        s
    }
}

/// A value-namespace identifier (method, parameter) for `bare`, avoiding `reserved` names.
fn finish(bare: &str, reserved: &[&str]) -> String {
    if NOT_RAW.contains(&bare) || reserved.contains(&bare) {
        format!("{bare}_")
    } else if KEYWORDS.contains(&bare) {
        format!("r#{bare}")
    } else {
        bare.to_string()
    }
}

/// Whether `ident` parses as one identifier (raw identifiers included).
pub fn is_valid_ident(ident: &str) -> bool {
    syn::parse_str::<syn::Ident>(ident).is_ok()
}

/// Assigns distinct identifiers to Terraform names (`sep` goes before a numeric suffix: `_` for
/// snake case, nothing for types). Returns a map from Terraform name to Rust
/// identifier (possibly `r#...`). `to_ident` turns one name into its preferred identifier.
pub fn assign<'a>(
    names: impl IntoIterator<Item = &'a str>,
    taken: &BTreeSet<String>,
    sep: &str,
    to_ident: impl Fn(&str) -> String,
) -> BTreeMap<String, String> {
    let names: BTreeSet<&str> = names.into_iter().collect();
    let preferred: BTreeMap<&str, String> = names.iter().map(|n| (*n, to_ident(n))).collect();
    let mut used: BTreeSet<String> = taken.clone();
    let mut out = BTreeMap::new();
    // Pass 1: names that are already their identifier keep it.
    for (name, ident) in &preferred {
        if ident.trim_start_matches("r#") == *name && used.insert(ident.clone()) {
            out.insert((*name).to_string(), ident.clone());
        }
    }
    // Pass 2: the rest, in name order, with a numeric suffix when taken.
    let all_preferred: BTreeSet<&String> = preferred.values().collect();
    // Where the suffix search of each bare name resumes: every lower suffix is taken already, so
    // k names that collide cost k probes, not k * k / 2 (a hostile schema can have thousands).
    let mut next: BTreeMap<String, usize> = BTreeMap::new();
    for (name, ident) in &preferred {
        if out.contains_key(*name) {
            continue;
        }
        let mut candidate = ident.clone();
        let bare = ident
            .trim_start_matches("r#")
            .trim_end_matches('_')
            .to_string();
        let mut n = next.get(&bare).copied().unwrap_or(2);
        while used.contains(&candidate) || !is_valid_ident(&candidate) {
            candidate = format!("{bare}{sep}{n}");
            if all_preferred.contains(&candidate) {
                candidate.clear();
            }
            n += 1;
        }
        next.insert(bare, n);
        used.insert(candidate.clone());
        out.insert((*name).to_string(), candidate);
    }
    out
}

/// The method identifier of a field, avoiding `reserved` method names.
pub fn field_ident(tf_name: &str, reserved: &[&str]) -> String {
    finish(&snake(tf_name), reserved)
}

/// A parameter identifier (function parameters).
pub fn param_ident(tf_name: &str) -> String {
    finish(&snake(tf_name), &[])
}

/// A type identifier for `name`. `Self` is the only keyword in camel case and cannot be raw; it
/// becomes `SelfType`, since `Self_` would trip the `non_camel_case_types` lint in generated code.
pub fn type_ident(name: &str) -> String {
    match camel(name) {
        s if s == "Self" => "SelfType".to_string(),
        s => s,
    }
}

/// A module (and file) name: keywords get a `_` suffix, since `mod r#type;` would look for
/// `type.rs` and raw module names read badly.
pub fn module_ident(name: &str) -> String {
    let s = snake(name);
    if KEYWORDS.contains(&s.as_str()) || RESERVED_MODULES.contains(&s.as_str()) {
        format!("{s}_")
    } else {
        s
    }
}

/// The module base name of a resource, as cdktf derives it: the type without the `<provider>_`
/// prefix; the full type when it lacks the prefix or nothing is left.
pub fn resource_base(tf_type: &str, provider: &str) -> String {
    match tf_type.strip_prefix(&format!("{provider}_")) {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => tf_type.to_string(),
    }
}

/// A cargo feature name for `name`: kept as is when cargo accepts it, else its snake case.
pub fn feature_name(name: &str) -> String {
    let ok = name.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+' | '.'));
    if ok && name != "default" && name != "full" {
        name.to_string()
    } else {
        format!("{}_", snake(name).trim_start_matches('_'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_identifiers() {
        let table: &[(&str, &str)] = &[
            ("name", "name"),
            ("type", "r#type"),
            ("match", "r#match"),
            ("async", "r#async"),
            ("self", "self_"),
            ("Self", "self_"),
            ("crate", "crate_"),
            ("super", "super_"),
            ("new", "new_"),
            ("depends_on", "depends_on_"),
            ("count", "count_"),
            ("for_each", "for_each_"),
            ("provider", "provider_"),
            ("lifecycle", "lifecycle_"),
            ("node", "node_"),
            ("fqn", "fqn_"),
            ("attr", "attr_"),
            ("1st", "_1st"),
            ("foo-bar", "foo_bar"),
            ("foo.bar baz", "foo_bar_baz"),
            ("", "unnamed"),
            ("-", "unnamed"),
            ("HTTPServer", "http_server"),
            ("camelCase", "camel_case"),
            ("ñame", "u00f1_ame"),
        ];
        for (tf, want) in table {
            let got = field_ident(tf, TOP_LEVEL_RESERVED);
            assert_eq!(&got, want, "field_ident({tf:?})");
            assert!(is_valid_ident(&got), "{got} is not an identifier");
        }
    }

    #[test]
    fn type_and_module_names() {
        assert_eq!(type_ident("agent_token"), "AgentToken");
        assert_eq!(type_ident("data_tfe_organization"), "DataTfeOrganization");
        assert_eq!(type_ident("self"), "SelfType");
        assert_eq!(type_ident("Self"), "SelfType");
        assert_eq!(type_ident("a; panic!()"), "APanic");
        assert_eq!(type_ident(""), "Unnamed");
        assert_eq!(type_ident("9lives"), "T9lives");
        assert_eq!(module_ident("type"), "type_");
        assert_eq!(module_ident("static"), "static_");
        assert_eq!(module_ident("provider"), "provider_");
        assert_eq!(module_ident("agent_token"), "agent_token");
        assert_eq!(resource_base("tfe_agent_token", "tfe"), "agent_token");
        assert_eq!(resource_base("tfe_", "tfe"), "tfe_");
        assert_eq!(resource_base("other_thing", "tfe"), "other_thing");
        assert_eq!(feature_name("tfe_agent_token"), "tfe_agent_token");
        assert_eq!(feature_name("full"), "full_");
    }

    #[test]
    fn collisions_get_stable_suffixes() {
        let names = ["foo", "Foo", "FOO", "f-oo", "foo_2", "type", "r#type"];
        let got = assign(names, &BTreeSet::new(), "_", |n| field_ident(n, &[]));
        assert_eq!(got["foo"], "foo");
        assert_eq!(got["foo_2"], "foo_2");
        assert_eq!(got["type"], "r#type");
        let values: BTreeSet<&String> = got.values().collect();
        assert_eq!(values.len(), names.len(), "{got:?}");
        for v in values {
            assert!(is_valid_ident(v), "{v}");
        }
        // Same input, same output.
        assert_eq!(
            got,
            assign(names, &BTreeSet::new(), "_", |n| field_ident(n, &[]))
        );
    }

    #[test]
    fn many_colliding_names_get_consecutive_suffixes() {
        let names: Vec<String> = (0..3000).map(|k| format!("a{}", "!".repeat(k))).collect();
        let got = assign(
            names.iter().map(String::as_str),
            &BTreeSet::new(),
            "_",
            |n| field_ident(n, &[]),
        );
        assert_eq!(got["a"], "a");
        assert_eq!(got["a!"], "a_2");
        assert_eq!(got[&names[2999]], "a_3000");
        let distinct: BTreeSet<&String> = got.values().collect();
        assert_eq!(distinct.len(), names.len());
    }

    #[test]
    fn taken_names_are_avoided() {
        let taken: BTreeSet<String> = ["WorkspaceConfig".to_string()].into();
        let got = assign(["config"], &taken, "", |n| format!("Workspace{}", camel(n)));
        assert_eq!(got["config"], "WorkspaceConfig2");
    }
}
