//! Typed values: what configuration setters take and what attribute getters return.
//!
//! A [`Value<T>`] is either a literal or a Terraform expression of Terraform type `T`:
//!
//! | Terraform type | `T` |
//! |---|---|
//! | `string` | `String` |
//! | `number` | `f64` |
//! | `bool` | `bool` |
//! | `list(X)`, `set(X)` | `Vec<X>` |
//! | `map(X)` | `BTreeMap<String, X>` |
//! | `object({...})` | the generated struct |
//! | `dynamic` (any) | [`Dynamic`] |
//!
//! A value of one type cannot be passed where another is expected without an explicit conversion
//! ([`Value::to_string_value`], [`Value::to_number`], [`Value::into_dynamic`], ...).
//!
//! # Strings: interpolation and literals
//!
//! - `&str` and `String` behave as in cdktf: `${...}` inside them is a Terraform expression, and a
//!   value formatted into them with `format!` becomes a reference:
//!   `format!("{}-logs", bucket.id())` renders `"${aws_s3_bucket.b.id}-logs"`.
//! - [`Value::literal`] is for text Terraform must read verbatim: `${` and `%{` in it are escaped
//!   (`$${`, `%%{`), so `Value::literal("${HOME}")` reaches Terraform as the five characters `${HOME}`.
//!
//! A number is not a string:
//!
//! ```compile_fail
//! use cdktf::Value;
//! fn takes_string(_: Value<String>) {}
//! let port: Value<f64> = 8080.into();
//! takes_string(port); // error: expected `Value<String>`, found `Value<f64>`
//! ```
//!
//! ```compile_fail
//! use cdktf::{Args, Value};
//! let port: Value<f64> = 8080.into();
//! let mut args = Args::new();
//! args.set::<String>("name", port); // error: `Value<f64>` is not `Into<Value<String>>`
//! ```
//!
//! ```
//! use cdktf::{Args, Value};
//! let port: Value<f64> = 8080.into();
//! let mut args = Args::new();
//! args.set::<String>("name", port.to_string_value()); // explicit: `tostring(...)`
//! ```
//!
//! ```
//! use cdktf::Value;
//! let templated: Value<String> = "${var.name}-suffix".into(); // an interpolation
//! let verbatim: Value<String> = Value::literal("${not-interpolated}");
//! # let _ = (templated, verbatim);
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::marker::PhantomData;

use crate::expr::{tokens, ExprKind, Expression, Repr};

/// The Terraform `dynamic` type: any value. An alias of [`serde_json::Value`].
pub type Dynamic = serde_json::Value;

/// A literal or an expression of Terraform type `T` (see the [module docs](self)).
///
/// Not `Send` or `Sync`: see [`App`](crate::App#threads) for using several threads.
pub struct Value<T> {
    pub(crate) repr: Repr,
    _type: PhantomData<fn() -> T>,
}

impl<T> Clone for Value<T> {
    fn clone(&self) -> Self {
        Value::from_repr(self.repr.clone())
    }
}

impl<T> fmt::Debug for Value<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Value").field(&self.repr).finish()
    }
}

/// Writes the value so that it can be embedded in a string: literals as their text, expressions as
/// a token that synthesis turns into `${...}` (cdktf's token design).
impl<T> fmt::Display for Value<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Str(s) => f.write_str(s),
            Repr::Bool(b) => write!(f, "{b}"),
            Repr::Number(n) => write!(f, "{n}"),
            other => f.write_str(&tokens::register_ref(other)),
        }
    }
}

impl<T> Value<T> {
    pub(crate) fn from_repr(repr: Repr) -> Self {
        Value {
            repr,
            _type: PhantomData,
        }
    }

    /// A value from a Terraform expression. The caller vouches for the type.
    pub fn from_expression(expression: Expression) -> Self {
        Self::from_repr(Repr::Expr(expression))
    }

    /// Terraform `null`: the argument is treated as unset.
    pub fn null() -> Self {
        Self::from_repr(Repr::Null)
    }

    /// This value as an expression (a literal becomes a literal expression).
    pub fn expression(&self) -> Expression {
        match &self.repr {
            Repr::Expr(e) => e.clone(),
            other => Expression::new(ExprKind::Value(other.clone())),
        }
    }

    /// Whether this value is an expression rather than a literal.
    pub fn is_expression(&self) -> bool {
        matches!(self.repr, Repr::Expr(_))
    }

    /// This value as [`Dynamic`] (any type), for arguments of type `dynamic`.
    pub fn into_dynamic(self) -> Value<Dynamic> {
        Value::from_repr(self.repr)
    }

