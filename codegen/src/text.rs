//! Schema text made safe to place in generated Rust source.
//!
//! Unicode's bidirectional controls (U+202A to U+202E, U+2066 to U+2069) can make source read
//! differently from what it is ("Trojan Source"), so rustc rejects them in comments and literals
//! (`text_direction_codepoint_in_comment`, denied by default). A schema description or name may
//! hold them; they are written as visible escapes (`\u{202e}`) instead.

use std::borrow::Cow;

/// Whether `c` is one of the bidirectional controls rustc rejects in source text.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with each bidirectional control written as `\u{...}`.
pub fn escape_bidi(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_bidi_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_bidi_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_become_visible_escapes() {
        assert_eq!(escape_bidi("a\u{202e}b\u{2069}"), "a\\u{202e}b\\u{2069}");
        assert!(matches!(escape_bidi("plain ñ"), Cow::Borrowed(_)));
    }
}
