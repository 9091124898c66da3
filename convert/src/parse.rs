//! HCL reader: source text -> [`Config`], through `hcl-edit` (which keeps byte spans, so every
//! attribute and block knows its line and column).

use hcl_edit::structure::{self, Structure};
use hcl_edit::Span;

use crate::config::{Attr, Block, Body, Config, LineIndex};
use crate::error::{Error, Result};

/// Parses one HCL file (`file` names it in locations) and appends its blocks to `config`.
pub fn parse_hcl(file: &str, text: &str, config: &mut Config) -> Result<()> {
    let index = LineIndex::new(file, text);
    let body = hcl_edit::parser::parse_body(text).map_err(|e| {
        let l = e.location();
        Error::Syntax {
            loc: crate::config::Loc {
                file: index.file().clone(),
                line: l.line(),
                column: l.column(),
            },
            message: e.message().to_string(),
        }
    })?;
    let body = read_body(&index, body);
    if let Some(attr) = body.attrs.first() {
        return Err(Error::Invalid {
            loc: attr.loc.clone(),
            message: format!(
                "unexpected attribute `{}` at the top level of a configuration",
                attr.name
            ),
        });
    }
    config.blocks.extend(body.blocks);
    Ok(())
}

fn read_body(index: &LineIndex<'_>, body: structure::Body) -> Body {
    let mut out = Body::default();
    for s in body {
        let loc = s
            .span()
            .map_or_else(|| index.file_start(), |r| index.loc(r.start));
        match s {
            Structure::Attribute(a) => {
                let loc = a.value.span().map_or(loc, |r| index.loc(r.start));
                out.attrs.push(Attr {
                    name: a.key.as_str().to_string(),
                    value: hcl::Expression::from(a.value),
                    loc,
                });
            }
            Structure::Block(b) => {
                let labels = b.labels.iter().map(|l| l.as_str().to_string()).collect();
                out.blocks.push(Block {
                    kind: b.ident.as_str().to_string(),
                    labels,
                    body: read_body(index, b.body),
                    loc,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_attributes_keep_their_locations() {
        let mut c = Config::default();
        let text = "resource \"a_b\" \"x\" {\n  name = \"n\"\n  inner {\n    v = 1\n  }\n}\n";
        parse_hcl("m.tf", text, &mut c).expect("parses");
        let r = &c.blocks[0];
        assert_eq!(r.labels, ["a_b", "x"]);
        assert_eq!(r.body.attrs[0].loc.to_string(), "m.tf:2:10");
        assert_eq!(r.body.blocks[0].body.attrs[0].loc.to_string(), "m.tf:4:9");
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let mut c = Config::default();
        let err =
            parse_hcl("bad.tf", "resource \"a\" \"b\" {\n  x = \n}\n", &mut c).expect_err("fails");
        let msg = err.to_string();
        assert!(msg.starts_with("bad.tf:"), "{msg}");
        assert!(msg.contains("syntax"), "{msg}");
    }
}
