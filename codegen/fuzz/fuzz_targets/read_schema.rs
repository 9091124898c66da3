//! Arbitrary bytes into the schema reader and the IR builder: errors are fine, panics and
//! crashes are bugs. Interesting inputs go to `corpus/read_schema/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = codegen::read_ir(text);
    }
});
