//! Terraform JSON reader (`.tf.json`, `cdk.tf.json`) -> [`Config`]: strings are read as
//! templates ([`tfjson::expr_of_json`]), so `"${aws_x.y.id}"` is the same reference as in HCL.
//! JSON cannot tell a nested block from an object attribute; the body converter decides that
//! with the schema ([`crate::body`]). cdktf's metadata (`//`) is skipped.

use serde_json::{Map, Value as Json};

use crate::config::{Attr, Block, Body, Config, LineIndex, Loc};
use crate::error::{Error, Result};
use crate::tfjson;

/// Parses one Terraform JSON document and appends its blocks to `config`.
pub fn parse_json(file: &str, text: &str, config: &mut Config) -> Result<()> {
    let index = LineIndex::new(file, text);
    let doc: Json = serde_json::from_str(text).map_err(|e| Error::Json {
        loc: Loc {
            file: index.file().clone(),
            line: e.line(),
            column: e.column(),
        },
        message: e.to_string(),
    })?;
    let Json::Object(top) = doc else {
        return Err(Error::Json {
            loc: index.file_start(),
            message: "a Terraform JSON document is an object".into(),
        });
    };
    if let Some(name) = top
        .get("//")
        .and_then(|m| m.pointer("/metadata/stackName"))
        .and_then(Json::as_str)
    {
        config.stack_name = Some(name.to_string());
    }
    let reader = Reader {
        index: &index,
        text,
    };
    for (section, value) in &top {
        let loc = reader.loc_of(section);
        // Lists of unlabeled blocks.
        if let ("import" | "moved" | "removed", Json::Array(items)) = (section.as_str(), value) {
            for body in items {
                config.blocks.push(reader.block(section, Vec::new(), body)?);
            }
            continue;
        }
        let Json::Object(entries) = value else {
            if section == "//" {
                continue;
            }
            return Err(Error::Json {
                loc,
                message: format!("`{section}` must be an object"),
            });
        };
        match section.as_str() {
            "//" => {}
            "resource" | "data" => {
                for (t, named) in entries {
                    let Json::Object(named) = named else {
                        return Err(reader.not_object(t));
                    };
                    for (n, body) in named {
                        config.blocks.push(reader.block(
                            section,
                            vec![t.clone(), n.clone()],
                            body,
                        )?);
                    }
                }
            }
            "variable" | "output" | "module" | "check" => {
                for (n, body) in entries {
                    config
                        .blocks
                        .push(reader.block(section, vec![n.clone()], body)?);
                }
            }
            "provider" => {
                for (p, bodies) in entries {
                    for body in one_or_many(bodies) {
                        config
                            .blocks
                            .push(reader.block(section, vec![p.clone()], body)?);
                    }
                }
            }
            "locals" | "terraform" => {
                config
                    .blocks
                    .push(reader.block(section, Vec::new(), value)?);
            }
            other => {
                return Err(Error::Json {
                    loc,
                    message: format!("unknown top-level section `{other}`"),
                })
            }
        }
    }
    Ok(())
}

struct Reader<'a> {
    index: &'a LineIndex<'a>,
    text: &'a str,
}