    /// The value's JSON as it would be synthesized, for values that contain no references.
    /// Returns `None` when the value holds an expression.
    pub fn to_literal_json(&self) -> Option<serde_json::Value> {
        struct NoRefs(bool);
        impl crate::expr::Resolve for NoRefs {
            fn element_reference(
                &mut self,
                _: &std::rc::Rc<dyn crate::expr::Referent>,
                _: &str,
            ) -> String {
                self.0 = true;
                String::new()
            }
        }
        let mut cx = NoRefs(false);
        let json = crate::expr::to_json(&self.repr, &mut cx);
        (!cx.0).then_some(json)
    }
}

impl Value<String> {
    /// A string Terraform reads verbatim: `${` and `%{` in it are escaped, never interpolated.
    pub fn literal(text: impl Into<String>) -> Self {
        Self::from_repr(Repr::Literal(text.into()))
    }

    /// Converts to a number with Terraform's `tonumber()`.
    pub fn to_number(&self) -> Value<f64> {
        Value::from_expression(Expression::call("tonumber", vec![self.repr.clone()]))
    }

    /// Converts to a bool with Terraform's `tobool()`.
    pub fn to_bool(&self) -> Value<bool> {
        Value::from_expression(Expression::call("tobool", vec![self.repr.clone()]))
    }
}

impl Value<f64> {
    /// Converts to a string with Terraform's `tostring()`.
    pub fn to_string_value(&self) -> Value<String> {
        Value::from_expression(Expression::call("tostring", vec![self.repr.clone()]))
    }
}

impl Value<bool> {
    /// Converts to a string with Terraform's `tostring()`.
    pub fn to_string_value(&self) -> Value<String> {
        Value::from_expression(Expression::call("tostring", vec![self.repr.clone()]))
    }
}

impl<T> Value<Vec<T>> {
    /// The element at `index` (`list[index]`).
    pub fn get(&self, index: usize) -> Value<T> {
        Value::from_expression(self.expression().index(index))
    }

    /// The number of elements (`length(list)`).
    pub fn length(&self) -> Value<f64> {
        Value::from_expression(Expression::call("length", vec![self.repr.clone()]))
    }
}

impl<T> Value<BTreeMap<String, T>> {
    /// The value under `key` (`map["key"]`).
    pub fn get(&self, key: &str) -> Value<T> {
        Value::from_expression(self.expression().key(key))
    }
}

/// Something a typed getter can return: built from the expression of an attribute.
pub trait FromExpression {
    /// Wraps an expression.
    fn from_expression(expression: Expression) -> Self;
}

impl<T> FromExpression for Value<T> {
    fn from_expression(expression: Expression) -> Self {
        Value::from_expression(expression)
    }
}

/// Typed reads of attributes, as generated getters make them: from a resource handle
/// ([`Resource`](crate::Resource)) or from a reference to a block or object ([`Expression`]).
/// The reference type comes from the caller: `let arn: Value<String> = bucket.get("arn");`.
pub trait Attributes {
    /// The expression of the attribute `name` (its Terraform name).
    fn attribute(&self, name: &str) -> Expression;

    /// The attribute `name` as a typed reference: a [`Value`], a block's `...Ref`, a
    /// [`ListRef`] of a list, a [`MapRef`].
    fn get<R: FromExpression>(&self, name: &str) -> R {
        R::from_expression(self.attribute(name))
    }

    /// A set of objects or blocks: elements are read through `tolist(...)`.
    fn get_set<R: FromExpression>(&self, name: &str) -> ListRef<R> {
        ListRef::set(self.attribute(name))
    }

    /// A list block that holds at most one block (`max_items = 1`): that block.
    fn get_first<R: FromExpression>(&self, name: &str) -> R {
        R::from_expression(self.attribute(name).index(0))
    }

    /// A set block that holds at most one block (`max_items = 1`): that block.
    fn get_set_first<R: FromExpression>(&self, name: &str) -> R {
        R::from_expression(self.attribute(name).set_index(0))
    }
}

impl Attributes for Expression {
    fn attribute(&self, name: &str) -> Expression {
        self.attr(name)
    }
}

/// A typed reference that stands for one Terraform expression: the `...Ref` types of generated
/// bindings, [`ListRef`], [`MapRef`]. Each is an [`AnyValue`](crate::AnyValue), so that a whole
/// block or object can be an output's value:
/// `TerraformOutput::new(&stack, "repo", workspace.vcs_repo())`.
pub trait ToExpression {
    /// The expression it stands for.
    fn to_expression(&self) -> Expression;
}

impl ToExpression for Expression {
    fn to_expression(&self) -> Expression {
        self.clone()
    }
}

