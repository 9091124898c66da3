//! `cargo run -p examples --bin reusable_construct`: one user-defined construct used twice.

fn main() -> cdktf::Result<()> {
    let app = cdktf::App::new();
    examples::reusable_construct::build(&app);
    app.synth()
}
