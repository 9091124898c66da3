//! Helpers of the converter's integration tests: finding `../shared`, building a crate of
//! converted programs against freshly generated bindings, normalizing configurations.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Map, Value as Json};

/// `../shared` of the workspace, if `../shared/<what>` is present (else skipped, or failed
/// under CI).
pub fn shared(what: &str) -> Option<PathBuf> {
    test_support::shared("convert", what)?;
    Some(root().join("../shared"))
}

/// The workspace root.
pub fn root() -> PathBuf {
    test_support::workspace_root()
}

/// One converted program to compile and run: module name, stack name, Rust source.
pub struct Unit {
    pub module: String,
    /// The stack the program is synthesized into.
    pub stack: String,
    pub code: String,
}

/// Where the `tfe` bindings of the test crate come from.
pub enum Bindings<'a> {
    /// Generated from this schema (all of it).
    Schema(&'a Path),
    /// The repository's checked-in `bindings/tfe`.
    CheckedIn,
    /// A package generated elsewhere (the aws bindings under `target/aws-stack/aws`), with
    /// only `features`, built in `target_dir` (shared with the other builds against it, so the
    /// runtime compiles once).
    Package {
        /// The crate name (`aws`).
        krate: &'a str,
        /// Its directory.
        path: &'a Path,
        features: &'a [String],
        target_dir: &'a Path,
    },
}

/// Writes a cargo workspace under `target/<dir>`: the `tfe` bindings generated from `schema`
/// and an `app` crate with one module per unit whose `main` synthesizes each unit's stack and
/// prints `NAME\tJSON` lines. Builds and runs it once; returns the lines (or the compiler's
/// errors).
pub fn build_and_run(
    dir: &str,
    bindings: Bindings<'_>,
    units: &[Unit],
) -> Result<Vec<(String, Json)>, String> {
    let root = root();
    let base = root.join("target").join(dir);
    let mut target_dir = base.join("target");
    let mut dependency = None;
    let tfe = match bindings {
        Bindings::Schema(schema) => {
            let text = std::fs::read_to_string(schema).map_err(|e| e.to_string())?;
            let generated = codegen::Config::new()
                .provider("tfe")
                .runtime_path("../../../cdktf")
                .standalone(false)
                .generate(&text)
                .map_err(|e| e.to_string())?;
            generated
                .write_to(base.join("tfe"))
                .map_err(|e| e.to_string())?;
            "../tfe"
        }
        Bindings::CheckedIn => "../../../bindings/tfe",
        Bindings::Package {
            krate,
            path,
            features,
            target_dir: dir,
        } => {
            target_dir = dir.to_path_buf();
            let features: Vec<String> = features.iter().map(|f| format!("{f:?}")).collect();
            dependency = Some(format!(
                "{krate} = {{ path = {:?}, features = [{}] }}\n",
                path.display().to_string(),
                features.join(", ")
            ));
            ""
        }
    };
    let members = if tfe == "../tfe" {
        "\"tfe\", \"app\""
    } else {
        "\"app\""
    };
    std::fs::create_dir_all(&base).map_err(|e| e.to_string())?;
    write(
        &base.join("Cargo.toml"),
        &format!("[workspace]\nresolver = \"2\"\nmembers = [{members}]\n"),
    );
    std::fs::create_dir_all(base.join("app/src")).map_err(|e| e.to_string())?;
    // The repository's lock file: the same dependency versions, nothing to resolve.
    let _ = std::fs::copy(root.join("Cargo.lock"), base.join("Cargo.lock"));
    let dependency = dependency
        .unwrap_or_else(|| format!("tfe = {{ path = \"{tfe}\", features = [\"full\"] }}\n"));
    write(
        &base.join("app/Cargo.toml"),
        &format!(
            "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ncdktf = {{ path = \"../../../cdktf\" }}\nserde_json = \"1\"\n{dependency}"
        ),
    );
    let mut main = String::from("#![allow(unused, clippy::all)]\n");
    for u in units {
        main.push_str(&format!("mod {};\n", u.module));
        write(&base.join(format!("app/src/{}.rs", u.module)), &u.code);
    }
    // One app per program: an error in one does not fail the others' synthesis.
    main.push_str("fn main() {\n");
    for u in units {
        main.push_str(&unit_main(&u.module, &u.stack));
    }
    main.push_str("}\n");
    write(&base.join("app/src/main.rs"), &main);
    let out = Command::new(env!("CARGO"))
        .args(["run", "-q", "--offline", "-p", "app"])
        .current_dir(&base)
        .env("CARGO_TARGET_DIR", &target_dir)
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    Ok(stdout
        .lines()
        .filter_map(|l| {
            let (name, json) = l.split_once('\t')?;
            Some((name.to_string(), serde_json::from_str(json).ok()?))
        })
        .collect())
}

