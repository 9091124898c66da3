//! Rust source text, laid out as prettyplease lays it out, for the few shapes that item modules
//! are made of: doc comments, attributes, items, one-line statements, function signatures and
//! method chains.
//!
//! Going through `syn` and `prettyplease` costs about ten times more than writing the text: for
//! the AWS provider (45 MB of Rust) that is most of a generation run. So item modules are
//! written here directly. Where a line would not fit and prettyplease would break it in a way the
//! rules below do not reproduce, the module is marked and goes through prettyplease after all
//! ([`crate::render::rust_code`]); the output is prettyplease's either way, which
//! `tests/layout.rs` checks on every schema of the corpus.

/// prettyplease's line width: a line breaks when its text would pass this column.
pub const MARGIN: usize = 89;

const INDENT: &str = "    ";

/// A Rust file being written, with the indentation depth of the next line.
#[derive(Debug, Default)]
pub struct Code {
    text: String,
    depth: usize,
    reformat: bool,
}

/// A written file (no `@generated` header yet).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// The text.
    pub text: String,
    /// Whether some line is not laid out as prettyplease would lay it out, so that the file must
    /// go through it.
    pub reformat: bool,
}

impl Code {
    /// An empty file.
    pub fn new() -> Self {
        Self {
            text: String::with_capacity(16 * 1024),
            ..Self::default()
        }
    }

    /// The finished text.
    pub fn finish(self) -> Written {
        Written {
            text: self.text,
            reformat: self.reformat,
        }
    }

    fn width(&self, text: &str) -> usize {
        self.depth * INDENT.len() + text.len()
    }

    /// Whether `text` fits on a line at the current depth.
    pub fn fits(&self, text: &str) -> bool {
        self.width(text) <= MARGIN
    }

    /// Whether `text` fits on a line one level deeper.
    fn fits_nested(&self, text: &str) -> bool {
        self.width(text) + INDENT.len() <= MARGIN
    }

    /// One line at the current depth. A line too long for prettyplease to leave alone marks the
    /// file for reformatting.
    pub fn line(&mut self, text: &str) {
        if !self.fits(text) {
            self.reformat = true;
        }
        self.raw_line(text);
    }

    /// A line that prettyplease never breaks (a doc comment, a `use` of one path).
    fn raw_line(&mut self, text: &str) {
        for _ in 0..self.depth {
            self.text.push_str(INDENT);
        }
        self.text.push_str(text);
        self.text.push('\n');
    }

    /// One level back and `text` (`}`).
    pub fn close(&mut self, text: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.line(text);
    }

    /// Doc comment lines: `///` (or `//!` when `inner`) followed by each line, trailing spaces
    /// trimmed as prettyplease trims them. Lines start with a space (see [`super::doc_lines`]),
    /// so none reads as `////`, which prettyplease would write as a block comment.
    pub fn docs<S: AsRef<str>>(&mut self, lines: &[S], inner: bool) {
        let marker = if inner { "//!" } else { "///" };
        for line in lines {
            // Descriptions are escaped in the IR already; names shown in docs pages are not.
            let line = crate::text::escape_bidi(line.as_ref());
            let line = line.trim_end_matches(' ');
            let mut text = String::with_capacity(marker.len() + line.len());
            text.push_str(marker);
            text.push_str(line);
            self.raw_line(&text);
        }
    }

