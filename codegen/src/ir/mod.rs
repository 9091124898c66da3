//! The intermediate representation: every naming and typing decision, made once in
//! [`build`], so that `emit` only prints. Every item keeps its `rust_name` next to its `tf_name`.
//!
//! Nested object and block types of an item live in a per-item table ([`Item::types`]) and are
//! referred to by index ([`TypeId`]). Three passes keep that table small at AWS scale: unrolled
//! recursion is folded while building (`fold`: a block that repeats an enclosing one becomes a
//! reference to it), identical types of an item are merged ([`dedup`]; the fields that held the
//! other copies name them by [`TypeAlias`]es of the one struct), and types that several
//! items use are moved to the package's shared `types` module ([`share`]), the items keeping
//! entries that re-export them.

pub mod build;
pub mod dedup;
mod fold;
pub(crate) mod functions;
pub mod share;

/// The generated package of one provider.
#[derive(Clone, Debug)]
pub struct Package {
    /// The provider's local name (`tfe`).
    pub provider_name: String,
    /// The provider's source address (`hashicorp/tfe`).
    pub source: String,
    /// The version constraint, if any.
    pub version: Option<String>,
    /// The provider configuration, as an item of kind [`ItemKind::Provider`].
    pub provider: Item,
    /// Resources, data sources and ephemeral resources, in module name order.
    pub items: Vec<Item>,
    /// Provider-defined functions, in name order.
    pub functions: Vec<Function>,
    /// Sections of the schema that were not generated.
    pub warnings: Vec<String>,
    /// The module (`types`) that holds the nested types several items share, one submodule per
    /// family ([`SharedModule`]); items re-export them under their own names.
    pub types_module: String,
    /// The shared types, by submodule name.
    pub shared: Vec<SharedModule>,
}

/// A submodule of [`Package::types_module`]: nested types used by more than one item, named
/// after a family of items (`quicksight`). Types of other submodules that these refer to are
/// entries at the end of the table with [`ObjectType::shared`] set (imported, not defined).
#[derive(Clone, Debug)]
pub struct SharedModule {
    /// The submodule name.
    pub module: String,
    /// The types, referring to each other by index into this table.
    pub types: Vec<ObjectType>,
    /// For each type, the features of the items that use it (`None`: always compiled, because an
    /// item without a feature uses it).
    pub features: Vec<Option<Vec<String>>>,
}

impl SharedModule {
    /// The features that enable the submodule (`None`: always compiled).
    pub fn module_features(&self) -> Option<Vec<String>> {
        let mut all = std::collections::BTreeSet::new();
        for f in &self.features {
            all.extend(f.as_ref()?.iter().cloned());
        }
        Some(all.into_iter().collect())
    }
}

/// What kind of element an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    /// A managed resource.
    Resource,
    /// A data source.
    DataSource,
    /// An ephemeral resource.
    Ephemeral,
    /// The provider configuration.
    Provider,
}

/// One generated module: a resource, data source, ephemeral resource or the provider.
#[derive(Clone, Debug)]
pub struct Item {
    /// Kind of element.
    pub kind: ItemKind,
    /// The Terraform type (`tfe_agent_token`) or, for the provider, its local name.
    pub tf_name: String,
    /// The module (and file) name (`agent_token`).
    pub module: String,
    /// The handle type (`AgentToken`).
    pub rust_name: String,
    /// The cargo feature that enables the module (`None`: always on).
    pub feature: Option<String>,
    /// Documentation of the element.
    pub doc: Doc,
    /// The configuration struct (`AgentTokenConfig`): the element's top-level block.
    pub config: TypeId,
    /// All struct types of the module; index 0 is the configuration.
    pub types: Vec<ObjectType>,
    /// Other names of merged nested types ([`dedup`]): where a field of a struct of this module
    /// holds a type merged into an identical one, the type keeps its natural path name there, as
    /// an alias of the struct that represents them all.
    pub aliases: Vec<TypeAlias>,
}

/// Another name of a nested type, at a path where [`dedup`] merged an identical type into it:
/// `pub type <rust_name> = <target's name>;`, and the same for the `Ref`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeAlias {
    /// The natural name at this path (`DataAwsIamPolicyDocumentStatementPrincipals`).
    pub rust_name: String,
    /// Its reference type's name.
    pub ref_name: String,
    /// The path of Terraform names of this occurrence, for docs.
    pub tf_path: String,
    /// The struct it names.
    pub target: TypeId,
}

/// Index into [`Item::types`].
pub type TypeId = usize;

/// A generated struct (with its `...Ref` companion): a block, an object type or the
/// configuration.
#[derive(Clone, Debug)]
pub struct ObjectType {
    /// The struct name (`WorkspaceVcsRepo`).
    pub rust_name: String,
    /// The reference type's name (`WorkspaceVcsRepoRef`).
    pub ref_name: String,
    /// The path of Terraform names from the item down to this type, for docs.
    pub tf_path: String,
    /// Documentation.
    pub doc: Doc,
    /// Fields in Terraform name order.
    pub fields: Vec<Field>,
    /// Set when the struct is defined in a shared submodule ([`Package::shared`]) and the item's
    /// module only re-exports it under `rust_name`.
    pub shared: Option<SharedPath>,
}