/// The part of `main` that synthesizes one program, in an app of its own (so that an error in
/// one does not fail the others).
fn unit_main(module: &str, stack: &str) -> String {
    [
        "    {".to_string(),
        "        let app = cdktf::App::new();".to_string(),
        format!("        let stack = cdktf::TerraformStack::new(&app, {stack:?});"),
        format!("        {module}::build(&stack);"),
        format!("        match app.synth_stack({stack:?}) {{"),
        format!("            Ok(j) => println!(\"{module}\\t{{}}\", j),"),
        format!("            Err(e) => println!(\"{module}\\t{{}}\", serde_json::json!({{\"error\": e.to_string()}})),"),
        "        }".to_string(),
        "    }".to_string(),
        String::new(),
    ]
    .join("\n")
}

/// Writes a file if its content changed (keeps cargo's fingerprints of unchanged files).
fn write(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).expect("writes under target/");
    }
}

/// A Terraform JSON document in a form where equal configurations are equal values: metadata
/// (`//`) dropped; every string that holds an expression parsed and printed again (so
/// expressions compare as expressions, in one spelling: [`normalize`]); integral numbers as
/// integers; a block that is a single object as a one-element list; dynamic blocks' iterators
/// named alike ([`dynamic_iterators`]).
pub fn canonical(v: &Json) -> Json {
    canonical_values(&dynamic_iterators(v))
}

fn canonical_values(v: &Json) -> Json {
    match v {
        Json::Object(m) => Json::Object(
            m.iter()
                .filter(|(k, _)| k.as_str() != "//")
                .map(|(k, v)| (k.clone(), canonical_values(v)))
                .collect(),
        ),
        Json::Array(items) => Json::Array(items.iter().map(canonical_values).collect()),
        Json::String(s) if s.contains("${") || s.contains("%{") => {
            let e = normalize(&quoted_keys(&convert::tfjson::expr_of_json(v)), 0);
            Json::String(format!("expr:{}", convert::tfjson::expr_text(&e)))
        }
        Json::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 => Json::from(f as i64),
            _ => v.clone(),
        },
        other => other.clone(),
    }
}

/// Compares `want` (normalized HCL) with `got` (synthesized), where an object in `got` equals a
/// one-element list in `want` (blocks). Returns the first difference's path.
pub fn diff(want: &Json, got: &Json, path: &str) -> Option<String> {
    match (want, got) {
        (Json::Array(w), Json::Object(_)) if w.len() == 1 => diff(&w[0], got, path),
        (Json::Object(w), Json::Array(g)) if g.len() == 1 => {
            diff(want, &g[0], path).map(|_| format!("{path}: want {w:?}, got {g:?}"))
        }
        (Json::Object(w), Json::Object(g)) => {
            let keys: BTreeSet<&String> = w.keys().chain(g.keys()).collect();
            for k in keys {
                let p = format!("{path}.{k}");
                match (w.get(k), g.get(k)) {
                    (Some(a), Some(b)) => {
                        if let Some(d) = diff(a, b, &p) {
                            return Some(d);
                        }
                    }
                    (Some(a), None) => return Some(format!("{p}: missing, want {a}")),
                    (None, Some(b)) => return Some(format!("{p}: unexpected {b}")),
                    (None, None) => {}
                }
            }
            None
        }
        (Json::Array(w), Json::Array(g)) if w.len() == g.len() => w
            .iter()
            .zip(g)
            .enumerate()
            .find_map(|(i, (a, b))| diff(a, b, &format!("{path}[{i}]"))),
        _ if want == got => None,
        _ => Some(format!("{path}: want {want}, got {got}")),
    }
}