    /// `#[cfg(any(feature = "a", ...))]` (or `#[cfg(feature = "a")]` for one), broken over lines
    /// as prettyplease breaks attribute arguments.
    pub fn cfg_features(&mut self, features: &[String]) {
        let quoted: Vec<String> = features
            .iter()
            .map(|f| format!("feature = {}", string_literal(f)))
            .collect();
        if let [one] = quoted.as_slice() {
            self.line(&format!("#[cfg({one})]"));
            return;
        }
        let any = format!("any({})", quoted.join(", "));
        let whole = format!("#[cfg({any})]");
        if self.fits(&whole) {
            self.raw_line(&whole);
        } else if self.fits_nested(&any) {
            self.raw_line("#[cfg(");
            self.depth += 1;
            self.raw_line(&any);
            self.depth -= 1;
            self.raw_line(")]");
        } else {
            self.raw_line("#[cfg(");
            self.depth += 1;
            self.raw_line("any(");
            self.depth += 1;
            let last = quoted.len().saturating_sub(1);
            for (i, f) in quoted.iter().enumerate() {
                self.raw_line(&if i == last {
                    f.clone()
                } else {
                    format!("{f},")
                });
            }
            self.depth -= 1;
            self.raw_line(")");
            self.depth -= 1;
            self.raw_line(")]");
        }
    }

    /// `pub struct Name(Field);`, broken after the parenthesis when too long.
    pub fn tuple_struct(&mut self, head: &str, field: &str) {
        let whole = format!("{head}({field});");
        if self.fits(&whole) {
            self.raw_line(&whole);
        } else {
            self.raw_line(&format!("{head}("));
            self.depth += 1;
            self.raw_line(&format!("{field},"));
            self.depth -= 1;
            self.raw_line(");");
        }
    }

    /// `prefix`, `ty` and `suffix` on one line if they fit; otherwise the group breaks after its
    /// opening bracket, one element per line with a trailing comma, and each element breaks the
    /// same way if it still does not fit (prettyplease's layout of generic arguments and tuples).
    pub fn put(&mut self, prefix: &str, ty: &Ty, suffix: &str) {
        self.put_counted(prefix, ty, suffix, suffix);
    }

    /// Element `i` of `n` of a broken list, with its comma. The comma after the last element is
    /// not counted against the width: prettyplease writes it only because the list is broken.
    fn put_element(&mut self, ty: &Ty, i: usize, n: usize) {
        self.put_counted("", ty, ",", if i + 1 == n { "" } else { "," });
    }

    /// [`Code::put`], deciding whether the line fits with `counted` in place of `suffix`.
    fn put_counted(&mut self, prefix: &str, ty: &Ty, suffix: &str, counted: &str) {
        let flat = format!("{prefix}{ty}");
        match ty {
            Ty::Group {
                head,
                open,
                args,
                close,
            } if !self.fits(&format!("{flat}{counted}")) => {
                self.raw_line(&format!("{prefix}{head}{open}"));
                self.depth += 1;
                for (i, arg) in args.iter().enumerate() {
                    self.put_element(arg, i, args.len());
                }
                self.depth -= 1;
                self.raw_line(&format!("{close}{suffix}"));
            }
            // An atom has nowhere to break, however long.
            _ => self.raw_line(&format!("{flat}{suffix}")),
        }
    }

    /// `impl Trait for Type {` (or `impl Type {` when `target` is `None`) and one level deeper;
    /// a long header breaks before `for`.
    pub fn open_impl(&mut self, what: &Ty, target: Option<&Ty>) {
        match target {
            None => self.put("impl ", what, " {"),
            Some(target) => {
                let whole = format!("impl {what} for {target} {{");
                if self.fits(&whole) {
                    self.raw_line(&whole);
                } else {
                    self.put("impl ", what, "");
                    self.put("for ", target, " {");
                }
            }
        }
        self.depth += 1;
    }

    /// A function signature `head(params) -> ret {` and one level deeper. When it does not fit,
    /// each parameter goes on a line of its own with a trailing comma, as prettyplease writes it.
    pub fn open_fn(&mut self, head: &str, params: &[Ty], ret: Option<&Ty>) {
        let arrow = ret.map(|r| format!(" -> {r}")).unwrap_or_default();
        let list: Vec<String> = params.iter().map(Ty::to_string).collect();
        let whole = format!("{head}({}){arrow} {{", list.join(", "));
        if self.fits(&whole) {
            self.raw_line(&whole);
        } else {
            self.line(&format!("{head}("));
            self.depth += 1;
            for (i, p) in params.iter().enumerate() {
                self.put_element(p, i, params.len());
            }
            self.depth -= 1;
            match ret {
                Some(ret) => self.put(") -> ", ret, " {"),
                None => self.raw_line(") {"),
            }
        }
        self.depth += 1;
    }

