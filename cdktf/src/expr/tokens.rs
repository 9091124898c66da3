//! Token markers: `Display` of a value writes one into a string, synthesis replaces it, as cdktf's
//! tokens do, so that `format!("{}-suffix", bucket.id())` works.
//!
//! A marker is `${TfToken[TOKEN.<nonce>.<body>]}`. The nonce is random per process, so text that
//! merely looks like a marker (copied from another run, or written by hand) is never taken for
//! one. The body is one of:
//!
//! - `a<app>.<index>`: a value that refers to elements, kept in a table of the [`App`] that owns
//!   them (`app` is unique in the process). The table is freed with the App, so markers never keep
//!   a dropped App alive; a marker of another App, of a dropped one, or from another thread (Apps
//!   are not `Send`) resolves to nothing and synthesis reports it, never to another value.
//! - `l<hex>`, `t<hex>`, `e<hex>`: a value without references, rendered when it was formatted and
//!   carried in the marker itself (a literal's text, template text, or expression text, as hex of
//!   the UTF-8 bytes). Such markers take no memory and resolve the same in any App on any thread.
//!
//! [`App`]: crate::App

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use super::{render_repr, resolve_string, Referent, Repr, Resolve};

/// The start of every marker, of any process.
pub(crate) const PREFIX: &str = "${TfToken[TOKEN.";
pub(crate) const SUFFIX: &str = "]}";

/// `PREFIX`, this process's nonce and a dot: the start of this process's markers.
pub(crate) fn head() -> &'static str {
    static HEAD: OnceLock<String> = OnceLock::new();
    HEAD.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u32(std::process::id());
        format!("{PREFIX}{:016x}.", h.finish())
    })
}

/// The values of one App that were formatted into strings, by index. The App's tree owns it;
/// markers reach it through the thread's registry, which holds it weakly.
pub(crate) struct TokenTable {
    /// Unique in the process; the App's markers carry it.
    pub(crate) id: u64,
    values: RefCell<Vec<Repr>>,
}

impl TokenTable {
    /// A new, empty table, reachable from its markers on this thread.
    pub(crate) fn new() -> Rc<TokenTable> {
        use std::sync::atomic::AtomicU64;
        // 0 is `TOO_DEEP_APP`.
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let table = Rc::new(TokenTable {
            id: NEXT.fetch_add(1, Ordering::Relaxed),
            values: RefCell::new(Vec::new()),
        });
        LIVE_APPS.with(|m| m.borrow_mut().insert(table.id, Rc::downgrade(&table)));
        table
    }

    /// The value at `index`.
    pub(crate) fn get(&self, index: usize) -> Option<Repr> {
        self.values.borrow().get(index).cloned()
    }

    /// How many values the table holds.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.values.borrow().len()
    }

    /// Drops every value. The values hold tree nodes, which hold this table: the App's root
    /// calls this when it is dropped, so that the cycle does not outlive the App.
    pub(crate) fn clear(&self) {
        // Taken out first: dropping the values may drop nodes, which must not find the table
        // borrowed.
        let values = std::mem::take(&mut *self.values.borrow_mut());
        drop(values);
    }

    fn push(&self, repr: Repr) -> usize {
        let mut values = self.values.borrow_mut();
        values.push(repr);
        values.len() - 1
    }
}

impl Drop for TokenTable {
    fn drop(&mut self) {
        // During thread teardown the registry may be gone already.
        let _ = LIVE_APPS.try_with(|m| {
            if let Ok(mut m) = m.try_borrow_mut() {
                m.remove(&self.id);
            }
        });
    }
}

thread_local! {
    /// The Apps alive on this thread, by id: how a marker finds its App's table.
    static LIVE_APPS: RefCell<HashMap<u64, Weak<TokenTable>>> = RefCell::new(HashMap::new());
}

/// The value behind an App marker, if that App is alive on this thread.
pub(crate) fn lookup(app: u64, index: usize) -> Option<Repr> {
    live_table(app)?.get(index)
}

