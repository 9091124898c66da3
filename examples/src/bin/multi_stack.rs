//! `cargo run -p examples --bin multi_stack`: two stacks with a cross-stack reference.

fn main() -> cdktf::Result<()> {
    let app = cdktf::App::new();
    examples::multi_stack::build(&app);
    app.synth()
}