    /// A method chain as the last expression of a body: `base.a(x).b(y)` on one line, or
    /// `base` and then each call `(method, argument)` on a line of its own, one level deeper.
    pub fn chain(&mut self, base: &str, calls: &[(String, String)]) {
        let flat: Vec<String> = calls.iter().map(|(m, a)| format!(".{m}({a})")).collect();
        let whole = format!("{base}{}", flat.concat());
        if self.fits(&whole) {
            self.raw_line(&whole);
            return;
        }
        self.line(base);
        self.depth += 1;
        for ((method, arg), call) in calls.iter().zip(&flat) {
            if self.fits(call) {
                self.raw_line(call);
            } else {
                self.raw_line(&format!(".{method}("));
                self.depth += 1;
                self.raw_line(&format!("{arg},"));
                self.depth -= 1;
                self.raw_line(")");
            }
        }
        self.depth -= 1;
    }

    /// `receiver.method(args)` followed by `end` (`;` for a statement): on one line; or the call
    /// on a line of its own below the receiver; or, failing that, one argument per line.
    pub fn method_call(&mut self, receiver: &str, method: &str, args: &[String], end: &str) {
        let call = format!(".{method}({}){end}", args.join(", "));
        let whole = format!("{receiver}{call}");
        if self.fits(&whole) {
            self.raw_line(&whole);
            return;
        }
        self.raw_line(receiver);
        self.depth += 1;
        if self.fits(&call) {
            self.raw_line(&call);
        } else {
            self.raw_line(&format!(".{method}("));
            self.depth += 1;
            for arg in args {
                self.raw_line(&format!("{arg},"));
            }
            self.depth -= 1;
            self.raw_line(&format!("){end}"));
        }
        self.depth -= 1;
    }

    /// `receiver.method(|param| call.field);` (a statement whose closure returns a field of a
    /// call's result), as prettyplease breaks it: on one line; or the call on a line of its own
    /// below the receiver; or, failing that, the closure's body in a block; or, still too long,
    /// `.field` below the call. Longer than that, the file is marked for prettyplease.
    pub fn closure_statement(
        &mut self,
        receiver: &str,
        method: &str,
        param: &str,
        call: &str,
        field: &str,
    ) {
        let call_line = format!(".{method}(|{param}| {call}.{field});");
        let whole = format!("{receiver}{call_line}");
        if self.fits(&whole) {
            self.raw_line(&whole);
            return;
        }
        self.raw_line(receiver);
        self.depth += 1;
        if self.fits(&call_line) {
            self.raw_line(&call_line);
        } else {
            self.raw_line(&format!(".{method}(|{param}| {{"));
            self.depth += 1;
            let body = format!("{call}.{field}");
            if self.fits(&body) {
                self.raw_line(&body);
            } else {
                self.line(call);
                self.depth += 1;
                self.raw_line(&format!(".{field}"));
                self.depth -= 1;
            }
            self.depth -= 1;
            self.raw_line("});");
        }
        self.depth -= 1;
    }

