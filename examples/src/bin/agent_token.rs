//! `cargo run -p examples --bin agent_token`: synthesizes the seed stack into `cdktf.out` (or
//! `$CDKTF_OUTDIR`).

fn main() -> cdktf::Result<()> {
    let app = cdktf::App::new();
    examples::agent_token::build(&app);
    app.synth()
}
