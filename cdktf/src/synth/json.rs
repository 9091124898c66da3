//! JSON text exactly as cdktf writes it (json-stable-stringify with a two-space indent): keys
//! sorted by UTF-16 code units at every level, empty arrays and objects broken over two lines, no
//! trailing newline.

use std::fmt::Write as _;

/// Serializes `value` in cdktf's format.
pub fn to_string(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, 0);
    out
}

fn write_value(out: &mut String, value: &serde_json::Value, level: usize) {
    use serde_json::Value as J;
    match value {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Number(n) => write_number(out, n),
        J::String(s) => write_string(out, s),
        J::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, level + 1);
                write_value(out, item, level + 1);
            }
            newline(out, level);
            out.push(']');
        }
        J::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
            out.push('{');
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, level + 1);
                write_string(out, key);
                out.push_str(": ");
                write_value(out, &map[*key], level + 1);
            }
            newline(out, level);
            out.push('}');
        }
    }
}

fn newline(out: &mut String, level: usize) {
    out.push('\n');
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// Numbers as JavaScript prints them: integers without a fraction, exponents from 1e21 up.
fn write_number(out: &mut String, n: &serde_json::Number) {
    if n.is_i64() || n.is_u64() {
        let _ = write!(out, "{n}");
        return;
    }
    let f = n.as_f64().unwrap_or(0.0);
    if f.fract() == 0.0 && f.abs() < 1e21 {
        let _ = write!(out, "{f:.0}");
    } else if f.abs() >= 1e21 || (f != 0.0 && f.abs() < 1e-6) {
        // JavaScript: "1e+21", "1.5e-7".
        let s = format!("{f:e}");
        let s = match s.split_once('e') {
            Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e}"),
            _ => s,
        };
        out.push_str(&s);
    } else {
        let _ = write!(out, "{f}");
    }
}

/// Strings as `JSON.stringify` escapes them.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::to_string;
    use serde_json::json;

    #[test]
    fn matches_json_stable_stringify() {
        let v = json!({"b": [], "a": {"c": {}, "d": [1, "x"]}});
        let expected = "{\n  \"a\": {\n    \"c\": {\n    },\n    \"d\": [\n      1,\n      \"x\"\n    ]\n  },\n  \"b\": [\n  ]\n}";
        assert_eq!(to_string(&v), expected);
    }

    #[test]
    fn escapes_like_javascript() {
        assert_eq!(
            to_string(&json!("a\"\\\n\u{1}é")),
            "\"a\\\"\\\\\\n\\u0001é\""
        );
    }

    #[test]
    fn numbers_like_javascript() {
        assert_eq!(to_string(&json!(1.5)), "1.5");
        assert_eq!(to_string(&json!(1e21)), "1e+21");
        assert_eq!(to_string(&json!(1.5e-7)), "1.5e-7");
        assert_eq!(to_string(&json!(-3)), "-3");
    }

    #[test]
    fn sorts_keys_by_utf16_code_units() {
        // U+10000 sorts after U+FF61 in UTF-8 (and code point) order but before it in UTF-16
        // order, where it is a surrogate pair starting with 0xD800.
        let v = json!({"\u{10000}": 1, "\u{ff61}": 2});
        let s = to_string(&v);
        assert!(s.find('\u{10000}') < s.find('\u{ff61}'), "{s}");
    }
}
