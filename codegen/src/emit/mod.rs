//! IR -> Rust code, one file per item kind. Nothing here renames or decides types: names come
//! from the IR.
//!
//! Item modules (resources, data sources, the provider, shared types), which are nearly all of
//! the output, are written as text in prettyplease's layout ([`code`]), naming the runtime as
//! [`paths`] decides so that no generated name (a block called `value`, say) can shadow ours.
//! The package files around them (`lib.rs`, `functions.rs`) are token streams for
//! [`crate::render`], by absolute paths.

pub mod block;
pub mod code;
pub mod docs;
pub mod function;
pub mod package;
pub mod paths;
pub mod provider;
pub mod resource;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Doc, Item, ValueType};
use code::{Code, Ty};
use paths::Paths;

/// An identifier token from an IR name (`r#type` becomes a raw identifier).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The doc comment lines of `doc`, each starting with a space (as `///` comments are written).
pub fn doc_lines(doc: &Doc) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some(d) = &doc.description {
        parts.push(fence_code_blocks(d.trim_end()));
    }
    if !doc.notes.is_empty() {
        parts.push(doc.notes.join(" "));
    }
    let text = parts.join("\n\n");
    text.lines().map(|l| format!(" {l}")).collect()
}

/// Doc attributes (and `#[deprecated]`). Text always goes through a string literal, so nothing in
/// a description can break the code; bidirectional controls are escaped ([`crate::text`]), as
/// [`Code::docs`] escapes them.
pub fn doc_attrs(doc: &Doc) -> TokenStream {
    let docs = doc_lines(doc)
        .into_iter()
        .map(|l| crate::text::escape_bidi(&l).into_owned());
    let deprecated = doc.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #( #[doc = #docs] )*
        #deprecated
    }
}

/// [`doc_lines`] as `///` comments, and `#[deprecated]`.
pub fn write_docs(code: &mut Code, doc: &Doc) {
    code.docs(&doc_lines(doc), false);
    if doc.deprecated {
        code.line("#[deprecated]");
    }
}

