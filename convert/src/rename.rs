//! Renaming the root of references (`ingress.value.port` -> `each.value.port`): the runtime
//! writes every dynamic block with the iterator `each`, so a block's content refers to it by
//! that name, whatever the HCL called it.

use hcl::expr::{Expression, TemplateExpr};
use hcl::template::{Element, Template};

use crate::config::{Attr, Block, Body};
use crate::tfjson::{escape_literal, expr_text};

/// `body` with every reference rooted at `from` rooted at `to`.
pub fn rename_body(body: &Body, from: &str, to: &str) -> Body {
    Body {
        attrs: body
            .attrs
            .iter()
            .map(|a| Attr {
                name: a.name.clone(),
                value: rename(&a.value, from, to),
                loc: a.loc.clone(),
            })
            .collect(),
        blocks: body
            .blocks
            .iter()
            .map(|b| Block {
                kind: b.kind.clone(),
                labels: b.labels.clone(),
                body: rename_body(&b.body, from, to),
                loc: b.loc.clone(),
            })
            .collect(),
    }
}

/// Whether `body` refers to `name` (a reference rooted at it, outside `for` expressions that
/// bind it).
pub fn mentions(body: &Body, name: &str) -> bool {
    const PROBE: &str = "__convert_probe__";
    fn texts(body: &Body, out: &mut Vec<String>) {
        out.extend(body.attrs.iter().map(|a| expr_text(&a.value)));
        for b in &body.blocks {
            texts(&b.body, out);
        }
    }
    let (mut before, mut after) = (Vec::new(), Vec::new());
    texts(body, &mut before);
    texts(&rename_body(body, name, PROBE), &mut after);
    before != after
}

/// `e` with every reference rooted at `from` rooted at `to`.
pub fn rename(e: &Expression, from: &str, to: &str) -> Expression {
    let r = |x: &Expression| rename(x, from, to);
    crate::walk::map(e, &|x| match x {
        Expression::Variable(v) if v.as_str() == from => {
            Some(Expression::Variable(hcl::Identifier::sanitized(to).into()))
        }
        Expression::ForExpr(f) => {
            let mut f = f.as_ref().clone();
            f.collection_expr = r(&f.collection_expr);
            // `[for x in ... : x.a]` binds `x` in its body: a reference there is not `from`'s.
            let bound = f.value_var.as_str() == from
                || f.key_var.as_ref().is_some_and(|k| k.as_str() == from);
            if !bound {
                f.key_expr = f.key_expr.as_ref().map(r);
                f.value_expr = r(&f.value_expr);
                f.cond_expr = f.cond_expr.as_ref().map(r);
            }
            Some(Expression::ForExpr(Box::new(f)))
        }
        Expression::TemplateExpr(t) => {
            Some(rename_template(t, from, to).unwrap_or_else(|| x.clone()))
        }
        _ => None,
    })
}

/// A template without directives, its interpolations renamed.
fn rename_template(t: &TemplateExpr, from: &str, to: &str) -> Option<Expression> {
    let template = Template::from_expr(t).ok()?;
    let mut out = String::new();
    for el in template.elements() {
        match el {
            Element::Literal(l) => out.push_str(&escape_literal(l)),
            Element::Interpolation(i) => {
                out.push_str("${");
                out.push_str(&expr_text(&rename(&i.expr, from, to)));
                out.push('}');
            }
            Element::Directive(_) => return None,
        }
    }
    Some(Expression::TemplateExpr(Box::new(
        TemplateExpr::QuotedString(out),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_renamed_everywhere() {
        let e = Expression::from(
            hcl_edit::parser::parse_expr("f(ingress.value.port, \"p-${ingress.key}\", x.ingress)")
                .expect("parses"),
        );
        assert_eq!(
            expr_text(&rename(&e, "ingress", "each")),
            "f(each.value.port, \"p-${each.key}\", x.ingress)"
        );
    }

    /// A `for` expression that binds the name shadows it in its body, not in its collection.
    #[test]
    fn for_bindings_shadow() {
        let e = Expression::from(
            hcl_edit::parser::parse_expr("[for a in a.value : a.x if a.y]").expect("parses"),
        );
        assert_eq!(
            expr_text(&rename(&e, "a", "each")),
            "[for a in each.value : a.x if a.y]"
        );
    }
}
