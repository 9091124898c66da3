//! Documentation pages of resources, data sources and ephemeral resources, in the shape of a
//! provider docs page (the seed: title, what it is, Example Usage, Argument Reference,
//! Attributes Reference).
//!
//! [`page`] builds one [`Page`] model from the IR; it is rendered twice from the same text: as the
//! rustdoc of the item's module ([`Page::rustdoc`], `//!` lines built from strings) and as a
//! registry-style Markdown file ([`Page::markdown`]). The example is an [`example::Example`]:
//! a placeholder model rendered as a Rust doctest and, for tests that run `terraform validate`,
//! as the JSON that stack synthesizes.
//!
//! Struct and module names come from the IR ([`type_path`]), never recomputed here.

pub mod example;

use crate::ir::{
    BlockMode, Facts, Field, FieldType, Item, ItemKind, Package, Presence, TypeId, ValueType,
};

pub use example::Example;

/// One docs page.
#[derive(Clone, Debug)]
pub struct Page {
    /// What the element is.
    pub kind: ItemKind,
    /// The Terraform type (`tfe_agent_token`).
    pub tf_name: String,
    /// The provider's local name (`tfe`).
    pub provider: String,
    /// The schema's description of the element.
    pub summary: Option<String>,
    /// Whether the element is deprecated.
    pub deprecated: bool,
    /// The cargo feature that enables the module.
    pub feature: Option<String>,
    /// The handle type (`AgentToken`) and the configuration struct (`AgentTokenConfig`).
    pub handle: String,
    /// The configuration struct.
    pub config: String,
    /// The generated example.
    pub example: Example,
    /// Settable arguments of the configuration.
    pub arguments: Vec<Entry>,
    /// Every nested block and object type reachable from the configuration, parents first.
    pub nested: Vec<Section>,
    /// Everything a reference can be taken of, with its getter on the handle.
    pub attributes: Vec<Entry>,
}

/// The arguments of one nested block or object type.
#[derive(Clone, Debug)]
pub struct Section {
    /// The Terraform path (`tfe_workspace.vcs_repo`).
    pub tf_path: String,
    /// The struct (`WorkspaceVcsRepo`).
    pub type_name: String,
    /// Its settable fields.
    pub arguments: Vec<Entry>,
    /// Other paths with the same type, and its alias there: (`tfe_x.b`, `XB`).
    pub aliases: Vec<(String, String)>,
}

/// One argument or attribute line.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The Terraform name.
    pub tf_name: String,
    /// The method to use, as an intra-doc path (`AgentTokenConfig::agent_pool_id`).
    pub method: String,
    /// The method name alone (`agent_pool_id`).
    pub method_name: String,
    /// `Required`, `Optional`, `Optional, Computed` or `Computed`, plus block cardinality.
    pub marker: String,
    /// The Terraform type (`string`, `list(string)`, `block`, ...).
    pub ty: String,
    /// The struct of a nested block or object, for a link.
    pub struct_name: Option<String>,
    /// `Sensitive`, `Write-only`, `Deprecated`.
    pub flags: Vec<&'static str>,
    /// The schema's description.
    pub description: Option<String>,
}

/// The name of the struct `id` as seen from the item's module. The one place that maps a type to
/// a path: if nested types move to a shared module, only this changes.
pub fn type_path(item: &Item, id: TypeId) -> String {
    item.types[id].rust_name.clone()
}

/// The name of the struct `id` as the field `field` names it: its alias at that path, if any.
pub fn field_type_path(item: &Item, field: &Field, id: TypeId) -> String {
    match field.alias {
        Some(a) => item.aliases[a].rust_name.clone(),
        None => type_path(item, id),
    }
}

