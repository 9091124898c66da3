//! Checks on the synthesized output: every name Terraform sees is valid and distinct, and no token
//! marker is left in it.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use crate::construct::Node;
use crate::error::Error;
use crate::expr::tokens;

use crate::expr::is_terraform_identifier;

/// Names Terraform reserves for input variables.
const RESERVED_VARIABLE_NAMES: &[&str] = &[
    "source",
    "version",
    "providers",
    "count",
    "for_each",
    "lifecycle",
    "depends_on",
    "locals",
];

/// Two stacks with one name (they would share `stacks/<name>/`).
pub(crate) fn check_stack_names(stacks: &[Node], errors: &mut Vec<Error>) {
    let mut seen: HashMap<&str, &Node> = HashMap::new();
    for stack in stacks {
        if let Some(first) = seen.insert(stack.id(), stack) {
            errors.push(Error::NameCollision {
                what: "stack".into(),
                name: stack.id().to_string(),
                first: first.path().to_string(),
                second: stack.path().to_string(),
            });
        }
    }
}

/// The addresses of a stack's elements: each valid, and no two alike.
pub(crate) fn check_element_names(elements: &[Node], errors: &mut Vec<Error>) {
    let mut seen: HashMap<String, &Node> = HashMap::with_capacity(elements.len());
    for node in elements {
        let logical_id = crate::logical_id::of_element(node);
        let Some(address) = node.element().map(|el| el.imp.address(&logical_id)) else {
            continue;
        };
        // Providers and backends are not addressed by their logical id; everything else is
        // `KIND.ID` or `KIND.TYPE.ID`.
        let addressed_by_id = address
            .strip_suffix(logical_id.as_str())
            .is_some_and(|kind| kind.ends_with('.'));
        if !addressed_by_id {
            continue;
        }
        if !is_terraform_identifier(&logical_id) {
            errors.push(Error::InvalidName {
                path: node.path().to_string(),
                name: logical_id,
                reason: "a name starts with a letter or `_` and holds only ASCII letters, digits, \
                         `_` and `-`; change the id or call override_logical_id"
                    .into(),
            });
            continue;
        }
        if address.starts_with("var.") && RESERVED_VARIABLE_NAMES.contains(&logical_id.as_str()) {
            errors.push(Error::InvalidName {
                path: node.path().to_string(),
                name: logical_id,
                reason: "Terraform reserves this name for variables".into(),
            });
            continue;
        }
        match seen.entry(address) {
            Entry::Occupied(first) => errors.push(Error::NameCollision {
                what: "element".into(),
                name: first.key().clone(),
                first: first.get().path().to_string(),
                second: node.path().to_string(),
            }),
            Entry::Vacant(slot) => {
                slot.insert(node);
            }
        }
    }
}

/// Reports every token marker left in a stack's document, with its place.
pub(crate) fn no_markers_left(stack: &Node, tf: &serde_json::Value, errors: &mut Vec<Error>) {
    if !tokens::any_issued() {
        return;
    }
    let mut place = Vec::new();
    sweep(stack, tf, &mut place, errors);
}

fn sweep<'a>(
    stack: &Node,
    v: &'a serde_json::Value,
    place: &mut Vec<&'a str>,
    errors: &mut Vec<Error>,
) {
    match v {
        serde_json::Value::String(s) => check_string(stack, s, place, errors),
        serde_json::Value::Array(items) => {
            for item in items {
                sweep(stack, item, place, errors);
            }
        }
        serde_json::Value::Object(m) => {
            for (k, item) in m {
                place.push(k);
                check_string(stack, k, place, errors);
                sweep(stack, item, place, errors);
                place.pop();
            }
        }
        _ => {}
    }
}

fn check_string(stack: &Node, s: &str, place: &[&str], errors: &mut Vec<Error>) {
    if !tokens::contains_marker(s) {
        return;
    }
    let pieces = tokens::split(s);
    let too_deep = pieces.iter().any(|p| {
        matches!(p, tokens::Piece::Token(tokens::Token::App { app, .. }) if *app == tokens::TOO_DEEP_APP)
    });
    let foreign = pieces.iter().any(|p| {
        matches!(p, tokens::Piece::Token(tokens::Token::App { app, index })
            if *app != stack.0.app.tokens.id || stack.0.app.tokens.get(*index).is_none())
    });
    let reason = if too_deep {
        format!(
            "the value formatted into it is nested deeper than {} levels",
            crate::expr::MAX_DEPTH
        )
    } else if foreign {
        "it was formatted from a value of another App, of an App that was dropped, or on another \
         thread (Apps and values are not Send: build and synthesize each App on one thread)"
            .to_string()
    } else {
        "Terraform reads no expressions there (descriptions, ignore_changes, names), and a \
         Value::literal keeps its text verbatim"
            .to_string()
    };
    errors.push(Error::UnresolvedToken {
        path: stack.path().to_string(),
        place: place.join("."),
        reason,
    });
}
