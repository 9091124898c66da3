//! Terraform expressions beyond function calls and operators: `for` expressions with typed
//! closures, splat (`[*]`), attribute and index access on `dynamic` values, named values
//! (`terraform.workspace`, `path.module`, `path.root`, `path.cwd`, `self`) and type assertions.
//!
//! # `for` expressions
//!
//! A closure receives the loop variables as typed values and returns the body:
//!
//! ```
//! use cdktf::functions::{trimspace, upper};
//! use cdktf::Value;
//! use std::collections::BTreeMap;
//!
//! let names: Value<Vec<String>> = cdktf::Expression::raw("var.names").into();
//! let loud = names.map_each(|name| upper(trimspace(name)));
//! assert_eq!(
//!     loud.to_literal_json().unwrap(),
//!     "${[ for key, val in var.names: upper(trimspace(val))]}"
//! );
//!
//! let kept = names.filter_each(|name| name.ne(""));
//! assert_eq!(kept.to_literal_json().unwrap(), r#"${[ for key, val in var.names: val if (val != "")]}"#);
//!
//! let tags: Value<BTreeMap<String, String>> = cdktf::Expression::raw("var.tags").into();
//! let keys: Value<Vec<String>> = tags.to_list_each(|key, _| key);
//! assert_eq!(keys.to_literal_json().unwrap(), "${[ for key, val in var.tags: key]}");
//! ```
//!
//! The loop variables are `key` and `val`, as cdktf names them; a `for` expression built inside
//! the closure of another gets `key1` and `val1`, and so on, so nested loops do not shadow each
//! other. cdktf's string-based forms are on [`TerraformIterator`](crate::TerraformIterator)
//! (`for_expression_for_list`, `for_expression_for_map`, `keys`, `values`, `pluck_property`).

use std::cell::Cell;
use std::collections::BTreeMap;

use crate::expr::{ExprKind, Expression, For, Repr};
use crate::functions::repr_expression;
use crate::value::{Dynamic, Value};

