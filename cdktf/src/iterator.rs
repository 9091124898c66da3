//! Iteration: `for_each` on elements, and dynamic blocks generated from a collection.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use crate::args::{DynamicBlocks, Object};
use crate::error::Error;
use crate::expr::{DynamicBlock, ExprKind, Expression, Repr};
use crate::literal::IntoValue;
use crate::resource::Resource;
use crate::value::{Dynamic, FromExpression, ListRef, Value};

/// The value of a `for_each` meta-argument.
#[derive(Clone, Debug)]
pub struct ForEach(pub(crate) Repr, pub(crate) Option<String>);

impl ForEach {
    /// The error of an element at `path` whose `for_each` is a [`TerraformIterator::named`]: the
    /// iterator's `key()` and `value()` would name an entry that does not exist there.
    pub(crate) fn misuse(&self, path: &str) -> Option<Error> {
        let name = self.1.as_deref()?;
        Some(Error::InvalidConfig {
            path: path.to_string(),
            message: format!(
                "`for_each` is given the iterator named {name:?}: an element's current entry is \
                 always `each` in Terraform; TerraformIterator::named is for dynamic blocks"
            ),
        })
    }
}

/// What a dynamic block calls its current entry unless named otherwise (cdktf always writes it).
const EACH: &str = "each";

/// Iterates over a list or map, for `for_each` on an element or for a dynamic block.
///
/// `T` is the Terraform type of one element; [`key`](Self::key) and [`value`](Self::value) are the
/// current entry (`each.key` and `each.value`; see [`named`](Self::named) for dynamic blocks
/// inside an element that has its own `for_each`).
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
    /// The name of the current entry in expressions: `each`, or one given with `named`.
    name: String,
    _type: PhantomData<fn() -> T>,
}

