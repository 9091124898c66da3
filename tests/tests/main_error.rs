//! `fn main() -> cdktf::Result<()>` prints the error's sentence, not its `Debug` structure.

use std::process::Command;

#[test]
fn a_failing_main_prints_the_readable_message() {
    let out = Command::new(env!("CARGO_BIN_EXE_failing_synth"))
        .output()
        .expect("run failing_synth");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim_end(),
        "Error: duplicate construct id \"pool\" under \"s\": ids must be unique within a scope"
    );
}
