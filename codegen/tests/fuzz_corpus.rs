//! The fuzz corpus (`codegen/fuzz/corpus/read_schema/`) as regression tests: every file goes
//! through the schema reader and IR builder (the fuzz target's entry point, [`codegen::read_ir`])
//! and through full generation; errors are fine, panics are not. The corpus holds hand-written
//! seeds plus `libfuzzer-*.json`: the smallest input for each kind of outcome that a 5-minute
//! `cargo fuzz run read_schema` (600 000 runs, no crash) reached.
//!
//! `fuzz_loop` (ignored by default) is the stable-toolchain stand-in for `cargo fuzz` (which
//! needs nightly): it mutates the corpus at random and feeds the same entry point, for
//! `FUZZ_SECONDS` (default 60) from seed `FUZZ_SEED` (default: the clock). An input that panics
//! is saved to the corpus as `crash-<hash>.json` and fails the run:
//!
//! ```sh
//! FUZZ_SECONDS=600 cargo test -p codegen --test fuzz_corpus -- --ignored --nocapture
//! ```

use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/read_schema")
}

fn corpus() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(corpus_dir())
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).expect("readable");
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

/// Runs one input through the reader + IR builder and, when `generate`, the whole generator.
/// `Err(message)` when something panicked; otherwise a short description of the outcome.
fn run(bytes: &[u8], generate: bool) -> Result<String, String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok("not UTF-8".into());
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let ir = codegen::read_ir(text);
        if generate && ir.is_ok() {
            let g = codegen::Config::new()
                .runtime_path("../cdktf")
                .generate(text);
            if let Err(e) = g {
                return format!("generate failed after read_ir succeeded: {e}");
            }
        }
        match ir {
            Ok(p) => format!("ok: {} providers", p.len()),
            Err(e) => {
                let msg = e.to_string();
                // The kind of error, without the specifics: a novelty signal for the loop.
                msg.split(':')
                    .nth(1)
                    .unwrap_or("")
                    .chars()
                    .take(24)
                    .collect()
            }
        }
    }));
    match outcome {
        Ok(s) if s.starts_with("generate failed") => Err(s),
        Ok(s) => Ok(s),
        Err(panic) => Err(panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "panic".into())),
    }
}

#[test]
fn every_corpus_file_is_read_without_panicking() {
    let files = corpus();
    assert!(
        files.len() >= 10,
        "corpus missing: {}",
        corpus_dir().display()
    );
    for (path, bytes) in files {
        if let Err(panic) = run(&bytes, true) {
            panic!("{}: {panic}", path.display());
        }
    }
}

/// A small xorshift generator: deterministic for a seed, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Fragments that steer mutations towards the schema's structure.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1e999",
    "18446744073709551616",
    "\"type\"",
    "\"nested_type\"",
    "\"nesting_mode\"",
    "\"block\"",
    "\"block_types\"",
    "\"attributes\"",
    "\"min_items\"",
    "\"max_items\"",
    "\"list\"",
    "\"set\"",
    "\"map\"",
    "\"object\"",
    "\"tuple\"",
    "\"single\"",
    "\"group\"",
    "\"string\"",
    "\"dynamic\"",
    "\"provider_schemas\"",
    "\"resource_schemas\"",
    "\"functions\"",
    "\"return_type\"",
    "\"parameters\"",
    "\"variadic_parameter\"",
    "\"format_version\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"self\"",
    "\"Self\"",
    "\"r#type\"",
    "\"\"",
    "\"1st\"",
    "\"a; panic!()\"",
    "é",
    "名",
];

fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(7) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 if !v.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(v.len());
                v.drain(at.min(end)..end);
            }
            2 | 3 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                v.splice(at..at, t.bytes());
            }
            4 if !v.is_empty() => {
                let start = rng.below(v.len());
                let end = (start + 1 + rng.below(64)).min(v.len());
                let chunk = v[start..end].to_vec();
                v.splice(at..at, chunk);
            }
            5 if !other.is_empty() => {
                let start = rng.below(other.len());
                let end = (start + 1 + rng.below(256)).min(other.len());
                v.splice(at..at, other[start..end].iter().copied());
            }
            _ => {
                let b = rng.below(256) as u8;
                v.insert(at, b);
            }
        }
    }
    v
}

#[test]
#[ignore = "a fuzz loop: run with --ignored (FUZZ_SECONDS, FUZZ_SEED)"]
fn fuzz_loop() {
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        })
        | 1;
    println!("fuzz_loop: seed {seed}, {seconds} s");
    let mut rng = Rng(seed);
    let mut pool: Vec<Vec<u8>> = corpus().into_iter().map(|(_, b)| b).collect();
    let mut seen = BTreeSet::new();
    let mut crashes = Vec::new();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs = 0u64;
    while Instant::now() < deadline {
        let a = rng.below(pool.len());
        let b = rng.below(pool.len());
        let input = mutate(&mut rng, &pool[a], &pool[b]);
        runs += 1;
        // Full generation is slower; do it for one input in eight.
        match run(&input, runs % 8 == 0) {
            Ok(kind) => {
                // Inputs with a new kind of outcome join the pool (in memory only).
                if seen.insert(kind) && pool.len() < 4096 {
                    pool.push(input);
                }
            }
            Err(message) => {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                input.hash(&mut h);
                let path = corpus_dir().join(format!("crash-{:016x}.json", h.finish()));
                let _ = std::fs::write(&path, &input);
                crashes.push(format!("{}: {message}", path.display()));
            }
        }
    }
    std::panic::set_hook(hook);
    println!(
        "fuzz_loop: {runs} inputs, {} kinds of outcome, pool {}",
        seen.len(),
        pool.len()
    );
    assert!(crashes.is_empty(), "panics:\n{}", crashes.join("\n"));
}
