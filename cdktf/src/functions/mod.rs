//! Terraform's functions, typed: every built-in function (generated from
//! `terraform metadata functions -json`, see [`generated`]), cdktf's hand-written helpers
//! ([`lookup`], [`lookup_nested`], [`raw_string`], [`conditional`], [`range`], [`bcrypt`],
//! [`join`]), and [`function_call`] for provider-defined functions. A few hand-written functions
//! take the place of the generated one of the same name, with a more precise type ([`element`],
//! [`format`], [`try_`]) or cdktf's signature ([`join`], [`lookup`], [`range`], [`bcrypt`]); the
//! generated one stays in [`generated`].
//!
//! ```
//! use cdktf::functions::{cidrsubnet, join, length, upper};
//! use cdktf::Value;
//!
//! let subnet = cidrsubnet("10.0.0.0/16", 8, 2);
//! let names: Value<Vec<String>> = vec!["a", "b"].into();
//! let csv = join(",", names.clone());
//! let loud = upper(csv);
//! let count = length(names) + 1; // numbers take `std::ops` operators
//! assert_eq!(loud.to_literal_json().unwrap(), r#"${upper(join(",", ["a", "b"]))}"#);
//! assert_eq!(count.to_literal_json().unwrap(), r#"${(length(["a", "b"]) + 1)}"#);
//! # let _ = subnet;
//! ```
//!
//! # Arguments
//!
//! - A parameter of a Terraform type takes what converts into its [`Value`]: `&str` and `String`
//!   for `string`, Rust numbers for `number`, `bool`, arrays and `Vec`s for lists, typed references
//!   of those types. A parameter whose type has `dynamic` in it takes any value
//!   ([`AnyValue`]): a list, a map, a reference, a `serde_json::Value`.
//! - A variadic parameter takes an iterator (an array, a `Vec`); its items are spread as separate
//!   arguments, as cdktf's `Fn` spreads them: `max([1, 5, 3])` renders `max(1, 5, 3)`.
//! - A result of type `dynamic` is a `Value<Dynamic>`: read into it with
//!   [`attr`](Value::attr), [`at`](Value::at) and [`key`](Value::key), and state its type with
//!   [`as_string`](Value::as_string), [`as_number`](Value::as_number), ... or [`cast`](Value::cast).
//!
//! # Rendering, and where it differs from cdktf
//!
//! A call renders as cdktf 0.21's `Fn` renders the same call, byte for byte: nested calls,
//! references, list literals `[a, b]`, map literals `{"k" = v}`, and strings quoted with `${` in
//! their text escaped to `$${` (the text of a string argument is literal; a value formatted into
//! it with `format!` stays an interpolation). Where cdktf writes something Terraform reads
//! differently, this crate is right instead:
//!
//! - quotes and backslashes in string arguments are escaped (cdktf rejects unescaped quotes and
//!   passes backslashes through), and `%{` is escaped to `%%{` as `${` is;
//! - [`lookup`] and [`bcrypt`] keep a default or cost of `0`, `false` or `""` (cdktf drops a falsy
//!   one), and [`lookup_nested`] is the way to write cdktf's `lookup` without a default;
//! - `null` in a list argument is kept (cdktf drops it).

#[rustfmt::skip]
pub mod generated;

pub use generated::*;

use crate::any_value::AnyValue;
use crate::expr::{ExprKind, Expression, Repr};
use crate::value::{Dynamic, Value};

/// A call of the function `name` with `args`, typed as returning `T`. Generated provider
/// functions call this with `provider::NAME::FUNC`.
pub fn function_call<T>(name: &str, args: Vec<Value<Dynamic>>) -> Value<T> {
    call(name, args.into_iter().map(|a| a.repr))
}

/// The call `name(args...)` (used by [`generated`]).
fn call<T>(name: &str, args: impl IntoIterator<Item = Repr>) -> Value<T> {
    Value::from_expression(Expression::call(name, args.into_iter().collect()))
}

/// The untyped form of an argument of a Terraform type `T` (used by [`generated`]).
fn typed<T>(value: impl Into<Value<T>>) -> Repr {
    value.into().repr
}

