//! Loading only what a configuration needs from a large provider schema: the IR of the AWS
//! provider (1,500 resources and data sources) takes seconds to build, the few types one
//! configuration uses a few milliseconds ([`codegen::read_ir_only`] keeps every generated name
//! as the full build has it).

use std::collections::BTreeSet;

use codegen::ir::ItemKind;

use crate::config::{Block, Config};
use crate::error::Result;
use crate::schema::Schemas;

/// The resource and data source types of a configuration: `(is data source, type)`, including
/// the data sources scoped in `check` blocks.
pub fn used_types(config: &Config) -> BTreeSet<(bool, String)> {
    let mut out = BTreeSet::new();
    for b in &config.blocks {
        collect(b, &mut out);
    }
    out
}

fn collect(b: &Block, out: &mut BTreeSet<(bool, String)>) {
    match (b.kind.as_str(), b.labels.first()) {
        ("resource", Some(t)) => {
            out.insert((false, t.clone()));
        }
        ("data", Some(t)) => {
            out.insert((true, t.clone()));
        }
        ("check", _) => {
            for inner in &b.body.blocks {
                collect(inner, out);
            }
        }
        _ => {}
    }
}

impl Schemas {
    /// Adds the providers of a schema document as [`Schemas::add_document`] does, with only the
    /// resources and data sources `config` uses (and each provider's configuration): a
    /// conversion of `config` against these is the same as against the whole document.
    pub fn add_document_for(&mut self, schema_json: &str, config: &Config) -> Result<&mut Self> {
        let used = used_types(config);
        let keep = |kind: ItemKind, tf_type: &str| match kind {
            ItemKind::Resource => used.contains(&(false, tf_type.to_string())),
            ItemKind::DataSource => used.contains(&(true, tf_type.to_string())),
            _ => false,
        };
        self.add_packages(codegen::read_ir_only(schema_json, &keep)?);
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use crate::Converter;

    /// Converting against the selected items writes what converting against all of them does.
    #[test]
    fn selected_schema_converts_the_same() {
        let schema = include_str!("../../schema/tfe.json");
        let text = "resource \"tfe_project\" \"p\" { name = \"n\" }\n\
                    data \"tfe_organization\" \"o\" { name = tfe_project.p.name }\n\
                    resource \"tfe_team\" \"t\" { name = data.tfe_organization.o.email }\n";
        let mut config = crate::Config::default();
        crate::parse::parse_hcl("t.tf", text, &mut config).expect("parses");
        let mut all = crate::Schemas::new();
        all.add_document(schema).expect("reads");
        let mut some = crate::Schemas::new();
        some.add_document_for(schema, &config).expect("reads");
        let one = Converter::new(&all).convert_config(&config, "t.tf");
        let two = Converter::new(&some).convert_config(&config, "t.tf");
        let (one, two) = (one.expect("converts"), two.expect("converts"));
        assert_eq!(one.code, two.code);
        assert_eq!(one.features, two.features);
        let items = |s: &crate::Schemas| s.provider("tfe").map_or(0, |(p, _)| p.items.len());
        assert_eq!(items(&some), 3);
        assert!(items(&all) > 3);
    }
}