thread_local! {
    /// How many `for` closures are running: the depth of the next loop's variables.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// The loop variable names at the current depth, and a guard that restores the depth.
struct Loop {
    key: String,
    value: String,
}

impl Loop {
    fn enter() -> Self {
        let depth = DEPTH.with(|d| {
            let n = d.get();
            d.set(n + 1);
            n
        });
        let suffix = if depth == 0 {
            String::new()
        } else {
            depth.to_string()
        };
        Loop {
            key: format!("key{suffix}"),
            value: format!("val{suffix}"),
        }
    }

    fn key<K>(&self) -> Value<K> {
        Value::from_expression(Expression::raw(self.key.clone()))
    }

    fn value<V>(&self) -> Value<V> {
        Value::from_expression(Expression::raw(self.value.clone()))
    }

    fn finish<R>(
        self,
        input: Repr,
        key: Option<Repr>,
        value: Repr,
        condition: Option<Repr>,
    ) -> Value<R> {
        Value::from_expression(Expression::new(ExprKind::For(For {
            input,
            key_var: self.key.clone(),
            value_var: self.value.clone(),
            key,
            value,
            condition,
        })))
    }
}

impl Drop for Loop {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// A `for` expression over `input` (a list, set, map or object) with full control: `value` is
/// the body of each element, `key` (for a map result) its key, `condition` its filter; each gets
/// the loop's key (the index of a list) and value. Returns a list, or a map when `key` is given.
/// The typed methods ([`Value::map_each`], ...) cover the common cases.
///
/// ```
/// use cdktf::expressions::{for_expression, ForBody};
/// use cdktf::functions::upper;
/// use cdktf::{Dynamic, Value};
///
/// let users: Value<Dynamic> = cdktf::Expression::raw("var.users").into();
/// let admins: Value<Dynamic> = for_expression(users, |name: Value<String>, user: Value<Dynamic>| {
///     ForBody::map(upper(name), user.attr("email")).when(user.attr("admin").as_bool())
/// });
/// assert_eq!(
///     admins.to_literal_json().unwrap(),
///     "${{ for key, val in var.users: upper(key) => val.email if val.admin }}"
/// );
/// ```
pub fn for_expression<K, V, R>(
    input: impl crate::AnyValue,
    body: impl FnOnce(Value<K>, Value<V>) -> ForBody,
) -> Value<R> {
    let input = input.into_raw().0;
    let l = Loop::enter();
    let b = body(l.key(), l.value());
    l.finish(input, b.key, b.value, b.condition)
}

/// A `for` expression whose loop variables are always `key` and `val`, at any depth: for cdktf's
/// forms whose body is Terraform text naming them (`"upper(val)"`).
pub(crate) fn for_key_val(input: Repr, key: Option<Repr>, value: Repr) -> Value<Dynamic> {
    Value::from_expression(Expression::new(ExprKind::For(For {
        input,
        key_var: "key".into(),
        value_var: "val".into(),
        key,
        value,
        condition: None,
    })))
}

/// The parts of a [`for_expression`]'s body.
#[derive(Debug)]
#[must_use]
pub struct ForBody {
    key: Option<Repr>,
    value: Repr,
    condition: Option<Repr>,
}

impl ForBody {
    /// A list element: `[ for ...: VALUE]`.
    pub fn list<T>(value: impl Into<Value<T>>) -> Self {
        ForBody {
            key: None,
            value: value.into().repr,
            condition: None,
        }
    }

    /// A map entry: `{ for ...: KEY => VALUE }`.
    pub fn map<T>(key: impl Into<Value<String>>, value: impl Into<Value<T>>) -> Self {
        ForBody {
            key: Some(key.into().repr),
            value: value.into().repr,
            condition: None,
        }
    }

    /// Keeps only the elements for which `condition` holds (`... if CONDITION`).
    pub fn when(mut self, condition: impl Into<Value<bool>>) -> Self {
        self.condition = Some(condition.into().repr);
        self
    }
}

impl<T> Value<Vec<T>> {
    /// `[ for key, val in LIST: f(val)]`: each element mapped.
    pub fn map_each<U, R: Into<Value<U>>>(&self, f: impl FnOnce(Value<T>) -> R) -> Value<Vec<U>> {
        let l = Loop::enter();
        let value = f(l.value()).into().repr;
        l.finish(self.repr.clone(), None, value, None)
    }

    /// `[ for key, val in LIST: f(key, val)]`: each element mapped, with its index.
    pub fn map_each_indexed<U, R: Into<Value<U>>>(
        &self,
        f: impl FnOnce(Value<f64>, Value<T>) -> R,
    ) -> Value<Vec<U>> {
        let l = Loop::enter();
        let value = f(l.key(), l.value()).into().repr;
        l.finish(self.repr.clone(), None, value, None)
    }

    /// `[ for key, val in LIST: val if f(val)]`: the elements for which `f` holds.
    pub fn filter_each(&self, f: impl FnOnce(Value<T>) -> Value<bool>) -> Value<Vec<T>> {
        let l = Loop::enter();
        let condition = f(l.value()).repr;
        let value = l.value::<T>().repr;
        l.finish(self.repr.clone(), None, value, Some(condition))
    }

    /// `{ for key, val in LIST: K => V }` where `f(val)` gives `(K, V)`: a map built from the
    /// elements (keys must be distinct, or Terraform reports an error).
    pub fn to_map_each<U, K, R>(
        &self,
        f: impl FnOnce(Value<T>) -> (K, R),
    ) -> Value<BTreeMap<String, U>>
    where
        K: Into<Value<String>>,
        R: Into<Value<U>>,
    {
        let l = Loop::enter();
        let (k, v) = f(l.value());
        let (k, v) = (k.into().repr, v.into().repr);
        l.finish(self.repr.clone(), Some(k), v, None)
    }

    /// `LIST[*].NAME`: the attribute `name` of every element (a splat expression).
    pub fn splat_attr<U>(&self, name: &str) -> Value<Vec<U>> {
        let splat = Expression::new(ExprKind::Splat(repr_expression(self.repr.clone())));
        Value::from_expression(splat.attr(name))
    }
}

impl<T> Value<BTreeMap<String, T>> {
    /// `{ for key, val in MAP: key => f(key, val) }`: each value mapped, keys kept.
    pub fn map_each<U, R: Into<Value<U>>>(
        &self,
        f: impl FnOnce(Value<String>, Value<T>) -> R,
    ) -> Value<BTreeMap<String, U>> {
        let l = Loop::enter();
        let value = f(l.key(), l.value()).into().repr;
        let key = l.key::<String>().repr;
        l.finish(self.repr.clone(), Some(key), value, None)
    }

    /// `{ for key, val in MAP: key => val if f(key, val) }`: the entries for which `f` holds.
    pub fn filter_each(
        &self,
        f: impl FnOnce(Value<String>, Value<T>) -> Value<bool>,
    ) -> Value<BTreeMap<String, T>> {
        let l = Loop::enter();
        let condition = f(l.key(), l.value()).repr;
        let (key, value) = (l.key::<String>().repr, l.value::<T>().repr);
        l.finish(self.repr.clone(), Some(key), value, Some(condition))
    }

    /// `[ for key, val in MAP: f(key, val)]`: a list with one element per entry, in key order.
    pub fn to_list_each<U, R: Into<Value<U>>>(
        &self,
        f: impl FnOnce(Value<String>, Value<T>) -> R,
    ) -> Value<Vec<U>> {
        let l = Loop::enter();
        let value = f(l.key(), l.value()).into().repr;
        l.finish(self.repr.clone(), None, value, None)
    }
}

/// Reading into a value of type `dynamic` (a function result, a decoded document, an object
/// attribute), and stating its type.
impl Value<Dynamic> {
    /// Any value as a `Value<Dynamic>`: to mix types in one variadic argument,
    /// `format("%s-%d", [Value::any("a"), Value::any(1)])`.
    ///
    /// ```
    /// use cdktf::functions::format;
    /// use cdktf::Value;
    /// let v = format("%s-%d", [Value::any("a"), Value::any(1)]);
    /// assert_eq!(v.to_literal_json().unwrap(), r#"${format("%s-%d", "a", 1)}"#);
    /// ```
    pub fn any(value: impl crate::AnyValue) -> Value<Dynamic> {
        Value::from_repr(value.into_raw().0)
    }

    fn then(&self, f: impl FnOnce(Expression) -> Expression) -> Value<Dynamic> {
        Value::from_expression(f(repr_expression(self.repr.clone())))
    }

    /// The attribute `name` (`value.name`).
    pub fn attr(&self, name: &str) -> Value<Dynamic> {
        self.then(|e| e.attr(name))
    }

    /// The element at `index` of a list or tuple (`value[index]`); the index may be a reference.
    pub fn at(&self, index: impl Into<Value<f64>>) -> Value<Dynamic> {
        let index = index.into().repr;
        self.then(|e| Expression::new(ExprKind::Index(e, index)))
    }

    /// The value under `key` of a map or object (`value["key"]`); the key may be a reference.
    pub fn key(&self, key: impl Into<Value<String>>) -> Value<Dynamic> {
        let key = key.into().repr;
        self.then(|e| Expression::new(ExprKind::Index(e, key)))
    }

    /// `value[*]`: a splat; follow it with [`attr`](Self::attr) (`value[*].name`).
    pub fn splat(&self) -> Value<Dynamic> {
        self.then(|e| Expression::new(ExprKind::Splat(e)))
    }

    /// The same value, stated to be a string (no conversion is written; see
    /// [`functions::tostring`](crate::functions::tostring) for one).
    pub fn as_string(&self) -> Value<String> {
        self.cast()
    }

    /// The same value, stated to be a number.
    pub fn as_number(&self) -> Value<f64> {
        self.cast()
    }

    /// The same value, stated to be a bool.
    pub fn as_bool(&self) -> Value<bool> {
        self.cast()
    }

    /// The same value, stated to be a list (or set) of `T`.
    pub fn as_list<T>(&self) -> Value<Vec<T>> {
        self.cast()
    }

    /// The same value, stated to be a map of `T`.
    pub fn as_map<T>(&self) -> Value<BTreeMap<String, T>> {
        self.cast()
    }

    /// The same value, stated to be of type `T`. Nothing is checked or written: Terraform
    /// converts (or reports an error) where the value is used.
    pub fn cast<T>(&self) -> Value<T> {
        Value::from_repr(self.repr.clone())
    }
}

impl<R> crate::value::ListRef<R> {
    /// `LIST[*].NAME`: the attribute `name` of every element of a list of blocks or objects (a
    /// splat expression); the caller states the attribute's type.
    pub fn splat_attr<U>(&self, name: &str) -> Value<Vec<U>> {
        let splat = Expression::new(ExprKind::Splat(crate::ToExpression::to_expression(self)));
        Value::from_expression(splat.attr(name))
    }
}

/// `terraform.workspace`: the name of the current workspace.
pub fn terraform_workspace() -> Value<String> {
    Value::from_expression(Expression::raw("terraform.workspace"))
}

/// `path.module`: the directory of the module the expression is in.
pub fn path_module() -> Value<String> {
    Value::from_expression(Expression::raw("path.module"))
}

/// `path.root`: the directory of the root module.
pub fn path_root() -> Value<String> {
    Value::from_expression(Expression::raw("path.root"))
}

/// `path.cwd`: the directory Terraform runs in.
pub fn path_cwd() -> Value<String> {
    Value::from_expression(Expression::raw("path.cwd"))
}

/// `self`: the resource a provisioner or `connection` block belongs to (valid only there).
/// Read its attributes with [`attr`](Value::attr): `self_reference().attr("public_ip")`.
pub fn self_reference() -> Value<Dynamic> {
    Value::from_expression(Expression::raw("self"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::upper;
    use crate::value::test_text as text;

    #[test]
    fn nested_loops_get_their_own_variables() {
        let outer: Value<Vec<Vec<String>>> = Expression::raw("var.l").into();
        let v = outer.map_each(|inner| inner.map_each(upper));
        assert_eq!(
            text(v),
            "${[ for key, val in var.l: [ for key1, val1 in val: upper(val1)]]}"
        );
        // The depth is back to zero after a loop.
        let again = outer.map_each(|x| x);
        assert_eq!(text(again), "${[ for key, val in var.l: val]}");
    }

    #[test]
    fn maps_filters_and_general_form() {
        let m: Value<BTreeMap<String, f64>> = Expression::raw("var.m").into();
        assert_eq!(
            text(m.filter_each(|_, v| v.gt(1))),
            "${{ for key, val in var.m: key => val if (val > 1) }}"
        );
        let l: Value<Vec<String>> = vec!["a"].into();
        let v: Value<Dynamic> = for_expression(l, |k: Value<f64>, v: Value<String>| {
            ForBody::map(v, k).when(k_is_small())
        });
        assert_eq!(
            text(v),
            r#"${{ for key, val in ["a"]: val => key if true }}"#
        );
    }

    fn k_is_small() -> Value<bool> {
        true.into()
    }

    #[test]
    fn dynamic_access_and_splat() {
        let d: Value<Dynamic> = Expression::raw("local.doc").into();
        assert_eq!(
            text(d.attr("a").at(0).key("b-c").splat().attr("id")),
            r#"${local.doc.a[0]["b-c"][*].id}"#
        );
        let l: Value<Vec<Dynamic>> = Expression::raw("var.l").into();
        assert_eq!(text(l.splat_attr::<String>("name")), "${var.l[*].name}");
        assert_eq!(text(self_reference().attr("ip")), "${self.ip}");
        assert_eq!(text(terraform_workspace()), "${terraform.workspace}");
        let blocks: crate::ListRef<Value<Dynamic>> =
            crate::ListRef::list(Expression::raw("x.rule"));
        assert_eq!(
            text(blocks.splat_attr::<String>("name")),
            "${x.rule[*].name}"
        );
    }
}
