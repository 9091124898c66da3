//! HCL expressions in Terraform JSON form, and Terraform expression text.
//!
//! Terraform's JSON syntax reads every string as a template: literals stay JSON values (with
//! `${` and `%{` escaped), anything else becomes `"${EXPR}"`. The converter writes overrides and
//! defaults this way, and the round-trip tests normalize HCL with it; [`expr_of_json`] reads such
//! a value back into an expression, so values compare as expressions, not as text.

use hcl::expr::{Expression, ObjectKey, TemplateExpr};
use hcl::template::{Element, Template};
use serde_json::{Map, Value as Json};

/// Terraform expression text of `expr`, on one line (for `${...}` and raw expressions).
pub fn expr_text(expr: &Expression) -> String {
    // A heredoc does not read back inside a JSON string's `${...}`: written quoted.
    let quoted = crate::walk::heredocs_quoted(expr);
    let expr = quoted.as_ref().unwrap_or(expr);
    let mut f = hcl::format::Formatter::builder().compact(true).build_vec();
    match hcl::format::Format::format_string(expr, &mut f) {
        Ok(s) => s,
        // The formatter writes to memory and cannot fail; keep a readable form anyway.
        Err(_) => format!("{expr:?}"),
    }
}

/// Escapes template sequences of a literal string for Terraform JSON.
pub fn escape_literal(s: &str) -> String {
    s.replace("${", "$${").replace("%{", "%%{")
}

/// `expr` in Terraform JSON form.
pub fn expr_to_json(expr: &Expression) -> Json {
    match expr {
        Expression::Null => Json::Null,
        Expression::Bool(b) => Json::Bool(*b),
        Expression::Number(n) => serde_json::to_value(n).unwrap_or(Json::Null),
        Expression::String(s) => Json::String(escape_literal(s)),
        Expression::Array(items) => Json::Array(items.iter().map(expr_to_json).collect()),
        Expression::Object(obj) => {
            let mut map = Map::new();
            for (k, v) in obj {
                match literal_key(k) {
                    Some(k) => {
                        map.insert(k, expr_to_json(v));
                    }
                    None => return interpolation(expr),
                }
            }
            Json::Object(map)
        }
        Expression::TemplateExpr(t) => template_to_json(t).unwrap_or_else(|| interpolation(expr)),
        Expression::Parenthesis(inner) => expr_to_json(inner),
        _ => interpolation(expr),
    }
}

/// An object key written literally (`name` or `"name"`), if it is one.
pub fn literal_key(k: &ObjectKey) -> Option<String> {
    match k {
        ObjectKey::Identifier(id) => Some(id.to_string()),
        ObjectKey::Expression(Expression::String(s)) => Some(s.clone()),
        _ => None,
    }
}

fn interpolation(expr: &Expression) -> Json {
    Json::String(format!("${{{}}}", expr_text(expr)))
}

/// A template without directives, as a JSON string template.
fn template_to_json(t: &TemplateExpr) -> Option<Json> {
    let template = Template::from_expr(t).ok()?;
    let mut out = String::new();
    for el in template.elements() {
        match el {
            Element::Literal(s) => out.push_str(&escape_literal(s)),
            Element::Interpolation(i) => {
                out.push_str("${");
                out.push_str(&expr_text(&i.expr));
                out.push('}');
            }
            Element::Directive(_) => return None,
        }
    }
    Some(Json::String(out))
}

/// Reads a Terraform JSON value back as an expression: strings are parsed as templates, and a
/// string that is a single interpolation is that expression (as Terraform evaluates it).
pub fn expr_of_json(value: &Json) -> Expression {
    match value {
        Json::Null => Expression::Null,
        Json::Bool(b) => Expression::Bool(*b),
        Json::Number(n) => number_expr(n),
        Json::String(s) => string_expr(s),
        Json::Array(items) => Expression::Array(items.iter().map(expr_of_json).collect()),
        Json::Object(map) => Expression::Object(
            map.iter()
                .map(|(k, v)| (string_key(k), expr_of_json(v)))
                .collect(),
        ),
    }
    .normalized()
}

fn number_expr(n: &serde_json::Number) -> Expression {
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 9e15 => {
            // Integral: compare 3 and 3.0 as the same number.
            #[allow(clippy::cast_possible_truncation)]
            Expression::Number(hcl::Number::from(f as i64))
        }
        Some(f) => hcl::Number::from_f64(f).map_or(Expression::Null, Expression::Number),
        None => Expression::Null,
    }
}

