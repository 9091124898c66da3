//! Program tokens -> formatted Rust source (prettyplease, as codegen renders).

use quote::quote;

use crate::emit::Program;
use crate::error::{Error, Result};
use crate::Output;

/// The whole source file of a program.
pub fn file(program: &Program, output: &Output, title: &str) -> Result<String> {
    let uses = &program.uses;
    let statements = &program.statements;
    let doc = format!(" Converted from `{title}` by `tf2rs`.");
    let build_doc = " Declares the configuration's elements in `scope` (a stack).";
    let main = match output {
        Output::Module => quote!(),
        Output::Main { stack } => quote! {
            fn main() -> cdktf::Result<()> {
                let app = App::new();
                let stack = TerraformStack::new(&app, #stack);
                build(&stack);
                app.synth()
            }
        },
    };
    let tokens = quote! {
        #![doc = #doc]
        #uses
        #[doc = #build_doc]
        pub fn build(scope: &impl Scope) {
            #statements
        }
        #main
    };
    let parsed: syn::File = syn::parse2(tokens).map_err(|e| Error::Render(e.to_string()))?;
    Ok(tidy_macro_arguments(&prettyplease::unparse(&parsed)))
}

/// prettyplease prints the arguments of `format!` as tokens (`x.value:: < String > ()`); this
/// writes the turbofish the way it writes it elsewhere (`x.value::<String>()`).
fn tidy_macro_arguments(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for line in code.split_inclusive('\n') {
        if line.contains("format!(") && line.contains(":: < ") {
            let mut l = line.to_string();
            while let Some(start) = l.find(":: < ") {
                let Some(len) = l[start..].find(" >").filter(|&len| len >= 5) else {
                    break;
                };
                let tidy = format!("::<{}>", &l[start + 5..start + len]);
                l.replace_range(start..start + len + 2, &tidy);
                let after = start + tidy.len();
                if l[after..].starts_with(" (") {
                    l.replace_range(after..after + 1, "");
                }
            }
            out.push_str(&l);
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn turbofish_in_format_arguments_is_tidied() {
        assert_eq!(
            super::tidy_macro_arguments("    format!(\"{}-ws\", org.value:: < String > ()),\n"),
            "    format!(\"{}-ws\", org.value::<String>()),\n"
        );
        assert_eq!(super::tidy_macro_arguments("a:: < b\n"), "a:: < b\n");
        let odd = "format!(\"{}\", x:: < >)\n";
        assert_eq!(super::tidy_macro_arguments(odd), odd);
    }
}
