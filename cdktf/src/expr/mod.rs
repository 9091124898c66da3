//! Untyped values and Terraform expressions, and how they render.
//!
//! [`Repr`] is what every typed [`Value`](crate::Value) holds. It stays structured until synthesis
//! so that references can be resolved late: a logical id overridden after the reference was taken,
//! or a reference that crosses stacks, renders correctly.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::rc::Rc;

/// An untyped value: a literal, an expression, or a collection of them.
#[derive(Clone, Debug)]
pub(crate) enum Repr {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    /// A string as the user wrote it: `${...}` in it is a Terraform expression (as in cdktf), and
    /// token markers made by `Display` of a value are resolved.
    Str(String),
    /// A string Terraform must read verbatim: `${` and `%{` are escaped when it is written.
    Literal(String),
    Expr(Expression),
    List(Vec<Repr>),
    Map(BTreeMap<String, Repr>),
    /// A JSON value given by the user (overrides, dynamic values); strings in it behave as `Str`.
    Json(serde_json::Value),
    /// Generated configuration structs and nested blocks.
    Object(Attrs),
    /// A dynamic block: renders under the enclosing object's `dynamic` key.
    Dynamic(Rc<DynamicBlock>),
}

/// A Terraform expression, such as a reference to a resource attribute or a function call.
///
/// Typed getters of generated resources return [`Value`](crate::Value)s that wrap expressions;
/// use this type directly only to build expressions the typed API does not cover.
#[derive(Clone, Debug)]
pub struct Expression(pub(crate) Rc<ExprKind>);