/// Where a shared struct is defined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedPath {
    /// [`Package::types_module`].
    pub types_module: String,
    /// The submodule of [`Package::types_module`].
    pub module: String,
    /// The struct's name there (its `Ref` is this plus `Ref`).
    pub rust_name: String,
}

/// An attribute or nested block of a struct.
#[derive(Clone, Debug)]
pub struct Field {
    /// The Terraform name.
    pub tf_name: String,
    /// The setter and getter name.
    pub rust_name: String,
    /// Whether and how it can be set.
    pub presence: Presence,
    /// Its type.
    pub ty: FieldType,
    /// Documentation.
    pub doc: Doc,
    /// What the schema says of it besides its type, for docs.
    pub facts: Facts,
    /// When the field's type was merged into an identical one ([`dedup`]): the index in
    /// [`Item::aliases`] of the name it has at this path, used instead of the struct's name.
    pub alias: Option<usize>,
}

/// Schema facts about a field that its docs state ([`Doc::notes`] says them in words; docs pages
/// list them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// The schema's `computed`: with [`Presence::Optional`], computed by the provider when not
    /// set.
    pub computed: bool,
    /// Sensitive: hidden in plan output.
    pub sensitive: bool,
    /// Write-only: never stored in state.
    pub write_only: bool,
    /// For a block, the schema's `min_items` (0 when absent); for an attribute, 1 when required,
    /// else 0.
    pub min_items: u64,
    /// For a block, the schema's `max_items` (0: unbounded); 0 for an attribute.
    pub max_items: u64,
    /// A field of an object type (`list(object({...}))`) that the type does not mark optional:
    /// Terraform needs it present, so an unset one is written as `null`. Users set only what
    /// they need, with setters.
    pub null_when_unset: bool,
}

/// Whether a field can or must be set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Must be set: a parameter of `new`.
    Required,
    /// May be set: a setter.
    Optional,
    /// Set by the provider only: a getter, no setter.
    Computed,
}

/// The type of a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// An attribute (including a protocol-6 nested attribute, as a type with objects).
    Attr(ValueType),
    /// A nested block.
    Block {
        /// How many blocks and how they are written.
        mode: BlockMode,
        /// The block's struct.
        ty: TypeId,
    },
}

impl FieldType {
    /// The struct type a field holds (a block's, or the object inside an attribute's type).
    pub fn type_id(&self) -> Option<TypeId> {
        match self {
            FieldType::Attr(v) => v.object(),
            FieldType::Block { ty, .. } => Some(*ty),
        }
    }
}

/// The Terraform type of an attribute value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueType {
    /// `string`.
    String,
    /// `number`.
    Number,
    /// `bool`.
    Bool,
    /// `dynamic`, and tuples.
    Dynamic,
    /// `list(T)`.
    List(Box<ValueType>),
    /// `set(T)`.
    Set(Box<ValueType>),
    /// `map(T)`.
    Map(Box<ValueType>),
    /// An object type, generated as a struct.
    Object(TypeId),
}

impl ValueType {
    /// The object type inside, if any (a value type holds at most one).
    pub fn object(&self) -> Option<TypeId> {
        match self {
            ValueType::Object(id) => Some(*id),
            ValueType::List(t) | ValueType::Set(t) | ValueType::Map(t) => t.object(),
            _ => None,
        }
    }

    /// Whether an object occurs inside (getters then return reference types).
    pub fn has_object(&self) -> bool {
        match self {
            ValueType::Object(_) => true,
            ValueType::List(t) | ValueType::Set(t) | ValueType::Map(t) => t.has_object(),
            _ => false,
        }
    }
}

/// How nested blocks are set and read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockMode {
    /// `single` or `group`: one block.
    Single,
    /// `list` or `set` with `max_items = 1`: one block, read as element 0.
    OneOf {
        /// Whether it is a set (read through `tolist`).
        set: bool,
    },
    /// `list`.
    List,
    /// `set`.
    Set,
    /// `map`.
    Map,
}

/// Documentation of an item or field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Doc {
    /// The schema's description.
    pub description: Option<String>,
    /// Facts appended after the description (`Required.`, `Sensitive.`, ...).
    pub notes: Vec<String>,
    /// Emit `#[deprecated]`.
    pub deprecated: bool,
}

/// A provider-defined function.
#[derive(Clone, Debug)]
pub struct Function {
    /// The Terraform name.
    pub tf_name: String,
    /// The Rust function name.
    pub rust_name: String,
    /// Documentation.
    pub doc: Doc,
    /// Positional parameters.
    pub params: Vec<Param>,
    /// The variadic parameter.
    pub variadic: Option<Param>,
    /// The return type.
    pub ret: ValueType,
}

/// A function parameter. Object types are passed as `Dynamic`.
#[derive(Clone, Debug)]
pub struct Param {
    /// The Rust name.
    pub rust_name: String,
    /// The type.
    pub ty: ValueType,
    /// The description.
    pub description: Option<String>,
}