/// An HCL configuration as Terraform JSON (as `terraform` reads `.tf` files): meta-arguments
/// that JSON writes bare (`depends_on`, `provider`, `ignore_changes`, a variable's `type`)
/// bare, blocks as lists of objects.
pub fn hcl_to_json(config: &convert::Config, added_variables: &[String]) -> Json {
    let mut top = Map::new();
    for b in &config.blocks {
        let mut body = convert::body::body_json(&b.body);
        bare_meta(&b.body, &mut body, &b.kind);
        // Refactoring blocks are lists in JSON, with bare addresses.
        if matches!(b.kind.as_str(), "import" | "moved" | "removed") {
            if let Json::Object(m) = &mut body {
                for a in &b.body.attrs {
                    if matches!(a.name.as_str(), "to" | "from" | "provider") {
                        let text = convert::tfjson::expr_text(&a.value);
                        m.insert(a.name.clone(), Json::String(text));
                    }
                }
            }
            let list = top
                .entry(b.kind.clone())
                .or_insert_with(|| Json::Array(Vec::new()));
            if let Json::Array(l) = list {
                l.push(body);
            }
            continue;
        }
        let section = top
            .entry(b.kind.clone())
            .or_insert_with(|| Json::Object(Map::new()));
        let Json::Object(section) = section else {
            continue;
        };
        match (b.kind.as_str(), b.labels.as_slice()) {
            ("locals", _) => {
                if let Json::Object(m) = body {
                    section.extend(m);
                }
            }
            ("provider", [p]) => {
                let list = section
                    .entry(p.clone())
                    .or_insert_with(|| Json::Array(vec![]));
                if let Json::Array(l) = list {
                    l.push(body);
                }
            }
            (_, [t, n]) => {
                let m = section
                    .entry(t.clone())
                    .or_insert_with(|| Json::Object(Map::new()));
                if let Json::Object(m) = m {
                    m.insert(n.clone(), body);
                }
            }
            (_, [n]) => {
                section.insert(n.clone(), body);
            }
            _ => {}
        }
    }
    if !added_variables.is_empty() {
        let section = top
            .entry("variable".to_string())
            .or_insert_with(|| Json::Object(Map::new()));
        if let Json::Object(s) = section {
            for v in added_variables {
                s.insert(v.clone(), Json::Object(Map::new()));
            }
        }
    }
    Json::Object(top)
}

fn bare_meta(body: &convert::config::Body, json: &mut Json, kind: &str) {
    let Json::Object(m) = json else { return };
    for a in &body.attrs {
        let text = convert::tfjson::expr_text(&a.value);
        match (kind, a.name.as_str(), &a.value) {
            (_, "depends_on", hcl::Expression::Array(items)) => {
                let items = items
                    .iter()
                    .map(|i| Json::String(convert::tfjson::expr_text(i)));
                m.insert(a.name.clone(), Json::Array(items.collect()));
            }
            ("resource" | "data", "provider", _) | ("variable", "type", _) => {
                m.insert(a.name.clone(), Json::String(text));
            }
            ("lifecycle", "ignore_changes", hcl::Expression::Array(items)) => {
                let items = items
                    .iter()
                    .map(|i| Json::String(convert::tfjson::expr_text(i)));
                m.insert(a.name.clone(), Json::Array(items.collect()));
            }
            _ => {}
        }
    }
    // A provisioner's `when` and `on_failure` are bare keywords in JSON.
    if let Some(Json::Array(list)) = m.get_mut("provisioner") {
        for p in list.iter_mut().filter_map(Json::as_object_mut) {
            for args in p.values_mut().filter_map(Json::as_object_mut) {
                for key in ["when", "on_failure"] {
                    if let Some(Json::String(v)) = args.get_mut(key) {
                        if let Some(bare) = v.strip_prefix("${").and_then(|x| x.strip_suffix('}')) {
                            *v = bare.to_string();
                        }
                    }
                }
            }
        }
    }
    for b in &body.blocks {
        // A dynamic block's `iterator` is a bare name in JSON.
        if let (true, Some(label), Some(it)) = (
            b.kind == "dynamic",
            b.labels.first(),
            b.body.attr("iterator"),
        ) {
            if let Some(Json::Object(d)) = m.get_mut("dynamic") {
                if let Some(Json::Object(block)) = d.get_mut(label) {
                    block.insert(
                        "iterator".into(),
                        Json::String(convert::tfjson::expr_text(&it.value)),
                    );
                }
            }
        }
        if b.kind == "lifecycle" {
            if let Some(Json::Array(list)) = m.get_mut("lifecycle") {
                for item in list {
                    bare_meta(&b.body, item, "lifecycle");
                }
            }
        }
    }
}

