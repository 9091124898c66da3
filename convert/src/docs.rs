//! Registry docs pages: the `hcl` examples in them, and (see [`rust_page`]) the same page with
//! each example converted to Rust, as cdktf writes its per-language pages.

/// One fenced `hcl` block of a page: its text and the 1-based line its first line is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// The HCL text.
    pub text: String,
    /// The page line of its first line.
    pub line: usize,
}

/// The fenced ```` ```hcl ```` blocks of a Markdown page, in order.
pub fn examples(markdown: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut current: Option<Example> = None;
    for (i, line) in markdown.lines().enumerate() {
        match &mut current {
            None if line.trim_end() == "```hcl" => {
                current = Some(Example {
                    text: String::new(),
                    line: i + 2,
                })
            }
            None => {}
            Some(_) if line.trim_end() == "```" => out.extend(current.take()),
            Some(ex) => {
                ex.text.push_str(line);
                ex.text.push('\n');
            }
        }
    }
    out
}

/// The page with every `hcl` example replaced by `rust` code made by `convert` (which gets the
/// example and its index); an example that does not convert keeps its HCL.
pub fn rust_page(markdown: &str, mut convert: impl FnMut(usize, &str) -> Option<String>) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut block: Option<String> = None;
    let mut index = 0;
    for line in markdown.split_inclusive('\n') {
        let bare = line.trim_end();
        match &mut block {
            None if bare == "```hcl" => block = Some(String::new()),
            None => out.push_str(line),
            Some(text) if bare == "```" => {
                match convert(index, text) {
                    Some(code) => {
                        out.push_str("```rust\n");
                        out.push_str(&code);
                        if !code.ends_with('\n') {
                            out.push('\n');
                        }
                    }
                    None => {
                        out.push_str("```hcl\n");
                        out.push_str(text);
                    }
                }
                out.push_str(line);
                index += 1;
                block = None;
            }
            Some(text) => text.push_str(line),
        }
    }
    if let Some(text) = block {
        out.push_str("```hcl\n");
        out.push_str(&text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_are_found_with_their_lines() {
        let page = "# t\n\n```hcl\nresource \"a\" \"b\" {}\n```\n\ntext\n```hcl\nx\n```\n";
        let ex = examples(page);
        assert_eq!(ex.len(), 2);
        assert_eq!(ex[0].text, "resource \"a\" \"b\" {}\n");
        assert_eq!(ex[0].line, 4);
        let page2 = rust_page(page, |i, _| (i == 0).then(|| "fn f() {}".to_string()));
        assert!(page2.contains("```rust\nfn f() {}\n```"), "{page2}");
        assert!(page2.contains("```hcl\nx\n```"), "{page2}");
    }
}
