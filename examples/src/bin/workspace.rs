//! `cargo run -p examples --bin workspace`: a workspace with a VCS repository and variables.

fn main() -> cdktf::Result<()> {
    let app = cdktf::App::new();
    examples::workspace::build(&app);
    app.synth()
}
