//! Folding unrolled recursion. Terraform schemas cannot express a recursive block, so providers
//! unroll one a few levels deep and cut the last level short: AWS wafv2's `statement` holds
//! `and_statement { statement { and_statement { statement { ... } } } }`, the innermost
//! `statement` without the `and`/`or`/`not` blocks. Generated as written, that is thousands of
//! structs; folded, a nested block that repeats an enclosing block of the same name becomes a
//! reference to the enclosing block's type (setters hold `::cdktf::Args`, so a recursive type
//! needs no boxing).
//!
//! The folded type accepts what the schema accepts, plus deeper nesting than the provider
//! allows, which `terraform validate` reports.

use crate::schema::{Attribute, Block, NestedBlock, NestedType};

/// Whether `inner` is `outer` cut short: the same attributes and docs, and a subset of its
/// nested blocks, each of them a truncation of `outer`'s block of that name. An empty block is
/// never taken for a truncation.
pub(crate) fn is_truncation(inner: &Block, outer: &Block) -> bool {
    if inner.attributes.is_empty() && inner.block_types.is_empty() {
        return false;
    }
    block_le(inner, outer)
}

fn block_le(inner: &Block, outer: &Block) -> bool {
    let Block {
        attributes,
        block_types,
        description,
        description_kind: _,
        deprecated,
    } = inner;
    if *description != outer.description || *deprecated != outer.deprecated {
        return false;
    }
    if attributes.len() != outer.attributes.len()
        || !attributes
            .iter()
            .zip(&outer.attributes)
            .all(|((ka, a), (kb, b))| ka == kb && attr_eq(a, b))
    {
        return false;
    }
    block_types.iter().all(|(name, nested)| {
        outer
            .block_types
            .get(name)
            .is_some_and(|o| nested_le(nested, o))
    })
}

fn nested_le(inner: &NestedBlock, outer: &NestedBlock) -> bool {
    let NestedBlock {
        block,
        nesting_mode,
        min_items,
        max_items,
    } = inner;
    *nesting_mode == outer.nesting_mode
        && *min_items == outer.min_items
        && *max_items == outer.max_items
        && block_le(block, &outer.block)
}

fn attr_eq(a: &Attribute, b: &Attribute) -> bool {
    let Attribute {
        ty,
        nested_type,
        description,
        description_kind: _,
        required,
        optional,
        computed,
        sensitive,
        deprecated,
        write_only,
    } = a;
    *ty == b.ty
        && *description == b.description
        && *required == b.required
        && *optional == b.optional
        && *computed == b.computed
        && *sensitive == b.sensitive
        && *deprecated == b.deprecated
        && *write_only == b.write_only
        && match (nested_type, &b.nested_type) {
            (None, None) => true,
            (Some(x), Some(y)) => nested_type_eq(x, y),
            _ => false,
        }
}

fn nested_type_eq(a: &NestedType, b: &NestedType) -> bool {
    let NestedType {
        attributes,
        nesting_mode,
        min_items,
        max_items,
    } = a;
    *nesting_mode == b.nesting_mode
        && *min_items == b.min_items
        && *max_items == b.max_items
        && attributes.len() == b.attributes.len()
        && attributes
            .iter()
            .zip(&b.attributes)
            .all(|((ka, x), (kb, y))| ka == kb && attr_eq(x, y))
}