fn live_table(app: u64) -> Option<Rc<TokenTable>> {
    LIVE_APPS.with(|m| m.borrow().get(&app).and_then(Weak::upgrade))
}

/// What a marker stands for.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Token {
    /// A value in the table of App `app`.
    App { app: u64, index: usize },
    /// A literal's text, to be escaped.
    Literal(String),
    /// Template text, written as is.
    Template(String),
    /// Expression text, written inside `${}`.
    Expr(String),
}

/// Finds what a value refers to while it is rendered for a marker.
#[derive(Default)]
struct Probe {
    app: Option<Rc<TokenTable>>,
    /// An App marker inside the value whose App is not alive here.
    unknown_app: Option<u64>,
    /// The value nests deeper than rendering goes.
    too_deep: bool,
}

/// The App id of no App: a marker of it stands for a value too deeply nested to render.
pub(crate) const TOO_DEEP_APP: u64 = 0;

impl Resolve for Probe {
    fn element_reference(&mut self, target: &Rc<dyn Referent>, _suffix: &str) -> String {
        if self.app.is_none() {
            self.app = Some(target.tokens().clone());
        }
        String::new()
    }

    fn token(&mut self, app: u64, index: usize) -> Option<Repr> {
        match live_table(app) {
            Some(table) => {
                let value = table.get(index);
                if self.app.is_none() {
                    self.app = Some(table);
                }
                value
            }
            None => {
                self.unknown_app.get_or_insert(app);
                None
            }
        }
    }

    fn too_deep(&mut self) {
        self.too_deep = true;
    }
}

/// Registers a value and returns its marker text.
pub(crate) fn register(repr: Repr) -> String {
    register_ref(&repr)
}

/// [`register`] for a borrowed value: it is cloned only if its App must keep it (a value nested
/// too deeply to render is never cloned, as cloning recurses).
pub(crate) fn register_ref(repr: &Repr) -> String {
    let mut probe = Probe::default();
    let token = match repr {
        Repr::Literal(s) => Token::Literal(s.clone()),
        Repr::Str(s) => Token::Template(resolve_string(s, &mut probe)),
        other => Token::Expr(render_repr(other, &mut probe)),
    };
    if probe.too_deep {
        // Rendered only in part: a marker that resolves to nothing, which synthesis reports.
        return marker(&Token::App {
            app: TOO_DEEP_APP,
            index: usize::MAX,
        });
    }
    if let Some(app) = probe.app {
        let index = app.push(repr.clone());
        return marker(&Token::App { app: app.id, index });
    }
    if let Some(app) = probe.unknown_app {
        // A value holding a marker of an App that is gone or elsewhere: a marker that resolves
        // to nothing, which synthesis reports.
        return marker(&Token::App {
            app,
            index: usize::MAX,
        });
    }
    marker(&token)
}

/// Whether this process has made a marker yet. Until it has, no string can hold one (the nonce
/// of `head` appears nowhere else), so the many strings of a program that never formats a value
/// are not searched at all.
static ISSUED: AtomicBool = AtomicBool::new(false);

/// Whether any marker was made in this process (see `ISSUED`).
pub(crate) fn any_issued() -> bool {
    ISSUED.load(Ordering::Relaxed)
}

/// The marker text of a token.
pub(crate) fn marker(token: &Token) -> String {
    ISSUED.store(true, Ordering::Relaxed);
    let body = match token {
        Token::App { app, index } => format!("a{app}.{index}"),
        Token::Literal(s) => format!("l{}", hex(s)),
        Token::Template(s) => format!("t{}", hex(s)),
        Token::Expr(s) => format!("e{}", hex(s)),
    };
    format!("{}{body}{SUFFIX}", head())
}

fn hex(s: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(s.len() * 2);
    for b in s.bytes() {
        let _ = write!(out, "{b:02x}");
    }
    out
}

