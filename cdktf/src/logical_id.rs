//! Logical ids: the names elements get in Terraform, computed exactly as cdktf computes them.

use crate::construct::Node;

/// Components with this id are left out entirely.
const HIDDEN_ID: &str = "Default";
/// Components with this id are left out of the readable part (but hashed).
const HIDDEN_FROM_HUMAN_ID: &str = "Resource";
const HASH_LEN: usize = 8;
const MAX_HUMAN_LEN: usize = 240;
const MAX_ID_LEN: usize = 255;

/// The logical id of an element: its override, or the id derived from its path below its stack.
pub(crate) fn of_element(node: &Node) -> String {
    with_element_id(node, str::to_string)
}

/// `f` of the element's logical id, borrowed (synthesis asks for it once per reference).
pub(crate) fn with_element_id<R>(node: &Node, f: impl FnOnce(&str) -> R) -> R {
    match node.element() {
        Some(el) => match &el.logical_id_override {
            Some(id) => f(id),
            None => f(el.derived_id.get_or_init(|| allocate(node))),
        },
        None => f(&allocate(node)),
    }
}

/// The id derived from the path components below the element's stack.
pub(crate) fn allocate(node: &Node) -> String {
    // Ids hold no `/`, so the path's components are the ids of the scopes below the app.
    let path = node.path();
    let below_stack = match node.stack() {
        Some(stack) if stack == *node => "",
        Some(stack) => path
            .strip_prefix(stack.path())
            .map_or(path, |rest| rest.trim_start_matches('/')),
        None => path,
    };
    let components: Vec<&str> = below_stack.split('/').filter(|c| !c.is_empty()).collect();
    make_unique_id(&components)
}

/// cdktf's `makeUniqueId` (with separator characters allowed, the default since cdktf 0.15).
pub(crate) fn make_unique_id(components: &[&str]) -> String {
    let components: Vec<&str> = components
        .iter()
        .copied()
        .filter(|c| *c != HIDDEN_ID)
        .collect();
    if components.is_empty() {
        return String::new();
    }
    if let [only] = components.as_slice() {
        let candidate = remove_disallowed(only);
        if candidate.len() <= MAX_ID_LEN {
            return candidate;
        }
    }
    let hash = path_hash(&components);
    let human: String = remove_dupes(&components)
        .into_iter()
        .filter(|c| *c != HIDDEN_FROM_HUMAN_ID)
        .map(remove_disallowed)
        .collect::<Vec<_>>()
        .join("_");
    let human: String = human.chars().take(MAX_HUMAN_LEN).collect();
    format!("{human}_{hash}")
}

fn path_hash(components: &[&str]) -> String {
    let digest = md5::compute(components.join("/").as_bytes());
    let hex: String = digest.0.iter().map(|b| format!("{b:02X}")).collect();
    hex[..HASH_LEN].to_string()
}

fn remove_disallowed(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}

/// Drops a component when the previous kept one ends with it.
fn remove_dupes<'a>(components: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for c in components {
        if out.last().map_or(true, |last| !last.ends_with(c)) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::make_unique_id;

    #[test]
    fn top_level_ids_are_kept_without_disallowed_characters() {
        assert_eq!(make_unique_id(&["test-agent-pool"]), "test-agent-pool");
        assert_eq!(make_unique_id(&["my.bucket name"]), "mybucketname");
        assert_eq!(make_unique_id(&["Default", "x_y"]), "x_y");
    }

    #[test]
    fn nested_ids_get_a_hash_of_the_path() {
        let id = make_unique_id(&["team-a", "pool"]);
        assert!(id.starts_with("team-a_pool_"), "{id}");
        assert_eq!(id.len(), "team-a_pool_".len() + 8);
        // The MD5 of "team-a/pool" starts with these digits.
        assert_eq!(id, "team-a_pool_4E6114F0");
    }

    #[test]
    fn resource_and_repeated_components_are_hidden_from_the_readable_part() {
        let id = make_unique_id(&["bucket", "Resource"]);
        assert!(id.starts_with("bucket_"), "{id}");
        let id = make_unique_id(&["website-bucket", "bucket"]);
        assert!(id.starts_with("website-bucket_"), "{id}");
    }

    #[test]
    fn long_ids_are_truncated_with_a_hash() {
        let long = "a".repeat(300);
        let id = make_unique_id(&[long.as_str()]);
        assert_eq!(id.len(), 240 + 1 + 8);
    }
}