/// Rustdoc compiles (and, with doctests on, runs) fenced blocks whose info string is empty, `rust`
/// or only doctest attributes (`no_run`, `should_panic`, ...), and indented code blocks; schema
/// examples are HCL or shell. Those become `text` fences. Used for every description, so that a
/// generated package can run its own doctests (the examples of [`docs`]) and only those.
pub(crate) fn fence_code_blocks(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<&str> = None;
    let mut prev_blank = true;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (Some(open), Some(m)) if m == open => fence = None,
            (None, Some(m)) => {
                fence = Some(m);
                let info = trimmed.trim_start_matches(m.chars().next().unwrap_or('`'));
                if runs_as_rust(info) {
                    out.push_str(&line[..line.len() - trimmed.len()]);
                    out.push_str(m);
                    out.push_str("text\n");
                    prev_blank = false;
                    i += 1;
                    continue;
                }
            }
            (None, None) if prev_blank && indent_width(line) >= 4 => {
                // An indented code block (it cannot interrupt a paragraph): fence it.
                let end = indented_block_end(&lines, i);
                out.push_str("```text\n");
                for l in &lines[i..end] {
                    out.push_str(strip_indent(l, 4));
                    out.push('\n');
                }
                out.push_str("```\n");
                i = end;
                prev_blank = false;
                continue;
            }
            _ => {}
        }
        out.push_str(line);
        out.push('\n');
        prev_blank = trimmed.is_empty();
        i += 1;
    }
    if let Some(m) = fence {
        out.push_str(m);
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Whether rustdoc treats a fence with this info string as Rust.
fn runs_as_rust(info: &str) -> bool {
    const ATTRS: &[&str] = &[
        "rust",
        "ignore",
        "no_run",
        "should_panic",
        "compile_fail",
        "test_harness",
        "standalone_crate",
        "allow_fail",
    ];
    info.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .all(|t| ATTRS.contains(&t) || t.starts_with("edition") || t.starts_with('{'))
}

/// Columns of leading whitespace (a tab counts 4); blank lines count as 0.
fn indent_width(line: &str) -> usize {
    if line.trim().is_empty() {
        return 0;
    }
    let mut n = 0;
    for c in line.chars() {
        match c {
            ' ' => n += 1,
            '\t' => n += 4,
            _ => break,
        }
    }
    n
}

/// The end (exclusive) of the indented block starting at `start`: indented lines, and blank lines
/// followed by more of them.
fn indented_block_end(lines: &[&str], start: usize) -> usize {
    let mut end = start;
    let mut i = start;
    while i < lines.len() {
        if indent_width(lines[i]) >= 4 {
            end = i + 1;
        } else if !lines[i].trim().is_empty() {
            break;
        }
        i += 1;
    }
    end
}

/// `line` without up to `width` columns of indentation.
fn strip_indent(line: &str, width: usize) -> &str {
    let mut n = 0;
    for (i, c) in line.char_indices() {
        if n >= width {
            return &line[i..];
        }
        match c {
            ' ' => n += 1,
            '\t' => n += 4,
            _ => return &line[i..],
        }
    }
    ""
}

/// The Rust type `T` of `Value<T>` for a value type; an object inside is named by `alias` (an
/// index into [`Item::aliases`], from [`Field::alias`](crate::ir::Field::alias)) when set.
pub fn rust_type(p: &Paths, item: &Item, ty: &ValueType, alias: Option<usize>) -> Ty {
    match ty {
        ValueType::String => Ty::atom(p.string),
        ValueType::Number => Ty::atom("f64"),
        ValueType::Bool => Ty::atom("bool"),
        ValueType::Dynamic => Ty::atom(p.dynamic),
        ValueType::List(t) | ValueType::Set(t) => {
            Ty::generic(p.vec, vec![rust_type(p, item, t, alias)])
        }
        ValueType::Map(t) => Ty::generic(
            p.btree_map,
            vec![Ty::atom(p.string), rust_type(p, item, t, alias)],
        ),
        ValueType::Object(id) => Ty::atom(match alias {
            Some(a) => &item.aliases[a].rust_name,
            None => &item.types[*id].rust_name,
        }),
    }
}

/// What a getter of a value of type `ty` returns: `Value<T>`, or reference types when objects
/// are inside (named by `alias` as in [`rust_type`]).
pub fn ref_type(p: &Paths, item: &Item, ty: &ValueType, alias: Option<usize>) -> Ty {
    if !ty.has_object() {
        return Ty::generic(p.value, vec![rust_type(p, item, ty, alias)]);
    }
    match ty {
        ValueType::List(t) | ValueType::Set(t) => {
            Ty::generic(p.list_ref, vec![ref_type(p, item, t, alias)])
        }
        ValueType::Map(t) => Ty::generic(p.map_ref, vec![ref_type(p, item, t, alias)]),
        ValueType::Object(id) => Ty::atom(match alias {
            Some(a) => &item.aliases[a].ref_name,
            None => &item.types[*id].ref_name,
        }),
        _ => Ty::generic(p.value, vec![rust_type(p, item, ty, alias)]),
    }
}

/// Inner attributes every generated module carries: deprecated items are used by the generated
/// code itself, and clippy's style lints do not apply to generated code.
pub const MODULE_ATTRS: &str = "#![allow(deprecated, clippy::all, unused_imports)]";

/// [`MODULE_ATTRS`] as tokens.
pub fn module_attrs() -> TokenStream {
    MODULE_ATTRS.parse().expect("MODULE_ATTRS is one attribute")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_without_language_become_text() {
        let got = fence_code_blocks("a\n```\nx = 1\n```\n```hcl\ny\n```");
        assert_eq!(got, "a\n```text\nx = 1\n```\n```hcl\ny\n```");
        assert_eq!(fence_code_blocks("```\nunclosed"), "```text\nunclosed\n```");
        assert_eq!(
            fence_code_blocks("~~~no_run\nx\n~~~\n```sh,ignore\ny\n```"),
            "~~~text\nx\n~~~\n```sh,ignore\ny\n```"
        );
    }

    #[test]
    fn indented_code_blocks_become_text() {
        let got =
            fence_code_blocks("Example:\n\n    resource \"x\" {\n\n      a = 1\n    }\n\nAfter.");
        assert_eq!(
            got,
            "Example:\n\n```text\nresource \"x\" {\n\n  a = 1\n}\n```\n\nAfter."
        );
        // A continuation line of a paragraph is not code.
        assert_eq!(fence_code_blocks("a\n    b"), "a\n    b");
        // Nor is text inside a fence.
        assert_eq!(
            fence_code_blocks("```hcl\n\n    x\n```"),
            "```hcl\n\n    x\n```"
        );
    }

    #[test]
    fn descriptions_cannot_break_out() {
        let doc = Doc {
            description: Some("\"] fn evil() {} #[doc = \"*/".into()),
            notes: vec!["Required.".into()],
            deprecated: true,
        };
        let tokens = doc_attrs(&doc);
        let file: syn::File = syn::parse2(quote!(#tokens pub struct S;)).expect("parses");
        assert_eq!(file.items.len(), 1);
    }
}