/// The Terraform type of a value, for the reference lists.
fn value_label(ty: &ValueType) -> String {
    match ty {
        ValueType::String => "string".into(),
        ValueType::Number => "number".into(),
        ValueType::Bool => "bool".into(),
        ValueType::Dynamic => "dynamic".into(),
        ValueType::List(t) => format!("list({})", value_label(t)),
        ValueType::Set(t) => format!("set({})", value_label(t)),
        ValueType::Map(t) => format!("map({})", value_label(t)),
        ValueType::Object(_) => "object".into(),
    }
}

fn first_object(ty: &ValueType) -> Option<TypeId> {
    match ty {
        ValueType::Object(id) => Some(*id),
        ValueType::List(t) | ValueType::Set(t) | ValueType::Map(t) => first_object(t),
        _ => None,
    }
}

/// The entry of one field; `owner` is the struct (or handle) holding the method.
fn entry(item: &Item, owner: &str, field: &Field) -> Entry {
    let f = field.facts;
    let (ty, struct_name, cardinality) = match &field.ty {
        FieldType::Attr(t) => (
            value_label(t),
            first_object(t).map(|id| field_type_path(item, field, id)),
            String::new(),
        ),
        FieldType::Block { mode, ty } => {
            let (label, card) = match mode {
                BlockMode::Single | BlockMode::OneOf { .. } => (
                    "block",
                    if f.min_items >= 1 {
                        "exactly one"
                    } else {
                        "at most one"
                    }
                    .to_string(),
                ),
                BlockMode::List => ("block list", bounds(f)),
                BlockMode::Set => ("block set", bounds(f)),
                BlockMode::Map => ("block map", bounds(f)),
            };
            (
                label.to_string(),
                Some(field_type_path(item, field, *ty)),
                card,
            )
        }
    };
    let mut marker = match (field.presence, f.computed) {
        (Presence::Required, _) => "Required".to_string(),
        (Presence::Optional, true) => "Optional, Computed".to_string(),
        (Presence::Optional, false) => "Optional".to_string(),
        (Presence::Computed, _) => "Computed".to_string(),
    };
    if !cardinality.is_empty() {
        marker = format!("{marker}, {cardinality}");
    }
    let mut flags = Vec::new();
    if f.sensitive {
        flags.push("Sensitive");
    }
    if f.write_only {
        flags.push("Write-only");
    }
    if field.doc.deprecated {
        flags.push("Deprecated");
    }
    Entry {
        tf_name: field.tf_name.clone(),
        method: format!("{owner}::{}", field.rust_name),
        method_name: field.rust_name.clone(),
        marker,
        ty,
        struct_name,
        flags,
        description: field.doc.description.clone(),
    }
}

fn bounds(f: Facts) -> String {
    match (f.min_items, f.max_items) {
        (0, 0) => "any number".into(),
        (min, 0) => format!("at least {min}"),
        (0, max) => format!("at most {max}"),
        (min, max) if min == max => format!("exactly {min}"),
        (min, max) => format!("{min} to {max}"),
    }
}

/// Nested struct types reachable from the configuration, in first-use order (each once).
fn reachable(item: &Item) -> Vec<TypeId> {
    let mut seen = vec![false; item.types.len()];
    let mut order = Vec::new();
    let mut queue = std::collections::VecDeque::from([item.config]);
    seen[item.config] = true;
    while let Some(id) = queue.pop_front() {
        if id != item.config {
            order.push(id);
        }
        for field in &item.types[id].fields {
            let child = match &field.ty {
                FieldType::Attr(t) => first_object(t),
                FieldType::Block { ty, .. } => Some(*ty),
            };
            if let Some(c) = child {
                if !seen[c] {
                    seen[c] = true;
                    queue.push_back(c);
                }
            }
        }
    }
    order
}

/// Builds the page of `item` (a resource, data source or ephemeral resource) of `pkg`. `krate` is
/// the crate name the example imports from (`None`: the example is not compiled).
pub fn page(pkg: &Package, item: &Item, krate: Option<&str>) -> Page {
    build_page(pkg, item, krate, true)
}