/// The untyped form of an argument of any type (used by [`generated`]).
fn untyped(value: impl AnyValue) -> Repr {
    value.into_raw().0
}

/// `condition ? when_true : when_false` (cdktf's `Fn.conditional`).
pub fn conditional<T>(
    condition: impl Into<Value<bool>>,
    when_true: impl Into<Value<T>>,
    when_false: impl Into<Value<T>>,
) -> Value<T> {
    Value::from_expression(Expression::new(ExprKind::Conditional(
        condition.into().repr,
        when_true.into().repr,
        when_false.into().repr,
    )))
}

/// `join(separator, list)`: the elements of one list of strings, joined (cdktf's `Fn.join`).
/// Terraform's `join` also takes several lists: [`generated::join`].
pub fn join(
    separator: impl Into<Value<String>>,
    list: impl Into<Value<Vec<String>>>,
) -> Value<String> {
    call("join", [typed(separator), typed(list)])
}

/// `element(list, index)`: the element at `index`, wrapping around past the end (unlike
/// indexing). Typed by the list's element type; [`generated::element`] takes any value.
pub fn element<T>(list: impl Into<Value<Vec<T>>>, index: impl Into<Value<f64>>) -> Value<T> {
    call("element", [typed(list), typed(index)])
}

/// `lookup(map, key, default)`: the value under `key`, or `default` when the map has no such key
/// (cdktf's `Fn.lookup` with a default; a default of `0`, `false` or `""` is kept, where cdktf
/// drops it). Without a default, use [`lookup_nested`] (`map.key`, as cdktf writes it) or
/// [`Value::key`].
pub fn lookup(
    map: impl AnyValue,
    key: impl Into<Value<String>>,
    default: impl AnyValue,
) -> Value<Dynamic> {
    call("lookup", [untyped(map), typed(key), untyped(default)])
}

/// One step of a [`lookup_nested`] path: an attribute or map key (`"name"`), a list index (`0`),
/// or an expression (`var.key`).
#[derive(Clone, Debug)]
pub struct PathStep(Repr);

impl From<&str> for PathStep {
    fn from(s: &str) -> Self {
        PathStep(Repr::Str(s.to_string()))
    }
}

impl From<String> for PathStep {
    fn from(s: String) -> Self {
        PathStep(Repr::Str(s))
    }
}

impl From<usize> for PathStep {
    fn from(n: usize) -> Self {
        PathStep(Repr::Number((n as u64).into()))
    }
}

impl From<i32> for PathStep {
    fn from(n: i32) -> Self {
        PathStep(Repr::Number(n.into()))
    }
}

impl<T> From<Value<T>> for PathStep {
    fn from(v: Value<T>) -> Self {
        PathStep(v.repr)
    }
}

/// `map.a.b[0]["c-d"]`: the value at `path` inside `map` (cdktf's `Fn.lookupNested`, and its
/// `Fn.lookup` without a default). A step that is a Terraform identifier or a number is written
/// `.step`, any other `[step]`, as cdktf writes them.
pub fn lookup_nested<S: Into<PathStep>>(
    map: impl AnyValue,
    path: impl IntoIterator<Item = S>,
) -> Value<Dynamic> {
    let mut e = repr_expression(untyped(map));
    for step in path {
        let step = step.into().0;
        e = match &step {
            Repr::Str(s) if is_identifier(s) => e.attr(s),
            Repr::Number(n) => Expression::new(ExprKind::Attr(e, n.to_string())),
            _ => Expression::new(ExprKind::Index(e, step)),
        };
    }
    Value::from_expression(e)
}

/// A value as an expression (a literal becomes a literal expression).
pub(crate) fn repr_expression(repr: Repr) -> Expression {
    match &repr {
        Repr::Expr(e) => e.clone(),
        _ => Expression::new(ExprKind::Value(repr)),
    }
}

/// Whether `s` is a Terraform identifier as cdktf tests it (`[_a-zA-Z][_a-zA-Z0-9]*`).
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && !s.contains(crate::expr::tokens::PREFIX)
}

