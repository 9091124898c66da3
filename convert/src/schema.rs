//! The provider schemas a configuration converts against: codegen's own IR
//! ([`codegen::read_ir`]), so module, type, setter and getter names are those of the generated
//! bindings by construction.

use codegen::ir::{Field, FieldType, Item, ItemKind, ObjectType, Package, TypeId, ValueType};

use crate::error::Result;

/// The loaded providers and the crate each one's bindings are in.
#[derive(Clone, Debug, Default)]
pub struct Schemas {
    providers: Vec<(Package, String)>,
}

/// A resource or data source type found in a schema.
#[derive(Clone, Copy, Debug)]
pub struct Found<'a> {
    /// Its provider.
    pub package: &'a Package,
    /// The crate of the bindings (`tfe`).
    pub krate: &'a str,
    /// The item.
    pub item: &'a Item,
}

impl Schemas {
    /// No providers: every element converts untyped.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the providers of a `terraform providers schema -json` document; their bindings are
    /// crates named after each provider's local name (as `codegen` names them).
    pub fn add_document(&mut self, schema_json: &str) -> Result<&mut Self> {
        self.add_packages(codegen::read_ir(schema_json)?);
        Ok(self)
    }

    /// Adds providers read already, with the crate names `codegen` gives them.
    pub(crate) fn add_packages(&mut self, packages: Vec<Package>) {
        for pkg in packages {
            let krate = codegen::crate_name(&pkg.provider_name);
            self.providers.push((pkg, krate));
        }
    }

    /// Writes paths into the bindings of provider `provider` with crate name `krate` (default:
    /// the name `codegen` gives the package, `tfe` for `tfe`).
    pub fn crate_name(&mut self, provider: &str, krate: &str) -> &mut Self {
        for (p, k) in &mut self.providers {
            if p.provider_name == provider {
                *k = krate.to_string();
            }
        }
        self
    }

    /// The provider with local name `name`.
    pub fn provider(&self, name: &str) -> Option<(&Package, &str)> {
        self.providers
            .iter()
            .find(|(p, _)| p.provider_name == name)
            .map(|(p, k)| (p, k.as_str()))
    }

    /// Whether `tf_type` is named like an element of a loaded provider (`tfe_...`).
    pub fn owner_of(&self, tf_type: &str) -> Option<&str> {
        self.providers
            .iter()
            .map(|(p, _)| p.provider_name.as_str())
            .find(|n| tf_type == *n || tf_type.starts_with(&format!("{n}_")))
    }

    /// The resource (`data = false`) or data source of type `tf_type`.
    pub fn find(&self, tf_type: &str, data: bool) -> Option<Found<'_>> {
        let want = if data {
            ItemKind::DataSource
        } else {
            ItemKind::Resource
        };
        self.providers.iter().find_map(|(package, krate)| {
            package
                .items
                .iter()
                .find(|i| i.kind == want && i.tf_name == tf_type)
                .map(|item| Found {
                    package,
                    krate,
                    item,
                })
        })
    }

    /// The item a docs page is about: page `agent_token` of `r/` is `<provider>_agent_token`
    /// (or `agent_token` itself), of `d/` the data source.
    pub fn find_page_item(&self, page: &str, data: bool) -> Option<Found<'_>> {
        self.providers
            .iter()
            .find_map(|(p, _)| self.find(&format!("{}_{page}", p.provider_name), data))
            .or_else(|| self.find(page, data))
    }

    /// The names of the loaded providers, for messages.
    pub fn names(&self) -> Vec<String> {
        self.providers
            .iter()
            .map(|(p, _)| p.provider_name.clone())
            .collect()
    }
}

/// A struct of an item with the name it has at the path it is reached by.
#[derive(Clone, Copy, Debug)]
pub struct Struct<'a> {
    /// The item it belongs to.
    pub item: &'a Item,
    /// The struct.
    pub ty: &'a ObjectType,
    /// Its name at this path (an alias where types were merged).
    pub name: &'a str,
}

impl<'a> Struct<'a> {
    /// The configuration struct of an item.
    pub fn config(item: &'a Item) -> Self {
        let ty = &item.types[item.config];
        Struct {
            item,
            ty,
            name: &ty.rust_name,
        }
    }

    /// The field with Terraform name `name`.
    pub fn field(&self, name: &str) -> Option<&'a Field> {
        self.ty.fields.iter().find(|f| f.tf_name == name)
    }

    /// The struct of a block field.
    pub fn block(&self, field: &'a Field) -> Option<Struct<'a>> {
        let FieldType::Block { ty, .. } = &field.ty else {
            return None;
        };
        Some(self.at(*ty, field.alias))
    }

    fn at(&self, id: TypeId, alias: Option<usize>) -> Struct<'a> {
        let ty = &self.item.types[id];
        let name = alias
            .and_then(|a| self.item.aliases.get(a))
            .map_or(ty.rust_name.as_str(), |a| a.rust_name.as_str());
        Struct {
            item: self.item,
            ty,
            name,
        }
    }
}

/// Whether two value types have the same Rust type (sets are `Vec`s, as lists are).
pub fn same_rust_type(a: &ValueType, b: &ValueType) -> bool {
    match (a, b) {
        (ValueType::List(x) | ValueType::Set(x), ValueType::List(y) | ValueType::Set(y)) => {
            same_rust_type(x, y)
        }
        (ValueType::Map(x), ValueType::Map(y)) => same_rust_type(x, y),
        (ValueType::Object(_), _) | (_, ValueType::Object(_)) => false,
        _ => a == b,
    }
}
