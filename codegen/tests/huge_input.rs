//! A huge schema file: the generator's peak memory stays a small multiple of the file, and it
//! either generates or fails cleanly, leaving the output directory alone. Two shapes: a valid
//! schema holding one enormous description (cut to 64 KiB in the docs), and a schema of many
//! resources whose last one is malformed (the reader and IR builder run over all of them, then
//! fail). By default the first file is 20 MB and the second a quarter of that (the IR of 16 000
//! resources takes a few seconds); `CODEGEN_HUGE_MB=200` runs a 200 MB description and 50 MB of
//! resources (a few minutes in a debug build, about 1.5 GB of memory).
//!
//! Measured (debug build): the 20 MB description peaks near 65 MB (3x the file); resources peak at
//! about 28x the file, nearly all of it the parsed schema and the IR of every resource, which
//! both exist at once (the bound below is 40x).

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

/// Megabytes of input per case.
fn size_mb() -> usize {
    std::env::var("CODEGEN_HUGE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}

/// Runs the binary to completion: (exit code, stderr, peak resident memory in bytes).
// The child is reaped by `wait4`, which also reports its peak memory; `Child::wait` cannot.
#[allow(clippy::zombie_processes)]
fn run_measured(schema: &Path, out: &Path) -> (Option<i32>, String, u64) {
    let err_path = out.with_extension("stderr");
    let child = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(["generate", "--runtime-path", "../cdktf", "--schema"])
        .arg(schema)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("runs");
    let pid = libc::pid_t::try_from(child.id()).expect("pid");
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is valid; `wait4` reaps our own child and fills both.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4");
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    // Linux reports kilobytes.
    let peak = u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024;
    (code, stderr, peak)
}

fn write_big(path: &Path, head: &str, fill: impl Fn(&mut dyn std::io::Write), tail: &str) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    f.write_all(head.as_bytes()).expect("write");
    fill(&mut f);
    f.write_all(tail.as_bytes()).expect("write");
    f.flush().expect("flush");
}

#[test]
fn huge_files_use_bounded_memory_and_fail_or_succeed_cleanly() {
    let mb = size_mb();
    let bytes = mb << 20;
    let dir = tempfile::tempdir().expect("tempdir");

    // 1. One enormous description in a valid schema: generates, with the description cut.
    let schema = dir.path().join("long-description.json");
    write_big(
        &schema,
        r#"{"format_version":"1.0","provider_schemas":{"registry.terraform.io/h/big":{"resource_schemas":{"big_thing":{"block":{"attributes":{"x":{"type":"string","optional":true,"description":""#,
        |f| {
            let chunk = "All work and no play. \\n ".repeat(4096);
            let mut written = 0;
            while written < bytes {
                f.write_all(chunk.as_bytes()).expect("write");
                written += chunk.len();
            }
        },
        r#""}}}}}}}}"#,
    );
    let out = dir.path().join("out1");
    let started = std::time::Instant::now();
    let (code, stderr, peak) = run_measured(&schema, &out);
    println!(
        "{mb} MB description: exit {code:?}, peak {} MB, {:?}",
        peak >> 20,
        started.elapsed()
    );
    assert_eq!(code, Some(0), "{stderr}");
    let module = std::fs::read_to_string(out.join("src/thing.rs")).expect("generated");
    assert!(
        module.len() < 200_000,
        "description not cut: {} bytes",
        module.len()
    );
    assert!(module.contains("Description cut"), "no note of the cut");
    let limit = 4 * bytes as u64 + (150 << 20);
    assert!(
        peak < limit,
        "peak {} MB over {} MB",
        peak >> 20,
        limit >> 20
    );

    // 2. Many resources, the last one malformed: a clean error, nothing written.
    let bytes = bytes / 4;
    let schema = dir.path().join("many-resources.json");
    let one = r#""big_r%":{"version":0,"block":{"attributes":{"id":{"type":"string","computed":true},"name":{"type":"string","required":true,"description":"The name."},"tags":{"type":["map","string"],"optional":true}},"block_types":{"rule":{"nesting_mode":"list","block":{"attributes":{"port":{"type":"number","optional":true}}}}}}},"#;
    let count = bytes / one.len();
    write_big(
        &schema,
        r#"{"format_version":"1.0","provider_schemas":{"registry.terraform.io/h/big":{"resource_schemas":{"#,
        |f| {
            for i in 0..count {
                f.write_all(one.replace('%', &format!("{i:08}")).as_bytes())
                    .expect("write");
            }
        },
        r#""big_zzz":{"block":{"attributes":{"x":{"type":"strng"}}}}}}}}"#,
    );
    let out = dir.path().join("out2");
    std::fs::create_dir_all(&out).expect("mkdir");
    std::fs::write(out.join("keep.txt"), "x").expect("write");
    let started = std::time::Instant::now();
    let (code, stderr, peak) = run_measured(&schema, &out);
    println!(
        "{} MB, {count} resources: exit {code:?}, peak {} MB, {:?}",
        bytes >> 20,
        peak >> 20,
        started.elapsed()
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("many-resources.json")
            && stderr.contains("big_zzz.block.attributes.x.type"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(&out).expect("ls").count(),
        1,
        "output touched"
    );
    let limit = 40 * bytes as u64 + (150 << 20);
    assert!(
        peak < limit,
        "peak {} MB over {} MB",
        peak >> 20,
        limit >> 20
    );
}