/// The page of `item` for its module's rustdoc: [`page`] without the nested sections, which only
/// the Markdown page shows (in rustdoc each struct has its own page). For the largest AWS
/// resources, those sections are thousands of entries.
pub fn module_page(pkg: &Package, item: &Item, krate: Option<&str>) -> Page {
    build_page(pkg, item, krate, false)
}

fn build_page(pkg: &Package, item: &Item, krate: Option<&str>, with_nested: bool) -> Page {
    let config = &item.types[item.config];
    let config_name = type_path(item, item.config);
    let arguments = config
        .fields
        .iter()
        .filter(|f| f.presence != Presence::Computed)
        .map(|f| entry(item, &config_name, f))
        .collect();
    let attributes = config
        .fields
        .iter()
        .map(|f| entry(item, &item.rust_name, f))
        .collect();
    let reached = if with_nested {
        reachable(item)
    } else {
        Vec::new()
    };
    let nested = reached
        .into_iter()
        .map(|id| {
            let ty = &item.types[id];
            let name = type_path(item, id);
            Section {
                tf_path: ty.tf_path.clone(),
                arguments: ty
                    .fields
                    .iter()
                    .filter(|f| f.presence != Presence::Computed)
                    .map(|f| entry(item, &name, f))
                    .collect(),
                type_name: name,
                aliases: item
                    .aliases
                    .iter()
                    .filter(|a| a.target == id)
                    .map(|a| (a.tf_path.clone(), a.rust_name.clone()))
                    .collect(),
            }
        })
        .collect();
    Page {
        kind: item.kind,
        tf_name: item.tf_name.clone(),
        provider: pkg.provider_name.clone(),
        summary: item.doc.description.clone(),
        deprecated: item.doc.deprecated,
        feature: item.feature.clone(),
        handle: item.rust_name.clone(),
        config: config_name,
        example: example::build(pkg, item, krate),
        arguments,
        nested,
        attributes,
    }
}

/// Whether links are intra-doc links (rustdoc) or plain code (Markdown).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Rustdoc,
    Markdown,
}

