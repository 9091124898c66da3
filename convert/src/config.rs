//! The configuration IR: Terraform configuration as blocks, attributes and expressions, with
//! where each came from. Both readers ([`crate::parse`] for HCL, [`crate::json`] for Terraform
//! JSON) produce it; [`crate::emit`] reads it against the provider schemas.

use std::fmt;
use std::sync::Arc;

/// Where something is in the input: file, 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loc {
    /// The file name as given (`main.tf`, `<stdin>`).
    pub file: Arc<str>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// An attribute: `name = value`.
#[derive(Clone, Debug)]
pub struct Attr {
    /// The attribute name.
    pub name: String,
    /// Its value, as an HCL expression.
    pub value: hcl::Expression,
    /// Where the value starts.
    pub loc: Loc,
}

/// A block: `kind "label" ... { body }`.
#[derive(Clone, Debug)]
pub struct Block {
    /// The block type (`resource`, `vcs_repo`).
    pub kind: String,
    /// The labels.
    pub labels: Vec<String>,
    /// The contents.
    pub body: Body,
    /// Where the block starts.
    pub loc: Loc,
}

/// The contents of a block or file, in source order per kind.
#[derive(Clone, Debug, Default)]
pub struct Body {
    /// Attributes.
    pub attrs: Vec<Attr>,
    /// Nested blocks.
    pub blocks: Vec<Block>,
}

impl Body {
    /// The attribute `name`, if set.
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }

    /// The nested blocks of type `kind`.
    pub fn blocks_of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }
}

/// A whole configuration: the top-level blocks of every file read, in order.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Top-level blocks (`resource`, `variable`, `locals`, ...).
    pub blocks: Vec<Block>,
    /// The stack it was synthesized for, when the input says (`cdk.tf.json` metadata): its
    /// default local backend needs no statement.
    pub stack_name: Option<String>,
}

/// Maps byte offsets of one source text to lines and columns.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    file: Arc<str>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(file: &str, text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            text,
            starts,
            file: Arc::from(file),
        }
    }

    /// The location of byte `offset` (clamped to the text).
    pub(crate) fn loc(&self, offset: usize) -> Loc {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Loc {
            file: self.file.clone(),
            line,
            column,
        }
    }

    /// The location of the start of a file (for things without a span).
    pub(crate) fn file_start(&self) -> Loc {
        self.loc(0)
    }

    pub(crate) fn file(&self) -> &Arc<str> {
        &self.file
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let idx = LineIndex::new("a.tf", "ab\ncdé\nf");
        assert_eq!((idx.loc(0).line, idx.loc(0).column), (1, 1));
        assert_eq!((idx.loc(3).line, idx.loc(3).column), (2, 1));
        assert_eq!((idx.loc(7).line, idx.loc(7).column), (2, 4));
        assert_eq!((idx.loc(8).line, idx.loc(8).column), (3, 1));
        assert_eq!(idx.loc(2).to_string(), "a.tf:1:3");
    }
}