impl Reader<'_> {
    /// Where `"key"` first occurs (JSON values carry no positions; keys are good enough).
    fn loc_of(&self, key: &str) -> Loc {
        let needle = format!("\"{key}\"");
        self.text
            .find(&needle)
            .map_or_else(|| self.index.file_start(), |o| self.index.loc(o))
    }

    fn not_object(&self, key: &str) -> Error {
        Error::Json {
            loc: self.loc_of(key),
            message: format!("`{key}` must be an object"),
        }
    }

    fn block(&self, kind: &str, labels: Vec<String>, body: &Json) -> Result<Block> {
        let key = labels.last().map_or(kind, String::as_str);
        let loc = self.loc_of(key);
        let Json::Object(map) = body else {
            return Err(self.not_object(key));
        };
        Ok(Block {
            kind: kind.to_string(),
            labels,
            body: self.body(kind, map),
            loc,
        })
    }

    /// The blocks of `kind` without labels that `v` holds: one object, or a list of them.
    fn unlabelled_blocks(&self, kind: &str, v: &Json, loc: &Loc) -> Vec<Block> {
        one_or_many(v)
            .iter()
            .filter_map(Json::as_object)
            .map(|m| Block {
                kind: kind.into(),
                labels: Vec::new(),
                body: self.body(kind, m),
                loc: loc.clone(),
            })
            .collect()
    }

    fn body(&self, kind: &str, map: &Map<String, Json>) -> Body {
        let mut body = Body::default();
        for (k, v) in map {
            if k == "//" {
                continue;
            }
            let loc = self.loc_of(k);
            let value = match (kind, k.as_str(), v) {
                // JSON writes these as bare expressions, not templates.
                (_, "depends_on", Json::Array(items)) => {
                    hcl::Expression::Array(items.iter().map(bare_expr).collect())
                }
                ("resource" | "data", "provider", _) | ("variable", "type", _) => bare_expr(v),
                ("import" | "moved" | "removed", "to" | "from" | "provider", _) => bare_expr(v),
                // Provisioners (`[{"local-exec": {...}}]`) and a connection are blocks.
                ("resource" | "removed", "provisioner", Json::Array(items)) => {
                    for item in items.iter().filter_map(Json::as_object) {
                        for (kind, p) in item {
                            if let Json::Object(m) = p {
                                body.blocks.push(Block {
                                    kind: "provisioner".into(),
                                    labels: vec![kind.clone()],
                                    body: self.body("provisioner", m),
                                    loc: loc.clone(),
                                });
                            }
                        }
                    }
                    continue;
                }
                ("resource" | "provisioner", "connection", Json::Object(m)) => {
                    body.blocks.push(Block {
                        kind: "connection".into(),
                        labels: Vec::new(),
                        body: self.body("connection", m),
                        loc: loc.clone(),
                    });
                    continue;
                }
                // A check's assertions and scoped data sources are blocks.
                ("check", "assert", _) => {
                    body.blocks
                        .extend(self.unlabelled_blocks("assert", v, &loc));
                    continue;
                }
                ("check", "data", Json::Object(types)) => {
                    for (t, named) in types {
                        let Json::Object(named) = named else { continue };
                        for (n, b) in named {
                            if let Json::Object(m) = b {
                                body.blocks.push(Block {
                                    kind: "data".into(),
                                    labels: vec![t.clone(), n.clone()],
                                    body: self.body("data", m),
                                    loc: self.loc_of(n),
                                });
                            }
                        }
                    }
                    continue;
                }
                (_, "lifecycle", Json::Object(_) | Json::Array(_)) => {
                    body.blocks
                        .extend(self.unlabelled_blocks("lifecycle", v, &loc));
                    continue;
                }
                ("lifecycle", "ignore_changes", Json::Array(items)) => {
                    hcl::Expression::Array(items.iter().map(bare_expr).collect())
                }
                _ => tfjson::expr_of_json(v),
            };
            body.attrs.push(Attr {
                name: k.clone(),
                value,
                loc,
            });
        }
        body
    }
}

/// A section that JSON may write as one value or as a list of them.
fn one_or_many(v: &Json) -> &[Json] {
    match v {
        Json::Array(items) => items,
        other => std::slice::from_ref(other),
    }
}

/// A string JSON writes as a bare expression (`"aws_x.y"` in `depends_on`).
fn bare_expr(v: &Json) -> hcl::Expression {
    match v {
        Json::String(s) => hcl_edit::parser::parse_expr(s)
            .map(hcl::Expression::from)
            .unwrap_or_else(|_| hcl::Expression::String(s.clone())),
        other => tfjson::expr_of_json(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_become_blocks_and_strings_expressions() {
        let text = r#"{"//": {"metadata": {}}, "resource": {"a_b": {"x": {"//": {}, "n": "${var.v}", "depends_on": ["a_b.y"]}}},
            "provider": {"a": [{"k": 1}]}, "locals": {"l": "v"}}"#;
        let mut c = Config::default();
        parse_json("cdk.tf.json", text, &mut c).expect("parses");
        let r = c
            .blocks
            .iter()
            .find(|b| b.kind == "resource")
            .expect("resource");
        assert_eq!(r.labels, ["a_b", "x"]);
        assert_eq!(r.body.attrs.len(), 2);
        assert_eq!(tfjson::expr_text(&r.body.attrs[0].value), "[a_b.y]");
        assert_eq!(tfjson::expr_text(&r.body.attrs[1].value), "var.v");
        assert!(c.blocks.iter().any(|b| b.kind == "provider"));
    }

    #[test]
    fn refactoring_and_check_sections_become_their_blocks() {
        let text = r#"{"removed": [{"from": "a_b.x", "lifecycle": {"destroy": false}}],
            "check": {"c": {"assert": [{"condition": "${a_b.y.ok}", "error_message": "no"}],
                "data": {"a_d": {"d": {"n": 1}}}}}}"#;
        let mut c = Config::default();
        parse_json("cdk.tf.json", text, &mut c).expect("parses");
        let removed = c
            .blocks
            .iter()
            .find(|b| b.kind == "removed")
            .expect("removed");
        let from = removed.body.attr("from").expect("from");
        assert!(
            matches!(from.value, hcl::Expression::Traversal(_)),
            "bare address"
        );
        assert_eq!(removed.body.blocks_of("lifecycle").count(), 1);
        let check = c.blocks.iter().find(|b| b.kind == "check").expect("check");
        assert_eq!(check.labels, ["c"]);
        assert_eq!(check.body.blocks_of("assert").count(), 1);
        let data = check.body.blocks_of("data").next().expect("scoped data");
        assert_eq!(data.labels, ["a_d", "d"]);
    }

    #[test]
    fn invalid_json_names_line_and_column() {
        let mut c = Config::default();
        let err = parse_json("x.tf.json", "{\n  \"resource\": [\n", &mut c).expect_err("fails");
        assert!(err.to_string().starts_with("x.tf.json:3:"), "{err}");
    }
}