/// Object keys compare as strings, however they were written.
fn string_key(k: &str) -> ObjectKey {
    ObjectKey::Expression(Expression::String(k.to_string()))
}

/// A string of Terraform JSON as an expression: parsed as a template.
fn string_expr(s: &str) -> Expression {
    if !s.contains("${") && !s.contains("%{") {
        return Expression::String(s.to_string());
    }
    match hcl_edit::parser::parse_template(s) {
        Ok(t) => canonical_template(&Template::from(t)),
        Err(_) => Expression::String(s.to_string()),
    }
}

/// A template in one canonical form: one interpolation is its expression; only literals are a
/// string; otherwise a template whose interpolations are printed from their normalized
/// expressions (so formatting inside them does not matter).
fn canonical_template(template: &Template) -> Expression {
    match template.elements() {
        [Element::Interpolation(i)] => return i.expr.clone().normalized(),
        els if els.iter().all(|e| matches!(e, Element::Literal(_))) => {
            let mut s = String::new();
            for e in els {
                if let Element::Literal(l) = e {
                    s.push_str(l);
                }
            }
            return Expression::String(s);
        }
        _ => {}
    }
    let mut out = String::new();
    for el in template.elements() {
        match el {
            Element::Literal(l) => out.push_str(&escape_literal(l)),
            Element::Interpolation(i) => {
                out.push_str("${");
                out.push_str(&expr_text(&i.expr.clone().normalized()));
                out.push('}');
            }
            Element::Directive(_) => return Expression::String(template.to_string()),
        }
    }
    Expression::TemplateExpr(Box::new(TemplateExpr::QuotedString(out)))
}

/// Normalization for comparing expressions: parentheses dropped where they are the whole
/// expression, a template that is one interpolation replaced by its expression, and literal
/// templates by strings.
pub trait Normalize {
    /// The normalized expression.
    fn normalized(self) -> Expression;
}

impl Normalize for Expression {
    fn normalized(self) -> Expression {
        match self {
            Expression::Parenthesis(inner) => inner.normalized(),
            Expression::TemplateExpr(t) => match Template::from_expr(&t) {
                Ok(template) => canonical_template(&template),
                Err(_) => Expression::TemplateExpr(t),
            },
            Expression::Array(items) => {
                Expression::Array(items.into_iter().map(Normalize::normalized).collect())
            }
            Expression::Object(obj) => Expression::Object(
                obj.into_iter()
                    .map(|(k, v)| {
                        let k = match literal_key(&k) {
                            Some(s) => string_key(&s),
                            None => k,
                        };
                        (k, v.normalized())
                    })
                    .collect(),
            ),
            Expression::Number(n) => match n.as_f64() {
                Some(f) => number_expr(&serde_json::Number::from_f64(f).unwrap_or(0.into())),
                None => Expression::Number(n),
            },
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(text: &str) -> Expression {
        Expression::from(hcl_edit::parser::parse_expr(text).expect("parses"))
    }

    #[test]
    fn literals_stay_json_and_expressions_become_templates() {
        assert_eq!(expr_to_json(&expr("\"a\"")), Json::from("a"));
        assert_eq!(
            expr_to_json(&expr("[1, true]")),
            serde_json::json!([1, true])
        );
        assert_eq!(expr_to_json(&expr("var.x")), Json::from("${var.x}"));
        assert_eq!(
            expr_to_json(&expr("\"a-${var.x}\"")),
            Json::from("a-${var.x}")
        );
        assert_eq!(
            expr_to_json(&expr("[for u in local.us : u]")),
            Json::from("${[for u in local.us : u]}")
        );
    }

    #[test]
    fn json_reads_back_as_the_same_expression() {
        for text in [
            "var.x",
            "\"a-${var.x}\"",
            "[for u in local.us : u]",
            "f(1, \"b\")",
        ] {
            let e = expr(text);
            assert_eq!(
                expr_of_json(&expr_to_json(&e)),
                e.clone().normalized(),
                "{text}"
            );
        }
    }
}

#[cfg(test)]
mod escape_tests {
    use super::*;

    /// `$${` in HCL is a literal `${`; in Terraform JSON it is written `$${` again.
    #[test]
    fn escaped_template_sequences_stay_literal() {
        let e = Expression::from(hcl_edit::parser::parse_expr("\"$${x} %%{y}\"").expect("parses"));
        assert_eq!(expr_to_json(&e), Json::from("$${x} %%{y}"));
        let e = Expression::from(hcl_edit::parser::parse_expr("\"a\\\"b\\n\"").expect("parses"));
        assert_eq!(expr_to_json(&e), Json::from("a\"b\n"));
    }
}