impl Page {
    fn kind_word(&self) -> &'static str {
        match self.kind {
            ItemKind::Resource => "resource",
            ItemKind::DataSource => "data source",
            ItemKind::Ephemeral => "ephemeral resource",
            ItemKind::Provider => "provider",
        }
    }

    /// The page as the rustdoc of the module (one string per `//!` line, each with its leading
    /// space). Nested blocks link to their structs, whose pages list their own arguments.
    pub fn rustdoc(&self) -> Vec<String> {
        let text = self.render(Target::Rustdoc);
        text.lines().map(|l| format!(" {l}")).collect()
    }

    /// The page as a registry-style Markdown file (`docs/resources/NAME.md`), nested blocks
    /// included since there are no struct pages to link to.
    pub fn markdown(&self) -> String {
        let mut out = String::from("---\n");
        out.push_str(&format!(
            "page_title: {}\n",
            yaml_str(&format!("{}: {}", self.provider, self.tf_name))
        ));
        let summary = self.summary.as_deref().map(str::trim).unwrap_or("");
        let first = summary.lines().next().unwrap_or("");
        out.push_str(&format!("description: |-\n  {first}\n---\n\n"));
        out.push_str(&self.render(Target::Markdown));
        out.push_str("\n\n<!-- This file is @generated by codegen. Do not edit. -->\n");
        out
    }

    fn render(&self, to: Target) -> String {
        let mut out = String::new();
        let title = match to {
            Target::Rustdoc => format!("# `{}`", self.tf_name),
            Target::Markdown => format!("# {}", self.tf_name),
        };
        out.push_str(&title);
        out.push_str("\n\n");
        if self.deprecated {
            out.push_str("**Deprecated.**\n\n");
        }
        if let Some(s) = &self.summary {
            out.push_str(&super::fence_code_blocks(s.trim()));
            out.push_str("\n\n");
        }
        let what = self.kind_word();
        let article = if what.starts_with('e') { "An" } else { "A" };
        let (handle, config) = match to {
            Target::Rustdoc => (
                format!("[`{0}::new`]", self.handle),
                format!("[`{}`]", self.config),
            ),
            Target::Markdown => (
                format!("`{}::new`", self.handle),
                format!("`{}`", self.config),
            ),
        };
        out.push_str(&format!(
            "{article} {what} of the `{}` provider: create it with {handle} from its configuration {config} \
             (required arguments are the parameters of `{}::new`, optional ones are setters).",
            self.provider, self.config
        ));
        if let Some(f) = &self.feature {
            out.push_str(&format!(" Enabled by the cargo feature `{f}`."));
        }
        out.push_str("\n\n## Example Usage\n\n");
        out.push_str(&match to {
            Target::Rustdoc => self.example.rustdoc_block(),
            Target::Markdown => self.example.markdown_block(),
        });
        out.push_str("\n\n## Argument Reference\n\n");
        if self.arguments.is_empty() {
            out.push_str("This element takes no arguments.\n");
        } else {
            out.push_str("The following arguments are supported:\n\n");
            for e in &self.arguments {
                out.push_str(&e.render(to, false));
            }
        }
        if to == Target::Markdown {
            let relative = |path: &str| {
                path.trim_start_matches(&format!("{}.", self.tf_name))
                    .to_string()
            };
            for s in &self.nested {
                out.push_str(&format!(
                    "\n### `{}` (`{}`)\n\n",
                    relative(&s.tf_path),
                    s.type_name
                ));
                if !s.aliases.is_empty() {
                    let also: Vec<String> = s
                        .aliases
                        .iter()
                        .map(|(path, name)| format!("`{}` (`{name}`)", relative(path)))
                        .collect();
                    out.push_str(&format!(
                        "The same type, under its own name, at: {}.\n\n",
                        also.join(", ")
                    ));
                }
                if s.arguments.is_empty() {
                    out.push_str("No arguments.\n");
                }
                for e in &s.arguments {
                    out.push_str(&e.render(to, false));
                }
            }
        }
        out.push_str("\n## Attributes Reference\n\n");
        let first = self.attributes.first();
        out.push_str(&format!(
            "Every attribute can be read back as a typed reference with the getter of the same \
             name on `{}`: `.{}()` renders `${{{}.<id>.{}}}`.\n\n",
            self.handle,
            first.map_or("id", |e| e.method_name.trim_start_matches("r#")),
            self.address_prefix(),
            first.map_or("id", |e| e.tf_name.as_str()),
        ));
        for e in &self.attributes {
            out.push_str(&e.render(to, true));
        }
        out.trim_end().to_string()
    }

    fn address_prefix(&self) -> String {
        match self.kind {
            ItemKind::DataSource => format!("data.{}", self.tf_name),
            ItemKind::Ephemeral => format!("ephemeral.{}", self.tf_name),
            _ => self.tf_name.clone(),
        }
    }
}

