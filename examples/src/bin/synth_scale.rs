//! `cargo run --release -p examples --bin synth_scale [N]`: builds and synthesizes a stack of `N`
//! (default 10,000) agent tokens into `$CDKTF_OUTDIR` (or `cdktf.out`), and prints the time.
//! `benches/run.sh` runs it under `/usr/bin/time -v` for the whole-process figures.

fn main() -> cdktf::Result<()> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let start = std::time::Instant::now();
    let app = cdktf::App::new();
    examples::scale::build(&app, n);
    app.synth()?;
    eprintln!(
        "synth_scale: {n} resources built and synthesized in {:.3} s",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