/// An expression in one spelling of its meaning: every operation and conditional in
/// parentheses (the runtime writes them so, HCL where precedence needs them), and the loop
/// variables of `for` expressions named by their depth (`k0`, `v0`; an unused key dropped).
pub fn normalize(e: &hcl::Expression, depth: usize) -> hcl::Expression {
    use hcl::expr::{Operation, TraversalOperator};
    use hcl::Expression as E;
    let n = |x: &E| normalize(x, depth);
    match e {
        E::Parenthesis(inner) => n(inner),
        E::Operation(op) => {
            let op = match op.as_ref() {
                Operation::Unary(u) => {
                    let mut u = u.clone();
                    u.expr = n(&u.expr);
                    Operation::Unary(u)
                }
                Operation::Binary(b) => {
                    let mut b = b.clone();
                    b.lhs_expr = n(&b.lhs_expr);
                    b.rhs_expr = n(&b.rhs_expr);
                    Operation::Binary(b)
                }
            };
            E::Parenthesis(Box::new(E::Operation(Box::new(op))))
        }
        E::Conditional(c) => {
            let mut c = c.as_ref().clone();
            c.cond_expr = n(&c.cond_expr);
            c.true_expr = n(&c.true_expr);
            c.false_expr = n(&c.false_expr);
            E::Parenthesis(Box::new(E::Conditional(Box::new(c))))
        }
        E::Array(items) => E::Array(items.iter().map(n).collect()),
        // `{ a = 1 }` and `{ "a" = 1 }` are the same object.
        E::Object(obj) => E::Object(
            obj.iter()
                .map(|(k, v)| {
                    let k = match k {
                        hcl::ObjectKey::Identifier(id) => {
                            hcl::ObjectKey::Expression(E::String(id.as_str().to_string()))
                        }
                        hcl::ObjectKey::Expression(x) => hcl::ObjectKey::Expression(n(x)),
                        other => other.clone(),
                    };
                    (k, n(v))
                })
                .collect(),
        ),
        E::FuncCall(c) => {
            let mut c = c.as_ref().clone();
            c.args = c.args.iter().map(n).collect();
            E::FuncCall(Box::new(c))
        }
        E::Traversal(t) => {
            let mut t = t.as_ref().clone();
            t.expr = n(&t.expr);
            for op in &mut t.operators {
                match op {
                    TraversalOperator::Index(x) => *x = n(x),
                    // `x.*.id` and `x[*].id` read the same attribute of every element.
                    TraversalOperator::AttrSplat => *op = TraversalOperator::FullSplat,
                    _ => {}
                }
            }
            E::Traversal(Box::new(t))
        }
        E::ForExpr(f) => {
            let mut f = f.as_ref().clone();
            let (k, v) = (format!("k{depth}"), format!("v{depth}"));
            let mut body: Vec<&mut E> = vec![&mut f.value_expr];
            body.extend(f.key_expr.as_mut());
            body.extend(f.cond_expr.as_mut());
            let old_v = f.value_var.as_str().to_string();
            let old_k = f.key_var.as_ref().map(|k| k.as_str().to_string());
            let mut key_used = false;
            for x in body {
                let mut y = convert::rename::rename(x, &old_v, &v);
                if let Some(ok) = &old_k {
                    let before = convert::tfjson::expr_text(&y);
                    y = convert::rename::rename(&y, ok, &k);
                    key_used |= convert::tfjson::expr_text(&y) != before;
                }
                *x = normalize(&y, depth + 1);
            }
            f.collection_expr = n(&f.collection_expr);
            f.value_var = hcl::Identifier::sanitized(&v);
            f.key_var = key_used.then(|| hcl::Identifier::sanitized(&k));
            E::ForExpr(Box::new(f))
        }
        other => other.clone(),
    }
}

/// The backend or `cloud` block of a configuration's `terraform` blocks as Terraform JSON
/// (`{"backend": {"s3": {...}}}`, `{"cloud": {...}}`), if it has one.
pub fn terraform_settings(config: &convert::Config) -> Option<Json> {
    let mut out = Map::new();
    for b in config.blocks.iter().filter(|b| b.kind == "terraform") {
        for inner in &b.body.blocks {
            match (inner.kind.as_str(), inner.labels.as_slice()) {
                ("backend", [kind]) => {
                    let mut m = Map::new();
                    m.insert(kind.clone(), convert::body::body_json(&inner.body));
                    out.insert("backend".into(), Json::Object(m));
                }
                ("cloud", []) => {
                    out.insert("cloud".into(), convert::body::body_json(&inner.body));
                }
                _ => {}
            }
        }
    }
    (!out.is_empty()).then_some(Json::Object(out))
}

