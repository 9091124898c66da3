//! A program whose synthesis fails, written the way the README writes `main`: the test
//! `tests/main_error.rs` runs it and reads what the user would read.

use cdktf::prelude::*;

fn main() -> cdktf::Result<()> {
    let app = App::with_outdir(std::env::temp_dir().join("cdktf-failing-synth"));
    let stack = TerraformStack::new(&app, "s");
    TerraformOutput::new(&stack, "pool", "a");
    TerraformOutput::new(&stack, "pool", "b");
    app.synth()
}
