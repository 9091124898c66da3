//! Values from Rust literals: [`IntoValue`], and the [`list!`](crate::list) and
//! [`map!`](crate::map) macros that mix literals with references.
//!
//! Arguments of a known Terraform type take `impl Into<Value<T>>`, so `"x"`, `3`, `true` and
//! typed references all fit. Where the type is not known from the parameter (iterating over a
//! list, or building a list that mixes literals and references), [`IntoValue`] gives each Rust
//! value its one Terraform type: `&str` is a string, `3` a number, `vec!["a"]` a list of strings.

use std::collections::{BTreeMap, HashMap};

use crate::expr::Repr;
use crate::value::Value;

/// A Rust value with one Terraform type: what a literal or a typed reference is when nothing
/// else says what it should be.
///
/// ```
/// use cdktf::{IntoValue, Value};
/// let names = vec!["a", "b"].into_value(); // Value<Vec<String>>
/// let ports = [80, 443].into_value();      // Value<Vec<f64>>
/// # let _: (Value<Vec<String>>, Value<Vec<f64>>) = (names, ports);
/// ```
pub trait IntoValue {
    /// The Terraform type (`String`, `f64`, `bool`, `Vec<T>`, `BTreeMap<String, T>`, a generated
    /// object type, or [`Dynamic`](crate::Dynamic)).
    type Type;

    /// The value.
    fn into_value(self) -> Value<Self::Type>;
}

impl<T> IntoValue for Value<T> {
    type Type = T;
    fn into_value(self) -> Value<T> {
        self
    }
}

impl<T> IntoValue for &Value<T> {
    type Type = T;
    fn into_value(self) -> Value<T> {
        self.clone()
    }
}

impl IntoValue for &str {
    type Type = String;
    fn into_value(self) -> Value<String> {
        self.into()
    }
}

impl IntoValue for String {
    type Type = String;
    fn into_value(self) -> Value<String> {
        self.into()
    }
}

impl IntoValue for &String {
    type Type = String;
    fn into_value(self) -> Value<String> {
        self.into()
    }
}

impl IntoValue for bool {
    type Type = bool;
    fn into_value(self) -> Value<bool> {
        self.into()
    }
}

macro_rules! number_into_value {
    ($($t:ty),*) => {$(
        impl IntoValue for $t {
            type Type = f64;
            fn into_value(self) -> Value<f64> {
                self.into()
            }
        }
    )*};
}
number_into_value!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

impl<X: IntoValue> IntoValue for Vec<X> {
    type Type = Vec<X::Type>;
    fn into_value(self) -> Value<Self::Type> {
        list_of(self.into_iter().map(IntoValue::into_value).collect())
    }
}

impl<X: IntoValue, const N: usize> IntoValue for [X; N] {
    type Type = Vec<X::Type>;
    fn into_value(self) -> Value<Self::Type> {
        list_of(self.into_iter().map(IntoValue::into_value).collect())
    }
}

impl<K: Into<String>, X: IntoValue> IntoValue for BTreeMap<K, X> {
    type Type = BTreeMap<String, X::Type>;
    fn into_value(self) -> Value<Self::Type> {
        map_of(
            self.into_iter()
                .map(|(k, v)| (k.into(), v.into_value()))
                .collect(),
        )
    }
}

impl<K: Into<String>, X: IntoValue, S> IntoValue for HashMap<K, X, S> {
    type Type = BTreeMap<String, X::Type>;
    fn into_value(self) -> Value<Self::Type> {
        map_of(
            self.into_iter()
                .map(|(k, v)| (k.into(), v.into_value()))
                .collect(),
        )
    }
}

/// The list of `items`: what [`list!`](crate::list) expands to.
pub fn list_of<T>(items: Vec<Value<T>>) -> Value<Vec<T>> {
    Value::from_repr(Repr::List(items.into_iter().map(|v| v.repr).collect()))
}