/// A string Terraform reads verbatim (cdktf's `Fn.rawString`): quotes, backslashes, `${` and `%{`
/// in it are escaped. The same as [`Value::literal`]; in a function argument it renders as cdktf
/// renders a raw string. (At the top level of an attribute cdktf writes quotes as `\"`, which
/// reaches Terraform with the backslash; this writes the text itself.)
pub fn raw_string(text: impl Into<String>) -> Value<String> {
    Value::literal(text)
}

/// `range(start, limit, step)`: the numbers from `start` up to (not including) `limit`, `step`
/// apart (cdktf's `Fn.range`, which writes the step even when it is the default `1`). Terraform's
/// one- and two-argument forms: [`generated::range`].
pub fn range(
    start: impl Into<Value<f64>>,
    limit: impl Into<Value<f64>>,
    step: impl Into<Value<f64>>,
) -> Value<Vec<f64>> {
    call("range", [typed(start), typed(limit), typed(step)])
}

/// `bcrypt(str)`: a bcrypt hash of `str` with the default cost (cdktf's `Fn.bcrypt` without a
/// cost). Terraform computes a new salt on every run.
pub fn bcrypt(str: impl Into<Value<String>>) -> Value<String> {
    call("bcrypt", [typed(str)])
}

/// `bcrypt(str, cost)`: a bcrypt hash of `str` with `cost` (cdktf's `Fn.bcrypt` with a cost).
pub fn bcrypt_with_cost(
    str: impl Into<Value<String>>,
    cost: impl Into<Value<f64>>,
) -> Value<String> {
    call("bcrypt", [typed(str), typed(cost)])
}

/// `format(spec, args...)`: a string formatted from `args` as `spec` says (`printf`-like). Typed
/// as the string it always is; Terraform's signature (result `dynamic`): [`generated::format`].
/// Mix argument types with [`Value::any`]: `format("%s-%d", [Value::any("a"), Value::any(1)])`.
pub fn format(
    spec: impl Into<Value<String>>,
    args: impl IntoIterator<Item = impl AnyValue>,
) -> Value<String> {
    call(
        "format",
        [typed(spec)]
            .into_iter()
            .chain(args.into_iter().map(untyped)),
    )
}

/// `try(a, b, ...)`: the first of `expressions` that evaluates without an error, typed by them
/// (`try_([config.attr("name").as_string(), "default".into()])`). Terraform's untyped form:
/// [`generated::try_`].
pub fn try_<T>(expressions: impl IntoIterator<Item = impl Into<Value<T>>>) -> Value<T> {
    call("try", expressions.into_iter().map(typed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::test_text as text;

    #[test]
    fn provider_functions_render_with_their_namespace() {
        let v: Value<String> = function_call(
            "provider::aws::arn_parse",
            vec![Value::<Dynamic>::from("arn:aws:iam::123456789012:role/x")],
        );
        assert_eq!(
            text(v),
            "${provider::aws::arn_parse(\"arn:aws:iam::123456789012:role/x\")}"
        );
    }

    #[test]
    fn variadic_arguments_are_spread() {
        assert_eq!(text(max([1, 5, 3])), "${max(1, 5, 3)}");
        assert_eq!(
            text(generated::join("-", [vec!["a"], vec!["b", "c"]])),
            r#"${join("-", ["a"], ["b", "c"])}"#
        );
        let empty: [f64; 0] = [];
        assert_eq!(text(min(empty)), "${min()}");
    }

    #[test]
    fn string_arguments_are_literal_text() {
        assert_eq!(text(upper("${x} %{y}")), r#"${upper("$${x} %%{y}")}"#);
        assert_eq!(text(upper("a\"b\\c\nd")), r#"${upper("a\"b\\c\nd")}"#);
        let inner = lower("A");
        assert_eq!(
            text(upper(format!("p-{inner}"))),
            r#"${upper("p-${lower("A")}")}"#
        );
    }

    #[test]
    fn lookup_nested_writes_identifiers_as_attributes() {
        let m = serde_json::json!({"a": {"b-c": [1]}});
        let v = lookup_nested(m, [PathStep::from("a"), "b-c".into(), 0.into()]);
        assert_eq!(text(v), r#"${{"a" = {"b-c" = [1]}}.a["b-c"].0}"#);
    }
}