impl Entry {
    fn render(&self, to: Target, reading: bool) -> String {
        let call = if reading {
            format!("`.{}()`", self.method_name.trim_start_matches("r#"))
        } else {
            format!("`.{}(...)`", self.method_name.trim_start_matches("r#"))
        };
        let method = match to {
            Target::Rustdoc => format!("[{call}]({})", self.method),
            Target::Markdown => call,
        };
        let ty = match (&self.struct_name, to) {
            (Some(s), Target::Rustdoc) => format!("{}, [`{s}`]", self.ty),
            (Some(s), Target::Markdown) => format!("{}, `{s}`", self.ty),
            (None, _) => self.ty.clone(),
        };
        let mut head = format!("* `{}` ({method}, {ty}) - ", self.tf_name);
        if !reading || self.marker.starts_with("Computed") {
            head.push_str(&format!("({}) ", self.marker));
        }
        let mut text = match (self.description.as_deref().map(str::trim), to) {
            (None, _) => String::new(),
            (Some(d), Target::Markdown) => super::fence_code_blocks(d),
            // The method's own rustdoc has the full text; the page keeps a line's worth.
            (Some(d), Target::Rustdoc) => match brief(d, BRIEF_MAX) {
                Some(cut) => format!(
                    "{} … (the rest on [`{}`]({}))",
                    super::fence_code_blocks(cut),
                    self.method_name.trim_start_matches("r#"),
                    self.method
                ),
                None => super::fence_code_blocks(d),
            },
        };
        for flag in &self.flags {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&format!("**{flag}.**"));
        }
        let mut out = head;
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                out.push('\n');
                if !line.trim().is_empty() {
                    out.push_str("  ");
                }
            }
            out.push_str(line);
        }
        let trimmed = out.trim_end().trim_end_matches(" -").len();
        out.truncate(trimmed);
        out.push('\n');
        out
    }
}

/// Descriptions longer than this (in bytes) are shortened on the rustdoc page.
const BRIEF_MAX: usize = 600;

/// The first paragraph of `text`, cut to at most `max` bytes on a word boundary, when `text` is
/// longer than `max`; `None` when it fits.
fn brief(text: &str, max: usize) -> Option<&str> {
    if text.len() <= max {
        return None;
    }
    let para = text.split("\n\n").next().unwrap_or(text);
    let mut end = para.len().min(max);
    while !para.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &para[..end];
    Some(match cut.rfind(char::is_whitespace) {
        Some(i) if end < para.len() && i > max / 2 => cut[..i].trim_end(),
        _ => cut.trim_end(),
    })
}

/// A YAML double-quoted scalar (JSON string escapes are valid YAML).
fn yaml_str(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// The Markdown file of a page, relative to the docs root: `docs/resources/NAME.md`,
/// `docs/data-sources/NAME.md`, `docs/ephemeral-resources/NAME.md`, with NAME the type without
/// its provider prefix, as in the registry.
pub fn markdown_path(page: &Page) -> String {
    let dir = match page.kind {
        ItemKind::DataSource => "data-sources",
        ItemKind::Ephemeral => "ephemeral-resources",
        _ => "resources",
    };
    let base = crate::naming::resource_base(&page.tf_name, &page.provider);
    let safe: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("docs/{dir}/{safe}.md")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_descriptions_are_cut_on_the_rustdoc_page() {
        assert_eq!(brief("short", 10), None);
        assert_eq!(brief("one two three four", 10), Some("one two"));
        assert_eq!(
            brief("first para\n\nsecond paragraph", 12),
            Some("first para")
        );
        assert_eq!(brief("ééééé", 5), Some("éé"));
    }

    #[test]
    fn facts_come_from_the_ir_fields() {
        let pkg = crate::ir::build::test_package(
            r#"{"provider_schemas":{"registry.terraform.io/h/p":{"resource_schemas":{"p_a":
            {"block":{"attributes":{"c":{"type":"string","optional":true,"computed":true,
            "sensitive":true,"write_only":true}},"block_types":{"b":{"nesting_mode":"list",
            "min_items":2,"max_items":4,"block":{}}}}}}}}}"#,
        );
        let item = &pkg.items[0];
        let fields = &item.types[item.config].fields;
        let b = fields[0].facts;
        assert_eq!((b.min_items, b.max_items), (2, 4));
        let c = fields[1].facts;
        assert!(c.computed && c.sensitive && c.write_only, "{c:?}");
        // The notes say the same in words.
        assert_eq!(
            fields[0].doc.notes,
            ["Required block.", "At least 2.", "At most 4."]
        );
        assert_eq!(
            fields[1].doc.notes,
            [
                "Optional; computed by the provider when not set.",
                "Sensitive: hidden in plan output.",
                "Write-only: never stored in state."
            ]
        );
    }
}
