//! Rewriting expression trees: [`map`] rebuilds an expression with some of its nodes replaced;
//! [`heredocs_quoted`] writes heredocs as quoted templates, the only template form that
//! Terraform reads inside a JSON string's `${...}`.

use hcl::expr::{Expression, ObjectKey, Operation, TemplateExpr, TraversalOperator};
use hcl::template::{Element, Template};

/// `e` with every node for which `f` returns a replacement replaced (its children are not
/// visited then); the other nodes are rebuilt from their mapped children.
pub fn map(e: &Expression, f: &dyn Fn(&Expression) -> Option<Expression>) -> Expression {
    if let Some(done) = f(e) {
        return done;
    }
    let m = |x: &Expression| map(x, f);
    match e {
        Expression::Array(items) => Expression::Array(items.iter().map(m).collect()),
        Expression::Object(obj) => Expression::Object(
            obj.iter()
                .map(|(k, v)| {
                    let k = match k {
                        ObjectKey::Expression(x) => ObjectKey::Expression(m(x)),
                        other => other.clone(),
                    };
                    (k, m(v))
                })
                .collect(),
        ),
        Expression::Traversal(t) => {
            let mut t = t.as_ref().clone();
            t.expr = m(&t.expr);
            for op in &mut t.operators {
                if let TraversalOperator::Index(x) = op {
                    *x = m(x);
                }
            }
            Expression::Traversal(Box::new(t))
        }
        Expression::FuncCall(c) => {
            let mut c = c.as_ref().clone();
            c.args = c.args.iter().map(m).collect();
            Expression::FuncCall(Box::new(c))
        }
        Expression::Parenthesis(x) => Expression::Parenthesis(Box::new(m(x))),
        Expression::Conditional(c) => {
            let mut c = c.as_ref().clone();
            c.cond_expr = m(&c.cond_expr);
            c.true_expr = m(&c.true_expr);
            c.false_expr = m(&c.false_expr);
            Expression::Conditional(Box::new(c))
        }
        Expression::Operation(op) => Expression::Operation(Box::new(match op.as_ref() {
            Operation::Unary(u) => {
                let mut u = u.clone();
                u.expr = m(&u.expr);
                Operation::Unary(u)
            }
            Operation::Binary(b) => {
                let mut b = b.clone();
                b.lhs_expr = m(&b.lhs_expr);
                b.rhs_expr = m(&b.rhs_expr);
                Operation::Binary(b)
            }
        })),
        Expression::ForExpr(fe) => {
            let mut fe = fe.as_ref().clone();
            fe.collection_expr = m(&fe.collection_expr);
            fe.key_expr = fe.key_expr.as_ref().map(m);
            fe.value_expr = m(&fe.value_expr);
            fe.cond_expr = fe.cond_expr.as_ref().map(m);
            Expression::ForExpr(Box::new(fe))
        }
        other => other.clone(),
    }
}

/// Whether `e` holds a heredoc anywhere.
fn has_heredoc(e: &Expression) -> bool {
    let found = std::cell::Cell::new(false);
    map(e, &|x| {
        if matches!(x, Expression::TemplateExpr(t) if matches!(**t, TemplateExpr::Heredoc(_))) {
            found.set(true);
        }
        None
    });
    found.get()
}

/// `e` with every heredoc (`<<EOT ... EOT`, indentation already stripped by the parser) written
/// as the quoted template with the same value. A heredoc with template directives (`%{if}`)
/// stays as it is.
pub fn heredocs_quoted(e: &Expression) -> Option<Expression> {
    if !has_heredoc(e) {
        return None;
    }
    Some(map(e, &|x| match x {
        Expression::TemplateExpr(t) => match t.as_ref() {
            TemplateExpr::Heredoc(h) => quoted_template(&h.template),
            TemplateExpr::QuotedString(_) => None,
        },
        _ => None,
    }))
}

/// The quoted-string source of a heredoc body: literals escaped as a quoted string needs them,
/// interpolations written back (their own heredocs quoted too).
fn quoted_template(body: &str) -> Option<Expression> {
    let template = Template::from_expr(&TemplateExpr::QuotedString(body.to_string())).ok()?;
    let mut out = String::new();
    for el in template.elements() {
        match el {
            Element::Literal(l) => {
                let mut piece = String::new();
                for c in l.chars() {
                    match c {
                        '\\' => piece.push_str("\\\\"),
                        '"' => piece.push_str("\\\""),
                        '\n' => piece.push_str("\\n"),
                        '\r' => piece.push_str("\\r"),
                        '\t' => piece.push_str("\\t"),
                        c => piece.push(c),
                    }
                }
                // `${` and `%{` of the literal stay literal.
                out.push_str(&crate::tfjson::escape_literal(&piece));
            }
            Element::Interpolation(i) => {
                out.push_str("${");
                out.push_str(&crate::tfjson::expr_text(&i.expr));
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

    fn parse(text: &str) -> Expression {
        Expression::from(hcl_edit::parser::parse_expr(text).expect("parses"))
    }

    #[test]
    fn heredocs_become_quoted_templates_with_the_same_value() {
        let e = parse("f(<<-EOT\n  a \"q\" \\n $${x}\n    ${var.y}\n  EOT\n)");
        let q = heredocs_quoted(&e).expect("has a heredoc");
        assert_eq!(
            crate::tfjson::expr_text(&q),
            r#"f("a \"q\" \\n $${x}\n  ${var.y}\n")"#
        );
        assert!(heredocs_quoted(&parse("f(\"x\")")).is_none());
    }
}
