//! `tf2rs`: converts Terraform configuration (HCL or JSON) into a Rust program over the generated bindings.
//!
//! ```text
//! tf2rs [--schema FILE]... [--main STACK] [--out FILE] INPUT
//! tf2rs docs --schema FILE --docs DIR --out DIR
//! ```
//!
//! `INPUT` is a `.tf` or `.tf.json` file (`cdk.tf.json` too), a directory of them, or `-` for
//! standard input (HCL, or Terraform JSON when it starts with `{`). `docs` writes the Rust pages of a registry docs folder. Fallbacks are listed
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

/// `tf2rs docs --schema FILE --docs DIR --out DIR`: the Rust pages of a registry docs folder.
fn docs(args: &[String]) -> Result<(), String> {
    let (mut schema, mut docs, mut out) = (None, None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let v = it.next().ok_or(format!("{a} needs a value"))?;
        match a.as_str() {
            "--schema" => schema = Some(v.clone()),
            "--docs" => docs = Some(PathBuf::from(v)),
            "--out" => out = Some(PathBuf::from(v)),
            _ => return Err(format!("unexpected argument `{a}`")),
        }
    }
    let usage = "usage: tf2rs docs --schema FILE --docs DIR --out DIR";
    let (schema, docs, out) = (schema.ok_or(usage)?, docs.ok_or(usage)?, out.ok_or(usage)?);
    let text = std::fs::read_to_string(&schema).map_err(|e| format!("{schema}: {e}"))?;
    let mut schemas = Schemas::new();
    schemas
        .add_document(&text)
        .map_err(|e| format!("{schema}: {e}"))?;
    let converter = Converter::new(&schemas);
    // Every page is made before any is written: an error leaves the output as it was.
    let pages = convert::docs::rust_pages(&docs, &converter).map_err(|e| e.to_string())?;
    for page in &pages {
        for c in &page.examples {
            for f in &c.fallbacks {
                eprintln!("{f}");
            }
        }
        let path = out.join(&page.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, &page.text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    eprintln!("{} pages written to {}", pages.len(), out.display());
    Ok(())
}

fn run() -> Result<(), String> {
    let all: Vec<String> = std::env::args().skip(1).collect();
    if all.first().map(String::as_str) == Some("docs") {
        return docs(&all[1..]);
    }
    let args = parse_args()?;
    // The input first: only the schema items it uses are built (all of aws takes seconds).
    let (config, title) = if args.input == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("<stdin>: {e}"))?;
        let mut config = convert::Config::default();
        // Terraform JSON is an object; HCL never starts with `{`.
        if text.trim_start().starts_with('{') {
            convert::json::parse_json("<stdin>", &text, &mut config)
        } else {
            convert::parse::parse_hcl("<stdin>", &text, &mut config)
        }
        .map_err(|e| e.to_string())?;
        (config, "<stdin>".to_string())
    } else {
        let config =
            convert::read_path(std::path::Path::new(&args.input)).map_err(|e| e.to_string())?;
        (config, args.input.clone())
    };
    let mut schemas = Schemas::new();
    for s in &args.schemas {
        let text = std::fs::read_to_string(s).map_err(|e| format!("{}: {e}", s.display()))?;
        schemas
            .add_document_for(&text, &config)
            .map_err(|e| format!("{}: {e}", s.display()))?;
    }
    let mut converter = Converter::new(&schemas);
    if let Some(stack) = args.main {
        converter = converter.output(Output::Main { stack });
    }
    let converted = converter
        .convert_config(&config, &title)
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