/// The map of `entries` (a repeated key keeps its last value): what [`map!`](crate::map)
/// expands to.
pub fn map_of<T>(entries: Vec<(String, Value<T>)>) -> Value<BTreeMap<String, T>> {
    Value::from_repr(Repr::Map(
        entries.into_iter().map(|(k, v)| (k, v.repr)).collect(),
    ))
}

/// A list whose elements may mix literals and typed references:
/// `list!["agent", org.name(), "x"]` is a `Value<Vec<String>>`.
///
/// Every element converts with [`IntoValue`], so all must have one Terraform type.
///
/// ```
/// use cdktf::prelude::*;
/// use cdktf::functions::join;
///
/// let app = App::new();
/// let stack = TerraformStack::new(&app, "s");
/// let env = TerraformVariable::new(&stack, "env").type_constraint("string");
/// TerraformOutput::new(&stack, "name", join("-", list!["app", env.string_value(), "1"]));
/// let json = app.synth_stack("s")?;
/// assert_eq!(json["output"]["name"]["value"], r#"${join("-", ["app", var.env, "1"])}"#);
/// # Ok::<(), cdktf::Error>(())
/// ```
#[macro_export]
macro_rules! list {
    ($($item:expr),* $(,)?) => {
        $crate::literal::list_of(::std::vec![$($crate::IntoValue::into_value($item)),*])
    };
}

/// A map whose values may mix literals and typed references:
/// `map! { "team" => "core", "org" => org.name() }` is a `Value<BTreeMap<String, String>>`.
///
/// Keys are strings (`&str` or `String`); values convert with [`IntoValue`], so all must have one
/// Terraform type.
///
/// ```
/// use cdktf::prelude::*;
///
/// let app = App::new();
/// let stack = TerraformStack::new(&app, "s");
/// let env = TerraformVariable::new(&stack, "env").type_constraint("string");
/// TerraformOutput::new(&stack, "tags", map! { "team" => "core", "env" => env.string_value() });
/// let json = app.synth_stack("s")?;
/// assert_eq!(json["output"]["tags"]["value"]["env"], "${var.env}");
/// # Ok::<(), cdktf::Error>(())
/// ```
#[macro_export]
macro_rules! map {
    ($($key:expr => $value:expr),* $(,)?) => {
        $crate::literal::map_of(::std::vec![
            $((::std::string::String::from($key), $crate::IntoValue::into_value($value))),*
        ])
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::Expression;

    #[test]
    fn literals_and_references_mix_in_one_list() {
        let r: Value<String> = Value::from_expression(Expression::raw("var.x"));
        let v = crate::list!["a", r, String::from("b")];
        assert_eq!(
            v.to_literal_json(),
            Some(serde_json::json!(["a", "${var.x}", "b"]))
        );
        let literal = crate::list!["a", "b"];
        assert_eq!(
            literal.to_literal_json(),
            Some(serde_json::json!(["a", "b"]))
        );
    }

    #[test]
    fn maps_take_string_keys_and_any_one_value_type() {
        let m = crate::map! { "x" => 1, String::from("y") => 2.5 };
        assert_eq!(
            m.to_literal_json(),
            Some(serde_json::json!({"x": 1, "y": 2.5}))
        );
        let empty: Value<BTreeMap<String, String>> = crate::map! {};
        assert_eq!(empty.to_literal_json(), Some(serde_json::json!({})));
    }

    #[test]
    fn each_rust_type_has_one_terraform_type() {
        let v: Value<Vec<Vec<f64>>> = vec![vec![1, 2], vec![3]].into_value();
        assert_eq!(v.to_literal_json(), Some(serde_json::json!([[1, 2], [3]])));
        let mut h = HashMap::new();
        h.insert("k", true);
        let m: Value<BTreeMap<String, bool>> = h.into_value();
        assert_eq!(m.to_literal_json(), Some(serde_json::json!({"k": true})));
    }
}