fn unhex(s: &str) -> Option<String> {
    if s.len() % 2 != 0 {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect();
    String::from_utf8(bytes?).ok()
}

fn parse(body: &str) -> Option<Token> {
    let (kind, rest) = body.split_at_checked(1)?;
    match kind {
        "a" => {
            let (app, index) = rest.split_once('.')?;
            Some(Token::App {
                app: app.parse().ok()?,
                index: index.parse().ok()?,
            })
        }
        "l" => unhex(rest).map(Token::Literal),
        "t" => unhex(rest).map(Token::Template),
        "e" => unhex(rest).map(Token::Expr),
        _ => None,
    }
}

/// Whether `s` holds a marker of this process.
pub(crate) fn contains_marker(s: &str) -> bool {
    if !any_issued() {
        return false;
    }
    // Every string of a document goes through this: looking only at each `$` is several times
    // faster than a substring search, whose setup costs more than most strings.
    let head = head().as_bytes();
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = bytes[from..].iter().position(|&b| b == b'$') {
        let at = from + i;
        if bytes[at..].starts_with(head) {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Splits a string into text and this process's markers. Anything else that looks like a marker
/// is text.
pub(crate) fn split(s: &str) -> Vec<Piece<'_>> {
    let head = head();
    let mut out = Vec::new();
    let mut rest = s;
    let mut text_start = 0;
    let mut pos = 0;
    while let Some(found) = rest[pos..].find(head) {
        let start = pos + found;
        let after = start + head.len();
        let parsed = rest[after..]
            .find(SUFFIX)
            .and_then(|end| Some((parse(&rest[after..after + end])?, after + end)));
        match parsed {
            Some((token, end)) => {
                if start > text_start {
                    out.push(Piece::Text(&rest[text_start..start]));
                }
                out.push(Piece::Token(token));
                rest = &rest[end + SUFFIX.len()..];
                text_start = 0;
                pos = 0;
            }
            None => pos = after,
        }
    }
    if text_start < rest.len() {
        out.push(Piece::Text(&rest[text_start..]));
    }
    out
}

/// A part of a string: text, or a marker.
pub(crate) enum Piece<'a> {
    Text(&'a str),
    Token(Token),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_contained_markers_round_trip() {
        for token in [
            Token::Literal("${x} ñ \"".into()),
            Token::Expr("var.x".into()),
            Token::Template(String::new()),
            Token::App { app: 7, index: 3 },
        ] {
            let s = format!("a{}b", marker(&token));
            let pieces = split(&s);
            assert_eq!(pieces.len(), 3);
            assert!(matches!(&pieces[1], Piece::Token(t) if *t == token));
        }
    }

    #[test]
    fn an_app_and_its_tokens_are_freed_when_it_is_dropped() {
        use crate::{App, Scope, TerraformStack, TerraformVariable};
        let (app_weak, shared_weak, id) = {
            let app = App::new();
            let stack = TerraformStack::new(&app, "s");
            let v = TerraformVariable::new(&stack, "v");
            for _ in 0..1000 {
                let _ = format!("{}", v.string_value());
            }
            assert_eq!(app.node().0.app.tokens.len(), 1000);
            let shared = &app.node().0.app.tokens;
            (
                Rc::downgrade(&app.node().0),
                Rc::downgrade(shared),
                shared.id,
            )
        };
        assert!(app_weak.upgrade().is_none());
        assert!(
            shared_weak.upgrade().is_none(),
            "tokens kept the App's nodes alive"
        );
        assert!(LIVE_APPS.with(|m| !m.borrow().contains_key(&id)));
    }

    #[test]
    fn values_without_references_are_kept_nowhere() {
        use crate::{App, Scope, Value};
        let app = App::new();
        for i in 0..10_000u32 {
            let marker = format!("{}", Value::literal(i.to_string()));
            assert!(marker.starts_with(head()));
        }
        assert_eq!(app.node().0.app.tokens.len(), 0);
    }

    #[test]
    fn markers_of_other_processes_are_text() {
        let s = "${TfToken[TOKEN.0]} ${TfToken[TOKEN.ffff.e00]}";
        assert!(matches!(split(s).as_slice(), [Piece::Text(t)] if *t == s));
        let truncated = format!("x{}e61", head());
        assert!(matches!(split(&truncated).as_slice(), [Piece::Text(_)]));
    }
}
