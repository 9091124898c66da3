//! Dropping deeply nested values without recursion.
//!
//! The compiler's drop glue is recursive: a value nested 50,000 levels deep (a list in a list ...,
//! an attribute of an attribute ..., a JSON override) would overflow the stack when it is dropped,
//! even though synthesis refuses it with an error. Past [`RECURSIVE_DEPTH`] levels, these `Drop`
//! impls move the children of a value into a work list first, so each value is dropped
//! childless, one level at a time. Above that depth (nearly every value) they drop recursively,
//! which allocates nothing.

use std::cell::Cell;
use std::rc::Rc;

use super::{ExprKind, Expression, Repr};

/// Values whose children still have to be detached.
#[derive(Default)]
struct Work {
    reprs: Vec<Repr>,
    exprs: Vec<Rc<ExprKind>>,
    json: Vec<serde_json::Value>,
}

thread_local! {
    /// Stands in for a detached child expression; cloning it allocates nothing.
    static PLACEHOLDER: Rc<ExprKind> = Rc::new(ExprKind::Raw(String::new()));
}

fn placeholder() -> Rc<ExprKind> {
    PLACEHOLDER
        .try_with(Rc::clone)
        .unwrap_or_else(|_| Rc::new(ExprKind::Raw(String::new())))
}

impl Work {
    fn take_repr_children(&mut self, r: &mut Repr) {
        match r {
            Repr::List(items) => self.reprs.append(items),
            Repr::Map(map) => self.reprs.extend(std::mem::take(map).into_values()),
            Repr::Expr(e) => self.take_expr(e),
            Repr::Json(v) => self.json.push(std::mem::take(v)),
            _ => {}
        }
    }

    fn take_expr(&mut self, e: &mut Expression) {
        if Rc::strong_count(&e.0) == 1 {
            self.exprs.push(std::mem::replace(&mut e.0, placeholder()));
        }
    }

    fn take(&mut self, r: &mut Repr) {
        self.reprs.push(std::mem::replace(r, Repr::Null));
    }

    fn take_expr_children(&mut self, kind: &mut ExprKind) {
        match kind {
            ExprKind::Element(_) | ExprKind::Raw(_) => {}
            ExprKind::Attr(base, _) => self.take_expr(base),
            ExprKind::Index(base, index) => {
                self.take(index);
                self.take_expr(base);
            }
            ExprKind::Call(_, args) => self.reprs.append(args),
            ExprKind::Value(r) | ExprKind::ListToMap(r, _) => self.take(r),
            ExprKind::Conditional(c, a, b) => {
                self.take(c);
                self.take(a);
                self.take(b);
            }
            ExprKind::Unary(_, r) => self.take(r),
            ExprKind::Binary(_, l, r) => {
                self.take(l);
                self.take(r);
            }
            ExprKind::For(f) => {
                self.take(&mut f.input);
                self.take(&mut f.value);
                if let Some(key) = &mut f.key {
                    self.take(key);
                }
                if let Some(cond) = &mut f.condition {
                    self.take(cond);
                }
            }
            ExprKind::Splat(base) => self.take_expr(base),
        }
    }

    fn run(&mut self) {
        loop {
            if let Some(mut r) = self.reprs.pop() {
                self.take_repr_children(&mut r);
            } else if let Some(e) = self.exprs.pop() {
                if let Ok(mut kind) = Rc::try_unwrap(e) {
                    self.take_expr_children(&mut kind);
                }
            } else if let Some(mut v) = self.json.pop() {
                take_json_children(&mut v, &mut self.json);
            } else {
                break;
            }
        }
    }
}

fn take_json_children(v: &mut serde_json::Value, into: &mut Vec<serde_json::Value>) {
    match v {
        serde_json::Value::Array(items) => into.append(items),
        serde_json::Value::Object(map) => into.extend(std::mem::take(map).into_iter().map(|e| e.1)),
        _ => {}
    }
}

fn nests(r: &Repr) -> bool {
    matches!(
        r,
        Repr::List(_) | Repr::Map(_) | Repr::Expr(_) | Repr::Json(_)
    )
}

/// How many levels of values and expressions drop recursively before the work list takes over.
const RECURSIVE_DEPTH: usize = 64;

thread_local! {
    /// The levels of recursive dropping under way on this thread.
    static DROP_DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Runs `f` (which drops a value's children) one level deeper, if that is within
/// [`RECURSIVE_DEPTH`]; `false` if it is not (or during thread teardown), and `f` did not run.
fn recursively(f: impl FnOnce()) -> bool {
    let Ok(depth) = DROP_DEPTH.try_with(Cell::get) else {
        return false;
    };
    if depth >= RECURSIVE_DEPTH {
        return false;
    }
    DROP_DEPTH.set(depth + 1);
    f();
    DROP_DEPTH.set(depth);
    true
}

impl Drop for Repr {
    fn drop(&mut self) {
        let dropped = match self {
            Repr::List(items) => recursively(|| drop(std::mem::take(items))),
            Repr::Map(map) => recursively(|| drop(std::mem::take(map))),
            Repr::Expr(e) => recursively(|| drop(std::mem::replace(e, Expression(placeholder())))),
            // JSON values have no `Drop` of their own to count levels with.
            _ => false,
        };
        if !dropped && nests(self) {
            let mut work = Work::default();
            work.take_repr_children(self);
            work.run();
        }
    }
}

impl Drop for Expression {
    fn drop(&mut self) {
        let leaf = matches!(&*self.0, ExprKind::Element(_) | ExprKind::Raw(_));
        if !leaf && Rc::strong_count(&self.0) == 1 {
            let e = &mut self.0;
            if recursively(|| drop(std::mem::replace(e, placeholder()))) {
                return;
            }
            let mut work = Work::default();
            work.exprs
                .push(std::mem::replace(&mut self.0, placeholder()));
            work.run();
        }
    }
}

/// Empties a JSON map (overrides) one level at a time.
pub(crate) fn drop_json_map(map: &mut serde_json::Map<String, serde_json::Value>) {
    let mut json: Vec<serde_json::Value> = std::mem::take(map).into_iter().map(|e| e.1).collect();
    while let Some(mut v) = json.pop() {
        take_json_children(&mut v, &mut json);
    }
}
