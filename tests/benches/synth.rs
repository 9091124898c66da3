//! `cargo bench -p integration-tests`: building and synthesizing a stack of 10,000
//! `tfe_agent_token` resources that reference one agent pool (generated tfe bindings), in
//! process, split into construction, synthesis to JSON, and writing. Whole-process figures
//! (wall time, peak memory) come from `benches/run.sh`.

use std::time::{Duration, Instant};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let n = 10_000;
    let runs = 7;
    let out = std::env::temp_dir().join(format!("cdktf-synth-bench-{}", std::process::id()));
    let (mut build, mut synth, mut total) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let start = Instant::now();
        let app = cdktf::App::with_outdir(&out);
        examples::scale::build(&app, n);
        let built = start.elapsed();
        app.synth().expect("writes");
        total.push(start.elapsed());
        build.push(built);
        // Synthesis alone (to a JSON value, nothing written), on the same tree.
        let start = Instant::now();
        let json = app.synth_stack("scale").expect("synthesizes");
        synth.push(start.elapsed());
        drop(json);
    }
    let _ = std::fs::remove_dir_all(&out);
    println!(
        "{n} agent tokens, median of {runs}: construct {:.1?}, synth to JSON {:.1?}; \
         construct + synth + write files {:.1?}",
        median(build),
        median(synth),
        median(total)
    );
}
