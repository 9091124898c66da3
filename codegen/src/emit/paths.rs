//! How a generated module names what it uses from the runtime and from std.
//!
//! Short names (`Value<String>`) keep the code readable and about a third smaller than absolute
//! paths everywhere, but a generated type can have the same name: a block called `value` is a
//! struct `Value`. So each module imports the runtime's names it may use, except those that one
//! of its own types takes, and writes those by absolute path instead. Names used once per module
//! (`Deref`, `Resource`, ...) are always written by absolute path.

use std::collections::HashSet;

use super::code::Code;

/// The spelling of each name in one module.
#[derive(Clone, Debug)]
pub struct Paths {
    /// `Args`.
    pub args: &'static str,
    /// `Blocks`.
    pub blocks: &'static str,
    /// `Dynamic`.
    pub dynamic: &'static str,
    /// `Expression`.
    pub expression: &'static str,
    /// `FromExpression`.
    pub from_expression: &'static str,
    /// `ListRef`.
    pub list_ref: &'static str,
    /// `MapRef`.
    pub map_ref: &'static str,
    /// `Object`.
    pub object: &'static str,
    /// `ToExpression`.
    pub to_expression: &'static str,
    /// `Value`.
    pub value: &'static str,
    /// `BTreeMap`.
    pub btree_map: &'static str,
    /// `String`.
    pub string: &'static str,
    /// `Vec`.
    pub vec: &'static str,
    /// `Into`.
    pub into: &'static str,
    /// `From`.
    pub from: &'static str,
    /// `IntoIterator`.
    pub into_iterator: &'static str,
    /// `Default`.
    pub default: &'static str,
    /// The runtime's names to import (`use ::cdktf::{...}`).
    runtime: Vec<&'static str>,
}

impl Paths {
    /// The spellings for a module that defines (or imports) the type names `local`.
    pub fn new(local: &HashSet<&str>) -> Self {
        let mut runtime = Vec::new();
        let mut cdktf = |short: &'static str, full: &'static str| {
            if local.contains(short) {
                full
            } else {
                runtime.push(short);
                short
            }
        };
        let args = cdktf("Args", "::cdktf::Args");
        let blocks = cdktf("Blocks", "::cdktf::Blocks");
        let dynamic = cdktf("Dynamic", "::cdktf::Dynamic");
        let expression = cdktf("Expression", "::cdktf::Expression");
        let from_expression = cdktf("FromExpression", "::cdktf::FromExpression");
        let list_ref = cdktf("ListRef", "::cdktf::ListRef");
        let map_ref = cdktf("MapRef", "::cdktf::MapRef");
        let object = cdktf("Object", "::cdktf::Object");
        let to_expression = cdktf("ToExpression", "::cdktf::ToExpression");
        let value = cdktf("Value", "::cdktf::Value");
        // The std prelude's names need no import, only a check for shadowing; `BTreeMap` is
        // imported when it is written short.
        let std = |short: &'static str, full: &'static str| {
            if local.contains(short) {
                full
            } else {
                short
            }
        };
        Paths {
            args,
            blocks,
            dynamic,
            expression,
            from_expression,
            list_ref,
            map_ref,
            object,
            to_expression,
            value,
            btree_map: std("BTreeMap", "::std::collections::BTreeMap"),
            string: std("String", "::std::string::String"),
            vec: std("Vec", "::std::vec::Vec"),
            into: std("Into", "::std::convert::Into"),
            from: std("From", "::std::convert::From"),
            into_iterator: std("IntoIterator", "::std::iter::IntoIterator"),
            default: std("Default", "::std::default::Default"),
            runtime,
        }
    }

    /// The `use` lines, including the getters' trait (imported without a name, so it cannot
    /// clash).
    pub fn write_imports(&self, code: &mut Code) {
        let names: Vec<String> = self.runtime.iter().map(|s| s.to_string()).collect();
        if !names.is_empty() {
            code.use_names("use ::cdktf", &names);
        }
        code.unbreakable("use ::cdktf::Attributes as _;");
        if self.btree_map == "BTreeMap" {
            code.unbreakable("use ::std::collections::BTreeMap;");
        }
    }
}
