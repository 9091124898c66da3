//! Function calls: Terraform's built-in functions used by this library, and the helper that
//! generated bindings use for provider-defined functions (`provider::NAME::FUNC(...)`).

use crate::expr::Expression;
use crate::value::{Dynamic, Value};

/// A call of the function `name` with `args`, typed as returning `T`. Generated provider
/// functions call this with `provider::NAME::FUNC`.
pub fn function_call<T>(name: &str, args: Vec<Value<Dynamic>>) -> Value<T> {
    Value::from_expression(Expression::call(
        name,
        args.into_iter().map(|a| a.repr).collect(),
    ))
}

/// `condition ? when_true : when_false`.
pub fn conditional<T>(
    condition: impl Into<Value<bool>>,
    when_true: impl Into<Value<T>>,
    when_false: impl Into<Value<T>>,
) -> Value<T> {
    Value::from_expression(Expression::new(crate::expr::ExprKind::Conditional(
        condition.into().repr,
        when_true.into().repr,
        when_false.into().repr,
    )))
}

/// `join(separator, list)`.
pub fn join(
    separator: impl Into<Value<String>>,
    list: impl Into<Value<Vec<String>>>,
) -> Value<String> {
    function_call(
        "join",
        vec![separator.into().into_dynamic(), list.into().into_dynamic()],
    )
}

/// `element(list, index)`: wraps around, unlike indexing.
pub fn element<T>(list: impl Into<Value<Vec<T>>>, index: impl Into<Value<f64>>) -> Value<T> {
    function_call(
        "element",
        vec![list.into().into_dynamic(), index.into().into_dynamic()],
    )
}

/// `jsonencode(value)`.
pub fn jsonencode<T>(value: impl Into<Value<T>>) -> Value<String> {
    function_call("jsonencode", vec![value.into().into_dynamic()])
}

/// `cidrsubnet(prefix, newbits, netnum)`.
pub fn cidrsubnet(
    prefix: impl Into<Value<String>>,
    newbits: impl Into<Value<f64>>,
    netnum: impl Into<Value<f64>>,
) -> Value<String> {
    function_call(
        "cidrsubnet",
        vec![
            prefix.into().into_dynamic(),
            newbits.into().into_dynamic(),
            netnum.into().into_dynamic(),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_functions_render_with_their_namespace() {
        let v: Value<String> = function_call(
            "provider::aws::arn_parse",
            vec![Value::<Dynamic>::from("arn:aws:iam::123456789012:role/x")],
        );
        assert_eq!(
            v.to_literal_json(),
            Some(serde_json::json!(
                "${provider::aws::arn_parse(\"arn:aws:iam::123456789012:role/x\")}"
            ))
        );
    }
}