    /// `pub use PREFIX::{a as b, c};`, or `pub use PREFIX::a as b;` for one name; when too long,
    /// the names fill lines of their own.
    pub fn use_names(&mut self, prefix: &str, names: &[String]) {
        if let [one] = names {
            self.raw_line(&format!("{prefix}::{one};"));
            return;
        }
        let whole = format!("{prefix}::{{{}}};", names.join(", "));
        if self.fits(&whole) {
            self.raw_line(&whole);
            return;
        }
        // Broken, a use list is filled: as many names on a line as fit.
        self.raw_line(&format!("{prefix}::{{"));
        self.depth += 1;
        // A name goes on the current line if it fits there with the comma after it; the
        // trailing comma after the last name is not counted: prettyplease writes it only
        // because the list is broken.
        let mut line = String::new();
        for (i, n) in names.iter().enumerate() {
            let comma = if i + 1 == names.len() { "" } else { "," };
            if line.is_empty() {
                line = n.clone();
            } else if self.fits(&format!("{line}, {n}{comma}")) {
                line = format!("{line}, {n}");
            } else {
                self.raw_line(&format!("{line},"));
                line = n.clone();
            }
        }
        self.raw_line(&format!("{line},"));
        self.depth -= 1;
        self.raw_line("};");
    }

    /// A line that prettyplease leaves whole however long (`pub type A = B;`).
    pub fn unbreakable(&mut self, text: &str) {
        self.raw_line(text);
    }
}

/// A type, or any text ending in a bracketed list, as prettyplease breaks it over lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// Text with nowhere to break (`String`, `&self`, `object: Foo`).
    Atom(String),
    /// `head<args>` or `head(args)`: breaks after the opening bracket when too long.
    Group {
        /// Everything before the bracket (`impl Into`, `value: Vec`, `Item = `).
        head: String,
        /// `<` or `(`.
        open: char,
        /// The elements, separated by `, `.
        args: Vec<Ty>,
        /// `>` or `)`, and for a closure trait what follows it (`) -> B`).
        close: String,
    },
}

impl Ty {
    /// Unbreakable text.
    pub fn atom(text: impl Into<String>) -> Self {
        Ty::Atom(text.into())
    }

    /// `head<args>`.
    pub fn generic(head: impl Into<String>, args: Vec<Ty>) -> Self {
        Ty::Group {
            head: head.into(),
            open: '<',
            args,
            close: ">".to_string(),
        }
    }

    /// `head(args)`.
    pub fn tuple(head: impl Into<String>, args: Vec<Ty>) -> Self {
        Ty::Group {
            head: head.into(),
            open: '(',
            args,
            close: ")".to_string(),
        }
    }

    /// `head(args) -> ret`, a closure trait (`impl FnOnce(A) -> B`): when too long it breaks
    /// inside its parentheses as a tuple does, and `) -> ret` follows the last element.
    pub fn closure(head: impl Into<String>, args: Vec<Ty>, ret: &str) -> Self {
        Ty::Group {
            head: head.into(),
            open: '(',
            args,
            close: format!(") -> {ret}"),
        }
    }

    /// The same with `prefix` before it (`value: ` before a type).
    pub fn prefixed(&self, prefix: &str) -> Ty {
        match self {
            Ty::Atom(text) => Ty::Atom(format!("{prefix}{text}")),
            Ty::Group {
                head,
                open,
                args,
                close,
            } => Ty::Group {
                head: format!("{prefix}{head}"),
                open: *open,
                args: args.clone(),
                close: close.clone(),
            },
        }
    }
}

impl std::fmt::Display for Ty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Ty::Atom(text) => f.write_str(text),
            Ty::Group {
                head,
                open,
                args,
                close,
            } => {
                write!(f, "{head}{open}")?;
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{arg}")?;
                }
                write!(f, "{close}")
            }
        }
    }
}