/// `v` (Terraform JSON) with every `dynamic` block's iterator renamed to a name by nesting depth
/// (`dynamic_iterator_1`, ...) in its content, and the `iterator` argument dropped: the runtime
/// writes every dynamic block with the iterator `each`, the HCL names it after the block (or its
/// `iterator`), and both mean the same. A reference the renaming would capture (a resource's
/// own `each` inside a dynamic block written with iterator `each`) then shows as a difference.
/// Inner blocks are renamed first, so an inner iterator shadows an outer one of the same name.
pub fn dynamic_iterators(v: &Json) -> Json {
    dynamic_walk(v, 0)
}

fn dynamic_walk(v: &Json, depth: usize) -> Json {
    match v {
        Json::Object(m) => Json::Object(
            m.iter()
                // No static blocks beside dynamic ones of a type (`[]`, which the typed API
                // writes for a required block type whose blocks are all dynamic): the dynamic
                // blocks alone, as in the HCL.
                .filter(|(k, val)| {
                    !(val.as_array().is_some_and(Vec::is_empty)
                        && m.get("dynamic").and_then(|d| d.get(k.as_str())).is_some())
                })
                .map(|(k, val)| {
                    let val = match (k.as_str(), val) {
                        ("dynamic", Json::Object(blocks)) => Json::Object(
                            blocks
                                .iter()
                                .map(|(label, b)| (label.clone(), dynamic_block(label, b, depth)))
                                .collect(),
                        ),
                        _ => dynamic_walk(val, depth),
                    };
                    (k.clone(), val)
                })
                .collect(),
        ),
        Json::Array(items) => Json::Array(items.iter().map(|i| dynamic_walk(i, depth)).collect()),
        other => other.clone(),
    }
}

/// One dynamic block (an object, or a list of them as HCL normalizes blocks).
fn dynamic_block(label: &str, b: &Json, depth: usize) -> Json {
    match b {
        Json::Array(items) => Json::Array(
            items
                .iter()
                .map(|i| dynamic_block(label, i, depth))
                .collect(),
        ),
        Json::Object(m) => {
            let name = m.get("iterator").and_then(Json::as_str).unwrap_or(label);
            let to = format!("dynamic_iterator_{}", depth + 1);
            m.iter()
                .filter(|(k, _)| k.as_str() != "iterator")
                .map(|(k, val)| {
                    let val = if k == "content" {
                        rename_json(&dynamic_walk(val, depth + 1), name, &to)
                    } else {
                        dynamic_walk(val, depth)
                    };
                    (k.clone(), val)
                })
                .collect::<Map<_, _>>()
                .into()
        }
        other => other.clone(),
    }
}

/// Every expression in `v` with references rooted at `from` rooted at `to`.
fn rename_json(v: &Json, from: &str, to: &str) -> Json {
    match v {
        Json::Object(m) => Json::Object(
            m.iter()
                .map(|(k, val)| (k.clone(), rename_json(val, from, to)))
                .collect(),
        ),
        Json::Array(items) => Json::Array(items.iter().map(|i| rename_json(i, from, to)).collect()),
        Json::String(s) if s.contains("${") || s.contains("%{") => {
            let e = convert::tfjson::expr_of_json(v);
            convert::tfjson::expr_to_json(&convert::rename::rename(&e, from, to))
        }
        other => other.clone(),
    }
}

/// `e` with object keys written as identifiers (`{ a-b = 1 }`) written as the strings they
/// are (`{ "a-b" = 1 }`): Terraform reads both alike.
fn quoted_keys(e: &hcl::Expression) -> hcl::Expression {
    use hcl::expr::ObjectKey;
    convert::walk::map(e, &|x| match x {
        hcl::Expression::Object(obj) => Some(hcl::Expression::Object(
            obj.iter()
                .map(|(k, v)| {
                    let k = match k {
                        ObjectKey::Identifier(id) => {
                            ObjectKey::Expression(hcl::Expression::String(id.to_string()))
                        }
                        ObjectKey::Expression(k) => ObjectKey::Expression(quoted_keys(k)),
                        other => other.clone(),
                    };
                    (k, quoted_keys(v))
                })
                .collect(),
        )),
        _ => None,
    })
}
