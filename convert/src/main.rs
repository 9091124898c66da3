//! `tf2rs`: converts Terraform HCL into a Rust program over the generated bindings.
//!
//! ```text
//! tf2rs [--schema FILE]... [--main STACK] [--out FILE] INPUT
//! ```
//!
//! `INPUT` is a `.tf` file, a directory of them, or `-` for standard input. Fallbacks are listed
//! on standard error; errors name file, line and column and exit with status 1, writing nothing.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use convert::{Converter, Output, Schemas};

struct Args {
    schemas: Vec<PathBuf>,
    main: Option<String>,
    out: Option<PathBuf>,
    input: String,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        schemas: Vec::new(),
        main: None,
        out: None,
        input: String::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--schema" => args.schemas.push(value("--schema")?.into()),
            "--main" => args.main = Some(value("--main")?),
            "--out" => args.out = Some(value("--out")?.into()),
            "-h" | "--help" => {
                return Err(
                    "usage: tf2rs [--schema FILE]... [--main STACK] [--out FILE] INPUT".into(),
                )
            }
            _ if args.input.is_empty() => args.input = a,
            _ => return Err(format!("unexpected argument `{a}`")),
        }
    }
    if args.input.is_empty() {
        return Err("no input (a .tf file, a directory or -)".into());
    }
    Ok(args)
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let mut schemas = Schemas::new();
    for s in &args.schemas {
        let text = std::fs::read_to_string(s).map_err(|e| format!("{}: {e}", s.display()))?;
        schemas
            .add_document(&text)
            .map_err(|e| format!("{}: {e}", s.display()))?;
    }
    let mut converter = Converter::new(&schemas);
    if let Some(stack) = args.main {
        converter = converter.output(Output::Main { stack });
    }
    let converted = if args.input == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("<stdin>: {e}"))?;
        converter.convert_hcl("<stdin>", &text)
    } else {
        converter.convert_path(std::path::Path::new(&args.input))
    }
    .map_err(|e| e.to_string())?;
    for f in &converted.fallbacks {
        eprintln!("{f}");
    }
    match args.out {
        Some(path) => {
            // Written whole or not at all: a temporary file renamed into place.
            let tmp = path.with_extension("rs.tmp");
            std::fs::write(&tmp, &converted.code).map_err(|e| format!("{}: {e}", tmp.display()))?;
            std::fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        None => print!("{}", converted.code),
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