impl<R> ToExpression for ListRef<R> {
    fn to_expression(&self) -> Expression {
        self.expression.clone()
    }
}

impl<R> ToExpression for MapRef<R> {
    fn to_expression(&self) -> Expression {
        self.expression.clone()
    }
}

/// A reference to a list (or set) attribute whose elements are objects: `.get(i)` gives a typed
/// reference to one element.
pub struct ListRef<R> {
    expression: Expression,
    is_set: bool,
    _type: PhantomData<fn() -> R>,
}

impl<R> Clone for ListRef<R> {
    fn clone(&self) -> Self {
        ListRef {
            expression: self.expression.clone(),
            is_set: self.is_set,
            _type: PhantomData,
        }
    }
}

impl<R> fmt::Debug for ListRef<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ListRef").field(&self.expression).finish()
    }
}

impl<R: FromExpression> ListRef<R> {
    /// A reference to a list attribute.
    pub fn list(expression: Expression) -> Self {
        ListRef {
            expression,
            is_set: false,
            _type: PhantomData,
        }
    }

    /// A reference to a set attribute (indexed through `tolist`, as cdktf does).
    pub fn set(expression: Expression) -> Self {
        ListRef {
            expression,
            is_set: true,
            _type: PhantomData,
        }
    }

    /// The element at `index`.
    pub fn get(&self, index: usize) -> R {
        if self.is_set {
            R::from_expression(self.expression.set_index(index))
        } else {
            R::from_expression(self.expression.index(index))
        }
    }

    /// The whole attribute as an expression.
    pub fn expression(&self) -> Expression {
        self.expression.clone()
    }
}

impl<R: FromExpression> FromExpression for ListRef<R> {
    fn from_expression(expression: Expression) -> Self {
        ListRef::list(expression)
    }
}

impl<R> fmt::Display for ListRef<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&tokens::register(Repr::Expr(self.expression.clone())))
    }
}

/// A reference to a map attribute whose values are objects: `.get(key)` gives a typed reference.
pub struct MapRef<R> {
    expression: Expression,
    _type: PhantomData<fn() -> R>,
}

impl<R> Clone for MapRef<R> {
    fn clone(&self) -> Self {
        MapRef {
            expression: self.expression.clone(),
            _type: PhantomData,
        }
    }
}

impl<R> fmt::Debug for MapRef<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("MapRef").field(&self.expression).finish()
    }
}

impl<R: FromExpression> MapRef<R> {
    /// The value under `key`.
    pub fn get(&self, key: &str) -> R {
        R::from_expression(self.expression.key(key))
    }

    /// The whole attribute as an expression.
    pub fn expression(&self) -> Expression {
        self.expression.clone()
    }
}

impl<R: FromExpression> FromExpression for MapRef<R> {
    fn from_expression(expression: Expression) -> Self {
        MapRef {
            expression,
            _type: PhantomData,
        }
    }
}

impl<T> From<&Value<T>> for Value<T> {
    fn from(v: &Value<T>) -> Self {
        v.clone()
    }
}

impl<T> From<Expression> for Value<T> {
    fn from(e: Expression) -> Self {
        Value::from_expression(e)
    }
}

impl From<&str> for Value<String> {
    fn from(s: &str) -> Self {
        Value::from_repr(Repr::Str(s.to_string()))
    }
}

impl From<String> for Value<String> {
    fn from(s: String) -> Self {
        Value::from_repr(Repr::Str(s))
    }
}

impl From<&String> for Value<String> {
    fn from(s: &String) -> Self {
        Value::from_repr(Repr::Str(s.clone()))
    }
}

impl From<bool> for Value<bool> {
    fn from(b: bool) -> Self {
        Value::from_repr(Repr::Bool(b))
    }
}

macro_rules! number_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Value<f64> {
            fn from(n: $t) -> Self {
                Value::from_repr(Repr::Number(serde_json::Number::from(n)))
            }
        }
    )*};
}
number_from_int!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl From<f64> for Value<f64> {
    /// Integral values are written without a fraction (`3`, not `3.0`), as JavaScript writes them.
    /// NaN and infinities have no JSON form and become `null`.
    fn from(n: f64) -> Self {
        Value::from_repr(number_repr(n))
    }
}

impl From<f32> for Value<f64> {
    fn from(n: f32) -> Self {
        Value::from_repr(number_repr(f64::from(n)))
    }
}

pub(crate) fn number_repr(n: f64) -> Repr {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        // Exact: |n| < 2^53, so the cast neither truncates nor rounds.
        #[allow(clippy::cast_possible_truncation)]
        return Repr::Number(serde_json::Number::from(n as i64));
    }
    match serde_json::Number::from_f64(n) {
        Some(num) => Repr::Number(num),
        None => Repr::Null,
    }
}

