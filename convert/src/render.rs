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
    Ok(prettyplease::unparse(&parsed))
}
