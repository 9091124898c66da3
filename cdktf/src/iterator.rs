//! Iteration: `for_each` on elements, and dynamic blocks generated from a collection.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use crate::args::{Blocks, Object};
use crate::expr::{to_json, Expression, Repr, Resolve};
use crate::value::Value;

/// The value of a `for_each` meta-argument.
#[derive(Clone, Debug)]
pub struct ForEach(pub(crate) Repr);

/// Iterates over a list or map, for `for_each` on an element or for a dynamic block.
///
/// `T` is the Terraform type of one element; [`key`](Self::key) and [`value`](Self::value) are the
/// current entry (`each.key` and `each.value`).
///
/// ```
/// use cdktf::{TerraformIterator, Value};
/// let names: Value<Vec<String>> = vec!["a", "b"].into();
/// let it = TerraformIterator::from_list(names);
/// let name: Value<String> = it.value();
/// # let _ = name;
/// ```
pub struct TerraformIterator<T> {
    for_each: Repr,
    _type: PhantomData<fn() -> T>,
}

impl<T> Clone for TerraformIterator<T> {
    fn clone(&self) -> Self {
        TerraformIterator {
            for_each: self.for_each.clone(),
            _type: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for TerraformIterator<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("TerraformIterator")
            .field(&self.for_each)
            .finish()
    }
}

impl<T> TerraformIterator<T> {
    /// Iterates over a list (or set): `for_each = toset(list)`, as cdktf writes it. Keys and
    /// values are both the element.
    pub fn from_list(list: impl Into<Value<Vec<T>>>) -> Self {
        let list = list.into().repr;
        TerraformIterator {
            for_each: Repr::Expr(Expression::call("toset", vec![list])),
            _type: PhantomData,
        }
    }

    /// Iterates over a map: `each.key` is the key and `each.value` the value.
    pub fn from_map(map: impl Into<Value<BTreeMap<String, T>>>) -> Self {
        TerraformIterator {
            for_each: map.into().repr,
            _type: PhantomData,
        }
    }

    /// Iterates over any expression that Terraform accepts in `for_each` (a map, a set of
    /// strings, or the instances of an element that itself uses `count` or `for_each`).
    pub fn from_expression(expression: Expression) -> Self {
        TerraformIterator {
            for_each: Repr::Expr(expression),
            _type: PhantomData,
        }
    }

    /// The current key: `${each.key}`.
    pub fn key(&self) -> Value<String> {
        Value::from_expression(Expression::raw("each.key"))
    }

    /// The current value: `${each.value}`.
    pub fn value(&self) -> Value<T> {
        Value::from_expression(Expression::raw("each.value"))
    }

    /// An attribute of the current value: `${each.value.NAME}`. The caller states its type.
    pub fn value_attr<U>(&self, name: &str) -> Value<U> {
        Value::from_expression(Expression::raw("each.value").attr(name))
    }

    /// A dynamic block: Terraform repeats `content` once per entry. Pass the result to a
    /// generated block setter.
    pub fn dynamic<B: Object>(&self, content: B) -> Blocks<B> {
        Blocks::dynamic(DynamicBlock {
            for_each: self.for_each.clone(),
            content: content.into_args(),
        })
    }
}

impl<T> From<&TerraformIterator<T>> for ForEach {
    fn from(it: &TerraformIterator<T>) -> Self {
        ForEach(it.for_each.clone())
    }
}

impl<T> From<TerraformIterator<T>> for ForEach {
    fn from(it: TerraformIterator<T>) -> Self {
        ForEach(it.for_each)
    }
}

/// A `dynamic` block as written under an object's `dynamic` key.
#[derive(Debug)]
pub(crate) struct DynamicBlock {
    for_each: Repr,
    content: crate::args::Args,
}

impl DynamicBlock {
    pub(crate) fn to_json(&self, cx: &mut dyn Resolve) -> serde_json::Value {
        serde_json::json!({
            "content": self.content.to_json(cx),
            "for_each": to_json(&self.for_each, cx),
            "iterator": "each",
        })
    }
}