impl<T, X: Into<Value<T>>> From<Vec<X>> for Value<Vec<T>> {
    fn from(items: Vec<X>) -> Self {
        Value::from_repr(Repr::List(
            items.into_iter().map(|x| x.into().repr).collect(),
        ))
    }
}

impl<T, X: Into<Value<T>>, const N: usize> From<[X; N]> for Value<Vec<T>> {
    fn from(items: [X; N]) -> Self {
        Value::from_repr(Repr::List(
            items.into_iter().map(|x| x.into().repr).collect(),
        ))
    }
}

impl<T, X: Into<Value<T>> + Clone> From<&[X]> for Value<Vec<T>> {
    fn from(items: &[X]) -> Self {
        Value::from_repr(Repr::List(
            items.iter().cloned().map(|x| x.into().repr).collect(),
        ))
    }
}

impl<T, K: Into<String>, X: Into<Value<T>>> From<BTreeMap<K, X>> for Value<BTreeMap<String, T>> {
    fn from(map: BTreeMap<K, X>) -> Self {
        Value::from_repr(Repr::Map(
            map.into_iter()
                .map(|(k, v)| (k.into(), v.into().repr))
                .collect(),
        ))
    }
}

impl<T, K: Into<String>, X: Into<Value<T>>, S> From<HashMap<K, X, S>>
    for Value<BTreeMap<String, T>>
{
    fn from(map: HashMap<K, X, S>) -> Self {
        Value::from_repr(Repr::Map(
            map.into_iter()
                .map(|(k, v)| (k.into(), v.into().repr))
                .collect(),
        ))
    }
}

impl<T, K: Into<String>, X: Into<Value<T>>, const N: usize> From<[(K, X); N]>
    for Value<BTreeMap<String, T>>
{
    fn from(entries: [(K, X); N]) -> Self {
        Value::from_repr(Repr::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.into(), v.into().repr))
                .collect(),
        ))
    }
}

impl From<serde_json::Value> for Value<Dynamic> {
    fn from(v: serde_json::Value) -> Self {
        Value::from_repr(Repr::Json(v))
    }
}

impl From<&str> for Value<Dynamic> {
    fn from(s: &str) -> Self {
        Value::from_repr(Repr::Str(s.to_string()))
    }
}

impl From<String> for Value<Dynamic> {
    fn from(s: String) -> Self {
        Value::from_repr(Repr::Str(s))
    }
}

impl From<bool> for Value<Dynamic> {
    fn from(b: bool) -> Self {
        Value::from_repr(Repr::Bool(b))
    }
}

impl From<i64> for Value<Dynamic> {
    fn from(n: i64) -> Self {
        Value::from_repr(Repr::Number(n.into()))
    }
}

impl From<f64> for Value<Dynamic> {
    fn from(n: f64) -> Self {
        Value::from_repr(number_repr(n))
    }
}

/// What a value renders to, as text (its JSON string, or the JSON otherwise): what the unit tests
/// of the language modules compare.
#[cfg(test)]
pub(crate) fn test_text<T>(v: Value<T>) -> String {
    match v.to_literal_json() {
        Some(serde_json::Value::String(s)) => s,
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T>(v: impl Into<Value<T>>) -> serde_json::Value {
        v.into().to_literal_json().unwrap_or_default()
    }

    #[test]
    fn numbers_render_like_javascript() {
        assert_eq!(json::<f64>(3).to_string(), "3");
        assert_eq!(json::<f64>(3.0).to_string(), "3");
        assert_eq!(json::<f64>(0.5).to_string(), "0.5");
        assert_eq!(json::<f64>(f64::NAN).to_string(), "null");
    }

    #[test]
    fn collections_convert_from_rust_values() {
        let v: Value<Vec<String>> = vec!["a", "b"].into();
        assert_eq!(json(v).to_string(), r#"["a","b"]"#);
        let m: Value<BTreeMap<String, f64>> = [("x", 1), ("y", 2)].into();
        assert_eq!(json(m).to_string(), r#"{"x":1,"y":2}"#);
    }

    #[test]
    fn literals_escape_templates_and_strings_do_not() {
        assert_eq!(json(Value::literal("${a}")), "$${a}");
        assert_eq!(json::<String>("${a}"), "${a}");
    }

    #[test]
    fn display_of_a_literal_is_its_text() {
        let v: Value<String> = "plain".into();
        assert_eq!(v.to_string(), "plain");
    }
}