/// A Rust string literal of `text`, escaped as `quote!` escapes it.
pub fn string_literal(text: &str) -> String {
    proc_macro2::Literal::string(text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Closes the two open levels (an impl and a fn) and checks the file needs no reformatting
    /// and is exactly what prettyplease prints for it.
    fn assert_laid_out(mut code: Code, case: &str) {
        code.close("}");
        code.close("}");
        assert_file_laid_out(code, case);
    }

    /// Checks a finished file needs no reformatting and is exactly what prettyplease prints.
    fn assert_file_laid_out(code: Code, case: &str) {
        let written = code.finish();
        assert!(!written.reformat, "{case}");
        let file = syn::parse_file(&written.text).expect("parses");
        assert_eq!(prettyplease::unparse(&file), written.text, "{case}");
    }

    #[test]
    fn signatures_break_as_prettyplease_breaks_them() {
        for n in [1, 28, 29, 60] {
            let mut code = Code::new();
            code.open_impl(&Ty::atom("X"), None);
            let name = "a".repeat(n);
            let value = Ty::generic(
                "value: impl Into",
                vec![Ty::generic(
                    "Value",
                    vec![Ty::atom("Foo".repeat(n / 3 + 1))],
                )],
            );
            code.open_fn(
                &format!("pub fn {name}"),
                &[Ty::atom("mut self"), value],
                Some(&Ty::atom("Self")),
            );
            code.line("self");
            assert_laid_out(code, &n.to_string());
        }
    }

    #[test]
    fn cfg_attributes_break_as_prettyplease_breaks_them() {
        for (n, len) in [(1, 10), (2, 10), (2, 24), (2, 27), (3, 24), (6, 30)] {
            let features: Vec<String> = (0..n).map(|i| format!("{i}{}", "f".repeat(len))).collect();
            let mut code = Code::new();
            code.cfg_features(&features);
            code.open_impl(&Ty::atom("S"), None);
            code.open_fn("fn f", &[], None);
            code.line("g()");
            assert_laid_out(code, &format!("{n} x {len}"));
        }
    }

    #[test]
    fn impl_headers_and_chains_break_as_prettyplease_breaks_them() {
        for n in [10, 40, 75, 80, 90] {
            let q = "Q".repeat(n);
            let mut code = Code::new();
            let from = Ty::generic("From", vec![Ty::atom(&q)]);
            code.open_impl(&from, Some(&Ty::generic("Value", vec![Ty::atom(&q)])));
            code.open_fn("fn from", &[Ty::atom(format!("object: {q}"))], None);
            let calls = [
                (q.to_lowercase(), q.to_lowercase()),
                ("c".into(), "c".into()),
            ];
            code.chain("Self(Args::new())", &calls);
            assert_laid_out(code, &n.to_string());
        }
    }

    #[test]
    fn configure_breaks_as_prettyplease_breaks_it() {
        // Config names around each of the layouts' limits, at two depths. One character past
        // the last length, prettyplease breaks inside the call too: that is marked (below).
        let top = [1, 7, 8, 18, 19, 36, 37, 38, 39, 56, 57, 58];
        let nested_lengths = [1, 5, 6, 16, 17, 32, 33, 34, 35, 52, 53, 54];
        for (nested, lengths) in [(false, top), (true, nested_lengths)] {
            for n in lengths {
                let config = format!("{}Config", "A".repeat(n));
                let mut code = Code::new();
                if nested {
                    code.line("mod m {");
                    code.depth += 1;
                }
                code.open_impl(&Ty::atom("X"), None);
                let f = Ty::closure(
                    "f: impl ::std::ops::FnOnce",
                    vec![Ty::atom(&config)],
                    &config,
                );
                code.open_fn("pub fn configure", &[Ty::atom("&self"), f], None);
                let call = format!("f({config}(args))");
                code.closure_statement("self.0", "update_args", "args", &call, "0");
                code.close("}");
                code.close("}");
                if nested {
                    code.close("}");
                }
                assert_file_laid_out(code, &format!("{n}, nested: {nested}"));
            }
        }
    }

    #[test]
    fn closures_too_long_to_lay_out_are_marked() {
        let mut code = Code::new();
        code.open_impl(&Ty::atom("X"), None);
        code.open_fn("fn f", &[], None);
        let call = format!("f({}(args))", "A".repeat(70));
        code.closure_statement("self.0", "update_args", "args", &call, "0");
        assert!(code.finish().reformat);
    }

    #[test]
    fn long_lines_are_marked() {
        let mut code = Code::new();
        code.line(&format!("const A: &str = \"{}\";", "x".repeat(100)));
        assert!(code.finish().reformat);
    }
}
