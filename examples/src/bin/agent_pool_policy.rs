//! `cargo run -p examples --bin agent_pool_policy`: an aspect scopes every agent pool
//! organization-wide; import, moved and a local-exec on terraform_data.

fn main() -> cdktf::Result<()> {
    let app = cdktf::App::new();
    examples::agent_pool_policy::build(&app);
    app.synth()
}
