//! [`AnyValue`]: what outputs, locals and variable defaults accept.

use crate::expr::Repr;
use crate::value::{number_repr, ToExpression, Value};

/// A value of any Terraform type. Outputs, locals and variable defaults take one.
pub trait AnyValue {
    #[doc(hidden)]
    fn into_raw(self) -> RawValue;
}

/// The untyped form of a value (opaque).
#[doc(hidden)]
pub struct RawValue(pub(crate) Repr);

impl<T> AnyValue for Value<T> {
    fn into_raw(self) -> RawValue {
        RawValue(self.repr)
    }
}

impl<T> AnyValue for &Value<T> {
    fn into_raw(self) -> RawValue {
        RawValue(self.repr.clone())
    }
}

/// Typed references: generated `...Ref` types, [`ListRef`](crate::ListRef),
/// [`MapRef`](crate::MapRef), [`Expression`](crate::Expression).
impl<T: ToExpression> AnyValue for T {
    fn into_raw(self) -> RawValue {
        RawValue(Repr::Expr(self.to_expression()))
    }
}

impl AnyValue for &str {
    fn into_raw(self) -> RawValue {
        RawValue(Repr::Str(self.to_string()))
    }
}

impl AnyValue for String {
    fn into_raw(self) -> RawValue {
        RawValue(Repr::Str(self))
    }
}

impl AnyValue for bool {
    fn into_raw(self) -> RawValue {
        RawValue(Repr::Bool(self))
    }
}

impl AnyValue for i64 {
    fn into_raw(self) -> RawValue {
        RawValue(Repr::Number(self.into()))
    }
}

impl AnyValue for i32 {
    fn into_raw(self) -> RawValue {
        RawValue(Repr::Number(self.into()))
    }
}

impl AnyValue for f64 {
    fn into_raw(self) -> RawValue {
        RawValue(number_repr(self))
    }
}

impl AnyValue for serde_json::Value {
    fn into_raw(self) -> RawValue {
        RawValue(Repr::Json(self))
    }
}

/// A list of values: `vec!["a", "b"]`, `vec![1, 2]`.
impl<X: AnyValue> AnyValue for Vec<X> {
    fn into_raw(self) -> RawValue {
        RawValue(Repr::List(
            self.into_iter().map(|x| x.into_raw().0).collect(),
        ))
    }
}

/// A list of values: `["a", "b"]`, `[1, 2]`.
impl<X: AnyValue, const N: usize> AnyValue for [X; N] {
    fn into_raw(self) -> RawValue {
        RawValue(Repr::List(
            self.into_iter().map(|x| x.into_raw().0).collect(),
        ))
    }
}

/// A map of values.
impl<K: Into<String>, X: AnyValue> AnyValue for std::collections::BTreeMap<K, X> {
    fn into_raw(self) -> RawValue {
        RawValue(Repr::Map(
            self.into_iter()
                .map(|(k, x)| (k.into(), x.into_raw().0))
                .collect(),
        ))
    }
}