impl<T> Clone for TerraformIterator<T> {
    fn clone(&self) -> Self {
        TerraformIterator {
            for_each: self.for_each.clone(),
            name: self.name.clone(),
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
    ///
    /// The element type comes from the list: `from_list(vec!["a", "b"])` iterates over strings.
    pub fn from_list(list: impl IntoValue<Type = Vec<T>>) -> Self {
        let list = list.into_value().repr;
        TerraformIterator {
            for_each: Repr::Expr(Expression::call("toset", vec![list])),
            name: EACH.into(),
            _type: PhantomData,
        }
    }

    /// Iterates over a map: `each.key` is the key and `each.value` the value.
    pub fn from_map(map: impl IntoValue<Type = BTreeMap<String, T>>) -> Self {
        TerraformIterator {
            for_each: map.into_value().repr,
            name: EACH.into(),
            _type: PhantomData,
        }
    }

    /// Iterates over any expression that Terraform accepts in `for_each` (a map, a set of
    /// strings, or the instances of an element that itself uses `count` or `for_each`).
    pub fn from_expression(expression: Expression) -> Self {
        TerraformIterator {
            for_each: Repr::Expr(expression),
            name: EACH.into(),
            _type: PhantomData,
        }
    }

    /// The same iterator with its current entry called `name` instead of `each`, for a dynamic
    /// block inside an element that has its own `for_each`: in the block's content,
    /// [`key`](Self::key) and [`value`](Self::value) are then `NAME.key` and `NAME.value`, and the
    /// element's own `each` stays reachable (with `each`, the block's entry hides it). cdktf
    /// always writes `each`.
    ///
    /// Only for dynamic blocks: an element's `for_each` is always `each` in Terraform, and
    /// `synth` reports a named iterator used there. A name that is not a Terraform identifier is
    /// reported too.
    ///
    /// ```
    /// use cdktf::{TerraformIterator, Value};
    /// let ports: Value<Vec<f64>> = vec![80.0, 443.0].into();
    /// let port = TerraformIterator::from_list(ports).named("port");
    /// // `${port.value}` in the content of `port.dynamic(...)`, whose `iterator` is "port".
    /// let from_port: Value<f64> = port.value();
    /// # let _ = from_port;
    /// ```
    pub fn named(mut self, name: &str) -> Self {
        self.name = name.to_string();
        self
    }

    /// A dynamic block: Terraform repeats `content` once per entry. Pass the result to a
    /// generated block setter, of a repeated block or of one that appears at most once.
    pub fn dynamic<B: Object>(&self, content: B) -> DynamicBlocks<B> {
        DynamicBlocks::new(DynamicBlock {
            for_each: self.for_each.clone(),
            iterator: self.name.clone(),
            content: content.into_args().attrs,
        })
    }

    /// The current key: `${each.key}` (or `${NAME.key}`, see [`named`](Self::named)).
    pub fn key(&self) -> Value<String> {
        Value::from_expression(self.current().attr("key"))
    }

    /// The current value: `${each.value}` (or `${NAME.value}`).
    pub fn value(&self) -> Value<T> {
        Value::from_expression(self.current().attr("value"))
    }

    /// An attribute of the current value: `${each.value.NAME}`. The caller states its type.
    pub fn value_attr<U>(&self, name: &str) -> Value<U> {
        Value::from_expression(self.current().attr("value").attr(name))
    }

    fn current(&self) -> Expression {
        Expression::raw(self.name.clone())
    }

    fn named_other_than_each(&self) -> Option<String> {
        (self.name != EACH).then(|| self.name.clone())
    }
}

impl TerraformIterator<Dynamic> {
    /// Iterates over the instances of a resource that itself uses `for_each`: `for_each =
    /// TYPE.NAME`, each value being one instance (cdktf's `TerraformIterator.fromResources`).
    ///
    /// A resource without `for_each` (or with `count`) cannot be iterated over this way; `synth`
    /// reports it.
    ///
    /// ```
    /// use cdktf::prelude::*;
    /// use cdktf::{Args, Resource, ResourceMode, TerraformIterator};
    ///
    /// let app = App::new();
    /// let stack = TerraformStack::new(&app, "s");
    /// let names = TerraformIterator::from_list(vec!["a", "b"]);
    /// let mut args = Args::new();
    /// args.set::<String>("input", names.value());
    /// # struct C(Args);
    /// # impl MetaArguments for C { fn args_mut(&mut self) -> &mut Args { &mut self.0 } }
    /// let args = C(args).for_each(&names).0;
    /// let first = Resource::create(&stack, "first", "terraform_data", ResourceMode::Managed, args);
    ///
    /// let each_first = TerraformIterator::from_resources(&first);
    /// let mut args = Args::new();
    /// args.set::<String>("input", each_first.value_attr::<String>("id"));
    /// let args = C(args).for_each(&each_first).0;
    /// Resource::create(&stack, "second", "terraform_data", ResourceMode::Managed, args);
    ///
    /// let json = app.synth_stack("s")?;
    /// let second = &json["resource"]["terraform_data"]["second"];
    /// assert_eq!(second["for_each"], "${terraform_data.first}");
    /// assert_eq!(second["input"], "${each.value.id}");
    /// # Ok::<(), cdktf::Error>(())
    /// ```
    pub fn from_resources(resource: &Resource) -> Self {
        Self::from_element(resource, "fromResources")
    }

    /// Iterates over the instances of a data source that itself uses `for_each` (cdktf's
    /// `TerraformIterator.fromDataSources`).
    pub fn from_data_sources(data_source: &Resource) -> Self {
        Self::from_element(data_source, "fromDataSources")
    }

    fn from_element(element: &Resource, what: &str) -> Self {
        let node = element.node();
        let problem = if element.uses_count() {
            Some("it uses `count`; only elements with `for_each` can be iterated over")
        } else if !element.uses_for_each() {
            Some("it has no `for_each`")
        } else {
            None
        };
        if let Some(problem) = problem {
            node.record_error(Error::InvalidConfig {
                path: node.path().to_string(),
                message: format!("cannot create an iterator ({what}) over this element: {problem}"),
            });
        }
        TerraformIterator {
            for_each: Repr::Expr(Expression::element(node.referent())),
            name: EACH.into(),
            _type: PhantomData,
        }
    }

    /// Iterates over a list attribute whose elements are objects, keyed by the attribute
    /// `map_key_attribute` of each element: `for_each = { for key, val in LIST: val.ATTR => val }`
    /// (cdktf's `TerraformIterator.fromComplexList` / `allWithMapKey`). Keys must be unique.
    pub fn from_complex_list<R: FromExpression>(
        list: &ListRef<R>,
        map_key_attribute: &str,
    ) -> Self {
        let expr = Expression::new(ExprKind::ListToMap(
            Repr::Expr(list.expression()),
            map_key_attribute.to_string(),
        ));
        TerraformIterator {
            for_each: Repr::Expr(expr),
            name: EACH.into(),
            _type: PhantomData,
        }
    }
}

/// cdktf's `for` expressions over an iterator's collection (for lists, `toset(LIST)`), with the
/// loop variables `key` and `val` (always these names, at any depth: the text of a body names
/// them). The typed closures of [`expressions`](crate::expressions)
/// (`list.map_each(|item| ...)`) are the typed way to write the same.
impl<T> TerraformIterator<T> {
    fn for_text(&self, key: Option<&str>, value: &str) -> Value<Dynamic> {
        let text = |t: &str| Repr::Expr(Expression::raw(t));
        crate::expressions::for_key_val(self.for_each.clone(), key.map(text), text(value))
    }

    /// `[ for key, val in INPUT: key]`: the keys (for lists, the elements).
    pub fn keys(&self) -> Value<Dynamic> {
        self.for_text(None, "key")
    }

    /// `[ for key, val in INPUT: val]`: the values.
    pub fn values(&self) -> Value<Dynamic> {
        self.for_text(None, "val")
    }

    /// `[ for key, val in INPUT: val.PROPERTY]`: one attribute of every value.
    pub fn pluck_property(&self, property: &str) -> Value<Dynamic> {
        let val = Value::<Dynamic>::from_expression(Expression::raw("val"));
        let value = crate::functions::lookup_nested(val, [property]).repr;
        crate::expressions::for_key_val(self.for_each.clone(), None, value)
    }

    /// `[ for key, val in INPUT: EXPRESSION]`, the expression written as Terraform text
    /// (`"val.name if val.enabled"`), as cdktf's `forExpressionForList` takes it.
    pub fn for_expression_for_list(&self, expression: &str) -> Value<Dynamic> {
        self.for_text(None, expression)
    }

    /// `{ for key, val in INPUT: KEY => VALUE }`, both written as Terraform text, as cdktf's
    /// `forExpressionForMap` takes them.
    pub fn for_expression_for_map(&self, key: &str, value: &str) -> Value<Dynamic> {
        self.for_text(Some(key), value)
    }
}

/// cdktf's `TerraformCount`: a typed `count` whose [`index`](Self::index) is `count.index`.
///
/// ```
/// use cdktf::TerraformCount;
/// let count = TerraformCount::of(3);
/// let name = format!("server-{}", count.index());
/// # let _ = name;
/// ```
#[derive(Clone, Debug)]
pub struct TerraformCount {
    count: Value<f64>,
}

impl TerraformCount {
    /// `count` instances (a number or a number expression).
    pub fn of(count: impl Into<Value<f64>>) -> Self {
        TerraformCount {
            count: count.into(),
        }
    }

    /// The index of the current instance: `${count.index}`.
    pub fn index(&self) -> Value<f64> {
        crate::meta::count_index()
    }
}

impl From<TerraformCount> for Value<f64> {
    fn from(c: TerraformCount) -> Self {
        c.count
    }
}

impl From<&TerraformCount> for Value<f64> {
    fn from(c: &TerraformCount) -> Self {
        c.count.clone()
    }
}

impl<T> From<&TerraformIterator<T>> for ForEach {
    fn from(it: &TerraformIterator<T>) -> Self {
        ForEach(it.for_each.clone(), it.named_other_than_each())
    }
}

impl<T> From<TerraformIterator<T>> for ForEach {
    fn from(it: TerraformIterator<T>) -> Self {
        let named = it.named_other_than_each();
        ForEach(it.for_each, named)
    }
}
