//! `cargo bench -p codegen`: generation of the AWS provider (13.6 MB schema), phase by phase, in
//! process. Whole-process figures (wall time, peak memory) come from `benches/run.sh`.
//!
//! Phases: read (JSON -> schema model), ir (names, types, folding, sharing), the modules' docs
//! pages, emit (laid-out text), prettyplease (for the modules the layout rules do not cover), and
//! the whole `Config::generate` (which renders on every core).

use std::time::{Duration, Instant};

/// The allocator of the `codegen` binary, so that the phases add up to what it takes.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let schema = std::env::var("CODEGEN_BENCH_SCHEMA").unwrap_or_else(|_| {
        format!(
            "{}/../../shared/schemas/aws-5.100.0.json",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    let Ok(text) = std::fs::read_to_string(&schema) else {
        println!("SKIP generate bench: {schema} not found");
        return;
    };
    let runs: usize = std::env::var("CODEGEN_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    println!("schema: {schema} ({:.1} MB)", text.len() as f64 / 1e6);

    let (doc, read) = time(|| codegen::parse_document(&text).expect("schema parses"));
    let providers = doc.provider_schemas.expect("provider_schemas");
    let (key, provider) = providers.iter().next().expect("one provider");
    let id = codegen::ir::build::ProviderId {
        key: key.clone(),
        name: codegen::ir::build::local_name(key),
        source: codegen::ir::build::source_address(key),
        version: None,
    };
    let (pkg, ir) = time(|| codegen::ir::build::package(&id, provider).expect("IR builds"));
    let (written, emit) = time(|| {
        let mut all: Vec<codegen::emit::code::Written> = pkg
            .items
            .iter()
            .map(|item| codegen::emit::resource::module(item, &[]))
            .collect();
        all.extend(pkg.shared.iter().map(codegen::emit::block::shared_module));
        all
    });
    let (pages, docs) = time(|| {
        pkg.items
            .iter()
            .map(|item| {
                codegen::emit::docs::module_page(&pkg, item, Some("aws"))
                    .rustdoc()
                    .len()
            })
            .sum::<usize>()
    });
    println!("module docs pages (one thread): {docs:.2?} ({pages} lines)");
    let marked = written.iter().filter(|w| w.reformat).count();
    let bytes: usize = written.iter().map(|w| w.text.len()).sum();
    let (_, reformat) = time(|| {
        for (i, w) in written.into_iter().enumerate() {
            codegen::render::rust_code(&i.to_string(), w).expect("formats");
        }
    });
    println!(
        "phases (IR on every core, the others on one): read {read:.2?}, ir {ir:.2?}, emit {emit:.2?}, prettyplease for the {marked} \
         modules that need it {reformat:.2?} ({} items, {} shared modules, {:.1} MB of item code)",
        pkg.items.len(),
        pkg.shared.len(),
        bytes as f64 / 1e6
    );
    let mut whole = Vec::new();
    let mut size = 0;
    for _ in 0..runs {
        let (g, t) = time(|| codegen::Config::new().generate(&text).expect("generates"));
        size = g.files.iter().map(|f| f.contents.len()).sum::<usize>();
        whole.push(t);
    }
    println!(
        "Config::generate (all cores, in memory): median {:.2?} of {runs}, {} MB",
        median(whole),
        size / 1_000_000
    );
}