#[derive(Debug)]
pub(crate) enum ExprKind {
    /// The address of an element (`aws_s3_bucket.b`, `data.x.y`, `var.v`, `module.m`, ...).
    Element(Rc<dyn Referent>),
    /// Expression text used as is (`count.index`, `each.key`, `path.module`).
    Raw(String),
    /// `base.name`.
    Attr(Expression, String),
    /// `base[index]`.
    Index(Expression, Repr),
    /// `name(args...)`.
    Call(String, Vec<Repr>),
    /// A literal value used where an expression is needed.
    Value(Repr),
    /// `cond ? a : b`.
    Conditional(Repr, Repr, Repr),
    /// `{ for key, val in LIST: val.ATTR => val }`: a list of objects as a map keyed by one of
    /// their attributes, as cdktf writes it for iterators over complex lists.
    ListToMap(Repr, String),
    /// `OP operand` (`!`, `-`), as cdktf's `Op` writes it: without parentheses.
    Unary(&'static str, Repr),
    /// `(left OP right)`, as cdktf's `Op` writes it: always in parentheses.
    Binary(&'static str, Repr, Repr),
    /// A `for` expression (see [`For`]).
    For(For),
    /// `base[*]`.
    Splat(Expression),
}

/// A `for` expression: `[ for K, V in INPUT: VALUE if COND]` (a list), or
/// `{ for K, V in INPUT: KEY => VALUE if COND }` (a map, when `key` is set). The spacing is
/// cdktf's.
#[derive(Debug)]
pub(crate) struct For {
    pub(crate) input: Repr,
    pub(crate) key_var: String,
    pub(crate) value_var: String,
    pub(crate) key: Option<Repr>,
    pub(crate) value: Repr,
    pub(crate) condition: Option<Repr>,
}

impl Expression {
    pub(crate) fn new(kind: ExprKind) -> Self {
        Expression(Rc::new(kind))
    }

    /// Expression text used exactly as given, for example `path.module` or `terraform.workspace`.
    pub fn raw(text: impl Into<String>) -> Self {
        Self::new(ExprKind::Raw(text.into()))
    }

    pub(crate) fn element(target: Rc<dyn Referent>) -> Self {
        Self::new(ExprKind::Element(target))
    }

    /// The attribute `name` of this expression (`self.name`).
    pub fn attr(&self, name: &str) -> Self {
        Self::new(ExprKind::Attr(self.clone(), name.to_string()))
    }

    /// The element at `index` of a list or tuple (`self[index]`).
    pub fn index(&self, index: usize) -> Self {
        let n = serde_json::Number::from(index as u64);
        Self::new(ExprKind::Index(self.clone(), Repr::Number(n)))
    }

    /// The element at `index` of a set. Sets have no order in Terraform, so this goes through
    /// `tolist(...)` first, as cdktf does.
    pub fn set_index(&self, index: usize) -> Self {
        Self::call("tolist", vec![Repr::Expr(self.clone())]).index(index)
    }

    /// The value under `key` of a map or object (`self["key"]`).
    pub fn key(&self, key: &str) -> Self {
        Self::new(ExprKind::Index(self.clone(), Repr::Str(key.to_string())))
    }

    /// A call of a Terraform function (or a provider-defined one, `provider::NAME::FUNC`).
    pub(crate) fn call(name: &str, args: Vec<Repr>) -> Self {
        Self::new(ExprKind::Call(name.to_string(), args))
    }
}

/// What an element reference points at. Expressions carry it without knowing what it is: the
/// construct tree's nodes implement it, and synthesis, which resolves references, turns it back
/// into a node. This keeps expressions below the tree.
pub(crate) trait Referent: std::fmt::Debug + std::any::Any {
    /// The token table of the App the element belongs to: a value that refers to the element
    /// and is formatted into a string is kept there (see [`tokens`]).
    fn tokens(&self) -> &Rc<tokens::TokenTable>;

    /// For synthesis to find the concrete type again.
    fn into_any(self: Rc<Self>) -> Rc<dyn std::any::Any>;
}

/// What rendering needs from synthesis: a reference to an element (its address followed by
/// `suffix`, such as `.id` or `.rule[0].name`) as seen from the stack being written. A reference
/// into another stack becomes a remote-state lookup.
pub(crate) trait Resolve {
    fn element_reference(&mut self, target: &Rc<dyn Referent>, suffix: &str) -> String;

    /// The value behind the marker of App `app`'s token `index`, if it can be used here.
    fn token(&mut self, app: u64, index: usize) -> Option<Repr> {
        tokens::lookup(app, index)
    }

    /// A value nested deeper than [`MAX_DEPTH`]: rendering stops there.
    fn too_deep(&mut self) {}

    /// Something in the value being rendered that Terraform would reject (`message` says what).
    fn invalid(&mut self, _message: String) {}
}

/// How deeply values and expressions may nest. Rendering is recursive; past this depth synthesis
/// reports an error instead of risking a stack overflow. Real configurations stay far below it.
pub const MAX_DEPTH: usize = 200;

thread_local! {
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// One level of rendering recursion; `None` past [`MAX_DEPTH`] (reported to `cx`).
struct DepthGuard(());

impl DepthGuard {
    fn enter(cx: &mut dyn Resolve) -> Option<DepthGuard> {
        let depth = DEPTH.with(|d| {
            let n = d.get() + 1;
            d.set(n);
            n
        });
        let guard = DepthGuard(());
        if depth > MAX_DEPTH {
            cx.too_deep();
            return None;
        }
        Some(guard)
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

mod drop;
mod object;
pub(crate) mod tokens;

pub(crate) use drop::drop_json_map;
pub(crate) use object::{object_to_json, Attrs, DynamicBlock};

/// Whether `name` is a Terraform identifier: a letter or `_`, then letters, digits, `_` and `-`.
/// (Terraform also takes non-ASCII letters; logical ids never hold them, and an override that does
/// is refused too, to keep names portable.)
pub fn is_terraform_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Escapes a literal so that Terraform reads it verbatim: `${` and `%{` start templates.
pub(crate) fn escape_template(s: &str) -> String {
    s.replace("${", "$${").replace("%{", "%%{")
}

/// Renders a value as it appears in the JSON document.
pub(crate) fn to_json(repr: &Repr, cx: &mut dyn Resolve) -> serde_json::Value {
    use serde_json::Value as J;
    let Some(_guard) = DepthGuard::enter(cx) else {
        return J::Null;
    };
    match repr {
        Repr::Null => J::Null,
        Repr::Bool(b) => J::Bool(*b),
        Repr::Number(n) => J::Number(n.clone()),
        Repr::Str(s) => J::String(resolve_string(s, cx)),
        Repr::Literal(s) => J::String(escape_template(s)),
        Repr::Expr(e) => J::String(format!("${{{}}}", render(e, cx))),
        Repr::List(items) => J::Array(items.iter().map(|r| to_json(r, cx)).collect()),
        Repr::Map(map) => J::Object(
            map.iter()
                .map(|(k, v)| (resolve_string(k, cx), to_json(v, cx)))
                .collect(),
        ),
        Repr::Json(v) => json_resolve(v, cx),
        Repr::Object(attrs) => object_to_json(attrs, cx),
        Repr::Dynamic(d) => d.to_json(cx),
    }
}

/// Resolves the markers in the strings and object keys of a JSON value given by the user.
pub(crate) fn json_resolve(v: &serde_json::Value, cx: &mut dyn Resolve) -> serde_json::Value {
    use serde_json::Value as J;
    let Some(_guard) = DepthGuard::enter(cx) else {
        return J::Null;
    };
    match v {
        J::String(s) => J::String(resolve_string(s, cx)),
        J::Array(a) => J::Array(a.iter().map(|x| json_resolve(x, cx)).collect()),
        J::Object(m) => J::Object(
            m.iter()
                .map(|(k, x)| (resolve_string(k, cx), json_resolve(x, cx)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Replaces token markers in a user string with what they stand for: `${expression}`, a literal's
/// escaped text, or template text. A marker that cannot be resolved is kept, for synthesis to
/// report with its place.
pub(crate) fn resolve_string(s: &str, cx: &mut dyn Resolve) -> String {
    if !tokens::contains_marker(s) {
        return s.to_string();
    }
    let mut out = TemplateBuilder::default();
    for piece in tokens::split(s) {
        match piece {
            tokens::Piece::Text(t) => out.template(t),
            tokens::Piece::Token(token) => match token {
                tokens::Token::Literal(l) => out.literal(&l),
                tokens::Token::Template(t) => out.template(&t),
                tokens::Token::Expr(e) => out.interpolation(&e),
                tokens::Token::App { app, index } => match &cx.token(app, index) {
                    Some(Repr::Str(inner)) => out.template(&resolve_string(inner, cx)),
                    Some(Repr::Literal(inner)) => out.literal(inner),
                    Some(repr) => out.interpolation(&render_repr(repr, cx)),
                    None => out.template(&tokens::marker(&tokens::Token::App { app, index })),
                },
            },
        }
    }
    out.finish()
}

/// Joins template text, literals and interpolations into one template that means their
/// concatenation. Adjacent literals are escaped as one (`$` then `{HOME}` is the text `${HOME}`),
/// and a `$` or `%` that would run into a following `{`, `${` or `%{` is written as an
/// interpolated string (`US$` then `${var.price}` is `US${"$"}${var.price}`, not `US$${...}`,
/// which Terraform reads as the text `${`).
#[derive(Default)]
struct TemplateBuilder {
    out: String,
    pending_literal: String,
}

impl TemplateBuilder {
    fn literal(&mut self, text: &str) {
        self.pending_literal.push_str(text);
    }

    fn template(&mut self, text: &str) {
        self.flush();
        self.append(text);
    }

    fn interpolation(&mut self, expression: &str) {
        self.flush();
        self.append(&format!("${{{expression}}}"));
    }

    fn flush(&mut self) {
        if !self.pending_literal.is_empty() {
            let escaped = escape_template(&std::mem::take(&mut self.pending_literal));
            self.append(&escaped);
        }
    }

    fn append(&mut self, next: &str) {
        let joins = match self.out.chars().last() {
            Some('$') => next.starts_with('{') || next.starts_with("${"),
            Some('%') => next.starts_with('{') || next.starts_with("%{"),
            _ => false,
        };
        if joins {
            let run_start = self.out.trim_end_matches(['$', '%']).len();
            let run = self.out.split_off(run_start);
            let _ = write!(self.out, "${{\"{run}\"}}");
        }
        self.out.push_str(next);
    }

    fn finish(mut self) -> String {
        self.flush();
        self.out
    }
}

/// Raw expression text with markers in it (`Expression::raw(format!("{} + 1", n))`): each marker
/// becomes the expression it stands for.
fn resolve_raw(s: &str, cx: &mut dyn Resolve) -> String {
    if !tokens::contains_marker(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for piece in tokens::split(s) {
        match piece {
            tokens::Piece::Text(t) => out.push_str(t),
            tokens::Piece::Token(token) => match token_expression(&token, cx) {
                Some(e) => out.push_str(&e),
                // Kept for synthesis to report.
                None => out.push_str(&tokens::marker(&token)),
            },
        }
    }
    out
}

/// The expression a marker stands for, if it can be resolved here.
fn token_expression(token: &tokens::Token, cx: &mut dyn Resolve) -> Option<String> {
    Some(match token {
        tokens::Token::Literal(l) => quote_hcl(&escape_template(l)),
        tokens::Token::Template(t) => quote_hcl(t),
        tokens::Token::Expr(e) => e.clone(),
        tokens::Token::App { app, index } => {
            let inner = cx.token(*app, *index)?;
            render_repr(&inner, cx)
        }
    })
}

/// What a string that is exactly one marker stands for as an expression, if it is one.
fn single_token_expression(s: &str, cx: &mut dyn Resolve) -> Option<String> {
    let pieces = tokens::split(s);
    let [tokens::Piece::Token(token)] = pieces.as_slice() else {
        return None;
    };
    token_expression(token, cx)
}

/// A reference where Terraform's JSON syntax wants a bare expression rather than a template
/// (`depends_on`, `replace_triggered_by`): `aws_s3_bucket.b`, not `${aws_s3_bucket.b}`, which
/// Terraform rejects there. A string that is not a reference is kept as written.
pub(crate) fn reference_text(repr: &Repr, cx: &mut dyn Resolve) -> serde_json::Value {
    match repr {
        Repr::Expr(e) => serde_json::Value::String(render(e, cx)),
        Repr::Str(s) => match single_token_expression(s, cx) {
            Some(text) => serde_json::Value::String(text),
            None => to_json(repr, cx),
        },
        other => to_json(other, cx),
    }
}

/// Renders an expression as Terraform expression text (without the surrounding `${}`).
pub(crate) fn render(e: &Expression, cx: &mut dyn Resolve) -> String {
    let Some(_guard) = DepthGuard::enter(cx) else {
        return String::new();
    };
    if let Some((target, suffix)) = reference_chain(e, cx) {
        return cx.element_reference(target, &suffix);
    }
    match &*e.0 {
        ExprKind::Element(target) => cx.element_reference(target, ""),
        ExprKind::Raw(s) => resolve_raw(s, cx),
        ExprKind::Attr(base, name) => format!("{}.{name}", render(base, cx)),
        ExprKind::Index(base, idx) => format!("{}[{}]", render(base, cx), render_repr(idx, cx)),
        ExprKind::Call(name, args) => {
            let args: Vec<String> = args.iter().map(|a| render_repr(a, cx)).collect();
            format!("{name}({})", args.join(", "))
        }
        ExprKind::Value(r) => render_repr(r, cx),
        ExprKind::ListToMap(list, attr) => format!(
            "{{ for key, val in {}: val.{attr} => val }}",
            render_repr(list, cx)
        ),
        ExprKind::Conditional(c, a, b) => format!(
            "{} ? {} : {}",
            render_repr(c, cx),
            render_repr(a, cx),
            render_repr(b, cx)
        ),
        ExprKind::Unary(op, operand) => format!("{op}{}", render_repr(operand, cx)),
        ExprKind::Binary(op, l, r) => {
            format!("({} {op} {})", render_repr(l, cx), render_repr(r, cx))
        }
        ExprKind::For(f) => render_for(f, cx),
        ExprKind::Splat(base) => format!("{}[*]", render(base, cx)),
    }
}

fn render_for(f: &For, cx: &mut dyn Resolve) -> String {
    let head = format!(
        "for {}, {} in {}:",
        f.key_var,
        f.value_var,
        render_repr(&f.input, cx)
    );
    let value = render_repr(&f.value, cx);
    let condition = match &f.condition {
        Some(c) => format!(" if {}", render_repr(c, cx)),
        None => String::new(),
    };
    match &f.key {
        Some(k) => format!("{{ {head} {} => {value}{condition} }}", render_repr(k, cx)),
        None => format!("[ {head} {value}{condition}]"),
    }
}

/// An attribute/index chain ending in an element (`elem.a[0].b`): the element and the rendered
/// suffix. Cross-stack references need the whole chain, as cdktf exports the exact attribute.
fn reference_chain<'e>(
    e: &'e Expression,
    cx: &mut dyn Resolve,
) -> Option<(&'e Rc<dyn Referent>, String)> {
    let _guard = DepthGuard::enter(cx)?;
    match &*e.0 {
        ExprKind::Element(target) => Some((target, String::new())),
        ExprKind::Attr(base, name) => {
            let (target, suffix) = reference_chain(base, cx)?;
            Some((target, format!("{suffix}.{name}")))
        }
        ExprKind::Index(base, idx) => {
            let (target, suffix) = reference_chain(base, cx)?;
            Some((target, format!("{suffix}[{}]", render_repr(idx, cx))))
        }
        _ => None,
    }
}

/// Renders a value inside an expression: strings become quoted HCL templates, collections become
/// HCL list and object constructors.
pub(crate) fn render_repr(r: &Repr, cx: &mut dyn Resolve) -> String {
    let Some(_guard) = DepthGuard::enter(cx) else {
        return String::new();
    };
    match r {
        Repr::Null => "null".into(),
        Repr::Bool(b) => b.to_string(),
        Repr::Number(n) => n.to_string(),
        Repr::Expr(e) => render(e, cx),
        // A string that is exactly one token is that token's expression, unquoted.
        Repr::Str(s) => {
            if let Some(expression) = single_token_expression(s, cx) {
                return expression;
            }
            format!("\"{}\"", template_text(s, cx))
        }
        Repr::Literal(s) => quote_hcl(&escape_template(s)),
        Repr::List(items) => {
            let items: Vec<String> = items.iter().map(|i| render_repr(i, cx)).collect();
            format!("[{}]", items.join(", "))
        }
        Repr::Map(map) => {
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| {
                    let key = quote_hcl(&resolve_string(k, cx));
                    format!("{key} = {}", render_repr(v, cx))
                })
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        Repr::Json(v) => render_json(v, cx),
        Repr::Object(attrs) => render_json(&object_to_json(attrs, cx), cx),
        Repr::Dynamic(d) => render_json(&d.to_json(cx), cx),
    }
}

fn render_json(v: &serde_json::Value, cx: &mut dyn Resolve) -> String {
    use serde_json::Value as J;
    let Some(_guard) = DepthGuard::enter(cx) else {
        return String::new();
    };
    match v {
        J::String(s) => render_repr(&Repr::Str(s.clone()), cx),
        J::Array(a) => {
            let items: Vec<String> = a.iter().map(|x| render_json(x, cx)).collect();
            format!("[{}]", items.join(", "))
        }
        J::Object(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, x)| {
                    let key = quote_hcl(&resolve_string(k, cx));
                    format!("{key} = {}", render_json(x, cx))
                })
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// The inside of a quoted HCL template for a user string used inside an expression (a function
/// argument, an operand): its text is literal, so `${` and `%{` in it are escaped (as cdktf's `Fn`
/// escapes `${`), and the values formatted into it become `${...}` interpolations, written as
/// expressions (their quotes are not escaped).
fn template_text(s: &str, cx: &mut dyn Resolve) -> String {
    let mut out = TemplateBuilder::default();
    for piece in tokens::split(s) {
        match piece {
            tokens::Piece::Text(t) => out.literal(&escape_hcl(t)),
            tokens::Piece::Token(token) => match token {
                tokens::Token::Literal(l) | tokens::Token::Template(l) => {
                    out.literal(&escape_hcl(&l));
                }
                tokens::Token::Expr(e) => out.interpolation(&e),
                tokens::Token::App { app, index } => match &cx.token(app, index) {
                    Some(Repr::Str(inner)) => out.template(&template_text(inner, cx)),
                    Some(Repr::Literal(inner)) => out.literal(&escape_hcl(inner)),
                    Some(repr) => out.interpolation(&render_repr(repr, cx)),
                    // Kept, for synthesis to report with its place.
                    None => out.template(&tokens::marker(&tokens::Token::App { app, index })),
                },
            },
        }
    }
    out.finish()
}

/// Quotes a string as an HCL string template. Template sequences inside stay live, which is what
/// a resolved `${...}` needs.
fn quote_hcl(s: &str) -> String {
    format!("\"{}\"", escape_hcl(s))
}

/// Escapes the characters an HCL quoted string cannot hold as they are.
fn escape_hcl(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoElements;
    impl Resolve for NoElements {
        fn element_reference(&mut self, target: &Rc<dyn Referent>, suffix: &str) -> String {
            format!("{target:?}{suffix}")
        }
    }

    #[test]
    fn escapes_template_sequences() {
        assert_eq!(escape_template("a ${b} %{c} $${d}"), "a $${b} %%{c} $$${d}");
    }

    #[test]
    fn tokens_in_strings_resolve_to_interpolations() {
        let marker = tokens::register(Repr::Expr(Expression::raw("var.x")));
        let s = format!("pre-{marker}-post");
        assert_eq!(resolve_string(&s, &mut NoElements), "pre-${var.x}-post");
    }

    #[test]
    fn strings_inside_calls_are_quoted() {
        let e = Expression::call(
            "join",
            vec![Repr::Str(",".into()), Repr::Expr(Expression::raw("var.l"))],
        );
        assert_eq!(render(&e, &mut NoElements), "join(\",\", var.l)");
        let quoted = quote_hcl("a\"b\\c\n");
        assert_eq!(quoted, "\"a\\\"b\\\\c\\n\"");
    }

    #[test]
    fn malformed_markers_are_left_alone() {
        let s = "${TfToken[TOKEN.x]} and ${TfToken[TOKEN.";
        assert_eq!(resolve_string(s, &mut NoElements), s);
    }
}
